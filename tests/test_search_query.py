"""The query language and what queries find on the seed letters: words, phrases, OR, NOT,
prefixes, filters, snippets, spelling suggestions, and any input answered without a traceback."""

import random
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kb.ingesting import ingest_paths
from kb.search.engine import Marks, SearchRequest, search, snippet
from kb.search.facets import FacetArrays
from kb.search.index import SearchIndex
from kb.search.query import (
    AnyOf,
    Filter,
    Not,
    ParsedQuery,
    Pattern,
    Phrase,
    Word,
    parse,
    parse_years,
)
from kb.search.ranking import Vectors, evaluate
from kb.search.translate import to_whoosh
from kb.store import Store

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> SearchIndex:
    root = tmp_path_factory.mktemp("kb")
    shutil.copytree(CORPUS, root / "corpus")
    with Store.open(root / "kb") as store:
        assert ingest_paths([root / "corpus"], store, workers=2).failures == ()
    return SearchIndex.open(root / "kb")


def _search(index: SearchIndex, query: str, **options):
    return search(index, SearchRequest(query, **options))


# --- parsing ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "clauses", "problems"),
    [
        ("werkgevers gemeenten", (Word("werkgevers"), Word("gemeenten")), ()),
        ('"Taskforce VIA"', (Phrase("Taskforce VIA"),), ()),
        ("werkgevers OR gemeenten", (AnyOf((Word("werkgevers"), Word("gemeenten"))),), ()),
        ("werkgevers OF gemeenten", (AnyOf((Word("werkgevers"), Word("gemeenten"))),), ()),
        ("a b OR c", (Word("a"), AnyOf((Word("b"), Word("c")))), ()),
        ("werkgevers AND gemeenten", (Word("werkgevers"), Word("gemeenten")), ()),
        ("statushouders -bijstand", (Word("statushouders"), Not(Word("bijstand"))), ()),
        ("NOT bijstand", (Not(Word("bijstand")),), ()),
        ("NIET bijstand", (Not(Word("bijstand")),), ()),
        ("mbo-studenten", (Word("mbo-studenten"),), ()),
        ("monitor*", (Pattern("monitor*"),), ()),
        ("Arbeid?markt", (Pattern("arbeid?markt"),), ()),
        ("jaar:2021..2022 werkagenda", (Filter("jaar", "2021..2022"), Word("werkagenda")), ()),
        ("jaar:2022", (Filter("jaar", "2022..2022"),), ()),
        ("soort:voetnoten", (Filter("soort", "voetnoot"),), ()),
        ('org:"Taskforce VIA"', (Filter("org", "Taskforce VIA"),), ()),
        ("-org:UWV", (Not(Filter("org", "UWV")),), ()),
        ("Organisatie:UWV", (Filter("org", "UWV"),), ()),
        ('"unbalanced quote', (Phrase("unbalanced quote"),), ()),
        ('werkgevers"', (Word("werkgevers"),), ()),
        ("(werkgevers)!", (Word("werkgevers"),), ()),
        ("https://www.example.nl", (Word("https"), Word("www.example.nl")), ()),
        ("OR", (), ("OR zonder zoekterm ervoor genegeerd",)),
        ("werkgevers OR", (Word("werkgevers"),), ("OR zonder zoekterm erna genegeerd",)),
        ("NOT", (), ("NOT zonder zoekterm erna genegeerd",)),
        ("!!!", (), ("geen zoekwoorden gevonden; typ een of meer woorden",)),
        ("***", (), ("geen zoekwoorden gevonden; typ een of meer woorden",)),
        (
            "a* werkgevers",
            (Word("werkgevers"),),
            ("'a*' genegeerd: zet minstens twee letters voor * of ?, bijvoorbeeld monitor*",),
        ),
        (
            "jaar:abc",
            (),
            (
                "jaar:abc genegeerd: verwacht een jaar of een bereik, bijvoorbeeld jaar:2022 of jaar:2021..2023",
            ),
        ),
        (
            "soort:brief",
            (),
            ("soort:brief genegeerd: kies uit alinea, cijfer, toezegging, voetnoot",),
        ),
        ('org:""', (), ("org: zonder waarde genegeerd; schrijf bijvoorbeeld org:UWV",)),
        (
            "jar:2021",
            (Word("jar"), Word("2021")),
            (
                "onbekend veld 'jar:' als gewone woorden gezocht; velden zijn brief, jaar, motie, "
                "ondertekenaar, org, pilot, programma, soort",
            ),
        ),
    ],
)
def test_parse(text: str, clauses: tuple, problems: tuple) -> None:
    assert parse(text) == ParsedQuery(clauses, problems)


