"""The 2018–2029 timeline: letters, dated events, commitment due dates and programme periods.

Four lanes. Letters sit at their date, events at the start of their period, commitments at
the end of their due period (the deadline), coloured by status as of `today` (open, deels
voldaan, voldaan, te laat). Programmes and pilots are bars whose periods are derived from the
letters, never written down here (see kb.views.timeline_periods).

Every item is clipped to 2018-01-01..2029-12-31 and carries the entities named in its sentence
(a letter: in the whole letter), with parent programmes, for the filters. The item type, the
lanes and the legend live in kb.views.timeline_model; all are re-exported here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from kb import knowledge_export as kx
from kb.queries import pad_date
from kb.store import Store
from kb.views.commitments_rows import DONE, OPEN, PARTLY, CommitmentRow, commitment_rows
from kb.views.mentions import entity_names, keys_of, mentioned_in, mentions_by_document
from kb.views.timeline_model import CATEGORIES, FIRST, LANES, LAST, Item, Letter
from kb.views.timeline_periods import BAR_TYPES, YEARS, period_items

__all__ = [
    "BAR_TYPES", "CATEGORIES", "FIRST", "LANES", "LAST", "STATUS", "YEARS", "Item", "Options",
    "Timeline", "TimelineFilter", "chart_rows", "filter_items", "filter_params", "options",
    "parse_filter", "period_text", "table_rows", "timeline", "y_domain",
]  # fmt: skip

STATUS = {OPEN: "open", PARTLY: "deels voldaan", DONE: "voldaan"}


@dataclass(frozen=True)
class Timeline:
    items: tuple[Item, ...]
    names: dict[str, str]  # entity key -> name
    today: str
    undated_commitments: int  # commitments without a due date (not on the timeline)


@dataclass(frozen=True)
class TimelineFilter:
    lanes: tuple[str, ...] = ()  # keys of LANES; empty: all
    organisation: str = ""  # entity keys
    pilot: str = ""
    programme: str = ""
    kind: str = ""  # kind of letter: kamerbrief, bijlage, ...


@dataclass(frozen=True)
class Options:
    """What the filters can choose from: (entity key, name), sorted by name."""

    organisations: tuple[tuple[str, str], ...]
    pilots: tuple[tuple[str, str], ...]
    programmes: tuple[tuple[str, str], ...]
    kinds: tuple[str, ...]


def timeline(store: Store, today: dt.date) -> Timeline:
    """Everything on the timeline, clipped to 2018–2029, packed into rows, in date order."""
    letters = {r["id"]: Letter(**r) for r in kx._rows(
        store.db, "SELECT id, title, kind, date, text, body_end FROM documents")}  # fmt: skip
    mentions = mentions_by_document(store)
    events: dict[str, list[dict]] = {}
    for e in kx._rows(store.db, "SELECT * FROM events ORDER BY document, start"):
        events.setdefault(e["document"], []).append(e)
    rows = commitment_rows(store, today)
    names = entity_names(store)
    items = [*_letter_items(letters, mentions), *_event_items(events, letters, mentions)]
    items += [_commitment_item(r) for r in rows if r.due_start and r.due_end]
    items += period_items(events, letters, mentions, names)
    inside = [c for i in items if (c := _clip(i)) is not None]
    packed = _pack(sorted(inside, key=lambda i: (i.at, i.lane, i.id)))
    return Timeline(tuple(packed), names, today.isoformat(),
                    sum(1 for r in rows if not (r.due_start and r.due_end)))  # fmt: skip


def _letter_items(letters: Mapping[str, Letter], mentions: Mapping) -> list[Item]:
    return [
        Item(f"brief:{d.id}", "brieven", d.title or d.id, pad_date(d.date),
             pad_date(d.date, end=True), pad_date(d.date), False, "Brief", d.kind, d.id, d.date,
             None, None, (d.id,), (d.kind,), keys_of(mentions.get(d.id, [])))
        for d in letters.values() if d.date
    ]  # fmt: skip


def _event_items(events: Mapping[str, list[dict]], letters: Mapping[str, Letter],
                 mentions: Mapping) -> list[Item]:  # fmt: skip
    out = []
    for e in (e for found in events.values() for e in found):
        d = letters[e["document"]]
        span = (e["sentence_start"], e["sentence_end"])
        out.append(Item(
            f"gebeurtenis:{d.id}:{e['start']}", "gebeurtenissen", e["label"],
            e["period_start"], e["period_end"], e["period_start"], False,
            "Aangekondigd" if e["future"] else "Gebeurtenis",
            "aangekondigd" if e["future"] else "gebeurd", d.id, d.date, e["quote"], span,
            (d.id,), (d.kind,), keys_of(mentioned_in(mentions.get(d.id, []), *span)),
        ))  # fmt: skip
    return out


def _commitment_item(r: CommitmentRow) -> Item:
    status = "te laat" if r.overdue else STATUS.get(r.status, r.status.lower())
    return Item(
        f"toezegging:{r.key}", "toezeggingen", r.action, r.due_start, r.due_end, r.due_end,
        False, f"Toezegging {status}", status, r.document, r.letter_date, r.quote,
        (r.start, r.end), (r.document,), (r.letter_kind,), r.entities,
    )  # fmt: skip


def _clip(item: Item) -> Item | None:
    """The item inside FIRST..LAST (flagged when cut), or None when it lies outside."""
    if item.end < FIRST or item.start > LAST:
        return None
    start, end = max(item.start, FIRST), min(item.end, LAST)
    at = min(max(item.at, FIRST), LAST)
    if (start, end, at) == (item.start, item.end, item.at):
        return item
    return replace(item, start=start, end=end, at=at, clipped=True)


def _pack(items: list[Item], gap_days: int = 45, point_rows: int = 4) -> list[Item]:
    """Sub-rows per lane: a bar goes to the first row free at its start; a point to the first
    row with no point within `gap_days` (at most `point_rows` rows, then the row free soonest)."""
    busy: dict[str, list[dt.date]] = {}  # lane -> per row, the last day it is taken
    out = []
    for item in items:
        start = dt.date.fromisoformat(item.at)
        rows = busy.setdefault(item.lane, [])
        row = next((i for i, until in enumerate(rows) if until < start), len(rows))
        if not item.bar and row >= point_rows:
            row = min(range(len(rows)), key=lambda i: rows[i])
        if row == len(rows):
            rows.append(start)
        end = dt.date.fromisoformat(item.end) if item.bar else start
        rows[row] = max(rows[row], end + dt.timedelta(days=1 if item.bar else gap_days))
        out.append(replace(item, row=row))
    return out


def parse_filter(params: Mapping[str, str]) -> TimelineFilter:
    """The filter in a page URL: laan ("brieven,toezeggingen"), org, pilot, programma (entity
    slugs: "uwv" for organisation:uwv) and soort (kind of letter)."""
    lanes = tuple(k for k in (params.get("laan") or "").split(",") if k in LANES)
    slug = {"org": "organisation", "pilot": "pilot", "programma": "programme"}
    keys = {p: f"{t}:{params[p]}" if params.get(p) else "" for p, t in slug.items()}
    return TimelineFilter(lanes, keys["org"], keys["pilot"], keys["programma"],
                          params.get("soort") or "")  # fmt: skip


def filter_params(f: TimelineFilter) -> dict[str, str]:
    """The URL parameters of a filter (empty ones left out), the inverse of parse_filter."""
    params = {
        "laan": ",".join(k for k in LANES if k in f.lanes),
        "org": f.organisation.split(":", 1)[-1], "pilot": f.pilot.split(":", 1)[-1],
        "programma": f.programme.split(":", 1)[-1], "soort": f.kind,
    }  # fmt: skip
    return {k: v for k, v in params.items() if v}


def filter_items(items: Iterable[Item], f: TimelineFilter) -> list[Item]:
    """The items in the chosen lanes that name every chosen entity and come from a letter of
    the chosen kind."""
    wanted = [k for k in (f.organisation, f.pilot, f.programme) if k]
    return [
        i for i in items
        if (not f.lanes or i.lane in f.lanes)
        and all(k in i.entities for k in wanted)
        and (not f.kind or f.kind in i.kinds)
    ]  # fmt: skip


def options(tl: Timeline) -> Options:
    """The organisations, pilots, programmes and kinds of letter that occur on the timeline."""
    keys = {k for i in tl.items for k in i.entities}

    def named(kind: str) -> tuple[tuple[str, str], ...]:
        found = [(k, tl.names.get(k, k)) for k in keys if k.startswith(f"{kind}:")]
        return tuple(sorted(found, key=lambda kn: (kn[1].lower(), kn[0])))

    kinds = tuple(sorted({k for i in tl.items for k in i.kinds if k}))
    return Options(named("organisation"), named("pilot"), named("programme"), kinds)


def period_text(item: Item) -> str:
    """"2023-01-01" for a day, "2023-01-01 – 2027-12-31" for a stretch of time."""
    return item.start if item.start == item.end else f"{item.start} – {item.end}"


def chart_rows(items: Iterable[Item], quote_chars: int = 280) -> list[dict[str, object]]:
    """Records for the chart: y is "lane·row" (each lane as tall as its rows), x the dates;
    the quote is cut short for the tooltip."""
    return [
        {
            "id": i.id, "laan": LANES[i.lane], "rij": f"{LANES[i.lane]}·{i.row}",
            "titel": i.label, "begin": i.start, "eind": i.end, "moment": i.at, "balk": i.bar,
            "soort": i.category, "status": i.status, "periode": period_text(i),
            "brief": i.document or "", "datum": i.date or "",
            "citaat": _short(i.quote or "", quote_chars),
        }
        for i in items
    ]  # fmt: skip


def y_domain(items: Iterable[Item], lanes: Iterable[str] = ()) -> list[str]:
    """The chart's rows top to bottom: every lane shown (all by default; an empty one keeps
    its first row) as tall as its items need."""
    rows = {lane: 1 for lane in LANES if lane in (set(lanes) or LANES)}
    for i in items:
        if i.lane in rows:
            rows[i.lane] = max(rows[i.lane], i.row + 1)
    return [f"{LANES[lane]}·{r}" for lane, n in rows.items() for r in range(n)]


def table_rows(items: Iterable[Item]) -> list[dict[str, object]]:
    """The items under the chart, with Dutch column names (the page adds the links)."""
    return [
        {"Laan": LANES[i.lane], "Wat": i.label, "Periode": period_text(i), "Status": i.status,
         "Brief": i.document or "", "Datum brief": i.date or "", "Citaat": i.quote or "",
         "id": i.id}
        for i in items
    ]  # fmt: skip


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
