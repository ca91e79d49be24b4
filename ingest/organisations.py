"""Organisations named in a letter, each resolved to one entity key shared across letters.

Rules (the `rule` of each mention), in tiers: a lower tier never overrides a higher one.
0 `committee`: "Vaste Kamercommissie SZW" is a committee, not the ministry.
1 `vocabulary`: data/organisations.json through spaCy PhraseMatchers: abbreviations and one-word
  names by ORTH ("SER" is not "ser"), longer names by LOWER, with hyphen/space and &/en variants.
  `abbreviation-definition`: "Landelijke Vereniging van Wijkteams (LVW)" when the long form looks
  like an organisation (a head word: Vereniging, Raad, Instituut, ...; no fund, programme or law
  word, so "(ESF+)" and "(VIA)" are not; a plural "fondsen" is a coalition of charities unless a
  fund word says money: "Gezondheidsfondsen voor Rookvrij (GvR)" is a body, "Europees Sociaal
  Fonds Plus (ESF+)" is not; "Zorgverzekeraars Nederland (ZN)": capitalised words + Nederland);
  `learned-abbreviation`: later bare "LVW" in the letter.
  A new body's key comes from its abbreviation (organisation:lvw), so letters agree.
2 `abbreviation-in-compound` ("SER-advies", "SZW/VIA"); `abbreviation-typo`: "AWWN" for AWVN:
  one edit apart, both of 4+ letters, same first letter, exactly one candidate, the written form
  no known abbreviation itself (so ABU and NBBU never merge), among 2+ other organisations. Three
  letters ("VBG" for VNG) only as an item of its own in a list naming 3+ organisations and only
  against a three-letter abbreviation: short words have too many near neighbours.
3 `pattern-municipality` ("de gemeente Zoetermeer", "gemeenten Alkmaar, Almere en Utrecht") and
  `pattern-name` ("Stichting X", "het X Instituut", "lerend netwerk X", one word on -instituut,
  -stichting or -bond: "Trimbos-instituut", "Nederlands Jeugdinstituut", "Woonbond").
4 `enumeration-item` (ingest.memberships): an unknown name in a list of partners or members.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from spacy.matcher import PhraseMatcher

from ingest.models import EntityType, Mention
from ingest.nlp import LetterContext, get_nlp

VOCABULARY = Path(__file__).parent / "data" / "organisations.json"
ABBREVIATION = r"[A-Z][A-Za-z0-9&+.*\-]*"  # "NOC*NSF"
CAP = r"[A-Z](?:[\w'’&+-]|\.(?=\w))*"  # a capitalised word; a final period is no part
CONNECTOR = r"(?:&|van|voor|de|der|den|het|in|op|met|een|aan|tot|ter)"  # not "en": lists
NAME = rf"{CAP}(?:[ \t]+(?:{CONNECTOR}[ \t]+)*{CAP})*"
PLACE = r"[A-Z][\w'’-]+(?:[ \t]+(?:(?:aan|op|aan den|aan de)[ \t]+)?[A-Z][\w'’-]+)*"
# words of a fund's name, never of a body's: "Europees Sociaal Fonds Plus", "Fondsregeling"
FUND_WORDS = frozenset("europees europese plus regeling subsidieregeling".split())
FUNCTION_WORDS = frozenset(
    "de het een zo ook in bij met door dit deze dat die daarnaast verder tevens via voor van op "
    "als en ik wij we zij er hier".split()
)
TIERS = {"committee": 0, "vocabulary": 1, "abbreviation-definition": 1, "learned-abbreviation": 1,
         "abbreviation-in-compound": 2, "abbreviation-typo": 2, "pattern-municipality": 3,
         "pattern-name": 3, "enumeration-item": 4}  # fmt: skip
Known = dict[str, tuple[str, str]]  # abbreviation -> (entity key, canonical name)


@dataclass(frozen=True)
class Body:
    """One vocabulary entry."""

    key: str
    name: str
    kind: str  # ministry, agency, employers, group, ...
    abbreviations: tuple[str, ...]
    names: frozenset[str]  # name, aliases, former names and their spelling variants
    former_names: tuple[str, ...]
    common_words: tuple[str, ...]  # one-word aliases that are ordinary words too


@dataclass(frozen=True)
class Definition:
    """A "Long Form (ABBR)" in a letter; `key` is set when the long form is an organisation."""

    abbreviation: str
    long_form: str
    start: int  # of the long form
    end: int  # of the closing parenthesis
    key: str | None
    name: str | None


def slug(text: str) -> str:
    """A key: "Taskforce Werk & Integratie" -> "taskforce-werk-en-integratie", "J&V" -> "jenv"."""
    text = re.sub(r"(?<=\w)&(?=\w)", "en", text.lower()).replace("&", " en ")
    return re.sub(r"[^\w]+", "-", text).strip("-")


def organisation_key(name: str, abbreviation: str | None = None) -> str:
    """The entity key: from the abbreviation when there is one, so letters agree."""
    return f"organisation:{slug(abbreviation or name)}"


def variants(alias: str) -> set[str]:
    """Spelling variants: hyphen or space, "&" or "en"; no parenthesis, no leading article."""
    alias = re.sub(r"^(?:De|Het) |\s*\([^)]*\)", "", alias).strip()
    out = {alias, alias.replace("&", "en"), re.sub(r"\ben\b", "&", alias)}
    return out | {re.sub(r"(?<=\w)-(?=\w)", " ", a) for a in out}


@cache
def vocabulary() -> tuple[dict[str, Body], dict[str, tuple[str, ...]]]:
    """The bodies of data/organisations.json by key, and its word lists (heads, ...)."""
    data = json.loads(VOCABULARY.read_text(encoding="utf-8"))
    bodies = {}
    for e in data["organisations"]:
        abbreviations, former = tuple(e.get("abbreviations", ())), [
            r["name"] for r in e.get("renamed_from", ())]  # fmt: skip
        names = {e["name"], *e.get("aliases", ()), *former}
        if e["kind"] == "ministry":  # "Ministerie van SZW", "ministerie SZW"
            names |= {f"Ministerie {p}{a}" for a in abbreviations for p in ("van ", "")}
        bodies[e["key"]] = Body(e["key"], e["name"], e["kind"], abbreviations,
                                frozenset(v for n in names for v in variants(n)), tuple(former),
                                tuple(e.get("common_words", ())))  # fmt: skip
    lists = {k: tuple(v) for k, v in data.items() if isinstance(v, list)}
    return bodies, lists


@cache
def _abbreviations() -> dict[str, Body]:
    return {a: b for b in vocabulary()[0].values() for a in b.abbreviations}


@cache
def _matchers() -> tuple[PhraseMatcher, PhraseMatcher]:
    """An ORTH matcher (abbreviations, one-word names) and a LOWER one (longer names)."""
    nlp = get_nlp()
    exact, lower = PhraseMatcher(nlp.vocab, attr="ORTH"), PhraseMatcher(nlp.vocab, attr="LOWER")
    for body in vocabulary()[0].values():
        docs = [nlp.make_doc(n) for n in sorted(body.names | set(body.abbreviations))]
        exact.add(body.key, [d for d in docs if len(d) == 1])
        lower.add(body.key, [d for d in docs if len(d) > 1])
    return exact, lower


def org_mention(key: str, name: str, text: str, start: int, end: int, confidence: float,
                rule: str, **attributes: str) -> Mention:  # fmt: skip
    """An organisation Mention of text[start:end]."""
    return Mention(key, EntityType.ORGANISATION, name, text[start:end], start, end, confidence,
                   rule, attributes=tuple(attributes.items()))  # fmt: skip


def _vocabulary_mentions(ctx: LetterContext) -> list[Mention]:
    """Every vocabulary name in the letter (overlaps are resolved later)."""
    bodies, doc, found = vocabulary()[0], ctx.doc, []
    for matcher in _matchers():
        for match_id, i, j in matcher(doc):
            body, span = bodies[doc.vocab.strings[match_id]], doc[i:j]
            common = span.text in body.common_words
            first = ctx.sentence_at(span.start_char)[0] == span.start_char
            if common and (first or (i and doc[i - 1].lower_ in ("de", "het"))):
                continue  # "de Randstad" is the region; "Significant" may start a sentence
            attributes = {"kind": body.kind}
            for former in body.former_names:
                if span.text.lower() in {v.lower() for v in variants(former)}:
                    attributes["former_name"] = former
            confidence = 0.75 if common else 0.9 if len(span) == 1 else 0.95
            found.append(org_mention(body.key, body.name, ctx.letter.text, span.start_char,
                                     span.end_char, confidence, "vocabulary", **attributes))
    return found


def looks_like_organisation(long_form: str, abbreviation: str = "") -> bool:
    """A head word such as Raad, Bond, Vereniging, Instituut and no fund/programme/law word;
    or a body named by its members: "Gezondheidsfondsen voor Rookvrij" (a plural "fondsen" is a
    coalition of charities, while a singular Fonds, or a fund word such as Europees, Plus or
    regeling, "Europees Sociaal Fonds Plus (ESF+)", is money) or "Zorgverzekeraars Nederland"
    (capitalised words ending in Nederland)."""
    words, lists = re.findall(r"\w+", long_form.lower()), vocabulary()[1]
    if any(w.endswith("fondsen") for w in words):  # before the exclusion of "fonds"
        money = abbreviation.endswith("+") or any(w in FUND_WORDS for w in words)
        return not money and not any(w.endswith(x) for w in words
                                     for x in lists["excluded_heads"] if x != "fonds")  # fmt: skip
    if any(w.endswith(x) for w in words for x in lists["excluded_heads"]):
        return False
    if re.fullmatch(rf"{CAP}(?:[ \t]+{CAP})*[ \t]+Nederland", long_form):
        return True
    return any(w.endswith(h) for w in words for h in lists["organisation_heads"])


def _long_form_start(segment: str, abbreviation: str) -> int | None:
    """Schwartz–Hearst: match the abbreviation's letters right to left in the text before it;
    the first letter must start a capitalised word (not "van" in "Vereniging van Nederlandse
    Gemeenten (VNG)"). Where the long form starts in `segment`, if it does."""
    letters = [c.lower() for c in abbreviation if c.isalpha()]
    i = len(segment) - 1
    for j in range(len(letters) - 1, -1, -1):
        while i >= 0 and (
            segment[i].lower() != letters[j]
            or (j == 0 and (segment[i].islower() or (i > 0 and segment[i - 1].isalnum())))
        ):
            i -= 1
        if i < 0:
            return None
        i -= 1
    return i + 1 if len(letters) >= 2 else None


def abbreviation_definitions(ctx: LetterContext) -> tuple[Definition, ...]:
    """Every "Long Form (ABBR)" in the letter, organisations or not ("(VIA)", "(ESF+)")."""
    text, out = ctx.letter.text, []
    for m in re.finditer(rf"\(\s*({ABBREVIATION})\s*\)", text):
        abbr = m.group(1).rstrip(".")
        # the long form stays inside its sentence and list item
        lo = max([ctx.sentence_at(m.start())[0]] + [text.rfind(c, 0, m.start()) + 1
                                                    for c in ")|:;\n"])  # fmt: skip
        words = list(re.finditer(r"\S+", text[lo : m.start()].rstrip()))[-(len(abbr) + 5) :]
        if sum(c.isupper() for c in abbr) < 2 or not words:
            continue
        segment = text[lo + words[0].start() : lo + words[-1].end()]
        start = _long_form_start(segment, abbr)
        if start is None:
            continue
        long_form, start = segment[start:], lo + words[0].start() + start
        body = _abbreviations().get(abbr) or next(
            (b for b in vocabulary()[0].values() if long_form.lower() in _lower(b.names)), None)
        if body:
            key, name = body.key, body.name
        elif looks_like_organisation(long_form, abbr):
            key, name = organisation_key(long_form, abbr), long_form
        else:
            key = name = None
        out.append(Definition(abbr, long_form, start, m.end(), key, name))
    return tuple(out)


def _lower(names: Iterable[str]) -> set[str]:
    return {n.lower() for n in names}


def _defined(ctx: LetterContext, definitions: Sequence[Definition]) -> list[Mention]:
    """Long forms of defined organisations, and every bare use of a new abbreviation."""
    text, found, learned = ctx.letter.text, [], {}
    for d in definitions:
        if d.key and d.name:
            found.append(org_mention(d.key, d.name, text, d.start, d.start + len(d.long_form),
                                     0.85, "abbreviation-definition"))  # fmt: skip
            if d.abbreviation not in _abbreviations():
                learned.setdefault(d.abbreviation, d)
    for abbr, d in learned.items():
        for m in re.finditer(rf"(?<![\w-]){re.escape(abbr)}(?![\w-])", text):
            found.append(org_mention(d.key, d.name, text, m.start(), m.end(), 0.85,
                                     "learned-abbreviation"))  # fmt: skip
    return found


def _compound_parts(ctx: LetterContext, known: Known) -> list[Mention]:
    """Known abbreviations inside a compound word: "SER-advies", "SZW/VIA", "NRO-onderzoek"."""
    found = []
    for token in ctx.doc:
        parts = re.finditer(r"[^-/]+", token.text) if re.search(r"\w[-/]\w", token.text) else ()
        for part in parts:
            if part.group() in known:
                start = token.idx + part.start()
                found.append(org_mention(*known[part.group()], ctx.letter.text, start,
                                         start + len(part.group()), 0.8,
                                         "abbreviation-in-compound"))  # fmt: skip
    return found


def _one_edit(a: str, b: str) -> bool:
    """True when one substitution, insertion, deletion or swap of neighbours turns a into b."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def _typos(ctx: LetterContext, known: Known, defined: set[str], listed: Sequence[Mention]
           ) -> list[Mention]:  # fmt: skip
    """An unknown all-capitals word one edit away from exactly one known abbreviation with the
    same first letter and length, in a sentence that names two organisations or more (a list:
    "AWWN" among the partners, while "de AVVN" of the United Nations stands alone). Three
    letters give many near misses ("VBG" for VNG, but also party names), so a word of three
    is read only as a separate item of a list naming three organisations or more."""
    found, names = [], _lower(n for b in vocabulary()[0].values() for n in b.names)
    for m in re.finditer(r"(?<![\w-])[A-Z][A-Z0-9]{2,}(?![\w-])", ctx.letter.text):
        word, (s, e) = m.group(), ctx.sentence_at(m.start())
        if word in known or word in defined or word.lower() in names:
            continue
        others = len({x.entity for x in listed if s <= x.start < e})
        if others < 2 or (len(word) == 3 and (others < 3 or not _list_item(ctx, m))):
            continue
        near = [a for a in known if (len(a) >= 4 or len(a) == len(word) == 3)
                and a[0] == word[0] and _one_edit(word, a)]  # fmt: skip
        if len({known[a] for a in near}) == 1:
            found.append(org_mention(*known[near[0]], ctx.letter.text, m.start(), m.end(), 0.6,
                                     "abbreviation-typo", typo_of=near[0]))  # fmt: skip
    return found


def _list_item(ctx: LetterContext, m: re.Match[str]) -> bool:
    """The word stands alone between list separators: "; VBG;", "• VBG", "VBG, de ..."."""
    text = ctx.letter.text
    before = text[max(0, m.start() - 3) : m.start()].rstrip(" \t")
    after = text[m.end() : m.end() + 4]
    return (not before or before[-1] in ",;:|•\n-") and bool(re.match(r"\s*(?:[,;|.]|en\b|$)",
                                                                        after))


def _municipalities(ctx: LetterContext) -> list[Mention]:
    """Municipalities: "de gemeente Zoetermeer", each of "gemeenten Alkmaar, Almere en Utrecht"."""
    text, found = ctx.letter.text, []
    for m in re.finditer(rf"\b[Gg]emeente(n?)[ \t]+({PLACE}(?:[ \t]*,[ \t]*{PLACE})*"
                         rf"(?:[ \t]+en[ \t]+{PLACE})?)", text):  # fmt: skip
        places = re.finditer(PLACE, m[2]) if m[1] else [re.match(PLACE, m[2])]
        for p in (p for p in places if p and p.group() not in _abbreviations()):
            start = m.start(2) + p.start() if m[1] else m.start()
            found.append(org_mention(organisation_key(f"gemeente {p.group()}"),
                                     f"gemeente {p.group()}", text, start, m.start(2) + p.end(),
                                     0.8, "pattern-municipality", kind="municipality"))
    return found


def _named(ctx: LetterContext) -> list[Mention]:
    """Organisation-looking names: "Stichting X", "het X Instituut", "lerend netwerk X"."""
    text, lists, found = ctx.letter.text, vocabulary()[1], []
    first, last = "|".join(lists["name_first_heads"]), "|".join(lists["name_last_heads"])
    for m in re.finditer(rf"\b(?:(?:{first})[ \t]+(?:(?:van|voor)[ \t]+(?:de[ \t]+|het[ \t]+)?)?"
                         rf"|(?:[Ll]erende?[ \t]+)?netwerk[ \t]+){NAME}"
                         rf"|(?<![\w-]){CAP}(?:[ \t]+{CAP})*[ \t]+(?:{last})\b", text):  # fmt: skip
        words = [w for w in re.finditer(r"\S+", m[0]) if w[0].lower() not in FUNCTION_WORDS]
        start = m.start() + words[0].start() if words else m.end()
        if " " in text[start : m.end()]:  # a head alone ("Stichting") names nothing
            name = text[start : m.end()]
            group = any(h in name.lower() for h in lists["group_heads"])
            found.append(org_mention(organisation_key(name), name, text, start, m.end(), 0.65,
                                     "pattern-name", kind="group" if group else "named"))
    return found


# "Trimbos-instituut", "Nederlands Jeugdinstituut", "Woonbond": a compound on a body's head
COMPOUND = re.compile(r"(?<![\w-])(?:(?:Nederlandse?|Landelijke?|Nationale?|Koninklijke?)[ \t]+)?"
                      r"[A-Z]\w{2,}?-?(?:instituut|stichting|bond)(?![\w-])")  # fmt: skip


def _compounds(ctx: LetterContext) -> list[Mention]:
    """Names made of one word ending in -instituut, -stichting or -bond (not a head word on its
    own such as "Vakbond" or "Verbond"), with an adjective before it ("Nederlands ...")."""
    text, heads, found = ctx.letter.text, vocabulary()[1]["organisation_heads"], []
    for m in COMPOUND.finditer(text):
        last = m.group().split()[-1]
        if last.lower() in heads:
            continue
        found.append(org_mention(organisation_key(m.group()), m.group(), text, m.start(),
                                 m.end(), 0.65, "pattern-name", kind="named"))  # fmt: skip
    return found


def _committees(ctx: LetterContext, mentions: Sequence[Mention]) -> list[Mention]:
    """A parliamentary committee named after its ministry: "Vaste Kamercommissie SZW"."""
    bodies, found = vocabulary()[0], []
    ministries = {m.start: m for m in mentions if bodies[m.entity].kind == "ministry"}
    for m in re.finditer(r"\b(?:[Vv]aste[ \t]+)?(?:[Kk]amer)?[Cc]ommissie[ \t]+(?:voor[ \t]+)?",
                         ctx.letter.text):  # fmt: skip
        if ministry := ministries.get(m.end()):
            name = "vaste commissie voor " + ministry.name.removeprefix("Ministerie van ")
            key = ministry.entity.replace(":", ":vaste-commissie-")
            found.append(org_mention(key, name, ctx.letter.text, m.start(), ministry.end, 0.85,
                                     "committee", kind="parliament"))  # fmt: skip
    return found


def resolve(candidates: Iterable[Mention]) -> list[Mention]:
    """Non-overlapping mentions: by tier, then the longest, then the most confident."""
    ranked = sorted(candidates, key=lambda m: (TIERS[m.rule], m.start - m.end, -m.confidence))
    kept: list[Mention] = []
    for mention in ranked:
        if all(mention.end <= k.start or mention.start >= k.end for k in kept):
            kept.append(mention)
    return sorted(kept, key=lambda m: (m.start, m.end))


def extract_organisations(ctx: LetterContext) -> tuple[Mention, ...]:
    """Every organisation mention in the letter, with its entity key, span and rule."""
    from ingest.memberships import listed_organisations  # memberships builds on this module

    definitions = abbreviation_definitions(ctx)
    known: Known = {a: (b.key, b.name) for a, b in _abbreviations().items()}
    known |= {d.abbreviation: (d.key, d.name) for d in definitions if d.key and d.name
              and d.abbreviation not in known}  # fmt: skip
    vocab, defined = _vocabulary_mentions(ctx), _defined(ctx, definitions)
    typos = _typos(ctx, known, {d.abbreviation for d in definitions}, vocab + defined)
    kept = resolve([*vocab, *defined, *_committees(ctx, vocab), *_compound_parts(ctx, known),
                    *_municipalities(ctx), *_named(ctx), *_compounds(ctx), *typos])  # fmt: skip
    kept = _same_named(resolve([*kept, *listed_organisations(ctx, kept)]))
    ends = {(d.key, d.start + len(d.long_form)): d.abbreviation for d in definitions if d.key}
    return tuple(
        replace(m, aliases=(ends[(m.entity, m.end)],)) if (m.entity, m.end) in ends else m
        for m in kept
    )


def _same_named(mentions: list[Mention]) -> list[Mention]:
    """A pattern name that begins a longer one in the letter is that body ("lerend netwerk
    Intensieve Begeleiding" in a heading, "... van Werkzoekenden ..." in the text)."""
    named = [m for m in mentions if m.rule == "pattern-name"]
    out = []
    for m in mentions:
        longer = [n for n in named if n.name.lower().startswith(m.name.lower() + " ")]
        out.append(replace(m, entity=longer[0].entity, name=longer[0].name)
                   if m in named and longer else m)  # fmt: skip
    return out
