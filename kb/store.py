"""The knowledge base on disk: one SQLite database, `kb.sqlite`, the source of truth.

Every letter is written in one transaction, so a file that fails leaves nothing behind.
Re-adding an unchanged file writes nothing; a changed file replaces its old version.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import Enum
from pathlib import Path
from typing import Any, Self

from ingest.models import Letter
from kb.knowledge_rows import KNOWLEDGE_SCHEMA, insert_knowledge
from kb.schema import (
    DOCUMENT_COLUMNS,
    FOOTNOTE_COLUMNS,
    REFERENCE_COLUMNS,
    RESOLVED,
    SCHEMA,
    SCHEMA_VERSION,
)
from kb.settings import DATABASE_NAME


class Outcome(Enum):
    """What adding a letter did to the knowledge base."""

    ADDED = "added"  # new content under a new path
    UNCHANGED = "unchanged"  # content already known (under this or another path)
    REPLACED = "replaced"  # the path held other content before; that version is gone


class StoreError(Exception):
    """The knowledge base cannot be used; the message says why and what to do."""


class NoKnowledgeBase(StoreError):
    def __init__(self, directory: Path) -> None:
        super().__init__(f"no knowledge base at {directory}; run `kb ingest corpus/` first")


@dataclass(frozen=True)
class Failure:
    """A file that could not be ingested: what is wrong and what to do about it."""

    source: str
    problem: str
    advice: str

    @classmethod
    def from_error(cls, source: str, error: BaseException) -> Failure:
        """Describe `error`; anything but an IngestError is reported as an internal error."""
        problem = getattr(error, "problem", None)
        if isinstance(problem, str):
            return cls(source, problem, str(getattr(error, "advice", "")))
        return cls(
            source,
            f"internal error while ingesting the file ({type(error).__name__}: {error})",
            "this is a bug in kb; please report it together with the file",
        )


@dataclass(frozen=True)
class Stats:
    """How much the knowledge base holds."""

    letters: int
    pages: int
    footnotes: int
    references: int
    resolved: int  # references that cite a document in the knowledge base
    warnings: int
    failures: int


class Store:
    """The knowledge base in `directory` (created if needed), as a context manager."""

    def __init__(self, directory: str | Path, create: bool = True) -> None:
        self.directory = Path(directory)
        self.path = self.directory / DATABASE_NAME
        if not create and not self.path.exists():
            raise NoKnowledgeBase(self.directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        # Autocommit mode: transactions are opened explicitly, one per letter.
        self.db = sqlite3.connect(self.path, isolation_level=None)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA foreign_keys = ON")
        self.db.execute("PRAGMA journal_mode = WAL")
        self.db.execute("PRAGMA synchronous = NORMAL")
        self._migrate()

    @classmethod
    def open(cls, directory: str | Path, create: bool = True) -> Self:
        """Open the KB in `directory`; with create=False a missing KB raises NoKnowledgeBase."""
        return cls(directory, create=create)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version == SCHEMA_VERSION:
            return
        if version != 0:
            raise StoreError(
                f"the knowledge base at {self.directory} has schema version {version}, this kb "
                f"expects {SCHEMA_VERSION}; delete {self.directory} and ingest again"
            )
        with self._transaction():
            # Another process may have created the schema while this one waited for the lock.
            if self.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION:
                return
            for statement in (SCHEMA + KNOWLEDGE_SCHEMA).split(";"):
                if statement.strip():
                    self.db.execute(statement)
            self.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """BEGIN IMMEDIATE … COMMIT; any exception rolls everything back and is re-raised."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # --- writing ----------------------------------------------------------------------------

    def add_letter(self, letter: Letter) -> Outcome:
        """Store `letter` (one transaction) and clear any failure recorded for its source."""
        with self._transaction():
            known = self.db.execute(
                "SELECT id, sources FROM documents WHERE sha256 = ?", (letter.sha256,)
            ).fetchone()
            if known and letter.source in json.loads(known["sources"]):
                self._clear_failure(letter.source)  # writes only if there is one
                return Outcome.UNCHANGED
            replaced = self._detach(letter.source)
            if known:
                sources = [*json.loads(known["sources"]), letter.source]
                self._set_sources(known["id"], sources[0], sources)
            else:
                _insert_letter(self.db, letter, self._free_id(letter.id))
            self._clear_failure(letter.source)
        if replaced:
            return Outcome.REPLACED
        return Outcome.UNCHANGED if known else Outcome.ADDED

    def _detach(self, source: str) -> bool:
        """Forget what `source` held before; True if it held something."""
        rows = self.db.execute(
            "SELECT id, source, sources FROM documents WHERE source = ? OR EXISTS "
            "(SELECT 1 FROM json_each(documents.sources) WHERE value = ?)",
            (source, source),
        ).fetchall()
        for row in rows:
            rest = [s for s in json.loads(row["sources"]) if s != source]
            if not rest:
                self.db.execute("DELETE FROM documents WHERE id = ?", (row["id"],))
            else:
                # The old content still lives under another path: keep it there.
                primary = row["source"] if row["source"] != source else rest[0]
                self._set_sources(row["id"], primary, rest)
        return bool(rows)

    def _set_sources(self, document: str, source: str, sources: list[str]) -> None:
        self.db.execute(
            "UPDATE documents SET source = ?, sources = ? WHERE id = ?",
            (source, json.dumps(sources, ensure_ascii=False), document),
        )

    def _free_id(self, wanted: str) -> str:
        """`wanted`, or `wanted-2`, `wanted-3`, … if another document already has that id."""
        taken = {
            row[0]
            for row in self.db.execute(
                "SELECT id FROM documents WHERE id = ? OR substr(id, 1, ?) = ?",
                (wanted, len(wanted) + 1, wanted + "-"),
            )
        }
        candidate, n = wanted, 1
        while candidate in taken:
            n += 1
            candidate = f"{wanted}-{n}"
        return candidate

    def record_failure(self, source: str, error: BaseException) -> Failure:
        """Record that `source` failed with `error`; returns how the failure was described."""
        failure = Failure.from_error(source, error)
        self.save_failure(failure)
        return failure

    def save_failure(self, failure: Failure) -> None:
        """Record `failure`, replacing an earlier failure of the same source."""
        at = datetime.now(UTC).isoformat(timespec="seconds")
        with self._transaction():
            # The same failure again writes nothing: re-ingesting leaves the file as it was.
            self.db.execute(
                "INSERT INTO failures (source, problem, advice, at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (source) DO UPDATE SET problem = excluded.problem, "
                "advice = excluded.advice, at = excluded.at "
                "WHERE problem != excluded.problem OR advice != excluded.advice",
                (failure.source, failure.problem, failure.advice, at),
            )

    def _clear_failure(self, source: str) -> None:
        # Check first: an unchanged letter must not write at all.
        if self.db.execute("SELECT 1 FROM failures WHERE source = ?", (source,)).fetchone():
            self.db.execute("DELETE FROM failures WHERE source = ?", (source,))

    # --- reading ----------------------------------------------------------------------------

    def export(self) -> dict[str, list[dict[str, Any]]]:
        """The whole KB but texts and passages, as JSON-able data in a deterministic order."""
        return {
            "documents": self._export_documents(),
            "footnotes": self._rows(
                f"SELECT {FOOTNOTE_COLUMNS} FROM footnotes ORDER BY document, number, start"
            ),
            "references": self._rows(
                f'SELECT {REFERENCE_COLUMNS}, {RESOLVED} FROM "references" r '
                'ORDER BY document, start, "end", raw'
            ),
            "failures": self._rows("SELECT source, problem, advice FROM failures ORDER BY source"),
        }

    def _export_documents(self) -> list[dict[str, Any]]:
        warnings: dict[str, list[dict[str, str]]] = {}
        for row in self.db.execute("SELECT * FROM warnings ORDER BY document, idx"):
            warnings.setdefault(row["document"], []).append(
                {"code": row["code"], "message": row["message"]}
            )
        documents = self._rows(f"SELECT {DOCUMENT_COLUMNS} FROM documents ORDER BY id")
        for document in documents:
            document["sources"] = json.loads(document["sources"])
            document["warnings"] = warnings.get(document["id"], [])
        return documents

    def _rows(self, sql: str) -> list[dict[str, Any]]:
        return [dict(row) for row in self.db.execute(sql)]

    def stats(self) -> Stats:
        """Counts of what the knowledge base holds."""
        one = self.db.execute
        return Stats(
            letters=one("SELECT count(*) FROM documents").fetchone()[0],
            pages=one("SELECT coalesce(sum(pages), 0) FROM documents").fetchone()[0],
            footnotes=one("SELECT count(*) FROM footnotes").fetchone()[0],
            references=one('SELECT count(*) FROM "references"').fetchone()[0],
            resolved=one(
                'SELECT count(*) FROM "references" r JOIN documents d ON d.kamerstuk = r.id'
            ).fetchone()[0],
            warnings=one("SELECT count(*) FROM warnings").fetchone()[0],
            failures=one("SELECT count(*) FROM failures").fetchone()[0],
        )


