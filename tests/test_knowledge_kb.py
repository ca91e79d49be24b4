"""Knowledge across letters, from `kb ingest` of the corpus: export, traces, membership over
time, commitments with fulfilment, the timeline, the graph and the CLI commands."""

import datetime as dt
import json
from pathlib import Path

import networkx as nx
import pytest

from kb import queries
from kb.cli import main
from kb.commitments_view import commitments
from kb.exporting import export_all
from kb.graph import build_graph, neighbourhood, write_graph
from kb.store import Store

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
TODAY = dt.date(2026, 11, 22)


@pytest.fixture()
def kb_dir(seed_kb: Path) -> Path:
    """The session's KB of the seed corpus (tests/conftest.py); read only."""
    return seed_kb


@pytest.fixture()
def store(kb_dir: Path):
    with Store.open(kb_dir, create=False) as opened:
        yield opened


def test_export_has_every_knowledge_section_with_provenance(store: Store) -> None:
    data = export_all(store, today=TODAY)
    texts = {d: store.db.execute("SELECT text FROM documents WHERE id = ?", (d,)).fetchone()[0]
             for d in [doc["id"] for doc in data["documents"]]}  # fmt: skip
    assert {e["type"] for e in data["entities"]} >= {
        "organisation", "pilot", "programme", "law", "fund", "person", "party", "motion",
    }  # fmt: skip
    for s in data["statistics"]:
        assert texts[s["document"]][s["start"] : s["end"]] == s["value"]
        assert s["value"] in s["quote"]
    for c in data["commitments"]:
        assert texts[c["document"]][c["start"] : c["end"]] == c["quote"]
    for e in data["events"]:
        assert texts[e["document"]][e["start_offset"] : e["end_offset"]] == e["text"]
        assert e["start"] <= e["end"]
    for m in data["memberships"]:
        assert texts[m["document"]][m["start"] : m["end"]] == m["text"]


def test_motions_are_merged_across_mentions_with_their_kamerstuk(store: Store) -> None:
    motions = {m["id"]: m for m in export_all(store, today=TODAY)["motions"]}
    assert set(motions) == {"kst-32824-341", "kst-32824-419", "kst-32825-372", "kst-35420-300"}
    baarle = motions["kst-35420-300"]
    assert (baarle["members"], baarle["parties"], baarle["documents"]) == (
        ["Van Baarle", "Simons"], ["DENK", "BIJ1"], ["004_e70a85e84504e092"],
    )  # fmt: skip


def test_what_happened_to_motie_ergin(store: Store) -> None:
    (trace,) = queries.trace_motion(store, "motie Ergin")
    assert (trace.id, trace.reference, trace.status) == (
        "kst-32824-419", "kst-32824-419", "in uitvoering",
    )  # fmt: skip
    assert trace.url == "https://zoek.officielebekendmakingen.nl/kst-32824-419.html"
    (step,) = trace.steps
    assert (step.document, step.date, step.stance) == ("002_080da9ed5327206a", "2025", "invulling")
    assert step.quote.startswith("Verder geef ik met deze werkagenda invulling aan de motie Ergin")


def test_where_the_bijstand_figure_comes_from(store: Store) -> None:
    first = queries.trace_statistic(store, "9,6 procent")[0]
    assert (first.document, first.footnote, first.source_via) == ("000_6adc83efdee732d0", 22, "bron")
    assert (first.publication, first.publisher) == ("Kernindicatoren Integratie 2023", "CBS")
    assert [s.quote for s in first.same_source] == ["1,7 procent"]


def test_partners_who_joined_the_taskforce_after_2022(store: Store) -> None:
    matrix = queries.membership_matrix(store, "organisation:taskforce-via")
    letters = list(next(iter(matrix.values())))
    assert letters == ["004_e70a85e84504e092", "003_a17b3276b8151254", "002_080da9ed5327206a"]
    joined = {org for org, row in matrix.items() if row[letters[-1]] and not any(
        row[d] for d in letters[:-1])}  # fmt: skip
    left = {org for org, row in matrix.items() if row[letters[0]] and not row[letters[-1]]}
    assert joined == {"organisation:coa", "organisation:mkb-nederland",
                      "organisation:open-embassy", "organisation:sam"}  # fmt: skip
    assert left == {"organisation:cnv-jongeren", "organisation:fnv"}


