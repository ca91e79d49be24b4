"""Dutch calendar dates in running text ("17 november 2021", "begin december 2023")."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ingest.models import DatePrecision

MONTHS = {
    name: i
    for i, name in enumerate(
        "januari februari maart april mei juni juli augustus september oktober november"
        " december".split(),
        start=1,
    )
}
_MONTH = "|".join(MONTHS)
_DATE = re.compile(
    rf"\b(?:(?P<day>[0-3]?\d)\s+)?(?P<month>{_MONTH})\s+(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE
)


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    value: dt.date
    precision: DatePrecision
    text: str


def parse_date(text: str) -> DateMention | None:
    """The first Dutch date in `text` ("17 november 2021" -> 2021-11-17, day precision)."""
    found = find_dates(text)
    return found[0] if found else None


def find_dates(text: str) -> list[DateMention]:
    """All day- and month-precision dates in `text`, in order."""
    out = []
    for m in _DATE.finditer(text):
        month = MONTHS[m.group("month").lower()]
        year = int(m.group("year"))
        day = m.group("day")
        try:
            value = dt.date(year, month, int(day) if day else 1)
        except ValueError:  # "31 februari": keep what is certain, the month
            value, day = dt.date(year, month, 1), None
        precision = DatePrecision.DAY if day else DatePrecision.MONTH
        out.append(DateMention(m.start(), m.end(), value, precision, m.group(0)))
    return out


def parse_iso(value: str) -> tuple[dt.date, DatePrecision] | None:
    """"2021-11-17" / "2023-12" / "2025" -> (date, precision)."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value.strip())
    if not m:
        return None
    year, month, day = int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)
    try:
        value_date = dt.date(year, month, day)
    except ValueError:
        return None
    precision = DatePrecision.YEAR
    if m.group(2):
        precision = DatePrecision.DAY if m.group(3) else DatePrecision.MONTH
    return value_date, precision
