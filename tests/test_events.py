"""Dated events: one per temporal expression in a body sentence, on the seeds and a new letter."""

import datetime as dt
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest

from ingest.events import extract_events
from ingest.models import NO_DATE, Event, Letter, PeriodPrecision
from ingest.nlp import LetterContext
from ingest.pipeline import build_letter, read_letter
from ingest.readers.text import parse_text

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


@cache
def _events(name: str) -> tuple[Event, ...]:
    return extract_events(LetterContext.of(_letter(name)))


@cache
def _letter(name: str) -> Letter:
    return read_letter(next(CORPUS.glob(f"{name}_*.txt")), knowledge=False)


def _by_text(name: str, text: str) -> Event:
    """The first event of a seed with this expression."""
    return next(e for e in _events(name) if e.text == text)


@pytest.mark.parametrize(
    ("seed", "text", "label", "period", "start", "end", "future", "confidence"),
    [
        ("000", "begin december 2023", "De quickscan diversiteit is gelanceerd", "2023-12",
         "2023-12-01", "2023-12-31", False, 0.9),
        ("000", "in het eerste kwartaal van 2024",
         "Over de voortgang van dit plan van aanpak informeer ik u apart", "2024-Q1",
         "2024-01-01", "2024-03-31", True, 0.9),
        ("000", "medio 2024", "De quickscan wordt geëvalueerd", "2024-medio", "2024-05-01",
         "2024-08-31", True, 0.85),
        ("000", "in het eerste half jaar van 2024", "Beide lerende netwerken lopen af", "2024-H1",
         "2024-01-01", "2024-06-30", True, 0.85),
        ("000", "In 2025", "Loopt de Werkagenda VIA af", "2025", "2025-01-01", "2025-12-31", True,
         0.6),
        ("000", "komend jaar", "Ik ga aanvullend onderzoek laten doen naar de Nederlandse praktijk",
         "2024", "2024-01-01", "2024-12-31", True, 0.6),
        ("000", "van 2023 tot en met 2027",
         "Het kabinet investeert jaarlijks € 32 miljoen … het LOB in het mbo", "2023/2027",
         "2023-01-01", "2027-12-31", False, 0.85),
        ("000", "in het eerste kwartaal van 2025",
         "Uw Kamer wordt geïnformeerd over de voortgang van het programma VIA", "2025-Q1",
         "2025-01-01", "2025-03-31", True, 0.9),
        ("004", "medio december 2021",
         "Zoals het er nu naar uitziet, wordt … bestuurlijk bekrachtigd en officieel gepresenteerd",
         "2021-12", "2021-12-01", "2021-12-31", True, 0.9),
        ("004", "eind vorig jaar",
         "De inzichten uit deze pilot sluiten aan … (dit is momenteel controversieel verklaard)",
         "2020-eind", "2020-10-01", "2020-12-31", False, 0.7),
        ("004", "sinds juli 2020",
         "Ten eerste is de Barometer Culturele Diversiteit … alle werkgevers vanaf 250 medewerkers",
         "2020-07/..", "2020-07-01", "2020-07-31", False, 0.9),
        ("004", "de afgelopen vijftien jaar",
         "Tegelijkertijd is de positie van personen met … het geheel genomen niet verbeterd",
         "2006/2020", "2006-01-01", "2020-12-31", False, 0.7),
        ("002", "11 maart 2025",
         "Tijdens de Taskforce VIA hebben de leden de Werkagenda VIA vastgesteld", "2025-03-11",
         "2025-03-11", "2025-03-11", False, 0.95),
        ("002", "voor het zomerreces",
         "U ontvangt voor het plenaire debat over … en Open en Vrije Samenleving", "../2025-07-04",
         "2025-03-11", "2025-07-04", True, 0.7),
        ("003", "in het voorjaar van 2022", "De VIA-pilot «Behoud en Doorstroom» is afgerond",
         "2022-voorjaar", "2022-03-01", "2022-05-31", False, 0.8),
        ("003", "dit jaar",
         "Is AWVN als onderdeel van de activiteiten … Zaak gestart met nieuwe communities", "2022",
         "2022-01-01", "2022-12-31", False, 0.6),
        ("003", "in 2021", "Er zijn enkele communities gestart met tientallen werkgevers", "2021",
         "2021-01-01", "2021-12-31", False, 0.6),
    ],
)  # fmt: skip
def test_seed_events(
    seed: str, text: str, label: str, period: str, start: str, end: str, future: bool,
    confidence: float,
) -> None:  # fmt: skip
    event = _by_text(seed, text)
    assert (event.label, event.period.label, event.future, event.confidence) == (
        label, period, future, confidence,
    )  # fmt: skip
    assert (event.period.start.isoformat(), event.period.end.isoformat()) == (start, end)


def test_seed_000_timeline() -> None:
    events = _events("000")
    letter = _letter("000")
    assert len(events) == 26
    assert all(e.end <= letter.body_end for e in events)
    for e in events:
        assert letter.text[e.start : e.end] == e.text
        assert letter.text[e.sentence_start : e.sentence_end] == e.quote
        assert e.sentence_start <= e.start < e.end <= e.sentence_end
    assert [e.period.label for e in events if e.future] == [
        "2024-Q1", "2024", "2025", "2028/..", "2024-medio", "2024-H1", "2024", "2025", "2024",
        "2025-Q1",
    ]  # fmt: skip
    assert sum(e.rule == "event-year" for e in events) == 10


