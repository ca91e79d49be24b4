"""The bad-input zoo through the real `kb ingest`: one row per case (tests/zoo.py writes it).

Each case lies in a folder next to a good seed letter. Per row: the exact lines the user reads,
the exit code, the summary, the documents and failures `kb export` shows afterwards, and that
ingesting the folder again changes nothing.
"""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import zoo
from seedletters import CORPUS, SEEDS

from kb.cli import main
from kb.ingesting import ingest_paths
from kb.store import Store

# The good letter: 35 footnotes and 6 references; its superscript markers hold UTF-8 bytes
# that cp1252 lacks, so it must survive `--encoding cp1252`.
SEED = SEEDS["004"]
SEED_ID = SEED.removesuffix(".txt")
FOLDER = "brieven"

TRUNCATED = "the PDF is damaged or truncated (PSEOF: Unexpected EOF)"
NO_ROOT = (
    "the PDF is damaged or truncated (PDFSyntaxError: No /Root object! - Is this really a PDF?)"
)
REPAIR = "download the PDF again or repair it (e.g. qpdf in.pdf out.pdf)"
ENCRYPTED = "the PDF is encrypted with a password"
DECRYPT = "remove the password (qpdf --decrypt) and ingest the decrypted copy"
SCAN = "the PDF has no text layer (3 page(s) without text; a scan?)"
OCR = "run OCR first (e.g. ocrmypdf -l nld in.pdf out.pdf)"
EMPTY, CHECK = "the file is empty (0 bytes)", "check the export or download"
REAL_EXTENSION = "give a .txt file with text, or the original PDF or XML with its real extension"
CP1252 = "the text is not UTF-8 (invalid byte at offset 313); it looks like cp1252"
CONVERT_CP1252 = "convert it (iconv -f cp1252 -t utf-8) or run with --encoding cp1252"
LATIN1 = "the text is not UTF-8 (invalid byte at offset 335); it looks like latin-1"
CONVERT_LATIN1 = "convert it (iconv -f latin-1 -t utf-8) or run with --encoding latin-1"
MIXED = "the text is neither UTF-8 nor cp1252 (invalid byte at offset 330)"
FIND_ENCODING = (
    "find out how it was saved (file -i NAME), then convert it to UTF-8 or run with that --encoding"
)
MALFORMED = "the XML is not well-formed (no element found: line 12, column 14)"
OTHER_SCHEMA = "the XML is of an unknown schema (root element <feed>)"
KOOP = "give official KOOP Kamerstuk XML (<officiele-publicatie>/<kamerstuk>)"
NO_DATE = {"code": "no-date", "message": "no date found in the document"}
DATED = {"date": "2024-03-14", "date_precision": "day", "date_rule": "datum-line",
         "date_confidence": 0.99, "date_evidence": "Datum 14 maart 2024"}  # fmt: skip
UNDATED = {"date": None, "date_precision": None, "date_rule": "none", "date_confidence": 0.0,
           "date_evidence": None}  # fmt: skip
INFERRED = {
    "date": "2023", "date_precision": "year", "date_rule": "latest-event", "date_confidence": 0.5,
    "date_evidence": "inferred from the latest dated event: 'juni 2023' (Sinds juni 2023 voeren "
    "de provincies het uit.)",
}  # fmt: skip


@dataclass(frozen=True)
class Case:
    """One zoo row: the case, how `kb ingest` is run, and what must come out."""

    name: str
    options: tuple[str, ...]
    lines: tuple[str, ...]  # stderr, "{f}" standing for the folder
    code: int
    summary: tuple[int, int, int, int, int, int]  # files, letters, added, footnotes, refs, warns
    documents: dict[str, dict] = field(default_factory=dict)  # the case's documents, by id
    failures: tuple[tuple[str, str, str], ...] = ()  # (file name, problem, advice)
    text_has: tuple[str, ...] = ()  # in the stored text of the case's document
    text_lacks: tuple[str, ...] = ()
    passages: int | None = None


def letter(sources: list[str], title: str, date: dict, pages: int = 1, warnings=()) -> dict:
    """The export fields of a document the zoo wrote (a text letter)."""
    return {"sources": [f"{FOLDER}/{s}" for s in sources], "format": "text", "kind": "kamerbrief",
            "title": title, **date, "pages": pages, "warnings": list(warnings)}  # fmt: skip


