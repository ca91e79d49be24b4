"""Search benchmark: the Whoosh engine against SQLite FTS5 on a generated corpus (`make bench`).

A generator recombines the passages and footnotes of the seed letters into new letters (sentences
shuffled between passages, organisations, years and numbers swapped from the seeds' own
vocabulary, dates 2018–2029), deterministic for a seed, and stores them in a fresh knowledge base.
Each engine then builds its index from that store, opens it once, warms up on other queries of
the same mix and times each query, in its own child process (so its peak RSS is its own).
Results go to docs/benchmarks.md between the `search` markers.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import random
import re
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "scripts")]

from bench_ingest import machine  # noqa: E402

from ingest.models import (  # noqa: E402
    BlockKind,
    DateInfo,
    DatePrecision,
    DocumentKind,
    Footnote,
    Format,
    Letter,
    Metadata,
    Passage,
)
from ingest.pipeline import read_letter  # noqa: E402
from ingest.sentences import sentence_spans  # noqa: E402
from kb.store import Store  # noqa: E402

START, END = "<!-- search:start -->", "<!-- search:end -->"
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9&]{1,4}\b")
_YEAR = re.compile(r"\b(?:19[89]\d|20[0-3]\d)\b")
_NUMBER = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d)?(?![\d.,]?\d)")
_ROMAN = re.compile(r"[IVXLC]+")  # "Kamerstukken II" is no organisation
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# Query words worth typing: common function words would only measure the stop list.
_STOP = frozenset(
    "aan als bij dan dat deze die dit door een eens en hebben het hij hun ik in is met meer "
    "naar niet nog of om onder ook op over te tot uit van voor was wat we wel wordt worden zijn "
    "zich zo zoals ze zal zou kan".split()
)


# --- the seed vocabulary ----------------------------------------------------------------------


@dataclass(frozen=True)
class Shape:
    """The outline of a seed letter: its passage kinds with sentence counts, and its footnotes."""

    passages: tuple[tuple[BlockKind, tuple[str, ...]], ...]
    footnotes: tuple[str, ...]


@dataclass(frozen=True)
class SeedPool:
    """What the generator recombines: the seeds' sentences, headings, footnotes and names."""

    shapes: tuple[Shape, ...]
    sentences: tuple[str, ...]
    headings: tuple[str, ...]
    footnotes: tuple[str, ...]
    titles: tuple[str, ...]
    signatories: tuple[tuple[str, str], ...]  # (name, role)
    organisations: tuple[str, ...]  # acronyms the seeds use as names (UWV, CBS, ...)


def read_seed_pool(paths: list[Path]) -> SeedPool:
    """Read the seed letters (no knowledge extraction) into a `SeedPool`."""
    letters = [read_letter(path, knowledge=False) for path in paths]
    shapes = tuple(_shape(letter) for letter in letters)
    outlines = [(kind, ss) for shape in shapes for kind, ss in shape.passages]
    sentences = [s for kind, ss in outlines if kind != BlockKind.HEADING for s in ss]
    headings = [ss[0] for kind, ss in outlines if kind == BlockKind.HEADING]
    metas = [letter.metadata for letter in letters]
    text = "\n".join(letter.text for letter in letters)
    # An acronym names an organisation unless it is mostly an ordinary word ("PILOT", "pilot").
    words = Counter(w.lower() for w in _WORD.findall(text) if not w.isupper())
    acronyms = Counter(_ACRONYM.findall(text))
    return SeedPool(
        shapes=shapes,
        sentences=tuple(sentences),
        headings=tuple(headings),
        footnotes=tuple(f for shape in shapes for f in shape.footnotes),
        titles=tuple(m.title for m in metas if m.title),
        signatories=tuple(sorted({(m.signatory, m.role or "") for m in metas if m.signatory})),
        organisations=tuple(
            sorted(
                a
                for a, n in acronyms.items()
                if n >= 2 and n > words[a.lower()] and not _ROMAN.fullmatch(a)
            )
        ),
    )


