"""Where the per-letter work runs: local worker processes, or a Dask distributed cluster.

Either way it is a `concurrent.futures.Executor` that kb.ingesting hands the same jobs to (the
file's bytes travel with the job, so workers need not see the client's disk). Dask is imported
only when a scheduler address is given, so a local ingest does not pay for it.
"""

from __future__ import annotations

import hashlib
import logging
import os
import platform
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import BrokenExecutor, Executor, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Generic, TypeVar

CONNECT_TIMEOUT = 10  # seconds to reach the scheduler, and to wait for its first worker
IN_FLIGHT_PER_SLOT = 4  # files sent ahead per worker thread: keeps workers busy, bounds memory
READER_PACKAGES = ("spacy", "spacy-lookups-data", "pdfplumber", "pdfminer.six")
Job = TypeVar("Job")


@dataclass(frozen=True)
class Workers:
    """An executor for the per-letter jobs and how many files may be in flight on it."""

    executor: Executor
    window: int
    where: str  # e.g. "2 local worker processes"


class ClusterError(Exception):
    """The Dask cluster cannot be used (or was lost): what is wrong and what to do."""

    def __init__(self, problem: str, advice: str) -> None:
        self.problem, self.advice = problem, advice
        super().__init__(f"{problem}; {advice}")


@contextmanager
def open_workers(workers: int, scheduler: str | None = None) -> Iterator[Workers]:
    """The Dask cluster at `scheduler` if given (ClusterError if it cannot be used), else
    `workers` local processes (1: this process)."""
    if scheduler is not None:
        with _dask_workers(scheduler) as found:
            yield found
    elif workers <= 1:
        yield Workers(Inline(), 1, "this process")
    else:
        pool = LocalPool(workers)
        try:
            yield Workers(pool, IN_FLIGHT_PER_SLOT * workers, f"{workers} local worker processes")
        finally:
            pool.shutdown(cancel_futures=True)


class Inline(Executor):
    """Runs each job at once, in this process (one worker: no process to start)."""

    def submit(self, fn, /, *args, **kwargs) -> Future:
        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except Exception as error:
            future.set_exception(error)
        return future


def die_with_parent(parent: int) -> None:
    """Worker initializer: on Linux the kernel kills the worker when `kb ingest` (process
    `parent`) dies, even by SIGKILL, which leaves it no chance to shut its pool down."""
    if sys.platform.startswith("linux"):
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)
    if os.getppid() != parent:  # it died before the line above took effect
        os._exit(1)


