"""Membership and partner lists: the items of each list, the organisation each names and the
group they belong to, on the seeds and on letters the tests write.

Seed truth, read by hand: 000's "De Werkagenda Voor een Inclusieve Arbeidsmarkt is opgesteld door
de volgende partijen:" (22 parties, pipe-separated; 000 never says the taskforce drew up the
agenda, so the group is the agenda); 002 footnote 1 (the Taskforce VIA, 22 partners); 003
footnote 1 (19 members of "de Taskforce" = the Taskforce Werk & Integratie named just before);
003's lerend netwerk (7 municipalities); 004 footnote 27 (20 members, "AWWN" = AWVN).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from seedletters import SEEDS, letter_from, seed

from ingest.memberships import extract_memberships, list_region, split_items
from ingest.models import Letter, Membership
from ingest.nlp import LetterContext
from ingest.organisations import extract_organisations

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
TASKFORCE = "organisation:taskforce-via"
AGENDA = "programme:werkagenda-via"
NETWORK = "organisation:lerend-netwerk-intensieve-begeleiding-van-werkzoekenden-met-een-migratieachtergrond"




def memberships_of(letter: Letter) -> tuple[Membership, ...]:
    ctx = LetterContext.of(letter)
    return extract_memberships(ctx, extract_organisations(ctx))


@cache
def seed_memberships(name: str) -> tuple[Membership, ...]:
    return memberships_of(seed(name))


def members(memberships: tuple[Membership, ...], group: str) -> list[str]:
    return [m.organisation.removeprefix("organisation:") for m in memberships if m.group == group]




def brief(body: str, footnotes: str = "") -> str:
    return (f"Geachte voorzitter,\n\n{body}\n\nDe minister van Volksgezondheid, Welzijn en Sport,"
            f"\n\nJ. Jansen\n\n{footnotes}\n")  # fmt: skip


# --- the seeds ------------------------------------------------------------------------------

COMMON = ("abu awvn divosa g4 g40 mbo-raad nbbu randstad sbb ser uaf uwv vh vng vno-ncw "
          "vluchtelingenwerk").split()  # fmt: skip
LISTS = {
    ("000", AGENDA): "szw ocw abu awvn cnv-jongeren divosa fnv g4 g40 mbo-raad nbbu randstad sam "
    "sbb ser uaf uwv vh vng vno-ncw mkb-nederland vluchtelingenwerk",
    ("002", TASKFORCE): "szw ocw abu awvn coa divosa g4 g40 mbo-raad nbbu randstad sam sbb ser uaf "
    "uwv vh vng vno-ncw mkb-nederland vluchtelingenwerk open-embassy",
    ("003", TASKFORCE): "abu awvn divosa fnv g4 g40 mbo-raad nbbu ocw randstad sbb ser uaf uwv vh "
    "vng vno-ncw vluchtelingenwerk szw",
    ("003", NETWORK): "gemeente-alkmaar gemeente-almere gemeente-den-haag gemeente-hoekse-waard "
    "gemeente-sittard-geleen gemeente-utrecht gemeente-zoetermeer",
    ("004", TASKFORCE): "abu awvn cnv-jongeren divosa fnv g4 g40 mbo-raad nbbu ocw randstad sbb "
    "ser uaf uwv vh vng vno-ncw vluchtelingenwerk szw",
}


@pytest.mark.parametrize(("name", "group"), list(LISTS))
def test_seed_lists_in_order(name, group):
    assert members(seed_memberships(name), group) == LISTS[(name, group)].split()


@pytest.mark.parametrize(("name", "size"), [("000", 22), ("001", 0), ("002", 22), ("003", 26),
                                            ("004", 20)])  # fmt: skip
def test_no_other_memberships_in_the_seeds(name, size):
    assert len(seed_memberships(name)) == size
    groups = {g for n, g in LISTS if n == name}
    assert {m.group for m in seed_memberships(name)} == groups


@pytest.mark.parametrize("name", list(SEEDS))
def test_every_item_quotes_its_span(name):
    text = seed(name).text
    for m in seed_memberships(name):
        assert text[m.start : m.end] == m.text
        assert 0 < m.confidence <= 1 and m.rule.startswith("member-list:")


@pytest.mark.parametrize(
    ("name", "organisation", "text", "confidence", "rule"),
    [
        ("000", "sam", "SAM, beroepsvereniging voor uitvoerend professionals in het publiek sociaal "
         "domein", 0.7, "member-list:pipe:agenda"),
        ("000", "sbb", "Samenwerkingsorganisatie Beroepsonderwijs Bedrijfsleven (SBB)", 0.7,
         "member-list:pipe:agenda"),  # no "|" before "Sociaal-Economische Raad (SER)"
        ("000", "vh", "Vereniging Hogescholen (VH)", 0.7, "member-list:pipe:agenda"),
        ("000", "mkb-nederland", "MKB Nederland", 0.7, "member-list:pipe:agenda"),
        ("002", "vng", "De Vereniging van Nederlandse Gemeenten (VNG )", 0.95,
         "member-list:colon:subject"),
        ("002", "sam", "SAM, beroepsvereniging voor uitvoerend professionals in het publiek sociaal "
         "domein", 0.9, "member-list:colon:subject"),
        ("002", "open-embassy", "Open Embassy", 0.6, "member-list:colon:subject"),
        ("003", "szw", "Ministerie van SZW", 0.85, "member-list:colon:head"),
        ("003", "gemeente-hoekse-waard", "Hoekse Waard", 0.8, "member-list:inline:anaphor"),
        ("004", "awvn", "AWWN", 0.6, "member-list:colon:head"),
        ("004", "randstad", "Randstad", 0.75, "member-list:colon:head"),
    ],
)  # fmt: skip
def test_items_as_written(name, organisation, text, confidence, rule):
    (hit,) = [m for m in seed_memberships(name)
              if m.organisation == f"organisation:{organisation}"]  # fmt: skip
    assert (hit.text, hit.confidence, hit.rule) == (text, confidence, rule)


def test_who_joined_and_left_the_taskforce_across_letters():
    by_year = {year: set(members(seed_memberships(name), TASKFORCE))
               for year, name in (("2021", "004"), ("2022", "003"), ("2025", "002"))}  # fmt: skip
    agenda_2023 = set(members(seed_memberships("000"), AGENDA))
    assert by_year["2025"] - by_year["2022"] == {"coa", "open-embassy", "sam", "mkb-nederland"}
    assert by_year["2022"] - by_year["2025"] == {"fnv"}
    assert by_year["2021"] - by_year["2022"] == {"cnv-jongeren"}
    assert "cnv-jongeren" in agenda_2023 and "cnv-jongeren" not in by_year["2025"]
    assert all(set(COMMON) <= s for s in [*by_year.values(), agenda_2023])


# --- letters the tests write ----------------------------------------------------------------


def test_a_subject_list_with_unknown_members():
    letter = letter_from(brief(
        "De Alliantie Wijkaanpak bestaat uit de volgende partners: de Landelijke Vereniging van "
        "Wijkteams (LVW), Stichting Samen Sterker (SSS), VNG, Divosa en Buurtwerk Oost. Later "
        "sprak ik de LVW."))  # fmt: skip
    found = [(m.group, m.organisation, m.text) for m in memberships_of(letter)]
    group = "organisation:alliantie-wijkaanpak"
    assert found == [
        (group, "organisation:lvw", "Landelijke Vereniging van Wijkteams (LVW)"),
        (group, "organisation:sss", "Stichting Samen Sterker (SSS)"),
        (group, "organisation:vng", "VNG"),
        (group, "organisation:divosa", "Divosa"),
        (group, "organisation:buurtwerk-oost", "Buurtwerk Oost"),
    ]


def test_a_bare_head_in_a_footnote_is_the_group_named_near_its_marker():
    letter = letter_from(brief(
        "Daarnaast noem ik de Taskforce Jeugd.\n\nMet de Coalitie Zorgwerk1 werk ik verder.",
        "1 Leden van de coalitie zijn: ActiZ, Zorgverzekeraars Nederland, FNV en CNV."))
    found = [(m.group, m.organisation, m.rule) for m in memberships_of(letter)]
    group = "organisation:coalitie-zorgwerk"
    assert found == [
        (group, "organisation:actiz", "member-list:colon:head"),
        (group, "organisation:zn", "member-list:colon:head"),
        (group, "organisation:fnv", "member-list:colon:head"),
        (group, "organisation:cnv", "member-list:colon:head"),
    ]  # fmt: skip


AGENDA_LIST = ("Het Actieplan Zorgwerk is opgesteld door de volgende partijen:\n\nMinisterie van "
               "Volksgezondheid, Welzijn en Sport (VWS) | ActiZ | Zorgverzekeraars Nederland (ZN) "
               "Nederlandse Vereniging van Ziekenhuizen (NVZ) | FNV en CNV")  # fmt: skip


@pytest.mark.parametrize(
    ("lead", "group", "rule"),
    [
        ("Het Actieplan Zorgwerk is opgesteld door de Coalitie Zorgwerk.",
         "organisation:coalitie-zorgwerk", "member-list:pipe:agenda-tied"),
        ("Ik werk samen met de Coalitie Zorgwerk.", "programme:actieplan-zorgwerk",
         "member-list:pipe:agenda"),
    ],
)  # fmt: skip
def test_an_agenda_list_belongs_to_the_group_that_drew_it_up_if_the_letter_says_so(lead, group, rule):
    found = [(m.group, m.organisation, m.text, m.rule)
             for m in memberships_of(letter_from(brief(f"{lead}\n\n{AGENDA_LIST}")))]  # fmt: skip
    assert found == [
        (group, "organisation:vws", "Ministerie van Volksgezondheid, Welzijn en Sport (VWS)", rule),
        (group, "organisation:actiz", "ActiZ", rule),
        (group, "organisation:zn", "Zorgverzekeraars Nederland (ZN)", rule),
        (group, "organisation:nvz", "Nederlandse Vereniging van Ziekenhuizen (NVZ)", rule),
        (group, "organisation:fnv", "FNV", rule),
        (group, "organisation:cnv", "CNV", rule),
    ]  # fmt: skip


def test_an_agenda_is_named_with_the_abbreviation_the_letter_defines():
    letter = letter_from(brief(
        "Het programma Samen Sterk in de Wijk (SSW) loopt.\n\nDe Werkagenda Samen Sterk in de Wijk "
        "is opgesteld door de volgende partijen: VNG, Divosa en de Landelijke Cliëntenraad."))
    assert {m.group for m in memberships_of(letter)} == {"programme:werkagenda-ssw"}
    assert members(memberships_of(letter), "programme:werkagenda-ssw") == ["vng", "divosa", "lcr"]


def test_municipalities_joining_a_network_named_before():
    letter = letter_from(brief(
        "In 2024 start het lerend netwerk Schuldhulp Oost. Deelnemers hieraan zijn onder andere "
        "de gemeenten Enschede, Hengelo en Almelo."))
    found = [(m.group, m.organisation, m.text, m.confidence) for m in memberships_of(letter)]
    group = "organisation:lerend-netwerk-schuldhulp-oost"
    assert found == [(group, f"organisation:gemeente-{p.lower()}", p, 0.8)
                     for p in ("Enschede", "Hengelo", "Almelo")]  # fmt: skip


@pytest.mark.parametrize(
    "body",
    [
        "De politieke partijen: VVD, D66 en CDA.",  # no group, and parties are no bodies
        "Aanbevelingen zijn onder meer: meer maatwerk, de menselijke maat en duurzaam werk.",
        "Werkgevers, gemeenten en partners zoals AWVN, VNO-NCW en Divosa doen mee.",  # no group
        "De leden van de Kamer vroegen naar UWV en SVB.",
    ],
)
def test_lists_without_a_group_or_without_organisations_give_nothing(body):
    assert memberships_of(letter_from(brief(body))) == ()


def test_split_items_cuts_pipes_missing_separators_and_appositions():
    letter = letter_from(brief("Partijen:\n\nUWV (UWV) Vereniging Hogescholen (VH) | SAM, "
                               "beroepsvereniging van klantmanagers | VNO-NCW en MKB-Nederland"))
    ctx = LetterContext.of(letter)
    colon = letter.text.index(":")
    start, end = list_region(ctx, colon)
    items = split_items(letter.text, start, end, extract_organisations(ctx))
    assert [(letter.text[i.start : i.end], i.entity) for i in items] == [
        ("UWV (UWV)", "organisation:uwv"),
        ("Vereniging Hogescholen (VH)", "organisation:vh"),
        ("SAM, beroepsvereniging van klantmanagers", "organisation:sam"),
        ("VNO-NCW", "organisation:vno-ncw"),
        ("MKB-Nederland", "organisation:mkb-nederland"),
    ]


# --- lists in list-item passages and semicolon lists ----------------------------------------

SPORT = ("Het Sportakkoord Samen Bewegen loopt sinds 2022.\n\n"
         "Het akkoord is ondertekend door de volgende partijen:\n\n")  # fmt: skip


@pytest.mark.parametrize("bullet", ["•", "-"])
def test_a_bulleted_list_after_the_lead_in_belongs_to_the_agreement_named_before(bullet):
    items = ["Ministerie van VWS;", "Divosa;", "Huisartsen Nederland (HN);",
             "Sportkoepel Oost;", "Nibud."]  # fmt: skip
    body = SPORT + "\n".join(f"{bullet} {i}" for i in items) + "\n\nDaarna volgt de evaluatie."
    found = [(m.group, m.organisation, m.text, m.rule) for m in memberships_of(letter_from(
        brief(body)))]  # fmt: skip
    group, rule = "programme:sportakkoord-samen-bewegen", "member-list:colon:thing"
    assert found == [
        (group, "organisation:vws", "Ministerie van VWS", rule),
        (group, "organisation:divosa", "Divosa", rule),
        (group, "organisation:hn", "Huisartsen Nederland (HN)", rule),
        (group, "organisation:sportkoepel-oost", "Sportkoepel Oost", rule),
        (group, "organisation:nibud", "Nibud", rule),
    ]  # fmt: skip


def test_a_semicolon_list_with_a_typo_and_an_apposition():
    body = ("Het Actieplan Gezond Wonen loopt tot 2030. Het plan is opgesteld samen met de "
            "volgende partners: Aedes, vereniging van woningcorporaties; VNB; de Woonbond; "
            "Divosa en de Landelijke Huurdersvereniging (LHV).")  # fmt: skip
    found = [(m.organisation.removeprefix("organisation:"), m.text)
             for m in memberships_of(letter_from(brief(body)))]  # fmt: skip
    assert found == [
        ("aedes", "Aedes, vereniging van woningcorporaties"), ("vng", "VNB"),
        ("woonbond", "Woonbond"), ("divosa", "Divosa"),
        ("lhv", "Landelijke Huurdersvereniging (LHV)"),
    ]  # fmt: skip
    assert {m.group for m in memberships_of(letter_from(brief(body)))} == {
        "programme:actieplan-gezond-wonen"}  # fmt: skip


def test_a_bare_agreement_with_nothing_named_before_gives_no_group():
    body = "Het akkoord is ondertekend door de volgende partijen:\n\n• Divosa;\n• Nibud;\n• VNG."
    assert memberships_of(letter_from(brief(body))) == ()
