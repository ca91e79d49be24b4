"""Tests for ingest.programmes: pilots (with status), programmes, laws and funds.

The seed truth tables were written by reading the five seeds in corpus/ by hand. Key sets are per
seed and per type; a programme is a named plan, agenda, pact or programme (not an activity such as
"communities of practice", "lerende netwerken" or a monitor), a pilot is named as a pilot.
"""

from __future__ import annotations

import json
from functools import cache
from itertools import pairwise
from pathlib import Path

import pytest
from seedletters import SEEDS

from ingest.models import EntityType, Letter, Mention
from ingest.nlp import LetterContext
from ingest.pipeline import build_letter, read_letter
from ingest.programmes import DATA, Vocabulary, extract_programmes, load_vocabulary
from ingest.readers.text import parse_text

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
PILOT, PROGRAMME, LAW, FUND = (
    EntityType.PILOT,
    EntityType.PROGRAMME,
    EntityType.LAW,
    EntityType.FUND,
)


@cache
def seed_letter(seed: str) -> Letter:
    return read_letter(CORPUS / SEEDS[seed], knowledge=False)


@cache
def seed_mentions(seed: str) -> tuple[Mention, ...]:
    return extract_programmes(LetterContext.of(seed_letter(seed)))


def letter_of(text: str) -> Letter:
    return build_letter(parse_text(text, source="x.txt"), "sha")


def mentions_of(text: str, vocab: Vocabulary | None = None) -> tuple[Mention, ...]:
    return extract_programmes(LetterContext.of(letter_of(text)), vocab)


def attrs(mention: Mention) -> dict[str, str]:
    return dict(mention.attributes)


# --- 1. which pilots, programmes, laws and funds each seed names ------------------------------

VIA_PILOTS = {
    "pilot:ouderbetrokkenheid",
    "pilot:overgang-mbo-arbeidsmarkt",
    "pilot:nudging-werving-selectie",
    "pilot:culturele-barometer",
    "pilot:behoud-doorstroom",
    "pilot:leerwerktrajecten",
    "pilot:uitstroom-ww",
    "pilot:intensieve-begeleiding",
}
TRUTH: dict[str, dict[EntityType, set[str]]] = {
    "000": {
        PILOT: {
            "pilot:nudging-werving-selectie"
        },  # footnote 9: "de pilot nudging in werving en selectie"
        PROGRAMME: {
            "programme:via",
            "programme:werkagenda-via",
            "programme:statushouders-aan-het-werk",
            "programme:regionale-mobiliteitsteams",
            "programme:aanpak-arbeidsmarktdiscriminatie",
            "programme:stagepact-mbo",
        },
        LAW: {"law:wet-toezicht-gelijke-kansen"},
        FUND: {"fund:regeling-lob-mbo", "fund:technical-support-instrument"},
    },
    "001": {
        PILOT: VIA_PILOTS,
        PROGRAMME: {"programme:via", "programme:aanpak-jeugdwerkloosheid"},
        LAW: {"law:participatiewet"},
        FUND: set(),
    },
    "002": {
        PILOT: {"pilot:startbanen-statushouders"},
        PROGRAMME: {
            "programme:via",
            "programme:werkagenda-via",
            "programme:actieagenda-integratie",
            "programme:offensief-gelijke-kansen",
            "programme:regeerprogramma",
        },
        LAW: set(),
        FUND: {"fund:sowis"},
    },
    "003": {
        PILOT: {"pilot:behoud-doorstroom"},
        PROGRAMME: {
            "programme:via",
            "programme:werkagenda-via",
            "programme:dichterbij-dan-je-denkt",
            "programme:actieplan-arbeidsmarktdiscriminatie",
            "programme:aanpak-stagediscriminatie",
            "programme:stagepact-mbo",
        },
        LAW: {"law:wet-toezicht-gelijke-kansen"},
        FUND: {"fund:esf-plus"},
    },
    "004": {
        PILOT: VIA_PILOTS - {"pilot:uitstroom-ww"},
        PROGRAMME: {
            "programme:via",
            "programme:werkagenda-via",
            "programme:regionale-mobiliteitsteams",
            "programme:aanpak-jeugdwerkloosheid",
            "programme:actieplan-arbeidsmarktdiscriminatie",
            "programme:aanpak-stagediscriminatie",
            "programme:operatie-inzicht-in-kwaliteit",
        },
        LAW: {"law:wet-toezicht-gelijke-kansen", "law:wet-inburgering"},
        FUND: set(),
    },
}


