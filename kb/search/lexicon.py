"""A Dutch lexicon for decompounding: the corpus's own words plus spaCy's Dutch word list.

`Lexicon.split("arbeidsmarktdiscriminatie")` gives `["arbeidsmarkt", "discriminatie"]` and
`Lexicon.parts(...)` the whole tree (`arbeidsmarkt`, `arbeid`, `markt`, `discriminatie`).
"""

from __future__ import annotations

import functools
import gzip
import json
import re
from collections.abc import Container, Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

# Dutch linking morphemes between compound parts: bijstand-s-uitkering, stage-e-…, hart-en-…
LINKERS = ("", "s", "e", "en")
INFLECTIONS = ("", "s", "en", "e")  # noun endings tried when looking a part up in the letters
VOWELS = frozenset("aeiouyáéëïóöü")
# The big word list is full of fragments ("bel", "eid", "verg", "prak"), so its parts must be
# longer than the parts the letters themselves use as words ("wet", "mbo", "stage").
MIN_ATTESTED_PART = 3
MIN_PART = 5
MIN_VOWEL_PART = 6
MIN_COMPOUND = 7  # shortest word worth splitting
MAX_COMPOUND = 60  # longer "words" are extraction junk; splitting them would recurse deeply
# Never a part of a compound: function words, and the prepositions and particles that make
# derivations and separable verbs, not compounds: onder|wijs, voor|stel, weg|nemen.
NOT_PARTS = frozenset(
    """aan achter alle als bij binnen boven buiten daar dan dat der des die dit door een eens
    eren even ende ener heid hem hen het hier hoe hun ing isch langs lijk los mede mee mij
    naar naast neer net niet onder over samen tegen ten ter tering terug toe uit van
    vast voor voort waar weer weg zich zijn
    """.split()
)
# Dutch derivational suffixes that are words as well: never the last part (belang|rijk,
# werk|loos, beschik|baar, ontwikkel|ingen are derivations, not compounds).
SUFFIXES = frozenset(
    """aar aars achtig achtige baar bare enden heden heid ingen ische lende lijk lijke
    lijken lijker lijkste loos loosheid loze lozen maal matig matige ment rijk rijke rijker
    rijkste ring ringen schap schappen sten ster sters ties volle voller zaam zame
    """.split()
)

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")  # "mbo'ers" is one word, not "ers"
_APOSTROPHE = re.compile("['’]")
# After the head of an elided compound: "Bemiddelings- en", "Bemiddelings-en", "discrimi-\n".
_ELIDED_HEAD = re.compile(r"-(?:\s|$|(?:en|of)\b)")


@functools.cache
def packaged_words() -> frozenset[str]:
    """Dutch words from spacy-lookups-data, loaded once per process (about 0.3 s)."""
    words: set[str] = set()
    lookup = _table("nl_lemma_lookup")  # inflected form -> lemma
    words.update(lookup)
    words.update(lookup.values())
    for lemmas in _table("nl_lemma_index").values():  # part of speech -> lemmas
        words.update(lemmas)
    for exceptions in _table("nl_lemma_exc").values():  # part of speech -> form -> lemmas
        words.update(exceptions)
        for lemmas in exceptions.values():
            words.update(lemmas)
    # The tables are lower case already. Hyphenated and numeric entries stay: filtering them
    # costs time, and they never equal the alphabetic pieces a split looks up.
    return frozenset(words)


def _table(name: str) -> dict:
    """One JSON table of spacy-lookups-data."""
    path = resources.files("spacy_lookups_data") / "data" / f"{name}.json.gz"
    with path.open("rb") as handle:
        return json.loads(gzip.decompress(handle.read()))


