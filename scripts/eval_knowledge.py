"""Measure knowledge extraction on held-out letters against a hand-made truth.

    .venv/bin/python scripts/eval_knowledge.py [--truth tests/heldout/truth.json] [--json]

Reads every letter named in the truth with `read_letter`, compares, prints one table (columns:
letters, then the total over all letters) and the failures (letter, category, expected, got).

Matching rules (`norm`: NFKC, casefold, whitespace collapsed, a leading "de"/"het"/"een" and
trailing ".,;:" dropped):

- metadata: date = `metadata.date.iso()` equals the truth date; signatory, role equal as
  written; title: norm-equal to one of the accepted titles; kamerstuk: the letter's own id.
- footnotes: a truth footnote (number, text prefix) is found when a footnote with that number
  has a text starting with the prefix (norm); "linked" = found and its marker was located.
- references: the set of reference ids against the truth's set.
- organisations: mentions of type organisation, each with its text and aliases. A surface form
  is found when a mention's text or alias is norm-equal to it; a group is found when one of its
  forms is. Precision counts entity keys: a key is right when one of its texts/aliases is a form
  of a truth group, ignored when it only matches an optional name. A found group is merged
  correctly when all its forms that occur in the cleaned text were found, they got exactly one
  key, and no other truth group got that key. "across letters": a group id in several letters
  gets the same key in each.
- memberships: a membership matches a truth member when its text is norm-equal to the list item
  as written or to a form of the member's group, or its organisation is the key the letter's
  mentions gave to that group; one-to-one. P/R/F1 per letter over all of the letter's
  memberships (whatever group); "group" = share of matched memberships whose group key contains
  the slug of an accepted group name. Changes: keys listed in the later letter but not in the
  earlier one (joined) and the reverse (left), mapped back to truth ids, equal to the truth's.
- motions: mentions grouped by their member set (casefolded); a truth motion is found when a
  group has its member set; "kst" = the group's key is the truth Kamerstuk; "stance" = some
  mention has an accepted stance; "parties" = every truth party (or its alternative) is among
  the group's parties. Precision over groups.
- statistics: an extracted value matches a truth value when one (norm) contains the other at
  word boundaries and both start with the same number; one-to-one in text order. "source" = the
  matched statistic's publisher is one of the accepted publishers (norm), or both are None.
  Optional values are left out of precision.
- commitments: an extracted commitment matches when its quote contains the truth's first words
  (norm); one-to-one. "due" = start and end within tolerance_days (default 3) of the truth's
  where the truth gives them, and no due period when the truth has none; "label" = equal labels
  (informative only: open ends are written "2024-03-01/.." by the code, so label rows are not
  listed as failures; the period rows decide).
- events: a truth expression is located in the body (case-insensitive, any whitespace); an
  event matches when its span overlaps an occurrence; one-to-one. "period" as for commitments;
  an unmatched event overlapping an optional expression is left out of precision.
- fulfilment: every extracted commitment is tried with `kb.fulfilment.candidates_for` against
  all held-out letters (as the store feeds it, see kb/commitments_view.py); a (commitment,
  letter) pair is right when the truth lists that letter for the matched truth commitment
  (unlisted and unmatched commitments expect none). "status" = `status_of` on 2025-12-31 is an
  accepted status (default Openstaand).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from ingest.models import EntityType, Event, Letter, Membership  # noqa: E402
from ingest.people import slug  # noqa: E402
from ingest.pipeline import read_letter  # noqa: E402
from kb.fulfilment import (  # noqa: E402
    CommitmentFacts,
    LetterFacts,
    candidates_for,
    commitment_key,
    status_of,
)

TRUTH = REPO / "tests" / "heldout" / "truth.json"
TODAY = dt.date(2025, 12, 31)
TOTAL = "total"
ORG = EntityType.ORGANISATION
T = TypeVar("T")


@dataclass
class Score:
    """One cell: tp/fp/fn for precision and recall, ok/n for checks."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    ok: int = 0
    n: int = 0

    def add(self, other: Score) -> None:
        for key, value in vars(other).items():
            setattr(self, key, getattr(self, key) + value)

    def cell(self, kind: str) -> str:
        if kind == "acc":
            return f"{self.ok}/{self.n}" if self.n else "-"
        parts = (self.tp + self.fp, self.tp + self.fn, 2 * self.tp + self.fp + self.fn)
        num = (self.tp, self.tp, 2 * self.tp)
        return "/".join(f"{a / b:.2f}" if b else "-" for a, b in zip(num, parts, strict=True))


