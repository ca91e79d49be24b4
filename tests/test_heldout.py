"""Held-out letters (tests/heldout/): four letters of other ministries, topics and layouts than the
seeds, written by an evaluator who did not write the extractors, with a hand-made truth.json.

These tests pin what the extractors get right on them today. The full measurement, with the
failures, is `scripts/eval_knowledge.py`.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from ingest.models import EntityType, Letter
from ingest.pipeline import read_letter
from kb.fulfilment import CommitmentFacts, LetterFacts, candidates_for, commitment_key, status_of

HELDOUT = Path(__file__).parent / "heldout"
TRUTH = json.loads((HELDOUT / "truth.json").read_text(encoding="utf-8"))["letters"]
H1, H2, H3, H4 = sorted(TRUTH)


@cache
def letter(name: str) -> Letter:
    return read_letter(HELDOUT / TRUTH[name]["file"])


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_date_signatory_role(name):
    meta, truth = letter(name).metadata, TRUTH[name]
    assert (meta.date.iso(), meta.signatory, meta.role, meta.kamerstuk) == (
        truth["date"],
        truth["signatory"],
        truth["role"],
        truth["kamerstuk"],
    )


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_footnotes_are_numbered_linked_and_complete(name):
    notes, truth = letter(name).footnotes, TRUTH[name]["footnotes"]
    assert [f.number for f in notes] == list(range(1, len(truth) + 1))
    assert all(f.text.startswith(prefix) for f, (_, prefix) in zip(notes, truth, strict=True))
    assert all(f.marker_offset is not None for f in notes)


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_references(name):
    assert {r.id for r in letter(name).references} == set(TRUTH[name]["references"])


@pytest.mark.parametrize(
    ("name", "members", "kst"),
    [
        (H1, ("Westerveld",), "kst-32793-712"),
        (H2, ("Grinwis",), "kst-32847-1125"),
        (H3, ("Mutluer", "Ellian"), "kst-26643-1102"),
        (H3, ("Van Nispen",), "kst-29279-845"),
        (H4, ("Westerveld",), "kst-32793-712"),
    ],
)
def test_motion_kamerstuk(name, members, kst):
    motions = letter(name).knowledge.motions
    assert {m.key for m in motions if m.members == members} == {kst}


@pytest.mark.parametrize(
    ("name", "value", "publisher"),
    [
        (H1, "drie keer zo vaak", "Trimbos-instituut"),
        (H1, "71 procent", "Mulier Instituut"),
        (H2, "401.000 woningen", "ABF Research"),
        (H2, "een op de vijf", "Nibud"),
        (H2, "€ 1,2 miljard", None),
        (H3, "anderhalf keer zo vaak", "WODC"),
        (H3, "vier keer zo vaak", "WODC"),
        (H3, "87 procent", "NVB"),
        (H4, "4,9 procent", "RIVM"),
    ],
)
def test_statistic_source(name, value, publisher):
    found = [s.publisher for s in letter(name).knowledge.statistics if s.value == value]
    assert found == [publisher]


@pytest.mark.parametrize(
    ("name", "starts", "due"),
    [
        (H1, "Voor de zomer van 2025 informeer ik uw Kamer", "../2025-07-04"),
        (H1, "Ik zal de evaluatie in het najaar", "2024-najaar"),
        (H2, "Ik zal het wetsvoorstel in het derde kwartaal van 2024", "2024-Q3"),
        (H2, "Ik streef ernaar dat de wet op 1 januari 2026", "2026-01-01"),
        (H3, "Medio 2025 stuur ik u de evaluatie", "2025-medio"),
        (H4, "Ik zal uw Kamer na de zomer informeren", "2025-najaar/.."),
    ],
)
def test_commitment_due(name, starts, due):
    found = [c.due for c in letter(name).knowledge.commitments if c.quote.startswith(starts)]
    assert found == [due]


@pytest.mark.parametrize(
    ("name", "text", "label"),
    [
        (H1, "in juni 2023", "2023-06"),
        (H2, "14 februari 2024", "2024-02-14"),
        (H3, "Medio 2025", "2025-medio"),
        (H4, "Van september 2024 tot en met februari 2025", "2024-09/2025-02"),
    ],
)
def test_event_period(name, text, label):
    assert [e.period.label for e in letter(name).knowledge.events if e.text == text] == [label]


def test_learned_abbreviation_keeps_its_key_across_letters():
    def keys(name: str) -> set[str]:
        return {m.entity for m in letter(name).knowledge.mentions
                if m.type == EntityType.ORGANISATION and m.text in ("NVD", "Nederlandse Vereniging van Diëtisten")}  # fmt: skip

    assert keys(H1) == keys(H4) == {"organisation:nvd"}


def test_follow_up_letter_fulfils_the_promise_on_the_pilot():
    facts = [LetterFacts(x.id, x.metadata.date.value, x.metadata.title, x.text, x.body_end)
             for x in map(letter, sorted(TRUTH))]  # fmt: skip
    promise = letter(H1)
    index, commitment = next((i, c) for i, c in enumerate(promise.knowledge.commitments)
                             if c.quote.startswith("Voor de zomer van 2025"))  # fmt: skip
    fact = CommitmentFacts(
        commitment_key(promise.id, index), promise.id, promise.metadata.date.value, commitment
    )
    found = candidates_for(fact, facts)
    assert [c.document for c in found] == [H4]
    assert str(status_of(commitment, found, letter(H4).metadata.date.value)) == "Voldaan"
