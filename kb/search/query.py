"""The search query language: what a user typed, read into clauses (see kb.search.translate).

Syntax: words are ANDed; "exact phrase"; OR (or OF) between two clauses; NOT (NIET) or -word to
exclude; prefix* and wild?cards; field filters `jaar:2021..2023`, `org:UWV`, `soort:voetnoot`,
`brief:<id>`, `ondertekenaar:`, `pilot:`, `programma:`, `motie:`. OR binds tighter than AND,
as in web search: `a b OR c` is `a AND (b OR c)`.

Parsing is total: any string gives a ParsedQuery; what could not be used is dropped and named in
`problems` (a clear Dutch message) instead of raising.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

# What users may type before the colon -> the canonical filter name.
FILTER_NAMES = {
    "jaar": "jaar", "year": "jaar",
    "org": "org", "organisatie": "org", "organisation": "org",
    "soort": "soort", "kind": "soort", "type": "soort",
    "brief": "brief", "document": "brief",
    "ondertekenaar": "ondertekenaar", "signatory": "ondertekenaar",
    "pilot": "pilot",
    "programma": "programma", "programme": "programma",
    "motie": "motie", "motion": "motie",
}  # fmt: skip
# What users may write after `soort:` -> the kind of unit in the index.
KIND_NAMES = {
    "alinea": "alinea", "alineas": "alinea", "alinea's": "alinea", "passage": "alinea",
    "passages": "alinea", "paragraaf": "alinea",
    "voetnoot": "voetnoot", "voetnoten": "voetnoot", "footnote": "voetnoot",
    "footnotes": "voetnoot",
    "cijfer": "cijfer", "cijfers": "cijfer", "statistiek": "cijfer", "statistieken": "cijfer",
    "statistic": "cijfer", "statistics": "cijfer",
    "toezegging": "toezegging", "toezeggingen": "toezegging", "commitment": "toezegging",
    "commitments": "toezegging",
}  # fmt: skip
OPERATORS = {"OR": "or", "OF": "or", "AND": "and", "EN": "and", "NOT": "not", "NIET": "not"}
MAX_CLAUSES = 64  # more is junk or an accident; the rest is ignored with a message


@dataclass(frozen=True)
class Word:
    """A plain word: matched stemmed, exactly and as part of compounds."""

    text: str


@dataclass(frozen=True)
class Phrase:
    """Words that must occur together, in this order, unstemmed."""

    text: str


@dataclass(frozen=True)
class Pattern:
    """A word with * (any letters) or ? (one letter), e.g. monitor*."""

    text: str


@dataclass(frozen=True)
class Filter:
    """A field filter; `value` is checked (a year range is "2021..2023", a kind is Dutch)."""

    name: str
    value: str


@dataclass(frozen=True)
class Not:
    clause: Clause


@dataclass(frozen=True)
class AnyOf:
    clauses: tuple[Clause, ...]


Clause = Word | Phrase | Pattern | Filter | Not | AnyOf


@dataclass(frozen=True)
class ParsedQuery:
    """The clauses (ANDed) of a query and the problems met while reading it."""

    clauses: tuple[Clause, ...]
    problems: tuple[str, ...] = ()
    blank: bool = False  # nothing typed at all: match every unit

    def positive(self) -> tuple[Clause, ...]:
        """The Word, Phrase and Pattern clauses that are not negated (for snippets, spelling)."""
        return tuple(_positive(self.clauses))


def _positive(clauses: tuple[Clause, ...]) -> Iterator[Clause]:
    for clause in clauses:
        if isinstance(clause, AnyOf):
            yield from _positive(clause.clauses)
        elif isinstance(clause, Word | Phrase | Pattern):
            yield clause


# A token: optional '-', then field:"value", field:value, "phrase" (closing quote optional) or
# any run of characters that are neither space nor quote.
_TOKEN = re.compile(
    r'(?P<neg>-(?=\S))?(?:(?P<field>[^\W\d_]\w*):(?:"(?P<fquoted>[^"]*)"?|(?P<fvalue>[^\s"]+))'
    r'|"(?P<phrase>[^"]*)"?|(?P<word>[^\s"]+))'
)
_YEARS = re.compile(r"(\d{4})?\s*(\.\.|-|–)?\s*(\d{4})?")


@dataclass
class _Reader:
    """The state of reading one query: clauses so far and what was wrong."""

    clauses: list[list[Clause]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    pending: str | None = None  # "or" or "not" waiting for its clause
    negate: bool = False

    def operator(self, op: str) -> None:
        if op == "or" and (not self.clauses or self.pending or self.negate):
            self.problems.append("OR zonder zoekterm ervoor genegeerd")
        elif op == "or":
            self.pending = "or"
        elif op == "not":
            self.negate = True

    def clause(self, clause: Clause, negated: bool) -> None:
        if negated or self.negate:
            clause = Not(clause)
        if self.pending == "or":
            self.clauses[-1].append(clause)
        else:
            self.clauses.append([clause])
        self.pending, self.negate = None, False

    def finish(self, blank: bool) -> ParsedQuery:
        if self.pending == "or":
            self.problems.append("OR zonder zoekterm erna genegeerd")
        if self.negate:
            self.problems.append("NOT zonder zoekterm erna genegeerd")
        if len(self.clauses) > MAX_CLAUSES:
            self.problems.append(
                f"te lange zoekvraag: alleen de eerste {MAX_CLAUSES} termen gebruikt"
            )
        clauses = tuple(
            group[0] if len(group) == 1 else AnyOf(tuple(group))
            for group in self.clauses[:MAX_CLAUSES]
        )
        if not clauses and not blank and not self.problems:
            self.problems.append("geen zoekwoorden gevonden; typ een of meer woorden")
        return ParsedQuery(clauses, tuple(self.problems), blank and not clauses)


def parse(text: str) -> ParsedQuery:
    """Read a query string into clauses; never raises."""
    reader = _Reader()
    for match in _TOKEN.finditer(text):
        _read_token(reader, match)
    return reader.finish(blank=not text.strip())


def _read_token(reader: _Reader, match: re.Match[str]) -> None:
    negated = bool(match["neg"])
    if match["field"] is not None:
        _read_filter(reader, match, negated)
    elif match["phrase"] is not None:
        # Like a word, a phrase of punctuation only ('":"') has nothing to search for.
        if re.search(r"\w", match["phrase"]):
            reader.clause(Phrase(" ".join(match["phrase"].split())), negated)
    elif not negated and match["word"] in OPERATORS:
        reader.operator(OPERATORS[match["word"]])
    else:
        _read_word(reader, match["word"], negated)


def _read_word(reader: _Reader, raw: str, negated: bool) -> None:
    word = re.sub(r"^[\W_]+|[^\w*?]+$", "", raw)
    if not word.strip("*?"):
        return  # punctuation only
    if "*" not in word and "?" not in word:
        reader.clause(Word(word), negated)
        return
    literal = re.split(r"[*?]", word, maxsplit=1)[0]
    if len(literal) < 2:
        reader.problems.append(
            f"'{raw}' genegeerd: zet minstens twee letters voor * of ?, bijvoorbeeld monitor*"
        )
        return
    reader.clause(Pattern(word.lower()), negated)


def _read_filter(reader: _Reader, match: re.Match[str], negated: bool) -> None:
    raw_name = match["field"]
    name = FILTER_NAMES.get(raw_name.lower())
    quoted = match["fquoted"]
    value = " ".join((quoted if quoted is not None else match["fvalue"]).split())
    if name is None:
        if not value.startswith("/"):  # not a URL such as https://…
            reader.problems.append(
                f"onbekend veld '{raw_name}:' als gewone woorden gezocht; velden zijn "
                + ", ".join(sorted(set(FILTER_NAMES.values())))
            )
        for word in (raw_name, *value.split()):
            _read_word(reader, word, negated)
        return
    checked, problem = check_filter(name, value)
    if problem is not None:
        reader.problems.append(problem)
    else:
        reader.clause(Filter(name, checked), negated)


def check_filter(name: str, value: str) -> tuple[str, str | None]:
    """The filter value in canonical form, or a message saying why it cannot be used."""
    if not value:
        example = f"{name}:{_EXAMPLE[name]}"
        return value, f"{name}: zonder waarde genegeerd; schrijf bijvoorbeeld {example}"
    if name == "jaar":
        years = parse_years(value)
        if years is None:
            return value, (
                f"jaar:{value} genegeerd: verwacht een jaar of een bereik, bijvoorbeeld "
                "jaar:2022 of jaar:2021..2023"
            )
        return f"{years[0]}..{years[1]}", None
    if name == "soort":
        kind = KIND_NAMES.get(value.lower())
        if kind is None:
            choices = ", ".join(sorted(set(KIND_NAMES.values())))
            return value, f"soort:{value} genegeerd: kies uit {choices}"
        return kind, None
    return value, None


_EXAMPLE = {
    "jaar": "2021..2023", "org": "UWV", "soort": "voetnoot", "brief": "kst-29544-1158",
    "ondertekenaar": "Gennip", "pilot": "Leren en Werken", "programma": "VIA",
    "motie": "Ergin",
}  # fmt: skip
YEAR_MIN, YEAR_MAX = 1000, 2999


def parse_years(value: str) -> tuple[int, int] | None:
    """`2022` → (2022, 2022); `2021..2023`, `2021-2023`, `2021..`, `..2023` → a closed range."""
    match = _YEARS.fullmatch(value.strip())
    if match is None or not (match[1] or match[3]) or (match[1] and match[3] and not match[2]):
        return None
    if match[2] is None:
        year = int(match[1] or match[3])
        return year, year
    first = int(match[1]) if match[1] else YEAR_MIN
    last = int(match[3]) if match[3] else YEAR_MAX
    return min(first, last), max(first, last)
