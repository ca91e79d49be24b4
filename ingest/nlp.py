"""The Dutch NLP pipeline and the per-letter context every knowledge extractor reads.

`spacy.blank("nl")` with the lookup lemmatizer from spacy-lookups-data and a sentencizer that
knows Dutch abbreviations ("mw.", "o.a.", "d.m.v.", "nr.", "t.b.v.") do not end sentences. No
statistical model: rules are precise, explainable and testable here. Loaded once per process.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ingest.models import Footnote, Letter, Passage
from ingest.sentences import ABBREVIATIONS, sentence_spans


@Language.component("kb_dutch_abbreviations")
def _keep_abbreviations_together(doc: Doc) -> Doc:
    """A token after an abbreviation or initial ("o.a.", "C.E.G.") never starts a sentence."""
    for token in doc[1:]:
        prev = doc[token.i - 1]
        word = prev.text.lower().rstrip(".")
        if token.is_sent_start and prev.text.endswith(".") and (
            word in ABBREVIATIONS or (len(word) <= 3 and "." in prev.text[:-1]) or len(word) == 1
        ):
            token.is_sent_start = False
    return doc


@cache
def get_nlp() -> Language:
    """The shared pipeline: tokenizer, sentencizer + abbreviation rule, lookup lemmatizer."""
    nlp = spacy.blank("nl")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("kb_dutch_abbreviations")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    return nlp


@dataclass(frozen=True)
class LetterContext:
    """A letter with its parsed text and fast look-ups by character offset."""

    letter: Letter
    doc: Doc
    sentences: tuple[tuple[int, int], ...]
    _starts: list[int] = field(repr=False, default_factory=list)

    @classmethod
    def of(cls, letter: Letter) -> LetterContext:
        doc = get_nlp()(letter.text)
        spans = _sentences(letter)
        return cls(letter, doc, spans, [s for s, _ in spans])

    @property
    def body(self) -> str:
        return self.letter.text[: self.letter.body_end]

    def sentence_at(self, offset: int) -> tuple[int, int]:
        """The sentence span holding `offset` (or the nearest one before it)."""
        i = max(0, bisect.bisect_right(self._starts, offset) - 1)
        return self.sentences[i] if self.sentences else (0, 0)

    def sentence_text(self, offset: int) -> str:
        start, end = self.sentence_at(offset)
        return self.letter.text[start:end]

    def footnote_at(self, offset: int) -> Footnote | None:
        """The footnote whose text holds `offset`, if any."""
        for note in self.letter.footnotes:
            if note.start <= offset < note.end:
                return note
        return None

    def footnotes_in(self, start: int, end: int) -> list[Footnote]:
        """Footnotes whose marker stands in [start, end] (a marker right after a sentence too)."""
        return [
            f for f in self.letter.footnotes
            if f.marker_offset is not None and start <= f.marker_offset <= end
        ]  # fmt: skip

    def passage_at(self, offset: int) -> Passage | None:
        for passage in self.letter.passages:
            if passage.start <= offset <= passage.end:
                return passage
        return None


def _sentences(letter: Letter) -> tuple[tuple[int, int], ...]:
    """Sentence spans per passage and per footnote text (never across their borders)."""
    spans: list[tuple[int, int]] = []
    for passage in letter.passages:
        spans += sentence_spans(letter.text, passage.start, passage.end)
    for note in letter.footnotes:
        spans += sentence_spans(letter.text, note.start, note.end)
    return tuple(sorted(spans))
