"""`kb trace`, `kb commitments`, `kb timeline`, `kb members` and `kb graph`: thin shells over
kb.queries, kb.commitments_view and kb.graph. Readable tables on a terminal, `--json` for machines.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import sys
import textwrap
from pathlib import Path
from typing import Any

from kb import queries
from kb.commitments_view import commitments
from kb.graph import build_graph, write_graph
from kb.settings import kb_dir
from kb.store import Store

OK, FAILED = 0, 1


def add_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    """Register the knowledge commands on the `kb` parser."""
    as_json = argparse.ArgumentParser(add_help=False)
    as_json.add_argument("--json", action="store_true", help="print JSON instead of a table")
    trace = commands.add_parser("trace", help="trace a motion or a statistic through the letters")
    kinds = trace.add_subparsers(title="what", required=True, metavar="WHAT")
    for name, run, helptext in (
        ("motion", run_trace_motion, "a motion: its Kamerstuk, members and what letters say"),
        ("statistic", run_trace_statistic, "a figure: its footnote, publication and publisher"),
    ):
        sub = kinds.add_parser(name, parents=[common, as_json], help=helptext, description=helptext)
        sub.add_argument("text", metavar="TEXT", help="words to look for, e.g. 'Ergin' or '9,6'")
        sub.set_defaults(run=run)
    promised = commands.add_parser(
        "commitments", parents=[common, as_json], help="commitments (toezeggingen) and fulfilment",
        description="Commitments in the letters with due date, status and fulfilling letters.",
    )  # fmt: skip
    promised.add_argument("--open", action="store_true", help="only open (and overdue) ones")
    promised.add_argument(
        "--min-confidence", type=float, default=0.5, metavar="X",
        help="leave out weaker ones, such as intentions (default: 0.5; 0 shows all)",
    )  # fmt: skip
    promised.set_defaults(run=run_commitments)
    line = commands.add_parser(
        "timeline", parents=[common, as_json], help="letters, events and due dates by date",
        description="Letters, dated events and commitment due dates between two years.",
    )  # fmt: skip
    line.add_argument("--from", dest="first", type=int, default=2018, metavar="YEAR")
    line.add_argument("--to", dest="last", type=int, default=2029, metavar="YEAR")
    line.set_defaults(run=run_timeline)
    members = commands.add_parser(
        "members", parents=[common, as_json], help="who is listed as partner in which letter",
        description="Partner membership of a group (default: the most listed) per letter.",
    )  # fmt: skip
    members.add_argument("--group", metavar="KEY", help="e.g. organisation:taskforce-via")
    members.set_defaults(run=run_members)
    graph = commands.add_parser("graph", help="the knowledge graph")
    graph_commands = graph.add_subparsers(title="commands", required=True, metavar="COMMAND")
    export = graph_commands.add_parser(
        "export", parents=[common], help="write the graph as GraphML or node-link JSON",
        description="Write the knowledge graph as GraphML or node-link JSON.",
    )  # fmt: skip
    export.add_argument("--format", choices=("graphml", "json"), default="graphml")
    export.add_argument("--out", type=Path, metavar="FILE", help="write to FILE, not stdout")
    export.set_defaults(run=run_graph_export)


def _store(args: argparse.Namespace) -> Store:
    return Store.open(kb_dir(args.kb), create=False)


def _emit(args: argparse.Namespace, items: list[Any], table: list[str]) -> int:
    if args.json:
        records = [dataclasses.asdict(i) if dataclasses.is_dataclass(i) else i for i in items]
        print(json.dumps(records, ensure_ascii=False, indent=2, default=str))
    else:
        print("\n".join(table) if table else "(niets gevonden)")
    return OK


def run_trace_motion(args: argparse.Namespace) -> int:
    with _store(args) as store:
        traces = queries.trace_motion(store, args.text)
    table = []
    for t in traces:
        members, parties = ", ".join(t.members) or "-", ", ".join(t.parties) or "-"
        table += [f"{t.name}  [{t.id}]  status: {t.status}",
                  f"  leden: {members}   partijen: {parties}",
                  f"  Kamerstuk: {t.reference or '-'}  {t.url or ''}".rstrip()]  # fmt: skip
        for s in t.steps:
            table.append(f"  {s.date or '????'}  {s.document} ({s.stance or 'vermeld'})")
            table += _wrap(s.quote, "      ")
    return _emit(args, traces, table)


def run_trace_statistic(args: argparse.Namespace) -> int:
    with _store(args) as store:
        traces = queries.trace_statistic(store, args.text)
    table = []
    for t in traces:
        table += [f"{t.value}  ({t.document}, {t.date or '?'})"]
        table += _wrap(t.quote, "    ")
        via = f"voetnoot {t.footnote}" if t.footnote is not None else (t.source_via or "-")
        table += [f"  bron via {via}: {t.source or '-'}",
                  f"  publicatie: {t.publication or '-'}   uitgever: {t.publisher or '-'}"]
        table += [f"  zelfde bron: {s.quote} ({s.document})" for s in t.same_source]
    return _emit(args, traces, table)


def run_commitments(args: argparse.Namespace) -> int:
    with _store(args) as store:
        items = commitments(store, today=dt.date.today(), open_only=args.open)
    items = [c for c in items if c.confidence >= args.min_confidence]
    table = []
    for c in items:
        flag = "  TE LAAT" if c.overdue else ""
        table.append(f"[{c.status}{flag}] {c.due or 'geen termijn'}  {c.document}: {c.action}")
        table += [f"    vervuld door {f.document} ({f.confidence:.2f}): {f.evidence[:90]}"
                  for f in c.fulfilled_by]  # fmt: skip
    return _emit(args, items, table)


def run_timeline(args: argparse.Namespace) -> int:
    with _store(args) as store:
        items = queries.timeline(store, args.first, args.last)
    table = [f"{i.start} – {i.end}  {i.lane:<11} {i.label[:80]}" for i in items]
    return _emit(args, items, table)


def run_members(args: argparse.Namespace) -> int:
    with _store(args) as store:
        matrix = queries.membership_matrix(store, args.group)
    if args.json:
        print(json.dumps(matrix, ensure_ascii=False, indent=2))
        return OK
    documents = list(next(iter(matrix.values()))) if matrix else []
    table = ["organisatie".ljust(40) + " ".join(d[:8].ljust(8) for d in documents)]
    table += [org[:39].ljust(40) + " ".join(("   x    " if v else "   .    ") for v in row.values())
              for org, row in matrix.items()]  # fmt: skip
    return _emit(args, [], table)


def run_graph_export(args: argparse.Namespace) -> int:
    with _store(args) as store:
        graph = build_graph(store)
    text = write_graph(graph, args.out, args.format)
    if text is not None:
        sys.stdout.write(text + "\n")
    return OK


def _wrap(text: str, indent: str) -> list[str]:
    return textwrap.wrap(" ".join(text.split()), 96, initial_indent=indent,
                         subsequent_indent=indent)  # fmt: skip
