"""Tests for ingest.sources: citation shapes from real letters and others, the vocabulary,
unknown publishers, non-sources, and finding "Bron:" lines and inline sources in text."""

from __future__ import annotations

import json
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingest.sources import (
    KNOWN,
    UNKNOWN,
    SourceRef,
    find_bron,
    find_inline_source,
    normalise_source,
)

MGK = "Monitor Gelijkwaardige Kansen"

# (source text, (publication, publisher, url, year))
CITATIONS = [
    # "Publisher, Year, Title" (footnotes of seed 000)
    ("SCP, 2023, Eigentijdse ongelijkheid | Publicatie | Sociaal en Cultureel Planbureau (scp.nl)",
     ("Eigentijdse ongelijkheid", "SCP", "scp.nl", 2023)),
    ("TNO, 2022, Werkgevers Enquete Arbeidsmarkt 2021",
     ("Werkgevers Enquête Arbeidsmarkt 2021", "TNO", None, 2022)),
    ("Zie bijvoorbeeld: SEO, 2020, De overgang van het mbo naar de arbeidsmarkt of ROA, 2020, "
     "(on)gelijke toegang tot stage en werk van hbo’ers met een migratieachtergrond.",
     ("De overgang van het mbo naar de arbeidsmarkt", "SEO", None, 2020)),
    ("Verwey-Jonker Instituut, 2023, Hoe mbo-studenten stagediscriminatie willen melden",
     ("Hoe mbo-studenten stagediscriminatie willen melden", "Verwey-Jonker Instituut", None, 2023)),
    ("Risbo, 2023, Arbeidstoeleiding over de grens: ideeën voor de Nederlandse context. Een studie "
     "naar buitenlandse interventies.",
     ("Arbeidstoeleiding over de grens: ideeën voor de Nederlandse context", "Risbo", None, 2023)),
    # "Publisher (Year), Title" (seed 004)
    ("Sociaal-Economische Raad (2019), Diversiteit in de top: tijd voor versnelling.",
     ("Diversiteit in de top: tijd voor versnelling", "SER", None, 2019)),
    ("De Beleidsonderzoekers en Verwonderzoek (2021), Evaluatie programma Verdere Integratie op de "
     "Arbeidsmarkt, Derde rapport: uitvoering, opbrengsten en impact van het programma",
     ("Evaluatie programma Verdere Integratie op de Arbeidsmarkt", "De Beleidsonderzoekers", None,
      2021)),
    ("Significant Public (2021), Tussenrapportage Barometer Culturele Diversiteit, blz. 21",
     ("Tussenrapportage Barometer Culturele Diversiteit", "Significant", None, 2021)),
    ("CBS, 2020, Hoe verschillen arbeid en inkomen naar migratieachtergrond?; SCP, 2016, "
     "Integratie in zicht?",
     ("Hoe verschillen arbeid en inkomen naar migratieachtergrond?", "CBS", None, 2020)),
    # "Title Year Publisher" (seed 003)
    ("Ongelijke kansen op de stagemarkt 2021 Verwey Jonker.",
     ("Ongelijke kansen op de stagemarkt", "Verwey-Jonker Instituut", None, 2021)),
    ("(On)gelijke toegang tot stage en werk voor jongeren met een migratieachtergrond 2020 ROA en "
     "Klooster Onderzoek & Advies.",
     ("(On)gelijke toegang tot stage en werk voor jongeren met een migratieachtergrond", "ROA",
      None, 2020)),
    ("Evaluatie programma Verdere Integratie op de Arbeidsmarkt 2021 De Beleidsonderzoekers.",
     ("Evaluatie programma Verdere Integratie op de Arbeidsmarkt", "De Beleidsonderzoekers", None,
      2021)),
    ("Pilot Behoud & Doorstroom 2022 TNO.", ("Pilot Behoud & Doorstroom", "TNO", None, 2022)),
    # "Title, Publisher, Year" and "Publisher, Title, Year" (seed 003, brochure 001)
    ("De haalbaarheid van aanpakken om gelijke kansen in werving en selectie te bevorderen, KIS en "
     "TNO, 2022. Zie ook de bijlage bij deze Kamerbrief.",
     ("De haalbaarheid van aanpakken om gelijke kansen in werving en selectie te bevorderen", "KIS",
      None, 2022)),
    ("SCP, Gevlucht met weinig bagage, 2017", ("Gevlucht met weinig bagage", "SCP", None, 2017)),
    ("McKinsey, Diversity matters, 2015", ("Diversity matters", "McKinsey", None, 2015)),
    ("Atlas voor gemeenten 'Kansen bekeken', 2018",
     ("Kansen bekeken", "Atlas voor Gemeenten", None, 2018)),
    ("CBS, dashboard arbeidsmarkt.", ("dashboard arbeidsmarkt", "CBS", None, None)),
    # publications of their own
    ("Kernindicatoren Integratie 2023, CBS", ("Kernindicatoren Integratie 2023", "CBS", None, 2023)),
    ("Bron: Kernindicatoren Integratie", ("Kernindicatoren Integratie", "CBS", None, None)),
    ("CBS Statline 2018", ("CBS Statline 2018", "CBS", None, 2018)),
    ("Jaarrapport Integratie 2013", ("Jaarrapport Integratie 2013", "SCP", None, 2013)),
    ("Jaarrapport Integratie 2020", ("Jaarrapport Integratie 2020", "CBS", None, 2020)),
    ("Asiel en Integratie 2022 CBS.", ("Asiel en Integratie 2022", "CBS", None, 2022)),
    ("Bron Monitor Gelijkwaardige Kansen, Significant, 2023", (MGK, "Significant", None, 2023)),
    ("Significant Public, 2023, monitor van gelijkwaardige kansen en evenredige posities op de "
     "arbeidsmarkt, ongeacht migratieachtergrond, tweede meeting.",
     (MGK, "Significant", None, 2023)),
    ("Monitor van gelijke kansen en evenredige posities op de arbeidsmarkt 2021 Significant Public.",
     (f"{MGK} 2021", "Significant", None, 2021)),
    # URLs: domain -> publisher (or publication), the last path segment may name the document
    ("Bron: www.monitorgelijkwaardigekansen.nl",
     (MGK, "Significant", "www.monitorgelijkwaardigekansen.nl", None)),
    ("Zie bijvoorbeeld de monitor gelijkwaardige kansen (www.monitorgelijkwaardigekansen.nl)",
     (MGK, "Significant", "www.monitorgelijkwaardigekansen.nl", None)),
    ("https://www.rijksoverheid.nl/documenten/rapporten/2023/05/25/toolbox-aanpak-stagediscriminatie",
     ("Toolbox aanpak stagediscriminatie", "Rijksoverheid",
      "https://www.rijksoverheid.nl/documenten/rapporten/2023/05/25/toolbox-aanpak-stagediscriminatie",
      2023)),
    ("https://www.cbs.nl/nl-nl/maatwerk/2020/40/verkenning-culturele-diversiteit-in-de-top",
     ("Verkenning culturele diversiteit in de top", "CBS",
      "https://www.cbs.nl/nl-nl/maatwerk/2020/40/verkenning-culturele-diversiteit-in-de-top", 2020)),
    # authors first: a known publisher in the text (or the URL's) is the publisher
    ("Gelderblom, A. et al, LOB & Kansrijke keuzes in het vmbo, opdrachtgever: Instituut GAK, juni "
     "2023, Rotterdam, SEOR.", ("LOB & Kansrijke keuzes in het vmbo", "SEOR", None, 2023)),
    ("Cadat-Lampe, M. en Felten, H. (juli 2020) De inzet van quota: zinvol en haalbaar? "
     "https://www.kis.nl/sites/default/files/quota-tegen-arbeidsmarktdiscr-migranten-kis-2020.pdf",
     ("De inzet van quota: zinvol en haalbaar?", "KIS",
      "https://www.kis.nl/sites/default/files/quota-tegen-arbeidsmarktdiscr-migranten-kis-2020.pdf",
      2020)),
    # earlier letters
    ("Kamerstuk 29 544, nr. 1094.", ("Kamerstuk 29 544, nr. 1094", None, None, None)),
    ("Voortgangsrapportage Actieplan Arbeidsmarktdiscriminatie 2018-2021, Kamerstukken II 2019/20, "
     "29544, nr. 1018",
     ("Voortgangsrapportage Actieplan Arbeidsmarktdiscriminatie 2018-2021", None, None, None)),
    # other publishers and wordings
    ("Nibud (2024), Budgethandboek", ("Budgethandboek", "Nibud", None, 2024)),
    ("Bron: CPB, Centraal Economisch Plan 2025.", ("Centraal Economisch Plan 2025", "CPB", None, None)),
    ("Centraal Bureau voor de Statistiek (2022), Jaarrapport Integratie 2022",
     ("Jaarrapport Integratie 2022", "CBS", None, 2022)),
    ("Regioplan, 2019, Evaluatie van de Participatiewet",
     ("Evaluatie van de Participatiewet", "Regioplan", None, 2019)),
    ("Bron: Panteia (2023), Kinderen in armoede, p. 12.",
     ("Kinderen in armoede", "Panteia", None, 2023)),
    # inline phrases
    ("het Nibud", (None, "Nibud", None, None)),
    ("cijfers van het UWV", (None, "UWV", None, None)),
    ("de «Kernindicatoren Integratie 2022» van CBS",
     ("Kernindicatoren Integratie 2022", "CBS", None, 2022)),
    ("Het Sociaal en Cultureel Planbureau", (None, "SCP", None, None)),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), CITATIONS)
