"""Fulfilment of commitments: which later letters deliver on a promise (kamerbriefNakoming).

Pure: the store feeds `CommitmentFacts` and `LetterFacts`; nothing here reads a database.

A later letter is a candidate for a commitment when one of its sentences (body or footnote)
shows delivery and the delivering phrase shares two keywords with the promise's action (one for
a one-keyword promise; a letter that delivers itself may find the second in its title and
opening). Its confidence adds up:

- date (0-0.25): dated within the due period 0.25, after it (late) 0.15, before it (early)
  0.05; without a due period 0.1, or 0 when more than ~18 months after the promise. A letter
  dated on or before the commitment's own letter is never a candidate, and neither is a letter
  without a date (its order is unknown).
- phrase (0.2-0.3): an explicit fulfilment ("Zoals toegezegd …", "Met deze brief geef ik gevolg
  aan mijn toezegging") 0.3, unless it cites a day other than the promise's letter ("Zoals
  toegezegd tijdens het debat op 20 april 2022" fulfils that day's promise); an earlier delivery
  to parliament reported ("In december vorig jaar is de Werkagenda aan Uw Kamer aangeboden",
  "heeft mijn voorganger u geïnformeerd over …") 0.3; the promised action reported done, the
  participle of the promise's verb with a perfect or passive auxiliary ("Ik ga … een handreiking
  opstellen" <- "de handreiking … die ik … heb opgesteld") 0.3; the letter's own delivery, only
  in the present about this letter ("Met deze brief bied ik u … aan", "Hierbij stuur ik u",
  "Ik informeer u nu", "Bijgevoegd treft u") and not with a later period in the sentence
  ("Medio 2025 stuur ik u de evaluatie" is a promise, not a delivery) 0.2.

A promise with one keyword ("de evaluatie … sturen"; period words such as "najaar" are not
keywords) is not linked by a letter's own delivery phrase alone: it needs an explicit fulfilment
or a reported earlier delivery / completed action. (The signatory's ministry would be another
signal, but LetterFacts does not carry it.)
- topic (0-0.45): keyword overlap between the promise's action and the evidence phrase
  (x 0.25), the letter's title and opening (x 0.15) and its whole body (x 0.05).

Keywords are plain tokens, not lemmas: content words of at least four letters that are not
Dutch stopwords or letter vocabulary ("Kamer", "informeren", "kwartaal"), crudely stemmed
("netwerken" -> "netwerk"), plus acronyms kept as written ("VIA", "SZW"). Overlap is
shared / max(2, min(|promise keywords|, 4)), capped at 1, so one shared word never counts as a
full match and a long promise needs no more than four.

Status: the best candidate at 0.6 or more makes a commitment Voldaan, at 0.35 or more Deels
voldaan; weaker candidates are not returned.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from ingest.models import Commitment, CommitmentStatus
from ingest.models import PeriodPrecision as P
from ingest.periods import find_periods

STRONG = 0.6  # Voldaan from here
WEAK = 0.35  # Deels voldaan from here; weaker candidates are dropped
OPENING = 1500  # characters of the body that count as the letter's opening

_I = re.IGNORECASE
FULFILS = re.compile(
    r"\bzoals (?:\w+ ){0,3}toegezegd\b|\b(?:mijn|de|deze|die) toezegging\b|\bgevolg aan\b"
    r"|\bkom ik (?:hiermee )?terug op\b|\bals afgedaan\b",
    _I,
)
DELIVERED = re.compile(
    r"\b(?:is|zijn|werd|werden|heeft|hebben|heb)\b.{0,80}\b(?:aangeboden|toegezonden|gestuurd"
    r"|verzonden|geïnformeerd|gedeeld|doen toekomen)\b",
    _I,
)
TO_PARLIAMENT = re.compile(r"\b(?:u|uw kamer|de kamer|tweede kamer)\b", _I)  # in the match
DELIVERS = re.compile(  # this letter delivers, now: not "Medio 2025 stuur ik u …"
    r"\b(?:(?:met|in|bij) deze \w*brief|hierbij|hiermee)\b.*\b(?:bied|stuur|zend|informeer"
    r"|laat|geef|ontvangt)\b|\b(?:(?:bied|stuur|zend|informeer) ik u|ik (?:bied|stuur|zend"
    r"|informeer) u)\b.*\b(?:hierbij|hiermee|nu)\b|\bbijgevoegd treft u\b"
    r"|\btreft u (?:hierbij|bijgevoegd)\b",
    _I,
)
AUXILIARY = re.compile(r"\b(?:heb|hebben|heeft|is|zijn|werd|werden)\b", _I)  # perfect, passive
SEPARABLE = ("samen", "terug", "door", "over", "voor", "mee", "toe", "vast", "uit", "aan", "af",
             "in", "op", "om", "bij", "na")  # fmt: skip
INSEPARABLE = ("be", "ver", "ont", "her", "er")
SELF_DELIVERY = "the letter delivers it itself"
EXPLICIT = "explicit fulfilment phrase"
DONE = "reports the promised action done"
LONG_AFTER = dt.timedelta(days=548)  # a promise without a due period is kept within ~18 months
GENERIC = frozenset(
    "kamer brief minister staatssecretaris kabinet informeren informeer geïnformeerd toekomen "
    "sturen stuur doen laten delen eerste tweede derde vierde kwartaal jaar komend komende later "
    "nader zoals toegezegd toezegging voortgangsbrief kamerbrief samen nodig gaan maken mensen "
    "groep hand gericht aantal goed goede mogelijk werk verder nieuwe twee drie vier vijf zeven "
    "acht negen tien najaar voorjaar zomer winter medio begin eind einde januari februari maart "
    "april juni juli augustus september oktober november december".split()
)


@dataclass(frozen=True)
class LetterFacts:
    """What fulfilment needs of a letter: its id, date, title and text (body then footnotes)."""

    document: str
    date: dt.date | None
    title: str | None
    text: str
    body_end: int


@dataclass(frozen=True)
class CommitmentFacts:
    """A commitment with its key (e.g. "004_e70a:0"), its letter and that letter's date."""

    key: str
    document: str
    date: dt.date | None
    commitment: Commitment


