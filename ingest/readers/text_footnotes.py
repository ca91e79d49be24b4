"""Cutting footnote zones out of PDF-to-text pages, guided by the ascending numbering."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_START = re.compile(
    r"^\s*(?P<num>\d{1,3}|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})(?:\s+|(?<=[⁰¹²³⁴⁵⁶⁷⁸⁹])(?=\S))(?P<rest>\S.*)$"
)


def footnote_start(line: str) -> tuple[int, str] | None:
    """("12 Kamerstuk 29 544, nr. 1085") -> (12, "Kamerstuk ..."); superscript digits too."""
    m = _START.match(line)
    if not m:
        return None
    return int(m.group("num").translate(SUPERSCRIPTS)), m.group("rest")


def _mentions(text: str, number: int) -> bool:
    """Whether `number` occurs in `text` as a possible marker (lenient check)."""
    sup = str(number).translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))
    # Not a decimal part ("2,9", "1.3"), but a marker after a full stop ("Significant.3") is.
    return sup in text or re.search(rf"(?<!\d)(?<!\d[.,]){number}(?![\d,])", text) is not None


@dataclass
class FootnoteZones:
    """Accumulates footnotes page by page; `cut` returns the page's body lines."""

    paged: bool
    footnotes: list[tuple[int, list[str], int]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def expected(self) -> int:
        return self.footnotes[-1][0] + 1 if self.footnotes else 1

    def cut(self, lines: list[str], page: int) -> list[str]:
        body: list[str] = []
        i = 0
        while i < len(lines):
            if self._zone_starts(lines, i, body):
                i = self._take_zone(lines, i, page)
                continue
            body.append(lines[i])
            i += 1
        return body

    def _zone_starts(self, lines: list[str], i: int, body: list[str]) -> bool:
        start = footnote_start(lines[i])
        if start is None or start[0] not in (self.expected, self.expected + 1):
            return False
        if i > 0 and lines[i - 1].strip():
            return False
        if not _mentions("\n".join(body[-200:]), start[0]):
            return False
        if start[0] == self.expected + 1:
            self.warnings.append(
                f"footnote {self.expected} is missing (numbering jumps to {start[0]})"
            )
        return True

    def _take_zone(self, lines: list[str], i: int, page: int) -> int:
        """Consume footnotes from line `i`; return the index of the first line after the zone."""
        while i < len(lines):
            start = footnote_start(lines[i])
            if start is not None and start[0] in (self.expected, self.expected + 1) and (
                i == 0 or not lines[i - 1].strip() or self._inside_zone()
            ):
                self.footnotes.append((start[0], [start[1]], page))
                i += 1
                continue
            if not self.paged and not lines[i].strip() and not self._continues(lines, i):
                return i
            self.footnotes[-1][1].append(lines[i])
            i += 1
        return i

    def _inside_zone(self) -> bool:
        return bool(self.footnotes)

    def _continues(self, lines: list[str], i: int) -> bool:
        """Without page boundaries: does the paragraph after blank line `i` belong to the zone?"""
        j = i
        while j < len(lines) and not lines[j].strip():
            j += 1
        if j >= len(lines):
            return False
        start = footnote_start(lines[j])
        if start is not None and start[0] == self.expected:
            return True
        k = j
        while k < len(lines) and lines[k].strip():
            k += 1
        para = " ".join(lines[j:k])
        while k < len(lines) and not lines[k].strip():
            k += 1
        nxt = footnote_start(lines[k]) if k < len(lines) else None
        return nxt is not None and nxt[0] == self.expected and not _mentions(para, self.expected)