def test_normalise_source(text: str, expected: tuple) -> None:
    assert normalise_source(text) == SourceRef(*expected)


def test_the_monitor_by_its_site_and_by_its_name_is_one_publication() -> None:
    by_site = normalise_source("www.monitorgelijkwaardigekansen.nl")
    by_name = normalise_source("Monitor Gelijkwaardige Kansen")
    assert by_site and by_name
    assert (by_site.publication, by_site.publisher) == (by_name.publication, by_name.publisher)
    assert (by_name.publication, by_name.publisher) == (MGK, "Significant")


# Unknown publishers stay as written, with a lower confidence.
UNKNOWN_PUBLISHERS = [
    ("Odijk, Hiemstra en Born, 2023, Kansengelijkheid in selectie en assessment, Een labstudie.",
     ("Kansengelijkheid in selectie en assessment", "Odijk, Hiemstra en Born", None, 2023)),
    ("LBPL (2021), MKBA Pilot VIA Amsterdam", ("MKBA Pilot VIA Amsterdam", "LBPL", None, 2021)),
    ("Universiteit Utrecht, Nederlandse Inclusiviteitsmonitor en Diversiteit in Bedrijf (2021), "
     "Het moet wel werken. Inclusiviteit op de arbeidsmarkt.",
     ("Het moet wel werken", "Universiteit Utrecht", None, 2021)),
    ("Kenniscentrum Arbeid en Zorg, 2022, Werkende armen", ("Werkende armen",
     "Kenniscentrum Arbeid en Zorg", None, 2022)),
    ("Woonbond, Huurders in de knel, 2024", ("Huurders in de knel", "Woonbond", None, 2024)),
    ("Kenniscentrum Arbeid Xyz", (None, "Kenniscentrum Arbeid Xyz", None, None)),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), UNKNOWN_PUBLISHERS)