@dataclass
class Report:
    """Scores per (row, letter), the kind of each row ("prf" or "acc") and the failures."""

    scores: dict[tuple[str, str], Score] = field(default_factory=lambda: defaultdict(Score))
    kinds: dict[str, str] = field(default_factory=dict)
    failures: list[tuple[str, str, str, str]] = field(default_factory=list)

    def score(self, row: str, kind: str, letter: str) -> Score:
        self.kinds.setdefault(row, kind)
        return self.scores[row, letter]

    def fail(self, letter: str, category: str, expected: object, got: object) -> None:
        self.failures.append((letter, category, str(expected), str(got)))

    def check(self, row: str, letter: str, ok: bool, expected: object, got: object) -> None:
        """One right/wrong check; a wrong one is a failure unless the row is informative."""
        cell = self.score(row, "acc", letter)
        cell.n, cell.ok = cell.n + 1, cell.ok + ok
        if not ok and not row.endswith("label"):  # labels: conventions differ, periods count
            self.fail(letter, row, expected, got)

    def prf(self, row: str, letter: str, tp: int, fp: int, fn: int) -> None:
        cell = self.score(row, "prf", letter)
        cell.tp, cell.fp, cell.fn = cell.tp + tp, cell.fp + fp, cell.fn + fn


def norm(text: str | None) -> str:
    t = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text or "").casefold()).strip()
    return re.sub(r"^(?:de|het|een) ", "", t).rstrip(".,;: ")


def contains(outer: str, inner: str) -> bool:
    """`inner` occurs in `outer` at word boundaries."""
    return bool(inner) and re.search(rf"(?<!\w){re.escape(inner)}(?!\w)", outer) is not None


def within(got: dt.date | None, want: str | None, days: int) -> bool:
    if want is None:
        return True
    return got is not None and abs((got - dt.date.fromisoformat(want)).days) <= days


def period_ok(start: dt.date | None, end: dt.date | None, t: dict, keys: tuple[str, str]) -> bool:
    days = t.get("tolerance_days", 3)
    return within(start, t[keys[0]], days) and within(end, t[keys[1]], days)


def occurrences(letter: Letter, text: str) -> list[tuple[int, int]]:
    """Where `text` stands in the body (case-insensitive, any whitespace)."""
    pattern = r"\s+".join(re.escape(w) for w in text.split())
    found = re.finditer(pattern, letter.text[: letter.body_end], re.IGNORECASE)
    return [(m.start(), m.end()) for m in found]


def overlaps(event: Event, spans: list[tuple[int, int]]) -> bool:
    return any(event.start < b and a < event.end for a, b in spans)


def one_to_one(
    r: Report,
    name: str,
    row: str,
    wanted: Sequence[Any],
    got: Sequence[T],
    same: Callable,
    show: Callable[[Any], str],
) -> tuple[list[tuple[Any, T]], list[T]]:
    """Pair each wanted item with the first unused extracted item `same(want, item)` accepts;
    return the pairs and the extracted items left over. A wanted item without one fails."""
    used: set[int] = set()
    pairs = []
    for want in wanted:
        hit = next((i for i, x in enumerate(got) if i not in used and same(want, x)), None)
        if hit is None:
            r.fail(name, row, show(want), "not found")
        else:
            used.add(hit)
            pairs.append((want, got[hit]))
    return pairs, [x for i, x in enumerate(got) if i not in used]  # fmt: skip


# --- metadata, footnotes, references --------------------------------------------------------


def eval_metadata(r: Report, name: str, letter: Letter, truth: dict) -> None:
    meta = letter.metadata
    for row, got, want in (
        ("date", meta.date.iso(), truth["date"]),
        ("signatory", meta.signatory, truth["signatory"]),
        ("role", meta.role, truth["role"]),
        ("own kamerstuk", meta.kamerstuk, truth["kamerstuk"]),
    ):
        r.check(row, name, got == want, want, got)
    ok = norm(meta.title) in {norm(t) for t in truth["title"]}
    r.check("title", name, ok, truth["title"][0], meta.title)


