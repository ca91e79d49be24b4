"""Ingest a batch of files into the store: read in worker processes, write in this one.

Reading and extracting a letter is pure and CPU-bound, so it runs in a process pool; the
store is written only here, one transaction per file, in the (sorted) order of the files.
A file that fails is recorded with its problem and advice and the batch goes on.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from ingest.models import IngestWarning, Letter
from ingest.pipeline import SUFFIXES, read_letter, supported
from kb.search.index import SearchIndex
from kb.settings import default_workers
from kb.store import Failure, Outcome, Store


class PathNotFound(Exception):
    """A path given to ingest does not exist."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"no such file or directory: {path}")


class NoFiles(Exception):
    """The paths given to ingest hold no letters."""

    def __init__(self, paths: Sequence[Path]) -> None:
        self.paths = tuple(paths)
        names = ", ".join(str(p) for p in paths)
        super().__init__(f"no {', '.join(SUFFIXES)} files found in {names}")


@dataclass(frozen=True)
class FileResult:
    """What happened to one file: an outcome and what it held, or a failure."""

    source: str
    outcome: Outcome | None = None
    failure: Failure | None = None
    warnings: tuple[IngestWarning, ...] = ()
    footnotes: int = 0
    references: int = 0
    pages: int = 0


@dataclass(frozen=True)
class IngestReport:
    """The counts of one batch; footnotes, references and warnings are of the letters read."""

    files: int
    added: int
    unchanged: int
    replaced: int
    footnotes: int
    references: int
    pages: int
    warnings: tuple[tuple[str, str], ...]  # (source, message)
    failures: tuple[Failure, ...]
    elapsed: float  # seconds

    @property
    def letters(self) -> int:
        return self.added + self.unchanged + self.replaced


Progress = Callable[[int, int, FileResult], None]  # (files done, files in all, last result)


def collect_files(paths: Sequence[Path]) -> list[Path]:
    """The files to ingest: given files as they are, folders searched recursively, sorted."""
    found: set[Path] = set()
    for path in paths:
        if path.is_file():
            found.add(path)
        elif path.is_dir():
            found.update(_letters_under(path))
        else:
            raise PathNotFound(path)
    if not found:
        raise NoFiles(paths)
    return sorted(found, key=str)


def _letters_under(folder: Path) -> Iterator[Path]:
    """Letter files under `folder`, not in hidden folders (.git) and not sidecars or READMEs."""
    for path in folder.rglob("*"):
        hidden = any(part.startswith(".") for part in path.relative_to(folder).parts)
        if not hidden and path.is_file() and supported(path):
            yield path


def ingest_paths(
    paths: Sequence[Path],
    store: Store,
    workers: int = default_workers(),
    encoding: str | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """Ingest the files in `paths` (see collect_files) into `store`; never stops at a bad file."""
    started = time.perf_counter()
    files = collect_files(paths)
    results = []
    for done, (source, read) in enumerate(_read_all(files, workers, encoding), start=1):
        result = _store(store, source, read)
        results.append(result)
        if progress is not None:
            progress(done, len(files), result)
    report = _report(results, time.perf_counter() - started)
    return _update_index(store, report) if report.added or report.replaced else report


def _update_index(store: Store, report: IngestReport) -> IngestReport:
    """Bring the search index in step with the letters just stored; a failure is a warning."""
    try:
        SearchIndex.sync(store)
    except Exception as error:  # the store is the truth; the index can be rebuilt from it
        where = str(store.directory / "index")
        advice = f"search index not updated ({error}); run `kb index --rebuild`"
        return replace(report, warnings=(*report.warnings, (where, advice)))
    return report


def _read_all(
    files: Sequence[Path], workers: int, encoding: str | None
) -> Iterator[tuple[str, Letter | Failure]]:
    """(source, letter or failure) per file, in the order of `files`."""
    jobs = [(str(path), encoding) for path in files]
    if min(workers, len(jobs)) <= 1:
        for job in jobs:
            yield job[0], read_one(*job)
        return
    pool = ProcessPoolExecutor(max_workers=min(workers, len(jobs)))
    try:
        futures = [pool.submit(read_one, *job) for job in jobs]
        for (source, _), future in zip(jobs, futures, strict=True):
            yield source, _result(source, future)
    finally:
        # On Ctrl-C (or an abandoned generator) drop the files not yet started.
        pool.shutdown(cancel_futures=True)


def _result(source: str, future: Future[Letter | Failure]) -> Letter | Failure:
    try:
        return future.result()
    except Exception as error:  # a worker died or its result could not be sent back
        return Failure.from_error(source, error)


def read_one(source: str, encoding: str | None = None) -> Letter | Failure:
    """Read the letter at path `source`, or describe why it cannot be read (in a worker)."""
    try:
        return read_letter(Path(source), source=source, encoding=encoding)
    except Exception as error:
        # Describe the error here: IngestError subclasses do not survive pickling.
        return Failure.from_error(source, error)


def _store(store: Store, source: str, read: Letter | Failure) -> FileResult:
    """Write one file's letter (or its failure) to the store."""
    if isinstance(read, Failure):
        store.save_failure(read)
        return FileResult(source, failure=read)
    try:
        outcome = store.add_letter(read)
    except Exception as error:  # the transaction was rolled back; keep going
        return FileResult(source, failure=store.record_failure(source, error))
    return FileResult(
        source,
        outcome=outcome,
        warnings=read.warnings,
        footnotes=len(read.footnotes),
        references=len(read.references),
        pages=read.pages,
    )


def _report(results: Sequence[FileResult], elapsed: float) -> IngestReport:
    outcomes = [r.outcome for r in results]
    return IngestReport(
        files=len(results),
        added=outcomes.count(Outcome.ADDED),
        unchanged=outcomes.count(Outcome.UNCHANGED),
        replaced=outcomes.count(Outcome.REPLACED),
        footnotes=sum(r.footnotes for r in results),
        references=sum(r.references for r in results),
        pages=sum(r.pages for r in results),
        warnings=tuple((r.source, w.message) for r in results for w in r.warnings),
        failures=tuple(r.failure for r in results if r.failure is not None),
        elapsed=elapsed,
    )
