"""Dutch temporal expressions -> periods: a table of forms, negatives, spans, seeds, properties."""

import calendar
import datetime as dt
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.models import Period, PeriodMention, PeriodPrecision
from ingest.periods import find_periods, parse_period
from ingest.pipeline import read_letter

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
REF = dt.date(2023, 11, 1)  # a letter of 1 November 2023

# expression, reference, label, start, end, precision
FORMS = [
    ("17 november 2021", None, "2021-11-17", "2021-11-17", "2021-11-17", "day"),
    ("op 6 juli 2022", None, "2022-07-06", "2022-07-06", "2022-07-06", "day"),
    ("31 maart", REF, "2023-03-31", "2023-03-31", "2023-03-31", "day"),
    ("6 juli jl.", REF, "2023-07-06", "2023-07-06", "2023-07-06", "day"),
    ("1 december aanstaande", REF, "2023-12-01", "2023-12-01", "2023-12-01", "day"),
    ("maart 2024", None, "2024-03", "2024-03-01", "2024-03-31", "month"),
    ("in maart", REF, "2023-03", "2023-03-01", "2023-03-31", "month"),
    ("In juli jongstleden", REF, "2023-07", "2023-07-01", "2023-07-31", "month"),
    ("december jongstleden", REF, "2022-12", "2022-12-01", "2022-12-31", "month"),
    ("in maart dit jaar", REF, "2023-03", "2023-03-01", "2023-03-31", "month"),
    ("december vorig jaar", REF, "2022-12", "2022-12-01", "2022-12-31", "month"),
    ("begin december 2023", None, "2023-12", "2023-12-01", "2023-12-31", "month"),
    ("medio december 2021", None, "2021-12", "2021-12-01", "2021-12-31", "month"),
    ("eind juni", REF, "2023-06", "2023-06-01", "2023-06-30", "month"),
    ("eerste kwartaal van 2024", None, "2024-Q1", "2024-01-01", "2024-03-31", "quarter"),
    ("in het eerste kwartaal van 2024", None, "2024-Q1", "2024-01-01", "2024-03-31", "quarter"),
    ("het 1e kwartaal 2024", None, "2024-Q1", "2024-01-01", "2024-03-31", "quarter"),
    ("Q1 2024", None, "2024-Q1", "2024-01-01", "2024-03-31", "quarter"),
    ("2024-Q3", None, "2024-Q3", "2024-07-01", "2024-09-30", "quarter"),
    ("in het laatste kwartaal van 2018", None, "2018-Q4", "2018-10-01", "2018-12-31", "quarter"),
    ("in het tweede kwartaal", REF, "2023-Q2", "2023-04-01", "2023-06-30", "quarter"),
    ("het derde kwartaal van dit jaar", REF, "2023-Q3", "2023-07-01", "2023-09-30", "quarter"),
    ("eerste helft van 2019", None, "2019-H1", "2019-01-01", "2019-06-30", "half"),
    ("in de tweede helft van 2023", None, "2023-H2", "2023-07-01", "2023-12-31", "half"),
    ("in het eerste half jaar van 2024", None, "2024-H1", "2024-01-01", "2024-06-30", "half"),
    ("eerste halfjaar 2025", None, "2025-H1", "2025-01-01", "2025-06-30", "half"),
    ("medio 2024", None, "2024-medio", "2024-05-01", "2024-08-31", "half"),
    ("half 2024", None, "2024-medio", "2024-05-01", "2024-08-31", "half"),
    ("begin 2019", None, "2019-begin", "2019-01-01", "2019-03-31", "half"),
    ("eind 2022", None, "2022-eind", "2022-10-01", "2022-12-31", "half"),
    ("eind van het jaar", REF, "2023-eind", "2023-10-01", "2023-12-31", "half"),
    ("het einde van dit jaar", REF, "2023-eind", "2023-10-01", "2023-12-31", "half"),
    ("begin dit jaar", REF, "2023-begin", "2023-01-01", "2023-03-31", "half"),
    ("eind vorig jaar", REF, "2022-eind", "2022-10-01", "2022-12-31", "half"),
    ("in het voorjaar van 2022", None, "2022-voorjaar", "2022-03-01", "2022-05-31", "season"),
    ("zomer 2023", None, "2023-zomer", "2023-06-01", "2023-08-31", "season"),
    ("rond de zomer 2023", None, "2023-zomer", "2023-06-01", "2023-08-31", "season"),
    ("de herfst van 2021", None, "2021-najaar", "2021-09-01", "2021-11-30", "season"),
    ("winter 2023", None, "2023-winter", "2023-12-01", "2024-02-29", "season"),
    ("najaar", REF, "2023-najaar", "2023-09-01", "2023-11-30", "season"),
    ("dit najaar", REF, "2023-najaar", "2023-09-01", "2023-11-30", "season"),
    ("komend voorjaar", REF, "2024-voorjaar", "2024-03-01", "2024-05-31", "season"),
    ("afgelopen zomer", REF, "2023-zomer", "2023-06-01", "2023-08-31", "season"),
    ("in 2018", None, "2018", "2018-01-01", "2018-12-31", "year"),
    ("in de loop van 2019", None, "2019", "2019-01-01", "2019-12-31", "year"),
    ("dit jaar", REF, "2023", "2023-01-01", "2023-12-31", "year"),
    ("vorig jaar", REF, "2022", "2022-01-01", "2022-12-31", "year"),
    ("afgelopen jaar", REF, "2022", "2022-01-01", "2022-12-31", "year"),
    ("het afgelopen jaar", REF, "2022", "2022-01-01", "2022-12-31", "year"),
    ("komend jaar", REF, "2024", "2024-01-01", "2024-12-31", "year"),
    ("volgend jaar", REF, "2024", "2024-01-01", "2024-12-31", "year"),
    ("een jaar geleden", REF, "2022", "2022-01-01", "2022-12-31", "year"),
    ("2023–2027", None, "2023/2027", "2023-01-01", "2027-12-31", "range"),
    ("2023-2027", None, "2023/2027", "2023-01-01", "2027-12-31", "range"),
    ("van 2023 tot en met 2027", None, "2023/2027", "2023-01-01", "2027-12-31", "range"),
    ("2010 tot en met 2014", None, "2010/2014", "2010-01-01", "2014-12-31", "range"),
    ("tussen 2015 en 2018", None, "2015/2018", "2015-01-01", "2018-12-31", "range"),
    ("eind 2022 tot en met maart 2024", None, "2022-eind/2024-03", "2022-10-01", "2024-03-31",
     "range"),
    ("maart tot en met mei 2024", None, "2024-03/2024-05", "2024-03-01", "2024-05-31", "range"),
    ("december t/m februari 2024", None, "2023-12/2024-02", "2023-12-01", "2024-02-29", "range"),
    ("de komende vier jaar", REF, "2023/2026", "2023-01-01", "2026-12-31", "range"),
    ("de afgelopen vijftien jaar", REF, "2008/2022", "2008-01-01", "2022-12-31", "range"),
    ("het zomerreces", REF, "2023-zomerreces", "2023-07-07", "2023-09-04", "range"),
    ("het zomerreces van 2024", None, "2024-zomerreces", "2024-07-05", "2024-09-02", "range"),
    ("vanaf oktober 2022", None, "2022-10/..", "2022-10-01", "2022-10-31", "month"),
    ("sinds 2018", None, "2018/..", "2018-01-01", "2018-12-31", "year"),
    ("sinds begin dit jaar", REF, "2023-begin/..", "2023-01-01", "2023-03-31", "half"),
    ("per 1 januari 2024", None, "2024-01-01/..", "2024-01-01", "2024-01-01", "day"),
    ("vanaf het einde van dit jaar", REF, "2023-eind/..", "2023-10-01", "2023-12-31", "half"),
    ("na 2027", None, "2028/..", "2028-01-01", "2028-12-31", "year"),
    ("na de zomer", REF, "2023-najaar/..", "2023-09-01", "2023-11-30", "season"),
    ("na het eerste kwartaal van 2024", None, "2024-Q2/..", "2024-04-01", "2024-06-30",
     "quarter"),
    ("tot en met 2029", None, "../2029", "2029-01-01", "2029-12-31", "year"),
    ("tot en met 2029", REF, "../2029", "2023-11-01", "2029-12-31", "range"),
    ("tot en met 2020", REF, "../2020", "2020-01-01", "2020-12-31", "year"),
    ("uiterlijk maart 2024", REF, "../2024-03", "2023-11-01", "2024-03-31", "range"),
    ("voor het zomerreces", dt.date(2025, 3, 11), "../2025-07-04", "2025-03-11", "2025-07-04",
     "range"),
    ("voor het zomerreces", REF, "../2024-07-05", "2023-11-01", "2024-07-05", "range"),
    ("voor de zomer", dt.date(2024, 2, 1), "../2024-07-05", "2024-02-01", "2024-07-05", "range"),
    ("voor de zomer", REF, "../2024-07-05", "2023-11-01", "2024-07-05", "range"),
    ("voor het einde van het jaar", REF, "../2023-12-31", "2023-11-01", "2023-12-31", "range"),
    ("op korte termijn (voor het einde van het jaar)", REF, "../2023-12-31", "2023-11-01",
     "2023-12-31", "range"),
    ("later dit jaar", REF, "../2023-12-31", "2023-11-01", "2023-12-31", "range"),
    ("vóór 1 juli 2024", REF, "../2024-06-30", "2023-11-01", "2024-06-30", "range"),
    ("vóór 1 juli 2024", None, "../2024-06-30", "2024-06-30", "2024-06-30", "day"),
    ("vóór 2023", dt.date(2021, 11, 17), "../2022-12-31", "2021-11-17", "2022-12-31", "range"),
    ("voor het kerstreces", REF, "../2023-12-22", "2023-11-01", "2023-12-22", "range"),
]  # fmt: skip


