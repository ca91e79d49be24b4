"""Page 2 "Brief": read one letter with its footnotes, Kamerstuk references and entities.

URL: /brief?id=<document>&van=<start>&tot=<end> (the passage van..tot is highlighted and
scrolled into view). The HTML comes from ui.reader_html, where every letter-derived string is
escaped with esc() before it enters HTML.
"""

from __future__ import annotations

import json
import re

import streamlit as st

from kb.views.base import reading
from kb.views.reader import (
    Highlight,
    LetterChoice,
    LetterView,
    date_label,
    highlight,
    letter_view,
    letters,
)
from ui.common import current_kb, esc, md, param, style
from ui.links import entity_url, page_url
from ui.reader_html import (
    READER_CSS,
    facts_html,
    footnotes_html,
    legend_html,
    letter_html,
    metadata_html,
    warnings_html,
)


@st.cache_data(show_spinner=False)
def _letters(kb_dir: str, generation: str) -> tuple[LetterChoice, ...]:
    with reading(kb_dir) as store:
        return letters(store)


@st.cache_data(show_spinner=False)
def _view(kb_dir: str, generation: str, document: str) -> LetterView | None:
    with reading(kb_dir) as store:
        return letter_view(store, document)


def scroll_to(anchor: str) -> None:
    """Our own tiny script (never letter text): scroll the app to the element `anchor`."""
    script = (
        "<script>(function () { let tries = 0; const id = " + json.dumps(anchor) + ";"
        "function go() { const el = window.parent.document.getElementById(id);"
        " if (el) { el.scrollIntoView({block: 'center'}); }"
        " else if (tries++ < 50) { setTimeout(go, 100); } } go(); })();</script>"
    )
    if re.fullmatch(r"[a-z]+-[0-9]+(-[0-9]+)?", anchor):  # our own ids only
        st.iframe(script, height=1)


def pick(choices: tuple[LetterChoice, ...], current: str) -> str | None:
    """The letter picker; writes a new choice to the URL (dropping van/tot)."""
    ids = [c.id for c in choices]
    labels = {c.id: f"{date_label(c.date)} — {c.title or c.id}" for c in choices}
    chosen = st.selectbox(
        "Brief", ids, index=ids.index(current) if current in ids else None,
        format_func=lambda i: labels.get(i, i), placeholder="Kies een brief",
    )  # fmt: skip
    if chosen is not None and chosen != current:
        st.query_params["id"] = chosen
        for key in ("van", "tot"):
            if key in st.query_params:
                del st.query_params[key]
    return chosen


def show_text(view: LetterView, hl: Highlight | None) -> None:
    m = view.metadata
    st.header(md(m.title or m.id))
    entities = st.toggle("Entiteiten markeren", value=True, help="Organisaties, programma's, "
                         "pilots, personen… gemarkeerd en gelinkt naar het netwerk.")  # fmt: skip
    if entities:
        st.html(legend_html(view))
    st.html(letter_html(view, hl, entities))
    if view.footnotes:
        st.subheader("Voetnoten")
        st.html(footnotes_html(view, hl, entities))


def show_panel(view: LetterView) -> None:
    st.subheader("Over deze brief")
    st.html(metadata_html(view))
    st.markdown(f"**Waarschuwingen van de inlezer** ({len(view.warnings)})")
    st.html(warnings_html(view))
    counts, doc = view.counts, view.metadata.id
    for kind, title, n in (("motie", "Moties", counts.motions),
                           ("toezegging", "Toezeggingen", counts.commitments),
                           ("cijfer", "Cijfers", counts.statistics)):  # fmt: skip
        with st.expander(f"{title} in deze brief ({n})", expanded=False):
            st.html(facts_html(view, kind) if n else '<p class="kb-muted">Geen.</p>')
    st.html(
        f'<a href="{esc(page_url("toezeggingen", brief=doc))}">Toezeggingen van deze brief</a>'
        f' · <a href="{esc(entity_url("letter:" + doc))}">Brief in het netwerk</a>'
    )


style()
st.html(READER_CSS)
kb = current_kb()
choices = _letters(kb.dir, kb.generation)
if not choices:
    st.info("Er staan nog geen brieven in de kennisbank. Lees brieven in met `kb ingest`.")
    st.stop()
asked = param("id")
current = asked or choices[0].id
if not asked:
    st.query_params["id"] = current
known = any(c.id == current for c in choices)
notice = st.empty()
chosen = pick(choices, current if known else "")
if chosen is None:
    notice.error(f"Er is geen brief met id ‘{md(current)}’ in deze kennisbank. Kies een brief.")
    st.stop()
view = _view(kb.dir, kb.generation, chosen)
if view is None:
    st.error("Deze brief is niet (meer) in de kennisbank. Kies een andere brief.")
    st.stop()
hl = highlight(view, param("van"), param("tot")) if chosen == current else None
text_col, panel_col = st.columns([7, 3], gap="large")
with text_col:
    show_text(view, hl)
with panel_col:
    show_panel(view)
if hl is not None and hl.target:
    scroll_to(hl.target)
