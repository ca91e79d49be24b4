"""Cijfers en bronnen: every figure with what it measures, its quote and its source chain.

URL: /cijfers?zoek=<words>&bron=<publication or publisher>&cijfer=<statistic key>. The chain of
the selected figure (Cijfer -> Zin -> Voetnoot -> Publicatie -> Uitgever) links every step into
the reader at its span. All letter text is escaped (esc for st.html, md for Markdown).
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from kb.views.base import reading
from kb.views.figures import (
    ChainStep,
    Figure,
    by_source,
    chain,
    figure_table,
    figures,
    group_table,
    groups,
    same_source,
    search,
    source_options,
)
from kb.views.figures_recurring import Recurrence, recurring
from ui.common import current_kb, esc, md, param, style
from ui.links import letter_url, page_url
from ui.url_state import synced_input, synced_select

MAX_LIST = 50
CSS = """
<style>
.kb-chain { list-style: none; padding-left: 0; margin: .3em 0 1em 0; }
.kb-chain > li { border: 1px solid #e5e7eb; border-radius: .5em; padding: .5em .8em; }
.kb-chain > li + li { margin-top: 1.6em; position: relative; }
.kb-chain > li + li::before { content: "↓"; position: absolute; top: -1.45em; left: 1em;
  color: #6b7280; }
.kb-chain-label { font-weight: 600; color: #4338ca; }
.kb-chain-text { margin: .2em 0; white-space: pre-wrap; }
.kb-figlist li { margin-bottom: .3em; }
</style>
"""


@st.cache_data(show_spinner=False)
def _load(kb_dir: str, generation: str) -> tuple[Figure, ...]:
    """Every figure of the KB (recomputed only when the generation changes)."""
    with reading(kb_dir) as store:
        return figures(store)


@st.cache_data(show_spinner=False)
def _recurring(kb_dir: str, generation: str) -> tuple[Recurrence, ...]:
    """The recurring figures of the KB (pairwise comparison: computed once per generation)."""
    return recurring(_load(kb_dir, generation))


def pick_source(found: tuple[Figure, ...]) -> str:
    """The source filter, with the number of figures per source among the search hits."""
    options = {o.name: f"{o.name} ({o.count}, {o.kind})" for o in source_options(found)}
    wanted = param("bron")
    if wanted and wanted not in options:
        options[wanted] = f"{wanted} (0)"
    return synced_select("bron", "Bron", ["", *options],
                         lambda v: options.get(v, "Alle bronnen"), "",
                         key="cijfers_bron_select")  # fmt: skip


def _figure_label(f: Figure) -> str:
    what = f" – {f.measure}" if f.measure else ""
    return f"{f.value}{what} ({f.date or 'zonder datum'}, {f.title or f.document})"


def _link(document: str, start: int | None, end: int | None, text: str) -> str:
    if start is None:
        return ""
    return f'<a href="{esc(letter_url(document, start, end))}">{esc(text)}</a>'


def _step_html(step: ChainStep, figure: Figure) -> str:
    links = [_link(step.document, step.start, step.end, "Lees in brief")]
    if step.label.startswith("Voetnoot") and figure.footnote_sentence:
        links.append(_link(figure.document, *figure.footnote_sentence, "Waar de voetnoot hoort"))
    if step.source_filter:
        href = esc(page_url("cijfers", bron=step.source_filter))
        links.append(f'<a href="{href}">Alle cijfers van deze bron</a>')
    detail = f'<div class="kb-muted">{esc(step.detail)}</div>' if step.detail else ""
    return (
        f'<li><div class="kb-chain-label">{esc(step.label)}</div>'
        f'<div class="kb-chain-text">{esc(step.text)}</div>{detail}'
        f"<div>{' · '.join(link for link in links if link)}</div></li>"
    )


def show_chain(figure: Figure) -> None:
    """The source chain of one figure, step by step, each linked into the letter."""
    st.subheader("Herkomst van het cijfer")
    letter = esc(figure.title or figure.document)
    st.html(
        f'<div>In <a href="{esc(letter_url(figure.document))}">{letter}</a> '
        f"({esc(figure.date or 'zonder datum')}); bron via {esc(figure.via_label)}.</div>"
        f'<ol class="kb-chain">{"".join(_step_html(s, figure) for s in chain(figure))}</ol>'
    )


def _figure_items(rows: Sequence[Figure]) -> str:
    items = [
        f"<li><b>{esc(f.value)}</b> {esc(f.measure or '')} – {esc(f.date or 'zonder datum')}, "
        f"{esc(f.title or f.document)}"
        f"{f' (voetnoot {f.footnote})' if f.footnote is not None else ''} · "
        f"{_link(f.document, f.start, f.end, 'Lees in brief')}</li>"
        for f in rows[:MAX_LIST]
    ]
    more = f"<li>… en nog {len(rows) - MAX_LIST}</li>" if len(rows) > MAX_LIST else ""
    return f'<ul class="kb-figlist">{"".join(items)}{more}</ul>'


def show_same_source(all_figures: tuple[Figure, ...], figure: Figure) -> None:
    """Other figures of the same publication (or publisher)."""
    st.subheader("Zelfde bron")
    others = same_source(all_figures, figure)
    if not others:
        st.caption("Geen andere cijfers uit deze bron (of de bron is onbekend).")
        return
    st.caption(md(f"{len(others)} andere cijfers uit {figure.group}"))
    st.html(_figure_items(others))


def show_recurring(found: tuple[Recurrence, ...]) -> None:
    """Figures stated in more than one place (definition: kb.views.figures.recurring)."""
    st.header("Terugkerende cijfers")
    st.caption(
        "Een cijfer keert terug als dezelfde waarde (getal en eenheid) met dezelfde maat op "
        "meer plaatsen staat, met dezelfde uitgever (ook binnen één brief), of in verschillende "
        "brieven zonder tegenstrijdige bron, groep of periode."
    )
    if not found:
        st.caption("Geen terugkerende cijfers gevonden.")
    for item in found:
        st.html(
            f"<div><b>{esc(item.value)}</b> {esc(item.measure or '')} – {len(item.figures)} "
            f"keer in {item.letters} brief/brieven ({esc(item.reason)})</div>"
            f"{_figure_items(item.figures)}"
        )


def show_figures(all_figures: tuple[Figure, ...]) -> None:
    """Search, source filter, table, the selected figure's chain and its source."""
    left, right = st.columns([3, 2])
    with left:
        query = synced_input("zoek", "Zoek een cijfer", "bijv. 9,6 procent bijstand",
                             key="cijfers_zoek_input")
    hits = search(all_figures, query)
    with right:
        source = pick_source(hits)
    rows = by_source(hits, source)
    st.caption(f"{len(rows)} van {len(all_figures)} cijfers")
    if not rows:
        st.info(f"Geen cijfers gevonden voor „{md(query)}”" + (f" uit {md(source)}." if source
                                                               else "."))  # fmt: skip
        return
    st.dataframe(figure_table(rows), hide_index=True, width="stretch")
    labels = {f.key: _figure_label(f) for f in rows}
    key = synced_select("cijfer", "Cijfer bekijken", list(labels),
                        lambda k: labels.get(k, k), rows[0].key,
                        key="cijfers_cijfer_select")  # fmt: skip
    figure = next(f for f in rows if f.key == key)
    show_chain(figure)
    show_same_source(all_figures, figure)
    st.header("Per bron")
    st.dataframe(group_table(groups(hits)), hide_index=True, width="stretch")


style()
st.html(CSS)
kb = current_kb()
st.title("Cijfers en bronnen")
st.caption(
    "Elk cijfer in de brieven met wat het meet, de zin waarin het staat en de herkomst: "
    "voetnoot → publicatie → uitgever."
)
all_figures = _load(kb.dir, kb.generation)
if not all_figures:
    st.info("Er zijn nog geen cijfers in de kennisbank.")
else:
    show_figures(all_figures)
    show_recurring(_recurring(kb.dir, kb.generation))
