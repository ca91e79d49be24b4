"""The search index: built by `kb ingest`, its units and facets, opened once, updated per letter,
rebuilt, and refused when it is missing or unreadable."""

import shutil
import sqlite3
from pathlib import Path

import pytest
from whoosh import index as windex
from whoosh.fields import ID, Schema

from ingest.pipeline import build_letter
from ingest.readers.text import parse_text
from kb.ingesting import ingest_paths
from kb.search.engine import SearchRequest, search
from kb.search.index import NoIndex, SearchIndex
from kb.store import Store

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
LETTER_002 = "002_080da9ed5327206a"


@pytest.fixture(scope="module")
def kb_dir(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("kb")
    shutil.copytree(CORPUS, root / "corpus")
    with Store.open(root / "kb") as store:
        report = ingest_paths([root / "corpus"], store, workers=2)
    assert report.failures == () and report.warnings == ()
    return root / "kb"


@pytest.fixture(scope="module")
def index(kb_dir: Path) -> SearchIndex:
    return SearchIndex.open(kb_dir)


def _all(index: SearchIndex, query: str = "", **filters: str):
    return search(index, SearchRequest(query, limit=1000, filters=filters))


def test_ingest_builds_the_index_in_the_kb_directory(kb_dir: Path, index: SearchIndex) -> None:
    assert (kb_dir / "index").is_dir()
    assert SearchIndex.open(kb_dir) is index  # opened once per process
    assert SearchIndex.open(str(kb_dir) + "/") is index
    assert index.searcher() is index.searcher()


def test_every_unit_kind_is_indexed_once(kb_dir: Path, index: SearchIndex) -> None:
    everything = _all(index)
    with sqlite3.connect(kb_dir / "kb.sqlite") as db:
        stored = {
            "alinea": "SELECT count(*) FROM passages WHERE kind != 'heading'",
            "voetnoot": "SELECT count(*) FROM footnotes",
            "cijfer": "SELECT count(*) FROM statistics",
            "toezegging": "SELECT count(*) FROM commitments",
        }
        counts = {kind: db.execute(sql).fetchone()[0] for kind, sql in stored.items()}
    assert counts == {"alinea": 236, "voetnoot": 92, "cijfer": 63, "toezegging": 42}
    assert everything.total == 433 == sum(counts.values())
    assert everything.facets["soort"] == counts


def test_a_units_text_is_its_span_of_the_letter(kb_dir: Path, index: SearchIndex) -> None:
    with sqlite3.connect(kb_dir / "kb.sqlite") as db:
        texts = dict(db.execute("SELECT id, text FROM documents"))
    hits = _all(index).hits
    assert len(hits) == 433
    assert all(texts[h.document][h.start : h.end] == h.text for h in hits)


def test_letter_facets_of_the_whole_index(index: SearchIndex) -> None:
    facets = _all(index).facets
    assert facets["jaar"] == {"2023": 134, "2021": 93, "2018": 87, "2022": 82, "2025": 37}
    assert facets["ondertekenaar"] == {
        "C.E.G. van Gennip": 216, "A.D. Wiersma": 93, "J.N.J. Nobel": 37,
    }  # fmt: skip
    assert facets["brief"] == {
        "000_6adc83efdee732d0": 134, "004_e70a85e84504e092": 93, "001_a4dc7a71a65ae17e": 87,
        "003_a17b3276b8151254": 82, "002_080da9ed5327206a": 37,
    }  # fmt: skip
    assert facets["motie"] == {
        "Motie-Aartsen": 4, "Motie-Ceder": 2, "Motie-Van Baarle/Simons": 2, "Motie-Ergin": 1,
    }  # fmt: skip
    assert list(facets["org"])[:3] == [
        "Centraal Bureau voor de Statistiek", "Ministerie van Sociale Zaken en Werkgelegenheid",
        "Taskforce VIA",
    ]  # fmt: skip
    assert facets["org"]["Uitvoeringsinstituut Werknemersverzekeringen"] == 11


@pytest.mark.parametrize("facet", ["org", "pilot", "programma", "motie", "ondertekenaar"])
def test_each_facet_value_is_a_filter_that_finds_exactly_its_count(
    index: SearchIndex, facet: str
) -> None:
    for name, count in _all(index).facets[facet].items():
        assert _all(index, **{facet: name}).total == count, name


@pytest.mark.parametrize(
    ("filters", "total"),
    [
        ({"org": "UWV"}, 11),
        ({"org": "uwv"}, 11),
        ({"org": "Uitvoeringsinstituut Werknemersverzekeringen"}, 11),
        ({"org": "Taskforce VIA"}, 17),
        ({"motie": "Ergin"}, 1),
        ({"motie": "kst-35420-300"}, 2),
        ({"motie": "Van Baarle"}, 2),
        ({"pilot": "Leren en Werken"}, 4),
        ({"ondertekenaar": "Gennip"}, 216),
        ({"ondertekenaar": "van Gennip"}, 216),
        ({"brief": "kst-29544-1158"}, 82),
        ({"brief": "003"}, 82),
        ({"soort": "toezeggingen"}, 42),
        ({"jaar": "2021..2022"}, 175),
        ({"jaar": "..2018"}, 87),
        ({"org": "Nergens Bekend"}, 0),
    ],
)
def test_filters_by_alias_slug_and_name(index: SearchIndex, filters: dict, total: int) -> None:
    assert _all(index, **filters).total == total


def test_sort_by_date_is_newest_first(index: SearchIndex) -> None:
    result = search(index, SearchRequest("werkgevers", limit=100, sort="date"))
    dates = [h.date for h in result.hits]
    assert dates == sorted(dates, reverse=True)
    assert (dates[0], dates[-1], len(dates)) == ("2025", "2018", 72)
    by_relevance = search(index, SearchRequest("werkgevers", limit=100)).hits
    assert [h.score for h in by_relevance] == sorted((h.score for h in by_relevance), reverse=True)
    scores_2025 = [h.score for h in result.hits if h.date == "2025"]
    assert scores_2025 == sorted(scores_2025, reverse=True)  # within a date: best first


def test_pages_put_together_are_the_whole_list(index: SearchIndex) -> None:
    whole = search(index, SearchRequest("werkgevers", limit=100)).hits
    pages = [
        search(index, SearchRequest("werkgevers", limit=10, offset=o)) for o in range(0, 80, 10)
    ]
    assert [p.total for p in pages] == [72] * 8
    assert [len(p.hits) for p in pages] == [10] * 7 + [2]
    assert [h for p in pages for h in p.hits] == list(whole)


@pytest.fixture()
def own_kb(tmp_path: Path) -> Path:
    shutil.copytree(CORPUS, tmp_path / "corpus")
    with Store.open(tmp_path / "kb") as store:
        ingest_paths([tmp_path / "corpus"], store, workers=1)
    return tmp_path


def _total(kb: Path, query: str, **filters: str) -> int:
    return search(SearchIndex.open(kb), SearchRequest(query, filters=filters)).total


def test_reingesting_a_changed_letter_replaces_its_units(own_kb: Path) -> None:
    kb = own_kb / "kb"
    before = [_total(kb, q) for q in ("", "wekeneis", "wekenregel", "zoekproef")]
    assert before == [433, 1, 0, 0]
    assert _total(kb, "", brief=LETTER_002) == 37
    path = own_kb / "corpus" / f"{LETTER_002}.txt"
    text = path.read_text(encoding="utf-8").replace("24-wekeneis", "24-wekenregel")
    text = text.replace(
        "\nTot slot\n", "\nDit is een extra alinea over de zoekproef.\n\nTot slot\n"
    )
    path.write_text(text, encoding="utf-8")
    with Store.open(kb) as store:
        report = ingest_paths([own_kb / "corpus"], store, workers=1)
    assert (report.replaced, report.unchanged, report.warnings) == (1, 4, ())
    after = [_total(kb, q) for q in ("", "wekeneis", "wekenregel", "zoekproef")]
    assert after == [434, 0, 1, 1]
    assert _total(kb, "", brief=LETTER_002) == 38
    assert _total(kb, "werkgevers") == 72  # the other letters' units are untouched


def test_update_touches_only_what_changed(own_kb: Path) -> None:
    kb = own_kb / "kb"
    with Store.open(kb) as store:
        unchanged = SearchIndex.open(kb).update(store)
        assert (unchanged.documents, unchanged.removed, unchanged.units) == (0, 0, 0)
        store.db.execute("DELETE FROM documents WHERE id = ?", (LETTER_002,))
        gone = SearchIndex.open(kb).update(store)
    assert (gone.documents, gone.removed, gone.units) == (0, 1, 0)
    assert (gone.total_documents, gone.total_units) == (4, 396)
    assert _total(kb, "", brief=LETTER_002) == 0


def test_rebuild_indexes_everything_anew_in_one_segment(own_kb: Path) -> None:
    kb = own_kb / "kb"
    with Store.open(kb) as store:
        report = SearchIndex.rebuild(store)
        again = SearchIndex.rebuild(store)
    assert (report.documents, report.units, report.total_units) == (5, 433, 433)
    assert again.total_units == 433
    assert len(list((kb / "index").glob("*.seg"))) == 1
    assert _total(kb, "werkgevers") == 72


def test_a_kb_without_index_says_how_to_make_one(tmp_path: Path) -> None:
    with Store.open(tmp_path / "kb"):
        pass
    with pytest.raises(NoIndex) as error:
        SearchIndex.open(tmp_path / "kb")
    assert str(error.value) == (
        f"no search index in {tmp_path / 'kb'}; run `kb index --rebuild --kb {tmp_path / 'kb'}`"
    )


def test_an_index_of_another_schema_is_refused_and_sync_rebuilds_it(tmp_path: Path) -> None:
    kb = tmp_path / "kb"
    with Store.open(kb) as store:
        store.add_letter(build_letter(parse_text(LETTER, source="x.txt"), "sha-x"))
        (kb / "index").mkdir()
        windex.create_in(kb / "index", Schema(id=ID(stored=True)))
        with pytest.raises(NoIndex, match="an index this kb version cannot read"):
            SearchIndex.open(kb)
        report = SearchIndex.sync(store)
    assert (report.documents, report.total_documents) == (1, 1)


LETTER = """\
Aan de Voorzitter van de Tweede Kamer der Staten-Generaal

Datum 3 maart 2024
Betreft Rekenles in het beroepsonderwijs

Het wiskunde-onderwijs op roc's staat onder druk. De Inspectie van het Onderwijs
meldt dat docententekorten de rekenlessen raken.

Ik zal u voor de zomer informeren over de aanpak van het rekenonderwijs.

De minister van Onderwijs, Cultuur en Wetenschap,

R.H. Dijkgraaf
"""


@pytest.mark.parametrize(
    ("query", "total"),
    [
        ("wiskunde-onderwijs", 1),
        ("wiskundeonderwijs", 1),
        ("onderwijs", 2),  # wiskunde-onderwijs, and the Inspectie van het Onderwijs
        ("rekenlessen", 1),
        ("beroepsonderwijs", 0),  # a word of the title only adds weight, it does not match
        ('"wiskunde-onderwijs op roc\'s"', 1),
        ("jaar:2024", 4),  # three paragraphs and the signature (no knowledge extracted here)
        ("ondertekenaar:Dijkgraaf", 4),
    ],
)
def test_a_letter_of_our_own(tmp_path: Path, query: str, total: int) -> None:
    with Store.open(tmp_path / "kb") as store:
        store.add_letter(build_letter(parse_text(LETTER, source="own.txt"), "sha-own"))
        SearchIndex.rebuild(store)
    assert _total(tmp_path / "kb", query) == total
