"""The PDF reader on generated letters (three layouts), on real PDFs and on bad input."""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.errors import CorruptPdf, EmptyFile, EncryptedPdf, NoTextLayer
from ingest.models import BlockKind, Format, FurnitureKind, RawDocument
from ingest.readers.pdf import read_pdf

try:  # tests/ may or may not be a package
    from tests import pdfgen
except ImportError:  # pragma: no cover
    import pdfgen

REALDOCS = Path("/work/shared/realdocs")
PAGES = {"rijksoverheid": 3, "kamerstuk": 2, "plain": 2}
# Marker number -> the text that must end right where the marker stood.
MARKER_CONTEXT = {
    1: "Verdere Integratie op de Arbeidsmarkt (VIA)",  # after a closing parenthesis
    2: "een slechtere arbeidsmarktpositie hebben.",  # after a period
    3: "2,9 procent bij mensen zonder migratieachtergrond",  # glued to a word
    4: "Van Baarle (Denk) en Simons (Bij1)",  # "Bij1" itself is no marker
    5: "in alle geledingen van de arbeidsmarkt.",
}


@pytest.fixture(scope="module")
def letters(tmp_path_factory: pytest.TempPathFactory) -> dict[str, RawDocument]:
    out = {}
    for layout in pdfgen.LAYOUTS:
        path = tmp_path_factory.mktemp(layout) / f"{layout}.pdf"
        assert pdfgen.make_letter_pdf(path, pdfgen.sample_letter(), layout) == PAGES[layout]
        out[layout] = read_pdf(path)
    return out


def body(raw: RawDocument) -> str:
    return "\n".join(b.text for b in raw.blocks)


# --- generated letters ------------------------------------------------------------------------


@pytest.mark.parametrize("layout", pdfgen.LAYOUTS)
def test_pages_and_format(letters: dict[str, RawDocument], layout: str) -> None:
    raw = letters[layout]
    assert raw.pages == PAGES[layout]
    assert raw.format is Format.PDF
    assert raw.source.endswith(f"{layout}.pdf")
    assert raw.warnings == ()


@pytest.mark.parametrize("layout", pdfgen.LAYOUTS)
def test_footnotes_exact_and_joined_across_the_page_break(
    letters: dict[str, RawDocument], layout: str
) -> None:
    raw = letters[layout]
    assert [(f.number, f.text) for f in raw.footnotes] == sorted(pdfgen.SAMPLE_FOOTNOTES.items())
    # Footnote 2 starts on page 1 and continues on page 2; 3-5 follow it on page 2.
    assert [f.page for f in raw.footnotes] == [1, 1, 2, 2, 2]
    for text in pdfgen.SAMPLE_FOOTNOTES.values():
        assert text[:40] not in body(raw)


@pytest.mark.parametrize("layout", pdfgen.LAYOUTS)
def test_the_split_footnote_really_spans_two_pages(tmp_path: Path, layout: str) -> None:
    path = tmp_path / "letter.pdf"
    pdfgen.make_letter_pdf(path, pdfgen.sample_letter(), layout)
    with pdfplumber.open(path) as pdf:
        first, second = (pdf.pages[i].extract_text() for i in (0, 1))
    assert "Hieronder vallen" in first and "Ten tijde van" not in first
    assert "Ten tijde van" in second


@pytest.mark.parametrize("layout", pdfgen.LAYOUTS)
def test_markers_stand_after_the_right_words(letters: dict[str, RawDocument], layout: str) -> None:
    found = [(b, m) for b in letters[layout].blocks for m in b.markers]
    assert [m.number for _, m in found] == [1, 2, 3, 4, 5]
    for block, marker in found:
        assert block.text[: marker.offset].endswith(MARKER_CONTEXT[marker.number])
        assert (marker.raw, marker.rule) == (str(marker.number), "pdf-superscript")


@pytest.mark.parametrize("layout", pdfgen.LAYOUTS)
def test_body_numbers_are_not_markers(letters: dict[str, RawDocument], layout: str) -> None:
    text = body(letters[layout])
    assert "samen met de G4, de VNG" in text
    assert "7,0 procent ten opzichte van 2,9 procent bij" in text
    assert "Simons (Bij1) verzoekt" in text


