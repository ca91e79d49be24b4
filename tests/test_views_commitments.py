"""The commitments view on the seed KB: status, overdue, fulfilment evidence, filters, URL state
and export (exact values, `today` fixed)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import replace

import pytest

from kb.views.base import reading
from kb.views.commitments import (
    CommitmentFilter,
    Summary,
    commitment_rows,
    due_years,
    export_csv,
    export_json,
    filter_params,
    filter_rows,
    letter_options,
    matches_text,
    parse_filter,
    parse_years,
    programme_options,
    summary,
    table_rows,
)

TODAY = dt.date(2026, 11, 22)
L000, L001, L002, L003, L004 = (
    "000_6adc83efdee732d0", "001_a4dc7a71a65ae17e", "002_080da9ed5327206a",
    "003_a17b3276b8151254", "004_e70a85e84504e092",
)  # fmt: skip


@pytest.fixture(scope="module")
def rows(seed_kb):
    with reading(seed_kb) as store:
        return commitment_rows(store, TODAY)


def keys(rows, **kw) -> list[str]:
    return [r.key for r in filter_rows(rows, CommitmentFilter(**kw))]


def test_counts(rows) -> None:
    assert summary(rows) == Summary(total=42, open=36, overdue=13, partly=2, fulfilled=4)
    assert [r.document for r in rows[:1]] == [L001]  # by letter date: 2018 first
    assert due_years(rows) == (2018, 2029)


def test_the_2025_via_progress_report_is_fulfilled_by_letter_002(rows) -> None:
    row = {r.key: r for r in rows}[f"{L000}:7"]
    assert row.quote == ("Uw Kamer wordt in het eerste kwartaal van 2025 geïnformeerd over de "
                         "voortgang van het programma VIA.")  # fmt: skip
    assert (row.status, row.shown_status, row.overdue) == ("Voldaan", "Voldaan", False)
    assert (row.due_text, row.due, row.due_period) == (
        "in het eerste kwartaal van 2025", "2025-Q1", "2025-01-01 – 2025-03-31")  # fmt: skip
    assert (row.actor, row.letter_date, row.confidence, row.rule) == (
        "minister van Sociale Zaken en Werkgelegenheid", "2023", 0.95, "inform-parliament")  # fmt: skip
    [evidence] = row.fulfilments
    assert (evidence.document, evidence.date, evidence.confidence) == (L002, "2025-01-01", 0.73)
    assert evidence.quote == ("Met deze brief bied ik u de Werkagenda Voor een Inclusieve "
                              "Arbeidsmarkt (VIA) aan.")  # fmt: skip
    assert evidence.title == "Brief: de Werkagenda Voor een Inclusieve Arbeidsmarkt (VIA)"
    assert evidence.reasons[0] == "dated within the due period 2025-Q1"
    assert row.entities == ("programme:via",)


def test_the_2024_q1_promise_is_open_and_overdue(rows, seed_store) -> None:
    row = {r.key: r for r in rows}[f"{L000}:0"]
    assert row.quote == ("Over de voortgang van dit plan van aanpak informeer ik u apart in het "
                         "eerste kwartaal van 2024.")  # fmt: skip
    assert (row.status, row.overdue, row.shown_status, row.due) == (
        "Openstaand", True, "Te laat", "2024-Q1")  # fmt: skip
    assert row.fulfilments == ()
    text = seed_store.db.execute("SELECT text FROM documents WHERE id = ?", (L000,)).fetchone()[0]
    assert text[row.start : row.end] == row.quote


def test_status_as_of_an_earlier_day(seed_kb) -> None:
    with reading(seed_kb) as store:
        early = {r.key: r for r in commitment_rows(store, dt.date(2024, 2, 1))}
    assert (early[f"{L000}:0"].status, early[f"{L000}:0"].overdue) == ("Openstaand", False)
    assert early[f"{L000}:7"].status == "Openstaand"  # the 2025 letter is not there yet


def test_which_commitments_on_via_are_still_open(rows) -> None:
    assert keys(rows, text="VIA") == [f"{L003}:1", f"{L003}:3", f"{L003}:5", f"{L000}:7",
                                      f"{L002}:0"]  # fmt: skip
    assert keys(rows, text="VIA", open_only=True) == [f"{L002}:0"]
    assert keys(rows, text="VIA", status="open") == [f"{L002}:0"]
    # with the letter's title too: every open commitment of the three VIA letters
    assert len(keys(rows, text="VIA", open_only=True, in_title=True)) == 2 + 6 + 12
    assert keys(rows, text="werkagenda", open_only=True) == [f"{L004}:1", f"{L002}:0"]


def test_commitments_on_a_programme_are_named_in_the_sentence_or_in_a_letter_about_it(
    rows,
) -> None:
    # Every seed letter mentions VIA (or its Werkagenda) more than any other programme.
    assert programme_options(rows) == [
        ("programme:via", 42), ("programme:werkagenda-via", 3),
        ("programme:aanpak-jeugdwerkloosheid", 1), ("programme:actieagenda-integratie", 1),
    ]  # fmt: skip
    on_via = [r for r in rows if r.key in keys(rows, programme="programme:via", open_only=True)]
    assert (len(on_via), sum(r.overdue for r in on_via)) == (36, 13)
    assert f"{L000}:0" in {r.key for r in on_via}  # the overdue 2024-Q1 progress report
    assert keys(rows, programme="programme:werkagenda-via") == [
        f"{L003}:1", f"{L003}:3", f"{L002}:0"]  # fmt: skip
    assert keys(rows, programme="programme:nergens") == []
    f = CommitmentFilter(open_only=True, programme="programme:via")
    assert filter_params(f) == {"open": "1", "programma": "programme:via"}
    assert parse_filter(filter_params(f)) == f


def test_acronyms_match_whole_words_only(rows) -> None:
    row = replace(rows[0], quote="Cijfers komen via het CBS.", action="x", names=())
    assert not matches_text("VIA", row)
    assert matches_text("via", row)
    assert matches_text("cbs", row) and matches_text("CBS", row) and matches_text("", row)


def test_filters(rows) -> None:
    assert keys(rows, status="deels") == [f"{L003}:2", f"{L003}:5"]
    assert keys(rows, status="voldaan") == [f"{L004}:2", f"{L003}:1", f"{L003}:3", f"{L000}:7"]
    assert len(keys(rows, status="te-laat")) == 13 and len(keys(rows, open_only=True)) == 36
    assert len(keys(rows, letter=L000)) == 8
    assert keys(rows, years=(2024, 2024)) == [f"{L000}:0", f"{L000}:1", f"{L000}:2", f"{L000}:5"]
    assert keys(rows, min_confidence=0.9) == [f"{L003}:5", f"{L003}:9", f"{L000}:0", f"{L000}:5",
                                              f"{L000}:7", f"{L002}:11"]  # fmt: skip
    assert letter_options(rows)[0] == (L001, "2018 · Programma Verdere Integratie op de Arbeidsmarkt")


def test_url_state_round_trips() -> None:
    params = {"status": "te-laat", "open": "1", "brief": L000, "jaar": "2023..2025",
              "zoek": "VIA", "titel": "1", "zekerheid": "0.5"}  # fmt: skip
    f = parse_filter(params)
    assert f == CommitmentFilter("te-laat", True, L000, (2023, 2025), "VIA", True, 0.5)
    assert filter_params(f) == params
    assert parse_filter({"status": "onzin", "jaar": "x", "zekerheid": "veel"}) == CommitmentFilter()
    assert filter_params(CommitmentFilter(years=(2024, 2024))) == {"jaar": "2024"}
    assert parse_years("2025..2023") == (2023, 2025)


def test_table_and_export(rows) -> None:
    shown = filter_rows(rows, CommitmentFilter(text="VIA"))
    table = {r["Toezegging"][:20]: r for r in table_rows(shown)}
    assert table["Uw Kamer wordt in he"]["Nagekomen in"] == f"{L002} (2025-01-01, 0.73)"
    assert table["Uw Kamer wordt in he"]["Status"] == "Voldaan"
    records = list(csv.DictReader(io.StringIO(export_csv(shown))))
    assert [r["sleutel"] for r in records] == [r.key for r in shown]
    assert records[3]["nakoming"] == (f"{L002} (2025-01-01, zekerheid 0.73): Met deze brief bied "
                                      "ik u de Werkagenda Voor een Inclusieve Arbeidsmarkt (VIA) aan.")  # fmt: skip
    data = json.loads(export_json(shown))
    assert data[3]["nakoming"][0]["bewijs"].startswith("Met deze brief bied ik u")
    assert (data[3]["van"], data[3]["status"], data[4]["te_laat"]) == (24336, "Voldaan", False)
