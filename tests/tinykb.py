"""Shared material for the reader tests (a helper, not a test file): the document ids of the
seed letters and a tiny KB of two letters of our own, one full of markup that must stay text."""

from __future__ import annotations

from pathlib import Path

from apptest import kb_of

S000, S001, S002, S003, S004 = (
    "000_6adc83efdee732d0", "001_a4dc7a71a65ae17e", "002_080da9ed5327206a",
    "003_a17b3276b8151254", "004_e70a85e84504e092",
)  # fmt: skip

# A letter full of markup that must stay text, citing the (tiny) letter kst-29544-1158.
EVIL = """Onderzoek naar <script>alert(1)</script> en [klik](javascript:alert(1))

Inleiding
Deze brief bevat <script>alert(1)</script> en ook <img src=x onerror=alert(1)> als tekst.
Het UWV en de gemeente Amsterdam werken samen in de Taskforce VIA.1 Zie ook
Kamerstuk 29 544, nr. 1158 over de voortgang van het programma.

Vervolg
Een tweede alinea met **vet** en [klik](javascript:alert(1)) als Markdown.

1 Een voetnoot met <b>vet</b> en [klik](javascript:alert(1)) erin.
"""
CITED = """Voortgang van het programma

Datum 3 maart 2023

Met deze brief informeer ik u over de voortgang van het programma.

Tweede Kamer, vergaderjaar 2022–2023, 29 544, nr. 1158 1
"""


def build_tiny_kb(root: Path) -> Path:
    """A KB of two .txt letters: "kwaad" (markup as text, no date) cites "voortgang"."""
    return kb_of(root, {"kwaad.txt": EVIL, "voortgang.txt": CITED})