def corpus_vocabulary(
    texts: Iterable[str], known: Container[str] = frozenset()
) -> tuple[set[str], set[str]]:
    """The lower-cased words of `texts` and those among them that are names.

    A name is written capitalised inside a sentence ("minister Koolmees", "in Nederland")
    and never in lower case. Pieces of words broken by a hyphen (`_fragment`) are left out,
    except the rest of a broken line that `known` lists as a word ("arbeids-\nmarkt").
    """
    words: set[str] = set()
    lowercase: set[str] = set()
    capitalised: set[str] = set()
    for text in texts:
        for match in _WORD.finditer(text):
            token, end = match.group(), match.end()
            token = _APOSTROPHE.split(token)[0]  # "regio's" -> "regio", "hbo'ers" -> "hbo"
            lower = token.lower()
            if _fragment(text, match.start(), end, lower, known):
                continue
            words.add(lower)
            if token == lower:
                lowercase.add(lower)
            elif token[1:] == lower[1:] and _inside_line(text, match.start()):
                capitalised.add(lower)
    return words, capitalised - lowercase


def _fragment(text: str, start: int, end: int, word: str, known: Container[str]) -> bool:
    """Whether `word` at `start:end` is no word of its own: the head of an elided compound
    ("Bemiddelings- en") or a piece of a word broken at a line end ("discrimi-", "natie")."""
    if _ELIDED_HEAD.match(text, end):
        return True
    return text.rfind("-\n", max(0, start - 3), start) >= 0 and word not in known


def _inside_line(text: str, start: int) -> bool:
    """Whether the word at `start` follows a word on its line.

    Then its capital is not a sentence's, a heading's or a wrapped line's.
    """
    before = text[max(0, start - 40) : start]
    stripped = before.rstrip(" \t")
    return bool(stripped) and stripped[-1].isalpha()


