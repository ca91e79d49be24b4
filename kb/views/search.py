"""The search page's logic: URL state, running a search with its facets, presentation, export.

`SearchState` is what the URL of /zoeken holds (q, the filters, sort, pagina); `run` answers it
with one page of hits and facet counts in which each filtered facet is counted without its own
filter (so the other values stay choosable). Exports hold every matching hit up to the
engine's MAX_LIMIT, as plain text (the hit's text, not its HTML snippet); the export helpers
live in kb.views.search_export and are re-exported here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from kb.search.engine import FACETS, MAX_LIMIT, SearchRequest, SearchResult, search
from kb.search.index import SearchIndex
from kb.search.query import FILTER_NAMES, KIND_NAMES, parse_years
from kb.store import Store
from kb.views.search_export import EXPORT_COLUMNS, export_note, export_rows, to_csv, to_json

__all__ = [
    "EXAMPLES", "EXPORT_COLUMNS", "FACET_LABELS", "FILTERS", "KINDS", "KIND_LABELS", "MAX_PAGE",
    "MAX_VALUE", "PAGE_SIZE", "SORTS", "SORT_LABELS", "FacetOption", "SearchPage", "SearchState",
    "available_years", "clamp_page", "date_label", "export_note", "export_request", "export_rows",
    "facet_options", "kind_label", "letter_titles", "page_count", "run", "shown_range", "to_csv",
    "to_json", "value_label", "year_bounds", "year_filter", "year_selection",
]  # fmt: skip

PAGE_SIZE = 10
SORTS = {"relevantie": "relevance", "nieuwste": "date"}  # URL value -> engine sort
SORT_LABELS = {"relevantie": "Relevantie", "nieuwste": "Nieuwste eerst"}
FILTERS = tuple(FACETS)  # URL parameter names = engine facet names = query filter names
FACET_LABELS = {
    "brief": "Brief", "jaar": "Jaar", "soort": "Soort", "org": "Organisatie", "pilot": "Pilot",
    "programma": "Programma", "ondertekenaar": "Ondertekenaar", "motie": "Motie",
}  # fmt: skip
KINDS = ("alinea", "voetnoot", "cijfer", "toezegging")
KIND_LABELS = {"alinea": "Alinea", "voetnoot": "Voetnoot", "cijfer": "Cijfer",
               "toezegging": "Toezegging"}  # fmt: skip
EXAMPLES = ("motie Ergin", "9,6 procent bijstand", "taskforce", "soort:toezegging Taskforce",
            '"Taskforce VIA"', "org:UWV jaar:2021..2023")  # fmt: skip
MAX_VALUE = 300  # characters kept of a filter value from the URL
MAX_PAGE = 10**6
_MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december")  # fmt: skip


@dataclass(frozen=True)
class SearchState:
    """What /zoeken shows: query, filters (facet name -> value), sort and page (1-based)."""

    query: str = ""
    filters: dict[str, str] = field(default_factory=dict)
    sort: str = "relevantie"  # or "nieuwste"
    page: int = 1

    @classmethod
    def from_params(cls, params: Mapping[str, str | list[str]]) -> SearchState:
        """The state in URL parameters; junk is dropped (bad page -> 1, unknown sort ->
        relevantie, unknown keys and unusable filter values ignored)."""
        values = {str(key).strip().lower(): _one(value) for key, value in params.items()}
        filters: dict[str, str] = {}
        for key, value in values.items():
            name = FILTER_NAMES.get(key)
            checked = _filter_value(name, value) if name in FILTERS else None
            if name is not None and checked:
                filters[name] = checked
        sort = values.get("sort", "")
        sort = {"date": "nieuwste", "relevance": "relevantie"}.get(sort, sort)
        page = values.get("pagina", "")
        return cls(
            query=values.get("q", ""),
            filters={name: filters[name] for name in FILTERS if name in filters},
            sort=sort if sort in SORTS else "relevantie",
            page=int(page) if re.fullmatch(r"[0-9]{1,7}", page) and int(page) > 0 else 1,
        )

    def to_params(self) -> dict[str, str]:
        """The URL parameters of this state; empty values and defaults are left out."""
        params = {"q": self.query} if self.query else {}
        params.update({name: self.filters[name] for name in FILTERS if self.filters.get(name)})
        if self.sort != "relevantie":
            params["sort"] = self.sort
        if self.page != 1:
            params["pagina"] = str(self.page)
        return params

    @property
    def blank(self) -> bool:
        """Nothing asked yet: no query and no filter."""
        return not self.query and not self.filters

    def request(self, page_size: int = PAGE_SIZE) -> SearchRequest:
        """The engine request for this state's page."""
        return SearchRequest(
            self.query, limit=page_size, offset=(self.page - 1) * page_size,
            sort=SORTS[self.sort], filters=dict(self.filters),
        )  # fmt: skip

    def with_query(self, query: str) -> SearchState:
        """A new query, from page 1."""
        return replace(self, query=" ".join(str(query).split()), page=1)

    def with_filter(self, name: str, value: str | None) -> SearchState:
        """Filter `name` set to `value` (None or "" removes it), from page 1."""
        filters = {k: v for k, v in self.filters.items() if k != name}
        checked = _filter_value(name, _one(value or "")) if name in FILTERS else None
        if checked:
            filters[name] = checked
        return replace(self, filters={n: filters[n] for n in FILTERS if n in filters}, page=1)

    def without_filters(self) -> SearchState:
        return replace(self, filters={}, page=1)

    def with_sort(self, sort: str) -> SearchState:
        return replace(self, sort=sort if sort in SORTS else "relevantie", page=1)

    def with_page(self, page: int) -> SearchState:
        return replace(self, page=max(1, min(int(page), MAX_PAGE)))