def test_a_blank_query_is_every_unit_and_a_long_one_is_cut() -> None:
    assert parse("  ") == ParsedQuery((), (), blank=True)
    long = parse(" ".join(f"w{i}" for i in range(100)))
    assert len(long.clauses) == 64
    assert long.problems == ("te lange zoekvraag: alleen de eerste 64 termen gebruikt",)


@pytest.mark.parametrize(
    ("value", "years"),
    [
        ("2022", (2022, 2022)), ("2021..2023", (2021, 2023)), ("2021-2023", (2021, 2023)),
        ("2023..2021", (2021, 2023)), ("2021..", (2021, 2999)), ("..2018", (1000, 2018)),
        ("2021–2023", (2021, 2023)), ("abc", None), ("21", None), ("2021 2022", None), ("..", None),
    ],
)  # fmt: skip
def test_parse_years(value: str, years: tuple | None) -> None:
    assert parse_years(value) == years


@given(st.text(max_size=300))
def test_parsing_never_raises(text: str) -> None:
    parsed = parse(text)
    assert all(isinstance(p, str) and p for p in parsed.problems)


# --- what the queries find ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "total"),
    [
        ("discriminatie", 34),  # 21 of them only in a compound: arbeidsmarkt-, stagediscriminatie
        ("arbeidsmarktdiscriminatie", 21),  # 11 with the word, 10 with its parts apart
        ('"Taskforce VIA"', 5),
        ("werkgevers", 72),
        ("gemeenten", 39),
        ("werkgevers gemeenten", 14),
        ("werkgevers OR gemeenten", 97),  # 72 + 39 - 14
        ("statushouders", 25),
        ("statushouders bijstand", 2),
        ("statushouders -bijstand", 23),  # 25 - 2
        ("statushouders NOT bijstand", 23),
        ("monitor*", 28),
        ("werkagenda", 48),
        ("jaar:2021..2022 werkagenda", 28),
        ("soort:voetnoot CBS", 9),
        ("org:UWV", 11),
        ("Verwey-Jonker", 4),  # also "Verwey Jonker" and "Verwey-Jonker Instituut"
        ("Verwey Jonker", 4),
        ("de", 319),  # a stop word alone is still searched, exactly
        ("de werkgevers", 72),  # but next to other words it is left out
        ('"werk is de"', 2),
    ],
)
def test_totals_on_the_seed_letters(index: SearchIndex, query: str, total: int) -> None:
    result = _search(index, query)
    assert (result.total, result.error) == (total, None)


def test_a_word_is_found_inside_compounds(index: SearchIndex) -> None:
    hits = _search(index, "discriminatie", limit=50).hits
    compound = [h for h in hits if not re.search(r"\bdiscriminatie\b", h.text, re.IGNORECASE)]
    assert len(compound) == 21
    assert all(re.search(r"(arbeidsmarkt|stage)discriminatie", h.text, re.I) for h in compound)
    assert "<mark>arbeidsmarktdiscriminatie</mark>" in " ".join(h.snippet for h in compound)
    # Where the word itself stands it ranks above a compound that only contains it.
    assert not any(h in compound for h in hits[:12])


def test_a_phrase_finds_the_words_together_and_marks_them(index: SearchIndex) -> None:
    hits = _search(index, '"Taskforce VIA"', limit=10).hits
    assert all("taskforce via" in h.text.lower() for h in hits)
    assert all("<mark>Taskforce VIA</mark>" in h.snippet for h in hits)


def test_filters_hold_for_every_hit(index: SearchIndex) -> None:
    years = {h.date[:4] for h in _search(index, "jaar:2021..2022 werkagenda", limit=50).hits}
    assert years == {"2021", "2022"}
    footnotes = _search(index, "soort:voetnoot CBS", limit=50).hits
    assert {h.kind for h in footnotes} == {"voetnoot"}
    assert all("cbs" in h.text.lower() for h in footnotes)
    prefixed = _search(index, "monitor*", limit=50).hits
    assert all(re.search(r"\bmonitor", h.text, re.IGNORECASE) for h in prefixed)
    assert all(
        "bijstand" not in h.text.lower()
        for h in _search(index, "statushouders -bijstand", limit=50).hits
    )


