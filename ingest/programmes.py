"""Pilots, programmes, plans, laws and funds named in a letter, with keys stable across letters.

Candidates from three sources are merged longest-first:
- the vocabulary (data/programmes.json), matched by a spaCy PhraseMatcher on LOWER; acronyms
  ("VIA") and "exact" aliases must match case-sensitively, and generic pilot names
  ("Leerwerktrajecten") count only right after a cue ("pilot", "VIA-pilots");
- patterns for names the vocabulary has never seen: a head ("Wet", "wetsvoorstel", "Actieplan",
  "programma", "pilot", "regeling", "Fonds", compounds like "Participatiewet") and a name up to a
  verb, punctuation or another head, then years and an abbreviation in parentheses. A name the
  vocabulary knows (or whose start it knows) takes that entry's key, a new one its slug;
- brochures: headings "PILOT - X – description" and an "X – description" list under a heading
  about pilots.
An abbreviation a letter defines in parentheses ("(FAS)") marks its later uses too. Pilots get a
status from the rest of their sentence or, in a brochure, from the "Stand van zaken" of their
section.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token

from ingest.models import BlockKind, EntityType, Mention, Passage
from ingest.nlp import LetterContext, get_nlp

DATA = Path(__file__).parent / "data" / "programmes.json"
_OPEN, _CLOSE = set("«‘'\"“„‹"), set("»’'\"”›")
_QUOTES = _OPEN | _CLOSE
_YEARS = re.compile(r"^((?:19|20)\d\d)\s*[–-]\s*((?:19|20)?\d\d)$")
_CUE = re.compile(r"pilots?-?$")
_DASH = r"(?:\s[–-]\s|\s?[–-]\s|\s[–-](?=[A-Z]))"  # "X – y", "X– y", "X –Y"; not "en –begeleiding"
_HEADING = re.compile(rf"^(?:PILOT|Pilot)\s*[-–:]\s*(?P<name>.+?)(?:{_DASH}|$)")
_LIST_ITEM = re.compile(rf"^(?P<name>[A-Z](?:[^.:;–-]|(?<=\w)-(?=\w)){{1,60}}?){_DASH}")
_PILOT, _LAW, _FUND = EntityType.PILOT, EntityType.LAW, EntityType.FUND
_Status = tuple[str, str]  # (status, the sentence that states it)
_Section = tuple[int, int, str, _Status | None]  # a brochure pilot's section: start, end, key


@dataclass(frozen=True)
class Entry:
    """A vocabulary entry; `periods` holds its editions as (label, start year, end year)."""

    key: str
    type: EntityType
    name: str
    parent: str | None = None
    periods: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True)
class Head:
    """A word that introduces a name: "Wet", "actieplan", "plan van aanpak", "pilot"."""

    words: tuple[str, ...]
    type: EntityType
    lower: bool = False  # the name may go on in lowercase ("Wet versterking regie …")
    in_name: bool = False  # the head is part of name and key ("actieplan-dakloosheid")
    title: bool = False  # the head itself must be capitalised ("Aanpak", "Fonds")
    alias: str | None = None  # "wetsvoorstel X" names "Wet X"
    compound: bool = False  # words[0] is a suffix: "Participatiewet" alone is a name


@dataclass(frozen=True, eq=False)
class Vocabulary:
    """Entries, their look-up forms and matcher, and the word lists and cues patterns use."""

    entries: dict[str, Entry]
    names: dict[str, str]  # normalised alias -> key
    labels: dict[str, tuple[str, str, tuple[str, ...]]]  # matcher label -> (key, kind, tokens)
    matcher: PhraseMatcher
    heads: tuple[Head, ...]
    words: dict[str, frozenset[str]]  # connectors, determiners, stop, compound_exceptions
    patterns: dict[str, re.Pattern[str]]  # pilot_head, status_heading
    cues: dict[str, re.Pattern[str]]  # pilot status -> its cue, in order of precedence

    @classmethod
    def from_data(cls, data: dict) -> Vocabulary:
        """Build the look-ups and the matcher from the structure of programmes.json."""
        make, entries, names, labels = get_nlp().make_doc, {}, {}, {}
        for item in data["entries"]:
            key, cued = item["key"], [c.lower() for c in item.get("cued", [])]
            periods = tuple((p["label"], p["start"], p["end"]) for p in item.get("periods", ()))
            entries[key] = Entry(
                key, EntityType(item["type"]), item["name"], item.get("parent"), periods
            )
            plain = {a for a in [item["name"], *item["aliases"]] if a.lower() not in cued}
            kinds = {"name": plain, "cued": item.get("cued", []), "exact": item.get("exact", [])}
            for kind, aliases in kinds.items():
                for alias in aliases:
                    names[_norm(alias)] = key
                    labels[f"{kind}|{alias}"] = (key, kind, tuple(t.text for t in make(alias)))
        for phrase in data["ignore"]:  # other entities whose names hold ours: "Taskforce VIA"
            labels[f"ignore|{phrase}"] = ("", "ignore", tuple(t.text for t in make(phrase)))
        matcher = PhraseMatcher(get_nlp().vocab, attr="LOWER")
        for label in labels:
            matcher.add(label, [make(label.split("|", 1)[1])])
        heads = sorted(map(_head, data["heads"]), key=lambda h: (h.compound, -len(h.words)))
        words = {k: frozenset(data["words"][k]) for k in data["words"]}
        patterns = {k: re.compile(data[k], re.I) for k in ("pilot_head", "status_heading")}
        cues = {
            k: re.compile("|".join(f"(?:{p})" for p in v), re.I)
            for k, v in data["status_cues"].items()
        }
        return cls(entries, names, labels, matcher, tuple(heads), words, patterns, cues)


def _head(data: dict) -> Head:
    """A head from its JSON form: {"words": [...], "type": ..., and the flags that apply}."""
    options = {k: v for k, v in data.items() if k not in ("words", "type")}
    return Head(tuple(data["words"]), EntityType(data["type"]), **options)


@cache
def load_vocabulary(path: Path = DATA) -> Vocabulary:
    """The vocabulary shipped with the package, or another file of the same shape."""
    return Vocabulary.from_data(json.loads(path.read_text(encoding="utf-8")))


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    key: str  # "" for a phrase to ignore
    type: EntityType
    name: str
    rule: str
    confidence: float
    aliases: tuple[str, ...] = ()
    period: str | None = None


def extract_programmes(ctx: LetterContext, vocab: Vocabulary | None = None) -> tuple[Mention, ...]:
    """Every pilot, programme, law and fund mention in the letter, with span and attributes."""
    vocab = vocab or load_vocabulary()
    brochure, sections = _brochure_hits(ctx, vocab)
    hits = _longest([*_vocabulary_hits(ctx.doc, vocab), *_pattern_hits(ctx.doc, vocab), *brochure])
    hits = _longest(hits + _abbreviation_hits(ctx.doc, hits))
    return tuple(_mention(ctx, vocab, hit, sections) for hit in hits if hit.key)


def _vocabulary_hits(doc: Doc, vocab: Vocabulary) -> list[_Hit]:
    hits = []
    for label, s, e in vocab.matcher(doc):
        key, kind, tokens = vocab.labels[doc.vocab.strings[label]]
        pairs = zip(tokens, (t.text for t in doc[s:e]), strict=True)
        if any(a != b for a, b in pairs if kind == "exact" or _acronym(a)):
            continue  # "VIA" is not the preposition "via", nor an "exact" name its ordinary words
        if kind == "cued" and not _CUE.search(_before(doc, s)):
            continue
        entry = vocab.entries.get(key) or Entry("", _PILOT, "")
        end, period, abbr = _extras(doc, e, entry.type, lookahead=True)
        confidence = 0.85 if kind == "cued" else 0.9 if all(map(_acronym, tokens)) else 0.95
        at, rule = (doc[s].idx, _end(doc, end)), f"vocabulary-{kind}"
        hits.append(_Hit(*at, key, entry.type, entry.name, rule, confidence, abbr, period))
    return hits


def _pattern_hits(doc: Doc, vocab: Vocabulary) -> list[_Hit]:
    hits = []
    for token in doc:
        if (head := _head_at(doc, token.i, vocab)) is None:
            continue
        start, j = token.i, token.i + len(head.words)
        span, head_text = _name_range(doc, j, head, vocab), head.alias or doc[start:j].text
        while span is not None:  # "VIA-pilots 'X' en 'Y'": a list of quoted names
            hits.append(_named(doc, vocab, head, start, head_text, span))
            k, quoted = span[1], doc[span[0]].text in _OPEN
            more = head.type is _PILOT and quoted and k < len(doc) and doc[k].lower_ in {"en", ","}
            span = _quoted(doc, k + 1) if more else None
            start, head_text = (span[0], "") if span else (start, head_text)
    return hits


_HEAD_INDEX: dict[int, tuple[dict[str, list[int]], tuple[tuple[str, int], ...]]] = {}


def _candidate_heads(vocab: Vocabulary, low: str) -> list[Head]:
    """The heads that could start at a word, in vocabulary order (a cheap pre-filter)."""
    index = _HEAD_INDEX.get(id(vocab.heads))
    if index is None:
        by_first: dict[str, list[int]] = {}
        for n, head in enumerate(vocab.heads):
            if not head.compound:
                by_first.setdefault(head.words[0], []).append(n)
        suffixes = tuple((h.words[0], n) for n, h in enumerate(vocab.heads) if h.compound)
        index = _HEAD_INDEX[id(vocab.heads)] = (by_first, suffixes)
    by_first, suffixes = index
    found = by_first.get(low, []) + [n for suffix, n in suffixes if low.endswith(suffix)]
    return [vocab.heads[n] for n in sorted(found)]


def _head_at(doc: Doc, i: int, vocab: Vocabulary) -> Head | None:
    token, low = doc[i], doc[i].lower_
    if vocab.patterns["pilot_head"].match(low):
        return Head((low,), _PILOT)
    for head in _candidate_heads(vocab, low):
        suffix = head.words[0]
        if head.compound and token.is_title and low.endswith(suffix) and len(low) > len(suffix) + 2:
            exception = low in vocab.words["compound_exceptions"]  # "Impact" is no pact
            return None if exception else replace(head, words=(low,))
        words = tuple(t.lower_ for t in doc[i : i + len(head.words)])
        if not head.compound and words == head.words and (not head.title or token.is_title):
            return head
    return None


def _quoted(doc: Doc, j: int) -> tuple[int, int] | None:
    """Tokens [j, k) of a name in quotes that opens at j, the quotes included."""
    for k in range(j + 1, min(j + 14, len(doc))) if j < len(doc) and doc[j].text in _OPEN else ():
        if doc[k].text in _CLOSE:
            return (j, k + 1) if k > j + 1 else None
        if "\n" in doc[k].text:
            break
    return None


def _name_range(doc: Doc, j: int, head: Head, vocab: Vocabulary) -> tuple[int, int] | None:
    """Tokens [j, k) of the name after a head: quoted, or words up to a verb, punctuation or
    another head; lowercase words only where the head allows them (laws, regulations, plans)."""
    if (quoted := _quoted(doc, j)) is not None:
        return quoted
    w, last, k = vocab.words, None, j
    while k < min(len(doc), j + 12):
        t, nxt = doc[k], doc[k + 1].lower_ if k + 1 < len(doc) else ""
        if t.lower_ in w["connectors"] and not t.text[0].isupper():
            if nxt in w["determiners"] and (t.lower_ == "en" or (head.lower and k - j >= 2)):
                break  # "de Wet X en de pilot Y", "de Wet X in de Eerste Kamer"
        elif not _word(t) or t.lower_ in w["stop"] or _verb(t) or _head_at(doc, k, vocab):
            break
        elif head.lower or t.text[0].isupper():
            last = k
        else:
            break
        k += 1
    law_start = head.type is _LAW and doc[j - 1].text[0].isupper()  # "Wet op het ..."
    if last is None or (doc[j].lower_ in w["connectors"] and not law_start):
        bracket = j + 2 < len(doc) and doc[j].text == "(" and _acronym(doc[j + 1].text)
        return (j, j) if head.compound or bracket else None  # "subsidieregeling (SOWIS)"
    content = [t for t in doc[j : last + 1] if t.lower_ not in w["connectors"]]
    years = last + 1 < len(doc) and _YEARS.match(doc[last + 1].text)
    if head.lower and doc[j].is_lower and doc[j - 1].is_lower and len(content) < 2 and not years:
        return None  # "het actieplan gaat", "de wet verder": too weak without more words or years
    return j, last + 1


def _named(
    doc: Doc, vocab: Vocabulary, head: Head, i: int, head_text: str, span: tuple[int, int]
) -> _Hit:
    """A head and name resolved against the vocabulary, else keyed by the slug of the name."""
    words = [t for t in doc[span[0] : span[1]] if t.text not in _QUOTES]
    entry, cut = _resolve(vocab, head_text, words, head.type)
    k = words[cut - 1].i + 1 if cut < len(words) else span[1]  # only a known start is the mention
    end, period, abbr = _extras(doc, k, head.type) if cut == len(words) else (k, None, ())
    if entry is None and not words and abbr:
        entry = vocab.entries.get(vocab.names.get(_norm(abbr[0]), ""))
    at = (doc[i].idx, _end(doc, end))
    if entry is not None:
        return _Hit(*at, entry.key, entry.type, entry.name, "pattern-known", 0.9, abbr, period)
    name = " ".join(([head_text] if head.in_name and head_text else []) + [t.text for t in words])
    name = name if words else abbr[0] if abbr else head_text
    lower = bool(words) and words[0].is_lower and doc[i].is_lower  # "het wetsvoorstel toezicht …"
    confidence = 0.8 if doc[span[0]].text in _OPEN else 0.65 if lower else 0.75
    key, rule = f"{head.type.value}:{_slug(name)}", f"pattern-{head.type.value}"
    return _Hit(*at, key, head.type, name, rule, confidence, abbr, period)


def _resolve(
    vocab: Vocabulary, head: str, words: Sequence[Token], kind: EntityType
) -> tuple[Entry | None, int]:
    """The entry the whole name, or its longest known start, names; and that start's length.
    A start of one short word ("Behoud van banen") is too generic to count."""
    for cut in range(len(words), 0 if words else -1, -1):
        prefix = cut < len(words)
        if prefix and cut == 1 and len(words[0]) < 8:
            break
        name = " ".join(t.text for t in words[:cut])
        for text in (f"{head} {name}", name):
            entry = vocab.entries.get(vocab.names.get(_norm(text), ""))
            if entry and (entry.type is kind or (not prefix and kind is not _PILOT)):
                return entry, cut
    return None, len(words)


def _extras(
    doc: Doc, k: int, kind: EntityType, lookahead: bool = False
) -> tuple[int, str | None, tuple[str, ...]]:
    """Years ("2023–2027", "(2025-2029)") and an abbreviation ("(FAS)") right after a name; with
    `lookahead` also years a few words on ("het ESF+ programma voor 2021–2027")."""
    period, abbr, n = None, (), len(doc)
    for _ in range(2):
        bracket = k + 2 < n and doc[k].text == "(" and doc[k + 2].text == ")"
        inner = doc[k + 1].text if bracket else doc[k].text if k < n else ""
        if period is None and (m := _YEARS.match(inner)):
            period, k = _period(m), k + (3 if bracket else 1)
        elif bracket and not abbr and _acronym(inner):
            abbr, k = (inner,), k + 3
        elif not bracket and kind in (_LAW, _FUND) and re.fullmatch(r"(?:19|20)\d\d", inner):
            k += 1  # "Wet inburgering 2021": the year belongs to the title
    skip = k
    while lookahead and skip < min(k + 2, n - 1) and doc[skip].lower_ in {"programma", "voor"}:
        skip += 1
    if period is None and lookahead and skip < n and (m := _YEARS.match(doc[skip].text)):
        period = _period(m)
    return k, period, abbr


def _brochure_hits(ctx: LetterContext, vocab: Vocabulary) -> tuple[list[_Hit], list[_Section]]:
    """Pilot headings and list items; per heading its section and the status stated there."""
    passages, hits, sections, listing = ctx.letter.passages, [], [], 0
    for n, p in enumerate(passages):
        if m := _HEADING.match(p.text):
            later = passages[n + 1 :]
            end = next((q.start for q in later if _HEADING.match(q.text)), ctx.letter.body_end)
            hits.append(hit := _brochure_hit(ctx, vocab, p.start, m, "pilot-heading"))
            sections.append((p.start, end, hit.key, _section_status(vocab, later, end)))
            listing = 0
        elif p.kind is BlockKind.HEADING and re.search(r"\bpilots\b", p.text, re.I):
            listing = 16  # "De acht pilots": the next passages may list them, "X – description"
        elif listing and (m := _LIST_ITEM.match(p.text)):
            hits.append(_brochure_hit(ctx, vocab, p.start, m, "pilot-list"))
        listing = max(0, listing - 1)
    return hits, sections


def _brochure_hit(
    ctx: LetterContext, vocab: Vocabulary, offset: int, m: re.Match[str], rule: str
) -> _Hit:
    start, written = offset + m.start("name"), m.group("name").rstrip()
    span = ctx.doc.char_span(start, start + len(written), alignment_mode="contract")
    words = [t for t in span or () if t.text not in _QUOTES]
    entry, cut = _resolve(vocab, "", words, _PILOT)
    if entry is None:
        name = "".join(c for c in written if c not in _QUOTES)
        key, confidence = f"pilot:{_slug(name)}", 0.8 if rule == "pilot-heading" else 0.7
        return _Hit(start, start + len(written), key, _PILOT, name, rule, confidence)
    end = _end(ctx.doc, words[cut - 1].i + 1) if cut < len(words) else start + len(written)
    return _Hit(start, end, entry.key, _PILOT, entry.name, rule, 0.9)


def _section_status(vocab: Vocabulary, later: Sequence[Passage], end: int) -> _Status | None:
    """The status in the "Stand van zaken" part of a pilot's section."""
    passages = [p for p in later if p.start < end]
    for n, p in enumerate(passages):
        if m := vocab.patterns["status_heading"].match(p.text):
            following = [q.text for q in passages[n + 1 : n + 4]]
            return _classify(vocab, "\n".join([p.text[m.end() :], *following]))
    return None