def _one(value: object) -> str:
    """One URL value: the last non-blank of a list, whitespace collapsed."""
    if isinstance(value, list | tuple):
        value = next((v for v in reversed(value) if str(v).strip()), "")
    return " ".join(str(value).split())


def _filter_value(name: str, value: str) -> str | None:
    """The canonical form of a filter value, or None if it cannot be used."""
    if name == "jaar":
        years = parse_years(value)
        if years is None:
            return None
        return str(years[0]) if years[0] == years[1] else f"{years[0]}..{years[1]}"
    if name == "soort":
        return KIND_NAMES.get(value.lower())
    return value[:MAX_VALUE] or None


def page_count(total: int, page_size: int = PAGE_SIZE) -> int:
    """The number of pages for `total` hits (at least 1)."""
    return max(1, -(-total // page_size))


def clamp_page(page: int, total: int, page_size: int = PAGE_SIZE) -> int:
    """`page` brought within 1..page_count."""
    return max(1, min(page, page_count(total, page_size)))


def shown_range(page: int, total: int, page_size: int = PAGE_SIZE) -> tuple[int, int]:
    """The 1-based positions of the first and last hit on `page` ((0, 0) if none)."""
    if total == 0:
        return 0, 0
    first = (clamp_page(page, total, page_size) - 1) * page_size + 1
    return first, min(total, first + page_size - 1)


@dataclass(frozen=True)
class SearchPage:
    """One page of results; `state` has the page clamped, `facets` are the counts to show."""

    state: SearchState
    result: SearchResult
    facets: dict[str, dict[str, int]]
    pages: int


def run(index: SearchIndex, state: SearchState, page_size: int = PAGE_SIZE) -> SearchPage:
    """Search `state`; each filtered facet is counted as if its own filter were off."""
    result = search(index, state.request(page_size))
    pages = page_count(result.total, page_size)
    if state.page > pages:
        state = state.with_page(pages)
        result = search(index, state.request(page_size))
    facets = dict(result.facets)
    for name in state.filters:
        others = {k: v for k, v in state.filters.items() if k != name}
        wider = search(index, SearchRequest(state.query, limit=0, filters=others))
        facets[name] = wider.facets.get(name, {})
    return SearchPage(state, result, facets, pages)


def available_years(index: SearchIndex) -> tuple[int, int] | None:
    """The first and last year of any unit in the index (None if it is empty)."""
    return year_bounds(search(index, SearchRequest("", limit=0)).facets.get("jaar", {}))


@dataclass(frozen=True)
class FacetOption:
    """One choosable value of a facet, with its label and number of matching hits."""

    value: str
    label: str
    count: int

    @property
    def text(self) -> str:
        """The label with its count, "Label (count)", as shown in a filter (plain text)."""
        return f"{self.label} ({self.count})"


def facet_options(
    name: str, counts: Mapping[str, int], selected: str = "",
    titles: Mapping[str, str] | None = None,
) -> tuple[FacetOption, ...]:  # fmt: skip
    """The values of facet `name`, most hits first; every kind for `soort`, and the selected
    value even when nothing matches it. Letters are labelled with `titles` (id -> label)."""
    values = dict(counts)
    if name == "soort":
        for kind in KINDS:
            values.setdefault(kind, 0)
    if selected:
        values.setdefault(selected, 0)
    options = [FacetOption(v, value_label(name, v, titles), n) for v, n in values.items()]
    return tuple(sorted(options, key=lambda o: (-o.count, o.label.lower(), o.value)))


def value_label(name: str, value: str, titles: Mapping[str, str] | None = None) -> str:
    """How a facet value is shown: Dutch kind names, letter titles, else the value."""
    if name == "soort":
        return KIND_LABELS.get(value, value)
    if name == "brief" and titles:
        return titles.get(value, value)
    return value


def letter_titles(store: Store, width: int = 70) -> dict[str, str]:
    """document id -> "title (date)", the title cut to `width` characters."""
    labels = {}
    for row in store.db.execute("SELECT id, title, date FROM documents ORDER BY id"):
        title = " ".join((row["title"] or row["id"]).split())
        title = title if len(title) <= width else title[: width - 1].rstrip() + "…"
        labels[row["id"]] = f"{title} · {row['date']}" if row["date"] else title
    return labels


def year_bounds(counts: Mapping[str, int]) -> tuple[int, int] | None:
    """The lowest and highest year among the `jaar` facet's values (None if there are none)."""
    years = [int(y) for y in counts if re.fullmatch(r"[0-9]{4}", y)]
    return (min(years), max(years)) if years else None


def year_selection(value: str | None, bounds: tuple[int, int]) -> tuple[int, int]:
    """The years of a `jaar` filter value, clamped to `bounds` (all of them if no filter)."""
    years = parse_years(value) if value else None
    if years is None:
        return bounds
    low = min(max(years[0], bounds[0]), bounds[1])
    return low, max(min(years[1], bounds[1]), low)


def year_filter(selection: tuple[int, int], bounds: tuple[int, int]) -> str | None:
    """The `jaar` filter value for a selected range; None when it covers all `bounds`."""
    low, high = min(selection), max(selection)
    if low <= bounds[0] and high >= bounds[1]:
        return None
    return str(low) if low == high else f"{low}..{high}"


def date_label(date: str) -> str:
    """An ISO date (2021-11-17, 2023-05 or 2023) in Dutch words; "datum onbekend" if none."""
    match = re.fullmatch(r"([0-9]{4})(?:-([0-9]{2}))?(?:-([0-9]{2}))?", date or "")
    if match is None:
        return date or "datum onbekend"
    year, month, day = match.groups()
    if month is None or not 1 <= int(month) <= 12:
        return year
    words = f"{_MONTHS[int(month) - 1]} {year}"
    return f"{int(day)} {words}" if day else words


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind)


def export_request(state: SearchState) -> SearchRequest:
    """The request for all of `state`'s hits (up to MAX_LIMIT) in the state's order."""
    return SearchRequest(state.query, limit=MAX_LIMIT, offset=0, sort=SORTS[state.sort],
                         filters=dict(state.filters), facets=False)  # fmt: skip
