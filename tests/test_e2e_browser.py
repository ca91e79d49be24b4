"""End to end in a real browser: the app started by `kb ui`, driven in Debian's Chromium.

Screenshots of every step go to test-artifacts/screenshots/ (and, with KB_SCREENSHOTS=DIR, to
DIR too: `make screenshots` writes the README's pictures to docs/screenshots/).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import CHROMIUM, CHROMIUM_ARGS, running_app
from playwright.sync_api import Browser, Page, expect, sync_playwright
from seedletters import CORPUS

from kb.ingesting import ingest_paths
from kb.store import Store

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = Path(__file__).parent / "fixtures" / "hostile" / "kwaadaardige-brief.txt"
ARTIFACTS = ROOT / "test-artifacts" / "screenshots"
TIMEOUT = 30_000  # ms: the first render of a page computes its caches
PAGES = ["zoeken", "brief", "tijdlijn", "toezeggingen", "moties", "cijfers", "netwerk", "over"]


@pytest.fixture(scope="module")
def e2e_kb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The five seeds plus a letter full of HTML, script and Markdown, ingested."""
    root = tmp_path_factory.mktemp("e2e")
    shutil.copytree(CORPUS, root / "corpus")
    shutil.copy(HOSTILE, root / "corpus" / HOSTILE.name)
    with Store.open(root / "kb") as store:
        report = ingest_paths([root / "corpus"], store, workers=2)
    assert report.failures == ()
    return root / "kb"


@pytest.fixture(scope="module")
def app_url(e2e_kb: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    log = tmp_path_factory.mktemp("e2e-log") / "streamlit.log"
    with running_app(e2e_kb, log) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture()
def page(browser: Browser) -> Iterator[Page]:
    """A fresh tab that records every dialog (alert) and page error."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    tab = context.new_page()
    tab.set_default_timeout(TIMEOUT)
    tab.dialogs = []  # type: ignore[attr-defined]
    tab.errors = []  # type: ignore[attr-defined]
    tab.on("dialog", lambda d: (tab.dialogs.append(d.message), d.dismiss()))  # type: ignore[attr-defined]
    tab.on("pageerror", lambda e: tab.errors.append(str(e)))  # type: ignore[attr-defined]
    yield tab
    context.close()


def shot(page: Page, name: str) -> None:
    """Save a screenshot as a test artifact (and for the README when KB_SCREENSHOTS is set)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=False)
    if target := os.environ.get("KB_SCREENSHOTS"):
        Path(target).mkdir(parents=True, exist_ok=True)
        shutil.copy(ARTIFACTS / f"{name}.png", Path(target) / f"{name}.png")


def settle(page: Page) -> None:
    """Wait until Streamlit has finished running the page's script."""
    page.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]",
                           timeout=TIMEOUT)  # fmt: skip


def assert_clean(page: Page) -> None:
    """No Python exception on the page, no script ran from a letter, no broken JS."""
    expect(page.locator("[data-testid=stException]")).to_have_count(0)
    assert page.evaluate("() => window.__pwned === undefined")
    assert page.dialogs == []  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", PAGES)
def test_every_page_renders_without_errors(page: Page, app_url: str, name: str) -> None:
    page.goto(f"{app_url}/{name}")
    settle(page)
    expect(page.locator("[data-testid=stMain] h1").first).to_be_visible()
    assert_clean(page)
