"""kb.store against a real SQLite database in tmp_path, with hand-built letters."""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.errors import EmptyFile
from ingest.models import (
    BlockKind,
    DateInfo,
    DatePrecision,
    DocumentKind,
    Footnote,
    Format,
    IngestWarning,
    Letter,
    Metadata,
    Passage,
    Reference,
    ReferenceKind,
)
from kb.store import Failure, NoKnowledgeBase, Outcome, Stats, Store, StoreError

BODY = "Geachte voorzitter, zie Kamerstuk 29 544, nr. 1085.1 Hoogachtend"
NOTE = "Kamerstukken II 2020/21, 35 420, nr. 300"


def reference(ref_id: str, start: int, footnote: int | None = None) -> Reference:
    dossier, number = ref_id.split("-")[1:3]
    return Reference(
        raw=f"Kamerstuk {dossier}, nr. {number}",
        kind=ReferenceKind.KAMERSTUK,
        id=ref_id,
        dossier=dossier,
        number=number,
        vergaderjaar=None,
        start=start,
        end=start + 10,
        url=f"https://zoek.officielebekendmakingen.nl/{ref_id}.html",
        confidence=0.9,
        rule="kamerstuk-nr",
        footnote=footnote,
    )


def make_letter(
    id: str = "a",
    source: str = "corpus/a.txt",
    body: str = BODY,
    kamerstuk: str | None = None,
    references: tuple[Reference, ...] = (),
    precision: DatePrecision = DatePrecision.DAY,
    passage_text: object = None,
    warnings: tuple[IngestWarning, ...] = (),
) -> Letter:
    """A small, valid letter; its sha256 follows from `body`."""
    text = body + "\n" + NOTE
    passages = (
        Passage(0, BlockKind.PARAGRAPH, body[:19], 0, 19, 1),
        Passage(1, BlockKind.PARAGRAPH, passage_text or body[20:], 20, len(body), 1),  # type: ignore[arg-type]
    )
    footnote = Footnote(
        number=1,
        text=NOTE,
        start=len(body) + 1,
        end=len(text),
        page=1,
        marker_offset=body.find("1 Hoog") if "1 Hoog" in body else None,
        marker_raw="1",
        marker_context="zie Kamerstuk 29 544, nr. 1085.",
        confidence=0.95,
        rule="superscript",
    )
    date = DateInfo(dt.date(2023, 12, 1), precision, "Datum 1 december 2023", 0.9, "datum-line")
    metadata = Metadata(
        kind=DocumentKind.KAMERBRIEF,
        title="Voortgang",
        date=date,
        signatory="A. Minister",
        role="minister",
        kamerstuk=kamerstuk,
        vergaderjaar="2023-2024",
        evidence={"title": "first heading"},
    )
    return Letter(
        id=id,
        source=source,
        format=Format.TEXT,
        sha256=hashlib.sha256(body.encode()).hexdigest(),
        text=text,
        body_end=len(body),
        passages=passages,
        footnotes=(footnote,),
        references=references,
        metadata=metadata,
        pages=2,
        warnings=warnings,
    )


@pytest.fixture
def store(tmp_path: Path):
    with Store.open(tmp_path / "kb") as opened:
        yield opened


def count(store: Store, table: str) -> int:
    return store.db.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]


def test_add_creates_the_database_in_wal_mode(tmp_path: Path) -> None:
    with Store.open(tmp_path / "new" / "kb") as store:
        assert store.add_letter(make_letter()) is Outcome.ADDED
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert (tmp_path / "new" / "kb" / "kb.sqlite").is_file()


def test_export_has_the_documented_fields(store: Store) -> None:
    warning = IngestWarning("footnote-without-marker", "footnote 2 has no marker in the body")
    ref = reference("kst-29544-1085", start=24)
    store.add_letter(
        make_letter(kamerstuk="kst-29544-1158", references=(ref,), warnings=(warning,))
    )
    data = store.export()
    assert list(data) == ["documents", "footnotes", "references", "failures"]
    assert data["documents"] == [
        {
            "id": "a",
            "source": "corpus/a.txt",
            "sources": ["corpus/a.txt"],
            "format": "text",
            "sha256": hashlib.sha256(BODY.encode()).hexdigest(),
            "kind": "kamerbrief",
            "title": "Voortgang",
            "date": "2023-12-01",
            "date_precision": "day",
            "date_evidence": "Datum 1 december 2023",
            "date_confidence": 0.9,
            "date_rule": "datum-line",
            "signatory": "A. Minister",
            "role": "minister",
            "kamerstuk": "kst-29544-1158",
            "vergaderjaar": "2023-2024",
            "pages": 2,
            "warnings": [
                {
                    "code": "footnote-without-marker",
                    "message": "footnote 2 has no marker in the body",
                }
            ],
        }
    ]
    assert data["footnotes"] == [
        {
            "document": "a",
            "number": 1,
            "text": NOTE,
            "marker_context": "zie Kamerstuk 29 544, nr. 1085.",
            "start": len(BODY) + 1,
            "end": len(BODY) + 1 + len(NOTE),
            "page": 1,
            "marker_offset": BODY.index("1 Hoog"),
            "marker_raw": "1",
            "sentence_start": None,
            "sentence_end": None,
            "confidence": 0.95,
            "rule": "superscript",
        }
    ]
    assert data["references"] == [
        {
            "document": "a",
            "raw": "Kamerstuk 29544, nr. 1085",
            "id": "kst-29544-1085",
            "kind": "kamerstuk",
            "dossier": "29544",
            "number": "1085",
            "item": None,
            "vergaderjaar": None,
            "footnote": None,
            "start": 24,
            "end": 34,
            "url": "https://zoek.officielebekendmakingen.nl/kst-29544-1085.html",
            "confidence": 0.9,
            "rule": "kamerstuk-nr",
            "resolved": None,
        }
    ]
    assert data["failures"] == []


