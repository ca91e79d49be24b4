"""Commitments (toezeggingen): forward-looking promises of the government in a letter's body.

Every body sentence (not headings, questions or footnotes) is tried against ordered rules; the
first that fires makes a `Commitment`:

| rule                | fires on                                                      | conf. |
|---------------------|---------------------------------------------------------------|-------|
| inform-parliament   | "informeer ik u", "Uw Kamer wordt … geïnformeerd", "stuur ik" | 0.9   |
| first-person-future | "Ik zal …", "ga ik …", "we gaan …"                             | 0.85  |
| strive              | "Ik streef ernaar …", "ben ik voornemens …"                   | 0.8   |
| government-future   | "Het kabinet zal …", "zal het ministerie van OCW …"           | 0.8   |
| passive-dated       | "De quickscan wordt medio 2024 geëvalueerd" (future period)   | 0.65  |
| present-dated       | "In 2024 start SZW …", "Voor de zomer verleng ik …"           | 0.6   |
| passive-future      | "… zullen worden opgezet" (no period needed)                  | 0.55  |
| intention           | "Ik wil …", "Het kabinet wil …" (not "Ik wil dat …")          | 0.4   |

Intentions are kept at a low confidence: the register holds promises made to parliament, and
"Ik wil daarom inzetten op …" is a policy aim rather than a deliverable; consumers filter on
confidence. A found due period adds 0.05; hedges ("naar verwachting", "zoals het er nu naar
uitziet") multiply by 0.75. Never a commitment: the letter describing itself ("In deze brief ga
ik in op …", "Hieronder geef ik …", "Ik informeer u nu …", "Eerst zal ik ingaan op …"), past
tense and other actors ("De Tweede Kamer heeft … aangenomen", "Daarna zullen ze …").

Fields: `actor` is the signatory's role for "ik"/"we" and agentless passives ("minister van
Sociale Zaken en Werkgelegenheid"), else the subject ("kabinet", "SZW", the "door …" agent);
`action` is an infinitive phrase (the clause without subject, auxiliaries, recipient, periods,
parentheticals and "zodat …" clauses); `due` is the first period of the anchor's clause that does
not end before the letter's date (a yearless one that does is moved to the next year).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from spacy.lang.nl.stop_words import STOP_WORDS

from ingest.models import BlockKind, Commitment, CommitmentStatus, PeriodMention
from ingest.nlp import LetterContext
from ingest.periods import find_periods, parse_period

WE = r"(?:ik|wij|we)"
KAMER = r"(?:u|uw kamer|de kamer)"
MINISTRIES = r"SZW|OCW|BZK|VWS|EZK|EZ|KGG|LNV|IenW|JenV|J&V|BZ|AZ|VRO|Financiën|Defensie"
GOV = (
    r"(?:het kabinet|dit kabinet|de regering"
    r"|het ministerie van (?-i:[A-Z][\w&-]*)(?: (?:en|van|voor) (?-i:[A-Z][\w&-]*))*"
    rf"|(?-i:{MINISTRIES}))"
)
WILL = r"(?:zal|zullen|ga|gaan)"
PARTICIPLE = r"(?:geïnformeerd|geinformeerd|ingelicht|op de hoogte (?:gebracht|gesteld))"


@dataclass(frozen=True)
class Rule:
    """One commitment pattern; `verb` is the infinitive when the anchor holds the main verb."""

    name: str
    pattern: re.Pattern[str]
    confidence: float
    verb: str | None = None
    needs_future: bool = False  # fires only with a period after the letter's date
    passive: bool = False


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


def _rule(name: str, rx: str, conf: float, verb: str | None = None, **kw: bool) -> Rule:
    return Rule(name, _rx(rx), conf, verb, **kw)


RULES: tuple[Rule, ...] = (
    _rule("inform-parliament", rf"\binformeer {WE} {KAMER}\b|\b{WE} informeer {KAMER}\b", 0.9,
          "informeren"),
    _rule("inform-parliament", rf"\b{KAMER} (?:wordt|zal worden)\b(?=.*\b{PARTICIPLE})", 0.9,
          passive=True),
    _rule("inform-parliament", rf"\b(?:stuur|zend) {WE}\b|\b{WE} (?:stuur|zend)\b", 0.9, "sturen"),
    _rule("inform-parliament", rf"\bontvangt {KAMER}\b|\b{KAMER} ontvangt\b", 0.9, "sturen"),
    _rule("inform-parliament", rf"\b(?:kom {WE}|{WE} kom)\b(?=.*\bterug\b)", 0.9, "terugkomen"),
    _rule("first-person-future", rf"\b{WE} {WILL}\b|\b{WILL} {WE}\b", 0.85),
    _rule("strive", rf"\b(?:{WE} (?:streef|streven)|(?:streef|streven) {WE}|{GOV} streeft"
          rf"|streeft {GOV})\b(?: er ?naar)?|\b(?:ben {WE}|{WE} ben) (?:voornemens|van plan)\b",
          0.8),
    _rule("government-future", rf"\b{GOV} (?:{WILL}|gaat)\b|\b(?:{WILL}|gaat) {GOV}", 0.8),
    _rule("passive-dated", r"\b(?:wordt|worden)\b", 0.65, needs_future=True, passive=True),
    _rule("present-dated", rf"\b(?:{WE}|{GOV}) (?P<v>\w+)\b|\b(?P<w>\w+) (?:{WE}|{GOV})(?!\w)",
          0.6, needs_future=True),
    _rule("passive-future", r"\b(?:zal|zullen)\b(?=.*\bworden\b)", 0.55, passive=True),
    _rule("intention", rf"\b{WE} (?:wil|willen)\b(?! dat\b)|\b(?:wil|willen) {WE}\b(?! dat\b)"
          rf"|\b{GOV} wil\b|\bwil {GOV}", 0.4),
)  # fmt: skip

# fmt: off
# The letter speaking about itself, never a promise.
SELF = _rx(r"\b(?:(?:in|met|bij) deze \w*brief|hieronder|hierna|hierbij|bijgaand\w*|in de "
           r"bijlage|als bijlage|in het vervolg van|in de volgende (?:paragraaf|alinea))\b")
# Discourse verbs ("Eerst zal ik ingaan op …"): the letter's own content unless a period is named.
DISCOURSE = _rx(r"\bga(?:an)?\b(?:\s+\S+){0,8}?\s+in op\b|\bin(?:gaan|gegaan) op\b"
                r"|\bzeggen over\b|\bschets\w*|\bbeschrijv?\w*|\btoelichten\b|\bstil(?:staan"
                r"|gestaan)\b|\bbenadruk\w*|\bopmerken\b|\bnoemen\b|\bwijzen op\b|\bverwijz?\w*")
NOT_PROMISE = _rx(r"\ber ?van ?uit\b|\bakkoord\b")  # "Ik ga ervan uit dat …"
NOW = _rx(r"\bnu\b")
ARTICLE = _rx(r"^(?:het|de|dit)\s+")
HEDGE = _rx(r"\bnaar verwachting\b|\bzoals het er nu naar uitziet\b|\bwaarschijnlijk\b"
            r"|\bverwacht\b|\bhoop\b")
SUBORDINATE = _rx(r"\b(?:dat|of|als|indien|wanneer|hoewel|omdat)\b")
AGENT = _rx(rf"\bdoor ((?:{GOV}|mij|ons)(?:\s+en\s+(?:{GOV}))*)")
OTHER_AGENT = _rx(r"\bdoor (?:de|het|een)?\s*(?-i:[A-Z])")
# ge-participles, and those of be-/ver-/ont-/her- verbs
PARTICIPLES = _rx(r"\b(?:\w*ge\w+[dt]|\w*ge\w+en|(?:be|ver|ont|her)\w+[dt])\b")
# Words next to a subject that are no promising verb: stopwords (auxiliaries, modals,
# pronouns) and verbs of opinion.
NOT_VERBS = STOP_WORDS | set(
    "willen vind vinden denk hoop hopen zie zien weet weten".split())
# fmt: on


def extract_commitments(ctx: LetterContext) -> tuple[Commitment, ...]:
    """Forward-looking promises of the government in the letter body, in text order."""
    ref, body_end = ctx.letter.metadata.date.value, ctx.letter.body_end
    found = (
        _commitment(ctx, start, end, ref) for start, end in ctx.sentences
        if end <= body_end and _running_text(ctx, start)
    )  # fmt: skip
    return tuple(c for c in found if c is not None)


def _running_text(ctx: LetterContext, offset: int) -> bool:
    """Paragraphs and list items; a heading names a topic, it promises nothing."""
    passage = ctx.passage_at(offset)
    return passage is not None and passage.kind != BlockKind.HEADING


def _commitment(ctx: LetterContext, start: int, end: int, ref: dt.date | None) -> Commitment | None:
    """The commitment one sentence makes, if any."""
    text = ctx.letter.text[start:end]
    if text.rstrip().endswith("?") or SELF.search(text) or NOT_PROMISE.search(text):
        return None
    found = [_forward(m, ref) for m in find_periods(ctx.letter.text, ref, start, end)]
    periods = [
        (m.start - start, m.end - start, m) for m in found if _may_be_due(text, start, m, ref)
    ]
    if not periods and DISCOURSE.search(text):
        return None
    hit = _match(text, periods, ref)
    if hit is None:
        return None
    rule, anchor, due = hit
    drop = [(s, e) for s, e, _ in periods]
    action = _action(ctx, start, text, anchor, rule, drop)
    if not action:  # "… wat wil ik." promises nothing
        return None
    confidence = (rule.confidence + (0.05 if due else 0.0)) * (0.75 if HEDGE.search(text) else 1)
    actor = _actor(rule, anchor, text, ctx.letter.metadata.role)
    period = due.period if due else None
    return Commitment(
        text, actor, action, due and due.text, period and period.label, period and period.start,
        period and period.end, CommitmentStatus.OPENSTAAND, start, end,
        round(min(confidence, 0.95), 2), rule.name,
    )  # fmt: skip


def _may_be_due(text: str, start: int, m: PeriodMention, ref: dt.date | None) -> bool:
    """Not before the letter, and not a name's own span ("Werkagenda VIA (2025-2029)")."""
    s, e = m.start - start, m.end - start
    named = text[s - 1 : s] == "(" and text[e : e + 1] == ")"
    return not named and (ref is None or m.period.end >= ref)


