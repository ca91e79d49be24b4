"""The knowledge graph: a networkx MultiDiGraph built from the store.

Nodes are typed (letter, kamerstuk, dossier, footnote, organisation, pilot, programme, law,
fund, person, party, motion, statistic, source, commitment, event); every edge carries its
provenance: the document, the character span and the quote it rests on.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import networkx as nx
from networkx.readwrite import json_graph

from kb import knowledge_export as kx
from kb.store import Store


def build_graph(store: Store) -> nx.MultiDiGraph:
    """Every letter, citation, entity and fact in the store as one graph."""
    g = nx.MultiDiGraph()
    db = store.db
    _letters(g, db)
    _references(g, db)
    _mentions(g, db)
    _memberships(g, db)
    _motions(g, db)
    _statistics(g, db)
    _commitments(g, db)
    _events(g, db)
    return g


def _node(g: nx.MultiDiGraph, key: str, type_: str, **attrs: Any) -> str:
    if key not in g:
        g.add_node(key, type=type_, label=attrs.pop("label", key), **attrs)
    else:
        g.nodes[key].update({k: v for k, v in attrs.items() if v is not None})
    return key


def _edge(g: nx.MultiDiGraph, a: str, b: str, type_: str, document: str | None, **prov: Any):
    g.add_edge(a, b, key=f"{type_}:{document}:{prov.get('start')}", type=type_,
               document=document, **{k: v for k, v in prov.items() if v is not None})  # fmt: skip


def letter_node(document: str) -> str:
    return f"letter:{document}"


def _letters(g: nx.MultiDiGraph, db: sqlite3.Connection) -> None:
    for row in kx._rows(db, "SELECT id, title, date, kind, kamerstuk, signatory, role "
                            "FROM documents"):  # fmt: skip
        node = _node(g, letter_node(row["id"]), "letter", label=row["title"] or row["id"],
                     date=row["date"], kind=row["kind"], document=row["id"])  # fmt: skip
        if row["kamerstuk"]:
            kst = _node(g, row["kamerstuk"], "kamerstuk")
            _edge(g, kst, node, "published_as", row["id"])
        if row["signatory"]:
            person = _node(g, "person:" + _slug(row["signatory"]), "person",
                           label=row["signatory"], role=row["role"])  # fmt: skip
            _edge(g, node, person, "signed_by", row["id"], quote=row["signatory"])


def _references(g: nx.MultiDiGraph, db: sqlite3.Connection) -> None:
    rows = kx._rows(db, 'SELECT document, id, kind, dossier, footnote, raw, start, "end", '
                        'confidence, rule FROM "references"')  # fmt: skip
    for r in rows:
        source = letter_node(r["document"])
        if r["footnote"] is not None:
            source = _node(g, f"footnote:{r['document']}:{r['footnote']}", "footnote")
            _edge(g, letter_node(r["document"]), source, "has_footnote", r["document"])
        target = _node(g, r["id"], "dossier" if r["kind"] == "dossier" else "kamerstuk")
        _edge(g, source, target, "cites", r["document"], start=r["start"], end=r["end"],
              quote=r["raw"], confidence=r["confidence"], rule=r["rule"])  # fmt: skip
        if r["dossier"] and r["kind"] != "dossier":
            _edge(g, target, _node(g, f"dossier:{r['dossier']}", "dossier"), "in_dossier", None)


def _mentions(g: nx.MultiDiGraph, db: sqlite3.Connection) -> None:
    for m in kx._rows(db, "SELECT * FROM mentions"):
        node = _node(g, m["entity"], m["type"], label=m["name"])
        _edge(g, letter_node(m["document"]), node, "mentions", m["document"], start=m["start"],
              end=m["end"], quote=m["text"], confidence=m["confidence"], rule=m["rule"])
        attributes = json.loads(m["attributes"])
        if m["type"] == "person" and attributes.get("party"):
            party = _node(g, "party:" + _slug(attributes["party"]), "party",
                          label=attributes["party"])  # fmt: skip
            _edge(g, node, party, "member_of_party", m["document"], start=m["start"])


def _memberships(g: nx.MultiDiGraph, db: sqlite3.Connection) -> None:
    for m in kx.memberships(db):
        org = _node(g, m["organisation"], "organisation")
        group = _node(g, m["group"], "organisation")
        _edge(g, org, group, "member_of", m["document"], start=m["start"], end=m["end"],
              quote=m["text"], confidence=m["confidence"], rule=m["rule"])  # fmt: skip


def _motions(g: nx.MultiDiGraph, db: sqlite3.Connection) -> None:
    merged = {m["id"]: m for m in kx.motions(db)}
    for motion in merged.values():
        node = _node(g, motion_node(motion["id"]), "motion", label=motion["name"],
                     status=motion["status"])  # fmt: skip
        if motion["reference"]:
            _edge(g, node, _node(g, motion["reference"], "kamerstuk"), "published_as", None)
        for member in motion["members"]:
            _edge(g, node, _node(g, "person:" + _slug(member), "person", label=member),
                  "filed_by", None)  # fmt: skip
    for row in kx._rows(db, "SELECT * FROM motions"):
        target = motion_node(_resolve_motion(row, merged))
        _edge(g, letter_node(row["document"]), target, "responds_to", row["document"],
              start=row["sentence_start"], end=row["sentence_end"], quote=row["text"],
              stance=row["stance"], confidence=row["confidence"], rule=row["rule"])  # fmt: skip


def motion_node(key: str) -> str:
    """Motions keyed by their Kamerstuk get a node of their own, linked to the Kamerstuk."""
    return key if key.startswith("motie:") else f"motie:{key}"


def _resolve_motion(row: dict[str, Any], merged: dict[str, dict[str, Any]]) -> str:
    if row["key"] in merged:
        return row["key"]
    members = sorted(m.lower() for m in json.loads(row["members"]))
    for motion in merged.values():
        if sorted(m.lower() for m in motion["members"]) == members:
            return motion["id"]
    return row["key"]


def _statistics(g: nx.MultiDiGraph, db: sqlite3.Connection) -> None:
    for s in kx.statistics(db):
        node = _node(g, f"statistic:{s['document']}:{s['start']}", "statistic", label=s["value"],
                     quote=s["quote"])  # fmt: skip
        _edge(g, letter_node(s["document"]), node, "states", s["document"], start=s["start"],
              end=s["end"], quote=s["value"], confidence=s["confidence"], rule=s["rule"])
        if s["footnote"] is not None:
            note = _node(g, f"footnote:{s['document']}:{s['footnote']}", "footnote")
            _edge(g, node, note, "sourced_via", s["document"], start=s["start"])
        if s["publication"] or s["publisher"]:
            source = _node(g, "source:" + _slug(s["publication"] or s["publisher"]), "source",
                           label=s["publication"] or s["publisher"])  # fmt: skip
            _edge(g, node, source, "sourced_from", s["document"], quote=s["source"],
                  start=s["start"])  # fmt: skip
            if s["publisher"]:
                org = _node(g, "organisation:" + _slug(s["publisher"]), "organisation",
                            label=s["publisher"])  # fmt: skip
                _edge(g, source, org, "published_by", s["document"], start=s["start"])


def _commitments(g: nx.MultiDiGraph, db: sqlite3.Connection) -> None:
    for c in kx.commitment_rows(db):
        node = _node(g, f"commitment:{c['document']}:{c['idx']}", "commitment",
                     label=c["action"], due=c["due"], status=c["status"])  # fmt: skip
        _edge(g, letter_node(c["document"]), node, "promises", c["document"], start=c["start"],
              end=c["end"], quote=c["quote"], confidence=c["confidence"], rule=c["rule"])


def _events(g: nx.MultiDiGraph, db: sqlite3.Connection) -> None:
    for e in kx.events(db):
        node = _node(g, f"event:{e['document']}:{e['start_offset']}", "event", label=e["label"],
                     start=e["start"], end=e["end"], period=e["period"])  # fmt: skip
        _edge(g, letter_node(e["document"]), node, "dated", e["document"],
              start=e["start_offset"], end=e["end_offset"], quote=e["text"],
              confidence=e["confidence"], rule=e["rule"])  # fmt: skip


def _slug(text: str) -> str:
    import re

    return re.sub(r"[^0-9a-zà-ÿ]+", "-", text.lower()).strip("-")


def neighbourhood(g: nx.MultiDiGraph, node: str, depth: int = 1) -> nx.MultiDiGraph:
    """The subgraph of everything within `depth` steps of `node`, in either direction."""
    nodes = set(nx.ego_graph(g.to_undirected(as_view=True), node, radius=depth).nodes)
    return g.subgraph(nodes).copy()


def write_graph(g: nx.MultiDiGraph, path: Path | None, fmt: str) -> str | None:
    """GraphML or node-link JSON; to `path`, or returned as a string."""
    if fmt == "json":
        text = json.dumps(json_graph.node_link_data(g, edges="links"), ensure_ascii=False,
                          indent=1, default=str)  # fmt: skip
    else:
        clean = nx.MultiDiGraph()
        clean.add_nodes_from((n, _scalars(d)) for n, d in g.nodes(data=True))
        clean.add_edges_from((a, b, k, _scalars(d)) for a, b, k, d in g.edges(keys=True, data=True))
        text = "\n".join(nx.generate_graphml(clean))
    if path is None:
        return text
    path.write_text(text, encoding="utf-8")
    return None


def _scalars(data: dict[str, Any]) -> dict[str, Any]:
    # GraphML holds str/int/float/bool only; None is left out.
    return {k: v for k, v in data.items() if isinstance(v, str | int | float | bool)}
