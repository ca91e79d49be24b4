"""Knowledge extraction for one letter: entities, memberships, motions, statistics,
commitments and events — every fact with its span, quote, confidence and rule.

An extractor that fails on an unusual letter costs only its own facts: the letter (its text,
footnotes and references) is still ingested, with a warning that names the extractor.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TypeVar

from ingest.commitments import extract_commitments
from ingest.events import extract_events
from ingest.memberships import extract_memberships
from ingest.models import IngestWarning, Knowledge, Letter, Mention
from ingest.motions import extract_motions
from ingest.nlp import LetterContext
from ingest.organisations import extract_organisations
from ingest.people import extract_people
from ingest.programmes import extract_programmes
from ingest.statistics import extract_statistics

T = TypeVar("T")


def extract_knowledge(letter: Letter) -> tuple[Knowledge, list[IngestWarning]]:
    """Run every extractor over one parsed letter; failures become warnings."""
    ctx = LetterContext.of(letter)
    warnings: list[IngestWarning] = []

    def run(name: str, extractor: Callable[[], tuple[T, ...]]) -> tuple[T, ...]:
        try:
            return extractor()
        except Exception as error:
            message = f"{name} could not be extracted ({type(error).__name__}: {error})"
            warnings.append(IngestWarning("extractor-failed", message))
            return ()

    organisations = run("organisations", lambda: extract_organisations(ctx))
    mentions = [
        *organisations,
        *run("programmes", lambda: extract_programmes(ctx)),
        *run("people", lambda: extract_people(ctx)),
    ]
    knowledge = Knowledge(
        mentions=_without_overlaps(mentions),
        memberships=run("memberships", lambda: extract_memberships(ctx, organisations)),
        motions=run("motions", lambda: extract_motions(ctx)),
        statistics=run("statistics", lambda: extract_statistics(ctx)),
        commitments=run("commitments", lambda: extract_commitments(ctx)),
        events=run("events", lambda: extract_events(ctx)),
    )
    return knowledge, warnings


def with_knowledge(letter: Letter) -> Letter:
    """The letter with its knowledge filled in (and any extractor failures as warnings)."""
    knowledge, warnings = extract_knowledge(letter)
    return replace(letter, knowledge=knowledge, warnings=(*letter.warnings, *warnings))


def _without_overlaps(mentions: list[Mention]) -> tuple[Mention, ...]:
    """Where two mentions of one type overlap, the longer (then the more confident) one stays;
    mentions of different types may nest ("de pilot in de gemeente Amsterdam")."""
    ranked = sorted(mentions, key=lambda m: (-(m.end - m.start), -m.confidence, m.start))
    kept: list[Mention] = []
    for mention in ranked:
        if all(
            mention.end <= k.start or mention.start >= k.end or mention.type != k.type
            for k in kept
        ):
            kept.append(mention)
    return tuple(sorted(kept, key=lambda m: (m.start, m.end, m.type)))
