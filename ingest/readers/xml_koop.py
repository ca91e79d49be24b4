"""KOOP Kamerstuk XML helpers: metadata properties, motion signers and text with spans.

`koop_properties` reads the `<meta name=… content=…>` records (present in the motion XML the
Tweede Kamer serves) and the `kamerstukkop`, `dossier` and `stuk` elements (present in every
Kamerstuk); the meta records win where both state the same thing. `TextBuilder` assembles the
whitespace-normalised text of a block with its footnote markers and link spans.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

from ingest.models import LinkHit, MarkerHit

_WS = re.compile(r"\s+")
_YEARS = re.compile(r"(\d{4})\s*[-–/]\s*(\d{2}|\d{4})\b")
# "Gewijzigde motie … t.v.v. 31305-491" (documenttitel): the replaced Kamerstuk as dossier-nr.
_TVV = re.compile(r"\bt\.\s?v\.\s?v\.\s*(\d+(?:-[A-Z0-9]+)*)-([A-Z0-9]+)\b", re.IGNORECASE)
# "TER VERVANGING VAN DIE GEDRUKT ONDER NR. 491" (stuk titel): same dossier.
_TER_VERVANGING = re.compile(r"TER VERVANGING VAN DIE GEDRUKT ONDER NR\.?\s*(\w+)", re.IGNORECASE)
_MOTION_MEMBER = re.compile(
    r"^(?:GEWIJZIGDE\s+)?MOTIE VAN (?:HET LID|DE LEDEN)\s+(.+?)(?:\s+C\.\s?S\.|\s+EN\s|\s+TER\s|$)",
    re.IGNORECASE,
)
_SIGNER_MAX_WORDS = 5
_NAME_PARTICLES = {"van", "de", "der", "den", "het", "ter", "ten", "in", "'t"}

Meta = list[tuple[str, str, str]]  # (name, scheme, content) in document order


def norm(text: str | None) -> str:
    """Collapse runs of whitespace to one space and strip."""
    return _WS.sub(" ", text or "").strip()


def text_of(element: ET.Element | None, sep: str = "") -> str:
    """The text inside an element without its footnotes, whitespace normalised ("" for None).

    `sep` goes between child elements (" " for `<voornaam>…</voornaam><achternaam>…`).
    """
    return "" if element is None else norm(sep.join(_pieces(element, sep)))


def _pieces(element: ET.Element, sep: str) -> list[str]:
    parts = [element.text or ""]
    for child in element:
        if child.tag != "noot":  # a footnote is not part of a title or a name
            parts.append(sep.join(_pieces(child, sep)))
        parts.append(child.tail or "")
    return parts


def read_meta(root: ET.Element) -> Meta:
    """The `<metadata>/<meta>` records as (name, scheme, content), in document order."""
    return [
        (m.get("name", ""), m.get("scheme", ""), norm(m.get("content")))
        for m in root.findall("metadata/meta")
    ]


def _first(meta: Meta, name: str, scheme: str | None = None) -> str:
    for key, sch, content in meta:
        if key == name and (scheme is None or sch == scheme) and content:
            return content
    return ""


def dossier_number(raw: str) -> str:
    """ "31 305" -> "31305", "21 501-20" -> "21501-20", "36455-(R2188)" -> "36455"."""
    raw = re.sub(r"-?\(.*?\)", "", raw)
    raw = re.sub(r"(?<=\d)\s+(?=\d)", "", norm(raw))
    return raw.replace(" ", "-")


def _dossier(kamerstuk: ET.Element, meta: Meta) -> str:
    nummer = kamerstuk.find("dossier/dossiernummer")
    if nummer is not None and nummer.find("dossiernr") is not None:
        parts = [dossier_number(text_of(nummer.find("dossiernr")))]
        # A budget chapter (begrotingshoofdstuk IX) is part of the id: kst-36800-IX-29.
        parts += [text_of(e) for e in nummer if e.tag == "begrotingshoofdstuk" and text_of(e)]
        return "-".join(parts)
    return dossier_number(_first(meta, "OVERHEIDop.dossiernummer"))


def _vergaderjaar(kamerstuk: ET.Element, meta: Meta) -> str:
    candidates = [_first(meta, "OVERHEIDop.vergaderjaar")]
    candidates += [
        text_of(t)
        for t in kamerstuk.findall("kamerstukkop/tekstregel")
        if t.get("inhoud") == "vergaderjaar"
    ]
    for text in candidates:
        m = _YEARS.search(text)
        if m:
            end = m.group(2) if len(m.group(2)) == 4 else m.group(1)[:2] + m.group(2)
            return f"{m.group(1)}-{end}"
    return ""


def _iso(value: str | None) -> str:
    try:
        return dt.date.fromisoformat((value or "").strip()).isoformat()
    except ValueError:
        return ""


def _date(kamerstuk: ET.Element, meta: Meta) -> tuple[str, str]:
    """(ISO date, evidence): "Voorgesteld"/dagtekening in the body, else DCTERMS.issued."""
    for container in kamerstuk.iter():
        if container.tag not in {"datumtekst", "dagtekening"}:
            continue
        for el in container.iter():
            iso = _iso(el.get("isodatum"))
            if iso:
                return iso, text_of(container)
    issued = _iso(_first(meta, "DCTERMS.issued"))
    if issued:
        return issued, f"DCTERMS.issued {issued}"
    for el in kamerstuk.iter("datum"):
        iso = _iso(el.get("isodatum"))
        if iso:
            return iso, text_of(el) or f"isodatum {iso}"
    return "", ""


def _kind(meta: Meta, stuk_title: str) -> str:
    stated = _first(meta, "DC.type", "OVERHEIDop.KamerstukTypen").lower()
    upper = stuk_title.upper()
    if stated == "motie" or upper.startswith(("MOTIE", "GEWIJZIGDE MOTIE")):
        return "motie"
    if stated == "brief" or upper.startswith("BRIEF VAN"):
        return "kamerbrief"
    return "other"


def _replaces(title: str, stuk_title: str, dossier: str) -> str:
    m = _TVV.search(title)
    if m:
        return f"kst-{m.group(1)}-{m.group(2)}"
    m = _TER_VERVANGING.search(stuk_title)
    return f"kst-{dossier}-{m.group(1)}" if m and dossier else ""


def _signature(kamerstuk: ET.Element) -> tuple[str, str]:
    """(signatory, role) of the first `ondertekening`: naam, functie without "De" and ","."""
    sign = kamerstuk.find(".//ondertekening")
    if sign is None:
        return "", ""
    # voornaam/achternaam children may touch without whitespace: join the pieces with spaces.
    name = text_of(sign.find("naam"), sep=" ")
    role = re.sub(r"^de\s+", "", text_of(sign.find("functie")), flags=re.IGNORECASE)
    return name, role.rstrip(" ,")


def koop_properties(root: ET.Element, kamerstuk: ET.Element) -> dict[str, str]:
    """What the XML states about the Kamerstuk; keys with no value are left out."""
    meta = read_meta(root)
    dossier = _dossier(kamerstuk, meta)
    ondernummer = text_of(kamerstuk.find("stuk/stuknr/ondernummer")) or _first(
        meta, "OVERHEIDop.ondernummer"
    )
    identifier = _first(meta, "DC.identifier")
    if not identifier.startswith("kst-"):
        identifier = f"kst-{dossier}-{ondernummer}" if dossier and ondernummer else ""
    stuk_title = text_of(kamerstuk.find("stuk/titel"))
    dossier_title = text_of(kamerstuk.find("dossier/titel")) or _first(
        meta, "OVERHEIDop.dossiertitel"
    )
    title = _first(meta, "OVERHEIDop.documenttitel") or stuk_title or dossier_title
    date, evidence = _date(kamerstuk, meta)
    signatory, role = _signature(kamerstuk)
    indieners = [c for name, _, c in meta if name == "OVERHEIDop.indiener" and c]
    props = {
        "kamerstuk": identifier,
        "dossier": dossier,
        "ondernummer": ondernummer,
        "vergaderjaar": _vergaderjaar(kamerstuk, meta),
        "date": date,
        "date_evidence": evidence,
        "kind": _kind(meta, stuk_title),
        "title": title,
        "dossier_title": dossier_title,
        "stuk_title": stuk_title,
        "signatory": signatory,
        "role": role,
        "indieners": "; ".join(indieners),
        "replaces": _replaces(title, stuk_title, dossier),
        "kamer": _kamer(kamerstuk, meta),
    }
    return {key: value for key, value in props.items() if value}


def _kamer(kamerstuk: ET.Element, meta: Meta) -> str:
    for regel in kamerstuk.findall("kamerstukkop/tekstregel"):
        if regel.get("inhoud") == "kameraanduiding" and text_of(regel):
            return text_of(regel)
    return _first(meta, "DC.creator")


def signer_names(group: ET.Element) -> list[str]:
    """The member names of a motion's closing `al-groep`, or [] if it is not such a list."""
    if not len(group) or any(child.tag != "al" or len(child) for child in group):
        return []
    names = [text_of(child).rstrip(".,; ") for child in group]
    for name in names:
        if not name or not name[0].isupper() or re.search(r"[,;:\d]", name):
            return []
        if len(name.split()) > _SIGNER_MAX_WORDS:
            return []
    return names


