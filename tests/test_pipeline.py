"""The pipeline end to end: file -> Letter, for each format, with exact values."""

from pathlib import Path

import pytest

from ingest.errors import IngestError, UnsupportedFormat
from ingest.models import BlockKind, ReferenceKind
from ingest.pipeline import letter_id, read_letter

FIXTURES = Path(__file__).parent / "fixtures"
CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def test_koop_xml_with_divisions_notes_in_titles_and_extrefs_in_notes() -> None:
    letter = read_letter(FIXTURES / "kst-34851-4-divisies.xml")
    assert [(p.kind, p.text) for p in letter.passages] == [
        (BlockKind.HEADING, "Regels (Uitvoeringswet AVG)"),
        (BlockKind.HEADING, "ADVIES"),
        (BlockKind.PARAGRAPH, "Hieronder staat het advies."),
        (BlockKind.HEADING, "1. Inleiding"),
        (BlockKind.PARAGRAPH, "De UZI-servercertificaten zijn nodig."),
        (BlockKind.LIST_ITEM, "– Eerste punt."),
        (BlockKind.LIST_ITEM, "2. Tweede punt."),
        (BlockKind.HEADING, "2. Advies"),
        (BlockKind.PARAGRAPH, "Het college adviseert."),
    ]
    assert [(f.number, f.text, f.marker_context, f.rule) for f in letter.footnotes] == [
        (1, "Titelnoot.", "ADVIES", "xml-noot"),
        (2, "Zie de memorie, Kamerstukken II 2017/18, 34 851, nr. 3.",
         "De UZI-servercertificaten zijn nodig.", "xml-noot"),
    ]
    (ref,) = letter.references
    assert (ref.id, ref.kind, ref.footnote, ref.vergaderjaar, ref.rule, ref.confidence) == (
        "kst-34851-3", ReferenceKind.KAMERSTUK, 2, "2017-2018", "xml-extref", 1.0,
    )
    assert letter.text[ref.start : ref.end] == "Kamerstukken II 2017/18, 34 851, nr. 3"
    meta = letter.metadata
    assert (meta.kamerstuk, meta.vergaderjaar, meta.title) == ("kst-34851-4", "2017-2018", "ADVIES")


def test_every_span_points_into_the_letter_text() -> None:
    for path in [*sorted(CORPUS.glob("*.txt")), FIXTURES / "kst-34851-4-divisies.xml"]:
        letter = read_letter(path)
        for p in letter.passages:
            assert letter.text[p.start : p.end] == p.text
            assert p.end <= letter.body_end
        for f in letter.footnotes:
            assert letter.text[f.start : f.end] == f.text
            assert f.start > letter.body_end
            assert f.sentence_start <= f.marker_offset <= f.sentence_end <= letter.body_end
        for r in letter.references:
            assert letter.text[r.start : r.end] == r.raw


def test_footnote_sentence_is_the_sentence_of_its_marker() -> None:
    letter = read_letter(CORPUS / "004_e70a85e84504e092.txt")
    note = letter.footnotes[1]
    assert letter.text[note.sentence_start : note.sentence_end] == (
        "Bij aanvang van het programma Verdere Integratie op de Arbeidsmarkt (VIA) in 2018, "
        "schreef de minister van Sociale Zaken en Werkgelegenheid uw Kamer dat burgers met een "
        "niet-westerse migratieachtergrond structureel een slechtere arbeidsmarktpositie hebben."
    )


@pytest.mark.parametrize(
    ("source", "expected"),
    [("corpus/004_e70a.txt", "004_e70a"), ("a b/Brief (1).PDF", "Brief-1"), ("x.xml", "x")],
)
def test_letter_id(source: str, expected: str) -> None:
    assert letter_id(source) == expected


def test_unsupported_suffix_and_bad_sidecar(tmp_path: Path) -> None:
    doc = tmp_path / "brief.docx"
    doc.write_bytes(b"PK\x03\x04")
    with pytest.raises(UnsupportedFormat):
        read_letter(doc)
    letter = tmp_path / "brief.txt"
    letter.write_text("Met deze brief informeer ik u.\n", encoding="utf-8")
    (tmp_path / "brief.meta.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(IngestError) as info:
        read_letter(letter)
    assert info.value.problem.startswith("the sidecar brief.meta.json is not valid JSON")


def test_a_failing_extractor_costs_only_its_own_facts(monkeypatch) -> None:
    """Fault injection: the statistics extractor breaks on a letter; the letter still goes in."""
    import ingest.knowledge

    def broken(ctx):
        raise ValueError("unexpected layout")

    monkeypatch.setattr(ingest.knowledge, "extract_statistics", broken)
    letter = read_letter(CORPUS / "003_a17b3276b8151254.txt")
    assert letter.knowledge.statistics == ()
    assert len(letter.footnotes) == 17 and letter.knowledge.motions
    assert [(w.code, w.message) for w in letter.warnings] == [
        ("extractor-failed",
         "statistics could not be extracted (ValueError: unexpected layout)"),
    ]