class LocalPool(Executor):
    """Worker processes on this machine. A worker that dies breaks a ProcessPoolExecutor for
    good, so a broken pool is replaced by a new one on the next submit."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._pool = ProcessPoolExecutor(
            max_workers=workers, initializer=die_with_parent, initargs=(os.getpid(),)
        )

    def submit(self, fn, /, *args, **kwargs) -> Future:
        try:
            return self._pool.submit(fn, *args, **kwargs)
        except BrokenExecutor:
            self._pool.shutdown(wait=False)
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers, initializer=die_with_parent, initargs=(os.getpid(),)
            )
            return self._pool.submit(fn, *args, **kwargs)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self._pool.shutdown(wait=wait, cancel_futures=cancel_futures)


class OnCluster(Executor):
    """The executor of a distributed.Client; once the client has lost its scheduler for good,
    what is submitted is cancelled at once (Dask would keep it waiting forever)."""

    def __init__(self, client) -> None:
        self.client, self._executor = client, client.get_executor(pure=False)

    def submit(self, fn, /, *args, **kwargs) -> Future:
        if self.client.status in ("closing", "closed"):
            future: Future = Future()
            future.cancel()
            return future
        return self._executor.submit(fn, *args, **kwargs)


def worker_died(error: BaseException) -> bool:
    """Whether `error` says the process running a job died (local pool or Dask worker)."""
    return isinstance(error, BrokenExecutor) or type(error).__name__ == "KilledWorker"


@contextmanager
def _dask_workers(address: str) -> Iterator[Workers]:
    """The executor of a distributed.Client connected to the scheduler at `address`."""
    import dask
    from distributed import Client
    from distributed.comm import get_address_host_port

    try:
        get_address_host_port(address)  # a bad address would leave a half-made Client behind
    except ValueError as error:
        problem = f"{address!r} is not a Dask scheduler address ({error})"
        raise ClusterError(problem, "give it as tcp://HOST:8786") from None
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except OSError as error:  # no answer in time (Dask retries a refused connection)
        raise ClusterError(
            f"cannot reach the Dask scheduler at {address} ({error})",
            "check the address and that `dask scheduler` runs there and its port is open to this "
            "machine (see docs/scaling.md), or leave out --scheduler to use local processes",
        ) from None
    try:
        slots = _check_workers(client, address)
        # A large PDF travels inside its task; that is intended, so no "large graph" warning.
        with dask.config.set({"distributed.admin.large-graph-warning-threshold": "2GiB"}):
            window = IN_FLIGHT_PER_SLOT * slots
            yield Workers(OnCluster(client), window, f"the Dask scheduler at {address}")
    finally:
        _close(client)


def _close(client) -> None:
    """Close the client without the traceback Dask logs when it stops reconnecting to a lost
    scheduler (the user gets a ClusterError)."""
    log = logging.getLogger("distributed.client")
    level = log.level
    log.setLevel(logging.CRITICAL)
    try:
        client.close()
    finally:
        log.setLevel(level)


def _check_workers(client, address: str) -> int:
    """The worker threads of the cluster, once it has workers that read letters as we do."""
    advice = "install the same kb and Python environment on every worker (see docs/scaling.md)"
    try:
        client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
    except TimeoutError:
        raise ClusterError(
            f"the Dask scheduler at {address} has no workers",
            f"start some with `dask worker {address} --nthreads 1`",
        ) from None
    except OSError as error:  # the scheduler went away
        problem = f"lost the Dask scheduler at {address} ({error})"
        raise ClusterError(problem, "check that it runs, and try again") from None
    try:
        theirs = client.run(environment)
    except Exception as error:  # kb is missing on a worker, or cannot be imported there
        problem = f"the Dask workers cannot run kb ({type(error).__name__}: {error})"
        raise ClusterError(problem, advice) from None
    ours = environment()
    for worker, env in sorted(theirs.items()):
        if differ := [key for key in ours if env.get(key) != ours[key]]:
            problem = f"the Dask worker {worker} reads letters differently ({', '.join(differ)})"
            raise ClusterError(problem, advice)
    return sum(client.nthreads().values())


def environment() -> dict[str, str]:
    """What decides how a letter is read: Python, the ingest code and data, reader packages.

    Workers must agree with the client on all of it, or the same file would give another
    letter (and content hash) on the cluster than on this machine.
    """
    import ingest

    root = Path(ingest.__file__).parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.suffix in (".py", ".json") and "__pycache__" not in path.parts:
            digest.update(f"{path.relative_to(root).as_posix()}\0".encode())
            digest.update(path.read_bytes())
    env = {"python": ".".join(platform.python_version_tuple()[:2]), "ingest": digest.hexdigest()}
    for package in READER_PACKAGES:
        try:
            env[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            env[package] = "missing"
    return env


@dataclass
class _InFlight(Generic[Job]):
    job: Job
    future: Future
    retried: bool = False


def in_order(
    fn: Callable[[Job], object], jobs: Iterable[Job], workers: Workers
) -> Iterator[tuple[Job, Future]]:
    """(job, its finished future of fn(job)) per job on `workers`, in the order of `jobs`,
    with at most `workers.window` jobs taken from `jobs` and not yet given back.
    ClusterError if the Dask cluster is lost on the way."""
    flight: deque[_InFlight[Job]] = deque()
    try:
        for job in jobs:
            flight.append(_InFlight(job, _send(workers.executor, fn, job)))
            if len(flight) >= workers.window:
                yield _next(flight, workers, fn)
        while flight:
            yield _next(flight, workers, fn)
    finally:
        # On Ctrl-C (or an abandoned generator) drop the jobs not yet started.
        for waiting in flight:
            waiting.future.cancel()


def _send(executor: Executor, fn: Callable[[Job], object], job: Job) -> Future:
    try:
        return executor.submit(fn, job)
    except Exception as error:  # e.g. the cluster went away: this job's error
        future: Future = Future()
        future.set_exception(error)
        return future


def _next(flight: deque[_InFlight[Job]], workers: Workers, fn: Callable) -> tuple[Job, Future]:
    wait([flight[0].future])
    if _broken(flight[0]):
        _retry_broken(flight, workers.executor, fn)
    if flight[0].future.cancelled():  # only Dask cancels, when it loses its scheduler
        raise ClusterError(
            f"lost {workers.where} during the ingest",
            "the letters stored so far are kept; check the scheduler and its workers and run "
            "the ingest again (stored letters are skipped)",
        )
    done = flight.popleft()
    return done.job, done.future


def _broken(item: _InFlight) -> bool:
    """Whether the local pool broke under the job (a worker died) and it was not retried."""
    future = item.future
    return (
        not item.retried
        and future.done()
        and not future.cancelled()
        and isinstance(future.exception(), BrokenExecutor)
    )


def _retry_broken(flight: deque[_InFlight], executor: Executor, fn: Callable) -> None:
    """A local worker died and took every job of its pool down, not knowing whose job killed
    it: run those jobs again one at a time in a new pool, so that only that job fails.
    (Dask retries a task on other workers itself, and then reports KilledWorker.)"""
    wait([item.future for item in flight])
    for item in flight:
        if _broken(item):
            item.future, item.retried = _send(executor, fn, item.job), True
            wait([item.future])
