"""Find Kamerstuk and Handelingen citations in letter text and normalise them to official ids.

Ids follow officielebekendmakingen.nl: `kst-{dossier}[-{toevoeging}]-{ondernummer}` for
Kamerstukken (both chambers) and `h-tk-{vergaderjaar}-{vergadering}-{item}` for Handelingen.
Pure functions only: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace

from ingest.models import Reference, ReferenceKind

BASE_URL = "https://zoek.officielebekendmakingen.nl"

_Span = tuple[int, int]
_Notes = Sequence[tuple[int, int, int]]  # (footnote number, start, end)

# Spaces with at most one line break: PDF text wraps citations, a blank line ends them. Bounded
# runs keep the adjacent optional gaps from backtracking quadratically on long blank stretches.
_GAP = r"[ \t\u00a0]{0,20}(?:\n[ \t\u00a0]{0,20})?"
# Markdown emphasis that PDF-to-text output leaves inside citations ("*Kamerstukken II ...*").
_EM = r"[*_]{0,2}"
_VJ = r"(?:19|20)[0-9]{2}[ \t]?[/\-–—][ \t]?[0-9]{2}(?:[0-9]{2})?(?![0-9])"
_BASE5 = r"(?<![0-9])(?<![0-9][ \u00a0])[0-9]{2}[ \u00a0]?[0-9]{3}(?![0-9])"
_BASE = rf"(?:{_BASE5}|(?<![0-9])[0-9](?:[ \u00a0][0-9]{{3}}|[0-9]{{3}})(?![0-9]))"
# Toevoeging: "-IX" / " IX" / "A" / "-A" / "-32". A space-separated one must end the dossier.
_TOEV = (
    r"(?:[ \u00a0]?-[ \u00a0]?(?:[IVXL]+|[A-Z])(?![A-Za-z0-9])"
    r"|[ \u00a0](?:[IVXL]+|[A-Z])(?=[ \t]*(?:[,);*]|[Nn]rs?\b|$))"
    r"|[A-Z](?![A-Za-z0-9])"
    r"|-[0-9]{1,2}(?![0-9]))"
)
# Four bare digits that look like a year are never a dossier in running text.
_D = rf"(?!(?:19|20)[0-9]{{2}}(?![0-9]))(?:{_BASE})(?:{_TOEV})?"
_D5 = rf"(?:{_BASE5})(?:{_TOEV})?"
_NUM = r"(?:[0-9]{1,4}(?![0-9])|[A-Z]{1,2}(?![A-Za-z0-9]))"

_DOSSIER_RE = re.compile(rf"({_BASE})({_TOEV})?")
_HEAD_RE = re.compile(
    rf"(?:\b[Kk]amerstuk(?:ken)?\b(?:[ \u00a0]+(?P<chamber>II|I|TK|EK)\b)?"
    rf"|\b(?P<house>Tweede|Eerste)[ \u00a0]+Kamer[ \u00a0]*,[ \u00a0]*vergaderjaar\b)"
    rf"{_EM}{_GAP}(?:[,/]{_GAP})?(?:(?P<vj>{_VJ}){_EM}{_GAP}[,/]?{_GAP})?{_EM}"
    rf"(?P<dossiers>{_D}(?:{_GAP}en{_GAP}{_D})*){_EM}"
)
_NR_RE = re.compile(rf"{_EM}{_GAP},?{_GAP}{_EM}\b(?P<kw>[Nn]rs?)\.?{_GAP}(?P<n>{_NUM})")
_MORE_RE = re.compile(rf"[ \t]*(?:,|\ben\b|&)[ \t]*(?P<n>{_NUM})")
_CONT_RE = re.compile(
    r"(?:[ \t]*,[ \t]*(?:p|pp|blz|pag)\.[ \t]*[0-9]+(?:[ \t]*[-–][ \t]*[0-9]+)?)?"
    rf"[ \t]*;[ \t]*(?P<kw>[Nn]rs?)\.?[ \t]*(?P<n>{_NUM})"
)
_COMPACT_TAIL_RE = re.compile(r"-(?P<n>[0-9]{1,4})(?![0-9A-Za-z\-/])")
_BARE_RE = re.compile(
    rf"(?<![0-9A-Za-z.,/\-])(?:(?P<vj>{_VJ}){_GAP},{_GAP})?(?P<d>{_D5})"
    rf"{_EM}{_GAP},?{_GAP}\b(?P<kw>[Nn]rs?)\.?{_GAP}(?P<n>{_NUM})"
)
_MOTION_RE = re.compile(
    rf"(?P<stuk>\bstuk{_GAP})?\b[Nn]rs?\.?{_GAP}(?P<n>{_NUM}){_GAP}\({_GAP}(?P<d>{_D5}){_GAP}\)"
)
_COMPACT = r"(?P<base>[1-3][0-9]{4})(?P<toev>-(?:[0-9]{1,2}|[IVXL]+|[A-Z]))?-(?P<n>[0-9]{1,4})"
_COMPACT_BARE_RE = re.compile(rf"(?<![0-9A-Za-z\-/.,]){_COMPACT}(?![0-9A-Za-z\-/])")
# Only a "(" or "t.v.v." right before a bare compact form makes it clearly a citation.
_COMPACT_CONTEXT_RE = re.compile(r"(?:\(|\b[Tt]\.[ ]?[Vv]\.[ ]?[Vv]\.)[ \t*_]*$")
_LINE_END_RE = re.compile(r"[ \t]*(?:\n|\Z)")
_HANDELINGEN_RE = re.compile(
    rf"\bHandelingen{_EM}(?:[ \u00a0]+(?P<ch>II|I|TK|EK)\b)?{_EM}{_GAP}(?:[,/]{_GAP})?"
    rf"(?P<vj>{_VJ}){_EM}{_GAP},?{_GAP}\b[Nn]r\.?{_GAP}(?P<n>[0-9]{{1,3}})(?![0-9])"
    rf"(?:{_GAP},?{_GAP}(?:items?|punt){_GAP}(?P<item>[0-9]{{1,3}})(?![0-9]))?"
)
_TVV_RE = re.compile(rf"\b[Tt]\.[ ]?[Vv]\.[ ]?[Vv]\.?{_GAP}{_COMPACT}(?![0-9A-Za-z\-/])")
_PRINTED_RE = re.compile(
    r"\bter\s+vervanging\s+van\s+(?:die|de\s+motie)?\s*gedrukt\s+onder\s+nr\.?\s*([0-9]{1,4})\b",
    re.IGNORECASE,
)
_DOSSIER_ID = r"[0-9]{4,5}(?:-(?:[IVXL]+|[A-Z]|[0-9]{1,2}))?"
_DOSSIER_ID_RE = re.compile(_DOSSIER_ID)
# A toevoeging is always followed by "-ondernummer", which keeps "kst-21501-32-1740" unambiguous.
_KST_ID_RE = re.compile(rf"kst-({_DOSSIER_ID})-([0-9]{{1,4}}|[A-Z]{{1,2}})")
_H_ID_RE = re.compile(r"h-(?:tk|ek)-[0-9]{8}-[0-9]+(?:-[0-9]+)?")

# Lower rank wins an overlap: anchored citations beat the bare and compact guesses.
_RANK = {"motion-nr": 1, "dossier-nr": 2, "compact-bare": 3}


def normalise_dossier(raw: str) -> str:
    """The compact dossier: '29 544' -> '29544', '36 800 IX' -> '36800-IX', '36 410A' -> '36410-A'.

    Raises ValueError when `raw` is not a dossier number.
    """
    m = _DOSSIER_RE.fullmatch(raw.strip())
    if m is None:
        raise ValueError(f"not a dossier number: {raw!r}")
    base = re.sub(r"[^0-9]", "", m[1])
    toev = re.sub(r"[^0-9A-Z]", "", m[2] or "")
    return f"{base}-{toev}" if toev else base


def normalise_vergaderjaar(raw: str) -> str | None:
    """'2020/21', '2020-2021', '2022–2023' -> '2020-2021'; None unless the years are consecutive."""
    m = re.fullmatch(r"\s*((?:19|20)[0-9]{2})\s*[/\-–—]\s*([0-9]{4}|[0-9]{2})\s*", raw)
    if m is None:
        return None
    first, second = int(m[1]), int(m[2])
    expected = first + 1 if len(m[2]) == 4 else (first + 1) % 100
    return f"{first}-{first + 1}" if second == expected else None


def kamerstuk_id(dossier: str, number: str) -> str:
    """The official id of a Kamerstuk: ("29 544", "1085") -> "kst-29544-1085"."""
    return f"kst-{normalise_dossier(dossier)}-{number.strip()}"


def parse_kamerstuk_id(id: str) -> tuple[str, str] | None:
    """'kst-36800-IX-29' -> ('36800-IX', '29'); None when `id` is not a Kamerstuk id."""
    m = _KST_ID_RE.fullmatch(id)
    return (m[1], m[2]) if m else None


def url_for(id: str) -> str:
    """The officielebekendmakingen.nl page of a Kamerstuk, Handelingen item or dossier."""
    if _KST_ID_RE.fullmatch(id) or _H_ID_RE.fullmatch(id):
        return f"{BASE_URL}/{id}.html"
    if _DOSSIER_ID_RE.fullmatch(id):
        return f"{BASE_URL}/dossier/{id}"
    raise ValueError(f"no known url form for {id!r}")


def motion_replacement(title: str, own_dossier: str | None = None) -> str | None:
    """The Kamerstuk id a (gewijzigde) motion replaces, from its title; None if it replaces none.

    "t.v.v. 31305-491" names it fully; "ter vervanging van die gedrukt onder nr. 491" only
    gives the number, so it needs `own_dossier`.
    """
    if m := _TVV_RE.search(title):
        return kamerstuk_id(m["base"] + (m["toev"] or ""), m["n"])
    m = _PRINTED_RE.search(title)
    if m is None or own_dossier is None:
        return None
    dossier = _normalise_or_none(own_dossier)
    return kamerstuk_id(dossier, m[1]) if dossier else None


def find_references(
    text: str, footnote_spans: Sequence[tuple[int, int, int]] = ()
) -> tuple[Reference, ...]:
    """Every Kamerstuk, Handelingen and dossier citation in `text`, in text order.

    `footnote_spans` holds `(number, start, end)` per footnote; a citation starting inside one
    gets that number as `footnote`.
    """
    candidates = [*_anchored(text), *_handelingen(text), *_motion_style(text), *_bare(text)]
    candidates += _compact_bare(text, footnote_spans)
    accepted: list[Reference] = []
    for ref in sorted(candidates, key=lambda r: (_RANK.get(r.rule, 0), r.start, -r.end)):
        if all(ref.end <= a.start or ref.start >= a.end for a in accepted):
            accepted.append(ref)
    accepted.sort(key=lambda r: (r.start, r.end))
    return tuple(_with_footnote(ref, footnote_spans) for ref in accepted)


def _normalise_or_none(raw: str) -> str | None:
    try:
        return normalise_dossier(raw)
    except ValueError:
        return None


def _footnote_at(pos: int, spans: _Notes) -> int | None:
    return next((n for n, s, e in spans if s <= pos < e), None)


def _with_footnote(ref: Reference, spans: _Notes) -> Reference:
    number = _footnote_at(ref.start, spans)
    return replace(ref, footnote=number) if number is not None else ref


def _kst(
    text: str, span: _Span, dossier: str, number: str, vj: str | None, conf: float, rule: str
) -> Reference:
    ident = kamerstuk_id(dossier, number)
    start, end = span
    return Reference(
        raw=text[start:end],
        kind=ReferenceKind.KAMERSTUK,
        id=ident,
        dossier=dossier,
        number=number,
        vergaderjaar=vj,
        start=start,
        end=end,
        url=url_for(ident),
        confidence=round(conf, 2),
        rule=rule,
    )


def _numbered(
    text: str, start: int, dossier: str, vj: str | None, nr: re.Match[str], conf: float, rule: str
) -> Iterator[Reference]:
    """The reference a "nr." clause names, plus the siblings of "nrs. 1, 2 en 3" and "; nr. 7"."""
    yield _kst(text, (start, nr.end("n")), dossier, nr["n"], vj, conf, rule)
    pos = nr.end()
    if nr["kw"].lower() == "nrs":
        while more := _MORE_RE.match(text, pos):
            yield _kst(text, more.span("n"), dossier, more["n"], vj, conf - 0.05, "kamerstuk-list")
            pos = more.end()
    while cont := _CONT_RE.match(text, pos):
        span = (cont.start("kw"), cont.end("n"))
        yield _kst(text, span, dossier, cont["n"], vj, conf - 0.05, "kamerstuk-list")
        pos = cont.end()


def _anchored(text: str) -> Iterator[Reference]:
    """Citations introduced by "Kamerstuk(ken)" or a "Tweede Kamer, vergaderjaar" footer."""
    for m in _HEAD_RE.finditer(text):
        first = _DOSSIER_RE.match(m["dossiers"])
        dossier = _normalise_or_none(first[0]) if first else None
        vj = normalise_vergaderjaar(m["vj"]) if m["vj"] else None
        footer = m["house"] is not None
        if dossier is None or (footer and vj is None):
            continue
        several = first is not None and first.end() < len(m["dossiers"])
        if nr := _NR_RE.match(text, m.end()):
            conf = 0.97 if footer else (0.98 if vj else 0.95) - (0.03 if several else 0.0)
            rule = "footer" if footer else "kamerstuk-full"
            yield from _numbered(text, m.start(), dossier, vj, nr, conf, rule)
        elif not footer and not several:
            yield from _anchored_unnumbered(text, m, dossier, vj)


def _anchored_unnumbered(
    text: str, m: re.Match[str], dossier: str, vj: str | None
) -> Iterator[Reference]:
    """A compact 'Kamerstuk 31865-188', or 'Kamerstuk 35 763' citing the dossier as a whole."""
    end = m.end("dossiers")
    base, _, toev = dossier.partition("-")
    if tail := _COMPACT_TAIL_RE.match(text, end):
        yield _kst(text, (m.start(), tail.end()), dossier, tail["n"], vj, 0.8, "compact")
    elif toev.isdigit():
        # "31865-18": a one- or two-digit tail without "nr." reads as the ondernummer.
        yield _kst(text, (m.start(), end), base, toev, vj, 0.7, "compact")
    else:
        yield _dossier_ref(text, (m.start(), end), dossier, vj)


def _dossier_ref(text: str, span: _Span, dossier: str, vj: str | None) -> Reference:
    start, end = span
    return Reference(
        raw=text[start:end],
        kind=ReferenceKind.DOSSIER,
        id=dossier,
        dossier=dossier,
        number=None,
        vergaderjaar=vj,
        start=start,
        end=end,
        url=url_for(dossier),
        confidence=0.8 if vj else 0.75,
        rule="dossier",
    )


def _handelingen(text: str) -> Iterator[Reference]:
    """'Handelingen II 2022/23, nr. 84, item 12' -> h-tk-20222023-84-12."""
    for m in _HANDELINGEN_RE.finditer(text):
        vj = normalise_vergaderjaar(m["vj"])
        if vj is None:
            continue
        chamber = "ek" if m["ch"] in ("I", "EK") else "tk"
        ident = f"h-{chamber}-{vj.replace('-', '')}-{m['n']}"
        conf = 0.97 if m["ch"] else 0.87
        if m["item"]:
            ident += f"-{m['item']}"
        else:
            conf = 0.75  # without the item the id names a whole sitting, not a page
        yield Reference(
            raw=m[0],
            kind=ReferenceKind.HANDELINGEN,
            id=ident,
            dossier=None,
            number=m["n"],
            vergaderjaar=vj,
            start=m.start(),
            end=m.end(),
            url=url_for(ident) if m["item"] else None,
            confidence=conf,
            rule="handelingen",
            item=m["item"],
        )


def _motion_style(text: str) -> Iterator[Reference]:
    """'(de motie op) stuk nr. 1181 (33 529)' and 'nr. 456 (36800-XVI)'."""
    for m in _MOTION_RE.finditer(text):
        dossier = _normalise_or_none(m["d"])
        if dossier:
            conf = 0.8 if m["stuk"] else 0.75
            yield _kst(text, m.span(), dossier, m["n"], None, conf, "motion-nr")


def _bare(text: str) -> Iterator[Reference]:
    """'36 625-XII, nr. 8' and '2020/21, 35 420, nr. 300' without the word Kamerstuk."""
    for m in _BARE_RE.finditer(text):
        dossier = _normalise_or_none(m["d"])
        if dossier:
            vj = normalise_vergaderjaar(m["vj"]) if m["vj"] else None
            yield from _numbered(text, m.start(), dossier, vj, m, 0.9, "dossier-nr")


def _compact_bare(text: str, spans: _Notes) -> Iterator[Reference]:
    """'(21501-32-1740)': compact forms, only where the context says they are citations."""
    for m in _COMPACT_BARE_RE.finditer(text):
        if _compact_context(text, m, spans):
            dossier = m["base"] + (m["toev"] or "")
            conf = 0.75 if m["toev"] else 0.7
            yield _kst(text, m.span(), dossier, m["n"], None, conf, "compact-bare")


def _compact_context(text: str, m: re.Match[str], spans: _Notes) -> bool:
    """Whether a bare compact form stands where only a citation would."""
    before = text[max(0, m.start() - 12) : m.start()]
    if _COMPACT_CONTEXT_RE.search(before):
        return True
    if m["toev"] is not None and _footnote_at(m.start(), spans) is not None:
        return True
    # Committee decision lists end an agenda line with the document: "... - 34552-15".
    return before.endswith(" - ") and _LINE_END_RE.match(text, m.end()) is not None
