"""Commitments across the knowledge base, with fulfilment candidates, status and overdue flag."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ingest.dates import parse_iso
from ingest.models import Commitment, CommitmentStatus
from kb import knowledge_export as kx
from kb.fulfilment import (
    CommitmentFacts,
    LetterFacts,
    candidates_for,
    commitment_key,
    is_overdue,
    status_of,
)
from kb.store import Store


@dataclass(frozen=True)
class Fulfilment:
    document: str
    date: str | None
    evidence: str
    start: int
    end: int
    confidence: float
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class CommitmentView:
    key: str
    document: str
    letter_date: str | None
    quote: str
    actor: str
    action: str
    due_text: str | None
    due: str | None
    due_start: str | None
    due_end: str | None
    status: str
    overdue: bool
    fulfilled_by: tuple[Fulfilment, ...]
    start: int
    end: int
    confidence: float
    rule: str


def _date(value: str | None) -> dt.date | None:
    parsed = parse_iso(value) if value else None
    return parsed[0] if parsed else None


def letters(store: Store) -> list[LetterFacts]:
    rows = kx._rows(store.db, "SELECT id, date, title, text, body_end FROM documents ORDER BY id")
    return [LetterFacts(r["id"], _date(r["date"]), r["title"], r["text"], r["body_end"])
            for r in rows]  # fmt: skip


def _commitment(row: dict) -> Commitment:
    return Commitment(
        quote=row["quote"], actor=row["actor"], action=row["action"], due_text=row["due_text"],
        due=row["due"], due_start=_date(row["due_start"]), due_end=_date(row["due_end"]),
        status=CommitmentStatus(row["status"]), start=row["start"], end=row["end"],
        confidence=row["confidence"], rule=row["rule"],
    )  # fmt: skip


def commitments(store: Store, today: dt.date, open_only: bool = False) -> list[CommitmentView]:
    """Every commitment with the later letters that may fulfil it, its status and overdue flag."""
    known = letters(store)
    dates = {letter.document: letter.date for letter in known}
    out = []
    for row in kx.commitment_rows(store.db):
        commitment = _commitment(row)
        key = commitment_key(row["document"], row["idx"])
        fact = CommitmentFacts(key, row["document"], dates.get(row["document"]), commitment)
        found = candidates_for(fact, known)
        status = status_of(commitment, found, today)
        view = CommitmentView(
            key=key, document=row["document"], letter_date=row["letter_date"],
            quote=row["quote"], actor=row["actor"], action=row["action"],
            due_text=row["due_text"], due=row["due"], due_start=row["due_start"],
            due_end=row["due_end"], status=str(status),
            overdue=is_overdue(commitment, status, today),
            fulfilled_by=tuple(
                Fulfilment(c.document, c.date.isoformat() if c.date else None, c.evidence,
                           c.start, c.end, c.confidence, c.reasons)
                for c in found
            ),
            start=row["start"], end=row["end"], confidence=row["confidence"], rule=row["rule"],
        )  # fmt: skip
        if not open_only or view.status == CommitmentStatus.OPENSTAAND:
            out.append(view)
    return out