def test_request_filters_equal_query_filters(index: SearchIndex) -> None:
    inline = _search(index, "jaar:2021..2022 org:UWV werkgevers", limit=20)
    given_apart = _search(
        index, "werkgevers", limit=20, filters={"jaar": "2021..2022", "org": "UWV"}
    )
    assert (inline.total, inline.hits) == (given_apart.total, given_apart.hits)
    assert inline.total == 2


def test_snippets_are_escaped_html_with_marks(index: SearchIndex) -> None:
    schema = index.searcher().schema
    marks = Marks(exact=frozenset({"werkgevers"}))
    assert snippet("a < b & werkgevers", marks, schema) == "a &lt; b &amp; <mark>werkgevers</mark>"
    long = "woord " * 60 + "werkgevers staan hier. " + "woord " * 60
    cut = snippet(long, marks, schema)
    assert cut.startswith("…") and cut.endswith("…") and "<mark>werkgevers</mark>" in cut
    assert len(re.sub("</?mark>", "", cut)) <= 242


@pytest.mark.parametrize(
    ("query", "suggestion"),
    [
        ("werkgevres", "werkgevers"),
        ("statushouers", "statushouders"),
        ("werkgevres gemeenten", "werkgevers gemeenten"),
        ("werkgevers", None),  # found enough
        ("xqzw", None),  # nothing near
    ],
)
def test_spelling_suggestion_from_the_index_words(
    index: SearchIndex, query: str, suggestion
) -> None:
    assert _search(index, query).suggestion == suggestion


def test_request_mistakes_are_messages(index: SearchIndex) -> None:
    result = _search(index, "werkgevers", sort="oud", limit=-1, offset=-5, filters={"land": "NL"})
    assert result.total == 72 and len(result.hits) == 10
    assert result.error == (
        "filter 'land' onbekend en genegeerd; kies uit brief, jaar, motie, ondertekenaar, org, "
        "pilot, programma, soort; limit -1 genegeerd: kies 0 tot 1000; offset -5 genegeerd: "
        "kies 0 of meer; sortering 'oud' onbekend; kies relevance of date"
    )


@pytest.mark.parametrize(
    "query",
    ['"Taskforce VIA', 'Taskforce VIA"', '""', "OR", "OR OR", "werkgevers OR OR gemeenten",
     "NOT", "- -", "AND", "jaar:", "jaar:abc", "soort:x", "*", "a*", "((werkgevers", "org:",
     "brief:", ":::", "\x00\x01", "😀 werkgevers", "werk\u00adgevers", "🙂*"],
)  # fmt: skip
def test_junk_gives_an_answer(index: SearchIndex, query: str) -> None:
    result = _search(index, query)
    assert result.total >= 0 and (result.error is None or result.error.strip())


def test_two_thousand_characters_of_junk(index: SearchIndex) -> None:
    rng = random.Random(4)
    alphabet = 'abcdefgh "*-():?!.,ÀéÖ' + "OR NOT "
    junk = "".join(rng.choice(alphabet) for _ in range(2000))
    result = _search(index, junk)
    assert result.total == 0 and result.hits == ()
    assert result.error is not None and "te lange zoekvraag" in result.error


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=200))
def test_any_string_gives_a_result_or_a_message(index: SearchIndex, text: str) -> None:
    result = _search(index, text, limit=3)
    assert result.query == text and result.total >= len(result.hits)
    assert result.error is None or "kon niet worden verwerkt" not in result.error


# --- the numpy ranking matches Whoosh's own query evaluation ---------------------------------


@pytest.mark.parametrize(
    "query",
    ["discriminatie", '"Taskforce VIA"', "werkgevers OR gemeenten", "statushouders -bijstand",
     "monitor*", "jaar:2021..2022 werkagenda", "soort:voetnoot CBS", "org:UWV", "Verwey-Jonker",
     '"werk is de"', "de", "-werkgevers", "brief:003 motie:Aartsen", "arbeid?markt*",
     "werkagenda OR (statushouders bijstand)", "ondertekenaar:Gennip NOT jaar:2022"],
)  # fmt: skip
def test_numpy_matches_are_whooshs_matches(index: SearchIndex, query: str) -> None:
    searcher = index.searcher()
    parsed = parse(query)
    ours = evaluate(index.cached(Vectors), parsed, index.cached(FacetArrays))
    whooshs = set(searcher.docs_for_query(to_whoosh(parsed, searcher.schema)))
    assert {int(d) for d in ours.mask.nonzero()[0]} == whooshs
