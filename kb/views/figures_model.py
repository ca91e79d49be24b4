"""What the figures views are made of: a figure (a statistic with its quote and source), a step
of its source chain, a source group and a source filter option; shared by kb.views.figures and
kb.views.figures_recurring.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

UNKNOWN_SOURCE = "Bron onbekend"
VIA_LABELS = {
    "footnote": "voetnoot",
    "bron": "“Bron:”-vermelding",
    "inline": "in de tekst",
}
# Where folded text splits into words (search and recurrence both compare words).
WORD_SPLIT = re.compile(r"[\s;:()«»“”\"'/]+")


@dataclass(frozen=True)
class Figure:
    """A statistic with everything the page shows about it."""

    key: str  # graph node key "statistic:<document>:<start>" (also the page's `cijfer` value)
    document: str
    date: str | None
    title: str | None
    value: str  # as written: "9,6 procent"
    number: float
    unit: str
    measure: str | None
    population: str | None
    period: str | None
    quote: str
    start: int  # span of the value in the letter text
    end: int
    quote_start: int  # span of the quote in the letter text
    quote_end: int
    source: str | None  # the source as written (footnote text, "Bron:" part, inline phrase)
    source_via: str | None  # "footnote" | "bron" | "inline" | None
    source_start: int | None  # where the source is written in the letter
    source_end: int | None
    footnote: int | None
    footnote_text: str | None
    footnote_start: int | None  # the footnote's own span in the letter text
    footnote_end: int | None
    footnote_sentence: tuple[int, int] | None  # the sentence whose marker refers to it
    publication: str | None
    publisher: str | None

    @property
    def group(self) -> str:
        """The source group: publication, else publisher, else "Bron onbekend"."""
        return self.publication or self.publisher or UNKNOWN_SOURCE

    @property
    def in_footnote(self) -> bool:
        """True when the figure itself stands in its footnote (not in the body)."""
        return self.footnote_start is not None and (
            self.footnote_start <= self.start < (self.footnote_end or 0)
        )

    @property
    def via_label(self) -> str:
        """How the letter gives the source, in Dutch ("voetnoot", …, "geen bron")."""
        return VIA_LABELS.get(self.source_via or "", "geen bron")


@dataclass(frozen=True)
class ChainStep:
    """One step of a figure's source chain, with the letter span that shows it."""

    label: str  # "Cijfer", "Zin in de brief", "Voetnoot 22", "Publicatie", "Uitgever"
    text: str
    detail: str | None
    document: str
    start: int | None
    end: int | None
    source_filter: str | None = None  # a value for the page's `bron` filter, if any


@dataclass(frozen=True)
class SourceGroup:
    """Figures of one source group."""

    name: str  # publication, publisher or "Bron onbekend"
    publisher: str | None
    figures: int
    letters: int


@dataclass(frozen=True)
class SourceOption:
    """A value of the source filter, with the number of figures it selects."""

    name: str
    kind: str  # "publicatie" | "uitgever" | "onbekend"
    count: int
