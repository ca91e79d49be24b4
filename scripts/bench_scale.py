"""How the costs grow with the corpus: ingest, index, search and the UI at 1k, 10k, 100k passages.

For each size a corpus of unique copies of the seed letters (the real pipeline, knowledge
included) is ingested with 2 workers into a fresh KB; then, each in a fresh child process so its
memory is its own: the search index is rebuilt, the judged queries of tests/search_judgments.json
are timed, and the app (`kb ui`) is started and every page loaded in Debian's Chromium, first
cold (caches empty) and then warm. Results go to docs/benchmarks.md between the `scale` markers.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

START, END = "<!-- scale:start -->", "<!-- scale:end -->"
PAGES = ["zoeken", "brief", "tijdlijn", "toezeggingen", "moties", "cijfers", "netwerk", "over"]
PAGE_TIMEOUT = 120  # seconds a page may take before it is reported as "> 120"
UNITS_PER_COPY = 446  # passages + footnotes of one copy of the five seeds (checked in _ingest)


def make_corpus(folder: Path, copies: int) -> None:
    """`copies` unique copies of each seed letter (one line added, so each hashes differently)."""
    folder.mkdir(parents=True)
    for i in range(copies):
        for seed in sorted((REPO / "corpus").glob("*.txt")):
            text = seed.read_text(encoding="utf-8") + f"\n\nKopie {i}.\n"
            (folder / f"{seed.stem}-{i:04d}.txt").write_text(text, encoding="utf-8")


def _peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # KiB on Linux


def child(phase: str, *args: str) -> dict:
    """Run one phase of this script in a fresh interpreter and return its JSON answer."""
    out = subprocess.run([sys.executable, __file__, "--phase", phase, *args], check=True,
                         stdout=subprocess.PIPE, text=True).stdout  # fmt: skip
    return json.loads(out.strip().splitlines()[-1])


def _ingest(corpus: str, kb_dir: str) -> dict:
    from kb.ingesting import ingest_paths
    from kb.store import Store

    with Store(kb_dir) as store:
        report = ingest_paths([Path(corpus)], store, workers=2)
        units = store.db.execute(
            "SELECT (SELECT COUNT(*) FROM passages) + (SELECT COUNT(*) FROM footnotes)"
        ).fetchone()[0]
    assert not report.failures, report.failures
    return {"seconds": report.elapsed, "files": report.files, "pages": report.pages,
            "units": units, "rss_main": _peak_mb(),
            "rss_worker": _peak_mb(resource.RUSAGE_CHILDREN)}  # fmt: skip


def _index(kb_dir: str) -> dict:
    from kb.search.index import SearchIndex
    from kb.store import Store

    started = time.perf_counter()
    with Store(kb_dir) as store:
        SearchIndex.rebuild(store)
    return {"seconds": time.perf_counter() - started, "rss": _peak_mb()}


def _search(kb_dir: str) -> dict:
    from kb.search.engine import SearchRequest, search
    from kb.search.index import SearchIndex

    queries = [j["query"] for j in json.loads((REPO / "tests/search_judgments.json").read_text())]
    index = SearchIndex.open(kb_dir)
    for query in queries:  # warm up: open readers, load the ranking arrays
        search(index, SearchRequest(query))
    times = []
    for _ in range(3):
        for query in queries:
            started = time.perf_counter()
            search(index, SearchRequest(query))
            times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {"queries": len(times), "p50": statistics.median(times),
            "p95": times[math.ceil(0.95 * len(times)) - 1], "rss": _peak_mb()}  # fmt: skip


def _ui(kb_dir: str, log: str) -> dict:
    from browser import CHROMIUM, CHROMIUM_ARGS, running_app
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    def expect_no_skeleton(page) -> None:  # charts and tables drawn, not placeholders
        page.wait_for_function("() => !document.querySelector('[data-testid=stSkeleton]')")

    def load(page, url: str) -> float | None:
        """Seconds until the page is drawn, or None if it took longer than PAGE_TIMEOUT."""
        started = time.perf_counter()
        try:
            page.goto(url)
            page.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]")
            page.locator("[data-testid=stMain] :is(h1, h2)").first.wait_for()
            expect_no_skeleton(page)
        except PlaywrightTimeout:
            return None
        return time.perf_counter() - started

    with running_app(Path(kb_dir), Path(log)) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.set_default_timeout(PAGE_TIMEOUT * 1000)
        cold = {name: load(page, f"{url}/{name}") for name in PAGES}
        warm = {name: _best([load(page, f"{url}/{name}") for _ in range(3)]) for name in PAGES}
        rss = _server_peak_mb(url)
        browser.close()
    return {"cold": cold, "warm": warm, "rss": rss}


def _best(times: list[float | None]) -> float | None:
    done = [t for t in times if t is not None]
    return min(done) if done else None


def _s(seconds: float | None) -> str:
    return f"> {PAGE_TIMEOUT}" if seconds is None else f"{seconds:.2f}"


def _server_peak_mb(url: str) -> float:
    """Peak RSS (VmHWM) of the process listening on the app's port."""
    port = url.rsplit(":", 1)[1]
    out = subprocess.run(["ss", "-Hltnp", f"sport = :{port}"], capture_output=True, text=True)
    pid = re.search(r"pid=(\d+)", out.stdout)
    if not pid:
        return float("nan")
    status = Path(f"/proc/{pid.group(1)}/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) / 1024


def measure(size: int, tmp: Path) -> dict:
    copies = max(1, round(size / UNITS_PER_COPY))
    corpus, kb_dir = tmp / f"corpus-{size}", tmp / f"kb-{size}"
    make_corpus(corpus, copies)
    row = {"size": size, "ingest": child("ingest", str(corpus), str(kb_dir))}
    row["index"] = child("index", str(kb_dir))
    row["search"] = child("search", str(kb_dir))
    print(json.dumps({"partial": row}), flush=True)
    row["ui"] = child("ui", str(kb_dir), str(tmp / f"ui-{size}.log"))
    print(json.dumps(row), flush=True)
    return row


def table(rows: list[dict]) -> str:
    lines = [
        "| passages | letters | pages | ingest s (2 workers) | ingest peak MB main / worker | "
        "index rebuild s | index peak MB | search p50 / p95 ms | search peak MB | "
        "UI first page s (cold) | UI slowest page cold s | UI slowest page warm s | UI peak MB |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        i, x, s, u = r["ingest"], r["index"], r["search"], r["ui"]
        slow_cold = max(u["cold"], key=lambda n: u["cold"][n] or float("inf"))
        slow_warm = max(u["warm"], key=lambda n: u["warm"][n] or float("inf"))
        lines.append(
            f"| {i['units']:,} | {i['files']:,} | {i['pages']:,} | {i['seconds']:.1f} | "
            f"{i['rss_main']:.0f} / {i['rss_worker']:.0f} | {x['seconds']:.1f} | {x['rss']:.0f} | "
            f"{s['p50']:.1f} / {s['p95']:.1f} | {s['rss']:.0f} | {_s(u['cold']['zoeken'])} | "
            f"{_s(u['cold'][slow_cold])} ({slow_cold}) | {_s(u['warm'][slow_warm])} "
            f"({slow_warm}) | {u['rss']:.0f} |"
        )
    return "\n".join(lines)


def page_table(rows: list[dict]) -> str:
    head = "| page | " + " | ".join(f"{r['ingest']['units']:,} cold / warm s" for r in rows) + " |"
    lines = [head, "|---|" + "---|" * len(rows)]
    for name in PAGES:
        cells = [f"{_s(r['ui']['cold'][name])} / {_s(r['ui']['warm'][name])}" for r in rows]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def report(rows: list[dict], machine: str) -> str:
    how = (
        f"Machine: {machine}. Measured by `make bench` (`scripts/bench_scale.py`). Corpus: unique "
        "copies of the five seed letters through the real pipeline (knowledge included), so the "
        "knowledge grows with the text. Ingest runs `ingest_paths` with 2 worker processes "
        "(read, extract, store; the search-index update that follows is not in this time); "
        "peak RSS is ru_maxrss of the main process "
        "and of the largest worker. The index is then rebuilt in a fresh process. Search times "
        "the judged queries of tests/search_judgments.json three times each after a warm-up, in "
        "a fresh process. The UI is `kb ui` over that KB in Debian's Chromium: each page is "
        "loaded until Streamlit has finished the script, the page title shows and no "
        "placeholder is left; cold = first visit after the server started (caches empty), "
        "warm = best of three later visits; UI "
        "peak MB is VmHWM of the Streamlit server after every page was shown."
    )
    pages = page_table(rows)
    return "\n".join([START, "## How costs grow with the corpus", "", how, "", table(rows), "",
                      "Per page (seconds until the page is drawn):", "", pages, END])  # fmt: skip


def write_section(path: Path, section: str) -> None:
    old = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    if START in old and END in old:
        new = old[: old.index(START)] + section + old[old.index(END) + len(END) :]
    else:
        new = old.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(new, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="markdown file to update")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    phases = ("ingest", "index", "search", "ui")
    parser.add_argument("--phase", choices=phases, help=argparse.SUPPRESS)
    parser.add_argument("rest", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.phase:
        work = {"ingest": _ingest, "index": _index, "search": _search, "ui": _ui}[args.phase]
        print(json.dumps(work(*args.rest)))
        return 0
    from bench_ingest import machine

    with tempfile.TemporaryDirectory() as tmp:
        rows = [measure(size, Path(tmp)) for size in args.sizes]
    section = report(rows, machine())
    print(section)
    if args.out:
        write_section(args.out, section)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
