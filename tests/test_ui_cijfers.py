"""The Cijfers en bronnen page (AppTest): renders, `zoek`, `bron` and `cijfer` filter and
round-trip, the selected figure shows its chain, no exception without a match, and letter text
is only escaped."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from apptest import html, open_page
from streamlit.testing.v1 import AppTest

from kb.ingesting import ingest_paths
from kb.store import Store
from ui.common import md

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "ui" / "app.py"
SEED_000 = "000_6adc83efdee732d0"
KEY_96 = f"statistic:{SEED_000}:27169"
KEY_17_AGAIN = f"statistic:{SEED_000}:29737"  # "1,7" in footnote 37
HOSTILE = "<script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1))"
PUBLICATION = "Rapport <script>alert(1)</script> [x](javascript:alert(1)) 2024"
LETTER = f"""Ministerie van Sociale Zaken en Werkgelegenheid

Datum 3 maart 2025
Betreft Test <script>alert(1)</script>

Geachte voorzitter,

Uit onderzoek blijkt dat 42 procent van de werkgevers {HOSTILE} discrimineert1. Ook zegt 43 procent van de werknemers <img src=x onerror=alert(1)> dat zij [x](javascript:alert(1)) merken2.

De minister van Sociale Zaken en Werkgelegenheid,
A.B. Jansen

1 Bron: CBS, {PUBLICATION}.
2 Bron: CBS, {PUBLICATION}.
"""


def page(kb: Path, monkeypatch: pytest.MonkeyPatch, **params: str) -> AppTest:
    return open_page(kb, monkeypatch, "cijfers", **params)


def chain_labels(at: AppTest) -> list[str]:
    return re.findall(r'<div class="kb-chain-label">([^<]*)</div>', html(at))


def select(at: AppTest, label: str):
    return next(s for s in at.selectbox if s.label == label)


def captions(at: AppTest) -> list[str]:
    return [c.value for c in at.caption]


@pytest.fixture(scope="module")
def hostile_kb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A KB of one .txt letter whose figures, footnotes and source hold HTML and Markdown."""
    root = tmp_path_factory.mktemp("hostile")
    (root / "corpus").mkdir()
    (root / "corpus" / "brief.txt").write_text(LETTER, encoding="utf-8")
    with Store.open(root / "kb") as store:
        assert ingest_paths([root / "corpus"], store, workers=1).failures == ()
    return root / "kb"


