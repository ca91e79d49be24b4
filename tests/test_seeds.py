"""Independent truth tables for the five seed letters in corpus/.

Every expected value below was written by reading the seed files by hand (PDF-to-text output
with page furniture, glued footnote markers and page-bottom footnotes), not by running the
pipeline. When a test here fails, re-read the seed: the table is meant to be the truth.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from ingest.models import DatePrecision, DocumentKind, Letter, ReferenceKind
from ingest.pipeline import read_letter

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
SEEDS = {
    "000": "000_6adc83efdee732d0.txt",
    "001": "001_a4dc7a71a65ae17e.txt",
    "002": "002_080da9ed5327206a.txt",
    "003": "003_a17b3276b8151254.txt",
    "004": "004_e70a85e84504e092.txt",
}


@cache
def letter(seed: str) -> Letter:
    return read_letter(CORPUS / SEEDS[seed])


def body(seed: str) -> str:
    doc = letter(seed)
    return doc.text[: doc.body_end]


_STRIP = " \t\n.,;:!?()[]{}«»\"'“”‘’*"


def last_word(context: str | None) -> str | None:
    if not context or not context.split():
        return None
    return context.split()[-1].strip(_STRIP)


# --- 1. footnotes ---------------------------------------------------------------------------
# seed -> [(number, text starts with, text ends with | None = text equals the start exactly,
#           last word before the marker in the body)]

FOOTNOTES: dict[str, list[tuple[int, str, str | None, str]]] = {
    "000": [
        (1, "SCP, 2023, Eigentijdse ongelijkheid |", "Cultureel Planbureau (scp.nl)", "SCP"),
        (
            2,
            "In navolging van het WRR",
            "altijd de «buiten-Europese migratieachterrgond».",
            "migratieachtergrond",
        ),
        (3, "Kamerstuk 29 544, nr. 1085", None, "VIA"),
        (4, "Kamerstuk 32 824, nr. 381", None, "werk"),
        (5, "Kamerstuk 32 824, nr. 389", None, "ervan"),
        (
            6,
            "Zie bijvoorbeeld de monitor gelijkwaardige",
            "kansen (www.monitorgelijkwaardigekansen.nl)",
            "vaak",
        ),
        (7, "TNO, 2022, Werkgevers Enquete Arbeidsmarkt 2021", None, "klik"),
        (
            8,
            "TNO, 2020, Delphi-studie stand der wetenschap arbeidsmarktdiscriminatie: "
            "interventies om arbeidsmarktdiscriminatie te verminderen",
            "de diversiteit te vergroten.",
            "selecteren",
        ),
        (9, "TNO, 2020, Richting gelijke kansen:", "in werving en selectie.", "werkgevers"),
        (
            10,
            "Odijk, Hiemstra en Born, 2023,",
            "diverse sollicitanten te bevorderen.",
            "uitgevoerd",
        ),
        (
            11,
            "SEO, 2023, Versterking van de",
            "mbo-studenten met een migratieachtergrond",
            "stagebedrijven",
        ),
        (
            12,
            "Zie bijvoorbeeld: SEO, 2020, De",
            "hbo’ers met een migratieachtergrond.",
            "migratieachtergrond",
        ),
        (13, "Gelderblom, A. et al, LOB", "juni 2023, Rotterdam, SEOR.", "onderzoek"),
        (14, "Strating, G et al, Een", "SZW/VIA via het NRO)", "vmbo"),
        (15, "Korpershoek, H. et al, Doorontwikkeling", "Kohnstamm instituut, UVA.", "onderzoek"),
        (16, "self-efficacy is het vertrouwen in", "een taak te volbrengen.", "self-efficacy"),
        (17, "Regeling van de Minister van", "bekostiging LOB MBO 2023)", "scholen"),
        (18, "Kamerstuk 31 524, nr. 549", None, "uitgebannen"),
        (
            19,
            "https://echo-net.nl/wp-content/uploads/2023/07/"
            "Manifest-tegen-stagediscriminatie-hoger-onderwijs.pdf",
            None,
            "opgesteld",
        ),
        (20, "Verwey-Jonker Instituut, 2023, Hoe", "stagediscriminatie willen melden", "onderzoek"),
        (
            21,
            "https://www.rijksoverheid.nl/documenten/rapporten/2023/05/25/"
            "toolbox-aanpak-stagediscriminatie",
            None,
            "toolbox",
        ),
        (22, "9,6 procent van de mensen", "Kernindicatoren Integratie 2023, CBS", "bijstand"),
        (
            23,
            "Eerste generatie met buiten-Europese migratieachtergrond",
            "Gelijkwaardige Kansen, Significant, 2023",
            "WW",
        ),
        (
            24,
            "https://www.rijksoverheid.nl/documenten/publicaties/2021/11/17/"
            "onderzoek-pilots-programma-verdere-integratie-op-de-arbeidsmarkt-via",
            None,
            "begeleiden",
        ),
        (25, "https://www.quickscandiversiteit.nl", None, "diversiteit"),
        (26, "Dit laatste project is mede", "tot en met maart 2024.", "statushouders"),
        (
            27,
            "https://www.rijksoverheid.nl/documenten/rapporten/2023/06/28/"
            "voortgang-van-de-werkagenda-via-rapport-nulmeting",
            None,
            "kennis",
        ),
        (
            28,
            "Risbo, 2023, Arbeidstoeleiding over de",
            "context | Rapport | Rijksoverheid.nl",
            "werk",
        ),
        (29, "Zie voetnoot 28", None, "VIA"),
        (30, "www.monitorgelijkwaardigekansen.nl", None, "arbeidsmarktontwikkelingen"),
        (
            31,
            "Zo blijkt uit de «Kernindicatoren",
            "is dat 2,9 procentpunten.",
            "migratieachtergrond",
        ),
        (
            32,
            "Met 8 versus 4 procentpunten, in de periode 2008–2013/2014.",
            None,
            "migratieachtergrond",
        ),
        (33, "Bron: www.monitorgelijkwaardigekansen.nl", None, "groot"),
        (
            34,
            "Het gemiddelde uurloon van de",
            "bron: www.monitorgelijkwaardigekansen.nl",
            "uurloon",
        ),
        (35, "Bron: www.monitorgelijkwaardigekansen.nl", None, "migratieachtergrond"),
        (
            36,
            "In de particuliere sector verliezen",
            "Bron: www.monitorgelijkwaardigekansen.nl",
            "baan",
        ),
        (37, "Percentage met bijstand is onder", "Bron: Kernindicatoren Integratie", "groot"),
    ],
    "001": [],
    "002": [
        (1, "De Taskforce VIA bestaat uit", "Nederland en Open Embassy.", "partijen"),
        (2, "Kamerstukken II 2023-2024, 32824, nr. 419", None, "Ergin"),
        (
            3,
            "Significant Public, 2023, monitor van",
            "ongeacht migratieachtergrond, tweede meeting.",
            "Significant",
        ),
    ],
    "003": [
        (1, "De Werkagenda VIA is opgesteld", "aangeboden (Kamerstuk 29 544, nr. 1085).", "VIA"),
        (2, "CBS, dashboard arbeidsmarkt.", None, "migratieachtergrond"),
        (3, "Ongelijke kansen op de stagemarkt 2021 Verwey Jonker.", None, "kenmerken"),
        (
            4,
            "(On)gelijke toegang tot stage en",
            "ROA en Klooster Onderzoek & Advies.",
            "migratieachtergrond",
        ),
        (
            5,
            "Evaluatie programma Verdere Integratie op de Arbeidsmarkt 2021 "
            "De Beleidsonderzoekers.",
            None,
            "dagbesteding",
        ),
        (6, "De haalbaarheid van aanpakken om", "bijlage bij deze Kamerbrief.", "inclusie"),
        (
            7,
            "Monitor van gelijke kansen en evenredige posities op de arbeidsmarkt 2021 "
            "Significant Public.",
            None,
            "migratieachtergrond",
        ),
        (8, "Kamerstuk 32 824, nr. 357.", None, "integratie"),
        (9, "Kamerstuk 29 544, nr. 1094.", None, "gesteld"),
        (10, "Kamerstuk 29 544, nr. 1119.", None, "creëren"),
        (
            11,
            "De behandeling van dit wetsvoorstel",
            "aan intermediairs (Kamerstuk 35 763).",
            "selectie",
        ),
        (12, "Kamerstuk 29 544, nr. 1119.", None, "werkprogramma"),
        (13, "Pilot Behoud & Doorstroom 2022 TNO.", None, "gepubliceerd"),
        (14, "Kamerstuk 32 824 en 29 544, nr. 370.", None, "341"),
        (15, "Asiel en Integratie 2022 CBS.", None, "heeft"),
        (16, "Kamerstuk 32 824 en 29 544, nr. 370.", None, "toegezegd"),
        (17, "Kamerstuk 32 825, nr. 372.", None, "Aartsen"),
    ],
    "004": [
        (
            1,
            "Hieronder vallen volgens de nu",
            "niet-westerse migratieachtergrond (cbs.nl)",
            "migratieachtergrond",
        ),
        (2, "CBS, 2020, Hoe verschillen arbeid", "SCP, 2016, Integratie in zicht?", "hebben"),
        (
            3,
            "ROA, 2015, Tussen onderwijs en",
            "Gemeenten, 2018, Kansen Bekeken.",
            "migratieachtergrond",
        ),
        (
            4,
            "Sociaal-Economische Raad (2019), Diversiteit in de top: tijd voor versnelling.",
            None,
            "arbeidsmarkt",
        ),
        (5, "CBS, 2020, Werkloosheid naar migratieachtergrond", None, "conjunctuur"),
        (6, "Het operationele doel van het", 'blijvend versterkt kan worden."', "versterken"),
        (7, "Commissiedebat Inburgering en Integratie, 28 juni 2021", None, "SZW"),
        (8, "Kamerstukken II 2020/21, 32824, nr. 328", None, "inburgeraars"),
        (9, "Kamerstukken II 2020/21, 35 420, nr. 300", None, "Bij1"),
        (
            10,
            "Zie voor een korte toelichting over alle pilots de Informatiefolder in de bijlage.",
            None,
            "praktijk-pilots",
        ),
        (11, "Bijlage bij Kamerstukken II / 2020/21, 31865-188, blz. 14", None, "waarde"),
        (
            12,
            "Voortgangsrapportage Actieplan Arbeidsmarktdiscriminatie 2018-2021, "
            "Kamerstukken II 2019/20, 29544, nr. 1018",
            None,
            "2018-2021",
        ),
        (13, "Kamerstukken II, 2019/20, 31 524, nr. 443", None, "stagediscriminatie"),
        (
            14,
            "De Beleidsonderzoekers en Verwonderzoek (2021),",
            "impact van het programma",
            "programma-evaluatie",
        ),
        (15, "TNO (2021), Richting gelijke kansen", "Nudging in Werving en Selectie", "ervaring"),
        (16, "Kamerstukken II 2020/21, 35673", None, "verklaard"),
        (
            17,
            "Berenschot (2021), Maatschappelijke kostenbaten-analyse",
            "Leren en Werken bij Liander",
            "vullen",
        ),
        (18, "Ministerie van SZW (2021), Informatiefolder", "Leren en Werken VIA", "arbeidsmarkt"),
        (
            19,
            "Sociaal-Economische Raad (2021), kennisdocument",
            "een inventarisatie van opschalingsmogelijkheden'",
            "gebracht",
        ),
        (20, "LBPL (2021), MKBA Pilot VIA Amsterdam", None, "zijn"),
        (
            21,
            "De Beleidsonderzoekers en Verwonderzoek (2021),",
            "impact van het programma",
            "begeleiding",
        ),
        (
            22,
            "Significant (2020), De weg naar werk,",
            "met een niet-westerse migratieachtergrond",
            "inschatten",
        ),
        (23, "TNO (2021), Richting gelijke kansen", "Werving en Selectie, blz. 43", "uitoefenen"),
        (24, "Zie ook: www.talentsbelangrijker.nl", None, "ondersteund"),
        (
            25,
            "Universiteit Utrecht, Nederlandse Inclusiviteitsmonitor en",
            "synergie tussen wetenschap en praktijk.",
            "gevolg",
        ),
        (26, "TNO (2021), Tussenrapport pilot Behoud en Doorstroom", None, "begeleiding"),
        (
            27,
            "Leden van de Taskforce zijn:",
            "Vluchtelingenwerk Nederland, ministerie van SZW",
            "Integratie",
        ),
        (
            28,
            "Significant Public (2021), Tussenrapportage Barometer",
            "Culturele Diversiteit, blz. 21",
            "geven",
        ),
        (
            29,
            "Cadat-Lampe, M. en Felten, H.",
            "quota-tegen-arbeidsmarktdiscr-migranten-kis-2020.pdf",
            "houden",
        ),
        (
            30,
            "https://www.cbs.nl/nl-nl/maatwerk/2020/40/verkenning-culturele-diversiteit-in-de-top",
            None,
            "macroniveau",
        ),
        (31, "Gielen, Scholten, Bakker, Athmer en Blom (2021), Titel [PM]", None, "brief"),
        (
            32,
            "WRR (2018), 'De nieuwe verscheidenheid",
            "naar herkomst in Nederland'.",
            "migratieachtergrond",
        ),
        (33, "CBS, dashboard Barometer culturele diversiteit", None, "meer"),
        (
            34,
            "Gielen, Scholten, Bakker, Athmer en",
            "op basis van veertig indicatoren",
            "verbeterd",
        ),
        (35, "De Beleidsonderzoekers en Verwonderzoek (2021),", "impact van het programma", "VIA"),
    ],
}

FOOTNOTE_ROWS = [
    pytest.param(seed, *row, id=f"{seed}-fn{row[0]}")
    for seed, rows in FOOTNOTES.items()
    for row in rows
]

# Footnote texts joined across lines, blank lines and hyphenation: (seed, number, substring).
FOOTNOTE_JOINS = [
    ("000", 2, "de categorieën «westers» en «niet-westers» om onderscheid te maken naar herkomst"),
    ("000", 8, "interventies om arbeidsmarktdiscriminatie te verminderen"),
    ("000", 10, "voor etnisch-cultureel diverse sollicitanten te bevorderen."),
    ("000", 17, "mogelijkheden voor loopbaanoriëntatie en -begeleiding (Tijdelijke regeling"),
    ("000", 22, "ontving in september 2022 bijstand, tegenover 1,7 procent"),
    ("000", 28, "arbeidstoeleiding van personen met een migratieachtergrond. Zie ook"),
    ("000", 34, "ten opzichte van de mensen zonder migratieachtergrond, bron:"),
    ("000", 36, "vaker hun baan dan mensen zonder migratieachtergrond. Bron:"),
    ("002", 1, "Nederlandse Bond van Bemiddelings-en Uitzendondernemingen (NBBU)"),
    ("003", 1, "VluchtelingenWerk Nederland, Ministerie van SZW. In december vorig jaar"),
    ("003", 4, "migratieachtergrond 2020 ROA en Klooster Onderzoek & Advies."),
    ("003", 6, "KIS en TNO, 2022. Zie ook"),
    ("003", 11, "meldplicht voor discriminerende verzoeken door opdrachtgevers"),
    ("004", 29, "zinvol en haalbaar? Tegengaan van achterstand van werknemers"),
]


@pytest.mark.parametrize("seed", list(SEEDS))
def test_footnote_numbers_complete_and_in_order(seed: str) -> None:
    numbers = [f.number for f in letter(seed).footnotes]
    assert numbers == [row[0] for row in FOOTNOTES[seed]]


@pytest.mark.parametrize(("seed", "number", "start", "end", "word"), FOOTNOTE_ROWS)
def test_footnote_text(seed: str, number: int, start: str, end: str | None, word: str) -> None:
    notes = {f.number: f for f in letter(seed).footnotes}
    assert number in notes, f"footnote {number} missing"
    text = notes[number].text
    if end is None:
        assert text == start
    else:
        assert text.startswith(start), text[: len(start) + 40]
        assert text.endswith(end), text[-len(end) - 40 :]


@pytest.mark.parametrize(("seed", "number", "start", "end", "word"), FOOTNOTE_ROWS)
def test_footnote_marker_context(
    seed: str, number: int, start: str, end: str | None, word: str
) -> None:
    notes = {f.number: f for f in letter(seed).footnotes}
    assert number in notes, f"footnote {number} missing"
    assert last_word(notes[number].marker_context) == word, notes[number].marker_context


@pytest.mark.parametrize(("seed", "number", "fragment"), FOOTNOTE_JOINS)
def test_footnote_joined(seed: str, number: int, fragment: str) -> None:
    notes = {f.number: f for f in letter(seed).footnotes}
    assert number in notes, f"footnote {number} missing"
    assert fragment in notes[number].text


@pytest.mark.parametrize("seed", list(SEEDS))
def test_footnote_spans_point_into_text(seed: str) -> None:
    doc = letter(seed)
    for note in doc.footnotes:
        assert note.start >= doc.body_end
        assert doc.text[note.start : note.end] == note.text


# --- 2. references --------------------------------------------------------------------------
# seed -> every Kamerstuk/Handelingen/dossier citation as (id, footnote number or None).
# Page footers ("Tweede Kamer, vergaderjaar 2022–2023, 29 544, nr. 1158") are not citations.

REFERENCES: dict[str, list[tuple[str, int | None]]] = {
    "000": [
        ("kst-29544-1085", 3),
        ("kst-32824-381", 4),
        ("kst-32824-389", 5),
        ("kst-31524-549", 18),
        ("kst-32824-367", None),  # body: "(Kamerstuk\n32 824, nr. 367)"
    ],
    "001": [],
    "002": [
        ("kst-32824-419", 2),
    ],
    "003": [
        ("kst-29544-1085", 1),
        ("kst-32824-357", 8),
        ("kst-29544-1094", 9),
        ("kst-29544-1119", 10),
        ("35763", 11),
        ("kst-29544-1119", 12),
        ("kst-32824-370", 14),  # "Kamerstuk 32 824 en 29 544, nr. 370": one document
        ("kst-32824-370", 16),
        ("kst-32825-372", 17),  # sic: "32 825" in the letter
        ("kst-32824-367", None),
        ("kst-32824-341", None),
    ],
    "004": [
        ("kst-32824-328", 8),
        ("kst-35420-300", 9),
        ("kst-31865-188", 11),
        ("kst-29544-1018", 12),
        ("kst-31524-443", 13),
        ("35673", 16),  # "Kamerstukken II 2020/21, 35673": dossier only
    ],
}

DOSSIERS = {"35763", "35673"}


@pytest.mark.parametrize("seed", list(SEEDS))
def test_references_exact(seed: str) -> None:
    got = Counter((r.id, r.footnote) for r in letter(seed).references)
    assert got == Counter(REFERENCES[seed])


@pytest.mark.parametrize("seed", list(SEEDS))
def test_reference_kinds(seed: str) -> None:
    for ref in letter(seed).references:
        want = ReferenceKind.DOSSIER if ref.id in DOSSIERS else ReferenceKind.KAMERSTUK
        assert ref.kind == want, ref


def test_own_number_is_not_a_reference() -> None:
    assert "kst-29544-1158" not in {r.id for r in letter("003").references}


# --- 3. metadata ----------------------------------------------------------------------------
# Undated letters: the year they were written, read from their content.
#   000: "De quickscan diversiteit is begin december 2023 gelanceerd", next report "eerste
#        kwartaal van 2024" -> written late 2023.
#   001: "In het laatste kwartaal van 2018 wordt de barometer ... getest", "Gestart eind 2018",
#        pilots "start januari 2019" -> written late 2018.
#   002: "Tijdens de Taskforce VIA van 11 maart 2025 hebben de leden de Werkagenda VIA
#        vastgesteld", "In juli is de rapportage ... gereed" -> spring 2025.
#   003: footer "vergaderjaar 2022–2023", "vanaf oktober 2022 van start gegaan", "Noord staan
#        voor 2023 gepland" -> late 2022.

ANY = object()  # field not asserted

METADATA = [
    # seed, kind, title, date iso, signatory, role, own kamerstuk
    (
        "000",
        DocumentKind.KAMERBRIEF,
        "Gelijkwaardige kansen op de arbeidsmarkt voor iedereen",
        "2023",
        "C.E.G. van Gennip",
        "Minister van Sociale Zaken en Werkgelegenheid",
        None,
    ),
    (
        "001",
        DocumentKind.BIJLAGE,
        "Programma Verdere Integratie op de Arbeidsmarkt",
        "2018",
        None,
        None,
        None,
    ),
    (
        "002",
        DocumentKind.KAMERBRIEF,
        ANY,
        "2025",
        "J.N.J. Nobel",
        "Staatssecretaris Participatie en Integratie",
        None,
    ),
    (
        "003",
        DocumentKind.KAMERBRIEF,
        ANY,
        "2022",
        "C.E.G. van Gennip",
        "Minister van Sociale Zaken en Werkgelegenheid",
        "kst-29544-1158",
    ),
    (
        "004",
        DocumentKind.KAMERBRIEF,
        "Uitkomsten, afronding en vervolg van het programma Verdere Integratie op de "
        "Arbeidsmarkt (VIA)",
        "2021-11-17",
        "A.D. Wiersma",
        "Staatssecretaris van Sociale Zaken en Werkgelegenheid",
        None,
    ),
]
METADATA_ROWS = [pytest.param(*row, id=row[0]) for row in METADATA]
META_ARGS = ("seed", "kind", "title", "iso", "signatory", "role", "kamerstuk")


@pytest.mark.parametrize(META_ARGS, METADATA_ROWS)
def test_kind(seed, kind, title, iso, signatory, role, kamerstuk) -> None:
    assert letter(seed).metadata.kind == kind


@pytest.mark.parametrize(META_ARGS, METADATA_ROWS)
def test_title(seed, kind, title, iso, signatory, role, kamerstuk) -> None:
    if title is ANY:
        return
    assert letter(seed).metadata.title == title


@pytest.mark.parametrize(META_ARGS, METADATA_ROWS)
def test_date(seed, kind, title, iso, signatory, role, kamerstuk) -> None:
    date = letter(seed).metadata.date
    assert date.iso() == iso, date
    want = DatePrecision.DAY if len(iso) == 10 else DatePrecision.YEAR
    assert date.precision == want


@pytest.mark.parametrize(META_ARGS, METADATA_ROWS)
def test_signatory_and_role(seed, kind, title, iso, signatory, role, kamerstuk) -> None:
    meta = letter(seed).metadata
    assert (meta.signatory, meta.role) == (signatory, role)


@pytest.mark.parametrize(META_ARGS, METADATA_ROWS)
def test_own_kamerstuk(seed, kind, title, iso, signatory, role, kamerstuk) -> None:
    assert letter(seed).metadata.kamerstuk == kamerstuk


def test_own_vergaderjaar() -> None:
    assert (letter("003").metadata.vergaderjaar or "").replace("–", "-") == "2022-2023"


def test_stated_date_outranks_inferred_years() -> None:
    stated = letter("004").metadata.date.confidence
    for seed in ("000", "001", "002", "003"):
        assert letter(seed).metadata.date.confidence < stated, seed


# --- 4. text cleaning -----------------------------------------------------------------------

FURNITURE = ["Onze referentie", "Tweede Kamer, vergaderjaar", "Retouradres"]

ABSENT_FROM_BODY = [(seed, fragment) for seed in SEEDS for fragment in FURNITURE] + [
    ("003", "nr. 1158"),
    ("004", "2021-0000181230"),
    ("004", "17 november 2021"),
    ("004", "Postbus 90801"),
    ("004", "Prinses Irenestraat"),
    ("004", "Parnassusplein"),
    ("004", "070 333 44 44"),
    ("004", "www.rijksoverheid.nl"),
    ("004", "De voorzitter van de Tweede Kamer"),
    ("002", "Significant Public, 2023, monitor"),
    # glued footnote markers
    ("000", "SCP1"),
    ("000", "tergrond2"),
    ("000", "VIA3"),
    ("000", "toolbox 21"),
    ("000", "self-efficacy 16"),
    ("002", "Ergin2"),
    ("002", "Significant.3"),
    ("003", "nr. 341)14"),
    ("003", "Aartsen17"),
    # footnote texts stay out of the body
    ("000", "Kamerstuk 29 544, nr. 1085"),
    ("000", "Eigentijdse ongelijkheid"),
    ("003", "CBS, dashboard arbeidsmarkt"),
    ("003", "Kamerstuk 32 825, nr. 372"),
    ("004", "Commissiedebat Inburgering en Integratie, 28 juni 2021"),
    ("004", "Tegengaan van achterstand van werknemers met migratieachtergrond. Kennisplatform"),
]

PRESENT_IN_BODY = [
    # markers removed, words kept
    ("000", "Het onlangs gepubliceerde rapport van het SCP bevestigt opnieuw"),
    ("000", "heb ik samen met 22 (koepel)organisaties de Werkagenda VIA uitgevoerd."),
    ("000", "een toolbox en een checklist stagediscriminatie"),
    ("000", "(self-efficacy)"),
    ("002", "invulling aan de motie Ergin waarin"),
    ("002", "van Significant. Met deze rapportage"),
    ("003", "ook al hebben ze verder dezelfde kenmerken."),
    ("004", "niet-westerse migratieachtergrond structureel een slechtere arbeidsmarktpositie"),
    ("004", "Van Baarle (Denk) en Simons (Bij1) verzoekt"),
    # sentences continue across the footnote block at a page bottom
    ("000", "Per thema van de werkagenda wordt kort uitgelegd"),
    ("000", "een belangrijke basis om gelijke kansen te bevorderen."),
    ("002", "In de eerste Werkagenda VIA (2021-2025) zijn de acties"),
    ("002", "direct bij de aanvraag van bijstand een baan krijgt aangeboden."),
    ("003", "zoals taal, opleiding, sociale netwerken, etc."),
    ("003", "ongeveer 45% betaald werk heeft."),
    ("003", "stagediscriminatie in het hoger onderwijs met een onderliggend werkprogramma."),
    ("004", "zichtbaar dat burgers met een migratieachtergrond kwetsbaarder zijn"),
    ("004", "Het Kennispunt MBO Gelijke Kansen, Diversiteit en Inclusie biedt scholen"),
    ("004", "wat bewezen effectief is om gelijke startkansen"),
    ("004", "(persoonlijke) visie en ervaring in te brengen"),
    # words broken at a line end are mended
    ("000", "(voorheen niet-westerse) migratieachtergrond structureel te verbeteren"),
    ("000", "tegengaan van stagediscriminatie, het tegengaan van arbeidsmarktdiscriminatie"),
    ("000", "uit de wetenschappelijke consensus over objectief selecteren"),
    ("000", "Samenwerkingsorganisatie Beroepsonderwijs Bedrijfsleven"),
    ("000", "Door de krapte op de arbeidsmarkt kunnen we"),
    ("001", "Deze bedrijven zijn o.a. winstgevender, creatiever"),
    ("003", "last hebben van discriminatie."),
    ("003", "professionals uit de arbeidsmarktregio’s benutten"),
    ("003", "met name in tekortsectoren."),
    # real hyphens are kept, also at a line end or line start
    ("000", "mensen met een buiten-Europese migratieachtergrond stromen 24%"),
    ("000", "de bestaande Loopbaanoriëntatie en -begeleiding (LOB)"),
    ("000", "stage- en arbeidsmarktdiscriminatie voor hen tegen te gaan"),
    ("001", "bij WW-gerechtigden met niet-westerse achtergrond om re-entry te vergroten"),
    ("001", "effectiviteit voor de VIA-doelgroepen."),
    ("003", "Utrechtse mbo-studenten met een migratieachtergrond"),
]


@pytest.mark.parametrize(("seed", "fragment"), ABSENT_FROM_BODY)
def test_absent_from_body(seed: str, fragment: str) -> None:
    assert fragment not in body(seed)


@pytest.mark.parametrize(("seed", "fragment"), PRESENT_IN_BODY)
def test_present_in_body(seed: str, fragment: str) -> None:
    assert fragment in body(seed)


def test_no_superscript_markers_left() -> None:
    assert not re.search("[⁰¹²³⁴⁵⁶⁷⁸⁹]", letter("004").text)


def test_no_markdown_markup_left() -> None:
    # 004 marks titles as *italic* and URLs as <autolinks>: formatting, not wording
    assert not re.search(r"[*<>]", letter("004").text)


def test_no_date_heading_or_page_number_in_body() -> None:
    assert not re.search(r"\bDatum\b", body("004"))
    assert not re.search(r"2019\.\s+8\s+PILOT", body("001"))


@pytest.mark.parametrize(
    ("seed", "opening"),
    [
        ("003", "Afkomst is in Nederland helaas nog te vaak bepalend"),
        ("004", "Bij aanvang van het programma Verdere Integratie op de Arbeidsmarkt"),
    ],
)
def test_body_opens_with_letter_text(seed: str, opening: str) -> None:
    assert body(seed).lstrip().startswith(opening)


URL_HYPHENS = [
    ("000", 19, "Manifest-tegen-stagediscriminatie-hoger-onderwijs.pdf"),
    ("000", 21, "/toolbox-aanpak-stagediscriminatie"),
    ("000", 24, "onderzoek-pilots-programma-verdere-integratie"),
    ("000", 27, "voortgang-van-de-werkagenda-via"),
]


@pytest.mark.parametrize(("seed", "number", "fragment"), URL_HYPHENS)
def test_url_keeps_hyphen_at_line_break(seed: str, number: int, fragment: str) -> None:
    notes = {f.number: f for f in letter(seed).footnotes}
    assert fragment in notes[number].text
