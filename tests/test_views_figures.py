"""kb.views.figures on the seed KB: figures, their source chain, groups, search and recurrence.

Seed truth (read in corpus/000_6adc83efdee732d0.txt): footnote 22 reads "9,6 procent van de
mensen met buiten-Europese migratieachtergrond ontving in september 2022 bijstand, tegenover
1,7 procent bij de personen zonder migratieachtergrond. Bron: Kernindicatoren Integratie 2023,
CBS"; its marker stands after "… oververtegenwoordigd in de bijstand" in the body. Footnote 37
repeats both figures ("Percentage met bijstand is … 9,6, onder de mensen zonder
migratieachtergrond 1,7. Bron: Kernindicatoren Integratie"). The Monitor Gelijkwaardige Kansen
(Significant) is the source of 14 figures in seed 000: footnotes 6 (2), 23 (2), 33 (1), 34 (5),
35 (2) and 36 (2); CBS publishes 13 figures across seeds 000, 001, 003 and 004.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from kb.store import Store
from kb.views.figures import (
    UNKNOWN_SOURCE,
    Figure,
    SourceGroup,
    by_source,
    chain,
    figure_table,
    figures,
    group_table,
    groups,
    same_source,
    search,
    source_options,
)
from kb.views.figures_recurring import recurring

SEED_000 = "000_6adc83efdee732d0"
BIJSTAND = (
    "9,6 procent van de mensen met buiten-Europese migratieachtergrond ontving in september "
    "2022 bijstand, tegenover 1,7 procent bij de personen zonder migratieachtergrond. Bron: "
    "Kernindicatoren Integratie 2023, CBS"
)
KEY_96 = f"statistic:{SEED_000}:27169"


@pytest.fixture(scope="module")
def all_figures(seed_kb: Path) -> tuple[Figure, ...]:
    with Store.open(seed_kb, create=False) as store:
        return figures(store)


def figure(rows: tuple[Figure, ...], key: str) -> Figure:
    return next(f for f in rows if f.key == key)


def test_the_bijstand_figure(all_figures: tuple[Figure, ...], seed_store: Store) -> None:
    f = figure(all_figures, KEY_96)
    assert (f.document, f.date, f.title) == (
        SEED_000, "2023", "Gelijkwaardige kansen op de arbeidsmarkt voor iedereen"
    )  # fmt: skip
    assert (f.value, f.number, f.unit, f.measure, f.population, f.period) == (
        "9,6 procent", 9.6, "%", "ontving bijstand",
        "mensen met buiten-Europese migratieachtergrond", "september 2022",
    )  # fmt: skip
    assert (f.quote, f.start, f.end, f.quote_start, f.quote_end) == (
        BIJSTAND, 27169, 27180, 27169, 27379
    )  # fmt: skip
    assert (f.footnote, f.footnote_text, f.footnote_start, f.footnote_end) == (
        22, BIJSTAND, 27169, 27379
    )  # fmt: skip
    assert (f.in_footnote, f.footnote_sentence) == (True, (16513, 16657))
    assert (f.source, f.source_via, f.via_label, f.source_start, f.source_end) == (
        "Kernindicatoren Integratie 2023, CBS", "bron", "“Bron:”-vermelding", 27343, 27379
    )  # fmt: skip
    assert (f.publication, f.publisher, f.group) == (
        "Kernindicatoren Integratie 2023", "CBS", "Kernindicatoren Integratie 2023"
    )  # fmt: skip
    text = seed_store.db.execute("SELECT text FROM documents WHERE id = ?", (SEED_000,)).fetchone()[0]
    assert text[f.start : f.end] == "9,6 procent"
    assert text[f.quote_start : f.quote_end] == BIJSTAND
    assert text[f.source_start : f.source_end] == "Kernindicatoren Integratie 2023, CBS"
    assert "oververtegenwoordigd in de bijstand" in text[16513:16657]


def test_the_bijstand_chain(all_figures: tuple[Figure, ...]) -> None:
    steps = chain(figure(all_figures, KEY_96))
    assert [(s.label, s.text, s.start, s.end, s.source_filter) for s in steps] == [
        ("Cijfer", "9,6 procent", 27169, 27180, None),
        ("Zin in de brief", BIJSTAND, 27169, 27379, None),
        ("Voetnoot 22", BIJSTAND, 27169, 27379, None),
        ("Publicatie", "Kernindicatoren Integratie 2023", 27343, 27379,
         "Kernindicatoren Integratie 2023"),
        ("Uitgever", "CBS", 27343, 27379, "CBS"),
    ]  # fmt: skip
    assert [s.detail for s in steps] == [
        "ontving bijstand, mensen met buiten-Europese migratieachtergrond, september 2022",
        None,
        "Het cijfer staat in deze voetnoot.",
        "Genoemd als: Kernindicatoren Integratie 2023, CBS (via “Bron:”-vermelding)",
        None,
    ]
    assert {s.document for s in steps} == {SEED_000}


def test_chain_of_a_body_figure_with_a_footnote(all_figures: tuple[Figure, ...]) -> None:
    """74% (seed 000) stands in the body; footnote 7 names TNO's Werkgevers Enquête."""
    [f] = search(all_figures, "74%")
    assert (f.in_footnote, f.footnote, f.publication, f.publisher) == (
        False, 7, "Werkgevers Enquête Arbeidsmarkt 2021", "TNO"
    )  # fmt: skip
    steps = chain(f)
    assert [s.label for s in steps] == ["Cijfer", "Zin in de brief", "Voetnoot 7", "Publicatie",
                                        "Uitgever"]  # fmt: skip
    assert steps[2].text == "TNO, 2022, Werkgevers Enquete Arbeidsmarkt 2021"
    assert steps[2].detail is None