@pytest.mark.parametrize("layout", pdfgen.LAYOUTS)
def test_paragraphs_rebuilt_exactly(letters: dict[str, RawDocument], layout: str) -> None:
    texts = [b.text for b in letters[layout].blocks]
    for paragraph in pdfgen.SAMPLE_PARAGRAPHS[2:]:
        assert pdfgen.plain_text(paragraph) in texts
    # The salutation stays apart from the first paragraph; the signature is one block.
    assert pdfgen.plain_text(pdfgen.SAMPLE_PARAGRAPHS[1]) in texts
    assert "Geachte voorzitter," in texts
    assert texts[-1] == "De minister van Sociale Zaken en Werkgelegenheid, W. Koolmees"


@pytest.mark.parametrize("layout", pdfgen.LAYOUTS)
def test_hyphen_broken_words_are_joined(letters: dict[str, RawDocument], layout: str) -> None:
    text = body(letters[layout])
    assert "niet-westerse migratieachtergrond structureel" in text
    assert "last hebben van discriminatie bij" in text
    assert "migratieach-" not in text and "discrimi-" not in text


@pytest.mark.parametrize("layout", pdfgen.LAYOUTS)
def test_bold_heading(letters: dict[str, RawDocument], layout: str) -> None:
    blocks = letters[layout].blocks
    heading = next(b for b in blocks if b.text == "Motie-Van Baarle/Simons")
    assert heading.kind is BlockKind.HEADING
    after = blocks[blocks.index(heading) + 1]
    assert after.kind is BlockKind.PARAGRAPH and after.text.startswith("De motie van de leden")


def test_rijksoverheid_furniture(letters: dict[str, RawDocument]) -> None:
    raw = letters["rijksoverheid"]
    furniture = {(f.kind, f.text, f.page) for f in raw.furniture}
    for page in (1, 2, 3):
        assert (FurnitureKind.DATE, "Datum 17 november 2021", page) in furniture
        assert (FurnitureKind.REFERENCE, "Onze referentie 2021-0000181230", page) in furniture
        assert (FurnitureKind.PAGE_NUMBER, f"Pagina {page} van 3", page) in furniture
    subject = [f for f in raw.furniture if f.kind is FurnitureKind.SUBJECT]
    assert [(f.text, f.page) for f in subject] == [
        (
            "Betreft Uitkomsten, afronding en vervolg van het programma Verdere Integratie op de "
            "Arbeidsmarkt (VIA)",
            1,
        )
    ]
    letterhead = {f.text for f in raw.furniture if f.kind is FurnitureKind.LETTERHEAD}
    assert {
        "Ministerie van Sociale Zaken en",
        "Werkgelegenheid",
        "> Retouradres Postbus 90801 2509 LV Den Haag",
        "De voorzitter van de Tweede Kamer",
        "2595 BD Den Haag",
        "Parnassusplein 5",
        "T 070 333 44 44",
        "www.rijksoverheid.nl",
    } <= letterhead
    text = body(raw)
    for furniture_text in (
        "Datum",
        "17 november",
        "Onze referentie",
        "2021-0000181230",
        "Pagina",
        "Betreft",
        "Retouradres",
        "Postbus",
        "Parnassusplein",
        "Irenestraat",
        "Ministerie van",
    ):
        assert furniture_text not in text
    assert raw.blocks[0].text.startswith("Geachte voorzitter,")


def test_kamerstuk_furniture(letters: dict[str, RawDocument]) -> None:
    raw = letters["kamerstuk"]
    assert [(f.kind, f.text, f.page) for f in raw.furniture] == [
        (FurnitureKind.HEADER, "Arbeidsmarktbeleid", 1),
        (FurnitureKind.FOOTER, "Tweede Kamer, vergaderjaar 2022–2023, 29 544, nr. 1158 1", 1),
        (FurnitureKind.HEADER, "Arbeidsmarktbeleid", 2),
        (FurnitureKind.FOOTER, "Tweede Kamer, vergaderjaar 2022–2023, 29 544, nr. 1158 2", 2),
    ]
    assert "vergaderjaar" not in body(raw)
    # The Kamerstuk head on page 1 is body text, the running header is not.
    assert [b.text for b in raw.blocks[:2]] == [
        "29 544 Arbeidsmarktbeleid",
        "Nr. 1158 BRIEF VAN DE MINISTER VAN SOCIALE ZAKEN EN WERKGELEGENHEID",
    ]
    assert all(b.text != "Arbeidsmarktbeleid" for b in raw.blocks)


