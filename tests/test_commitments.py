"""Commitments (toezeggingen): exact extraction on the seeds, negatives, and a new letter.

The seed tables were written by reading the letters: CORE are promises the government makes to
parliament, BORDERLINE are intentions, expectations and plans a reader may or may not count
(neither rewarded nor punished in precision/recall), NEGATIVE are sentences that look like
promises but are not (the letter describing itself, past tense, other actors).
"""

import datetime as dt
from functools import cache
from pathlib import Path

import pytest

from ingest.commitments import extract_commitments
from ingest.models import Commitment, CommitmentStatus, Letter
from ingest.nlp import LetterContext
from ingest.pipeline import build_letter, read_letter
from ingest.readers.text import parse_text

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
SZW = "minister van Sociale Zaken en Werkgelegenheid"
SZW_STAS = "staatssecretaris van Sociale Zaken en Werkgelegenheid"
PI = "staatssecretaris Participatie en Integratie"


@cache
def _letter(seed: str) -> Letter:
    return read_letter(next(CORPUS.glob(f"{seed}_*.txt")), knowledge=False)


@cache
def _commitments(seed: str) -> dict[int, Commitment]:
    return {c.start: c for c in extract_commitments(LetterContext.of(_letter(seed)))}


# seed -> (quote start, quote begins with, due label, due as written, actor); all are CORE.
CORE = {
    "000": [
        (6692, "Over de voortgang van dit plan van aanpak informeer ik u apart", "2024-Q1",
         "in het eerste kwartaal van 2024", SZW),
        (11682, "In 2024 en 2025 start SZW «diversiteitslabs»", "2024", "In 2024", "SZW"),
        (18604, "De quickscan wordt medio 2024 geëvalueerd.", "2024-medio", "medio 2024", SZW),
        (21292, "Wel ga ik het onderzoek delen met de arbeidsmarktregio’s", None, None, SZW),
        (21473, "Ik ga komend jaar aanvullend onderzoek laten doen", "2024", "komend jaar", SZW),
        (24336, "Uw Kamer wordt in het eerste kwartaal van 2025 geïnformeerd", "2025-Q1",
         "in het eerste kwartaal van 2025", SZW),
    ],
    "003": [
        (5479, "Later zal ik u informeren over een completer beeld", None, None, SZW),
        (11636, "Begin 2023 wordt een tweede editie van deze monitor gepubliceerd.", "2023-begin",
         "Begin 2023", SZW),
        (11929, "In navolging van de discussie rondom de vraag van het Kamerlid Van Baarle",
         "../2022-12-31", "later dit jaar", SZW),
        (15276, "Ik streef ernaar deze nota van wijziging op korte termijn", "../2022-12-31",
         "op korte termijn (voor het einde van het jaar)", SZW),
        (16600, "Het werkprogramma zal worden gemonitord door SZW en OCW.", None, None,
         "SZW en OCW"),
        (20194, "Daarnaast ga ik – zoals eerder toegezegd", None, None, SZW),
        # "in het eerste kwartaal" without a year, written in 2022: next year's first quarter
        (21343, "Zoals ook verzocht in de eerdergenoemde Motie Aartsen zal ik uw Kamer", "2023-Q1",
         "in het eerste kwartaal", SZW),
    ],
    "004": [
        (17344, "Ik zal de werkagenda – samen met een toelichting op de rol van het Rijk", None,
         None, SZW_STAS),
    ],
    "002": [
        (3550, "Eén van de dingen die ik ga doen, is onderzoeken", None, None, PI),
        (4769, "De lessen uit de pilots ga ik delen met andere gemeenten", None, None, PI),
        (8035, "U ontvangt voor het plenaire debat over integratie voor het zomerreces",
         "../2025-07-04", "voor het zomerreces", PI),
    ],
}  # fmt: skip

# Intentions ("Ik wil …", "Het kabinet wil …"), expectations and plans without a clear promise.
BORDERLINE = {
    "000": [19739, 21553, 24111],  # 24111: "… worden in 2024 de vervolgstappen besproken"
    "003": [5106, 7197, 11086, 11189, 18368, 18611, 18938, 21197],
    "004": [8670, 13469, 17222],
    "002": [1969, 3424, 3745, 3880, 4345, 4893, 5542, 6134, 6240],
}