@dataclass(frozen=True)
class FulfilmentCandidate:
    """A later letter that may deliver on a commitment; `evidence` == text[start:end]."""

    commitment_key: str
    document: str
    evidence: str
    start: int
    end: int
    confidence: float
    reasons: tuple[str, ...]
    date: dt.date | None = None


def commitment_key(document: str, index: int) -> str:
    """The key of the index-th commitment of a letter, as the store numbers them."""
    return f"{document}:{index}"


def find_fulfilments(
    commitments: Iterable[CommitmentFacts], letters: Sequence[LetterFacts]
) -> tuple[FulfilmentCandidate, ...]:
    """Every fulfilment candidate of every commitment, best first per commitment."""
    found: list[FulfilmentCandidate] = []
    for fact in commitments:
        found += candidates_for(fact, letters)
    return tuple(found)


def candidates_for(
    fact: CommitmentFacts, letters: Sequence[LetterFacts]
) -> tuple[FulfilmentCandidate, ...]:
    """The later letters that may deliver on one commitment, best first."""
    promise = keywords(fact.commitment.action)
    found = [
        candidate
        for letter in letters
        if _is_later(fact, letter) and promise
        and (candidate := _candidate(fact, promise, letter)) is not None
    ]  # fmt: skip
    return tuple(sorted(found, key=lambda c: (-c.confidence, c.document)))


def status_of(
    commitment: Commitment, candidates: Iterable[FulfilmentCandidate], today: dt.date
) -> CommitmentStatus:
    """Voldaan with a strong candidate dated by `today`, Deels voldaan with a weak one, else
    Openstaand (`commitment` is the promise the candidates were found for)."""
    known = [c.confidence for c in candidates if c.date is None or c.date <= today]
    best = max(known, default=0.0)
    if best >= STRONG:
        return CommitmentStatus.VOLDAAN
    if best >= WEAK:
        return CommitmentStatus.DEELS_VOLDAAN
    return CommitmentStatus.OPENSTAAND