def test_unknown_publishers_stay_as_written(text: str, expected: tuple) -> None:
    ref = normalise_source(text)
    assert ref == SourceRef(*expected)
    assert ref is not None and ref.confidence == UNKNOWN < KNOWN


def test_unknown_domains_name_the_publisher_weakly() -> None:
    url = "https://echo-net.nl/wp-content/uploads/2023/07/Manifest-tegen-stagediscriminatie.pdf"
    ref = normalise_source(url)
    assert ref == SourceRef("Manifest tegen stagediscriminatie", "echo-net.nl", url, 2023)
    assert ref is not None and ref.confidence < UNKNOWN


@pytest.mark.parametrize(
    "text",
    [
        "Zie voetnoot 28",
        "self-efficacy is het vertrouwen in het eigen kunnen om een probleem op te lossen.",
        "Met 8 versus 4 procentpunten, in de periode 2008–2013/2014.",
        "De Taskforce VIA bestaat uit de volgende partners: ministerie van Sociale Zaken en "
        "Werkgelegenheid (SZW), Sociaal-Economische Raad (SER), Divosa.",
        "Dit laatste project loopt van eind 2022 tot en met maart 2024.",
        "Commissiedebat Inburgering en Integratie, 28 juni 2021",
        "mij",
        "de Kamer",
        "onderzoek",
        "",
    ],
)
def test_not_a_source(text: str) -> None:
    assert normalise_source(text) is None


