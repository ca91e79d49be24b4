"""Quantitative claims in a letter, each traced to its source.

A grammar of number shapes finds percentages ("9,6 procent", "14%-15%"), percentage points,
ratios ("twee keer zo vaak", "4x zo vaak", "tweemaal vaker"), fractions ("1 op de 5", "de
helft"), euro amounts ("€ 32 miljoen", "16,56€") and counts ("bijna 700 bedrijven", "357 keer").
Decisions: `number` is the value as stated (a qualifier such as "bijna" stays in `value` only); a
range ("14%-15%", "twee tot drie keer") is one claim whose number is the midpoint; a fraction
has unit "fractie" and a number in 0..1 ("een kwart" = 0.25, "1 op de 5" = 0.2); euro amounts
are in euros ("€ 32 miljoen" = 32e6). Counts need digits ("22 organisaties"; "drie thema's" is
not a claim). Durations ("15 maanden"), dates, years, identifiers, page, list and dossier numbers,
ordinals ("2e generatie") and thresholds ("werkgevers vanaf 250 medewerkers": a scope, not a
claim) are not statistics.

The source, by the first rule that finds one: inside a footnote, the footnote's "Bron:" part (or
an inline source); a footnote whose marker stands in the sentence (the nearest marker after the
figure); a "Bron: …" line after the figure (brochures); an inline source ("volgens het CBS");
for percentages, points, ratios and fractions, the footnote on a later sentence of the same
paragraph that holds figures too (lower confidence); for those units too, the footnote or inline
source of the nearest earlier sentence of the same paragraph that has one ("Het Trimbos-instituut
heeft de pilot geëvalueerd.² Op de scholen daalde … van 19 procent naar 11 procent."): 0.6 for
the sentence right before, 0.5 further back. `footnote` is the number of the footnote
that gives the source or holds the figure. Measure, population and period are best effort.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.models import Footnote, Statistic
from ingest.nlp import LetterContext
from ingest.sources import SourceRef, find_bron, find_inline_source, normalise_source

NUM = r"(?!0\d)(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)"
WORDS = {"een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7,
         "acht": 8, "negen": 9, "tien": 10, "twintig": 20, "honderd": 100, "anderhalf": 1.5,
         "anderhalve": 1.5}  # fmt: skip
WORD = "(?i:" + "|".join(sorted(WORDS, key=len, reverse=True)) + ")"
FRACTIONS = {"helft": 0.5, "kwart": 0.25, "derde": 1 / 3, "vijfde": 0.2, "tiende": 0.1}
SCALES = {"miljoen": 1e6, "mln": 1e6, "miljard": 1e9, "mld": 1e9, "duizend": 1e3}
# Parts of the grammar: an approximation qualifier, the left edge of a number, a range, a scale.
LEFT = r"(?<![\w.,/\-–€])"
Q = LEFT + (
    r"(?:(?i:bijna|ruim|ongeveer|circa|ca\.|rond(?:\s+de)?|zo['’]n|meer\s+dan|minder\s+dan"
    r"|maximaal|minimaal|ten\s+minste|naar\s+schatting)\s+)?"
)
A, B = rf"(?P<a>{NUM})", rf"(?:\s*(?:-|–|tot|à)\s*(?P<b>{NUM}))?"
B_PCT = rf"(?:\s*%?\s*(?:-|–|tot|à)\s*(?P<b>{NUM}))?"  # "14%-15%", "14 tot 15 procent"
SCALE = r"(?:\s*(?P<scale>miljoen|miljard|duizend|mln\.?|mld\.?)(?!\w))?"
MORE = r"\s+(?:zo(?:veel)?\s+\w+|vaker|meer|minder|groter|hoger|kleiner|lager|sneller|langer)\b"
NOUN = r"(?P<noun>\([\w-]+\)[\w-]+|[a-zà-ÿ][\w’'-]*)(?:\s+(?P<noun2>[a-zà-ÿ][\w-]*))?"
_PATTERNS = tuple(
    (rule, unit, re.compile(rx))
    for rule, unit, rx in (
        ("percentage", "%", rf"{Q}{A}{B_PCT}\s*(?:%|procent\b)"),
        ("procentpunt", "procentpunt", rf"{Q}{A}{B}\s*(?:procentpunt(?:en)?|%-punt(?:en)?)\b"),
        ("versus", "", rf"{Q}{A}(?=\s+(?:versus|vs\.?|tegenover)\s+{NUM}\s*"
                       r"(?P<u>%|procentpunt|procent|euro))"),
        ("ratio", "keer", rf"{Q}(?P<a>{NUM}|{WORD})(?:\s*(?:-|–|tot)\s*(?P<b>{NUM}|{WORD}))?"
                          rf"\s*(?:keer|maal|x|×){MORE}"),
        ("ratio", "keer", rf"{Q}(?P<a>(?i:twee|drie|vier|vijf|tien))maal{MORE}"),
        ("fraction", "fractie", rf"{Q}(?P<a>{NUM}|(?i:één|een))\s+op\s+(?:de\s+|het\s+|elke\s+)?"
                                rf"(?P<b>{NUM}|{WORD})\b"),
        ("fraction", "fractie", rf"{Q}(?:(?i:de|een)\s+|(?P<a>(?i:twee|drie|vier))\s*)(?P<f>helft"
                                r"|kwart|(?:derde|vijfde|tiende)(?=n?\s+(?:van|deel)\b))n?\b"),
        ("euro", "euro", rf"{Q}(?:€|EUR\b)\s*{A}{SCALE}"),
        ("euro", "euro", rf"{Q}{A}{B}{SCALE}\s*(?:euro\b|€)"),
        ("count", "aantal", rf"{Q}{A}{B}{SCALE}\s+{NOUN}"),
        ("percentage-word", "%", rf"{LEFT}(?P<a>\d+,\d+)(?![\w%])(?!\s*(?:%|procent|euro|€))"),
    )
)  # fmt: skip
_NOT_COUNTED = frozenset(
    "is zijn was waren wordt worden en of tot van in op aan bij voor na met om te dat die het de"
    " uit naar door over onder tussen per sinds vanaf tegen zonder binnen buiten tijdens via"
    " werd werden zal zullen kan kunnen moet moeten heeft hebben had hadden gaat gaan staat staan"
    " zit zitten komt komen"
    " een jaar jaren jarige maand maanden week weken dag dagen uur uren minuten seconden eeuw"
    " kwartaal procent procentpunt procentpunten euro x e.v versus vs tegenover januari februari"
    " maart april mei juni juli augustus september oktober november december".split()
)
_ID_BEFORE = re.compile(  # "nr. 37766481", "blz. 14", "Thema 1", "vanaf 250 medewerkers"
    r"\b(?:nr|nrs|nummer|blz|p|pag|pagina|artikel|art|lid|hoofdstuk|paragraaf|thema|pijler|fase"
    r"|bijlage|stap|versie|editie|ronde|tel|telefoon|vanaf|kamerstuk|dossier|groep|klas|niveau"
    r"|motie|amendement|resolutie|richtlijn|zaak|tabel|figuur|onderdeel|categorie|week)\.?:?\s*$",
    re.I,
)
_URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+\.(?:nl|com|org|eu|net)(?:/\S*)?", re.I)
_STATISTICAL = frozenset({"%", "procentpunt", "keer", "fractie"})  # not amounts and counts
_RULE_CONFIDENCE = {"percentage": 0.95, "procentpunt": 0.95, "euro": 0.95, "ratio": 0.9,
                    "fraction": 0.85, "versus": 0.8, "count": 0.75,
                    "percentage-word": 0.6}  # fmt: skip


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    number: float
    unit: str
    rule: str


@dataclass(frozen=True)
class _Source:
    text: str | None = None
    via: str | None = None
    footnote: int | None = None
    ref: SourceRef | None = None
    confidence: float = 0.0
    rule: str = "none"
    quote_end: int | None = None  # a "Bron:" line that belongs to the quoted block


def extract_statistics(ctx: LetterContext) -> tuple[Statistic, ...]:
    """Every quantitative claim in a letter (body and footnotes), with its source."""
    hits = _hits(ctx)
    return tuple(_statistic(ctx, hit, hits) for hit in hits)


def _hits(ctx: LetterContext) -> list[_Hit]:
    """All number shapes in passages and footnote texts (not the footnote numbers), without
    references and URLs; of overlapping ones the longest (then the first rule) wins."""
    text, letter = ctx.letter.text, ctx.letter
    blocked = [(r.start, r.end) for r in letter.references]
    blocked += [m.span() for m in _URL.finditer(text)]
    inside = [(p.start, p.end) for p in letter.passages] + [
        (n.start, n.end) for n in letter.footnotes
    ]
    found = []
    for order, (rule, unit, pattern) in enumerate(_PATTERNS):
        for match in pattern.finditer(text):
            hit = _hit(ctx, match, rule, unit)
            if (
                hit
                and not any(s < hit.end and hit.start < e for s, e in blocked)
                and any(s <= hit.start and hit.end <= e for s, e in inside)
            ):
                found.append((hit.start, hit.start - hit.end, order, hit))
    kept: list[_Hit] = []
    for *_, hit in sorted(found, key=lambda f: f[:3]):
        if all(hit.end <= k.start or hit.start >= k.end for k in kept):
            kept.append(hit)
    return kept


def _hit(ctx: LetterContext, match: re.Match[str], rule: str, unit: str) -> _Hit | None:
    """A match as a hit, or None where it is an identifier, date, duration or year."""
    groups, end = match.groupdict(), match.end()
    if rule == "count":
        end = _count_end(match)
        if end is None or any(_is_year(groups[g]) for g in ("a", "b")):
            return None
    before = ctx.letter.text[max(0, match.start() - 20) : match.start()]
    if rule in ("count", "percentage-word") and _ID_BEFORE.search(before):
        return None
    if rule == "percentage-word" and "percentage" not in ctx.sentence_text(match.start()).lower():
        return None  # a bare "9,6" is a percentage only in a sentence about a percentage
    if rule == "versus":
        unit = {"procentpunt": "procentpunt", "euro": "euro"}.get(groups["u"], "%")
    number = _number(rule, groups)
    return None if number is None else _Hit(match.start(), end, number, unit, rule)


def _count_end(match: re.Match[str]) -> int | None:
    """Where a count's value ends: after its noun (and the noun after an adjective)."""
    noun, noun2 = match.group("noun"), match.group("noun2")
    if noun.lower() in _NOT_COUNTED or len(noun) < 3:  # "31840 z.s.m." is no count
        return None
    if noun2 and noun.endswith("e") and noun2 not in _NOT_COUNTED:
        return match.end("noun2")  # "20 verschillende partijen"
    return match.end("noun")


