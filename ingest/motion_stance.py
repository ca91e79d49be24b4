"""The government's stance on a motion, from the sentence naming it and from follow-up sentences.

A stance is read from cues right before the motion phrase ("geef ik invulling aan |de motie …")
or after it in the same sentence ("… wordt uitgevoerd", "… als afgedaan", "voer ik … uit").
Follow-ups count too: a "deze motie" / "de motie" / "die motie" (an anaphor) in the passage of
a named motion or the next one, before another motion is named, refers to that motion ("De
motie van het lid X verzoekt … Met de volgende stappen geef ik invulling aan deze motie.").

Decision: the follow-up's stance is put on the mention it refers to (the nearest named motion
before it), not on an extra mention, so a motion keeps one mention per naming. Of several
stances the most decisive wins (afgedaan > uitvoering, invulling > verzocht, reactie), the
later one on a tie: an intro "Ook reageer ik op de motie …" gives way to "voer ik deze motie
uit". Negated cues ("geef ik geen invulling aan", "voer ik deze motie niet uit") state none.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.nlp import LetterContext

_WORDS = r"(?:\s+(?!(?:niet|geen)\b)[\w-]+){0,4}?"  # a few words, no negation
_NOT = r"(?<!geen )(?<!niet )"  # "geef ik geen invulling aan" states no stance


def _before(cue: str, link: str) -> re.Pattern[str]:
    """A cue that ends right before the motion phrase: "invulling aan |de motie …"."""
    return re.compile(rf"{_NOT}\b(?:{cue})\b{_WORDS}\s+(?:{link})\s*$", re.IGNORECASE)


_STANCES = (  # (stance, cue before the phrase, cue after it in the same sentence)
    ("afgedaan", _before("als afgedaan", r"[\w-]+"),
     re.compile(r"^(?:(?!\bniet\b)[^.;])*\bafgedaan\b")),
    ("invulling", _before("invulling", "aan"), None),
    ("uitvoering", _before("uitvoering|uitvoeren|gevolg", "van|aan"),
     re.compile(rf"^[^.;]{{0,80}}?\b(?:is|wordt|worden)\b{_WORDS}\s+uitgevoerd\b")),
    ("verzocht", _before("verzocht|gevraagd|verzoek", "in|bij|met|door|van"), None),
    ("reactie", _before("reactie|reageer|reageren|reageert", "op"), None),
)  # fmt: skip
# A separable verb around the phrase: "Ik voer |deze motie| uit", "voeren wij |de motie| uit".
_SPLIT = (
    ("uitvoering", re.compile(rf"\bvoer(?:en|t)?\b{_WORDS}\s*$", re.IGNORECASE),
     re.compile(r"^[\s\u00ad]*uit\b", re.IGNORECASE)),
)  # fmt: skip
_RANK = {"afgedaan": 3, "uitvoering": 2, "invulling": 2, "verzocht": 1, "reactie": 1}
ANAPHOR = re.compile(r"\b(?:[Dd]eze|[Dd]e|[Dd]ie)\s+motie\b(?![-‑–])")


def stance_in(before: str, after: str) -> str | None:
    """The stance stated around a motion phrase: `before` ends at it, `after` starts after it."""
    split = next((n for n, cue, tail in _SPLIT if cue.search(before) and tail.match(after)), None)
    return split or next(
        (name for name, cue, late in _STANCES
         if cue.search(before) or (late is not None and late.search(after))), None
    )  # fmt: skip


def decisive(stances: Sequence[str | None]) -> str | None:
    """The most decisive stance, the later one on a tie; None when none is stated."""
    best: str | None = None
    for stance in stances:
        if stance is not None and (best is None or _RANK.get(stance, 1) >= _RANK.get(best, 1)):
            best = stance
    return best


def follow_up_stances(ctx: LetterContext, spans: Sequence[tuple[int, int]]) -> list[list[str]]:
    """Per named motion span (in text order), the stances of the anaphors that refer to it."""
    text, found = ctx.letter.text, [[] for _ in spans]  # type: list[list[str]]
    for m in ANAPHOR.finditer(text, 0, ctx.letter.body_end):
        if any(s < m.end() and m.start() < e for s, e in spans):
            continue  # "de motie van het lid X" itself
        index = _referent(ctx, spans, m.start())
        if index is None:
            continue
        sent_start, sent_end = ctx.sentence_at(m.start())
        start = max(sent_start, spans[index][1], m.start() - 160)
        stance = stance_in(text[start : m.start()], text[m.end() : max(m.end(), sent_end)])
        if stance is not None:
            found[index].append(stance)
    return found


def _referent(ctx: LetterContext, spans: Sequence[tuple[int, int]], offset: int) -> int | None:
    """The named motion an anaphor at `offset` refers to: the last one before it, when that
    one stands in the anaphor's passage or the passage before."""
    before = [i for i, (_, end) in enumerate(spans) if end <= offset]
    if not before:
        return None
    passages = ctx.letter.passages
    here, there = ctx.passage_at(offset), ctx.passage_at(spans[before[-1]][0])
    if here is None or there is None:
        return None
    return before[-1] if 0 <= passages.index(here) - passages.index(there) <= 1 else None
