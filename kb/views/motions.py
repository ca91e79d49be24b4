"""The motions page: every motion with its Kamerstuk, members, status and trace through letters.

Built on `kb.queries.trace_motion` (which merges a motion's mentions across letters and lists
the sentences about it in date order); this module adds what the page shows: Dutch labels for
stances and Kamerstuk ids, counts, first and last mention, search and the table rows.

Search: the query is folded (`kb.queries.fold`: lowercase, no accents, "-" as a space), a
leading "motie"/"moties" is dropped, and every remaining word must occur at the start of a word
of the motion's name, id, Kamerstuk (also written as "32824 419" / "32 824, nr. 419"), members
or parties. A query equal to a motion's id or Kamerstuk id selects exactly that motion.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kb.queries import MotionTrace, fold, trace_motion
from kb.store import Store

# The stances ingest reads (ingest/motion_stance.py, "vervangen" from motion documents).
STANCE_LABELS = {
    "invulling": "geeft invulling",
    "afgedaan": "afgedaan",
    "uitvoering": "in uitvoering",
    "verzocht": "verzocht",
    "reactie": "reactie",
    "vervangen": "vervangen",
}
NO_STANCE = "vermeld"
_KST = re.compile(r"^kst-(\d+)(?:-([A-Za-z]+))?-(\w+)$")


@dataclass(frozen=True)
class MotionStep:
    """One sentence of a letter about the motion, with the span to open the letter at."""

    document: str
    date: str | None
    title: str | None
    quote: str
    start: int
    end: int
    stance: str | None  # as stored: invulling, afgedaan, uitvoering, verzocht, reactie, vervangen
    stance_label: str  # Dutch: "geeft invulling", …, "vermeld" when no stance was read


@dataclass(frozen=True)
class TraceLetter:
    """One letter in a motion's trace, with its sentences about the motion in text order."""

    document: str
    date: str | None
    title: str | None
    steps: tuple[MotionStep, ...]


@dataclass(frozen=True)
class Motion:
    """A motion across the knowledge base."""

    id: str  # "kst-32824-419", or "motie:<members>" when no letter gives its Kamerstuk
    name: str  # "Motie-Ergin"
    kamerstuk: str | None  # "kst-32824-419"
    kamerstuk_label: str | None  # "Kamerstuk 32 824, nr. 419"
    url: str | None  # the motion on officielebekendmakingen
    members: tuple[str, ...]
    parties: tuple[str, ...]
    status: str  # "afgedaan" | "in uitvoering" | "vermeld"
    own_document: str | None  # the motion itself, when it is in the knowledge base
    steps: tuple[MotionStep, ...]  # in date order

    @property
    def key(self) -> str:
        """The value of the page's `motie` parameter that selects exactly this motion."""
        return self.kamerstuk or self.id

    @property
    def letters(self) -> tuple[TraceLetter, ...]:
        """The trace per letter, in date order (a letter may say several things)."""
        out: list[TraceLetter] = []
        for step in self.steps:
            if out and out[-1].document == step.document:
                last = out[-1]
                out[-1] = TraceLetter(last.document, last.date, last.title, (*last.steps, step))
            else:
                out.append(TraceLetter(step.document, step.date, step.title, (step,)))
        return tuple(out)

    @property
    def first(self) -> str | None:
        """Date of the first letter that mentions the motion."""
        dates = [s.date for s in self.steps if s.date]
        return min(dates) if dates else None

    @property
    def last(self) -> str | None:
        """Date of the last letter that mentions the motion."""
        dates = [s.date for s in self.steps if s.date]
        return max(dates) if dates else None


def stance_label(stance: str | None) -> str:
    """The Dutch label of a stance ("invulling" -> "geeft invulling"; none -> "vermeld")."""
    if stance is None:
        return NO_STANCE
    return STANCE_LABELS.get(stance, stance)


def kamerstuk_label(kst: str | None) -> str | None:
    """ "kst-32824-419" -> "Kamerstuk 32 824, nr. 419"; "kst-36800-IX-29" -> "… 36 800 IX, nr. 29".

    Other ids are returned unchanged.
    """
    if not kst:
        return None
    match = _KST.match(kst)
    if not match:
        return kst
    dossier, part, number = match.groups()
    grouped = f"{int(dossier):,}".replace(",", " ") + (f" {part}" if part else "")
    return f"Kamerstuk {grouped}, nr. {number}"


def _motion(trace: MotionTrace) -> Motion:
    steps = tuple(
        MotionStep(s.document, s.date, s.title, s.quote, s.start, s.end, s.stance,
                   stance_label(s.stance))
        for s in trace.steps
    )  # fmt: skip
    return Motion(
        id=trace.id, name=trace.name, kamerstuk=trace.reference,
        kamerstuk_label=kamerstuk_label(trace.reference), url=trace.url,
        members=trace.members, parties=trace.parties, status=trace.status,
        own_document=trace.own_document, steps=steps,
    )  # fmt: skip


def motions(store: Store) -> tuple[Motion, ...]:
    """Every motion in the KB, by first mention (undated last), then name."""
    found = [_motion(t) for t in trace_motion(store, "")]
    return tuple(sorted(found, key=lambda m: (m.first is None, m.first or "", m.name, m.id)))


def _haystack(motion: Motion) -> str:
    parts = [motion.name, motion.id, *motion.members, *motion.parties]
    if motion.kamerstuk:
        parts += [motion.kamerstuk, motion.kamerstuk_label or ""]
    return fold(" ".join(parts))


def _words(text: str) -> list[str]:
    words = re.split(r"[\s,.;:()/]+", fold(text))
    while words and words[0] in ("motie", "moties"):
        words = words[1:]
    return [w for w in words if w and w not in ("nr", "kamerstuk")]


def find_motions(all_motions: tuple[Motion, ...], text: str) -> tuple[Motion, ...]:
    """The motions matching `text` (see the module docstring); all of them for an empty text."""
    wanted = text.strip()
    if not wanted:
        return all_motions
    exact = tuple(m for m in all_motions if wanted in (m.id, m.kamerstuk))
    if exact:
        return exact
    words = _words(wanted)
    if not words:
        return all_motions
    patterns = [re.compile(rf"(?<![\w]){re.escape(w)}") for w in words]
    return tuple(m for m in all_motions if all(p.search(_haystack(m)) for p in patterns))


def search(store: Store, text: str) -> tuple[Motion, ...]:
    """The motions in the KB matching `text` ("Ergin", "motie Van Baarle", "32824-419")."""
    return find_motions(motions(store), text)


def motion_table(rows: tuple[Motion, ...]) -> list[dict[str, object]]:
    """Rows for the page's table (Dutch column names, plain text values)."""
    return [
        {
            "Motie": m.name,
            "Kamerstuk": m.kamerstuk_label or "onbekend",
            "Indieners": ", ".join(m.members),
            "Partijen": ", ".join(m.parties),
            "Status": m.status,
            "Brieven": len(m.letters),
            "Vermeldingen": len(m.steps),
            "Eerst genoemd": m.first or "",
            "Laatst genoemd": m.last or "",
            "Motie zelf in kennisbank": "ja" if m.own_document else "nee",
        }
        for m in rows
    ]
