"""Programme and pilot bars on the timeline: their periods, derived from the letters.

Never written down here:
- stated periods: a mention's "period" attribute ("Stagepact MBO 2023–2027") or a range of two
  written years right next to a programme or pilot in one sentence ("Werkagenda VIA
  (2021-2025)"); one bar per (entity, period), quoting the earliest letter that states it;
- otherwise the span of the dated sentences that name it, plus the sentences that give a pilot
  its status ("De VIA-pilot … is in het voorjaar van 2022 afgerond"), labelled "afgeleid".
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from ingest.sentences import sentence_at
from kb.queries import pad_date
from kb.views.mentions import Mention, mentioned_in
from kb.views.timeline_model import Item, Letter

BAR_TYPES = {"programme": "Programma", "pilot": "Pilot"}
YEARS = re.compile(r"\b(?:19|20)\d{2}\b")


@dataclass(frozen=True)
class _Evidence:
    """A sentence that dates a programme or pilot: evidence for one of its bars."""

    entity: str
    start: str
    end: str
    letter: Letter
    quote: str
    span: tuple[int, int]
    stated: bool  # a stated period (else one dated sentence of a derived span)
    status: str | None = None


def period_items(events: Mapping[str, list[dict]], letters: Mapping[str, Letter],
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
         letters: Mapping[str, Letter]) -> Item:  # fmt: skip
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


def _sentence(letter: Letter, offset: int) -> tuple[str, tuple[int, int]]:
    start, end = sentence_at(letter.text, offset, 0, letter.body_end)
    return letter.text[start:end], (start, end)


def _stated_periods(letters: Mapping[str, Letter], mentions: Mapping) -> list[_Evidence]:
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


def _dated_sentences(events: Mapping[str, list[dict]], letters: Mapping[str, Letter],
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


def _statuses(letter: Letter, bars: list[Mention], events: list[dict]) -> list[_Evidence]:
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
            out.append(_Evidence(m.entity, pad_date(letter.date), pad_date(letter.date, end=True),
                                 letter, quote, span, False, status))  # fmt: skip
    return out