def _shape(letter: Letter) -> Shape:
    passages = tuple(
        (p.kind, tuple(p.text[s:e] for s, e in sentence_spans(p.text)) or (p.text,))
        for p in letter.passages
    )
    return Shape(passages, tuple(f.text for f in letter.footnotes))


# --- the generator ------------------------------------------------------------------------------


def units_of(letter: Letter) -> int:
    """What a search index holds of a letter: its passages except headings, and its footnotes.

    Headings are not results of their own (kb.search adds them to the passages under them).
    """
    return sum(p.kind != BlockKind.HEADING for p in letter.passages) + len(letter.footnotes)


def generate_letters(pool: SeedPool, units: int, seed: int = 0) -> Iterator[Letter]:
    """New letters holding exactly `units` searchable units (see `units_of`) together."""
    rng = random.Random(seed)
    number = 0
    while units > 0:
        letter = _letter(pool, rng, number, units)
        units -= units_of(letter)
        number += 1
        yield letter


def _letter(pool: SeedPool, rng: random.Random, number: int, budget: int) -> Letter:
    """One letter shaped like a random seed, its text recombined and varied."""
    shape = rng.choice(pool.shapes)
    date = dt.date(2018, 1, 1) + dt.timedelta(days=rng.randrange(12 * 365 + 3))
    shift = date.year - rng.choice((2018, 2021, 2022, 2023, 2025))  # years move with the date
    passages = [_passage(pool, rng, kind, ss, shift) for kind, ss in shape.passages]
    footnotes = [
        _vary(f if rng.random() < 0.5 else rng.choice(pool.footnotes), pool, rng, shift)
        for f in shape.footnotes
    ]
    passages, footnotes = _cut(passages, footnotes, budget)
    title = rng.choice(pool.titles) if rng.random() < 0.5 else rng.choice(pool.headings)
    name, role = rng.choice(pool.signatories)
    meta = Metadata(
        kind=DocumentKind.KAMERBRIEF,
        title=_vary(title, pool, rng, shift),
        date=DateInfo(date, DatePrecision.DAY, f"Datum {date.isoformat()}", 1.0, "generated"),
        signatory=name,
        role=role or None,
    )
    return assemble_letter(f"gen-{number:06d}", passages, footnotes, meta)


def _cut(
    passages: list[tuple[BlockKind, str]], footnotes: list[str], budget: int
) -> tuple[list[tuple[BlockKind, str]], list[str]]:
    """At most `budget` units, footnotes in proportion, so the corpus size comes out exact."""
    body = [i for i, (kind, _) in enumerate(passages) if kind != BlockKind.HEADING]
    total = len(body) + len(footnotes)
    if total <= budget:
        return passages, footnotes
    keep = budget * len(footnotes) // total
    return passages[: body[budget - keep - 1] + 1], footnotes[:keep]


def _passage(
    pool: SeedPool, rng: random.Random, kind: BlockKind, sentences: tuple[str, ...], shift: int
) -> tuple[BlockKind, str]:
    if kind == BlockKind.HEADING:
        text = sentences[0] if rng.random() < 0.5 else rng.choice(pool.headings)
        return kind, _vary(text, pool, rng, shift)
    count = max(1, len(sentences) + rng.choice((-1, 0, 0, 1)))
    # Each sentence stays with probability 1/2, else another passage's sentence takes its place.
    chosen = [
        sentences[i] if i < len(sentences) and rng.random() < 0.5 else rng.choice(pool.sentences)
        for i in range(count)
    ]
    return kind, _vary(" ".join(chosen), pool, rng, shift)


def _vary(text: str, pool: SeedPool, rng: random.Random, shift: int) -> str:
    """Swap organisations, shift years and change small numbers, as another letter would."""

    def organisation(m: re.Match[str]) -> str:
        known = m.group(0) in pool.organisations and rng.random() < 0.3
        return rng.choice(pool.organisations) if known else m.group(0)

    def year(m: re.Match[str]) -> str:
        return str(min(2029, int(m.group(0)) + shift))

    def number(m: re.Match[str]) -> str:
        if rng.random() < 0.5:
            return m.group(0)
        value = float(m.group(0).replace(",", ".")) * rng.uniform(0.5, 1.5)
        return f"{value:.1f}".replace(".", ",") if "," in m.group(0) else str(max(1, round(value)))

    text = _ACRONYM.sub(organisation, text)
    text = _YEAR.sub(year, text) if shift else text
    return _NUMBER.sub(number, text)


