"""Frozen data model shared by every reader and extractor.

Readers (text, PDF, XML) turn a file into a `RawDocument`; the pipeline turns that into a
`Letter` whose `text` is the one coordinate system for every span (passages, footnotes,
references): the cleaned body, then the footnote texts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class Format(StrEnum):
    """The source format a letter was read from."""

    TEXT = "text"
    PDF = "pdf"
    XML = "xml"


class DocumentKind(StrEnum):
    """What a document is: kamerbrief, motie, bijlage (annex, brochure) or other."""

    KAMERBRIEF = "kamerbrief"
    MOTIE = "motie"
    BIJLAGE = "bijlage"
    OTHER = "other"


class BlockKind(StrEnum):
    """The role of a body block after paragraph rebuilding."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"


class FurnitureKind(StrEnum):
    """Page furniture removed from the body but kept as evidence for metadata."""

    DATE = "date"  # "Datum 17 november 2021"
    SUBJECT = "subject"  # "Betreft ..."
    REFERENCE = "reference"  # "Onze referentie 2021-0000181230"
    FOOTER = "footer"  # "Tweede Kamer, vergaderjaar 2022–2023, 29 544, nr. 1158 5"
    PAGE_NUMBER = "page_number"
    LETTERHEAD = "letterhead"  # sender, address, "Retouradres", phone, website, ...
    HEADER = "header"  # running header repeated on pages


class DatePrecision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


class ReferenceKind(StrEnum):
    KAMERSTUK = "kamerstuk"
    HANDELINGEN = "handelingen"
    DOSSIER = "dossier"


# --- what readers produce -------------------------------------------------------------------


@dataclass(frozen=True)
class MarkerHit:
    """A footnote marker a reader located itself (PDF superscript, XML `noot`).

    `offset` is the position in the owning text where the marker stood; the marker's own
    characters are not part of that text.
    """

    offset: int
    number: int
    raw: str
    rule: str


@dataclass(frozen=True)
class LinkHit:
    """A citation the format marks up itself (XML `extref`): span in the owning text + target id."""

    start: int
    end: int
    target: str  # "kst-28844-261", "trb-2018-201", or a URL
    rule: str


@dataclass(frozen=True)
class SourceLine:
    """One line of body text as a reader saw it, before paragraphs are rebuilt."""

    text: str
    page: int | None = None
    break_before: bool = False  # a blank line / vertical gap precedes this line
    heading: bool | None = None  # the reader knows (XML tussenkop, PDF bold); None = infer
    list_item: bool | None = None
    markers: tuple[MarkerHit, ...] = ()
    links: tuple[LinkHit, ...] = ()


@dataclass(frozen=True)
class Block:
    """A paragraph, heading or list item of the body."""

    text: str
    kind: BlockKind
    page: int | None = None
    markers: tuple[MarkerHit, ...] = ()
    links: tuple[LinkHit, ...] = ()


@dataclass(frozen=True)
class FootnoteSource:
    """A footnote as found at a page bottom or in XML, text joined across lines and pages."""

    number: int
    text: str
    page: int | None = None
    links: tuple[LinkHit, ...] = ()


@dataclass(frozen=True)
class Furniture:
    kind: FurnitureKind
    text: str
    page: int | None = None


@dataclass(frozen=True)
class RawDocument:
    """What a reader returns: body blocks, footnotes and furniture, not yet linked."""

    source: str
    format: Format
    blocks: tuple[Block, ...]
    footnotes: tuple[FootnoteSource, ...] = ()
    furniture: tuple[Furniture, ...] = ()
    pages: int = 1
    # Structured metadata a format states outright (XML), e.g. {"kamerstuk": "kst-31305-495"}.
    properties: dict[str, str] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()


# --- what the pipeline produces ------------------------------------------------------------


@dataclass(frozen=True)
class Passage:
    index: int
    kind: BlockKind
    text: str
    start: int
    end: int
    page: int | None = None


@dataclass(frozen=True)
class Footnote:
    """A footnote with its text span in `Letter.text` and the marker it is linked to."""

    number: int
    text: str
    start: int
    end: int
    page: int | None = None
    marker_offset: int | None = None  # where the marker stood in Letter.text
    marker_raw: str | None = None
    marker_context: str | None = None  # ~6 words before the marker
    sentence_start: int | None = None  # the sentence the marker belongs to
    sentence_end: int | None = None
    confidence: float = 0.0
    rule: str = ""


@dataclass(frozen=True)
class Reference:
    """A Kamerstuk, Handelingen or dossier citation, normalised."""

    raw: str
    kind: ReferenceKind
    id: str  # kst-29544-1085, h-tk-20222023-84-12, or the dossier ("35763")
    dossier: str | None  # "29544", "36800-IX"
    number: str | None  # ondernummer ("1085", "E") or Handelingen vergadering
    vergaderjaar: str | None  # "2020-2021"
    start: int
    end: int
    url: str | None
    confidence: float
    rule: str
    footnote: int | None = None
    item: str | None = None  # Handelingen item


@dataclass(frozen=True)
class DateInfo:
    value: dt.date | None
    precision: DatePrecision | None
    evidence: str | None
    confidence: float
    rule: str

    def iso(self) -> str | None:
        """The date truncated to its precision: "2021-11-17", "2023-12" or "2025"."""
        if self.value is None or self.precision is None:
            return None
        width = {DatePrecision.DAY: 10, DatePrecision.MONTH: 7, DatePrecision.YEAR: 4}
        return self.value.isoformat()[: width[self.precision]]


NO_DATE = DateInfo(None, None, None, 0.0, "none")


@dataclass(frozen=True)
class Metadata:
    kind: DocumentKind
    title: str | None
    date: DateInfo
    signatory: str | None = None
    role: str | None = None
    kamerstuk: str | None = None  # the letter's own id, e.g. kst-29544-1158
    vergaderjaar: str | None = None
    evidence: dict[str, str] = field(default_factory=dict)  # field -> how it was found


@dataclass(frozen=True)
class IngestWarning:
    code: str  # e.g. "footnote-without-marker"
    message: str


@dataclass(frozen=True)
class Letter:
    """A fully extracted document; every span points into `text`."""

    id: str
    source: str
    format: Format
    sha256: str
    text: str
    body_end: int  # text[:body_end] is the body; the footnote texts follow
    passages: tuple[Passage, ...]
    footnotes: tuple[Footnote, ...]
    references: tuple[Reference, ...]
    metadata: Metadata
    pages: int = 1
    warnings: tuple[IngestWarning, ...] = ()
