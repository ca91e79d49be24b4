"""Page 7, Netwerk: an entity's neighbourhood as an interactive chart with the evidence for
every edge, and the membership of a group (the taskforce) per letter: who joined, who left.

URL: /netwerk?entiteit=<graph node key>&diepte=1|2. All logic lives in kb.views.network.
"""

from __future__ import annotations

import altair as alt
import networkx as nx
import pandas as pd
import streamlit as st

from kb.graph import build_graph
from kb.views.base import reading
from kb.views.membership import MembershipView, membership_view
from kb.views.network import (
    Entity,
    NeighbourhoodView,
    catalogue,
    neighbourhood_view,
    parse_depth,
    resolve_entity,
    selected_node,
)
from ui.common import current_kb, md, param, style
from ui.links import entity_url, letter_url

MAX_NODES = 60


@st.cache_resource(show_spinner=False, max_entries=2)
def _graph(kb_dir: str, generation: str) -> nx.MultiDiGraph:
    """The knowledge graph, built once per KB generation and shared by all sessions."""
    with reading(kb_dir) as store:
        return build_graph(store)


@st.cache_resource(show_spinner=False, max_entries=2)
def _texts(kb_dir: str, generation: str) -> dict[str, str]:
    with reading(kb_dir) as store:
        return {row[0]: row[1] for row in store.db.execute("SELECT id, text FROM documents")}


@st.cache_data(show_spinner=False, max_entries=4)
def _catalogue(kb_dir: str, generation: str) -> tuple[Entity, ...]:
    return catalogue(_graph(kb_dir, generation))


@st.cache_data(show_spinner=False, max_entries=128)
def _view(kb_dir: str, generation: str, node: str, depth: int) -> NeighbourhoodView:
    graph, texts = _graph(kb_dir, generation), _texts(kb_dir, generation)
    return neighbourhood_view(graph, node, depth, MAX_NODES, texts)


@st.cache_data(show_spinner=False, max_entries=16)
def _members(kb_dir: str, generation: str, group: str | None) -> MembershipView | None:
    with reading(kb_dir) as store:
        return membership_view(store, group)


def _pick(entities: tuple[Entity, ...]) -> tuple[str, int]:
    """The entity and depth from the URL, as chosen in the widgets (written back to the URL)."""
    keys = [e.key for e in entities]
    labels = {e.key: e.display for e in entities}
    centre = resolve_entity(entities, param("entiteit")) or keys[0]
    depth = parse_depth(param("diepte", "1"))
    left, right = st.columns([5, 1])
    chosen = left.selectbox("Entiteit", keys, index=keys.index(centre), format_func=labels.get,
                            help="Typ om te zoeken. Tussen haakjes: het aantal verbindingen.")
    new_depth = right.radio("Diepte", [1, 2], index=depth - 1, horizontal=True,
                            help="1: directe buren; 2: ook de buren van de buren.")  # fmt: skip
    if chosen != param("entiteit") or str(new_depth) != param("diepte"):
        st.query_params.update(entiteit=chosen, diepte=str(new_depth))
    return chosen, int(new_depth)


def _chart(view: NeighbourhoodView) -> alt.LayerChart:
    """Nodes coloured by type (Dutch legend), edges as lines; zoom, pan and click a node."""
    nodes = pd.DataFrame([n.__dict__ for n in view.nodes])
    nodes["text"] = [n.short if n.labelled else "" for n in view.nodes]
    nodes["size"] = [400 if n.key == view.centre else 90 for n in view.nodes]
    links = pd.DataFrame([link.__dict__ for link in view.links],
                         columns=["x", "y", "x2", "y2", "count", "relations"])  # fmt: skip
    types = dict.fromkeys(zip(nodes["type_nl"], nodes["colour"], strict=True))
    colour = alt.Color("type_nl:N", title="Soort",
                       scale=alt.Scale(domain=[t for t, _ in types], range=[c for _, c in types]))
    x = alt.X("x:Q", axis=None, scale=alt.Scale(domain=[-1.35, 1.35]))
    y = alt.Y("y:Q", axis=None, scale=alt.Scale(domain=[-1.12, 1.12]))
    zoom = alt.selection_interval(bind="scales", name="zoom")
    pick = alt.selection_point(name="knoop", fields=["key"], on="click")
    lines = alt.Chart(links).mark_rule(color="#9ca3af", opacity=0.5).encode(
        x=x, y=y, x2="x2:Q", y2="y2:Q",
        strokeWidth=alt.StrokeWidth("count:Q", legend=None, scale=alt.Scale(range=[0.6, 4])),
        tooltip=[alt.Tooltip("relations:N", title="Relatie"),
                 alt.Tooltip("count:Q", title="Aantal bewijsplaatsen")],
    ).add_params(zoom)  # fmt: skip
    circles = alt.Chart(nodes).mark_circle(opacity=0.9, stroke="white", strokeWidth=1).encode(
        x=x, y=y, color=colour, size=alt.Size("size:Q", legend=None, scale=None),
        tooltip=[alt.Tooltip("label:N", title="Naam"), alt.Tooltip("type_nl:N", title="Soort"),
                 alt.Tooltip("degree:Q", title="Verbindingen"),
                 alt.Tooltip("distance:Q", title="Stappen")],
    ).add_params(pick)  # fmt: skip
    text = alt.Chart(nodes).mark_text(dy=-11, fontSize=11, color="#374151").encode(
        x=x, y=y, text="text:N"
    )
    return alt.layer(lines, circles, text).properties(height=560)


