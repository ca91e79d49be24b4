"""kb.views.search on the seed KB: URL state, facets, pagination, years and export."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from kb.search.engine import MAX_LIMIT, SearchRequest, search
from kb.search.index import SearchIndex
from kb.store import Store
from kb.views.search import (
    SearchState,
    clamp_page,
    date_label,
    export_request,
    facet_options,
    letter_titles,
    page_count,
    run,
    shown_range,
    year_bounds,
    year_filter,
    year_selection,
)
from kb.views.search_export import EXPORT_COLUMNS, export_note, export_rows, to_csv, to_json

L000, L001, L002 = "000_6adc83efdee732d0", "001_a4dc7a71a65ae17e", "002_080da9ed5327206a"
L003, L004 = "003_a17b3276b8151254", "004_e70a85e84504e092"


@pytest.fixture(scope="module")
def index(seed_kb: Path) -> SearchIndex:
    return SearchIndex.open(seed_kb)


# URL state -------------------------------------------------------------------------------


def test_from_params_reads_a_full_url() -> None:
    state = SearchState.from_params(
        {"q": "motie Ergin", "soort": "toezegging", "jaar": "2021..2023", "org": "UWV",
         "sort": "nieuwste", "pagina": "3"}
    )  # fmt: skip
    assert state == SearchState(
        "motie Ergin", {"jaar": "2021..2023", "soort": "toezegging", "org": "UWV"}, "nieuwste", 3
    )
    assert state.to_params() == {
        "q": "motie Ergin", "jaar": "2021..2023", "soort": "toezegging", "org": "UWV",
        "sort": "nieuwste", "pagina": "3",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, SearchState()),
        ({"pagina": "abc"}, SearchState()),
        ({"pagina": "-2"}, SearchState()),
        ({"pagina": "0"}, SearchState()),
        ({"pagina": "²"}, SearchState()),
        ({"pagina": "99999999999"}, SearchState()),
        ({"sort": "willekeurig"}, SearchState()),
        ({"sort": "date"}, SearchState(sort="nieuwste")),
        ({"foo": "bar", "utm_source": "x"}, SearchState()),
        ({"q": "   "}, SearchState()),
        ({"q": ["oud", " nieuw  woord ", ""]}, SearchState("nieuw woord")),
        ({"soort": "voetnoten"}, SearchState(filters={"soort": "voetnoot"})),
        ({"soort": "gedicht"}, SearchState()),
        ({"jaar": "2023-2021"}, SearchState(filters={"jaar": "2021..2023"})),
        ({"jaar": "2022..2022"}, SearchState(filters={"jaar": "2022"})),
        ({"jaar": "ooit"}, SearchState()),
        ({"org": ""}, SearchState()),
        ({"organisatie": "UWV"}, SearchState(filters={"org": "UWV"})),
        ({"Q": "taskforce", "PAGINA": "2"}, SearchState("taskforce", page=2)),
    ],
)
def test_from_params_is_tolerant(params: dict, expected: SearchState) -> None:
    assert SearchState.from_params(params) == expected


EVERY_FILTER = {
    "brief": L001, "jaar": "2018", "soort": "cijfer", "org": "UWV", "pilot": "Leren en Werken",
    "programma": "VIA", "ondertekenaar": "Gennip", "motie": "Ergin",
}  # fmt: skip


@pytest.mark.parametrize(
    "state",
    [
        SearchState(),
        SearchState("motie Ergin"),
        SearchState('"Taskforce VIA" -UWV', {"brief": L002}, "nieuwste", 2),
        SearchState("", EVERY_FILTER),
    ],
)
def test_params_round_trip(state: SearchState) -> None:
    params = state.to_params()
    assert all(value for value in params.values())
    assert SearchState.from_params(params) == state


def test_defaults_and_empty_values_stay_out_of_the_url() -> None:
    assert SearchState().to_params() == {}
    assert SearchState("x", {}, "relevantie", 1).to_params() == {"q": "x"}


def test_changes_start_again_at_page_one() -> None:
    state = SearchState("werkgevers", {"soort": "cijfer"}, "relevantie", 4)
    assert state.with_query(" taskforce  VIA ") == SearchState(
        "taskforce VIA", {"soort": "cijfer"}, "relevantie", 1
    )
    assert state.with_filter("jaar", "2021..2022").filters == {"jaar": "2021..2022",
                                                               "soort": "cijfer"}  # fmt: skip
    assert state.with_filter("soort", "").filters == {}
    assert state.with_filter("soort", None).page == 1
    assert state.with_filter("onzin", "x").filters == {"soort": "cijfer"}
    assert state.with_sort("nieuwste") == SearchState("werkgevers", {"soort": "cijfer"},
                                                      "nieuwste", 1)  # fmt: skip
    assert state.without_filters() == SearchState("werkgevers", {}, "relevantie", 1)
    assert state.with_page(2).page == 2
    assert state.blank is False and SearchState().blank is True
    assert SearchState(filters={"soort": "cijfer"}).blank is False


def test_request_maps_sort_and_page() -> None:
    state = SearchState("werkgevers", {"org": "UWV"}, "nieuwste", 3)
    assert state.request(10) == SearchRequest(
        "werkgevers", limit=10, offset=20, sort="date", filters={"org": "UWV"}
    )
    assert SearchState("x").request(5).sort == "relevance"


# Pagination ------------------------------------------------------------------------------


def test_pagination_helpers() -> None:
    assert [page_count(n) for n in (0, 1, 10, 11, 72)] == [1, 1, 1, 2, 8]
    assert [clamp_page(p, 72) for p in (-1, 0, 1, 8, 9, 500)] == [1, 1, 1, 8, 8, 8]
    assert shown_range(1, 72) == (1, 10)
    assert shown_range(8, 72) == (71, 72)
    assert shown_range(99, 72) == (71, 72)
    assert shown_range(1, 0) == (0, 0)


# Searching the seed KB -------------------------------------------------------------------


def test_motie_ergin_is_found_in_the_werkagenda(index: SearchIndex) -> None:
    page = run(index, SearchState("motie Ergin"))
    assert page.result.total == 1
    hit = page.result.hits[0]
    assert (hit.document, hit.kind, hit.start, hit.end, hit.date) == (L002, "alinea", 535, 1272,
                                                                      "2025")  # fmt: skip
    assert "<mark>motie</mark> <mark>Ergin</mark>" in hit.snippet
    assert page.facets["motie"] == {"Motie-Ergin": 1}
    assert page.facets["brief"] == {L002: 1}


def test_blank_state_counts_every_unit(index: SearchIndex) -> None:
    page = run(index, SearchState())
    assert page.result.total == 433
    assert page.facets["soort"] == {"alinea": 236, "voetnoot": 92, "cijfer": 63, "toezegging": 42}
    assert page.facets["brief"] == {L000: 134, L004: 93, L001: 87, L003: 82, L002: 37}
    assert page.facets["ondertekenaar"] == {"C.E.G. van Gennip": 216, "A.D. Wiersma": 93,
                                            "J.N.J. Nobel": 37}  # fmt: skip


def test_a_filtered_facet_is_counted_without_its_own_filter(index: SearchIndex) -> None:
    page = run(index, SearchState("werkgevers", {"soort": "toezegging"}))
    assert page.result.total == 6
    assert {h.kind for h in page.result.hits} == {"toezegging"}
    assert page.facets["soort"] == {"alinea": 59, "toezegging": 6, "cijfer": 5, "voetnoot": 2}
    assert page.facets["jaar"] == {"2018": 2, "2025": 2, "2022": 1, "2023": 1}
    both = run(index, SearchState("werkgevers", {"soort": "toezegging", "jaar": "2021..2023"}))
    assert both.result.total == 2
    assert both.facets["soort"] == {"alinea": 39, "cijfer": 3, "toezegging": 2, "voetnoot": 1}
    assert both.facets["jaar"] == {"2018": 2, "2025": 2, "2022": 1, "2023": 1}


def test_newest_first_and_a_page_past_the_end_is_clamped(index: SearchIndex) -> None:
    first = run(index, SearchState("werkgevers", sort="nieuwste"))
    assert [h.document for h in first.result.hits] == [L002] * 10
    last = run(index, SearchState("werkgevers", sort="nieuwste", page=99))
    assert (last.pages, last.state.page) == (8, 8)
    assert [(h.document, h.date) for h in last.result.hits] == [(L001, "2018")] * 2


def test_every_facet_value_filters_to_its_count(index: SearchIndex) -> None:
    counts = run(index, SearchState()).facets
    for name in ("org", "pilot", "programma", "motie", "ondertekenaar", "brief", "soort"):
        for value, count in list(counts[name].items())[:5]:
            page = run(index, SearchState(filters={name: value}))
            assert (name, value, page.result.total) == (name, value, count)


def test_misspelling_gives_a_suggestion(index: SearchIndex) -> None:
    page = run(index, SearchState("werkgevrs"))
    assert (page.result.total, page.result.suggestion) == (0, "werkgevers")


# Presentation ----------------------------------------------------------------------------


def test_facet_options_sorted_by_count_with_labels(seed_store: Store) -> None:
    kinds = facet_options("soort", {"cijfer": 3, "alinea": 5})
    assert [(o.value, o.text) for o in kinds] == [
        ("alinea", "Alinea (5)"), ("cijfer", "Cijfer (3)"), ("toezegging", "Toezegging (0)"),
        ("voetnoot", "Voetnoot (0)"),
    ]  # fmt: skip
    orgs = facet_options("org", {"UWV": 2, "CBS": 2, "TNO": 4}, selected="SER")
    assert [o.text for o in orgs] == ["TNO (4)", "CBS (2)", "UWV (2)", "SER (0)"]
    titles = letter_titles(seed_store)
    assert titles[L000] == "Gelijkwaardige kansen op de arbeidsmarkt voor iedereen · 2023"
    assert titles[L004] == (
        "Uitkomsten, afronding en vervolg van het programma Verdere Integratie… · 2021-11-17"
    )
    letters = facet_options("brief", {L002: 1}, titles=titles)
    assert (
        letters[0].text == "Brief: de Werkagenda Voor een Inclusieve Arbeidsmarkt (VIA) · 2025 (1)"
    )


def test_years(index: SearchIndex) -> None:
    counts = run(index, SearchState()).facets["jaar"]
    assert counts == {"2023": 134, "2021": 93, "2018": 87, "2022": 82, "2025": 37}
    bounds = year_bounds(counts)
    assert bounds == (2018, 2025)
    assert year_bounds({}) is None
    assert year_selection(None, bounds) == (2018, 2025)
    assert year_selection("2021..2023", bounds) == (2021, 2023)
    assert year_selection("2022", bounds) == (2022, 2022)
    assert year_selection("2010..2030", bounds) == (2018, 2025)
    assert year_selection("2030", bounds) == (2025, 2025)
    assert year_selection("onzin", bounds) == (2018, 2025)
    assert year_filter((2018, 2025), bounds) is None
    assert year_filter((2021, 2023), bounds) == "2021..2023"
    assert year_filter((2022, 2022), bounds) == "2022"


def test_date_labels() -> None:
    assert date_label("2021-11-17") == "17 november 2021"
    assert date_label("2023-05") == "mei 2023"
    assert date_label("2023") == "2023"
    assert date_label("") == "datum onbekend"
    assert date_label("ergens") == "ergens"


# Export ----------------------------------------------------------------------------------


def _link(document: str, start: int, end: int) -> str:
    return f"/brief?id={document}&van={start}&tot={end}"


def test_export_holds_every_hit_as_plain_text(index: SearchIndex) -> None:
    state = SearchState("werkgevers", page=3)
    request = export_request(state)
    assert (request.limit, request.offset, request.facets) == (MAX_LIMIT, 0, False)
    rows = export_rows(search(index, request), _link)
    assert len(rows) == 72  # all matches, not the 10 of page 3
    assert all(tuple(row) == EXPORT_COLUMNS for row in rows)
    assert not any("<mark>" in row["text"] for row in rows)
    assert sum("werkgevers" in row["text"].lower() for row in rows) >= 60
    first = rows[0]
    assert first["link"] == f"/brief?id={first['document']}&van={first['start']}&tot={first['end']}"


def test_csv_and_json_of_the_bijstand_figure(index: SearchIndex) -> None:
    result = search(index, export_request(SearchState("9,6 procent bijstand")))
    rows = export_rows(result, _link)
    text = (
        "9,6 procent van de mensen met buiten-Europese migratieachtergrond ontving in september "
        "2022 bijstand, tegenover 1,7 procent bij de personen zonder migratieachtergrond. "
        "Bron: Kernindicatoren Integratie 2023, CBS"
    )
    assert [(r["kind"], r["start"], r["end"], r["text"]) for r in rows] == [
        ("voetnoot", 27169, 27379, text), ("cijfer", 27169, 27379, text),
        ("cijfer", 27169, 27379, text),
    ]  # fmt: skip
    lines = to_csv(rows).splitlines()
    assert lines[0] == "document,title,date,kind,text,start,end,score,link"
    assert lines[1] == (
        f'{L000},Gelijkwaardige kansen op de arbeidsmarkt voor iedereen,2023,voetnoot,"{text}",'
        f"27169,27379,{rows[0]['score']},/brief?id={L000}&van=27169&tot=27379"
    )
    assert json.loads(to_json(rows)) == rows
    assert "buiten-Europese" in to_json(rows)  # not ASCII-escaped


def test_csv_quotes_and_neutralises_formulas() -> None:
    rows = [{"document": "d", "title": "=HYPERLINK(\"x\")", "date": "", "kind": "alinea",
             "text": 'regel 1\n"regel 2", <b>', "start": 0, "end": 5, "score": 1.0,
             "link": ""}]  # fmt: skip
    parsed = list(csv.DictReader(io.StringIO(to_csv(rows))))
    assert parsed[0]["title"] == '\'=HYPERLINK("x")'
    assert parsed[0]["text"] == 'regel 1\n"regel 2", <b>'
    assert to_csv([]) == "document,title,date,kind,text,start,end,score,link\n"


def test_export_note() -> None:
    assert export_note(72) == "De export bevat alle 72 resultaten."
    assert export_note(1) == "De export bevat het ene resultaat."
    assert export_note(MAX_LIMIT + 1) == (
        f"De export bevat de eerste {MAX_LIMIT} van {MAX_LIMIT + 1} resultaten (het maximum)."
    )
