"""Dutch full-text search over letters, footnotes and facts."""

from kb.search.analysis import compound_analyzer, exact_analyzer, text_analyzer
from kb.search.engine import Hit, SearchRequest, SearchResult, search
from kb.search.index import IndexReport, NoIndex, SearchIndex
from kb.search.lexicon import Lexicon, packaged_words
from kb.search.query import ParsedQuery, parse

__all__ = [
    "Hit",
    "IndexReport",
    "Lexicon",
    "NoIndex",
    "ParsedQuery",
    "SearchIndex",
    "SearchRequest",
    "SearchResult",
    "compound_analyzer",
    "exact_analyzer",
    "packaged_words",
    "parse",
    "search",
    "text_analyzer",
]