@pytest.mark.parametrize(
    ("seed", "kind"), [(seed, kind) for seed in SEEDS for kind in (PILOT, PROGRAMME, LAW, FUND)]
)
def test_keys_per_seed(seed: str, kind: EntityType) -> None:
    assert {m.entity for m in seed_mentions(seed) if m.type is kind} == TRUTH[seed][kind]


@pytest.mark.parametrize("seed", SEEDS)
def test_every_span_is_the_quoted_text(seed: str) -> None:
    text = seed_letter(seed).text
    for m in seed_mentions(seed):
        assert text[m.start : m.end] == m.text
        assert m.entity.startswith(f"{m.type.value}:") and 0 < m.confidence <= 1 and m.rule


@pytest.mark.parametrize("seed", SEEDS)
def test_mentions_do_not_overlap(seed: str) -> None:
    spans = [(m.start, m.end) for m in seed_mentions(seed)]
    assert all(a[1] <= b[0] for a, b in pairwise(spans))


# --- 2. pilots: the brochure (001) with its "Stand van zaken" per pilot ------------------------

BROCHURE_STATUS = [
    ("pilot:ouderbetrokkenheid", "gepland", "Start begin 2019."),
    ("pilot:overgang-mbo-arbeidsmarkt", "gepland", "Start in de loop van 2019"),
    ("pilot:nudging-werving-selectie", "gepland", "start januari 2019."),
    ("pilot:culturele-barometer", "gestart", "Gestart eind 2018"),
    ("pilot:behoud-doorstroom", "in voorbereiding", "In voorbereiding."),
    ("pilot:leerwerktrajecten", "in voorbereiding", "De pilot is in voorbereiding."),
    (
        "pilot:uitstroom-ww",
        "in voorbereiding",
        "Op dit moment worden de onderzoeksvragen en onderzoeksopzet verder uitgewerkt, "
        "zodat begin 2019 gestart kan worden met het onderzoek.",
    ),
    ("pilot:intensieve-begeleiding", "gepland", "Gefaseerde start vanaf begin 2019:"),
]


@pytest.mark.parametrize(("key", "status", "evidence"), BROCHURE_STATUS)
def test_brochure_pilot_status_from_its_section(key: str, status: str, evidence: str) -> None:
    text = seed_letter("001").text
    found = [m for m in seed_mentions("001") if m.entity == key]
    heading = [m for m in found if text.rfind("PILOT", 0, m.start) > text.rfind("\n", 0, m.start)]
    assert len(heading) == 1  # the "PILOT - X – …" heading of its section
    assert attrs(heading[0])["status"] == status
    assert attrs(heading[0])["status_evidence"] == evidence
    assert attrs(heading[0])["parent"] == "programme:via"


def test_brochure_lists_the_eight_pilots_before_their_sections() -> None:
    listed = [m for m in seed_mentions("001") if m.type is PILOT and m.start < 3174]
    assert [m.text for m in listed] == [
        "Ouderbetrokkenheid",
        "Overgang mbo en arbeidsmarkt",
        "Nudging ‘werving en selectie’",
        "Culturele barometer",
        "Behoud van werk",
        "Leerwerktrajecten",
        "Uitstroom uit WW",
        "Intensieve begeleiding",
    ]
    assert {m.entity for m in listed} == VIA_PILOTS
    assert all("status" not in attrs(m) for m in listed)  # the overview states no status