@pytest.mark.parametrize(("expr", "ref", "label", "start", "end", "precision"), FORMS)
def test_forms(expr: str, ref: dt.date | None, label: str, start: str, end: str, precision: str):
    period = parse_period(expr, ref)
    assert period == Period(
        dt.date.fromisoformat(start), dt.date.fromisoformat(end), PeriodPrecision(precision), label
    )


@pytest.mark.parametrize(
    "expr",
    ["31 maart", "in maart", "dit jaar", "vorig jaar", "december vorig jaar", "dit najaar",
     "in het tweede kwartaal", "eind van het jaar", "later dit jaar", "voor het zomerreces",
     "voor het einde van het jaar", "een jaar geleden", "de komende vier jaar", "juli jl.",
     "na de zomer", "sinds begin dit jaar"],
)  # fmt: skip
def test_relative_expressions_need_a_reference(expr: str) -> None:
    assert parse_period(expr) is None
    (mention,) = find_periods(expr, REF)
    assert mention.relative and (mention.start, mention.end) == (0, len(expr))


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Kamerstukken II 2020/21, 35 420, nr. 300", []),
        ("Kamerstukken II 2023-2024, 32824, nr. 419", []),
        ("Handelingen II 2022/23, nr. 84, item 12", []),
        ("Onze referentie 2021-0000181230", []),
        ("Kamerstuk 29 544, nr. 1085", []),
        ("zie nr. 2019 en blz. 2020", []),
        ("document 2023D41173 en zaak 2024Z10238", []),
        ("https://www.rijksoverheid.nl/documenten/rapporten/2023/06/28/voortgang", []),
        ("anno 2022 is dat 2,9 procentpunten", ["2022"]),
        ("het kost € 2025 per jaar, tot 2000 euro of 2019 procent", []),
        ("ruim 2000 mensen, maar in 2020 mensen met een baan", ["in 2020"]),
        ("Postbus 2013 AB Haarlem", []),
        ("in 2019 EU-breed", ["in 2019"]),
        ("in 1 op de 5 gevallen, twee keer zo vaak, 24-wekeneis", []),
        ("Na 8 jaar en na 2 jaar; per jaar; elk halfjaar; de komende jaren", []),
        ("Tweede Kamer, vergaderjaar 2022–2023, 29 544, nr. 1158", ["2022–2023"]),
        ("De gesprekstafels staan voor 2023 gepland.", ["2023"]),
        ("In mei vond de conferentie plaats; mei is een maand.", ["In mei"]),
        ("de periode 2008–2013/2014", []),
    ],
)
def test_citations_identifiers_and_amounts_are_not_periods(text: str, found: list[str]) -> None:
    assert [m.text for m in find_periods(text, REF)] == found


