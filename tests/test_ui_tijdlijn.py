"""The Tijdlijn page in AppTest: chart and table render, filters and the selected item live in
the URL, the picker below the chart shows the quote and a link into the letter, and letter text
with HTML or Markdown in it is only ever shown as text."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from apptest import HOSTILE_COMMITMENT, kb_of
from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[1] / "ui" / "app.py"
L000 = "000_6adc83efdee732d0"
HOSTILE = HOSTILE_COMMITMENT


def page(kb: Path, monkeypatch: pytest.MonkeyPatch, **params: str) -> AppTest:
    """The app at /tijdlijn with these URL parameters, after its first run."""
    monkeypatch.setenv("KB_DIR", str(kb))
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params.update(params)
    at.run()
    at.switch_page("screens/tijdlijn.py").run()
    assert not at.exception
    return at


def table(at: AppTest):
    return at.dataframe[0].value


@pytest.fixture(scope="module")
def hostile_kb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return kb_of(tmp_path_factory.mktemp("hostile"), {"brief.txt": HOSTILE})


def test_renders_chart_lanes_and_table(seed_kb: Path, monkeypatch) -> None:
    at = page(seed_kb, monkeypatch)
    assert at.title[0].value == "Tijdlijn 2018–2029"
    [chart] = at.get("vega_lite_chart")
    spec = json.loads(chart.proto.spec)
    assert {layer["mark"]["type"] for layer in spec["layer"]} == {"bar", "point", "rule", "text"}
    params = {p["name"]: p for layer in spec["layer"] for p in layer.get("params", [])}
    params |= {p["name"]: p for p in spec.get("params", [])}
    assert params["zoom"]["bind"] == "scales" and params["kies"]["select"]["type"] == "point"
    assert len(table(at)) == 128
    assert set(table(at)["Laan"]) == {"Brieven", "Gebeurtenissen", "Toezeggingen",
                                      "Programma's en pilots"}  # fmt: skip
    assert "128 van 128 items" in at.caption[1].value


def test_filters_come_from_the_url(seed_kb: Path, monkeypatch) -> None:
    at = page(seed_kb, monkeypatch, laan="toezeggingen", programma="via")
    assert at.multiselect(key="tl_lanes").value == ["toezeggingen"]
    assert at.selectbox(key="tl_prog").value == "programme:via"
    assert list(table(at)["Status"]) == ["deels voldaan", "voldaan"]
    assert at.query_params == {"laan": "toezeggingen", "programma": "via"}


def test_changing_a_filter_changes_items_and_url(seed_kb: Path, monkeypatch) -> None:
    at = page(seed_kb, monkeypatch)
    at.selectbox(key="tl_org").select("organisation:uwv").run()
    assert len(table(at)) == 6 and at.query_params["org"] == "uwv"
    at.multiselect(key="tl_lanes").select("gebeurtenissen").run()
    assert list(table(at)["Laan"]) == ["Gebeurtenissen"]
    assert at.query_params == {"org": "uwv", "laan": "gebeurtenissen"}
    at.selectbox(key="tl_org").select("").run()
    assert "org" not in at.query_params and len(table(at)) == 89


def test_picking_an_item_shows_its_quote_and_link(seed_kb: Path, monkeypatch) -> None:
    at = page(seed_kb, monkeypatch, laan="toezeggingen")
    item = f"toezegging:{L000}:7"
    at.selectbox(key="tl_item").select(item).run()
    quote = ("Uw Kamer wordt in het eerste kwartaal van 2025 geïnformeerd over de voortgang van "
             "het programma VIA.")  # fmt: skip
    assert [t.value for t in at.text] == [quote]
    assert f"/brief?id={L000}&van=24336&tot=24436" in " ".join(m.value for m in at.markdown)
    assert at.query_params["item"] == item
    # the shared URL opens the same item
    again = page(seed_kb, monkeypatch, laan="toezeggingen", item=item)
    assert [t.value for t in again.text] == [quote]


def test_programme_bar_detail(seed_kb: Path, monkeypatch) -> None:
    item = "periode:programme:stagepact-mbo:2023-01-01:2027-12-31"
    at = page(seed_kb, monkeypatch, laan="programmas", item=item)
    assert at.subheader[0].value == "Stagepact MBO 2023–2027"
    assert at.text[0].value.startswith("In het Stagepact MBO 2023–2027 zijn met")


def test_letter_text_is_never_markup(hostile_kb: Path, monkeypatch) -> None:
    at = page(hostile_kb, monkeypatch, laan="toezeggingen", item="toezegging:brief:0")
    [quote] = [t.value for t in at.text]
    assert "<script>alert('x')</script>" in quote and '<img src=x onerror="alert(1)">' in quote
    shown = [e.value for kind in ("markdown", "caption", "subheader") for e in at.get(kind)]
    assert any("\\<script\\>" in v for v in shown)  # the label, Markdown-escaped
    for value in shown:
        assert not re.search(r"(?<!\\)<(?:script|img)|(?<!\\)\]\(javascript", value)
    assert at.get("html") == [] or all("<script" not in h.proto.body for h in at.get("html"))
