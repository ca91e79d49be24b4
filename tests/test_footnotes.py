"""Linking footnote markers in PDF-to-text output to their footnotes."""

import pytest

from ingest.footnotes import candidates, link_markers
from ingest.models import Block, BlockKind, FootnoteSource


def _link(text: str, numbers: list[int], page: int | None = None) -> tuple[Block, list[str]]:
    notes = [FootnoteSource(n, f"voetnoot {n}", page) for n in numbers]
    blocks, warnings = link_markers([Block(text, BlockKind.PARAGRAPH, page)], notes)
    return blocks[0], warnings


@pytest.mark.parametrize(
    ("text", "number", "clean", "before"),
    [
        ("Het rapport van het SCP1 bevestigt dat.", 1, "Het rapport van het SCP bevestigt dat.", "SCP"),
        ("een migratieachtergrond2 structureel", 2, "een migratieachtergrond structureel", "migratieachtergrond"),
        ("slechtere positie hebben.² Dit ondanks", 2, "slechtere positie hebben. Dit ondanks", "hebben."),
        ("het lid Ceder (Kamerstuk 32 824, nr. 341)14 heb ik", 14, "het lid Ceder (Kamerstuk 32 824, nr. 341) heb ik", "341)"),
        ("wat zij bereiken (self-efficacy 16).", 16, "wat zij bereiken (self-efficacy).", "self-efficacy"),
        ("de monitor van Significant.3 Met deze", 3, "de monitor van Significant. Met deze", "Significant."),
        ("praktijk-pilots¹⁰, gericht op", 10, "praktijk-pilots, gericht op", "praktijk-pilots"),
    ],
)
def test_marker_shapes(text: str, number: int, clean: str, before: str) -> None:
    block, warnings = _link(text, [number])
    assert warnings == []
    assert block.text == clean
    (hit,) = block.markers
    assert (hit.number, block.text[: hit.offset].endswith(before)) == (number, True)


@pytest.mark.parametrize(
    "text",
    [
        "De G4 en de G40 werken samen.",
        "namelijk 7,0 procent ten opzichte van 2,9 procent",
        "Het ESF+ programma loopt tot 2027.",
        "met 4 gemeenten",
        "Thema 4: Begeleiding",
        "artikel 4 van de wet",
    ],
)
def test_numbers_that_belong_to_the_text_are_not_markers(text: str) -> None:
    number = 4 if "4" in text else 9 if "2,9" in text else 27
    block, warnings = _link(text, [number])
    assert block.text == text
    assert warnings == [f"footnote {number} has no marker in the body"]


def test_ascending_numbering_prefers_the_marker_after_the_previous_one() -> None:
    text = "De G4 doet mee. Later telt het werk4 mee en de SCP5 ook."
    block, warnings = _link(text, [4, 5])
    assert warnings == []
    assert block.text == "De G4 doet mee. Later telt het werk mee en de SCP ook."
    assert [m.number for m in block.markers] == [4, 5]


def test_page_constraint_excludes_markers_on_later_pages() -> None:
    notes = [FootnoteSource(1, "bron", page=1)]
    blocks = [Block("Geen marker hier.", BlockKind.PARAGRAPH, 1), Block("Wel hier1.", BlockKind.PARAGRAPH, 2)]
    linked, warnings = link_markers(blocks, notes)
    assert warnings == ["footnote 1 has no marker in the body"]
    assert linked[1].text == "Wel hier1."


def test_candidates_skip_decimals_and_ordinals() -> None:
    assert candidates("2,9 procent en de 9e keer en 19", 9) == []