def test_every_vocabulary_entry_normalises_to_itself() -> None:
    raw = json.loads(resources.files("ingest").joinpath("data/sources.json").read_text("utf-8"))
    for entry in raw["publishers"]:
        for name in [entry["name"], *entry["aliases"]]:
            ref = normalise_source(f"{name}, 2020, Een rapport")
            assert ref is not None and ref.publisher == entry["name"], name
    for entry in raw["publications"]:
        ref = normalise_source(entry["name"])
        assert ref is not None and ref.publication == entry["name"], entry["name"]


@given(
    publisher=st.sampled_from(["CBS", "SCP", "TNO", "Movisie", "Berenschot", "Nibud", "AEF"]),
    year=st.integers(min_value=1950, max_value=2049),
    title=st.text(alphabet="abcdefghijklmnopqrstuvwxyz ", min_size=3, max_size=40).filter(
        lambda t: len(t.split()) >= 2
    ),
)
def test_publisher_year_title_round_trip(publisher: str, year: int, title: str) -> None:
    title = " ".join(title.split())
    assert normalise_source(f"{publisher}, {year}, {title}") == SourceRef(
        title, publisher, None, year
    )
    assert normalise_source(f"{publisher} ({year}), {title}") == SourceRef(
        title, publisher, None, year
    )


# --- finding sources in running text --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12% heeft een migratieachtergrond. Bron: CBS Statline 2018", "CBS Statline 2018"),
        ("Bron: Atlas voor gemeenten 'Kansen bekeken', 2018\nVolgende regel",
         "Atlas voor gemeenten 'Kansen bekeken', 2018"),
        ("… dit verschil 10%. Bron Monitor Gelijkwaardige Kansen, Significant, 2023",
         "Monitor Gelijkwaardige Kansen, Significant, 2023"),
        ("… 2,19€ ten opzichte van anderen, bron: www.monitorgelijkwaardigekansen.nl",
         "www.monitorgelijkwaardigekansen.nl"),
        ("Bronnen: CBS en SCP.", "CBS en SCP"),
        ("Dit is een bron van zorg.", None),
        ("De Bron van inspiratie.", None),
    ],
)  # fmt: skip
def test_find_bron(text: str, expected: str | None) -> None:
    span = find_bron(text)
    assert (text[span[0] : span[1]] if span else None) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Volgens het Nibud heeft een op de vijf huishoudens moeite.", "het Nibud"),
        ("Dat is 5 procent, volgens het CBS.", "het CBS"),
        ("Uit cijfers van het UWV blijkt dat 12.345 mensen werkloos zijn.", "cijfers van het UWV"),
        ("Uit onderzoek van TNO blijkt dat 70% selecteert op de klik.", "onderzoek van TNO"),
        ("Zo blijkt uit de «Kernindicatoren Integratie 2022» van CBS dat de werkloosheid daalt.",
         "de «Kernindicatoren Integratie 2022» van CBS"),
        ("Het Centraal Planbureau berekende dat de koopkracht stijgt.", "Het Centraal Planbureau"),
        ("Volgens Movisie werkt de aanpak.", "Movisie"),
        ("Uit onderzoek blijkt dat ze vaker solliciteren.", None),
        ("Volgens mij is dat zo.", None),
        ("Volgens de planning is het klaar.", None),
        ("Dit blijkt uit de wetenschappelijke consensus over selecteren.", None),
    ],
)  # fmt: skip
def test_find_inline_source(sentence: str, expected: str | None) -> None:
    span = find_inline_source(sentence)
    assert (sentence[span[0] : span[1]] if span else None) == expected
