"""Search relevance on the seed letters against the held judgments (tests/search_judgments.json).

The judgments were written by reading the seeds: each query lists every passage or footnote that
truly answers it. The floors below are the recall@10 and MRR@10 measured when the judgment set
was made; the issue's targets are recall@10 >= 0.9 and MRR >= 0.8. Raise the floors when the
engine improves; never lower them to make a change pass.
"""

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from kb.ingesting import ingest_paths
from kb.search.engine import Hit, SearchIndex
from kb.store import Store

REPO = Path(__file__).resolve().parents[1]
# Measured on 43 queries / 139 judged units when the judgment set was made.
RECALL_FLOOR = 0.939
MRR_FLOOR = 1.0
# The target "compounds and hyphen variants found": per query, the recall@10 measured.
COMPOUND_AND_HYPHEN = {
    "actieplan discriminatie": 1.0,  # discriminatie inside arbeidsmarktdiscriminatie
    "discriminatie hoger onderwijs": 1.0,  # ... inside stagediscriminatie
    "discriminatie jaar:2021": 1.0,
    "wekeneis": 1.0,  # inside 24-wekeneis
    "praktijk-pilots": 1.0,  # = praktijkpilots
    "leerwerktrajecten": 1.0,  # = Leer-werktrajecten
    "Verwey-Jonker": 1.0,  # = Verwey Jonker
    "mkb-bedrijven": 0.75,  # = MKB bedrijven; misses the mkb as "midden- en kleinbedrijf (mkb)"
    "kosten-batenanalyse": 1 / 3,  # = kostenbaten-analyse; misses MKBA and the outcome
}


def _load_eval():
    spec = importlib.util.spec_from_file_location("eval_search", REPO / "scripts/eval_search.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_search"] = module
    spec.loader.exec_module(module)
    return module


ev = _load_eval()
JUDGMENTS = ev.read_judgments()


@pytest.fixture(scope="module")
def seed_kb(tmp_path_factory) -> Path:
    """A knowledge base over corpus/ with its search index."""
    kb = tmp_path_factory.mktemp("relevance") / "kb"
    with Store.open(kb) as store:
        ingest_paths([REPO / "corpus"], store, workers=1)
        SearchIndex.rebuild(store)
    return kb


@pytest.fixture(scope="module")
def units(seed_kb):
    with Store.open(seed_kb, create=False) as store:
        return ev.resolve(store, JUDGMENTS)


@pytest.fixture(scope="module")
def evaluation(seed_kb):
    return ev.run(seed_kb)


# --- the judgment set ---------------------------------------------------------------------


def test_judgment_set_is_large_varied_and_answerable_within_ten():
    queries = [j.query for j in JUDGMENTS]
    assert len(queries) >= 24
    assert len(set(queries)) == len(queries)
    documents = {r.document[:3] for j in JUDGMENTS for r in j.relevant}
    assert documents == {"000", "001", "002", "003", "004"}
    for judgment in JUDGMENTS:
        assert judgment.note, judgment.query
        assert 1 <= len(judgment.relevant) <= ev.K, judgment.query  # recall@10 can reach 1
        assert len(set(judgment.relevant)) == len(judgment.relevant), judgment.query


def test_every_quote_names_exactly_one_unit_of_the_seeds(units):
    judged = {r for j in JUDGMENTS for r in j.relevant}
    assert set(units) == judged
    for r, unit in units.items():
        assert (unit.document, unit.kind) == (r.document, r.kind)
        assert r.quote in unit.text
    # A footnote that recurs inside a longer one (with a page number) is named by its whole text.
    exact = sorted((u.document[:3], u.text) for u in units.values() if u.exact)
    assert exact == [
        (
            "004",
            "TNO (2021), Richting gelijke kansen – onderzoeksrapport bij de pilot Nudging in Werving en Selectie",
        ),
    ]


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ([], "expected a non-empty JSON list of queries"),
        ([{"query": "x"}], "query 1: needs query and relevant[document, kind, quote]"),
        (
            [{"query": "x", "relevant": [{"document": "d", "kind": "alinea", "quote": "q"}]}],
            "query 1 ('x'): relevant must be a non-empty list of units of kind passage or "
            "footnote, got ['alinea']",
        ),
        (
            [{"query": "x", "relevant": []}],
            "query 1 ('x'): relevant must be a non-empty list of units of kind passage or "
            "footnote, got none",
        ),
    ],
)
def test_malformed_judgments_are_named(tmp_path, entries, message):
    path = tmp_path / "j.json"
    path.write_text(json.dumps(entries), encoding="utf-8")
    with pytest.raises(ev.JudgmentError) as error:
        ev.read_judgments(path)
    assert str(error.value).endswith(message)


LETTER_002 = "002_080da9ed5327206a"


@pytest.mark.parametrize(
    ("judged", "message"),
    [
        (
            ev.Judged(LETTER_002, "passage", "niet in de brief"),
            f"quote 'niet in de brief' is in 0 passages of {LETTER_002}, not one",
        ),
        (
            ev.Judged(LETTER_002, "passage", "Werkagenda VIA"),
            f"quote 'Werkagenda VIA' is in 9 passages of {LETTER_002}, not one",
        ),
        (
            ev.Judged(LETTER_002, "footnote", "Kamerstuk 29 544"),
            f"quote 'Kamerstuk 29 544' is in 0 footnotes of {LETTER_002}, not one",
        ),
        (
            ev.Judged(LETTER_002, "passage", "Startbanen statushouders"),
            "quote 'Startbanen statushouders' is a heading; judge the passages under it",
        ),
    ],
)
def test_a_quote_must_name_one_unit_that_is_not_a_heading(seed_kb, judged, message):
    with Store.open(seed_kb, create=False) as store, pytest.raises(ev.JudgmentError) as error:
        ev.resolve(store, [ev.Judgment("x", (judged,))])
    assert str(error.value) == f"query 'x': {message}"


