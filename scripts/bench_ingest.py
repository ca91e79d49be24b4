"""Ingest throughput benchmark: text and PDF, 1 and 2 worker processes (`make bench`).

Builds a text corpus (copies of the seed letters, each made unique) and a PDF corpus (letters
rendered by the test PDF generator in three layouts), ingests each into a fresh knowledge base
with 1 and 2 workers, and compares PDF reading with pdfplumber's own text extraction.
Results go to docs/benchmarks.md between the `ingest` markers.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import re
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from kb.ingesting import ingest_paths  # noqa: E402
from kb.store import Store  # noqa: E402

START, END = "<!-- ingest:start -->", "<!-- ingest:end -->"


def _pdfgen():
    spec = importlib.util.spec_from_file_location("pdfgen", REPO / "tests" / "pdfgen.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["pdfgen"] = module
    spec.loader.exec_module(module)
    return module


def make_text_corpus(folder: Path, copies: int) -> None:
    seeds = sorted((REPO / "corpus").glob("*.txt"))
    for i in range(copies):
        for seed in seeds:
            text = seed.read_text(encoding="utf-8") + f"\n\nKopie {i}.\n"
            (folder / f"{seed.stem}-{i:03d}.txt").write_text(text, encoding="utf-8")


def make_pdf_corpus(folder: Path, letters: int) -> int:
    gen = _pdfgen()
    pages = 0
    for i in range(letters):
        layout = gen.LAYOUTS[i % len(gen.LAYOUTS)]
        pages += gen.make_letter_pdf(
            folder / f"brief-{i:03d}.pdf", gen.sample_letter(1 + i % 4), layout
        )
    return pages


def run_ingest(folder: Path, workers: int) -> dict:
    with tempfile.TemporaryDirectory() as kb_dir, Store(kb_dir) as store:
        report = ingest_paths([folder], store, workers=workers)
    assert not report.failures, report.failures
    return {"files": report.files, "pages": report.pages, "seconds": report.elapsed}


def pdfplumber_baseline(folder: Path) -> dict:
    import pdfplumber

    started, pages = time.perf_counter(), 0
    for path in sorted(folder.glob("*.pdf")):
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()
                pages += 1
    return {"pages": pages, "seconds": time.perf_counter() - started}


def machine() -> str:
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        m = re.search(r"model name\s*:\s*(.+)", cpuinfo.read_text())
        cpu = m.group(1).strip() if m else cpu
    mem = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kb = int(re.search(r"MemTotal:\s+(\d+)", meminfo.read_text()).group(1))
        mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    python = f"Python {platform.python_version()}"
    return f"{os.cpu_count()} cores ({cpu}){mem}, {python}, {platform.system()}"


def table(rows: list[tuple[str, int, dict]]) -> str:
    lines = [
        "| corpus | workers | files | pages | seconds | pages/s | files/s |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, workers, r in rows:
        lines.append(
            f"| {name} | {workers} | {r['files']} | {r['pages']} | {r['seconds']:.2f} | "
            f"{r['pages'] / r['seconds']:.1f} | {r['files'] / r['seconds']:.1f} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="markdown file to update")
    parser.add_argument("--text-copies", type=int, default=40, help="copies of each seed")
    parser.add_argument("--pdf-letters", type=int, default=40, help="generated PDF letters")
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        text_dir, pdf_dir = Path(tmp, "text"), Path(tmp, "pdf")
        text_dir.mkdir()
        pdf_dir.mkdir()
        make_text_corpus(text_dir, args.text_copies)
        make_pdf_corpus(pdf_dir, args.pdf_letters)
        for name, folder in (
            ("text (seed copies)", text_dir),
            ("PDF (generated letters)", pdf_dir),
        ):
            for workers in (1, 2):
                rows.append((name, workers, run_ingest(folder, workers)))
                print(f"{name}, {workers} worker(s): {rows[-1][2]}", flush=True)
        base = pdfplumber_baseline(pdf_dir)
    base_rate = base["pages"] / base["seconds"]
    report = "\n".join(
        [
            START,
            "## Ingest throughput",
            "",
            f"Machine: {machine()}. Measured by `make bench` (`scripts/bench_ingest.py`): "
            "each corpus is ingested into a fresh knowledge base (read, clean, extract, store; "
            "one SQLite transaction per letter) with 1 and 2 worker processes. Pages are the "
            "pages the readers found (a text file without page breaks counts as one page).",
            "",
            table(rows),
            "",
            f"Yardstick: pdfplumber's own `extract_text()` over the same PDFs in one process: "
            f"{base['pages']} pages in {base['seconds']:.2f} s = {base_rate:.1f} pages/s.",
            END,
        ]
    )
    print(report)
    if args.out:
        _write_section(args.out, report)
    return 0


def _write_section(path: Path, section: str) -> None:
    old = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    if START in old and END in old:
        new = old[: old.index(START)] + section + old[old.index(END) + len(END) :]
    else:
        new = old.rstrip("\n") + "\n\n" + section + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(new, encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
