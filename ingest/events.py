"""Dated events for the timeline: every temporal expression in a sentence of the letter body.

One `Event` per expression (`ingest.periods.find_periods`, resolved against the letter's date).
Footnotes (citations and sources), headings (they repeat the paragraph below them), years
inside Kamerstuk references and publication years ("Bron: CBS Statline 2018", "(Lusse, 2018)")
are skipped. The label is the clause around the expression with the
expression and asides taken out; a long clause keeps its first seven and last five words:
"De quickscan diversiteit is gelanceerd". `future`: the period starts after the letter's date,
or it is open-started ("tot en met 2029", "voor het zomerreces": it starts at the letter's date)
and ends after it. Confidence falls for bare years and for expressions read against the date.
"""

from __future__ import annotations

import datetime as dt
import re
from itertools import pairwise

from ingest.models import BlockKind, Event, Period, PeriodMention, PeriodPrecision
from ingest.nlp import LetterContext
from ingest.periods import find_periods

HEAD, TAIL = 7, 5  # a label has at most twelve words: the first seven and the last five
MIN_WORDS = 5  # a shorter clause ("In 2024") borrows its neighbours
_BASE = {
    PeriodPrecision.DAY: 0.95,
    PeriodPrecision.MONTH: 0.9,
    PeriodPrecision.QUARTER: 0.9,
    PeriodPrecision.HALF: 0.85,
    PeriodPrecision.RANGE: 0.85,
    PeriodPrecision.SEASON: 0.8,
    PeriodPrecision.YEAR: 0.75,
}
BARE_YEAR = 0.6  # "in 2018" may name a title or a source as well as a happening
RELATIVE_PENALTY = 0.15  # "dit jaar" is only as good as the letter's date
# Asides left out of labels: citations in brackets, emptied brackets, "– ... –" insertions.
_ASIDE = re.compile(r"\([^()]*\d[^()]*\)|\(\s*\)|\s[–—]\s[^–—]*\s[–—]\s")
_DANGLING = re.compile(r"\s(?:van|op|in|per|tijdens|sinds|vanaf|tot|voor|na|rond|en)\s*$", re.I)
_EDGE = " ,;:.–—-"
_SOURCE = re.compile(r"\bBron\s*:", re.I)


def extract_events(ctx: LetterContext) -> tuple[Event, ...]:
    """The letter's dated events in text order."""
    letter = ctx.letter
    reference = letter.metadata.date.value
    headings = [(p.start, p.end) for p in letter.passages if p.kind is BlockKind.HEADING]
    cited = [(r.start, r.end) for r in letter.references]
    events: list[Event] = []
    for start, end in ctx.sentences:
        if start >= letter.body_end or _overlaps(start, end, headings):
            continue
        mentions = find_periods(letter.text, reference, start, min(end, letter.body_end))
        mentions = [
            m for m in mentions
            if not _overlaps(m.start, m.end, cited) and not _source_year(letter.text, start, end, m)
        ]  # fmt: skip
        for mention in mentions:
            events.append(_event(letter.text, (start, end), mention, mentions, reference))
    return tuple(events)


def _event(
    text: str,
    sentence: tuple[int, int],
    mention: PeriodMention,
    mentions: list[PeriodMention],
    reference: dt.date | None,
) -> Event:
    """One expression of one sentence as a timeline event."""
    period = mention.period
    confidence = BARE_YEAR if mention.rule == "year" else _BASE[period.precision]
    if mention.relative:
        confidence -= RELATIVE_PENALTY
    return Event(
        quote=text[sentence[0] : sentence[1]],
        label=event_label(text, sentence, mention, mentions),
        text=mention.text,
        period=period,
        start=mention.start,
        end=mention.end,
        sentence_start=sentence[0],
        sentence_end=sentence[1],
        future=_future(period, reference),
        confidence=round(confidence, 2),
        rule=f"event-{mention.rule}",
    )


def _future(period: Period, reference: dt.date | None) -> bool:
    """After the letter's date; a deadline ("../2025-07-04") starts at it, so its end counts."""
    if reference is None:
        return False
    return period.start > reference or (period.label.startswith("../") and period.end > reference)


def event_label(
    text: str, sentence: tuple[int, int], mention: PeriodMention, mentions: list[PeriodMention]
) -> str:
    """The clause around `mention` without it and without asides; long ones keep head and tail.

    Dutch puts the participle last ("... is gelanceerd"), so the tail keeps what happened.
    """
    left, right = _clause(text, sentence, mention, mentions)
    before = _DANGLING.sub("", " " + text[left : mention.start])
    rest = f"{before} {text[mention.end : right]}"
    label = " ".join(_ASIDE.sub(" ", rest).split()).strip(_EDGE)
    label = re.sub(r"\(\s+", "(", re.sub(r"\s+\)", ")", label))
    label = re.sub(r"^(?:en|maar|of)\s+|\s+(?:en|maar|of)$", "", label)
    words = (label[:1].upper() + label[1:]).split()
    if len(words) > HEAD + TAIL:
        words = [*words[:HEAD], "…", *words[-TAIL:]]
    return " ".join(words)


def _clause(
    text: str, sentence: tuple[int, int], mention: PeriodMention, mentions: list[PeriodMention]
) -> tuple[int, int]:
    """The span of the clause holding `mention`, widened until it says enough."""
    borders = _borders(text, sentence, mentions)
    i = next(k for k, (_, e) in enumerate(borders) if e >= mention.end)
    lo = hi = i
    while _words(text, borders[lo][0], borders[hi][1], mention) < MIN_WORDS:
        if hi + 1 < len(borders):
            hi += 1
        elif lo > 0:
            lo -= 1
        else:
            break
    return borders[lo][0], borders[hi][1]


def _borders(
    text: str, sentence: tuple[int, int], mentions: list[PeriodMention]
) -> list[tuple[int, int]]:
    """Clause spans of a sentence: split at ";" and at " en <expression>" ("... en dit jaar")."""
    start, end = sentence
    cuts = [m.end() + start for m in re.finditer(";", text[start:end])]
    cuts += [m.start for m in mentions if text[max(start, m.start - 4) : m.start] == " en "]
    points = sorted({start, *cuts, end})
    return [(a, b) for a, b in pairwise(points) if b > a]


def _words(text: str, start: int, end: int, mention: PeriodMention) -> int:
    rest = text[start : mention.start] + text[mention.end : end]
    return len(re.findall(r"\w+", rest))


def _source_year(text: str, start: int, end: int, mention: PeriodMention) -> bool:
    """A publication year: a "Bron: ..." line, or closing "SCP, Titel, 2018" or "(Lusse, 2018)"."""
    if _SOURCE.search(text, start, mention.start):
        return True
    after = text[mention.end : end].strip()
    closing = after in ("", ".") or after.startswith(")")
    return mention.rule == "year" and text[mention.start - 2 : mention.start] == ", " and closing


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)
