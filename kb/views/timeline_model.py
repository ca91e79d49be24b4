"""What the timeline is made of: its span, lanes and legend, an item on it, and the letters
the items are read from (shared by kb.views.timeline and kb.views.timeline_periods)."""

from __future__ import annotations

from dataclasses import dataclass

FIRST, LAST = "2018-01-01", "2029-12-31"
LANES = {"brieven": "Brieven", "gebeurtenissen": "Gebeurtenissen",
         "toezeggingen": "Toezeggingen", "programmas": "Programma's en pilots"}  # fmt: skip
# Legend order and colours (the open/voldaan/te laat colours are far apart).
CATEGORIES = (
    ("Brief", "#4b5563"), ("Gebeurtenis", "#2563eb"), ("Aangekondigd", "#93c5fd"),
    ("Toezegging open", "#f59e0b"), ("Toezegging deels voldaan", "#a3e635"),
    ("Toezegging voldaan", "#15803d"), ("Toezegging te laat", "#dc2626"),
    ("Programma", "#7c3aed"), ("Pilot", "#db2777"),
)  # fmt: skip


@dataclass(frozen=True)
class Item:
    """One thing on the timeline; `id` is stable across runs (for selection and URLs)."""

    id: str
    lane: str  # a key of LANES
    label: str
    start: str  # ISO dates within FIRST..LAST
    end: str
    at: str  # where a point is drawn; a bar starts here
    bar: bool
    category: str  # legend entry, see CATEGORIES
    status: str
    document: str | None
    date: str | None  # the letter's date as written ("2023", "2021-11-17")
    quote: str | None
    span: tuple[int, int] | None  # character offsets of the quote in its letter
    documents: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()  # entity keys (with parent programmes)
    clipped: bool = False
    row: int = 0  # sub-row inside the lane, so overlapping items stay apart


@dataclass(frozen=True)
class Letter:
    """A letter as the timeline reads it."""

    id: str
    title: str | None
    kind: str
    date: str | None
    text: str
    body_end: int