def test_longest_match_spans_and_window() -> None:
    text = "Het project loopt van eind 2022 tot en met maart 2024. In 2025 volgt een evaluatie."
    found = find_periods(text)
    assert [(m.text, m.period.label, m.rule) for m in found] == [
        ("van eind 2022 tot en met maart 2024", "2022-eind/2024-03", "range"),
        ("In 2025", "2025", "year"),
    ]
    assert all(text[m.start : m.end] == m.text for m in found)
    window = find_periods(text, None, text.index("In 2025"), len(text))
    assert [(m.text, m.start) for m in window] == [("In 2025", text.index("In 2025"))]


@pytest.mark.parametrize(
    ("text", "rule"),
    [("in 2018", "year"), ("in de loop van 2019", "in-de-loop"), ("17 november 2021", "date"),
     ("2023–2027", "year-range"), ("vanaf oktober 2022", "since"), ("dit jaar", "year-relative"),
     ("medio 2024", "part"), ("begin december 2023", "part-month"), ("na 2027", "after"),
     ("tot en met 2029", "until"), ("voor de zomer", "deadline")],
)  # fmt: skip
def test_rule_names(text: str, rule: str) -> None:
    assert [m.rule for m in find_periods(text, REF)] == [rule]


def test_parse_period_wants_one_whole_expression() -> None:
    assert parse_period("in het eerste kwartaal van 2024.") == parse_period("2024-Q1")
    assert parse_period("maart 2024 en april 2024") is None
    assert parse_period("het rapport") is None
    assert parse_period("") is None