def _is_year(token: str | None) -> bool:
    return bool(token and re.fullmatch(r"(?:19|20)\d\d", token))


def _value(token: str) -> float:
    """'9,6' → 9.6, '800.000' → 800000, 'twee' → 2, 'anderhalf' → 1.5."""
    if token.lower() in WORDS:
        return float(WORDS[token.lower()])
    return float(token.replace(".", "").replace(",", "."))


def _number(rule: str, groups: dict[str, str | None]) -> float | None:
    """The stated number: a range's midpoint, a fraction's value, an amount times its scale."""
    a, b, fraction = groups.get("a"), groups.get("b"), groups.get("f")
    if fraction:
        return FRACTIONS[fraction] * (_value(a) if a else 1.0)
    if a is None:
        return None
    value = _value(a)
    if rule == "fraction":
        denominator = _value(b or "1")
        return value / denominator if denominator > value else None  # not "één op één"
    scale = SCALES.get((groups.get("scale") or "").rstrip("."), 1.0)
    return (value if b is None else (value + _value(b)) / 2) * scale


def _statistic(ctx: LetterContext, hit: _Hit, hits: list[_Hit]) -> Statistic:
    """A hit with its quote, context and source."""
    text = ctx.letter.text
    start, end = _sentence(ctx, hit.start)
    source = _source(ctx, hit, (start, end), hits)
    heading = _heading(ctx, start) if source.rule == "bron-line" else None
    ref = source.ref
    return Statistic(
        quote=text[heading[0] if heading else start : max(end, source.quote_end or end)],
        value=text[hit.start : hit.end],
        number=round(hit.number, 6),
        unit=hit.unit,
        measure=text[heading[0] : heading[1]] if heading else _measure(text, hit, start, end),
        population=_population(text, hit, start, end),
        period=_period(text, hit.start, start, end),
        source=source.text,
        source_via=source.via,
        footnote=source.footnote,
        publication=ref.publication if ref else None,
        publisher=ref.publisher if ref else None,
        start=hit.start,
        end=hit.end,
        confidence=round(_confidence(hit, source), 2),
        rule=f"{hit.rule}+{source.rule}",
    )


