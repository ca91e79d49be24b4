"""Where a figure comes from: normalise a cited source to (publication, publisher).

A source is written as a footnote ("TNO, 2022, Werkgevers Enquete Arbeidsmarkt 2021"), a
"Bron: …" line ("Bron: CBS Statline 2018"), or inline ("volgens het CBS", "uit onderzoek van
TNO blijkt"). `normalise_source` reads the citation shapes letters use — "Publisher, 2023,
Title", "Publisher (2021), Title", "Title, Publisher, 2023", "Title 2021 Publisher", author
lists, URLs (domain → publisher) and Kamerstukken — and maps names through the vocabulary in
`data/sources.json`. A publisher the vocabulary does not know stays as written (the leading
organisation-like part of the citation) with a lower confidence. `find_bron` and
`find_inline_source` locate such sources in running text.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources

KNOWN, UNKNOWN, DOMAIN_ONLY = 0.9, 0.5, 0.4  # confidence of a SourceRef by how it was named
YEAR = r"(?:19|20)\d\d"
_URL = re.compile(
    r"(?:https?://|www\.)[^\s)<>»\]]+"
    r"|(?<![\w@./-])[a-z0-9][\w-]*(?:\.[\w-]+)*\.(?:nl|com|org|eu|net|int|be)(?:/[^\s)<>»\]]*)?(?!\w)",
    re.I,
)
_LEAD = re.compile(
    r"^\s*(?:(?:[Bb]ron(?:nen)?\s*:?|[Zz]ie(?:\s+(?:ook|bijvoorbeeld|bijv\.|o\.a\.))?\s*:?)\s*)+"
)
_QUOTES = re.compile(r"(?<!\w)[«“‘'\"„]|[»”’'\"](?!\w)")
_PAREN_YEAR = re.compile(rf"\s*\(\s*((?:[a-z]+\s+)?{YEAR})\s*\)\s*,?\s*")
_YEAR_PART = re.compile(rf"^(?:[a-z]+\s+)?({YEAR})$")
_NOISE_PART = re.compile(r"^(?:blz|p|pp|pag)\.?\s*\d|^(?:opdrachtgever|in opdracht van)\b", re.I)
_TITLE_YEAR_PUBLISHER = re.compile(rf"^(?P<title>.{{6,}}?)\s+(?P<year>{YEAR})\s+(?P<pub>[A-Z(].*)$")
_KAMERSTUK = re.compile(r"(?:^Bijlage bij\s+)?\*?\b(?:Kamerstuk(?:ken)?|Handelingen)\b")
_AUTHOR_WORD = re.compile(r"^(?:[A-Z][\w'’-]*\.?|(?:[A-Z]\.)+|en|&|et|al\.?)$")
_FUNCTION_WORDS = frozenset(
    "de het een met in op voor van bij uit zie dit deze er zo ook als om te dat die door naar"
    " over tot aan hieronder leden wij ik u".split()
)
_ORG_HEAD = re.compile(  # an acronym or a word that names an organisation
    r"^[A-Z][A-Z&-]+\b|(?i:instituut|institute|bureau|raad|centrum|platform|universiteit"
    r"|university|stichting|vereniging|onderzoek|research|inspectie|autoriteit|college|bank)"
)
_VERBS = re.compile(r"\b(?:is|zijn|was|waren|wordt|worden|heeft|hebben|gebruikt|bestaat)\b")


@dataclass(frozen=True)
class SourceRef:
    """A normalised source: what was published, by whom, where and when."""

    publication: str | None
    publisher: str | None
    url: str | None
    year: int | None
    confidence: float = field(default=KNOWN, compare=False)  # lower for unknown publishers


@dataclass(frozen=True)
class _Entry:
    name: str
    pattern: re.Pattern[str]
    publisher: str | None = None  # the publisher of a publication
    earlier: tuple[tuple[int, str], ...] = ()  # (until year, publisher) of older editions


@dataclass(frozen=True)
class _Vocab:
    publishers: tuple[_Entry, ...]
    publications: tuple[_Entry, ...]
    domains: tuple[tuple[str, str, str | None], ...]  # (domain, publisher, publication)


def _alias_pattern(names: list[str]) -> re.Pattern[str]:
    """One pattern for a name and its aliases: one word case-sensitive, longer ones not."""
    alternatives = []
    for name in sorted(set(names), key=len, reverse=True):
        body = re.sub(r"\\[ \-]", r"[\\s\\-‐]+", re.escape(name))
        multiword = bool(re.search(r"[\s-]", name))
        alternatives.append(f"(?i:{body})" if multiword else body)
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)")


@cache
def _vocab() -> _Vocab:
    raw = json.loads(resources.files("ingest").joinpath("data/sources.json").read_text("utf-8"))
    publishers = tuple(
        _Entry(p["name"], _alias_pattern([p["name"], *p["aliases"]])) for p in raw["publishers"]
    )
    publications = tuple(
        _Entry(
            p["name"],
            _alias_pattern([p["name"], *p["aliases"]]),
            p["publisher"],
            tuple((e["until"], e["publisher"]) for e in p.get("earlier", ())),
        )
        for p in raw["publications"]
    )
    domains = [(d, p["name"], None) for p in raw["publishers"] for d in p["domains"]]
    domains += [(d, p["publisher"], p["name"]) for p in raw["publications"] for d in p["domains"]]
    return _Vocab(publishers, publications, tuple(sorted(domains, key=lambda d: -len(d[0]))))


def normalise_source(text: str) -> SourceRef | None:
    """The publication and publisher a source text names, or None when it names no source."""
    url_match = _URL.search(text)
    url = url_match.group(0).rstrip(".,;") if url_match else None
    body = _clean(_URL.sub(" ", text) if url else text)
    ref = _from_citation(body) if body else None
    by_url = _from_url(url) if url else None
    if ref is None:
        return replace(by_url, url=url) if by_url else None
    if by_url is not None and ref.confidence < KNOWN <= by_url.confidence:
        # A known domain beats a publisher guessed from the text (authors, not the publisher).
        ref = replace(ref, publisher=by_url.publisher, confidence=KNOWN)
    year = ref.year if ref.year is not None else (by_url.year if by_url else None)
    return replace(ref, url=url, year=year)


def _clean(text: str) -> str:
    """The first citation of a text: no "Bron:"/"Zie" lead, quotes, "| …" tails or 2nd cites."""
    text = _QUOTES.sub("", text.split(" | ")[0])
    text = _LEAD.sub("", re.sub(r"\(\s*\)", " ", text))
    text = re.sub(r"^(?:de|het|een)\s+", "", text.strip())
    text = re.split(r"\s*;\s+", text)[0]
    cite = rf"[A-Z][\w&-]*(?:\s+[A-Z][\w&-]*)*\s*(?:,\s*|\(\s*){YEAR}"
    text = re.split(rf"\s+of\s+(?={cite})", text)[0]
    text = re.split(r"(?<=[a-zà-ÿ)?\d]{2})\.\s+(?=[A-Z«(])", text)[0]
    return re.sub(r"\s+", " ", text).strip(" .,;:")


def _from_citation(body: str) -> SourceRef | None:
    """A source from citation text without its URL."""
    kamerstuk = _KAMERSTUK.search(body)
    if kamerstuk:  # an earlier letter: its title when given, else the citation itself
        return SourceRef(body[: kamerstuk.start()].strip(" ,") or body, None, None, None, KNOWN)
    for entry in _vocab().publishers:  # names with a comma ("Ministerie van Onderwijs, Cultuur …")
        body = entry.pattern.sub(lambda m, n=entry.name: n if "," in m[0] else m[0], body)
    parts = [p.strip() for p in re.split(r",\s+(?![^()]*\))", _PAREN_YEAR.sub(r", \1, ", body))]
    parts = [p for p in parts if p and not _NOISE_PART.match(p)]
    paren = bool(_PAREN_YEAR.search(body))  # "Authors (2021), Title": the title follows the year
    return _from_publication(body, parts) or _from_parts(parts, paren) or _from_short(body)


def _from_publication(body: str, parts: list[str]) -> SourceRef | None:
    """A known publication named at the start of a part ("Kernindicatoren Integratie 2023")."""
    for part in parts:
        for entry in _vocab().publications:
            match = entry.pattern.match(part)
            if match is None:
                continue
            edition = re.match(rf"\s+({YEAR})(?!\d)", part[match.end() :])
            name = f"{entry.name} {edition.group(1)}" if edition else entry.name
            year = _year_of(parts) or (int(edition.group(1)) if edition else None)
            named = _publisher_in(body.replace(match.group(0), " "))
            publisher = named or _edition_publisher(entry, year)
            return SourceRef(name, publisher, None, year, KNOWN)
    return None


def _edition_publisher(entry: _Entry, year: int | None) -> str | None:
    for until, publisher in entry.earlier:
        if year is not None and year <= until:
            return publisher
    return entry.publisher


def _from_parts(parts: list[str], paren: bool) -> SourceRef | None:
    """Comma-separated citations: publisher, year and title in any of the usual orders."""
    years = [i for i, p in enumerate(parts) if _YEAR_PART.match(p)]
    known = [(i, _publisher_at_start(p)) for i, p in enumerate(parts)]
    known = [(i, k) for i, k in known if k is not None]
    if len(parts) == 1 and not known:
        return _from_title_year_publisher(parts[0])
    if not years and not (known and known[0][0] == 0):
        return None
    year = _year_of(parts)
    if known:
        index, (publisher, rest) = known[0]
        titles = ([rest] if rest else []) + _titles(parts, {index}, years, paren)
        return SourceRef(titles[0] if titles else None, publisher, None, year, KNOWN)
    used = _unknown_publisher(parts, years[0])
    if not used:
        return None
    titles = _titles(parts, set(used), years, paren)
    publisher = ", ".join(parts[i] for i in used)
    return SourceRef(titles[0] if titles else None, publisher, None, year, UNKNOWN)


def _titles(parts: list[str], used: set[int], years: list[int], paren: bool) -> list[str]:
    """Title candidates: not publisher, year or leading authors; "Publisher, Year, Title" and
    "Authors (Year), Title" put the parts after the year first; a title has two words or more."""
    authors = 0
    while authors < len(parts) and authors not in used and _author_like(parts[authors]):
        authors += 1
    rest = [i for i in range(authors, len(parts)) if i not in used and i not in years]
    if years and used and (paren or years[0] == max(used) + 1):
        rest = [i for i in rest if i > years[0]] + [i for i in rest if i < years[0]]
    return sorted((parts[i] for i in rest), key=lambda p: len(p.split()) < 2)


def _unknown_publisher(parts: list[str], year_index: int) -> list[int]:
    """Indexes of the parts naming an unknown publisher or authors (before the year)."""
    authors = []
    for i in range(year_index):
        if not _author_like(parts[i]):
            break
        authors.append(i)
    if authors:
        return authors
    if year_index == len(parts) - 1 and year_index >= 2 and _org_like(parts[year_index - 1]):
        return [year_index - 1]  # "Title, Publisher, 2020"
    return [0] if year_index > 0 and _org_like(parts[0]) else []


def _from_title_year_publisher(part: str) -> SourceRef | None:
    """ "Ongelijke kansen op de stagemarkt 2021 Verwey Jonker"."""
    match = _TITLE_YEAR_PUBLISHER.match(part)
    if match is None:
        return None
    known = _publisher_at_start(match.group("pub"))
    if known is None and not _org_like(match.group("pub")):
        return None
    publisher, confidence = (known[0], KNOWN) if known else (match.group("pub"), UNKNOWN)
    return SourceRef(match.group("title"), publisher, None, int(match.group("year")), confidence)


def _from_short(body: str) -> SourceRef | None:
    """A short phrase naming a publisher ("cijfers van het UWV", "het Nibud", "Kenniscentrum X")."""
    if len(body.split()) > 8:
        return None
    publisher = _publisher_in(body)
    if publisher is not None:
        return SourceRef(None, publisher, None, None, KNOWN)
    if len(body.split()) <= 5 and _org_like(body) and _ORG_HEAD.search(body):
        return SourceRef(None, body, None, None, UNKNOWN)
    return None


def _from_url(url: str) -> SourceRef | None:
    """Domain → publisher (or publication); the last path segment may name the document."""
    address = re.sub(r"^(?:https?://)?(?:www\.)?", "", url.lower())
    host = address.split("/")[0]
    year_match = re.search(rf"/({YEAR})/", address)
    year = int(year_match.group(1)) if year_match else None
    title = _slug_title(address)
    for domain, publisher, publication in _vocab().domains:
        if address.startswith(domain) or host.endswith("." + domain.split("/")[0]):
            return SourceRef(publication or title, publisher, None, year, KNOWN)
    return SourceRef(title, host, None, year, DOMAIN_ONLY)


def _slug_title(address: str) -> str | None:
    segments = [s for s in address.split("/")[1:] if s]
    if not segments:
        return None
    words = re.sub(r"\.(?:pdf|html?|aspx?|php)$", "", segments[-1]).split("-")
    if len(words) < 2 or not all(w.isalpha() for w in words):
        return None
    text = " ".join(words)
    return text[0].upper() + text[1:]


def _publisher_at_start(part: str) -> tuple[str, str] | None:
    """(canonical publisher, remainder) when a part starts with a known publisher."""
    for entry in _vocab().publishers:
        match = entry.pattern.match(part)
        if match:
            rest = part[match.end() :].strip(" :")
            return entry.name, ("" if re.match(r"(?:en|&|\(|,)", rest) else rest)
    return None


def _publisher_in(text: str) -> str | None:
    """The known publisher named first in a text."""
    found = [(m.start(), e.name) for e in _vocab().publishers if (m := e.pattern.search(text))]
    return min(found)[1] if found else None


def _year_of(parts: list[str]) -> int | None:
    for part in parts:
        match = _YEAR_PART.match(part)
        if match:
            return int(match.group(1))
    return None


def _org_like(text: str) -> bool:
    """Looks like an organisation's name: capitalised, short, no digits, not a clause."""
    words = text.split()
    return (
        0 < len(words) <= 8
        and text[:1].isupper()
        and words[0].lower() not in _FUNCTION_WORDS
        and not re.search(r"\d", text)
        and not _VERBS.search(text)
    )