def _title_case(name: str) -> str:
    """ "VAN NISPEN" -> "Van Nispen", "DIEDERIK VAN DIJK" -> "Diederik van Dijk"."""
    words = name.lower().split()
    return " ".join(
        w if i and w in _NAME_PARTICLES else w[:1].upper() + w[1:] for i, w in enumerate(words)
    )


def motion_signature(props: dict[str, str], signers: list[str]) -> dict[str, str]:
    """Signatory/role of a motion: its first signer (trailing name list, else the stuk titel)."""
    first = signers[0] if signers else ""
    if not first:
        m = _MOTION_MEMBER.match(props.get("stuk_title", ""))
        first = _title_case(m.group(1)) if m else ""
    chamber = "Eerste Kamer" if "eerste kamer" in props.get("kamer", "").lower() else "Tweede Kamer"
    out = {"role": f"lid {chamber}"}
    if first:
        out["signatory"] = first
    if signers:
        out["signers"] = "; ".join(signers)
    return out


# --- text with spans ---------------------------------------------------------------------------


class TextBuilder:
    """The raw text of one block or footnote, with marker and link events at raw offsets."""

    def __init__(self) -> None:
        self.chunks: list[str] = []
        self.size = 0
        self.markers: list[tuple[int, int, str]] = []  # (raw offset, number, raw label)
        self.links: list[tuple[int, int, str]] = []  # (raw start, raw end, target)

    def add(self, text: str | None) -> None:
        if text:
            self.chunks.append(text)
            self.size += len(text)

    def finish(self) -> tuple[str, tuple[MarkerHit, ...], tuple[LinkHit, ...]]:
        """Normalised text plus markers and links mapped onto it."""
        text, pos = _normalise("".join(self.chunks))
        markers = tuple(
            MarkerHit(_before_space(text, pos[at]), number, raw, "xml-noot")
            for at, number, raw in self.markers
        )
        links = []
        for start, end, target in self.links:
            start, end = pos[start], pos[end]
            # The span covers the extref's text only, not the whitespace around it.
            while start < end and text[start] == " ":
                start += 1
            while end > start and text[end - 1] == " ":
                end -= 1
            if start < end:
                links.append(LinkHit(start, end, target, "xml-extref"))
        return text, markers, tuple(links)


def _normalise(raw: str) -> tuple[str, list[int]]:
    """Collapse whitespace runs to one space and strip; map every raw offset to the new text.

    An offset inside a whitespace run maps to just after the preceding non-space character.
    """
    out: list[str] = []
    pos = [0] * (len(raw) + 1)
    pending = False
    for i, char in enumerate(raw):
        if char.isspace():
            pending = bool(out)
            pos[i] = len(out)
            continue
        if pending:
            out.append(" ")
            pending = False
        pos[i] = len(out)
        out.append(char)
    pos[len(raw)] = len(out)
    return "".join(out), pos


def _before_space(text: str, offset: int) -> int:
    # A marker that stood after a space belongs to the word before it.
    while offset > 0 and text[offset - 1] == " ":
        offset -= 1
    return offset
