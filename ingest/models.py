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
    knowledge: Knowledge | None = None  # filled by ingest.knowledge.extract_knowledge


# --- knowledge extracted from a letter (issue: knowledge) ----------------------------------


class EntityType(StrEnum):
    ORGANISATION = "organisation"
    PILOT = "pilot"
    PROGRAMME = "programme"  # programmes, plans, agendas, pacts
    LAW = "law"
    FUND = "fund"
    PERSON = "person"
    PARTY = "party"
    MOTION = "motion"


class PeriodPrecision(StrEnum):
    DAY = "day"
    MONTH = "month"
    QUARTER = "quarter"
    HALF = "half"  # "eerste helft van 2019", "medio", "begin", "eind" are months or halves
    SEASON = "season"
    YEAR = "year"
    RANGE = "range"  # "2023–2027", "eind 2022 tot en met maart 2024"


class CommitmentStatus(StrEnum):
    """The Tweede Kamer register's vocabulary."""

    OPENSTAAND = "Openstaand"
    VOLDAAN = "Voldaan"
    DEELS_VOLDAAN = "Deels voldaan"
    VERVALLEN = "Vervallen"
    AFGEDAAN = "Afgedaan"
    DEELS_AFGEDAAN = "Deels afgedaan"


@dataclass(frozen=True)
class Period:
    """A normalised stretch of time: [start, end] inclusive, with its precision and label."""

    start: dt.date
    end: dt.date
    precision: PeriodPrecision
    label: str  # "2024-Q1", "2024-06", "2025", "2023/2027", "2024-H1", "2022-najaar"


@dataclass(frozen=True)
class PeriodMention:
    """A temporal expression in a text: as written, where, and what period it means."""

    text: str
    start: int
    end: int
    period: Period
    relative: bool = False  # resolved against the letter's date ("dit jaar")
    rule: str = ""


@dataclass(frozen=True)
class Mention:
    """A mention of an entity in a letter; `entity` is the canonical key across letters."""

    entity: str  # "organisation:awvn", "pilot:nudging-werving-selectie", "person:c-e-g-van-gennip"
    type: EntityType
    name: str  # canonical name
    text: str  # as written, == Letter.text[start:end]
    start: int
    end: int
    confidence: float
    rule: str
    aliases: tuple[str, ...] = ()  # names this letter defines for it ("AWVN")
    attributes: tuple[tuple[str, str], ...] = ()  # ("party", "VVD"), ("role", ...), ("status", ...)


@dataclass(frozen=True)
class Membership:
    """An organisation listed as a member/partner of a group in a letter."""

    organisation: str  # entity key
    group: str  # entity key of the group ("organisation:taskforce-via")
    text: str  # the list item as written
    start: int
    end: int
    confidence: float
    rule: str


@dataclass(frozen=True)
class MotionMention:
    """A motion named in a letter, with what the letter says about it."""

    key: str  # "kst-35420-300" when the Kamerstuk is known, else "motie:van-baarle-simons"
    name: str  # "Motie-Van Baarle/Simons"
    members: tuple[str, ...]
    parties: tuple[str, ...]
    reference: str | None  # kst id from the adjacent footnote or parenthesis
    stance: str | None  # invulling, afgedaan, uitvoering, verzocht, reactie, vervangen
    text: str
    start: int
    end: int
    sentence_start: int
    sentence_end: int
    confidence: float
    rule: str


@dataclass(frozen=True)
class Statistic:
    """A quantitative claim with its source."""

    quote: str  # the sentence (or Bron block) holding it, verbatim
    value: str  # as written: "9,6 procent", "twee keer zo vaak", "€ 32 miljoen"
    number: float
    unit: str  # "%", "procentpunt", "keer", "euro", "aantal", ...
    measure: str | None  # what is measured ("ontving bijstand")
    population: str | None  # "mensen met buiten-Europese migratieachtergrond"
    period: str | None  # "september 2022", "2021"
    source: str | None  # the source text (footnote text, Bron line, "CBS")
    source_via: str | None  # "footnote" | "bron" | "inline" | None
    footnote: int | None
    publication: str | None  # normalised publication ("Kernindicatoren Integratie 2023")
    publisher: str | None  # normalised publisher ("CBS")
    start: int  # span of `value` in Letter.text
    end: int
    confidence: float
    rule: str


@dataclass(frozen=True)
class Commitment:
    """A forward-looking promise (toezegging) in a letter."""

    quote: str  # the sentence, verbatim
    actor: str  # "minister van SZW", "staatssecretaris", "kabinet", ...
    action: str  # what is promised ("informeert de Kamer over de voortgang van ...")
    due_text: str | None  # as written: "in het eerste kwartaal van 2024"
    due: str | None  # normalised label: "2024-Q1"
    due_start: dt.date | None
    due_end: dt.date | None
    status: CommitmentStatus
    start: int  # span of the quote
    end: int
    confidence: float
    rule: str


@dataclass(frozen=True)
class Event:
    """Something dated that happened or will happen, for the timeline."""

    quote: str  # the sentence, verbatim
    label: str  # short description of what happened
    text: str  # the temporal expression as written
    period: Period
    start: int  # span of `text` in Letter.text
    end: int
    sentence_start: int
    sentence_end: int
    future: bool  # relative to the letter's date
    confidence: float
    rule: str


@dataclass(frozen=True)
class Knowledge:
    """Everything extracted from one letter beyond its structure."""

    mentions: tuple[Mention, ...] = ()
    memberships: tuple[Membership, ...] = ()
    motions: tuple[MotionMention, ...] = ()
    statistics: tuple[Statistic, ...] = ()
    commitments: tuple[Commitment, ...] = ()
    events: tuple[Event, ...] = ()