def _sentence(ctx: LetterContext, offset: int) -> tuple[int, int]:
    """The sentence, joined across PDF line breaks that cut it ("…Den Haag" / "heeft een …")."""
    text, limit = ctx.letter.text, ctx.letter.body_end
    start, end = ctx.sentence_at(offset)
    while 0 < start < limit and text[start].islower():
        before = ctx.sentence_at(start - 2)
        if before[1] > start or text[before[1] - 1] in ".!?:;" or before == (start, end):
            break
        start = before[0]
    while end < limit and text[end - 1] not in ".!?:;":
        nxt = end + len(text[end:]) - len(text[end:].lstrip())
        if nxt >= limit or not text[nxt].islower():
            break
        end = ctx.sentence_at(nxt)[1]
    return start, end


def _source(ctx: LetterContext, hit: _Hit, sentence: tuple[int, int], hits: list[_Hit]) -> _Source:
    """Where the figure comes from, by the first rule that finds a source."""
    note = ctx.footnote_at(hit.start)
    if note is not None:
        return _own_footnote(ctx, note.number, (note.start, note.end), sentence)
    return (
        _marker(ctx, hit, sentence)
        or _bron_line(ctx, hit)
        or _inline(ctx, sentence)
        or _later_footnote(ctx, hit, sentence, hits)
        or _earlier_source(ctx, hit, sentence, hits)
        or _Source()
    )


