"""The search index (Whoosh) in the KB directory: opening it, keeping it up to date, rebuilding.

A unit is what a search returns: a passage, a footnote, a statistic or a commitment, with its
letter's metadata and the entities mentioned inside it. The index lives in `<kb>/index`, is
opened once per process (`SearchIndex.open`), kept in step with the store by `update` (only
letters whose content changed) and rebuilt from scratch by `rebuild`.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Self, TypeVar

from whoosh import index as windex
from whoosh import scoring, writing
from whoosh.codec.whoosh3 import W3Codec
from whoosh.fields import Schema
from whoosh.filedb.filestore import FileStorage
from whoosh.reading import IndexReader
from whoosh.searching import Searcher

from kb.search.analysis import CompoundFilter
from kb.search.fields import (
    EXACT,
    PARTS,
    SECTION,
    TITLE,
    build_schema,
    document_fields,
    schema_names,
)
from kb.search.lexicon import Lexicon
from kb.search.units import Unit, normalize_key, read_units, store_versions

__all__ = ["INDEX_DIR", "IndexReport", "NoIndex", "SearchIndex", "Unit", "normalize_key"]

INDEX_DIR = "index"
T = TypeVar("T")
WRITER_MEMORY_MB = 256
POSTING_BLOCK = 1024  # postings per block (Whoosh's default: 128)
WRITER_TIMEOUT = 10.0  # seconds to wait for another process's writer to finish


class NoIndex(Exception):
    """The KB has no (usable) search index; the message says how to make one."""

    def __init__(self, kb_dir: Path, why: str = "no search index") -> None:
        super().__init__(f"{why} in {kb_dir}; run `kb index --rebuild --kb {kb_dir}`")


@dataclass(frozen=True)
class IndexReport:
    """What an update or rebuild did."""

    documents: int  # letters (re)indexed
    removed: int  # letters whose old units were deleted
    units: int  # units written
    total_documents: int  # letters in the index afterwards
    total_units: int
    elapsed: float  # seconds


_OPEN: dict[Path, SearchIndex] = {}
_OPEN_LOCK = threading.Lock()


class SearchIndex:
    """The search index of one KB directory; use `open`, `rebuild` and `update`."""

    def __init__(self, directory: Path, ix: windex.Index) -> None:
        self.directory = directory
        self.ix = ix
        self._lock = threading.Lock()
        self.query_lock = threading.Lock()  # held by kb.search.engine.search
        self._searcher: Searcher | None = None
        self._cache: dict[object, tuple[Searcher, Any]] = {}

    @classmethod
    def open(cls, kb_dir: str | Path) -> Self:
        """The index of the KB in `kb_dir`, opened once per process; NoIndex if there is none."""
        directory = (Path(kb_dir) / INDEX_DIR).resolve()
        with _OPEN_LOCK:
            cached = _OPEN.get(directory)
            if cached is None:
                if not windex.exists_in(directory):
                    raise NoIndex(Path(kb_dir))
                ix = _reusable(directory)
                if ix is None:
                    raise NoIndex(Path(kb_dir), "an index this kb version cannot read")
                cached = _OPEN[directory] = cls(directory, ix)
        return cached  # type: ignore[return-value]

    @classmethod
    def rebuild(cls, store: object) -> IndexReport:
        """Index every letter in `store` anew (one commit: readers see the old or the new)."""
        started = time.perf_counter()
        directory = (Path(store.directory) / INDEX_DIR).resolve()  # type: ignore[attr-defined]
        versions = store_versions(store)
        lexicon = Lexicon.from_texts(_texts(store, versions))
        schema = build_schema(lexicon)
        directory.mkdir(parents=True, exist_ok=True)
        ix = _reusable(directory) or windex.create_in(directory, schema)
        writer = ix.writer(limitmb=WRITER_MEMORY_MB, timeout=WRITER_TIMEOUT, codec=_codec())
        try:
            writer.schema = schema  # the new lexicon goes into the index with the new units
            units = _add_units(writer, store, versions)
        except BaseException:
            writer.cancel()
            raise
        writer.commit(mergetype=writing.CLEAR)  # every old segment goes in the same commit
        with _OPEN_LOCK:
            old = _OPEN.pop(directory, None)
        if old is not None:
            old.close()
        index = cls.open(Path(store.directory))  # type: ignore[attr-defined]
        return index.report(len(versions), 0, units, started)

    @classmethod
    def sync(cls, store: object) -> IndexReport:
        """Update the index of `store`'s KB, or build it if there is none (or an outdated one)."""
        try:
            index = cls.open(Path(store.directory))  # type: ignore[attr-defined]
        except NoIndex:
            return cls.rebuild(store)
        return index.update(store)

    def update(self, store: object, documents: Iterable[str] | None = None) -> IndexReport:
        """Bring the index in step with `store` for `documents` (default: all letters).

        A letter whose content changed has its old units deleted and its new ones added; a
        letter no longer in the store has its units deleted; unchanged letters are not touched.
        """
        started = time.perf_counter()
        wanted, present = store_versions(store), self.versions()
        scope = set(wanted) | set(present) if documents is None else set(documents)
        stale = {d for d in scope if d in present and wanted.get(d) != present[d]}
        fresh = {d: wanted[d] for d in scope if d in wanted and present.get(d) != wanted[d]}
        if not stale and not fresh:
            return self.report(0, 0, 0, started)
        with self.ix.writer(
            limitmb=WRITER_MEMORY_MB, timeout=WRITER_TIMEOUT, codec=_codec()
        ) as writer:
            _learn_words(writer.schema, _texts(store, fresh))
            for document in sorted(stale):
                writer.delete_by_term("document", document)
            units = _add_units(writer, store, fresh)
        return self.report(len(fresh), len(stale), units, started)

    def versions(self) -> dict[str, str]:
        """document id -> sha256 of the letters in the index."""
        with self.ix.reader() as reader:
            pairs = (term.rpartition("@") for term in _live_terms(reader, "version"))
            return {document: sha for document, _, sha in pairs}

    def report(self, documents: int, removed: int, units: int, started: float) -> IndexReport:
        searcher = self.searcher()
        return IndexReport(
            documents=documents, removed=removed, units=units,
            total_documents=sum(1 for _ in _live_terms(searcher.reader(), "document")),
            total_units=searcher.doc_count(), elapsed=time.perf_counter() - started,
        )  # fmt: skip

    def searcher(self) -> Searcher:
        """The shared searcher, refreshed when the index on disk changed."""
        with self._lock:
            if self._searcher is None:
                self._searcher = self.ix.searcher(weighting=scoring.BM25F())
            elif not self._searcher.up_to_date():
                # A new searcher, not Searcher.refresh(): in whoosh-reloaded 2.7.5 refresh keeps
                # the old segments next to the new ones, so deleted units would stay found. The
                # old searcher is left to the garbage collector: another thread may still use it.
                self._searcher = self.ix.searcher(weighting=scoring.BM25F())
            return self._searcher

    def cached(self, factory: Callable[[Any], T]) -> T:
        """`factory(arg)` for the current searcher, built once per searcher and shared.

        `arg` is the searcher, or for a factory that takes another cached object (a class with
        `needs`), that object: e.g. the ranking's arrays, which hold for one searcher only.
        """
        searcher = self.searcher()
        needs = getattr(factory, "needs", None)
        arg = self.cached(needs) if needs is not None else searcher
        with self._lock:
            kept = self._cache.get(factory)
            if kept is None or kept[0] is not searcher:
                kept = self._cache[factory] = (searcher, factory(arg))
            return kept[1]

    def close(self) -> None:
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
            self._searcher = None
            self._cache.clear()