def assemble_letter(
    number: str, passages: list[tuple[BlockKind, str]], footnotes: list[str], meta: Metadata
) -> Letter:
    """A `Letter` whose text is the passages, then the footnotes, with exact spans."""
    text, spans = "", []
    for kind, body in passages:
        text += "\n\n" if text else ""
        spans.append(Passage(len(spans), kind, body, len(text), len(text) + len(body)))
        text += body
    body_end, notes = len(text), []
    for i, body in enumerate(footnotes, start=1):
        text += "\n\n"
        end = len(text) + len(body)
        notes.append(Footnote(i, body, len(text), end, confidence=1.0, rule="generated"))
        text += body
    return Letter(
        id=number,
        source=f"generated/{number}.txt",
        format=Format.TEXT,
        sha256=hashlib.sha256(f"{number}\n{text}".encode()).hexdigest(),  # unique per letter
        text=text,
        body_end=body_end,
        passages=tuple(spans),
        footnotes=tuple(notes),
        references=(),
        metadata=meta,
    )


def build_corpus(kb_dir: Path, pool: SeedPool, units: int, seed: int = 0) -> int:
    """Store a generated corpus of `units` searchable units in `kb_dir`; returns letters."""
    letters = 0
    with Store(kb_dir) as store:
        for letter in generate_letters(pool, units, seed):
            store.add_letter(letter)
            letters += 1
    return letters


# --- the queries -----------------------------------------------------------------------------

# Per 20 queries: what a policy advisor types, from one word to a filtered search.
QUERY_MIX = (
    ("word",) * 6 + ("and",) * 4 + ("phrase",) * 3 + ("prefix",) * 2 + ("or",) * 2
    + ("year",) * 2 + ("footnote",)
)  # fmt: skip


@dataclass(frozen=True)
class BenchQuery:
    """One query, held structurally so both engines get the same question in their syntax."""

    kind: str  # word, and, phrase, prefix, or, year, footnote
    terms: tuple[str, ...]
    years: tuple[int, int] | None = None

    def whoosh(self) -> str:
        """The query in kb's query syntax (kb/search/query.py)."""
        text = {
            "phrase": '"' + " ".join(self.terms) + '"',
            "prefix": self.terms[0] + "*",
            "or": " OR ".join(self.terms),
        }.get(self.kind, " ".join(self.terms))
        if self.kind == "year" and self.years:
            a, b = self.years
            text += f" jaar:{a}" if a == b else f" jaar:{a}..{b}"
        return text + (" soort:voetnoot" if self.kind == "footnote" else "")

    def fts5(self) -> tuple[str, str, tuple[object, ...]]:
        """FTS5 MATCH expression, extra SQL condition on the unindexed columns, its parameters."""
        quoted = ['"' + t.replace('"', '""') + '"' for t in self.terms]
        match = {
            "phrase": '"' + " ".join(self.terms).replace('"', '""') + '"',
            "prefix": quoted[0] + "*",
            "or": " OR ".join(quoted),
        }.get(self.kind, " ".join(quoted))
        if self.kind == "year" and self.years:
            return match, " AND year BETWEEN ? AND ?", self.years
        if self.kind == "footnote":
            return match, " AND kind = ?", ("footnote",)
        return match, "", ()


def make_queries(
    pool: SeedPool, count: int, seed: int = 0, exclude: frozenset[str] = frozenset()
) -> list[BenchQuery]:
    """`count` different queries in the proportions of `QUERY_MIX`, words drawn from the seeds.

    None is in `exclude` (query strings): timed queries differ from the warm-up ones, so a
    cache of results cannot answer them.
    """
    rng = random.Random(seed)
    words = _vocabulary(pool.sentences)
    notes = _vocabulary(pool.footnotes)
    queries: list[BenchQuery] = []
    seen = set(exclude)
    while len(queries) < count:
        query = _query(QUERY_MIX[len(queries) % len(QUERY_MIX)], rng, words, notes, pool.sentences)
        if query.whoosh() not in seen:
            seen.add(query.whoosh())
            queries.append(query)
    return queries


