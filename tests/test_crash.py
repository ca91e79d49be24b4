"""Crash safety: `kb ingest` killed with SIGKILL at random moments never damages the KB.

After every kill the store passes SQLite's integrity and foreign-key checks, every letter in it
is complete (each table holds exactly the rows a clean ingest gives for that content), the
search index opens and answers, and it indexes no letter the store does not hold. Readers
during an ingest see whole letters only. Finishing the ingest then gives the same `kb export`
and the same search results as one clean run.
"""

from __future__ import annotations

import json
import random
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from seedletters import CORPUS

from kb.ingesting import ingest_paths
from kb.search.engine import SearchRequest, search
from kb.search.index import NoIndex, SearchIndex
from kb.store import Store

COPIES = 16  # 80 letters: about ten seconds of ingest, so kills land at every stage
TABLES = ("passages", "footnotes", '"references"', "warnings", "mentions", "memberships",
          "motions", "statistics", "commitments", "events")  # fmt: skip


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Unique copies of the seed letters (one line added to each copy)."""
    folder = tmp_path_factory.mktemp("crash") / "corpus"
    folder.mkdir()
    for i in range(COPIES):
        for seed in sorted(CORPUS.glob("*.txt")):
            text = seed.read_text(encoding="utf-8") + f"\n\nKopie {i}.\n"
            (folder / f"{seed.stem}-{i}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def clean(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The KB one uninterrupted ingest of the corpus gives."""
    kb_dir = tmp_path_factory.mktemp("clean") / "kb"
    with Store.open(kb_dir) as store:
        assert ingest_paths([corpus], store, workers=2).failures == ()
    return kb_dir


def rows_per_letter(kb_dir: Path) -> dict[str, tuple[int, ...]]:
    """sha256 -> the number of rows each table holds for that letter (one read transaction)."""
    db = sqlite3.connect(f"file:{kb_dir / 'kb.sqlite'}?mode=ro", uri=True)
    try:
        db.execute("BEGIN")  # one snapshot for every count
        counts = {
            sha: tuple(db.execute(f"SELECT COUNT(*) FROM {t} WHERE document = ?", (doc,))
                       .fetchone()[0] for t in TABLES)
            for doc, sha in db.execute("SELECT id, sha256 FROM documents")
        }  # fmt: skip
        db.execute("COMMIT")
        return counts
    finally:
        db.close()


def assert_intact(kb_dir: Path, expected: dict[str, tuple[int, ...]]) -> int:
    """The KB passes every check; returns the number of letters it holds."""
    db = sqlite3.connect(kb_dir / "kb.sqlite")
    try:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        documents = {d for (d,) in db.execute("SELECT id FROM documents")}
    finally:
        db.close()
    found = rows_per_letter(kb_dir)
    assert {sha: expected[sha] for sha in found} == found  # every letter whole, none half
    try:
        index = SearchIndex.open(kb_dir)
    except NoIndex:
        return len(found)
    assert set(index.versions()) <= documents
    assert search(index, SearchRequest("werkgevers")).error is None
    index.close()
    return len(found)


def kb_ingest(corpus: Path, kb_dir: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "kb", "ingest", str(corpus), "--kb", str(kb_dir), "-q",
         "--workers", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip


def export(kb_dir: Path) -> dict:
    out = subprocess.run([sys.executable, "-m", "kb", "export", "--kb", str(kb_dir)],
                         capture_output=True, text=True, check=True).stdout  # fmt: skip
    data = json.loads(out)
    for document in data["documents"]:
        document.pop("source", None)  # the two KBs read the corpus from the same folder anyway
    return data


def letters_in(kb_dir: Path) -> int:
    try:
        db = sqlite3.connect(f"file:{kb_dir / 'kb.sqlite'}?mode=ro", uri=True)
        try:
            return db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        finally:
            db.close()
    except sqlite3.Error:  # not created yet, or the schema is being written
        return 0


def kill_when(process: subprocess.Popen, kb_dir: Path, stored: int, delay: float) -> None:
    """SIGKILL `process` `delay` seconds after the store holds `stored` letters (or at exit)."""
    while process.poll() is None and letters_in(kb_dir) < stored:
        time.sleep(0.005)
    time.sleep(delay)
    process.kill()  # no cleanup, no flush, no rollback by the process itself
    process.wait()


def kill_points(rng: random.Random, total: int) -> list[tuple[int, float]]:
    """(letters stored, then seconds) for each kill: during start-up, at random moments while
    letters are written, while the search index is updated, and in a run with nothing new."""
    targets = sorted(rng.sample(range(1, total), 3))
    return [(0, rng.uniform(0.05, 1.5)), *((t, rng.uniform(0, 0.05)) for t in targets),
            (total, rng.uniform(0, 0.3)), (total, rng.uniform(0.5, 4.0))]  # fmt: skip


def test_killing_ingest_at_random_moments_never_damages_the_kb(
    corpus: Path, clean: Path, tmp_path: Path
) -> None:
    expected = rows_per_letter(clean)
    kb_dir, held = tmp_path / "kb", []
    for stored, delay in kill_points(random.Random(20261122), len(expected)):
        before = rows_per_letter(kb_dir) if (kb_dir / "kb.sqlite").exists() else {}
        kill_when(kb_ingest(corpus, kb_dir), kb_dir, stored, delay)
        if (kb_dir / "kb.sqlite").exists():
            held.append(assert_intact(kb_dir, expected))
            after = rows_per_letter(kb_dir)
            assert {sha: after.get(sha) for sha in before} == before  # nothing lost
    assert any(0 < n < len(expected) for n in held), held  # kills landed mid-batch
    process = kb_ingest(corpus, kb_dir)
    assert process.wait(timeout=300) == 0, process.stderr.read()
    assert assert_intact(kb_dir, expected) == len(expected)
    assert export(kb_dir) == export(clean)
    for query in ("werkgevers", "motie Ergin", "9,6 procent"):
        mine = search(SearchIndex.open(kb_dir), SearchRequest(query, limit=50))
        theirs = search(SearchIndex.open(clean), SearchRequest(query, limit=50))
        assert mine.total == theirs.total > 0
        assert [(h.document, h.start) for h in mine.hits] == [
            (h.document, h.start) for h in theirs.hits]  # fmt: skip


def test_readers_during_an_ingest_see_whole_letters_only(
    corpus: Path, clean: Path, tmp_path: Path
) -> None:
    expected = rows_per_letter(clean)
    kb_dir = tmp_path / "kb"
    shutil.rmtree(kb_dir, ignore_errors=True)
    process, seen = kb_ingest(corpus, kb_dir), []
    while process.poll() is None:
        if (kb_dir / "kb.sqlite").exists():
            try:
                found = rows_per_letter(kb_dir)
            except sqlite3.OperationalError:  # the schema is being created
                continue
            assert {sha: expected[sha] for sha in found} == found
            seen.append(len(found))
        time.sleep(0.02)
    assert process.returncode == 0
    assert any(0 < n < len(expected) for n in seen), seen  # it did look mid-ingest
    assert rows_per_letter(kb_dir) == expected
