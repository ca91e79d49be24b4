"""Organisations named in letters: vocabulary, learned abbreviations, typos, variants, renamed
bodies, municipalities, names found by pattern, and what must not become an organisation.

The seed truth was written by reading corpus/000 and corpus/004 by hand: every named body
(ministries, agencies, councils, research bureaus in footnotes, parliament, a committee, a
municipality), not political parties (another extractor's), persons, programmes, funds, laws,
publications, "Regionale Mobiliteitsteams" (a crisis-measure structure, not a body) or
generic nouns ("gemeenten", "werkgevers"). MISSED lists what the rules do not find yet.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from seedletters import SEEDS, letter_from, seed

from ingest.models import EntityType, Mention
from ingest.nlp import LetterContext
from ingest.organisations import (
    abbreviation_definitions,
    extract_organisations,
    looks_like_organisation,
    organisation_key,
    slug,
    variants,
    vocabulary,
)

CORPUS = Path(__file__).resolve().parent.parent / "corpus"




@cache
def seed_mentions(name: str) -> tuple[Mention, ...]:
    return extract_organisations(LetterContext.of(seed(name)))




def mentions_in(text: str) -> tuple[Mention, ...]:
    return extract_organisations(LetterContext.of(letter_from(text)))


def keys(mentions: tuple[Mention, ...]) -> set[str]:
    return {m.entity.removeprefix("organisation:") for m in mentions}


def brief(body: str, footnotes: str = "") -> str:
    """A small letter: salutation, the body, a signature, then footnotes."""
    return (f"Geachte voorzitter,\n\n{body}\n\nDe minister van Sociale Zaken en Werkgelegenheid,"
            f"\n\nJ. Jansen\n\n{footnotes}\n")  # fmt: skip


# --- the seeds ------------------------------------------------------------------------------

TRUTH = {
    "000": set(
        "abu aef awvn cbs cnv-jongeren dg-reform dib divosa echo eerste-kamer europese-commissie "
        "fnv g4 g40 gion gkdi inholland instituut-gak kis kohnstamm-instituut mbo-raad "
        "mkb-nederland movisie nbbu nro ocw randstad risbo roa rug sam sbb scp seo seor ser "
        "significant szw taskforce-via tno tweede-kamer uaf uva uwv verwey-jonker-instituut vh "
        "vluchtelingenwerk vng vno-ncw wrr 010-inclusief bpv-netwerk expertisepunt-lob "
        "st-alexander".split()
    ),
    "004": set(
        "abu atlas-voor-gemeenten awvn berenschot cbs cnv-jongeren dib divosa financien fnv g4 "
        "g40 gemeente-amsterdam gkdi kis liander mbo-raad nbbu nro ocw randstad roa sbb scp ser "
        "significant szw taskforce-via tno uaf uu uwv vaste-commissie-szw vh vluchtelingenwerk "
        "vng vno-ncw wrr de-beleidsonderzoekers lbpl nederlandse-inclusiviteitsmonitor "
        "verwonderzoek".split()
    ),
}
MISSED = {
    "000": {"010-inclusief", "bpv-netwerk", "expertisepunt-lob", "st-alexander"},
    "004": {"de-beleidsonderzoekers", "lbpl", "nederlandse-inclusiviteitsmonitor", "verwonderzoek"},
}


@pytest.mark.parametrize("name", ["000", "004"])
def test_seed_organisations_are_the_truth_less_the_known_misses(name):
    assert keys(seed_mentions(name)) == TRUTH[name] - MISSED[name]


def test_other_seeds_find_exactly_these_organisations():
    assert keys(seed_mentions("001")) == set(
        "atlas-voor-gemeenten cbs mckinsey ocw scp szw uwv".split()
    )
    assert keys(seed_mentions("002")) == set(
        "abu awvn cbs coa dib divosa g4 g40 jenv mbo-raad mkb-nederland nbbu ocw open-embassy "
        "randstad sam sbb ser significant szw taskforce-via uaf uwv vh vluchtelingenwerk vng "
        "vno-ncw".split()
    )
    municipalities = {f"gemeente-{p}" for p in
                      "alkmaar almere den-haag hoekse-waard sittard-geleen utrecht zoetermeer".split()}  # fmt: skip
    assert keys(seed_mentions("003")) == municipalities | set(
        "abu awvn cbs dib divosa fnv g4 g40 kis mbo-raad mkb-nederland nbbu normaalste-zaak ocw "
        "raad-van-state randstad roa sam sbb ser significant start-foundation szw taskforce-via "
        "tno uaf uwv verwey-jonker-instituut vh vluchtelingenwerk vng vno-ncw "
        "lerend-netwerk-intensieve-begeleiding-van-werkzoekenden-met-een-migratieachtergrond".split()
    )


@pytest.mark.parametrize("name", list(SEEDS))
def test_every_mention_quotes_its_span(name):
    text = seed(name).text
    for m in seed_mentions(name):
        assert text[m.start : m.end] == m.text
        assert m.type is EntityType.ORGANISATION and m.entity.startswith("organisation:")
        assert 0 < m.confidence <= 1 and m.rule


@pytest.mark.parametrize(
    ("name", "written", "key", "rule"),
    [
        ("004", "AWWN", "awvn", "abbreviation-typo"),  # footnote 27, among the other partners
        ("004", "Vluchtelingenwerk Nederland", "vluchtelingenwerk", "vocabulary"),
        ("002", "VluchtelingenWerk Nederland", "vluchtelingenwerk", "vocabulary"),
        ("000", "MKB Nederland", "mkb-nederland", "vocabulary"),
        ("000", "MKB-Nederland", "mkb-nederland", "vocabulary"),
        ("000", "G40-stedennetwerk", "g40", "vocabulary"),
        ("003", "G40", "g40", "vocabulary"),
        ("003", "Ministerie van SZW", "szw", "vocabulary"),
        ("003", "Ministerie SZW", "szw", "vocabulary"),
        ("000", "Ministerie van Sociale Zaken", "szw", "vocabulary"),
        ("002", "ministerie van Sociale Zaken en Werkgelegenheid", "szw", "vocabulary"),
        ("000", "SZW", "szw", "abbreviation-in-compound"),  # "SZW/VIA"
        ("004", "SER", "ser", "abbreviation-in-compound"),  # "SER-advies"
        ("002", "Vereniging van Nederlandse Gemeenten", "vng", "vocabulary"),  # "(VNG )"
        ("000", "Stichting voor Vluchteling-Studenten UAF", "uaf", "vocabulary"),
        ("003", "UAF", "uaf", "vocabulary"),
        ("000", "Randstad Groep Nederland", "randstad", "vocabulary"),
        ("003", "Randstad", "randstad", "vocabulary"),
        ("002", "Nederlandse Bond van Bemiddelings-en Uitzendondernemingen", "nbbu",
         "abbreviation-definition"),
        ("002", "Centraal Orgaan opvang asielzoekers", "coa", "vocabulary"),
        ("002", "Open Embassy", "open-embassy", "enumeration-item"),
        ("004", "Kennisplatform Integratie en Samenleving", "kis", "vocabulary"),  # renamed
        ("000", "Kennisplatform Inclusief Samenleven", "kis", "vocabulary"),
        ("003", "Taskforce Werk & Integratie", "taskforce-via", "vocabulary"),
        ("002", "Taskforce VIA", "taskforce-via", "vocabulary"),
        ("004", "Vaste Kamercommissie SZW", "vaste-commissie-szw", "committee"),
        ("003", "gemeente Zoetermeer", "gemeente-zoetermeer", "pattern-municipality"),
        ("003", "Sittard-Geleen", "gemeente-sittard-geleen", "pattern-municipality"),
        ("004", "gemeente Amsterdam", "gemeente-amsterdam", "pattern-municipality"),
    ],
)  # fmt: skip
def test_written_forms_resolve_to_one_entity(name, written, key, rule):
    hits = [m for m in seed_mentions(name) if m.text == written]
    assert hits, written
    assert {m.entity for m in hits} == {f"organisation:{key}"}
    assert rule in {m.rule for m in hits}


def test_the_typo_keeps_its_evidence_and_a_lower_confidence():
    (awwn,) = [m for m in seed_mentions("004") if m.text == "AWWN"]
    assert awwn.confidence == 0.6
    assert awwn.attributes == (("typo_of", "AWVN"),)
    assert awwn.name == "Algemene Werkgeversvereniging Nederland"


def test_the_renamed_taskforce_is_one_entity_that_remembers_its_former_name():
    old = [m for m in seed_mentions("003") if m.entity == "organisation:taskforce-via"]
    new = [m for m in seed_mentions("002") if m.entity == "organisation:taskforce-via"]
    assert {m.name for m in old + new} == {"Taskforce VIA"}
    assert {dict(m.attributes).get("former_name") for m in old} == {"Taskforce Werk & Integratie"}
    assert {dict(m.attributes).get("former_name") for m in new} == {None}


def test_a_defined_long_form_carries_the_abbreviation_as_alias():
    awvn = [m for m in seed_mentions("000") if m.text == "Algemene Werkgeversvereniging Nederland"]
    assert [m.aliases for m in awvn] == [("AWVN",)]
    dib = [m for m in seed_mentions("000") if m.text == "Diversiteit in Bedrijf" and m.aliases]
    assert [m.aliases for m in dib] == [("DIB",)]


def test_programmes_funds_and_laws_defined_in_the_seeds_are_no_organisations():
    definitions = {d.abbreviation: d for d in abbreviation_definitions(LetterContext.of(seed("003")))}
    assert definitions["ESF+"].long_form == "Europees Sociaal Fonds Plus"
    assert definitions["ESF+"].key is None
    assert definitions["VIA"].long_form == "Verdere Integratie op de Arbeidsmarkt"
    assert definitions["VIA"].key is None
    assert definitions["SZW"].key == "organisation:szw"


# --- letters the tests write ----------------------------------------------------------------

LEARNED = brief(
    "De Landelijke Vereniging van Wijkteams (LVW) en de Stichting Samen Sterker (SSS) werken "
    "samen. Later sprak ik de LVW opnieuw; ook SSS-vrijwilligers waren er. De LVWB gaf een "
    "reactie, net als de Federatie Opvang Nederland (FONL). De FONN, de LVW en Divosa ook."
)


def test_abbreviations_defined_in_the_letter_become_organisations():
    found = [(m.entity, m.text, m.rule, m.aliases) for m in mentions_in(LEARNED)]
    assert found == [
        ("organisation:lvw", "Landelijke Vereniging van Wijkteams", "abbreviation-definition",
         ("LVW",)),
        ("organisation:lvw", "LVW", "learned-abbreviation", ()),
        ("organisation:sss", "Stichting Samen Sterker", "abbreviation-definition", ("SSS",)),
        ("organisation:sss", "SSS", "learned-abbreviation", ()),
        ("organisation:lvw", "LVW", "learned-abbreviation", ()),
        ("organisation:sss", "SSS", "abbreviation-in-compound", ()),
        ("organisation:fonl", "Federatie Opvang Nederland", "abbreviation-definition", ("FONL",)),
        ("organisation:fonl", "FONL", "learned-abbreviation", ()),
        ("organisation:fonl", "FONN", "abbreviation-typo", ()),
        ("organisation:lvw", "LVW", "learned-abbreviation", ()),
        ("organisation:divosa", "Divosa", "vocabulary", ()),
    ]  # fmt: skip
    # LVWB is no typo of LVW: both must have four letters or more


def test_the_learned_name_is_the_long_form():
    names = {m.entity: m.name for m in mentions_in(LEARNED)}
    assert names["organisation:lvw"] == "Landelijke Vereniging van Wijkteams"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Ik sprak met ABU, FNV en de NBUU.", [("ABU", "abu", "vocabulary"), ("FNV", "fnv", "vocabulary"),
                                               ("NBUU", "nbbu", "abbreviation-typo")]),
        ("Ik sprak met ABU en NBBU.", [("ABU", "abu", "vocabulary"), ("NBBU", "nbbu", "vocabulary")]),
        ("Leden: AVWN, FNV, CNV.", [("AVWN", "awvn", "abbreviation-typo"),  # swapped letters
                                   ("FNV", "fnv", "vocabulary"), ("CNV", "cnv", "vocabulary")]),
        ("Ik sprak met de NBUU.", []),  # a typo is believed only among other organisations
        ("Pleit tijdens de AVVN en bij de VN voor rechten.", []),
        ("Het PILOT-team en de UWVV en het OVERZICHT.", []),
        ("Zie het SER-advies en de CBS-cijfers.", [("SER", "ser", "abbreviation-in-compound"),
                                                  ("CBS", "cbs", "abbreviation-in-compound")]),
        ("De ser en de SER.", [("SER", "ser", "vocabulary")]),
        ("In de Randstad werkt Randstad.", [("Randstad", "randstad", "vocabulary")]),
        ("Significant is het verschil; Significant Public meet het.",
         [("Significant Public", "significant", "vocabulary")]),
        ("De minister van J&V en JenV en BZK.",
         [("J&V", "jenv", "vocabulary"), ("JenV", "jenv", "vocabulary"),
          ("BZK", "bzk", "vocabulary")]),
        ("Het ministerie van Economische Zaken en Klimaat en EZK.",
         [("ministerie van Economische Zaken en Klimaat", "ez", "vocabulary"),
          ("EZK", "ez", "vocabulary")]),
        ("De VO-raad, de PO-Raad en de MBO Raad.",
         [("VO-raad", "vo-raad", "vocabulary"), ("PO-Raad", "po-raad", "vocabulary"),
          ("MBO Raad", "mbo-raad", "vocabulary")]),
        ("Het VSNU en Universiteiten van Nederland (UNL).",
         [("VSNU", "unl", "vocabulary"), ("Universiteiten van Nederland", "unl", "vocabulary"),
          ("UNL", "unl", "vocabulary")]),
        ("De Vaste commissie voor SZW en de commissie VWS.",
         [("Vaste commissie voor SZW", "vaste-commissie-szw", "committee"),
          ("commissie VWS", "vaste-commissie-vws", "committee")]),
        # three letters: only as an item of its own in a list naming three or more bodies
        ("Partners zijn Divosa; VNB; de Woonbond en het Nibud.",
         [("Divosa", "divosa", "vocabulary"), ("VNB", "vng", "abbreviation-typo"),
          ("Woonbond", "woonbond", "vocabulary"), ("Nibud", "nibud", "vocabulary")]),
        ("Partners zijn Divosa, VNB en Nibud.",
         [("Divosa", "divosa", "vocabulary"), ("Nibud", "nibud", "vocabulary")]),
        ("Met Divosa, Nibud en Woonbond maakt de VNB-regio afspraken.",
         [("Divosa", "divosa", "vocabulary"), ("Nibud", "nibud", "vocabulary"),
          ("Woonbond", "woonbond", "vocabulary")]),
    ],
)  # fmt: skip
def test_variants_typos_and_case(sentence, expected):
    found = [(m.text, m.entity.removeprefix("organisation:"), m.rule)
             for m in mentions_in(brief(sentence))]  # fmt: skip
    assert [f for f in found if f[0] != "Sociale Zaken"] == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Dit gebeurt met de gemeente Alphen aan den Rijn.",
         [("gemeente Alphen aan den Rijn", "gemeente-alphen-aan-den-rijn")]),
        ("Deelnemers zijn de gemeenten Tilburg, Breda en Bergen op Zoom.",
         [("Tilburg", "gemeente-tilburg"), ("Breda", "gemeente-breda"),
          ("Bergen op Zoom", "gemeente-bergen-op-zoom")]),
        ("Hier heeft de gemeente Zoetermeer aan meegewerkt.",
         [("gemeente Zoetermeer", "gemeente-zoetermeer")]),
        ("Veel gemeenten doen mee en de Gemeente Rotterdam ook.",
         [("Gemeente Rotterdam", "gemeente-rotterdam")]),
        ("Zo heeft het Landelijk Kennis Instituut onderzoek gedaan.",
         [("Landelijk Kennis Instituut", "landelijk-kennis-instituut")]),
        ("Ook de Stichting Buurtkracht Oost helpt.",
         [("Stichting Buurtkracht Oost", "stichting-buurtkracht-oost")]),
        ("De Alliantie Gelijke Kansen is opgericht.",
         [("Alliantie Gelijke Kansen", "alliantie-gelijke-kansen")]),
        ("In 2024 start het lerend netwerk Schuldhulp Oost.",
         [("lerend netwerk Schuldhulp Oost", "lerend-netwerk-schuldhulp-oost")]),
        ("Het Trimbos Instituut en de Universiteit Twente.",
         [("Trimbos Instituut", "trimbos-instituut"), ("Universiteit Twente", "universiteit-twente")]),
        ("Het Kempen-instituut, de Huurdersbond en het Nederlands Sportinstituut.",
         [("Kempen-instituut", "kempen-instituut"), ("Huurdersbond", "huurdersbond"),
          ("Nederlands Sportinstituut", "nederlands-sportinstituut")]),
        ("De Vakbond en het Verbond spreken.", []),  # a head word alone names nothing
    ],
)  # fmt: skip
def test_municipalities_and_names_found_by_pattern(sentence, expected):
    found = [(m.text, m.entity.removeprefix("organisation:")) for m in mentions_in(brief(sentence))]
    assert found == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Het Europees Sociaal Fonds Plus (ESF+) steunt dit.",  # a fund
        "De Wet Toezicht Gelijke Kansen (WTGK) is aangenomen.",  # a law
        "Het programma Verdere Integratie op de Arbeidsmarkt (VIA) loopt af.",  # a programme
        "Het Actieplan Arbeidsmarktdiscriminatie (AAD) en de Werkagenda VIA.",  # plans
        "Samen met de Regionale Mobiliteitsteams (RMT) en de regio Zuid Holland Centraal (ZHC).",
        "Loopbaanoriëntatie en -begeleiding (LOB) en Diversiteit en Inclusie (D&I).",
        "Werkgevers, gemeenten en sociale partners werken samen in het mkb.",
        "De politieke partijen: VVD, D66 en CDA.",  # parties belong to another extractor
    ],
)
def test_funds_laws_programmes_and_plain_nouns_are_no_organisations(sentence):
    found = [m.text for m in mentions_in(brief(sentence))]
    assert found == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("De Gezondheidsfondsen voor Beweging (GvB) en later de GvB.",
         [("Gezondheidsfondsen voor Beweging", "gvb"), ("GvB", "gvb"), ("GvB", "gvb")]),
        ("Huisartsen Nederland (HN) en de HN.",
         [("Huisartsen Nederland", "hn"), ("HN", "hn"), ("HN", "hn")]),
        ("Het Europees Cultuurfondsen Plus (ECF+) en de Sportfondsen Regeling (SFR).", []),
        ("De sportkoepel NOC*NSF en NOC*NSF.", [("NOC*NSF", "noc-nsf")] * 2),
    ],
)  # fmt: skip
def test_bodies_defined_with_an_abbreviation_beyond_head_words(sentence, expected):
    found = [(m.text, m.entity.removeprefix("organisation:")) for m in mentions_in(brief(sentence))]
    assert [f for f in found if f[0] != "Sociale Zaken"] == expected


@pytest.mark.parametrize(
    ("sentence", "key"),
    [
        ("Het Longfonds helpt.", "longfonds"),
        ("Het Jeugdfonds Sport & Cultuur betaalt de contributie.", "jeugdfonds-sport-en-cultuur"),
        ("Volgens het Nibud is dat te weinig.", "nibud"),
        ("Jongeren Op Gezond Gewicht werkt met gemeenten.", "jogg"),
        ("Het Nederlands Jeugdinstituut (NJi) adviseert.", "nji"),
        ("De Nederlandse Vereniging van Banken deelt cijfers.", "nvb"),
        ("GGD GHOR Nederland coördineert.", "ggd-ghor"),
    ],
)
def test_common_bodies_get_the_key_a_defining_letter_gives_them(sentence, key):
    assert keys(mentions_in(brief(sentence))) - {"szw"} == {key}


def test_an_unknown_name_in_a_partner_list_becomes_an_organisation():
    text = brief("Zie de noot.", "1 De Alliantie Wijkaanpak bestaat uit de volgende partners: "
                 "VNG, Divosa, Zelfstandige Klinieken Oost (ZKO), V&VN, beroepsvereniging van "
                 "verpleegkundigen en Buurtwerk Oost.")  # fmt: skip
    found = [(m.text, m.entity.removeprefix("organisation:"), m.name, m.rule)
             for m in mentions_in(text)]  # fmt: skip
    assert found == [
        ("Alliantie Wijkaanpak", "alliantie-wijkaanpak", "Alliantie Wijkaanpak", "pattern-name"),
        ("VNG", "vng", "Vereniging van Nederlandse Gemeenten", "vocabulary"),
        ("Divosa", "divosa", "Divosa", "vocabulary"),
        ("Zelfstandige Klinieken Oost (ZKO)", "zko", "Zelfstandige Klinieken Oost", "enumeration-item"),
        ("V&VN, beroepsvereniging van verpleegkundigen", "venvn", "V&VN", "enumeration-item"),
        ("Buurtwerk Oost", "buurtwerk-oost", "Buurtwerk Oost", "enumeration-item"),
    ]  # fmt: skip


# --- helpers and the vocabulary -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Taskforce Werk & Integratie", "taskforce-werk-en-integratie"), ("J&V", "jenv"),
     ("VNO-NCW", "vno-ncw"), ("G40-stedennetwerk", "g40-stedennetwerk"),
     ("gemeente Den Haag", "gemeente-den-haag"), ("Financiën", "financiën")],
)  # fmt: skip
def test_slug(text, expected):
    assert slug(text) == expected


def test_keys_come_from_the_abbreviation_so_letters_agree():
    assert organisation_key("Algemene Werkgeversvereniging Nederland", "AWVN") == "organisation:awvn"
    assert organisation_key("Open Embassy") == "organisation:open-embassy"


def test_spelling_variants():
    assert variants("MKB-Nederland") == {"MKB-Nederland", "MKB Nederland"}
    assert variants("Taskforce Werk & Integratie") == {
        "Taskforce Werk & Integratie", "Taskforce Werk en Integratie"}  # fmt: skip
    assert variants("De Normaalste Zaak") == {"Normaalste Zaak"}


@pytest.mark.parametrize(
    ("long_form", "expected"),
    [("Landelijke Vereniging van Wijkteams", True), ("Centraal Orgaan opvang asielzoekers", True),
     ("Uitvoeringsinstituut Werknemersverzekeringen", True), ("Europees Sociaal Fonds Plus", False),
     ("Verdere Integratie op de Arbeidsmarkt", False), ("Wet Toezicht Gelijke Kansen", False),
     ("Regionale Mobiliteitsteams", False), ("Actieplan Werk", False),
     ("Gezondheidsfondsen voor Beweging", True), ("Europese Gezondheidsfondsen Plus", False),
     ("Zorgfondsen Subsidieregeling Oost", False), ("Cultuurfonds Noord", False),
     ("Huisartsen Nederland", True), ("Programma Digitaal Nederland", False)],
)  # fmt: skip
def test_looks_like_organisation(long_form, expected):
    assert looks_like_organisation(long_form) is expected


def test_a_fund_abbreviation_with_a_plus_is_money():
    assert looks_like_organisation("Sportfondsen Noord", "SFN+") is False


def test_vocabulary_keys_are_unique_and_abbreviations_point_to_one_body():
    bodies, lists = vocabulary()
    assert all(key.startswith("organisation:") for key in bodies)
    owners: dict[str, str] = {}
    for body in bodies.values():
        for abbreviation in body.abbreviations:
            assert owners.setdefault(abbreviation, body.key) == body.key, abbreviation
    assert {"organisation_heads", "excluded_heads", "group_heads"} <= set(lists)
    assert bodies["organisation:taskforce-via"].former_names == ("Taskforce Werk & Integratie",)
