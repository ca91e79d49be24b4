"""Ingest a batch of files into the store: read in workers, write in this process.

Reading and extracting a letter (read_shipped) is pure and CPU-bound, so it runs on workers:
local processes by default, a Dask cluster when given a scheduler (kb.distributed). Both are a
concurrent.futures.Executor driven by the same loop: the file's bytes (and its sidecar's) are
read here and travel with the job, so a worker needs no access to this disk and the letter's
content hash is the same wherever it is read. The store is written only here, one transaction
per file, in the (sorted) order of the files. A file that fails, or whose worker dies, is
recorded with its problem and advice and the batch goes on.
"""

from __future__ import annotations

import json
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, replace
from pathlib import Path

from ingest.models import IngestWarning, Letter
from ingest.pipeline import SIDECAR_SUFFIX, SUFFIXES, content_sha256, read_letter, supported
from kb.distributed import Workers, in_order, open_workers, worker_died
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


WORKER_DIED = (
    "the worker process died while reading the file (it crashed or ran out of memory)",
    "ingest the file alone with --workers 1 to see what goes wrong; "
    "a very large file may need more memory per worker",
)


def ingest_paths(
    paths: Sequence[Path],
    store: Store,
    workers: int = default_workers(),
    encoding: str | None = None,
    progress: Progress | None = None,
    scheduler: str | None = None,
) -> IngestReport:
    """Ingest the files in `paths` (see collect_files) into `store`; never stops at a bad file.

    The letters are read by `workers` local processes, or on the Dask cluster whose scheduler
    is at `scheduler` (e.g. "tcp://host:8786"). kb.distributed.ClusterError if that cannot be
    used (before anything is stored) or is lost on the way (what is stored stays).
    """
    files = collect_files(paths)
    with open_workers(min(workers, len(files)), scheduler) as readers:
        return ingest_files(files, store, readers, encoding, progress)


def ingest_files(
    files: Sequence[Path],
    store: Store,
    readers: Workers,
    encoding: str | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """Ingest `files`, read by `readers` (kb.distributed.open_workers), into `store`."""
    started = time.perf_counter()
    results = []
    for done, (source, read) in enumerate(_read_all(files, store, readers, encoding), start=1):
        result = _store(store, source, read)
        results.append(result)
        if progress is not None:
            progress(done, len(files), result)
    report = _report(results, time.perf_counter() - started)
    # Always: a cheap check when nothing changed, and it catches up an index that an
    # interrupted ingest (Ctrl-C, SIGKILL, power loss) left behind the store.
    return _update_index(store, report)


def _update_index(store: Store, report: IngestReport) -> IngestReport:
    """Bring the search index in step with the letters just stored; a failure is a warning."""
    try:
        SearchIndex.sync(store)
    except Exception as error:  # the store is the truth; the index can be rebuilt from it
        where = str(store.directory / "index")
        advice = f"search index not updated ({error}); run `kb index --rebuild`"
        return replace(report, warnings=(*report.warnings, (where, advice)))
    return report


@dataclass(frozen=True)
class Shipped:
    """One file's job: its bytes and its sidecar's, read here, to be read into a letter."""

    source: str  # the path as given; the letter's source and id come from it
    name: str  # the file name: its suffix picks the reader, its stem names the sidecar
    data: bytes
    sidecar: bytes | None
    encoding: str | None


def ship(path: Path, encoding: str | None = None) -> Shipped | Failure:
    """The job for the file at `path`, or why it cannot be read from this disk (a job too:
    read_shipped passes it on, so every file takes the same way)."""
    sidecar = path.with_name(path.stem + SIDECAR_SUFFIX)
    try:
        data = path.read_bytes()
        extra = sidecar.read_bytes() if sidecar.is_file() else None
    except OSError as error:
        return Failure.from_error(str(path), error)
    return Shipped(str(path), path.name, data, extra, encoding)


def read_shipped(job: Shipped | Failure | FileResult) -> Letter | Failure | FileResult:
    """Read a shipped file into a letter (in a worker): the bytes are written under their
    own name to a temporary folder, so the readers, the sidecar and the hash see the file
    exactly as on the client's disk."""
    if isinstance(job, Failure | FileResult):  # nothing to read
        return job
    with tempfile.TemporaryDirectory(prefix="kb-letter-") as folder:
        path = Path(folder, job.name)
        path.write_bytes(job.data)
        if job.sidecar is not None:
            path.with_name(path.stem + SIDECAR_SUFFIX).write_bytes(job.sidecar)
        return read_one(job.source, job.encoding, path)


def read_one(
    source: str, encoding: str | None = None, path: Path | None = None
) -> Letter | Failure:
    """Read the letter `source` (from `path`, default `source`), or describe why it cannot be
    read."""
    try:
        return read_letter(path or Path(source), source=source, encoding=encoding)
    except Exception as error:
        # Describe the error here: IngestError subclasses do not survive pickling.
        return Failure.from_error(source, error)


def _read_all(
    files: Sequence[Path], store: Store, readers: Workers, encoding: str | None
) -> Iterator[tuple[str, Letter | Failure | FileResult]]:
    """(source, letter or failure, or what is stored already) per file, in file order."""
    jobs = (_job(store, path, encoding) for path in files)  # read when sent: few in memory
    for job, future in in_order(read_shipped, jobs, readers):
        yield job.source, _result(job.source, future)


def _job(store: Store, path: Path, encoding: str | None) -> Shipped | Failure | FileResult:
    job = ship(path, encoding)
    return _known(store, job) or job


def _known(store: Store, job: Shipped | Failure) -> FileResult | None:
    """What an earlier ingest stored for this very file (same bytes, sidecar, extractor and
    path), or None: such a file is not read again, its stored warnings and counts are."""
    if isinstance(job, Failure):
        return None
    sha = content_sha256(job.data, job.sidecar)
    row = store.db.execute(
        "SELECT id, pages, sources, (SELECT COUNT(*) FROM footnotes f WHERE f.document = d.id), "
        '(SELECT COUNT(*) FROM "references" r WHERE r.document = d.id) '
        "FROM documents d WHERE sha256 = ?", (sha,),
    ).fetchone()  # fmt: skip
    failed = store.db.execute("SELECT 1 FROM failures WHERE source = ?", (job.source,))
    if row is None or job.source not in json.loads(row[2]) or failed.fetchone():
        return None
    stored = store.db.execute(
        "SELECT code, message FROM warnings WHERE document = ? ORDER BY idx", (row[0],)
    )
    warnings = tuple(IngestWarning(code, message) for code, message in stored)
    return FileResult(job.source, Outcome.UNCHANGED, None, warnings, row[3], row[4], row[1])


def _result(source: str, future: Future[Letter | Failure]) -> Letter | Failure:
    try:
        return future.result()
    except Exception as error:
        if worker_died(error):
            return Failure(source, *WORKER_DIED)
        return Failure.from_error(source, error)  # e.g. the result could not be sent back


def _store(store: Store, source: str, read: Letter | Failure | FileResult) -> FileResult:
    """Write one file's letter (or its failure) to the store."""
    if isinstance(read, FileResult):  # stored by an earlier ingest, not read again
        return read
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