def test_seed_000_quote_is_the_sentence() -> None:
    event = _by_text("000", "begin december 2023")
    assert event.quote == "De quickscan diversiteit is begin december 2023 gelanceerd."
    assert (event.rule, event.period.precision) == ("event-part-month", PeriodPrecision.MONTH)


def test_seed_004_events_in_order() -> None:
    assert [(e.text, e.period.label) for e in _events("004")] == [
        ("in 2018", "2018"), ("2018-2021", "2018/2021"), ("eind vorig jaar", "2020-eind"),
        ("sinds februari 2021", "2021-02/.."), ("sinds begin dit jaar", "2021-begin/.."),
        ("in maart 2022", "2022-03"), ("2023", "2023"), ("medio december 2021", "2021-12"),
        ("sinds juli 2020", "2020-07/.."), ("2019", "2019"),
        ("de afgelopen vijftien jaar", "2006/2020"),
    ]  # fmt: skip


LETTER = """Ministerie van Volksgezondheid, Welzijn en Sport

Datum 3 oktober 2024
Betreft Voortgang programma Gezond Werk

Geachte voorzitter,

Op 12 februari 2024 heeft de Stichting Open Werk de pilot Werkfit gestart in Zwolle en Enschede. De GGD Twente heeft de pilot in het najaar van 2023 voorbereid1; de gemeente Zwolle trad in juli toe. In het derde kwartaal van 2025 ontvangt uw Kamer de eindevaluatie.

Het Fonds Gezond Werk (2022-2026) loopt tot en met 2026 en wordt na de zomer herijkt. Zie Kamerstukken II 2023/24, 29 282, nr. 512 voor de vorige brief. Het budget bedraagt € 2025 per deelnemer en 2000 euro per gemeente.

Werkfit 2025

De staatssecretaris van Volksgezondheid, Welzijn en Sport,
A.B. de Vries

1 RIVM, 2023, Werkfit: een verkenning, juni 2023.
"""


def test_events_of_a_new_letter() -> None:
    letter = build_letter(parse_text(LETTER, source="x.txt"), "sha")
    assert letter.metadata.date.value == dt.date(2024, 10, 3)
    events = extract_events(LetterContext.of(letter))
    assert [(e.text, e.period.label, e.future, e.confidence, e.rule, e.label) for e in events] == [
        ("Op 12 februari 2024", "2024-02-12", False, 0.95, "event-date",
         "Heeft de Stichting Open Werk de pilot … gestart in Zwolle en Enschede"),
        ("in het najaar van 2023", "2023-najaar", False, 0.8, "event-season",
         "De GGD Twente heeft de pilot voorbereid"),
        ("in juli", "2024-07", False, 0.75, "event-month", "De gemeente Zwolle trad toe"),
        ("In het derde kwartaal van 2025", "2025-Q3", True, 0.9, "event-quarter",
         "Ontvangt uw Kamer de eindevaluatie"),
        ("2022-2026", "2022/2026", False, 0.85, "event-year-range",
         "Het Fonds Gezond Werk loopt tot en … wordt na de zomer herijkt"),
        ("tot en met 2026", "../2026", True, 0.85, "event-until",
         "Het Fonds Gezond Werk loopt en wordt na de zomer herijkt"),
        ("na de zomer", "2024-najaar/..", False, 0.65, "event-after",
         "Het Fonds Gezond Werk loopt tot en met 2026 en wordt herijkt"),
    ]  # fmt: skip
    # The footnote's years, the heading, the Kamerstuk's 2023/24 and the amounts give no event.
    assert all(e.end <= letter.body_end for e in events)


def test_a_letter_without_a_date_keeps_absolute_expressions_only() -> None:
    text = "Inleiding van de brief.\n\nDit jaar is de pilot in maart 2023 gestart; komend jaar volgt meer.\n"
    letter = build_letter(parse_text(text, source="y.txt"), "sha")
    dated = extract_events(LetterContext.of(letter))
    assert letter.metadata.date.value == dt.date(2023, 3, 1)  # inferred from "maart 2023"
    assert [(e.text, e.period.label, e.future) for e in dated] == [
        ("Dit jaar", "2023", False), ("in maart 2023", "2023-03", False), ("komend jaar", "2024", True),
    ]  # fmt: skip
    undated = replace(letter, metadata=replace(letter.metadata, date=NO_DATE))
    (event,) = extract_events(LetterContext.of(undated))
    assert (event.text, event.label, event.future) == (
        "in maart 2023", "Dit jaar is de pilot gestart", False,
    )  # fmt: skip


def test_publication_years_are_no_events() -> None:
    text = (
        "Inleiding van de brief.\n\nHet aantal deelnemers steeg met 12 procent. Bron: CBS Statline"
        " 2023\n\nDe methode uit de handreiking (Jansen, 2022) is sinds maart 2023 de leidraad.\n\n"
        "UWV, Kennisverslag arbeidsmarkt, 2021\n\nHet advies van de Raad (2019) blijft in 2024 leidend.\n"
    )
    letter = build_letter(parse_text(text, source="z.txt"), "sha")
    events = extract_events(LetterContext.of(letter))
    assert [(e.text, e.label) for e in events] == [
        ("sinds maart 2023", "De methode uit de handreiking is de leidraad"),
        ("2019", "Het advies van de Raad blijft in 2024 leidend"),
        ("in 2024", "Het advies van de Raad blijft leidend"),
    ]