def _own_footnote(
    ctx: LetterContext, number: int, span: tuple[int, int], sentence: tuple[int, int]
) -> _Source:
    """A figure inside a footnote: the footnote's "Bron:" part, else an inline source."""
    text = ctx.letter.text
    bron = find_bron(text, *span)
    if bron is not None:
        adjacent = re.fullmatch(r"[\s.,;]*[Bb]ron(?:nen)?\s*:?\s*", text[sentence[1] : bron[0]])
        named = text[bron[0] : bron[1]]
        quote_end = bron[1] if adjacent else None
        return _Source(
            named, "bron", number, normalise_source(named), 0.9, "footnote-bron", quote_end
        )
    inline = _inline(ctx, sentence)
    if inline is None:
        return _Source(footnote=number)
    return _Source(inline.text, "inline", number, inline.ref, inline.confidence, inline.rule)


def _marker(ctx: LetterContext, hit: _Hit, sentence: tuple[int, int]) -> _Source | None:
    """The footnote whose marker follows the figure in its sentence (else the last before)."""
    notes = ctx.footnotes_in(*sentence)
    if not notes:
        return None
    after = [n for n in notes if (n.marker_offset or 0) >= hit.end]
    note = min(after, key=_marker_at) if after else max(notes, key=_marker_at)
    source = _footnote_source(ctx, note.number, "footnote", 0.9)
    return (_inline(ctx, sentence) or source) if source.ref is None else source


def _marker_at(note: Footnote) -> int:
    return note.marker_offset or 0


def _footnote_source(ctx: LetterContext, number: int, rule: str, confidence: float) -> _Source:
    """A footnote as source ("Zie voetnoot 28" is followed); its "Bron:" part is normalised."""
    notes = {n.number: n for n in ctx.letter.footnotes}
    note = notes[number]
    see = re.fullmatch(r"\s*Zie\s+(?:ook\s+)?voetnoot\s+(\d+)\.?\s*", note.text)
    if see and int(see.group(1)) in notes:
        note = notes[int(see.group(1))]
    bron = find_bron(ctx.letter.text, note.start, note.end)
    named = ctx.letter.text[bron[0] : bron[1]] if bron else note.text
    return _Source(note.text, "footnote", note.number, normalise_source(named), confidence, rule)


