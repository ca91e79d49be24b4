"""Geometry for the PDF reader: words into visual lines, superscripts, columns and spacing.

pdfplumber gives words with their font size and box; here they become `Line`s (one visual line
of one column), each able to render its text with superscript footnote markers taken out.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from ingest.models import MarkerHit

_BOLD = re.compile(r"bold|black|heavy", re.IGNORECASE)
_MARKER = re.compile(r"^[0-9]{1,3}(?:,[0-9]{1,3})*$")
_LIGATURES = str.maketrans(
    {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\xad": ""}
)
ZONE = 0.88  # footnote text is at most this fraction of the body font size
SMALL = 0.85  # a superscript is at most this fraction of its line's font size
RAISE = 0.2  # ... and its bottom sits at least this fraction of the size above the line's


@dataclass
class Page:
    number: int
    width: float
    height: float
    rows: list[list[Line]]  # per visual row, its column segments
    rules: list[float]  # tops of thin horizontal rules (footnote separators)


@dataclass
class Note:
    """A footnote being collected from footnote zones."""

    number: int
    page: int
    lines: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool


@dataclass(slots=True)
class Line:
    """One visual line of one column on one page."""

    page: int
    words: list[Word]
    size: float = 0.0  # dominant font size (by characters)
    bold: bool = False
    top: float = 0.0  # extent of the full-size words (superscripts excluded)
    bottom: float = 0.0
    sup: list[bool] = field(default_factory=list)  # per word: a raised, smaller digit run

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def text(self) -> str:
        return self.render()[0]

    def render(
        self, is_marker: Callable[[int], bool] = lambda i: False, skip: int = 0
    ) -> tuple[str, tuple[MarkerHit, ...]]:
        """The line's text without the words `is_marker` accepts, which become MarkerHits."""
        text, hits = "", []
        spaced, prev = False, None
        for i in range(skip, len(self.words)):
            word = self.words[i]
            gap = prev is not None and word.x0 - prev.x1 > 0.12 * self.size
            prev = word
            if is_marker(i):
                numbers = word.text.split(",")
                hits += [MarkerHit(len(text), int(n), n, "pdf-superscript") for n in numbers]
                spaced = spaced or gap
                continue
            text += (" " if text and (gap or spaced) else "") + word.text
            spaced = False
        return text, tuple(hits)


