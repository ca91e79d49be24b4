"""Dutch temporal expressions in running text, normalised to `Period`s (end inclusive).

A grammar of small regex parts (month, year, ordinal, part-of-year word, season) composed into
points ("17 november 2021", "het eerste kwartaal van 2024", "begin 2019", "dit najaar") and
operators over points ("van X tot en met Y", "vanaf X", "tot en met X", "na X", "vóór X").
Every rule's candidates are collected; the longest wins. Labels:

    day       "2021-11-17"            start == end
    month     "2024-03"               the whole month, also "begin/medio/eind december 2023"
    quarter   "2024-Q1"               three months
    half      "2024-H1", "2024-H2"    six months; parts of a year: "2019-begin" (Jan-Mar),
              "2024-medio" (May-Aug; also "half"/"midden"), "2022-eind" (Oct-Dec)
    season    "2022-voorjaar" Mar-May, "-zomer" Jun-Aug, "-najaar" Sep-Nov, "-winter" Dec-Feb
              (into the next year); "lente"/"herfst" are written voorjaar/najaar
    year      "2025"
    range     "2023/2027" (2023-01-01..2027-12-31), "2022-eind/2024-03"; "2024-zomerreces"
              (first Friday of July .. first Monday of September), "2023-kerstreces"
    from      "vanaf/sinds X": X's own period (where it begins), labelled "2022-10/..";
              "na X": the unit after X, "na 2027" -> "2028/..", "na de zomer" -> "2023-najaar/.."
    until     "tot (en met) X", "uiterlijk X": "../2029", ends with X; starts at the reference
              date when that is not after X, else at X's start
    deadline  "../2023-12-31", starts at the reference date: "voor het einde van het jaar",
              "later dit jaar" (Dec 31), "voor de zomer"/"voor het zomerreces" (the recess's first
              Friday of July), "vóór X" (the day before X)
Relative expressions ("dit jaar", "in maart", "31 maart", "in het tweede kwartaal", "dit najaar",
"december vorig jaar", "een jaar geleden", "de komende vier jaar") are resolved in the year of
`reference` (relative=True) and skipped without one; "afgelopen jaar" is the previous calendar
year. Not periods: years in citations ("Kamerstukken II 2020/21", "nr. 2019"), identifiers
("2021-0000181230", "2023D41173", URLs), amounts ("€ 2025", "2,9"), postcodes ("2013 AB").
"voor 2023" reads as the year ("for 2023"): letters say that more often than "before 2023".
A bare year has rule "year" (weak evidence); other rules are named after their form.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import replace
from functools import partial

from ingest.models import Period, PeriodMention
from ingest.models import PeriodPrecision as P

Ref = dt.date | None
_Hit = tuple[Period, bool]  # the period and whether `reference` was needed
_Build = Callable[[re.Match[str], Ref, int | None], _Hit | None]

SP = r"(?:[^\S\n]+\n?|\n)[^\S\n]*"  # whitespace, at most one line break
SP0 = r"[^\S\n]*"
LEFT = r"(?<![\w/.,€@\-–])"
MONTHS = "januari februari maart april mei juni juli augustus september oktober november december"
MONTH = "(?:" + MONTHS.replace(" ", "|") + ")"
POSTCODE = r"[^\S\n](?-i:[A-Z]{2}[^\S\n]+[A-Z][a-z])"  # "2013 AB Haarlem"
YEAR = rf"(?:19|20)\d\d(?![\d/]|[.,]\d|{SP0}[-–—]{SP0}\d|{POSTCODE})"
RELYEAR = (
    rf"(?:(?:dit|vorig|verleden|afgelopen|komend|volgend|aankomend)"
    rf"|het{SP}(?:afgelopen|komende|volgende|aankomende|vorige)){SP}jaar"
)
YEARREF = rf"(?:{YEAR}|{RELYEAR}|het{SP}jaar)"
OF_YEAR = rf"(?:{SP}(?:van{SP})?(?P<y>{YEARREF}))?"
JL = r"(?:jongstleden|jl\.|j\.l\.|aanstaande|a\.s\.)"
ORD = r"(?:eerste|tweede|derde|vierde|laatste|[1-4](?:e|ste|de))"
PART = rf"(?:(?:aan{SP})?het{SP})?(?:begin|medio|midden|half|halverwege|einde?)(?:{SP}van)?"
SHIFTS = r"(?:komende?|aankomende?|volgende?|afgelopen|vorige?)"
_NUMBERS = {w: i + 1 for i, w in enumerate("een twee drie vier vijf zes zeven acht negen".split())}
_NUMBERS |= {"tien": 10, "elf": 11, "twaalf": 12, "vijftien": 15, "twintig": 20}
NUMBER = "(?:" + "|".join(_NUMBERS) + r"|\d\d?)"
PREP = rf"(?:in{SP}de{SP}loop{SP}van|in|op|rond|rondom|omstreeks|tijdens|gedurende)"
_SHIFT = {"vorig": -1, "vorige": -1, "verleden": -1, "afgelopen": -1, "komend": 1, "komende": 1,
          "volgend": 1, "volgende": 1, "aankomend": 1, "aankomende": 1}  # fmt: skip
_ORDINALS = {"eerste": 1, "tweede": 2, "derde": 3, "vierde": 4, "laatste": 4}
_SEASONS = {"voorjaar": 3, "lente": 3, "zomer": 6, "najaar": 9, "herfst": 9, "winter": 12}
_SEASON_NAMES = {3: "voorjaar", 6: "zomer", 9: "najaar", 12: "winter"}
_PARTS = {"begin": (1, 3), "medio": (5, 8), "eind": (10, 12)}
_CITED = re.compile(
    r"(?:Kamerstuk(?:ken)?|Handelingen|Stcrt\.?|Staatscourant|Stb\.?|Staatsblad|Trb\.?|nrs?\."
    r"|blz\.|p\.|pag\.|art\.|artikel|ECLI:\S*)\s*(?:I{1,2}\b)?\s*[,/]?\s*(?:/\s*)?$",
    re.IGNORECASE,
)
_AMOUNT = re.compile(r"\s*(?:(?:euro|procent|miljoen|miljard|keer)\b|%)", re.I)
_COUNT = re.compile(r"\s*(?:mensen|personen|bedrijven|werkgevers|deelnemers)\b", re.I)


# --- periods ----------------------------------------------------------------------------------


def _months(y1: int, m1: int, y2: int, m2: int, precision: P, label: str) -> Period:
    end = dt.date(y2, m2, calendar.monthrange(y2, m2)[1])
    return Period(dt.date(y1, m1, 1), end, precision, label)


def _day(d: dt.date) -> Period:
    return Period(d, d, P.DAY, d.isoformat())


def _month(y: int, m: int) -> Period:
    return _months(y, m, y, m, P.MONTH, f"{y}-{m:02d}")


def _year(y: int) -> Period:
    return _months(y, 1, y, 12, P.YEAR, str(y))


def _quarter(y: int, q: int) -> Period:
    return _months(y, 3 * q - 2, y, 3 * q, P.QUARTER, f"{y}-Q{q}")


def _season(y: int, first: int) -> Period:
    y2, m2 = (y + 1, 2) if first == 12 else (y, first + 2)
    return _months(y, first, y2, m2, P.SEASON, f"{y}-{_SEASON_NAMES[first]}")


def _first_weekday(y: int, m: int, weekday: int, from_day: int = 1) -> dt.date:
    day = dt.date(y, m, from_day)
    return day + dt.timedelta(days=(weekday - day.weekday()) % 7)


def _recess(y: int, name: str) -> Period:
    """Summer: first Friday of July .. first Monday of September; Christmas: ~2.5 weeks."""
    if name.startswith("zomer"):
        start, end = _first_weekday(y, 7, 4), _first_weekday(y, 9, 0)
    else:
        start = _first_weekday(y, 12, 4, 16)
        end = start + dt.timedelta(days=17)
    return Period(start, end, P.RANGE, f"{y}-{name}")


def _following(p: Period) -> Period:
    """The unit right after `p` at its own precision ("2027" -> "2028", "zomer" -> "najaar")."""
    nxt = p.end + dt.timedelta(days=1)
    if p.precision is P.YEAR:
        return _year(nxt.year)
    if p.precision is P.MONTH:
        return _month(nxt.year, nxt.month)
    if p.precision is P.QUARTER:
        return _quarter(nxt.year, (nxt.month + 2) // 3)
    if p.precision is P.SEASON:
        return _season(nxt.year, nxt.month)
    return _day(nxt)


# --- points -----------------------------------------------------------------------------------


def _resolve_year(token: str | None, ref: Ref, hint: int | None) -> tuple[int, bool]:
    """The year a token names: digits, "dit/vorig/komend jaar", or none (hint, else `ref`'s)."""
    if token and (digits := re.search(r"\d{4}", token)):
        return int(digits.group()), False
    if token is None and hint is not None:
        return hint, False
    if ref is None:
        raise LookupError("a relative expression needs a reference date")
    words = re.findall(r"\w+", token.lower()) if token else []
    shift = _SHIFT.get(words[-2], 0) if len(words) >= 2 and words[-1] == "jaar" else 0
    return ref.year + shift, True


def _month_no(name: str) -> int:
    return MONTHS.split().index(name.lower()) + 1


def _ordinal(word: str) -> int:
    return int(word[0]) if word[0].isdigit() else _ORDINALS[word.lower()]


def _nearest(m: re.Match[str], ref: Ref) -> _Hit:
    """ "juli jongstleden" is the last July before `ref`, "maart aanstaande" the next March."""
    if ref is None:
        raise LookupError(m["y"])
    has_day = bool(m.groupdict().get("d"))
    month, day = _month_no(m["m"]), int(m["d"]) if has_day else 1
    this_year, now = dt.date(ref.year, month, day), ref if has_day else ref.replace(day=1)
    if m["y"].lower().startswith("j"):  # jongstleden
        y = ref.year - (this_year > now)
    else:
        y = ref.year + (this_year < now)
    return (_day(dt.date(y, month, day)) if has_day else _month(y, month)), True


def _season_point(m: re.Match[str], ref: Ref, hint: int | None) -> _Hit:
    first, det = _SEASONS[m["s"].lower()], (m["det"] or "").lower()
    if m["y"] or det not in _SHIFT or ref is None:
        y, rel = _resolve_year(m["y"], ref, hint)
        if m["y"] is None and hint is None and first == 12 and ref and ref.month <= 2:
            y -= 1  # "deze winter" in January began last December
        return _season(y, first), rel
    if _SHIFT[det] > 0:  # "komend najaar": the next one that has not begun yet
        return _season(ref.year + (_season(ref.year, first).start <= ref), first), True
    return _season(ref.year - (_season(ref.year, first).end >= ref), first), True


def _point_period(kind: str, m: re.Match[str], ref: Ref, hint: int | None) -> _Hit:
    """The period of a point expression; `hint` is the year of a range's other end."""
    g = m.groupdict()
    if kind == "season":
        return _season_point(m, ref, hint)
    token = m.group() if kind.startswith("year") else g.get("y")
    if token and re.fullmatch(JL, token, re.I):
        return _nearest(m, ref)
    y, rel = _resolve_year(token, ref, hint)
    if kind == "date":
        return _day(dt.date(y, _month_no(g["m"]), int(g["d"]))), rel
    if kind in ("month", "part-month"):
        return _month(y, _month_no(g["m"])), rel
    if kind == "quarter":
        return _quarter(y, _ordinal(g["q"])), rel
    if kind == "half":
        h = _ordinal(g["q"])
        return _months(y, 6 * h - 5, y, 6 * h, P.HALF, f"{y}-H{h}"), rel
    if kind == "part":
        word = re.search(r"begin|eind", g["p"], re.I)
        name = word.group().lower() if word else "medio"
        first, last = _PARTS[name]
        return _months(y, first, y, last, P.HALF, f"{y}-{name}"), rel
    if kind == "recess":
        return _recess(y, g["r"].lower()), rel
    return _year(y), rel


# (kind, fragment, needs "in"/"dit" when yearless), most specific first.
_POINTS = [
    ("date", rf"(?P<d>[12]\d|3[01]|0?[1-9]){SP}(?P<m>{MONTH})(?:{SP}(?P<y>{YEAR}|{RELYEAR}|{JL}))?",
     False),
    ("part-month", rf"(?P<p>{PART}){SP}(?P<m>{MONTH})(?:{SP}(?P<y>{YEAR}|{RELYEAR}))?", False),
    ("part", rf"(?P<p>{PART}){SP}(?P<y>{YEARREF})", False),
    ("quarter", rf"(?:het{SP})?(?P<q>{ORD}){SP}kwartaal{OF_YEAR}", True),
    ("quarter", rf"Q(?P<q>[1-4])(?:{SP}|-)?(?P<y>{YEAR})", False),
    ("quarter", r"(?P<y>(?:19|20)\d\d)-?Q(?P<q>[1-4])", False),
    ("half", rf"(?:het{SP}|de{SP})?(?P<q>eerste|tweede|[12](?:e|ste|de)){SP}"
     rf"(?:helft|half{SP}jaar|halfjaar|halve{SP}jaar|jaarhelft){OF_YEAR}", True),
    ("season", rf"(?:(?P<det>het|de|dit|deze|{SHIFTS}){SP})?"
     rf"(?P<s>voorjaar|lente|zomer|najaar|herfst|winter){OF_YEAR}", False),
    ("recess", rf"(?:het{SP})?(?P<r>zomerreces|kerstreces){OF_YEAR}", False),
    ("month", rf"(?P<m>{MONTH})(?:{SP}(?:van{SP})?(?P<y>{YEAR}|{RELYEAR}|{JL}))?", True),
    ("year-relative", RELYEAR, False),
    ("year", YEAR, False),
]  # fmt: skip
_POINT_RX = [(kind, re.compile(frag, re.I)) for kind, frag, _ in _POINTS]
POINT = "(?:" + "|".join(re.sub(r"\(\?P<\w+>", "(?:", f) for _, f, _ in _POINTS) + ")"


def _point(text: str, ref: Ref, hint: int | None = None) -> _Hit | None:
    """Parse one whole point expression ("maart 2024", "begin dit jaar")."""
    for kind, rx in _POINT_RX:
        if m := rx.fullmatch(text.strip()):
            return _point_period(kind, m, ref, hint)
    return None


def _standalone(kind: str, needs_context: bool) -> _Build:
    """A point on its own; a yearless "maart"/"eerste kwartaal" needs "in" before it."""

    def run(m: re.Match[str], ref: Ref, hint: int | None) -> _Hit | None:
        if needs_context and not (m["y"] or m["prep"]):
            return None
        return _point_period(kind, m, ref, hint)

    return run


# --- operators over points --------------------------------------------------------------------


def _range(m: re.Match[str], ref: Ref, hint: int | None) -> _Hit | None:
    """ "van X tot en met Y": a yearless X takes Y's year ("maart tot en met mei 2024")."""
    b = _point(m["b"], ref)
    if b is None:
        return None
    for year in (b[0].start.year, b[0].start.year - 1):  # "december tot en met februari 2024"
        a = _point(m["a"], ref, year)
        if a and a[0].start <= b[0].end:
            label = f"{a[0].label}/{b[0].label}"
            return Period(a[0].start, b[0].end, P.RANGE, label), a[1] or b[1]
    return None


def _open(kind: str, m: re.Match[str], ref: Ref, hint: int | None) -> _Hit | None:
    """ "vanaf X" and "na X" (open end), "tot en met X" (open start)."""
    a = _point(m["a"], ref)
    if a is None:
        return None
    p, rel = a
    if kind != "until":
        p = _following(p) if kind == "after" else p
        return replace(p, label=f"{p.label}/.."), rel
    p = replace(p, label=f"../{p.label}")
    if ref is not None and ref <= p.end and ref != p.start:
        p = replace(p, start=ref, precision=P.RANGE)
    return p, rel


def _boundary(p: Period) -> dt.date:
    """The last day of a deadline: the summer ends at the recess (first Friday of July)."""
    if p.label.endswith("-zomer"):
        return _first_weekday(p.start.year, 7, 4)
    return p.start if p.label.endswith("reces") else p.start - dt.timedelta(days=1)


def _deadline(m: re.Match[str], ref: Ref, hint: int | None) -> _Hit | None:
    """ "voor het einde van het jaar", "later dit jaar", "voor de zomer", "vóór 1 juli 2024"."""
    g = m.groupdict()
    if g.get("e") or g.get("later"):
        y, rel = _resolve_year(g.get("ey") or g.get("ly"), ref, None)
        end = dt.date(y, 12, 31)
    else:
        a = _point(m["a"], ref)
        if a is None:
            return None
        end, rel = _boundary(a[0]), a[1]
        if rel and ref and end < ref:  # "voor de zomer" written in September: next year's
            later = _point(m["a"], ref, ref.year + 1)
            end = _boundary(later[0]) if later else end
    start = ref if ref is not None and ref <= end else end
    return Period(start, end, P.RANGE if start < end else P.DAY, f"../{end.isoformat()}"), rel


def _years(kind: str, m: re.Match[str], ref: Ref, hint: int | None) -> _Hit | None:
    """ "een jaar geleden" (a year), "de komende/afgelopen vier jaar" (a range of years)."""
    if ref is None:
        return None
    n = _NUMBERS.get(m["n"].lower()) or int(m["n"])
    if kind == "ago":
        return _year(ref.year - n), True
    first = ref.year if m["dir"].lower() in ("komende", "volgende") else ref.year - n
    last = first + n - 1
    return (_months(first, 1, last, 12, P.RANGE, f"{first}/{last}"), True) if n else None


_DATE, _RECESS = (re.sub(r"\(\?P<\w+>", "(?:", f) for k, f, _ in _POINTS if k in ("date", "recess"))
YEAR_END = rf"(?:het{SP})?einde?{SP}(?:van{SP})?(?P<ey>{YEARREF})|de{SP}jaarwisseling"
_COMPOSITES: list[tuple[str, str, _Build]] = [
    ("range", rf"(?:(?:van|vanaf){SP})?(?P<a>{POINT}){SP}(?:tot{SP}en{SP}met|t/m|tot){SP}"
     rf"(?P<b>{POINT})", _range),
    ("range", rf"tussen{SP}(?P<a>{POINT}){SP}en{SP}(?P<b>{POINT})", _range),
    ("year-range", rf"(?:(?:van|de{SP}periode){SP})?(?P<a>(?:19|20)\d\d){SP0}[-–—]{SP0}"
     rf"(?P<b>{YEAR})", _range),
    ("since", rf"(?:vanaf|sinds|met{SP}ingang{SP}van|per){SP}(?P<a>{POINT})",
     partial(_open, "since")),
    ("after", rf"na(?:{SP}afloop{SP}van)?{SP}(?P<a>{POINT})", partial(_open, "after")),
    ("until", rf"(?:tot{SP}en{SP}met|t/m|tot|uiterlijk|niet{SP}later{SP}dan){SP}(?P<a>{POINT})",
     partial(_open, "until")),
    ("deadline", rf"(?P<kt>op{SP}korte{SP}termijn{SP0}\({SP0})?(?:(?:voor|vóór){SP}(?:(?P<e>"
     rf"{YEAR_END})|(?P<a>{_DATE}|{_RECESS}|de{SP}zomer(?:{SP}(?:van{SP})?{YEARREF})?))"
     rf"|(?P<later>later){SP}(?P<ly>dit{SP}jaar))(?(kt){SP0}\))", _deadline),
    ("deadline", rf"vóór{SP}(?P<a>{POINT})", _deadline),
    ("ago", rf"(?P<n>{NUMBER}){SP}jaar{SP}geleden", partial(_years, "ago")),
    ("years-span", rf"(?:de{SP})?(?P<dir>komende|afgelopen|voorgaande|volgende){SP}(?P<n>{NUMBER})"
     rf"{SP}jaar", partial(_years, "span")),
]  # fmt: skip
_POINT_RULES = [
    (kind, rf"{LEFT}(?:(?P<prep>{PREP}){SP})?{frag}(?!\w)", _standalone(kind, needs))
    for kind, frag, needs in _POINTS
]
_COMPOSITE_RULES = [(name, rf"{LEFT}{frag}(?!\w)", build) for name, frag, build in _COMPOSITES]
_RULES = [(name, re.compile(rx, re.I), b) for name, rx, b in _POINT_RULES + _COMPOSITE_RULES]


# --- public API -------------------------------------------------------------------------------


def find_periods(
    text: str, reference: dt.date | None = None, start: int = 0, end: int | None = None
) -> list[PeriodMention]:
    """Every temporal expression in text[start:end], longest match first, spans into `text`."""
    return list(_find_periods(text, reference, start, end))


@functools.lru_cache(maxsize=2048)  # events and commitments ask for the same sentences
def _find_periods(
    text: str, reference: dt.date | None, start: int, end: int | None
) -> tuple[PeriodMention, ...]:
    stop = len(text) if end is None else min(end, len(text))
    found: list[PeriodMention] = []
    for name, rx, build in _RULES:
        for m in rx.finditer(text, start, stop):
            try:
                hit = build(m, reference, None)
            except (LookupError, ValueError, OverflowError):  # needs a reference / no such day
                continue
            if hit and not _excluded(text, m):
                prep = " ".join((m.groupdict().get("prep") or "").lower().split())
                rule = "in-de-loop" if prep.startswith("in de loop") else name
                found.append(PeriodMention(m.group(), m.start(), m.end(), *hit, rule=rule))
    chosen: list[PeriodMention] = []
    for c in sorted(found, key=lambda c: (c.start - c.end, c.start)):
        if all(c.end <= o.start or c.start >= o.end for o in chosen):
            chosen.append(c)
    return tuple(sorted(chosen, key=lambda c: c.start))


def parse_period(expr: str, reference: dt.date | None = None) -> Period | None:
    """The period of one whole expression ("eerste kwartaal van 2024"), else None."""
    for text in (expr.strip(), expr.strip().rstrip(".,;:").strip()):  # "jl." keeps its period
        found = find_periods(text, reference)
        if len(found) == 1 and (found[0].start, found[0].end) == (0, len(text)):
            return found[0].period
    return None


def _excluded(text: str, m: re.Match[str]) -> bool:
    """Years of citations and identifiers; numbers that are amounts ("tot 2000 euro")."""
    before = text[max(0, m.start() - 40) : m.start()]
    if _CITED.search(before) or before.rstrip().endswith("€"):
        return True
    if not m.group()[-1].isdigit():
        return False
    counted = not m.groupdict().get("prep") and _COUNT.match(text, m.end())  # "2000 mensen"
    return bool(_AMOUNT.match(text, m.end()) or counted)
