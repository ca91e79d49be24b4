"""The bad-input zoo: every kind of file users hand `kb ingest` that it must survive.

Each case is a function `make_<case>(folder) -> Path` that writes the file(s) of that case into
`folder` and returns the path the case is about. The broken PDFs come from tests/pdfgen.py;
everything else is generated here, so no fixture file is needed.
"""

from __future__ import annotations

import random
from pathlib import Path

import pdfgen

# A letter as a PDF-to-text tool gives it: letterhead, the margin block, body, signature.
_HEAD = """Ministerie van Infrastructuur en
Waterstaat

> Retouradres Postbus 20901 2500 EX Den Haag

De voorzitter van de Tweede Kamer
der Staten-Generaal
Prinses Irenestraat 6
2595 BD Den Haag

Rijnstraat 8
2515 XP Den Haag
www.rijksoverheid.nl

Onze referentie
IENW/BSK-2024/51234
"""
_SIGNATURE = """
Hoogachtend,

De minister van Infrastructuur en Waterstaat,

M.G.J. Harbers
"""
SUBJECT = "Voortgang van de Deltaaanpak Waterkwaliteit"
BODY = (
    "Geachte voorzitter,",
    "Met deze brief informeer ik uw Kamer over de voortgang van de Deltaaanpak Waterkwaliteit. "
    "De waterschappen, de provincies en de drinkwaterbedrijven werken samen aan schoon water.",
    "De Unie van Waterschappen heeft een plan opgesteld om de lozingen van meststoffen te "
    "verminderen. Ik steun dat plan en zal de uitvoering ervan nauwgezet volgen.",
)


def letter_text(
    date: str | None = "14 maart 2024",
    subject: str = SUBJECT,
    body: tuple[str, ...] = BODY,
) -> str:
    """A one-page letter; without `date` it has no "Datum" line."""
    margin = f"Datum {date}\n" if date else ""
    paragraphs = "\n\n".join(body)
    return f"{_HEAD}\n{margin}Betreft {subject}\n\n{paragraphs}\n{_SIGNATURE}"


# --- PDF ------------------------------------------------------------------------------------


def make_truncated_pdf(folder: Path) -> Path:
    """A real letter PDF cut off halfway, like an interrupted download."""
    path = folder / "afgebroken.pdf"
    pdfgen.make_truncated_pdf(path)
    return path


def make_corrupt_pdf(folder: Path) -> Path:
    """Random bytes under a .pdf name."""
    path = folder / "beschadigd.pdf"
    pdfgen.make_corrupt_pdf(path)
    return path


def make_encrypted_pdf(folder: Path) -> Path:
    """A PDF that needs a password to open."""
    path = folder / "beveiligd.pdf"
    pdfgen.make_encrypted_pdf(path)
    return path


def make_scanned_pdf(folder: Path) -> Path:
    """Three scanned pages: drawn shapes, no text layer."""
    path = folder / "scan.pdf"
    pdfgen.make_scanned_pdf(path, pages=3)
    return path


# --- text -----------------------------------------------------------------------------------


def make_zero_byte(folder: Path) -> Path:
    """An empty file, as a failed export leaves behind."""
    path = folder / "leeg.txt"
    path.write_bytes(b"")
    return path


def make_binary_txt(folder: Path) -> Path:
    """An image (PNG signature, then seeded random bytes) saved under a .txt name."""
    path = folder / "afbeelding.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + random.Random(6).randbytes(4096))
    return path


def make_pdf_named_txt(folder: Path) -> Path:
    """A real letter PDF renamed to .txt."""
    path = folder / "brief-als-pdf.txt"
    pdf = folder / "brief-als-pdf.pdf.tmp"
    pdfgen.make_letter_pdf(pdf, pdfgen.sample_letter(), "plain")
    pdf.rename(path)
    return path


# Words that differ between the encodings: curly quotes and € exist only in Windows-1252.
CP1252_SUBJECT = "Reactie op ‘Financiën van de waterschappen’ (€ 12 miljoen)"
LATIN1_SUBJECT = "Reactie op het rapport over de coördinatie van de financiën"


def make_cp1252(folder: Path) -> Path:
    """A letter saved as Windows-1252 (bytes 0x80-0x9F: curly quotes and the euro sign)."""
    path = folder / "windows-1252.txt"
    path.write_bytes(letter_text(subject=CP1252_SUBJECT).encode("cp1252"))
    return path


def make_latin1(folder: Path) -> Path:
    """A letter saved as Latin-1 (ISO-8859-1)."""
    path = folder / "latin-1.txt"
    path.write_bytes(letter_text(subject=LATIN1_SUBJECT).encode("latin-1"))
    return path


LONG_PAGES = 2000
_TOPICS = (
    "de dijkversterking langs de Lek", "het beheer van de grote rivieren",
    "de kwaliteit van het grondwater", "de bescherming van de duinen",
    "de aanleg van nieuwe vistrappen", "het onderhoud van de sluizen",
    "de berging van water in polders", "de monitoring van microplastics",
)  # fmt: skip
_VERBS = ("Voor", "Bij", "Over", "Rond", "Ten aanzien van", "Wat betreft")