def eval_footnotes(r: Report, name: str, letter: Letter, truth: dict) -> None:
    got = {f.number: f for f in letter.footnotes}
    found = 0
    for number, prefix in truth["footnotes"]:
        note = got.get(number)
        ok = note is not None and norm(note.text).startswith(norm(prefix))
        found += ok
        if not ok:
            r.fail(name, "footnote", f"{number} {prefix}", note and note.text[:60])
        linked = ok and note.marker_offset is not None
        got_marker = "no marker" if ok else "no such footnote"
        r.check("footnote linked", name, linked, f"marker of {number}", got_marker)
    extra = sorted(set(got) - {n for n, _ in truth["footnotes"]})
    for n in extra:
        r.fail(name, "footnote", "none", f"{n} {got[n].text[:60]}")
    r.prf("footnotes", name, found, len(extra), len(truth["footnotes"]) - found)


def eval_references(r: Report, name: str, letter: Letter, truth: dict) -> None:
    got, want = {ref.id for ref in letter.references}, set(truth["references"])
    r.prf("references", name, len(got & want), len(got - want), len(want - got))
    for missing in sorted(want - got):
        r.fail(name, "reference", missing, "missing")
    for extra in sorted(got - want):
        r.fail(name, "reference", "none", extra)


# --- organisations and memberships ----------------------------------------------------------


def org_index(letter: Letter) -> dict[str, set[str]]:
    """norm(text or alias) -> the entity keys of the organisation mentions written so."""
    index: dict[str, set[str]] = defaultdict(set)
    for m in letter.knowledge.mentions:
        if m.type == EntityType.ORGANISATION:
            for form in (m.text, *m.aliases):
                index[norm(form)].add(m.entity)
    return index


def eval_organisations(r: Report, name: str, letter: Letter, truth: dict) -> dict[str, set]:
    """Score the organisation groups; return truth id -> the keys its forms got."""
    index = org_index(letter)
    keys_of = {
        g["id"]: set().union(*(index.get(norm(f), set()) for f in g["forms"]))
        for g in truth["organisations"]
    }
    owners: dict[str, set[str]] = defaultdict(set)
    for gid, keys in keys_of.items():
        for key in keys:
            owners[key].add(gid)
    typed = {norm(m.text): m.entity for m in letter.knowledge.mentions if m.type != ORG}
    for group in truth["organisations"]:
        keys, forms = keys_of[group["id"]], " / ".join(group["forms"])
        other = [typed[norm(f)] for f in group["forms"] if norm(f) in typed]
        got = f"typed as {other[0]}" if other else "not found"
        r.check("organisations found", name, bool(keys), forms, got)
        if keys:
            check_merged(r, name, letter, group, index, owners)
    optional = {norm(o) for o in truth["optional_organisations"]}
    for key in sorted(set().union(*index.values()) - set(owners)):
        forms = {f for f, keys in index.items() if key in keys}
        if not forms <= optional:
            r.check("organisation keys right", name, False, "none", f"{key} {sorted(forms)}")
    for _ in owners:
        r.check("organisation keys right", name, True, "", "")
    return keys_of


def check_merged(r: Report, name: str, letter: Letter, group: dict, index: dict, owners: dict):
    """All forms of the group written in the letter got one key, which no other group has."""
    present = [f for f in group["forms"] if contains(letter.text, f)]
    unfound = [f for f in present if not index.get(norm(f))]
    keys = set().union(*(index.get(norm(f), set()) for f in group["forms"]))
    shared = set().union(*(owners[k] for k in keys)) - {group["id"]}
    ok = not unfound and len(keys) == 1 and not shared
    got = f"keys {sorted(keys)}, not found {unfound}, shared with {sorted(shared)}"
    r.check("organisations merged", name, ok, f"one key for {' / '.join(group['forms'])}", got)


