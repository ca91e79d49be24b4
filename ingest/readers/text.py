"""Reader for plain text as PDF-to-text tools give it.

Pages are separated by form feeds, or (as in several extractors) the first line of a new page
starts with a single space, or a Kamerstuk footer closes a page. Page furniture is removed,
footnote zones at page bottoms are cut out using the ascending footnote numbering, and the
remaining lines are rebuilt into paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ingest import furniture as furn
from ingest.clean import blocks_from_lines, join_lines, strip_markup, vocabulary
from ingest.errors import BinaryFile, EmptyFile, EncodingError, NotInEncoding
from ingest.models import (
    FootnoteSource,
    Format,
    Furniture,
    FurnitureKind,
    RawDocument,
    SourceLine,
)
from ingest.readers.text_footnotes import FootnoteZones

_PAGE_START = re.compile(r"^ \S")


# Files that are no text whatever their name says; a PDF often passes the control-byte test.
_SIGNATURES = {
    b"%PDF-": "a PDF",
    b"PK\x03\x04": "a ZIP archive (a .docx or .odt?)",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
}


def decode(data: bytes, encoding: str | None = None) -> str:
    """Decode file bytes: UTF-8 (with or without BOM), else `encoding` if one is given."""
    if not data.strip():
        raise EmptyFile()
    what = next((w for magic, w in _SIGNATURES.items() if data.startswith(magic)), None)
    if what is not None:
        raise BinaryFile(what)
    if b"\x00" in data[:4096] or _control_ratio(data[:4096]) > 0.05:
        raise BinaryFile()
    try:
        # UTF-8 first, also with --encoding: it is meant for the files that are not UTF-8, and
        # decoding a UTF-8 file as cp1252 garbles it (or fails on bytes cp1252 lacks).
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if not encoding:
            raise EncodingError(exc.start, _guess_encoding(data)) from None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise NotInEncoding(encoding, exc.start) from None


def _control_ratio(sample: bytes) -> float:
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls / max(1, len(sample))


def _guess_encoding(data: bytes) -> str:
    # Bytes 0x80-0x9F are printable in Windows-1252 but control codes in Latin-1.
    return "cp1252" if any(0x80 <= b <= 0x9F for b in data) else "latin-1"


def read_text(path: Path, encoding: str | None = None) -> RawDocument:
    """Read a PDF-to-text file into body blocks, footnotes and furniture."""
    text = decode(path.read_bytes(), encoding)
    return parse_text(text, source=str(path))


def parse_text(text: str, source: str = "<text>") -> RawDocument:
    """Parse PDF-to-text output (see module docstring)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    pages, paged = split_pages(text)
    vocab = vocabulary(text)
    state = _State(headers=running_headers(pages))
    bodies = [_strip_furniture(lines, n, state) for n, lines in enumerate(pages, start=1)]
    zones = FootnoteZones(paged=paged)
    body_pages = [zones.cut(lines, n) for n, lines in enumerate(bodies, start=1)]
    footnotes = tuple(
        FootnoteSource(number, join_lines(lines, vocab), page)
        for number, lines, page in zones.footnotes
    )
    source_lines = _source_lines(body_pages)
    blocks = tuple(blocks_from_lines(source_lines, vocab))
    return RawDocument(
        source=source,
        format=Format.TEXT,
        blocks=blocks,
        footnotes=footnotes,
        furniture=tuple(state.furniture),
        pages=len(pages),
        warnings=tuple(zones.warnings),
    )


def split_pages(text: str) -> tuple[list[list[str]], bool]:
    """Split into pages of lines; the flag says whether real page boundaries were found."""
    if "\f" in text:
        return [page.split("\n") for page in text.split("\f")], True
    lines = text.split("\n")
    starts = [i for i, line in enumerate(lines) if _PAGE_START.match(line)]
    nonblank = sum(1 for line in lines if line.strip())
    use_starts = 0 < len(starts) <= max(2, nonblank // 5)
    pages: list[list[str]] = [[]]
    for i, line in enumerate(lines):
        if (use_starts and i in starts and pages[-1]) or _after_footer(pages[-1]):
            pages.append([])
        pages[-1].append(line)
    found = use_starts or len(pages) > 1
    return [p for p in pages if any(x.strip() for x in p)] or [[]], found


def _after_footer(page: list[str]) -> bool:
    last = next((x for x in reversed(page) if x.strip()), None)
    return last is not None and bool(furn.FOOTER.match(last.strip()))


@dataclass
class _State:
    furniture: list[Furniture] = field(default_factory=list)
    body_started: bool = False
    headers: frozenset[str] = frozenset()


def _norm(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.split()))


