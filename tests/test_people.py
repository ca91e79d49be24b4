"""People (signatories, members of parliament, ministers, cited authors) and parties.

Seed truth written by reading corpus/00x by hand. Left out on purpose (see ingest/people.py):
"mijn voorganger" (003), author lists without initials ("Odijk, Hiemstra en Born, 2023" in 000,
"Gielen, Scholten, Bakker, Athmer en Blom (2021)" in 004) and roles without a name.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from seedletters import SEEDS, letter_from, seed

from ingest.models import EntityType, Letter, Mention
from ingest.nlp import LetterContext
from ingest.people import extract_people, parties, party_named, slug, title_case
from ingest.pipeline import read_letter

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
REALDOCS = ROOT / "tests" / "fixtures" / "realdocs"
SZW = "Minister van Sociale Zaken en Werkgelegenheid"
MP = ("role", "Kamerlid")
INDIENER = ("role", "indiener")
AUTEUR = ("role", "auteur")




def people(letter: Letter) -> tuple[Mention, ...]:
    return extract_people(LetterContext.of(letter))




def rows(letter: Letter, type: EntityType = EntityType.PERSON) -> list[tuple]:
    return [(m.entity, m.text, m.rule, m.attributes) for m in people(letter) if m.type is type]


# --- the seeds ------------------------------------------------------------------------------

PERSONS: dict[str, list[tuple]] = {
    "000": [
        ("person:becker", "Becker", "member-of-parliament", (MP, ("party", "VVD"))),
        ("person:c-e-g-van-gennip", "C.E.G. van Gennip", "signatory", (("role", SZW),)),
        ("person:a-gelderblom", "Gelderblom, A.", "footnote-author", (AUTEUR,)),
        ("person:g-strating", "Strating, G", "footnote-author", (AUTEUR,)),
        ("person:h-korpershoek", "Korpershoek, H.", "footnote-author", (AUTEUR,)),
    ],
    "001": [],
    "002": [
        ("person:ergin", "Ergin", "motion-eponym", (INDIENER,)),
        ("person:j-n-j-nobel", "J.N.J. Nobel", "signatory",
         (("role", "Staatssecretaris Participatie en Integratie"),)),
    ],
    "003": [
        ("person:koolmees", "Koolmees", "official", (("role", "minister"), ("status", "toenmalig"))),
        ("person:van-baarle", "Van Baarle", "member-of-parliament", (MP,)),
        ("person:ceder", "Ceder", "member-of-parliament", (MP,)),
        ("person:aartsen", "Aartsen", "member-of-parliament", (MP,)),
        ("person:aartsen", "Aartsen", "motion-eponym", (INDIENER,)),
        ("person:c-e-g-van-gennip", "C.E.G. van Gennip", "signatory", (("role", SZW),)),
    ],
    "004": [
        ("person:van-baarle", "Van Baarle", "motion-eponym", (INDIENER,)),
        ("person:simons", "Simons", "motion-eponym", (INDIENER,)),
        ("person:van-baarle", "Van Baarle", "motion-eponym", (INDIENER,)),
        ("person:simons", "Simons", "motion-eponym", (INDIENER,)),
        ("person:van-baarle", "Van Baarle", "member-of-parliament", (MP, ("party", "DENK"))),
        ("person:simons", "Simons", "member-of-parliament", (MP, ("party", "BIJ1"))),
        ("person:a-d-wiersma", "A.D. Wiersma", "signatory",
         (("role", "Staatssecretaris van Sociale Zaken en Werkgelegenheid"),)),
        ("person:m-cadat-lampe", "Cadat-Lampe, M.", "footnote-author", (AUTEUR,)),
        ("person:h-felten", "Felten, H.", "footnote-author", (AUTEUR,)),
    ],
}  # fmt: skip

PARTIES: dict[str, list[tuple[str, str]]] = {
    "000": [("party:vvd", "VVD")],
    "001": [],
    "002": [],  # "Denk daarbij aan extra taalles" is no party
    "003": [],
    "004": [("party:denk", "Denk"), ("party:bij1", "Bij1")],  # not "Denk aan de verschillende…"
}


@pytest.mark.parametrize("name", sorted(PERSONS))
def test_seed_persons(name: str) -> None:
    assert rows(seed(name)) == PERSONS[name]


@pytest.mark.parametrize("name", sorted(PARTIES))
def test_seed_parties(name: str) -> None:
    found = [(m.entity, m.text) for m in people(seed(name)) if m.type is EntityType.PARTY]
    assert found == PARTIES[name]


def test_signatory_is_the_name_at_the_end_of_the_body() -> None:
    letter = seed("003")
    (signer,) = [m for m in people(letter) if m.rule == "signatory"]
    assert signer.name == "C.E.G. van Gennip"
    assert letter.body_end - signer.end < 5
    assert letter.text[signer.start : signer.end] == letter.metadata.signatory


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_spans_point_into_the_text(name: str) -> None:
    letter = seed(name)
    for m in people(letter):
        assert letter.text[m.start : m.end] == m.text
        assert 0 < m.confidence <= 1


# --- motion documents -----------------------------------------------------------------------


def test_motion_signers_and_initiators() -> None:
    letter = read_letter(REALDOCS / "motiematcher_kst-36178-16.xml", knowledge=False)
    assert [(m.entity, m.rule, m.attributes) for m in people(letter)] == [
        # "Voorstel van wet van de leden Paulusma, Becker, Westerveld, Van Nispen en Kostic"
        ("person:paulusma", "member-of-parliament", (MP,)),
        ("person:becker", "member-of-parliament", (MP,)),
        ("person:westerveld", "member-of-parliament", (MP,)),
        ("person:van-nispen", "member-of-parliament", (MP,)),
        ("person:kostic", "member-of-parliament", (MP,)),
        ("person:diederik-van-dijk", "motion-signer", (INDIENER, ("position", "1"))),
        ("person:bikker", "motion-signer", (INDIENER, ("position", "2"))),
    ]


def test_motion_signers_with_particles_and_diacritics() -> None:
    letter = read_letter(REALDOCS / "motiematcher_kst-31305-495.xml", knowledge=False)
    signers = [m.name for m in people(letter) if m.rule == "motion-signer"]
    assert signers == ["Grinwis", "Vedder", "De Hoop", "Kostić"]
    eponyms = [m.entity for m in people(letter) if m.rule == "motion-eponym"]
    assert eponyms == ["person:de-hoop", "person:olger-van-dijk", "person:olger-van-dijk"]


# --- letters written here -------------------------------------------------------------------

JUSTICE_TEXT = """Datum 14 februari 2024
Betreft Voortgang slachtofferzorg

