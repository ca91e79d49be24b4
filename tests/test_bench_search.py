"""The search benchmark's corpus generator, query set and FTS5 yardstick (not a timed test)."""

import importlib.util
import json
import random
import re
import sqlite3
import sys
import unicodedata
from collections import Counter
from dataclasses import asdict
from pathlib import Path

import pytest

from kb.store import Store

REPO = Path(__file__).resolve().parents[1]
SEEDS = sorted((REPO / "corpus").glob("*.txt"))


def _load_bench():
    spec = importlib.util.spec_from_file_location("bench_search", REPO / "scripts/bench_search.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_search"] = module
    spec.loader.exec_module(module)
    return module


bench = _load_bench()
Q = bench.BenchQuery


@pytest.fixture(scope="module")
def pool():
    return bench.read_seed_pool(SEEDS)


@pytest.fixture(scope="module")
def small_kb(tmp_path_factory, pool):
    """300 generated passages and footnotes in a store, plus their FTS5 index."""
    folder = tmp_path_factory.mktemp("bench")
    letters = bench.build_corpus(folder / "kb", pool, 300, seed=7)
    rows = bench.fts5_build(folder / "kb", folder / "fts5.sqlite")
    return folder, letters, rows


def test_seed_pool_holds_the_seeds_vocabulary(pool) -> None:
    assert len(pool.shapes) == 5
    assert sum(len(s.passages) for s in pool.shapes) == 354
    assert len(pool.footnotes) == 92
    assert len(pool.headings) == 118
    assert {"UWV", "CBS", "SCP", "FNV", "VNG"} <= set(pool.organisations)
    assert "II" not in pool.organisations and "PILOT" not in pool.organisations
    assert ("A.D. Wiersma", "Staatssecretaris van Sociale Zaken en Werkgelegenheid") in (
        pool.signatories
    )


@pytest.mark.parametrize("units", [1, 2, 37, 250, 1000, 4321])
def test_generator_makes_exactly_the_units_asked_for(pool, units: int) -> None:
    letters = list(bench.generate_letters(pool, units, seed=3))
    assert sum(bench.units_of(x) for x in letters) == units
    assert all(bench.units_of(x) > 0 for x in letters)


def test_generator_is_deterministic_per_seed(pool) -> None:
    def texts(seed: int) -> list[str]:
        return [x.text for x in bench.generate_letters(pool, 500, seed=seed)]

    assert texts(1) == texts(1)
    assert texts(1) != texts(2)


def test_generated_letters_are_recombined_not_copied(pool) -> None:
    letters = list(bench.generate_letters(pool, 5000, seed=0))
    seed_passages = {" ".join(ss) for shape in pool.shapes for _, ss in shape.passages}
    paragraphs = [p.text for x in letters for p in x.passages if p.kind != "heading"]
    copied = sum(p in seed_passages for p in paragraphs) / len(paragraphs)
    assert copied < 0.2  # single-sentence paragraphs may come out unchanged
    assert len({x.text for x in letters}) == len(letters)
    years = {x.metadata.date.value.year for x in letters}
    assert min(years) >= 2018 and max(years) <= 2029 and len(years) >= 10


def test_generated_spans_point_into_the_text(pool) -> None:
    for letter in bench.generate_letters(pool, 800, seed=5):
        assert all(letter.text[p.start : p.end] == p.text for p in letter.passages)
        assert all(letter.text[f.start : f.end] == f.text for f in letter.footnotes)
        assert all(f.start >= letter.body_end for f in letter.footnotes)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Het UWV meldt in 2021 dat 7,0 procent werkloos is.", r"Het \w+ meldt in 2024 dat \d"),
        ("Kamerstuk 29 544, nr. 1085", r"Kamerstuk \d+ \d+, nr\. 1085"),
    ],
)
def test_vary_swaps_names_shifts_years_and_keeps_the_shape(pool, text, expected) -> None:
    assert re.match(expected, bench._vary(text, pool, random.Random(1), 3))


