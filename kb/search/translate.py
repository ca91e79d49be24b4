"""A parsed query as a Whoosh query over the index's fields, scored with BM25F.

A word matches its stems and compound parts (`parts`) and, weighted more, its exact form
(`exact`); a hyphenated word also as separate words.
Phrases and patterns match exact words. Filters select without scoring. Words found in the
letter's title or the passage's section heading add to the score but never make a match.
"""

from __future__ import annotations

import re

from whoosh import query as wq
from whoosh.analysis import Analyzer
from whoosh.fields import Schema

from kb.search.fields import (
    EXACT,
    KEY_FIELDS,
    PARTS,
    SECTION,
    TITLE,
    stemmer,
)
from kb.search.query import (
    AnyOf,
    Clause,
    Filter,
    Not,
    ParsedQuery,
    Pattern,
    Phrase,
    Word,
)
from kb.search.units import normalize_key

# Weights (BM25F per field, then these boosts): exact words beat stems and compound parts.
EXACT_BOOST, PARTS_BOOST, SPLIT_BOOST = 2.0, 1.0, 0.3
TITLE_BOOST, SECTION_BOOST = 1.0, 0.5


def to_whoosh(parsed: ParsedQuery, schema: Schema) -> wq.Query:
    """The Whoosh query for `parsed` over the index `schema` (whose analyzers it uses)."""
    if parsed.blank:
        return wq.Every()
    clauses = without_stop_words(parsed.clauses, schema)
    positive = [q for c in clauses if not isinstance(c, Not) if (q := _clause(c, schema))]
    negative = [q for c in clauses if isinstance(c, Not) if (q := _clause(c.clause, schema))]
    if not positive and not negative:
        return wq.NullQuery
    main: wq.Query = wq.And(positive) if len(positive) > 1 else (positive or [wq.Every()])[0]
    if negative:
        main = wq.AndNot(main, wq.Or(negative))
    boost = _context_boost(parsed, schema)
    return wq.AndMaybe(main, boost) if boost is not None else main


def without_stop_words(clauses: tuple[Clause, ...], schema: Schema) -> tuple[Clause, ...]:
    """Drop plain words the stemmer drops (de, het, van) unless no words would be left."""
    kept = tuple(c for c in clauses if not isinstance(c, Word) or tokens(stemmer(schema), c.text))
    searched = (Word, Phrase, Pattern, AnyOf)
    return kept if any(isinstance(c, searched) for c in kept) else clauses


def _clause(clause: Clause, schema: Schema) -> wq.Query | None:
    if isinstance(clause, Word):
        return _word(clause.text, schema)
    if isinstance(clause, Phrase):
        return _phrase(clause.text, schema)
    if isinstance(clause, Pattern):
        return _pattern(clause.text)
    if isinstance(clause, Filter):
        return wq.ConstantScoreQuery(filter_query(clause.name, clause.value), 0.0)
    if isinstance(clause, Not):
        inner = _clause(clause.clause, schema)
        return wq.Not(inner) if inner is not None else None
    alternatives = [q for c in clause.clauses if (q := _clause(c, schema)) is not None]
    return wq.Or(alternatives) if alternatives else None


def tokens(analyzer: Analyzer, text: str) -> list[str]:
    """The distinct token texts `analyzer` makes of `text` at query time, in order."""
    return list(dict.fromkeys(t.text for t in analyzer(text, mode="query")))


def _all_of(fieldname: str, terms: list[str], boost: float) -> wq.Query:
    if len(terms) == 1:
        return wq.Term(fieldname, terms[0], boost=boost)
    return wq.And([wq.Term(fieldname, t) for t in terms], boost=boost)


def _word(text: str, schema: Schema) -> wq.Query | None:
    stems, exact = tokens(stemmer(schema), text), tokens(schema[EXACT].analyzer, text)
    alternatives = []
    if stems:
        # Compound parts are stemmed like the text, so the query's stems find them.
        alternatives.append(_all_of(PARTS, stems, PARTS_BOOST))
    if exact:
        alternatives.append(_all_of(EXACT, exact, EXACT_BOOST))
    pieces = hyphen_pieces(text, schema)
    if len(pieces) > 1:
        alternatives.append(wq.Phrase(EXACT, pieces, boost=EXACT_BOOST))
    parts = compound_parts(text, schema)
    if parts:
        alternatives.append(_all_of(PARTS, parts, SPLIT_BOOST))
    if not alternatives:
        return None
    return wq.Or(alternatives)


def compound_parts(text: str, schema: Schema) -> list[str]:
    """The stems of the parts of a compound query word ("stagediscriminatie": stag,
    discriminatie), so it also finds its parts apart ("discriminatie … stagebedrijf")."""
    stems = tokens(stemmer(schema), text)
    splitters = [f for f in getattr(schema[PARTS].analyzer, "items", ()) if hasattr(f, "lexicon")]
    if len(stems) != 1 or not splitters or not text.isalpha():
        return []
    parts = splitters[0].lexicon.split(text.lower())
    if len(parts) < 2:
        return []
    return list(dict.fromkeys(s for part in parts for s in tokens(stemmer(schema), part)))


def hyphen_pieces(text: str, schema: Schema) -> list[str]:
    """The exact words of a hyphenated word written apart ("Verwey-Jonker": verwey, jonker)."""
    if "-" not in text and "\u2010" not in text and "\u2011" not in text:
        return []
    return tokens(schema[EXACT].analyzer, re.sub(r"[-\u2010\u2011]", " ", text))


def _phrase(text: str, schema: Schema) -> wq.Query | None:
    words = tokens(schema[EXACT].analyzer, text)
    if not words:
        return None
    if len(words) == 1:
        return wq.Term(EXACT, words[0], boost=EXACT_BOOST)
    return wq.Phrase(EXACT, words, boost=EXACT_BOOST)


def _pattern(text: str) -> wq.Query:
    if text.endswith("*") and "*" not in text[:-1] and "?" not in text:
        return wq.Prefix(EXACT, text[:-1], constantscore=False)
    return wq.Wildcard(EXACT, text, constantscore=False)


def filter_query(name: str, value: str) -> wq.Query:
    """The query selecting the units that pass filter `name` with checked `value`."""
    if name == "jaar":
        first, last = (int(year) for year in value.split(".."))
        return wq.NumericRange("year", first, last)
    if name == "soort":
        return wq.Term("kind", value)
    if name == "brief":
        return wq.Or([
            wq.Term("document", value), wq.Prefix("document", value),
            wq.Term("kamerstuk", value.lower()),
        ])  # fmt: skip
    return wq.Term(KEY_FIELDS[name], normalize_key(value))


def _context_boost(parsed: ParsedQuery, schema: Schema) -> wq.Query | None:
    """Terms of the query in the letter's title and the section heading: they add, never match."""
    stems = [s for c in parsed.positive() if isinstance(c, Word | Phrase)
             for s in tokens(stemmer(schema), c.text)]  # fmt: skip
    if not stems:
        return None
    title = [wq.Term(TITLE, s, boost=TITLE_BOOST) for s in dict.fromkeys(stems)]
    section = [wq.Term(SECTION, s, boost=SECTION_BOOST) for s in dict.fromkeys(stems)]
    return wq.Or(title + section)
