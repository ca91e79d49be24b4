"""What fulfilment needs of each sentence of a letter, worked out once per letter.

Finding the evidence for a commitment looks at every sentence of every later letter. The
sentence-level part of that (delivery phrases, participles, periods, keywords) does not
depend on the commitment, so it is computed once per letter and kept (bounded cache): the
export and the commitments page then cost set operations per (commitment, letter) pair
instead of regular expressions. The results are exactly those of kb.fulfilment._phrase.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from ingest.models import PeriodPrecision as P
from ingest.periods import find_periods
from ingest.sentences import sentence_spans
from kb import fulfilment as f


@dataclass(frozen=True)
class Sentence:
    """One sentence: its span and how it may show delivery, whatever the commitment."""

    span: tuple[int, int]
    keywords: frozenset[str]
    fulfils: bool  # an explicit fulfilment phrase ("Hiermee geef ik invulling aan …")
    days: tuple[dt.date, ...]  # the days it names (an explicit phrase about another day fails)
    reported: frozenset[str] | None  # keywords of the delivery it reports, if it does
    participles: frozenset[tuple[str, str]] | None  # past participles, if it has an auxiliary
    self_delivery: bool  # "Met deze brief bied ik u … aan", not about the future


@dataclass(frozen=True)
class LetterAnalysis:
    opening: frozenset[str]
    body: frozenset[str]
    sentences: tuple[Sentence, ...]


@lru_cache(maxsize=4096)
def analyse(letter: f.LetterFacts) -> LetterAnalysis:
    """The letter's opening and body keywords and its sentences, analysed once."""
    spans = sentence_spans(letter.text, 0, letter.body_end)
    spans += sentence_spans(letter.text, letter.body_end, len(letter.text))
    opening = f.keywords(f"{letter.title or ''} {letter.text[: min(f.OPENING, letter.body_end)]}")
    analysed = (_sentence(letter.text[s:e], (s, e), letter.date) for s, e in spans)
    # Only sentences that can show delivery are kept: most sentences of a letter cannot.
    return LetterAnalysis(
        opening, f.keywords(letter.text[: letter.body_end]),
        tuple(s for s in analysed
              if s.fulfils or s.reported is not None or s.participles or s.self_delivery),
    )  # fmt: skip


def _sentence(text: str, span: tuple[int, int], date: dt.date | None) -> Sentence:
    periods = find_periods(text, date)
    days = tuple(m.period.start for m in periods if m.period.precision == P.DAY)
    delivered = f.DELIVERED.search(text)
    reported = None
    if delivered and f.TO_PARLIAMENT.search(delivered.group()):
        reported = f.keywords(text[delivered.start() : delivered.end() + 80])
    participles = f._participle_roots(text) if f.AUXILIARY.search(text) else None
    future = any(m.period.start > date for m in periods if date)
    return Sentence(
        span, f.keywords(text), f.FULFILS.search(text) is not None, days, reported,
        participles, bool(f.DELIVERS.search(text)) and not future,
    )  # fmt: skip


def phrase(
    sentence: Sentence, made: dt.date | None, roots: frozenset[tuple[str, str]]
) -> tuple[frozenset[str], float, str] | None:
    """kb.fulfilment._phrase on an analysed sentence: (keywords of the part that must be about
    the promise, score, reason) or None."""
    if sentence.fulfils:
        if sentence.days and made not in sentence.days:
            return None
        return sentence.keywords, 0.3, f.EXPLICIT
    if sentence.reported is not None:
        return sentence.reported, 0.3, "reports delivery"
    if roots and sentence.participles is not None and roots & sentence.participles:
        return sentence.keywords, 0.3, f.DONE
    if sentence.self_delivery:
        return sentence.keywords, 0.2, f.SELF_DELIVERY
    return None
