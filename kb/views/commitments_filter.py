"""Filters on the commitments page and their URL state.

A `CommitmentFilter` holds what the user narrowed the table to; `parse_filter` reads it from a
page URL and `filter_params` writes it back (its inverse). `letter_options` and `due_years`
give the choices the filter widgets offer.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from kb.queries import fold
from kb.views.commitments_rows import DONE, LATE, OPEN, PARTLY, CommitmentRow

# URL value -> status shown; "te-laat" is the overdue part of "open".
STATUSES = {"open": OPEN, "te-laat": LATE, "deels": PARTLY, "voldaan": DONE}


@dataclass(frozen=True)
class CommitmentFilter:
    """What the user narrowed the table to; every field has a URL parameter."""

    status: str = ""  # a key of STATUSES, or "" for all
    open_only: bool = False
    letter: str = ""
    years: tuple[int, int] | None = None  # due period overlaps these years
    text: str = ""
    in_title: bool = False  # the text may also match the letter's title
    min_confidence: float = 0.0
    programme: str = ""  # entity key, e.g. "programme:via"


def about_programme(row: CommitmentRow, programme: str) -> bool:
    """Whether a commitment is on `programme`: its sentence names it (or a sub-programme of
    it), or its letter is mostly about it (kb.views.mentions.main_programme)."""
    return not programme or programme in row.entities or row.letter_programme == programme


def programme_options(rows: list[CommitmentRow]) -> list[tuple[str, int]]:
    """(programme key, number of commitments on it) for the programme filter, most first."""
    counts: dict[str, int] = {}
    for r in rows:
        keys = {k for k in r.entities if k.startswith("programme:")}
        keys |= {r.letter_programme} if r.letter_programme else set()
        for key in keys:
            counts[key] = counts.get(key, 0) + 1
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def matches_text(query: str, row: CommitmentRow, in_title: bool = False) -> bool:
    """Whether a commitment is about `query`: its sentence, action, actor, due text or the
    names of what its sentence mentions (and its letter's title if `in_title`). An all-caps
    query ("VIA") is an acronym: matched as a whole word, case-sensitive, so the preposition
    "via" does not count."""
    query = query.strip()
    if not query:
        return True
    title = row.letter_title or "" if in_title else ""
    haystack = " ".join([row.quote, row.action, row.actor, row.due_text or "", title, *row.names])
    if len(query) >= 2 and query.isupper():
        return re.search(rf"(?<!\w){re.escape(query)}(?!\w)", haystack) is not None
    return fold(query) in fold(haystack)


def _in_years(row: CommitmentRow, years: tuple[int, int]) -> bool:
    if not row.due_start or not row.due_end:
        return False
    return int(row.due_start[:4]) <= years[1] and int(row.due_end[:4]) >= years[0]


def _has_status(row: CommitmentRow, status: str) -> bool:
    if status == "te-laat":
        return row.overdue
    return row.status == STATUSES[status]


def filter_rows(rows: list[CommitmentRow], f: CommitmentFilter) -> list[CommitmentRow]:
    """The rows that pass every filter."""
    return [
        r for r in rows
        if (not f.status or f.status not in STATUSES or _has_status(r, f.status))
        and (not f.open_only or r.status == OPEN)
        and (not f.letter or r.document == f.letter)
        and (f.years is None or _in_years(r, f.years))
        and r.confidence >= f.min_confidence
        and matches_text(f.text, r, f.in_title)
        and about_programme(r, f.programme)
    ]  # fmt: skip


def letter_options(rows: list[CommitmentRow]) -> list[tuple[str, str]]:
    """(document, "date · title") of the letters that hold commitments, by date."""
    seen: dict[str, str] = {}
    for r in rows:
        date = r.letter_date or "zonder datum"
        seen.setdefault(r.document, f"{date} · {r.letter_title or r.document}")
    return list(seen.items())


def due_years(rows: list[CommitmentRow]) -> tuple[int, int] | None:
    """The first and last year any due period touches, or None when none is dated."""
    years = [int(d[:4]) for r in rows for d in (r.due_start, r.due_end) if d]
    return (min(years), max(years)) if years else None


def parse_years(value: str) -> tuple[int, int] | None:
    """"2023..2025" or "2024" -> (first, last); anything else -> None."""
    m = re.fullmatch(r"\s*(\d{4})\s*(?:\.\.\s*(\d{4}))?\s*", value or "")
    if not m:
        return None
    first, last = int(m.group(1)), int(m.group(2) or m.group(1))
    return (min(first, last), max(first, last))


def parse_filter(params: Mapping[str, str]) -> CommitmentFilter:
    """The filter in a page URL: status, open ("1"), brief, jaar, zoek, titel ("1"), zekerheid,
    programma (an entity key)."""
    status = params.get("status", "")
    try:
        confidence = min(max(float(params.get("zekerheid", "") or 0), 0.0), 1.0)
    except ValueError:
        confidence = 0.0
    return CommitmentFilter(
        status=status if status in STATUSES else "",
        open_only=params.get("open", "") == "1",
        letter=params.get("brief", ""),
        years=parse_years(params.get("jaar", "")),
        text=params.get("zoek", ""),
        in_title=params.get("titel", "") == "1",
        min_confidence=confidence,
        programme=params.get("programma", ""),
    )


def filter_params(f: CommitmentFilter) -> dict[str, str]:
    """The URL parameters of a filter (empty ones left out), the inverse of parse_filter."""
    years = "" if f.years is None else (
        str(f.years[0]) if f.years[0] == f.years[1] else f"{f.years[0]}..{f.years[1]}")  # fmt: skip
    params = {
        "status": f.status, "open": "1" if f.open_only else "", "brief": f.letter,
        "jaar": years, "zoek": f.text.strip(), "titel": "1" if f.in_title else "",
        "zekerheid": f"{f.min_confidence:g}" if f.min_confidence > 0 else "",
        "programma": f.programme,
    }  # fmt: skip
    return {k: v for k, v in params.items() if v}
