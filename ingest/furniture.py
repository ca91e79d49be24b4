"""Recognising page furniture: letterhead, margin blocks, footers and page numbers.

Rijksoverheid letters repeat a margin block ("Datum", "Onze referentie", ...) on every page and
Kamerstuk prints carry a footer ("Tweede Kamer, vergaderjaar 2022–2023, 29 544, nr. 1158 5").
These lines are not body text, but they tell the date, reference and the letter's own number.
"""

from __future__ import annotations

import re

from ingest.models import FurnitureKind

# Labels of the margin block; the value is on the same line or the next one.
MARGIN_LABELS: dict[str, FurnitureKind] = {
    "datum": FurnitureKind.DATE,
    "betreft": FurnitureKind.SUBJECT,
    "onze referentie": FurnitureKind.REFERENCE,
    "uw referentie": FurnitureKind.REFERENCE,
    "ons kenmerk": FurnitureKind.REFERENCE,
    "uw kenmerk": FurnitureKind.REFERENCE,
    "kenmerk": FurnitureKind.REFERENCE,
    "referentie": FurnitureKind.REFERENCE,
    "bijlage": FurnitureKind.LETTERHEAD,
    "bijlagen": FurnitureKind.LETTERHEAD,
    "bijlage(n)": FurnitureKind.LETTERHEAD,
    "contactpersoon": FurnitureKind.LETTERHEAD,
    "inlichtingen": FurnitureKind.LETTERHEAD,
    "directie": FurnitureKind.LETTERHEAD,
    "directoraat-generaal": FurnitureKind.LETTERHEAD,
    "retouradres": FurnitureKind.LETTERHEAD,
    "pagina": FurnitureKind.PAGE_NUMBER,
}

FOOTER = re.compile(
    r"^(?:Tweede|Eerste)\s+Kamer,\s+vergaderjaar\s+\d{4}\s*[–\-/]\s*\d{2,4},\s*"
    r"(?P<dossier>\d[\d ]*\d(?:[\s-]*[A-Z]{1,5})?(?:-\d+)?),\s*nr\.\s*(?P<nr>\w+)"
    r"(?:\s+\d{1,4})?\s*$"
)
_PAGE_NUMBER = re.compile(
    r"^(?:\d{1,4}|[-–]\s*\d{1,4}\s*[-–]|(?:pagina|blad|page)\s+\d+(?:\s+(?:van|/)\s+\d+)?"
    r"|\d{1,4}\s*/\s*\d{1,4})$",
    re.IGNORECASE,
)
_LETTERHEAD = re.compile(
    r"^(?:>?\s*Retouradres\b.*|Postbus\s+\d+.*|\d{4}\s?[A-Z]{2}\s+\S.*|[TF]\s+0\d[\d\s-]{7,}"
    r"|www\.rijksoverheid\.nl.*|www\.\w+\.nl|De voorzitter van de (?:Tweede|Eerste) Kamer"
    r"|der Staten-Generaal|Rijnstraat \d+|Parnassusplein \d+|Prinses Irenestraat \d+"
    r"|Bezuidenhoutseweg \d+|Turfmarkt \d+)\s*$"
)
_LABEL_WITH_VALUE = re.compile(
    r"^(?P<label>" + "|".join(re.escape(k) for k in sorted(MARGIN_LABELS, key=len, reverse=True))
    + r")\b\s*(?P<value>.*)$",
    re.IGNORECASE,
)


def margin_label(line: str) -> tuple[FurnitureKind, str] | None:
    """("Datum 17 november 2021") -> (DATE, "17 november 2021"); a bare label gives value ""."""
    m = _LABEL_WITH_VALUE.match(line.strip())
    if not m:
        return None
    label = m.group("label").lower()
    value = m.group("value").strip()
    if label == "datum" and value and not re.match(r"\d{1,2}\s+\w+\s+\d{4}$", value):
        return None  # "Datum" inside a sentence, not a margin label
    if label not in {"datum", "betreft"} and value and len(value.split()) > 4:
        return None
    if label in {"bijlage", "bijlagen", "kenmerk", "referentie"} and value and not re.match(
        r"^[\w./ -]{1,30}$", value
    ):
        return None
    return MARGIN_LABELS[label], value


def furniture_kind(line: str) -> FurnitureKind | None:
    """The furniture kind of a standalone line (footer, page number, letterhead), else None."""
    text = line.strip()
    if not text:
        return None
    if FOOTER.match(text):
        return FurnitureKind.FOOTER
    if _PAGE_NUMBER.match(text):
        return FurnitureKind.PAGE_NUMBER
    if _LETTERHEAD.match(text):
        return FurnitureKind.LETTERHEAD
    return None