def _bron_line(ctx: LetterContext, hit: _Hit) -> _Source | None:
    """A "Bron: …" after the figure in its passage or in the next lines of its block."""
    passages, text = ctx.letter.passages, ctx.letter.text
    passage = ctx.passage_at(hit.start)
    if passage is None:
        return None
    bron = find_bron(text, hit.end, passage.end)
    index = passages.index(passage)
    for nxt in passages[index + 1 : index + 3]:
        if bron is not None or not (text[nxt.start].islower() or nxt.text.startswith("Bron")):
            break
        bron = find_bron(text, nxt.start, nxt.end)
    if bron is None:
        return None
    named = text[bron[0] : bron[1]]
    return _Source(named, "bron", None, normalise_source(named), 0.85, "bron-line", bron[1])


def _inline(ctx: LetterContext, sentence: tuple[int, int]) -> _Source | None:
    span = find_inline_source(ctx.letter.text, *sentence)
    if span is None:
        return None
    named = ctx.letter.text[span[0] : span[1]]
    return _Source(named, "inline", None, normalise_source(named), 0.75, "inline")


def _later_footnote(
    ctx: LetterContext, hit: _Hit, sentence: tuple[int, int], hits: list[_Hit]
) -> _Source | None:
    """The footnote on a later sentence of the paragraph that holds figures too: the paragraph's
    source ("de meeste werkgevers (74%) … Tegelijkertijd zien we dat 70% …⁷")."""
    passage = ctx.passage_at(sentence[0])
    if passage is None or hit.unit not in _STATISTICAL:
        return None
    for start, end in ctx.sentences:
        notes = ctx.footnotes_in(start, end) if sentence[1] <= start < passage.end else []
        if not notes:
            continue
        figures = [h.start for h in hits if start <= h.start < end]
        if not figures:
            return None
        note = min([n for n in notes if _marker_at(n) >= figures[0]] or notes, key=_marker_at)
        return _footnote_source(ctx, note.number, "footnote-paragraph", 0.6)
    return None


def _earlier_source(
    ctx: LetterContext, hit: _Hit, sentence: tuple[int, int], hits: list[_Hit]
) -> _Source | None:
    """The source named by the nearest earlier sentence of the paragraph that holds no figures:
    a figure after "X heeft de pilot geëvalueerd.²" reports that evaluation. An earlier sentence
    with figures and a source of its own ends the search: that source is its figures'."""
    passage = ctx.passage_at(sentence[0])
    if passage is None or hit.unit not in _STATISTICAL:
        return None
    earlier = [s for s in ctx.sentences if passage.start <= s[0] and s[1] <= sentence[0]]
    for distance, (start, end) in enumerate(reversed(earlier)):
        notes = ctx.footnotes_in(start, end)
        inline = None if notes else _inline(ctx, (start, end))
        if not notes and inline is None:
            continue
        if any(start <= h.start < end for h in hits):
            return None
        near = distance == 0
        confidence, rule = (0.6, "previous-sentence") if near else (0.5, "earlier-sentence")
        if notes:
            note = max(notes, key=_marker_at)
            return _footnote_source(ctx, note.number, f"footnote-{rule}", confidence)
        if inline is not None:
            return _Source(inline.text, "inline", None, inline.ref, confidence - 0.05,
                           f"inline-{rule}")  # fmt: skip
    return None


def _heading(ctx: LetterContext, start: int) -> tuple[int, int] | None:
    """The short heading above an infographic block ("Baan kwijtraken") the figure opens."""
    passages = ctx.letter.passages
    passage = ctx.passage_at(start)
    if passage is None or passage.start != start or passages.index(passage) == 0:
        return None
    before = passages[passages.index(passage) - 1]
    if before.kind != "heading" or len(before.text) > 50 or re.search(r"\d", before.text):
        return None
    return before.start, before.end