def _author_like(text: str) -> bool:
    """Surnames and initials: "Odijk", "Hiemstra en Born", "G et al", "M. en Felten"."""
    words = text.split()
    return 0 < len(words) <= 5 and all(_AUTHOR_WORD.match(w) for w in words)


# --- finding sources in running text -------------------------------------------------------

_BRON = re.compile(r"(?<!\w)(?:Bron(?:nen)?\s*:?\s+(?=[A-Z«'‘\"]|www|http)|[Bb]ron(?:nen)?\s*:\s*)")
_CLAUSE_END = (
    r"(?=\s*[,.;:]|\s+(?:is|zijn|was|waren|heeft|hebben|had|blijkt|bedraagt|bedroeg|ligt|lag"
    r"|groeit|daalt|daalde|steeg|stijgt|zal|zou|kan|moet|dat|die|ontving|ontvangt|werkt|werken"
    r"|leeft|leven|gaat|gaan)\b|\s*$)"
)
_INLINE = (
    re.compile(r"\b[Vv]olgens\s+(?P<src>[^,.;:()]{2,80}?)" + _CLAUSE_END),
    re.compile(
        r"\b(?:blijkt|bleek|volgt)\s+(?:onder\s+(?:meer|andere)\s+)?uit\s+"
        r"(?P<src>[^,.;:]{2,100}?)\s+dat\b"
    ),
    re.compile(
        r"\b[Uu]it\s+(?P<src>[^,.;:]{2,100}?)\s+(?:blijkt|bleek|volgt|komt\s+naar\s+voren)\b"
    ),
    re.compile(
        r"\b(?P<src>(?:[Hh]et|[Dd]e)\s+[A-Z][\w&-]*(?:\s+(?:(?:en|voor|van)\s+(?:de\s+|het\s+)?)?"
        r"[A-Z][\w&-]*)*)\s+(?:meldt|meldde"
        r"|rapporteert|rapporteerde|becijfert|becijferde|berekent|berekende|schat|schatte"
        r"|concludeert|concludeerde|constateert|constateerde)\b"
    ),
)


def find_bron(text: str, start: int = 0, end: int | None = None) -> tuple[int, int] | None:
    """Span of the source named after "Bron:" in text[start:end], up to the end of its line."""
    end = len(text) if end is None else end
    match = _BRON.search(text, start, end)
    if match is None:
        return None
    stop = text.find("\n", match.end(), end)
    stop = end if stop < 0 else stop
    while stop > match.end() and text[stop - 1] in " \t.":
        stop -= 1
    return (match.end(), stop) if stop > match.end() else None


def find_inline_source(text: str, start: int = 0, end: int | None = None) -> tuple[int, int] | None:
    """Span of a source named in a sentence ("volgens het CBS", "uit cijfers van UWV blijkt")."""
    end = len(text) if end is None else end
    for pattern in _INLINE:
        for match in pattern.finditer(text, start, end):
            ref = normalise_source(match.group("src"))
            if ref is not None and (ref.publisher or ref.publication):
                return match.span("src")
    return None
