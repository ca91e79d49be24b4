"""The reader view (kb.views.reader): exact values on the seed KB and a tiny KB of our own."""

from __future__ import annotations

from pathlib import Path

import pytest
from tinykb import S000, S001, S002, S003, S004, build_tiny_kb

from kb.views.base import reading
from kb.views.reader import (
    EntityMark,
    FootnoteMarker,
    Highlight,
    KamerstukLink,
    Plain,
    block_at,
    date_label,
    entity_types,
    file_names,
    footnote_at,
    highlight,
    letter_view,
    letters,
    marked,
)
from kb.views.reader_segments import _segments

SEEDS = (S000, S001, S002, S003, S004)


@pytest.fixture(scope="module")
def tiny_kb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_tiny_kb(tmp_path_factory.mktemp("tinykb"))


def seed_views(seed_kb: Path) -> dict:
    with reading(seed_kb) as store:
        return {doc: letter_view(store, doc) for doc in SEEDS}


@pytest.fixture(scope="module")
def views(seed_kb: Path) -> dict:
    return seed_views(seed_kb)


def markers(view) -> list[FootnoteMarker]:
    return [s for b in view.blocks for s in b.segments if isinstance(s, FootnoteMarker)]


def links(parts) -> list[KamerstukLink]:
    return [s for p in parts for s in p.segments if isinstance(s, KamerstukLink)]


def test_letters_newest_first(seed_store):
    assert [(c.id, c.date) for c in letters(seed_store)] == [
        (S002, "2025"), (S000, "2023"), (S003, "2022"), (S004, "2021-11-17"), (S001, "2018"),
    ]  # fmt: skip


def test_unknown_letter_is_none(seed_store):
    assert letter_view(seed_store, "bestaat-niet") is None


@pytest.mark.parametrize("doc", SEEDS)
def test_segments_concatenate_to_the_text(views, seed_store, doc):
    view = views[doc]
    text = seed_store.db.execute("SELECT text FROM documents WHERE id = ?", (doc,)).fetchone()[0]
    for part in (*view.blocks, *view.footnotes):
        assert "".join(s.text for s in part.segments) == part.text == text[part.start : part.end]
        at = part.start
        for s in part.segments:  # contiguous, each segment's text is its own span of the text
            assert (s.start, s.end) == (at, at + len(s.text))
            assert s.text == text[s.start : s.end]
            at = s.end
        assert at == part.start + len(part.text)


COUNTS = {  # footnotes, markers in the body, references (body, footnotes), mentions kept
    S000: (37, 37, 1, 4, 133),
    S001: (0, 0, 0, 0, 40),
    S002: (3, 3, 0, 1, 69),
    S003: (17, 17, 2, 9, 119),
    S004: (35, 35, 0, 6, 130),  # two nested mentions give way to the longer ones
}


@pytest.mark.parametrize("doc", SEEDS)
def test_counts_match_the_tables(views, seed_store, doc):
    view, one = views[doc], seed_store.db.execute
    footnotes = one("SELECT count(*) FROM footnotes WHERE document = ?", (doc,)).fetchone()[0]
    refs = one('SELECT count(*) FROM "references" WHERE document = ?', (doc,)).fetchone()[0]
    mentions = sum(
        isinstance(s, EntityMark) for p in (*view.blocks, *view.footnotes) for s in p.segments
    )
    got = (len(view.footnotes), len(markers(view)), len(links(view.blocks)),
           len(links(view.footnotes)), mentions)  # fmt: skip
    assert got == COUNTS[doc]
    assert len(view.footnotes) == footnotes and got[2] + got[3] == refs
    assert [m.number for m in markers(view)] == [f.number for f in view.footnotes]
    assert all(f.marker_anchor == f"noot-{f.number}" for f in view.footnotes)


def test_footnote_marker_carries_its_text(views):
    block = block_at(views[S002], 133)
    marker = next(s for s in block.segments if isinstance(s, FootnoteMarker))
    assert (block.index, block.anchor, marker.text, marker.start, marker.number) == (
        1, "p-11", "", 133, 1
    )  # fmt: skip
    assert marker.footnote.startswith("De Taskforce VIA bestaat uit de volgende partners")
    assert (marker.anchor, marker.target) == ("noot-1", "voetnoot-1")


