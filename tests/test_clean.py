"""Cleaning: words broken at line ends, real hyphens, paragraphs and headings."""

import pytest

from ingest.clean import blocks_from_lines, join_broken_word, join_lines, strip_markup, vocabulary
from ingest.models import BlockKind, MarkerHit, SourceLine


@pytest.mark.parametrize(
    ("left", "right", "joined"),
    [
        ("migratieach-", "tergrond", "migratieachtergrond"),
        ("stagediscrimi-", "natie", "stagediscriminatie"),
        ("arbeids-", "markt", "arbeidsmarkt"),
        ("buiten-", "Europese", "buiten-Europese"),
        ("Bemiddelings-", "en Uitzendondernemingen", "Bemiddelings- en Uitzendondernemingen"),
        ("mbo-", "studenten", "mbo-studenten"),
        ("HR-", "professionals", "HR-professionals"),
        ("niet-", "westerse", "niet-westerse"),
        ("re-", "integratie", "re-integratie"),
        ("https://echo-net.nl/Manifest-hoger-", "onderwijs.pdf", "https://echo-net.nl/Manifest-hoger-onderwijs.pdf"),
        ("opsporings-", "en", "opsporings- en"),
    ],
)
def test_join_broken_word(left: str, right: str, joined: str) -> None:
    assert join_broken_word(left, right) == joined


def test_document_vocabulary_decides_ambiguous_breaks() -> None:
    vocab = vocabulary("De werkpro-gramma wordt ... het werk-programma")
    assert join_broken_word("werk-", "programma", vocab) == "werk-programma"
    assert join_broken_word("werk-", "programma", vocabulary("het werkprogramma")) == "werkprogramma"


def test_join_lines_mends_words_and_skips_blank_lines() -> None:
    lines = ["TNO, 2020, Delphi-studie om ", "", "arbeidsmarktdiscrimi-", "natie te verminderen."]
    assert join_lines(lines) == "TNO, 2020, Delphi-studie om arbeidsmarktdiscriminatie te verminderen."


def test_strip_markup_removes_emphasis_and_autolinks() -> None:
    line = "de *Wet toezicht* en <https://www.kis.nl/quota.pdf> en **vet**"
    assert strip_markup(line) == "de Wet toezicht en https://www.kis.nl/quota.pdf en vet"
    assert strip_markup("5 * 3 = 15") == "5 * 3 = 15"


def test_blocks_rebuild_paragraphs_headings_and_continuations() -> None:
    lines = [
        SourceLine("Deze brief", 1, break_before=True),
        SourceLine("Met deze brief laat ik u weten wat de stand van zaken is van het", 1, True),
        SourceLine("programma VIA en de uitvoering van de Werkagenda VIA. Per thema van", 1),
        SourceLine("de werkagenda wordt kort uitgelegd wat het probleem is.", 2, True),
        SourceLine("• Maatwerk voor de werkzoekende is essentieel;", 2, True),
        SourceLine("• Neem de menselijke maat als uitgangspunt;", 2),
    ]
    blocks = blocks_from_lines(lines)
    assert [(b.kind, b.text) for b in blocks] == [
        (BlockKind.HEADING, "Deze brief"),
        (
            BlockKind.PARAGRAPH,
            "Met deze brief laat ik u weten wat de stand van zaken is van het programma VIA en de "
            "uitvoering van de Werkagenda VIA. Per thema van de werkagenda wordt kort uitgelegd "
            "wat het probleem is.",
        ),
        (BlockKind.LIST_ITEM, "• Maatwerk voor de werkzoekende is essentieel;"),
        (BlockKind.LIST_ITEM, "• Neem de menselijke maat als uitgangspunt;"),
    ]
    assert blocks[1].page == 1


def test_marker_offsets_survive_joining_and_dehyphenation() -> None:
    first = "mensen met een migratieach-"
    second = "tergrond structureel te verbeteren."
    hit = MarkerHit(offset=len("tergrond"), number=2, raw="2", rule="pdf-superscript")
    blocks = blocks_from_lines([SourceLine(first, 1, True), SourceLine(second, 1, markers=(hit,))])
    block = blocks[0]
    assert block.text == "mensen met een migratieachtergrond structureel te verbeteren."
    assert block.text[: block.markers[0].offset].endswith("migratieachtergrond")