def _classify(vocab: Vocabulary, text: str) -> _Status | None:
    """The first status cue in the first sentence that has one."""
    for sentence in re.split(r"(?<=[.:;!?])\s+|\n", text.strip(" :\n")):
        for status, cue in vocab.cues.items():
            if cue.search(sentence):
                return status, sentence
    return None


def _abbreviation_hits(doc: Doc, hits: list[_Hit]) -> list[_Hit]:
    """Later uses of an abbreviation the letter defines in parentheses: "(FAS)" … "het FAS"."""
    defined: dict[str, _Hit] = {}
    for hit, abbr in ((h, a) for h in hits if h.key for a in h.aliases):
        defined.setdefault(abbr, hit)
    found = []
    for t in doc:
        hit, end = defined.get(t.text), t.idx + len(t)
        if hit and t.idx >= hit.end and all(t.idx >= h.end or end <= h.start for h in hits):
            found.append(replace(hit, start=t.idx, end=end, rule="abbreviation", confidence=0.8))
    return [replace(h, aliases=(), period=None) for h in found]


def _longest(hits: list[_Hit]) -> list[_Hit]:
    """Where hits overlap the longer (then the more confident) one stays; in text order."""
    kept: list[_Hit] = []
    for hit in sorted(hits, key=lambda h: (h.start - h.end, -h.confidence, h.start)):
        if all(hit.end <= k.start or hit.start >= k.end for k in kept):
            kept.append(hit)
    return sorted(kept, key=lambda h: (h.start, h.end))