def _query(
    kind: str,
    rng: random.Random,
    words: _Vocabulary,
    notes: _Vocabulary,
    sentences: tuple[str, ...],
) -> BenchQuery:
    if kind == "and":
        return BenchQuery(kind, _cooccurring(rng, sentences))
    if kind == "phrase":
        return BenchQuery(kind, _phrase(rng, sentences))
    if kind == "prefix":
        long = [w for w in words.words if len(w) >= 8]
        word = rng.choice(long)
        return BenchQuery(kind, (word[: rng.choice((5, 6))],))
    if kind == "or":
        return BenchQuery(kind, (words.draw(rng), words.draw(rng)))
    if kind == "year":
        first = rng.randint(2018, 2029)
        return BenchQuery(kind, (words.draw(rng),), (first, min(2029, first + rng.randint(0, 3))))
    if kind == "footnote":
        return BenchQuery(kind, (notes.draw(rng),))
    return BenchQuery("word", (words.draw(rng),))


@dataclass(frozen=True)
class _Vocabulary:
    """Content words with weights: the square root of the frequency, so mid-frequency words
    (the ones people search for) dominate over both the rarest and the commonest."""

    words: tuple[str, ...]
    weights: tuple[float, ...]

    def draw(self, rng: random.Random) -> str:
        return rng.choices(self.words, self.weights)[0]


def _vocabulary(texts: tuple[str, ...]) -> _Vocabulary:
    counts = Counter(w.lower() for text in texts for w in _WORD.findall(text))
    kept = sorted(w for w, n in counts.items() if n >= 2 and len(w) >= 4 and w not in _STOP)
    return _Vocabulary(tuple(kept), tuple(counts[w] ** 0.5 for w in kept))


def _content_words(sentence: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(sentence) if len(w) >= 4 and w.lower() not in _STOP]


def _cooccurring(rng: random.Random, sentences: tuple[str, ...]) -> tuple[str, ...]:
    """Two content words from one sentence, so the AND query has answers."""
    while True:
        words = sorted(set(_content_words(rng.choice(sentences))))
        if len(words) >= 2:
            return tuple(rng.sample(words, 2))


def _phrase(rng: random.Random, sentences: tuple[str, ...]) -> tuple[str, ...]:
    """Two or three adjacent words of a sentence, at least one of them a content word."""
    while True:
        tokens = list(re.finditer(r"\S+", rng.choice(sentences)))
        size = rng.choice((2, 3))
        if len(tokens) < size:
            continue
        i = rng.randrange(len(tokens) - size + 1)
        words = [m.group(0) for m in tokens[i : i + size]]
        if all(_WORD.fullmatch(w) for w in words) and _content_words(" ".join(words)):
            return tuple(w.lower() for w in words)


# --- SQLite FTS5, the yardstick ---------------------------------------------------------------

FTS5_SCHEMA = (
    "CREATE VIRTUAL TABLE units USING fts5(text, document UNINDEXED, kind UNINDEXED, "
    "year UNINDEXED, date UNINDEXED, tokenize='unicode61 remove_diacritics 2')"
)
_FTS5_FILL = (
    "INSERT INTO units (text, document, kind, year, date) "
    "SELECT u.text, u.document, ?, CAST(substr(d.date, 1, 4) AS INTEGER), d.date "
    "FROM kb.{table} u JOIN kb.documents d ON d.id = u.document WHERE {where}"
)


