"""Export of the commitments page: the shown rows as JSON or CSV, with Dutch field names and
every fulfilment with its evidence."""

from __future__ import annotations

import csv
import io
import json

from kb.views.commitments_rows import CommitmentRow, Evidence


def _fulfilment_text(e: Evidence) -> str:
    return f"{e.document} ({e.date or 'zonder datum'}, zekerheid {e.confidence:.2f}): {e.quote}"


EXPORT_FIELDS = ("sleutel", "brief", "datum_brief", "toezegging", "actor", "actie", "termijn",
                 "termijn_periode", "status", "te_laat", "zekerheid", "regel", "van", "tot",
                 "nakoming")  # fmt: skip


def export_rows(rows: list[CommitmentRow]) -> list[dict[str, object]]:
    """The rows as exported: Dutch field names, every fulfilment with its evidence."""
    return [
        dict(zip(EXPORT_FIELDS, (
            r.key, r.document, r.letter_date, r.quote, r.actor, r.action, r.due_text,
            r.due_period, r.shown_status, r.overdue, r.confidence, r.rule, r.start, r.end,
            [{"brief": e.document, "datum": e.date, "bewijs": e.quote, "van": e.start,
              "tot": e.end, "zekerheid": e.confidence, "redenen": list(e.reasons)}
             for e in r.fulfilments],
        ), strict=True))
        for r in rows
    ]  # fmt: skip


def export_json(rows: list[CommitmentRow]) -> str:
    """The rows as a JSON array (UTF-8 text, not ASCII-escaped)."""
    return json.dumps(export_rows(rows), ensure_ascii=False, indent=2)


def export_csv(rows: list[CommitmentRow]) -> str:
    """The rows as CSV; fulfilments in one column, one per line."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=EXPORT_FIELDS, lineterminator="\n")
    writer.writeheader()
    for record, r in zip(export_rows(rows), rows, strict=True):
        record["nakoming"] = "\n".join(_fulfilment_text(f) for f in r.fulfilments)
        writer.writerow(record)
    return out.getvalue()
