"""The reader: one letter as metadata, blocks of segments, footnotes and the facts it holds.

How passages and footnotes are split into segments lives in kb.views.reader_segments; its
types and `marked` are part of this module's API (__all__), so import them from here.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from ingest.references import url_for
from kb.store import Store
from kb.views.reader_segments import (
    Block,
    EntityMark,
    Footnote,
    FootnoteMarker,
    Highlight,
    KamerstukLink,
    Plain,
    Segment,
    blocks_and_footnotes,
    marked,
)

__all__ = [
    "DATE_RULES", "MONTHS", "PRECISIONS", "TYPE_LABELS", "WARNING_LABELS",
    "Block", "EntityMark", "Fact", "FactCounts", "Footnote", "FootnoteMarker", "Highlight",
    "KamerstukLink", "LetterChoice", "LetterView", "Metadata", "Plain", "ReaderWarning", "Segment",
    "block_at", "date_label", "entity_types", "file_names", "footnote_at", "highlight",
    "letter_view", "letters", "marked",
]  # fmt: skip

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
    blocks, footnotes = blocks_and_footnotes(store, document)
    sql = "SELECT * FROM warnings WHERE document = ? ORDER BY idx"
    warnings = tuple(
        ReaderWarning(w["code"], WARNING_LABELS.get(w["code"], w["code"]), w["message"])
        for w in store.db.execute(sql, (document,))
    )
    return LetterView(_metadata(row), warnings, blocks, footnotes,
                      _facts(store, document, row["text"]), row["body_end"])  # fmt: skip


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


def entity_types(view: LetterView) -> tuple[tuple[str, str], ...]:
    """(type, Dutch label) of the entity types marked in the letter, for the legend."""
    types = {
        s.type
        for part in (*view.blocks, *view.footnotes)
        for s in part.segments
        if isinstance(s, EntityMark)
    }
    return tuple((t, TYPE_LABELS.get(t, t)) for t in sorted(types))
