"""The figures page: every statistic with its quote and source chain, grouped by source.

A figure's chain is Cijfer -> Zin in de brief -> Voetnoot N (or the "Bron:" line / the sentence
that names the source) -> Publicatie -> Uitgever, each step with the span of the letter to open.
The footnote's own span comes from the footnotes table; a figure that stands inside a footnote
("9,6 procent … Bron: Kernindicatoren Integratie 2023, CBS") keeps that footnote as its step.

Sources: a figure's source group is its publication, else its publisher, else "Bron onbekend".
The source filter (`bron`) matches a figure whose publication, publisher or group equals it
(folded), so "CBS" selects every CBS figure and "Kernindicatoren Integratie 2023" one report.

Search (`zoek`): the query is folded (`kb.queries.fold`) and every word must start a word of the
figure's value, quote, measure, population, period, source text, publication or publisher.
Hits are ranked by how many query words start a word of the value, measure or population (so
"9,6 procent bijstand" puts the "9,6 procent" that "ontving bijstand" first), then date order.

Recurring figures: see `recurring`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from kb import knowledge_export as kx
from kb.queries import fold
from kb.store import Store

UNKNOWN_SOURCE = "Bron onbekend"
VIA_LABELS = {
    "footnote": "voetnoot",
    "bron": "“Bron:”-vermelding",
    "inline": "in de tekst",
}


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


@dataclass(frozen=True)
class Recurrence:
    """One figure stated in several places."""

    value: str
    measure: str | None
    reason: str  # "zelfde bron" | "zelfde maat"
    figures: tuple[Figure, ...]  # in date order

    @property
    def letters(self) -> int:
        return len({f.document for f in self.figures})


def _span(text: str, needle: str | None, lo: int, hi: int) -> tuple[int, int] | None:
    """Where `needle` is written in text[lo:hi], if it is."""
    if not needle:
        return None
    at = text.find(needle, lo, hi)
    return (at, at + len(needle)) if at >= 0 else None


def _quote_span(text: str, row: dict) -> tuple[int, int]:
    at = text.find(row["quote"], max(0, row["start"] - len(row["quote"])))
    if 0 <= at <= row["start"]:
        return at, at + len(row["quote"])
    return row["start"], row["end"]


def _figure(row: dict, letter: dict, note: dict | None) -> Figure:
    text = letter["text"]
    q_start, q_end = _quote_span(text, row)
    where = (note["start"], note["end"]) if note else (q_start, q_end)
    source = _span(text, row["source"], *where) or _span(text, row["source"], q_start, q_end)
    marker = note and note["sentence_start"] is not None
    return Figure(
        key=f"statistic:{row['document']}:{row['start']}", document=row["document"],
        date=letter["date"], title=letter["title"], value=row["value"], number=row["number"],
        unit=row["unit"], measure=row["measure"], population=row["population"],
        period=row["period"], quote=row["quote"], start=row["start"], end=row["end"],
        quote_start=q_start, quote_end=q_end, source=row["source"],
        source_via=row["source_via"], source_start=source[0] if source else None,
        source_end=source[1] if source else None, footnote=row["footnote"],
        footnote_text=note["text"] if note else None,
        footnote_start=note["start"] if note else None,
        footnote_end=note["end"] if note else None,
        footnote_sentence=(note["sentence_start"], note["sentence_end"]) if marker else None,
        publication=row["publication"], publisher=row["publisher"],
    )  # fmt: skip


def figures(store: Store) -> tuple[Figure, ...]:
    """Every statistic in the KB, in date order (undated last), then letter and position."""
    letters = {
        r["id"]: r for r in kx._rows(store.db, "SELECT id, date, title, text FROM documents")
    }
    notes = {
        (r["document"], r["number"]): r
        for r in kx._rows(store.db, 'SELECT document, number, text, start, "end", '
                                    "sentence_start, sentence_end FROM footnotes")
    }  # fmt: skip
    out = [
        _figure(row, letters[row["document"]], notes.get((row["document"], row["footnote"])))
        for row in kx.statistics(store.db)
    ]
    return tuple(sorted(out, key=lambda f: (f.date is None, f.date or "", f.document, f.start)))


def chain(figure: Figure) -> tuple[ChainStep, ...]:
    """The source chain of a figure, step by step, each with the span to open the letter at."""
    doc = figure.document
    context = ", ".join(x for x in (figure.measure, figure.population, figure.period) if x)
    steps = [
        ChainStep("Cijfer", figure.value, context or None, doc, figure.start, figure.end),
        ChainStep("Zin in de brief", figure.quote, None, doc, figure.quote_start, figure.quote_end),
    ]
    if figure.footnote is not None and figure.footnote_text is not None:
        detail = "Het cijfer staat in deze voetnoot." if figure.in_footnote else None
        steps.append(ChainStep(f"Voetnoot {figure.footnote}", figure.footnote_text, detail, doc,
                               figure.footnote_start, figure.footnote_end))  # fmt: skip
    elif figure.source:
        label = "Bronvermelding" if figure.source_via == "bron" else "Bron in de tekst"
        steps.append(ChainStep(label, figure.source, None, doc, figure.source_start,
                               figure.source_end))  # fmt: skip
    at = (figure.source_start, figure.source_end)
    if figure.source_start is None:
        at = (figure.footnote_start, figure.footnote_end)
    how = f"Genoemd als: {figure.source} (via {figure.via_label})" if figure.source else None
    steps.append(ChainStep("Publicatie", figure.publication or "onbekend", how, doc, *at,
                           figure.publication))  # fmt: skip
    steps.append(ChainStep("Uitgever", figure.publisher or "onbekend", None, doc, *at,
                           figure.publisher))  # fmt: skip
    return tuple(steps)


_WORD_SPLIT = re.compile(r"[\s;:()«»“”\"'/]+")


def _patterns(text: str) -> list[re.Pattern[str]]:
    words = [w.strip(".,") for w in _WORD_SPLIT.split(fold(text))]
    return [re.compile(rf"(?<![\w,.]){re.escape(w)}") for w in words if w]


def _text(figure: Figure, full: bool) -> str:
    parts = [figure.value, figure.measure, figure.population]
    if full:
        parts += [figure.quote, figure.period, figure.source, figure.publication,
                  figure.publisher]  # fmt: skip
    return fold(" ".join(p for p in parts if p))


def search(rows: Sequence[Figure], text: str) -> tuple[Figure, ...]:
    """The figures matching every word of `text`, best first (see the module docstring)."""
    patterns = _patterns(text)
    if not patterns:
        return tuple(rows)
    hits = [f for f in rows if all(p.search(_text(f, True)) for p in patterns)]
    order = {f.key: i for i, f in enumerate(rows)}
    own = {f.key: sum(bool(p.search(_text(f, False))) for p in patterns) for f in hits}
    return tuple(sorted(hits, key=lambda f: (-own[f.key], order[f.key])))


def matches_source(figure: Figure, source: str) -> bool:
    """True when `source` is the figure's publication, publisher or group (folded)."""
    wanted = fold(source)
    names = (figure.publication, figure.publisher, figure.group)
    return any(n is not None and fold(n) == wanted for n in names)


