"""The reader: one letter as metadata, blocks of segments, footnotes and the facts it holds.

Every block (a passage) is split into segments whose texts concatenate to the block text
exactly: plain text, footnote markers (zero-width where the cleaned text dropped the marker),
Kamerstuk references and entity mentions. Overlaps are resolved deterministically: a marker
beats a reference beats a mention; among mentions the longer wins, then the earlier; a span
is placed whole or not at all, so no character is ever lost or duplicated.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ingest.references import url_for
from kb.schema import RESOLVED
from kb.store import Store

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december")  # fmt: skip
PRECISIONS = {"day": "dag", "month": "maand", "year": "jaar"}
DATE_RULES = {
    "xml-metadata": "uit de metadata van het XML-bestand",
    "sidecar": "uit het begeleidende .meta.json-bestand",
    "datum-line": "uit de regel ‘Datum’ in het briefhoofd",
    "place-date-line": "uit de plaats- en datumregel boven de brief",
    "latest-event": "afgeleid uit de laatste gedateerde gebeurtenis in de tekst "
    "(een ondergrens: de brief is niet van eerder)",
    "sources": "afgeleid uit het jongste jaartal van de aangehaalde bronnen (een ondergrens)",
    "none": "geen datum gevonden",
}
WARNING_LABELS = {
    "reader": "inlezer",
    "no-date": "geen datum",
    "footnote-without-marker": "voetnoot zonder verwijzing in de tekst",
    "marker-without-footnote": "verwijzing zonder voetnoot",
    "extractor-failed": "extractie mislukt",
}
TYPE_LABELS = {"organisation": "organisatie", "programme": "programma", "pilot": "pilot",
               "person": "persoon", "law": "wet", "fund": "fonds", "party": "partij"}  # fmt: skip


@dataclass(frozen=True)
class Plain:
    """Text without markup."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class FootnoteMarker:
    """A footnote marker; `text` is "" where the cleaned text holds no marker characters."""

    text: str
    start: int
    end: int
    number: int
    footnote: str  # the footnote's text
    anchor: str  # id of the marker element ("noot-3")
    target: str  # id of the footnote in the list ("voetnoot-3")


@dataclass(frozen=True)
class KamerstukLink:
    """A Kamerstuk reference: to the cited letter when it is in the KB, else to `url`."""

    text: str
    start: int
    end: int
    raw: str
    id: str
    resolved: str | None
    url: str | None


@dataclass(frozen=True)
class EntityMark:
    """A mention of an entity (`node` is its graph node key, e.g. "organisation:uwv")."""

    text: str
    start: int
    end: int
    type: str
    name: str
    node: str


Segment = Plain | FootnoteMarker | KamerstukLink | EntityMark


@dataclass(frozen=True)
class Block:
    """A passage of the body (heading, paragraph, list_item) split into segments."""

    index: int
    kind: str
    text: str
    start: int
    end: int
    page: int | None
    segments: tuple[Segment, ...]

    @property
    def anchor(self) -> str:
        return f"p-{self.start}"


@dataclass(frozen=True)
class Footnote:
    """A footnote with its own references (and mentions) as segments."""

    number: int
    text: str
    start: int
    end: int
    page: int | None
    anchor: str  # "voetnoot-3"
    marker_anchor: str | None  # the marker in the body to link back to, if it is there
    marker_offset: int | None
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class ReaderWarning:
    code: str
    label: str  # Dutch
    message: str


@dataclass(frozen=True)
class Metadata:
    """The letter's metadata, with Dutch-ready labels for the date and how it was found."""

    id: str
    title: str | None
    kind: str
    date: str | None
    date_label: str  # "17 november 2021", "2023", "onbekend"
    date_precision: str | None
    date_precision_label: str | None
    date_evidence: str | None
    date_rule: str
    date_how: str  # Dutch explanation of date_rule
    date_confidence: float
    signatory: str | None
    role: str | None
    kamerstuk: str | None
    kamerstuk_url: str | None
    vergaderjaar: str | None
    source: str
    sources: tuple[str, ...]
    pages: int
    format: str
    ingested_at: str


