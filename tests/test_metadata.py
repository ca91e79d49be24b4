"""Letter metadata: kind, title, date with precision and evidence, signatory, own Kamerstuk."""

import json
from pathlib import Path

import pytest

from ingest.dates import find_dates, parse_iso
from ingest.metadata import extract_metadata
from ingest.models import DatePrecision
from ingest.pipeline import read_letter
from ingest.readers.text import parse_text

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


@pytest.mark.parametrize(
    ("name", "kind", "date", "precision", "rule", "signatory", "role", "kamerstuk"),
    [
        ("000_6adc83efdee732d0.txt", "kamerbrief", "2023", "year", "latest-event",
         "C.E.G. van Gennip", "Minister van Sociale Zaken en Werkgelegenheid", None),
        ("001_a4dc7a71a65ae17e.txt", "bijlage", "2018", "year", "sources", None, None, None),
        ("002_080da9ed5327206a.txt", "kamerbrief", "2025", "year", "latest-event",
         "J.N.J. Nobel", "Staatssecretaris Participatie en Integratie", None),
        ("003_a17b3276b8151254.txt", "kamerbrief", "2022", "year", "latest-event",
         "C.E.G. van Gennip", "Minister van Sociale Zaken en Werkgelegenheid", "kst-29544-1158"),
        ("004_e70a85e84504e092.txt", "kamerbrief", "2021-11-17", "day", "datum-line",
         "A.D. Wiersma", "Staatssecretaris van Sociale Zaken en Werkgelegenheid", None),
    ],
)
def test_seed_metadata(name, kind, date, precision, rule, signatory, role, kamerstuk) -> None:
    meta = read_letter(CORPUS / name).metadata
    assert (meta.kind, meta.date.iso(), meta.date.precision, meta.date.rule) == (
        kind, date, precision, rule,
    )
    assert (meta.signatory, meta.role, meta.kamerstuk) == (signatory, role, kamerstuk)


def test_date_evidence_says_how_it_was_found() -> None:
    exact = read_letter(CORPUS / "004_e70a85e84504e092.txt").metadata.date
    assert (exact.evidence, exact.confidence) == ("Datum 17 november 2021", 0.99)
    inferred = read_letter(CORPUS / "002_080da9ed5327206a.txt").metadata.date
    assert inferred.evidence.startswith(
        "inferred from the latest dated event: '11 maart 2025' (Tijdens de Taskforce VIA van"
    )
    assert inferred.confidence == 0.5


def test_titles() -> None:
    titles = {p.name: read_letter(p).metadata.title for p in sorted(CORPUS.glob("*.txt"))}
    assert titles == {
        "000_6adc83efdee732d0.txt": "Gelijkwaardige kansen op de arbeidsmarkt voor iedereen",
        "001_a4dc7a71a65ae17e.txt": "Programma Verdere Integratie op de Arbeidsmarkt",
        "002_080da9ed5327206a.txt":
            "Brief: de Werkagenda Voor een Inclusieve Arbeidsmarkt (VIA)",
        "003_a17b3276b8151254.txt": "Voortgangsbrief: de stand van zaken van het programma "
            "Verdere Integratie op de Arbeidsmarkt (VIA)",
        "004_e70a85e84504e092.txt": "Uitkomsten, afronding en vervolg van het programma "
            "Verdere Integratie op de Arbeidsmarkt (VIA)",
    }


def test_sidecar_overrides_inferred_metadata(tmp_path: Path) -> None:
    letter = tmp_path / "brief.txt"
    letter.write_bytes((CORPUS / "002_080da9ed5327206a.txt").read_bytes())
    (tmp_path / "brief.meta.json").write_text(
        json.dumps({"title": "Werkagenda VIA 2025-2029", "date": "2025-04", "kamerstuk": "kst-32824-999"})
    )
    meta = read_letter(letter).metadata
    assert (meta.title, meta.date.iso(), meta.date.precision, meta.kamerstuk) == (
        "Werkagenda VIA 2025-2029", "2025-04", DatePrecision.MONTH, "kst-32824-999",
    )
    assert meta.date.evidence == "sidecar .meta.json: 2025-04"
    assert meta.evidence["title"] == "sidecar .meta.json"


def test_place_date_line_and_motion_kind() -> None:
    raw = parse_text("Den Haag, 8 maart 2011\n\nDe Kamer,\n\ngehoord de beraadslaging,\n\nverzoekt de regering iets.\n")
    body = "\n\n".join(b.text for b in raw.blocks)
    meta = extract_metadata(raw, raw.blocks, body, raw.footnotes)
    assert (meta.kind, meta.date.iso(), meta.date.rule) == ("motie", "2011-03-08", "place-date-line")


def test_dates_and_iso() -> None:
    found = find_dates("op 17 november 2021 en in maart 2024, niet op 31 februari 2023")
    assert [(d.text, d.value.isoformat(), d.precision) for d in found] == [
        ("17 november 2021", "2021-11-17", "day"),
        ("maart 2024", "2024-03-01", "month"),
        ("31 februari 2023", "2023-02-01", "month"),
    ]
    assert parse_iso("2023-12") == (parse_iso("2023-12-01")[0], DatePrecision.MONTH)
    assert parse_iso("2023-13") is None


@pytest.mark.parametrize(
    ("closing", "signatory", "role"),
    [
        ("De Minister van Sociale Zaken en Werkgelegenheid,\nC.E.G. van Gennip",
         "C.E.G. van Gennip", "Minister van Sociale Zaken en Werkgelegenheid"),
        ("De minister voor Armoedebeleid, Participatie en Pensioenen,\n\nMariëlle Paul",
         "Mariëlle Paul", "minister voor Armoedebeleid, Participatie en Pensioenen"),
        ("De Minister-President, Minister van Algemene Zaken,\nM. Rutte",
         "M. Rutte", "Minister-President, Minister van Algemene Zaken"),
        ("De Staatssecretaris van Financiën - Toeslagen en Douane,\nTh. Berkhout",
         "Th. Berkhout", "Staatssecretaris van Financiën - Toeslagen en Douane"),
        ("De minister van Justitie en Veiligheid,\nD. Yeşilgöz-Zegerius",
         "D. Yeşilgöz-Zegerius", "minister van Justitie en Veiligheid"),
        # Co-signed: the first signer is the sender; the evidence names both.
        ("De Minister van Sociale Zaken en Werkgelegenheid,\nY.J. van Hijum\n\n"
         "De Staatssecretaris van Onderwijs, Cultuur en Wetenschap,\nMariëlle Paul",
         "Y.J. van Hijum", "Minister van Sociale Zaken en Werkgelegenheid"),
    ],
)
def test_signature_blocks(closing: str, signatory: str, role: str) -> None:
    raw = parse_text(f"Met deze brief informeer ik uw Kamer over de voortgang.\n\n{closing}\n")
    body = "\n\n".join(b.text for b in raw.blocks)
    meta = extract_metadata(raw, raw.blocks, body, raw.footnotes)
    assert (meta.signatory, meta.role, meta.kind) == (signatory, role, "kamerbrief")
    assert meta.evidence["signatory"].count(";") == closing.count("\n\nDe ")
