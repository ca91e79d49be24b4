"""Zoeken: the search box, filters with counts, highlighted hits, pagination and export.

All state lives in the URL (q, brief, jaar, soort, org, pilot, programma, ondertekenaar, motie,
sort, pagina): widgets are set from st.query_params on every run and their callbacks write the
new state back, so a shared link reproduces the same list. Logic is in kb.views.search.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import streamlit as st

from kb.search.engine import Hit, search
from kb.search.index import SearchIndex
from kb.views import search as views
from kb.views.base import reading
from ui.common import current_kb, esc, md, search_index, style
from ui.links import letter_url, page_url

HELP = """
**Zo werkt de zoektaal**

- Losse woorden moeten **allemaal** voorkomen: `werkgevers discriminatie`
- Een exacte zin tussen aanhalingstekens: `"Taskforce VIA"`
- Het een **of** het ander: `Ergin OR Aartsen` (ook `OF`)
- Uitsluiten met `NOT` (of `NIET`) of een minteken: `discriminatie -arbeidsmarkt`
- Een voorvoegsel met een sterretje: `monitor*` vindt monitor, monitoring, monitoren
- Samenstellingen worden herkend: `discriminatie` vindt ook *arbeidsmarktdiscriminatie*

**Filters** (ook te kiezen in de zijbalk):

| filter | voorbeeld |
|---|---|
| jaar of jaarbereik | `jaar:2022`, `jaar:2021..2023` |
| organisatie | `org:UWV` |
| soort: alinea, voetnoot, cijfer, toezegging | `soort:voetnoot` |
| brief (documentnummer of Kamerstuk) | `brief:kst-29544-1158` |
| ondertekenaar | `ondertekenaar:Gennip` |
| pilot | `pilot:"Leren en Werken"` |
| programma | `programma:VIA` |
| motie | `motie:Ergin` |

Voorbeeld: `taskforce soort:toezegging jaar:2021..2023`
"""
SELECTS = ("soort", "org", "pilot", "programma", "ondertekenaar", "motie")
K_QUERY, K_YEARS, K_SORT, K_PAGE = "zoek_q", "zoek_jaar", "zoek_sort", "zoek_pagina"
HIT = (
    '<div style="margin:.2rem 0 .6rem 0">'
    '<div style="font-weight:600">{title}</div>'
    '<div class="kb-muted">{meta}</div>'
    '<div style="margin:.25rem 0">{snippet}</div>'
    '<a href="{url}">Open in brief</a></div>'
)


@st.cache_data(show_spinner=False)
def _titles(kb_dir: str, generation: str) -> dict[str, str]:
    with reading(kb_dir) as store:
        return views.letter_titles(store)


@st.cache_data(show_spinner=False)
def _years(_index: SearchIndex, kb_dir: str, generation: str) -> tuple[int, int] | None:
    return views.available_years(_index)


@st.cache_data(show_spinner=False)
def _search(
    _index: SearchIndex, kb_dir: str, generation: str, params: tuple[tuple[str, str], ...]
) -> views.SearchPage:
    return views.run(_index, views.SearchState.from_params(dict(params)))


def _export(kb_dir: str, state: views.SearchState, fmt: str, origin: str) -> str:
    """The CSV or JSON of all hits; called when a download button is clicked (no Streamlit)."""
    result = search(SearchIndex.open(kb_dir), views.export_request(state))
    rows = views.export_rows(result, lambda d, s, e: origin + letter_url(d, s, e))
    return views.to_csv(rows) if fmt == "csv" else views.to_json(rows)


def _index(kb_dir: str) -> SearchIndex | None:
    return search_index(kb_dir)


# State: the URL is the truth; widgets follow it and their callbacks write it. -------------


def _state() -> views.SearchState:
    return views.SearchState.from_params(st.query_params.to_dict())


def _go(state: views.SearchState) -> None:
    st.query_params.from_dict(state.to_params())


def _sync(key: str, value: object) -> None:
    """Set a widget's value from the URL before the widget is drawn (only when it differs)."""
    if key not in st.session_state or st.session_state[key] != value:
        st.session_state[key] = value


def _on_query(text: str | None = None) -> None:
    _go(_state().with_query(st.session_state[K_QUERY] if text is None else text))


def _on_filter(name: str) -> None:
    _go(_state().with_filter(name, st.session_state[f"zoek_{name}"]))


def _on_years(bounds: tuple[int, int]) -> None:
    _go(_state().with_filter("jaar", views.year_filter(st.session_state[K_YEARS], bounds)))


def _on_clear() -> None:
    _go(_state().without_filters())


def _on_sort() -> None:
    _go(_state().with_sort(st.session_state[K_SORT]))


def _on_page() -> None:
    _go(_state().with_page(st.session_state[K_PAGE]))


# Drawing ---------------------------------------------------------------------------------


def _search_box(state: views.SearchState) -> None:
    _sync(K_QUERY, state.query)
    box, helper = st.columns([4, 1], vertical_alignment="bottom")
    box.text_input("Zoekopdracht", key=K_QUERY, on_change=_on_query,
                   placeholder="bijvoorbeeld: motie Ergin")  # fmt: skip
    with helper.popover("Zoektaal", icon=":material/help:", width="stretch"):
        st.markdown(HELP)


def _filters(page: views.SearchPage, titles: dict[str, str], bounds: tuple[int, int] | None):
    state = page.state
    with st.sidebar:
        st.header("Filters")
        _select("brief", state, page.facets, titles)
        _year_slider(state, page.facets.get("jaar", {}), bounds)
        for name in SELECTS:
            _select(name, state, page.facets, titles)
        if state.filters:
            st.button("Alle filters wissen", on_click=_on_clear, icon=":material/close:")


