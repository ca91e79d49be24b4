"""The Zoeken page (AppTest): URL state, filters, sort, pagination, suggestion, warnings and
escaping of letter text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from kb.ingesting import ingest_paths
from kb.store import Store

APP = Path(__file__).parents[1] / "ui" / "app.py"
L000, L001 = "000_6adc83efdee732d0", "001_a4dc7a71a65ae17e"
L002, L003 = "002_080da9ed5327206a", "003_a17b3276b8151254"


def page(kb: Path, monkeypatch: pytest.MonkeyPatch, **params: str) -> AppTest:
    """The Zoeken page of `kb` opened at a URL with `params`."""
    monkeypatch.setenv("KB_DIR", str(kb))
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params.update(params)
    at.run()
    at.switch_page("screens/zoeken.py").run()
    assert not at.exception
    return at


def hits(at: AppTest) -> list[str]:
    return [html.proto.body for html in at.html if "Open in brief" in html.proto.body]


def links(at: AppTest) -> list[str]:
    """The documents of the hits' "Open in brief" links, in order."""
    return [re.search(r'href="/brief\?id=([^&"]+)', body)[1] for body in hits(at)]


def plain(text: str) -> str:
    return text.replace("\\", "")


def test_query_from_the_url_gives_hits_with_a_link_into_the_reader(
    seed_kb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = page(seed_kb, monkeypatch, q="motie Ergin")
    assert at.text_input(key="zoek_q").value == "motie Ergin"
    (hit,) = hits(at)
    assert f'href="/brief?id={L002}&amp;van=535&amp;tot=1272">Open in brief</a>' in hit
    assert "<mark>motie</mark> <mark>Ergin</mark>" in hit
    assert "Brief: de Werkagenda Voor een Inclusieve Arbeidsmarkt (VIA)" in hit
    assert "2025 · Alinea · J.N.J. Nobel" in hit
    assert "**1** resultaat · 1–1 getoond" in [m.value for m in at.markdown]
    assert [b.label for b in at.get("download_button")] == ["CSV", "JSON"]
    assert "De export bevat het ene resultaat." in [c.value for c in at.caption]
    assert at.query_params == {"q": "motie Ergin"}


def test_typing_a_query_writes_it_to_the_url(
    seed_kb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = page(seed_kb, monkeypatch)
    at.text_input(key="zoek_q").input("9,6 procent bijstand").run()
    assert at.query_params == {"q": "9,6 procent bijstand"}
    assert len(hits(at)) == 3


def test_an_empty_query_shows_the_intro_with_example_links(
    seed_kb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = page(seed_kb, monkeypatch)
    assert hits(at) == []
    intro = next(h.proto.body for h in at.html if "Probeer bijvoorbeeld" in h.proto.body)
    assert '<a href="/zoeken?q=motie+Ergin">motie Ergin</a>' in intro
    assert '<a href="/zoeken?q=9%2C6+procent+bijstand">9,6 procent bijstand</a>' in intro
    assert '<a href="/zoeken?q=taskforce">taskforce</a>' in intro
    assert at.selectbox(key="zoek_soort").options == [
        "Alle", "Alinea (236)", "Voetnoot (92)", "Cijfer (63)", "Toezegging (42)",
    ]  # fmt: skip
    assert at.slider(key="zoek_jaar").value == (2018, 2025)


def test_changing_filters_changes_results_and_url(
    seed_kb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = page(seed_kb, monkeypatch, q="werkgevers")
    assert "**72** resultaten · 1–10 getoond" in [m.value for m in at.markdown]
    at.selectbox(key="zoek_soort").set_value("toezegging").run()
    assert at.query_params == {"q": "werkgevers", "soort": "toezegging"}
    assert len(hits(at)) == 6 and all(" · Toezegging · " in h for h in hits(at))
    # The other kinds stay choosable, with their counts for the query.
    assert at.selectbox(key="zoek_soort").options == [
        "Alle", "Alinea (59)", "Toezegging (6)", "Cijfer (5)", "Voetnoot (2)",
    ]  # fmt: skip
    at.slider(key="zoek_jaar").set_value((2021, 2023)).run()
    assert at.query_params == {"q": "werkgevers", "jaar": "2021..2023", "soort": "toezegging"}
    assert len(hits(at)) == 2
    assert at.selectbox(key="zoek_brief").options == [
        "Alle", "Gelijkwaardige kansen op de arbeidsmarkt voor iedereen · 2023 (1)",
        "Voortgangsbrief: de stand van zaken van het programma Verdere Integra… · 2022 (1)",
    ]  # fmt: skip
    at.selectbox(key="zoek_brief").set_value(L000).run()
    assert at.query_params["brief"] == L000
    assert links(at) == [L000]
    next(b for b in at.button if b.label == "Alle filters wissen").click().run()
    assert at.query_params == {"q": "werkgevers"}
    assert len(hits(at)) == 10


def test_the_url_reproduces_the_widgets(seed_kb: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    params = {"q": "werkgevers", "jaar": "2021..2023", "org": "VNO-NCW", "sort": "nieuwste"}
    at = page(seed_kb, monkeypatch, **params)
    assert at.query_params == params
    assert at.text_input(key="zoek_q").value == "werkgevers"
    assert at.slider(key="zoek_jaar").value == (2021, 2023)
    assert at.selectbox(key="zoek_org").value == "VNO-NCW"
    assert at.radio(key="zoek_sort").value == "nieuwste"
    assert links(at) == [L000, L000, L000, L003]  # newest first: 2023, then 2022
    again = page(seed_kb, monkeypatch, **at.query_params)
    assert hits(again) == hits(at)


def test_sort_newest_first(seed_kb: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = page(seed_kb, monkeypatch, q="werkgevers")
    assert set(links(at)) != {L002}
    at.radio(key="zoek_sort").set_value("nieuwste").run()
    assert at.query_params == {"q": "werkgevers", "sort": "nieuwste"}
    assert links(at) == [L002] * 10  # the 2025 letter is the newest


def test_pagination_in_the_url(seed_kb: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = page(seed_kb, monkeypatch, q="werkgevers")
    first = hits(at)
    (pager,) = at.get("pagination")
    assert pager.num_pages == 8
    pager.set_value(3).run()
    assert at.query_params == {"q": "werkgevers", "pagina": "3"}
    assert "**72** resultaten · 21–30 getoond" in [m.value for m in at.markdown]
    assert hits(at) != first and len(hits(at)) == 10
    last = page(seed_kb, monkeypatch, q="werkgevers", pagina="99", sort="nieuwste")
    assert last.query_params == {"q": "werkgevers", "sort": "nieuwste", "pagina": "8"}
    assert links(last) == [L001, L001]


def test_junk_in_the_url_is_ignored(seed_kb: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = page(seed_kb, monkeypatch, q="taskforce", pagina="x", sort="??", soort="gedicht",
              jaar="ooit", foo="<b>")  # fmt: skip
    assert len(hits(at)) == 10
    assert at.selectbox(key="zoek_soort").value == ""
    assert at.radio(key="zoek_sort").value == "relevantie"


def test_did_you_mean_runs_the_suggestion(seed_kb: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = page(seed_kb, monkeypatch, q="werkgevrs")
    assert hits(at) == []
    suggestion = at.button(key="zoek_bedoelde")
    assert suggestion.label == "Bedoelde u: **werkgevers**?"
    suggestion.click().run()
    assert at.query_params == {"q": "werkgevers"}
    assert at.text_input(key="zoek_q").value == "werkgevers"
    assert len(hits(at)) == 10


def test_engine_errors_are_dutch_warnings(seed_kb: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = page(seed_kb, monkeypatch, q="jaar:abc motie")
    assert [plain(w.value) for w in at.warning] == [
        "Let op: jaar:abc genegeerd: verwacht een jaar of een bereik, bijvoorbeeld jaar:2022 of "
        "jaar:2021..2023"
    ]
    assert len(hits(at)) == 9  # searched on "motie" alone


def test_nothing_found_says_so(seed_kb: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = page(seed_kb, monkeypatch, q="werkgevers", brief=L001, jaar="2025")
    assert hits(at) == []
    assert [i.value for i in at.info] == [
        "Geen resultaten. Probeer minder of andere woorden, of minder filters."
    ]
    assert at.get("download_button") == []


def test_a_kb_without_search_index_says_how_to_build_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(tmp_path / "kb"):
        pass
    at = page(tmp_path / "kb", monkeypatch, q="werkgevers")
    assert at.warning[0].value.startswith("Deze kennisbank heeft nog geen zoekindex.")
    assert at.code[0].value == f"kb index --kb {(tmp_path / 'kb').resolve()}"


MALICIOUS = """\
Aan de Voorzitter van de Tweede Kamer der Staten-Generaal

Datum 3 maart 2024
Betreft Zoekproef <script>alert(1)</script> met opmaak

Deze zoekproef bevat <script>alert(1)</script> en <img src=x onerror=alert(1)> als tekst.
Zie ook [klik](javascript:alert(1)) en **vet** en :red[rood] in deze zoekproef.

De minister van Onderwijs, Cultuur en Wetenschap,

R.H. Dijkgraaf
"""


@pytest.fixture(scope="module")
def malicious_kb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("malicious")
    (root / "corpus").mkdir()
    (root / "corpus" / "kwaad.txt").write_text(MALICIOUS, encoding="utf-8")
    with Store.open(root / "kb") as store:
        report = ingest_paths([root / "corpus"], store, workers=1)
    assert report.failures == ()
    return root / "kb"


def test_letter_text_is_escaped(malicious_kb: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = page(malicious_kb, monkeypatch, q="zoekproef")
    found = hits(at)
    assert found
    rendered = "\n".join(h.proto.body for h in at.html)
    assert "<script" not in rendered and "<img" not in rendered
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered  # the title and the text
    assert "&lt;img src=x onerror=alert(1)&gt;" in rendered
    assert "[klik](javascript:alert(1))" in rendered  # text inside HTML: no Markdown there
    assert 'href="javascript' not in rendered
    markdown = "\n".join(m.value for m in [*at.markdown, *at.caption, *at.warning, *at.info])
    assert "<script" not in markdown and "](javascript" not in markdown
    # Filter options are plain text; the letter's title shows as typed.
    assert any("<script>" in option for option in at.selectbox(key="zoek_brief").options)


def test_a_misspelt_malicious_word_is_escaped_in_the_suggestion(
    malicious_kb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = page(malicious_kb, monkeypatch, q="[klik](javascript:alert(1)) zoekproeff")
    label = at.button(key="zoek_bedoelde").label
    assert label == r"Bedoelde u: **\[klik\]\(javascript\:alert\(1\)\) zoekproef**?"
