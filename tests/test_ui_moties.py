"""The Moties page (AppTest): renders, the `motie` URL parameter filters and round-trips, a
selection shows the trace, no exception without a match, and letter text is only escaped."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from apptest import html, open_page
from streamlit.testing.v1 import AppTest

from kb.ingesting import ingest_paths
from kb.store import Store
from ui.common import md

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "ui" / "app.py"
ERGIN_STEP = "/brief?id=002_080da9ed5327206a&amp;van=795&amp;tot=937"
HOSTILE = "<script>alert(1)</script> en <img src=x onerror=alert(1)> over [x](javascript:alert(1))"
LETTER = f"""Ministerie van Sociale Zaken en Werkgelegenheid

Datum 3 maart 2025
Betreft Test <script>alert(1)</script>

Geachte voorzitter,

Met deze brief geef ik invulling aan de motie van het lid Jansen {HOSTILE} werk1.

Uit onderzoek blijkt dat 42 procent van de werkgevers {HOSTILE} discrimineert2.

De minister van Sociale Zaken en Werkgelegenheid,
A.B. Jansen

1 Kamerstukken II 2023-2024, 32824, nr. 999
2 Bron: CBS, Rapport <script>alert(1)</script> [x](javascript:alert(1)) 2024.
"""


def page(kb: Path, monkeypatch: pytest.MonkeyPatch, **params: str) -> AppTest:
    return open_page(kb, monkeypatch, "moties", **params)


def markdown_texts(at: AppTest) -> list[str]:
    kinds = ("markdown", "caption", "title", "header", "subheader", "info", "warning")
    return [str(e.value) for kind in kinds for e in at.get(kind)]


def _kb_of(tmp_path_factory: pytest.TempPathFactory, name: str, write) -> Path:
    root = tmp_path_factory.mktemp(name)
    corpus = root / "corpus"
    corpus.mkdir()
    write(corpus)
    with Store.open(root / "kb") as store:
        assert ingest_paths([corpus], store, workers=1).failures == ()
    return root / "kb"


@pytest.fixture(scope="module")
def hostile_kb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A KB of one .txt letter whose motion sentence holds HTML, script and a Markdown link."""
    return _kb_of(tmp_path_factory, "hostile",
                  lambda d: (d / "brief.txt").write_text(LETTER, encoding="utf-8"))  # fmt: skip


