"""The text reader on another extractor's output: pdfplumber text of generated letters.

Such text has form feeds between pages but no blank lines between paragraphs or before the
footnote zone, and notes that overflow to the next page; the text path must find the same
footnotes, markers and metadata as the PDF path.
"""

from pathlib import Path

import pdfgen
import pdfplumber
import pytest

from ingest.pipeline import build_letter, read_letter
from ingest.readers.text import parse_text


def _both(tmp_path: Path, layout: str, repeat: int):
    path = tmp_path / f"{layout}-{repeat}.pdf"
    pdfgen.make_letter_pdf(path, pdfgen.sample_letter(repeat), layout)
    with pdfplumber.open(path) as pdf:
        text = "\f".join(page.extract_text() for page in pdf.pages)
    return build_letter(parse_text(text, source=path.name), "sha"), read_letter(path)


@pytest.mark.parametrize("layout", pdfgen.LAYOUTS)
@pytest.mark.parametrize("repeat", [1, 3])
def test_text_path_finds_what_the_pdf_path_finds(tmp_path: Path, layout: str, repeat: int) -> None:
    from_text, from_pdf = _both(tmp_path, layout, repeat)
    assert [f.number for f in from_text.footnotes] == [1, 2, 3, 4, 5]
    assert [f.marker_context for f in from_text.footnotes] == [
        f.marker_context for f in from_pdf.footnotes
    ]
    assert from_text.warnings == ()
    assert [f.text for f in from_text.footnotes][2:] == [f.text for f in from_pdf.footnotes][2:]
    assert from_text.metadata.date.iso() == "2021-11-17"
    if layout != "rijksoverheid":  # pdfplumber interleaves the margin column with the signature
        assert from_text.metadata.signatory == "W. Koolmees"


@pytest.mark.parametrize("layout", ["kamerstuk", "plain"])
def test_note_continued_on_the_next_page_is_joined(tmp_path: Path, layout: str) -> None:
    from_text, from_pdf = _both(tmp_path, layout, 1)
    assert from_text.footnotes[1].text == from_pdf.footnotes[1].text
    assert from_text.footnotes[1].text.endswith("de afbakening van de doelgroep.")