def _forward(mention: PeriodMention, ref: dt.date | None) -> PeriodMention:
    """A yearless expression resolved into the past means its next occurrence: a promise is
    never due before it is made ("in het eerste kwartaal" written in July means next year's)."""
    if ref is None or mention.period.end >= ref or re.search(r"\d{4}", mention.text):
        return mention
    later = parse_period(mention.text, ref + dt.timedelta(days=365))
    return replace(mention, period=later, relative=True) if later else mention


Due = tuple[int, int, PeriodMention]  # span in the sentence and the mention


def _match(
    text: str, periods: list[Due], ref: dt.date | None
) -> tuple[Rule, re.Match[str], PeriodMention | None] | None:
    """The first rule that fires on the sentence, with its anchor and due period."""
    for rule in RULES:
        for anchor in rule.pattern.finditer(text):
            due = _due(text, anchor, periods)
            if rule.needs_future and (due is None or ref is None or not _is_future(due, ref)):
                continue
            if _accepts(rule, anchor, text):
                return rule, anchor, due
    return None


def _due(text: str, anchor: re.Match[str], periods: list[Due]) -> PeriodMention | None:
    """The first period of the anchor's clause: before a "zodat …"/"om … te" clause that follows."""
    cut = SUBCLAUSE.search(text, anchor.end())
    limit = cut.start() if cut else len(text)
    return next((m for s, _, m in periods if s < limit), None)