def fts5_build(kb_dir: Path, path: Path) -> int:
    """Index the store's passages (no headings, as kb) and footnotes in a new FTS5 database.

    Returns the number of rows.
    """
    path.unlink(missing_ok=True)  # a rebuild starts from nothing, as kb's does
    db = sqlite3.connect(path)
    db.execute("ATTACH DATABASE ? AS kb", (str(kb_dir / "kb.sqlite"),))
    with db:
        db.execute(FTS5_SCHEMA)
        db.execute(_FTS5_FILL.format(table="passages", where="u.kind != 'heading'"), ("passage",))
        db.execute(_FTS5_FILL.format(table="footnotes", where="1"), ("footnote",))
        db.execute("INSERT INTO units (units) VALUES ('optimize')")  # one segment, as rebuilt
    rows = db.execute("SELECT count(*) FROM units").fetchone()[0]
    db.close()
    return rows


def fts5_search(db: sqlite3.Connection, query: BenchQuery, limit: int = 10) -> tuple[int, list]:
    """The tkconv way: bm25-ranked top hits with a snippet, plus the total count."""
    match, where, params = query.fts5()
    hits = db.execute(
        "SELECT document, kind, date, snippet(units, 0, '<mark>', '</mark>', '…', 20), "
        f"bm25(units) FROM units WHERE units MATCH ?{where} ORDER BY rank LIMIT ?",
        (match, *params, limit),
    ).fetchall()
    total = db.execute(
        f"SELECT count(*) FROM units WHERE units MATCH ?{where}", (match, *params)
    ).fetchone()[0]
    return total, hits


def fts5_open(path: Path) -> sqlite3.Connection:
    """The FTS5 database, read-only, opened once."""
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


# --- the Whoosh engine ------------------------------------------------------------------------


def whoosh_build(kb_dir: Path) -> int:
    """Rebuild kb's search index from the store; returns the number of indexed units."""
    from kb.search.index import SearchIndex

    with Store(kb_dir, create=False) as store:
        return SearchIndex.rebuild(store).total_units


def whoosh_open(kb_dir: Path) -> object:
    """kb's search index, opened once per process (SearchIndex.open caches it)."""
    from kb.search.index import SearchIndex

    return SearchIndex.open(kb_dir)


def whoosh_search(index: object, query: BenchQuery, limit: int = 10) -> int:
    """kb's search as the CLI and UI call it (hits, snippets, facets); returns the total."""
    from kb.search.engine import SearchRequest, search

    result = search(index, SearchRequest(query.whoosh(), limit=limit))
    if result.error is not None:  # a query kb cannot read would not measure search
        raise RuntimeError(f"kb could not run {query.whoosh()!r}: {result.error}")
    return result.total


# --- measuring, one engine per child process -----------------------------------------------------


@dataclass(frozen=True)
class Measurement:
    """What one engine did on one corpus; each RSS is `ru_maxrss` of a fresh child process."""

    engine: str
    units: int  # paragraphs, list items and footnotes in the index
    build_s: float
    index_mb: float
    build_rss_mb: float  # peak of the process that built the index
    p50_ms: float
    p95_ms: float
    search_rss_mb: float  # peak of the process that opened the index and ran the queries
    base_rss_mb: float  # that process after its imports, before opening the index
    matched: int  # queries with at least one hit
    mean_total: float  # mean number of hits per query


def build_index(engine: str, kb_dir: Path) -> dict[str, float]:
    """Build `engine`'s index from the store in `kb_dir` (run in a child process)."""
    started = time.perf_counter()
    if engine == "whoosh":
        units = whoosh_build(kb_dir)
    else:
        units = fts5_build(kb_dir, _index_path(engine, kb_dir))
    return {
        "units": units,
        "build_s": time.perf_counter() - started,
        "index_mb": _size_mb(_index_path(engine, kb_dir)),
        "build_rss_mb": _peak_rss_mb(),
    }