def failed(name: str, problem: str, advice: str) -> dict:
    """A case that fails: its error line, exit code 1, the seed alone ingested (2 files, 1
    letter added, its 35 footnotes and 6 references, no warning) and its failures row."""
    return {"lines": (f"error: {{f}}/{name}: {problem}; {advice}",), "code": 1,
            "summary": (2, 1, 1, 35, 6, 0), "failures": ((name, problem, advice),)}  # fmt: skip


S = zoo.SUBJECT
ZOO = [
    Case("truncated_pdf", (), **failed("afgebroken.pdf", TRUNCATED, REPAIR)),
    Case("corrupt_pdf", (), **failed("beschadigd.pdf", NO_ROOT, REPAIR)),
    Case("encrypted_pdf", (), **failed("beveiligd.pdf", ENCRYPTED, DECRYPT)),
    Case("scanned_pdf", (), **failed("scan.pdf", SCAN, OCR)),
    Case("zero_byte", (), **failed("leeg.txt", EMPTY, CHECK)),
    Case("binary_txt", (), **failed("afbeelding.txt", "the file holds a PNG image, not text", REAL_EXTENSION)),
    Case("pdf_named_txt", (), **failed("brief-als-pdf.txt", "the file holds a PDF, not text", REAL_EXTENSION)),
    Case("cp1252", (), **failed("windows-1252.txt", CP1252, CONVERT_CP1252)),
    Case("cp1252", ("--encoding", "cp1252"), (), 0, (2, 2, 2, 35, 6, 0),
         {"windows-1252": letter(["windows-1252.txt"], zoo.CP1252_SUBJECT, DATED)}),
    Case("latin1", (), **failed("latin-1.txt", LATIN1, CONVERT_LATIN1)),
    Case("latin1", ("--encoding", "latin-1"), (), 0, (2, 2, 2, 35, 6, 0),
         {"latin-1": letter(["latin-1.txt"], zoo.LATIN1_SUBJECT, DATED)}),
    Case("mixed_encoding", ("--encoding", "cp1252"), **failed("gemengd.txt", MIXED, FIND_ENCODING)),
    Case("long_letter", (), (), 0, (2, 2, 2, 35, 6, 0),
         {"jaarrapportage": letter(["jaarrapportage.txt"], "Jaarrapportage waterbeheer", {
             "date": "2023-10-02", "date_precision": "day", "date_rule": "datum-line",
             "date_confidence": 0.99, "date_evidence": "Datum 2 oktober 2023"}, pages=2000)},
         text_has=("In onderdeel 2 van deze rapportage", "In onderdeel 2000 van deze rapportage",
                   "M.G.J. Harbers"),
         text_lacks=("Pagina", "oktober", "Jaarrapportage waterbeheer"),
         passages=3 + 1999 + 3),  # page 1, one paragraph per later page, the signature
    Case("duplicate", (), (), 0, (3, 3, 2, 35, 6, 0),
         {"brief-ienw": letter(["brief-ienw.txt", "kopie van brief-ienw.txt"], S, DATED)}),
    Case("dateless", (), ("warning: {f}/zonder-datum.txt: no date found in the document",), 0,
         (2, 2, 2, 35, 6, 1), {"zonder-datum": letter(["zonder-datum.txt"], S, UNDATED, warnings=[NO_DATE])}),
    Case("undated_with_events", (), (), 0, (2, 2, 2, 35, 6, 0),
         {"zonder-datumregel": letter(["zonder-datumregel.txt"], S, INFERRED)}),
    Case("malformed_xml", (), **failed("kst-27625-612.xml", MALFORMED, "download the XML again")),
    Case("other_schema_xml", (), **failed("syncfeed.xml", OTHER_SCHEMA, KOOP)),
]  # fmt: skip


def summary(
    files: int, letters: int, added: int, footnotes: int, refs: int, warns: int, failures: int
) -> str:
    """The summary line `kb ingest` prints, up to the time it took."""

    def n(count: int, noun: str) -> str:
        return f"{count} {noun}" if count == 1 else f"{count} {noun}s"

    return (
        f"ingested {n(files, 'file')}: {n(letters, 'letter')} ({added} added, "
        f"{letters - added} unchanged, 0 replaced), {n(footnotes, 'footnote')}, "
        f"{n(refs, 'reference')}, {n(warns, 'warning')}, {n(failures, 'failure')}"
    )


