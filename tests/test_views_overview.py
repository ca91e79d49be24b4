"""The overview ("Over deze kennisbank") on the seed KB, and on a KB with a failure and a
warning."""

from __future__ import annotations

import re
from pathlib import Path

from kb.ingesting import ingest_paths
from kb.store import Store
from kb.views.overview import (
    FailureRow,
    LetterRow,
    WarningRow,
    dutch_date,
    dutch_timestamp,
    overview,
)

NO_DATE = """Tweede Kamer der Staten-Generaal

Betreft Zonder datum

Geachte voorzitter,

Het UWV werkt samen met Divosa.

De Minister van Sociale Zaken en Werkgelegenheid,
C.E.G. van Gennip
"""


def test_letters_in_date_order(seed_store) -> None:
    data = overview(seed_store)
    assert data.letters[1] == LetterRow(
        "004_e70a85e84504e092", "2021-11-17", "17 november 2021", "Kamerbrief",
        "Uitkomsten, afronding en vervolg van het programma Verdere Integratie op de Arbeidsmarkt "
        "(VIA)", "A.D. Wiersma", 1, 0,
    )  # fmt: skip
    assert [(r.date_nl, r.kind, r.signatory, r.pages) for r in data.letters] == [
        ("2018", "bijlage", None, 9),
        ("17 november 2021", "Kamerbrief", "A.D. Wiersma", 1),
        ("2022", "Kamerbrief", "C.E.G. van Gennip", 8),
        ("2023", "Kamerbrief", "C.E.G. van Gennip", 10),
        ("2025", "Kamerbrief", "J.N.J. Nobel", 4),
    ]
    assert (data.first_date, data.last_date) == ("2018", "2025")


def test_counts(seed_store, seed_kb: Path) -> None:
    data = overview(seed_store)
    assert data.per_kind == (("Kamerbrief", 4), ("bijlage", 1))
    assert data.per_year == (("2018", 1), ("2021", 1), ("2022", 1), ("2023", 1), ("2025", 1))
    assert data.counts == (
        ("brieven", 5), ("pagina's", 32), ("voetnoten", 92),
        ("verwijzingen naar Kamerstukken", 23), ("waarvan naar een brief in de kennisbank", 0),
        ("entiteiten", 124), ("moties", 4), ("cijfers", 63), ("toezeggingen", 42),
        ("gebeurtenissen", 94), ("vermeldingen van lidmaatschap", 90), ("waarschuwingen", 0),
        ("mislukte bestanden", 0),
    )  # fmt: skip
    assert data.entities == (
        ("organisatie", 72), ("persoon", 15), ("programma", 14), ("pilot", 9), ("fonds", 4),
        ("motie", 4), ("partij", 3), ("wet", 3),
    )  # fmt: skip
    assert (data.warnings, data.failures) == ((), ())
    assert data.directory == str(seed_kb) and data.has_index
    latest = seed_store.db.execute("SELECT max(ingested_at) FROM documents").fetchone()[0]
    assert data.updated == latest and data.updated_nl == dutch_timestamp(latest)


def test_a_failure_and_a_warning_are_shown(tmp_path: Path) -> None:
    corpus = tmp_path / "brieven"
    corpus.mkdir()
    (corpus / "leeg.txt").write_text("")
    (corpus / "geen-datum.txt").write_text(NO_DATE)
    with Store.open(tmp_path / "kb") as store:
        ingest_paths([corpus], store, workers=1)
        data = overview(store)
    assert data.failures == (FailureRow(str(corpus / "leeg.txt"), "the file is empty (0 bytes)",
                                        "check the export or download", data.failures[0].at),)
    assert re.fullmatch(r"\d{1,2} [a-z]+ 20\d\d om \d\d:\d\d", data.failures[0].at)
    assert data.warnings == (
        WarningRow("geen-datum", "Zonder datum", "no-date", "no date found in the document"),)
    assert [(r.document, r.date, r.date_nl, r.warnings) for r in data.letters] == [
        ("geen-datum", None, "onbekend", 1)]
    assert data.per_year == (("onbekend", 1),)
    assert dict(data.counts)["mislukte bestanden"] == 1
    assert dict(data.counts)["waarschuwingen"] == 1
    assert data.has_index


def test_an_empty_kb(tmp_path: Path) -> None:
    with Store.open(tmp_path / "kb") as store:
        data = overview(store)
    assert (data.letters, data.updated, data.updated_nl) == ((), None, "nog nooit")
    assert (data.first_date, data.per_kind, data.per_year) == (None, (), ())


def test_dutch_dates() -> None:
    assert dutch_date("2021-11-17") == "17 november 2021"
    assert dutch_date("2022-05") == "mei 2022"
    assert dutch_date("2022") == "2022"
    assert dutch_date(None) == "onbekend"
    assert dutch_timestamp("2026-11-22T22:23:54+00:00") == "22 november 2026 om 23:23"
    assert dutch_timestamp("2025-07-01T10:00:00+00:00") == "1 juli 2025 om 12:00"  # summer time
    assert dutch_timestamp(None) == "nog nooit"
