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
    settle(page)
    page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=False)
    if target := os.environ.get("KB_SCREENSHOTS"):
        Path(target).mkdir(parents=True, exist_ok=True)
        shutil.copy(ARTIFACTS / f"{name}.png", Path(target) / f"{name}.png")


def settle(page: Page) -> None:
    """Wait until Streamlit has finished running the page's script."""
    page.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]",
                           timeout=TIMEOUT)  # fmt: skip
    # Charts and tables draw after the script ends: wait until no placeholder is left.
    expect(page.locator("[data-testid=stSkeleton]")).to_have_count(0)
    for chart in page.locator("[data-testid=stVegaLiteChart]").all():
        expect(chart.locator("canvas, svg").first).to_be_visible()


def assert_clean(page: Page) -> None:
    """No Python exception on the page, no script ran from a letter, no broken JS."""
    expect(page.locator("[data-testid=stException]")).to_have_count(0)
    assert page.evaluate("() => window.__pwned === undefined")
    assert page.dialogs == []  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", PAGES)
def test_every_page_renders_without_errors(page: Page, app_url: str, name: str) -> None:
    page.goto(f"{app_url}/{name}")
    settle(page)
    expect(page.locator("[data-testid=stMain] :is(h1, h2)").first).to_be_visible()
    assert_clean(page)


def pick_first(page: Page, label: str) -> None:
    """Open the selectbox `label` and take its first option (keyboard, as a user could)."""
    page.get_by_role("combobox", name=label).click()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    settle(page)


def test_search_open_the_letter_at_the_hit_and_read_a_footnote(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/zoeken?q=motie+Ergin")
    hit = page.get_by_role("link", name="Open in brief").first
    expect(hit).to_be_visible()
    expect(page.locator("mark", has_text="Ergin").first).to_be_visible()
    shot(page, "zoeken")
    hit.click()
    page.wait_for_url("**/brief?id=002_080da9ed5327206a&van=*")
    settle(page)
    expect(page.locator(".kb-hit").first).to_contain_text("motie Ergin")
    shot(page, "brief")
    marker = page.locator(".kb-fn").first
    marker.scroll_into_view_if_needed()
    marker.hover()
    expect(marker.locator(".kb-fn-pop")).to_be_visible()
    shot(page, "brief-voetnoot")
    marker.locator("a").first.click()
    expect(page.locator(".kb-fns p:target")).to_have_count(1)
    assert_clean(page)


def test_timeline_item_and_open_commitment(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/tijdlijn")
    settle(page)
    expect(page.locator("[data-testid=stVegaLiteChart]").first).to_be_visible()
    shot(page, "tijdlijn")
    pick_first(page, "Kies een item")
    expect(page.get_by_role("link", name="Open de brief bij deze zin")).to_be_visible()
    assert "item=" in page.url
    page.goto(f"{app_url}/toezeggingen?programma=programme:via&open=1")
    settle(page)
    expect(page.get_by_text("Totaal").first).to_be_visible()
    pick_first(page, "Kies een toezegging")
    expect(page.get_by_role("link", name="Open de brief bij deze zin")).to_be_visible()
    assert "toezegging=" in page.url
    shot(page, "toezeggingen")
    assert_clean(page)


@pytest.mark.parametrize(
    ("address", "answer", "name"),
    [
        ("moties?motie=Ergin", "geeft invulling", "moties"),
        ("cijfers?zoek=9,6+procent+bijstand", "Kernindicatoren Integratie 2023", "cijfers"),
        ("netwerk", "Lidmaatschap", "netwerk"),
        ("over", "Waarschuwingen en mislukte bestanden", "over"),
    ],
)
def test_pages_answer_from_a_shared_link(
    page: Page, app_url: str, address: str, answer: str, name: str
) -> None:
    page.goto(f"{app_url}/{address}")
    settle(page)
    expect(page.get_by_text(answer).first).to_be_visible()
    shot(page, name)
    assert_clean(page)


def hostile_id(kb_dir: Path) -> str:
    with Store.open(kb_dir, create=False) as store:
        row = store.db.execute(
            "SELECT id FROM documents WHERE source LIKE ?", (f"%{HOSTILE.name}",)
        ).fetchone()
    return row[0]


@pytest.mark.parametrize(
    "address",
    ["brief?id={doc}", "zoeken?q=onveilige", "zoeken?q=deelnemers+vet", "toezeggingen?brief={doc}",
     "moties?motie=Kwaad", "cijfers?zoek=12,5+procent", "netwerk?entiteit=letter:{doc}", "over",
     "tijdlijn"],
)  # fmt: skip
def test_a_letter_full_of_html_and_script_only_shows_text(
    page: Page, app_url: str, e2e_kb: Path, address: str
) -> None:
    page.goto(f"{app_url}/{address.format(doc=hostile_id(e2e_kb))}")
    settle(page)
    page.wait_for_timeout(500)  # give any injected handler (onerror, onload) time to fire
    assert_clean(page)
    html = page.content()
    assert "<script>window.__pwned" not in html
    assert page.locator("img[src=x], svg[onload], iframe[src^=javascript]").count() == 0
    assert page.locator("a[href^=javascript]").count() == 0
    if address.startswith("brief"):
        expect(page.get_by_text("<script>window.__pwned", exact=False).first).to_be_visible()