def kb(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def export(capsys: pytest.CaptureFixture[str]) -> dict:
    code, out, _ = kb(capsys, "export", "--kb", "kb")
    assert code == 0
    return json.loads(out)


def content(database: Path) -> dict[str, list[tuple]]:
    """Every row of every table, but the time a failure was (last) seen."""
    with contextlib.closing(sqlite3.connect(database)) as db:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {
            t: db.execute(
                "SELECT source, problem, advice FROM failures ORDER BY source"
                if t == "failures"
                else f'SELECT * FROM "{t}" ORDER BY rowid'
            ).fetchall()
            for t in tables
        }


@pytest.fixture(scope="module")
def seed_alone(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The export of a KB holding the good seed letter only, read from the same relative path."""
    root = tmp_path_factory.mktemp("seed")
    (root / FOLDER).mkdir()
    shutil.copy(CORPUS / SEED, root / FOLDER)
    with contextlib.chdir(root), Store.open("kb") as store:
        ingest_paths([Path(FOLDER)], store, workers=1)
        return json.loads(json.dumps(store.export()))


def of_document(data: dict, document: str) -> tuple[list, list, list]:
    return tuple(  # type: ignore[return-value]
        [row for row in data[key] if row.get("document", row.get("id")) == document]
        for key in ("documents", "footnotes", "references")
    )


@pytest.mark.parametrize("case", ZOO, ids=[f"{c.name}{''.join(c.options)}" for c in ZOO])
def test_zoo(case: Case, tmp_path: Path, monkeypatch, capsys, seed_alone: dict) -> None:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / FOLDER
    folder.mkdir()
    shutil.copy(CORPUS / SEED, folder)
    getattr(zoo, f"make_{case.name}")(folder)
    command = ("ingest", FOLDER, "--kb", "kb", "--workers", "1", *case.options)

    code, out, err = kb(capsys, *command)
    lines = [line.format(f=FOLDER) for line in case.lines]
    assert (code, err.splitlines()) == (case.code, lines)
    first = summary(*case.summary, failures=len(case.failures))
    assert re.fullmatch(re.escape(first) + r" in \d+\.\d s\n", out), out

    data = export(capsys)
    assert [d["id"] for d in data["documents"]] == sorted([SEED_ID, *case.documents])
    assert of_document(data, SEED_ID) == of_document(seed_alone, SEED_ID)  # the good letter, whole
    for document, expected in case.documents.items():
        record = next(d for d in data["documents"] if d["id"] == document)
        assert {k: record[k] for k in expected} == expected
    assert [(f["source"], f["problem"], f["advice"]) for f in data["failures"]] == [
        (f"{FOLDER}/{name}", problem, advice) for name, problem, advice in case.failures
    ]
    check_stored_text(tmp_path / "kb" / "kb.sqlite", case)

    # Again: the same messages, every letter unchanged, the same knowledge base.
    database = tmp_path / "kb" / "kb.sqlite"
    before, rows = database.read_bytes(), content(database)
    code, out, err = kb(capsys, *command)
    assert (code, err.splitlines()) == (case.code, lines)
    files, letters, _, *counts = case.summary
    again = summary(files, letters, 0, *counts, failures=len(case.failures))
    assert re.fullmatch(re.escape(again) + r" in \d+\.\d s\n", out), out
    assert export(capsys) == data
    assert content(database) == rows
    assert database.read_bytes() == before  # not one byte written, failures included


def check_stored_text(database: Path, case: Case) -> None:
    """The stored text and passages of the case's document hold what they must, and no more."""
    if not (case.text_has or case.text_lacks or case.passages is not None):
        return
    (document,) = case.documents
    with contextlib.closing(sqlite3.connect(database)) as db:
        (text,) = db.execute("SELECT text FROM documents WHERE id = ?", (document,)).fetchone()
        (passages,) = db.execute(
            "SELECT count(*) FROM passages WHERE document = ?", (document,)
        ).fetchone()
    assert all(part in text for part in case.text_has)
    assert not any(part in text for part in case.text_lacks)
    assert case.passages in (None, passages)


def test_every_zoo_generator_has_a_row() -> None:
    makers = {name.removeprefix("make_") for name in dir(zoo) if name.startswith("make_")}
    assert makers == {case.name for case in ZOO}
