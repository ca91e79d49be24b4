"""HTML of the reader page (/brief): the letter, its footnotes, metadata, warnings and facts.

Every letter-derived string passes through esc() before it enters HTML; our own markup only.
"""

from __future__ import annotations

from kb.views.reader import (
    Block,
    EntityMark,
    FootnoteMarker,
    Highlight,
    KamerstukLink,
    LetterView,
    Segment,
    entity_types,
    file_names,
    marked,
)
from ui.common import esc
from ui.links import entity_url, letter_url, motion_url

READER_CSS = """
<style>
.kb-letter { max-width: 48rem; line-height: 1.6; }
.kb-letter h3 { margin: 1.1em 0 .3em; font-size: 1.15rem; scroll-margin-top: 5rem; }
.kb-letter p, .kb-letter li, .kb-fns p { margin: 0 0 .8em; scroll-margin-top: 5rem; }
.kb-hit, .kb-fns p:target { background: #fff7d6; outline: 3px solid #fff7d6; border-radius: .2em; }
.kb-letter mark, .kb-fns mark { padding: 0; }
.kb-fn { position: relative; font-size: .75em; }
.kb-fn > a { text-decoration: none; padding: 0 .1em; font-weight: 600; }
.kb-fn-pop { display: none; position: absolute; left: -1rem; top: 1.5em; z-index: 50;
  width: 24rem; max-width: 70vw; padding: .5rem .7rem; background: #fff; color: #111827;
  border: 1px solid #d1d5db; border-radius: .4rem; box-shadow: 0 4px 14px rgba(0,0,0,.18);
  font-size: .85rem; font-weight: 400; line-height: 1.4; white-space: normal; }
.kb-fn:hover .kb-fn-pop, .kb-fn:focus-within .kb-fn-pop { display: block; }
.kb-ref { text-decoration: underline dotted; }
.kb-ent { color: inherit; text-decoration: none; border-radius: .25em; padding: 0 .05em; }
.kb-ent:hover { text-decoration: underline; }
.kb-ent-organisation { background: #e0f2fe; } .kb-ent-programme { background: #ede9fe; }
.kb-ent-pilot { background: #dcfce7; } .kb-ent-person { background: #fef3c7; }
.kb-ent-law { background: #fee2e2; } .kb-ent-fund { background: #fce7f3; }
.kb-ent-party { background: #e5e7eb; } .kb-ent-other { background: #f1f5f9; }
.kb-fns { font-size: .9rem; border-top: 1px solid #e5e7eb; padding-top: .6rem; max-width: 48rem; }
.kb-fn-num { font-weight: 600; margin-right: .35em; }
.kb-back { text-decoration: none; margin-left: .35em; }
.kb-meta dt { font-weight: 600; margin-top: .6em; }
.kb-meta dd { margin: 0; }
.kb-legend span { margin-right: .6em; }
</style>
"""
KNOWN_TYPES = {"organisation", "programme", "pilot", "person", "law", "fund", "party"}


def _type_class(type_: str) -> str:
    """The CSS class of an entity type (a safe class name, whatever the type is)."""
    return f"kb-ent-{type_}" if type_ in KNOWN_TYPES else "kb-ent-other"


def _text(segment: Segment, hl: Highlight | None) -> str:
    """The segment's text, escaped, with the highlighted range in <mark>."""
    return "".join(
        f"<mark>{esc(piece)}</mark>" if hit else esc(piece) for piece, hit in marked(segment, hl)
    )


def _segment(segment: Segment, hl: Highlight | None, entities: bool) -> str:
    """One segment as HTML: text, footnote marker with popover, Kamerstuk link or entity."""
    inner = _text(segment, hl)
    if isinstance(segment, FootnoteMarker):
        shown = inner or esc(segment.number)
        return (
            f'<sup class="kb-fn" id="{esc(segment.anchor)}"><a href="#{esc(segment.target)}" '
            f'title="voetnoot {esc(segment.number)}">{shown}</a>'
            f'<span class="kb-fn-pop" role="tooltip">{esc(segment.footnote)}</span></sup>'
        )
    if isinstance(segment, KamerstukLink):
        href = letter_url(segment.resolved) if segment.resolved else segment.url
        where = "in deze kennisbank" if segment.resolved else "op officielebekendmakingen.nl"
        if not href:
            return inner
        return f'<a class="kb-ref" href="{esc(href)}" title="{esc(segment.id)} {where}">{inner}</a>'
    if isinstance(segment, EntityMark) and entities:
        return (
            f'<a class="kb-ent {_type_class(segment.type)}" href="{esc(entity_url(segment.node))}"'
            f' title="{esc(segment.name)}">{inner}</a>'
        )
    return inner