def test_chain_of_a_bron_line_and_of_no_source(all_figures: tuple[Figure, ...]) -> None:
    """Seed 001 (a brochure) gives "12% heeft een migratieachtergrond. Bron: CBS Statline
    2018"; "Meer dan de helft van de jongeren in Rotterdam …" has no source."""
    twelve = figure(all_figures, "statistic:001_a4dc7a71a65ae17e:318")
    assert [(s.label, s.text, s.start, s.end) for s in chain(twelve)[2:]] == [
        ("Bronvermelding", "CBS Statline 2018", 359, 376),
        ("Publicatie", "CBS Statline 2018", 359, 376),
        ("Uitgever", "CBS", 359, 376),
    ]
    half = figure(all_figures, "statistic:001_a4dc7a71a65ae17e:378")
    assert half.group == UNKNOWN_SOURCE
    assert [(s.label, s.text, s.start) for s in chain(half)[2:]] == [
        ("Publicatie", "onbekend", None), ("Uitgever", "onbekend", None)
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("9,6 procent bijstand", ["9,6 procent", "1,7 procent"]),
        ("9,6 PROCENT   Bijstand", ["9,6 procent", "1,7 procent"]),
        ("9,6 bijstand", ["9,6 procent", "9,6", "1,7 procent", "1,7"]),
        ("kernindicatoren 2023", ["9,6 procent", "1,7 procent"]),
        ("74%", ["74%"]),
        ("19,6", []),  # a word matches at the start of a word only
        ("9,6 procent Ergin", []),
    ],
)
def test_search(all_figures: tuple[Figure, ...], query: str, found: list[str]) -> None:
    assert [f.value for f in search(all_figures, query)] == found


def test_search_puts_the_bijstand_figure_first(all_figures: tuple[Figure, ...]) -> None:
    assert search(all_figures, "9,6 procent bijstand")[0].key == KEY_96
    assert len(search(all_figures, "")) == len(all_figures) == 63


def test_groups(all_figures: tuple[Figure, ...]) -> None:
    found = groups(all_figures)
    assert found[:3] == (
        SourceGroup("Monitor Gelijkwaardige Kansen", "Significant", 14, 1),
        SourceGroup("(On)gelijke toegang tot stage en werk voor jongeren met een "
                    "migratieachtergrond", "ROA", 6, 1),
        SourceGroup("CBS Statline 2018", "CBS", 3, 1),
    )  # fmt: skip
    assert found[-1] == SourceGroup(UNKNOWN_SOURCE, None, 18, 4)
    assert sum(g.figures for g in found) == 63
    assert SourceGroup("Kernindicatoren Integratie 2023", "CBS", 2, 1) in found
    assert len(found) == 21
    assert group_table(found[:1]) == [
        {"Bron": "Monitor Gelijkwaardige Kansen", "Uitgever": "Significant", "Cijfers": 14,
         "Brieven": 1}
    ]  # fmt: skip


