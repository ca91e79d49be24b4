"""The sentence (or line) around a span of a letter's text, for quoting evidence: used by the
network's edge evidence and the membership lists."""

from __future__ import annotations


def sentence_around(text: str, start: int, end: int, reach: int = 300) -> str:
    """The sentence (or line) holding text[start:end], at most `reach` characters either side."""
    left, right = sentence_span(text, start, end, reach)
    cut_left = "…" if left == max(0, start - reach) and left > 0 else ""
    cut_right = "…" if right == min(len(text), end + reach) and right < len(text) else ""
    return cut_left + " ".join(text[left:right].split()) + cut_right


def sentence_span(text: str, start: int, end: int, reach: int = 300) -> tuple[int, int]:
    """Offsets of the sentence (or line) holding text[start:end], within `reach` either side."""
    lo = max(0, start - reach)
    cut = max(text.rfind(". ", lo, start), text.rfind("\n", lo, start))
    left = cut + 1 if cut >= 0 else lo
    while left < start and text[left].isspace():
        left += 1
    hi = min(len(text), end + reach)
    stops = [i for i in (text.find(". ", end, hi), text.find("\n", end, hi)) if i >= 0]
    right = min(stops) + (1 if stops and text[min(stops)] == "." else 0) if stops else hi
    return left, right