def by_source(rows: Sequence[Figure], source: str) -> tuple[Figure, ...]:
    """The figures of one source (all of them for an empty source)."""
    if not source.strip():
        return tuple(rows)
    return tuple(f for f in rows if matches_source(f, source))


def groups(rows: Sequence[Figure]) -> tuple[SourceGroup, ...]:
    """Figures per source group, most figures first ("Bron onbekend" last), then by name."""
    found: dict[str, list[Figure]] = {}
    for figure in rows:
        found.setdefault(figure.group, []).append(figure)
    out = [
        SourceGroup(name, items[0].publisher if name != UNKNOWN_SOURCE else None, len(items),
                    len({f.document for f in items}))
        for name, items in found.items()
    ]  # fmt: skip
    return tuple(sorted(out, key=lambda g: (g.name == UNKNOWN_SOURCE, -g.figures, fold(g.name))))


def source_options(rows: Sequence[Figure]) -> tuple[SourceOption, ...]:
    """Values of the source filter with counts: publishers, then publications, then unknown."""
    names: dict[str, str] = {}
    for figure in rows:
        if figure.publisher:
            names.setdefault(figure.publisher, "uitgever")
    for figure in rows:
        names.setdefault(figure.group, "onbekend" if figure.group == UNKNOWN_SOURCE
                         else "publicatie")  # fmt: skip
    rank = {"uitgever": 0, "publicatie": 1, "onbekend": 2}
    out = [SourceOption(n, k, len(by_source(rows, n))) for n, k in names.items()]
    return tuple(sorted(out, key=lambda o: (rank[o.kind], -o.count, fold(o.name))))


def same_source(rows: Sequence[Figure], figure: Figure) -> tuple[Figure, ...]:
    """Other figures of the same source group (none for "Bron onbekend")."""
    if figure.group == UNKNOWN_SOURCE:
        return ()
    return tuple(f for f in rows if f.key != figure.key and f.group == figure.group)


