"""Motions (moties) named in a letter: which motion, who filed it, its Kamerstuk, and the stance.

Forms found: "de motie van het lid Ceder (Kamerstuk 32 824, nr. 341)", "De motie van de leden
Van Baarle (Denk) en Simons (Bij1)⁹", "de Motie-Van Baarle/Simons", "de motie Ergin²",
"de motie-De Hoop c.s. (36 410A, nr. 33)", "de motie op stuk nr. 1181 (33 529)". A bare
"deze motie" names no motion; it adds its stance to the motion named before it (see
ingest/motion_stance.py).

The reference comes from a parenthesis or citation right after the phrase, else from the
footnote whose marker follows the phrase; a marker later in the same sentence counts only if no
other document ("Kamerbrief", "toezegging", another motion) is named in between — in "de
Motie-X, zoals toegezegd in de Kamerbrief …⁸" footnote 8 is the letter, not the motion.

Key: the kst id when known, else "motie:" + slug of the members ("motie:van-baarle-simons"). A
mention without a reference takes the kst key of a mention of the same members in the same
letter (its `reference` stays None: nothing next to it says so). A motion document (kind
"motie") also yields the motion it is (rule "motion-document", key its own kst id) and the
motion it replaces ("TER VERVANGING VAN DIE GEDRUKT ONDER NR. 491", stance "vervangen").
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache

from ingest.models import DocumentKind, MotionMention, Reference, ReferenceKind
from ingest.motion_stance import decisive, follow_up_stances, stance_in
from ingest.nlp import LetterContext
from ingest.people import (
    EPONYM,
    NamedMember,
    member_list_pattern,
    member_pattern,
    members_in,
    motion_signers,
    names_in,
    slug,
    title_case,
)
from ingest.references import motion_replacement, parse_kamerstuk_id

_DET = (  # the words before "motie" that belong to the phrase: "de eerdergenoemde Motie …"
    r"(?:\b(?:[Dd]e|[Dd]eze|[Dd]ie|[Hh]aar|[Zz]ijn)\s+)?"
    r"(?:\b(?:eerder|reeds|al)\s+)?"
    r"(?:\b(?:\w*noemde|ingediende|aangenomen|gewijzigde|aangehouden|verworpen)\s+)*"
)
_NUMBER = re.compile(rf"{_DET}\b[Mm]otie\s+(?:op\s+)?(?:stuk\s+)?nr\.\s*\w+\s*\([^()\n]{{3,24}}\)")
_BARE = re.compile(rf"{_DET}\b[Mm]otie\s*(?=\()")  # "de motie (Kamerstuk 36 200, nr. 5)"
_EPONYM = re.compile(rf"{_DET}(?={EPONYM.pattern})")
# The stuk titel of a motion, in capitals: "MOTIE VAN HET LID GRINWIS C.S. TER VERVANGING …".
_TITLE = re.compile(
    r"(?<![\w-])(?:GEWIJZIGDE\s+)?MOTIE\s+VAN\s+(?:HET\s+LID|DE\s+LEDEN)\s+"
    r"(?P<names>[A-ZÀ-ÞĆČŞŠŽĞİŁ'’ .-]+?)(?P<cs>\s+C\.\s?S\.)?"
    r"(?=\s+TER\s+VERVANGING|\s+Voorgesteld|\s*$)"
)
_AFTER = re.compile(r"[ \t\u00a0]*(?:\(|,[ \t\u00a0]*|:[ \t\u00a0]*)")
_CLOSE = re.compile(r"[\s*_]*\)")
_GAP_ONLY = re.compile(r"[\s.,;:)»”’'\"*]*")
# Another document named between a motion and a later marker: the marker is that document's.
_BLOCKERS = re.compile(
    r"brief|rapport|verslag|debat|overleg|toezeg|toegezegd|vragen|antwoord|\bnota\b|wetsvoorstel|"
    r"amendement|regeling|advies|onderzoek|evaluatie|moti[es]|handelingen|kamerstuk",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Phrase:
    """A motion phrase before its reference, stance and key are settled."""

    start: int
    end: int
    members: tuple[NamedMember, ...]
    cosigned: bool  # "c.s.": more members than named
    rule: str
    confidence: float
    reference: str | None = None


def extract_motions(ctx: LetterContext) -> tuple[MotionMention, ...]:
    """Every motion a letter names, in text order; a motion document also yields itself."""
    phrases = _without_overlaps([*_by_members(ctx), *_by_eponym(ctx), *_by_number(ctx),
                                 *_by_bare_reference(ctx)])  # fmt: skip
    starts = [p.start for p in phrases] + [len(ctx.letter.text)]
    mentions = [
        _mention(ctx, _referenced(ctx, p, starts[i + 1]), phrases[i - 1].end if i else 0,
                 starts[i + 1])
        for i, p in enumerate(phrases)
    ]  # fmt: skip
    follow = follow_up_stances(ctx, [(m.start, m.end) for m in mentions])
    mentions = [replace(m, stance=decisive([m.stance, *more]))
                for m, more in zip(mentions, follow, strict=True)]  # fmt: skip
    own = list(_motion_document(ctx)) if ctx.letter.metadata.kind is DocumentKind.MOTIE else []
    return tuple(own + _shared_keys(mentions))


@cache
def _members_re() -> re.Pattern[str]:
    return re.compile(
        rf"{_DET}\b[Mm]otie\s+van\s+(?:het\s+(?:[Kk]amer)?[Ll]id\s+(?P<one>{member_pattern(False)})"
        rf"|de\s+(?:[Kk]amer)?[Ll]eden\s+(?P<many>{member_list_pattern()}))(?P<cs>[ ]c\.[ ]?s\.)?"
    )


def _by_members(ctx: LetterContext) -> Iterator[_Phrase]:
    """ "de motie van het lid Ceder", "De motie van de leden Van Baarle (Denk) en Simons (Bij1)"."""
    text = ctx.letter.text
    for m in _members_re().finditer(text):
        span = m.span("one") if m["one"] else m.span("many")
        yield _Phrase(*m.span(), members_in(text, *span), bool(m["cs"]), "motion-members", 0.9)


def _by_eponym(ctx: LetterContext) -> Iterator[_Phrase]:
    """ "de Motie-Van Baarle/Simons", "de motie Ergin", "de motie-De Hoop c.s."."""
    text = ctx.letter.text
    for m in _EPONYM.finditer(text):
        e = EPONYM.match(text, m.end())
        if e is None:
            continue
        hyphen = text[e.end("motie")] in "-‑–"
        yield _Phrase(m.start(), e.end(), names_in(text, *e.span("names")), bool(e["cs"]),
                      "motion-eponym", 0.85 if hyphen else 0.75)  # fmt: skip


def _by_number(ctx: LetterContext) -> Iterator[_Phrase]:
    """ "de motie op stuk nr. 1181 (33 529)": the citation is inside the phrase."""
    for m in _NUMBER.finditer(ctx.letter.text):
        ref = _kamerstuk_in(ctx.letter.references, m.start(), m.end())
        if ref is not None:
            yield _Phrase(*m.span(), (), False, "motion-number", 0.9, ref.id)


def _by_bare_reference(ctx: LetterContext) -> Iterator[_Phrase]:
    """ "de motie (Kamerstuk 36 200, nr. 5)": no members, but a citation right after."""
    for m in _BARE.finditer(ctx.letter.text):
        if cited := _adjacent_citation(ctx, m.end()):
            ref, end = cited
            yield _Phrase(m.start(), end, (), False, "motion-reference", 0.8, ref.id)


def _without_overlaps(phrases: Sequence[_Phrase]) -> list[_Phrase]:
    """The longest phrase wins where two overlap ("motie van het lid X" over "motie X")."""
    kept: list[_Phrase] = []
    for p in sorted(phrases, key=lambda p: (p.start - p.end, p.start)):
        if all(p.end <= k.start or p.start >= k.end for k in kept):
            kept.append(p)
    return sorted(kept, key=lambda p: p.start)


def _kamerstuk_in(refs: Sequence[Reference], start: int, end: int) -> Reference | None:
    return next(
        (r for r in refs if r.kind is ReferenceKind.KAMERSTUK and start <= r.start < end), None
    )


def _adjacent_citation(ctx: LetterContext, end: int) -> tuple[Reference, int] | None:
    """A citation right after `end` ("(Kamerstuk 32 824, nr. 341)", ", Kamerstuk …") and the
    new phrase end (past the closing bracket)."""
    text = ctx.letter.text
    after = _AFTER.match(text, end)
    ref = _kamerstuk_in(ctx.letter.references, after.end(), after.end() + 2) if after else None
    if after is None or ref is None:
        return None
    if "(" not in after[0]:
        return ref, end
    close = _CLOSE.match(text, ref.end)
    return ref, close.end() if close else ref.end


def _referenced(ctx: LetterContext, p: _Phrase, next_start: int) -> _Phrase:
    """The phrase with its reference: adjacent citation, else the first footnote after it."""
    if p.reference:
        return p
    if cited := _adjacent_citation(ctx, p.end):
        ref, end = cited
        return replace(p, end=max(end, p.end), reference=ref.id, rule=f"{p.rule}+citation")
    _, sent_end = ctx.sentence_at(p.start)
    notes = ctx.footnotes_in(p.end, min(max(sent_end, p.end + 1), next_start))
    if not notes:
        return p
    note = min(notes, key=lambda n: n.marker_offset or 0)  # the first marker decides
    cited = [r for r in ctx.letter.references if r.footnote == note.number]
    ref = _kamerstuk_in(cited, 0, len(ctx.letter.text))
    gap = ctx.letter.text[p.end : note.marker_offset]
    if ref is None or _BLOCKERS.search(gap):
        return p
    if _GAP_ONLY.fullmatch(gap):
        return replace(p, reference=ref.id, rule=f"{p.rule}+footnote")
    return replace(p, reference=ref.id, rule=f"{p.rule}+footnote-in-sentence",
                   confidence=round(p.confidence * 0.85, 2))  # fmt: skip


def _mention(ctx: LetterContext, p: _Phrase, prev_end: int, next_start: int) -> MotionMention:
    text = ctx.letter.text
    sent_start, sent_end = ctx.sentence_at(p.start)
    before = text[max(sent_start, prev_end, p.start - 160) : p.start]
    after = text[p.end : max(p.end, min(sent_end, next_start))]
    stance = stance_in(before, after)
    members = tuple(m.name for m in p.members)
    parties = tuple(dict.fromkeys(m.party.abbreviation for m in p.members if m.party))
    return MotionMention(
        key=p.reference or "motie:" + "-".join(slug(m) for m in members),
        name=_name(members, p.cosigned, p.reference),
        members=members,
        parties=parties,
        reference=p.reference,
        stance=stance,
        text=text[p.start : p.end],
        start=p.start,
        end=p.end,
        sentence_start=min(sent_start, p.start),
        sentence_end=max(sent_end, p.end),
        confidence=p.confidence,
        rule=p.rule,
    )


def _name(members: Sequence[str], cosigned: bool, reference: str | None) -> str:
    """The Kamer's own naming: "Motie-Ergin", "Motie-Van Baarle/Simons", "Motie-De Hoop c.s."."""
    if not members:
        parsed = parse_kamerstuk_id(reference or "")
        return f"Motie {parsed[0]}, nr. {parsed[1]}" if parsed else "Motie"
    if len(members) > 2 or (cosigned and len(members) == 1):
        return f"Motie-{members[0]} c.s."
    return "Motie-" + "/".join(members)