@pytest.mark.parametrize(
    ("query", "whoosh", "fts5"),
    [
        (Q("word", ("werkgevers",)), "werkgevers", ('"werkgevers"', "", ())),
        (Q("and", ("stage", "discriminatie")), "stage discriminatie",
         ('"stage" "discriminatie"', "", ())),
        (Q("phrase", ("gelijke", "kansen")), '"gelijke kansen"', ('"gelijke kansen"', "", ())),
        (Q("prefix", ("arbeid",)), "arbeid*", ('"arbeid"*', "", ())),
        (Q("or", ("pilot", "proef")), "pilot OR proef", ('"pilot" OR "proef"', "", ())),
        (Q("year", ("taal",), (2021, 2023)), "taal jaar:2021..2023",
         ('"taal"', " AND year BETWEEN ? AND ?", (2021, 2023))),
        (Q("year", ("taal",), (2022, 2022)), "taal jaar:2022",
         ('"taal"', " AND year BETWEEN ? AND ?", (2022, 2022))),
        (Q("footnote", ("cbs",)), "cbs soort:voetnoot", ('"cbs"', " AND kind = ?", ("footnote",))),
    ],
)  # fmt: skip
def test_a_query_reads_the_same_in_both_syntaxes(query, whoosh, fts5) -> None:
    assert query.whoosh() == whoosh
    assert query.fts5() == fts5


def test_the_query_set_follows_the_mix_and_is_deterministic(pool) -> None:
    queries = bench.make_queries(pool, 200, seed=0)
    assert Counter(q.kind for q in queries) == {
        "word": 60, "and": 40, "phrase": 30, "prefix": 20, "or": 20, "year": 20, "footnote": 10
    }  # fmt: skip
    assert queries == bench.make_queries(pool, 200, seed=0)
    assert len({q.whoosh() for q in queries}) == 200


def test_timed_queries_differ_from_the_warm_up_queries(pool) -> None:
    warmup = bench.make_queries(pool, 200, seed=1)
    strings = frozenset(q.whoosh() for q in warmup)
    timed = bench.make_queries(pool, 200, seed=0, exclude=strings)
    assert not strings & {q.whoosh() for q in timed}
    assert Counter(q.kind for q in timed) == Counter(q.kind for q in warmup)


def test_store_and_fts5_hold_exactly_the_generated_units(small_kb) -> None:
    folder, letters, rows = small_kb
    with Store(folder / "kb", create=False) as store:
        passages = store.db.execute(
            "SELECT count(*) FROM passages WHERE kind != 'heading'"
        ).fetchone()[0]
        footnotes = store.db.execute("SELECT count(*) FROM footnotes").fetchone()[0]
        documents = store.db.execute("SELECT count(*) FROM documents").fetchone()[0]
    assert passages + footnotes == rows == 300
    assert documents == letters


def _fold(text: str) -> list[str]:
    """Tokens as FTS5's unicode61 with remove_diacritics 2 makes them."""
    plain = "".join(
        c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c)
    )
    return re.findall(r"[^\W_]+", plain)


def _brute_force(folder: Path, query) -> int:
    """How many units answer `query`, counted in Python over the store."""
    sql = (
        "SELECT u.text, CAST(substr(d.date, 1, 4) AS INTEGER), k FROM (SELECT document, text, "
        "'passage' AS k FROM passages WHERE kind != 'heading' UNION ALL SELECT document, text, 'footnote' FROM footnotes)"
        " u JOIN documents d ON d.id = u.document"
    )
    with Store(folder / "kb", create=False) as store:
        rows = store.db.execute(sql).fetchall()
    count = 0
    for text, year, kind in rows:
        tokens = _fold(text)
        grams = {" ".join(tokens[i : i + len(query.terms)]) for i in range(len(tokens))}
        has = {t: _fold(t)[0] in tokens for t in query.terms if query.kind != "phrase"}
        found = {
            "phrase": " ".join(query.terms) in grams,
            "prefix": any(t.startswith(query.terms[0]) for t in tokens),
            "or": any(has.values()),
        }.get(query.kind, all(has.values()))
        if query.kind == "year":
            found = found and query.years[0] <= year <= query.years[1]
        count += found and (query.kind != "footnote" or kind == "footnote")
    return count