def test_source_filter(all_figures: tuple[Figure, ...]) -> None:
    assert len(by_source(all_figures, "CBS")) == 13
    assert len(by_source(all_figures, "cbs")) == 13
    assert {f.document[:3] for f in by_source(all_figures, "CBS")} == {"000", "001", "003", "004"}
    assert [f.value for f in by_source(all_figures, "Kernindicatoren Integratie 2023")] == [
        "9,6 procent", "1,7 procent"
    ]  # fmt: skip
    assert len(by_source(all_figures, UNKNOWN_SOURCE)) == 18
    assert len(by_source(all_figures, "")) == 63
    assert by_source(all_figures, "Nergens") == ()
    options = source_options(all_figures)
    assert [(o.name, o.kind, o.count) for o in options[:3]] == [
        ("Significant", "uitgever", 14), ("CBS", "uitgever", 13), ("ROA", "uitgever", 6)
    ]  # fmt: skip
    assert (options[-1].name, options[-1].kind, options[-1].count) == (UNKNOWN_SOURCE,
                                                                        "onbekend", 18)  # fmt: skip
    # "bijstand": the four CBS figures, and 24% / 35% (Monitor) whose sentence ends "… ook
    # blijft de afhankelijk van de bijstand onder deze groep mensen, groot."
    counts = {o.name: o.count for o in source_options(search(all_figures, "bijstand"))}
    assert counts == {"CBS": 4, "Significant": 2, "Monitor Gelijkwaardige Kansen": 2,
                      "Kernindicatoren Integratie 2023": 2, "Kernindicatoren Integratie": 2}



def test_same_source(all_figures: tuple[Figure, ...]) -> None:
    assert [f.value for f in same_source(all_figures, figure(all_figures, KEY_96))] == [
        "1,7 procent"
    ]
    half = figure(all_figures, "statistic:001_a4dc7a71a65ae17e:378")
    assert same_source(all_figures, half) == ()


def test_recurring_on_the_seeds(all_figures: tuple[Figure, ...]) -> None:
    """Seed 000 repeats 9,6 and 1,7 (bijstand, CBS) in footnotes 22 and 37; no figure recurs
    across seeds: "twee keer zo vaak werkloos" (000, Significant) and "tweemaal vaker werkloos"
    (003, ROA) have different publishers, "70%" (000 and 002) different measures."""
    found = recurring(all_figures)
    assert [(r.value, r.measure, r.reason, r.letters,
             [(f.value, f.footnote) for f in r.figures]) for r in found] == [
        ("9,6 procent", "ontving bijstand", "zelfde bron", 1, [("9,6 procent", 22), ("9,6", 37)]),
        ("1,7 procent", "bijstand", "zelfde bron", 1, [("1,7 procent", 22), ("1,7", 37)]),
    ]  # fmt: skip


def _made(base: Figure, document: str, start: int, **changes: object) -> Figure:
    return replace(base, key=f"statistic:{document}:{start}", document=document, start=start,
                   **changes)  # fmt: skip


def test_recurring_rules(all_figures: tuple[Figure, ...]) -> None:
    """The definition on figures made from the 9,6 figure: across letters without a source,
    and the cases that do not recur."""
    base = figure(all_figures, KEY_96)
    unsourced = dict(publication=None, publisher=None, source=None, source_via=None)
    later = _made(base, "later", 10, period=None, measure="bijstand", **unsourced)
    [group] = recurring([base, later])
    assert (group.reason, group.letters, [f.document for f in group.figures]) == (
        "zelfde maat", 2, [SEED_000, "later"]
    )  # fmt: skip
    same_letter = _made(base, SEED_000, 99999, **unsourced)
    assert recurring([base, same_letter]) == ()  # one letter, no common source
    assert recurring([base, replace(later, number=9.7)]) == ()
    assert recurring([base, replace(later, unit="procentpunt")]) == ()
    assert recurring([base, replace(later, measure="werkloos")]) == ()
    assert recurring([base, replace(later, measure=None)]) == ()
    assert recurring([base, replace(later, period="2021")]) == ()
    assert recurring([base, replace(later, population="jongeren")]) == ()
    assert recurring([base, replace(later, publisher="SCP")]) == ()
    other_year = replace(later, publisher="CBS", publication="Kernindicatoren Integratie 2024")
    assert recurring([base, other_year])[0].reason == "zelfde bron"
    chain_of_three = recurring([base, later, _made(later, "third", 5)])
    assert [len(g.figures) for g in chain_of_three] == [3]
    assert chain_of_three[0].letters == 3


def test_table(all_figures: tuple[Figure, ...]) -> None:
    assert figure_table([figure(all_figures, KEY_96)]) == [{
        "Cijfer": "9,6 procent", "Wat": "ontving bijstand",
        "Wie": "mensen met buiten-Europese migratieachtergrond", "Periode": "september 2022",
        "Bron": "Kernindicatoren Integratie 2023", "Uitgever": "CBS",
        "Via": "“Bron:”-vermelding", "Voetnoot": 22, "Datum": "2023",
        "Brief": "Gelijkwaardige kansen op de arbeidsmarkt voor iedereen", "Zin": BIJSTAND,
    }]  # fmt: skip
