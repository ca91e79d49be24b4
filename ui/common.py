"""What every page shares: the KB it shows, cached resources, escaping and the house style.

Pages call `current_kb()` first; it stops the page with a Dutch explanation when there is no
knowledge base yet. Data loaders in the pages are `st.cache_data` functions keyed on
(kb_dir, generation), so they recompute only after an ingest changed the KB.
"""

from __future__ import annotations

import html
import re
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


def search_index(directory: str) -> SearchIndex | None:
    """The search index of the KB, opened once per process (None while it was never built)."""
    try:
        return _open_index(directory)
    except NoIndex:  # not cached: a later `kb index` is seen at the next run
        return None


@st.cache_resource(show_spinner=False)
def _open_index(directory: str) -> SearchIndex:
    return SearchIndex.open(directory)


def esc(text: object) -> str:
    """Text from a letter, made safe to place inside HTML (never rendered as markup)."""
    return html.escape("" if text is None else str(text), quote=True)


_MD_SPECIAL = re.compile(r"([!-/:-@\[-`{-~])")


def md(text: object) -> str:
    """Text from a letter, made safe for st.markdown and widget labels (which read Markdown).

    Every ASCII punctuation mark is backslash-escaped (CommonMark allows that for all of
    them), so no link, image, emphasis, :color[...] directive or $math$ comes out of a letter.
    """
    return _MD_SPECIAL.sub(r"\\\1", "" if text is None else str(text))


def style() -> None:
    """The app's small stylesheet (our own CSS; never letter text)."""
    st.html(CSS)


def param(name: str, default: str = "") -> str:
    """A query parameter of the page's URL (st.query_params), or `default`."""
    value = st.query_params.get(name)
    return default if value is None else str(value)