def _is_future(due: PeriodMention, ref: dt.date) -> bool:
    """Wholly after the letter, or a deadline ("voor de zomer") still ahead of it."""
    return due.period.start > ref or (due.period.label.startswith("..") and due.period.end > ref)


def _accepts(rule: Rule, anchor: re.Match[str], text: str) -> bool:
    """Rule-specific vetoes: reported clauses, other agents, non-verbs, "Ik informeer u nu"."""
    if rule.name == "inform-parliament" and NOW.search(text):
        return False
    if rule.name in ("passive-dated", "passive-future"):
        before = text[: anchor.start()]
        if SUBORDINATE.search(before) or (OTHER_AGENT.search(text) and not AGENT.search(text)):
            return False
        return rule.name == "passive-future" or bool(PARTICIPLES.search(text, anchor.end()))
    if rule.name == "present-dated":
        verb = (anchor.group("v") or anchor.group("w") or "").lower()
        reported = re.match(r"\s+(?:dat|of)\b", text[anchor.end() :])  # "Ik verwacht dat …"
        return verb.isalpha() and verb not in NOT_VERBS and not reported
    return True


def _actor(rule: Rule, anchor: re.Match[str], text: str, role: str | None) -> str:
    """Who promises: the signatory for "ik"/"we" and passives, else the subject as written."""
    signatory = _lower_first(role) if role else "minister"
    if rule.passive:
        agent = AGENT.search(text)
        if agent and not re.fullmatch(r"mij|ons", agent.group(1), re.I):
            return ARTICLE.sub("", agent.group(1))
        return signatory
    gov = re.search(GOV, anchor.group(), re.I)
    return ARTICLE.sub("", gov.group()) if gov else signatory  # "ministerie van OCW"


def _lower_first(words: str) -> str:
    return words[:1].lower() + words[1:] if words[1:2].islower() else words


# --- the action: a short infinitive phrase of what is promised ---------------------------------

# fmt: off
# A fronted clause that only frames the promise ("Zoals verzocht in de motie …, zal ik").
OPENER = _rx(r"^\s*(?:zoals|in navolging van|naar aanleiding van|als|nu|omdat|hoewel|gelet op"
             r"|op basis van|in het kader van|mede|om|in afwachting van|met het oog op)\b"
             r"|\b(?:die|dat|wat)\b")
FILLERS = frozenset("apart nader vervolgens graag ook wel daarom ernaar er eerst later tevens "
                    "bovendien daarnaast verder voorts daarbij hiervoor daartoe".split())
