"""kb.views.motions on the seed KB: the motions, their Kamerstuk, members, status and trace.

Seed truth (read in corpus/): seed 002 says "Verder geef ik met deze werkagenda invulling aan
de motie Ergin …" with footnote 2 "Kamerstukken II 2023-2024, 32824, nr. 419"; seed 003 reacts
on motie Ceder (32 824, nr. 341) and twice refers to motie Aartsen (32 825, nr. 372, "verzocht");
seed 004 names Motie-Van Baarle/Simons (35 420, nr. 300; DENK and BIJ1) three times.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kb.ingesting import ingest_paths
from kb.store import Store
from kb.views.motions import (
    Motion,
    find_motions,
    kamerstuk_label,
    motion_table,
    motions,
    search,
    stance_label,
)

ROOT = Path(__file__).resolve().parent.parent
ERGIN_QUOTE = (
    "Verder geef ik met deze werkagenda invulling aan de motie Ergin waarin wordt opgeroepen "
    "om de voortgang van de werkagenda voor 2025 te borgen."
)
SEED_002, SEED_003, SEED_004 = (
    "002_080da9ed5327206a", "003_a17b3276b8151254", "004_e70a85e84504e092"
)  # fmt: skip


@pytest.fixture(scope="module")
def all_motions(seed_kb: Path) -> tuple[Motion, ...]:
    with Store.open(seed_kb, create=False) as store:
        return motions(store)


def by_name(rows: tuple[Motion, ...], name: str) -> Motion:
    return next(m for m in rows if m.name == name)


def test_every_motion_in_first_mention_order(all_motions: tuple[Motion, ...]) -> None:
    assert [(m.name, m.key, m.status, m.first, m.last) for m in all_motions] == [
        ("Motie-Van Baarle/Simons", "kst-35420-300", "in uitvoering", "2021-11-17", "2021-11-17"),
        ("Motie-Aartsen", "kst-32825-372", "vermeld", "2022", "2022"),
        ("Motie-Ceder", "kst-32824-341", "vermeld", "2022", "2022"),
        ("Motie-Ergin", "kst-32824-419", "in uitvoering", "2025", "2025"),
    ]


def test_motie_ergin(all_motions: tuple[Motion, ...], seed_store: Store) -> None:
    ergin = by_name(all_motions, "Motie-Ergin")
    assert (ergin.id, ergin.kamerstuk, ergin.kamerstuk_label, ergin.url) == (
        "kst-32824-419", "kst-32824-419", "Kamerstuk 32 824, nr. 419",
        "https://zoek.officielebekendmakingen.nl/kst-32824-419.html",
    )  # fmt: skip
    assert (ergin.members, ergin.parties, ergin.own_document) == (("Ergin",), (), None)
    [step] = ergin.steps
    assert (step.document, step.date, step.title, step.start, step.end) == (
        SEED_002, "2025", "Brief: de Werkagenda Voor een Inclusieve Arbeidsmarkt (VIA)", 795, 937
    )  # fmt: skip
    assert (step.quote, step.stance, step.stance_label) == (ERGIN_QUOTE, "invulling",
                                                            "geeft invulling")  # fmt: skip
    text = seed_store.db.execute("SELECT text FROM documents WHERE id = ?", (SEED_002,)).fetchone()
    assert text[0][step.start : step.end] == ERGIN_QUOTE
    [letter] = ergin.letters
    assert (letter.document, letter.date, letter.steps) == (SEED_002, "2025", (step,))


def test_van_baarle_simons_three_sentences_in_one_letter(all_motions: tuple[Motion, ...]) -> None:
    motion = by_name(all_motions, "Motie-Van Baarle/Simons")
    assert (motion.members, motion.parties) == (("Van Baarle", "Simons"), ("DENK", "BIJ1"))
    assert [(s.document, s.start, s.end, s.stance, s.stance_label) for s in motion.steps] == [
        (SEED_004, 2611, 2772, "uitvoering", "in uitvoering"),
        (SEED_004, 2774, 2797, None, "vermeld"),
        (SEED_004, 2799, 3026, None, "vermeld"),
    ]
    assert [len(letter.steps) for letter in motion.letters] == [3]


def test_aartsen_and_ceder(all_motions: tuple[Motion, ...]) -> None:
    aartsen = by_name(all_motions, "Motie-Aartsen")
    assert [(s.document, s.start, s.stance_label) for s in aartsen.steps] == [
        (SEED_003, 20194, "verzocht"), (SEED_003, 21343, "verzocht")
    ]  # fmt: skip
    ceder = by_name(all_motions, "Motie-Ceder")
    assert [(s.start, s.end, s.stance_label) for s in ceder.steps] == [(19031, 19333, "reactie")]
    assert ceder.steps[0].quote.startswith("In mijn reactie op de motie van het lid Ceder")


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("Ergin", ["Motie-Ergin"]),
        ("motie Ergin", ["Motie-Ergin"]),
        ("ERGIN", ["Motie-Ergin"]),
        ("kst-32824-419", ["Motie-Ergin"]),
        ("32824-419", ["Motie-Ergin"]),
        ("Kamerstuk 32 824, nr. 419", ["Motie-Ergin"]),
        ("32824", ["Motie-Ceder", "Motie-Ergin"]),
        ("van baarle", ["Motie-Van Baarle/Simons"]),
        ("Simons", ["Motie-Van Baarle/Simons"]),
        ("BIJ1", ["Motie-Van Baarle/Simons"]),
        ("motie", ["Motie-Van Baarle/Simons", "Motie-Aartsen", "Motie-Ceder", "Motie-Ergin"]),
        ("", ["Motie-Van Baarle/Simons", "Motie-Aartsen", "Motie-Ceder", "Motie-Ergin"]),
        ("Ergin Ceder", []),
        ("Erginn", []),
        ("rgin", []),  # words match at the start of a word only
    ],
)
def test_find_motions(all_motions: tuple[Motion, ...], query: str, names: list[str]) -> None:
    assert [m.name for m in find_motions(all_motions, query)] == names


def test_search_reads_the_store(seed_store: Store) -> None:
    assert [m.key for m in search(seed_store, "motie Ergin")] == ["kst-32824-419"]


def test_labels() -> None:
    assert [stance_label(s) for s in ("invulling", "afgedaan", "uitvoering", "verzocht",
                                      "reactie", "vervangen", None)] == [
        "geeft invulling", "afgedaan", "in uitvoering", "verzocht", "reactie", "vervangen",
        "vermeld",
    ]  # fmt: skip
    assert kamerstuk_label("kst-35420-300") == "Kamerstuk 35 420, nr. 300"
    assert kamerstuk_label("kst-36800-IX-29") == "Kamerstuk 36 800 IX, nr. 29"
    assert kamerstuk_label("motie:x") == "motie:x"
    assert kamerstuk_label(None) is None


def test_table(all_motions: tuple[Motion, ...]) -> None:
    assert motion_table(find_motions(all_motions, "Van Baarle")) == [{
        "Motie": "Motie-Van Baarle/Simons", "Kamerstuk": "Kamerstuk 35 420, nr. 300",
        "Indieners": "Van Baarle, Simons", "Partijen": "DENK, BIJ1", "Status": "in uitvoering",
        "Brieven": 1, "Vermeldingen": 3, "Eerst genoemd": "2021-11-17",
        "Laatst genoemd": "2021-11-17", "Motie zelf in kennisbank": "nee",
    }]  # fmt: skip


def test_own_document_when_the_motion_itself_is_ingested(tmp_path: Path) -> None:
    """A motion document (kst-29544-1299) in the KB is the motion's own document."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(ROOT / "tests/fixtures/realdocs/motiematcher_kst-29544-1299.xml", corpus)
    with Store.open(tmp_path / "kb") as store:
        assert ingest_paths([corpus], store, workers=1).failures == ()
        [flach] = search(store, "29544-1299")
    assert (flach.name, flach.members, flach.own_document) == (
        "Motie-Flach c.s.", ("Flach", "Ceder", "Saris"), "motiematcher_kst-29544-1299"
    )  # fmt: skip
    assert motion_table((flach,))[0]["Motie zelf in kennisbank"] == "ja"
