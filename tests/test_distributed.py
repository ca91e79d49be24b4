"""Ingest on a Dask cluster (a real distributed.LocalCluster) against a local ingest.

The cluster's workers are separate processes that get each file's bytes with its job, so what
they read must give exactly the knowledge base a local ingest gives.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import re
import shutil
import socket
import tempfile
from pathlib import Path

import dask
import pdfgen
import pytest
from distributed import Client, LocalCluster, WorkerPlugin
from seedletters import CORPUS, SEEDS

import kb.distributed
import kb.ingesting
from ingest.errors import BinaryFile, EmptyFile
from ingest.nlp import get_nlp
from kb.cli import main
from kb.distributed import ClusterError
from kb.exporting import export_all
from kb.ingesting import WORKER_DIED, ingest_paths
from kb.store import Failure, Store

SIDECAR_TITLE = "Titel uit de sidecar"
# The scheduler's HTTP server (dashboard off) falls back to a free port when 8787 is taken.
pytestmark = pytest.mark.filterwarnings("ignore:Port 8787 is already in use")


@pytest.fixture(scope="module")
def cluster():
    """Two worker processes with one thread each. A task is not retried after its worker dies
    (Dask retries 3 times by default; one death keeps the test fast), and a worker holds one
    task at a time, so that only the task that killed a worker is charged with its death."""
    config = {
        "distributed.scheduler.allowed-failures": 0,
        "distributed.scheduler.worker-saturation": 1.0,
    }
    with dask.config.set(config):
        cluster = LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        )
    with cluster:
        yield cluster


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds, one with a sidecar, a generated PDF, an empty and a binary file."""
    folder = tmp_path_factory.mktemp("distributed") / "corpus"
    shutil.copytree(CORPUS, folder)
    sidecar = folder / SEEDS["001"].replace(".txt", ".meta.json")
    sidecar.write_text(json.dumps({"title": SIDECAR_TITLE}), encoding="utf-8")
    pdfgen.make_letter_pdf(folder / "brief.pdf", pdfgen.sample_letter(1), "rijksoverheid")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 4)
    return folder


