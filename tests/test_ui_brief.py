"""The reader page (ui/screens/brief.py) through Streamlit's AppTest, on the seed KB and a tiny KB."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from tinykb import S000, S001, S002, S003, S004, build_tiny_kb

from ui.common import esc, md
from ui.links import entity_url

APP = Path(__file__).resolve().parents[1] / "ui" / "app.py"

# Per seed: title, footnotes, Kamerstuk references (body + footnotes).
SEED_PAGES = {
    S000: ("Gelijkwaardige kansen op de arbeidsmarkt voor iedereen", 37, 5),
    S001: ("Programma Verdere Integratie op de Arbeidsmarkt", 0, 0),
    S002: ("Brief: de Werkagenda Voor een Inclusieve Arbeidsmarkt (VIA)", 3, 1),
    S003: ("Voortgangsbrief: de stand van zaken van het programma Verdere Integratie op de "
           "Arbeidsmarkt (VIA)", 17, 11),
    S004: ("Uitkomsten, afronding en vervolg van het programma Verdere Integratie op de "
           "Arbeidsmarkt (VIA)", 35, 6),
}  # fmt: skip


def page(kb: Path, monkeypatch: pytest.MonkeyPatch, **params: str) -> AppTest:
    """The app switched to /brief with `params` as the URL's query parameters."""
    monkeypatch.setenv("KB_DIR", str(kb))
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    at.query_params = dict(params)
    at.switch_page("screens/brief.py").run()
    assert not at.exception
    return at


def goto(at: AppTest, **params: str) -> AppTest:
    """Rerun the page with other query parameters (as a new URL would)."""
    at.query_params = dict(params)
    at.run()
    assert not at.exception
    return at


def body(at: AppTest, opening: str) -> str:
    """The one st.html body that starts with `opening`."""
    (found,) = [h.value for h in at.html if h.value.startswith(opening)]
    return found


def letter(at: AppTest) -> str:
    return body(at, '<div class="kb-letter">')


def notes(at: AppTest) -> str:
    return body(at, '<div class="kb-fns">')


def panel(at: AppTest) -> str:
    return body(at, '<dl class="kb-meta">')


def scroll_target(at: AppTest) -> str | None:
    frames = at.get("iframe")
    if not frames:
        return None
    (frame,) = frames
    found = re.search(r'const id = "([^"]+)";', frame.proto.srcdoc)
    return found.group(1) if found else None


@pytest.fixture(scope="module")
def tiny_kb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_tiny_kb(tmp_path_factory.mktemp("tinyui"))


def test_every_seed_letter_renders(seed_kb, monkeypatch):
    at = page(seed_kb, monkeypatch)
    for doc, (title, footnotes, references) in SEED_PAGES.items():
        goto(at, id=doc)
        assert at.selectbox[0].value == doc
        assert at.header[0].value == md(title)
        text = letter(at)
        assert text.count('<sup class="kb-fn"') == footnotes
        if footnotes:
            assert notes(at).count('<p id="voetnoot-') == footnotes
            text += notes(at)
        assert text.count('class="kb-ref"') == references
        assert scroll_target(at) is None


def test_default_is_the_newest_letter(seed_kb, monkeypatch):
    at = page(seed_kb, monkeypatch)
    assert at.selectbox[0].value == S002
    assert at.query_params["id"] == S002
    assert at.selectbox[0].options[:2] == [
        "2025 — Brief: de Werkagenda Voor een Inclusieve Arbeidsmarkt (VIA)",
        "2023 — Gelijkwaardige kansen op de arbeidsmarkt voor iedereen",
    ]


def test_url_id_selects_and_picker_writes_the_url(seed_kb, monkeypatch):
    at = page(seed_kb, monkeypatch, id=S004, van="2652", tot="2678")
    assert at.selectbox[0].value == S004
    at.selectbox[0].set_value(S003).run()
    assert not at.exception
    assert at.query_params == {"id": S003}  # van/tot belonged to the other letter
    assert at.header[0].value == md(SEED_PAGES[S003][0])
    assert "kb-hit" not in letter(at) and "<mark>" not in letter(at)


def test_van_tot_highlight_the_passage(seed_kb, monkeypatch):
    at = page(seed_kb, monkeypatch, id=S004, van="2652", tot="2678")
    text = letter(at)
    assert text.count('class="kb-hit"') == 1 and '<p id="p-2611" class="kb-hit">' in text
    marks = "".join(re.findall(r"<mark>([^<]*)</mark>", text))
    assert marks == "de Motie-Van Baarle/Simons"
    assert scroll_target(at) == "p-2611"
    goto(at, id=S004, van="22301", tot="22340")  # a reference in footnote 8
    assert '<p id="voetnoot-8" class="kb-hit">' in notes(at)
    assert scroll_target(at) == "voetnoot-8"
    goto(at, id=S004, van="nonsens")
    assert "kb-hit" not in letter(at) and scroll_target(at) is None


def test_unknown_id_says_so_in_dutch(seed_kb, monkeypatch):
    at = page(seed_kb, monkeypatch, id="bestaat-niet")
    assert at.error[0].value == (
        "Er is geen brief met id ‘bestaat\\-niet’ in deze kennisbank. Kies een brief."
    )
    assert at.selectbox[0].value is None
    assert not [h for h in at.html if h.value.startswith('<div class="kb-letter">')]
    at.selectbox[0].set_value(S001).run()
    assert not at.exception and not at.error
    assert at.query_params["id"] == S001 and letter(at).startswith('<div class="kb-letter">')