def _evidence_table(view: NeighbourhoodView) -> pd.DataFrame:
    rows = []
    for e in view.edges:
        ev = e.evidence
        other = e.target if e.source == view.centre else e.source
        rows.append({
            "Van": e.source_label, "Relatie": e.relation_nl, "Naar": e.target_label,
            "Brief": ev.title if ev else None, "Datum": ev.date if ev else None,
            "Citaat": ev.quote if ev else None, "Zin": ev.context if ev else None,
            "Zekerheid": ev.confidence if ev else None, "Regel": ev.rule if ev else None,
            "Bron": letter_url(ev.document, ev.start, ev.end) if ev else None,
            "Netwerk": entity_url(other),
        })  # fmt: skip
    return pd.DataFrame(rows, columns=["Van", "Relatie", "Naar", "Datum", "Citaat", "Zin",
                                       "Brief", "Bron", "Netwerk", "Zekerheid", "Regel"])


def _network(kb_dir: str, generation: str, entities: tuple[Entity, ...]) -> None:
    centre, depth = _pick(entities)
    view = _view(kb_dir, generation, centre, depth)
    st.caption(
        f"{len(view.nodes)} knopen en {sum(link.count for link in view.links)} verbindingen. "
        "Scroll om te zoomen, sleep om te schuiven, klik op een knoop om daar verder te kijken."
    )
    if view.omitted_nodes:
        st.info(f"Het netwerk is groot: {view.omitted_nodes} knopen en {view.omitted_edges} "
                f"verbindingen zijn weggelaten; getoond worden de {len(view.nodes)} knopen met "
                "de meeste bewijsplaatsen.")  # fmt: skip
    event = st.altair_chart(_chart(view), on_select="rerun", selection_mode=["knoop"],
                            width="stretch")  # fmt: skip
    picked = selected_node(event.selection) if event else None
    if picked and picked != centre:
        st.query_params.update(entiteit=picked, diepte=str(depth))
        st.rerun()
    st.subheader("Bewijs per verbinding")
    st.dataframe(_evidence_table(view), hide_index=True, column_config={
        "Zekerheid": st.column_config.NumberColumn(format="%.2f"),
        "Bron": st.column_config.LinkColumn("Bron", display_text="open brief"),
        "Netwerk": st.column_config.LinkColumn("Netwerk", display_text="toon netwerk"),
    })  # fmt: skip


def _membership(kb_dir: str, generation: str) -> None:
    st.header("Lidmaatschap")
    first = _members(kb_dir, generation, None)
    if first is None:
        st.info("Geen enkele brief in de kennisbank noemt een ledenlijst.")
        return
    names = {g.key: f"{g.label} ({g.letters} brieven, {g.members} leden)" for g in first.groups}
    group = st.selectbox("Groep", list(names), format_func=names.get, key="groep",
                         help="Groepen waarvan een brief de leden opsomt.")  # fmt: skip
    view = _members(kb_dir, generation, group) or first
    st.caption(
        f"Leden van {md(view.group_label)} volgens de ledenlijst in elke brief, in datumvolgorde. "
        "Toegetreden: voor het eerst genoemd na een brief zonder de organisatie; vertrokken: "
        "niet meer genoemd na een brief met de organisatie."
    )
    _changes(view)
    only = st.toggle("Alleen organisaties die toetraden of vertrokken")
    matrix = _matrix(view)
    if only:
        matrix = matrix[(matrix["Toegetreden"] != "") | (matrix["Vertrokken"] != "")]
    config = {m.column: st.column_config.TextColumn(m.column, help=md(m.title), width="small")
              for m in view.letters}  # fmt: skip
    st.dataframe(matrix, hide_index=True, column_config=config,
                 height=min(35 * (len(matrix) + 1) + 3, 1200))  # every row at once
    st.subheader("Ledenlijst per brief")
    st.dataframe(pd.DataFrame(
        [{"Brief": m.title or m.document, "Datum": m.date, "Ledenlijst": m.quote,
          "Bron": letter_url(m.document, m.start, m.end)} for m in view.letters]
    ), hide_index=True, column_config={
        "Bron": st.column_config.LinkColumn("Bron", display_text="open brief")})  # fmt: skip


def _changes(view: MembershipView) -> None:
    rows = [{"Datum": c.date, "Toegetreden": ", ".join(c.joined) or "–",
             "Vertrokken": ", ".join(c.left) or "–", "Brief": c.title or c.document}
            for c in view.changes]  # fmt: skip
    if rows:
        st.markdown("**Wie trad toe en wie vertrok, per brief** (vergeleken met de brief ervoor)")
        st.dataframe(pd.DataFrame(rows), hide_index=True)


def _matrix(view: MembershipView) -> pd.DataFrame:
    dates = {m.document: m.date or m.document for m in view.letters}
    rows = []
    for r in view.rows:
        row = {"Organisatie": r.label}
        row.update({m.column: "✓" if on else "–"
                    for m, on in zip(view.letters, r.listed, strict=True)})  # fmt: skip
        row["Toegetreden"] = ", ".join(dates[d] for d in r.joined)
        row["Vertrokken"] = ", ".join(dates[d] for d in r.left)
        rows.append(row)
    columns = ["Organisatie", *(m.column for m in view.letters), "Toegetreden", "Vertrokken"]
    return pd.DataFrame(rows, columns=columns)


style()
kb = current_kb()
st.title("Netwerk")
st.markdown(
    "Kies een organisatie, programma, pilot, persoon, motie, brief of andere entiteit en zie "
    "waarmee die verbonden is. Elke verbinding rust op een plek in een brief: de tabel onder "
    "het netwerk toont het citaat en opent de brief op die plek."
)
catalogue_ = _catalogue(kb.dir, kb.generation)
if catalogue_:
    _network(kb.dir, kb.generation, catalogue_)
else:
    st.info("De kennisbank bevat nog geen entiteiten.")
_membership(kb.dir, kb.generation)
