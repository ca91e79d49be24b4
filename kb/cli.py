"""The `kb` command: a thin shell over kb.ingesting and kb.store.

Exit codes: 0 success, 1 some files failed (or no knowledge base), 2 usage errors.
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import dataclasses
import json
import os
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from kb.cli_knowledge import add_commands as add_knowledge_commands
from kb.cli_search import add_commands as add_search_commands
from kb.cli_ui import add_commands as add_ui_commands
from kb.distributed import ClusterError, open_workers
from kb.exporting import export_all
from kb.ingesting import (
    FileResult,
    IngestReport,
    NoFiles,
    PathNotFound,
    collect_files,
    ingest_files,
)
from kb.settings import DEFAULT_KB_DIR, KB_DIR_ENV, default_workers, kb_dir
from kb.store import Store, StoreError

OK, FAILED, USAGE = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    """Run `kb` with `argv` (default: the command line); returns the exit code."""
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except StoreError as error:
        print(f"error: {error}", file=sys.stderr)
        return FAILED
    except BrokenPipeError:
        # The reader went away (`kb export | head`); silence Python's flush at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return FAILED


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of `kb` and its subcommands."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--kb",
        metavar="DIR",
        help=f"the knowledge base directory (default: ${KB_DIR_ENV} or {DEFAULT_KB_DIR})",
    )
    parser = argparse.ArgumentParser(
        prog="kb", description="A knowledge base over Dutch letters to parliament (Kamerbrieven)."
    )
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")

    _add_ingest_command(commands, common)

    export = commands.add_parser(
        "export",
        parents=[common],
        help="write the knowledge base as JSON",
        description="Write documents, footnotes, references and failures as JSON.",
    )
    export.add_argument("--out", type=Path, metavar="FILE", help="write to FILE, not stdout")
    export.set_defaults(run=run_export)

    stats = commands.add_parser(
        "stats",
        parents=[common],
        help="count what the knowledge base holds",
        description="Count the letters, pages, footnotes, references, warnings and failures.",
    )
    stats.set_defaults(run=run_stats)
    add_knowledge_commands(commands, common)
    add_search_commands(commands, common)
    add_ui_commands(commands, common)
    return parser


def _add_ingest_command(commands, common: argparse.ArgumentParser) -> None:
    """`kb ingest` and its options."""
    ingest = commands.add_parser(
        "ingest",
        parents=[common],
        help="read letters into the knowledge base",
        description="Read .txt, .pdf and .xml letters (folders are searched recursively) into "
        "the knowledge base. Unchanged files are skipped; changed files replace their old version.",
    )
    ingest.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="a file or folder")
    ingest.add_argument(
        "--workers",
        type=_positive,
        default=default_workers(),
        metavar="N",
        help="processes that read files in parallel (default: the number of CPUs; "
        "not used with --scheduler)",
    )
    ingest.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="read the files on the Dask cluster whose scheduler is at ADDRESS, e.g. "
        "tcp://HOST:8786 (see docs/scaling.md); the knowledge base is still written here",
    )
    ingest.add_argument(
        "--encoding",
        type=_encoding,
        metavar="ENC",
        help="the encoding of .txt files that are not UTF-8, e.g. cp1252",
    )
    ingest.add_argument(
        "--quiet",
        "-q",
        action="store_true",
        help="print errors only: no progress, warnings or summary",
    )
    ingest.set_defaults(run=run_ingest)


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {value!r}")
    return int(value)


def _encoding(value: str) -> str:
    try:
        return codecs.lookup(value).name
    except LookupError:
        raise argparse.ArgumentTypeError(
            f"unknown encoding {value!r}; use a Python codec name such as cp1252 or latin-1"
        ) from None


def run_ingest(args: argparse.Namespace) -> int:
    """`kb ingest`: ingest the paths, print warnings, errors and a summary."""
    with contextlib.ExitStack() as stack:
        try:
            # Find the files and the workers before the store is created, so a typo leaves no
            # empty KB behind.
            files = collect_files(args.paths)
            workers = min(args.workers, len(files))
            readers = stack.enter_context(open_workers(workers, args.scheduler))
        except (PathNotFound, NoFiles, ClusterError) as error:
            print(f"error: {error}", file=sys.stderr)
            return USAGE
        store = stack.enter_context(Store.open(kb_dir(args.kb)))
        bar = ProgressBar(sys.stderr) if sys.stderr.isatty() and not args.quiet else None
        lost = None
        try:
            report = ingest_files(
                files, store, readers, args.encoding, _ResultPrinter(bar, quiet=args.quiet)
            )
        except ClusterError as error:  # the cluster went away; what is stored stays
            lost = error
        finally:
            if bar is not None:
                bar.clear()
    if lost is not None:
        print(f"error: {lost}", file=sys.stderr)
        return FAILED
    if not args.quiet:
        print(summary(report))
    return FAILED if report.failures else OK


def summary(report: IngestReport) -> str:
    """The one-line summary of an ingest."""
    counts = (
        _count(report.footnotes, "footnote"),
        _count(report.references, "reference"),
        _count(len(report.warnings), "warning"),
        _count(len(report.failures), "failure"),
    )
    return (
        f"ingested {_count(report.files, 'file')}: {_count(report.letters, 'letter')} "
        f"({report.added} added, {report.unchanged} unchanged, {report.replaced} replaced), "
        f"{', '.join(counts)} in {report.elapsed:.1f} s"
    )


def _count(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


class _ResultPrinter:
    """Prints each file's warnings and errors as it is stored, above the progress bar."""

    def __init__(self, bar: ProgressBar | None, quiet: bool) -> None:
        self.bar, self.quiet = bar, quiet

    def __call__(self, done: int, total: int, result: FileResult) -> None:
        lines = (
            []
            if self.quiet
            else [f"warning: {result.source}: {w.message}" for w in result.warnings]
        )
        if result.failure is not None:
            failure = result.failure
            advice = f"; {failure.advice}" if failure.advice else ""
            lines.append(f"error: {failure.source}: {failure.problem}{advice}")
        if self.bar is not None:
            self.bar.clear()
        for line in lines:
            print(line, file=sys.stderr)
        if self.bar is not None:
            self.bar.show(done, total, result.source)


class ProgressBar:
    """A one-line progress bar, redrawn in place (only for terminals)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def show(self, done: int, total: int, label: str) -> None:
        width = shutil.get_terminal_size().columns
        filled = 30 * done // max(total, 1)
        line = f"[{'#' * filled}{'.' * (30 - filled)}] {done}/{total} {label}"
        self.stream.write("\r" + line[: width - 1] + "\x1b[K")
        self.stream.flush()

    def clear(self) -> None:
        self.stream.write("\r\x1b[K")
        self.stream.flush()


def run_export(args: argparse.Namespace) -> int:
    """`kb export`: the knowledge base as JSON on stdout or in --out FILE."""
    with Store.open(kb_dir(args.kb), create=False) as store:
        data = export_all(store)
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if args.out is None:
        sys.stdout.write(text)
    else:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
    return OK


def run_stats(args: argparse.Namespace) -> int:
    """`kb stats`: one `name: count` line per count."""
    with Store.open(kb_dir(args.kb), create=False) as store:
        counts = dataclasses.asdict(store.stats())
    for name, count in counts.items():
        print(f"{name}: {count}")
    return OK
