"""The commitments page: every commitment with status, overdue flag and fulfilling letters.

Wraps kb.commitments_view (status and fulfilment candidates for a given `today`) with what the
page needs: the letter's title and kind, the programmes and organisations named in the
commitment's sentence (so "VIA" finds a promise about the Werkagenda VIA), filters that
round-trip through the URL, summary counts and CSV/JSON export. No Streamlit here.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from kb import knowledge_export as kx
from kb.commitments_view import commitments
from kb.queries import fold
from kb.store import Store

OPEN, PARTLY, DONE, LATE = "Openstaand", "Deels voldaan", "Voldaan", "Te laat"
# URL value -> status shown; "te-laat" is the overdue part of "open".
STATUSES = {"open": OPEN, "te-laat": LATE, "deels": PARTLY, "voldaan": DONE}


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


@dataclass(frozen=True)
class Summary:
    total: int
    open: int
    overdue: int
    partly: int
    fulfilled: int


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


def commitment_rows(store: Store, today: dt.date) -> list[CommitmentRow]:
    """Every commitment with status and overdue flag as of `today`, by letter date."""
    docs = {r["id"]: r for r in kx._rows(store.db, "SELECT id, title, kind, date FROM documents")}
    mentions = mentions_by_document(store)
    names = entity_names(store)
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
            tuple(words),
        ))  # fmt: skip
    out.sort(key=lambda r: (r.letter_date or "", r.document, int(r.key.rsplit(":", 1)[1])))
    return out


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
    ]  # fmt: skip


def summary(rows: list[CommitmentRow]) -> Summary:
    """Counts for the metrics above the table."""
    return Summary(
        total=len(rows),
        open=sum(r.status == OPEN for r in rows),
        overdue=sum(r.overdue for r in rows),
        partly=sum(r.status == PARTLY for r in rows),
        fulfilled=sum(r.status == DONE for r in rows),
    )


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
    """The filter in a page URL: status, open ("1"), brief, jaar, zoek, titel ("1"), zekerheid."""
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
    )


def filter_params(f: CommitmentFilter) -> dict[str, str]:
    """The URL parameters of a filter (empty ones left out), the inverse of parse_filter."""
    years = "" if f.years is None else (
        str(f.years[0]) if f.years[0] == f.years[1] else f"{f.years[0]}..{f.years[1]}")  # fmt: skip
    params = {
        "status": f.status, "open": "1" if f.open_only else "", "brief": f.letter,
        "jaar": years, "zoek": f.text.strip(), "titel": "1" if f.in_title else "",
        "zekerheid": f"{f.min_confidence:g}" if f.min_confidence > 0 else "",
    }  # fmt: skip
    return {k: v for k, v in params.items() if v}


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