def eval_across(r: Report, keys: dict[str, dict[str, set]]) -> None:
    """A truth group found in several letters should get one and the same key in each."""
    per_id: dict[str, dict[str, set]] = defaultdict(dict)
    for name, groups in keys.items():
        for gid, found in groups.items():
            if found:
                per_id[gid][name] = found
    for gid, seen in sorted(per_id.items()):
        if len(seen) > 1:
            ok = len(set().union(*seen.values())) == 1
            r.check("org keys across letters", TOTAL, ok, f"one key for {gid}", seen)


def eval_memberships(
    r: Report, name: str, letter: Letter, truth: dict, keys_of: dict[str, set]
) -> dict[str, tuple[str, str]]:
    """Score the membership lists; return truth id -> (organisation key, group key)."""
    forms = {g["id"]: {norm(f) for f in g["forms"]} for g in truth["organisations"]}
    wanted = [(mid, w, tuple(b["group"])) for b in truth["memberships"] for mid, w in b["members"]]

    def same(want: tuple, m: Membership) -> bool:
        mid, written, _ = want
        return norm(m.text) in {norm(written), *forms[mid]} or m.organisation in keys_of[mid]

    pairs, extra = one_to_one(
        r, name, "memberships", wanted, letter.knowledge.memberships, same, lambda w: w[1]
    )
    for (_, _, group), m in pairs:
        ok = any(slug(alias) in m.group for alias in group)
        r.check("membership group", name, ok, group[0], m.group)
    for m in extra:
        r.fail(name, "memberships", "none", f"{m.group} <- {m.text!r} ({m.organisation})")
    r.prf("memberships", name, len(pairs), len(extra), len(wanted) - len(pairs))
    return {mid: (m.organisation, m.group) for (mid, _, _), m in pairs}


def eval_changes(r: Report, letters: dict[str, Letter], members: dict, truth: dict) -> None:
    """Joined and left between two letters, as the organisation keys of their lists show it."""
    for change in truth["membership_changes"]:
        sides = [(letters[change[k]], members[change[k]]) for k in ("from", "to")]
        back = {key: mid for _, side in sides for mid, (key, _) in side.items()}
        old, new = (
            {
                m.organisation
                for m in x.knowledge.memberships
                if m.group in {g for _, g in s.values()}
            }
            for x, s in sides
        )
        for row, keys, want in (
            ("joined", new - old, change["joined"]),
            ("left", old - new, change["left"]),
        ):
            got = sorted(back.get(k, k) for k in keys)
            r.check("membership changes", TOTAL, got == sorted(want), f"{row} {want}", got)


# --- motions, statistics, commitments, events -----------------------------------------------


def eval_motions(r: Report, name: str, letter: Letter, truth: dict) -> None:
    groups: dict[frozenset[str], list] = defaultdict(list)
    for m in letter.knowledge.motions:
        groups[frozenset(x.casefold() for x in m.members)].append(m)
    wanted = {frozenset(x.casefold() for x in t["members"]): t for t in truth["motions"]}
    for members, t in wanted.items():
        found = groups.get(members)
        if not found:
            r.fail(name, "motion", "/".join(t["members"]), "not found")
            continue
        keys = sorted({m.key for m in found})
        r.check("motion kst", name, keys == [t["kst"]], t["kst"], keys)
        stances = [m.stance for m in found]
        ok = any(s in t["stance"] for s in stances)
        r.check("motion stance", name, ok, t["stance"], stances)
        parties = {norm(p) for m in found for p in m.parties}
        alts = [[p] if isinstance(p, str) else p for p in t["parties"]]
        ok = all(any(norm(a) in parties for a in alt) for alt in alts)
        r.check("motion parties", name, ok, t["parties"], sorted(parties))
    extra = [g for g in groups if g not in wanted]
    for g in extra:
        r.fail(name, "motion", "none", [m.text for m in groups[g]])
    tp = len(set(groups) & set(wanted))
    r.prf("motions", name, tp, len(extra), len(wanted) - tp)


NUMBER = re.compile(
    r"\d[\d.,]*\d|\d|(?<!\w)(?:een|één|twee|drie|vier|vijf|anderhalf|helft|kwart|derde)(?!\w)"
)


def same_value(got: str, want: str) -> bool:
    """One value contains the other and both start from the same number."""
    a, b = norm(got), norm(want)
    na, nb = NUMBER.search(a), NUMBER.search(b)
    return bool(na and nb and na.group() == nb.group() and (contains(a, b) or contains(b, a)))