# Seed 000: every temporal expression of the body, counted by reading the letter.
SEED_000_BODY = [
    ("in 2018", "2018"), ("in 2022", "2022"), ("in maart dit jaar", "2023-03"),
    ("In juli jongstleden", "2023-07"), ("in het eerste kwartaal van 2024", "2024-Q1"),
    ("In 2023", "2023"), ("in maart 2023", "2023-03"), ("In 2024", "2024"), ("2025", "2025"),
    ("in 2023", "2023"), ("afgelopen jaar", "2022"), ("van 2023 tot en met 2027", "2023/2027"),
    ("na 2027", "2028/.."), ("2023–2027", "2023/2027"), ("begin december 2023", "2023-12"),
    ("medio 2024", "2024-medio"), ("In 2022", "2022"),
    ("in het eerste half jaar van 2024", "2024-H1"),
    ("vanaf het einde van dit jaar", "2023-eind/.."), ("op 6 juli 2022", "2022-07-06"),
    ("komend jaar", "2024"), ("Dit jaar", "2023"), ("2020", "2020"), ("In 2025", "2025"),
    ("in 2024", "2024"), ("in het eerste kwartaal van 2025", "2025-Q1"),
]  # fmt: skip


def test_seed_000_body_has_every_expression_and_nothing_else() -> None:
    letter = read_letter(CORPUS / "000_6adc83efdee732d0.txt", knowledge=False)
    found = find_periods(letter.text, letter.metadata.date.value, 0, letter.body_end)
    assert [(m.text, m.period.label) for m in found] == SEED_000_BODY