def running_headers(pages: list[list[str]]) -> frozenset[str]:
    """Lines that open or close at least two pages (and a third of them): running heads."""
    if len(pages) < 2:
        return frozenset()
    counts: dict[str, int] = {}
    for lines in pages:
        text = [x for x in lines if x.strip()]
        edges = {_norm(x) for x in text[:2] + text[-1:]}
        for edge in edges:
            counts[edge] = counts.get(edge, 0) + 1
    limit = max(2, len(pages) // 3)
    return frozenset(k for k, n in counts.items() if n >= limit and len(k) < 120)


def _strip_furniture(lines: list[str], page: int, state: _State) -> list[str]:
    """Remove furniture lines (kept in `state.furniture`); blank lines are kept."""
    out: list[str] = []
    if page == 1:
        lines = _strip_letterhead(lines, state)
    i = 0
    while i < len(lines):
        consumed = _furniture_at(lines, i, page, state)
        if consumed:
            i += consumed
            continue
        out.append(strip_markup(lines[i].rstrip()) if lines[i].strip() else "")
        if lines[i].strip():
            state.body_started = True
        i += 1
    return out


def _strip_letterhead(lines: list[str], state: _State) -> list[str]:
    """On page 1, everything above the first "Datum"/"Betreft" label is letterhead."""
    for i, line in enumerate(lines[:80]):
        label = furn.margin_label(line)
        if (
            label
            and label[0] in (FurnitureKind.DATE, FurnitureKind.SUBJECT)
            and (label[1] or _next_value(lines, i))
        ):
            head = [x.strip() for x in lines[:i] if x.strip()]
            if head:
                state.furniture.append(Furniture(FurnitureKind.LETTERHEAD, "\n".join(head), 1))
            return lines[i:]
    return lines


def _next_value(lines: list[str], i: int) -> str:
    for line in lines[i + 1 : i + 3]:
        if line.strip():
            return line.strip()
    return ""


def _furniture_at(lines: list[str], i: int, page: int, state: _State) -> int:
    """How many lines from `i` on are furniture (0 if none); records what they say."""
    line = lines[i].strip()
    if not line:
        return 0
    kind = furn.furniture_kind(line)
    label = furn.margin_label(line)
    if kind is None and _norm(line) in state.headers:
        # A margin label at every page top ("Datum") takes its value along, else that value
        # ("2 oktober 2023") is left in the body, where it even passes for a footnote.
        if label and not label[1] and label[0] is not FurnitureKind.SUBJECT:
            taken = _label_then_value(lines, i, label[0], page, state)
            if taken:
                return taken
        kind = FurnitureKind.HEADER
    if kind is not None:
        state.furniture.append(Furniture(kind, line, page))
        return 1
    if label is None:
        return 0
    kind, value = label
    if kind is FurnitureKind.SUBJECT and (page != 1 or state.body_started):
        return 0
    if kind is FurnitureKind.SUBJECT:
        return _subject_block(lines, i, state)
    if value:
        state.furniture.append(Furniture(kind, line, page))
        return 1
    return _label_then_value(lines, i, kind, page, state)


def _label_then_value(
    lines: list[str], i: int, kind: FurnitureKind, page: int, state: _State
) -> int:
    label = lines[i].strip()
    j = i + 1
    while j < len(lines) and not lines[j].strip() and j < i + 3:
        j += 1
    value = lines[j].strip() if j < len(lines) else ""
    if not value or len(value) > 60 or value.endswith("."):
        return 0
    state.furniture.append(Furniture(kind, f"{label} {value}", page))
    return j - i + 1


def _subject_block(lines: list[str], i: int, state: _State) -> int:
    """ "Betreft <subject>" possibly continued on following lines until a blank line."""
    j = i + 1
    # The subject runs on for at most two lines, up to a blank line or the salutation.
    while (
        j < len(lines)
        and j <= i + 2
        and lines[j].strip()
        and not furn.margin_label(lines[j])
        and not lines[j].strip().startswith("Geachte")
    ):
        j += 1
    text = " ".join(x.strip() for x in lines[i:j])
    state.furniture.append(Furniture(FurnitureKind.SUBJECT, text, 1))
    state.body_started = True
    return j - i


def _source_lines(pages: list[list[str]]) -> list[SourceLine]:
    out: list[SourceLine] = []
    for page_no, lines in enumerate(pages, start=1):
        typical = _typical_length(lines)
        blank, prev = True, ""
        for k, line in enumerate(lines):
            if not line.strip():
                blank = True
                continue
            nxt = next((x for x in lines[k + 1 : k + 2] if x.strip()), "")
            brk = blank or _ends_paragraph(prev, line, typical)
            heading = _heading_line(line, brk, nxt, typical)
            out.append(SourceLine(line.strip(), page_no, break_before=brk, heading=heading))
            blank, prev = False, line.strip()
    return out


def _ends_paragraph(prev: str, line: str, typical: int) -> bool:
    """Without blank lines: a short line ending a sentence, then a capital, ends a paragraph."""
    return (
        bool(prev)
        and prev[-1] in ".!?:"
        and len(prev) < 0.8 * typical
        and line.strip()[:1].isupper()
    )


def _typical_length(lines: list[str]) -> int:
    lengths = sorted(len(x.strip()) for x in lines if len(x.strip()) > 20)
    return lengths[len(lengths) // 2] if lengths else 80


def _heading_line(line: str, after_break: bool, nxt: str, typical: int) -> bool | None:
    """A short line glued to the paragraph under it ("Voorgeschiedenis\\nHet programma ...")."""
    text = line.strip()
    if not after_break or not nxt.strip() or len(text) > 0.75 * max(typical, len(nxt.strip())):
        return None
    if text[-1] in ".,;:-" or not text[0].isupper() or not nxt.strip()[0].isupper():
        return None
    return True if len(text.split()) <= 10 else None