@pytest.mark.parametrize(
    ("precision", "date"),
    [
        (DatePrecision.DAY, "2023-12-01"),
        (DatePrecision.MONTH, "2023-12"),
        (DatePrecision.YEAR, "2023"),
    ],
)
def test_dates_are_truncated_to_their_precision(
    store: Store, precision: DatePrecision, date: str
) -> None:
    store.add_letter(make_letter(precision=precision))
    document = store.export()["documents"][0]
    assert (document["date"], document["date_precision"]) == (date, precision.value)


def test_re_adding_an_unchanged_letter_writes_nothing(store: Store) -> None:
    store.add_letter(make_letter())
    before = (store.db.total_changes, store.db.execute("SELECT * FROM documents").fetchall())
    assert store.add_letter(make_letter()) is Outcome.UNCHANGED
    after = (store.db.total_changes, store.db.execute("SELECT * FROM documents").fetchall())
    assert after == before


def test_a_changed_letter_replaces_its_old_version(store: Store) -> None:
    store.add_letter(make_letter(references=(reference("kst-1-2", 0),)))
    changed = make_letter(body=BODY.replace("Geachte", "Beste"))
    assert store.add_letter(changed) is Outcome.REPLACED
    assert [(d["id"], d["sha256"]) for d in store.export()["documents"]] == [("a", changed.sha256)]
    assert (count(store, "passages"), count(store, "footnotes"), count(store, "references")) == (
        2,
        1,
        0,
    )


def test_the_same_content_under_another_path_is_a_duplicate(store: Store) -> None:
    store.add_letter(make_letter())
    assert store.add_letter(make_letter(id="copy", source="elsewhere/a.txt")) is Outcome.UNCHANGED
    documents = store.export()["documents"]
    assert [(d["id"], d["source"], d["sources"]) for d in documents] == [
        ("a", "corpus/a.txt", ["corpus/a.txt", "elsewhere/a.txt"])
    ]
    assert store.add_letter(make_letter(id="copy", source="elsewhere/a.txt")) is Outcome.UNCHANGED


def test_changing_a_path_that_shares_content_keeps_the_old_content_under_the_other_path(
    store: Store,
) -> None:
    store.add_letter(make_letter())
    store.add_letter(make_letter(source="corpus/b.txt"))
    assert store.add_letter(make_letter(body="Nieuwe tekst.")) is Outcome.REPLACED
    documents = store.export()["documents"]
    assert [(d["id"], d["source"], d["sources"]) for d in documents] == [
        ("a", "corpus/b.txt", ["corpus/b.txt"]),
        ("a-2", "corpus/a.txt", ["corpus/a.txt"]),
    ]


def test_a_path_whose_content_becomes_a_duplicate_drops_its_old_version(store: Store) -> None:
    store.add_letter(make_letter())
    store.add_letter(make_letter(id="b", source="corpus/b.txt", body="Andere brief."))
    assert store.add_letter(make_letter(id="b", source="corpus/b.txt")) is Outcome.REPLACED
    documents = store.export()["documents"]
    assert [(d["id"], d["sources"]) for d in documents] == [("a", ["corpus/a.txt", "corpus/b.txt"])]


def test_an_id_taken_by_another_source_is_disambiguated(store: Store) -> None:
    assert store.add_letter(make_letter()) is Outcome.ADDED
    assert store.add_letter(make_letter(source="x/a.txt", body="Twee.")) is Outcome.ADDED
    assert store.add_letter(make_letter(source="y/a.txt", body="Drie.")) is Outcome.ADDED
    documents = store.export()["documents"]
    assert [(d["id"], d["source"]) for d in documents] == [
        ("a", "corpus/a.txt"),
        ("a-2", "x/a.txt"),
        ("a-3", "y/a.txt"),
    ]


