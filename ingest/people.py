"""People named in a letter (signatory, members of parliament, ministers, authors) and parties.

Entity keys, stable across letters:
- a name written with initials or a first name: "person:" + slug of the full name
  ("C.E.G. van Gennip" -> "person:c-e-g-van-gennip", "Olger van Dijk" -> "person:olger-van-dijk");
- a surname alone, as letters name members ("het Lid Becker (VVD)"): "person:" + slug of the
  surname ("person:becker"). The party is an attribute ("party", "VVD") where the letter states
  it, never part of the key: letters often leave it out ("Kamerlid Van Baarle"), so a party in
  the key would split one member across letters. Where two members share a surname the Kamer
  itself adds the first name ("motie-Olger van Dijk"), which then gives a full-name key.
- parties: "party:" + slug of the canonical abbreviation ("party:vvd", "party:gl-pvda").
Cited authors in footnotes are people with role "auteur" and confidence 0.6, only in the
"Surname, I." form ("Cadat-Lampe, M. en Felten, H."): an author list without initials
("Gielen, Scholten en Blom (2021)") reads exactly like "TNO, SCP en CBS (2021)", so it is left out.
"mijn voorganger" and roles without a name ("de minister van SZW") are not person mentions.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ingest.models import DocumentKind, EntityType, Mention
from ingest.nlp import LetterContext

_UP = "A-ZÀ-ÖØ-ÞĀĆČĐĘĚŁŃŇŒŘŚŞŠŢŽ"
_LOW = "a-zß-öø-ÿāăąćčďđēęěğīıłńňōőœřśşšţťūůűźżž"
# Capitalised words that follow "motie", "het lid" or "minister" without being a name.
_STOP = (
    r"(?:Uw|De|Het|Een|Ik|Wij|Zij|Hij|Deze|Dit|Dat|Die|In|Op|Met|Voor|Naar|Over|Bij|En|Of|Als|"
    r"Zoals|Ook|Kamer|Tweede|Eerste|Minister|Staatssecretaris|President|Kamerstuk|Kamerstukken|"
    r"Handelingen|Nederland|Regering|Kabinet|Rijksoverheid|Motie|Amendement)"
)
_CORE = rf"(?!{_STOP}\b)[{_UP}][{_LOW}]+(?:['’][{_UP}]?[{_LOW}]+)?(?:[{_UP}][{_LOW}]+)?"
_DOUBLE = rf"{_CORE}(?:-{_CORE})*(?!\w)"  # "Cadat-Lampe"; a name ends a word
_PART_CAP = r"(?:Van|De|Den|Der|Ter|Ten|Te|Von|El|La|Le|Du|Da|Dos|Op|In|Uit)"
_PART_LOW = r"(?:van|de|den|der|ter|ten|te|von|el|la|le|du|da|dos|op|in|uit|het|'t|’t)"
_SURNAME = rf"(?:{_PART_CAP}[ ](?:{_PART_LOW}[ ])*)?{_DOUBLE}"  # "Van der Lee", "De Hoop"
_FIRST = rf"(?!{_PART_CAP}[ ])(?!{_STOP}\b)[{_UP}][{_LOW}]+(?:-[{_UP}][{_LOW}]+)?"
_INITIALS = rf"(?:[{_UP}][{_LOW}]?\.[ ]?)+"  # "C.E.G. ", "Th. "
NAME = rf"(?:(?:{_INITIALS}|{_FIRST}[ ])(?:{_PART_LOW}[ ])*{_DOUBLE}|{_SURNAME})"
_NAME_RE = re.compile(NAME)
_PARTICLES = {"van", "de", "den", "der", "ter", "ten", "te", "von", "het", "in", "'t", "op", "uit"}

# "motie-Van Baarle/Simons", "motie Ergin", "motie-De Hoop c.s."
EPONYM = re.compile(
    rf"\b(?P<motie>[Mm]otie)(?:[-‑–][ ]?|[ ]|\n(?!\n))(?P<names>{NAME}(?:[ ]?/[ ]?{NAME})*)"
    r"(?P<cs>[ ]c\.[ ]?s\.)?"
)
_SIGNATORY_ROLE = "indiener"
_CLOSING = re.compile(r"\ben gaat over tot de orde van de dag\b", re.IGNORECASE)


@dataclass(frozen=True)
class Party:
    """A parliamentary party with the names letters use for it."""

    abbreviation: str
    name: str
    aliases: tuple[str, ...]
    ambiguous: tuple[str, ...] = ()
    successor: str | None = None

    @property
    def key(self) -> str:
        return "party:" + slug(self.abbreviation)


@dataclass(frozen=True)
class NamedMember:
    """A member of parliament as a member list writes them: "Van Baarle (Denk)"."""

    name: str  # canonical: "Van Baarle", "Olger van Dijk"
    start: int  # span of the name in the letter text
    end: int
    party: Party | None = None
    party_start: int | None = None
    party_end: int | None = None


def slug(text: str) -> str:
    """ "C.E.G. van Gennip" -> "c-e-g-van-gennip", "Kostić" -> "kostic"."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9+]+", "-", plain.lower().replace("+", "plus")).strip("-")