def _mention(ctx: LetterContext, vocab: Vocabulary, hit: _Hit, sections: list[_Section]) -> Mention:
    entry, text = vocab.entries.get(hit.key), ctx.letter.text[hit.start : hit.end]
    attributes: list[tuple[str, str]] = []
    if hit.type is _PILOT and (status := _status(ctx, vocab, hit, sections)):
        attributes += [("status", status[0]), ("status_evidence", status[1])]
    if hit.period:
        attributes.append(("period", hit.period))
        periods = entry.periods if entry else ()
        editions = [label for label, a, b in periods if f"{a}–{b}" == hit.period]
        attributes += [("edition", editions[0])] if editions and len(periods) > 1 else []
    if hit.type is _LAW and text.lower().startswith("wetsvoorstel"):
        attributes.append(("stage", "wetsvoorstel"))  # a bill, not (yet) a law
    attributes += [("parent", entry.parent)] if entry and entry.parent else []
    return Mention(
        hit.key, hit.type, hit.name, text, hit.start, hit.end, hit.confidence, hit.rule,
        hit.aliases, tuple(attributes),
    )  # fmt: skip


def _status(
    ctx: LetterContext, vocab: Vocabulary, hit: _Hit, sections: list[_Section]
) -> _Status | None:
    """What the rest of the hit's sentence says, else the "Stand van zaken" of its section."""
    if not hit.rule.startswith("pilot-"):  # a brochure heading or list item is no sentence
        rest = ctx.letter.text[hit.start : ctx.sentence_at(hit.start)[1]]
        if status := _classify(vocab, rest):
            return status
    return next((s[3] for s in sections if s[2] == hit.key and s[0] <= hit.start < s[1]), None)


