"""The 2018–2029 timeline: letters, dated events, commitment due dates and programme periods.

Four lanes. Letters sit at their date, events at the start of their period, commitments at
the end of their due period (the deadline), coloured by status as of `today` (open, deels
voldaan, voldaan, te laat). Programmes and pilots are bars whose periods are derived from the
letters, never written down here:

- stated periods: a mention's "period" attribute ("Stagepact MBO 2023–2027") or a range of two
  written years right next to a programme or pilot in one sentence ("Werkagenda VIA
  (2021-2025)"); one bar per (entity, period), quoting the earliest letter that states it;
- otherwise the span of the dated sentences that name it, plus the sentences that give a pilot
  its status ("De VIA-pilot … is in het voorjaar van 2022 afgerond"), labelled "afgeleid".

Every item is clipped to 2018-01-01..2029-12-31 and carries the entities named in its sentence
(a letter: in the whole letter), with parent programmes, for the filters.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from ingest.sentences import sentence_at
from kb import knowledge_export as kx
from kb.queries import _pad
from kb.store import Store
from kb.views.commitments import (
    DONE,
    OPEN,
    PARTLY,
    Mention,
    commitment_rows,
    entity_names,
    keys_of,
    mentioned_in,
    mentions_by_document,
)

FIRST, LAST = "2018-01-01", "2029-12-31"
LANES = {"brieven": "Brieven", "gebeurtenissen": "Gebeurtenissen",
         "toezeggingen": "Toezeggingen", "programmas": "Programma's en pilots"}  # fmt: skip
# Legend order and colours (the open/voldaan/te laat colours are far apart).
CATEGORIES = (
    ("Brief", "#4b5563"), ("Gebeurtenis", "#2563eb"), ("Aangekondigd", "#93c5fd"),
    ("Toezegging open", "#f59e0b"), ("Toezegging deels voldaan", "#a3e635"),
    ("Toezegging voldaan", "#15803d"), ("Toezegging te laat", "#dc2626"),
    ("Programma", "#7c3aed"), ("Pilot", "#db2777"),
)  # fmt: skip
BAR_TYPES = {"programme": "Programma", "pilot": "Pilot"}
STATUS = {OPEN: "open", PARTLY: "deels voldaan", DONE: "voldaan"}
YEARS = re.compile(r"\b(?:19|20)\d{2}\b")


@dataclass(frozen=True)
class Item:
    """One thing on the timeline; `id` is stable across runs (for selection and URLs)."""

    id: str
    lane: str  # a key of LANES
    label: str
    start: str  # ISO dates within FIRST..LAST
    end: str
    at: str  # where a point is drawn; a bar starts here
    bar: bool
    category: str  # legend entry, see CATEGORIES
    status: str
    document: str | None
    date: str | None  # the letter's date as written ("2023", "2021-11-17")
    quote: str | None
    span: tuple[int, int] | None  # character offsets of the quote in its letter
    documents: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()  # entity keys (with parent programmes)
    clipped: bool = False
    row: int = 0  # sub-row inside the lane, so overlapping items stay apart


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


@dataclass(frozen=True)
class _Letter:
    id: str
    title: str | None
    kind: str
    date: str | None
    text: str
    body_end: int


def timeline(store: Store, today: dt.date) -> Timeline:
    """Everything on the timeline, clipped to 2018–2029, packed into rows, in date order."""
    letters = {r["id"]: _Letter(**r) for r in kx._rows(
        store.db, "SELECT id, title, kind, date, text, body_end FROM documents")}  # fmt: skip
    mentions = mentions_by_document(store)
    events: dict[str, list[dict]] = {}
    for e in kx._rows(store.db, "SELECT * FROM events ORDER BY document, start"):
        events.setdefault(e["document"], []).append(e)
    rows = commitment_rows(store, today)
    names = entity_names(store)
    items = [*_letter_items(letters, mentions), *_event_items(events, letters, mentions)]
    items += [_commitment_item(r) for r in rows if r.due_start and r.due_end]
    items += _period_items(events, letters, mentions, names)
    inside = [c for i in items if (c := _clip(i)) is not None]
    packed = _pack(sorted(inside, key=lambda i: (i.at, i.lane, i.id)))
    return Timeline(tuple(packed), names, today.isoformat(),
                    sum(1 for r in rows if not (r.due_start and r.due_end)))  # fmt: skip


def _letter_items(letters: Mapping[str, _Letter], mentions: Mapping) -> list[Item]:
    return [
        Item(f"brief:{d.id}", "brieven", d.title or d.id, _pad(d.date), _pad(d.date, end=True),
             _pad(d.date), False, "Brief", d.kind, d.id, d.date, None, None, (d.id,),
             (d.kind,), keys_of(mentions.get(d.id, [])))
        for d in letters.values() if d.date
    ]  # fmt: skip


def _event_items(events: Mapping[str, list[dict]], letters: Mapping[str, _Letter],
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


def _commitment_item(r) -> Item:  # r: kb.views.commitments.CommitmentRow
    status = "te laat" if r.overdue else STATUS.get(r.status, r.status.lower())
    return Item(
        f"toezegging:{r.key}", "toezeggingen", r.action, r.due_start, r.due_end, r.due_end,
        False, f"Toezegging {status}", status, r.document, r.letter_date, r.quote,
        (r.start, r.end), (r.document,), (r.letter_kind,), r.entities,
    )  # fmt: skip


@dataclass(frozen=True)
class _Evidence:
    entity: str
    start: str
    end: str
    letter: _Letter
    quote: str
    span: tuple[int, int]
    stated: bool  # a stated period (else one dated sentence of a derived span)
    status: str | None = None


def _period_items(events: Mapping[str, list[dict]], letters: Mapping[str, _Letter],
                  mentions: Mapping, names: Mapping[str, str]) -> list[Item]:  # fmt: skip
    """Bars for programmes and pilots: stated periods, else the span of their dated sentences."""
    evidence = _stated_periods(letters, mentions) + _dated_sentences(events, letters, mentions)
    stated = {e.entity for e in evidence if e.stated}
    groups: dict[tuple[str, str, str], list[_Evidence]] = {}
    for e in evidence:
        if e.stated:
            groups.setdefault((e.entity, e.start, e.end), []).append(e)
        elif e.entity not in stated:
            groups.setdefault((e.entity, "", ""), []).append(e)
    found = [m for ms in mentions.values() for m in ms if m.type in BAR_TYPES]
    about = {m.entity: m for m in found}  # type and parent of each programme and pilot
    return [_bar(about[entity], names.get(entity, entity), period, group, letters)
            for (entity, *period), group in sorted(groups.items())]  # fmt: skip


def _bar(entity: Mention, name: str, period: list[str], found: list[_Evidence],
         letters: Mapping[str, _Letter]) -> Item:  # fmt: skip
    """One bar: a stated period quotes its earliest letter; a derived span quotes a pilot's
    latest status, else its earliest dated sentence."""
    found.sort(key=lambda e: (e.letter.date or "", e.letter.id, e.span))
    first, last = period
    if first:
        label, status, quoted = f"{name} {first[:4]}–{last[:4]}", "periode genoemd", found[0]
    else:
        first, last = min(e.start for e in found), max(e.end for e in found)
        statuses = [e for e in found if e.status]
        label, status = f"{name} (afgeleid)", statuses[-1].status if statuses else "afgeleid"
        quoted = statuses[-1] if statuses else min(found, key=lambda e: e.start)
    docs = tuple(dict.fromkeys(e.letter.id for e in found))
    return Item(
        f"periode:{entity.entity}:{first}:{last}", "programmas", label, first, last, first, True,
        BAR_TYPES[entity.type], status, quoted.letter.id, quoted.letter.date, quoted.quote,
        quoted.span, docs, tuple(sorted({letters[d].kind for d in docs})),
        tuple(k for k in (entity.entity, entity.parent) if k),
    )  # fmt: skip


def _sentence(letter: _Letter, offset: int) -> tuple[str, tuple[int, int]]:
    start, end = sentence_at(letter.text, offset, 0, letter.body_end)
    return letter.text[start:end], (start, end)


def _stated_periods(letters: Mapping[str, _Letter], mentions: Mapping) -> list[_Evidence]:
    """Periods a mention states itself: its "period" attribute ("Stagepact MBO 2023–2027")."""
    out = []
    for doc, ms in mentions.items():
        letter = letters[doc]
        for m in ms:
            years = YEARS.findall(m.attribute("period") or "")
            if m.type in BAR_TYPES and len(years) == 2:
                quote, span = _sentence(letter, m.start)
                out.append(_Evidence(m.entity, f"{years[0]}-01-01", f"{years[1]}-12-31", letter,
                                     quote, span, True))  # fmt: skip
    return out


def _dated_sentences(events: Mapping[str, list[dict]], letters: Mapping[str, _Letter],
                     mentions: Mapping) -> list[_Evidence]:  # fmt: skip
    """Every dated sentence naming a programme or pilot: a range of two written years is a
    stated period of the nearest one named (of none when a mention there states its own
    period); any other date is evidence for a derived span, as is a pilot's status."""
    out = []
    for doc, ms in mentions.items():
        letter, bars = letters[doc], [m for m in ms if m.type in BAR_TYPES]
        for e in events.get(doc, []):
            span = (e["sentence_start"], e["sentence_end"])
            named = mentioned_in(bars, *span)
            stated = _two_years(e)
            owner = _owner(e, named) if stated else None
            for m in named if not stated else [owner] if owner else []:
                out.append(_Evidence(m.entity, e["period_start"], e["period_end"], letter,
                                     e["quote"], span, stated))  # fmt: skip
        out += _statuses(letter, bars, events.get(doc, []))
    return out