def time_queries(
    engine: str, kb_dir: Path, queries: list[BenchQuery], warmup: list[BenchQuery]
) -> dict[str, float]:
    """Open the index once, run the warm-up queries, then time each of `queries` once.

    The warm-up queries are other queries of the same mix and no query is run twice, so
    caches of postings or pages help (as in a long-running process) but a cache of results
    cannot answer a timed query.
    """
    base = _rss_mb()
    if engine == "whoosh":
        handle, run = whoosh_open(kb_dir), whoosh_search
    else:
        handle, run = fts5_open(_index_path(engine, kb_dir)), lambda db, q: fts5_search(db, q)[0]
    for q in warmup:
        run(handle, q)
    totals, latencies = [], []
    for q in queries:
        started = time.perf_counter()
        totals.append(run(handle, q))
        latencies.append((time.perf_counter() - started) * 1000)
    return {
        "p50_ms": statistics.median(latencies),
        "p95_ms": statistics.quantiles(latencies, n=20, method="inclusive")[18],
        "search_rss_mb": _peak_rss_mb(),
        "base_rss_mb": base,
        "matched": sum(1 for t in totals if t),
        "mean_total": statistics.fmean(totals),
    }


def _index_path(engine: str, kb_dir: Path) -> Path:
    return kb_dir / "index" if engine == "whoosh" else kb_dir.parent / "fts5.sqlite"


def _rss_mb() -> float:
    status = Path("/proc/self/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _size_mb(path: Path) -> float:
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files) / 1024 / 1024


def in_child(phase: str, engine: str, kb_dir: Path, query_file: Path) -> dict[str, float]:
    """Run one phase ("build" or "search") in a fresh interpreter: its memory is its own."""
    out = subprocess.run(
        [sys.executable, __file__, "--phase", phase, "--engine", engine, "--kb", str(kb_dir),
         "--query-file", str(query_file)],
        check=True, stdout=subprocess.PIPE, text=True,
    ).stdout  # fmt: skip
    return json.loads(out.strip().splitlines()[-1])


def _child(phase: str, engine: str, kb_dir: Path, query_file: Path) -> dict[str, float]:
    """The work of `in_child`, in the child."""
    if engine == "whoosh":
        import kb.search.engine  # noqa: F401  (imports count to the base, not the work)
    if phase == "build":
        return build_index(engine, kb_dir)
    lists = json.loads(query_file.read_text(encoding="utf-8"))
    queries, warmup = (
        [BenchQuery(q["kind"], tuple(q["terms"]), q["years"] and tuple(q["years"])) for q in qs]
        for qs in (lists["queries"], lists["warmup"])
    )
    return time_queries(engine, kb_dir, queries, warmup)


def run(sizes: list[int], count: int, seed: int) -> list[tuple[int, int, list[Measurement]]]:
    """For each size: generate and store a corpus, then measure both engines on it."""
    pool = read_seed_pool(sorted((REPO / "corpus").glob("*.txt")))
    warmup = make_queries(pool, count, seed + 1)
    timed = make_queries(pool, count, seed, frozenset(q.whoosh() for q in warmup))
    queries = {"queries": timed, "warmup": warmup}
    rows = []
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            kb_dir, query_file = Path(tmp, "kb"), Path(tmp, "queries.json")
            letters = build_corpus(kb_dir, pool, size, seed)
            lists = {name: [asdict(q) for q in qs] for name, qs in queries.items()}
            query_file.write_text(json.dumps(lists), encoding="utf-8")
            found = [
                Measurement(
                    engine=engine,
                    **in_child("build", engine, kb_dir, query_file),
                    **in_child("search", engine, kb_dir, query_file),
                )
                for engine in ("whoosh", "fts5")
            ]
        for m in found:
            print(f"{size} passages, {letters} letters: {m}", flush=True)
        rows.append((size, letters, found))
    return rows


# --- the report --------------------------------------------------------------------------------


