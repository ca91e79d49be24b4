"""Knowledge across letters: entities, motions, statistics, commitments and events as records.

Per-letter facts are merged here: an entity is every mention with one key; a motion is every
mention with one key, where mentions without a Kamerstuk join the motion with the same members
that has one.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter, defaultdict
from typing import Any


def _rows(db: sqlite3.Connection, sql: str, *args: object) -> list[dict[str, Any]]:
    cur = db.execute(sql, args)
    names = [c[0] for c in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def entities(db: sqlite3.Connection) -> list[dict[str, Any]]:
    """One record per entity key: type, most used canonical name, aliases, documents."""
    by_key: dict[str, dict[str, Any]] = {}
    for row in _rows(db, "SELECT * FROM mentions ORDER BY document, start"):
        item = by_key.setdefault(
            row["entity"],
            {"id": row["entity"], "type": row["type"], "names": Counter(), "aliases": set(),
             "documents": set()},
        )  # fmt: skip
        item["names"][row["name"]] += 1
        item["aliases"].update(json.loads(row["aliases"]))
        item["aliases"].add(row["text"])
        item["documents"].add(row["document"])
    for row in _rows(db, "SELECT DISTINCT organisation, grp, document FROM memberships"):
        for key in (row["organisation"], row["grp"]):
            item = by_key.setdefault(
                key, {"id": key, "type": "organisation", "names": Counter(), "aliases": set(),
                      "documents": set()},
            )  # fmt: skip
            item["documents"].add(row["document"])
    for motion in motions(db):
        by_key.setdefault(motion["id"], {"id": motion["id"], "type": "motion",
                                         "names": Counter({motion["name"]: 1}), "aliases": set(),
                                         "documents": set(motion["documents"])})  # fmt: skip
    return [_entity_record(item) for _, item in sorted(by_key.items())]


def _entity_record(item: dict[str, Any]) -> dict[str, Any]:
    names: Counter = item["names"]
    name = names.most_common(1)[0][0] if names else _name_from_key(item["id"])
    return {
        "id": item["id"],
        "type": item["type"],
        "name": name,
        "aliases": sorted(a for a in item["aliases"] if a != name),
        "documents": sorted(item["documents"]),
    }


def _name_from_key(key: str) -> str:
    return key.split(":", 1)[-1].replace("-", " ")


def memberships(db: sqlite3.Connection) -> list[dict[str, Any]]:
    return _rows(
        db,
        'SELECT organisation, grp AS "group", document, text, start, "end", confidence, rule '
        "FROM memberships ORDER BY document, start",
    )


def motions(db: sqlite3.Connection) -> list[dict[str, Any]]:
    """Motions across letters, keyed by Kamerstuk when any mention knows it."""
    rows = _rows(db, "SELECT * FROM motions ORDER BY document, start")
    by_members = {_member_key(r): r["key"] for r in rows if r["key"].startswith("kst-")}
    merged: dict[str, dict[str, Any]] = {}
    for row in rows:
        key = row["key"] if row["key"].startswith("kst-") else by_members.get(_member_key(row))
        key = key or row["key"]
        item = merged.setdefault(key, {"id": key, "names": Counter(), "members": [],
                                       "parties": [], "reference": None, "documents": set(),
                                       "stances": []})  # fmt: skip
        item["names"][row["name"]] += 1
        _extend(item["members"], json.loads(row["members"]))
        _extend(item["parties"], json.loads(row["parties"]))
        item["reference"] = item["reference"] or row["reference"]
        item["documents"].add(row["document"])
        if row["stance"]:
            item["stances"].append(row["stance"])
    return [_motion_record(item) for _, item in sorted(merged.items())]


def _member_key(row: dict[str, Any]) -> str:
    members = json.loads(row["members"])
    return "|".join(sorted(m.lower() for m in members)) if members else f"#{row['key']}"


def _extend(target: list[str], values: list[str]) -> None:
    target.extend(v for v in values if v not in target)


STANCE_STATUS = {
    "afgedaan": "afgedaan", "uitvoering": "in uitvoering", "invulling": "in uitvoering"
}


def _motion_record(item: dict[str, Any]) -> dict[str, Any]:
    statuses = [STANCE_STATUS[s] for s in item["stances"] if s in STANCE_STATUS]
    status = "afgedaan" if "afgedaan" in statuses else (statuses[-1] if statuses else "vermeld")
    return {
        "id": item["id"],
        "name": item["names"].most_common(1)[0][0],
        "members": item["members"],
        "parties": item["parties"],
        "reference": item["reference"] or (item["id"] if item["id"].startswith("kst-") else None),
        "documents": sorted(item["documents"]),
        "status": status,
    }


def statistics(db: sqlite3.Connection) -> list[dict[str, Any]]:
    return _rows(
        db,
        "SELECT document, quote, value, number, unit, measure, population, period, source, "
        'source_via, footnote, publication, publisher, start, "end", confidence, rule '
        "FROM statistics ORDER BY document, start",
    )


def events(db: sqlite3.Connection) -> list[dict[str, Any]]:
    return _rows(
        db,
        'SELECT document, quote, label, text, period_start AS start, period_end AS "end", '
        'precision, period_label AS period, start AS start_offset, "end" AS end_offset, future, '
        "confidence, rule FROM events ORDER BY document, start_offset",
    )


def commitment_rows(db: sqlite3.Connection) -> list[dict[str, Any]]:
    """Commitments as stored, with their letter's date (for fulfilment)."""
    return _rows(
        db,
        "SELECT c.*, d.date AS letter_date FROM commitments c JOIN documents d "
        "ON d.id = c.document ORDER BY c.document, c.idx",
    )


def group_by(rows: list[dict[str, Any]], key: str) -> dict[Any, list[dict[str, Any]]]:
    out: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        out[row[key]].append(row)
    return out
