"""Facets as arrays: every unit's kind, year, letter, signatory, date and entities as codes
into sorted name lists, so that counting them over the matches and filtering on them are
vector operations (numpy), built once per searcher."""

from __future__ import annotations

import numpy as np

from kb.search.fields import FACET_FIELDS, KEY_FIELDS
from kb.search.ranking import Vectors
from kb.search.units import normalize_key

# Facet fields: one value per unit, or several (the entity facets).
SINGLE = ("kind", "year", "document", "signatory", "date")
MULTI = FACET_FIELDS


class FacetArrays:
    """Every unit's facet values as codes into sorted name lists, for counting and filtering."""

    needs = Vectors  # SearchIndex.cached builds it from the searcher's Vectors

    def __init__(self, vectors: Vectors) -> None:
        schema, reader = vectors.searcher.schema, vectors.reader
        self.names: dict[str, list[str]] = {}
        self.units: dict[str, np.ndarray] = {}  # field -> unit of each (unit, code) pair
        self.codes: dict[str, np.ndarray] = {}  # field -> code of each pair
        for field in (*SINGLE, *MULTI):
            terms = list(schema[field].sortable_terms(reader, field))
            self.names[field] = [str(schema[field].from_bytes(t)) for t in terms]
            units, codes = [], []
            for code, term in enumerate(terms):
                ids, _ = vectors.postings(field, schema[field].from_bytes(term))
                units.append(ids)
                codes.append(np.full(len(ids), code, dtype=np.int32))
            self.units[field] = np.concatenate(units) if units else np.zeros(0, np.int64)
            self.codes[field] = np.concatenate(codes) if codes else np.zeros(0, np.int32)
        # Single-valued fields also as one code per unit (-1: none), for sorting and filters.
        self.code: dict[str, np.ndarray] = {}
        for field in SINGLE:
            code = np.full(vectors.size, -1, dtype=np.int32)
            code[self.units[field]] = self.codes[field]
            self.code[field] = code

    def counts(self, field: str, mask: np.ndarray) -> dict[str, int]:
        """value -> number of matching units, most frequent first (then by value)."""
        selected = self.codes[field][mask[self.units[field]]]
        counted = np.bincount(selected, minlength=len(self.names[field]))
        pairs = [(self.names[field][c], int(n)) for c in np.flatnonzero(counted)
                 for n in [counted[c]]]  # fmt: skip
        return dict(sorted(pairs, key=lambda item: (-item[1], item[0])))

    def having(self, field: str, names: list[str]) -> np.ndarray:
        """The mask of the units with one of `names` in single-valued `field`."""
        wanted = [i for i, name in enumerate(self.names[field]) if name in set(names)]
        return np.isin(self.code[field], wanted)

    def filter(self, vectors: Vectors, name: str, value: str) -> np.ndarray:
        """The mask of the units that pass filter `name` with checked `value`."""
        if name == "jaar":
            first, last = (int(year) for year in value.split(".."))
            return self.having("year", [y for y in self.names["year"] if first <= int(y) <= last])
        if name == "soort":
            return self.having("kind", [value])
        if name == "brief":
            letters = [d for d in self.names["document"] if d.startswith(value)]
            return self.having("document", letters) | vectors.term("kamerstuk", value.lower()).mask
        return vectors.term(KEY_FIELDS[name], normalize_key(value)).mask