def long_letter_text(pages: int = LONG_PAGES) -> str:
    """A letter of `pages` pages split by form feeds, each page with a running header and a
    "Pagina N van M" line in the margin, and a body paragraph that differs from page to page."""
    rng = random.Random(pages)
    out = [letter_text(date="2 oktober 2023", subject="Jaarrapportage waterbeheer").rstrip()]
    out[0] = out[0].removesuffix(_SIGNATURE.rstrip()).rstrip()
    for page in range(2, pages + 1):
        topic = rng.choice(_TOPICS)
        opening = rng.choice(_VERBS)
        out.append(
            f"Jaarrapportage waterbeheer\n\nDatum\n2 oktober 2023\n\n"
            f"{opening} {topic} meld ik het volgende. In onderdeel {page} van deze rapportage "
            f"staat wat de beheerders in het gebied hebben gedaan en wat zij nog van plan zijn.\n\n"
            f"Pagina {page} van {pages}"
        )
    out[-1] += "\n" + _SIGNATURE
    return "\f".join(out)


def make_long_letter(folder: Path) -> Path:
    """A letter of 2,000 pages (text with form feeds and page furniture)."""
    path = folder / "jaarrapportage.txt"
    path.write_text(long_letter_text(), encoding="utf-8")
    return path


def make_duplicate(folder: Path) -> Path:
    """The same letter twice, under two names; returns the second name."""
    first, second = folder / "brief-ienw.txt", folder / "kopie van brief-ienw.txt"
    for path in (first, second):
        path.write_text(letter_text(), encoding="utf-8")
    return second


def make_dateless(folder: Path) -> Path:
    """A letter without any date: no "Datum" line and no date or year anywhere in the text."""
    path = folder / "zonder-datum.txt"
    path.write_text(letter_text(date=None), encoding="utf-8")
    return path


def make_undated_with_events(folder: Path) -> Path:
    """A letter without a "Datum" line whose text mentions dated events."""
    body = (
        *BODY,
        "In maart 2022 heeft de Unie van Waterschappen haar plan gepresenteerd. Sinds juni 2023 "
        "voeren de provincies het uit.",
    )
    path = folder / "zonder-datumregel.txt"
    path.write_text(letter_text(date=None, body=body), encoding="utf-8")
    return path


# --- XML ------------------------------------------------------------------------------------

KOOP_LETTER = """<?xml version="1.0" encoding="UTF-8"?>
<officiele-publicatie>
  <kamerstuk>
    <dossier><dossiernummer><dossiernr>27625</dossiernr></dossiernummer>
      <titel>Waterbeleid</titel></dossier>
    <stuk><stuknr><ondernummer>612</ondernummer></stuknr>
      <titel>BRIEF VAN DE MINISTER VAN INFRASTRUCTUUR EN WATERSTAAT</titel>
      <algemeen>
        <dagtekening>Den Haag, <datum isodatum="2024-03-14">14 maart 2024</datum></dagtekening>
        <vrije-tekst><tekst status="goed">
          <al>Met deze brief informeer ik uw Kamer over de voortgang van de Deltaaanpak.</al>
          <al>De waterschappen werken samen met de provincies aan schoon water.</al>
        </tekst></vrije-tekst>
        <ondertekening><functie>De Minister van Infrastructuur en Waterstaat,</functie>
          <naam><voornaam>M.G.J.</voornaam><achternaam>Harbers</achternaam></naam>
        </ondertekening>
      </algemeen>
    </stuk>
  </kamerstuk>
</officiele-publicatie>
"""


def make_malformed_xml(folder: Path) -> Path:
    """KOOP letter XML cut off in the middle of the body, like an interrupted download."""
    path = folder / "kst-27625-612.xml"
    path.write_text(KOOP_LETTER[: KOOP_LETTER.index("De waterschappen")], encoding="utf-8")
    return path


ATOM_FEED = """<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Tweede Kamer open data: Document</title>
  <id>https://gegevensmagazijn.tweedekamer.nl/SyncFeed/2.0/Feed</id>
  <updated>2024-03-14T10:00:00Z</updated>
  <entry>
    <title>2024D11223</title>
    <id>https://gegevensmagazijn.tweedekamer.nl/SyncFeed/2.0/Entiteiten/1</id>
    <content type="application/xml">Kamerbrief over de Deltaaanpak Waterkwaliteit</content>
  </entry>
</feed>
"""


def make_other_schema_xml(folder: Path) -> Path:
    """Well-formed XML of another schema: an Atom feed of the Tweede Kamer's open data."""
    path = folder / "syncfeed.xml"
    path.write_text(ATOM_FEED, encoding="utf-8")
    return path


def make_mixed_encoding(folder: Path) -> Path:
    """A UTF-8 letter with a note pasted from a Windows-1252 file: no single encoding reads it."""
    path = folder / "gemengd.txt"
    note = "\nNoot van de griffie: zie de ‘bijlage’ bij deze brief.\n".encode("cp1252")
    path.write_bytes(letter_text(subject="Reactie op “Schoon water”").encode() + note)
    return path