def _words_of(text: str | None) -> set[str]:
    return set(_WORD_SPLIT.split(fold(text or ""))) - {""}


def _nested(a: str | None, b: str | None) -> bool:
    """True when the words of one text are all among the words of the other (both given)."""
    wa, wb = _words_of(a), _words_of(b)
    return bool(wa and wb) and (wa <= wb or wb <= wa)


def _agree(a: str | None, b: str | None) -> bool:
    """Unknown on one side, or the same (folded)."""
    return a is None or b is None or fold(a) == fold(b)


def _link(a: Figure, b: Figure) -> str | None:
    """Why `a` and `b` state the same figure ("zelfde bron" / "zelfde maat"), or None."""
    if (a.number, a.unit) != (b.number, b.unit) or not _nested(a.measure, b.measure):
        return None
    if not _agree(a.period, b.period):
        return None
    if a.publisher and b.publisher and fold(a.publisher) == fold(b.publisher):
        return "zelfde bron"
    if not (a.publisher or b.publisher) and a.publication and b.publication:
        return "zelfde bron" if fold(a.publication) == fold(b.publication) else None
    people = a.population is None or b.population is None or _nested(a.population, b.population)
    sources = _agree(a.publisher, b.publisher) and _agree(a.publication, b.publication)
    return "zelfde maat" if a.document != b.document and people and sources else None


def recurring(rows: Sequence[Figure]) -> tuple[Recurrence, ...]:
    """Figures stated in more than one place, as groups (most places first).

    Two statements are the same figure when they have the same value (equal number and unit),
    the same measure (the folded words of one measure are all among those of the other:
    "bijstand" ~ "ontving bijstand") and no differing period where both give one, and either
    - "zelfde bron": the same publisher (or, when neither names a publisher, the same
      publication); this also counts within one letter, which may repeat a figure elsewhere
      (seed 000 gives "9,6 procent … bijstand" in footnote 22 and again in footnote 37), or
    - "zelfde maat": they are in different letters and nothing known differs: publisher,
      publication and period agree where both give one, and so does the population (the words
      of one within the other).
    A group is a connected set of such pairs; its reason is "zelfde bron" when every pair in it
    shares the source, else "zelfde maat".
    """
    items = list(rows)
    parent = list(range(len(items)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    same_value: dict[tuple[float, str], list[int]] = {}  # only equal values can link
    for i, figure in enumerate(items):
        same_value.setdefault((figure.number, figure.unit), []).append(i)
    reasons: dict[int, set[str]] = {}
    for bucket in same_value.values():
        for n, i in enumerate(bucket):
            for j in bucket[n + 1 :]:
                why = _link(items[i], items[j])
                ri, rj = root(i), root(j)
                if why and ri != rj:
                    parent[rj] = ri
                    reasons.setdefault(ri, set()).update({why, *reasons.pop(rj, set())})
                elif why:
                    reasons.setdefault(ri, set()).add(why)
    return _recurrences(items, [root(i) for i in range(len(items))], reasons)


def _recurrences(items: list[Figure], roots: list[int], reasons: dict[int, set[str]]
                 ) -> tuple[Recurrence, ...]:  # fmt: skip
    members: dict[int, list[Figure]] = {}
    for figure, r in zip(items, roots, strict=True):
        members.setdefault(r, []).append(figure)
    out = [
        Recurrence(group[0].value, group[0].measure,
                   "zelfde maat" if "zelfde maat" in reasons.get(r, set()) else "zelfde bron",
                   tuple(group))
        for r, group in members.items() if len(group) > 1
    ]  # fmt: skip
    return tuple(sorted(out, key=lambda g: (-len(g.figures), -g.letters, g.figures[0].date or "",
                                            g.figures[0].key)))  # fmt: skip


def figure_table(rows: Iterable[Figure]) -> list[dict[str, object]]:
    """Rows for the page's table (Dutch column names, plain text values)."""
    return [
        {
            "Cijfer": f.value,
            "Wat": f.measure or "",
            "Wie": f.population or "",
            "Periode": f.period or "",
            "Bron": f.group,
            "Uitgever": f.publisher or "",
            "Via": f.via_label,
            "Voetnoot": f.footnote,
            "Datum": f.date or "",
            "Brief": f.title or f.document,
            "Zin": f.quote,
        }
        for f in rows
    ]


def group_table(rows: Iterable[SourceGroup]) -> list[dict[str, object]]:
    """Rows for the per-source table."""
    return [
        {"Bron": g.name, "Uitgever": g.publisher or "", "Cijfers": g.figures, "Brieven": g.letters}
        for g in rows
    ]