def person_key(name: str) -> str:
    return "person:" + slug(name)


def title_case(name: str) -> str:
    """ "VAN NISPEN" -> "Van Nispen", "DIEDERIK VAN DIJK" -> "Diederik van Dijk"."""
    words = name.lower().split()
    out = [w if i and w in _PARTICLES else w[:1].upper() + w[1:] for i, w in enumerate(words)]
    return " ".join(out)


@cache
def parties() -> tuple[Party, ...]:
    """The party vocabulary from ingest/data/parties.json."""
    raw = json.loads(resources.files("ingest").joinpath("data/parties.json").read_text("utf-8"))
    return tuple(
        Party(
            p["abbreviation"], p["name"],
            tuple(dict.fromkeys([*p["aliases"], *p.get("historic", ())])),
            tuple(p.get("ambiguous", ())), p.get("successor"),
        )
        for p in raw["parties"]
    )  # fmt: skip


@cache
def _alias_index() -> dict[str, Party]:
    return {alias.casefold(): party for party in parties() for alias in party.aliases}


def party_named(alias: str) -> Party | None:
    """The party a name stands for, case-insensitively ("Bij1" -> BIJ1); None if unknown."""
    return _alias_index().get(" ".join(alias.split()).casefold())


def _alternation(ambiguous: bool) -> str:
    names = {a for p in parties() for a in p.aliases if ambiguous or a not in p.ambiguous}
    return "|".join(re.escape(a) for a in sorted(names, key=len, reverse=True))


@cache
def member_pattern(groups: bool = True) -> str:
    """One member with an optional party: "Simons (Bij1)"; with `groups`, `name` and `party`."""
    name, party = ("(?P<name>", "(?P<party>") if groups else ("(?:", "(?:")
    return rf"{name}{NAME})(?:[ \u00a0]?\({party}(?i:{_alternation(True)}))\))?"


@cache
def member_list_pattern() -> str:
    """Members joined by ", " and " en ": "Van Baarle (Denk) en Simons (Bij1)" (no groups)."""
    one = member_pattern(groups=False)
    return rf"{one}(?:(?:[ ]?,[ ]|[ ]en[ ]){one})*"


@cache
def _member_re() -> re.Pattern[str]:
    return re.compile(member_pattern())


@cache
def _lid_re() -> re.Pattern[str]:
    lid = r"(?:(?:[Hh]et|[Dd]it)[ ](?:[Kk]amer)?[Ll]id|[Kk]amerlid)"
    leden = r"(?:(?:[Dd]e|[Dd]eze)[ ](?:[Kk]amer)?[Ll]eden|[Kk]amerleden)"
    one, many = member_pattern(False), member_list_pattern()
    return re.compile(rf"\b(?:{lid}[ ](?P<one>{one})|{leden}[ ](?P<many>{many}))")


