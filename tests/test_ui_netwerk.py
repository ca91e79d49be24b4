"""The Netwerk page (AppTest): the picker and depth follow the URL and write it back, the
chart and evidence table follow the picked entity, the membership matrix answers who joined
the taskforce, and letter text is never rendered as markup."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from kb.ingesting import ingest_paths
from kb.store import Store

APP = Path(__file__).resolve().parents[1] / "ui" / "app.py"
TASKFORCE = "organisation:taskforce-via"
EVIL = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
LETTER_A = f"""Tweede Kamer der Staten-Generaal

Datum 3 maart 2022
Betreft Voortgang {EVIL} *VIA*

Geachte voorzitter,

De Taskforce VIA bestaat uit de volgende partners: UWV, Divosa, FNV, {EVIL} en {IMG}.

Het UWV werkt samen met [klik](javascript:alert(1)) en <b>vet</b> aan de uitvoering.

De Minister van Sociale Zaken en Werkgelegenheid,
C.E.G. van Gennip
"""
LETTER_B = f"""Tweede Kamer der Staten-Generaal

Datum 5 april 2024
Betreft Vervolg VIA

Geachte voorzitter,

De Taskforce VIA bestaat uit de volgende partners: UWV, Divosa, {IMG} en COA.

De Minister van Sociale Zaken en Werkgelegenheid,
C.E.G. van Gennip
"""


@pytest.fixture(scope="module")
def evil_kb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two letters whose title, member list and sentences hold script, HTML and Markdown."""
    root = tmp_path_factory.mktemp("evilnet")
    (root / "brieven").mkdir()
    (root / "brieven" / "a.txt").write_text(LETTER_A)
    (root / "brieven" / "b.txt").write_text(LETTER_B)
    with Store.open(root / "kb") as store:
        assert ingest_paths([root / "brieven"], store, workers=1).failures == ()
    return root / "kb"


def page(kb: Path, monkeypatch: pytest.MonkeyPatch, **params: str) -> AppTest:
    monkeypatch.setenv("KB_DIR", str(kb))
    at = AppTest.from_file(str(APP), default_timeout=60)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    at.switch_page("screens/netwerk.py").run()
    assert not at.exception
    return at


def table(at: AppTest, first_column: str) -> pd.DataFrame:
    """The dataframe whose first column is `first_column`."""
    return next(d.value for d in at.dataframe if d.value.columns[0] == first_column)


def evidence(at: AppTest) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if "Relatie" in d.value.columns)


def test_default_is_the_most_connected_organisation(seed_kb, monkeypatch) -> None:
    at = page(seed_kb, monkeypatch)
    assert at.selectbox[0].value == TASKFORCE
    assert at.radio[0].value == 1
    assert (at.query_params["entiteit"], at.query_params["diepte"]) == (TASKFORCE, "1")
    assert len(at.get("vega_lite_chart")) == 1
    assert at.caption[0].value.startswith("29 knopen en 231 verbindingen.")
    assert len(evidence(at)) == 231
    assert at.title[0].value == "Netwerk"


def test_url_state_round_trips(seed_kb, monkeypatch) -> None:
    at = page(seed_kb, monkeypatch, entiteit="organisation:uwv", diepte="2")
    assert at.selectbox[0].value == "organisation:uwv"
    assert at.radio[0].value == 2
    assert (at.query_params["entiteit"], at.query_params["diepte"]) == ("organisation:uwv", "2")
    assert at.caption[0].value.startswith("60 knopen en 505 verbindingen.")
    assert "291 knopen en 324 verbindingen zijn weggelaten" in at.info[0].value


def test_an_unknown_entity_falls_back_to_the_default(seed_kb, monkeypatch) -> None:
    at = page(seed_kb, monkeypatch, entiteit="organisation:bestaat-niet", diepte="9")
    assert at.selectbox[0].value == TASKFORCE
    assert (at.query_params["entiteit"], at.query_params["diepte"]) == (TASKFORCE, "1")


def test_changing_the_entity_changes_the_evidence_and_the_url(seed_kb, monkeypatch) -> None:
    at = page(seed_kb, monkeypatch, entiteit="organisation:uwv")
    before = evidence(at)
    assert len(before) == 78
    at.selectbox[0].set_value("organisation:coa").run()
    assert not at.exception
    assert at.query_params["entiteit"] == "organisation:coa"
    after = evidence(at)
    assert list(zip(after["Van"], after["Relatie"], after["Naar"], strict=True))[:2] == [
        ("Centraal Orgaan opvang asielzoekers", "lid van", "Taskforce VIA"),
        ("Brief: de Werkagenda Voor een Inclusieve Arbeidsmarkt (VIA)", "noemt",
         "Centraal Orgaan opvang asielzoekers"),
    ]  # fmt: skip
    first = after.iloc[0]
    assert (first["Datum"], first["Citaat"]) == ("2025", "Centraal Orgaan opvang asielzoekers (COA)")
    assert first["Bron"] == "/brief?id=002_080da9ed5327206a&van=9357&tot=9398"
    assert first["Netwerk"] == "/netwerk?entiteit=organisation%3Ataskforce-via"
    assert len(after) == 6


