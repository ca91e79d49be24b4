"""Cleaning shared by the readers: joining broken words, rebuilding paragraphs and headings.

Readers hand over `SourceLine`s (one per visual line, page furniture and footnote zones
already taken out); `blocks_from_lines` rebuilds paragraphs, headings and list items and
keeps the offsets of footnote markers the reader located itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from ingest.models import Block, BlockKind, MarkerHit, SourceLine

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)
# Lowercase abbreviations that keep their hyphen in compounds ("mbo-studenten").
_ABBREVIATIONS = frozenset(
    "mbo hbo vmbo havo vwo wo ho cv mkb zzp ict ggz ww wia azc ivm btw ov pgb isk lob"
    " hr d&i e vo po".split()
)
# Prefixes that keep their hyphen ("niet-westerse", "oud-minister").
_HYPHEN_PREFIXES = frozenset(["niet", "oud", "ex", "vice", "non", "anti", "semi", "pro"])
# Vowel pairs that would be misread when two parts are written together ("re-integratie").
_VOWEL_CLASHES = frozenset("aa ae ai au ee ei eu ie ii oe oi oo ou ui uu ij".split())
_CONJUNCTIONS = frozenset({"en", "of", "tot", "noch", "en/of"})
_BULLET = re.compile(r"^(?:[•·▪◦●■–—*]|-(?=\s))\s*")
# "1. ", "a) ", "A. Uitkomsten die ..." — but not initials ("W. Koolmees": too few words).
_ENUMERATOR = re.compile(r"^(?:\d{1,2}[.)]|[a-z][.)]|[A-Z][.)](?=(?:\s+\S+){3}))\s+")
_TERMINAL = ".!?:;"
_EMPHASIS = re.compile(r"(?<![\w*])\*{1,2}(?=\S)([^*\n]+?)(?<=\S)\*{1,2}(?![\w*])")
_AUTOLINK = re.compile(r"<((?:https?://|www\.)[^>\s]+)>")


def vocabulary(text: str) -> frozenset[str]:
    """The lowercased words of a text, used as evidence when joining broken words."""
    return frozenset(m.group(0).lower() for m in _WORD.finditer(text))


def strip_markup(line: str) -> str:
    """Remove Markdown-ish emphasis and <autolink> brackets some PDF-to-text tools add."""
    return _AUTOLINK.sub(r"\1", _EMPHASIS.sub(r"\1", line))


def join_broken_word(left: str, right: str, vocab: frozenset[str] = frozenset()) -> str:
    """Join `left` (ending in a hyphen at a line end) and `right` (the next line).

    "migratieach-" + "tergrond" -> "migratieachtergrond"; real hyphens stay:
    "buiten-" + "Europese", "Bemiddelings-" + "en ...", "mbo-" + "studenten".
    """
    head = left[:-1]
    token = head.split()[-1] if head.split() else ""
    prev_word = re.split(r"[/(\[«\"']", token)[-1]
    first = right.split(None, 1)[0] if right.strip() else ""
    if not prev_word or not first:
        return left + right
    if first.lower().strip(",.;:") in _CONJUNCTIONS:
        return f"{left} {right}"
    if "://" in token or token.startswith("www.") or "/" in token:
        return left + right  # a URL broken at its own hyphen
    if _keeps_hyphen(prev_word, first, vocab):
        return left + right
    return head + right


def _keeps_hyphen(prev_word: str, first: str, vocab: frozenset[str]) -> bool:
    part = re.split(r"-", prev_word)[-1]
    nxt = re.match(r"[^\W\d_]*", first).group(0)
    if not part or not nxt:
        return True
    joined = (prev_word.replace("-", "") if "-" not in prev_word else prev_word) + nxt
    if joined.lower() in vocab:
        return False
    if f"{prev_word}-{nxt}".lower() in vocab:
        return True
    if nxt[0].isupper() or any(c.isdigit() for c in part) or part.isupper():
        return True
    lower = part.lower()
    if lower in _ABBREVIATIONS or lower in _HYPHEN_PREFIXES:
        return True
    return (lower[-1] + nxt[0].lower()) in _VOWEL_CLASHES


def join_lines(lines: Iterable[str], vocab: frozenset[str] = frozenset()) -> str:
    """Join visual lines into one string, mending words broken at line ends."""
    out = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        out = _append(out, line, vocab)
    return out


def _append(out: str, line: str, vocab: frozenset[str]) -> str:
    if not out:
        return line
    if out.endswith("-") and len(out) > 1 and out[-2].isalpha() and line[:1].isalpha():
        return join_broken_word(out, line, vocab)
    return f"{out} {line}"


@dataclass
class _Para:
    text: str = ""
    page: int | None = None
    markers: list[MarkerHit] = field(default_factory=list)
    heading: bool | None = None
    list_item: bool = False
    lines: int = 0


def blocks_from_lines(
    lines: Sequence[SourceLine], vocab: frozenset[str] = frozenset()
) -> list[Block]:
    """Rebuild paragraphs, headings and list items from visual lines."""
    paras: list[_Para] = []
    for line in lines:
        text = line.text.strip()
        if not text:
            continue
        lead = len(line.text) - len(line.text.lstrip())
        markers = [replace(m, offset=max(0, m.offset - lead)) for m in line.markers]
        is_item = _is_list_start(text) if line.list_item is None else line.list_item
        if _starts_new(paras, line, is_item):
            paras.append(_Para(page=line.page, heading=line.heading, list_item=is_item))
        _add_line(paras[-1], text, markers, vocab)
    paras = _merge_continuations(paras, vocab)
    return [_to_block(p, nxt) for p, nxt in zip(paras, [*paras[1:], None], strict=True)]


def _starts_new(paras: list[_Para], line: SourceLine, is_item: bool) -> bool:
    if not paras or line.break_before or is_item or line.heading:
        return True
    return paras[-1].heading is True


def _add_line(para: _Para, text: str, markers: list[MarkerHit], vocab: frozenset[str]) -> None:
    before = para.text
    joined = _append(before, text, vocab)
    # Offset of the new line's first character inside the joined paragraph.
    base = len(joined) - len(text)
    para.markers.extend(replace(m, offset=m.offset + base) for m in markers)
    para.text = joined
    para.lines += 1


def _merge_continuations(paras: list[_Para], vocab: frozenset[str]) -> list[_Para]:
    """Join paragraphs split by a page break or footnote zone mid-sentence."""
    out: list[_Para] = []
    for para in paras:
        prev = out[-1] if out else None
        if prev is not None and _continues(prev, para):
            _add_line(prev, para.text, para.markers, vocab)
            continue
        out.append(para)
    return out


def _continues(prev: _Para, para: _Para) -> bool:
    if prev.heading or para.heading or para.list_item:
        return False
    tail = prev.text.rstrip()
    if not tail or tail[-1] in _TERMINAL or _looks_like_heading(prev):
        return False
    first = para.text.lstrip()[:1]
    if first.islower():
        return True
    # A sentence cut after a comma ("Het Kennispunt MBO Gelijke Kansen, | Diversiteit ..."),
    # but not a salutation ("Geachte voorzitter,") or other one-line paragraph.
    if tail.endswith((",", "-")) and not first.isdigit() and (prev.lines > 1 or len(tail) > 60):
        return True
    # A sentence cut by a page break may go on with a capitalised word ("samen met | VNO-NCW").
    return para.page != prev.page and tail[-1].islower() and not _looks_like_heading(para)


def _is_list_start(text: str) -> bool:
    return (bool(_BULLET.match(text)) and not re.match(r"^-\S", text)) or bool(
        _ENUMERATOR.match(text)
    )


def _looks_like_heading(para: _Para) -> bool:
    text = para.text.strip()
    if para.lines > 2 or len(text) > 90 or len(text) < 2:
        return False
    if text[-1] in ".,;" or not (text[0].isupper() or text[0].isdigit() or text[0] in "«\"'‘"):
        return False
    return len(text.split()) <= 14


def _to_block(para: _Para, nxt: _Para | None) -> Block:
    text = para.text.strip()
    if para.heading is not None:
        kind = BlockKind.HEADING if para.heading else BlockKind.PARAGRAPH
    elif _looks_like_heading(para) and nxt is not None and not _is_item_line(text):
        kind = BlockKind.HEADING
    elif para.list_item:
        kind = BlockKind.LIST_ITEM
    else:
        kind = BlockKind.PARAGRAPH
    return Block(text=text, kind=kind, page=para.page, markers=tuple(para.markers))


def _is_item_line(text: str) -> bool:
    return bool(_BULLET.match(text)) and not re.match(r"^-\S", text)