def eval_statistics(r: Report, name: str, letter: Letter, truth: dict) -> None:
    got = sorted(letter.knowledge.statistics, key=lambda s: s.start)
    wanted = truth["statistics"]
    pairs, extra = one_to_one(
        r,
        name,
        "statistics",
        wanted,
        got,
        lambda t, s: same_value(s.value, t["value"]),
        lambda t: t["value"],
    )
    for t, s in pairs:
        pubs = t["publisher"]
        ok = s.publisher is None if pubs is None else norm(s.publisher) in {norm(p) for p in pubs}
        where = f"{s.publisher} (via {s.source_via}, footnote {s.footnote})"
        r.check("statistic source", name, ok, f"{t['value']}: {pubs}", where)
    optional = truth["optional_statistics"]
    extra = [s for s in extra if not any(same_value(s.value, o) for o in optional)]
    for s in extra:
        r.fail(name, "statistics", "none", f"{s.value!r} in {s.quote[:70]!r}")
    r.prf("statistics", name, len(pairs), len(extra), len(wanted) - len(pairs))


def eval_commitments(r: Report, name: str, letter: Letter, truth: dict) -> dict[int, str]:
    """Score commitments; return extracted index -> truth commitment id."""
    got, wanted = letter.knowledge.commitments, truth["commitments"]
    pairs, extra = one_to_one(
        r,
        name,
        "commitments",
        wanted,
        got,
        lambda t, c: contains(norm(c.quote), norm(t["starts"])),
        lambda t: t["starts"],
    )
    for t, c in pairs:
        due = period_ok(c.due_start, c.due_end, t, ("due_start", "due_end"))
        ok = c.due is None if t["due"] is None else c.due is not None and due
        r.check(
            "commitment due", name, ok, f"{t['starts']}…: {t['due']}", f"{c.due_text!r} {c.due}"
        )
        r.check("commitment label", name, c.due == t["due"], t["due"], c.due)
    optional = [norm(o) for o in truth["optional_commitments"]]
    extra = [c for c in extra if not any(contains(norm(c.quote), o) for o in optional)]
    for c in extra:
        r.fail(name, "commitments", "none", f"{c.quote[:90]!r} ({c.rule})")
    r.prf("commitments", name, len(pairs), len(extra), len(wanted) - len(pairs))
    return {got.index(c): t["id"] for t, c in pairs}


def eval_events(r: Report, name: str, letter: Letter, truth: dict) -> None:
    wanted = [(t, occurrences(letter, t["text"])) for t in truth["events"]]
    pairs, extra = one_to_one(
        r,
        name,
        "events",
        wanted,
        letter.knowledge.events,
        lambda w, e: overlaps(e, w[1]),
        lambda w: w[0]["text"],
    )
    for (t, _), e in pairs:
        ok = period_ok(e.period.start, e.period.end, t, ("start", "end"))
        r.check(
            "event period", name, ok, f"{t['text']}: {t['label']}", f"{e.text!r} {e.period.label}"
        )
        r.check("event label", name, e.period.label == t["label"], t["label"], e.period.label)
    optional = [s for o in truth["optional_events"] for s in occurrences(letter, o)]
    extra = [e for e in extra if not overlaps(e, optional)]
    for e in extra:
        r.fail(name, "events", "none", f"{e.text!r} {e.period.label} in {e.quote[:60]!r}")
    r.prf("events", name, len(pairs), len(extra), len(wanted) - len(pairs))


# --- fulfilment -----------------------------------------------------------------------------