def _two_years(event: dict) -> bool:
    """A range written with two years ("2021-2025", "van 2023 tot en met 2027")."""
    return event["precision"] == "range" and len(YEARS.findall(event["text"])) == 2


def _owner(event: dict, named: list[Mention]) -> Mention | None:
    """The programme or pilot a range of two written years belongs to: the nearest named
    before it (else after it); None when a mention in the sentence states its own period
    (that one is counted from its attribute, the range is not another's)."""
    if not named or any(m.attribute("period") for m in named):
        return None
    before = [m for m in named if m.end <= event["start"]]
    if before:
        return max(before, key=lambda m: m.end)
    return min(named, key=lambda m: m.start)


def _statuses(letter: _Letter, bars: list[Mention], events: list[dict]) -> list[_Evidence]:
    """A pilot's status in a letter ("gepland", "afgerond") dated by the event in its status
    sentence, or by the letter's date when that sentence holds no date."""
    out = []
    for m in bars:
        status, said = m.attribute("status"), (m.attribute("status_evidence") or "").strip()
        if not status or not said or not letter.date:
            continue
        at = letter.text.find(said, m.start)  # the evidence after this mention, else anywhere
        at = at if at >= 0 else letter.text.find(said)
        quote, span = _sentence(letter, at if at >= 0 else m.start)
        dated = [e for e in events if e["sentence_start"] <= at < e["sentence_end"]]
        if dated:
            out += [_Evidence(m.entity, e["period_start"], e["period_end"], letter, quote, span,
                              False, status) for e in dated]  # fmt: skip
        else:
            out.append(_Evidence(m.entity, _pad(letter.date), _pad(letter.date, end=True),
                                 letter, quote, span, False, status))  # fmt: skip
    return out


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