class Lexicon:
    """Known Dutch words for splitting compounds: corpus words, names and the packaged list."""

    def __init__(
        self, words: Iterable[str] = (), names: Iterable[str] = (), packaged: bool = True
    ) -> None:
        self.words = {w.lower() for w in words if w.isalpha()}
        self.names = {n.lower() for n in names}
        self.packaged = packaged
        self._cache: dict[str, list[str]] = {}

    @classmethod
    def from_texts(cls, texts: Iterable[str], packaged: bool = True) -> Lexicon:
        """A lexicon of the words (and names) used in `texts`, plus the packaged list."""
        words, names = corpus_vocabulary(texts, packaged_words() if packaged else frozenset())
        return cls(words, names, packaged)

    def add(self, words: Iterable[str], names: Iterable[str] = ()) -> None:
        """Adds the words (and names) of new letters; forgets cached splits."""
        self.words.update(w.lower() for w in words if w.isalpha())
        self.names.update(n.lower() for n in names)
        self._cache.clear()

    def __contains__(self, word: str) -> bool:
        return word in self.words or (self.packaged and word in packaged_words())

    def __getstate__(self) -> dict[str, Any]:
        # Whoosh pickles the analyzers into the index: only the corpus words go along, the
        # packaged list is loaded again (once per process) when a split needs it.
        return {"words": sorted(self.words), "names": sorted(self.names), "packaged": self.packaged}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["words"], state["names"], state["packaged"])  # type: ignore[misc]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Lexicon) and (self.words, self.names, self.packaged) == (
            other.words,
            other.names,
            other.packaged,
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Lexicon({len(self.words)} words, {len(self.names)} names, {self.packaged=})"

    def split(self, word: str) -> list[str]:
        """The top-level parts of compound `word` (lower-cased), or `[word]` if it is none.

        The best `Segmentation` wins. A word of the packaged list or a name splits only into
        two parts that the letters use as words ("arbeid|markt", not "kool|mees").
        """
        word = word.lower()
        if word not in self._cache:
            self._cache[word] = self._split(word)
        return self._cache[word]

    def parts(self, word: str) -> list[str]:
        """Every part of `word` down the split tree, outer parts first, without `word` itself."""
        found: list[str] = []
        for part in self.split(word):
            if part == word.lower():
                return []
            found.append(part)
            found.extend(p for p in self.parts(part) if p not in found)
        return list(dict.fromkeys(found))

    def _split(self, word: str) -> list[str]:
        if not MIN_COMPOUND <= len(word) <= MAX_COMPOUND or not word.isalpha():
            return [word]
        candidates = list(self._splits(word, {}))
        if word in self.names or (self.packaged and word in packaged_words()):
            # A name ("Koolmees", "Nederland") or a word of the big list ("arbeidsmarkt",
            # "beschikbaar", "netwerk") splits only into two parts the letters use as words.
            candidates = [c for c in candidates if self._used_pair(c.parts)]
        return list(min(candidates).parts) if candidates else [word]

    def _splits(self, text: str, memo: dict) -> Iterator[Segmentation]:
        """Each way to cut `text` into a head part, a linking morpheme and a best-covered rest."""
        for cut in range(MIN_ATTESTED_PART, len(text) - MIN_ATTESTED_PART + 1):
            head = text[:cut]
            if not self._is_part(head):
                continue
            first = Segmentation.of(head, self._attested(head))
            for linker in LINKERS:
                rest = text[cut + len(linker) :]
                if linker and head + linker in NOT_PARTS:
                    continue  # "sam|en|werking" is "samen|werking"
                if text.startswith(linker, cut) and len(rest) >= MIN_ATTESTED_PART:
                    tail = self._segment(rest, memo)
                    if tail is not None:
                        yield first.join(tail, bool(linker))

    def _segment(self, text: str, memo: dict) -> Segmentation | None:
        """The best way to cover `text` with one or more parts, or None."""
        if text not in memo:
            candidates = list(self._splits(text, memo))
            if self._is_part(text) and text not in SUFFIXES:
                candidates.append(Segmentation.of(text, self._attested(text)))
            memo[text] = min(candidates, default=None)
        return memo[text]

    def _is_part(self, text: str) -> bool:
        """Whether `text` may stand as one part of a compound.

        Words the letters use may be short; words only the big list knows must be longer,
        and longer still when they start with a vowel (its fragments "iele", "ijker").
        """
        if text in NOT_PARTS or text[:-1] in NOT_PARTS or text not in self:
            return False  # text[:-1]: a preposition with a linking -s ("voors|telen")
        if self._attested(text):
            return len(text) >= MIN_ATTESTED_PART
        return len(text) >= (MIN_VOWEL_PART if text[0] in VOWELS else MIN_PART)

    def _attested(self, text: str) -> bool:
        """Whether the letters use `text` as a word of its own (not only in a name)."""
        return text in self.words and text not in self.names

    def _used_pair(self, parts: tuple[str, ...]) -> bool:
        """Whether `parts` are two words the letters use in some inflection."""
        return len(parts) == 2 and all(map(self._used, parts))

    def _used(self, text: str) -> bool:
        """Whether the letters use `text` or a plural or singular of it (punt: "punten")."""
        return self._attested(text) or any(map(self._attested, _forms(text)))


def _forms(word: str) -> set[str]:
    """`word` with simple noun inflections of four letters or more: beroeps -> beroepen."""
    bases = {word}
    bases.update(word[: -len(end)] for end in INFLECTIONS if end and word.endswith(end))
    return {base + end for base in bases for end in INFLECTIONS if len(base) >= 4}


@dataclass(frozen=True, order=True)
class Segmentation:
    """One way to cut a word into parts, ordered best first.

    Fewest parts, then fewest parts the letters never use, then fewest linking morphemes,
    then the longest parts (largest sum of squared lengths).
    """

    size: int
    unattested: int
    links: int
    spread: int
    parts: tuple[str, ...] = field(compare=False)

    @classmethod
    def of(cls, part: str, attested: bool) -> Segmentation:
        """The segmentation of a single part."""
        return cls(1, int(not attested), 0, -(len(part) ** 2), (part,))

    def join(self, tail: Segmentation, linked: bool) -> Segmentation:
        """This (one-part) head followed by `tail`, with or without a linking morpheme."""
        return Segmentation(
            self.size + tail.size,
            self.unattested + tail.unattested,
            self.links + tail.links + int(linked),
            self.spread + tail.spread,
            self.parts + tail.parts,
        )
