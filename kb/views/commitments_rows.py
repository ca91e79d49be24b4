"""Commitment rows: every commitment as the commitments page and the timeline show it.

Wraps kb.commitments_view (status and fulfilment candidates for a given `today`) with the
letter's title and kind and the programmes and organisations named in the commitment's
sentence (so "VIA" finds a promise about the Werkagenda VIA).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kb import knowledge_export as kx
from kb.commitments_view import commitments
from kb.store import Store
from kb.views.mentions import (
    entity_names,
    keys_of,
    main_programme,
    mentioned_in,
    mentions_by_document,
)

OPEN, PARTLY, DONE, LATE = "Openstaand", "Deels voldaan", "Voldaan", "Te laat"


@dataclass(frozen=True)
class Evidence:
    """A later letter that (partly) delivers on a commitment; `quote` is its evidence sentence."""

    document: str
    date: str | None
    title: str | None
    quote: str
    start: int
    end: int
    confidence: float
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class CommitmentRow:
    """One commitment as the page shows it (status in the register's Dutch vocabulary)."""

    key: str
    document: str
    letter_date: str | None
    letter_title: str | None
    letter_kind: str
    quote: str
    start: int
    end: int
    actor: str
    action: str
    due_text: str | None
    due: str | None
    due_start: str | None
    due_end: str | None
    status: str  # Openstaand | Deels voldaan | Voldaan
    overdue: bool
    fulfilments: tuple[Evidence, ...]
    confidence: float
    rule: str
    entities: tuple[str, ...] = ()  # entity keys named in the sentence (with parents)
    names: tuple[str, ...] = ()  # their names and the words used, for the text filter
    letter_programme: str | None = None  # the programme the letter is mostly about

    @property
    def shown_status(self) -> str:
        """"Te laat" for an overdue open commitment, else its status."""
        return LATE if self.overdue else self.status

    @property
    def due_period(self) -> str:
        """The due period as dates, "2024-01-01 – 2024-03-31", or "" without one."""
        if not self.due_start and not self.due_end:
            return ""
        return f"{self.due_start or '…'} – {self.due_end or '…'}"


def commitment_rows(store: Store, today: dt.date) -> list[CommitmentRow]:
    """Every commitment with status and overdue flag as of `today`, by letter date."""
    docs = {r["id"]: r for r in kx._rows(store.db, "SELECT id, title, kind, date FROM documents")}
    mentions = mentions_by_document(store)
    names = entity_names(store)
    topics = {doc: main_programme(found) for doc, found in mentions.items()}
    out = []
    for c in commitments(store, today):
        inside = mentioned_in(mentions.get(c.document, []), c.start, c.end)
        keys = keys_of(inside)
        words = sorted({m.text for m in inside} | {names.get(k, k) for k in keys})
        fulfilments = tuple(
            Evidence(f.document, f.date, docs.get(f.document, {}).get("title"), f.evidence,
                     f.start, f.end, f.confidence, f.reasons)
            for f in c.fulfilled_by
        )  # fmt: skip
        letter = docs.get(c.document, {})
        out.append(CommitmentRow(
            c.key, c.document, c.letter_date, letter.get("title"), letter.get("kind", ""),
            c.quote, c.start, c.end, c.actor, c.action, c.due_text, c.due, c.due_start,
            c.due_end, c.status, c.overdue, fulfilments, c.confidence, c.rule, keys,
            tuple(words), topics.get(c.document),
        ))  # fmt: skip
    out.sort(key=lambda r: (r.letter_date or "", r.document, int(r.key.rsplit(":", 1)[1])))
    return out
