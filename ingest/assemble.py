"""Assembling the letter text: body passages, then footnote texts, one coordinate system."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ingest.footnotes import confidence_of
from ingest.models import Block, Footnote, FootnoteSource, LinkHit, MarkerHit, Passage
from ingest.sentences import sentence_at

CONTEXT_WORDS = 6


@dataclass(frozen=True)
class Assembled:
    text: str
    body_end: int
    passages: tuple[Passage, ...]
    footnotes: tuple[Footnote, ...]
    links: tuple[LinkHit, ...]  # XML extrefs, spans in `text`


def assemble(blocks: Sequence[Block], notes: Sequence[FootnoteSource]) -> Assembled:
    """Join blocks and footnotes into one text; place markers and links in it."""
    parts: list[str] = []
    passages: list[Passage] = []
    markers: dict[int, tuple[MarkerHit, int]] = {}  # number -> (hit, absolute offset)
    links: list[LinkHit] = []
    pos = 0
    for i, block in enumerate(blocks):
        if parts:
            parts.append("\n\n")
            pos += 2
        passages.append(Passage(i, block.kind, block.text, pos, pos + len(block.text), block.page))
        for m in block.markers:
            markers.setdefault(m.number, (m, pos + m.offset))
        links += [LinkHit(pos + x.start, pos + x.end, x.target, x.rule) for x in block.links]
        parts.append(block.text)
        pos += len(block.text)
    body = "".join(parts)
    text, spans = _append_notes(body, notes)
    for note, (start, _end) in zip(notes, spans, strict=True):
        links += [LinkHit(start + x.start, start + x.end, x.target, x.rule) for x in note.links]
    footnotes = tuple(
        _footnote(note, start, end, markers.get(note.number), passages, text)
        for note, (start, end) in zip(notes, spans, strict=True)
    )
    return Assembled(text, len(body), tuple(passages), footnotes, tuple(links))


def _append_notes(body: str, notes: Sequence[FootnoteSource]) -> tuple[str, list[tuple[int, int]]]:
    text = body
    spans: list[tuple[int, int]] = []
    for k, note in enumerate(notes):
        text += ("\n\n" if k == 0 and body else "\n") + f"{note.number} "
        spans.append((len(text), len(text) + len(note.text)))
        text += note.text
    return text, spans


def _footnote(
    note: FootnoteSource,
    start: int,
    end: int,
    marker: tuple[MarkerHit, int] | None,
    passages: Sequence[Passage],
    text: str,
) -> Footnote:
    if marker is None:
        return Footnote(note.number, note.text, start, end, note.page, rule="unlinked")
    hit, offset = marker
    passage = next((p for p in passages if p.start <= offset <= p.end), None)
    bounds = (passage.start, passage.end) if passage else (0, len(text))
    s_start, s_end = sentence_at(text, offset, *bounds)
    return Footnote(
        number=note.number,
        text=note.text,
        start=start,
        end=end,
        page=note.page,
        marker_offset=offset,
        marker_raw=hit.raw,
        marker_context=marker_context(text, offset, bounds[0]),
        sentence_start=s_start,
        sentence_end=s_end,
        confidence=confidence_of(hit.rule),
        rule=hit.rule,
    )


def marker_context(text: str, offset: int, floor: int = 0) -> str | None:
    """The ~6 words before a marker."""
    words = re.findall(r"\S+", text[max(floor, offset - 300) : offset])
    return " ".join(words[-CONTEXT_WORDS:]) or None