def test_changing_the_depth_updates_the_url(seed_kb, monkeypatch) -> None:
    at = page(seed_kb, monkeypatch, entiteit="organisation:coa")
    assert len(evidence(at)) == 6
    at.radio[0].set_value(2).run()
    assert not at.exception
    assert (at.query_params["entiteit"], at.query_params["diepte"]) == ("organisation:coa", "2")
    assert len(evidence(at)) > 6


def test_membership_matrix_shows_who_joined_and_left(seed_kb, monkeypatch) -> None:
    at = page(seed_kb, monkeypatch)
    assert at.header[0].value == "Lidmaatschap"
    assert at.selectbox(key="groep").value == TASKFORCE
    matrix = table(at, "Organisatie").set_index("Organisatie")
    assert list(matrix.columns) == ["2021-11-17", "2022", "2025", "Toegetreden", "Vertrokken"]
    assert len(matrix) == 24
    assert list(matrix.loc["Open Embassy"]) == ["–", "–", "✓", "2025", ""]
    assert list(matrix.loc["FNV"]) == ["✓", "✓", "–", "", "2025"]
    assert list(matrix.loc["CNV Jongeren"]) == ["✓", "–", "–", "", "2022"]
    assert list(matrix.loc["Divosa"]) == ["✓", "✓", "✓", "", ""]
    changes = table(at, "Datum")
    assert changes.to_dict("records") == [
        {"Datum": "2022", "Toegetreden": "–", "Vertrokken": "CNV Jongeren",
         "Brief": "Voortgangsbrief: de stand van zaken van het programma Verdere Integratie op "
                  "de Arbeidsmarkt (VIA)"},
        {"Datum": "2025",
         "Toegetreden": "Centraal Orgaan opvang asielzoekers, MKB-Nederland, Open Embassy, SAM",
         "Vertrokken": "FNV", "Brief": "Brief: de Werkagenda Voor een Inclusieve Arbeidsmarkt (VIA)"},
    ]  # fmt: skip
    lists = table(at, "Brief")
    assert list(lists["Datum"]) == ["2021-11-17", "2022", "2025"]
    assert lists["Ledenlijst"].iloc[2].endswith("VluchtelingenWerk Nederland en Open Embassy.")
    assert lists["Bron"].iloc[1] == "/brief?id=003_a17b3276b8151254&van=21648&tot=21862"


def test_only_changes_and_another_group(seed_kb, monkeypatch) -> None:
    at = page(seed_kb, monkeypatch)
    at.toggle[0].set_value(True).run()
    assert list(table(at, "Organisatie")["Organisatie"]) == [
        "Centraal Orgaan opvang asielzoekers", "CNV Jongeren", "FNV", "MKB-Nederland",
        "Open Embassy", "SAM",
    ]  # fmt: skip
    at.toggle[0].set_value(False)
    at.selectbox(key="groep").set_value("programme:werkagenda-via").run()
    assert not at.exception
    matrix = table(at, "Organisatie")
    assert list(matrix.columns) == ["Organisatie", "2023", "Toegetreden", "Vertrokken"]
    assert len(matrix) == 22
    assert at.query_params["entiteit"] == TASKFORCE  # the network part is left as it was


def rendered_texts(at: AppTest) -> list[str]:
    """Everything the page renders as Markdown or HTML."""
    texts = [e.value for kind in (at.markdown, at.caption, at.info, at.title, at.header,
                                  at.subheader) for e in kind]  # fmt: skip
    return texts + [h.proto.body for h in at.get("html")]


def test_letter_text_is_never_markup(evil_kb, monkeypatch) -> None:
    at = page(evil_kb, monkeypatch, entiteit="letter:a")
    assert at.selectbox[0].value == "letter:a"
    for text in rendered_texts(at):
        assert "<script" not in text and "<img" not in text and "[klik]" not in text
    # The text is there, as plain text, in tables and options.
    rows = evidence(at)
    assert f"Voortgang {EVIL} *VIA*" in set(rows["Van"])
    assert any(IMG in str(z) for z in rows["Zin"])
    assert f"brief: Voortgang {EVIL} *VIA* (7)" in at.selectbox[0].options
    lists = table(at, "Brief")
    assert EVIL in lists["Ledenlijst"].iloc[0] and IMG in lists["Ledenlijst"].iloc[1]
    # Column help (read as Markdown) is escaped.
    matrix = next(d for d in at.dataframe if d.value.columns[0] == "Organisatie")
    assert "<script>" not in matrix.proto.columns
    assert list(matrix.value.columns) == [
        "Organisatie", "2022-03-03", "2024-04-05", "Toegetreden", "Vertrokken"]
    assert list(table(at, "Datum")["Toegetreden"]) == ["Centraal Orgaan opvang asielzoekers"]