@dataclass(frozen=True)
class Fact:
    """A motion, figure or commitment in the letter; start..end is the span to show."""

    kind: str  # "motie" | "cijfer" | "toezegging"
    label: str
    detail: str
    quote: str
    start: int
    end: int
    node: str | None  # graph node key where the graph has one


@dataclass(frozen=True)
class FactCounts:
    motions: int
    statistics: int
    commitments: int


@dataclass(frozen=True)
class LetterView:
    metadata: Metadata
    warnings: tuple[ReaderWarning, ...]
    blocks: tuple[Block, ...]
    footnotes: tuple[Footnote, ...]
    facts: tuple[Fact, ...]
    body_end: int

    @property
    def counts(self) -> FactCounts:
        kinds = [f.kind for f in self.facts]
        return FactCounts(kinds.count("motie"), kinds.count("cijfer"), kinds.count("toezegging"))

    def facts_of(self, kind: str) -> tuple[Fact, ...]:
        return tuple(f for f in self.facts if f.kind == kind)


@dataclass(frozen=True)
class LetterChoice:
    """A letter for the picker."""

    id: str
    title: str | None
    date: str | None


@dataclass(frozen=True)
class Highlight:
    """The passage to highlight: the range, the blocks/footnotes it touches, where to scroll."""

    start: int
    end: int
    anchors: frozenset[str]
    target: str | None


# --- the picker and the letter -------------------------------------------------------------


def letters(store: Store) -> tuple[LetterChoice, ...]:
    """Every letter, newest first (undated last), for the picker; the first is the default."""
    rows = store.db.execute(
        "SELECT id, title, date FROM documents ORDER BY date IS NULL, date DESC, id"
    )
    return tuple(LetterChoice(r["id"], r["title"], r["date"]) for r in rows)


def letter_view(store: Store, document: str) -> LetterView | None:
    """The letter `document` ready to read, or None if the KB has no such letter."""
    row = store.db.execute("SELECT * FROM documents WHERE id = ?", (document,)).fetchone()
    if row is None:
        return None
    rows = _Rows.load(store, document)
    notes = _footnote_anchors(rows.footnotes)
    placed = _place_markers(rows.passages, rows.footnotes)
    blocks = tuple(
        _block(p, [(f, notes[i]) for i, f in enumerate(rows.footnotes) if placed[i] == p["idx"]],
               rows.references, rows.mentions)
        for p in rows.passages
    )  # fmt: skip
    footnotes = tuple(
        _footnote(f, notes[i], placed[i] is not None, rows.references, rows.mentions)
        for i, f in enumerate(rows.footnotes)
    )
    warnings = tuple(
        ReaderWarning(w["code"], WARNING_LABELS.get(w["code"], w["code"]), w["message"])
        for w in rows.warnings
    )
    return LetterView(_metadata(row), warnings, blocks, footnotes,
                      _facts(store, document, row["text"]), row["body_end"])  # fmt: skip


@dataclass(frozen=True)
class _Rows:
    """The rows of one letter that the reader needs, each list in reading order."""

    passages: list[dict]
    footnotes: list[dict]
    references: list[dict]
    mentions: list[dict]
    warnings: list[dict]

    @classmethod
    def load(cls, store: Store, document: str) -> _Rows:
        def rows(sql: str) -> list[dict]:
            return [dict(r) for r in store.db.execute(sql, (document,))]

        return cls(
            rows("SELECT * FROM passages WHERE document = ? ORDER BY idx"),
            rows("SELECT * FROM footnotes WHERE document = ? ORDER BY start, number"),
            rows(f'SELECT r.*, {RESOLVED} FROM "references" r WHERE document = ? '
                 'ORDER BY start, "end" DESC, id'),
            rows('SELECT * FROM mentions WHERE document = ? ORDER BY start, "end" DESC, entity'),
            rows("SELECT * FROM warnings WHERE document = ? ORDER BY idx"),
        )  # fmt: skip


