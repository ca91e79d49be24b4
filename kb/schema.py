"""The SQLite schema of the knowledge base and the column lists the export reads."""

from __future__ import annotations

SCHEMA_VERSION = 2

# STRICT tables: a value of the wrong type is an error, not silently converted.
SCHEMA = """
CREATE TABLE documents (
    id TEXT PRIMARY KEY, source TEXT NOT NULL,
    sources TEXT NOT NULL,  -- JSON list of every path this content was seen under
    format TEXT NOT NULL, sha256 TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, title TEXT,
    date TEXT,  -- ISO, truncated to date_precision
    date_precision TEXT, date_evidence TEXT, date_confidence REAL NOT NULL,
    date_rule TEXT NOT NULL, signatory TEXT, role TEXT,
    kamerstuk TEXT,  -- the letter's own id, e.g. kst-29544-1158
    vergaderjaar TEXT, pages INTEGER NOT NULL, text TEXT NOT NULL, body_end INTEGER NOT NULL,
    metadata_evidence TEXT NOT NULL,  -- JSON object: field -> how it was found
    ingested_at TEXT NOT NULL
) STRICT;
CREATE INDEX documents_source ON documents(source);
CREATE INDEX documents_kamerstuk ON documents(kamerstuk);
CREATE TABLE passages (
    document TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL, kind TEXT NOT NULL, text TEXT NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, page INTEGER,
    PRIMARY KEY (document, idx)
) STRICT;
CREATE TABLE footnotes (
    document TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    number INTEGER NOT NULL, text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    page INTEGER, marker_offset INTEGER, marker_raw TEXT, marker_context TEXT,
    sentence_start INTEGER, sentence_end INTEGER, confidence REAL NOT NULL, rule TEXT NOT NULL
) STRICT;
CREATE INDEX footnotes_document ON footnotes(document);
CREATE TABLE "references" (
    document TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    raw TEXT NOT NULL, id TEXT NOT NULL, kind TEXT NOT NULL, dossier TEXT, number TEXT,
    item TEXT, vergaderjaar TEXT, footnote INTEGER, start INTEGER NOT NULL,
    "end" INTEGER NOT NULL, url TEXT, confidence REAL NOT NULL, rule TEXT NOT NULL
) STRICT;
CREATE INDEX references_document ON "references"(document);
CREATE INDEX references_id ON "references"(id);
CREATE TABLE warnings (
    document TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL, code TEXT NOT NULL, message TEXT NOT NULL,
    PRIMARY KEY (document, idx)
) STRICT;
CREATE TABLE failures (
    source TEXT PRIMARY KEY, problem TEXT NOT NULL, advice TEXT NOT NULL, at TEXT NOT NULL
) STRICT;
"""

# The exported columns, in export order (the export holds no text, passages or timestamps).
DOCUMENT_COLUMNS = (
    "id, source, sources, format, sha256, kind, title, date, date_precision, date_evidence, "
    "date_confidence, date_rule, signatory, role, kamerstuk, vergaderjaar, pages"
)
FOOTNOTE_COLUMNS = (
    'document, number, text, marker_context, start, "end", page, marker_offset, marker_raw, '
    "sentence_start, sentence_end, confidence, rule"
)
REFERENCE_COLUMNS = (
    'document, raw, id, kind, dossier, number, item, vergaderjaar, footnote, start, "end", url, '
    "confidence, rule"
)
# A reference resolves to the document whose own Kamerstuk id it cites. Computed when read,
# so a letter ingested later still resolves the references made before it arrived.
RESOLVED = "(SELECT MIN(d.id) FROM documents d WHERE d.kamerstuk = r.id) AS resolved"
