"""Entity mentions per letter, shared by the commitments and timeline views.

A mention is an entity named in a letter at a span, with its parent programme and attributes
("period", "status", ...). The helpers pick the mentions inside a sentence and turn them into
the entity keys (with parent programmes) that the pages filter on.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass

from kb import knowledge_export as kx
from kb.store import Store


@dataclass(frozen=True)
class Mention:
    """An entity named in a letter at [start, end), with its parent programme (if any)."""

    entity: str
    type: str
    name: str
    text: str
    start: int
    end: int
    parent: str | None
    attributes: tuple[tuple[str, str], ...] = ()  # e.g. (("period", "2023–2027"),)

    def attribute(self, name: str) -> str | None:
        """One attribute of the mention ("period", "status", "status_evidence"), or None."""
        return dict(self.attributes).get(name)


def mentions_by_document(store: Store) -> dict[str, list[Mention]]:
    """Every mention of every letter, in text order, with its parent and attributes."""
    out: dict[str, list[Mention]] = {}
    rows = kx._rows(store.db, 'SELECT document, entity, type, name, text, start, "end", '
                              "attributes FROM mentions ORDER BY document, start")  # fmt: skip
    for r in rows:
        attributes = json.loads(r["attributes"])
        out.setdefault(r["document"], []).append(Mention(
            r["entity"], r["type"], r["name"], r["text"], r["start"], r["end"],
            attributes.get("parent"),
            tuple(sorted((k, str(v)) for k, v in attributes.items() if k != "parent")),
        ))  # fmt: skip
    return out


def entity_names(store: Store) -> dict[str, str]:
    """Entity key -> its most used name."""
    counts: dict[str, Counter] = {}
    for entity, name in store.db.execute("SELECT entity, name FROM mentions"):
        counts.setdefault(entity, Counter())[name] += 1
    return {key: c.most_common(1)[0][0] for key, c in sorted(counts.items())}


def mentioned_in(mentions: list[Mention], start: int, end: int) -> list[Mention]:
    """The mentions that lie inside the span [start, end)."""
    return [m for m in mentions if start <= m.start < end]


def keys_of(mentions: list[Mention]) -> tuple[str, ...]:
    """Entity keys of mentions plus their parent programmes, sorted, without repeats."""
    return tuple(sorted({m.entity for m in mentions} | {m.parent for m in mentions if m.parent}))


def main_programme(mentions: list[Mention]) -> str | None:
    """The programme a letter is mostly about: its most mentioned programme, counting a
    sub-programme ("Werkagenda VIA") for its parent ("VIA"); ties go to the first key."""
    counts = Counter(m.parent or m.entity for m in mentions if m.type == "programme")
    if not counts:
        return None
    return min(counts, key=lambda key: (-counts[key], key))