def _footnote_anchors(footnotes: list[dict]) -> list[tuple[str, str]]:
    """(marker id, footnote id) per footnote: "noot-3"/"voetnoot-3", suffixed when repeated."""
    seen: dict[int, int] = {}
    out = []
    for f in footnotes:
        seen[f["number"]] = seen.get(f["number"], 0) + 1
        suffix = "" if seen[f["number"]] == 1 else f"-{seen[f['number']]}"
        out.append((f"noot-{f['number']}{suffix}", f"voetnoot-{f['number']}{suffix}"))
    return out


def _place_markers(passages: list[dict], footnotes: list[dict]) -> list[int | None]:
    """Per footnote, the idx of the first passage whose start..end (inclusive) holds its marker."""
    out: list[int | None] = []
    for f in footnotes:
        offset = f["marker_offset"]
        hit = None if offset is None else next(
            (p["idx"] for p in passages if p["start"] <= offset <= p["end"]), None
        )  # fmt: skip
        out.append(hit)
    return out


# --- segments ------------------------------------------------------------------------------

# A candidate span: (start, end, make) where make(text, start, end) builds its segment.
_Candidate = tuple[int, int, Callable[[str, int, int], Segment]]


def _block(p: dict, markers: list[tuple[dict, tuple[str, str]]], references: list[dict],
           mentions: list[dict]) -> Block:  # fmt: skip
    """A passage with its markers, references and mentions resolved into segments."""
    text, base = p["text"], p["start"]
    points, spans = [], []
    for f, (anchor, target) in markers:
        offset, raw = f["marker_offset"], f["marker_raw"] or ""
        at = offset - base
        width = len(raw) if raw and text[at : at + len(raw)] == raw else 0

        def make(t: str, s: int, e: int, f: dict = f, a: str = anchor, g: str = target):
            return FootnoteMarker(t, s, e, f["number"], f["text"], a, g)

        if width:
            spans.append((offset, offset + width, make))
        else:
            points.append((offset, make("", offset, offset)))
    spans += _citations(references, base, base + len(text))
    spans += _mentions(mentions, base, base + len(text))
    segments = _segments(text, base, points, spans)
    return Block(p["idx"], p["kind"], text, base, p["end"], p["page"], segments)


def _footnote(f: dict, anchors: tuple[str, str], has_marker: bool, references: list[dict],
              mentions: list[dict]) -> Footnote:  # fmt: skip
    """A footnote with its references (and mentions) resolved into segments."""
    start, end = f["start"], f["start"] + len(f["text"])
    spans = _citations(references, start, end) + _mentions(mentions, start, end)
    return Footnote(
        f["number"], f["text"], f["start"], f["end"], f["page"], anchors[1],
        anchors[0] if has_marker else None, f["marker_offset"],
        _segments(f["text"], start, [], spans),
    )  # fmt: skip


def _overlapping(rows: list[dict], start: int, end: int) -> list[dict]:
    return [r for r in rows if r["start"] < end and start < r["end"]]


def _citations(references: list[dict], start: int, end: int) -> list[_Candidate]:
    """References overlapping start..end, in placement order (earlier, then longer)."""
    out = []
    for r in _overlapping(references, start, end):

        def make(t: str, s: int, e: int, r: dict = r) -> KamerstukLink:
            return KamerstukLink(t, s, e, r["raw"], r["id"], r["resolved"], _web(r["url"]))

        out.append((r["start"], r["end"], make))
    return out


def _web(url: str | None) -> str | None:
    """`url` if it is a web address (a format may carry its own link targets), else None."""
    return url if url and url.lower().startswith(("https://", "http://")) else None


