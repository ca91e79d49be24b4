"""Settings of the knowledge base: where it lives and how hard to work, with their defaults."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_KB_DIR = Path("build/kb")
KB_DIR_ENV = "KB_DIR"  # environment variable that overrides DEFAULT_KB_DIR
DATABASE_NAME = "kb.sqlite"  # inside the KB directory; the source of truth


def kb_dir(explicit: str | Path | None = None) -> Path:
    """The KB directory: `explicit` (e.g. `--kb DIR`), else $KB_DIR, else `build/kb`."""
    if explicit:
        return Path(explicit)
    return Path(os.environ.get(KB_DIR_ENV) or DEFAULT_KB_DIR)


def default_workers() -> int:
    """The number of CPUs this process may use (at least 1)."""
    # sched_getaffinity honours CPU limits of containers and `taskset`; cpu_count does not.
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)