@pytest.mark.parametrize(
    "query",
    [
        Q("word", ("werkgevers",)),
        Q("word", ("creëren",)),
        Q("and", ("migratieachtergrond", "werkloosheid")),
        Q("phrase", ("gelijke", "kansen")),
        Q("prefix", ("discrim",)),
        Q("or", ("taalniveau", "statushouders")),
        Q("year", ("arbeidsmarkt",), (2021, 2024)),
        Q("footnote", ("cbs",)),
    ],
)
def test_fts5_counts_exactly_what_a_brute_force_scan_counts(small_kb, query) -> None:
    folder = small_kb[0]
    db = bench.fts5_open(folder / "fts5.sqlite")
    total, hits = bench.fts5_search(db, query)
    expected = _brute_force(folder, query)
    assert total == expected > 0
    assert len(hits) == min(10, expected)
    assert all("<mark>" in snippet for _, _, _, snippet, _ in hits)
    scores = [score for *_, score in hits]
    assert scores == sorted(scores)  # bm25: lower is better, best first


def test_fts5_database_is_opened_read_only(small_kb) -> None:
    db = bench.fts5_open(small_kb[0] / "fts5.sqlite")
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        db.execute("DELETE FROM units")


def test_the_table_has_one_line_per_size_and_engine() -> None:
    m = bench.Measurement
    rows = [(10_000, 115, [m("whoosh", 10_000, 4.0, 12.5, 300.0, 3.0, 20.0, 180.0, 48.0, 199, 310.4),
                           m("fts5", 10_000, 0.5, 5.1, 50.0, 0.4, 5.0, 52.0, 48.0, 200, 150.0)])]  # fmt: skip
    assert bench.table(rows).splitlines()[2:] == [
        "| 10,000 | Whoosh (kb.search) | 4.0 | 2,500 | 12.5 | 3.00 | 20.00 | 300 / 180 | 199 | 310 "
        "| 4.0× |",
        "| 10,000 | SQLite FTS5 | 0.5 | 20,000 | 5.1 | 0.40 | 5.00 | 50 / 52 | 200 | 150 |  |",
    ]


def test_fts5_child_processes_build_and_search(small_kb, pool, tmp_path) -> None:
    """The two phases as `make bench` runs them, in fresh interpreters, on the small corpus."""
    folder = small_kb[0]
    query_file = tmp_path / "queries.json"
    timed = [Q("word", ("werkgevers",)), Q("footnote", ("cbs",))]
    lists = {"queries": timed, "warmup": [Q("word", ("kansen",))]}
    query_file.write_text(json.dumps({k: [asdict(q) for q in v] for k, v in lists.items()}))
    built = bench.in_child("build", "fts5", folder / "kb", query_file)
    searched = bench.in_child("search", "fts5", folder / "kb", query_file)
    assert built["units"] == 300 and built["index_mb"] > 0 and built["build_rss_mb"] > 0
    assert searched["matched"] == 2
    assert searched["mean_total"] == sum(_brute_force(folder, q) for q in timed) / 2
    assert 0 < searched["p50_ms"] <= searched["p95_ms"]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("# Benchmarks\n", "# Benchmarks\n\nNEW\n"),
        ("# B\n\n<!-- ingest:start -->\nI\n<!-- ingest:end -->\n",
         "# B\n\n<!-- ingest:start -->\nI\n<!-- ingest:end -->\n\nNEW\n"),
        ("# B\n\n<!-- ingest:start -->\nI\n<!-- ingest:end -->\n\n<!-- search:start -->\nOLD\n"
         "<!-- search:end -->\n\nrest\n",
         "# B\n\n<!-- ingest:start -->\nI\n<!-- ingest:end -->\n\nNEW\n\nrest\n"),
    ],
)  # fmt: skip
def test_the_search_section_replaces_only_itself(tmp_path, before, after) -> None:
    path = tmp_path / "benchmarks.md"
    path.write_text(before, encoding="utf-8")
    section = f"{bench.START}\nNEW\n{bench.END}"
    bench.write_section(path, section)
    assert path.read_text(encoding="utf-8") == after.replace("NEW", section)