def test_reference_links_externally(views):
    note = views[S002].footnotes[1]
    assert (note.number, note.anchor, note.marker_anchor, note.marker_offset) == (
        2, "voetnoot-2", "noot-2", 858
    )  # fmt: skip
    assert note.segments == (
        KamerstukLink("Kamerstukken II 2023-2024, 32824, nr. 419", 9956, 9997,
                      "Kamerstukken II 2023-2024, 32824, nr. 419", "kst-32824-419", None,
                      "https://zoek.officielebekendmakingen.nl/kst-32824-419.html"),
    )  # fmt: skip


def test_reference_in_the_body(views):
    (first, second) = links(views[S003].blocks)
    assert (first.text, first.id, first.resolved) == (
        "Kamerstuk 32 824, nr. 367", "kst-32824-367", None
    )  # fmt: skip
    assert second.url == "https://zoek.officielebekendmakingen.nl/kst-32824-341.html"


def test_known_entity_is_marked(views):
    marks = [s for s in block_at(views[S002], 39).segments if isinstance(s, EntityMark)]
    assert marks[0] == EntityMark(
        "Werkagenda Voor een Inclusieve Arbeidsmarkt (VIA)", 39, 88, "programme",
        "Werkagenda VIA", "programme:werkagenda-via",
    )  # fmt: skip


def test_longer_mention_wins(views):
    marks = {
        s.start: s.node
        for b in views[S004].blocks
        for s in b.segments
        if isinstance(s, EntityMark) and 10000 < s.start < 20700
    }
    assert marks[10057] == "pilot:intensieve-begeleiding"  # over gemeente Amsterdam at 10069
    assert marks[20639] == "programme:werkagenda-via"  # over Taskforce VIA at 20657
    assert 10069 not in marks and 20657 not in marks


def test_overlaps_resolve_marker_reference_entity():
    """Spans come in priority order (markers, references, longer mentions); a span is placed
    whole only where nothing placed before and no zero-width marker lies inside it."""

    def make(kind):
        return lambda t, s, e: (kind, t, s, e)

    marker = FootnoteMarker("", 123, 123, 1, "noot", "noot-1", "voetnoot-1")
    spans = [
        (113, 120, make("ref")),  # "nr. 123"
        (100, 108, make("ent-long")),  # "Het UWV "
        (100, 104, make("ent-short")),  # inside ent-long: dropped
        (110, 115, make("ent-over-ref")),  # overlaps the reference: dropped
        (120, 126, make("ent-marker")),  # the marker lies inside: dropped
    ]
    got = _segments("Het UWV ziet nr. 123 nu al", 100, [(123, marker)], spans)
    assert got == (
        ("ent-long", "Het UWV ", 100, 108),
        Plain("ziet ", 108, 113),
        ("ref", "nr. 123", 113, 120),
        Plain(" nu", 120, 123),
        marker,
        Plain(" al", 123, 126),
    )


def test_metadata_of_a_dated_letter(views):
    m = views[S004].metadata
    assert (m.date, m.date_label, m.date_precision_label, m.date_rule, m.date_confidence) == (
        "2021-11-17", "17 november 2021", "dag", "datum-line", 0.99
    )  # fmt: skip
    assert (m.date_evidence, m.date_how) == (
        "Datum 17 november 2021", "uit de regel ‘Datum’ in het briefhoofd"
    )  # fmt: skip
    assert (m.signatory, m.role, m.kind, m.format, m.pages) == (
        "A.D. Wiersma", "Staatssecretaris van Sociale Zaken en Werkgelegenheid", "kamerbrief",
        "text", 1,
    )  # fmt: skip
    assert file_names(m) == ("004_e70a85e84504e092.txt",)
    assert views[S004].warnings == ()


def test_metadata_kamerstuk_and_inferred_date(views):
    m = views[S003].metadata
    assert (m.kamerstuk, m.kamerstuk_url, m.vergaderjaar) == (
        "kst-29544-1158", "https://zoek.officielebekendmakingen.nl/kst-29544-1158.html",
        "2022-2023",
    )  # fmt: skip
    assert (m.date_label, m.date_rule, m.date_confidence) == ("2022", "latest-event", 0.5)
    assert m.date_how.startswith("afgeleid uit de laatste gedateerde gebeurtenis")
    assert m.date_evidence.startswith("inferred from the latest dated event: '6 juli 2022'")