def _insert_letter(db: sqlite3.Connection, letter: Letter, document: str) -> None:
    """Insert `letter` and everything in it as document `document` (inside a transaction)."""
    db.execute(
        f"INSERT INTO documents VALUES ({', '.join('?' * 21)})", _document_row(letter, document)
    )
    db.executemany(
        'INSERT INTO passages (document, idx, kind, text, start, "end", page) '
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(document, p.index, str(p.kind), p.text, p.start, p.end, p.page) for p in letter.passages],
    )
    db.executemany(
        f"INSERT INTO footnotes ({FOOTNOTE_COLUMNS}) VALUES ({', '.join('?' * 13)})",
        [
            (document, f.number, f.text, f.marker_context, f.start, f.end, f.page, f.marker_offset,
             f.marker_raw, f.sentence_start, f.sentence_end, f.confidence, f.rule)
            for f in letter.footnotes
        ],
    )  # fmt: skip
    db.executemany(
        f'INSERT INTO "references" ({REFERENCE_COLUMNS}) VALUES ({", ".join("?" * 14)})',
        [
            (document, r.raw, r.id, str(r.kind), r.dossier, r.number, r.item, r.vergaderjaar,
             r.footnote, r.start, r.end, r.url, r.confidence, r.rule)
            for r in letter.references
        ],
    )  # fmt: skip
    db.executemany(
        "INSERT INTO warnings (document, idx, code, message) VALUES (?, ?, ?, ?)",
        [(document, i, w.code, w.message) for i, w in enumerate(letter.warnings)],
    )
    if letter.knowledge is not None:
        insert_knowledge(db, document, letter.knowledge)


def _document_row(letter: Letter, document: str) -> tuple[object, ...]:
    """The `documents` row of `letter`, in the column order of the schema."""
    meta, date = letter.metadata, letter.metadata.date
    return (
        document, letter.source, json.dumps([letter.source], ensure_ascii=False),
        str(letter.format), letter.sha256, str(meta.kind), meta.title, date.iso(),
        _text(date.precision), date.evidence, date.confidence, date.rule, meta.signatory,
        meta.role, meta.kamerstuk, meta.vergaderjaar, letter.pages, letter.text,
        letter.body_end, json.dumps(meta.evidence, ensure_ascii=False, sort_keys=True),
        datetime.now(UTC).isoformat(timespec="seconds"),
    )  # fmt: skip


def _text(value: object | None) -> str | None:
    """An enum member (or None) as the text stored for it."""
    return None if value is None else str(value)
