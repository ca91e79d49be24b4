"""The units of search, read from the store: passages, footnotes, statistics and commitments,
each with its letter's metadata and the entities (organisations, pilots, programmes, motions)
mentioned inside its span.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

# The unit kinds, as the store names them -> the Dutch facet value.
UNIT_KINDS = {
    "passage": "alinea", "footnote": "voetnoot", "statistic": "cijfer",
    "commitment": "toezegging",
}  # fmt: skip
# Entity types in `mentions` that are facets -> (facet field, filter name).
ENTITY_FACETS = {
    "organisation": ("org", "org"), "pilot": ("pilot", "pilot"),
    "programme": ("programme", "programma"),
}  # fmt: skip


def normalize_key(value: str) -> str:
    """How names are compared in filters: lower case, single spaces."""
    return " ".join(value.lower().split())


@dataclass(frozen=True)
class LetterInfo:
    """What every unit of a letter carries about the letter."""

    document: str
    source: str
    title: str
    date: str  # ISO, as precise as known ("2023", "2021-11-17"); "" if unknown
    year: int | None
    signatory: str
    kamerstuk: str  # lower case; "" if unknown
    version: str  # "<document>@<sha256>"


@dataclass(frozen=True)
class Unit:
    """One searchable piece of a letter; `letter.text[start:end]` is its text."""

    id: str
    letter: LetterInfo
    kind: str  # a value of UNIT_KINDS
    text: str
    start: int
    end: int
    section: str = ""  # the heading the passage stands under
    facets: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # facet -> names
    keys: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # filter -> keys


def store_versions(store: object) -> dict[str, str]:
    """document id -> sha256 of every letter in the store."""
    db: sqlite3.Connection = store.db  # type: ignore[attr-defined]
    return {row[0]: row[1] for row in db.execute("SELECT id, sha256 FROM documents")}


def read_units(store: object, documents: Iterable[str]) -> Iterator[Unit]:
    """The units of `documents` (ids in the store), letter by letter, in text order."""
    db: sqlite3.Connection = store.db  # type: ignore[attr-defined]
    for document in documents:
        row = db.execute("SELECT * FROM documents WHERE id = ?", (document,)).fetchone()
        if row is None:
            continue
        info = _letter_info(row)
        entities = _Entities(db, document, _signatory_keys(info.signatory))
        for unit in _raw_units(db, info, row["text"]):
            facets, keys = entities.within(unit.start, unit.end)
            yield Unit(unit.id, info, unit.kind, unit.text, unit.start, unit.end, unit.section,
                       facets, keys)  # fmt: skip


def _letter_info(row: sqlite3.Row) -> LetterInfo:
    date = row["date"] or ""
    return LetterInfo(
        document=row["id"], source=row["source"], title=row["title"] or "", date=date,
        year=int(date[:4]) if date[:4].isdigit() else None,
        signatory=row["signatory"] or "", kamerstuk=(row["kamerstuk"] or "").lower(),
        version=f"{row['id']}@{row['sha256']}",
    )  # fmt: skip


def _signatory_keys(signatory: str) -> tuple[str, ...]:
    """ "C.E.G. van Gennip" -> the full name, "van gennip" and "gennip"."""
    words = normalize_key(signatory).split()
    return tuple(dict.fromkeys(" ".join(words[i:]) for i in range(len(words))))


def _raw_units(db: sqlite3.Connection, info: LetterInfo, text: str) -> Iterator[Unit]:
    """The units of one letter without their entities."""
    doc = info.document
    section = ""
    for p in db.execute("SELECT * FROM passages WHERE document = ? ORDER BY idx", (doc,)):
        if p["kind"] == "heading":
            # Headings are no results of their own: they are part of what stands under them.
            section = p["text"]
            continue
        yield Unit(f"{doc}/alinea/{p['idx']}", info, "alinea", p["text"], p["start"], p["end"],
                   section)  # fmt: skip
    footnotes = db.execute(
        "SELECT * FROM footnotes WHERE document = ? ORDER BY start, number", (doc,)
    )
    for i, f in enumerate(footnotes):
        yield Unit(f"{doc}/voetnoot/{i}", info, "voetnoot", f["text"], f["start"], f["end"])
    statistics = db.execute(
        'SELECT quote, start, "end" FROM statistics WHERE document = ? ORDER BY start', (doc,)
    )
    for i, s in enumerate(statistics):
        start, end = _quote_span(text, s["quote"], s["start"], s["end"])
        yield Unit(f"{doc}/cijfer/{i}", info, "cijfer", s["quote"], start, end)
    commitments = db.execute("SELECT * FROM commitments WHERE document = ? ORDER BY idx", (doc,))
    for c in commitments:
        yield Unit(f"{doc}/toezegging/{c['idx']}", info, "toezegging", c["quote"], c["start"],
                   c["end"])  # fmt: skip


def _quote_span(text: str, quote: str, start: int, end: int) -> tuple[int, int]:
    """The span of `quote` around the value at start..end (a statistic stores the value's)."""
    at = text.find(quote, max(0, end - len(quote)))
    if at != -1 and at <= start:
        return at, at + len(quote)
    return start, end


class _Entities:
    """The entity mentions and motions of one letter, to find those inside a unit's span."""

    def __init__(self, db: sqlite3.Connection, document: str, signatory: tuple[str, ...]) -> None:
        self.signatory = signatory
        self.spans: list[tuple[int, int, str, str, str]] = []  # start, end, facet, filter, name
        self.keys: dict[tuple[str, str], set[str]] = defaultdict(set)  # (filter, name) -> keys
        rows = db.execute("SELECT * FROM mentions WHERE document = ?", (document,))
        for m in rows:
            if m["type"] not in ENTITY_FACETS:
                continue
            facet, filter_name = ENTITY_FACETS[m["type"]]
            self.spans.append((m["start"], m["end"], facet, filter_name, m["name"]))
            slug = m["entity"].partition(":")[2]
            names = [slug, slug.replace("-", " "), m["name"], m["text"], *json.loads(m["aliases"])]
            self.keys[filter_name, m["name"]].update(normalize_key(n) for n in names if n)
        for m in db.execute("SELECT * FROM motions WHERE document = ?", (document,)):
            self.spans.append((m["start"], m["end"], "motie", "motie", m["name"]))
            self.keys["motie", m["name"]].update(_motion_keys(m))

    def within(
        self, start: int, end: int
    ) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
        """(facet -> names, filter -> keys) of the entities mentioned inside start..end."""
        facets: dict[str, list[str]] = defaultdict(list)
        keys: dict[str, set[str]] = defaultdict(set)
        for s, e, facet, filter_name, name in self.spans:
            if start <= s and e <= end and name not in facets[facet]:
                facets[facet].append(name)
                keys[filter_name] |= self.keys[filter_name, name]
        keys["ondertekenaar"] = set(self.signatory)
        return (
            {f: tuple(names) for f, names in facets.items() if names},
            {f: tuple(sorted(k)) for f, k in keys.items() if k},
        )


def _motion_keys(row: sqlite3.Row) -> set[str]:
    """What `motie:` may name: its Kamerstuk, its name with and without "motie", its members."""
    name = row["name"]
    bare = re.sub(r"^motie[-\s]*", "", name, flags=re.IGNORECASE)
    members = json.loads(row["members"])
    values = [row["key"], row["reference"] or "", name, bare, *bare.split("/"), *members]
    return {normalize_key(v) for v in values if v}