def test_brochure_mention_inside_a_section_takes_the_section_status() -> None:
    behoud = next(m for m in seed_mentions("001") if m.text == "pilot ‘behoud’")
    assert behoud.entity == "pilot:behoud-doorstroom"
    assert attrs(behoud)["status"] == "in voorbereiding"


# --- 3. pilots in later letters, under other names ---------------------------------------------

LATER_PILOTS = [
    ("000", "nudging in werving en selectie", "pilot:nudging-werving-selectie", None),
    ("002", "startbanen", "pilot:startbanen-statushouders", None),
    ("003", "VIA-pilot «Behoud en Doorstroom»", "pilot:behoud-doorstroom", "afgerond"),
    ("003", "Pilot Behoud & Doorstroom", "pilot:behoud-doorstroom", None),
    ("004", "pilot in de gemeente Amsterdam", "pilot:intensieve-begeleiding", None),
    ("004", "VIA-pilot 'Behoud en Doorstroom'", "pilot:behoud-doorstroom", "loopt"),
    (
        "004",
        "VIA-pilots 'Overgang Onderwijs-Arbeidsmarkt'",
        "pilot:overgang-mbo-arbeidsmarkt",
        "loopt",
    ),
    ("004", "'Verbetering van Studiekeuze'", "pilot:ouderbetrokkenheid", "loopt"),
    ("004", "Barometer Culturele Diversiteit", "pilot:culturele-barometer", None),
    ("004", "pilot Nudging in Werving en Selectie", "pilot:nudging-werving-selectie", None),
    ("004", "pilot Leren en Werken", "pilot:leerwerktrajecten", None),
    ("004", "Pilot VIA Amsterdam", "pilot:intensieve-begeleiding", None),
    ("004", "pilot Behoud en Doorstroom", "pilot:behoud-doorstroom", None),
    ("004", "Barometer culturele diversiteit", "pilot:culturele-barometer", None),
]


@pytest.mark.parametrize(("seed", "text", "key", "status"), LATER_PILOTS)
def test_later_letters_name_the_pilots_differently(
    seed: str, text: str, key: str, status: str | None
) -> None:
    found = [m for m in seed_mentions(seed) if m.text == text]
    assert found and all(m.entity == key and m.type is PILOT for m in found)
    assert all(attrs(m).get("status") == status for m in found)


def test_pilot_mentions_per_later_seed() -> None:
    counts = {
        s: sum(m.type is PILOT for m in seed_mentions(s)) for s in ("000", "002", "003", "004")
    }
    assert counts == {"000": 1, "002": 1, "003": 2, "004": 13}


def test_behoud_en_doorstroom_was_completed_in_spring_2022() -> None:
    pilot = next(m for m in seed_mentions("003") if m.entity == "pilot:behoud-doorstroom")
    assert attrs(pilot)["status"] == "afgerond"
    assert "in het voorjaar van 2022 afgerond" in attrs(pilot)["status_evidence"]


# --- 4. one key under many names; periods and editions -----------------------------------------

