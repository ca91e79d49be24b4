"""The network page: an entity picker, an entity's neighbourhood with a layout and the evidence
for every edge, and the membership of a group (the taskforce) per letter: who joined, who left.

Pure functions over the knowledge graph (kb.graph.build_graph) or the store; no Streamlit.
The membership view lives in kb.views.membership and the sentence helpers in
kb.views.sentences; both are re-exported here.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

import networkx as nx

from kb.graph import neighbourhood
from kb.views.membership import (
    Change,
    Group,
    MemberLetter,
    MemberRow,
    MembershipView,
    membership_view,
)
from kb.views.sentences import sentence_around, sentence_span

__all__ = [
    "LABELLED", "RELATION_NL", "SEED", "TYPE_COLOURS", "TYPE_NL", "Change", "EdgeView", "Entity",
    "Evidence", "Group", "LinkView", "MemberLetter", "MemberRow", "MembershipView",
    "NeighbourhoodView", "NodeView", "catalogue", "default_entity", "membership_view",
    "neighbourhood_view", "node_label", "parse_depth", "resolve_entity", "selected_node",
    "sentence_around", "sentence_span",
]  # fmt: skip


# Node types in Dutch, in the order the picker lists them.
TYPE_NL = {
    "organisation": "organisatie", "programme": "programma", "pilot": "pilot", "law": "wet",
    "fund": "fonds", "person": "persoon", "party": "partij", "motion": "motie",
    "letter": "brief", "kamerstuk": "Kamerstuk", "dossier": "dossier", "statistic": "cijfer",
    "source": "bron", "commitment": "toezegging", "event": "gebeurtenis",
    "footnote": "voetnoot",
}  # fmt: skip
TYPE_COLOURS = {
    "organisation": "#1f77b4", "programme": "#ff7f0e", "pilot": "#2ca02c", "law": "#d62728",
    "fund": "#9467bd", "person": "#8c564b", "party": "#e377c2", "motion": "#bcbd22",
    "letter": "#17becf", "kamerstuk": "#393b79", "dossier": "#637939", "statistic": "#e7ba52",
    "source": "#ad494a", "commitment": "#7b4173", "event": "#a55194", "footnote": "#7f7f7f",
}  # fmt: skip
RELATION_NL = {
    "mentions": "noemt", "cites": "citeert", "signed_by": "ondertekend door",
    "member_of": "lid van", "responds_to": "reageert op", "filed_by": "ingediend door",
    "published_as": "gepubliceerd als", "has_footnote": "heeft voetnoot",
    "in_dossier": "in dossier", "member_of_party": "lid van partij", "states": "vermeldt cijfer",
    "sourced_via": "bron via voetnoot", "sourced_from": "ontleend aan",
    "published_by": "uitgegeven door", "promises": "zegt toe", "dated": "noemt gebeurtenis",
}  # fmt: skip
LABELLED = 20  # nodes labelled in the chart (the centre and the most connected)
SEED = 7  # spring layout seed: the same neighbourhood always gets the same picture


@dataclass(frozen=True)
class Entity:
    """One node to pick: its key, label, Dutch type and number of edges."""

    key: str
    label: str
    type: str
    type_nl: str
    degree: int

    @property
    def display(self) -> str:
        return f"{self.type_nl}: {_short(self.label, 80)} ({self.degree})"


def node_label(graph: nx.MultiDiGraph, key: str) -> str:
    """A readable label: footnotes say their number and letter date; others their label."""
    data = graph.nodes[key]
    if data.get("type") == "footnote":
        _, document, number = key.rsplit(":", 2)
        date = graph.nodes.get(f"letter:{document}", {}).get("date") or document
        return f"voetnoot {number} ({date})"
    return str(data.get("label") or key)


def catalogue(graph: nx.MultiDiGraph) -> tuple[Entity, ...]:
    """Every node, by type (organisations first), most connected first, then by label."""
    order = {t: i for i, t in enumerate(TYPE_NL)}
    items = [
        Entity(key, node_label(graph, key), data["type"], TYPE_NL.get(data["type"], data["type"]),
               graph.degree(key))
        for key, data in graph.nodes(data=True)
    ]  # fmt: skip
    items.sort(key=lambda e: (order.get(e.type, len(order)), -e.degree, e.label.lower(), e.key))
    return tuple(items)


def default_entity(entities: tuple[Entity, ...]) -> str | None:
    """The most connected organisation (or the most connected node when there is none)."""
    organisations = [e for e in entities if e.type == "organisation"]
    pool = organisations or list(entities)
    return max(pool, key=lambda e: e.degree).key if pool else None


def resolve_entity(entities: tuple[Entity, ...], wanted: str) -> str | None:
    """`wanted` (a node key from the URL) if it is in the graph, otherwise the default."""
    return wanted if any(e.key == wanted for e in entities) else default_entity(entities)


def parse_depth(text: str) -> int:
    """The `diepte` URL parameter: 1 or 2 (anything else is 1)."""
    return 2 if text.strip() == "2" else 1


def selected_node(selection: Mapping[str, object], name: str = "knoop") -> str | None:
    """The node key of an Altair point selection event ({name: [{"key": …}]}), if any."""
    points = selection.get(name) if selection else None
    if isinstance(points, list) and points and isinstance(points[0], Mapping):
        key = points[0].get("key")
        return str(key) if key else None
    return None


@dataclass(frozen=True)
class NodeView:
    key: str
    label: str
    short: str  # label cut to fit the chart
    type: str
    type_nl: str
    colour: str
    x: float
    y: float
    degree: int  # in the whole graph
    distance: int  # steps from the centre
    labelled: bool


@dataclass(frozen=True)
class Evidence:
    """Where an edge comes from: the letter, the quoted span, and how sure the rule was."""

    document: str
    title: str | None
    date: str | None
    quote: str | None
    start: int | None
    end: int | None
    confidence: float | None
    rule: str | None
    context: str | None  # the sentence around the span, when the letter texts were given


@dataclass(frozen=True)
class EdgeView:
    source: str
    target: str
    source_label: str
    target_label: str
    relation: str
    relation_nl: str
    evidence: Evidence | None


@dataclass(frozen=True)
class LinkView:
    """One line in the chart: all edges between two nodes."""

    source: str
    target: str
    x: float
    y: float
    x2: float
    y2: float
    count: int
    relations: str  # Dutch, comma separated


@dataclass(frozen=True)
class NeighbourhoodView:
    centre: str
    depth: int
    nodes: tuple[NodeView, ...]
    links: tuple[LinkView, ...]
    edges: tuple[EdgeView, ...]  # centre's edges first, then by letter date
    omitted_nodes: int  # left out to keep the picture readable
    omitted_edges: int


def neighbourhood_view(
    graph: nx.MultiDiGraph, node: str, depth: int = 1, max_nodes: int = 60,
    texts: Mapping[str, str] | None = None,
) -> NeighbourhoodView:  # fmt: skip
    """Everything within `depth` steps of `node`, at most `max_nodes` nodes (the best evidenced)."""
    sub = neighbourhood(graph, node, depth)
    distance = nx.single_source_shortest_path_length(sub.to_undirected(as_view=True), node)
    kept = _keep(sub, node, distance, max_nodes)
    view = sub.subgraph(kept)
    pos = _layout(view, node, distance)
    ranked = sorted(kept, key=lambda k: (k != node, -graph.degree(k), k))
    labelled = set(ranked[:LABELLED])
    nodes = tuple(
        NodeView(k, node_label(graph, k), _short(node_label(graph, k), 32), t,
                 TYPE_NL.get(t, t), TYPE_COLOURS.get(t, "#333333"), *pos[k], graph.degree(k),
                 distance[k], k in labelled)
        for k in sorted(kept, key=lambda k: (distance[k], k))
        for t in [graph.nodes[k]["type"]]
    )  # fmt: skip
    edges = _edges(graph, view, node, texts or {})
    return NeighbourhoodView(node, depth, nodes, _links(view, pos), edges,
                             sub.number_of_nodes() - len(kept),
                             sub.number_of_edges() - view.number_of_edges())  # fmt: skip


def _keep(sub: nx.MultiDiGraph, centre: str, distance: dict[str, int], cap: int) -> list[str]:
    """The centre, then ring by ring the nodes with most edges to what is already kept (a node
    whose every link inwards was left out is left out too: it would float unconnected)."""
    kept = [centre]
    for ring in range(1, max(distance.values()) + 1):
        if len(kept) >= cap:
            break
        inner = set(kept)
        weight = {k: sum(1 for n in _both(sub, k) if n in inner)
                  for k, d in distance.items() if d == ring}  # fmt: skip
        candidates = sorted((k for k, w in weight.items() if w),
                            key=lambda k: (-weight[k], -sub.degree(k), k))  # fmt: skip
        kept += candidates[: cap - len(kept)]
    return kept


def _both(g: nx.MultiDiGraph, key: str) -> list[str]:
    """Neighbours of `key` in either direction, once per edge (the evidence count)."""
    return [b for _, b in g.out_edges(key)] + [a for a, _ in g.in_edges(key)]


def _layout(
    view: nx.MultiDiGraph, centre: str, distance: dict[str, int]
) -> dict[str, tuple[float, float]]:
    """Rings around the centre, one per step away, nodes evenly spaced on their ring in the
    angular order of a spring layout (so connected nodes sit together). The spring layout has a
    fixed seed and sorted input: the same neighbourhood always gives the same picture."""
    simple = nx.Graph()
    simple.add_nodes_from(sorted(view.nodes))
    pairs = Counter(tuple(sorted((a, b))) for a, b in view.edges())
    simple.add_weighted_edges_from(sorted((a, b, n) for (a, b), n in pairs.items() if a != b))
    raw = nx.spring_layout(simple, seed=SEED, iterations=100)
    cx, cy = (float(v) for v in raw[centre])
    pos = {centre: (0.0, 0.0)}
    rings = max(distance[k] for k in view.nodes)
    for ring in range(1, rings + 1):
        members = sorted((k for k in view.nodes if distance[k] == ring),
                         key=lambda k: (math.atan2(raw[k][1] - cy, raw[k][0] - cx), k))  # fmt: skip
        for i, key in enumerate(members):
            angle = 2 * math.pi * i / len(members) + ring * 0.3
            radius = ring / rings * (0.93 if i % 2 and len(members) > 12 else 1.0)
            pos[key] = (round(radius * math.cos(angle), 4), round(radius * math.sin(angle), 4))
    return pos


def _links(view: nx.MultiDiGraph, pos: dict[str, tuple[float, float]]) -> tuple[LinkView, ...]:
    grouped: dict[tuple[str, str], list[str]] = {}
    for a, b, data in view.edges(data=True):
        pair = (a, b) if a <= b else (b, a)
        grouped.setdefault(pair, []).append(RELATION_NL.get(data["type"], data["type"]))
    return tuple(
        LinkView(a, b, *pos[a], *pos[b], len(rel), ", ".join(sorted(set(rel))))
        for (a, b), rel in sorted(grouped.items())
    )


def _edges(
    graph: nx.MultiDiGraph, view: nx.MultiDiGraph, centre: str, texts: Mapping[str, str]
) -> tuple[EdgeView, ...]:
    out = [
        EdgeView(a, b, node_label(graph, a), node_label(graph, b), data["type"],
                 RELATION_NL.get(data["type"], data["type"]), _evidence(graph, data, texts))
        for a, b, data in view.edges(data=True)
    ]  # fmt: skip

    def order(e: EdgeView) -> tuple:
        ev = e.evidence
        return (centre not in (e.source, e.target), (ev.date or "") if ev else "~",
                ev.document if ev else "", (ev.start or 0) if ev else 0, e.relation, e.target)

    return tuple(sorted(out, key=order))


def _evidence(graph: nx.MultiDiGraph, data: dict, texts: Mapping[str, str]) -> Evidence | None:
    document = data.get("document")
    if not document:
        return None
    letter = graph.nodes.get(f"letter:{document}", {})
    start, end = data.get("start"), data.get("end")
    context = None
    if document in texts and start is not None:
        context = sentence_around(texts[document], start, end if end is not None else start)
    return Evidence(document, letter.get("label"), letter.get("date"), data.get("quote"), start,
                    end, data.get("confidence"), data.get("rule"), context)  # fmt: skip


def _short(text: str, size: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"