def _mentions(mentions: list[dict], start: int, end: int) -> list[_Candidate]:
    """Mentions overlapping start..end, longer first, then earlier, then by node key."""
    rows = sorted(
        _overlapping(mentions, start, end),
        key=lambda m: (m["start"] - m["end"], m["start"], m["entity"]),
    )
    out = []
    for m in rows:

        def make(t: str, s: int, e: int, m: dict = m) -> EntityMark:
            return EntityMark(t, s, e, m["type"], m["name"], m["entity"])

        out.append((m["start"], m["end"], make))
    return out


def _segments(
    text: str, base: int, points: list[tuple[int, FootnoteMarker]], spans: list[_Candidate]
) -> tuple[Segment, ...]:
    """Split `text` (at offset `base`) into segments; `spans` in priority order, each placed
    whole (clipped to the text) only where no earlier span or zero-width marker lies inside."""
    n = len(text)
    owner = [-1] * n
    inner = {offset - base for offset, _ in points}
    for k, (s, e, _make) in enumerate(spans):
        a, b = max(s - base, 0), min(e - base, n)
        if a < b and owner[a:b] == [-1] * (b - a) and not any(a < p < b for p in inner):
            owner[a:b] = [k] * (b - a)
    zero = sorted(points, key=lambda p: (p[0], p[1].number))
    out: list[Segment] = []
    i = z = 0
    while i < n:
        while z < len(zero) and zero[z][0] - base <= i:
            out.append(zero[z][1])
            z += 1
        k, j = owner[i], i + 1
        nxt = zero[z][0] - base if z < len(zero) else n
        while j < n and owner[j] == k and j != nxt:
            j += 1
        piece = text[i:j]
        out.append(
            Plain(piece, base + i, base + j) if k < 0 else spans[k][2](piece, base + i, base + j)
        )
        i = j
    out += [marker for _, marker in zero[z:]]
    return tuple(out)


# --- metadata and facts --------------------------------------------------------------------


def date_label(date: str | None) -> str:
    """An ISO date truncated to its precision in Dutch: "17 november 2021", "maart 2025"."""
    if not date:
        return "onbekend"
    parts = date.split("-")
    if len(parts) == 1:
        return parts[0]
    month = MONTHS[int(parts[1]) - 1]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{int(parts[2])} {month} {parts[0]}"


def _metadata(row: sqlite3.Row) -> Metadata:
    kamerstuk = row["kamerstuk"]
    sources = tuple(json.loads(row["sources"]))
    return Metadata(
        id=row["id"], title=row["title"], kind=row["kind"], date=row["date"],
        date_label=date_label(row["date"]), date_precision=row["date_precision"],
        date_precision_label=PRECISIONS.get(row["date_precision"] or ""),
        date_evidence=row["date_evidence"], date_rule=row["date_rule"],
        date_how=DATE_RULES.get(row["date_rule"], row["date_rule"]),
        date_confidence=row["date_confidence"], signatory=row["signatory"], role=row["role"],
        kamerstuk=kamerstuk, kamerstuk_url=_url(kamerstuk), vergaderjaar=row["vergaderjaar"],
        source=row["source"], sources=sources, pages=row["pages"], format=row["format"],
        ingested_at=row["ingested_at"],
    )  # fmt: skip


def _url(kamerstuk: str | None) -> str | None:
    try:
        return url_for(kamerstuk) if kamerstuk else None
    except ValueError:
        return None


def file_names(metadata: Metadata) -> tuple[str, ...]:
    """The file names (without folders) the letter was read from."""
    return tuple(Path(s).name for s in metadata.sources)


def _facts(store: Store, document: str, text: str) -> tuple[Fact, ...]:
    """Motions, figures and commitments of the letter, each kind in text order."""

    def rows(table: str) -> list[dict]:
        sql = f"SELECT * FROM {table} WHERE document = ? ORDER BY start"
        return [dict(r) for r in store.db.execute(sql, (document,))]

    motions = [
        Fact("motie", m["name"], _motion_detail(m), text[m["sentence_start"] : m["sentence_end"]],
             m["sentence_start"], m["sentence_end"], None)
        for m in rows("motions")
    ]  # fmt: skip
    figures = [_figure(document, text, s) for s in rows("statistics")]
    commitments = [
        Fact("toezegging", c["due_text"] or "zonder termijn", c["actor"], c["quote"],
             c["start"], c["end"], f"commitment:{document}:{c['idx']}")
        for c in rows("commitments")
    ]  # fmt: skip
    return tuple(motions + figures + commitments)