def _block(block: Block, hl: Highlight | None, entities: bool) -> str:
    body = "".join(_segment(s, hl, entities) for s in block.segments)
    hit = ' class="kb-hit"' if hl and block.anchor in hl.anchors else ""
    tag = {"heading": "h3", "list_item": "li"}.get(block.kind, "p")
    return f'<{tag} id="{esc(block.anchor)}"{hit}>{body}</{tag}>'


def letter_html(view: LetterView, hl: Highlight | None, entities: bool) -> str:
    """The body: headings as <h3>, paragraphs as <p>, runs of list items in one <ul>."""
    parts, in_list = ['<div class="kb-letter">'], False
    for block in view.blocks:
        if (block.kind == "list_item") != in_list:
            parts.append("<ul>" if not in_list else "</ul>")
            in_list = not in_list
        parts.append(_block(block, hl, entities))
    parts.append("</ul></div>" if in_list else "</div>")
    return "".join(parts)


def footnotes_html(view: LetterView, hl: Highlight | None, entities: bool) -> str:
    """The footnote list; each note has id "voetnoot-N" and a link back to its marker."""
    items = []
    for note in view.footnotes:
        body = "".join(_segment(s, hl, entities) for s in note.segments)
        back = (
            f'<a class="kb-back" href="#{esc(note.marker_anchor)}" '
            f'title="terug naar de tekst">↩</a>'
            if note.marker_anchor
            else ""
        )
        hit = ' class="kb-hit"' if hl and note.anchor in hl.anchors else ""
        items.append(
            f'<p id="{esc(note.anchor)}"{hit}><span class="kb-fn-num">{esc(note.number)}</span>'
            f"{body}{back}</p>"
        )
    return f'<div class="kb-fns">{"".join(items)}</div>'


def metadata_html(view: LetterView) -> str:
    """The metadata panel: date and how it was found, signatory, Kamerstuk, files."""
    m = view.metadata
    precision = f" (precisie: {esc(m.date_precision_label)})" if m.date_precision_label else ""
    evidence = f"Bewijs: “{esc(m.date_evidence)}”" if m.date_evidence else ""
    sure = f"zekerheid {m.date_confidence:.0%}" if m.date else ""
    how = " · ".join(x for x in (evidence, sure) if x)
    kst = (
        f'<a href="{esc(m.kamerstuk_url)}">{esc(m.kamerstuk)}</a>'
        if m.kamerstuk_url
        else esc(m.kamerstuk or "niet gevonden")
    )
    year = f" · vergaderjaar {esc(m.vergaderjaar)}" if m.vergaderjaar else ""
    rows = [
        ("Datum", f"{esc(m.date_label)}{precision}"),
        ("Hoe bepaald", f'{esc(m.date_how)}<br><span class="kb-muted">{how}</span>'),
        ("Soort", esc(m.kind)),
        ("Ondertekenaar", f'{esc(m.signatory or "onbekend")}<br>'
                          f'<span class="kb-muted">{esc(m.role or "")}</span>'),
        ("Kamerstuk", f"{kst}{year}"),
        ("Bronbestanden", "<br>".join(esc(name) for name in file_names(m))
         + f'<br><span class="kb-muted">{esc(m.format)} · {m.pages} pagina’s</span>'),
        ("Ingelezen", esc(m.ingested_at)),
    ]  # fmt: skip
    items = "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in rows)
    return f'<dl class="kb-meta">{items}</dl>'


def warnings_html(view: LetterView) -> str:
    """The reader's warnings about the letter, as a list (or a line saying there are none)."""
    if not view.warnings:
        return '<p class="kb-muted">Geen waarschuwingen.</p>'
    items = "".join(
        f"<li><strong>{esc(w.label)}</strong> <code>{esc(w.code)}</code>: {esc(w.message)}</li>"
        for w in view.warnings
    )
    return f'<ul class="kb-warnings">{items}</ul>'


def facts_html(view: LetterView, kind: str) -> str:
    """The motions, figures or commitments of the letter, each linking to its sentence."""
    document, items = view.metadata.id, []
    for fact in view.facts_of(kind):
        extra = (
            f' · <a href="{esc(motion_url(fact.label))}">naar de motie</a>'
            if kind == "motie"
            else ""
        )
        items.append(
            f'<li><a href="{esc(letter_url(document, fact.start, fact.end))}">'
            f"{esc(fact.label)}</a> — {esc(fact.detail)}{extra}"
            f'<br><span class="kb-muted">{esc(fact.quote)}</span></li>'
        )
    return f"<ul>{''.join(items)}</ul>"


def legend_html(view: LetterView) -> str:
    """The legend of the entity types marked in the letter ("" when none are)."""
    marks = "".join(
        f'<span class="kb-ent {_type_class(t)}">{esc(label)}</span>'
        for t, label in entity_types(view)
    )
    return f'<div class="kb-legend kb-muted">Gemarkeerd: {marks}</div>' if marks else ""