ALIASES = [
    (
        "000",
        "wetsvoorstel Toezicht gelijke kansen bij werving en selectie",
        "law:wet-toezicht-gelijke-kansen",
    ),
    ("000", "Wetsvoorstel Toezicht Gelijke Kansen", "law:wet-toezicht-gelijke-kansen"),
    (
        "000",
        "wet Toezicht Gelijke Kansen bij Werving en Selectie",
        "law:wet-toezicht-gelijke-kansen",
    ),
    (
        "003",
        "wetsvoorstel toezicht gelijke kansen bij werving en selectie",
        "law:wet-toezicht-gelijke-kansen",
    ),
    (
        "004",
        "Wet toezicht gelijke kansen in werving en selectie",
        "law:wet-toezicht-gelijke-kansen",
    ),
    ("001", "Programma Verdere Integratie op de Arbeidsmarkt", "programme:via"),
    ("003", "programma Verdere Integratie op de Arbeidsmarkt (VIA)", "programme:via"),
    ("004", "programma Verdere Integratie op de Arbeidsmarkt (VIA)", "programme:via"),
    ("000", "Voor een Inclusieve Arbeidsmarkt (VIA)", "programme:via"),
    ("003", "pilotprogramma VIA", "programme:via"),
    ("002", "Werkagenda Voor een Inclusieve Arbeidsmarkt (VIA)", "programme:werkagenda-via"),
    ("004", "Werkagenda van de Taskforce Werk & Integratie", "programme:werkagenda-via"),
    ("003", "Europees Sociaal Fonds Plus (ESF+)", "fund:esf-plus"),
    ("002", "subsidieregeling (SOWIS)", "fund:sowis"),
    ("002", "subsidieregeling Ondersteuning werkgevers inzet statushouders", "fund:sowis"),
    ("002", "werkgeverssubsidie statushouders", "fund:sowis"),
    ("004", "Inburgeringsstelsel", "law:wet-inburgering"),
    ("003", "actieplan «Dichterbij dan je denkt»", "programme:dichterbij-dan-je-denkt"),
    ("003", "stagepact mbo", "programme:stagepact-mbo"),
]


@pytest.mark.parametrize(("seed", "text", "key"), ALIASES)
def test_alias_resolves_to_one_key(seed: str, text: str, key: str) -> None:
    assert {m.entity for m in seed_mentions(seed) if m.text == text} == {key}


def test_the_law_keeps_one_key_under_its_spellings_and_marks_the_bill() -> None:
    laws = [m for s in SEEDS for m in seed_mentions(s) if m.type is LAW and "oezicht" in m.text]
    assert len(laws) == 5 and {m.entity for m in laws} == {"law:wet-toezicht-gelijke-kansen"}
    bills = [m.text for m in laws if attrs(m).get("stage") == "wetsvoorstel"]
    assert len(bills) == 3


PERIODS = [
    ("002", "Werkagenda VIA (2021-2025)", "2021–2025", "eerste Werkagenda VIA"),
    ("002", "Werkagenda VIA (2025-2029)", "2025–2029", "tweede Werkagenda VIA"),
    (
        "003",
        "Actieplan arbeidsmarktdiscriminatie 2022–2025",
        "2022–2025",
        "Actieplan Arbeidsmarktdiscriminatie 2022–2025",
    ),
    (
        "004",
        "Actieplan Arbeidsmarktdiscriminatie 2018-2021",
        "2018–2021",
        "Actieplan Arbeidsmarktdiscriminatie 2018–2021",
    ),
    ("000", "Stagepact MBO 2023–2027", "2023–2027", None),
    ("003", "ESF+", "2021–2027", None),  # "Het nieuwe ESF+ programma voor 2021–2027"
]


@pytest.mark.parametrize(("seed", "text", "period", "edition"), PERIODS)
def test_periods_and_editions(seed: str, text: str, period: str, edition: str | None) -> None:
    found = [attrs(m) for m in seed_mentions(seed) if m.text == text and "period" in attrs(m)]
    assert {(a["period"], a.get("edition")) for a in found} == {(period, edition)}


def test_ordinary_words_are_not_names() -> None:
    texts = {m.text for s in SEEDS for m in seed_mentions(s)}
    assert "voor een inclusieve arbeidsmarkt" not in texts  # 000: "inzet voor een inclusieve …"
    for seed in ("000", "002"):  # "Taskforce VIA" is an organisation, not the programme
        text = seed_letter(seed).text
        assert all(text[m.start - 10 : m.start] != "Taskforce " for m in seed_mentions(seed))


# --- 5. a letter with other programmes and other wording ---------------------------------------

