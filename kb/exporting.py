"""The whole knowledge base as one JSON-able dict: structure (store) plus knowledge."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from kb import knowledge_export as kx
from kb.commitments_view import CommitmentView, commitments
from kb.store import Store


def export_all(store: Store, today: dt.date | None = None) -> dict[str, list[dict[str, Any]]]:
    """Documents, footnotes, references, failures, and the knowledge across letters."""
    data = store.export()
    db = store.db
    data["entities"] = kx.entities(db)
    data["memberships"] = kx.memberships(db)
    data["motions"] = kx.motions(db)
    data["statistics"] = kx.statistics(db)
    data["commitments"] = [
        _commitment_record(c) for c in commitments(store, today=today or dt.date.today())
    ]
    data["events"] = kx.events(db)
    return data


def _commitment_record(view: CommitmentView) -> dict[str, Any]:
    record = dataclasses.asdict(view)
    # The register's form: a list of fulfilling letters; the evidence stays alongside.
    record["fulfilment"] = record.pop("fulfilled_by")
    record["fulfilled_by"] = [f.document for f in view.fulfilled_by]
    return record
