"""Matching and ranking a parsed query as numpy vectors over the index's postings (BM25F).

Whoosh's matchers walk postings one unit at a time in Python: at 100,000 units a common word
costs tens of milliseconds. Here a term's postings are read block by block into arrays and the
query is evaluated over all units at once: a boolean mask of the matches and a vector of their
scores. Whoosh stays the store (segments, term dictionary, prefix expansion, stored fields);
the scores are its BM25F. kb.search.translate gives the same query as a Whoosh query, which
tests hold this module to.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from whoosh import query as wq
from whoosh.searching import Searcher

from kb.search.fields import (
    EXACT,
    PAIRS,
    PARTS,
    SECTION,
    TITLE,
    stemmer,
)
from kb.search.query import AnyOf, Clause, Filter, Not, ParsedQuery, Pattern, Phrase, Word
from kb.search.translate import (
    EXACT_BOOST,
    PARTS_BOOST,
    SECTION_BOOST,
    SPLIT_BOOST,
    TITLE_BOOST,
    compound_parts,
    hyphen_pieces,
    tokens,
    without_stop_words,
)

if TYPE_CHECKING:  # facets builds on Vectors
    from kb.search.facets import FacetArrays

K1, B = 1.2, 0.75  # Whoosh's BM25F defaults
MAX_EXPANSIONS = 512  # a prefix matching more words uses the most frequent ones


@dataclass
class Match:
    """Which units match (mask) and how well (score, meaningful where mask is True)."""

    mask: np.ndarray
    score: np.ndarray

    def __or__(self, other: Match) -> Match:
        return Match(self.mask | other.mask, self.score + other.score)

    def __and__(self, other: Match) -> Match:
        return Match(self.mask & other.mask, self.score + other.score)


class Vectors:
    """One searcher's postings, field lengths and live units as arrays, read when needed."""

    def __init__(self, searcher: Searcher) -> None:
        self.searcher = searcher
        self.reader = searcher.reader()
        self.size = self.reader.doc_count_all()
        self.live = np.zeros(self.size, dtype=bool)
        self.live[np.fromiter(self.reader.all_doc_ids(), dtype=np.int64)] = True
        self._lengths: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()

    def none(self) -> Match:
        return Match(np.zeros(self.size, dtype=bool), np.zeros(self.size, dtype=np.float32))

    def every(self) -> Match:
        return Match(self.live.copy(), np.zeros(self.size, dtype=np.float32))

    def only(self, mask: np.ndarray) -> Match:
        return Match(mask, np.zeros(self.size, dtype=np.float32))

    def postings(self, field: str, term: str) -> tuple[np.ndarray, np.ndarray]:
        """The unit numbers and term frequencies of `term` in `field` (deleted units too)."""
        ids: list[np.ndarray] = []
        weights: list[np.ndarray] = []
        for segment, offset in self.reader.leaf_readers():
            if (field, term) not in segment:
                continue
            for block_ids, block_weights, _ in _blocks(segment.postings(field, term)):
                ids.append(np.asarray(block_ids, dtype=np.int64) + offset)
                weights.append(np.asarray(block_weights, dtype=np.float32))
        if not ids:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        return np.concatenate(ids), np.concatenate(weights)

    def lengths(self, field: str) -> np.ndarray:
        """The length (in terms) of `field` in every unit."""
        with self._lock:
            if field not in self._lengths:
                values = np.zeros(self.size, dtype=np.float32)
                for segment, offset in self.reader.leaf_readers():
                    count = segment.doc_count_all()
                    values[offset : offset + count] = [
                        segment.doc_field_length(d, field) or 0 for d in range(count)
                    ]
                self._lengths[field] = values
            return self._lengths[field]

    def term(self, field: str, term: str, boost: float = 1.0) -> Match:
        """The units holding `term`, scored with BM25F."""
        match = self.none()
        ids, tf = self.postings(field, term)
        if not len(ids):
            return match
        idf = self.searcher.idf(field, term)
        avg = self.searcher.avg_field_length(field) or 1.0
        length = self.lengths(field)[ids]
        norm = K1 * ((1 - B) + B * length / avg)
        match.mask[ids] = True
        match.score[ids] = boost * idf * (tf * (K1 + 1)) / (tf + norm)
        return match