def test_metadata_panel(seed_kb, monkeypatch):
    at = page(seed_kb, monkeypatch, id=S004)
    meta = panel(at)
    assert "<dt>Datum</dt><dd>17 november 2021 (precisie: dag)</dd>" in meta
    assert "uit de regel ‘Datum’ in het briefhoofd" in meta
    assert "Bewijs: “Datum 17 november 2021” · zekerheid 99%" in meta
    assert "A.D. Wiersma" in meta and "004_e70a85e84504e092.txt" in meta
    assert body(at, '<p class="kb-muted">Geen waarschuwingen') == (
        '<p class="kb-muted">Geen waarschuwingen.</p>'
    )
    assert [e.label for e in at.expander] == [
        "Moties in deze brief (3)", "Toezeggingen in deze brief (3)", "Cijfers in deze brief (2)",
    ]  # fmt: skip
    assert f'href="/brief?id={S004}&amp;van=2611&amp;tot=2772">Motie-Van Baarle/Simons</a>' in (
        body(at, '<ul><li><a href="/brief?id=004_e70a85e84504e092&amp;van=2611')
    )
    goto(at, id=S003)
    assert (
        '<dt>Kamerstuk</dt><dd><a href="https://zoek.officielebekendmakingen.nl/'
        'kst-29544-1158.html">kst-29544-1158</a> · vergaderjaar 2022-2023</dd>'
    ) in panel(at)
    assert "afgeleid uit de laatste gedateerde gebeurtenis" in panel(at)


def test_footnotes_references_and_entities_are_linked(seed_kb, monkeypatch):
    at = page(seed_kb, monkeypatch, id=S002)
    text = letter(at)
    assert '<sup class="kb-fn" id="noot-1"><a href="#voetnoot-1" title="voetnoot 1">1</a>' in text
    assert '<span class="kb-fn-pop" role="tooltip">De Taskforce VIA bestaat uit' in text
    assert '<p id="voetnoot-2"><span class="kb-fn-num">2</span><a class="kb-ref" ' in notes(at)
    assert 'href="https://zoek.officielebekendmakingen.nl/kst-32824-419.html"' in notes(at)
    assert '<a class="kb-back" href="#noot-2" title="terug naar de tekst">↩</a>' in notes(at)
    node = esc(entity_url("programme:werkagenda-via"))
    assert f'<a class="kb-ent kb-ent-programme" href="{node}" title="Werkagenda VIA">' in text
    legend = body(at, '<div class="kb-legend')
    assert '<span class="kb-ent kb-ent-fund">fonds</span>' in legend


def test_entity_marks_can_be_hidden(seed_kb, monkeypatch):
    at = page(seed_kb, monkeypatch, id=S000)
    assert "kb-ent" in letter(at)
    at.toggle[0].set_value(False).run()
    assert not at.exception
    assert "kb-ent" not in letter(at) and "kb-ent" not in notes(at)
    assert not [h for h in at.html if h.value.startswith('<div class="kb-legend')]
    assert letter(at).count('<sup class="kb-fn"') == 37  # markers and references stay


class Tags(HTMLParser):
    """Every start tag of an HTML body with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags_of(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Tags()
    parser.feed(html)
    return parser.tags


def assert_harmless(at: AppTest) -> None:
    """No st.html body holds a script, image, event handler or javascript: link."""
    for element in at.html:
        assert "<script" not in element.value and "<img" not in element.value
        for tag, attrs in tags_of(element.value):
            assert tag not in {"script", "img", "iframe", "object", "embed", "b"}
            assert not [name for name in attrs if name.startswith("on")]
            assert not (attrs.get("href") or "").lower().startswith("javascript:")


def test_letter_markup_is_rendered_as_text(tiny_kb, monkeypatch):
    at = page(tiny_kb, monkeypatch, id="kwaad")
    assert_harmless(at)
    text, footnotes = letter(at), notes(at)
    assert "Deze brief bevat &lt;script&gt;alert(1)&lt;/script&gt; en ook" in text
    assert "&lt;img src=x onerror=alert(1)&gt; als tekst." in text
    assert "[klik](javascript:alert(1)) als Markdown." in text
    assert "Een voetnoot met &lt;b&gt;vet&lt;/b&gt; en [klik](javascript:alert(1)) erin." in (
        footnotes
    )
    assert (  # the footnote's popover at its marker is escaped as well
        '<span class="kb-fn-pop" role="tooltip">Een voetnoot met &lt;b&gt;vet&lt;/b&gt;' in text
    )
    assert at.header[0].value == md(
        "Onderzoek naar <script>alert(1)</script> en [klik](javascript:alert(1))"
    )
    assert "\\<script\\>" in at.header[0].value and "\\[klik\\]\\(" in at.header[0].value


def test_url_markup_is_rendered_as_text(tiny_kb, monkeypatch):
    at = page(tiny_kb, monkeypatch, id="<img src=x onerror=alert(1)>", van="<script>")
    assert_harmless(at)
    assert at.error[0].value.startswith("Er is geen brief met id ‘\\<img src\\=x onerror\\=")


def test_reference_to_a_letter_in_the_kb_and_warnings(tiny_kb, monkeypatch):
    at = page(tiny_kb, monkeypatch, id="kwaad", van="249", tot="275")
    assert (
        '<a class="kb-ref" href="/brief?id=voortgang" title="kst-29544-1158 in deze kennisbank">'
        "<mark>Kamerstuk 29 544, nr. 1158</mark></a>"
    ) in letter(at)
    assert body(at, '<ul class="kb-warnings">') == (
        '<ul class="kb-warnings"><li><strong>geen datum</strong> <code>no-date</code>: '
        "no date found in the document</li></ul>"
    )
    assert "<dt>Datum</dt><dd>onbekend</dd>" in panel(at)
    assert "geen datum gevonden" in panel(at)
    assert [m.value for m in at.markdown if "Waarschuwingen" in m.value] == [
        "**Waarschuwingen van de inlezer** (1)"
    ]
