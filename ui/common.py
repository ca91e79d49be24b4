"""What every page shares: the KB it shows, cached resources, escaping and the house style.

Pages call `current_kb()` first; it stops the page with a Dutch explanation when there is no
knowledge base yet. Data loaders in the pages are `st.cache_data` functions keyed on
(kb_dir, generation), so they recompute only after an ingest changed the KB.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import streamlit as st

from kb.search.index import NoIndex, SearchIndex
from kb.settings import kb_dir
from kb.store import NoKnowledgeBase
from kb.views.base import generation

CSS = """
<style>
mark { background: #ffe58f; padding: 0 .1em; }
.kb-muted { color: #6b7280; font-size: .9em; }
</style>
"""


@dataclass(frozen=True)
class KB:
    """The knowledge base a page shows: its directory and generation (both cache keys)."""

    dir: str
    generation: str


def current_kb() -> KB:
    """The KB of this app ($KB_DIR or build/kb); stops the page with advice if there is none."""
    directory = str(kb_dir().resolve())
    try:
        return KB(directory, generation(directory))
    except NoKnowledgeBase:
        st.warning(
            f"Er is nog geen kennisbank in `{directory}`. Lees eerst brieven in met "
            "`kb ingest corpus/` (of `make run`) en laad deze pagina opnieuw."
        )
        st.stop()
        raise  # st.stop() raises; this line keeps type checkers content


@st.cache_resource(show_spinner=False)
def search_index(directory: str) -> SearchIndex | None:
    """The search index of the KB, opened once per process (None if it was never built)."""
    try:
        return SearchIndex.open(directory)
    except NoIndex:
        return None


def esc(text: object) -> str:
    """Text from a letter, made safe to place inside HTML (never rendered as markup)."""
    return html.escape("" if text is None else str(text), quote=True)


def style() -> None:
    """The app's small stylesheet (our own CSS; never letter text)."""
    st.html(CSS)


def param(name: str, default: str = "") -> str:
    """A query parameter of the page's URL (st.query_params), or `default`."""
    value = st.query_params.get(name)
    return default if value is None else str(value)
