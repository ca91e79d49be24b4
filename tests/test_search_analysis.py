"""Dutch analysis for search: tokens, hyphen variants, stems, compound parts, a real index."""

import pickle
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import index
from whoosh.fields import ID, TEXT, Schema
from whoosh.qparser import QueryParser

from kb.search import Lexicon, compound_analyzer, exact_analyzer, packaged_words, text_analyzer
from kb.search.lexicon import LINKERS

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    """The lexicon of the five seed letters plus the packaged word list."""
    return Lexicon.from_texts(p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt")))


def tokens(analyzer, text: str, mode: str = "index") -> list[str]:
    """The token texts `analyzer` makes of `text`."""
    return [t.text for t in analyzer(text, mode=mode)]


# text, exact_analyzer tokens when indexing (lower case, variants, nothing removed)
EXACT = [
    ("Het wiskunde-onderwijs", ["het", "wiskundeonderwijs", "wiskunde", "onderwijs"]),
    ("mbo-studenten", ["mbostudenten", "mbo", "studenten"]),
    ("e-mail", ["email", "mail"]),
    (
        "Bemiddelings- en Uitzendondernemingen (NBBU)",
        ["bemiddelings", "en", "uitzendondernemingen", "nbbu"],
    ),
    ("Bond van Bemiddelings-en Uitzendondernemingen", ["bond", "van", "bemiddelings", "uitzendondernemingen"]),
    ("een 9,6 procent", ["een", "9,6", "procent"]),
    ("€ 1.000.000 in 2021.", ["1.000.000", "in", "2021"]),
    ("VIA (2021-2025)", ["via", "2021-2025", "2021", "2025"]),
    ("Werkagenda VIA 2025–2029", ["werkagenda", "via", "2025-2029", "2025", "2029"]),
    ("AWVN, VNO-NCW en MKB-Nederland", ["awvn", "vnoncw", "vno", "ncw", "en", "mkbnederland", "mkb", "nederland"]),
    ("het G40-stedennetwerk", ["het", "g40stedennetwerk", "g40", "stedennetwerk"]),
    ("in alle regio's", ["in", "alle", "regio's", "regio"]),
    ("in alle regio’s", ["in", "alle", "regio's", "regio"]),
    ("hbo'ers en mbo'ers", ["hbo'ers", "hbo", "en", "mbo'ers", "mbo"]),
    ("paragraaf 3.2, punt a.", ["paragraaf", "3.2", "punt", "a"]),
    ("Werkgevers – zoals de gemeenten – doen mee", ["werkgevers", "zoals", "de", "gemeenten", "doen", "mee"]),
]


@pytest.mark.parametrize(("text", "expected"), EXACT)
def test_exact_tokens(text: str, expected: list[str]) -> None:
    assert tokens(exact_analyzer(), text) == expected


# text, text_analyzer tokens when indexing (no stop words, Dutch stems)
STEMMED = [
    ("De werkgevers en de gemeenten", ["werkgever", "gemeent"]),
    ("een werkgever in elke gemeente", ["werkgever", "elk", "gemeent"]),
    ("in alle regio's", ["all", "regio"]),
    ("organisaties en uitkeringen", ["organisatie", "uitker"]),
    ("loopbaanoriëntatie", ["loopbaanorientatie"]),
    ("Het wiskunde-onderwijs", ["wiskundeonderwijs", "wiskund", "onderwijs"]),
    ("arbeids- en zorgmarkt", ["arbeid", "zorgmarkt"]),
    ("in-en-uitstroom", ["inenuitstrom", "uitstrom"]),
    ("9,6 procent in 2021-2025", ["9,6", "procent", "2021-2025", "2021", "2025"]),
    ("fase 2 van het G40-stedennetwerk", ["fas", "2", "g40stedennetwerk", "g40", "stedennetwerk"]),
]


@pytest.mark.parametrize(("text", "expected"), STEMMED)
def test_text_tokens(text: str, expected: list[str]) -> None:
    assert tokens(text_analyzer(), text) == expected


# query text, text_analyzer tokens at query time: the joined spelling only
QUERIES = [
    ("wiskunde-onderwijs", ["wiskundeonderwijs"]),
    ("VNO-NCW", ["vnoncw"]),
    ("G40-stedennetwerk", ["g40stedennetwerk"]),
    ("regio's", ["regio"]),
    ("2021-2025", ["2021-2025"]),
    ("werkgevers en gemeenten", ["werkgever", "gemeent"]),
]


@pytest.mark.parametrize(("text", "expected"), QUERIES)
def test_query_tokens(text: str, expected: list[str]) -> None:
    assert tokens(text_analyzer(), text, mode="query") == expected


SAME_STEM = [
    ("werkgevers", "werkgever"),
    ("gemeenten", "gemeente"),
    ("regio's", "regio"),
    ("organisaties", "organisatie"),
    ("uitkeringen", "uitkering"),
    ("loopbaanoriëntatie", "loopbaanorientatie"),
]


@pytest.mark.parametrize(("one", "other"), SAME_STEM)
def test_stemming_matches_forms(one: str, other: str) -> None:
    assert tokens(text_analyzer(), one, "query") == tokens(text_analyzer(), other, "query")


HYPHEN_VARIANTS = [
    ("wiskunde-onderwijs", "wiskundeonderwijs"),
    ("mbo-studenten", "mbostudenten"),
    ("VNO-NCW", "VNONCW"),
    ("G40-stedennetwerk", "G40stedennetwerk"),
]


@pytest.mark.parametrize(("hyphenated", "joined"), HYPHEN_VARIANTS)
@pytest.mark.parametrize("make", [text_analyzer, exact_analyzer])
def test_hyphen_variants_match_both_ways(make, hyphenated: str, joined: str) -> None:
    analyzer = make()
    for query, text in [(hyphenated, joined), (joined, hyphenated)]:
        assert set(tokens(analyzer, query, "query")) <= set(tokens(analyzer, text))


def test_variants_share_the_token_position_and_keep_their_own_characters() -> None:
    text = "het VNO-NCW wil dat"
    found = [(t.text, t.pos, text[t.startchar : t.endchar]) for t in exact_analyzer()(text, positions=True, chars=True)]
    assert found == [
        ("het", 0, "het"),
        ("vnoncw", 1, "VNO-NCW"),
        ("vno", 1, "VNO"),
        ("ncw", 1, "NCW"),
        ("wil", 2, "wil"),
        ("dat", 3, "dat"),
    ]


# word, Lexicon.split, Lexicon.parts (seed lexicon)
COMPOUNDS = [
    ("arbeidsmarktdiscriminatie", ["arbeidsmarkt", "discriminatie"], ["arbeidsmarkt", "arbeid", "markt", "discriminatie"]),
    ("Arbeidsmarktdiscriminatie", ["arbeidsmarkt", "discriminatie"], ["arbeidsmarkt", "arbeid", "markt", "discriminatie"]),
    ("arbeidsmarkt", ["arbeid", "markt"], ["arbeid", "markt"]),
    ("stagediscriminatie", ["stage", "discriminatie"], ["stage", "discriminatie"]),
    ("klantmanagers", ["klant", "managers"], ["klant", "managers"]),
    ("werkgeversorganisaties", ["werkgevers", "organisaties"], ["werkgevers", "organisaties"]),
    ("bijstandsuitkering", ["bijstand", "uitkering"], ["bijstand", "uitkering"]),
    ("uitkeringsgerechtigden", ["uitkering", "gerechtigden"], ["uitkering", "gerechtigden"]),
    ("beroepsbevolking", ["beroeps", "bevolking"], ["beroeps", "bevolking"]),
    ("loopbaanoriëntatie", ["loopbaan", "oriëntatie"], ["loopbaan", "loop", "baan", "oriëntatie"]),
    ("stedennetwerk", ["steden", "netwerk"], ["steden", "netwerk"]),
    ("mbostudenten", ["mbo", "studenten"], ["mbo", "studenten"]),
    ("Participatiewet", ["participatie", "wet"], ["participatie", "wet"]),
    ("werkoriëntatiegesprek", ["werk", "oriëntatie", "gesprek"], ["werk", "oriëntatie", "gesprek"]),
]


@pytest.mark.parametrize(("word", "split", "parts"), COMPOUNDS)
def test_splits_compounds(lexicon: Lexicon, word: str, split: list[str], parts: list[str]) -> None:
    assert lexicon.split(word) == split
    assert lexicon.parts(word) == parts


NOT_COMPOUNDS = [
    "beleid",  # not bel|eid
    "gemeente",
    "discriminatie",
    "integratie",
    "Nederland",  # a name: not neder|land
    "Koolmees",  # a name: not kool|mees
    "onderwijs",  # a derivation: not onder|wijs
    "netwerk",  # not net|werk
    "belangrijk",  # -rijk is a suffix
    "beschikbaar",
    "samenwerking",
    "ontwikkelingen",
    "werk",
    "stage",
    "2021",
    "9,6",
    "g40",
    "regio's",
]


@pytest.mark.parametrize("word", NOT_COMPOUNDS)
def test_leaves_other_words_whole(lexicon: Lexicon, word: str) -> None:
    assert lexicon.split(word) == [word.lower()]
    assert lexicon.parts(word) == []


def test_compound_analyzer_adds_stemmed_parts_when_indexing(lexicon: Lexicon) -> None:
    text = "Arbeidsmarktdiscriminatie bij klantmanagers"
    found = [(t.text, text[t.startchar : t.endchar]) for t in compound_analyzer(lexicon)(text, chars=True)]
    assert found == [
        ("arbeidsmarktdiscriminatie", "Arbeidsmarktdiscriminatie"),
        ("arbeidsmarkt", "Arbeidsmarktdiscriminatie"),
        ("arbeid", "Arbeidsmarktdiscriminatie"),
        ("markt", "Arbeidsmarktdiscriminatie"),
        ("discriminatie", "Arbeidsmarktdiscriminatie"),
        ("klantmanager", "klantmanagers"),
        ("klant", "klantmanagers"),
        ("manager", "klantmanagers"),
    ]
    assert tokens(compound_analyzer(lexicon), text, "query") == ["arbeidsmarktdiscriminatie", "klantmanager"]


def test_lexicon_of_other_letters() -> None:
    letter = (
        "Minister Jansen schrijft de Kamer over de jeugdzorg in Tilburg. De zorg voor de jeugd "
        "blijft nodig, zegt Jansen. Ook de Ouderen- en Gehandicaptenzorg en de hbo'ers van de "
        "Zorgacademie Tilburg doen mee; de arbeids-\nmarkt en de wetenschap-\npelijke kennis ook."
    )
    lexicon = Lexicon.from_texts([letter])
    assert lexicon.names == {"gehandicaptenzorg", "jansen", "kamer", "tilburg", "zorgacademie"}
    assert {"ouderen", "ers", "arbeids", "wetenschap"} & lexicon.words == set()
    assert {"jeugdzorg", "gehandicaptenzorg", "hbo", "markt"} <= lexicon.words
    assert "pelijke" not in lexicon.words  # the rest of a broken line, but no known word
    assert lexicon.split("jeugdzorg") == ["jeugd", "zorg"]
    assert lexicon.split("zorgacademie") == ["zorgacademie"]  # names split only into
    assert lexicon.split("gehandicaptenzorg") == ["gehandicaptenzorg"]  # words the letter uses


def test_lexicon_without_the_packaged_list_and_add() -> None:
    lexicon = Lexicon(["stage", "premie", "zorg", "verzekeraars"], packaged=False)
    assert lexicon.split("zorgverzekeraars") == ["zorg", "verzekeraars"]
    assert lexicon.split("zorgspremie") == ["zorg", "premie"]  # linking -s-
    assert lexicon.split("stagediscriminatie") == ["stagediscriminatie"]
    lexicon.add(["Discriminatie"], names=["Stagebureau"])
    assert lexicon.split("stagediscriminatie") == ["stage", "discriminatie"]
    assert "stagebureau" in lexicon.names


def test_packaged_words_are_loaded_once() -> None:
    words = packaged_words()
    assert words is packaged_words()
    assert len(words) == 414_483
    assert {"discriminatie", "werkgevers", "organisaties", "managers"} <= words


def test_lexicon_and_analyzers_pickle_without_the_packaged_list(lexicon: Lexicon) -> None:
    data = pickle.dumps(lexicon)
    assert b"zwaluwstaart" not in data  # a packaged word the letters do not use
    assert len(data) < 40_000
    copy = pickle.loads(data)
    assert copy == lexicon
    assert copy.split("stagediscriminatie") == ["stage", "discriminatie"]
    for analyzer in (text_analyzer(), exact_analyzer(), compound_analyzer(lexicon)):
        text = "Stagediscriminatie en het wiskunde-onderwijs in de regio's"
        assert tokens(pickle.loads(pickle.dumps(analyzer)), text) == tokens(analyzer, text)


def test_real_index_finds_compounds_hyphen_variants_and_stems(tmp_path: Path, lexicon: Lexicon) -> None:
    schema = Schema(
        id=ID(stored=True),
        text=TEXT(analyzer=text_analyzer()),
        parts=TEXT(analyzer=compound_analyzer(lexicon)),
        exact=TEXT(analyzer=exact_analyzer()),
    )
    documents = {
        "a": "Wij bestrijden arbeidsmarktdiscriminatie in alle sectoren.",
        "b": "Het wiskunde-onderwijs op het mbo wordt beter.",
        "c": "Meer wiskundeonderwijs voor nieuwkomers.",
        "d": "Veel werkgevers doen mee aan de pilots.",
        "e": "De gemeente voert het beleid uit.",
    }
    writer = index.create_in(tmp_path, schema).writer()
    for key, text in documents.items():
        writer.add_document(id=key, text=text, parts=text, exact=text)
    writer.commit()
    reopened = index.open_dir(tmp_path)  # the schema, lexicon included, comes from the pickle
    with reopened.searcher() as searcher:

        def found(field: str, query: str) -> set[str]:
            parsed = QueryParser(field, reopened.schema).parse(query)
            return {hit["id"] for hit in searcher.search(parsed)}

        assert found("parts", "discriminatie") == {"a"}
        assert found("text", "discriminatie") == set()
        assert found("text", "wiskundeonderwijs") == {"b", "c"}
        assert found("text", "wiskunde-onderwijs") == {"b", "c"}
        assert found("exact", '"het wiskunde-onderwijs op"') == {"b"}
        assert found("exact", '"meer wiskunde-onderwijs voor"') == {"c"}
        assert found("text", "werkgever") == {"d"}
        assert found("text", "gemeenten") == {"e"}


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abeiklmnorstuwzAEKNRSTV019-'’ ,.–", max_size=60))
def test_every_text_finds_itself(text: str) -> None:
    for analyzer in (text_analyzer(), exact_analyzer()):
        assert set(tokens(analyzer, text, "query")) <= set(tokens(analyzer, text))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abdegiklmnorstuvw", min_size=1, max_size=40))
def test_split_parts_and_linking_morphemes_spell_the_word(lexicon: Lexicon, word: str) -> None:
    rest = word
    for part in lexicon.split(word):
        linker = rest[: rest.index(part)]
        assert linker in LINKERS and rest.startswith(linker + part)
        rest = rest[len(linker + part) :]
    assert rest == ""
