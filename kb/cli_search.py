"""`kb search` and `kb index`: thin shells over kb.search.

`kb search QUERY` prints the hits (or `--json`); `kb search --queries FILE` prints one JSON line
per query, for batch work and benchmarks. `kb index` updates the search index, `--rebuild`
builds it anew.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kb.search.engine import SORTS, SearchRequest, SearchResult, search
from kb.search.index import IndexReport, NoIndex, SearchIndex
from kb.settings import kb_dir
from kb.store import Store

OK, FAILED, USAGE = 0, 1, 2
# Filter options of `kb search` (each is also a `name:value` filter in the query).
FILTER_OPTIONS = {
    "jaar": ("A..B", "only letters of these years, e.g. 2021..2023 or 2022"),
    "org": ("X", "only units that mention this organisation, e.g. UWV"),
    "soort": ("K", "only this kind: alinea, voetnoot, cijfer or toezegging"),
    "brief": ("ID", "only this letter (document id or Kamerstuk, e.g. kst-29544-1158)"),
    "ondertekenaar": ("NAAM", "only letters signed by this person, e.g. Gennip"),
    "pilot": ("X", "only units that mention this pilot"),
    "programma": ("X", "only units that mention this programme, e.g. VIA"),
    "motie": ("X", "only units that mention this motion, e.g. Ergin"),
}


def add_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    """Register `kb search` and `kb index` on the `kb` parser."""
    find = commands.add_parser(
        "search", parents=[common], help="search passages, footnotes, figures and commitments",
        description="Search the letters. Words are ANDed; \"exact phrase\"; OR; NOT or -word; "
        "prefix*; filters in the query such as jaar:2021..2023, org:UWV, soort:voetnoot.",
    )  # fmt: skip
    find.add_argument("query", nargs="?", metavar="QUERY", help="what to look for")
    find.add_argument(
        "--queries", type=Path, metavar="FILE",
        help="run one query per line of FILE ('-': stdin); print one JSON line each",
    )  # fmt: skip
    find.add_argument("--limit", type=_whole, default=10, metavar="N", help="hits (default 10)")
    find.add_argument("--offset", type=_whole, default=0, metavar="N", help="skip N hits")
    find.add_argument("--sort", choices=SORTS, default="relevance",
                      help="relevance (default) or date (newest first)")  # fmt: skip
    for name, (metavar, helptext) in FILTER_OPTIONS.items():
        find.add_argument(f"--{name}", metavar=metavar, help=helptext)
    find.add_argument("--json", action="store_true", help="print JSON instead of text")
    find.set_defaults(run=run_search)
    index = commands.add_parser(
        "index", parents=[common], help="update or rebuild the search index",
        description="Bring the search index (<kb>/index) in step with the knowledge base: "
        "letters added, changed or removed since the last update. --rebuild indexes all anew.",
    )  # fmt: skip
    index.add_argument("--rebuild", action="store_true", help="index every letter anew")
    index.set_defaults(run=run_index)


def _whole(value: str) -> int:
    if not value.isdigit():
        raise argparse.ArgumentTypeError(f"expected a whole number of 0 or more, got {value!r}")
    return int(value)


def run_index(args: argparse.Namespace) -> int:
    """`kb index [--rebuild]`: update (or rebuild) the index and print one summary line."""
    with Store.open(kb_dir(args.kb), create=False) as store:
        report = SearchIndex.rebuild(store) if args.rebuild else SearchIndex.sync(store)
    print(index_summary(report, "rebuilt" if args.rebuild else "updated"))
    return OK


def index_summary(report: IndexReport, verb: str) -> str:
    """The one-line summary of an index update or rebuild."""
    return (
        f"search index {verb}: {report.documents} letters indexed, {report.removed} removed, "
        f"{report.units} units written; now {report.total_documents} letters, "
        f"{report.total_units} units in {report.elapsed:.1f} s"
    )


def run_search(args: argparse.Namespace) -> int:
    """`kb search`: one query (text or --json) or a file of queries (JSON lines)."""
    if (args.query is None) == (args.queries is None):
        print("error: give a QUERY or --queries FILE (not both); see `kb search --help`",
              file=sys.stderr)  # fmt: skip
        return USAGE
    try:
        queries = list(_query_lines(args.queries)) if args.queries is not None else []
    except OSError as error:
        print(f"error: cannot read {args.queries}: {error.strerror or error}", file=sys.stderr)
        return USAGE
    index = _index(Path(kb_dir(args.kb)))
    filters = {n: getattr(args, n) for n in FILTER_OPTIONS if getattr(args, n) is not None}
    requests = [SearchRequest(q, args.limit, args.offset, args.sort, filters)
                for q in (queries if args.queries is not None else [args.query])]  # fmt: skip
    for number, request in enumerate(requests, start=1):
        result = search(index, request)
        if result.error:
            where = f"query {number}: " if args.queries is not None else ""
            print(f"let op: {where}{result.error}", file=sys.stderr)
        if args.queries is not None:
            print(json.dumps(as_json(result), ensure_ascii=False))
        elif args.json:
            print(json.dumps(as_json(result), ensure_ascii=False, indent=2))
        else:
            print("\n".join(as_text(result, args.offset)))
    return OK


def _query_lines(path: Path) -> Iterator[str]:
    text = sys.stdin.read() if str(path) == "-" else path.read_text(encoding="utf-8")
    return (line.strip() for line in text.splitlines() if line.strip())


def _index(kb: Path) -> SearchIndex:
    """The KB's search index; built first (with a note on stderr) if there is none yet."""
    with Store.open(kb, create=False) as store:
        try:
            return SearchIndex.open(kb)
        except NoIndex:
            report = SearchIndex.rebuild(store)
    print(index_summary(report, "built"), file=sys.stderr)
    return SearchIndex.open(kb)


def as_json(result: SearchResult) -> dict[str, Any]:
    """The JSON record of a result: query, total, hits, facets, suggestion."""
    hits = [
        {"document": h.document, "source": h.source, "kind": h.kind, "text": h.text,
         "snippet": h.snippet, "score": round(h.score, 4), "date": h.date}
        for h in result.hits
    ]  # fmt: skip
    return {
        "query": result.query, "total": result.total, "hits": hits, "facets": result.facets,
        "suggestion": result.suggestion,
    }  # fmt: skip


def as_text(result: SearchResult, offset: int = 0) -> list[str]:
    """The result as lines for a terminal: hits with snippets, a suggestion and the facets."""
    shown = f" ({offset + 1}–{offset + len(result.hits)})" if result.hits else ""
    lines = [f"{result.total} resultaten voor {result.query!r}{shown}"]
    for rank, hit in enumerate(result.hits, start=offset + 1):
        lines.append(f"{rank:3}. [{hit.kind}] {hit.date or '????'}  {hit.document}  {hit.title}")
        lines += textwrap.wrap(_plain(hit.snippet), 96, initial_indent="     ",
                               subsequent_indent="     ")  # fmt: skip
    if result.suggestion:
        lines.append(f"bedoelde u: {result.suggestion}?")
    for name, counts in result.facets.items():
        if counts:
            top = ", ".join(f"{value} ({count})" for value, count in list(counts.items())[:6])
            lines.append(f"  {name}: {top}")
    return lines


def _plain(snippet: str) -> str:
    """A snippet for a terminal: matches between asterisks, HTML entities decoded."""
    return html.unescape(re.sub(r"</?mark>", "*", snippet))
