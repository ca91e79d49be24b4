"""The segments of a letter for the reader, and how a highlighted range splits a segment.

Every block (a passage) and footnote is split into segments whose texts concatenate to its
text exactly: plain text, footnote markers (zero-width where the cleaned text dropped the
marker), Kamerstuk references and entity mentions. Overlaps are resolved deterministically: a
marker beats a reference beats a mention; among mentions the longer wins, then the earlier; a
span is placed whole or not at all, so no character is ever lost or duplicated.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kb.schema import RESOLVED
from kb.store import Store


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
class Highlight:
    """The passage to highlight: the range, the blocks/footnotes it touches, where to scroll."""

    start: int
    end: int
    anchors: frozenset[str]
    target: str | None


# --- blocks and footnotes ------------------------------------------------------------------


def blocks_and_footnotes(
    store: Store, document: str
) -> tuple[tuple[Block, ...], tuple[Footnote, ...]]:
    """The passages of letter `document` as blocks, and its footnotes, split into segments."""

    def rows(sql: str) -> list[dict]:
        return [dict(r) for r in store.db.execute(sql, (document,))]

    passages = rows("SELECT * FROM passages WHERE document = ? ORDER BY idx")
    footnotes = rows("SELECT * FROM footnotes WHERE document = ? ORDER BY start, number")
    references = rows(f'SELECT r.*, {RESOLVED} FROM "references" r WHERE document = ? '
                      'ORDER BY start, "end" DESC, id')  # fmt: skip
    mentions = rows('SELECT * FROM mentions WHERE document = ? ORDER BY start, "end" DESC, entity')
    anchors = _footnote_anchors(footnotes)
    placed = _place_markers(passages, footnotes)
    blocks = tuple(
        _block(p, [(f, anchors[i]) for i, f in enumerate(footnotes) if placed[i] == p["idx"]],
               references, mentions)
        for p in passages
    )  # fmt: skip
    notes = tuple(
        _footnote(f, anchors[i], placed[i] is not None, references, mentions)
        for i, f in enumerate(footnotes)
    )
    return blocks, notes


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


# --- highlighting --------------------------------------------------------------------------


def marked(segment: Segment, hl: Highlight | None) -> tuple[tuple[str, bool], ...]:
    """The segment's text in pieces, each flagged whether it lies in the highlighted range."""
    text, s = segment.text, segment.start
    if hl is None or not text or hl.end <= s or segment.end <= hl.start:
        return ((text, False),) if text else ()
    a, b = max(hl.start - s, 0), min(hl.end - s, len(text))
    pieces = ((text[:a], False), (text[a:b], True), (text[b:], False))
    return tuple(p for p in pieces if p[0])
