"""Whoosh analyzers for Dutch policy text: tokens, hyphen variants, stemming, compound parts.

Every filter here is a module-level class with plain attributes, because Whoosh pickles the
analyzers into the index's table of contents.
"""

from __future__ import annotations

import functools
import re
import string
from collections.abc import Iterator

from whoosh.analysis import (
    Analyzer,
    Filter,
    LowercaseFilter,
    RegexTokenizer,
    StopFilter,
    Token,
)
from whoosh.lang import stemmer_for_language, stopwords_for_language

from kb.search.lexicon import Lexicon

# A token is a word or a number ("9,6", "1.000.000", "G40") and may hold hyphens and
# apostrophes inside ("wiskunde-onderwijs", "VNO-NCW", "regio's"); an en dash only between
# digits ("2021–2025"). A hyphen before a space ("Bemiddelings- en") ends the token.
_ATOM = r"(?:\d+(?:[.,]\d+)+|\w+)"
TOKEN_PATTERN = rf"{_ATOM}(?:(?:[-\u2010\u2011'’]|(?<=\d)\u2013(?=\d)){_ATOM})*"
# Whoosh's Dutch stop list, plus single letters (list labels, the "s" of "'s avonds").
STOP_WORDS = frozenset(stopwords_for_language("nl")) | frozenset(string.ascii_lowercase)
_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2013": "-", "’": "'"})
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# "Bemiddelings-en Uitzendondernemingen" (a lost space): the head of an elided compound.
_ELIDED = re.compile(r"(?<=\w\w\w)-(?:en|of)$")
_STEM = stemmer_for_language("nl")


def text_analyzer() -> Analyzer:
    """Tokens, lower case, no stop words, hyphen variants, Dutch stems: the `text` field."""
    return _base(stop=True) | VariantFilter(STOP_WORDS) | DutchStemFilter() | UniqueFilter()


def exact_analyzer() -> Analyzer:
    """Tokens, lower case and hyphen variants, nothing removed or stemmed: exact phrases."""
    return _base(stop=False) | VariantFilter() | UniqueFilter()


def compound_analyzer(lexicon: Lexicon) -> Analyzer:
    """Like `text_analyzer`, plus the compound parts of every token when indexing.

    "arbeidsmarktdiscriminatie" is indexed as itself and as "arbeidsmarkt", "arbeid",
    "markt" and "discriminatie" (stemmed), so the query "discriminatie" finds it.
    """
    return (
        _base(stop=True)
        | VariantFilter(STOP_WORDS)
        | CompoundFilter(lexicon)
        | DutchStemFilter()
        | UniqueFilter()
    )


def _base(stop: bool) -> Analyzer:
    """The tokenizer and lower-casing shared by all analyzers, with or without stop words."""
    analyzer = RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter()
    if stop:
        analyzer = analyzer | StopFilter(stoplist=STOP_WORDS, minsize=1)
    return analyzer


@functools.lru_cache(maxsize=200_000)
def dutch_stem(word: str) -> str:
    """The Snowball stem of `word`; numbers stay as they are.

    Plurals the Snowball stemmer misses are cut first: "regio's" -> "regio",
    "organisaties" -> "organisatie" (it keeps an -s after a vowel).
    """
    if any(c.isdigit() for c in word):
        return word
    if word.endswith("'s"):
        word = word[:-2]
    elif word.endswith("ies") and len(word) > 5:
        word = word[:-1]
    return _STEM(word)


class VariantFilter(Filter):
    """Spells a hyphenated or apostrophed token every way a reader may write it.

    When indexing, "wiskunde-onderwijs" gives "wiskundeonderwijs", "wiskunde" and
    "onderwijs" (all at the token's position, so phrases still match); "regio's" gives
    "regio's" and "regio"; "2021-2025" keeps its hyphen and gives "2021" and "2025".
    A query gives only the joined form, which every spelling of the text was indexed under.
    Pieces in `stoplist` are left out ("in-en-uitstroom" gives no "in" and "en").
    """

    def __init__(self, stoplist: frozenset[str] = frozenset()) -> None:
        self.stoplist = stoplist

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for token in tokens:
            token.variant = False
            text = _ELIDED.sub("", token.text.translate(_HYPHENS))
            if len(text) < len(token.text) and token.chars:
                token.endchar -= len(token.text) - len(text)
            if token.stopped or ("-" not in text and "'" not in text):
                token.text = text
                yield token
                continue
            token.text = _joined(text)
            yield token
            if token.mode != "query":
                yield from _pieces(token, text, self.stoplist)


def _joined(text: str) -> str:
    """The hyphenless spelling, except between numbers: "vno-ncw" -> "vnoncw", "2021-2025"."""
    pieces = text.split("-")
    if all(_NUMBER.fullmatch(p) for p in pieces):
        return text
    return "".join(pieces)


def _pieces(token: Token, text: str, stoplist: frozenset[str]) -> Iterator[Token]:
    """The parts between hyphens and before apostrophes, at their own character offsets."""
    start, end = (token.startchar, token.endchar) if token.chars else (0, 0)
    aligned = token.chars and end - start == len(text)
    offset = 0
    for piece in text.split("-"):
        word = piece.split("'")[0]
        if (len(word) > 1 or word.isdigit()) and word not in stoplist:
            token.text = word
            token.variant = True
            if aligned:
                token.startchar, token.endchar = start + offset, start + offset + len(word)
            yield token
        offset += len(piece) + 1
    if token.chars:
        token.startchar, token.endchar = start, end


class CompoundFilter(Filter):
    """Adds, when indexing, the compound parts of each token after the token itself."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for token in tokens:
            yield token
            if token.stopped or token.mode == "query":
                continue
            variant = getattr(token, "variant", False)  # restored: it marks the token's group
            for part in self.lexicon.parts(token.text):
                token.text = part
                token.variant = True
                yield token
            token.variant = variant


class DutchStemFilter(Filter):
    """Replaces each token's text by its Dutch stem (`dutch_stem`)."""

    is_morph = True

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for token in tokens:
            if not token.stopped:
                token.text = dutch_stem(token.text)
            yield token


class UniqueFilter(Filter):
    """Drops a variant whose text its token already gave ("regio's" and "regio" both stem
    to "regio"), so variants do not inflate term frequencies."""

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        seen: set[str] = set()
        for token in tokens:
            if not getattr(token, "variant", False):
                seen = set()
            if token.text not in seen:
                seen.add(token.text)
                yield token