def table(rows: list[tuple[int, int, list[Measurement]]]) -> str:
    """The markdown table: one line per corpus size and engine."""
    lines = [
        "| passages | engine | build s | passages/s | index MB | p50 ms | p95 ms | "
        "peak RSS MB build / search | queries with hits | mean hits | p95 Whoosh/FTS5 |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for size, _, (whoosh, fts5) in rows:
        ratio = f"{whoosh.p95_ms / fts5.p95_ms:.1f}×"
        for m, name in ((whoosh, "Whoosh (kb.search)"), (fts5, "SQLite FTS5")):
            lines.append(
                f"| {size:,} | {name} | {m.build_s:.1f} | {m.units / m.build_s:,.0f} | "
                f"{m.index_mb:.1f} | {m.p50_ms:.2f} | {m.p95_ms:.2f} | "
                f"{m.build_rss_mb:.0f} / {m.search_rss_mb:.0f} | {m.matched} | "
                f"{m.mean_total:,.0f} | {ratio if m is whoosh else ''} |"
            )
    return "\n".join(lines)


def report(
    rows: list[tuple[int, int, list[Measurement]]],
    count: int,
    seed: int,
    load: tuple[float, float],
) -> str:
    """The docs/benchmarks.md section: how it was measured, the table, the target."""
    letters = ", ".join(f"{size:,} passages = {n:,} letters" for size, n, _ in rows)
    mix = ", ".join(f"{n / len(QUERY_MIX):.0%} {k}" for k, n in Counter(QUERY_MIX).items())
    how = (
        f"Machine: {machine()}; load average {load[0]:.1f} at the start, {load[1]:.1f} at the",
        "end. Measured by `make bench` (`scripts/bench_search.py`).",
        "Corpus: letters generated from the five seeds (sentences recombined between passages;",
        "organisations, years and numbers swapped from the seeds' own vocabulary; dates",
        f"2018–2029; seed {seed}): {letters}. 'Passages' are the indexed units: paragraphs and",
        "list items (headings are not units of their own; kb adds them to the passages under",
        f"them) and footnotes. Queries: {count} ({mix}), words drawn from the seeds. The",
        "generator recombines a fixed vocabulary, so at 100,000 passages a word's postings are",
        "denser than in a real corpus of that size: a load on both engines.",
    )
    base = max(m.base_rss_mb for _, _, found in rows for m in found)
    engines = (
        "Each engine builds its index from the same store in one child process; in a second",
        f"one it opens the index once, runs {count} other queries of the same mix to warm up",
        "(so no result cache can answer the timed ones), then times each query once. Whoosh:",
        "`kb.search.engine.search(index, SearchRequest(query, limit=10))` (ranked hits,",
        "snippets, facets, total). FTS5 (the tkconv approach): `fts5(text, tokenize='unicode61",
        "remove_diacritics 2')`, bm25 top 10 with `snippet()` plus `count(*)` for the total,",
        "filters on unindexed columns. Peak RSS is `resource.getrusage().ru_maxrss` of each",
        f"child process, interpreter and imports included (at most {base:.0f} MB before the",
        "index is opened). Hit counts differ: kb stems, decompounds and joins hyphen variants.",
    )
    return "\n".join(
        [
            START,
            "## Search: Whoosh against SQLite FTS5",
            "",
            " ".join(how),
            "",
            " ".join(engines),
            "",
            table(rows),
            "",
            "Target: Whoosh's p95 at 100,000 passages no worse than 2× FTS5's in the same run.",
            END,
        ]
    )


def write_section(path: Path, section: str) -> None:
    """Put `section` between the search markers of `path`, or append it; keep the rest."""
    old = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    if START in old and END in old:
        new = old[: old.index(START)] + section + old[old.index(END) + len(END) :]
    else:
        new = old.rstrip("\n") + "\n\n" + section + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(new, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="markdown file to update")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--queries", type=int, default=200, help="queries per engine and size")
    parser.add_argument("--seed", type=int, default=0)
    # The child processes of `in_child`:
    parser.add_argument("--phase", choices=("build", "search"), help=argparse.SUPPRESS)
    parser.add_argument("--engine", choices=("whoosh", "fts5"), help=argparse.SUPPRESS)
    parser.add_argument("--kb", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--query-file", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.phase:
        print(json.dumps(_child(args.phase, args.engine, args.kb, args.query_file)))
        return 0
    load = os.getloadavg()[0]
    rows = run(args.sizes, args.queries, args.seed)
    section = report(rows, args.queries, args.seed, (load, os.getloadavg()[0]))
    print(section)
    if args.out:
        write_section(args.out, section)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