def _shared_keys(mentions: list[MotionMention]) -> list[MotionMention]:
    """Mentions without a reference take the kst key of the same members in this letter."""
    out = []
    for m in mentions:
        if m.reference is None and m.members:
            same = [o for o in mentions if o.reference and _same_members(o, m)]
            if len({o.key for o in same}) == 1:
                m = replace(m, key=same[0].key)
            elif before := [o for o in same if o.start < m.start]:
                # Several motions of these members: "de eerdergenoemde motie" looks back.
                m = replace(m, key=before[-1].key)
        out.append(m)
    return out


def _same_members(a: MotionMention, b: MotionMention) -> bool:
    return {slug(x) for x in a.members} == {slug(x) for x in b.members}


def _motion_document(ctx: LetterContext) -> Iterator[MotionMention]:
    """The motion a motion document is, and the motion it replaces."""
    meta, text = ctx.letter.metadata, ctx.letter.text
    found = next(((p, m) for p in ctx.letter.passages if (m := _TITLE.search(p.text))), None)
    signers = motion_signers(ctx)
    if meta.kamerstuk is None or (found is None and not signers):
        return
    members = tuple(s.name for s in signers)
    if found is not None:
        title, m = found
        start, end = title.start + m.start(), title.start + m.end()
        named = re.split(r",\s*|\s+EN\s+", m["names"])
        members = members or tuple(title_case(n) for n in named)
    else:
        title, (start, end) = None, (signers[0].start, signers[-1].end)
    confidence = 1.0 if "XML" in meta.evidence.get("kamerstuk", "") else 0.8
    yield MotionMention(
        meta.kamerstuk, _name(members, False, meta.kamerstuk), members, (), meta.kamerstuk, None,
        text[start:end], start, end, start, end, confidence, "motion-document",
    )  # fmt: skip
    dossier = parse_kamerstuk_id(meta.kamerstuk)
    replaced = motion_replacement(title.text, dossier[0] if dossier else None) if title else None
    if replaced and title is not None:
        m = re.search(r"TER\s+VERVANGING.*", title.text, re.IGNORECASE)
        s, e = (title.start + m.start(), title.start + m.end()) if m else (start, end)
        yield MotionMention(
            replaced, _name((), False, replaced), (), (), replaced, "vervangen", text[s:e], s, e,
            title.start, title.end, confidence, "motion-replaced",
        )  # fmt: skip
