"""Fixtures shared by the UI tests: one knowledge base of the seed corpus per test session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from seedletters import CORPUS

from kb.ingesting import ingest_paths
from kb.store import Store


@pytest.fixture(scope="session")
def seed_kb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A KB (store + search index) of the five seeds. Read it; never write to it."""
    root = tmp_path_factory.mktemp("seedkb")
    shutil.copytree(CORPUS, root / "corpus")
    with Store.open(root / "kb") as store:
        report = ingest_paths([root / "corpus"], store, workers=2)
    assert report.failures == ()
    return root / "kb"


@pytest.fixture()
def seed_store(seed_kb: Path):
    """The seed KB's store, opened for one test."""
    with Store.open(seed_kb, create=False) as store:
        yield store