@pytest.fixture(scope="module")
def motion_kb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A KB holding the motion document kst-29544-1299 itself."""
    source = ROOT / "tests/fixtures/realdocs/motiematcher_kst-29544-1299.xml"
    return _kb_of(tmp_path_factory, "motion", lambda d: shutil.copy(source, d))


def test_what_happened_to_motie_ergin(seed_kb: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = page(seed_kb, monkeypatch, motie="Ergin")
    assert at.query_params == {"motie": "Ergin"}
    assert at.text_input[0].value == "Ergin"
    assert [s.value for s in at.subheader] == [md("Motie-Ergin")]
    assert "1 van 4 moties" in [c.value for c in at.caption]
    assert list(at.dataframe[0].value["Motie"]) == ["Motie-Ergin"]
    body = html(at)
    assert ('<a href="https://zoek.officielebekendmakingen.nl/kst-32824-419.html">'
            "Kamerstuk 32 824, nr. 419</a>") in body  # fmt: skip
    assert "<b>Indieners:</b> Ergin · <b>Partijen:</b> onbekend" in body
    assert "<b>Status:</b> in uitvoering" in body
    assert '<div class="kb-when">2025</div>' in body
    assert "Brief: de Werkagenda Voor een Inclusieve Arbeidsmarkt (VIA)</a>" in body
    assert "invulling aan de motie Ergin waarin wordt opgeroepen" in body
    assert '<span class="kb-badge kb-badge-invulling">geeft invulling</span>' in body
    assert f'<a href="{ERGIN_STEP}">Lees in brief</a>' in body


def test_all_motions_and_a_selection(seed_kb: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = page(seed_kb, monkeypatch)
    table = at.dataframe[0].value
    assert list(table["Motie"]) == ["Motie-Van Baarle/Simons", "Motie-Aartsen", "Motie-Ceder",
                                    "Motie-Ergin"]  # fmt: skip
    assert list(table["Vermeldingen"]) == [3, 2, 1, 1]
    assert list(table["Spoor"]) == ["/moties?motie=kst-35420-300", "/moties?motie=kst-32825-372",
                                    "/moties?motie=kst-32824-341", "/moties?motie=kst-32824-419"]
    assert at.subheader.len == 0  # no trace until a motion is chosen
    at.selectbox[0].select("kst-32824-341").run()
    assert not at.exception
    assert at.query_params == {"motie": "kst-32824-341"}
    assert at.text_input[0].value == "kst-32824-341"
    assert [s.value for s in at.subheader] == [md("Motie-Ceder")]
    assert "kb-badge-reactie" in html(at)


def test_typing_writes_the_url_and_clearing_removes_it(
    seed_kb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = page(seed_kb, monkeypatch, motie="Ergin")
    at.text_input[0].set_value("Van Baarle").run()
    assert at.query_params == {"motie": "Van Baarle"}
    assert [s.value for s in at.subheader] == [md("Motie-Van Baarle/Simons")]
    body = html(at)
    assert body.count("Lees in brief") == 3
    assert "<b>Indieners:</b> Van Baarle, Simons · <b>Partijen:</b> DENK, BIJ1" in body
    at.text_input[0].set_value("32824").run()
    assert [s.value for s in at.subheader] == [md("Motie-Ceder"), md("Motie-Ergin")]
    at.text_input[0].set_value("").run()
    assert not at.exception
    assert at.query_params == {}
    assert at.dataframe[0].value.shape[0] == 4


def test_url_round_trip(seed_kb: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = page(seed_kb, monkeypatch, motie="32824-419")
    again = page(seed_kb, monkeypatch, **first.query_params)
    assert first.query_params == again.query_params == {"motie": "32824-419"}
    assert [s.value for s in again.subheader] == [md("Motie-Ergin")]


def test_no_match(seed_kb: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = page(seed_kb, monkeypatch, motie="Nergens")
    assert [i.value for i in at.info] == [
        f"Geen motie gevonden voor „{md('Nergens')}”. Zoek op naam, indiener of Kamerstuk."
    ]
    assert at.dataframe.len == 0 and at.subheader.len == 0


def test_own_document_links_into_the_reader(
    motion_kb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = page(motion_kb, monkeypatch, motie="29544-1299")
    assert ('<a href="/brief?id=motiematcher_kst-29544-1299">Kamerstuk 29 544, nr. 1299 '
            "(in de kennisbank)</a>") in html(at)  # fmt: skip
    assert list(at.dataframe[0].value["Motie zelf in kennisbank"]) == ["ja"]


def test_letter_text_is_only_escaped(hostile_kb: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = page(hostile_kb, monkeypatch, motie="Jansen")
    assert [s.value for s in at.subheader] == [md("Motie-Jansen")]
    body = html(at)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; en &lt;img src=x onerror=alert(1)&gt; over " \
           "[x](javascript:alert(1))" in body
    assert "Test &lt;script&gt;alert(1)&lt;/script&gt;</a>" in body  # the letter's title
    assert "<script" not in body and "<img" not in body
    assert not re.search(r"href=\W*javascript", body, re.IGNORECASE)
    for text in markdown_texts(at):  # Markdown never gets a tag, link or image
        assert not re.search(r"(?<!\\)[<\[\]()]", text) or "alert" not in text
    assert list(at.dataframe[0].value["Motie"]) == ["Motie-Jansen"]


def test_hostile_query_is_escaped(seed_kb: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = page(seed_kb, monkeypatch, motie="[x](javascript:alert(1)) <img src=x onerror=alert(1)>")
    [info] = at.info
    assert not re.search(r"(?<!\\)[<\[\]()]", info.value.split("„")[1].split("”")[0])
