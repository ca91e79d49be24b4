"""The "Over deze kennisbank" page (AppTest): contents, counts, warnings and failures, the
update time, how to add letters; letter text is never rendered as markup."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from kb.ingesting import ingest_paths
from kb.store import Store

APP = Path(__file__).resolve().parents[1] / "ui" / "app.py"
EVIL = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
EVIL_LETTER = f"""Tweede Kamer der Staten-Generaal

Datum 3 maart 2022
Betreft Voortgang {EVIL} {IMG} *VIA*

Geachte voorzitter,

Het UWV werkt samen met [klik](javascript:alert(1)) en <b>vet</b> aan de uitvoering.

De Minister van Sociale Zaken en Werkgelegenheid,
{IMG} van Gennip
"""
NO_DATE = """Tweede Kamer der Staten-Generaal

Betreft Zonder datum

Geachte voorzitter,

Het UWV werkt samen met Divosa.

De Minister van Sociale Zaken en Werkgelegenheid,
C.E.G. van Gennip
"""


def page(kb: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("KB_DIR", str(kb))
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    at.switch_page("screens/over.py").run()
    assert not at.exception
    return at


def table(at: AppTest, first_column: str) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if d.value.columns[0] == first_column)


@pytest.fixture(scope="module")
def troubled_kb(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A KB with an empty file (a failure), a letter without date (a warning) and a letter
    whose title holds script and HTML."""
    root = tmp_path_factory.mktemp("overkb")
    corpus = root / "brieven"
    corpus.mkdir()
    (corpus / "leeg.txt").write_text("")
    (corpus / "geen-datum.txt").write_text(NO_DATE)
    (corpus / "kwaad.txt").write_text(EVIL_LETTER)
    with Store.open(root / "kb") as store:
        ingest_paths([corpus], store, workers=1)
    return root / "kb", corpus


def test_seed_kb_contents(seed_kb, monkeypatch) -> None:
    at = page(seed_kb, monkeypatch)
    assert at.title[0].value == "Over deze kennisbank"
    assert [(m.label, m.value) for m in at.metric] == [("Brieven", "5"), ("Periode", "2018 – 2025")]
    assert at.code[0].value == str(seed_kb)
    assert any(m.value.startswith("**Laatst bijgewerkt:** ") and " om " in m.value
               for m in at.markdown)  # fmt: skip
    letters = table(at, "Datum")
    assert list(letters["Datum"]) == ["2018", "17 november 2021", "2022", "2023", "2025"]
    assert list(letters["Ondertekenaar"])[1:] == [
        "A.D. Wiersma", "C.E.G. van Gennip", "C.E.G. van Gennip", "J.N.J. Nobel"]
    assert letters["Lezen"].iloc[0] == "/brief?id=001_a4dc7a71a65ae17e"
    assert table(at, "Soort").to_dict("records")[:2] == [
        {"Soort": "Kamerbrief", "Brieven": 4}, {"Soort": "bijlage", "Brieven": 1}]
    assert list(table(at, "Jaar")["Jaar"]) == ["2018", "2021", "2022", "2023", "2025"]
    counts = dict(table(at, "Wat").itertuples(index=False))
    assert (counts["voetnoten"], counts["moties"], counts["toezeggingen"]) == (92, 4, 42)
    assert (counts["cijfers"], counts["gebeurtenissen"], counts["entiteiten"]) == (63, 94, 124)
    entities = [d for d in at.dataframe if list(d.value.columns) == ["Soort", "Aantal"]]
    assert entities[0].value.iloc[0].tolist() == ["organisatie", 72]
    assert [s.value for s in at.success] == ["Geen waarschuwingen.", "Alle bestanden zijn ingelezen."]
    howto = " ".join(m.value for m in at.markdown)
    assert "`kb ingest MAP`" in howto and "`make run`" in howto and "`corpus/`" in howto
    assert "[Netwerk](/netwerk)" in howto and "[Toezeggingen](/toezeggingen)" in howto


def test_failures_and_warnings_are_listed(troubled_kb, monkeypatch) -> None:
    kb, corpus = troubled_kb
    at = page(kb, monkeypatch)
    failures = table(at, "Bestand")
    assert failures[["Bestand", "Probleem", "Advies"]].to_dict("records") == [
        {"Bestand": str(corpus / "leeg.txt"), "Probleem": "the file is empty (0 bytes)",
         "Advies": "check the export or download"}]  # fmt: skip
    warnings = table(at, "Brief")
    assert warnings[["Document", "Code", "Melding"]].to_dict("records") == [
        {"Document": "geen-datum", "Code": "no-date", "Melding": "no date found in the document"}]
    assert at.success == []
    assert at.metric[0].value == "2"


def test_letter_text_is_never_markup(troubled_kb, monkeypatch) -> None:
    at = page(troubled_kb[0], monkeypatch)
    rendered = [e.value for kind in (at.markdown, at.caption, at.title, at.header, at.subheader,
                                     at.warning, at.success) for e in kind]  # fmt: skip
    rendered += [h.proto.body for h in at.get("html")]
    for text in rendered:
        assert "<script" not in text and "<img" not in text
    titles = list(table(at, "Datum")["Titel"])
    assert f"Voortgang {EVIL} {IMG} *VIA*" in titles
