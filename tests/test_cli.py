"""The `kb` command end to end, on a copy of corpus/ in tmp_path."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ingest.errors import BinaryFile, EmptyFile, EncodingError
from kb.cli import ProgressBar, main
from kb.ingesting import ingest_paths
from kb.store import Failure, Store

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
LETTERS = sorted(p.name for p in CORPUS.glob("*.txt"))

DOCUMENT_FIELDS = {
    "id", "source", "sources", "format", "sha256", "kind", "title", "date", "date_precision",
    "date_evidence", "date_confidence", "date_rule", "signatory", "role", "kamerstuk",
    "vergaderjaar", "pages", "warnings",
}  # fmt: skip
FOOTNOTE_FIELDS = {
    "document", "number", "text", "marker_context", "start", "end", "page", "marker_offset",
    "marker_raw", "sentence_start", "sentence_end", "confidence", "rule",
}  # fmt: skip
REFERENCE_FIELDS = {
    "document", "raw", "id", "kind", "dossier", "number", "item", "vergaderjaar", "footnote",
    "start", "end", "url", "confidence", "rule", "resolved",
}  # fmt: skip


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tmp_path holding a copy of corpus/, as the working directory; no $KB_DIR."""
    shutil.copytree(CORPUS, tmp_path / "corpus")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("KB_DIR", raising=False)
    return tmp_path