Tijdens het debat vroeg het Kamerlid Ellian (VVD) naar de wachttijden. Ook de leden Mutluer (GL-PvdA), Van Nispen (SP) en Sneller (D66) stelden vragen.¹ Mijn voorganger heeft eerder toegezegd dat oud-minister Grapperhaus de Kamer zou informeren; mevrouw Helder (BBB) heeft dit overgenomen. De fractie van Volt en de Denk-fractie steunden het voorstel, net als de PVV. Denk daarbij aan een snellere afhandeling, zegt de minister van Justitie en Veiligheid.

De Minister van Justitie en Veiligheid,

D. Yeşilgöz-Zegerius

1 Hermans, K. en Van den Berg, L. (2022) Slachtoffers in beeld.
"""


def test_members_parties_officials_in_a_letter_of_another_ministry() -> None:
    letter = letter_from(JUSTICE_TEXT)
    assert rows(letter) == [
        ("person:ellian", "Ellian", "member-of-parliament", (MP, ("party", "VVD"))),
        ("person:mutluer", "Mutluer", "member-of-parliament", (MP, ("party", "GL-PvdA"))),
        ("person:van-nispen", "Van Nispen", "member-of-parliament", (MP, ("party", "SP"))),
        ("person:sneller", "Sneller", "member-of-parliament", (MP, ("party", "D66"))),
        ("person:grapperhaus", "Grapperhaus", "official", (("role", "minister"), ("status", "oud"))),
        ("person:helder", "Helder", "honorific", (("party", "BBB"),)),
        ("person:d-yesilgoz-zegerius", "D. Yeşilgöz-Zegerius", "signatory",
         (("role", "Minister van Justitie en Veiligheid"),)),
        ("person:k-hermans", "Hermans, K.", "footnote-author", (AUTEUR,)),
        ("person:l-van-den-berg", "Van den Berg, L.", "footnote-author", (AUTEUR,)),
    ]  # fmt: skip
    assert [(m.entity, m.text, m.rule) for m in people(letter) if m.type is EntityType.PARTY] == [
        ("party:vvd", "VVD", "member-party"),
        ("party:gl-pvda", "GL-PvdA", "member-party"),
        ("party:sp", "SP", "member-party"),
        ("party:d66", "D66", "member-party"),
        ("party:bbb", "BBB", "member-party"),
        ("party:volt", "Volt", "party-context"),
        ("party:denk", "Denk", "party-context"),
        ("party:pvv", "PVV", "party-name"),
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Mijn voorganger heeft dit toegezegd.", []),
        ("De minister van Financiën heeft dit toegezegd.", []),
        ("De leden van de Taskforce hebben de werkagenda vastgesteld.", []),
        ("Hebben de leden de agenda vastgesteld?", []),
        ("Het lid Bikker (ChristenUnie) vroeg ernaar.", [("person:bikker", "Bikker")]),
        ("Kamerlid Omtzigt vroeg ernaar.", [("person:omtzigt", "Omtzigt")]),
        ("Premier Schoof en staatssecretaris Van Ark waren er.",
         [("person:schoof", "Schoof"), ("person:van-ark", "Van Ark")]),
        ("Minister Bruins Slot reageerde.", [("person:bruins-slot", "Bruins Slot")]),
        ("De Staatssecretaris Participatie en Integratie stuurde een brief.", []),
    ],
)  # fmt: skip
def test_who_is_a_person(sentence: str, expected: list[tuple[str, str]]) -> None:
    found = [(m.entity, m.text) for m in people(letter_from(f"Betreft Test\n\n{sentence}\n"))
             if m.type is EntityType.PERSON]  # fmt: skip
    assert found == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Denk aan de gevolgen voor gemeenten.", []),
        ("De spanning is 230 Volt.", []),
        ("De AOV voor zelfstandigen wordt verplicht.", []),
        ("De fractie van de ChristenUnie en GroenLinks stemden voor.",
         [("party:cu", "ChristenUnie"), ("party:gl", "GroenLinks")]),
        ("Het JA21-Kamerlid en de BBB steunden dit.", [("party:ja21", "JA21"), ("party:bbb", "BBB")]),
        ("Vroeger zat hij in de GPV-fractie.", [("party:gpv", "GPV")]),
    ],
)  # fmt: skip
def test_which_name_is_a_party(sentence: str, expected: list[tuple[str, str]]) -> None:
    found = [(m.entity, m.text) for m in people(letter_from(f"Betreft Test\n\n{sentence}\n"))
             if m.type is EntityType.PARTY]  # fmt: skip
    assert found == expected


def test_a_historic_party_names_its_successor() -> None:
    (gpv,) = people(letter_from("Betreft Test\n\nDe GPV-fractie stemde tegen.\n"))
    assert gpv.attributes == (("full_name", "Gereformeerd Politiek Verbond"), ("successor", "CU"))


# --- vocabulary and helpers -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("alias", "abbreviation"),
    [
        ("VVD", "VVD"), ("Denk", "DENK"), ("DENK", "DENK"), ("Bij1", "BIJ1"), ("BIJ1", "BIJ1"),
        ("Artikel 1", "BIJ1"), ("ChristenUnie", "CU"), ("CU", "CU"), ("GroenLinks-PvdA", "GL-PvdA"),
        ("GL-PvdA", "GL-PvdA"), ("GroenLinks", "GL"), ("Partij voor de Dieren", "PvdD"),
        ("PvdD", "PvdD"), ("Nieuw Sociaal Contract", "NSC"), ("Forum voor Democratie", "FvD"),
        ("Volt", "Volt"), ("50PLUS", "50PLUS"), ("JA21", "JA21"), ("SGP", "SGP"),
        ("BoerBurgerBeweging", "BBB"), ("Groep Wilders", "PVV"),
    ],
)  # fmt: skip
def test_party_named(alias: str, abbreviation: str) -> None:
    party = party_named(alias)
    assert party is not None and party.abbreviation == abbreviation


def test_unknown_party() -> None:
    assert party_named("Kamerstuk 32 824") is None


def test_party_vocabulary_is_consistent() -> None:
    path = ROOT / "ingest" / "data" / "parties.json"
    raw = json.loads(path.read_text("utf-8"))["parties"]
    abbreviations = {p["abbreviation"] for p in raw}
    owners: dict[str, set[str]] = {}
    for p in parties():
        for alias in p.aliases:
            owners.setdefault(alias.casefold(), set()).add(p.abbreviation)
    assert all(len(owner) == 1 for owner in owners.values())  # one party per name
    for p in parties():
        assert p.abbreviation in p.aliases or p.name in p.aliases
        assert set(p.ambiguous) <= set(p.aliases)
        assert p.successor is None or p.successor in abbreviations


@pytest.mark.parametrize(
    ("text", "expected"),
    [("C.E.G. van Gennip", "c-e-g-van-gennip"), ("Kostić", "kostic"), ("GL-PvdA", "gl-pvda"),
     ("50PLUS", "50plus"), ("Yeşilgöz-Zegerius", "yesilgoz-zegerius"), ("DS'70", "ds-70")],
)  # fmt: skip
def test_slug(text: str, expected: str) -> None:
    assert slug(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("VAN NISPEN", "Van Nispen"),
        ("DIEDERIK VAN DIJK", "Diederik van Dijk"),
        ("KOSTIĆ", "Kostić"),
    ],
)
def test_title_case(text: str, expected: str) -> None:
    assert title_case(text) == expected