# seed -> sentences that must never be a commitment
NEGATIVE = {
    "000": [
        "Met deze brief laat ik u weten wat de stand van zaken is",  # the letter itself
        "Ik wil dat iedereen gelijkwaardige kansen heeft",  # a wish, not an act
        "Om discriminatie op de arbeidsmarkt tegen te gaan heeft de Tweede Kamer",  # others, past
        "Daarna zullen ze een gezamenlijk vervolg krijgen.",  # others
        "Het kabinet investeert van 2023 tot en met 2027",  # ongoing policy
        "De quickscan diversiteit is begin december 2023 gelanceerd.",  # past
    ],
    "003": [
        "Ook ga ik in deze brief in op andere activiteiten",
        "In deze brief ga ik achtereenvolgens in op",
        "Hieronder geef ik kort aan om welke acties het momenteel gaat",
        "Ook zal ik kort iets zeggen over de term «integratie»",  # this letter's own content
        "Ik heb hierbij eerder aangegeven dat de afkorting VIA",  # past
        "Ik hoop dat de behandeling van dit wetsvoorstel dan spoedig zal vervolgen.",
        "Zoals toegezegd tijdens het Commissiedebat op 20 april 2022",  # fulfilment, not promise
        "Een jaar geleden heeft mijn voorganger u geïnformeerd",
    ],
    "004": [
        "In deze brief informeer ik u mede op verzoek",
        "Eerst zal ik ingaan op de uitvoering van de Motie-Van Baarle/Simons",
        "In het vervolg van deze brief informeer ik u",
        "De eerste meting van deze monitor die uitkomsten én inspanningen",  # "stuur ik mee"
        "Een volgend kabinet is aan zet",
        "In afwachting van de ruimte die een nieuw kabinet zal bieden",
    ],
    "002": [
        "Met deze brief bied ik u de Werkagenda",
        "Ik informeer u nu over Werkagenda VIA",
        "Ik zou willen dat steeds meer werkgevers dit gaan doen.",
        "In de Werkagenda VIA hebben 21 partijen vastgelegd wat ze de komende vier jaar gaan doen",
        "In juli is de rapportage Inclusieve Arbeidsmarkt van het CBS gereed.",
        "Voor vrouwelijke statushouders is het soms extra lastig",  # "… wat wil ik."
    ],
}


@pytest.mark.parametrize(
    ("seed", "start", "quote", "due", "due_text", "actor"),
    [(seed, *row) for seed, rows in CORE.items() for row in rows],
)
def test_core_commitments_of_the_seeds(
    seed: str, start: int, quote: str, due: str | None, due_text: str | None, actor: str
) -> None:
    letter = _letter(seed)
    c = _commitments(seed)[start]
    assert c.quote.startswith(quote)
    assert letter.text[c.start : c.end] == c.quote
    assert c.end <= letter.body_end
    assert (c.due, c.due_text, c.actor) == (due, due_text, actor)
    if due_text is not None:
        assert due_text in c.quote
    assert c.status == CommitmentStatus.OPENSTAAND
    assert c.confidence >= 0.55


@pytest.mark.parametrize("seed", list(CORE))
def test_nothing_else_is_extracted_from_the_seeds(seed: str) -> None:
    """Every extraction is either a core promise or a borderline one."""
    expected = {row[0] for row in CORE[seed]} | set(BORDERLINE[seed])
    assert set(_commitments(seed)) <= expected


@pytest.mark.parametrize(
    ("seed", "sentence"), [(seed, s) for seed, rows in NEGATIVE.items() for s in rows]
)
def test_not_a_commitment(seed: str, sentence: str) -> None:
    start = _letter(seed).text.index(sentence)
    assert all(not (c.start <= start < c.end) for c in _commitments(seed).values())


