"""The Toezeggingen page in AppTest: metrics, table, filters in the URL, the detail of a picked
commitment with its fulfilment evidence and links, exports, and letter text with HTML or
Markdown in it shown only as text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from apptest import HOSTILE_COMMITMENT, kb_of
from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[1] / "ui" / "app.py"
L000, L002 = "000_6adc83efdee732d0", "002_080da9ed5327206a"
HOSTILE = HOSTILE_COMMITMENT


def page(kb: Path, monkeypatch: pytest.MonkeyPatch, **params: str) -> AppTest:
    """The app at /toezeggingen with these URL parameters, after its first run."""
    monkeypatch.setenv("KB_DIR", str(kb))
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params.update(params)
    at.run()
    at.switch_page("screens/toezeggingen.py").run()
    assert not at.exception
    return at


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


@pytest.fixture(scope="module")
def hostile_kb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return kb_of(tmp_path_factory.mktemp("hostile"), {"brief.txt": HOSTILE})


def test_renders_metrics_table_and_exports(seed_kb: Path, monkeypatch) -> None:
    at = page(seed_kb, monkeypatch)
    assert at.title[0].value == "Toezeggingen"
    # "Te laat" grows with the calendar; the rest does not (every fulfilment predates today)
    assert {k: v for k, v in metrics(at).items() if k != "Te laat"} == {
        "Totaal": "42", "Open": "36", "Deels voldaan": "2", "Voldaan": "4"}  # fmt: skip
    frame = at.dataframe[0].value
    assert len(frame) == 42
    assert frame["Link"].iloc[0].startswith("/brief?id=001_a4dc7a71a65ae17e&van=")
    assert [b.label for b in at.get("download_button")] == ["Download CSV", "Download JSON"]


def test_which_commitments_on_via_are_still_open(seed_kb: Path, monkeypatch) -> None:
    at = page(seed_kb, monkeypatch, zoek="VIA", open="1")
    assert at.text_input(key="tz_zoek").value == "VIA" and at.checkbox(key="tz_open").value
    frame = at.dataframe[0].value
    assert list(frame["Toezegging"]) == [
        "Met de nieuwe Werkagenda VIA (2025-2029) wil ik de werkzame interventies opschalen "
        "voorbij de voorhoede."]  # fmt: skip
    assert metrics(at)["Totaal"] == "1"


def test_open_commitments_on_the_programme_via(seed_kb: Path, monkeypatch) -> None:
    at = page(seed_kb, monkeypatch, programma="programme:via", open="1")
    assert at.selectbox(key="tz_prog").value == "programme:via"
    assert metrics(at)["Totaal"] == "36"
    assert at.query_params["programma"] == "programme:via"
    at.selectbox(key="tz_prog").set_value("").run()
    assert "programma" not in at.query_params
    assert metrics(at)["Totaal"] == "36"  # still open only; every seed letter is about VIA


def test_changing_filters_changes_rows_and_url(seed_kb: Path, monkeypatch) -> None:
    at = page(seed_kb, monkeypatch, zoek="VIA", open="1")
    at.text_input(key="tz_zoek").input("werkagenda").run()
    assert len(at.dataframe[0].value) == 2
    assert at.query_params == {"zoek": "werkagenda", "open": "1"}
    at.checkbox(key="tz_open").uncheck().run()
    at.selectbox(key="tz_status").select("voldaan").run()
    assert list(at.dataframe[0].value["Status"]) == ["Voldaan"] * 3
    assert at.query_params == {"zoek": "werkagenda", "status": "voldaan"}
    at.slider(key="tz_jaar").set_value((2024, 2024)).run()
    at.text_input(key="tz_zoek").input("").run()
    at.selectbox(key="tz_status").select("").run()
    assert len(at.dataframe[0].value) == 4 and at.query_params == {"jaar": "2024"}


def test_picking_a_commitment_shows_its_evidence(seed_kb: Path, monkeypatch) -> None:
    at = page(seed_kb, monkeypatch, zoek="VIA")
    key = f"{L000}:7"
    at.selectbox(key="tz_pick").select(key).run()
    assert [t.value for t in at.text] == [
        "Uw Kamer wordt in het eerste kwartaal van 2025 geïnformeerd over de voortgang van het "
        "programma VIA.",
        "Met deze brief bied ik u de Werkagenda Voor een Inclusieve Arbeidsmarkt (VIA) aan.",
    ]  # fmt: skip
    links = " ".join(m.value for m in at.markdown)
    assert f"/brief?id={L000}&van=24336&tot=24436" in links
    assert f"/brief?id={L002}&van=11&tot=93" in links
    captions = " ".join(c.value for c in at.caption).replace("\\", "")  # Markdown-escaped
    assert "Termijn: in het eerste kwartaal van 2025 (2025-01-01 – 2025-03-31)" in captions
    assert at.query_params == {"zoek": "VIA", "toezegging": key}
    again = page(seed_kb, monkeypatch, zoek="VIA", toezegging=key)  # the shared link
    assert len(again.text) == 2


def test_letter_text_is_never_markup(hostile_kb: Path, monkeypatch) -> None:
    at = page(hostile_kb, monkeypatch, toezegging="brief:0")
    [quote] = [t.value for t in at.text]
    assert "<script>alert('x')</script>" in quote and '<img src=x onerror="alert(1)">' in quote
    assert "<script>" in at.dataframe[0].value["Toezegging"].iloc[0]  # a cell is plain text
    shown = [e.value for kind in ("markdown", "caption", "subheader", "info") for e in at.get(kind)]
    assert any("\\<script\\>" in v for v in shown)  # the action, Markdown-escaped
    for value in shown:
        assert not re.search(r"(?<!\\)<(?:script|img)|(?<!\\)\]\(javascript", value)
