"""Membership and partner lists: which organisations a letter lists as members of a group.

A list is found after a cue ("De Taskforce VIA bestaat uit de volgende partners: A (X), B en C",
"Leden van de Taskforce zijn: ...", "... is opgesteld door de volgende partijen:" followed by
"A | B | C", "Deelnemers hieraan zijn onder andere de gemeenten A, B en C") and cut into items
(`split_items`); each item names one organisation (an item no rule knows becomes one, keyed by
its own name: "Open Embassy" -> organisation:open-embassy).

The group is, in this order: a group named before the cue ("De Taskforce VIA bestaat uit");
a bare head ("Leden van de Taskforce") resolved to the nearest group with that head named before
it, in the same footnote, then in the body before the footnote marker; an anaphor ("hieraan")
resolved to the nearest group named before it; or, for an agenda drawn up "door de volgende
partijen", the group the letter says drew up or carries out that agenda, and otherwise the agenda
itself as a programme (programme:werkagenda-via) — a letter that never ties the agenda to the
taskforce does not make its parties taskforce members.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from itertools import takewhile
from pathlib import Path

from ingest.models import BlockKind, EntityType, Membership, Mention
from ingest.nlp import LetterContext
from ingest.organisations import (
    ABBREVIATION,
    CAP,
    CONNECTOR,
    abbreviation_definitions,
    org_mention,
    organisation_key,
    slug,
    vocabulary,
)
from ingest.programmes import extract_programmes

# A list after these words names members or partners ("Leden van de Taskforce zijn: ...").
LIST_CUE = re.compile(
    r"\b(?:bestaa?t uit|[Ll]eden\b|[Pp]artners\b|[Pp]artijen\b|[Dd]eelnemers\b|opgesteld door"
    r"|aangesloten|zitting (?:in|hebben)|lid van)"
)
BULLET = re.compile(r"[ \t]*(?:[•·▪◦*–-]|\d+[.)])[ \t]*")


@dataclass(frozen=True)
class Item:
    """One item of an enumeration: its span (as written) and the entity it names, if known."""

    start: int
    end: int
    entity: str | None
    name: str | None
    confidence: float
    new: bool = False  # no rule knew the name: the item itself names a new organisation


def list_region(ctx: LetterContext, colon: int) -> tuple[int, int]:
    """The list after a colon: the rest of its sentence, or, when the sentence ends with the
    colon, the next passage ("... opgesteld door de volgende partijen:" then "A | B | C") or
    the run of list-item passages that follows ("... de volgende partijen:" then "• A;" ...)."""
    end = ctx.sentence_at(colon)[1]
    if ctx.letter.text[colon + 1 : end].strip():
        return colon + 1, end
    following = [p for p in ctx.letter.passages if p.start > colon]
    if not following:
        return colon + 1, end
    run = list(takewhile(lambda p: p.kind == BlockKind.LIST_ITEM, following))
    return (run[0].start, run[-1].end) if run else (following[0].start, following[0].end)


def list_items(ctx: LetterContext, start: int, end: int, mentions: Sequence[Mention]
               ) -> list[Item]:  # fmt: skip
    """The items of a list region: one per list-item passage (bullet and final ";" or "."
    dropped) when the region is such a run, else `split_items`."""
    bullets = [p for p in ctx.letter.passages
               if p.kind == BlockKind.LIST_ITEM and start <= p.start and p.end <= end]  # fmt: skip
    if len(bullets) < 2:
        return split_items(ctx.letter.text, start, end, mentions)
    text, inside = ctx.letter.text, [m for m in mentions if start <= m.start and m.end <= end]
    items = []
    for p in bullets:
        bullet = BULLET.match(text, p.start, p.end)
        item = _item(text, bullet.end() if bullet else p.start, p.end, inside)
        items += [item] if item else []
    return items


def split_items(text: str, start: int, end: int, mentions: Sequence[Mention]) -> list[Item]:
    """Cut a list into items at "|" (or else "," and ";"), at ") Name", at " en " next to a
    mention or before the last item of a comma list; never inside a mention. A part in lower
    case that names nothing belongs to the item before it ("SAM, beroepsvereniging voor ...")."""
    inside = [m for m in mentions if start <= m.start and m.end <= end]

    def free(i: int) -> bool:
        return all(not (m.start < i < m.end) for m in inside)

    # "|" lists, else ";" lists (their items may hold a comma: "Aedes, vereniging van ..."),
    # else comma lists
    sep = next(x for x in (r"\|", ";", ",") if x[-1] in text[start:end] or x == ",")
    # ") Name": "(SBB) Sociaal-Economische Raad (SER)" lost its separator in print
    cuts = [m.span() for m in re.finditer(rf"{sep}|(?<=\))[ \t]+(?=[A-Z])", text[start:end])]
    ands = re.finditer(r"[ \t]+(?:en|&)[ \t]+", text[start:end])
    ands = [m for m in ands if free(start + m.start())]
    for m in ands:  # "A en B" next to a known name, and the last "en" of "A, B en C"
        a, b = start + m.start(), start + m.end()
        last = sep != r"\|" and m is ands[-1] and sep in text[start:a]
        if last or any(x.end == a for x in inside) or any(x.start == b for x in inside):
            cuts.append(m.span())
    bounds, pos = [], start
    for a, b in sorted(c for c in cuts if free(start + c[0])):
        bounds.append((pos, start + a))
        pos = start + b
    bounds.append((pos, end))
    merged: list[tuple[int, int]] = []
    for a, b in bounds:
        first = re.search(r"\S", text[a:b])
        # "de Woonbond" is an item of its own: an article before a capital
        lower = first and text[a + first.start()].islower() and sep == ","
        lower = lower and not re.match(r"(?:de|het|een)[ \t]+[A-Z]", text[a + first.start() : b])
        if merged and lower and not any(a <= m.start < b for m in inside):
            merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    return [i for a, b in merged if (i := _item(text, a, b, inside))]


def _item(text: str, a: int, b: int, mentions: Sequence[Mention]) -> Item | None:
    """An item's span without leading lower-case words and trailing punctuation, and what it
    names: the entity covering most of it, or else a new organisation named by the item."""
    b = a + len(text[a:b].rstrip(" \t\n.;:"))
    starts = {m.start for m in mentions}
    for word in re.finditer(r"\S+", text[a:b]):
        if a + word.start() in starts or not word.group()[0].islower():
            a += word.start()
            break
    else:
        return None
    own = [m for m in mentions if a <= m.start and m.end <= b]
    if own:
        cover = Counter[str]()
        for m in own:
            cover[m.entity] += m.end - m.start
        best = max(own, key=lambda m: (cover[m.entity], m.end - m.start))
        return Item(a, b, best.entity, best.name, best.confidence)
    name = re.split(r",[ \t]+(?=[a-z])", text[a:b])[0]  # "V&VN, beroepsvereniging van ..."
    abbr = re.search(rf"\(\s*({ABBREVIATION})\s*\)$", name)
    long_name = name[: abbr.start()].strip() if abbr else name
    words = len(re.findall(r"\b[a-z]\w*", long_name))
    if words > 3 or not 0 < len(name) <= 80 or not name[0].isalnum() or long_name in _parties():
        return Item(a, b, None, None, 0.0)
    return Item(a, b, organisation_key(long_name, abbr and abbr[1]), long_name, 0.6, new=True)


@cache
def _parties() -> frozenset[str]:
    """Names of political parties (data/parties.json): "partijen: VVD, D66" lists no bodies."""
    path = Path(__file__).parent / "data" / "parties.json"
    data = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {"parties": []}
    return frozenset(n for p in data["parties"] for n in (p["name"], *p.get("aliases", ())))


def listed_organisations(ctx: LetterContext, mentions: Sequence[Mention]) -> list[Mention]:
    """Unknown names in a list after a colon, where the lead-in speaks of partners or members
    or at least three in four items are known organisations."""
    text, found = ctx.letter.text, []
    for colon in (m.start() for m in re.finditer(":", text)):
        start, end = list_region(ctx, colon)
        items = list_items(ctx, start, end, mentions)
        known = [i for i in items if i.entity and not i.new]
        lead = text[ctx.sentence_at(colon)[0] : colon]
        if len(items) < 3 or not (LIST_CUE.search(lead) or len(known) >= 0.75 * len(items)):
            continue
        found += [org_mention(i.entity, i.name, text, i.start, i.end, 0.6, "enumeration-item")
                  for i in items if i.new and i.entity and i.name]  # fmt: skip
    return found


ANAPHOR = re.compile(r"\b(?:hier|daar)(?:aan|in|van|bij)\b", re.I)
AGENDA = re.compile(
    rf"\b[A-Z][\w-]*?(?:agenda|plan|akkoord|pact|programma|manifest)\b"
    rf"(?:[ \t]+(?:{CONNECTOR}[ \t]+)*{CAP})*"
)
# "Het akkoord is ondertekend door", "Het programma is opgesteld samen met": a bare agreement
THING = re.compile(
    r"\b(?:[Hh]et|[Dd]it|[Dd]eze|[Dd]e)[ \t]+(akkoord|programma|agenda|plan|pact|convenant)\b"
)
TIE = re.compile(r"\b(?:opgesteld|uitgevoerd|vastgesteld|verenigd|ondertekend)\b")


@dataclass(frozen=True)
class Group:
    key: str
    confidence: float
    how: str  # "subject", "head", "thing", "anaphor", "agenda-tied", "agenda"


def _kind(mention: Mention) -> str | None:
    return dict(mention.attributes).get("kind")


def extract_memberships(
    ctx: LetterContext, organisations: Sequence[Mention]
) -> tuple[Membership, ...]:
    """Every organisation listed as a member or partner of a group in the letter."""
    text, out, seen = ctx.letter.text, [], set()
    for s, e in ctx.sentences:
        cue = LIST_CUE.search(text, s, e)
        if not cue:
            continue
        colon = text.find(":", cue.start(), e)
        start, end = list_region(ctx, colon) if colon >= 0 else (cue.end(), e)
        if any(a <= s < b or (a, b) == (start, end) for a, b in seen):
            continue  # a sentence of a list already read, or the same list again
        items = list_items(ctx, start, end, organisations)
        if colon < 0:  # a list in running text: only names some rule knows
            items = [i for i in items if any(i.start <= m.start < i.end for m in organisations)]
        items = [i for i in items if i.entity]
        lead_end = colon if colon >= 0 else items[0].start if items else e
        group = _group(ctx, organisations, s, lead_end)
        if len(items) < 2 or group is None:
            continue
        seen.add((start, end))
        kind = "pipe" if "|" in text[start:end] else "colon" if colon >= 0 else "inline"
        out += [
            Membership(i.entity, group.key, text[i.start : i.end], i.start, i.end,
                       round(min(i.confidence, group.confidence), 2),
                       f"member-list:{kind}:{group.how}")
            for i in items if i.entity and i.entity != group.key
        ]  # fmt: skip
    return tuple(out)


def _group(ctx: LetterContext, mentions: Sequence[Mention], s: int, end: int) -> Group | None:
    """The group a list belongs to, from the lead-in text[s:end] and what comes before it."""
    text, heads = ctx.letter.text, vocabulary()[1]["group_heads"]
    groups = [m for m in mentions if _kind(m) == "group"]
    named = [m for m in groups if s <= m.start < end]
    if named:
        return Group(named[-1].entity, 0.95, "subject")
    head = re.search(rf"\b(?:de|het|die|deze)[ \t]+({'|'.join(heads)})\b", text[s:end], re.I)
    if head:
        word = head.group(1).lower()
        found = _before(ctx, [m for m in groups if word in m.name.lower()], s)
        return Group(found.entity, 0.85, "head") if found else None
    thing = THING.search(text, s, end)
    if thing and (found := _named_thing(ctx, thing.group(1).lower(), s)):
        return found
    if ANAPHOR.search(text, s, end):
        found = _before(ctx, groups, s, same_passage=True)
        return Group(found.entity, 0.8, "anaphor") if found else None
    agenda = AGENDA.search(text, s, end)
    if agenda and "door" in text[agenda.end() : end]:
        return _agenda_group(ctx, groups, agenda.group())
    return None


def _before(ctx: LetterContext, groups: Sequence[Mention], offset: int,
            same_passage: bool = False) -> Mention | None:  # fmt: skip
    """The nearest group named before `offset`: in its passage or footnote, else before the
    footnote's marker (or the offset) in the body; else (not for anaphors, which look at this
    passage and the one before only) the group the letter names most."""
    note = ctx.footnote_at(offset)
    passage = ctx.passage_at(offset)
    lo = note.start if note else passage.start if passage else 0
    if same_passage:
        lo = _previous_passage_start(ctx, lo)
    earlier = [m for m in groups if lo <= m.start < offset]
    if not earlier and not same_passage:
        limit = (note.sentence_end or note.marker_offset) if note else offset
        earlier = [m for m in groups if m.start < min(limit or 0, ctx.letter.body_end)]
    if earlier:
        return earlier[-1]
    if same_passage or not groups:
        return None
    top = Counter(m.entity for m in groups).most_common(1)[0][0]
    return next(m for m in groups if m.entity == top)


def _named_thing(ctx: LetterContext, word: str, offset: int) -> Group | None:
    """The nearest agreement or programme named before `offset` with `word` in its name: a
    programme mention ("Programma Betaalbaar Wonen" -> its key), else a capitalised name
    ("Preventieakkoord Gezond Opgroeien" -> programme:preventieakkoord-gezond-opgroeien)."""
    named = [(m.start, m.entity) for m in extract_programmes(ctx)
             if m.type == EntityType.PROGRAMME and m.start < offset
             and word in m.text.lower()]  # fmt: skip
    if not named:  # no programme rule knows it: the name as written is the key
        named = [(a.start(), f"programme:{slug(a.group())}")
                 for a in AGENDA.finditer(ctx.letter.text, 0, offset)
                 if word in a.group().split()[0].lower() and " " in a.group()]  # fmt: skip
    return Group(max(named)[1], 0.8, "thing") if named else None


def _previous_passage_start(ctx: LetterContext, start: int) -> int:
    before = [p.start for p in ctx.letter.passages if p.start < start]
    return before[-1] if before else start


def _agenda_group(ctx: LetterContext, groups: Sequence[Mention], agenda: str) -> Group:
    """The group the letter ties to the agenda ("De Werkagenda VIA is opgesteld door de
    Taskforce ..."), else the agenda itself, named with the abbreviation the letter defines
    for its tail ("Werkagenda Voor een Inclusieve Arbeidsmarkt" -> programme:werkagenda-via)."""
    text, word = ctx.letter.text, agenda.split()[0].lower()
    for s, e in ctx.sentences:
        sentence = text[s:e]
        tied = [m for m in groups if s <= m.start < e]
        if tied and word in sentence.lower() and TIE.search(sentence):
            return Group(tied[0].entity, 0.75, "agenda-tied")
    head, _, tail = agenda.partition(" ")
    for d in abbreviation_definitions(ctx):
        if tail and d.long_form.lower() == tail.lower():
            agenda = f"{head} {d.abbreviation}"
    return Group(f"programme:{slug(agenda)}", 0.7, "agenda")
