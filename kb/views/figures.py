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

Recurring figures: see `recurring` (kb.views.figures_recurring). The figure types live in
kb.views.figures_model; both are re-exported here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from kb import knowledge_export as kx
from kb.queries import fold
from kb.store import Store
from kb.views.figures_model import (
    UNKNOWN_SOURCE,
    VIA_LABELS,
    WORD_SPLIT,
    ChainStep,
    Figure,
    SourceGroup,
    SourceOption,
)
from kb.views.figures_recurring import Recurrence, recurring

__all__ = [
    "UNKNOWN_SOURCE", "VIA_LABELS", "WORD_SPLIT", "ChainStep", "Figure", "Recurrence",
    "SourceGroup", "SourceOption", "by_source", "chain", "figure_table", "figures", "group_table",
    "groups", "matches_source", "recurring", "same_source", "search", "source_options",
]  # fmt: skip


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


def _patterns(text: str) -> list[re.Pattern[str]]:
    words = [w.strip(".,") for w in WORD_SPLIT.split(fold(text))]
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
