"""Reader for PDF letters, using the positions and font sizes of the characters.

Superscript footnote markers are recognised by being smaller and raised; footnote zones are
the smaller-font lines at a page bottom; running headers, footers, page numbers, the right-hand
margin column of Rijksoverheid letters and the page-1 letterhead become `Furniture`. What remains
is rebuilt into paragraphs by `ingest.clean`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError
from pdfplumber.utils import extract_words
from pdfplumber.utils.exceptions import PdfminerException

from ingest.clean import blocks_from_lines, join_lines, vocabulary
from ingest.errors import CorruptPdf, EmptyFile, EncryptedPdf, IngestError, NoTextLayer
from ingest.furniture import furniture_kind, margin_label
from ingest.models import (
    FootnoteSource,
    Format,
    Furniture,
    FurnitureKind,
    RawDocument,
    SourceLine,
)
from ingest.readers import pdf_layout as lay
from ingest.readers.pdf_layout import Line, Page

BAND = 0.1  # running headers/footers sit in the top/bottom tenth of a page
SMALLER = 0.9  # a label in a clearly smaller font than its value
_TERMINAL = tuple(".!?:;")


def read_pdf(path: Path) -> RawDocument:
    """Read a PDF letter into body blocks, footnotes and page furniture."""
    pages = _load(path)
    if not any(p.rows for p in pages):
        raise NoTextLayer(len(pages))
    segs = [s for p in pages for row in p.rows for s in row]
    # Body text fills the middle of the left of the page; headers, footers and the margin
    # column (often in smaller fonts) would outweigh it in a short letter.
    middle = [s for p in pages for row in p.rows for s in row if _central(s, p)]
    size = lay.body_size(middle or segs)
    right = lay.column_right(segs, size)
    furniture: list[tuple[int, float, Furniture]] = []
    body: list[list[Line]] = []
    for page in pages:
        main, margin = _split_columns(page, right)
        furniture += _margin_furniture(margin)
        body.append(main)
    body, band = _band_furniture(body, pages, size)
    furniture += band
    head, body[0] = _letterhead(body[0])
    furniture += head
    notes, body = lay.footnote_zones(body, pages, size)
    lines = [ln for page_lines in body for ln in page_lines]
    vocab = vocabulary(" ".join([ln.text for ln in lines] + [t for n in notes for t in n.lines]))
    numbers = {n.number for n in notes}
    source = _source_lines(lines, size, right, numbers, vocab)
    return RawDocument(
        source=str(path),
        format=Format.PDF,
        blocks=tuple(blocks_from_lines(source, vocab)),
        footnotes=tuple(
            FootnoteSource(n.number, join_lines(n.lines, vocab), n.page) for n in notes
        ),
        furniture=tuple(f for _, _, f in sorted(furniture, key=lambda t: t[:2])),
        pages=len(pages),
        warnings=tuple(f"page {p.number} has no text layer" for p in pages if not p.rows),
    )


def _central(line: Line, page: Page) -> bool:
    """Not in the header or footer band, and starting in the left half of the page."""
    top, bottom = BAND * page.height, (1 - BAND) * page.height
    return line.x0 < page.width / 2 and line.top > top and line.bottom < bottom


def _load(path: Path) -> list[Page]:
    """Words and rules of every page; pdfminer's failures become named ingest errors."""
    if path.stat().st_size == 0:
        raise EmptyFile()
    pages = []
    try:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                words = extract_words(lay.dedupe(page.chars), extra_attrs=["size", "fontname"])
                rules = [o["top"] for o in page.lines + page.rects if _is_rule(o)]
                size = (float(page.width), float(page.height))
                pages.append((page.page_number, size, words, rules))
                page.close()  # drop pdfplumber's per-page caches: memory stays flat
    except IngestError:
        raise
    except Exception as exc:  # pdfminer raises many types for damaged files
        raise _translate(exc) from exc
    # Built outside the try: a bug here must not pass for a damaged PDF.
    return [_page(*page) for page in pages]


