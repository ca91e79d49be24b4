"""A light Dutch sentence splitter for provenance (which sentence a marker or citation is in).

The spaCy pipeline (sentencizer plus abbreviation rules) serves entity extraction; ingest only
needs sentence spans, and must stay fast and dependency-light.
"""

from __future__ import annotations

import re

# Abbreviations that end in a period without ending the sentence.
ABBREVIATIONS = frozenset(
    "nr nrs mw dhr drs dr mr ir ing prof o.a d.m.v t.b.v e.a e.v bijv bv art blz p pag vs ca"
    " m.b.t i.p.v i.v.m t.a.v m.n z.g.a.n incl excl jl jr sr st zgn resp vgl etc n.a.v d.w.z"
    " o.b.v a.s mln mld min c.s".split()
)
_BOUNDARY = re.compile(r"[.!?…]+[\"'»”’)⁰¹²³⁴⁵⁶⁷⁸⁹]*(?=\s+[\"'«“‘(]?[A-Z0-9À-Ý])|\n\n")


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence (start, end) spans inside text[start:end], whitespace trimmed."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    cur = start
    for m in _BOUNDARY.finditer(text, start, end):
        if m.group(0) != "\n\n" and _is_abbreviation(text, m.start()):
            continue
        spans.append((cur, m.end()))
        cur = m.end()
    spans.append((cur, end))
    return [_trim(text, s, e) for s, e in spans if text[s:e].strip()]


def sentence_at(text: str, offset: int, start: int = 0, end: int | None = None) -> tuple[int, int]:
    """The sentence span holding `offset` (a marker right after a period belongs before it)."""
    spans = sentence_spans(text, start, end)
    for s, e in spans:
        if s <= offset <= e:
            return s, e
    before = [span for span in spans if span[1] <= offset]
    if before:
        return before[-1]
    return spans[0] if spans else (start, start)


def _is_abbreviation(text: str, period: int) -> bool:
    word = re.search(r"([\w.]+)$", text[max(0, period - 12) : period])
    if word is None:
        return False
    token = word.group(1).lower().rstrip(".")
    if token in ABBREVIATIONS:
        return True
    # Initials ("C.E.G. van Gennip", "A. Jansen").
    initial = text[period - len(token) : period][:1]
    return bool(re.fullmatch(r"(?:[a-z]\.)*[a-z]", token)) and initial.isupper()


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e
