"""Membership of a group (e.g. the Taskforce VIA) per letter: who is listed in each letter
that lists the group's members, who joined and who left. Pure functions over the store (the
matrix comes from kb.queries.membership_matrix); no Streamlit.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from kb import knowledge_export as kx
from kb.queries import membership_matrix
from kb.store import Store
from kb.views.sentences import sentence_span


@dataclass(frozen=True)
class Group:
    """A group with a member list in some letter (e.g. the Taskforce VIA)."""

    key: str
    label: str
    letters: int
    members: int


@dataclass(frozen=True)
class MemberLetter:
    """A letter that lists the group's members, with the list as quoted proof."""

    document: str
    title: str | None
    date: str | None
    column: str  # a unique column header: the date ("2021-11-17"), or date and id
    quote: str
    start: int
    end: int


@dataclass(frozen=True)
class MemberRow:
    organisation: str
    label: str
    listed: tuple[bool, ...]  # per letter, in letter order
    written: tuple[str | None, ...]  # the name as that letter wrote it
    joined: tuple[str, ...]  # letters listing it after an earlier letter without it
    left: tuple[str, ...]  # letters no longer listing it after an earlier letter with it


@dataclass(frozen=True)
class Change:
    """Who joined and who left, as seen in one letter (compared with the letter before)."""

    document: str
    title: str | None
    date: str | None
    joined: tuple[str, ...]  # labels
    left: tuple[str, ...]


@dataclass(frozen=True)
class MembershipView:
    group: str
    group_label: str
    groups: tuple[Group, ...]  # every group, most listed first
    letters: tuple[MemberLetter, ...]  # in date order
    rows: tuple[MemberRow, ...]  # by label
    changes: tuple[Change, ...]  # one per letter after the first


def membership_view(store: Store, group: str | None = None) -> MembershipView | None:
    """Members of `group` (default: the most listed group) per letter; None without lists."""
    rows = kx.memberships(store.db)
    if not rows:
        return None
    counts = Counter(r["group"] for r in rows)
    group = group if group in counts else counts.most_common(1)[0][0]
    labels = {e["id"]: e["name"] for e in kx.entities(store.db)}
    groups = tuple(
        Group(g, labels.get(g, g), len({r["document"] for r in rows if r["group"] == g}),
              len({r["organisation"] for r in rows if r["group"] == g}))
        for g, _ in counts.most_common()
    )  # fmt: skip
    mine = [r for r in rows if r["group"] == group]
    letters = _member_letters(store, mine)
    documents = [m.document for m in letters]
    written = {(r["organisation"], r["document"]): r["text"] for r in mine}
    member_rows = []
    for org, listed in membership_matrix(store, group).items():
        flags = tuple(listed[d] for d in documents)
        member_rows.append(MemberRow(
            org, labels.get(org, org), flags, tuple(written.get((org, d)) for d in documents),
            tuple(documents[i] for i in range(1, len(flags)) if flags[i] and not flags[i - 1]),
            tuple(documents[i] for i in range(1, len(flags)) if flags[i - 1] and not flags[i]),
        ))  # fmt: skip
    member_rows.sort(key=lambda m: (m.label.lower(), m.organisation))
    return MembershipView(group, labels.get(group, group), groups, letters, tuple(member_rows),
                          _changes(letters, member_rows))  # fmt: skip


def _member_letters(store: Store, mine: list[dict]) -> tuple[MemberLetter, ...]:
    spans: dict[str, tuple[int, int]] = {}
    for r in mine:
        lo, hi = spans.get(r["document"], (r["start"], r["end"]))
        spans[r["document"]] = (min(lo, r["start"]), max(hi, r["end"]))
    marks = ", ".join("?" * len(spans))
    docs = kx._rows(store.db, f"SELECT id, title, date, text FROM documents WHERE id IN ({marks})",
                    *spans)  # fmt: skip
    docs.sort(key=lambda d: (d["date"] or "", d["id"]))
    out, seen = [], set()
    for d in docs:
        left, right = sentence_span(d["text"], *spans[d["id"]])
        column = d["date"] or d["id"]
        column = column if column not in seen else f"{column} ({d['id']})"
        seen.add(column)
        out.append(MemberLetter(d["id"], d["title"], d["date"], column,
                                " ".join(d["text"][left:right].split()), left, right))
    return tuple(out)


def _changes(letters: tuple[MemberLetter, ...], rows: list[MemberRow]) -> tuple[Change, ...]:
    return tuple(
        Change(m.document, m.title, m.date,
               tuple(r.label for r in rows if m.document in r.joined),
               tuple(r.label for r in rows if m.document in r.left))
        for m in letters[1:]
    )  # fmt: skip
