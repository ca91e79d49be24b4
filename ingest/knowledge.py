"""Knowledge extraction for one letter: entities, memberships, motions, statistics,
commitments and events — every fact with its span, quote, confidence and rule.
"""

from __future__ import annotations

from dataclasses import replace

from ingest.commitments import extract_commitments
from ingest.events import extract_events
from ingest.memberships import extract_memberships
from ingest.models import Knowledge, Letter, Mention
from ingest.motions import extract_motions
from ingest.nlp import LetterContext
from ingest.organisations import extract_organisations
from ingest.people import extract_people
from ingest.programmes import extract_programmes
from ingest.statistics import extract_statistics


def extract_knowledge(letter: Letter) -> Knowledge:
    """Run every extractor over one parsed letter."""
    ctx = LetterContext.of(letter)
    organisations = extract_organisations(ctx)
    mentions = _without_overlaps(
        [*organisations, *extract_programmes(ctx), *extract_people(ctx)]
    )
    return Knowledge(
        mentions=mentions,
        memberships=extract_memberships(ctx, organisations),
        motions=extract_motions(ctx),
        statistics=extract_statistics(ctx),
        commitments=extract_commitments(ctx),
        events=extract_events(ctx),
    )


def with_knowledge(letter: Letter) -> Letter:
    """The letter with its knowledge filled in."""
    return replace(letter, knowledge=extract_knowledge(letter))


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