def make_line(page: int, words: list[Word]) -> Line:
    """A line from words of one row and column; finds its main size and its superscripts."""
    words.sort(key=lambda w: w.x0)
    chars: Counter[float] = Counter()
    for w in words:
        chars[w.size] += len(w.text)
    size = chars.most_common(1)[0][0]
    main = [w for w in words if w.size >= SMALL * size] or words
    bottoms = sorted(w.bottom for w in words if w.size == size)
    baseline = bottoms[len(bottoms) // 2]  # the bottom of the line's main-size words
    sup = [
        bool(_MARKER.match(w.text)) and w.size < SMALL * size and baseline - w.bottom > RAISE * size
        for w in words
    ]
    plain = [w for w, s in zip(words, sup, strict=True) if not s] or words
    bold = sum(len(w.text) for w in plain if w.bold) >= 0.8 * sum(len(w.text) for w in plain)
    return Line(page, words, size, bold, min(w.top for w in main), max(w.bottom for w in main), sup)


def merge(lines: Sequence[Line]) -> Line:
    """Several segments of one row as one line."""
    if len(lines) == 1:
        return lines[0]
    return make_line(lines[0].page, [w for line in lines for w in line.words])


def rows(words: Iterable[Word]) -> list[list[Word]]:
    """Group words into visual rows: vertical extents overlapping by half the smaller height.

    Superscripts overlap their own line far more than the one above; words of a side column
    at a slightly different height start their own row.
    """
    found: list[tuple[list[Word], list[float]]] = []  # words, [top, bottom, size] of main word
    for w in sorted(words, key=lambda w: w.top + w.bottom):
        best, best_overlap = None, 0.5
        for row, ref in found[-4:]:
            height = max(min(ref[1] - ref[0], w.bottom - w.top), 0.1)
            overlap = (min(ref[1], w.bottom) - max(ref[0], w.top)) / height
            if overlap >= best_overlap:
                best, best_overlap = (row, ref), overlap
        if best is None:
            found.append(([w], [w.top, w.bottom, w.size]))
            continue
        best[0].append(w)
        if w.size > best[1][2]:
            best[1][:] = [w.top, w.bottom, w.size]
    return [row for row, _ in found]


def segments(page: int, row: list[Word]) -> list[Line]:
    """Split a row at wide horizontal gaps (between a body column and a margin column)."""
    row.sort(key=lambda w: w.x0)
    out: list[list[Word]] = [[row[0]]]
    for prev, word in itertools.pairwise(row):
        if word.x0 - prev.x1 > max(3 * max(word.size, prev.size), 18):
            out.append([])
        out[-1].append(word)
    return [make_line(page, words) for words in out]


def body_size(lines: Iterable[Line]) -> float:
    """The most common font size by character count."""
    chars: Counter[float] = Counter()
    for line in lines:
        for w in line.words:
            chars[w.size] += len(w.text)
    return chars.most_common(1)[0][0] if chars else 0.0


def column_right(lines: Sequence[Line], size: float) -> float:
    """The right edge of the body column: where most full body lines end."""
    body = [ln for ln in lines if abs(ln.size - size) < 0.1 * size]
    if not body:
        return float("inf")
    left = Counter(round(ln.x0) for ln in body).most_common(1)[0][0]
    ends = sorted(ln.x1 for ln in body if abs(ln.x0 - left) <= 3)
    return ends[int(0.95 * (len(ends) - 1))]


def line_spacing(lines: Sequence[Line], size: float) -> float:
    """The usual distance between consecutive body lines: the most common step (the smaller one
    on a tie) no larger than 1.7 x the font size, as wider steps are paragraph gaps."""
    steps: Counter[float] = Counter()
    for a, b in itertools.pairwise(lines):
        step = b.top - a.top
        if a.page == b.page and abs(a.size - size) < 0.1 * size and 0 < step <= 1.7 * size:
            steps[round(step * 2) / 2] += 1
    if not steps:
        return 1.2 * size
    return min(steps.items(), key=lambda item: (-item[1], item[0]))[0]


def lead_number(line: Line) -> int | None:
    """The footnote number a footnote-zone line starts with (superscript or followed by text)."""
    first = re.fullmatch(r"([0-9]{1,3})[.)]?", line.words[0].text)
    if not first:
        return None
    return int(first.group(1)) if line.sup[0] or len(line.words) > 1 else None


def normalise(text: str) -> str:
    """Text with digits neutralised, to recognise running headers and footers across pages."""
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def dedupe(chars: Iterable[dict]) -> list[dict]:
    """Drop characters printed twice at the same spot (fake bold, shadows): cheap, exact."""
    seen: set[tuple[str, float, float]] = set()
    out = []
    for c in chars:
        key = (c["text"], round(c["x0"], 1), round(c["top"], 1))
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


def to_words(raw: Iterable[dict]) -> list[Word]:
    """pdfplumber word dicts (with size and fontname) as Words; vertical text is skipped."""
    return [
        Word(
            _text(w["text"]),
            w["x0"],
            w["x1"],
            w["top"],
            w["bottom"],
            round(w["size"], 2),
            bool(_BOLD.search(w.get("fontname") or "")),
        )
        for w in raw
        if w.get("upright", True) and w["text"].strip()
    ]


def _text(text: str) -> str:
    # A soft hyphen ends a word only where a line was broken: it is printed as "-" there.
    if text.endswith("\xad"):
        text = text[:-1] + "-"
    return text.translate(_LIGATURES)


# --- footnote zones ----------------------------------------------------------------------


def _cited(lines: list[Line], size: float) -> set[int]:
    """Numbers of superscript marker candidates in body-size lines."""
    return {
        int(n)
        for ln in lines
        if ln.size > ZONE * size
        for w, sup in zip(ln.words, ln.sup, strict=True)
        if sup
        for n in w.text.split(",")
    }


def footnote_zones(
    body: list[list[Line]], pages: list[Page], size: float
) -> tuple[list[Note], list[list[Line]]]:
    """Cut the footnote zone off each page bottom; a zone not opening with the next number
    continues the previous page's last footnote."""
    notes: list[Note] = []
    cited: set[int] = set()
    kept = []
    for lines, page in zip(body, pages, strict=True):
        cited |= _cited(lines, size)
        start = _zone_start(lines, page, size, notes, cited)
        for line in lines[start:]:
            number = lead_number(line)
            if number is not None and _opens(number, notes, cited):
                notes.append(Note(number, page.number, [line.render(skip=1)[0]]))
            else:
                notes[-1].lines.append(line.text)
        kept.append(lines[:start])
    return notes, kept


def _opens(number: int, notes: list[Note], cited: set[int]) -> bool:
    """Whether a zone line starting with `number` opens a new footnote."""
    if not notes:
        return True
    expected = notes[-1].number + 1
    return number == expected or (number > expected and number in cited)


def _zone_start(
    lines: list[Line], page: Page, size: float, notes: list[Note], cited: set[int]
) -> int:
    """Index of the first footnote-zone line of a page (len(lines) when there is none)."""
    k = len(lines)
    while k > 0 and lines[k - 1].size <= ZONE * size:
        k -= 1
    if k == len(lines):
        return k
    first = lead_number(lines[k])
    if first is not None and (first in cited or (notes and first == notes[-1].number + 1)):
        return k
    if not notes:
        return k if first is not None and _ruled(lines, k, page) else len(lines)
    expected = notes[-1].number + 1
    if _ruled(lines, k, page) or any(lead_number(ln) == expected for ln in lines[k:]):
        return k
    return len(lines)


def _ruled(lines: list[Line], k: int, page: Page) -> bool:
    above = lines[k - 1].bottom if k else 0.0
    return any(above - 1 <= y <= lines[k].top + 1 for y in page.rules)
