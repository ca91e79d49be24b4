"""Searching the index: a SearchRequest in, a SearchResult out, for any input.

Results carry highlighted snippets (HTML-escaped, <mark>…</mark>), facet counts over all
matching units, sorting by relevance (BM25F) or date (newest first), pagination and a spelling
suggestion ("bedoelde u: werkgevers?") taken from the index's own words when little is found.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import numpy as np
from whoosh.fields import Schema
from whoosh.reading import IndexReader
from whoosh.searching import Searcher

from kb.search.facets import FacetArrays
from kb.search.fields import EXACT, PARTS, stemmer
from kb.search.index import SearchIndex
from kb.search.query import (
    FILTER_NAMES,
    MAX_CLAUSES,
    Filter,
    ParsedQuery,
    Word,
    check_filter,
    parse,
)
from kb.search.ranking import Vectors, evaluate
from kb.search.snippets import Marks, marks_of, snippet
from kb.search.translate import tokens

SORTS = ("relevance", "date")
MAX_LIMIT = 1000
# Facet name in results (the filter one types to narrow on it) -> the index field counted.
FACETS = {
    "soort": "kind", "jaar": "year", "org": "org", "pilot": "pilot", "programma": "programme",
    "motie": "motie", "ondertekenaar": "signatory", "brief": "document",
}  # fmt: skip
FEW_HITS = 3  # fewer hits than this and a spelling suggestion is looked for


@dataclass(frozen=True)
class SearchRequest:
    """A query with its filters (filter name -> value, as after the colon), sort and page."""

    query: str
    limit: int = 10
    offset: int = 0
    sort: str = "relevance"  # or "date": newest first
    filters: Mapping[str, str] = field(default_factory=dict)
    facets: bool = True  # count facets over all matches (costs time on big indexes)


@dataclass(frozen=True)
class Hit:
    """One matching unit; `snippet` is HTML: escaped text with the matches in <mark>."""

    document: str
    source: str
    kind: str
    text: str
    snippet: str
    score: float
    date: str
    title: str
    signatory: str
    start: int
    end: int


@dataclass(frozen=True)
class SearchResult:
    """The page of hits, the number of all matches, their facets and any advice."""

    query: str
    total: int
    hits: tuple[Hit, ...]
    facets: dict[str, dict[str, int]]
    suggestion: str | None = None  # a corrected query that finds more
    error: str | None = None  # what in the query was ignored or went wrong, for the user


def search(index: SearchIndex, request: SearchRequest) -> SearchResult:
    """Run `request`; any query string gives a result (with a message in `error` if needed)."""
    # One query at a time per index: Whoosh's posting readers seek in shared file handles.
    with index.query_lock:
        return _answer(index, request)


def _answer(index: SearchIndex, request: SearchRequest) -> SearchResult:
    try:
        return _search(index, request, parse(request.query))
    except Exception as error:  # any input must give an answer, never a stack trace
        message = (
            f"de zoekvraag kon niet worden verwerkt ({type(error).__name__}: {error}); "
            "gezocht op de losse woorden"
        )
        words = re.findall(r"\w+", request.query)[:MAX_CLAUSES]
        try:
            result = _search(index, request, ParsedQuery(tuple(Word(w) for w in words)))
        except Exception:
            return SearchResult(request.query, 0, (), {}, None, message)
        return replace(result, error=message)


def _search(index: SearchIndex, request: SearchRequest, parsed: ParsedQuery) -> SearchResult:
    parsed, limit, offset, sort, problems = _checked(request, parsed)
    searcher = index.searcher()
    vectors, facets = index.cached(Vectors), index.cached(FacetArrays)
    match = evaluate(vectors, parsed, facets)
    docs = np.flatnonzero(match.mask)
    page = _ordered(docs, match.score, sort, facets)[offset : offset + limit]
    marks = marks_of(parsed, searcher)
    hits = tuple(_hit(searcher, int(d), float(match.score[d]), marks) for d in page)
    counts = (
        {name: facets.counts(field, match.mask) for name, field in FACETS.items()}
        if request.facets
        else {}
    )
    found = len(docs)
    suggestion = _suggestion(request.query, parsed, index, found) if found < FEW_HITS else None
    return SearchResult(request.query, found, hits, counts, suggestion, "; ".join(problems) or None)


def _ordered(docs: np.ndarray, score: np.ndarray, sort: str, facets: FacetArrays) -> np.ndarray:
    """The matching units best first, or newest first (best first within a date); ties keep
    the order of the index."""
    if sort == "date":
        return docs[np.lexsort((-score[docs], -facets.code["date"][docs]))]
    return docs[np.argsort(-score[docs], kind="stable")]


def _checked(
    request: SearchRequest, parsed: ParsedQuery
) -> tuple[ParsedQuery, int, int, str, list[str]]:
    """The query with the request's filters added, and the limit, offset and sort to use."""
    problems = list(parsed.problems)
    filters = []
    for raw_name, raw_value in request.filters.items():
        name = FILTER_NAMES.get(str(raw_name).lower())
        if name is None:
            choices = ", ".join(sorted(set(FILTER_NAMES.values())))
            problems.append(f"filter '{raw_name}' onbekend en genegeerd; kies uit {choices}")
            continue
        value, problem = check_filter(name, " ".join(str(raw_value).split()))
        if problem is None:
            filters.append(Filter(name, value))
        else:
            problems.append(problem)
    limit, offset, sort = request.limit, request.offset, request.sort
    if not isinstance(limit, int) or not 0 <= limit <= MAX_LIMIT:
        problems.append(f"limit {limit!r} genegeerd: kies 0 tot {MAX_LIMIT}")
        limit = 10 if not isinstance(limit, int) or limit < 0 else MAX_LIMIT
    if not isinstance(offset, int) or offset < 0:
        problems.append(f"offset {offset!r} genegeerd: kies 0 of meer")
        offset = 0
    if sort not in SORTS:
        problems.append(f"sortering {sort!r} onbekend; kies {' of '.join(SORTS)}")
        sort = "relevance"
    if filters:
        parsed = ParsedQuery((*parsed.clauses, *filters), parsed.problems)
    return parsed, limit, offset, sort, problems


