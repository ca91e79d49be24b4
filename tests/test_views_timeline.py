"""The 2018–2029 timeline view on the seed KB: lanes, commitment colours, derived programme
periods, clipping, filters and URL state (exact values, `today` fixed)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from itertools import pairwise

import pytest

from kb.views.base import reading
from kb.views.timeline import (
    FIRST,
    LANES,
    LAST,
    Item,
    TimelineFilter,
    _clip,
    chart_rows,
    filter_items,
    filter_params,
    options,
    parse_filter,
    table_rows,
    timeline,
    y_domain,
)

TODAY = dt.date(2026, 11, 22)
L000, L001, L002, L003, L004 = (
    "000_6adc83efdee732d0", "001_a4dc7a71a65ae17e", "002_080da9ed5327206a",
    "003_a17b3276b8151254", "004_e70a85e84504e092",
)  # fmt: skip


@pytest.fixture(scope="module")
def tl(seed_kb):
    with reading(seed_kb) as store:
        return timeline(store, TODAY)


@pytest.fixture(scope="module")
def by_id(tl) -> dict[str, Item]:
    return {i.id: i for i in tl.items}


def test_lanes_and_counts(tl) -> None:
    assert Counter(i.lane for i in tl.items) == {
        "brieven": 5, "gebeurtenissen": 89, "toezeggingen": 17, "programmas": 17,
    }  # fmt: skip
    assert tl.undated_commitments == 25  # 42 commitments, 17 with a due period
    assert tl.today == "2026-11-22"
    assert len({i.id for i in tl.items}) == len(tl.items)


def test_everything_lies_within_2018_2029_in_date_order(tl) -> None:
    for item in tl.items:
        assert FIRST <= item.start <= item.at <= LAST and item.start <= item.end <= LAST
    assert [i.at for i in tl.items] == sorted(i.at for i in tl.items)


def test_quotes_are_the_letters_text_at_their_span(tl, seed_store) -> None:
    texts = dict(seed_store.db.execute("SELECT id, text FROM documents").fetchall())
    for item in tl.items:
        if item.span:
            assert texts[item.document][item.span[0] : item.span[1]] == item.quote


def test_letters_sit_at_their_date(by_id) -> None:
    letter = by_id[f"brief:{L004}"]
    assert (letter.start, letter.end, letter.at, letter.status) == (
        "2021-11-17", "2021-11-17", "2021-11-17", "kamerbrief")  # fmt: skip
    year_only = by_id[f"brief:{L000}"]  # dated "2023"
    assert (year_only.start, year_only.end, year_only.date) == ("2023-01-01", "2023-12-31", "2023")
    assert by_id[f"brief:{L001}"].kinds == ("bijlage",)


def test_commitments_at_their_deadline_coloured_by_status(tl, by_id) -> None:
    fulfilled = by_id[f"toezegging:{L000}:7"]
    assert fulfilled.quote == ("Uw Kamer wordt in het eerste kwartaal van 2025 geïnformeerd over "
                               "de voortgang van het programma VIA.")  # fmt: skip
    assert (fulfilled.start, fulfilled.end, fulfilled.at) == ("2025-01-01", "2025-03-31",
                                                              "2025-03-31")  # fmt: skip
    assert (fulfilled.status, fulfilled.category) == ("voldaan", "Toezegging voldaan")
    late = by_id[f"toezegging:{L000}:0"]  # "… informeer ik u apart in het eerste kwartaal van 2024."
    assert (late.status, late.category, late.at) == ("te laat", "Toezegging te laat", "2024-03-31")
    assert by_id[f"toezegging:{L002}:9"].status == "open"  # "tot en met 2029"
    statuses = Counter(i.status for i in tl.items if i.lane == "toezeggingen")
    assert statuses == {"te laat": 13, "deels voldaan": 2, "voldaan": 1, "open": 1}


def test_commitment_status_depends_on_today(seed_kb) -> None:
    with reading(seed_kb) as store:
        early = {i.id: i for i in timeline(store, dt.date(2024, 2, 1)).items}
    assert early[f"toezegging:{L000}:0"].status == "open"  # due by 2024-03-31: not late yet
    assert early[f"toezegging:{L000}:7"].status == "open"  # letter 002 (2025) not written yet


def test_stated_programme_periods(by_id) -> None:
    stagepact = by_id["periode:programme:stagepact-mbo:2023-01-01:2027-12-31"]
    assert (stagepact.label, stagepact.bar, stagepact.category, stagepact.status) == (
        "Stagepact MBO 2023–2027", True, "Programma", "periode genoemd")  # fmt: skip
    assert stagepact.quote.startswith("In het Stagepact MBO 2023–2027 zijn met de verschillende")
    first = by_id["periode:programme:werkagenda-via:2021-01-01:2025-12-31"]
    second = by_id["periode:programme:werkagenda-via:2025-01-01:2029-12-31"]
    assert first.label == "Werkagenda VIA 2021–2025" and second.label == "Werkagenda VIA 2025–2029"
    assert first.quote.startswith("In de eerste Werkagenda VIA (2021-2025) zijn de acties")
    assert first.entities == second.entities == ("programme:werkagenda-via", "programme:via")
    # the actieplan names its own edition; the VIA sentence's "2018-2021" is not VIA's period
    assert by_id["periode:programme:actieplan-arbeidsmarktdiscriminatie:2018-01-01:2021-12-31"]
    assert by_id["periode:programme:actieplan-arbeidsmarktdiscriminatie:2022-01-01:2025-12-31"]


def test_derived_periods_from_dated_sentences_and_pilot_status(tl, by_id) -> None:
    pilot = by_id["periode:pilot:behoud-doorstroom:2018-01-01:2022-05-31"]
    assert (pilot.label, pilot.category, pilot.status) == (
        "Behoud en Doorstroom (afgeleid)", "Pilot", "afgerond")  # fmt: skip
    assert pilot.quote == "De VIA-pilot «Behoud en Doorstroom» is in het voorjaar van 2022 afgerond."
    assert pilot.documents == (L001, L004, L003)
    assert pilot.entities == ("pilot:behoud-doorstroom", "programme:via")
    via = by_id["periode:programme:via:2018-01-01:2025-03-31"]
    assert via.quote.startswith("Bij aanvang van het programma Verdere Integratie op de Arbeidsmarkt (VIA) in 2018")
    bars = sorted(i.id for i in tl.items if i.lane == "programmas" and i.status != "periode genoemd")
    assert len(bars) == 12 and all(by_id[b].label.endswith("(afgeleid)") for b in bars)


def test_clipping() -> None:
    item = Item("x", "gebeurtenissen", "x", "2006-01-01", "2020-12-31", "2006-01-01", False,
                "Gebeurtenis", "gebeurd", "d", "2021", "q", (0, 1))  # fmt: skip
    clipped = _clip(item)
    assert (clipped.start, clipped.end, clipped.at, clipped.clipped) == (
        "2018-01-01", "2020-12-31", "2018-01-01", True)  # fmt: skip
    assert _clip(Item("y", "brieven", "y", "2014-01-01", "2014-12-31", "2014-01-01", False,
                      "Brief", "", None, None, None, None)) is None  # fmt: skip


def test_rows_keep_overlapping_items_apart(tl) -> None:
    lanes: dict[tuple[str, int], list[Item]] = {}
    for item in tl.items:
        if item.bar:
            lanes.setdefault((item.lane, item.row), []).append(item)
    for bars in lanes.values():
        for a, b in pairwise(bars):
            assert a.end < b.start
    assert y_domain(tl.items)[:3] == ["Brieven·0", "Brieven·1", "Gebeurtenissen·0"]
    assert y_domain([]) == [f"{name}·0" for name in LANES.values()]


def test_filters(tl) -> None:
    def ids(**kw) -> list[str]:
        return [i.id for i in filter_items(tl.items, TimelineFilter(**kw))]

    assert len(ids(lanes=("toezeggingen",))) == 17
    assert ids(lanes=("toezeggingen",), programme="programme:via") == [
        f"toezegging:{L003}:5", f"toezegging:{L000}:7"]  # fmt: skip
    assert len(ids(lanes=("programmas",), programme="programme:via")) == 11  # VIA, pilots, agendas
    assert ids(organisation="organisation:uwv", lanes=("gebeurtenissen",)) == [
        f"gebeurtenis:{L004}:10950"]  # "… maakt UWV sinds februari 2021 gebruik van …"
    assert ids(pilot="pilot:behoud-doorstroom", lanes=("programmas",)) == [
        "periode:pilot:behoud-doorstroom:2018-01-01:2022-05-31"]  # fmt: skip
    assert Counter(i.lane for i in filter_items(tl.items, TimelineFilter(kind="bijlage"))) == {
        "gebeurtenissen": 12, "programmas": 8, "toezeggingen": 3, "brieven": 1}  # fmt: skip


def test_options(tl) -> None:
    opts = options(tl)
    assert ("programme:via", "Voor een Inclusieve Arbeidsmarkt (VIA)") in opts.programmes
    assert ("organisation:uwv", "Uitvoeringsinstituut Werknemersverzekeringen") in opts.organisations
    assert (len(opts.organisations), len(opts.pilots), len(opts.programmes)) == (72, 9, 14)
    assert opts.kinds == ("bijlage", "kamerbrief")


def test_url_state_round_trips() -> None:
    params = {"laan": "toezeggingen,brieven", "org": "uwv", "programma": "via", "soort": "bijlage"}
    f = parse_filter(params)
    assert f == TimelineFilter(("toezeggingen", "brieven"), "organisation:uwv", "",
                               "programme:via", "bijlage")  # fmt: skip
    assert filter_params(f) == {"laan": "brieven,toezeggingen", "org": "uwv", "programma": "via",
                                "soort": "bijlage"}  # fmt: skip
    assert parse_filter({"laan": "onzin"}) == TimelineFilter()
    assert filter_params(TimelineFilter()) == {}


def test_chart_and_table_rows(by_id) -> None:
    item = by_id[f"toezegging:{L000}:7"]
    [row] = chart_rows([item])
    assert row == {
        "id": f"toezegging:{L000}:7", "laan": "Toezeggingen", "rij": "Toezeggingen·0",
        "titel": "informeren over de voortgang van het programma VIA", "begin": "2025-01-01",
        "eind": "2025-03-31", "moment": "2025-03-31", "balk": False,
        "soort": "Toezegging voldaan", "status": "voldaan", "periode": "2025-01-01 – 2025-03-31",
        "brief": L000, "datum": "2023", "citaat": item.quote,
    }  # fmt: skip
    long = chart_rows([by_id["periode:programme:stagepact-mbo:2023-01-01:2027-12-31"]], 40)[0]
    assert long["citaat"] == "In het Stagepact MBO 2023–2027 zijn met…"
    [table] = table_rows([item])
    assert (table["Laan"], table["Periode"], table["Status"], table["Brief"]) == (
        "Toezeggingen", "2025-01-01 – 2025-03-31", "voldaan", L000)  # fmt: skip