def kb(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run `kb ARGS` in this process: (exit code, stdout, stderr)."""
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def export(capsys: pytest.CaptureFixture[str], kb_dir: str = "kb") -> dict:
    code, out, _ = kb(capsys, "export", "--kb", kb_dir)
    assert code == 0
    return json.loads(out)


def assert_summary(out: str, expected: str) -> None:
    """`out` is the summary line `expected`, followed by some time in seconds."""
    assert re.fullmatch(re.escape(expected) + r" in \d+\.\d s\n", out), out


def expected_counts(data: dict) -> str:
    warnings = sum(len(d["warnings"]) for d in data["documents"])
    return (
        f"{len(data['footnotes'])} footnotes, {len(data['references'])} references, "
        f"{warnings} warning{'' if warnings == 1 else 's'}"
    )


def test_ingesting_twice_changes_nothing(workdir: Path, capsys) -> None:
    code, out, err = kb(capsys, "ingest", "corpus", "--kb", "kb")
    assert (code, err) == (0, "")
    data = export(capsys)
    counts = expected_counts(data)
    assert_summary(
        out, f"ingested 5 files: 5 letters (5 added, 0 unchanged, 0 replaced), {counts}, 0 failures"
    )
    assert kb(capsys, "export", "--kb", "kb", "--out", "first.json")[0] == 0
    database = (workdir / "kb" / "kb.sqlite").read_bytes()

    code, out, _ = kb(capsys, "ingest", "corpus", "--kb", "kb", "--workers", "1")
    assert code == 0
    assert_summary(
        out, f"ingested 5 files: 5 letters (0 added, 5 unchanged, 0 replaced), {counts}, 0 failures"
    )
    assert (workdir / "kb" / "kb.sqlite").read_bytes() == database  # not a byte written
    assert kb(capsys, "export", "--kb", "kb", "--out", "second.json")[0] == 0
    first = (workdir / "first.json").read_bytes()
    assert first == (workdir / "second.json").read_bytes()
    assert json.loads(first) == data


def test_export_has_the_documented_keys_and_fields(workdir: Path, capsys) -> None:
    kb(capsys, "ingest", "corpus", "--kb", "kb")
    data = export(capsys)
    assert list(data) == [
        "documents", "footnotes", "references", "failures",
        "entities", "memberships", "motions", "statistics", "commitments", "events",
    ]  # fmt: skip
    assert [d["source"] for d in data["documents"]] == [f"corpus/{name}" for name in LETTERS]
    assert [d["id"] for d in data["documents"]] == [name.removesuffix(".txt") for name in LETTERS]
    assert all(set(d) == DOCUMENT_FIELDS for d in data["documents"])
    assert all(set(f) == FOOTNOTE_FIELDS for f in data["footnotes"])
    assert all(set(r) == REFERENCE_FIELDS for r in data["references"])
    assert {r["kind"] for r in data["references"]} <= {"kamerstuk", "handelingen", "dossier"}
    assert data["failures"] == []
    footnote_order = [(f["document"], f["number"]) for f in data["footnotes"]]
    assert footnote_order == sorted(footnote_order)
    reference_order = [(r["document"], r["start"]) for r in data["references"]]
    assert reference_order == sorted(reference_order)


def test_bad_files_are_reported_and_the_others_ingested(workdir: Path, capsys) -> None:
    latin = "Geachte voorzitter,\n\nHet café is open.\n".encode("cp1252")
    (workdir / "corpus" / "cp1252.txt").write_bytes(latin)
    (workdir / "corpus" / "empty.txt").write_bytes(b"")
    (workdir / "corpus" / "binary.txt").write_bytes(bytes(range(256)) * 4)
    offset = latin.index("é".encode("cp1252"))

    code, out, err = kb(capsys, "ingest", "corpus", "--kb", "kb")
    assert code == 1
    assert err.splitlines() == [
        f"error: corpus/binary.txt: {BinaryFile()}",
        f"error: corpus/cp1252.txt: {EncodingError(offset, 'latin-1')}",
        f"error: corpus/empty.txt: {EmptyFile()}",
    ]
    assert str(EmptyFile()) == "the file is empty (0 bytes); check the export or download"
    data = export(capsys)
    counts = expected_counts(data)
    assert_summary(
        out, f"ingested 8 files: 5 letters (5 added, 0 unchanged, 0 replaced), {counts}, 3 failures"
    )
    assert [d["source"] for d in data["documents"]] == [f"corpus/{name}" for name in LETTERS]
    assert [f["source"] for f in data["failures"]] == [
        "corpus/binary.txt",
        "corpus/cp1252.txt",
        "corpus/empty.txt",
    ]

    # With the right encoding the file goes in, and its failure is forgotten.
    code, out, err = kb(capsys, "ingest", "corpus/cp1252.txt", "--encoding", "cp1252", "--kb", "kb")
    assert (code, err) == (0, "warning: corpus/cp1252.txt: no date found in the document\n")
    assert out.startswith("ingested 1 file: 1 letter (1 added, 0 unchanged, 0 replaced), ")
    assert "corpus/cp1252.txt" in [d["source"] for d in export(capsys)["documents"]]
    assert [f["source"] for f in export(capsys)["failures"]] == [
        "corpus/binary.txt",
        "corpus/empty.txt",
    ]


def test_ingest_paths_reports_what_it_did(workdir: Path) -> None:
    (workdir / "corpus" / "empty.txt").write_bytes(b"")
    seen: list[tuple[int, int, str]] = []
    with Store.open(workdir / "kb") as store:
        report = ingest_paths(
            [Path("corpus")],
            store,
            workers=2,
            progress=lambda d, t, r: seen.append((d, t, r.source)),
        )
        stats = store.stats()
    assert seen == [(i, 6, f"corpus/{name}") for i, name in enumerate([*LETTERS, "empty.txt"], 1)]
    assert (report.files, report.letters, report.added, report.unchanged, report.replaced) == (
        6, 5, 5, 0, 0
    )  # fmt: skip
    assert (report.footnotes, report.references) == (stats.footnotes, stats.references)
    assert report.pages == stats.pages
    assert report.failures == (
        Failure("corpus/empty.txt", EmptyFile().problem, EmptyFile().advice),
    )


def test_a_garbage_pdf_is_reported_as_damaged(workdir: Path, capsys) -> None:
    (workdir / "corpus" / "bad.pdf").write_bytes(b"%PDF-1.4\nthis is no PDF at all\n")
    code, _, err = kb(capsys, "ingest", "corpus", "--kb", "kb")
    assert code == 1
    assert err.startswith("error: corpus/bad.pdf: the PDF is damaged or truncated (")
    assert err.endswith("); download the PDF again or repair it (e.g. qpdf in.pdf out.pdf)\n")
    assert len(export(capsys)["documents"]) == 5


def test_a_changed_letter_is_replaced(workdir: Path, capsys) -> None:
    kb(capsys, "ingest", "corpus", "--kb", "kb")
    changed = workdir / "corpus" / LETTERS[2]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nEen extra zin.\n", encoding="utf-8")
    code, out, _ = kb(capsys, "ingest", "corpus", "--kb", "kb")
    assert code == 0
    assert out.startswith("ingested 5 files: 5 letters (0 added, 4 unchanged, 1 replaced), ")
    assert len(export(capsys)["documents"]) == 5


def test_a_copy_under_another_path_is_one_document(workdir: Path, capsys) -> None:
    (workdir / "corpus" / "sub").mkdir()
    shutil.copy(workdir / "corpus" / LETTERS[0], workdir / "corpus" / "sub" / "copy.txt")
    code, out, _ = kb(capsys, "ingest", "corpus", "--kb", "kb")
    assert code == 0
    assert out.startswith("ingested 6 files: 6 letters (5 added, 1 unchanged, 0 replaced), ")
    first = export(capsys)["documents"][0]
    assert first["sources"] == [f"corpus/{LETTERS[0]}", "corpus/sub/copy.txt"]


def test_sidecars_readmes_and_hidden_files_are_not_ingested(workdir: Path, capsys) -> None:
    corpus = workdir / "corpus"
    (corpus / "README.md").write_text("# corpus\n", encoding="utf-8")
    (corpus / ".hidden.txt").write_text("verborgen\n", encoding="utf-8")
    (corpus / ".git").mkdir()
    (corpus / ".git" / "x.txt").write_text("git\n", encoding="utf-8")
    sidecar = corpus / LETTERS[0].replace(".txt", ".meta.json")
    sidecar.write_text('{"title": "Titel uit de sidecar"}', encoding="utf-8")
    code, out, _ = kb(capsys, "ingest", "corpus", "--kb", "kb")
    assert (code, out.startswith("ingested 5 files: ")) == (0, True)
    assert export(capsys)["documents"][0]["title"] == "Titel uit de sidecar"


def test_one_worker_and_many_give_the_same_knowledge_base(workdir: Path, capsys) -> None:
    kb(capsys, "ingest", "corpus", "--kb", "one", "--workers", "1")
    kb(capsys, "ingest", "corpus", "--kb", "many", "--workers", "3")
    assert export(capsys, "one") == export(capsys, "many")


def test_quiet_prints_errors_only(workdir: Path, capsys) -> None:
    (workdir / "corpus" / "empty.txt").write_bytes(b"")
    assert kb(capsys, "ingest", "corpus", "--kb", "kb", "--quiet") == (
        1,
        "",
        f"error: corpus/empty.txt: {EmptyFile()}\n",
    )


def test_stats_prints_the_counts(workdir: Path, capsys) -> None:
    kb(capsys, "ingest", "corpus", "--kb", "kb")
    data = export(capsys)
    code, out, _ = kb(capsys, "stats", "--kb", "kb")
    assert code == 0
    assert out.splitlines()[0] == "letters: 5"
    assert out.splitlines()[2:4] == [
        f"footnotes: {len(data['footnotes'])}",
        f"references: {len(data['references'])}",
    ]
    assert out.splitlines()[-1] == "failures: 0"


@pytest.mark.parametrize("command", ["export", "stats"])
def test_a_missing_kb_says_how_to_make_one(workdir: Path, capsys, command: str) -> None:
    assert kb(capsys, command) == (
        1,
        "",
        "error: no knowledge base at build/kb; run `kb ingest corpus/` first\n",
    )
    assert not (workdir / "build").exists()


def test_a_missing_path_is_a_usage_error(workdir: Path, capsys) -> None:
    assert kb(capsys, "ingest", "corpus", "nope", "--kb", "kb") == (
        2,
        "",
        "error: no such file or directory: nope\n",
    )
    assert not (workdir / "kb").exists()


def test_a_folder_without_letters_is_a_usage_error(workdir: Path, capsys) -> None:
    (workdir / "empty").mkdir()
    assert kb(capsys, "ingest", "empty") == (
        2,
        "",
        "error: no .txt, .pdf, .xml files found in empty\n",
    )


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (["--workers", "0"], "argument --workers: expected a whole number of at least 1, got '0'"),
        (
            ["--encoding", "klingon"],
            "argument --encoding: unknown encoding 'klingon'; "
            "use a Python codec name such as cp1252 or latin-1",
        ),
    ],
)
def test_bad_options_are_usage_errors(workdir: Path, capsys, option, message) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["ingest", "corpus", *option])
    assert raised.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == f"kb ingest: error: {message}"


def run_module(cwd: Path, *args: str, kb_dir: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "KB_DIR"}
    if kb_dir is not None:
        env["KB_DIR"] = kb_dir
    return subprocess.run(
        [sys.executable, "-m", "kb", *args], cwd=cwd, env=env, capture_output=True, text=True
    )


def test_the_kb_directory_comes_from_option_env_or_default(workdir: Path) -> None:
    assert run_module(workdir, "ingest", "corpus/" + LETTERS[0]).returncode == 0
    assert (workdir / "build" / "kb" / "kb.sqlite").is_file()
    assert run_module(workdir, "ingest", "corpus", kb_dir="from-env").returncode == 0
    assert (workdir / "from-env" / "kb.sqlite").is_file()
    done = run_module(workdir, "ingest", "corpus", "--kb", "from-option", kb_dir="from-env")
    assert done.returncode == 0
    assert (workdir / "from-option" / "kb.sqlite").is_file()
    assert run_module(workdir, "stats", kb_dir="from-env").stdout.startswith("letters: 5\n")
    assert run_module(workdir, "stats").stdout.startswith("letters: 1\n")


@pytest.mark.parametrize(
    ("command", "options"),
    [
        ([], ["ingest", "export", "stats"]),
        (["ingest"], ["--kb DIR", "--workers N", "--encoding ENC", "--quiet", "PATH"]),
        (["export"], ["--kb DIR", "--out FILE"]),
        (["stats"], ["--kb DIR"]),
    ],
)
def test_help_lists_every_option(command: list[str], options: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "kb", *command, "--help"], capture_output=True, text=True
    )
    assert done.returncode == 0
    assert all(option in done.stdout for option in options), done.stdout


def test_the_progress_bar_redraws_one_line() -> None:
    stream = io.StringIO()
    bar = ProgressBar(stream)
    bar.show(3, 5, "corpus/x.txt")
    bar.clear()
    assert stream.getvalue() == (
        "\r[##################............] 3/5 corpus/x.txt\x1b[K" + "\r\x1b[K"
    )


def test_bad_pdfs_in_a_mixed_batch(workdir: Path, capsys) -> None:
    """Encrypted, scanned and truncated PDFs fail with advice; a good PDF and XML go in."""
    import pdfgen

    corpus = workdir / "corpus"
    pdfgen.make_encrypted_pdf(corpus / "encrypted.pdf")
    pdfgen.make_scanned_pdf(corpus / "scan.pdf", pages=3)
    pdfgen.make_truncated_pdf(corpus / "truncated.pdf")
    pdfgen.make_letter_pdf(corpus / "brief.pdf", pdfgen.sample_letter(1), "rijksoverheid")
    motion = CORPUS.parent / "tests" / "fixtures" / "realdocs" / "motiematcher_kst-31305-495.xml"
    shutil.copy(motion, corpus / "motie.xml")
    code, out, err = kb(capsys, "ingest", "corpus", "--kb", "kb")
    assert code == 1
    assert err.splitlines() == [
        "error: corpus/encrypted.pdf: the PDF is encrypted with a password; "
        "remove the password (qpdf --decrypt) and ingest the decrypted copy",
        "error: corpus/scan.pdf: the PDF has no text layer (3 page(s) without text; a scan?); "
        "run OCR first (e.g. ocrmypdf -l nld in.pdf out.pdf)",
        "error: corpus/truncated.pdf: the PDF is damaged or truncated (PSEOF: Unexpected EOF); "
        "download the PDF again or repair it (e.g. qpdf in.pdf out.pdf)",
    ]
    assert re.fullmatch(
        r"ingested 10 files: 7 letters \(7 added, 0 unchanged, 0 replaced\), 97 footnotes, "
        r"28 references, 0 warnings, 3 failures in \d+\.\d s\n",
        out,
    )
    documents = {d["id"]: d for d in export(capsys)["documents"]}
    assert (documents["brief"]["format"], documents["brief"]["date"]) == ("pdf", "2021-11-17")
    assert (documents["motie"]["kind"], documents["motie"]["kamerstuk"]) == (
        "motie",
        "kst-31305-495",
    )


def test_a_new_extractor_version_replaces_letters_on_reingest(workdir: Path, monkeypatch) -> None:
    import ingest.pipeline

    with Store.open(workdir / "kb") as store:
        first = ingest_paths([Path("corpus")], store, workers=1)
        again = ingest_paths([Path("corpus")], store, workers=1)
        monkeypatch.setattr(ingest.pipeline, "EXTRACTOR_VERSION", "next")
        upgraded = ingest_paths([Path("corpus")], store, workers=1)
        stats = store.stats()
    assert (first.added, again.unchanged, upgraded.replaced) == (5, 5, 5)
    assert stats.letters == 5