def _norm(text: str) -> str:
    """The look-up form of a name: lowercase words without quotes or brackets, "&" as "en"."""
    words = re.sub(r"[^\w+&\-–]+", " ", text.lower()).replace("&", " en ").split()
    return " ".join(w.strip("-–") for w in words if w.strip("-–"))


def _slug(name: str) -> str:
    """ "Fonds Armoede & Schulden" -> "fonds-armoede-en-schulden", "ESF+" -> "esf-plus"."""
    ascii_ = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9+]+", "-", _norm(ascii_)).replace("+", "-plus").strip("-")


def _acronym(text: str) -> bool:
    """ "VIA", "ESF+", "SOWIS": two capitals or more and no lowercase letter."""
    return sum(c.isupper() for c in text) >= 2 and not any(c.islower() for c in text)


def _before(doc: Doc, i: int) -> str:
    """The lowercase word before token i, skipping punctuation and quotes."""
    i -= 1
    while i >= 0 and (doc[i].is_punct or doc[i].text in _QUOTES):
        i -= 1
    return doc[i].lower_ if i >= 0 else ""


def _word(token: Token) -> bool:
    return any(c.isalpha() for c in token.text) and not any(c.isdigit() for c in token.text)


def _verb(token: Token) -> bool:
    """A conjugated verb by its lookup lemma: "geldt" -> "gelden", "wordt" -> "worden"."""
    lemma, low = token.lemma_.lower(), token.lower_
    return lemma != low and lemma.endswith("en") and len(lemma) >= len(low)


def _period(m: re.Match[str]) -> str:
    start, end = m.group(1), m.group(2)
    return f"{start}–{start[:2] + end if len(end) == 2 else end}"


def _end(doc: Doc, k: int) -> int:
    return doc[k - 1].idx + len(doc[k - 1])