@pytest.mark.parametrize(
    ("seed", "start", "action"),
    [
        ("000", 6692, "informeren over de voortgang van dit plan van aanpak"),
        ("000", 24336, "informeren over de voortgang van het programma VIA"),
        ("000", 18604, "de quickscan evalueren"),
        ("000", 21292, "het onderzoek delen met de arbeidsmarktregio’s"),
        ("000", 21473, "aanvullend onderzoek laten doen naar de Nederlandse praktijk"),
        (
            "003",
            5479,
            "informeren over een completer beeld van de uitvoering van de Werkagenda VIA",
        ),
        ("003", 15276, "deze nota van wijziging met uw Kamer delen"),
        ("003", 20194, "samen met onder meer gemeenten, werkgevers en branches in gesprek gaan"),
        ("004", 17344, "de werkagenda aan Uw Kamer doen toekomen"),
        ("002", 4769, "de lessen uit de pilots delen met andere gemeenten"),
        ("002", 6134, "verlengen de subsidieregeling Ondersteuning werkgevers inzet statushouders"),
    ],
)
def test_action_paraphrase(seed: str, start: int, action: str) -> None:
    assert _commitments(seed)[start].action == action


@pytest.mark.parametrize(
    ("seed", "start", "rule", "confidence"),
    [
        ("000", 24336, "inform-parliament", 0.95),
        ("000", 21292, "first-person-future", 0.85),
        ("003", 15276, "strive", 0.85),
        ("000", 18604, "passive-dated", 0.7),
        ("000", 11682, "present-dated", 0.65),
        ("003", 16600, "passive-future", 0.55),
        ("004", 17222, "passive-dated", 0.53),  # "Zoals het er nu naar uitziet": a hedge
        ("002", 3424, "intention", 0.4),
    ],
)
def test_rules_and_confidence(seed: str, start: int, rule: str, confidence: float) -> None:
    c = _commitments(seed)[start]
    assert (c.rule, c.confidence) == (rule, confidence)


def _counts(threshold: float) -> tuple[int, int, int]:
    """(true positives, false positives, core total) over the four seed letters."""
    tp = fp = total = 0
    for seed, rows in CORE.items():
        core = {row[0] for row in rows}
        found = {s for s, c in _commitments(seed).items() if c.confidence >= threshold}
        tp += len(found & core)
        fp += len(found - core - set(BORDERLINE[seed]))
        total += len(core)
    return tp, fp, total


@pytest.mark.parametrize(("threshold", "counts"), [(0.0, (17, 0, 17)), (0.5, (17, 0, 17))])
def test_precision_and_recall_on_the_seeds(threshold: float, counts: tuple[int, int, int]) -> None:
    assert _counts(threshold) == counts


# --- a letter of another ministry, in other wording ---------------------------------------------

LETTER = """Ministerie van Onderwijs, Cultuur en Wetenschap

Datum 14 februari 2025
Betreft Voortgang Leesoffensief

Geachte voorzitter,

In deze brief ga ik in op de voortgang van het Leesoffensief. Eerst zal ik ingaan op de leesresultaten van 2024. De Tweede Kamer heeft in maart 2024 de motie-Jansen aangenomen. Vorig jaar heb ik uw Kamer geïnformeerd over de leesresultaten.

Voor de zomer stuur ik uw Kamer een brief over de resultaten van de pilot Leesroute. Het kabinet zal in 2026 de bekostiging van het funderend onderwijs vereenvoudigen. De evaluatie van de subsidieregeling wordt eind 2025 afgerond. Ik ben voornemens de subsidieregeling Leesbevordering te verlengen. Over de lerarenopleidingen kom ik in het najaar bij u terug.

De PO-Raad zal in 2026 een handreiking publiceren. Ik ga ervan uit dat scholen dit oppakken. Ik wil dat alle leerlingen goed leren lezen. Ik informeer u nu over de stand van zaken. Wat gaan we daaraan doen? Ik wil scholen ondersteunen bij het leesonderwijs1.

De minister voor Primair en Voortgezet Onderwijs,
C.D. de Leeuw

1 Ik zal de Kamer hierover later informeren.
"""
OCW = "minister voor Primair en Voortgezet Onderwijs"


