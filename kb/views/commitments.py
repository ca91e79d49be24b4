"""The commitments page: every commitment with status, overdue flag and fulfilling letters.

Wraps kb.commitments_view (status and fulfilment candidates for a given `today`) with what the
page needs: the letter's title and kind, the programmes and organisations named in the
commitment's sentence (so "VIA" finds a promise about the Werkagenda VIA), filters that
round-trip through the URL, summary counts and CSV/JSON export. No Streamlit here.

The parts live in their own modules and are re-exported here:
- kb.views.mentions: the mentions of each letter (shared with the timeline);
- kb.views.commitments_rows: `CommitmentRow` and `commitment_rows`;
- kb.views.commitments_filter: `CommitmentFilter`, filtering and its URL state;
- kb.views.commitments_export: CSV and JSON export.
This module keeps the summary counts, the table rows and the Dutch fulfilment reasons.
"""

from __future__ import annotations

from dataclasses import dataclass

from kb.views.commitments_export import EXPORT_FIELDS, export_csv, export_json, export_rows
from kb.views.commitments_filter import (
    STATUSES,
    CommitmentFilter,
    about_programme,
    due_years,
    filter_params,
    filter_rows,
    letter_options,
    matches_text,
    parse_filter,
    parse_years,
    programme_options,
)
from kb.views.commitments_rows import (
    DONE,
    LATE,
    OPEN,
    PARTLY,
    CommitmentRow,
    Evidence,
    commitment_rows,
)
from kb.views.mentions import (
    Mention,
    entity_names,
    keys_of,
    mentioned_in,
    mentions_by_document,
)

__all__ = [
    "DONE",
    "EXPORT_FIELDS",
    "LATE",
    "OPEN",
    "PARTLY",
    "REASONS",
    "STATUSES",
    "CommitmentFilter",
    "CommitmentRow",
    "Evidence",
    "Mention",
    "Summary",
    "about_programme",
    "commitment_rows",
    "due_years",
    "dutch_reason",
    "entity_names",
    "export_csv",
    "export_json",
    "export_rows",
    "filter_params",
    "filter_rows",
    "keys_of",
    "letter_options",
    "matches_text",
    "mentioned_in",
    "mentions_by_document",
    "parse_filter",
    "parse_years",
    "programme_options",
    "summary",
    "table_rows",
]  # fmt: skip


@dataclass(frozen=True)
class Summary:
    """Counts of commitments per status, for the metrics above the table."""

    total: int
    open: int
    overdue: int
    partly: int
    fulfilled: int


REASONS = (  # kb.fulfilment's reasons, in the UI's Dutch
    ("dated within the due period", "gedateerd binnen de termijn"),
    ("dated after the due period", "gedateerd na de termijn"),
    ("dated before the due period", "gedateerd vóór de termijn"),
    ("no due period, long after", "geen termijn, ruim later geschreven"),
    ("no due period", "geen termijn"), ("undated", "zonder datum"),
    ("the letter delivers it itself", "de brief levert het zelf"),
    ("explicit fulfilment phrase", "noemt de nakoming uitdrukkelijk"),
    ("reports the promised action done", "meldt de toegezegde actie als gedaan"),
    ("reports delivery", "meldt dat het de Kamer is toegezonden"),
    ("shared keywords:", "gedeelde trefwoorden:"),
)  # fmt: skip


def dutch_reason(reason: str) -> str:
    """A fulfilment reason in Dutch ("dated within the due period 2025-Q1" -> "gedateerd
    binnen de termijn 2025-Q1"); an unknown reason stays as it is."""
    for english, dutch in REASONS:
        if reason.startswith(english):
            return dutch + reason[len(english) :]
    return reason


def summary(rows: list[CommitmentRow]) -> Summary:
    """Counts for the metrics above the table."""
    return Summary(
        total=len(rows),
        open=sum(r.status == OPEN for r in rows),
        overdue=sum(r.overdue for r in rows),
        partly=sum(r.status == PARTLY for r in rows),
        fulfilled=sum(r.status == DONE for r in rows),
    )


def table_rows(rows: list[CommitmentRow]) -> list[dict[str, object]]:
    """One dict per commitment with the table's Dutch column names (the page adds links)."""
    return [
        {
            "Toezegging": r.quote,
            "Wie": r.actor,
            "Actie": r.action,
            "Termijn": r.due_text or "",
            "Periode": r.due_period,
            "Status": r.shown_status,
            "Te laat": r.overdue,
            "Brief": r.document,
            "Datum brief": r.letter_date or "",
            "Nagekomen in": "; ".join(
                f"{e.document} ({e.date or 'zonder datum'}, {e.confidence:.2f})"
                for e in r.fulfilments
            ),
            "Zekerheid": r.confidence,
            "Regel": r.rule,
        }
        for r in rows
    ]
