"""Writing a letter's knowledge into the store (inside the letter's transaction)."""

from __future__ import annotations

import json
import sqlite3

from ingest.models import Knowledge

KNOWLEDGE_SCHEMA = """
CREATE TABLE mentions (
    document TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    entity TEXT NOT NULL, type TEXT NOT NULL, name TEXT NOT NULL, text TEXT NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, confidence REAL NOT NULL, rule TEXT NOT NULL,
    aliases TEXT NOT NULL,  -- JSON list
    attributes TEXT NOT NULL  -- JSON object
) STRICT;
CREATE INDEX mentions_document ON mentions(document);
CREATE INDEX mentions_entity ON mentions(entity);
CREATE TABLE memberships (
    document TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    organisation TEXT NOT NULL, grp TEXT NOT NULL, text TEXT NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, confidence REAL NOT NULL, rule TEXT NOT NULL
) STRICT;
CREATE INDEX memberships_document ON memberships(document);
CREATE TABLE motions (
    document TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    key TEXT NOT NULL, name TEXT NOT NULL, members TEXT NOT NULL, parties TEXT NOT NULL,
    reference TEXT, stance TEXT, text TEXT NOT NULL, start INTEGER NOT NULL,
    "end" INTEGER NOT NULL, sentence_start INTEGER NOT NULL, sentence_end INTEGER NOT NULL,
    confidence REAL NOT NULL, rule TEXT NOT NULL
) STRICT;
CREATE INDEX motions_document ON motions(document);
CREATE TABLE statistics (
    document TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    quote TEXT NOT NULL, value TEXT NOT NULL, number REAL NOT NULL, unit TEXT NOT NULL,
    measure TEXT, population TEXT, period TEXT, source TEXT, source_via TEXT, footnote INTEGER,
    publication TEXT, publisher TEXT, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    confidence REAL NOT NULL, rule TEXT NOT NULL
) STRICT;
CREATE INDEX statistics_document ON statistics(document);
CREATE TABLE commitments (
    document TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL, quote TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
    due_text TEXT, due TEXT, due_start TEXT, due_end TEXT, status TEXT NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, confidence REAL NOT NULL, rule TEXT NOT NULL,
    PRIMARY KEY (document, idx)
) STRICT;
CREATE TABLE events (
    document TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    quote TEXT NOT NULL, label TEXT NOT NULL, text TEXT NOT NULL,
    period_start TEXT NOT NULL, period_end TEXT NOT NULL, precision TEXT NOT NULL,
    period_label TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    sentence_start INTEGER NOT NULL, sentence_end INTEGER NOT NULL, future INTEGER NOT NULL,
    confidence REAL NOT NULL, rule TEXT NOT NULL
) STRICT;
CREATE INDEX events_document ON events(document);
"""


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _iso(value: object) -> str | None:
    return value.isoformat() if value is not None else None  # type: ignore[attr-defined]


def insert_knowledge(db: sqlite3.Connection, document: str, k: Knowledge) -> None:
    """Insert the knowledge of one letter as document `document`."""
    db.executemany(
        "INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(document, m.entity, str(m.type), m.name, m.text, m.start, m.end, m.confidence, m.rule,
          _json(list(m.aliases)), _json(dict(m.attributes))) for m in k.mentions],
    )  # fmt: skip
    db.executemany(
        "INSERT INTO memberships VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(document, m.organisation, m.group, m.text, m.start, m.end, m.confidence, m.rule)
         for m in k.memberships],
    )  # fmt: skip
    db.executemany(
        "INSERT INTO motions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(document, m.key, m.name, _json(list(m.members)), _json(list(m.parties)), m.reference,
          m.stance, m.text, m.start, m.end, m.sentence_start, m.sentence_end, m.confidence,
          m.rule) for m in k.motions],
    )  # fmt: skip
    db.executemany(
        f"INSERT INTO statistics VALUES ({', '.join('?' * 17)})",
        [(document, s.quote, s.value, s.number, s.unit, s.measure, s.population, s.period,
          s.source, s.source_via, s.footnote, s.publication, s.publisher, s.start, s.end,
          s.confidence, s.rule) for s in k.statistics],
    )  # fmt: skip
    db.executemany(
        f"INSERT INTO commitments VALUES ({', '.join('?' * 14)})",
        [(document, i, c.quote, c.actor, c.action, c.due_text, c.due, _iso(c.due_start),
          _iso(c.due_end), str(c.status), c.start, c.end, c.confidence, c.rule)
         for i, c in enumerate(k.commitments)],
    )  # fmt: skip
    db.executemany(
        f"INSERT INTO events VALUES ({', '.join('?' * 15)})",
        [(document, e.quote, e.label, e.text, e.period.start.isoformat(),
          e.period.end.isoformat(), str(e.period.precision), e.period.label, e.start, e.end,
          e.sentence_start, e.sentence_end, int(e.future), e.confidence, e.rule)
         for e in k.events],
    )  # fmt: skip