def _confidence(hit: _Hit, source: _Source) -> float:
    """The figure's own confidence, lowered by a weak source (guessed rule, unknown publisher)."""
    base = _RULE_CONFIDENCE[hit.rule]
    if source.via is None:
        return base
    publisher = source.ref.confidence if source.ref else 0.6
    return base * min(1.0, source.confidence + 0.1) * (0.5 + 0.5 * publisher)


# --- what is measured, among whom, when (best effort, from the sentence) ---------------------

_HEADS = (
    r"[\w'’-]*(?:mensen|personen|burgers|nederlanders|jongeren|studenten|afgestudeerden|werknemers"
    r"|werkgevers|werkzoekenden|werklozen|statushouders|nieuwkomers|vluchtelingen|asielzoekers"
    r"|migranten|vrouwen|mannen|kinderen|leerlingen|ouderen|huishoudens|bedrijven|organisaties"
    r"|gemeenten|inwoners|deelnemers|gerechtigden|generatie|groep)"
)
_BACKGROUND = r"(?:\s+(?:met|zonder)\s+(?:een\s+)?(?:[\w-]+\s+){0,2}?[\w-]*achtergrond)?"
_POPULATION = re.compile(  # "Syrische en Eritrese statushouders", "mensen met een … achtergrond"
    r"(?<![\w-])(?:(?!(?:de|het|een|deze|die|welke|elke|iedere|alle)\s)[\w-]+e\s+(?:en\s+)?){0,3}"
    rf"{_HEADS}\b{_BACKGROUND}",
    re.I,
)
_PLURAL = re.compile(rf"(?:[\w-]+e\s+){{0,2}}[\w-]+(?:en|ers|s)\b{_BACKGROUND}")
_ATTACHED = re.compile(  # ")" of "(74%)", "(tweede generatie)", "van de"/"onder de"/"bij"
    r"(?P<x>[)»]?(?:\s*\((?P<q>[^)]{1,40})\))?)\s*(?P<c>(?:van|onder|bij|voor)\s+(?:(?:de|het|alle)\s+)?)?"
)
_PAIRED = re.compile(rf"\s*(?:tot|à|-|–)\s*{NUM}\s*(?:%|procent)?\s*(?:\([^)]*\))?")
_MONTH = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
_PERIOD = re.compile(
    rf"(?:(?:(?:eerste|tweede|derde|vierde)\s+kwartaal|(?:eerste|tweede)\s+helft|begin|medio|eind"
    rf"|{_MONTH})\s+(?:van\s+)?)?(?<![\d/])(?:19|20)\d\d"
    r"(?:\s*(?:[-–]|tot(?:\s+en\s+met)?)\s*(?:19|20)\d\d)?(?![\d%])",
    re.I,
)
_IN_PERIOD = re.compile(
    r"\b(?:na|binnen|over)\s+\d+\s+(?:jaar|maanden|weken)\b"
    r"|(?:\b(?:in|sinds|vanaf|anno|per|tot|na)\s+(?:het\s+|de\s+)?)?" + _PERIOD.pattern,
    re.I,
)
_CLAUSE_STOP = re.compile(
    r"[,.;:()]|\s\d|\s(?:dan|als|tegenover|ten\s+opzichte|terwijl|omdat|om|waardoor|tot|versus"
    r"|vergeleken)\s"
)
_FILLER = re.compile(r"\b(?:nog|ook|wel|echter|toch|dat|dit)\b\s*")
_VERB = re.compile(
    r"\b(?:is|zijn|was|waren|blijft|bleef|ligt|lag|bedraagt|bedroeg|daalt|daalde|steeg|stijgt"
    r"|heeft|hebben|had|ontving|ontvangt|vindt|kiest|werkt|wordt|werd|blijkt|bleek|gebeurt"
    r"|geven|zien|stijgen|dalen)\b"
)
_MEASURE_NOUN = re.compile(
    r"\b[\w-]*(?:werkloos\w*|participatie|bijstand|uurloon|inkomen|uitkering|uitstroom|instroom"
    r"|armoede|verschil)\b",
    re.I,
)
_CLAUSE_LEAD = frozenset("en of rond ruim bijna ongeveer circa zo’n zo'n de".split())
_CLAUSE_TAIL = frozenset("of de het van een en in op te naar".split())
_LEADING = frozenset("zo dan ook en maar er de het een met na".split())
_SUBJECT_END = frozenset("van bij onder voor in op tot dat".split())


