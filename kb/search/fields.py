"""The index schema: which fields a unit has and how each is analysed.

`parts` (stems and compound parts) is what words match, `exact` (unstemmed, with positions)
what exact words, phrases and patterns match, `pairs` (adjacent exact words) what makes
phrases fast; `title` and `section` only add weight. The facets hold canonical names, the
`*_keys` fields the lower-cased names, slugs and aliases filters match.
"""

from __future__ import annotations

from collections.abc import Iterator

from whoosh import fields as wf
from whoosh.analysis import Analyzer, LowercaseFilter, RegexTokenizer, Token, Tokenizer
from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, Schema

from kb.search.analysis import compound_analyzer, exact_analyzer, text_analyzer
from kb.search.lexicon import Lexicon
from kb.search.units import Unit

# Field names the query and engine modules use.
TEXT, EXACT, PARTS, PAIRS = "text", "exact", "parts", "pairs"
TITLE, SECTION = "title", "section"
# Multi-valued facets: field -> the field of lower-cased names, slugs and aliases filters match.
FACET_FIELDS = ("org", "pilot", "programme", "motie")
KEY_FIELDS = {
    "org": "org_keys", "pilot": "pilot_keys", "programma": "programme_keys",
    "motie": "motie_keys", "ondertekenaar": "signatory_keys",
}  # fmt: skip


class PairTokenizer(Tokenizer):
    """Adjacent words of the exact analysis joined by a space: "werk is de" gives "werk is" and
    "is de". Spellings at one position (hyphen variants) pair with all at the next."""

    def __init__(self) -> None:
        self.words = exact_analyzer()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PairTokenizer)

    __hash__ = None  # type: ignore[assignment]

    def __call__(  # type: ignore[override]
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        mode: str = "",
        removestops: bool = True,
        **kwargs: object,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode)
        previous: list[str] = []
        current: list[str] = []
        at = start = None
        for word in self.words(value, positions=True, mode=mode or "index"):
            if word.pos != at:
                previous, current, start, at = current, [], at, word.pos
            current.append(word.text)
            for before in previous:
                token.text, token.boost, token.stopped = f"{before} {word.text}", 1.0, False
                if positions:
                    token.pos = start  # the position of the pair's first word
                yield token


def _names_field(lowercase: bool) -> KEYWORD:
    """A multi-valued field of whole names, one per line (names may hold commas and spaces)."""
    field = KEYWORD(stored=False, scorable=False)
    tokenizer = RegexTokenizer(r"[^\n]+")
    field.analyzer = tokenizer | LowercaseFilter() if lowercase else tokenizer
    return field


def build_schema(lexicon: Lexicon) -> Schema:
    """The index schema; the compound field splits words with `lexicon`."""
    text = text_analyzer()
    schema = Schema(
        id=ID(unique=True, stored=True),
        document=ID(stored=True),
        version=ID(),  # "<document>@<sha256>": tells update which letters changed
        kamerstuk=ID(),
        source=STORED(),
        kind=ID(stored=True),
        text=STORED(),  # matched through `parts`, which holds every stem of the text too
        exact=wf.TEXT(analyzer=exact_analyzer(), phrase=True),
        pairs=wf.TEXT(analyzer=PairTokenizer(), phrase=True),
        parts=wf.TEXT(analyzer=compound_analyzer(lexicon), phrase=False),
        title=wf.TEXT(analyzer=text, stored=True, phrase=False),
        section=wf.TEXT(analyzer=text, phrase=False),
        date=ID(stored=True, sortable=True),
        year=NUMERIC(int, stored=True),
        signatory=ID(stored=True),
        start=STORED(),
        end=STORED(),
    )
    for facet in FACET_FIELDS:
        schema.add(facet, _names_field(lowercase=False))
    for keys in KEY_FIELDS.values():
        schema.add(keys, _names_field(lowercase=True))
    return schema


def stemmer(schema: Schema) -> Analyzer:
    """The index's text_analyzer (the title field's): query words are stemmed with it."""
    return schema[TITLE].analyzer


def document_fields(unit: Unit) -> dict[str, object]:
    """The fields of `unit` as Whoosh's add_document wants them."""
    info = unit.letter
    fields: dict[str, object] = {
        "id": unit.id, "document": info.document, "version": info.version,
        "kamerstuk": info.kamerstuk, "source": info.source, "kind": unit.kind,
        "text": unit.text, "exact": unit.text, "pairs": unit.text, "parts": unit.text,
        "title": info.title, "section": unit.section, "date": info.date,
        "signatory": info.signatory, "start": unit.start, "end": unit.end,
    }  # fmt: skip
    if info.year is not None:
        fields["year"] = info.year
    for name, values in unit.facets.items():
        fields[name] = "\n".join(values)
    for name, values in unit.keys.items():
        fields[KEY_FIELDS[name]] = "\n".join(values)
    return {k: v for k, v in fields.items() if v not in ("", None)}


def schema_names() -> tuple[str, ...]:
    """The field names a usable index must have."""
    base = ("id", "document", "version", "kamerstuk", "source", "kind", TEXT, EXACT, PAIRS, PARTS,
            TITLE, SECTION, "date", "year", "signatory", "start", "end")  # fmt: skip
    return (*base, *FACET_FIELDS, *KEY_FIELDS.values())