def _blocks(matcher: object, values: bool = False) -> Iterator[tuple[object, object, object]]:
    """(ids, weights, values or None) per posting block; one by one if need be."""
    leaf: Any = getattr(matcher, "child", matcher)  # deletions are masked by Vectors.live
    if not (hasattr(leaf, "_read_data") and hasattr(leaf, "_next_block")):
        ids, weights, vals = [], [], []
        while leaf.is_active():
            ids.append(leaf.id())
            weights.append(leaf.weight())
            vals.append(leaf.value() if values else None)
            leaf.next()
        yield ids, weights, vals if values else None
        return
    # whoosh-reloaded 2.7.5's W3LeafMatcher: a block's data is (delta-coded ids, weights
    # (None: all 1, a float: all that), values); decoded here with numpy, not per posting.
    while not leaf._atend:
        if leaf._data is None:
            leaf._read_data()
        raw_ids, raw_weights = leaf._data[0], leaf._data[1]
        ids = np.array(raw_ids, dtype=np.int64)
        if not leaf._byteids:
            ids = np.cumsum(ids)
        if raw_weights is None or isinstance(raw_weights, float):
            weights = np.full(len(ids), 1.0 if raw_weights is None else raw_weights, np.float32)
        else:
            weights = np.asarray(raw_weights, dtype=np.float32)
        if values:
            leaf._read_values()
        yield ids, weights, leaf._values if values else None
        leaf._next_block()


def evaluate(vectors: Vectors, parsed: ParsedQuery, facets: FacetArrays) -> Match:
    """The units matching `parsed` and their scores."""
    if parsed.blank:
        return vectors.every()
    clauses = without_stop_words(parsed.clauses, vectors.searcher.schema)
    positive = [m for c in clauses if not isinstance(c, Not)
                if (m := _clause(vectors, c, facets)) is not None]  # fmt: skip
    negative = [m for c in clauses if isinstance(c, Not)
                if (m := _clause(vectors, c.clause, facets)) is not None]  # fmt: skip
    if not positive and not negative:
        return vectors.none()
    result = positive[0] if positive else vectors.every()
    for match in positive[1:]:
        result = result & match
    for match in negative:
        result.mask &= ~match.mask
    result.mask &= vectors.live
    _add_context(vectors, parsed, result)
    return result


def _clause(vectors: Vectors, clause: Clause, facets: FacetArrays) -> Match | None:
    """The match of one clause; None if it holds nothing to search (like Whoosh's NullQuery)."""
    schema = vectors.searcher.schema
    if isinstance(clause, Word):
        return _word(vectors, clause.text)
    if isinstance(clause, Phrase):
        return _phrase(vectors, tokens(schema[EXACT].analyzer, clause.text), EXACT_BOOST)
    if isinstance(clause, Pattern):
        return _pattern(vectors, clause.text)
    if isinstance(clause, Filter):
        return vectors.only(facets.filter(vectors, clause.name, clause.value))
    if isinstance(clause, Not):
        inner = _clause(vectors, clause.clause, facets)
        return None if inner is None else vectors.only(vectors.live & ~inner.mask)
    assert isinstance(clause, AnyOf)
    found = [m for c in clause.clauses if (m := _clause(vectors, c, facets)) is not None]
    if not found:
        return None
    result = found[0]
    for match in found[1:]:
        result = result | match
    return result


def _all_of(vectors: Vectors, field: str, terms: list[str], boost: float) -> Match:
    result = vectors.term(field, terms[0], boost)
    for term in terms[1:]:
        result = result & vectors.term(field, term, boost)
    return result