def _codec() -> W3Codec:
    """Whoosh's codec with big, uncompressed posting blocks: a query reads a term's postings
    whole (kb.search.ranking), and unpickling and inflating many small blocks is its cost."""
    return W3Codec(blocklimit=POSTING_BLOCK, compression=0)


def _live_terms(reader: IndexReader, fieldname: str) -> Iterator[str]:
    """The terms of `fieldname` that some undeleted unit still has (deleted units keep their
    terms in the segment until it is merged)."""
    for term in reader.field_terms(fieldname):
        if reader.postings(fieldname, term).is_active():
            yield term


def _reusable(directory: Path) -> windex.Index | None:
    """The index in `directory` if this kb version can use it: its fields and analyzers."""
    try:
        # Without mmap: whoosh-reloaded would copy the whole mapped postings file into memory
        # (search RSS 1.09 GB -> 127 MB at 100k passages, same latency; docs/benchmarks.md).
        ix = FileStorage(str(directory), supports_mmap=False).open_index()
        if not set(schema_names()) <= set(ix.schema.names()):
            return None
        for name in (EXACT, PARTS, TITLE, SECTION):
            list(ix.schema[name].analyzer("proef-woord", mode="index"))
    except Exception:  # missing, or pickled analyzers of an older kb that no longer load/run
        return None
    return ix


def _texts(store: object, documents: Iterable[str]) -> list[str]:
    db = store.db  # type: ignore[attr-defined]
    return [
        row[0]
        for document in documents
        for row in db.execute("SELECT text FROM documents WHERE id = ?", (document,))
    ]


def _learn_words(schema: Schema, texts: Iterable[str]) -> None:
    """Teach the compound splitter the new letters' words, as a rebuild would have."""
    for item in getattr(schema[PARTS].analyzer, "items", ()):
        if isinstance(item, CompoundFilter):
            item.lexicon.add(Lexicon.from_texts(texts, packaged=False).words)


def _add_units(writer: writing.IndexWriter, store: object, versions: dict[str, str]) -> int:
    count = 0
    for unit in read_units(store, sorted(versions)):
        writer.add_document(**document_fields(unit))
        count += 1
    return count
