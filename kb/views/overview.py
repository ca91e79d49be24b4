"""The "about" page: what the knowledge base holds, what went wrong while ingesting, and when
it was last updated. Pure functions over the store; no Streamlit.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from kb import knowledge_export as kx
from kb.store import Store
from kb.views.network import TYPE_NL

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december")  # fmt: skip
KIND_NL = {"kamerbrief": "Kamerbrief", "motie": "motie", "bijlage": "bijlage", "other": "overig"}
LOCAL = ZoneInfo("Europe/Amsterdam")


def dutch_date(iso: str | None) -> str:
    """"2021-11-17" -> "17 november 2021", "2022-05" -> "mei 2022", "2022" -> "2022"."""
    if not iso:
        return "onbekend"
    parts = iso.split("-")
    if len(parts) == 3:
        return f"{int(parts[2])} {MONTHS[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return parts[0]


def dutch_timestamp(iso: str | None) -> str:
    """An ISO timestamp (UTC) as Dutch local time: "22 november 2026 om 23:23"."""
    if not iso:
        return "nog nooit"
    moment = datetime.fromisoformat(iso).astimezone(LOCAL)
    return f"{dutch_date(moment.date().isoformat())} om {moment:%H:%M}"


@dataclass(frozen=True)
class LetterRow:
    document: str
    date: str | None
    date_nl: str
    kind: str  # Dutch
    title: str | None
    signatory: str | None
    pages: int
    warnings: int


@dataclass(frozen=True)
class WarningRow:
    document: str
    title: str | None
    code: str
    message: str


@dataclass(frozen=True)
class FailureRow:
    source: str
    problem: str
    advice: str
    at: str  # Dutch local time


@dataclass(frozen=True)
class Overview:
    directory: str
    letters: tuple[LetterRow, ...]  # in date order
    per_kind: tuple[tuple[str, int], ...]  # (Dutch kind, letters), most first
    per_year: tuple[tuple[str, int], ...]  # (year or "onbekend", letters), by year
    counts: tuple[tuple[str, int], ...]  # (what, how many), Dutch
    entities: tuple[tuple[str, int], ...]  # (Dutch entity type, how many), most first
    warnings: tuple[WarningRow, ...]
    failures: tuple[FailureRow, ...]
    updated: str | None  # latest ingested_at (ISO, UTC)
    updated_nl: str
    first_date: str | None
    last_date: str | None
    has_index: bool


def overview(store: Store) -> Overview:
    """Everything the about page shows, from one store."""
    db = store.db
    docs = kx._rows(db, "SELECT d.id, d.date, d.kind, d.title, d.signatory, d.pages, "
                        "(SELECT count(*) FROM warnings w WHERE w.document = d.id) AS warnings "
                        "FROM documents d ORDER BY d.date IS NULL, d.date, d.id")  # fmt: skip
    letters = tuple(
        LetterRow(d["id"], d["date"], dutch_date(d["date"]), KIND_NL.get(d["kind"], d["kind"]),
                  d["title"], d["signatory"], d["pages"], d["warnings"])
        for d in docs
    )  # fmt: skip
    dates = [d["date"] for d in docs if d["date"]]
    updated = db.execute("SELECT max(ingested_at) FROM documents").fetchone()[0]
    return Overview(
        directory=str(store.directory), letters=letters,
        per_kind=_most_first(Counter(row.kind for row in letters)),
        per_year=tuple(sorted(Counter(d["date"][:4] if d["date"] else "onbekend"
                                      for d in docs).items())),
        counts=_counts(store), entities=_entities(store), warnings=_warnings(store),
        failures=_failures(store), updated=updated, updated_nl=dutch_timestamp(updated),
        first_date=min(dates) if dates else None, last_date=max(dates) if dates else None,
        has_index=(store.directory / "index").exists(),
    )  # fmt: skip


def _most_first(counts: Counter) -> tuple[tuple[str, int], ...]:
    return tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _counts(store: Store) -> tuple[tuple[str, int], ...]:
    stats, db = store.stats(), store.db
    one = lambda sql: db.execute(sql).fetchone()[0]  # noqa: E731
    return (
        ("brieven", stats.letters),
        ("pagina's", stats.pages),
        ("voetnoten", stats.footnotes),
        ("verwijzingen naar Kamerstukken", stats.references),
        ("waarvan naar een brief in de kennisbank", stats.resolved),
        ("entiteiten", len(kx.entities(db))),
        ("moties", len(kx.motions(db))),
        ("cijfers", one("SELECT count(*) FROM statistics")),
        ("toezeggingen", one("SELECT count(*) FROM commitments")),
        ("gebeurtenissen", one("SELECT count(*) FROM events")),
        ("vermeldingen van lidmaatschap", one("SELECT count(*) FROM memberships")),
        ("waarschuwingen", stats.warnings),
        ("mislukte bestanden", stats.failures),
    )


def _entities(store: Store) -> tuple[tuple[str, int], ...]:
    return _most_first(Counter(TYPE_NL.get(e["type"], e["type"]) for e in kx.entities(store.db)))


def _warnings(store: Store) -> tuple[WarningRow, ...]:
    rows = kx._rows(store.db, "SELECT w.document, d.title, w.code, w.message FROM warnings w "
                              "JOIN documents d ON d.id = w.document ORDER BY w.document, w.idx")
    return tuple(WarningRow(r["document"], r["title"], r["code"], r["message"]) for r in rows)


def _failures(store: Store) -> tuple[FailureRow, ...]:
    rows = kx._rows(store.db, "SELECT source, problem, advice, at FROM failures ORDER BY source")
    return tuple(
        FailureRow(r["source"], r["problem"], r["advice"], dutch_timestamp(r["at"])) for r in rows
    )