def test_plain_letter_has_no_furniture(letters: dict[str, RawDocument]) -> None:
    raw = letters["plain"]
    assert raw.furniture == ()
    assert raw.blocks[1].text == "Den Haag, 17 november 2021"


def test_paragraph_split_by_a_page_break_is_rejoined(tmp_path: Path) -> None:
    path = tmp_path / "kamerstuk.pdf"
    pdfgen.make_letter_pdf(path, pdfgen.sample_letter(), "kamerstuk")
    with pdfplumber.open(path) as pdf:  # the premise: this paragraph spans pages 1 and 2
        first, second = (pdf.pages[i].extract_text() for i in (0, 1))
    assert "Daardoor kunnen steeds meer" in first and "effectief is om gelijke" in second
    paragraph = pdfgen.plain_text(pdfgen.SAMPLE_PARAGRAPHS[6])
    block = next(b for b in read_pdf(path).blocks if b.text == paragraph)
    assert block.page == 1


def test_headings_over_two_lines_and_at_a_page_end(tmp_path: Path) -> None:
    spec = pdfgen.LetterSpec(
        subject="Koppen",
        date="1 maart 2024",
        paragraphs=(
            "Eerste alinea.",
            "# Een lange kop die over twee regels loopt omdat zij zoveel woorden bevat dat de "
            "regel van deze brief ruim vol raakt",
            "Tweede alinea direct onder de kop.",
            "# Kop onderaan de pagina",
            "\f",
            "tekst die op de volgende pagina begint.",
        ),
    )
    path = tmp_path / "koppen.pdf"
    pdfgen.make_letter_pdf(path, spec, "plain")
    raw = read_pdf(path)
    assert [(b.kind, b.text, b.page) for b in raw.blocks[2:]] == [
        (BlockKind.PARAGRAPH, "Eerste alinea.", 1),
        (
            BlockKind.HEADING,
            "Een lange kop die over twee regels loopt omdat zij zoveel woorden bevat dat de "
            "regel van deze brief ruim vol raakt",
            1,
        ),
        (BlockKind.PARAGRAPH, "Tweede alinea direct onder de kop.", 1),
        (BlockKind.HEADING, "Kop onderaan de pagina", 1),
        (BlockKind.PARAGRAPH, "tekst die op de volgende pagina begint.", 2),
    ]


def test_a_sentence_starting_with_betreft_is_body_text(tmp_path: Path) -> None:
    sentence = "Betreft de uitvoering van de motie, dan verwijs ik naar de brief van 1 maart."
    spec = pdfgen.LetterSpec(
        subject="Motie", date="1 maart 2024", paragraphs=("Geachte voorzitter:", sentence)
    )
    path = tmp_path / "betreft.pdf"
    pdfgen.make_letter_pdf(path, spec, "plain")
    raw = read_pdf(path)
    assert [b.text for b in raw.blocks] == [
        "Motie",
        "Den Haag, 1 maart 2024",
        "Geachte voorzitter:",
        sentence,
    ]
    assert raw.furniture == ()


def test_recurring_footnote_text_is_no_running_footer(tmp_path: Path) -> None:
    spec = pdfgen.LetterSpec(
        subject="Ibid",
        date="1 maart 2024",
        paragraphs=(
            "Zie het rapport.[^1]",
            "\f",
            "Zie opnieuw het rapport.[^2]",
            "\f",
            "Slot.[^3]",
        ),
        footnotes={1: "Ibid., p. 3.", 2: "Ibid., p. 4.", 3: "Ibid., p. 5."},
    )
    path = tmp_path / "ibid.pdf"
    pdfgen.make_letter_pdf(path, spec, "kamerstuk")
    raw = read_pdf(path)
    assert [(f.number, f.text, f.page) for f in raw.footnotes] == [
        (1, "Ibid., p. 3.", 1),
        (2, "Ibid., p. 4.", 2),
        (3, "Ibid., p. 5.", 3),
    ]
    assert {f.kind for f in raw.furniture} == {FurnitureKind.HEADER, FurnitureKind.FOOTER}


