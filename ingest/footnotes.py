"""Linking footnotes to their markers in the body.

Readers that see markers (PDF superscripts, XML `noot`) hand them over; for text extracted from
PDFs the marker is a digit glued to a word ("SCP1", "tergrond2", "hebben.²", "nr. 341)14") or,
in some extractors, set apart by a space ("self-efficacy 16"). Candidates are scored by their
shape; the ascending numbering and the page of the footnote narrow where a marker may stand.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ingest.models import Block, FootnoteSource, MarkerHit

_TO_SUPER = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_CLOSERS = set(".,;:!?)]»”’\"'")
# Words after which a standalone number is part of the text, not a marker.
_NUMBER_WORDS = frozenset(
    "nr nrs nummer artikel art lid blz p pag pagina hoofdstuk paragraaf bijlage fase thema"
    " pijler stap week dag jaar groep klas niveau de het een van met op in tot en of voor"
    " naar per om bij dan ca circa ruim bijna zo'n zo ongeveer sinds vanaf tussen uit door"
    " over maximaal minimaal minder meer na ook nog wel al".split()
)
# A spaced marker is followed by punctuation or a function word ("toolbox 21 en een ..."); any
# other word makes the number a quantity ("5 procent", "20 partijen").
_AFTER_SPACED = re.compile(
    r"^(?:$|[.,;:)\]]|\s+(?:en|of|maar|die|dat|is|zijn|wordt|worden|werd|heeft|hebben|van|in|op"
    r"|om|te|met|voor|als|door|bij|uit|naar|ook|gedaan|ontwikkeld|blijkt)\b)"
)
MIN_SCORE = 0.3


@dataclass(frozen=True)
class Candidate:
    block: int
    start: int  # first character removed from the block text
    end: int
    offset: int  # where the marker stood once removed
    score: float
    rule: str


def link_markers(
    blocks: Sequence[Block], footnotes: Sequence[FootnoteSource]
) -> tuple[list[Block], list[str]]:
    """Return blocks with each footnote's marker recorded (digits cut out) and warnings."""
    work = list(blocks)
    known = {m.number for b in work for m in b.markers}
    warnings: list[str] = []
    cursor = (0, 0)
    for fn in sorted(footnotes, key=lambda f: f.number):
        if fn.number in known:
            cursor = _cursor_of(work, fn.number, cursor)
            continue
        cand = _best_candidate(work, fn, cursor)
        if cand is None:
            warnings.append(f"footnote {fn.number} has no marker in the body")
            continue
        work[cand.block] = _remove(work[cand.block], cand, fn.number)
        cursor = (cand.block, cand.offset)
    numbers = {fn.number for fn in footnotes}
    warnings += [f"marker {n} has no footnote text" for n in sorted(known - numbers)]
    return work, warnings


def _cursor_of(blocks: list[Block], number: int, cursor: tuple[int, int]) -> tuple[int, int]:
    for i, block in enumerate(blocks):
        for m in block.markers:
            if m.number == number:
                return (i, m.offset)
    return cursor


def _best_candidate(
    blocks: list[Block], fn: FootnoteSource, cursor: tuple[int, int]
) -> Candidate | None:
    best: Candidate | None = None
    for i in range(cursor[0], len(blocks)):
        block = blocks[i]
        if fn.page is not None and block.page is not None:
            if block.page > fn.page:
                break
            if block.page < fn.page - 1:
                continue
        floor = cursor[1] if i == cursor[0] else 0
        for cand in candidates(block.text, fn.number, i, floor):
            if best is None or cand.score > best.score:
                best = cand
    return best if best is not None and best.score >= MIN_SCORE else None


def candidates(text: str, number: int, block: int = 0, floor: int = 0) -> list[Candidate]:
    """Every place in `text` (from `floor` on) where footnote `number`'s marker could stand."""
    out: list[Candidate] = []
    sup = str(number).translate(_TO_SUPER)
    for m in re.finditer(re.escape(sup) + r"(?![⁰¹²³⁴⁵⁶⁷⁸⁹])", text):
        if m.start() >= floor and (m.start() == 0 or text[m.start() - 1] not in "⁰¹²³⁴⁵⁶⁷⁸⁹"):
            out.append(Candidate(block, m.start(), m.end(), m.start(), 1.0, "text-superscript"))
    for m in re.finditer(rf"(?<!\d){number}(?!\d)", text):
        if m.start() < floor:
            continue
        cand = _score(text, m.start(), m.end(), block)
        if cand is not None:
            out.append(cand)
    return out


def _score(text: str, start: int, end: int, block: int) -> Candidate | None:
    before = text[start - 1] if start > 0 else ""
    after = text[end:]
    if after[:1].isalpha() or after[:1] == "%" or re.match(r"^[.,]\d", after):
        return None
    if before in ".," and start > 1 and text[start - 2].isdigit():
        return None  # decimal "2,9" or "1.5"
    if before.isalpha():
        return _glued(text, start, end, block)
    if before in _CLOSERS:
        return Candidate(block, start, end, start, 0.9, "text-glued")
    if before == " ":
        return _spaced(text, start, end, block)
    return None


def _glued(text: str, start: int, end: int, block: int) -> Candidate | None:
    word = re.search(r"[^\W\d_]+$", text[:start]).group(0)
    if word.islower() or (word[0].isupper() and word[1:].islower() and len(word) > 1):
        return Candidate(block, start, end, start, 0.9, "text-glued")
    if word.isupper() and len(word) >= 2:
        return Candidate(block, start, end, start, 0.75, "text-glued")
    return Candidate(block, start, end, start, 0.15, "text-glued")  # "G4", "N36": a name


def _spaced(text: str, start: int, end: int, block: int) -> Candidate | None:
    prev = re.search(r"(\S+)\s$", text[:start])
    if prev is None or not _AFTER_SPACED.match(text[end:]):
        return None
    word = prev.group(1).lower().strip("(«\"'")
    if not re.search(r"[^\W\d_]{2,}[)\]]?$", word) or word.rstrip(".") in _NUMBER_WORDS:
        return None
    return Candidate(block, start - 1, end, start - 1, 0.35, "text-spaced")


def _remove(block: Block, cand: Candidate, number: int) -> Block:
    """Cut the marker out of the block text and record it."""
    raw = block.text[cand.start : cand.end].strip()
    width = cand.end - cand.start
    text = block.text[: cand.start] + block.text[cand.end :]
    shifted = tuple(
        replace(m, offset=m.offset - width) if m.offset > cand.start else m for m in block.markers
    )
    hit = MarkerHit(offset=cand.offset, number=number, raw=raw, rule=cand.rule)
    markers = tuple(sorted((*shifted, hit), key=lambda m: m.offset))
    return replace(block, text=text, markers=markers)


def confidence_of(rule: str) -> float:
    """Confidence of a marker link by the rule that found it."""
    return {
        "pdf-superscript": 0.97,
        "xml-noot": 1.0,
        "text-superscript": 0.97,
        "text-glued": 0.9,
        "text-spaced": 0.6,
    }.get(rule, 0.5)
