"""The plain-text reader: pages, furniture, footnote zones and bad input, on real seeds."""

from pathlib import Path

import pytest

from ingest.errors import BinaryFile, EmptyFile, EncodingError
from ingest.models import FurnitureKind
from ingest.readers.text import decode, parse_text, read_text

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


@pytest.mark.parametrize(
    ("name", "pages", "footnotes"),
    [
        ("000_6adc83efdee732d0.txt", 10, 37),
        ("001_a4dc7a71a65ae17e.txt", 9, 0),
        ("002_080da9ed5327206a.txt", 4, 3),
        ("003_a17b3276b8151254.txt", 8, 17),
        ("004_e70a85e84504e092.txt", 1, 35),
    ],
)
def test_seed_pages_and_footnote_numbering(name: str, pages: int, footnotes: int) -> None:
    raw = read_text(CORPUS / name)
    assert raw.pages == pages
    assert [f.number for f in raw.footnotes] == list(range(1, footnotes + 1))
    assert raw.warnings == ()


def test_margin_blocks_and_letterhead_become_furniture() -> None:
    raw = read_text(CORPUS / "004_e70a85e84504e092.txt")
    kinds = [f.kind for f in raw.furniture]
    assert kinds[:3] == [FurnitureKind.LETTERHEAD, FurnitureKind.DATE, FurnitureKind.SUBJECT]
    assert raw.furniture[2].text == (
        "Betreft Uitkomsten, afronding en vervolg van het programma "
        "Verdere Integratie op de Arbeidsmarkt (VIA)"
    )
    assert kinds.count(FurnitureKind.REFERENCE) == 8
    body = "\n".join(b.text for b in raw.blocks)
    for furniture in ("Onze referentie", "2021-0000181230", "Retouradres", "Prinses Irenestraat"):
        assert furniture not in body


def test_kamerstuk_footer_is_furniture_and_sentence_continues_across_pages() -> None:
    raw = read_text(CORPUS / "003_a17b3276b8151254.txt")
    footers = [f.text for f in raw.furniture if f.kind is FurnitureKind.FOOTER]
    assert footers == [
        "Tweede Kamer, vergaderjaar 2022–2023, 29 544, nr. 1158 5",
        "Tweede Kamer, vergaderjaar 2022–2023, 29 544, nr. 1158 8",
    ]
    texts = [b.text for b in raw.blocks]
    assert (
        "Want op de arbeidsmarkt komen veel aspecten van integratie samen, zoals taal, opleiding, "
        "sociale netwerken, etc. Ongelijkwaardige" in " ".join(texts)
    )


def test_footnote_continued_after_a_blank_line_within_the_zone() -> None:
    raw = read_text(CORPUS / "004_e70a85e84504e092.txt")
    note = raw.footnotes[28]
    assert note.number == 29
    assert note.text.startswith("Cadat-Lampe, M. en Felten, H. (juli 2020) De inzet van quota")
    assert note.text.endswith("quota-tegen-arbeidsmarktdiscr-migranten-kis-2020.pdf")


def test_form_feeds_split_pages() -> None:
    text = "Eerste pagina met een zin1.\n\n1 Bron een.\n\fTweede pagina2.\n\n2 Bron twee.\n"
    raw = parse_text(text)
    assert raw.pages == 2
    assert [(f.number, f.text, f.page) for f in raw.footnotes] == [
        (1, "Bron een.", 1),
        (2, "Bron twee.", 2),
    ]
    assert [b.text for b in raw.blocks] == ["Eerste pagina met een zin1.", "Tweede pagina2."]


def test_a_numbered_body_line_is_not_a_footnote_without_a_marker() -> None:
    raw = parse_text("Inleiding van de brief.\n\n1 januari is de wet ingegaan.\n")
    assert raw.footnotes == ()
    assert [b.text for b in raw.blocks][-1] == "1 januari is de wet ingegaan."


def test_decode_rejects_bad_input_with_advice() -> None:
    with pytest.raises(EmptyFile):
        decode(b"  \n")
    with pytest.raises(BinaryFile):
        decode(b"%PDF\x00\x01\x02\x03binary")
    with pytest.raises(EncodingError) as info:
        decode("De minister van Financiën".encode("cp1252"))
    assert info.value.problem == (
        "the text is not UTF-8 (invalid byte at offset 23); it looks like latin-1"
    )
    assert decode("Financiën €".encode("cp1252"), "cp1252") == "Financiën €"
    assert decode("\ufeffmet BOM".encode()) == "met BOM"