def test_without_footnotes_markers_must_continue_the_numbering(tmp_path: Path) -> None:
    spec = pdfgen.LetterSpec(
        subject="Oppervlakte",
        date="1 maart 2024",
        paragraphs=(
            "De ruimte meet 40 m[^2] en de uitstoot van CO[_2] daalt sinds 2019.[^1] Dat "
            "blijkt uit de monitor[^2] en uit de evaluatie.[^3]",
        ),
    )
    path = tmp_path / "plain.pdf"
    pdfgen.make_letter_pdf(path, spec, "plain")
    raw = read_pdf(path)
    block = raw.blocks[-1]
    assert block.text == (
        "De ruimte meet 40 m2 en de uitstoot van CO2 daalt sinds 2019. Dat blijkt uit de "
        "monitor en uit de evaluatie."
    )
    assert [(m.number, block.text[: m.offset][-12:]) for m in block.markers] == [
        (1, " sinds 2019."),
        (2, "t de monitor"),
        (3, "e evaluatie."),
    ]
    assert raw.footnotes == ()


def test_twenty_page_letter(tmp_path: Path) -> None:
    path = tmp_path / "long.pdf"
    assert pdfgen.make_letter_pdf(path, pdfgen.sample_letter(repeat=12), "rijksoverheid") == 20
    raw = read_pdf(path)
    assert raw.pages == 20
    assert [f.number for f in raw.footnotes] == [1, 2, 3, 4, 5]
    pages = {f.page for f in raw.furniture if f.kind is FurnitureKind.PAGE_NUMBER}
    assert pages == set(range(1, 21))
    expected = {pdfgen.plain_text(p) for p in pdfgen.sample_letter(repeat=12).paragraphs[2:]}
    assert expected <= {b.text for b in raw.blocks}


_WORDS = st.sampled_from(
    "de het een arbeidsmarkt werkgevers gemeenten kansen beleid (VIA) 2022 procent, Kamer. "
    "G4 niet-westerse migratieachtergrond Sociaal-Economische 29 544, nr. 1085 (2019)".split()
)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    layout=st.sampled_from(pdfgen.LAYOUTS),
    words=st.lists(_WORDS, min_size=30, max_size=500),
    data=st.data(),
)
def test_markers_anywhere_in_a_paragraph(
    tmp_path: Path, layout: str, words: list[str], data: st.DataObject
) -> None:
    spots = sorted(data.draw(st.sets(st.integers(0, len(words) - 1), min_size=1, max_size=6)))
    marked = list(words)
    for number, spot in enumerate(spots, start=1):
        marked[spot] += f"[^{number}]"
    spec = pdfgen.LetterSpec(
        subject="Test",
        date="1 maart 2024",
        paragraphs=(" ".join(marked) + " Einde.",),
        footnotes={
            n: f"Voetnoot nummer {n}, zie Kamerstuk 29 544." for n in range(1, len(spots) + 1)
        },
    )
    path = tmp_path / "prop.pdf"
    pdfgen.make_letter_pdf(path, spec, layout)
    raw = read_pdf(path)
    block = raw.blocks[-1]
    assert block.text == " ".join(words) + " Einde."
    expected = [len(" ".join(words[: spot + 1])) for spot in spots]
    assert [(m.number, m.offset) for m in block.markers] == list(
        zip(range(1, len(spots) + 1), expected, strict=True)
    )
    assert [(f.number, f.text) for f in raw.footnotes] == sorted(spec.footnotes.items())


# --- bad input --------------------------------------------------------------------------------


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    with pytest.raises(EmptyFile) as err:
        read_pdf(path)
    assert err.value.problem == "the file is empty (0 bytes)"


def test_encrypted(tmp_path: Path) -> None:
    path = tmp_path / "secret.pdf"
    pdfgen.make_encrypted_pdf(path)
    with pytest.raises(EncryptedPdf) as err:
        read_pdf(path)
    assert err.value.problem == "the PDF is encrypted with a password"