def test_date_label():
    assert [date_label(d) for d in ("2021-11-17", "2025-03", "2023", None)] == [
        "17 november 2021", "maart 2025", "2023", "onbekend",
    ]  # fmt: skip


FACTS = {S000: (0, 30, 8), S001: (0, 11, 9), S002: (1, 5, 12), S003: (3, 15, 10), S004: (3, 2, 3)}


@pytest.mark.parametrize("doc", SEEDS)
def test_fact_counts(views, seed_store, doc):
    counts = views[doc].counts
    assert (counts.motions, counts.statistics, counts.commitments) == FACTS[doc]
    text = seed_store.db.execute("SELECT text FROM documents WHERE id = ?", (doc,)).fetchone()[0]
    for fact in views[doc].facts:  # every fact links back to its sentence
        assert text[fact.start : fact.end] == fact.quote


def test_motion_fact(views):
    (motion,) = views[S002].facts_of("motie")
    assert (motion.label, motion.detail, motion.start, motion.end) == (
        "Motie-Ergin", "Ergin · invulling · kst-32824-419", 795, 937
    )  # fmt: skip
    assert block_at(views[S002], motion.start).anchor == "p-535"


def test_commitment_and_figure_facts(views):
    first = views[S004].facts_of("toezegging")[0]
    assert (first.label, first.start, first.end, first.node) == (
        "zonder termijn", 13469, 13535, f"commitment:{S004}:0"
    )  # fmt: skip
    figure = views[S002].facts_of("cijfer")[0]
    assert figure.node.startswith(f"statistic:{S002}:")


def test_block_and_footnote_at(views):
    view = views[S004]
    assert block_at(view, 2652).anchor == "p-2611"
    assert block_at(view, 0).anchor == "p-0"
    assert block_at(view, view.body_end) is None and block_at(view, -1) is None
    assert footnote_at(view, 22301).anchor == "voetnoot-8"


def test_highlight(views):
    view = views[S004]
    assert highlight(view, "2652", "2678") == Highlight(2652, 2678, frozenset({"p-2611"}), "p-2611")
    whole = highlight(view, "2652", "")
    assert (whole.start, whole.end, whole.target) == (2611, 2772, "p-2611")
    note = highlight(view, "22301", "22340")
    assert (note.anchors, note.target) == (frozenset({"voetnoot-8"}), "voetnoot-8")
    assert highlight(view, "abc", "1") is None and highlight(view, "9999999") is None
    assert highlight(view, "") is None


def test_marked_splits_at_the_range():
    segment = Plain("de motie Ergin waarin", 10, 31)
    hl = Highlight(13, 24, frozenset(), None)
    assert marked(segment, hl) == (("de ", False), ("motie Ergin", True), (" waarin", False))
    assert marked(segment, None) == (("de motie Ergin waarin", False),)


def test_entity_types_for_the_legend(views):
    assert entity_types(views[S002]) == (
        ("fund", "fonds"), ("organisation", "organisatie"), ("person", "persoon"),
        ("pilot", "pilot"), ("programme", "programma"),
    )  # fmt: skip


def test_tiny_kb_resolves_and_keeps_markup_as_text(tiny_kb):
    with reading(tiny_kb) as store:
        view = letter_view(store, "kwaad")
    (ref,) = links(view.blocks)
    assert (ref.text, ref.id, ref.resolved) == ("Kamerstuk 29 544, nr. 1158", "kst-29544-1158",
                                                "voortgang")  # fmt: skip
    assert view.blocks[2].text.startswith("Deze brief bevat <script>alert(1)</script>")
    assert (
        view.footnotes[0].text == "Een voetnoot met <b>vet</b> en [klik](javascript:alert(1)) erin."
    )
    assert [(w.code, w.label, w.message) for w in view.warnings] == [
        ("no-date", "geen datum", "no date found in the document")
    ]
    assert (view.metadata.date_label, view.metadata.date_how) == ("onbekend", "geen datum gevonden")