def test_seed_000_footnotes() -> None:
    letter = read_letter(CORPUS / "000_6adc83efdee732d0.txt", knowledge=False)
    found = find_periods(letter.text, letter.metadata.date.value, letter.body_end)
    labels = [m.period.label for m in found]
    assert len(found) == 26
    assert "2022-eind/2024-03" in labels and "2023-04-26" in labels and "2022-09" in labels


def test_seed_004_resolves_against_the_datum_line() -> None:
    letter = read_letter(CORPUS / "004_e70a85e84504e092.txt", knowledge=False)
    found = find_periods(letter.text, letter.metadata.date.value, 0, letter.body_end)
    assert [(m.text, m.period.label, m.relative) for m in found] == [
        ("in 2018", "2018", False), ("2018-2021", "2018/2021", False),
        ("eind vorig jaar", "2020-eind", True), ("sinds februari 2021", "2021-02/..", False),
        ("sinds begin dit jaar", "2021-begin/..", True), ("in maart 2022", "2022-03", False),
        ("2023", "2023", False), ("medio december 2021", "2021-12", False),
        ("sinds juli 2020", "2020-07/..", False), ("2019", "2019", False),
        ("de afgelopen vijftien jaar", "2006/2020", True),
    ]  # fmt: skip


# --- properties ---------------------------------------------------------------------------


def _last_day(d: dt.date) -> int:
    return calendar.monthrange(d.year, d.month)[1]


def _months(p: Period) -> int:
    return (p.end.year - p.start.year) * 12 + p.end.month - p.start.month + 1


def _consistent(p: Period) -> bool:
    """The span fits the precision: a day is one day, a month a whole month, and so on."""
    whole_months = p.start.day == 1 and p.end.day == _last_day(p.end)
    return p.start <= p.end and {
        PeriodPrecision.DAY: p.start == p.end,
        PeriodPrecision.MONTH: whole_months and _months(p) == 1,
        PeriodPrecision.QUARTER: whole_months and _months(p) == 3 and p.start.month % 3 == 1,
        PeriodPrecision.HALF: whole_months and 3 <= _months(p) <= 6 and p.start.year == p.end.year,
        PeriodPrecision.SEASON: whole_months and _months(p) == 3 and p.start.month % 3 == 0,
        PeriodPrecision.YEAR: (p.start.month, p.start.day, p.end.month, p.end.day) == (1, 1, 12, 31)
        and p.start.year == p.end.year,
        PeriodPrecision.RANGE: True,
    }[p.precision]


def _check(text: str, ref: dt.date | None, found: list[PeriodMention]) -> None:
    for m in found:
        assert text[m.start : m.end] == m.text
        assert _consistent(m.period), m
        assert ref is not None or not m.relative
    assert all(a.end <= b.start for a, b in pairwise(found))


WORDS = (
    "in op van tot en met t/m vanaf sinds na voor vóór uiterlijk tussen het de dit deze vorig "
    "komend afgelopen volgend jaar eerste tweede 1e 4e laatste kwartaal helft half halfjaar begin "
    "medio eind einde voorjaar zomer najaar winter zomerreces kerstreces januari februari maart "
    "juni december jl. a.s. jongstleden geleden een vier komende 1 29 31 2019 2020 2024 2099 1900 "
    "Q1 Q4 – - / ( ) , . € euro nr. Kamerstukken II op korte termijn later loop"
).split()


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80), st.one_of(st.none(), st.dates()))
def test_any_text_never_raises(text: str, ref: dt.date | None) -> None:
    _check(text, ref, find_periods(text, ref))


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=12), st.one_of(st.none(), st.dates()))
def test_grammar_soup_gives_consistent_periods(words: list[str], ref: dt.date | None) -> None:
    text = " ".join(words)
    _check(text, ref, find_periods(text, ref))
    parse_period(text, ref)