def is_overdue(commitment: Commitment, status: CommitmentStatus, today: dt.date) -> bool:
    """Still open and its due period ended before `today`."""
    return (
        status == CommitmentStatus.OPENSTAAND
        and commitment.due_end is not None
        and commitment.due_end < today
    )


def keywords(text: str) -> frozenset[str]:
    """Content tokens of a text: stemmed lowercase words, acronyms as written."""
    out: set[str] = set()
    words = re.findall(r"[^\W\d_][\w’'-]*", text)
    for word in words + [part for w in words if "-" in w for part in w.split("-")]:
        if len(word) >= 2 and word.isupper():
            out.add(word)  # "VIA" is not the preposition "via"
            continue
        w = re.sub(r"[’']s$", "", word.lower())
        if len(w) >= 4 and w not in _stopwords():
            out.add(_stem(w))
    return frozenset(out)


@cache
def _stopwords() -> frozenset[str]:
    """Dutch stopwords and letter vocabulary (spaCy is imported only when keywords are needed)."""
    from spacy.lang.nl.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) | GENERIC


def _stem(word: str) -> str:
    """A crude Dutch suffix strip so plural and singular meet ("netwerken" ~ "netwerk")."""
    for suffix in ("en", "s", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 5:
            return word[: -len(suffix)]
    return word


def _is_later(fact: CommitmentFacts, letter: LetterFacts) -> bool:
    """Another letter, dated after the commitment's letter (both dates known)."""
    return (
        letter.document != fact.document
        and fact.date is not None
        and letter.date is not None
        and letter.date > fact.date
    )


def _overlap(promise: frozenset[str], other: frozenset[str]) -> float:
    return min(1.0, len(promise & other) / max(2, min(len(promise), 4)))


def _candidate(
    fact: CommitmentFacts, promise: frozenset[str], letter: LetterFacts
) -> FulfilmentCandidate | None:
    """The best evidence sentence of one letter for one commitment, if strong enough."""
    from kb.fulfilment_sentences import analyse  # it builds on this module's phrases

    analysis = analyse(letter)
    opening, body = analysis.opening, analysis.body
    best = _evidence(fact, promise, opening, letter)
    if best is None:
        return None
    (start, end), focus, phrase_score, phrase_reason = best
    date_score, date_reason = _date_score(fact.commitment, fact.date, letter.date)
    topic = (
        0.25 * _overlap(promise, focus)
        + 0.15 * _overlap(promise, opening)
        + 0.05 * _overlap(promise, body)
    )
    confidence = round(min(date_score + phrase_score + topic, 0.95), 2)
    if confidence < WEAK:
        return None
    shared = sorted(promise & (focus | opening))
    reasons = (date_reason, phrase_reason, f"shared keywords: {', '.join(shared)}")
    return FulfilmentCandidate(
        fact.key, letter.document, letter.text[start:end], start, end, confidence, reasons,
        letter.date,
    )  # fmt: skip


Evidence = tuple[tuple[int, int], frozenset[str], float, str]


def _evidence(
    fact: CommitmentFacts, promise: frozenset[str], opening: frozenset[str], letter: LetterFacts
) -> Evidence | None:
    """The sentence with the strongest delivery phrase about the promise: the phrase must share
    two keywords with it (one for a one-keyword promise); a letter delivering itself ("Met deze
    brief bied ik u … aan") may find the second in its title and opening."""
    from kb.fulfilment_sentences import analyse, phrase  # sentences analysed once per letter

    needed = min(2, len(promise))
    roots = verb_roots(fact.commitment.action)
    best: tuple[float, Evidence] | None = None
    for sentence in analyse(letter).sentences:
        found = phrase(sentence, fact.date, roots)
        if found is None or (len(promise) == 1 and found[2] == SELF_DELIVERY):
            continue  # "stuur ik u de evaluatie": one shared word alone is too weak a link
        focus = found[0]
        context = opening if found[2] == SELF_DELIVERY else frozenset()
        if not promise & focus or len(promise & (focus | context)) < needed:
            continue
        score = found[1] + 0.25 * _overlap(promise, focus)
        if best is None or score > best[0]:
            best = (score, (sentence.span, focus, found[1], found[2]))
    return None if best is None else best[1]


def _phrase(
    sentence: str,
    made: dt.date | None,
    date: dt.date | None,
    roots: frozenset[tuple[str, str]] = frozenset(),
) -> tuple[str, float, str] | None:
    """How a sentence shows delivery (explicitly, reported earlier, or by this letter itself),
    with the part of it that must be about the promise."""
    if FULFILS.search(sentence):
        days = [m.period.start for m in find_periods(sentence, date) if m.period.precision == P.DAY]
        if days and made not in days:  # "Zoals toegezegd tijdens het debat op 20 april 2022"
            return None  # fulfils the promise made that day, not this one
        return sentence, 0.3, EXPLICIT
    delivered = DELIVERED.search(sentence)
    if delivered and TO_PARLIAMENT.search(delivered.group()):
        # what was delivered stands between the verbs or right after them
        return sentence[delivered.start() : delivered.end() + 80], 0.3, "reports delivery"
    if roots and AUXILIARY.search(sentence) and roots & _participle_roots(sentence):
        return sentence, 0.3, DONE  # "… de handreiking … die ik … heb opgesteld"
    future = any(m.period.start > date for m in find_periods(sentence, date) if date)
    if DELIVERS.search(sentence) and not future:
        return sentence, 0.2, SELF_DELIVERY
    return None


def verb_roots(text: str) -> frozenset[tuple[str, str]]:
    """(separable prefix, root) of the infinitives in a promise: "opstellen" -> ("op", "stel")."""
    out = set()
    for word in re.findall(r"\b[a-zë]{3,}en\b", text):
        prefix = next((p for p in SEPARABLE if word.startswith(p) and len(word) > len(p) + 4), "")
        out.add((prefix, _root(word[len(prefix) : -2])))
    return frozenset(out)


def _participle_roots(sentence: str) -> frozenset[tuple[str, str]]:
    """(separable prefix, root) of the past participles in a sentence: "opgesteld", "gemaakt",
    "ontwikkeld" (an inseparable prefix takes no "ge")."""
    out = set()
    for word in re.findall(r"\b[a-zë]{5,}\b", sentence):
        prefix = next((p for p in SEPARABLE if word.startswith(p + "ge")), "")
        rest = word[len(prefix) :]
        stem = rest[2:] if rest.startswith("ge") else rest
        if stem is rest and not rest.startswith(INSEPARABLE):
            continue  # no "ge": an infinitive or noun, not a participle
        for ending in ("en", "d", "t") if stem is not rest else ("d", "t"):
            if stem.endswith(ending) and len(stem) > len(ending) + 1:
                out.add((prefix, _root(stem[: -len(ending)])))
    return frozenset(out)


def _root(stem: str) -> str:
    """Doubled letters collapsed, so "stell" (stellen) meets "stel" (gesteld), "mak" "maak"."""
    return re.sub(r"(.)\1", r"\1", stem)


def _date_score(
    commitment: Commitment, made: dt.date | None, date: dt.date | None
) -> tuple[float, str]:
    """Being dated within the due period counts most; late delivery still counts."""
    start, end, due = commitment.due_start, commitment.due_end, commitment.due
    if end is None:
        late = made is not None and date is not None and date - made > LONG_AFTER
        return (0.0, "no due period, long after") if late else (0.1, "no due period")
    if date is None:
        return 0.1, "undated"
    if start is not None and date < start:
        return 0.05, f"dated before the due period {due}"
    if date > end:
        return 0.15, f"dated after the due period {due}"
    return 0.25, f"dated within the due period {due}"
