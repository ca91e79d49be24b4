"""`kb search` and `kb index`: text and JSON output, batches of queries, filters, messages."""

import json
import shutil
from pathlib import Path

import pytest

from kb.cli import main
from kb.ingesting import ingest_paths
from kb.store import Store

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
HIT_KEYS = ["document", "source", "kind", "text", "snippet", "score", "date"]


@pytest.fixture(scope="module")
def kb(tmp_path_factory) -> str:
    root = tmp_path_factory.mktemp("kb")
    shutil.copytree(CORPUS, root / "corpus")
    with Store.open(root / "kb") as store:
        assert ingest_paths([root / "corpus"], store, workers=2).failures == ()
    return str(root / "kb")


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_search_json_has_the_agreed_keys(kb: str, capsys) -> None:
    code, out, err = _run(capsys, "search", "discriminatie", "--json", "--limit", "3", "--kb", kb)
    record = json.loads(out)
    assert (code, err) == (0, "")
    assert list(record) == ["query", "total", "hits", "facets", "suggestion"]
    assert (record["query"], record["total"], len(record["hits"])) == ("discriminatie", 34, 3)
    assert [list(hit) for hit in record["hits"]] == [HIT_KEYS] * 3
    first = record["hits"][0]
    assert first["snippet"].count("<mark>") == 2 and first["kind"] == "cijfer"
    assert first["source"].endswith("corpus/000_6adc83efdee732d0.txt")
    assert list(record["facets"]) == [
        "soort", "jaar", "org", "pilot", "programma", "motie", "ondertekenaar", "brief",
    ]  # fmt: skip
    assert record["facets"]["soort"] == {"alinea": 28, "voetnoot": 5, "cijfer": 1}


def test_a_file_of_queries_gives_one_json_line_each(kb: str, tmp_path: Path, capsys) -> None:
    queries = tmp_path / "queries.txt"
    queries.write_text('org:UWV\n\n"Taskforce VIA\nwerkgevres\njaar:abc OR\n', encoding="utf-8")
    code, out, err = _run(capsys, "search", "--queries", str(queries), "--limit", "1", "--kb", kb)
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert [(r["query"], r["total"], r["suggestion"]) for r in records] == [
        ("org:UWV", 11, None), ('"Taskforce VIA', 5, None), ("werkgevres", 0, "werkgevers"),
        ("jaar:abc OR", 0, None),
    ]  # fmt: skip
    assert all(list(r) == ["query", "total", "hits", "facets", "suggestion"] for r in records)
    assert err == (
        "let op: query 4: jaar:abc genegeerd: verwacht een jaar of een bereik, bijvoorbeeld "
        "jaar:2022 of jaar:2021..2023; OR zonder zoekterm ervoor genegeerd\n"
    )


def test_search_text_output(kb: str, capsys) -> None:
    code, out, _ = _run(capsys, "search", "werkgevres", "--kb", kb)
    assert (code, out) == (0, "0 resultaten voor 'werkgevres'\nbedoelde u: werkgevers?\n")
    code, out, _ = _run(capsys, "search", "Taskforce VIA", "--limit", "1", "--sort", "date",
                        "--kb", kb)  # fmt: skip
    lines = out.splitlines()
    assert lines[0] == "15 resultaten voor 'Taskforce VIA' (1–1)"
    assert lines[1].startswith("  1. [alinea] 2025  002_080da9ed5327206a  Brief: de Werkagenda")
    assert "*Taskforce*" in lines[2]
    assert "  soort: alinea (10), toezegging (2), voetnoot (2), cijfer (1)" in lines


@pytest.mark.parametrize(
    ("options", "total"),
    [
        (["--jaar", "2021..2022"], 28),
        (["--org", "UWV"], 1),
        (["--soort", "toezegging"], 6),
        (["--brief", "kst-29544-1158"], 19),
        (["--ondertekenaar", "Nobel"], 10),
        (["--programma", "VIA"], 18),
    ],
)
def test_filter_options(kb: str, capsys, options: list[str], total: int) -> None:
    code, out, _ = _run(capsys, "search", "werkagenda", *options, "--json", "--kb", kb)
    assert (code, json.loads(out)["total"]) == (0, total)


def test_offset_pages_through_the_hits(kb: str, capsys) -> None:
    _, whole, _ = _run(capsys, "search", "statushouders", "--limit", "20", "--json", "--kb", kb)
    _, page, _ = _run(capsys, "search", "statushouders", "--limit", "10", "--offset", "10",
                      "--json", "--kb", kb)  # fmt: skip
    assert json.loads(page)["hits"] == json.loads(whole)["hits"][10:20]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["search"], "error: give a QUERY or --queries FILE (not both); see `kb search --help`\n"),
        (["search", "x", "--queries", "q.txt"],
         "error: give a QUERY or --queries FILE (not both); see `kb search --help`\n"),
        (["search", "--queries", "missing.txt"], "error: cannot read missing.txt: No such file or directory\n"),
    ],
)  # fmt: skip
def test_usage_errors(kb: str, capsys, argv: list[str], message: str) -> None:
    code, out, err = _run(capsys, *argv, "--kb", kb)
    assert (code, out, err) == (2, "", message)


def test_search_without_a_knowledge_base(tmp_path: Path, capsys) -> None:
    code, _, err = _run(capsys, "search", "werkgevers", "--kb", str(tmp_path / "none"))
    assert (code, err) == (
        1,
        f"error: no knowledge base at {tmp_path / 'none'}; run `kb ingest corpus/` first\n",
    )


def test_index_update_and_rebuild(kb: str, capsys) -> None:
    code, out, _ = _run(capsys, "index", "--kb", kb)
    assert code == 0
    assert out.startswith("search index updated: 0 letters indexed, 0 removed, 0 units written; "
                          "now 5 letters, 433 units in ")  # fmt: skip
    code, out, _ = _run(capsys, "index", "--rebuild", "--kb", kb)
    assert code == 0
    assert out.startswith("search index rebuilt: 5 letters indexed, 0 removed, 433 units written; "
                          "now 5 letters, 433 units in ")  # fmt: skip


def test_search_builds_a_missing_index_first(kb: str, tmp_path: Path, capsys) -> None:
    shutil.copytree(kb, tmp_path / "kb")
    shutil.rmtree(tmp_path / "kb" / "index")
    code, out, err = _run(capsys, "search", "werkgevers", "--json", "--kb", str(tmp_path / "kb"))
    assert (code, json.loads(out)["total"]) == (0, 72)
    assert err.startswith("search index built: 5 letters indexed")


@pytest.mark.parametrize("command", ["search", "index"])
def test_help(command: str, capsys) -> None:
    with pytest.raises(SystemExit) as stop:
        main([command, "--help"])
    assert stop.value.code == 0
    assert capsys.readouterr().out.startswith(f"usage: kb {command}")
