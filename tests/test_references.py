"""Tests for ingest.references: citation forms from real letters, negatives, ids and seeds."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.models import ReferenceKind
from ingest.references import (
    find_references,
    kamerstuk_id,
    motion_replacement,
    normalise_dossier,
    normalise_vergaderjaar,
    parse_kamerstuk_id,
    url_for,
)

K, H, D = ReferenceKind.KAMERSTUK, ReferenceKind.HANDELINGEN, ReferenceKind.DOSSIER

# (sentence, [(id, kind, dossier, number, vergaderjaar), ...] in text order)
POSITIVES = [
    (
        "In de voortgangsbrief (Kamerstuk 29 544, nr. 1085) schreef ik",
        [("kst-29544-1085", K, "29544", "1085", None)],
    ),
    (
        "2 Kamerstukken II 2023-2024, 32824, nr. 419",
        [("kst-32824-419", K, "32824", "419", "2023-2024")],
    ),
    (
        "⁹ Kamerstukken II 2020/21, 35 420, nr. 300",
        [("kst-35420-300", K, "35420", "300", "2020-2021")],
    ),
    (
        "Zie Kamerstukken II, 2019/20, 31 524, nr. 443 voor de reactie.",
        [("kst-31524-443", K, "31524", "443", "2019-2020")],
    ),
    (
        "De rapportage (Kamerstukken II 2019/20, 29544, nr. 1018) laat zien",
        [("kst-29544-1018", K, "29544", "1018", "2019-2020")],
    ),
    (
        "zoals eerder toegezegd (Kamerstuk 32 824 en 29 544, nr. 370) ga ik",
        [("kst-32824-370", K, "32824", "370", None)],
    ),
    (
        "voor discriminerende verzoeken door opdrachtgevers aan intermediairs (Kamerstuk 35 763).",
        [("35763", D, "35763", None, None)],
    ),
    ("¹⁶ Kamerstukken II 2020/21, 35673", [("35673", D, "35673", None, "2020-2021")]),
    (
        "¹¹ Bijlage bij *Kamerstukken II / 2020/21, 31865-188*, blz. 14",
        [("kst-31865-188", K, "31865", "188", "2020-2021")],
    ),
    (
        "Het verslag van de Landbouw- en Visserijraad (21 501-32, nr. 1703) beschrijft",
        [("kst-21501-32-1703", K, "21501-32", "1703", None)],
    ),
    (
        "Het geannoteerde verslag (21501-32-1740) volgt nog.",
        [("kst-21501-32-1740", K, "21501-32", "1740", None)],
    ),
    (
        "Zie Kamerstuk 21501-32-1740 voor de geannoteerde agenda.",
        [("kst-21501-32-1740", K, "21501-32", "1740", None)],
    ),
    (
        "Hiermee geef ik uitvoering aan de motie op stuk nr. 1181 (33 529) van het lid Beckerman.",
        [("kst-33529-1181", K, "33529", "1181", None)],
    ),
    (
        "Het amendement van het lid Grinwis, nr. 456 (36800-XVI), is aangenomen.",
        [("kst-36800-XVI-456", K, "36800-XVI", "456", None)],
    ),
    (
        "de motie van het lid Bisschop (36 625-XII, nr. 8) verzoekt de regering",
        [("kst-36625-XII-8", K, "36625-XII", "8", None)],
    ),
    (
        "In de eerste suppletoire begroting 36 410A, nr. 33 is dit verwerkt.",
        [("kst-36410-A-33", K, "36410-A", "33", None)],
    ),
    (
        "Bij amendement 36 600-A, nr. 35 is het budget verhoogd.",
        [("kst-36600-A-35", K, "36600-A", "35", None)],
    ),
    (
        "De motie-Van der Plas op stuk nr. 37 (36 410 VI) verzoekt het kabinet",
        [("kst-36410-VI-37", K, "36410-VI", "37", None)],
    ),
    (
        "De moties 35 334, nrs. 383, 348 en 309 zijn aangenomen.",
        [
            ("kst-35334-383", K, "35334", "383", None),
            ("kst-35334-348", K, "35334", "348", None),
            ("kst-35334-309", K, "35334", "309", None),
        ],
    ),
    (
        "Kamerstukken II, 1999-2000, 26 271, nr. 6, p. 15-16; nr. 7, p. 5-6",
        [
            ("kst-26271-6", K, "26271", "6", "1999-2000"),
            ("kst-26271-7", K, "26271", "7", "1999-2000"),
        ],
    ),
    (
        "Het voorlopig verslag (Kamerstukken I 2021/22, 35 925, nr. E) vraagt",
        [("kst-35925-E", K, "35925", "E", "2021-2022")],
    ),
    (
        "¹² *Voortgangsrapportage Actieplan Arbeidsmarktdiscriminatie 2018-2021, "
        "Kamerstukken II 2019/20, 29544*, nr. 1018",
        [("kst-29544-1018", K, "29544", "1018", "2019-2020")],
    ),
    (
        "¹³ *Kamerstukken II, 2019/20, 31 524*, nr. 443",
        [("kst-31524-443", K, "31524", "443", "2019-2020")],
    ),
    (
        "Tijdens het debat (Handelingen II 2022/23, nr. 84, item 12) zegde ik toe",
        [("h-tk-20222023-84-12", H, None, "84", "2022-2023")],
    ),
    (
        "Handelingen II 2022/23, nr. 84, items 12 en 13",
        [("h-tk-20222023-84-12", H, None, "84", "2022-2023")],
    ),
    (
        "5 Handelingen II 2019/20, nr. 30, item 7",
        [("h-tk-20192020-30-7", H, None, "30", "2019-2020")],
    ),
    ("Handelingen I 2021/22, nr. 12, item 5", [("h-ek-20212022-12-5", H, None, "12", "2021-2022")]),
    (
        "Tweede Kamer, vergaderjaar 2022–2023, 29 544, nr. 1158 5",
        [("kst-29544-1158", K, "29544", "1158", "2022-2023")],
    ),
    (
        "Eerste Kamer, vergaderjaar 2021–2022, 35 925, nr. E 3",
        [("kst-35925-E", K, "35925", "E", "2021-2022")],
    ),
    (
        "In mijn reactie op de motie van het lid Ceder (Kamerstuk 32 824, nr. 341)14 heb ik",
        [("kst-32824-341", K, "32824", "341", None)],
    ),
    (
        "Commissiedebat Integratie en Inburgering op 6 juli 2022 (Kamerstuk \n"
        "32 824, nr. 367) heeft",
        [("kst-32824-367", K, "32824", "367", None)],
    ),
    (
        "Zie Kamerstuk 32 824, nr. 381 en Kamerstuk 32 824, nr. 389.",
        [("kst-32824-381", K, "32824", "381", None), ("kst-32824-389", K, "32824", "389", None)],
    ),
    (
        "Gewijzigde motie van het lid Ceder c.s. t.v.v. 31305-491 over taaleisen",
        [("kst-31305-491", K, "31305", "491", None)],
    ),
    # From motions as published (non-breaking spaces included).
    (
        "eerder de motie-Dassen c.s. ( 35\xa0896, nr. 12 ) en de motie-Dassen/Omtzigt "
        "( 35\xa0788, nr. 143 ) heeft aangenomen;",
        [("kst-35896-12", K, "35896", "12", None), ("kst-35788-143", K, "35788", "143", None)],
    ),
    (
        "het amendement op stuk nr. 37\xa0(36\xa0410\xa0VI) en de motie op stuk nr. 41\xa0"
        "(36\xa0410\xa0VI) als volgt uit te voeren",
        [
            ("kst-36410-VI-37", K, "36410-VI", "37", None),
            ("kst-36410-VI-41", K, "36410-VI", "41", None),
        ],
    ),
    (
        "om huisuitzettingsprocedures te voorkomen ( 36\xa0600-XXII, nr. 50 ), de oprichting",
        [("kst-36600-XXII-50", K, "36600-XXII", "50", None)],
    ),
    (
        "dierproeven naar nul in 2030 ( 36\xa0725-VIII, nr. 11 );",
        [("kst-36725-VIII-11", K, "36725-VIII", "11", None)],
    ),
    # From committee decision lists (PDF text): an agenda line ends with the document.
    (
        "Nota naar aanleiding van het verslag - 34552-14\nBesluit: Voor kennisgeving aangenomen.",
        [("kst-34552-14", K, "34552", "14", None)],
    ),
    (
        "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties - 34550-VII-6\n",
        [("kst-34550-VII-6", K, "34550-VII", "6", None)],
    ),
    (
        "Toezichtarrangementen (commissie Oosting, zie 31700 VII nr. 72)",
        [("kst-31700-VII-72", K, "31700-VII", "72", None)],
    ),
]


def _key(ref):
    return (ref.id, ref.kind, ref.dossier, ref.number, ref.vergaderjaar)


@pytest.mark.parametrize(("text", "expected"), POSITIVES, ids=[p[0][:45] for p in POSITIVES])
def test_citation_forms(text, expected):
    refs = find_references(text)
    assert [_key(r) for r in refs] == expected
    for ref in refs:
        assert text[ref.start : ref.end] == ref.raw
        assert 0.0 < ref.confidence <= 1.0
        assert ref.rule
        assert ref.footnote is None


def test_two_dossiers_one_number_raw_covers_whole_citation():
    text = "zoals eerder toegezegd (Kamerstuk 32 824 en 29 544, nr. 370) ga ik"
    (ref,) = find_references(text)
    assert ref.raw == "Kamerstuk 32 824 en 29 544, nr. 370"
    assert ref.url == "https://zoek.officielebekendmakingen.nl/kst-32824-370.html"


def test_numbers_list_gives_each_number_its_own_span():
    text = "De moties 35 334, nrs. 383, 348 en 309 zijn aangenomen."
    assert [r.raw for r in find_references(text)] == ["35 334, nrs. 383", "348", "309"]


def test_handelingen_item_and_url():
    (ref,) = find_references("Handelingen II 2022/23, nr. 84, item 12")
    assert ref.item == "12"
    assert ref.rule == "handelingen"
    assert ref.url == "https://zoek.officielebekendmakingen.nl/h-tk-20222023-84-12.html"


def test_dossier_reference_url():
    (ref,) = find_references("(Kamerstuk 35 763)")
    assert ref.raw == "Kamerstuk 35 763"
    assert ref.url == "https://zoek.officielebekendmakingen.nl/dossier/35763"


@pytest.mark.parametrize(
    ("text", "rule", "low", "high"),
    [
        ("Kamerstukken II 2020/21, 35 420, nr. 300", "kamerstuk-full", 0.97, 1.0),
        ("Tweede Kamer, vergaderjaar 2022–2023, 29 544, nr. 1158", "footer", 0.9, 1.0),
        ("Handelingen II 2022/23, nr. 84, item 12", "handelingen", 0.9, 1.0),
        ("Kamerstukken II / 2020/21, 31865-188", "compact", 0.7, 0.8),
        ("(21501-32-1740)", "compact-bare", 0.7, 0.8),
        ("nr. 456 (36800-XVI)", "motion-nr", 0.7, 0.8),
    ],
)
def test_rule_and_confidence(text, rule, low, high):
    (ref,) = find_references(text)
    assert ref.rule == rule
    assert low <= ref.confidence <= high


NEGATIVES = [
    "Het aandeel steeg met 2,9 procent in de G4.",
    "17 Regeling van de Minister van Onderwijs, Cultuur en Wetenschap van 26 april 2023, "
    "nr. 37766481, houdende regels voor de verstrekking van aanvullende bekostiging",
    "Onze referentie 2021-0000181230",
    "(ons kenmerk 2021-0000181230)",
    "T 070 333 44 44",
    "> Retouradres Postbus 90801 2509 LV Den Haag",
    "Parnassusplein 5, 2595 BD Den Haag",
    "Actieplan Arbeidsmarktdiscriminatie 2018-2021",
    "de Werkagenda VIA voor de periode 2023–2027 (2023–2027)",
    "in 2019 en 2020 (2018-2021) namen 1.234 mensen deel",
    "Bron: CBS, blz. 14",
    "Bijlage 2, tabel 3, nr. 5",
    "In totaal 12 345 deelnemers en 31865-188 euro",
    "Kamerstukken II 2020/21",
    "Handelingen II 2022/24, nr. 84, item 12",
    "Datum 17 november 2021",
    "Tel. 06-12345678",
    "het gesloten Verdrag ( Trb.\xa02018, 201 en Trb.\xa02023, 54 )",
    "36 455 ( R2188 ) Goedkeuring van het verdrag",
    "Zaak: Brief regering - 2009Z04630",
    "De wetsvoorstellen 31815, 31816, 31817 en 31840 z.s.m. plenair behandelen.",
    "het bedrag daalde van 2018 - 12345-12 euro tot nul",
]


@pytest.mark.parametrize("text", NEGATIVES, ids=[n[:40] for n in NEGATIVES])
def test_non_citations(text):
    assert find_references(text) == ()


def test_footnote_attribution():
    body = "Ook de motie (Kamerstuk 32 824, nr. 341) is uitgevoerd.8 Zie verder het verslag.9\n"
    note8 = "Kamerstukken II 2020/21, 32824, nr. 328"
    note9 = "Verslag van de Raad, 21501-32-1740"
    text = body + note8 + "\n" + note9
    spans = [(8, len(body), len(body) + len(note8)), (9, len(body) + len(note8) + 1, len(text))]
    refs = find_references(text, spans)
    assert [(r.id, r.footnote) for r in refs] == [
        ("kst-32824-341", None),
        ("kst-32824-328", 8),
        ("kst-21501-32-1740", 9),
    ]
    # Outside a footnote and without a parenthesis the bare compact form is not trusted.
    assert find_references(note9) == ()


@pytest.mark.parametrize(
    ("ident", "parts"),
    [
        ("kst-29544-1085", ("29544", "1085")),
        ("kst-36800-IX-29", ("36800-IX", "29")),
        ("kst-36410-A-33", ("36410-A", "33")),
        ("kst-21501-32-1740", ("21501-32", "1740")),
        ("kst-31865-188", ("31865", "188")),
        ("kst-35925-E", ("35925", "E")),
    ],
)
def test_id_round_trip(ident, parts):
    assert parse_kamerstuk_id(ident) == parts
    assert kamerstuk_id(*parts) == ident


@pytest.mark.parametrize("ident", ["h-tk-20222023-84-12", "35763", "kst-29544", "kst-abc-1", ""])
def test_parse_rejects_non_kamerstuk_ids(ident):
    assert parse_kamerstuk_id(ident) is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("29 544", "29544"),
        ("29544", "29544"),
        ("36 800 IX", "36800-IX"),
        ("36800-IX", "36800-IX"),
        ("36 800-IX", "36800-IX"),
        ("36 410A", "36410-A"),
        ("36410-A", "36410-A"),
        ("21 501-32", "21501-32"),
        ("21501-07", "21501-07"),
    ],
)
def test_normalise_dossier(raw, expected):
    assert normalise_dossier(raw) == expected


def test_normalise_dossier_rejects_garbage():
    with pytest.raises(ValueError):
        normalise_dossier("nr. 5")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2020/21", "2020-2021"),
        ("2020-2021", "2020-2021"),
        ("2022–2023", "2022-2023"),
        ("2019/2020", "2019-2020"),
        ("1999/00", "1999-2000"),
        ("1999-2000", "1999-2000"),
        ("2020/22", None),
        ("2018-2021", None),
        ("2021", None),
    ],
)
def test_normalise_vergaderjaar(raw, expected):
    assert normalise_vergaderjaar(raw) == expected


@pytest.mark.parametrize(
    ("ident", "url"),
    [
        ("kst-29544-1085", "https://zoek.officielebekendmakingen.nl/kst-29544-1085.html"),
        ("h-tk-20222023-84-12", "https://zoek.officielebekendmakingen.nl/h-tk-20222023-84-12.html"),
        ("35763", "https://zoek.officielebekendmakingen.nl/dossier/35763"),
        ("36800-IX", "https://zoek.officielebekendmakingen.nl/dossier/36800-IX"),
    ],
)
def test_url_for(ident, url):
    assert url_for(ident) == url


@pytest.mark.parametrize(
    ("title", "own", "expected"),
    [
        ("Gewijzigde motie van het lid Ceder c.s. t.v.v. 31305-491", None, "kst-31305-491"),
        ("Gewijzigde motie van de leden X en Y t.v.v. 21501-32-1740", None, "kst-21501-32-1740"),
        (
            "MOTIE VAN HET LID CEDER TER VERVANGING VAN DIE GEDRUKT ONDER NR. 491",
            "31305",
            "kst-31305-491",
        ),
        ("MOTIE VAN HET LID CEDER TER VERVANGING VAN DIE GEDRUKT ONDER NR. 491", None, None),
        ("MOTIE VAN HET LID CEDER", "31305", None),
    ],
)
def test_motion_replacement(title, own, expected):
    assert motion_replacement(title, own_dossier=own) == expected


# --- the seed corpus ------------------------------------------------------------------------

# Keyed by the first 16 hex digits of the file's sha256, so renamed copies in corpus/ still count.
SEED_IDS = {
    "9fba3117a323c437": {  # 000: letter of the Minister of SZW on VIA and the Werkagenda
        "kst-29544-1085",
        "kst-32824-381",
        "kst-32824-389",
        "kst-31524-549",
        "kst-32824-367",
    },
    "021d16419129743d": set(),  # 001: 2018 brochure, no citations
    "7a5fa4869929eba1": {"kst-32824-419"},  # 002: offering the Werkagenda VIA 2025–2029
    "7430f388fb8b95a0": {  # 003: progress letter; its own number in the footers
        "kst-29544-1085",
        "kst-32824-357",
        "kst-29544-1094",
        "kst-29544-1158",
        "kst-29544-1119",
        "35763",
        "kst-32824-367",
        "kst-32824-341",
        "kst-32824-370",
        "kst-32825-372",
    },
    "87444248a9ce5e40": {  # 004: outcomes and follow-up of VIA, 17 November 2021
        "kst-32824-328",
        "kst-35420-300",
        "kst-31865-188",
        "kst-29544-1018",
        "kst-31524-443",
        "35673",
    },
}
_REPO = Path(__file__).resolve().parent.parent
_SEED_DIRS = [_REPO / "corpus", _REPO.parent / "shared" / "seeds"]


def _seed_files() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for folder in _SEED_DIRS:
        for path in sorted(folder.glob("*.txt")) if folder.is_dir() else []:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
            found.setdefault(digest, path)
    return found


@pytest.mark.parametrize("digest", sorted(SEED_IDS))
def test_seed_references(digest):
    path = _seed_files()[digest]
    text = path.read_text(encoding="utf-8")
    refs = find_references(text)
    assert {r.id for r in refs} == SEED_IDS[digest]
    for ref in refs:
        assert text[ref.start : ref.end] == ref.raw


# --- properties -----------------------------------------------------------------------------

_FRAGMENTS = [
    "Kamerstuk",
    "Kamerstukken II",
    "Kamerstukken I",
    "Handelingen II",
    "Tweede Kamer, vergaderjaar",
    " ",
    "\n",
    ", ",
    "*",
    "(",
    ")",
    ";",
    "-",
    "nr. ",
    "nrs. ",
    " en ",
    "item ",
    "p. 15-16",
    "29 544",
    "29544",
    "36 800 IX",
    "36410A",
    "21501-32",
    "2020/21",
    "2022–2023",
    "1085",
    "E",
    "XVI",
    "12",
    "2021-0000181230",
    "stuk ",
    "t.v.v. ",
]


def _check_invariants(text: str) -> None:
    refs = find_references(text, [(1, 0, len(text) // 2)])
    previous_end = 0
    for ref in refs:
        assert 0 <= ref.start < ref.end <= len(text)
        assert text[ref.start : ref.end] == ref.raw
        assert ref.start >= previous_end  # in text order, never overlapping
        previous_end = ref.end
        if ref.kind is ReferenceKind.KAMERSTUK:
            assert parse_kamerstuk_id(ref.id) == (ref.dossier, ref.number)


@given(st.text())
def test_find_references_never_raises(text):
    _check_invariants(text)


@settings(max_examples=300)
@given(st.lists(st.sampled_from(_FRAGMENTS), max_size=30).map("".join))
def test_find_references_on_citation_like_noise(text):
    _check_invariants(text)


_ROMANS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XII", "XVI", "XXII"]
_LETTERS = st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_DOSSIERS = st.builds(
    lambda base, toev: f"{base}-{toev}" if toev else str(base),
    st.integers(1000, 99999),
    st.one_of(
        st.none(), st.sampled_from(_ROMANS), _LETTERS, st.integers(1, 99).map(lambda i: f"{i:02d}")
    ),
)
_NUMBERS = st.one_of(st.integers(1, 9999).map(str), st.text(_LETTERS, min_size=1, max_size=2))


@given(_DOSSIERS, _NUMBERS)
def test_kamerstuk_id_round_trip(dossier, number):
    assert parse_kamerstuk_id(kamerstuk_id(dossier, number)) == (dossier, number)