def eval_fulfilment(
    r: Report, letters: dict[str, Letter], matched: dict[str, dict[int, str]], truth: dict
) -> None:
    """Every extracted commitment against every held-out letter, as the store would feed it."""
    facts = [
        LetterFacts(x.id, x.metadata.date.value, x.metadata.title, x.text, x.body_end)
        for x in letters.values()
    ]
    expect = {f["commitment"]: f for f in truth["fulfilment"]}
    for name, letter in letters.items():
        for idx, c in enumerate(letter.knowledge.commitments):
            fact = CommitmentFacts(
                commitment_key(letter.id, idx), letter.id, letter.metadata.date.value, c
            )
            found = candidates_for(fact, facts)
            tid = matched[name].get(idx)
            want = expect.get(tid, {"fulfilled_by": [], "status": ["Openstaand"]})
            wanted, got = set(want["fulfilled_by"]), {f.document for f in found}
            r.prf("fulfilment", name, len(wanted & got), len(got - wanted), len(wanted - got))
            if wanted != got:
                evidence = [(f.document, f.confidence, f.evidence[:60]) for f in found]
                r.fail(name, "fulfilment", f"{tid or c.quote[:50]!r} <- {sorted(wanted)}", evidence)
            if tid:
                status = str(status_of(c, found, TODAY))
                r.check("fulfilment status", name, status in want["status"], want["status"], status)
    home = {c["id"]: name for name, t in truth["letters"].items() for c in t["commitments"]}
    seen = {tid for ids in matched.values() for tid in ids.values()}
    for tid, want in expect.items():
        if tid not in seen and want["fulfilled_by"]:
            r.prf("fulfilment", home[tid], 0, 0, len(want["fulfilled_by"]))
            r.fail(home[tid], "fulfilment", f"{tid} <- {want['fulfilled_by']}", "not extracted")


# --- running and printing -------------------------------------------------------------------


def evaluate(truth: dict, folder: Path) -> Report:
    r = Report()
    letters: dict[str, Letter] = {}
    keys: dict[str, dict[str, set]] = {}
    members: dict[str, dict] = {}
    matched: dict[str, dict[int, str]] = {}
    for name, t in truth["letters"].items():
        letter = letters[name] = read_letter(folder / t["file"])
        assert letter.id == name, (letter.id, name)
        eval_metadata(r, name, letter, t)
        eval_footnotes(r, name, letter, t)
        eval_references(r, name, letter, t)
        keys[name] = eval_organisations(r, name, letter, t)
        members[name] = eval_memberships(r, name, letter, t, keys[name])
        eval_motions(r, name, letter, t)
        eval_statistics(r, name, letter, t)
        matched[name] = eval_commitments(r, name, letter, t)
        eval_events(r, name, letter, t)
    eval_across(r, keys)
    eval_changes(r, letters, members, truth)
    eval_fulfilment(r, letters, matched, truth)
    return r


def totals(r: Report, names: list[str]) -> dict[str, Score]:
    """Per row: the sum over the letters and the cross-letter cell."""
    out: dict[str, Score] = defaultdict(Score)
    for row in r.kinds:
        for name in [*names, TOTAL]:
            out[row].add(r.scores.get((row, name), Score()))
    return out


def table(r: Report, names: list[str]) -> str:
    """Rows: categories; columns: the letters (by their prefix, "h1") and the total."""
    width = [24, *[16] * len(names), 16]
    heads = ["", *(n.split("_")[0] for n in names), TOTAL]
    lines = ["".join(h.ljust(w) for h, w in zip(heads, width, strict=True))]
    lines.append("  (P/R/F1 rows: precision/recall/F1; other rows: right/checked)")
    sums = totals(r, names)
    for row, kind in r.kinds.items():
        cells = [r.scores[row, n].cell(kind) if (row, n) in r.scores else "-" for n in names]
        label = row + (" P/R/F1" if kind == "prf" else "")
        cells = [label, *cells, sums[row].cell(kind)]
        lines.append("".join(c.ljust(w) for c, w in zip(cells, width, strict=True)))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--truth", type=Path, default=TRUTH)
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = parser.parse_args(argv)
    truth = json.loads(args.truth.read_text(encoding="utf-8"))
    report = evaluate(truth, args.truth.parent)
    names = list(truth["letters"])
    if args.json:
        sums = totals(report, names)
        rows = {
            row: {"kind": kind, "total": vars(sums[row])}
            | {n: vars(report.scores[row, n]) for n in names if (row, n) in report.scores}
            for row, kind in report.kinds.items()
        }
        print(json.dumps({"rows": rows, "failures": report.failures}, ensure_ascii=False, indent=1))
        return 0
    print(table(report, names))
    print(f"\nFailures ({len(report.failures)}): letter | category | expected | got")
    for letter, category, expected, got in report.failures:
        print(f"- {letter.split('_')[0]} | {category} | {expected} | {got}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