# --- the measures ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ranks", "recall", "rr"),
    [
        ((1, 2, 3), 1.0, 1.0),
        ((3, None), 0.5, 1 / 3),
        ((11, 4), 0.5, 0.25),  # rank 11 is outside the first 10
        ((None, None), 0.0, 0.0),
        (tuple(range(1, 13)), 1.0, 1.0),  # 12 judged: 10 found of at most 10
    ],
)
def test_recall_and_reciprocal_rank_at_ten(ranks, recall, rr):
    found = tuple(
        ev.Found(ev.Judged("d", "passage", f"q{n}"), rank) for n, rank in enumerate(ranks)
    )
    outcome = ev.Outcome("q", found)
    assert outcome.recall(10) == pytest.approx(recall)
    assert outcome.reciprocal_rank(10) == pytest.approx(rr)
    assert len(outcome.misses(10)) == sum(1 for r in ranks if r is None or r > 10)


def _hit(kind, text, start, end, document="d"):
    return Hit(document=document, source="d.txt", kind=kind, text=text, snippet=text,
               score=1.0, date="", title="", signatory="", start=start, end=end)  # fmt: skip


LOB = "Het LOB krijgt een plek in het vmbo."
UNIT = ev.Unit("d", "passage", LOB, 100, 136)
JUDGED = ev.Judged("d", "passage", "plek in het vmbo")
# A footnote whose whole text recurs inside a later one: only the whole text is that footnote.
TNO = "TNO (2021), Richting gelijke kansen"
WHOLE = ev.Unit("d", "footnote", TNO, 200, 235, exact=True)
WHOLE_JUDGED = ev.Judged("d", "footnote", TNO)


@pytest.mark.parametrize(
    ("hit", "unit", "judged", "expected"),
    [
        (_hit("passage", LOB, 100, 136), UNIT, JUDGED, True),
        (_hit("alinea", "Het LOB krijgt een plek\nin het  vmbo.", 100, 136), UNIT, JUDGED, True),
        (_hit("passage", LOB, 100, 136, document="e"), UNIT, JUDGED, False),
        (_hit("footnote", LOB, 100, 136), UNIT, JUDGED, False),
        (_hit("passage", "Een andere alinea.", 300, 318), UNIT, JUDGED, False),
        (_hit("commitment", "Het LOB krijgt een plek", 100, 123), UNIT, JUDGED, True),
        (_hit("toezegging", "Het LOB krijgt een plek", 100, 123), UNIT, JUDGED, True),
        (_hit("cijfer", "een plek in het vmbo. Meer", 119, 141), UNIT, JUDGED, True),  # runs on
        (_hit("cijfer", "Een andere zin.", 136, 151), UNIT, JUDGED, False),  # right after it
        (_hit("cijfer", LOB, 100, 136, document="e"), UNIT, JUDGED, False),
        (_hit("voetnoot", TNO, 200, 235), WHOLE, WHOLE_JUDGED, True),
        (_hit("footnote", f"{TNO}, blz. 43", 900, 944), WHOLE, WHOLE_JUDGED, False),
    ],
)
def test_a_hit_is_the_judged_unit_or_a_fact_quoted_from_it(hit, unit, judged, expected):
    assert ev.is_unit(hit, judged, unit) is expected


# --- the engine -----------------------------------------------------------------------------


def test_recall_at_ten_does_not_fall(evaluation):
    assert len(evaluation.outcomes) == len(JUDGMENTS)
    assert evaluation.recall >= RECALL_FLOOR, ev.format_report(evaluation)


def test_mrr_at_ten_does_not_fall(evaluation):
    assert evaluation.mrr >= MRR_FLOOR, ev.format_report(evaluation)


@pytest.mark.parametrize(("query", "floor"), COMPOUND_AND_HYPHEN.items())
def test_compounds_and_hyphen_variants_are_found(evaluation, query, floor):
    outcome = next(o for o in evaluation.outcomes if o.query == query)
    assert outcome.recall() >= floor - 1e-9, [f.judged.quote for f in outcome.misses()]


def test_no_judged_query_gives_an_error(evaluation):
    assert [(o.query, o.error) for o in evaluation.outcomes if o.error] == []


def test_script_reports_and_exits_by_thresholds(seed_kb, capsys):
    assert ev.main(["--kb", str(seed_kb), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["queries"] == len(JUDGMENTS) and report["k"] == 10
    assert report["recall"] >= RECALL_FLOOR and report["mrr"] >= MRR_FLOOR
    assert ev.main(["--kb", str(seed_kb), "--min-recall", "1.01"]) == 1
    assert "overall: recall@10" in capsys.readouterr().out
    assert ev.main(["--kb", str(seed_kb), "--min-recall", "0.9", "--min-mrr", "0.8"]) == 0
    assert ev.main(["--kb", str(seed_kb), "--min-mrr", "1.01"]) == 1
    assert ev.main(["--kb", str(seed_kb), "--judgments", str(REPO / "nothing.json")]) == 2
    assert "cannot read judgments" in capsys.readouterr().err


def test_script_needs_a_knowledge_base_with_an_index(tmp_path, capsys):
    assert ev.main(["--kb", str(tmp_path / "none")]) == 2
    assert capsys.readouterr().err.startswith("eval_search: no knowledge base at")
    Store.open(tmp_path / "kb").close()
    assert ev.main(["--kb", str(tmp_path / "kb")]) == 2
    assert capsys.readouterr().err.startswith(f"eval_search: no search index in {tmp_path / 'kb'}")