def test_where_the_bijstand_figure_comes_from(
    seed_kb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = page(seed_kb, monkeypatch, zoek="9,6 procent bijstand")
    assert at.query_params == {"zoek": "9,6 procent bijstand"}
    assert "2 van 63 cijfers" in captions(at)
    table = at.dataframe[0].value
    assert list(table["Cijfer"]) == ["9,6 procent", "1,7 procent"]
    assert list(table["Voetnoot"]) == [22, 22]
    assert select(at, "Cijfer bekijken").value == KEY_96
    assert chain_labels(at) == ["Cijfer", "Zin in de brief", "Voetnoot 22", "Publicatie",
                                "Uitgever"]  # fmt: skip
    body = html(at)
    for span in ("van=27169&amp;tot=27180", "van=27169&amp;tot=27379", "van=27343&amp;tot=27379"):
        assert f'<a href="/brief?id={SEED_000}&amp;{span}">Lees in brief</a>' in body
    assert (f'<a href="/brief?id={SEED_000}&amp;van=16513&amp;tot=16657">'
            "Waar de voetnoot hoort</a>") in body  # fmt: skip
    assert '<div class="kb-chain-text">Kernindicatoren Integratie 2023</div>' in body
    assert '<div class="kb-chain-text">CBS</div>' in body
    assert '<a href="/cijfers?bron=CBS">Alle cijfers van deze bron</a>' in body
    assert "Het cijfer staat in deze voetnoot." in body
    assert [s.value for s in at.subheader] == ["Herkomst van het cijfer", "Zelfde bron"]
    assert md("1 andere cijfers uit Kernindicatoren Integratie 2023") in captions(at)


def test_source_filter_with_counts_and_url(seed_kb: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = page(seed_kb, monkeypatch, bron="CBS")
    source = select(at, "Bron")
    assert source.value == "CBS"
    assert source.options[:3] == ["Alle bronnen", "Significant (14, uitgever)",
                                  "CBS (13, uitgever)"]  # fmt: skip
    assert "13 van 63 cijfers" in captions(at)
    assert set(at.dataframe[0].value["Uitgever"]) == {"CBS"}
    source.select("Monitor Gelijkwaardige Kansen").run()
    assert at.query_params == {"bron": "Monitor Gelijkwaardige Kansen"}
    assert "14 van 63 cijfers" in captions(at)
    select(at, "Bron").select("").run()
    assert at.query_params == {}
    assert "63 van 63 cijfers" in captions(at)


def test_search_box_writes_the_url(seed_kb: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = page(seed_kb, monkeypatch)
    at.text_input[0].set_value("74%").run()
    assert at.query_params == {"zoek": "74%"}
    assert list(at.dataframe[0].value["Cijfer"]) == ["74%"]
    assert chain_labels(at)[2] == "Voetnoot 7"
    at.text_input[0].set_value("").run()
    assert at.query_params == {}
    assert "63 van 63 cijfers" in captions(at)


def test_selecting_a_figure(seed_kb: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = page(seed_kb, monkeypatch, zoek="9,6 bijstand")
    select(at, "Cijfer bekijken").select(KEY_17_AGAIN).run()
    assert at.query_params == {"zoek": "9,6 bijstand", "cijfer": KEY_17_AGAIN}
    assert chain_labels(at)[2] == "Voetnoot 37"
    again = page(seed_kb, monkeypatch, **at.query_params)  # the shared URL shows the same
    assert select(again, "Cijfer bekijken").value == KEY_17_AGAIN
    assert chain_labels(again)[2] == "Voetnoot 37"
    assert again.query_params == at.query_params


def test_groups_and_recurring(seed_kb: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = page(seed_kb, monkeypatch)
    assert [h.value for h in at.header] == ["Per bron", "Terugkerende cijfers"]
    groups = at.dataframe[1].value
    assert groups.shape[0] == 21
    assert list(groups.iloc[0]) == ["Monitor Gelijkwaardige Kansen", "Significant", 14, 1]
    assert list(groups.iloc[-1]) == ["Bron onbekend", "", 18, 4]
    body = html(at)
    assert "<b>9,6 procent</b> ontving bijstand – 2 keer in 1 brief/brieven (zelfde bron)" in body
    assert "<b>1,7 procent</b> bijstand – 2 keer in 1 brief/brieven (zelfde bron)" in body


def test_no_match(seed_kb: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = page(seed_kb, monkeypatch, zoek="nergensgevonden")
    assert [i.value for i in at.info] == [f"Geen cijfers gevonden voor „{md('nergensgevonden')}”."]
    assert at.dataframe.len == 0
    at = page(seed_kb, monkeypatch, bron="Onbekend Bureau", cijfer="statistic:x:1")
    assert select(at, "Bron").value == "Onbekend Bureau"
    assert "Onbekend Bureau (0)" in select(at, "Bron").options
    assert at.info.len == 1


def test_letter_text_is_only_escaped(hostile_kb: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = page(hostile_kb, monkeypatch, zoek="42 procent", bron=PUBLICATION)
    assert select(at, "Bron").value == PUBLICATION
    assert chain_labels(at) == ["Cijfer", "Zin in de brief", "Voetnoot 1", "Publicatie",
                                "Uitgever"]  # fmt: skip
    body = html(at)
    assert ("42 procent van de werkgevers &lt;script&gt;alert(1)&lt;/script&gt; "
            "&lt;img src=x onerror=alert(1)&gt; [x](javascript:alert(1))") in body  # fmt: skip
    assert "Rapport &lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:alert(1)) 2024" in body
    assert "<script" not in body and "<img" not in body
    assert not re.search(r"href=\W*javascript", body, re.IGNORECASE)
    assert md(f"1 andere cijfers uit {PUBLICATION}") in captions(at)
    kinds = ("markdown", "caption", "title", "header", "subheader", "info", "warning")
    for text in (str(e.value) for kind in kinds for e in at.get(kind)):
        assert "alert" not in text or not re.search(r"(?<!\\)[<\[\]()]", text)
    assert at.query_params == {"zoek": "42 procent", "bron": PUBLICATION}
