"""Export of the search page: every matching hit (up to the engine's MAX_LIMIT) as plain-text
rows (the hit's text, not its HTML snippet), written as CSV or JSON."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Any

from kb.search.engine import MAX_LIMIT, SearchResult

EXPORT_COLUMNS = ("document", "title", "date", "kind", "text", "start", "end", "score", "link")


def export_note(total: int) -> str:
    """What an export holds, in Dutch (says so when MAX_LIMIT cuts it short)."""
    if total > MAX_LIMIT:
        return f"De export bevat de eerste {MAX_LIMIT} van {total} resultaten (het maximum)."
    if total == 1:
        return "De export bevat het ene resultaat."
    return f"De export bevat alle {total} resultaten."


def export_rows(
    result: SearchResult, link: Callable[[str, int, int], str] | None = None
) -> list[dict[str, Any]]:
    """One plain-text row per hit (columns EXPORT_COLUMNS); `link` makes the reader's URL."""
    return [
        {"document": h.document, "title": h.title, "date": h.date, "kind": h.kind,
         "text": h.text, "start": h.start, "end": h.end, "score": round(h.score, 4),
         "link": link(h.document, h.start, h.end) if link else ""}
        for h in result.hits
    ]  # fmt: skip


def to_csv(rows: list[dict[str, Any]]) -> str:
    """Rows as CSV (header first); cells that a spreadsheet would run as a formula get a
    leading apostrophe."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=EXPORT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(row.get(k, "")) for k in EXPORT_COLUMNS})
    return out.getvalue()


def _cell(value: object) -> object:
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def to_json(rows: list[dict[str, Any]]) -> str:
    """Rows as a JSON array (UTF-8 text, not ASCII-escaped)."""
    return json.dumps(rows, ensure_ascii=False, indent=2)