def _translate(exc: Exception) -> IngestError:
    cause = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
    if isinstance(cause, PDFEncryptionError):
        return EncryptedPdf()
    return CorruptPdf(f"{type(cause).__name__}: {cause}".rstrip(": "))


def _is_rule(obj: dict) -> bool:
    return obj["bottom"] - obj["top"] < 2 and obj["x1"] - obj["x0"] > 20


def _page(number: int, size: tuple[float, float], words: list[dict], rules: list[float]) -> Page:
    rows = [lay.segments(number, row) for row in lay.rows(lay.to_words(words))]
    return Page(number, size[0], size[1], rows, rules)


def _split_columns(page: Page, right: float) -> tuple[list[Line], list[Line]]:
    """Body lines (row segments in the body column, merged) and right-margin column lines."""
    main, margin = [], []
    edge = max(right + 6, page.width / 2)  # right of the body column, in the right half
    for row in page.rows:
        inside = [s for s in row if s.x0 <= edge]
        if inside and not _central(inside[0], page):
            inside = row  # a footer or header row stays whole ("…, nr. 1158    5")
        margin += [s for s in row if all(s is not t for t in inside)]
        if inside:
            main.append(lay.merge(inside))
    return sorted(main, key=lambda ln: ln.top), sorted(margin, key=lambda ln: ln.top)


def _margin_furniture(lines: list[Line]) -> list[tuple[int, float, Furniture]]:
    """Margin-column lines; a bare label ("Datum") is joined with the value below it."""
    out, i = [], 0
    while i < len(lines):
        line, text = lines[i], lines[i].text
        label = margin_label(text)
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if label and not label[1] and nxt and _close(line, nxt) and not margin_label(nxt.text):
            text, i = f"{text} {nxt.text}", i + 1
        kind = label[0] if label else furniture_kind(text) or FurnitureKind.LETTERHEAD
        out.append((line.page, line.top, Furniture(kind, text, line.page)))
        i += 1
    return out


def _close(a: Line, b: Line) -> bool:
    """b follows a as the next line of the same block (no blank line between)."""
    return 0 <= b.top - a.bottom < 0.8 * max(a.size, b.size)


def _band_furniture(
    body: list[list[Line]], pages: list[Page], size: float
) -> tuple[list[list[Line]], list[tuple[int, float, Furniture]]]:
    """Headers/footers: page numbers, Kamerstuk footers and lines repeated on several pages."""
    edges = [list({id(x): x for x in lines[:2] + lines[-2:]}.values()) for lines in body]
    seen: Counter[tuple[str, str]] = Counter()
    for lines, page in zip(edges, pages, strict=True):
        seen.update({key for ln in lines if (key := _band_key(ln, page, size))})
    repeated = max(2, 0.4 * len(pages))
    out, kept = [], []
    for lines, edge, page in zip(body, edges, pages, strict=True):
        drop = set()
        for line in edge:
            key = _band_key(line, page, size)
            kind = furniture_kind(line.text) if key else None
            if key and (kind or seen[key] >= repeated):
                kind = kind or (FurnitureKind.HEADER if key[0] == "top" else FurnitureKind.FOOTER)
                out.append((page.number, line.top, Furniture(kind, line.text, page.number)))
                drop.add(id(line))
        kept.append([ln for ln in lines if id(ln) not in drop])
    return kept, out


def _band_key(line: Line, page: Page, size: float) -> tuple[str, str] | None:
    """("top" or "bottom", normalised text) for a line in a header or footer band."""
    if line.size <= lay.ZONE * size and lay.lead_number(line) is not None:
        return None  # a footnote, even one recurring on several pages ("Ibid.")
    if line.bottom < BAND * page.height:
        return "top", lay.normalise(line.text)
    if line.top > (1 - BAND) * page.height:
        return "bottom", lay.normalise(line.text)
    return None


