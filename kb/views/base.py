"""Opening a knowledge base for reading, and its generation (a cache key that changes on ingest)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kb.settings import DATABASE_NAME
from kb.store import NoKnowledgeBase, Store


@contextmanager
def reading(kb_dir: str | Path) -> Iterator[Store]:
    """The store in `kb_dir`, opened for this call only (SQLite connections stay in one thread)."""
    store = Store.open(kb_dir, create=False)
    try:
        yield store
    finally:
        store.close()


def generation(kb_dir: str | Path) -> str:
    """A string that changes whenever an ingest changed the KB (sizes and mtimes of its files).

    The UI keys its caches on it, so a page shows the new state after `kb ingest` without a
    restart, and never recomputes while nothing changed.
    """
    directory = Path(kb_dir)
    database = directory / DATABASE_NAME
    if not database.exists():
        raise NoKnowledgeBase(directory)
    parts = []
    for path in (database, directory / f"{DATABASE_NAME}-wal", directory / "index"):
        try:
            stat = os.stat(path)
        except FileNotFoundError:
            continue
        parts.append(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}")
    return "|".join(parts)