def test_a_failing_insert_leaves_nothing_behind(store: Store) -> None:
    bad = make_letter(passage_text=["not", "a", "str"])
    with pytest.raises(sqlite3.ProgrammingError):
        store.add_letter(bad)
    assert [count(store, t) for t in ("documents", "passages", "footnotes", "warnings")] == [0] * 4
    assert store.add_letter(make_letter()) is Outcome.ADDED


def test_a_failing_replacement_keeps_the_old_version(store: Store) -> None:
    store.add_letter(make_letter())
    old = store.export()
    with pytest.raises(sqlite3.ProgrammingError):
        store.add_letter(make_letter(body="Nieuw.", passage_text=object()))
    assert store.export() == old


def test_references_resolve_to_letters_ingested_later(store: Store) -> None:
    store.add_letter(make_letter(references=(reference("kst-29544-1085", 24, footnote=1),)))
    assert store.export()["references"][0]["resolved"] is None
    store.add_letter(make_letter(id="b", source="b.txt", body="B.", kamerstuk="kst-29544-1085"))
    assert store.export()["references"][0]["resolved"] == "b"
    assert store.stats().resolved == 1


def test_export_order_does_not_depend_on_the_order_of_adding(tmp_path: Path) -> None:
    letters = [
        make_letter(
            id=name,
            source=f"{name}.txt",
            body=f"Brief {name}.",
            references=(reference("kst-1-9", 30), reference("kst-1-8", 3)),
        )
        for name in ("c", "a", "b")
    ]
    exports = []
    for order in (letters, letters[::-1]):
        with Store.open(tmp_path / str(len(exports))) as store:
            for letter in order:
                store.add_letter(letter)
            exports.append(store.export())
    assert exports[0] == exports[1]
    assert [d["id"] for d in exports[0]["documents"]] == ["a", "b", "c"]
    assert [(r["document"], r["start"]) for r in exports[0]["references"]] == [
        ("a", 3), ("a", 30), ("b", 3), ("b", 30), ("c", 3), ("c", 30)
    ]  # fmt: skip


def test_failures_are_recorded_and_cleared_on_success(store: Store) -> None:
    assert store.record_failure("corpus/a.txt", EmptyFile()) == Failure(
        "corpus/a.txt", "the file is empty (0 bytes)", "check the export or download"
    )
    assert store.export()["failures"] == [
        {
            "source": "corpus/a.txt",
            "problem": "the file is empty (0 bytes)",
            "advice": "check the export or download",
        }
    ]
    assert store.stats().failures == 1
    store.add_letter(make_letter())
    assert store.export()["failures"] == []


def test_an_unexpected_error_is_described_as_an_internal_error() -> None:
    assert Failure.from_error("x.pdf", KeyError("page")) == Failure(
        "x.pdf",
        "internal error while ingesting the file (KeyError: 'page')",
        "this is a bug in kb; please report it together with the file",
    )


def test_stats_count_everything(store: Store) -> None:
    warning = IngestWarning("w", "a warning")
    store.add_letter(make_letter(references=(reference("kst-1-2", 0),), warnings=(warning,)))
    store.record_failure("bad.txt", EmptyFile())
    assert store.stats() == Stats(
        letters=1, pages=2, footnotes=1, references=1, resolved=0, warnings=1, failures=1
    )


def test_opening_a_missing_kb_without_create_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(NoKnowledgeBase) as raised:
        Store.open(tmp_path / "none", create=False)
    assert str(raised.value) == (
        f"no knowledge base at {tmp_path / 'none'}; run `kb ingest corpus/` first"
    )
    assert not (tmp_path / "none").exists()


def test_a_kb_of_another_schema_version_is_refused(tmp_path: Path) -> None:
    (tmp_path / "kb").mkdir()
    sqlite3.connect(tmp_path / "kb" / "kb.sqlite").execute("PRAGMA user_version = 99").close()
    with pytest.raises(StoreError, match="has schema version 99, this kb expects 2"):
        Store.open(tmp_path / "kb")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("abc"), st.sampled_from("xyz")), max_size=12))
def test_every_path_ends_up_with_its_last_content(tmp_path_factory, steps) -> None:
    """Whatever the sequence of (path, content) adds, each path holds its last content once."""
    with Store.open(tmp_path_factory.mktemp("kb")) as store:
        last: dict[str, str] = {}
        for path, content in steps:
            store.add_letter(make_letter(id=path, source=path, body=content))
            last[path] = hashlib.sha256(content.encode()).hexdigest()
        documents = store.export()["documents"]
    held = {source: d["sha256"] for d in documents for source in d["sources"]}
    assert held == last
    assert sum(len(d["sources"]) for d in documents) == len(last)
    assert all(d["source"] == d["sources"][0] for d in documents)
