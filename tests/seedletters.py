"""Shared test material: the five seed letters (cached) and letters built from test text."""

from functools import cache
from pathlib import Path

from ingest.models import Letter
from ingest.pipeline import build_letter, read_letter
from ingest.readers.text import parse_text

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
SEEDS = {
    "000": "000_6adc83efdee732d0.txt",
    "001": "001_a4dc7a71a65ae17e.txt",
    "002": "002_080da9ed5327206a.txt",
    "003": "003_a17b3276b8151254.txt",
    "004": "004_e70a85e84504e092.txt",
}


@cache
def seed(name: str) -> Letter:
    """Seed letter "000" … "004", read without knowledge."""
    return read_letter(CORPUS / SEEDS[name], knowledge=False)


def letter_from(text: str) -> Letter:
    """A letter built from PDF-to-text style text a test writes itself."""
    return build_letter(parse_text(text, source="brief.txt"), "sha")