def _word(vectors: Vectors, text: str) -> Match | None:
    schema = vectors.searcher.schema
    stems, exact = tokens(stemmer(schema), text), tokens(schema[EXACT].analyzer, text)
    found = []
    if stems:
        found.append(_all_of(vectors, PARTS, stems, PARTS_BOOST))
    if exact:
        found.append(_all_of(vectors, EXACT, exact, EXACT_BOOST))
    pieces = hyphen_pieces(text, schema)
    if len(pieces) > 1:
        found.append(_phrase(vectors, pieces, EXACT_BOOST))
    parts = compound_parts(text, schema)
    if parts:
        found.append(_all_of(vectors, PARTS, parts, SPLIT_BOOST))
    if not found:
        return None
    result = found[0]
    for match in found[1:]:
        result = result | match
    return result


def _phrase(vectors: Vectors, words: list[str], boost: float) -> Match | None:
    """Units with `words` one after another: all their adjacent pairs (the `pairs` field), and
    for three words or more those pairs at consecutive positions."""
    if not words:
        return None
    if len(words) == 1:
        return vectors.term(EXACT, words[0], boost)
    pairs = [f"{a} {b}" for a, b in itertools.pairwise(words)]
    result = _all_of(vectors, PAIRS, pairs, boost)
    if len(pairs) > 1 and result.mask.any():
        result.mask &= _in_sequence(vectors, pairs, result.mask)
    return result


def _in_sequence(vectors: Vectors, pairs: list[str], candidates: np.ndarray) -> np.ndarray:
    """Which candidate units hold `pairs` at consecutive positions (of their first words)."""
    decode = vectors.searcher.schema[PAIRS].format.decode_positions
    starts: dict[int, set[int]] = {}
    for i, pair in enumerate(pairs):
        places: dict[int, set[int]] = {}
        for segment, offset in vectors.reader.leaf_readers():
            if (PAIRS, pair) not in segment:
                continue
            for ids, _, values in _blocks(segment.postings(PAIRS, pair), values=True):
                docs = np.asarray(ids, dtype=np.int64) + offset
                for j in np.flatnonzero(candidates[docs]):
                    doc = int(docs[j])
                    if i == 0 or doc in starts:
                        places[doc] = {p - i for p in decode(values[j])}  # type: ignore[index]
        starts = places if i == 0 else {d: starts[d] & p for d, p in places.items()}
        starts = {d: p for d, p in starts.items() if p}
    mask = np.zeros(vectors.size, dtype=bool)
    mask[list(starts)] = True
    return mask


def _pattern(vectors: Vectors, text: str) -> Match:
    prefix = text.endswith("*") and "*" not in text[:-1] and "?" not in text
    q = wq.Prefix(EXACT, text[:-1]) if prefix else wq.Wildcard(EXACT, text)
    words = [t for _, t in q.expanded_terms(vectors.reader)]
    if len(words) > MAX_EXPANSIONS:
        words = sorted(words, key=lambda w: -vectors.reader.doc_frequency(EXACT, w))
        words = words[:MAX_EXPANSIONS]
    result = vectors.none()
    for word in words:
        result = result | vectors.term(EXACT, word)
    return result


def _add_context(vectors: Vectors, parsed: ParsedQuery, result: Match) -> None:
    """Add the scores of the query's words in the letter title and the section heading."""
    schema = vectors.searcher.schema
    stems = {s for c in parsed.positive() if isinstance(c, Word | Phrase)
             for s in tokens(stemmer(schema), c.text)}  # fmt: skip
    for stem in sorted(stems):
        for field, boost in ((TITLE, TITLE_BOOST), (SECTION, SECTION_BOOST)):
            extra = vectors.term(field, stem, boost)
            result.score += np.where(result.mask & extra.mask, extra.score, 0)
