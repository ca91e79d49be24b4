"""Relevance of the search engine on the seed letters: recall@k and MRR against held judgments.

Reads the judgment set (tests/search_judgments.json: real queries, each with every passage or
footnote that truly answers it, named by document, kind and a verbatim quote from its text),
builds a knowledge base over corpus/ in a temporary folder (or opens --kb), runs every query
through `kb.search.engine.search` and prints per query recall@k, the reciprocal rank and the
judged units it missed (with their rank further down, if any), then the overall recall@k and
MRR@k. A hit is a judged unit when it has the same document and kind and its text contains
the quote; a statistic or commitment hit counts for the passage or footnote it quotes.
Headings are never judged: they are no results of their own but part of what stands under them.

A report: exit 0, or 1 when --min-recall / --min-mrr are given and not met; 2 when it cannot
run (judgments that do not name units of the corpus, no knowledge base or search index).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from kb.ingesting import ingest_paths  # noqa: E402
from kb.search.engine import Hit, SearchIndex, SearchRequest, search  # noqa: E402
from kb.search.index import NoIndex  # noqa: E402
from kb.store import Store, StoreError  # noqa: E402

JUDGMENTS = REPO / "tests" / "search_judgments.json"
CORPUS = REPO / "corpus"
K = 10  # recall@10 and MRR@10, the targets
DEPTH = 50  # hits fetched per query, so that a miss can say how far down it ranked
UNIT_KINDS = ("passage", "footnote")
# Hit kinds as the engine may name them (English or the Dutch facet value) -> English.
KINDS = {
    "alinea": "passage", "voetnoot": "footnote", "cijfer": "statistic", "toezegging": "commitment",
}  # fmt: skip
FACT_KINDS = ("statistic", "commitment")


class JudgmentError(Exception):
    """The judgment file is malformed or a quote does not name exactly one unit."""


@dataclass(frozen=True)
class Judged:
    """A unit judged relevant: its document, kind and a distinctive quote from its text."""

    document: str
    kind: str
    quote: str


@dataclass(frozen=True)
class Judgment:
    """A query and every unit that truly answers it."""

    query: str
    relevant: tuple[Judged, ...]
    note: str = ""


@dataclass(frozen=True)
class Unit:
    """A judged unit as the store holds it; `exact` when only its whole text is the quote."""

    document: str
    kind: str
    text: str
    start: int
    end: int
    exact: bool = False


@dataclass(frozen=True)
class Found:
    """Where a judged unit ranked (1-based; None if not within DEPTH) and as which hit kind."""

    judged: Judged
    rank: int | None
    via: str | None = None


@dataclass(frozen=True)
class Outcome:
    """One query's hits measured against its judgments."""

    query: str
    found: tuple[Found, ...]
    total: int = 0
    error: str | None = None
    top: tuple[str, ...] = ()  # the first hits, briefly: what outranked a miss

    def recall(self, k: int = K) -> float:
        """Judged units within the first k hits, over min(judged units, k)."""
        within = sum(1 for f in self.found if f.rank is not None and f.rank <= k)
        return within / min(len(self.found), k) if self.found else 0.0

    def reciprocal_rank(self, k: int = K) -> float:
        """1 / the rank of the first judged unit; 0 if none is within the first k hits."""
        ranks = [f.rank for f in self.found if f.rank is not None and f.rank <= k]
        return 1 / min(ranks) if ranks else 0.0

    def misses(self, k: int = K) -> tuple[Found, ...]:
        return tuple(f for f in self.found if f.rank is None or f.rank > k)


@dataclass(frozen=True)
class Evaluation:
    """Every query's outcome, with the mean recall@k and MRR@k."""

    outcomes: tuple[Outcome, ...]
    k: int = K

    @property
    def recall(self) -> float:
        return _mean([o.recall(self.k) for o in self.outcomes])

    @property
    def mrr(self) -> float:
        return _mean([o.reciprocal_rank(self.k) for o in self.outcomes])

    def to_json(self) -> dict[str, Any]:
        """The evaluation as plain data (for --json)."""
        return {
            "k": self.k,
            "queries": len(self.outcomes),
            "recall": round(self.recall, 4),
            "mrr": round(self.mrr, 4),
            "outcomes": [_outcome_json(o, self.k) for o in self.outcomes],
        }


