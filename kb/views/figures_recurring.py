"""Recurring figures: the same figure stated in more than one place (see `recurring`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kb.queries import fold
from kb.views.figures_model import WORD_SPLIT, Figure


@dataclass(frozen=True)
class Recurrence:
    """One figure stated in several places."""

    value: str
    measure: str | None
    reason: str  # "zelfde bron" | "zelfde maat"
    figures: tuple[Figure, ...]  # in date order

    @property
    def letters(self) -> int:
        return len({f.document for f in self.figures})


def _words_of(text: str | None) -> set[str]:
    return set(WORD_SPLIT.split(fold(text or ""))) - {""}


def _nested(a: str | None, b: str | None) -> bool:
    """True when the words of one text are all among the words of the other (both given)."""
    wa, wb = _words_of(a), _words_of(b)
    return bool(wa and wb) and (wa <= wb or wb <= wa)


def _agree(a: str | None, b: str | None) -> bool:
    """Unknown on one side, or the same (folded)."""
    return a is None or b is None or fold(a) == fold(b)


def _link(a: Figure, b: Figure) -> str | None:
    """Why `a` and `b` state the same figure ("zelfde bron" / "zelfde maat"), or None."""
    if (a.number, a.unit) != (b.number, b.unit) or not _nested(a.measure, b.measure):
        return None
    if not _agree(a.period, b.period):
        return None
    if a.publisher and b.publisher and fold(a.publisher) == fold(b.publisher):
        return "zelfde bron"
    if not (a.publisher or b.publisher) and a.publication and b.publication:
        return "zelfde bron" if fold(a.publication) == fold(b.publication) else None
    people = a.population is None or b.population is None or _nested(a.population, b.population)
    sources = _agree(a.publisher, b.publisher) and _agree(a.publication, b.publication)
    return "zelfde maat" if a.document != b.document and people and sources else None


def recurring(rows: Sequence[Figure]) -> tuple[Recurrence, ...]:
    """Figures stated in more than one place, as groups (most places first).

    Two statements are the same figure when they have the same value (equal number and unit),
    the same measure (the folded words of one measure are all among those of the other:
    "bijstand" ~ "ontving bijstand") and no differing period where both give one, and either
    - "zelfde bron": the same publisher (or, when neither names a publisher, the same
      publication); this also counts within one letter, which may repeat a figure elsewhere
      (seed 000 gives "9,6 procent … bijstand" in footnote 22 and again in footnote 37), or
    - "zelfde maat": they are in different letters and nothing known differs: publisher,
      publication and period agree where both give one, and so does the population (the words
      of one within the other).
    A group is a connected set of such pairs; its reason is "zelfde bron" when every pair in it
    shares the source, else "zelfde maat".
    """
    items = list(rows)
    parent = list(range(len(items)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    same_value: dict[tuple[float, str], list[int]] = {}  # only equal values can link
    for i, figure in enumerate(items):
        same_value.setdefault((figure.number, figure.unit), []).append(i)
    reasons: dict[int, set[str]] = {}
    for bucket in same_value.values():
        for n, i in enumerate(bucket):
            for j in bucket[n + 1 :]:
                why = _link(items[i], items[j])
                ri, rj = root(i), root(j)
                if why and ri != rj:
                    parent[rj] = ri
                    reasons.setdefault(ri, set()).update({why, *reasons.pop(rj, set())})
                elif why:
                    reasons.setdefault(ri, set()).add(why)
    return _recurrences(items, [root(i) for i in range(len(items))], reasons)


def _recurrences(items: list[Figure], roots: list[int], reasons: dict[int, set[str]]
                 ) -> tuple[Recurrence, ...]:  # fmt: skip
    members: dict[int, list[Figure]] = {}
    for figure, r in zip(items, roots, strict=True):
        members.setdefault(r, []).append(figure)
    out = [
        Recurrence(group[0].value, group[0].measure,
                   "zelfde maat" if "zelfde maat" in reasons.get(r, set()) else "zelfde bron",
                   tuple(group))
        for r, group in members.items() if len(group) > 1
    ]  # fmt: skip
    return tuple(sorted(out, key=lambda g: (-len(g.figures), -g.letters, g.figures[0].date or "",
                                            g.figures[0].key)))  # fmt: skip