OTHER = """Betreft Voortgang aanpak dakloosheid

Met deze brief informeer ik u over het Actieplan Dakloosheid 2023–2030 en over de Wet versterking regie volkshuisvesting, die in maart door de Tweede Kamer is aangenomen. De pilot 'Buurtbanen' in Tilburg is afgerond en de pilots 'Schuldenvrij Wonen' en 'Werk Loont' zijn af te ronden in 2026.

Gemeenten ontvangen middelen uit het Fonds Armoede en Schulden (FAS). Het FAS is in 2024 verlengd. Daarnaast draagt het Gemeentefonds bij, en geldt de Omgevingswet sinds 2024.

Het programma Kansrijke Start (KS) loopt door tot 2026. Het wetsvoorstel wordt binnenkort behandeld en de wet is nog niet in werking. Wij werken samen via de gemeente en via het Rijk.

In het Klimaatpact Zorg 2022–2026 en in het plan van aanpak Thuis in de Wijk zijn afspraken gemaakt. Ook de Tijdelijke regeling specifieke uitkering woonwagens 2024 is gepubliceerd. Onderdeel is de Regeling van de Minister van 3 mei 2023, nr. 123.
"""

OTHER_MENTIONS = [
    ("Actieplan Dakloosheid 2023–2030", "programme:actieplan-dakloosheid", {"period": "2023–2030"}),
    ("Wet versterking regie volkshuisvesting", "law:wet-versterking-regie-volkshuisvesting", {}),
    ("pilot 'Buurtbanen'", "pilot:buurtbanen", {"status": "afgerond"}),
    ("pilots 'Schuldenvrij Wonen'", "pilot:schuldenvrij-wonen", {"status": "loopt"}),
    ("'Werk Loont'", "pilot:werk-loont", {"status": "loopt"}),
    ("Fonds Armoede en Schulden (FAS)", "fund:fonds-armoede-en-schulden", {}),
    ("FAS", "fund:fonds-armoede-en-schulden", {}),
    ("Gemeentefonds", "fund:gemeentefonds", {}),
    ("Omgevingswet", "law:omgevingswet", {}),
    ("programma Kansrijke Start (KS)", "programme:kansrijke-start", {}),
    ("Klimaatpact Zorg 2022–2026", "programme:klimaatpact-zorg", {"period": "2022–2026"}),
    ("plan van aanpak Thuis in de Wijk", "programme:thuis-in-de-wijk", {}),
    (
        "Tijdelijke regeling specifieke uitkering woonwagens 2024",
        "fund:tijdelijke-regeling-specifieke-uitkering-woonwagens",
        {},
    ),
]


def test_other_letter_finds_exactly_its_programmes() -> None:
    found = mentions_of(OTHER)
    assert [(m.text, m.entity) for m in found] == [(t, k) for t, k, _ in OTHER_MENTIONS]
    for m, (_, _, expected) in zip(found, OTHER_MENTIONS, strict=True):
        assert {k: v for k, v in attrs(m).items() if k in ("period", "status")} == expected
    assert next(m for m in found if m.text.endswith("(FAS)")).aliases == ("FAS",)


def test_other_letter_without_the_vocabulary_gives_the_same() -> None:
    bare = Vocabulary.from_data({**json.loads(DATA.read_text()), "entries": [], "ignore": []})
    assert [(m.text, m.entity) for m in mentions_of(OTHER, bare)] == [
        (t, k) for t, k, _ in OTHER_MENTIONS
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Het wetsvoorstel wordt binnenkort behandeld en de wet is nog niet in werking.",
        "Wij werken samen via de gemeente en via het Rijk aan een inclusieve arbeidsmarkt.",
        "Onderdeel is de Regeling van de Minister van 3 mei 2023, nr. 123.",
        "Het gaat nu nog om een tijdelijke regeling maar die kan worden verlengd.",
        "Eén onderdeel van het actieplan gaat over werkgevers; deze aanpak werkt.",
        "De pilot laat zien dat leerwerktrajecten en intensieve begeleiding helpen.",
        "Deze wet- en regelgeving biedt de Impact die wij zoeken.",
    ],
)
def test_sentences_without_a_named_programme(sentence: str) -> None:
    assert mentions_of(f"Betreft Test\n\n{sentence}\n") == ()


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("De pilot 'Wijkwerk' is in het najaar van 2023 afgerond.", "afgerond"),
        ("De pilot 'Wijkwerk' is vorig jaar door Panteia geëvalueerd.", "geëvalueerd"),
        ("De pilot 'Wijkwerk' loopt nog tot eind 2025.", "loopt"),
        ("De resultaten van de pilot 'Wijkwerk' (af te ronden in juni) volgen.", "loopt"),
        ("De pilot 'Wijkwerk' is in januari in Zwolle gestart.", "gestart"),
        ("De pilot 'Wijkwerk' is in voorbereiding.", "in voorbereiding"),
        ("De pilot 'Wijkwerk' start medio 2026 in drie gemeenten.", "gepland"),
        ("De pilot 'Wijkwerk' heeft veel opgeleverd.", None),
    ],
)
def test_pilot_status_from_its_sentence(sentence: str, status: str | None) -> None:
    (pilot,) = mentions_of(f"Betreft Test\n\n{sentence}\n")
    assert pilot.entity == "pilot:wijkwerk" and attrs(pilot).get("status") == status