def _outcome_json(o: Outcome, k: int) -> dict[str, Any]:
    return {
        "query": o.query,
        "recall": round(o.recall(k), 4),
        "reciprocal_rank": round(o.reciprocal_rank(k), 4),
        "total": o.total,
        "error": o.error,
        "relevant": [{**vars(f.judged), "rank": f.rank, "via": f.via} for f in o.found],
        "top": list(o.top),
    }


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


# --- judgments ------------------------------------------------------------------------------


def read_judgments(path: Path = JUDGMENTS) -> tuple[Judgment, ...]:
    """The judgment set in `path`; JudgmentError names the first malformed entry."""
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise JudgmentError(f"cannot read judgments {path}: {error}") from error
    if not isinstance(entries, list) or not entries:
        raise JudgmentError(f"{path}: expected a non-empty JSON list of queries")
    return tuple(_judgment(entry, n) for n, entry in enumerate(entries, start=1))


def _judgment(entry: Any, n: int) -> Judgment:
    try:
        relevant = tuple(Judged(r["document"], r["kind"], r["quote"]) for r in entry["relevant"])
        judgment = Judgment(entry["query"], relevant, entry.get("note", ""))
    except (KeyError, TypeError, AttributeError) as error:
        message = f"query {n}: needs query and relevant[document, kind, quote]"
        raise JudgmentError(message) from error
    bad = [r.kind for r in relevant if r.kind not in UNIT_KINDS]
    if not relevant or bad:
        raise JudgmentError(
            f"query {n} ({judgment.query!r}): relevant must be a non-empty list of units of "
            f"kind {' or '.join(UNIT_KINDS)}, got {bad or 'none'}"
        )
    return judgment


def resolve(store: Store, judgments: Sequence[Judgment]) -> dict[Judged, Unit]:
    """The store's unit for every judged unit: the one whose text holds the quote or, when
    several do (a footnote repeated inside a longer one), the one whose whole text it is."""
    return {j: _resolve_one(store, g.query, j) for g in judgments for j in g.relevant}


def _resolve_one(store: Store, query: str, judged: Judged) -> Unit:
    table, block = ("passages", "kind") if judged.kind == "passage" else ("footnotes", "''")
    rows = store.db.execute(
        f'SELECT text, start, "end", {block} FROM {table} WHERE document = ? AND instr(text, ?)',
        (judged.document, judged.quote),
    ).fetchall()
    found = [(Unit(judged.document, judged.kind, *row[:3]), row[3]) for row in rows]
    if len(found) > 1:
        found = [(replace(u, exact=True), b) for u, b in found if u.text.strip() == judged.quote]
    if len(found) != 1:
        where = f"{len(rows)} {judged.kind}s of {judged.document}"
        raise JudgmentError(f"query {query!r}: quote {judged.quote!r} is in {where}, not one")
    unit, kind = found[0]
    if kind == "heading":  # the engine folds a heading into the passages under it
        raise JudgmentError(
            f"query {query!r}: quote {judged.quote!r} is a heading; judge the passages under it"
        )
    return unit


# --- matching and evaluating ----------------------------------------------------------------


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def hit_kind(kind: str) -> str:
    """A hit's kind in English, whichever language the engine reports it in."""
    return KINDS.get(kind, kind)


def is_unit(hit: Hit, judged: Judged, unit: Unit) -> bool:
    """Whether `hit` is the judged unit, or a fact (statistic, commitment) quoted from it."""
    if hit.document != judged.document:
        return False
    kind = hit_kind(hit.kind)
    if kind in FACT_KINDS:  # a fact's quote may run on from a heading into the unit
        return hit.start < unit.end and unit.start < hit.end
    if kind != judged.kind or _norm(judged.quote) not in _norm(hit.text):
        return False
    return not unit.exact or _norm(hit.text) == _norm(unit.text)


