"""Questions users ask, answered from the store with the sentence as proof.

- trace a motion: the motion, its Kamerstuk, who filed it, and what each letter says about it;
- trace a statistic: the figure, its footnote, publication and publisher, and other figures
  from the same source;
- partner membership over time; the 2018–2029 timeline.
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from kb import knowledge_export as kx
from kb.store import Store

OB_URL = "https://zoek.officielebekendmakingen.nl/{}.html"


def fold(text: str) -> str:
    """Lowercase without accents or extra spaces, for forgiving matching ("Kostić" ~ "kostic")."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.lower().replace("-", " ").split())


@dataclass(frozen=True)
class Step:
    """What one letter says: its date, title and the sentence, with the span to open it at."""

    document: str
    date: str | None
    title: str | None
    quote: str
    start: int
    end: int
    stance: str | None = None


@dataclass(frozen=True)
class MotionTrace:
    id: str
    name: str
    members: tuple[str, ...]
    parties: tuple[str, ...]
    reference: str | None
    url: str | None
    status: str
    own_document: str | None  # the motion itself, when it is in the knowledge base
    steps: tuple[Step, ...] = ()


def trace_motion(store: Store, text: str) -> list[MotionTrace]:
    """Motions whose name, members or Kamerstuk match `text`, each with its letters in order."""
    wanted = fold(text).removeprefix("motie ").strip()
    out = []
    for motion in kx.motions(store.db):
        haystack = fold(" ".join([motion["name"], motion["id"], *motion["members"]]))
        if wanted and wanted not in haystack:
            continue
        out.append(_motion_trace(store, motion))
    return out


def _motion_trace(store: Store, motion: dict) -> MotionTrace:
    ref = motion["reference"]
    own = store.db.execute("SELECT MIN(id) FROM documents WHERE kamerstuk = ?", (ref,)).fetchone()
    rows = kx._rows(
        store.db,
        "SELECT m.*, d.date, d.title, d.text AS doc_text FROM motions m "
        "JOIN documents d ON d.id = m.document WHERE m.document IN ({}) ".format(
            ", ".join("?" * len(motion["documents"]))
        ),
        *motion["documents"],
    )
    members = {m.lower() for m in motion["members"]}
    steps = [
        Step(r["document"], r["date"], r["title"],
             r["doc_text"][r["sentence_start"] : r["sentence_end"]], r["sentence_start"],
             r["sentence_end"], r["stance"])
        for r in rows
        if r["key"] == motion["id"] or r["reference"] == ref
        or (members and {m.lower() for m in json.loads(r["members"])} == members)
    ]  # fmt: skip
    steps.sort(key=lambda s: (s.date or "", s.document, s.start))
    return MotionTrace(
        id=motion["id"], name=motion["name"], members=tuple(motion["members"]),
        parties=tuple(motion["parties"]), reference=ref,
        url=OB_URL.format(ref) if ref else None, status=motion["status"],
        own_document=own[0] if own else None, steps=tuple(steps),
    )  # fmt: skip


@dataclass(frozen=True)
class StatisticTrace:
    document: str
    date: str | None
    value: str
    quote: str
    start: int
    end: int
    measure: str | None
    source: str | None
    source_via: str | None
    footnote: int | None
    publication: str | None
    publisher: str | None
    same_source: tuple[Step, ...] = field(default=())


def trace_statistic(store: Store, text: str) -> list[StatisticTrace]:
    """Figures whose value or sentence match `text`, with their source chain."""
    wanted = fold(text)
    rows = kx._rows(store.db, "SELECT s.*, d.date FROM statistics s JOIN documents d "
                              "ON d.id = s.document ORDER BY d.date, s.document, s.start")
    out = []
    for row in rows:
        if wanted not in fold(row["value"]) and wanted not in fold(row["quote"]):
            continue
        related = [
            Step(r["document"], r["date"], None, r["value"], r["start"], r["end"])
            for r in rows
            if r is not row and _same_source(r, row)
        ]
        out.append(StatisticTrace(
            row["document"], row["date"], row["value"], row["quote"], row["start"], row["end"],
            row["measure"], row["source"], row["source_via"], row["footnote"],
            row["publication"], row["publisher"], tuple(related),
        ))  # fmt: skip
    return out


def _same_source(a: dict, b: dict) -> bool:
    if a["publication"] and a["publication"] == b["publication"]:
        return True
    return bool(a["publisher"]) and a["publisher"] == b["publisher"] and not b["publication"]


def membership_matrix(store: Store, group: str | None = None) -> dict[str, dict[str, bool]]:
    """{organisation: {document: listed}} for a group (default: the most listed group)."""
    rows = kx.memberships(store.db)
    if not rows:
        return {}
    if group is None:
        counts = Counter(r["group"] for r in rows)
        group = counts.most_common(1)[0][0]
    documents = sorted({r["document"] for r in rows if r["group"] == group},
                       key=lambda d: _date_of(store, d))  # fmt: skip
    matrix: dict[str, dict[str, bool]] = {}
    for r in rows:
        if r["group"] == group:
            matrix.setdefault(r["organisation"], dict.fromkeys(documents, False))
            matrix[r["organisation"]][r["document"]] = True
    return dict(sorted(matrix.items()))


def _date_of(store: Store, document: str) -> str:
    row = store.db.execute("SELECT date FROM documents WHERE id = ?", (document,)).fetchone()
    return (row[0] if row else None) or ""


@dataclass(frozen=True)
class TimelineItem:
    lane: str  # "brief" | "gebeurtenis" | "toezegging" | "programma"
    label: str
    start: str
    end: str
    document: str | None
    quote: str | None
    status: str | None = None
    offset: int | None = None


def timeline(store: Store, first: int = 2018, last: int = 2029) -> list[TimelineItem]:
    """Letters, dated events and commitment due dates between two years, in date order."""
    lo, hi = f"{first:04d}-01-01", f"{last:04d}-12-31"
    items = [
        TimelineItem("brief", d["title"] or d["id"], pad_date(d["date"]),
                     pad_date(d["date"], end=True), d["id"], None)
        for d in kx._rows(store.db, "SELECT id, title, date FROM documents WHERE date IS NOT NULL")
    ]  # fmt: skip
    items += [
        TimelineItem("gebeurtenis", e["label"], e["start"], e["end"], e["document"], e["quote"],
                     "toekomst" if e["future"] else "verleden", e["start_offset"])
        for e in kx.events(store.db)
    ]  # fmt: skip
    items += [
        TimelineItem("toezegging", c["action"], c["due_start"], c["due_end"], c["document"],
                     c["quote"], c["status"], c["start"])
        for c in kx.commitment_rows(store.db) if c["due_start"]
    ]  # fmt: skip
    inside = [i for i in items if i.end >= lo and i.start <= hi]
    return sorted(inside, key=lambda i: (i.start, i.lane, i.label))


def pad_date(date: str, end: bool = False) -> str:
    """ISO date of any precision to a full date: "2023" -> "2023-01-01" (or "-12-31")."""
    if len(date) == 10:
        return date
    if len(date) == 7:
        if not end:
            return f"{date}-01"
        import calendar

        year, month = int(date[:4]), int(date[5:7])
        return f"{date}-{calendar.monthrange(year, month)[1]:02d}"
    return f"{date}-12-31" if end else f"{date}-01-01"
