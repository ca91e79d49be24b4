"""Snippets: the stretch of a unit's text around what the query matched, as HTML with the
matched words and phrases in <mark>…</mark> and everything else escaped."""

from __future__ import annotations

import html
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from whoosh import query as wq
from whoosh.fields import Schema
from whoosh.searching import Searcher

from kb.search.fields import EXACT, PARTS
from kb.search.query import ParsedQuery, Phrase
from kb.search.translate import to_whoosh, tokens

SNIPPET_CHARS = 240


@dataclass(frozen=True)
class Marks:
    """What to highlight: exact words, stems and compound parts, and phrases (word tuples)."""

    exact: frozenset[str] = frozenset()
    parts: frozenset[str] = frozenset()
    phrases: tuple[tuple[str, ...], ...] = ()


def marks_of(parsed: ParsedQuery, searcher: Searcher) -> Marks:
    """The index terms of the query's positive words and patterns, and its phrases."""
    positive = parsed.positive()
    words = ParsedQuery(tuple(c for c in positive if not isinstance(c, Phrase)))
    q = to_whoosh(words, searcher.schema) if words.clauses else wq.NullQuery
    found: dict[str, set[str]] = {EXACT: set(), PARTS: set()}
    reader = searcher.reader()
    # Leaf by leaf: Query.existing_terms skips every field after the first (Whoosh 2.7.5).
    for leaf in q.leaves():
        for fieldname, term in leaf.expanded_terms(reader, phrases=True):
            if fieldname in found and (fieldname, term) in reader:
                found[fieldname].add(term.decode("utf-8") if isinstance(term, bytes) else term)
    phrases = tuple(
        tuple(tokens(searcher.schema[EXACT].analyzer, c.text))
        for c in positive
        if isinstance(c, Phrase)
    )
    return Marks(frozenset(found[EXACT]), frozenset(found[PARTS]), phrases)


def snippet(text: str, marks: Marks, schema: Schema) -> str:
    """Up to SNIPPET_CHARS of `text` around the most matches, escaped, matches in <mark>."""
    spans = _merge(_matches(text, marks, schema))
    start, end = _window(text, spans)
    out, at = [], start
    for s, e in spans:
        if s >= start and e <= end:
            out += [_escape(text[at:s]), "<mark>", _escape(text[s:e]), "</mark>"]
            at = e
    out.append(_escape(text[at:end]))
    return ("…" if start > 0 else "") + "".join(out) + ("…" if end < len(text) else "")


def _matches(text: str, marks: Marks, schema: Schema) -> Iterator[tuple[int, int]]:
    """The character spans of the words and phrases of `text` that the query matched."""
    analyzer = schema[PARTS].analyzer
    places: list[tuple[set[str], int, int]] = []  # per position: its spellings and span
    last = None
    for token in schema[EXACT].analyzer(text, chars=True, positions=True, mode="index"):
        word, span = token.text, (token.startchar, token.endchar)
        if token.pos != last:  # hyphen variants share a position; the whole word comes first
            places.append((set(), *span))
            last = token.pos
        places[-1][0].add(word)
        # A stem or compound part inside the word: only then is the word analysed.
        if word in marks.exact or (
            any(m in word for m in marks.parts)
            and marks.parts.intersection(t.text for t in analyzer(word, mode="index"))
        ):
            yield span
    for phrase in marks.phrases:
        for i in range(len(places) - len(phrase) + 1):
            if all(w in places[i + k][0] for k, w in enumerate(phrase)):
                yield places[i][1], places[i + len(phrase) - 1][2]


def _escape(text: str) -> str:
    return html.escape(text, quote=False)


def _merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for s, e in sorted(set(spans)):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def _window(text: str, spans: list[tuple[int, int]]) -> tuple[int, int]:
    """The stretch of at most SNIPPET_CHARS holding the most spans, cut at word boundaries."""
    if len(text) <= SNIPPET_CHARS:
        return 0, len(text)
    best, start = 0, 0
    for s, _ in spans:
        inside = sum(1 for a, b in spans if a >= s - 40 and b <= s - 40 + SNIPPET_CHARS)
        if inside > best:
            best, start = inside, max(0, s - 40)
    end = min(len(text), start + SNIPPET_CHARS)
    if start > 0:
        space = text.find(" ", start, start + 30)
        start = space + 1 if space != -1 else start
    if end < len(text):
        space = text.rfind(" ", end - 30, end)
        end = space if space > start else end
    return start, end