def evaluate_one(index: SearchIndex, judgment: Judgment, units: dict[Judged, Unit]) -> Outcome:
    """Run one query (DEPTH hits) and rank each of its judged units."""
    try:
        result = search(index, SearchRequest(query=judgment.query, limit=DEPTH))
    except Exception as error:  # a report goes on; the engine promises never to raise
        missed = tuple(Found(j, None) for j in judgment.relevant)
        return Outcome(judgment.query, missed, error=f"exception: {error!r}")
    found = []
    for judged in judgment.relevant:
        ranks = (n for n, hit in enumerate(result.hits, 1) if is_unit(hit, judged, units[judged]))
        rank = next(ranks, None)
        found.append(Found(judged, rank, hit_kind(result.hits[rank - 1].kind) if rank else None))
    top = tuple(_brief(hit) for hit in result.hits[:3])
    return Outcome(judgment.query, tuple(found), result.total, result.error, top)


def _brief(hit: Hit) -> str:
    return f"{hit.document[:3]} {hit_kind(hit.kind)} {_norm(hit.text)[:60]!r}"


@contextmanager
def open_kb(kb: Path | None = None, corpus: Path = CORPUS) -> Iterator[tuple[Store, SearchIndex]]:
    """(store, search index) of the KB in `kb`, or of a new one over `corpus` in a temp dir."""
    with tempfile.TemporaryDirectory(prefix="kb-eval-") as scratch:
        if kb is None:
            kb = Path(scratch) / "kb"
            with Store.open(kb) as store:
                ingest_paths([corpus], store, workers=1)
                SearchIndex.rebuild(store)
        with Store.open(kb, create=False) as store:
            index = SearchIndex.open(kb)
            try:
                yield store, index
            finally:
                index.close()  # the shared searcher; a later open makes a new one


def run(
    kb: Path | None = None, corpus: Path = CORPUS, judgments: Path = JUDGMENTS, k: int = K
) -> Evaluation:
    """Read the judgments, open (or build) the KB and measure every query."""
    judged = read_judgments(judgments)
    with open_kb(kb, corpus) as (store, index):
        units = resolve(store, judged)
        return Evaluation(tuple(evaluate_one(index, j, units) for j in judged), k)


# --- report ---------------------------------------------------------------------------------


def format_report(evaluation: Evaluation) -> str:
    """Per query recall@k, reciprocal rank, misses and what ranked first; then the totals."""
    k, lines = evaluation.k, []
    for n, o in enumerate(evaluation.outcomes, 1):
        lines.append(
            f"{n:3}. {o.query[:40]:40} recall@{k} {o.recall(k):.2f}  RR {o.reciprocal_rank(k):.2f}"
            f"  ({len(o.found)} judged, {o.total} hits)"
        )
        if o.error:
            lines.append(f"       error: {o.error}")
        for miss in o.misses(k):
            where = f"rank {miss.rank}" if miss.rank else f"not in the first {DEPTH}"
            j = miss.judged
            lines.append(f"       miss {j.document[:3]} {j.kind:8} {where:16} {j.quote!r}")
        if o.misses(k) or o.reciprocal_rank(k) < 1:
            lines.extend(f"       top: {brief}" for brief in o.top)
    units = sum(len(o.found) for o in evaluation.outcomes)
    lines.append(
        f"overall: recall@{k} {evaluation.recall:.3f}  MRR@{k} {evaluation.mrr:.3f}  "
        f"over {len(evaluation.outcomes)} queries, {units} judged units"
    )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kb", type=Path, help="an existing knowledge base (default: build one)")
    parser.add_argument("--judgments", type=Path, default=JUDGMENTS)
    parser.add_argument("--json", action="store_true", help="print the evaluation as JSON")
    parser.add_argument("--min-recall", type=float, help="exit 1 if recall@k is below this")
    parser.add_argument("--min-mrr", type=float, help="exit 1 if MRR@k is below this")
    args = parser.parse_args(argv)
    try:
        evaluation = run(args.kb, judgments=args.judgments)
    except (JudgmentError, NoIndex, StoreError, OSError) as error:
        print(f"eval_search: {error}", file=sys.stderr)
        return 2
    report = evaluation.to_json() if args.json else None
    print(json.dumps(report, ensure_ascii=False) if report else format_report(evaluation))
    low = (args.min_recall is not None and evaluation.recall < args.min_recall) or (
        args.min_mrr is not None and evaluation.mrr < args.min_mrr
    )
    return 1 if low else 0


if __name__ == "__main__":
    sys.exit(main())