def _select(name: str, state: views.SearchState, facets: dict, titles: dict[str, str]) -> None:
    selected = state.filters.get(name, "")
    options = views.facet_options(name, facets.get(name, {}), selected, titles)
    texts = {option.value: option.text for option in options}
    key = f"zoek_{name}"
    _sync(key, selected)
    st.selectbox(
        views.FACET_LABELS[name], ["", *texts], key=key, on_change=_on_filter, args=(name,),
        format_func=lambda value, texts=texts: texts[value] if value else "Alle",
    )  # fmt: skip


def _year_slider(state: views.SearchState, counts: dict[str, int], bounds) -> None:
    if bounds is None:
        return
    if bounds[0] < bounds[1]:
        _sync(K_YEARS, views.year_selection(state.filters.get("jaar"), bounds))
        st.slider("Jaarbereik", bounds[0], bounds[1], key=K_YEARS, step=1,
                  on_change=_on_years, args=(bounds,))  # fmt: skip
    else:
        st.markdown(f"**Jaar**: {bounds[0]}")
    if counts:
        st.caption(" · ".join(f"{md(year)} ({n})" for year, n in sorted(counts.items())))


def _intro() -> None:
    st.markdown(
        "Zoek in de passages, voetnoten, cijfers en toezeggingen van alle Kamerbrieven in "
        "deze kennisbank. Typ een of meer woorden; met **Zoektaal** ziet u hoe u op een exacte "
        "zin, een jaar, een organisatie of een soort tekst zoekt. Filters staan in de zijbalk."
    )
    links = " · ".join(
        f'<a href="{esc(page_url("zoeken", q=example))}">{esc(example)}</a>'
        for example in views.EXAMPLES
    )
    st.html(f"<p>Probeer bijvoorbeeld: {links}</p>")


def _hit_html(hit: Hit) -> str:
    """One hit as HTML: letter text escaped; the snippet is escaped HTML with <mark> already."""
    parts = (views.date_label(hit.date), views.kind_label(hit.kind), hit.signatory, hit.document)
    url = letter_url(hit.document, hit.start, hit.end)
    meta = " · ".join(part for part in parts if part)
    return HIT.format(title=esc(hit.title or hit.document), meta=esc(meta), snippet=hit.snippet,
                      url=esc(url))  # fmt: skip


def _results(kb_dir: str, page: views.SearchPage) -> None:
    result, state = page.result, page.state
    if result.suggestion:
        st.button(f"Bedoelde u: **{md(result.suggestion)}**?", type="tertiary",
                  on_click=_on_query, args=(result.suggestion,), key="zoek_bedoelde")  # fmt: skip
    if result.total == 0:
        st.info("Geen resultaten. Probeer minder of andere woorden, of minder filters.")
        return
    first, last = views.shown_range(state.page, result.total)
    count, order = st.columns([3, 2], vertical_alignment="center")
    noun = "resultaat" if result.total == 1 else "resultaten"
    count.markdown(f"**{result.total}** {noun} · {first}–{last} getoond")
    _sync(K_SORT, state.sort)
    order.radio("Sorteren", list(views.SORTS), key=K_SORT, horizontal=True, on_change=_on_sort,
                format_func=views.SORT_LABELS.get, label_visibility="collapsed")  # fmt: skip
    for hit in result.hits:
        st.html(_hit_html(hit))
    if page.pages > 1:
        if st.session_state.get(K_PAGE, state.page) != state.page:
            del st.session_state[K_PAGE]  # the URL moved on: start from its page
        st.pagination(page.pages, default=state.page, key=K_PAGE, on_change=_on_page)
    _downloads(kb_dir, state, result.total)


def _downloads(kb_dir: str, state: views.SearchState, total: int) -> None:
    st.divider()
    origin = _origin()
    csv_col, json_col, note = st.columns([1, 1, 3], vertical_alignment="center")
    csv_col.download_button(
        "CSV", lambda: _export(kb_dir, state, "csv", origin), file_name="zoekresultaten.csv",
        mime="text/csv", on_click="ignore", icon=":material/download:", key="zoek_csv",
    )  # fmt: skip
    json_col.download_button(
        "JSON", lambda: _export(kb_dir, state, "json", origin), file_name="zoekresultaten.json",
        mime="application/json", on_click="ignore", icon=":material/download:", key="zoek_json",
    )  # fmt: skip
    note.caption(views.export_note(total))


def _origin() -> str:
    """scheme://host:port of the app as the browser sees it ("" if unknown): export links."""
    parts = urlsplit(st.context.url or "")
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def main() -> None:
    style()
    kb = current_kb()
    st.title("Zoeken")
    index = _index(kb.dir)
    if index is None:
        st.warning("Deze kennisbank heeft nog geen zoekindex. Bouw die met dit commando en "
                   "laad de pagina daarna opnieuw:")  # fmt: skip
        st.code(f"kb index --kb {kb.dir}", language="bash")
        return
    state = _state()
    try:
        page = _search(index, kb.dir, kb.generation, tuple(sorted(state.to_params().items())))
    except Exception as error:  # the engine answers any query; this is a broken index or KB
        st.warning(f"Zoeken is mislukt ({md(type(error).__name__)}). Probeer `kb index "
                   "--rebuild` als dit blijft gebeuren.")  # fmt: skip
        return
    if page.state != state:
        _go(page.state)  # a page number past the end was clamped
    _search_box(page.state)
    _filters(page, _titles(kb.dir, kb.generation), _years(index, kb.dir, kb.generation))
    if page.result.error:
        st.warning(f"Let op: {md(page.result.error)}")
    if page.state.blank:
        _intro()
    else:
        _results(kb.dir, page)


main()
