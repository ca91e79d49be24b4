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
    previous_body: list[str] = field(default_factory=list)  # the page before, for markers

    @property
    def expected(self) -> int:
        return self.footnotes[-1][0] + 1 if self.footnotes else 1

    def cut(self, lines: list[str], page: int) -> list[str]:
        body: list[str] = []
        i = 0
        while i < len(lines):
            if self._zone_starts(lines, i, body):
                self._take_continuation(body, page)
                i = self._take_zone(lines, i, page)
                continue
            body.append(lines[i])
            i += 1
        self.previous_body = body
        return body

    def _zone_starts(self, lines: list[str], i: int, body: list[str]) -> bool:
        start = footnote_start(lines[i])
        if start is None or start[0] not in (self.expected, self.expected + 1):
            return False
        # A zone opens after a blank line; in paged text without blank lines (some extractors)
        # it may open right under the body, in the lower part of the page.
        if i > 0 and lines[i - 1].strip() and not (self.paged and i >= 0.4 * len(lines)):
            return False
        # The marker stands above, on this page or (when notes overflow) on the page before.
        if not _mentions("\n".join(self.previous_body[-60:] + body[-200:]), start[0]):
            return False
        if start[0] == self.expected + 1:
            self.warnings.append(
                f"footnote {self.expected} is missing (numbering jumps to {start[0]})"
            )
        return True

    def _take_zone(self, lines: list[str], i: int, page: int) -> int:
        """Consume footnotes from line `i`; return the index of the first line after the zone."""
        first = i
        while i < len(lines):
            start = footnote_start(lines[i])
            if (
                start is not None
                and start[0] in (self.expected, self.expected + 1)
                and (i == first or not lines[i - 1].strip() or self._inside_zone())
            ):
                self.footnotes.append((start[0], [start[1]], page))
                i += 1
                continue
            if not self.paged and not lines[i].strip() and not self._continues(lines, i):
                return i
            self.footnotes[-1][1].append(lines[i])
            i += 1
        return i

    def _take_continuation(self, body: list[str], page: int) -> None:
        """A footnote cut off at the previous page bottom goes on right above this page's zone."""
        if not self.paged or not self.footnotes or self.footnotes[-1][2] >= page:
            return
        last = " ".join(x.strip() for x in self.footnotes[-1][1]).rstrip()
        if not last or last[-1] in ".!?)»\"'" or not re.search(r"[^\W\d_]$", last):
            return
        widths = sorted(len(x.strip()) for x in body if len(x.strip()) > 20)
        short = 0.5 * widths[len(widths) // 2] if widths else 40
        for k in range(1, min(8, len(body)) + 1):
            line = body[-k].strip()
            if not line:
                return
            above = body[-k - 1].strip() if k < len(body) else ""
            # The line above ends a paragraph: a full stop, or a short line (a signature name).
            ends = not above or above[-1] in ".!?:"
            ends = ends or (len(above) < short and above[-1] not in ",-")
            if line[:1].islower() and ends:
                self.footnotes[-1][1].extend(body[-k:])
                del body[-k:]
                return

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