def _hit(searcher: Searcher, doc: int, score: float, marks: Marks) -> Hit:
    stored = searcher.stored_fields(doc)
    text = stored.get("text", "")
    return Hit(
        document=stored["document"], source=stored.get("source", ""), kind=stored["kind"],
        text=text, snippet=snippet(text, marks, searcher.schema), score=score,
        date=stored.get("date", ""), title=stored.get("title", ""),
        signatory=stored.get("signatory", ""), start=stored["start"], end=stored["end"],
    )  # fmt: skip


def _suggestion(query: str, parsed: ParsedQuery, index: SearchIndex, found: int) -> str | None:
    """The query with its unknown words replaced by the closest index words, if that finds more."""
    searcher = index.searcher()
    reader, schema = searcher.reader(), searcher.schema
    suggested = query
    for clause in parsed.positive():
        if not isinstance(clause, Word) or not clause.text.isalpha() or len(clause.text) < 4:
            continue
        word = clause.text.lower()
        if _known(reader, schema, word):
            continue
        better = _closest(reader, word)
        if better is not None:
            pattern = rf"(?<!\w){re.escape(clause.text)}(?!\w)"
            suggested = re.sub(pattern, lambda _m, b=better: b, suggested, count=1)
    if suggested == query:
        return None
    again = evaluate(index.cached(Vectors), parse(suggested), index.cached(FacetArrays))
    return suggested if int(again.mask.sum()) > found else None


def _known(reader: IndexReader, schema: Schema, word: str) -> bool:
    stems = tokens(stemmer(schema), word)
    return reader.doc_frequency(EXACT, word) > 0 or any(
        reader.doc_frequency(PARTS, s) > 0 for s in stems
    )


def _closest(reader: IndexReader, word: str) -> str | None:
    """The most frequent index word one edit from `word`, else two edits; same first letter."""
    for distance in (1, 2):
        near = reader.terms_within(EXACT, word, distance, prefix=1)
        candidates = [term for term in near if term != word and term.isalpha()]
        if candidates:
            return max(candidates, key=lambda t: (reader.doc_frequency(EXACT, t), t))
    return None


__all__ = ["Hit", "Marks", "SearchIndex", "SearchRequest", "SearchResult", "search", "snippet"]