def test_scanned(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    pdfgen.make_scanned_pdf(path, pages=2)
    with pytest.raises(NoTextLayer) as err:
        read_pdf(path)
    assert err.value.problem == "the PDF has no text layer (2 page(s) without text; a scan?)"


def test_truncated(tmp_path: Path) -> None:
    path = tmp_path / "half.pdf"
    pdfgen.make_truncated_pdf(path)
    with pytest.raises(CorruptPdf) as err:
        read_pdf(path)
    assert err.value.problem == "the PDF is damaged or truncated (PSEOF: Unexpected EOF)"


@pytest.mark.parametrize("content", ["random", "text"])
def test_not_a_pdf(tmp_path: Path, content: str) -> None:
    path = tmp_path / "bad.pdf"
    if content == "random":
        pdfgen.make_corrupt_pdf(path)
    else:
        path.write_text("Geachte voorzitter,\nDit is geen PDF.\n", encoding="utf-8")
    with pytest.raises(CorruptPdf) as err:
        read_pdf(path)
    assert err.value.problem == (
        "the PDF is damaged or truncated (PDFSyntaxError: No /Root object! - Is this really a PDF?)"
    )


# --- real PDFs (committee decision lists, not letters) -----------------------------------------


def _real(n: int) -> RawDocument:
    return read_pdf(REALDOCS / f"openkamer_besluitenlijst_example{n}.pdf")


def test_real_example1() -> None:
    raw = _real(1)
    assert raw.pages == 10
    assert [(f.kind, f.text, f.page) for f in raw.furniture] == [
        (FurnitureKind.PAGE_NUMBER, str(n), n) for n in range(2, 11)
    ]
    assert raw.footnotes == ()
    assert raw.blocks[0].text == "Den Haag, 3 april 2009"
    assert raw.blocks[-1].text == "Activiteitnummer: 2008A02139"
    text = body(raw)
    assert "Nota van wijziging - 30569-8 Besluit: Betrekken bij de verdere behandeling" in text
    # A bold agenda item printed over three lines is one heading.
    assert any(
        b.kind is BlockKind.HEADING
        and b.text
        == (
            "3. Agendapunt: Wijziging van de Kieswet en enkele andere wetten houdende invoering "
            "van het stemmen met een stempas in een stembureau naar keuze binnen de eigen gemeente"
        )
        for b in raw.blocks
    )
    assert not any(b.markers for b in raw.blocks)


def test_real_example2() -> None:
    raw = _real(2)
    assert raw.pages == 16
    assert {f.text for f in raw.furniture} == {str(n) for n in range(2, 17)}
    text = body(raw)
    assert "Nota naar aanleiding van het verslag - 34417-(R2068)-7" in text
    # A sentence running from page 1 onto page 2 stays whole.
    assert "het Verdrag voor Curaçao, Sint Maarten en het Caribische deel van Nederland" in text
    assert "Koninkrijk van Groot-Brittannië en Noord-Ierland inzake" in text
    assert len(set(re.findall(r"\b20\d\dZ\d{5}\b", text))) == 13
    assert raw.blocks[-1].text == "Activiteitnummer: 2016A02272"


def test_real_example3() -> None:
    raw = _real(3)
    assert raw.pages == 1
    assert raw.furniture == () and raw.footnotes == ()
    zaak = next(b for b in raw.blocks if b.text.startswith("Zaak:"))
    assert zaak.text == (
        "Zaak: Brief van lid/fractie/commissie - Tweede Kamerlid, S. Karabulut (SP) - 27 maart "
        "2015 Verzoek van het lid Karabulut (SP) om de minister-president uit te nodigen voor het "
        "AO discriminatieonderwerpen - 2015Z05561 Besluit: Het voorstel van mevrouw Karabulut "
        "heeft derhalve niet kunnen rekenen op een meerderheid. Noot: In de e-mailprocedure "
        "hebben de volgende fracties met het voorstel ingestemd: SP, GL en groep Kuzu/Öztürk."
    )


def test_real_example4() -> None:
    raw = _real(4)
    assert raw.pages == 1
    assert [b.text for b in raw.blocks[:4]] == [
        "Den Haag, 8 maart 2011",
        "Voortouwcommissie: vaste commissie voor Buitenlandse Zaken",
        "Volgcommissie(s): vaste commissie voor Defensie",
        "Document: Besluitenlijst van de extra procedurevergadering van dinsdag 8 maart 2011",
    ]
    assert raw.blocks[-2:][0].text == "Griffier: T.J.E. van Toor"
    assert raw.blocks[-1].text == "Activiteitnummer: 2011A00915"
    assert "Commissie van Toezicht betreffende de Inlichtingen- en Veiligheidsdiensten (CTIVD)" in (
        body(raw)
    )