def _head_label(line: Line) -> bool:
    """A "Datum …" or "Betreft …" line of a letterhead: the label set apart from its value by
    a tab stop or a smaller font, unlike a sentence that starts with "Betreft"."""
    label = margin_label(line.text)
    if not (label and label[1] and label[0] in (FurnitureKind.DATE, FurnitureKind.SUBJECT)):
        return False
    if len(line.words) < 2:
        return False
    tag, value = line.words[0], line.words[1]
    return value.x0 - tag.x1 > line.size or tag.size < SMALLER * value.size


def _letterhead(lines: list[Line]) -> tuple[list[tuple[int, float, Furniture]], list[Line]]:
    """Page 1 above and including "Datum …"/"Betreft …": letterhead, date and subject."""
    labels = [i for i, ln in enumerate(lines[:30]) if _head_label(ln)]
    if not labels:
        return [], lines
    out, i, end = [], 0, labels[-1] + 1
    while i < end:
        line, group = lines[i], [lines[i]]
        label = margin_label(line.text)
        if label and label[0] is FurnitureKind.SUBJECT:
            while i + len(group) < len(lines) and _close(group[-1], lines[i + len(group)]):
                if margin_label(lines[i + len(group)].text):
                    break
                group.append(lines[i + len(group)])
            end = max(end, i + len(group))
        text = join_lines([ln.text for ln in group])
        kind = label[0] if label else furniture_kind(text) or FurnitureKind.LETTERHEAD
        out.append((line.page, line.top, Furniture(kind, text, line.page)))
        i += len(group)
    return out, lines[end:]


def _source_lines(
    lines: list[Line], size: float, right: float, numbers: set[int], vocab: frozenset[str]
) -> list[SourceLine]:
    """Body lines with their markers, paragraph breaks and heading hints."""
    spacing = lay.line_spacing(lines, size)
    last = [0]  # without footnotes, accept markers that continue the numbering

    def accept(line: Line, i: int) -> bool:
        if not line.sup[i]:
            return False
        found = [int(n) for n in line.words[i].text.split(",")]
        if numbers:
            return all(n in numbers for n in found)
        if found[0] != last[0] + 1:
            return False
        last[0] = found[-1]
        return True

    out: list[SourceLine] = []
    for prev, line in zip([None, *lines], lines, strict=False):
        text, markers = line.render(lambda i, line=line: accept(line, i))
        heading = True if line.bold or line.size >= 1.15 * size else None
        brk = _breaks(prev, line, spacing, right)
        out.append(SourceLine(text, line.page, brk, heading=heading, markers=markers))
    return _tidy_headings(out, vocab)


def _breaks(prev: Line | None, line: Line, spacing: float, right: float) -> bool:
    if prev is None:
        return False
    if prev.page == line.page:
        return line.top - prev.top > 1.4 * spacing
    # Across a page break, only a sentence end on a line that had room for the next line's
    # first word ends the paragraph.
    first = line.words[0].x1 - line.words[0].x0
    ends = prev.render(lambda i: prev.sup[i])[0].endswith(_TERMINAL)  # "klaar.¹" ends too
    return ends and prev.x1 + 0.3 * prev.size + first <= right


def _tidy_headings(lines: list[SourceLine], vocab: frozenset[str]) -> list[SourceLine]:
    """Join a heading printed over several lines; the line after a heading starts a new block
    even without a vertical gap."""
    out: list[SourceLine] = []
    for line in lines:
        prev = out[-1] if out else None
        if not (prev and prev.heading and not line.break_before):
            out.append(line)
        elif not line.heading:
            out.append(replace(line, break_before=True))
        elif prev.page != line.page:
            out.append(line)
        else:
            text = join_lines([prev.text, line.text], vocab)
            shift = len(text) - len(line.text)  # the joined text ends with line.text
            moved = tuple(replace(m, offset=m.offset + shift) for m in line.markers)
            out[-1] = replace(prev, text=text, markers=prev.markers + moved)
    return out