def test_commitments_with_fulfilment_status_and_overdue(store: Store) -> None:
    views = {c.due: c for c in commitments(store, today=TODAY) if c.document.startswith("000")}
    promised = views["2025-Q1"]
    assert promised.action == "informeren over de voortgang van het programma VIA"
    assert (promised.status, promised.overdue) == ("Voldaan", False)
    assert [f.document for f in promised.fulfilled_by] == ["002_080da9ed5327206a"]
    overdue = views["2024-Q1"]
    assert (overdue.status, overdue.overdue) == ("Openstaand", True)
    early = commitments(store, today=dt.date(2023, 12, 31))
    assert not any(c.overdue for c in early if c.due == "2024-Q1")


def test_timeline_stays_within_its_years(store: Store) -> None:
    items = queries.timeline(store, 2024, 2025)
    assert items and all(i.end >= "2024-01-01" and i.start <= "2025-12-31" for i in items)
    assert {i.lane for i in items} == {"brief", "gebeurtenis", "toezegging"}


def test_graph_types_provenance_and_formats(store: Store, tmp_path: Path) -> None:
    graph = build_graph(store)
    types = {d["type"] for _, d in graph.nodes(data=True)}
    assert types >= {"letter", "kamerstuk", "dossier", "footnote", "organisation", "pilot",
                     "programme", "person", "party", "motion", "statistic", "source",
                     "commitment", "event"}  # fmt: skip
    mentions = [d for _, _, d in graph.edges(data=True) if d["type"] == "mentions"]
    assert mentions and all({"document", "start", "end", "quote"} <= set(d) for d in mentions)
    awvn = neighbourhood(graph, "organisation:awvn")
    assert "letter:000_6adc83efdee732d0" in awvn and "organisation:taskforce-via" in awvn
    write_graph(graph, tmp_path / "kb.graphml", "graphml")
    assert nx.read_graphml(tmp_path / "kb.graphml").number_of_nodes() == graph.number_of_nodes()
    data = json.loads(write_graph(graph, None, "json"))
    assert len(data["nodes"]) == graph.number_of_nodes()


@pytest.mark.parametrize(
    ("argv", "check"),
    [
        (["trace", "motion", "Van Baarle", "--json"], lambda d: d[0]["id"] == "kst-35420-300"),
        (["trace", "statistic", "9,6 procent", "--json"], lambda d: d[0]["publisher"] == "CBS"),
        (["commitments", "--open", "--json"],
         lambda d: d and all(c["status"] == "Openstaand" for c in d)),
        (["timeline", "--from", "2025", "--to", "2025", "--json"],
         lambda d: d and all(i["start"] <= "2025-12-31" for i in d)),
        (["members", "--json"], lambda d: "organisation:open-embassy" in d),
    ],
)
def test_cli_knowledge_commands(kb_dir: Path, capsys, argv, check) -> None:
    assert main([*argv, "--kb", str(kb_dir)]) == 0
    assert check(json.loads(capsys.readouterr().out))


def test_cli_tables_and_graph_export(kb_dir: Path, capsys, tmp_path: Path) -> None:
    assert main(["trace", "motion", "Ergin", "--kb", str(kb_dir)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "Motie-Ergin  [kst-32824-419]  status: in uitvoering"
    assert main(["graph", "export", "--format", "graphml", "--out", str(tmp_path / "g.graphml"),
                 "--kb", str(kb_dir)]) == 0  # fmt: skip
    assert nx.read_graphml(tmp_path / "g.graphml").number_of_nodes() > 100
    assert main(["trace", "motion", "onbekend", "--kb", str(kb_dir)]) == 0
    assert capsys.readouterr().out == "(niets gevonden)\n"