@cache
def _party_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Unambiguous party names anywhere; every party name in a party context."""
    free = re.compile(rf"(?<![\w-])(?:{_alternation(False)})(?![\w+])")
    ctx = rf"(?i:{_alternation(True)})"
    context = re.compile(
        rf"\bfracties?[ ]van[ ](?:de[ ]|het[ ])?(?P<a>{ctx})(?![\w+])"
        rf"|(?<![\w-])(?P<b>{ctx})-(?:fractie|[Kk]amerl(?:id|eden)|woordvoerder)\b"
    )
    return free, context


def members_in(text: str, start: int, end: int) -> tuple[NamedMember, ...]:
    """The members (with their stated parties) written in text[start:end]."""
    out = []
    for m in _member_re().finditer(text, start, end):
        party = party_named(m["party"]) if m["party"] else None
        span = m.span("party") if m["party"] else (None, None)
        out.append(NamedMember(" ".join(m["name"].split()), *m.span("name"), party, *span))
    return tuple(out)


def names_in(text: str, start: int, end: int) -> tuple[NamedMember, ...]:
    """The names in an eponym ("Van Baarle/Simons") or signer list ("Grinwis, Vedder")."""
    return tuple(NamedMember(m[0], *m.span()) for m in _NAME_RE.finditer(text, start, end))


def motion_signers(ctx: LetterContext) -> tuple[NamedMember, ...]:
    """The names under a motion's closing formula: "Grinwis, Vedder, De Hoop, Kostić" (XML) or
    one name per line (PDF text)."""
    passages = ctx.letter.passages
    closing = [i for i, p in enumerate(passages) if _CLOSING.search(p.text)]
    signers: list[NamedMember] = []
    for passage in passages[closing[-1] + 1 :] if closing else ():
        parts = [part.strip() for part in passage.text.split(",")]
        if not all(_NAME_RE.fullmatch(part) for part in parts):
            break
        signers += names_in(ctx.letter.text, passage.start, passage.end)
    return tuple(signers)


def extract_people(ctx: LetterContext) -> tuple[Mention, ...]:
    """PERSON and PARTY mentions of a letter, in text order, one per span and entity."""
    found = [
        *_signatories(ctx), *_members(ctx), *_eponyms(ctx), *_officials(ctx),
        *_authors(ctx), *_parties(ctx),
    ]  # fmt: skip
    seen: set[tuple[int, int]] = set()
    out = []
    for mention in found:  # earlier finders are more specific: first one wins a span
        if (mention.start, mention.end) not in seen:
            seen.add((mention.start, mention.end))
            out.append(mention)
    return tuple(sorted(out, key=lambda m: (m.start, m.end, m.entity)))


def _person(
    name: str, text: str, span: tuple[int, int], conf: float, rule: str, *attrs: tuple[str, str]
) -> Mention:
    return Mention(person_key(name), EntityType.PERSON, name, text[span[0] : span[1]], *span,
                   conf, rule, attributes=tuple(attrs))  # fmt: skip


def _party(party: Party, text: str, span: tuple[int, int], conf: float, rule: str) -> Mention:
    attrs = [("full_name", party.name)]
    if party.successor:  # a historic party: say which party it became part of
        attrs.append(("successor", party.successor))
    return Mention(party.key, EntityType.PARTY, party.abbreviation, text[span[0] : span[1]],
                   *span, conf, rule, attributes=tuple(attrs))  # fmt: skip


def _signatories(ctx: LetterContext) -> Iterator[Mention]:
    """The signer of a letter (its name near the end of the body) or the signers of a motion."""
    text, meta = ctx.letter.text, ctx.letter.metadata
    signers = motion_signers(ctx) if meta.kind is DocumentKind.MOTIE else ()
    for i, s in enumerate(signers):
        yield _person(s.name, text, (s.start, s.end), 0.95, "motion-signer",
                      ("role", _SIGNATORY_ROLE), ("position", str(i + 1)))  # fmt: skip
    if signers or not meta.signatory:
        return
    at = ctx.body.rfind(meta.signatory)
    if at >= 0:
        role = (("role", meta.role),) if meta.role else ()
        yield _person(meta.signatory, text, (at, at + len(meta.signatory)), 0.95, "signatory",
                      *role)  # fmt: skip


def _members(ctx: LetterContext) -> Iterator[Mention]:
    """Members of parliament named as such, with the party in brackets when stated."""
    text = ctx.letter.text
    for phrase in _lid_re().finditer(text):  # "het lid X (P)", "de leden X (P) en Y (Q)"
        for m in members_in(text, *phrase.span("one" if phrase["one"] else "many")):
            yield from _with_party(text, m, 0.9, "member-of-parliament", ("role", "Kamerlid"))


def _with_party(
    text: str, m: NamedMember, conf: float, rule: str, *attrs: tuple[str, str]
) -> Iterator[Mention]:
    """A person mention, plus their party in brackets as an attribute and a PARTY mention."""
    party = (("party", m.party.abbreviation),) if m.party else ()
    yield _person(m.name, text, (m.start, m.end), conf, rule, *attrs, *party)
    if m.party and m.party_start is not None and m.party_end is not None:
        yield _party(m.party, text, (m.party_start, m.party_end), 0.95, "member-party")


def _eponyms(ctx: LetterContext) -> Iterator[Mention]:
    """Members a motion is named after: "motie-Van Baarle/Simons", "motie Ergin"."""
    text = ctx.letter.text
    for m in EPONYM.finditer(text):
        for n in names_in(text, *m.span("names")):
            yield _person(n.name, text, (n.start, n.end), 0.85, "motion-eponym",
                          ("role", _SIGNATORY_ROLE))  # fmt: skip


_HONORIFICS = {"de heer", "mevrouw", "mw.", "dhr."}


@cache
def _official_re() -> re.Pattern[str]:
    return re.compile(
        r"(?P<pre>\b(?:[Tt]oenmalige?|[Vv]oormalige?|[Dd]emissionaire?)[ ]|\b[Oo]ud-)?"
        r"\b(?P<role>[Mm]inister-[Pp]resident|[Mm]inister|[Ss]taatssecretaris|[Pp]remier"
        rf"|[Dd]e[ ]heer|[Mm]evrouw|[Mm]w\.|[Dd]hr\.)[ ](?P<member>{member_pattern(False)})"
        # "Staatssecretaris Participatie en Integratie" names a portfolio, not a person.
        rf"(?!(?:,[ ][{_UP}][{_LOW}]+)*[ ]en[ ][{_UP}])"
    )


def _officials(ctx: LetterContext) -> Iterator[Mention]:
    """Ministers and others named with a title: "toenmalig Minister Koolmees", "mevrouw Simons"."""
    text = ctx.letter.text
    for m in _official_re().finditer(text):
        role = m["role"].lower()
        for member in members_in(text, *m.span("member")):
            if role in _HONORIFICS:
                yield from _with_party(text, member, 0.7, "honorific")
                continue
            status = (("status", m["pre"].strip(" -").lower()),) if m["pre"] else ()
            yield from _with_party(text, member, 0.85, "official", ("role", role), *status)


_AUTHOR = re.compile(
    rf"(?<![\w-])(?P<surname>{_SURNAME}),[ ](?P<initials>(?:[{_UP}]\.[ ]?)*[{_UP}]\."
    rf"|[{_UP}](?=[ ]et[ ]al))(?=[ ]?(?:en\b|et[ ]al|&|\(|,|;|\d))"
)


def _authors(ctx: LetterContext) -> Iterator[Mention]:
    """Cited authors in the footnotes: "Cadat-Lampe, M. en Felten, H. (juli 2020)"."""
    text = ctx.letter.text
    for m in _AUTHOR.finditer(text, ctx.letter.body_end):
        initials = "".join(f"{c}." for c in re.findall(rf"[{_UP}]", m["initials"]))
        name = f"{initials} {m['surname']}"
        yield _person(name, text, m.span(), 0.6, "footnote-author", ("role", "auteur"))


def _parties(ctx: LetterContext) -> Iterator[Mention]:
    """Party names: unambiguous ones anywhere, the rest ("Denk", "Volt") only as a party."""
    text = ctx.letter.text
    free, context = _party_res()
    for m in context.finditer(text):
        group = "a" if m["a"] else "b"
        if party := party_named(m[group]):
            yield _party(party, text, m.span(group), 0.9, "party-context")
    for m in free.finditer(text):
        if party := party_named(m[0]):
            yield _party(party, text, m.span(), 0.8, "party-name")