def _figure(document: str, text: str, s: dict) -> Fact:
    """A statistic as a fact: its value, what it measures and its source, at its sentence."""
    start, end = _sentence_of(text, s["quote"], s["start"], s["end"])
    detail = " — bron: ".join(x for x in (s["measure"], s["source"]) if x)
    return Fact("cijfer", s["value"], detail, s["quote"], start, end,
                f"statistic:{document}:{s['start']}")  # fmt: skip


def _motion_detail(m: dict) -> str:
    members = ", ".join(json.loads(m["members"]))
    parties = ", ".join(json.loads(m["parties"]))
    who = f"{members} ({parties})" if parties else members
    return " · ".join(x for x in (who, m["stance"] or "", m["reference"] or "") if x)


def _sentence_of(text: str, quote: str, start: int, end: int) -> tuple[int, int]:
    """The span of `quote` around start..end in `text` (start..end itself if it is not there)."""
    at = text.find(quote, max(0, end - len(quote)))
    while at != -1 and at <= start:
        if at + len(quote) >= end:
            return at, at + len(quote)
        at = text.find(quote, at + 1)
    return start, end


# --- positions -----------------------------------------------------------------------------


def block_at(view: LetterView, offset: int) -> Block | None:
    """The block holding `offset` (a gap between blocks belongs to the block before it);
    None when `offset` lies outside the body (before it, or in the footnotes)."""
    if offset < 0 or offset >= view.body_end:
        return None
    found = None
    for block in view.blocks:
        if block.start > offset:
            break
        found = block
    return found


def footnote_at(view: LetterView, offset: int) -> Footnote | None:
    """The footnote whose text holds `offset`, if any."""
    return next((f for f in view.footnotes if f.start <= offset < f.end), None)


def _int(value: object) -> int | None:
    try:
        return int(str(value))
    except ValueError:
        return None


def highlight(view: LetterView, van: object, tot: object = None) -> Highlight | None:
    """What the URL params van/tot select: the range, the anchors of the blocks and footnotes
    it touches and the anchor to scroll to. Without a valid `tot` the block at `van` is meant;
    None when `van` is missing, not a number or outside the letter."""
    start, end = _int(van), _int(tot)
    if start is None:
        return None
    first = block_at(view, start) or footnote_at(view, start)
    if first is None:
        return None
    if end is None or end <= start:
        start, end = first.start, first.end
    touched = [b.anchor for b in view.blocks if b.start < end and start < b.end]
    touched += [f.anchor for f in view.footnotes if f.start < end and start < f.end]
    return Highlight(start, end, frozenset(touched), first.anchor)


def marked(segment: Segment, hl: Highlight | None) -> tuple[tuple[str, bool], ...]:
    """The segment's text in pieces, each flagged whether it lies in the highlighted range."""
    text, s = segment.text, segment.start
    if hl is None or not text or hl.end <= s or segment.end <= hl.start:
        return ((text, False),) if text else ()
    a, b = max(hl.start - s, 0), min(hl.end - s, len(text))
    pieces = ((text[:a], False), (text[a:b], True), (text[b:], False))
    return tuple(p for p in pieces if p[0])


def entity_types(view: LetterView) -> tuple[tuple[str, str], ...]:
    """(type, Dutch label) of the entity types marked in the letter, for the legend."""
    types = {
        s.type
        for part in (*view.blocks, *view.footnotes)
        for s in part.segments
        if isinstance(s, EntityMark)
    }
    return tuple((t, TYPE_LABELS.get(t, t)) for t in sorted(types))