def test_commitments_of_a_new_letter() -> None:
    letter = build_letter(parse_text(LETTER, source="x.txt"), "sha")
    assert letter.metadata.role == OCW
    found = extract_commitments(LetterContext.of(letter))
    assert [
        (c.quote, c.actor, c.action, c.due_text, c.due, c.due_start, c.due_end, c.rule,
         c.confidence)
        for c in found
    ] == [
        ("Voor de zomer stuur ik uw Kamer een brief over de resultaten van de pilot Leesroute.",
         OCW, "sturen een brief over de resultaten van de pilot Leesroute", "Voor de zomer",
         "../2025-07-04", dt.date(2025, 2, 14), dt.date(2025, 7, 4), "inform-parliament", 0.95),
        ("Het kabinet zal in 2026 de bekostiging van het funderend onderwijs vereenvoudigen.",
         "kabinet", "de bekostiging van het funderend onderwijs vereenvoudigen", "in 2026", "2026",
         dt.date(2026, 1, 1), dt.date(2026, 12, 31), "government-future", 0.85),
        ("De evaluatie van de subsidieregeling wordt eind 2025 afgerond.", OCW,
         "de evaluatie van de subsidieregeling afgerond", "eind 2025", "2025-eind",
         dt.date(2025, 10, 1), dt.date(2025, 12, 31), "passive-dated", 0.7),
        ("Ik ben voornemens de subsidieregeling Leesbevordering te verlengen.", OCW,
         "de subsidieregeling Leesbevordering verlengen", None, None, None, None, "strive", 0.8),
        ("Over de lerarenopleidingen kom ik in het najaar bij u terug.", OCW,
         "terugkomen over de lerarenopleidingen bij u", "in het najaar", "2025-najaar",
         dt.date(2025, 9, 1), dt.date(2025, 11, 30), "inform-parliament", 0.95),
        ("Ik wil scholen ondersteunen bij het leesonderwijs.", OCW,
         "scholen ondersteunen bij het leesonderwijs", None, None, None, None, "intention", 0.4),
    ]  # fmt: skip
    # the footnote's "Ik zal de Kamer hierover later informeren." is not body text
    assert all(c.end <= letter.body_end for c in found)
    assert all(letter.text[c.start : c.end] == c.quote for c in found)


@pytest.mark.parametrize(
    ("sentence", "rule", "actor", "due"),
    [
        ("Wij zullen de regeling in 2026 evalueren.", "first-person-future", "minister", "2026"),
        ("Zal het ministerie van VWS de toolkit in 2026 publiceren.", "government-future",
         "ministerie van VWS", "2026"),
        ("De regeling wordt in het derde kwartaal van 2025 aangepast.", "passive-dated", "minister",
         "2025-Q3"),
        ("In het derde kwartaal van 2025 ontvangt uw Kamer de eindevaluatie.", "inform-parliament",
         "minister", "2025-Q3"),
        ("Ik informeer uw Kamer voor 1 juni 2025 over de uitkomsten.", "inform-parliament",
         "minister", "../2025-05-31"),
        ("Uw Kamer zal worden geïnformeerd over de uitkomsten.", "inform-parliament", "minister",
         None),
        ("Ik kom hier voor de zomer op terug.", "inform-parliament", "minister", "../2025-07-04"),
        ("Ik streef ernaar de wet per 1 januari 2026 in werking te laten treden.", "strive",
         "minister", "2026-01-01/.."),
    ],
)  # fmt: skip
def test_other_wordings(sentence: str, rule: str, actor: str, due: str | None) -> None:
    """A letter without a signatory: first-person promises fall back to "minister"."""
    text = f"Datum 3 maart 2025\n\nGeachte voorzitter,\n\n{sentence}\n"
    letter = build_letter(parse_text(text, source="w.txt"), "sha")
    (c,) = extract_commitments(LetterContext.of(letter))
    assert (c.quote, c.rule, c.actor, c.due) == (sentence, rule, actor, due)


@pytest.mark.parametrize(
    "sentence",
    [
        "Ik heb uw Kamer in januari 2025 geïnformeerd over de uitkomsten.",
        "De regeling werd in 2024 aangepast.",
        "De wet wordt in 2026 door de Eerste Kamer behandeld.",  # another actor
        "Gemeenten zullen in 2026 een plan opstellen.",
        "Hierbij stuur ik u het rapport over de leesresultaten.",
        "Hieronder ga ik in op de resultaten.",
        "Ik zal eerst kort ingaan op de resultaten.",
        "Gaan we dit in 2026 evalueren?",
        "Ik verwacht dat de Kamer de wet in 2026 zal aannemen.",
    ],
)
def test_other_non_commitments(sentence: str) -> None:
    text = f"Datum 3 maart 2025\n\nGeachte voorzitter,\n\n{sentence}\n"
    letter = build_letter(parse_text(text, source="n.txt"), "sha")
    assert extract_commitments(LetterContext.of(letter)) == ()