@pytest.fixture(scope="module")
def local(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus ingested with two local worker processes."""
    kb_dir = tmp_path_factory.mktemp("local") / "kb"
    with Store.open(kb_dir) as store:
        ingest_paths([corpus], store, workers=2)
    return kb_dir


def export(kb_dir: Path) -> dict:
    with Store.open(kb_dir, create=False) as store:
        return export_all(store)


def test_the_cluster_gives_the_knowledge_base_a_local_ingest_gives(
    cluster: LocalCluster, corpus: Path, local: Path, tmp_path: Path
) -> None:
    with Store.open(tmp_path / "kb") as store:
        report = ingest_paths([corpus], store, scheduler=cluster.scheduler_address)
    assert (report.files, report.added, report.unchanged, report.replaced) == (8, 6, 0, 0)
    assert report.failures == (
        Failure(str(corpus / "binary.txt"), BinaryFile().problem, BinaryFile().advice),
        Failure(str(corpus / "empty.txt"), EmptyFile().problem, EmptyFile().advice),
    )
    data = export(tmp_path / "kb")
    assert data == export(local)
    documents = {d["id"]: d for d in data["documents"]}
    assert documents[SEEDS["001"].removesuffix(".txt")]["title"] == SIDECAR_TITLE
    assert documents["brief"]["format"] == "pdf"

    with Store.open(tmp_path / "kb") as store:
        again = ingest_paths([corpus], store, scheduler=cluster.scheduler_address)
    assert (again.added, again.unchanged, again.replaced) == (0, 6, 0)
    assert again.failures == report.failures
    assert export(tmp_path / "kb") == data


def test_kb_ingest_with_a_scheduler_exports_what_a_local_ingest_exports(
    cluster: LocalCluster, corpus: Path, local: Path, tmp_path: Path, capsys
) -> None:
    address = cluster.scheduler_address
    code = main(["ingest", str(corpus), "--kb", str(tmp_path / "kb"), "--scheduler", address])
    out, err = capsys.readouterr()
    assert code == 1
    assert err.splitlines() == [
        f"error: {corpus}/binary.txt: {BinaryFile()}",
        f"error: {corpus}/empty.txt: {EmptyFile()}",
    ]
    assert re.fullmatch(
        r"ingested 8 files: 6 letters \(6 added, 0 unchanged, 0 replaced\), \d+ footnotes, "
        r"\d+ references, \d+ warnings?, 2 failures in \d+\.\d s\n",
        out,
    )
    for kb_dir, name in ((tmp_path / "kb", "cluster.json"), (local, "local.json")):
        assert main(["export", "--kb", str(kb_dir), "--out", str(tmp_path / name)]) == 0
    assert (tmp_path / "cluster.json").read_bytes() == (tmp_path / "local.json").read_bytes()

    code = main(["ingest", str(corpus), "--kb", str(tmp_path / "kb"), "--scheduler", address])
    out, err = capsys.readouterr()
    assert code == 1
    assert out.startswith("ingested 8 files: 6 letters (0 added, 6 unchanged, 0 replaced), ")
    assert (
        main(["export", "--kb", str(tmp_path / "kb"), "--out", str(tmp_path / "again.json")]) == 0
    )
    assert (tmp_path / "again.json").read_bytes() == (tmp_path / "local.json").read_bytes()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_an_unreachable_scheduler_is_a_usage_error(
    corpus: Path, tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(kb.distributed, "CONNECT_TIMEOUT", 1)
    address = f"tcp://127.0.0.1:{free_port()}"
    assert main(["ingest", str(corpus), "--kb", str(tmp_path / "kb"), "--scheduler", address]) == 2
    assert capsys.readouterr() == (
        "",
        f"error: cannot reach the Dask scheduler at {address} (Timed out trying to connect to "
        f"{address} after 1 s); check the address and that `dask scheduler` runs there and its "
        "port is open to this machine (see docs/scaling.md), or leave out --scheduler to use "
        "local processes\n",
    )
    assert not (tmp_path / "kb").exists()  # nothing was stored
    with Store.open(tmp_path / "kb") as store, pytest.raises(ClusterError):
        ingest_paths([corpus], store, scheduler=address)


def test_a_bad_address_is_a_usage_error(corpus: Path, tmp_path: Path, capsys) -> None:
    assert main(["ingest", str(corpus), "--kb", str(tmp_path), "--scheduler", "tcp://host"]) == 2
    assert capsys.readouterr().err == (
        "error: 'tcp://host' is not a Dask scheduler address (missing port number in address "
        "'host'); give it as tcp://HOST:8786\n"
    )


def test_a_cluster_without_workers_says_how_to_start_them(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(kb.distributed, "CONNECT_TIMEOUT", 1)
    with (
        LocalCluster(n_workers=0, processes=True, dashboard_address=None) as empty,
        Store.open(tmp_path / "kb") as store,
        pytest.raises(ClusterError) as raised,
    ):
        ingest_paths([corpus], store, scheduler=empty.scheduler_address)
    address = empty.scheduler_address
    assert str(raised.value) == (
        f"the Dask scheduler at {address} has no workers; "
        f"start some with `dask worker {address} --nthreads 1`"
    )


def test_workers_that_read_letters_differently_are_refused(
    cluster: LocalCluster, corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # This process now also fingerprints pytest; the workers (other processes) do not.
    monkeypatch.setattr(
        kb.distributed, "READER_PACKAGES", (*kb.distributed.READER_PACKAGES, "pytest")
    )
    with Store.open(tmp_path / "kb") as store, pytest.raises(ClusterError) as raised:
        ingest_paths([corpus], store, scheduler=cluster.scheduler_address)
    assert re.fullmatch(
        r"the Dask worker tcp://127\.0\.0\.1:\d+ reads letters differently \(pytest\); install "
        r"the same kb and Python environment on every worker \(see docs/scaling\.md\)",
        str(raised.value),
    )


def test_losing_the_cluster_stops_the_ingest_and_keeps_what_is_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(kb.distributed, "CONNECT_TIMEOUT", 1)  # also: how long to reconnect
    doomed = LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None)
    address = doomed.scheduler_address

    def close_after_the_first(done: int, total: int, result: object) -> None:
        if done == 1:
            doomed.close()

    with doomed, Store.open(tmp_path / "kb") as store, pytest.raises(ClusterError) as raised:
        ingest_paths([CORPUS], store, scheduler=address, progress=close_after_the_first)
    assert str(raised.value) == (
        f"lost the Dask scheduler at {address} during the ingest; the letters stored so far are "
        "kept; check the scheduler and its workers and run the ingest again (stored letters are "
        "skipped)"
    )
    with Store.open(tmp_path / "kb", create=False) as store:
        assert 1 <= store.stats().letters < len(SEEDS)


def die_or_read(real):
    """read_letter, except that the process dies at once on a file named die.txt."""

    def read(path, source=None, **options):
        if Path(source or path).name == "die.txt":
            os._exit(13)
        return real(path, source=source, **options)

    return read


class DieOnFile(WorkerPlugin):
    """Makes every worker process (also those started after a death) die on die.txt, leaving
    its temporary copy of the file in `scratch`, not in the system's temp folder."""

    name = "kb-die-on-file"

    def __init__(self, scratch: Path) -> None:
        self.scratch = str(scratch)

    def setup(self, worker) -> None:
        self.real, self.tempdir = kb.ingesting.read_letter, tempfile.tempdir
        kb.ingesting.read_letter = die_or_read(self.real)
        tempfile.tempdir = self.scratch

    def teardown(self, worker) -> None:
        kb.ingesting.read_letter, tempfile.tempdir = self.real, self.tempdir


@pytest.fixture
def deadly(tmp_path: Path) -> Path:
    """Two seeds and die.txt between them."""
    folder = tmp_path / "deadly"
    folder.mkdir()
    shutil.copy(CORPUS / SEEDS["000"], folder / "a.txt")
    shutil.copy(CORPUS / SEEDS["002"], folder / "e.txt")
    (folder / "die.txt").write_text("Geachte voorzitter,\n\nDit doodt de worker.\n")
    return folder


def test_a_cluster_worker_that_dies_fails_its_file_only(
    cluster: LocalCluster, deadly: Path, tmp_path: Path
) -> None:
    with Client(cluster, set_as_default=False) as client:
        client.register_plugin(DieOnFile(tmp_path))
        try:
            with Store.open(tmp_path / "kb") as store:
                report = ingest_paths([deadly], store, scheduler=cluster.scheduler_address)
        finally:
            client.unregister_worker_plugin(DieOnFile.name)
    assert report.failures == (Failure(str(deadly / "die.txt"), *WORKER_DIED),)
    assert (report.files, report.added) == (3, 2)


@pytest.mark.skipif(
    multiprocessing.get_start_method() != "fork", reason="the patch reaches workers by fork"
)
def test_a_local_worker_that_dies_fails_its_file_only(
    deadly: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(kb.ingesting, "read_letter", die_or_read(kb.ingesting.read_letter))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # where dying workers leave copies
    get_nlp()  # loaded once here, not in each of the pools forked after a death
    with Store.open(tmp_path / "kb") as store:
        report = ingest_paths([deadly], store, workers=2)
    assert report.failures == (Failure(str(deadly / "die.txt"), *WORKER_DIED),)
    assert (report.files, report.added) == (3, 2)
    assert WORKER_DIED == (
        "the worker process died while reading the file (it crashed or ran out of memory)",
        "ingest the file alone with --workers 1 to see what goes wrong; "
        "a very large file may need more memory per worker",
    )
