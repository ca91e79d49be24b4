"""Letter metadata: kind, title, date (with precision and evidence), signatory, own Kamerstuk."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest import dates
from ingest.furniture import FOOTER
from ingest.models import (
    NO_DATE,
    Block,
    BlockKind,
    DateInfo,
    DatePrecision,
    DocumentKind,
    FootnoteSource,
    Furniture,
    FurnitureKind,
    Metadata,
    RawDocument,
)
from ingest.sentences import sentence_at

_ROLE = (
    r"(?:[Mm]inister(?:-[Pp]resident)?|[Ss]taatssecretaris|[Mm]inister voor|"
    r"Vice-?minister-?president)"
)
_UPPER = "A-ZÀ-ÖØ-Þ"
_PARTICLE = r"(?:(?:van|de|der|den|ter|ten|te|el|von|in 't|op|het)\s)*"
_NAME = (
    rf"(?:(?:[{_UPPER}][a-z]?\.(?:[{_UPPER}][a-z]?\.)*)\s?"  # initials: "C.E.G.", "Th."
    rf"|[{_UPPER}][^\W\d_]+\s)"  # or a first name: "Mariëlle"
    rf"{_PARTICLE}[{_UPPER}][^\W\d_'’]*(?:['’-][^\W\d_]+)*(?:[- ][{_UPPER}][^\W\d_'’-]+)?"
)
_SIGNATURE = re.compile(
    rf"(?:^|\n\n|(?<=[.!?] ))De (?P<role>{_ROLE}\b[^\n]{{0,140}}?),\s*\n*\s*"
    rf"(?P<name>{_NAME})[ \t]*(?=\n|$)"
)
_PLACE_DATE = re.compile(
    r"(?:^|\s)(?:Den Haag|'s-Gravenhage|’s-Gravenhage),?\s+(?P<date>\d{1,2}\s+\w+\s+\d{4})"
)
_GENERIC_HEADINGS = frozenset(
    {"inleiding", "aanleiding", "samenvatting", "inhoud", "tot slot", "slot", "bijlage"}
)
_FUTURE = re.compile(
    r"\b(?:zal|zullen|ga|gaat|gaan|start|starten|verwacht|planning|gepland|voorzien|"
    r"voornemens|beoogd|komt|komen)\b",
    re.IGNORECASE,
)
_LETTER_OPENING = re.compile(
    r"\bMet (?:deze|de(?:ze)? (?:voortgangs)?)?\s*(?P<what>\w*brief)\s+"
    r"(?:informeer ik u(?: graag)? over|bied ik u|geef ik|laat ik u weten|stuur ik u|"
    r"ontvangt u|reageer ik op)\s+(?P<rest>[^.]{10,160})\.",
)


def extract_metadata(
    raw: RawDocument, blocks: Sequence[Block], body: str, footnotes: Sequence[FootnoteSource]
) -> Metadata:
    """Metadata from what the format states, the furniture, and the text itself."""
    props = raw.properties
    evidence: dict[str, str] = {}
    kamerstuk, vergaderjaar = _own_kamerstuk(props, raw.furniture, evidence)
    signatory, role = _signature(props, body, evidence)
    return Metadata(
        kind=_kind(props, body, signatory, raw.furniture),
        title=_title(props, raw.furniture, blocks, body, evidence),
        date=_date(props, raw.furniture, blocks, footnotes),
        signatory=signatory,
        role=role,
        kamerstuk=kamerstuk,
        vergaderjaar=vergaderjaar,
        evidence=evidence,
    )


def _own_kamerstuk(
    props: dict[str, str], furniture: Sequence[Furniture], evidence: dict[str, str]
) -> tuple[str | None, str | None]:
    if props.get("kamerstuk"):
        evidence["kamerstuk"] = "XML metadata"
        return props["kamerstuk"], props.get("vergaderjaar")
    for item in furniture:
        m = FOOTER.match(item.text) if item.kind is FurnitureKind.FOOTER else None
        if m:
            evidence["kamerstuk"] = f"page footer: {item.text}"
            dossier = re.sub(r"[\s-]+", "", m.group("dossier"))
            dossier = re.sub(r"^(\d+)([A-Z]+)", r"\1-\2", dossier)
            years = re.search(r"(\d{4})\s*[–\-/]\s*(\d{2,4})", item.text)
            jaar = f"{years.group(1)}-{int(years.group(1)) + 1}" if years else None
            return f"kst-{dossier}-{m.group('nr')}", jaar
    return None, None


def _signature(
    props: dict[str, str], body: str, evidence: dict[str, str]
) -> tuple[str | None, str | None]:
    if props.get("signatory"):
        evidence["signatory"] = "XML ondertekening"
        return props["signatory"], props.get("role")
    found = list(_SIGNATURE.finditer(body))
    if not found:
        return None, None
    # Signatures close a letter; of co-signed letters the first signer is the sender.
    closing = [m for m in found if found[-1].start() - m.end() < 400]
    m = closing[0]
    evidence["signatory"] = "; ".join(" ".join(x.group(0).split()) for x in closing)
    role = re.sub(r"\s+", " ", m.group("role")).strip()
    return m.group("name").strip(), role


def _kind(
    props: dict[str, str], body: str, signatory: str | None, furniture: Sequence[Furniture]
) -> DocumentKind:
    if props.get("kind"):
        return DocumentKind(props["kind"])
    if re.search(r"De Kamer,\s*gehoord de beraadslaging", body):
        return DocumentKind.MOTIE
    if re.search(r"\bBesluitenlijst\b", body[:2000]):
        return DocumentKind.OTHER
    letter_cues = signatory is not None or any(f.kind is FurnitureKind.DATE for f in furniture)
    if letter_cues or re.search(r"\b(?:uw Kamer|Met deze brief)\b", body, re.IGNORECASE):
        return DocumentKind.KAMERBRIEF
    return DocumentKind.BIJLAGE


def _title(
    props: dict[str, str],
    furniture: Sequence[Furniture],
    blocks: Sequence[Block],
    body: str,
    evidence: dict[str, str],
) -> str | None:
    for item in furniture:
        if item.kind is FurnitureKind.SUBJECT:
            evidence["title"] = "Betreft line"
            return re.sub(r"^Betreft:?\s*", "", item.text).strip()
    if props.get("title"):
        evidence["title"] = "XML metadata"
        return props["title"]
    heading = _first_heading(blocks)
    if heading:
        evidence["title"] = "first heading"
        return heading
    m = _LETTER_OPENING.search(body[:3000])
    if m:
        evidence["title"] = f"opening sentence: {m.group(0)}"
        rest = re.sub(r"\s+aan$", "", m.group("rest").strip())
        return f"{m.group('what').capitalize()}: {rest}"
    return None


def _first_heading(blocks: Sequence[Block]) -> str | None:
    """The heading that opens the document, skipping sender, dossier and place-date lines."""
    for block in blocks[:4]:
        if block.kind is not BlockKind.HEADING:
            return None
        text = re.sub(r"^Nr\.\s*\w+\s+", "", block.text.strip())  # "Nr. 1158 BRIEF VAN ..."
        if (
            text.lower() in _GENERIC_HEADINGS
            or text.startswith(("Ministerie van", "Aan de ", "Geachte", "Vergaderjaar"))
            or re.match(r"(?:Tweede|Eerste) Kamer der Staten-Generaal", text)
            or _PLACE_DATE.search(text)
            or re.match(r"\d{1,2} ?\d{3}\b", text)  # "29 544 Arbeidsmarktbeleid"
        ):
            continue
        return text
    return None


def _date(
    props: dict[str, str],
    furniture: Sequence[Furniture],
    blocks: Sequence[Block],
    footnotes: Sequence[FootnoteSource],
) -> DateInfo:
    if props.get("date"):
        parsed = dates.parse_iso(props["date"])
        if parsed:
            evidence = props.get("date_evidence") or f"XML metadata {props['date']}"
            return DateInfo(parsed[0], parsed[1], evidence, 1.0, "xml-metadata")
    for item in furniture:
        mention = dates.parse_date(item.text) if item.kind is FurnitureKind.DATE else None
        if mention and mention.precision is DatePrecision.DAY:
            return DateInfo(mention.value, mention.precision, item.text, 0.99, "datum-line")
    for block in blocks[:6]:
        m = _PLACE_DATE.search(block.text[:400])
        mention = dates.parse_date(m.group("date")) if m else None
        if mention:
            evidence = m.group(0).strip()
            return DateInfo(mention.value, mention.precision, evidence, 0.9, "place-date-line")
    return _inferred_date(blocks, footnotes)


def _inferred_date(blocks: Sequence[Block], footnotes: Sequence[FootnoteSource]) -> DateInfo:
    """The year of the latest past event the letter mentions (a lower bound: say so)."""
    best: tuple[dates.DateMention, str] | None = None
    for block in blocks:
        for mention in dates.find_dates(block.text):
            sentence = _sentence_around(block.text, mention.start)
            if _FUTURE.search(sentence):
                continue
            if best is None or mention.value > best[0].value:
                best = (mention, sentence)
    if best is not None:
        mention, sentence = best
        evidence = f"inferred from the latest dated event: '{mention.text}' ({sentence[:160]})"
        return DateInfo(mention.value, DatePrecision.YEAR, evidence, 0.5, "latest-event")
    return _year_of_sources(footnotes, blocks)


def _year_of_sources(footnotes: Sequence[FootnoteSource], blocks: Sequence[Block]) -> DateInfo:
    texts = [f.text for f in footnotes] + [b.text for b in blocks if "Bron" in b.text]
    years = [int(y) for t in texts for y in re.findall(r"\b(?:19|20)\d\d\b", t)]
    if not years:
        return NO_DATE
    year = max(years)
    evidence = f"inferred from the latest year of the cited sources: {year}"
    return DateInfo(dates.parse_iso(str(year))[0], DatePrecision.YEAR, evidence, 0.4, "sources")


def _sentence_around(text: str, offset: int) -> str:
    start, end = sentence_at(text, offset)
    return text[start:end]
