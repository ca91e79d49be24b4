"""Opening one page of the real app in Streamlit's AppTest, shared by the UI tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from kb.ingesting import ingest_paths
from kb.store import Store

APP = Path(__file__).resolve().parents[1] / "ui" / "app.py"

# A letter with a commitment whose sentence holds script, an image handler and Markdown.
HOSTILE_COMMITMENT = """\
> Retouradres Postbus 90801 2509 LV Den Haag

De Voorzitter van de Tweede Kamer der Staten-Generaal
Prinses Irenestraat 6
Den Haag

Datum 3 maart 2024
Betreft Voortgang van het programma VIA

Geachte voorzitter,

Met deze brief informeer ik u over het programma VIA en de pilot Veilige Invoer.

In het eerste kwartaal van 2025 informeer ik uw Kamer over de resultaten van \
<script>alert('x')</script> en <img src=x onerror="alert(1)"> _schuin_ [klik](javascript:alert(1)).

Hoogachtend,

de minister van Sociale Zaken en Werkgelegenheid,

J. de Tester
"""


def kb_of(root: Path, letters: dict[str, str]) -> Path:
    """A KB in `root`/kb of the given letters (file name -> text), ingested without failures."""
    corpus = root / "corpus"
    corpus.mkdir()
    for name, text in letters.items():
        (corpus / name).write_text(text, encoding="utf-8")
    with Store.open(root / "kb") as store:
        assert ingest_paths([corpus], store, workers=1).failures == ()
    return root / "kb"


def open_page(kb: Path, monkeypatch: pytest.MonkeyPatch, screen: str, **params: str) -> AppTest:
    """The app on ui/screens/`screen`.py over the KB in `kb`, opened with URL `params`."""
    monkeypatch.setenv("KB_DIR", str(kb))
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    at.switch_page(f"screens/{screen}.py")
    at.query_params.update(params)
    at.run()
    assert not at.exception
    return at


def html(at: AppTest) -> str:
    """Every st.html body of the page, joined."""
    return "\n".join(h.proto.body for h in at.get("html"))