# A fronted part holding its own finite verb is a clause of its own ("De training is … en zal").
FINITE = _rx(r"\b(?:is|zijn|wordt|worden|heeft|hebben|was|waren|kan|kunnen)\b")
GAAN_IDIOM = _rx(r"\b(?:gesprek|overleg|slag|zoek|bezoek|pad)\W*$")  # "in gesprek gaan"
AUXILIARIES = frozenset("wordt worden zal zullen".split())
SUBCLAUSE = _rx(r"(?:,\s*|\s+)(?:zodat|omdat|waarbij|waardoor|opdat|teneinde)\b"
                r"|\s+om\s+(?:\S+\s+){0,5}te\s|,\s*(?:om|waarmee|waarin|die|dat|wat|maar)\b")
PARENTHETICAL = re.compile(r"\([^)]*\)|\s[–—-]\s[^–—]*?\s[–—-](?=\s)")
CLEFT = _rx(r"^\s*\w+,\s+(?:is|zijn)\s+")  # "(die ik ga) doen, is onderzoeken …"
RECIPIENT = _rx(r"^\s*(?:u|uw kamer|de kamer)\b")
PUNCTUATION = ".,;:!?()«»\"'“”‘’"
# fmt: on


def _action(ctx: LetterContext, start: int, text: str, anchor: re.Match[str], rule: Rule,
            drop: list[tuple[int, int]]) -> str:  # fmt: skip
    """The promise as an infinitive phrase: "informeren over de voortgang van …"."""
    for s, e in drop:  # the periods are fields of their own
        text = text[:s] + " " * (e - s) + text[e:]
    if rule.passive and (agent := AGENT.search(text)):  # the agent is the actor
        text = text[: agent.start()] + " " * (agent.end() - agent.start()) + text[agent.end() :]
    span = ctx.doc.char_span(start, start + len(text), alignment_mode="expand")
    lemmas = {t.text: t.lemma_ for t in span} if span is not None else {}
    fronted = _fronted(PARENTHETICAL.sub(" ", text[: anchor.start()]))
    rest = PARENTHETICAL.sub(" ", text[anchor.end() :])
    rest = RECIPIENT.sub("", CLEFT.sub("", SUBCLAUSE.split(rest, maxsplit=1)[0]))
    words = [w for w in f"{fronted} {rest}".split() if _core(w).lower() not in FILLERS]
    if rule.passive:
        words = [_infinitive(w, lemmas) for w in words if _core(w).lower() not in AUXILIARIES]
    if rule.verb == "terugkomen":
        words = [w for w in words if _core(w).lower() != "terug"]
    if re.search(r"\bga(?:an)?\b", anchor.group(), re.I) and GAAN_IDIOM.search(" ".join(words)):
        words.append("gaan")  # "ga ik … in gesprek" -> "… in gesprek gaan"
    verb = rule.verb or _finite_verb(anchor, lemmas)
    phrase = " ".join(([verb] if verb and words else []) + _drop_te(words))
    return _lower_first(re.sub(r"\s+([,.;:])", r"\1", phrase).strip(" ,.;:"))


def _fronted(fronted: str) -> str:
    """What stands before the anchor, kept when part of the promise ("Over de voortgang …")."""
    if OPENER.search(fronted) or FINITE.search(fronted):
        return ""
    words = fronted.split()
    while words and _core(words[0]).lower() in FILLERS:
        words = words[1:]
    content = [w for w in words if len(_core(w)) >= 4 or _core(w).isupper()]
    return _lower_first(" ".join(words)) if content else ""


def _finite_verb(anchor: re.Match[str], lemmas: dict[str, str]) -> str | None:
    """The main verb of a present-tense anchor as an infinitive ("verleng" -> "verlengen")."""
    groups = anchor.groupdict()
    verb = groups.get("v") or groups.get("w")
    if not verb:
        return None
    lemma = lemmas.get(verb, verb).lower()
    return lemma if lemma.endswith("en") else verb.lower()


def _infinitive(word: str, lemmas: dict[str, str]) -> str:
    """A past participle as its infinitive ("geëvalueerd" -> "evalueren"), lemma permitting."""
    core = _core(word)
    lemma = lemmas.get(core, core)
    participle = "ge" in core.lower() and not core.lower().endswith(("den", "ten", "nen"))
    known = participle and lemma != core and lemma.endswith("en")
    return word.replace(core, lemma) if known else word


def _core(word: str) -> str:
    """The word without surrounding punctuation."""
    return word.strip(PUNCTUATION)


def _drop_te(words: list[str]) -> list[str]:
    """A final "… met uw Kamer te delen" -> "… met uw Kamer delen"."""
    if len(words) >= 2 and words[-2] == "te" and _core(words[-1]).endswith("en"):
        return words[:-2] + words[-1:]
    return words