def _attached(text: str, end: int, s_end: int) -> tuple[int, str | None, str | None]:
    """After a figure: where its clause goes on, its "(qualifier)" and the group attached to it
    ("9,6 procent van de mensen met …", "1 op de 5 werkgevers")."""
    match = _ATTACHED.match(text, end, s_end)
    if match is None:
        return end, None, None
    group = _POPULATION.match(text, match.end(), s_end)
    if group is None and match.group("c"):  # "38 procent van de schuldenaren"
        group = _PLURAL.match(text, match.end(), s_end)
    at = group.end() if group else match.end("x")
    pair = _PAIRED.match(text, at, s_end)  # "24% (tweede generatie) tot 35% (…) minder vaak"
    return pair.end() if pair else at, match.group("q"), group.group(0) if group else None


def _population(text: str, hit: _Hit, s_start: int, s_end: int) -> str | None:
    """The group a figure is about: attached to it, else (not for counts, whose noun is the
    group) the nearest group named before it, else after it; with its "(qualifier)"."""
    _, qualifier, group = _attached(text, hit.end, s_end)
    if group is None and hit.unit != "aantal":
        found = [
            m for m in _POPULATION.finditer(text, s_start, s_end) if text[m.start() - 1] != "("
        ]
        before = [m.group(0) for m in found if m.end() <= hit.start]
        after = [m.group(0) for m in found if m.start() >= hit.end]
        group = before[-1] if before else after[0] if after else None
    if group is None:
        return None
    return f"{group.strip()} ({qualifier})" if qualifier and qualifier[:1].isalpha() else group


def _measure(text: str, hit: _Hit, s_start: int, s_end: int) -> str | None:
    """What is measured: the clause after the figure ("… ontving in september 2022 bijstand" →
    "ontving bijstand"), else a measure noun before it, else the sentence's subject."""
    rest = _IN_PERIOD.sub("", text[_attached(text, hit.end, s_end)[0] : s_end])
    stop = _CLAUSE_STOP.search(rest)
    words = _FILLER.sub("", rest[: stop.start() if stop else len(rest)]).split()[:8]
    while words and words[0].lower() in _CLAUSE_LEAD:
        words.pop(0)
    while words and words[-1].lower() in _CLAUSE_TAIL:
        words.pop()
    if words and not (len(words) == 1 and _VERB.fullmatch(words[0])):
        return " ".join(words)
    nouns = list(_MEASURE_NOUN.finditer(text, s_start, hit.start))
    return nouns[-1].group(0) if nouns else _subject(text[s_start : hit.start])


def _subject(prefix: str) -> str | None:
    """The sentence's opening noun phrase ("De werkloosheid bij …" → "werkloosheid")."""
    words: list[str] = []
    for word in re.findall(r"[\w'’-]+|[^\w\s]", prefix):
        if not words and word.lower() in _LEADING:
            continue
        if not words and not word[0].isalpha():
            return None
        if word.lower() in _SUBJECT_END or _VERB.fullmatch(word) or not word[0].isalnum():
            break
        words.append(word)
    return " ".join(words[:4]) or None


def _period(text: str, start: int, s_start: int, s_end: int) -> str | None:
    """The time expression nearest to the figure in its clause, else in its sentence (never
    inside «quoted titles»)."""
    quoted = [m.span() for m in re.finditer(r"«[^»]*»|“[^”]*”", text[s_start:s_end])]
    found = [
        m for m in _PERIOD.finditer(text, s_start, s_end)
        if not any(a <= m.start() - s_start < b for a, b in quoted)
    ]  # fmt: skip
    aside = [m for m in found if not re.search(r"[,;:]", _without_asides(text, m.start(), start))]
    if not found:
        return None
    nearest = min(aside or found, key=lambda m: (abs(m.start() - start), m.start() > start))
    return nearest.group(0)


def _without_asides(text: str, a: int, b: int) -> str:
    """The text between two offsets, without parenthesised asides."""
    return re.sub(r"\([^()]*\)", "", text[min(a, b) : max(a, b)])