BROCHURE = """Programma Samen Sterker

De vier pilots

Het programma Samen Sterker heeft als doel de participatie van bewoners te vergroten.

Buurtcoaches – Inzet van coaches in wijken met veel werkloosheid

Taalcafé – Laagdrempelige taallessen in buurthuizen

PILOT - Buurtcoaches – Inzet van coaches in wijken met veel werkloosheid

In deze pilot werken drie gemeenten samen met welzijnsorganisaties. Begin 2019 wordt de pilot geëvalueerd.

Stand van zaken

De pilot is in het najaar van 2023 afgerond.

PILOT - Taalcafé – Laagdrempelige taallessen in buurthuizen

Bewoners leren de taal in hun eigen buurt.

Stand van zaken

Start medio 2024.
"""


def test_unseen_brochure_pilots_and_their_sections() -> None:
    found = [(m.text, m.entity, m.rule, attrs(m).get("status")) for m in mentions_of(BROCHURE)]
    assert found == [
        ("Programma Samen Sterker", "programme:samen-sterker", "pattern-programme", None),
        ("programma Samen Sterker", "programme:samen-sterker", "pattern-programme", None),
        ("Buurtcoaches", "pilot:buurtcoaches", "pilot-list", None),
        ("Taalcafé", "pilot:taalcafe", "pilot-list", None),
        ("Buurtcoaches", "pilot:buurtcoaches", "pilot-heading", "afgerond"),
        ("Taalcafé", "pilot:taalcafe", "pilot-heading", "gepland"),
    ]


# --- 6. the vocabulary itself ------------------------------------------------------------------


def test_vocabulary_is_consistent() -> None:
    vocab = load_vocabulary()
    for entry in vocab.entries.values():
        assert entry.key.startswith(f"{entry.type.value}:")
        assert entry.parent is None or entry.parent in vocab.entries
        assert all(start <= end for _, start, end in entry.periods)
    via_pilots = {
        k for k, e in vocab.entries.items() if e.parent == "programme:via" and e.type is PILOT
    }
    assert via_pilots == VIA_PILOTS


def test_a_vocabulary_entry_gives_an_unseen_letter_its_keys() -> None:
    data = json.loads(DATA.read_text())
    data["entries"].append(
        {
            "key": "pilot:wijkwerk",
            "type": "pilot",
            "name": "Wijkwerk",
            "aliases": [],
            "cued": ["Werken in de Wijk"],
            "parent": "programme:kansrijke-start",
        }
    )
    text = "Betreft Test\n\nDe pilot Werken in de Wijk loopt. Werken in de wijk is niet altijd eenvoudig.\n"
    (pilot,) = mentions_of(text, Vocabulary.from_data(data))
    assert (pilot.entity, pilot.text, attrs(pilot)) == (
        "pilot:wijkwerk",
        "pilot Werken in de Wijk",
        {
            "status": "loopt",
            "status_evidence": "pilot Werken in de Wijk loopt.",
            "parent": "programme:kansrijke-start",
        },
    )
