"""The network view on the seed KB: the entity catalogue, neighbourhoods with their evidence and
layout, the cap on large neighbourhoods, and taskforce membership per letter."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from kb.graph import build_graph
from kb.views.membership import membership_view
from kb.views.network import (
    Entity,
    catalogue,
    default_entity,
    neighbourhood_view,
    parse_depth,
    resolve_entity,
    selected_node,
)
from kb.views.sentences import sentence_around

L2018, L2021, L2022, L2023, L2025 = (
    "001_a4dc7a71a65ae17e", "004_e70a85e84504e092", "003_a17b3276b8151254",
    "000_6adc83efdee732d0", "002_080da9ed5327206a",
)  # fmt: skip
TASKFORCE = "organisation:taskforce-via"


@pytest.fixture(scope="module")
def graph(seed_kb: Path):
    from kb.store import Store

    with Store.open(seed_kb, create=False) as store:
        return build_graph(store)


@pytest.fixture(scope="module")
def texts(seed_kb: Path) -> dict[str, str]:
    from kb.store import Store

    with Store.open(seed_kb, create=False) as store:
        return dict(store.db.execute("SELECT id, text FROM documents").fetchall())


def test_catalogue_lists_every_node_by_type_then_most_connected(graph) -> None:
    entities = catalogue(graph)
    assert len(entities) == graph.number_of_nodes() == 413
    assert entities[:4] == (
        Entity(TASKFORCE, "Taskforce VIA", "organisation", "organisatie", 75),
        Entity("organisation:cbs", "CBS", "organisation", "organisatie", 29),
        Entity("organisation:szw", "Ministerie van Sociale Zaken en Werkgelegenheid",
               "organisation", "organisatie", 29),
        Entity("organisation:uwv", "Uitvoeringsinstituut Werknemersverzekeringen",
               "organisation", "organisatie", 22),
    )  # fmt: skip
    by_key = {e.key: e for e in entities}
    assert by_key["organisation:awvn"] == Entity(
        "organisation:awvn", "Algemene Werkgeversvereniging Nederland", "organisation",
        "organisatie", 13)  # fmt: skip
    assert by_key["organisation:uwv"].display == (
        "organisatie: Uitvoeringsinstituut Werknemersverzekeringen (22)")
    assert by_key["footnote:003_a17b3276b8151254:4"].label == "voetnoot 4 (2022)"
    types = [e.type_nl for e in entities]
    # Grouped by type, organisations first, footnotes last.
    assert list(dict.fromkeys(types)) == [
        "organisatie", "programma", "pilot", "wet", "fonds", "persoon", "partij", "motie",
        "brief", "Kamerstuk", "dossier", "cijfer", "bron", "toezegging", "gebeurtenis",
        "voetnoot",
    ]  # fmt: skip
    assert Counter(types)["organisatie"] == 72 and Counter(types)["motie"] == 4
    for a, b in itertools.pairwise(entities):
        if a.type == b.type:
            assert a.degree >= b.degree


def test_default_entity_and_url_parameters(graph) -> None:
    entities = catalogue(graph)
    assert default_entity(entities) == TASKFORCE
    assert resolve_entity(entities, "organisation:uwv") == "organisation:uwv"
    assert resolve_entity(entities, "organisation:bestaat-niet") == TASKFORCE
    assert resolve_entity(entities, "") == TASKFORCE
    assert default_entity(()) is None
    assert [parse_depth(t) for t in ("1", "2", " 2", "3", "", "x")] == [1, 2, 2, 1, 1, 1]
    assert selected_node({"knoop": [{"key": "organisation:coa"}]}) == "organisation:coa"
    assert selected_node({"knoop": []}) is None
    assert selected_node({}) is None
    assert selected_node({"zoom": {"x": [0, 1]}}) is None


def test_neighbourhood_of_uwv_has_its_letters_and_memberships(graph, texts) -> None:
    view = neighbourhood_view(graph, "organisation:uwv", 1, texts=texts)
    assert [n.key for n in view.nodes] == [
        "organisation:uwv", f"letter:{L2023}", f"letter:{L2018}", f"letter:{L2025}",
        f"letter:{L2022}", f"letter:{L2021}", TASKFORCE, "programme:werkagenda-via",
    ]  # fmt: skip
    assert (view.omitted_nodes, view.omitted_edges) == (0, 0)
    assert Counter(e.relation_nl for e in view.edges) == {"noemt": 74, "lid van": 4}
    assert {e.evidence.document for e in view.edges} == {L2018, L2021, L2022, L2023, L2025}
    members = [(e.target, e.evidence.date, e.evidence.quote, e.evidence.start, e.evidence.end,
                e.evidence.confidence, e.evidence.rule)
               for e in view.edges if e.relation == "member_of"]  # fmt: skip
    assert members == [
        (TASKFORCE, "2021-11-17", "UWV", 24247, 24250, 0.85, "member-list:colon:head"),
        (TASKFORCE, "2022", "UWV", 21771, 21774, 0.85, "member-list:colon:head"),
        ("programme:werkagenda-via", "2023", "Uitvoeringsinstituut Werknemersverzekeringen (UWV)",
         4794, 4844, 0.7, "member-list:pipe:agenda"),
        (TASKFORCE, "2025", "Uitvoeringsinstituut Werknemersverzekeringen (UWV)", 9754, 9804,
         0.95, "member-list:colon:subject"),
    ]  # fmt: skip
    first = view.edges[0]  # the centre's edges come first, oldest letter first
    assert (first.source_label, first.relation_nl, first.target_label) == (
        "Programma Verdere Integratie op de Arbeidsmarkt", "noemt",
        "Uitvoeringsinstituut Werknemersverzekeringen")  # fmt: skip
    assert first.evidence.title == "Programma Verdere Integratie op de Arbeidsmarkt"
    assert first.evidence.context.startswith("Uitstroom uit WW – Betere aansluiting UWV")
    centre = view.nodes[0]
    assert (centre.x, centre.y, centre.distance, centre.type_nl, centre.colour) == (
        0.0, 0.0, 0, "organisatie", "#1f77b4")  # fmt: skip
    link = next(k for k in view.links if {k.source, k.target} == {"organisation:uwv", TASKFORCE})
    assert (link.count, link.relations) == (3, "lid van")


def test_neighbourhood_of_coa_quotes_the_2025_member_list(graph, texts) -> None:
    view = neighbourhood_view(graph, "organisation:coa", 1, texts=texts)
    assert [(e.source_label, e.relation_nl, e.target_label, e.evidence.quote) for e in view.edges] == [
        ("Centraal Orgaan opvang asielzoekers", "lid van", "Taskforce VIA",
         "Centraal Orgaan opvang asielzoekers (COA)"),
        ("Brief: de Werkagenda Voor een Inclusieve Arbeidsmarkt (VIA)", "noemt",
         "Centraal Orgaan opvang asielzoekers", "Centraal Orgaan opvang asielzoekers"),
        ("Brief: de Werkagenda Voor een Inclusieve Arbeidsmarkt (VIA)", "noemt",
         "Centraal Orgaan opvang asielzoekers", "COA"),
        ("Brief: de Werkagenda Voor een Inclusieve Arbeidsmarkt (VIA)", "noemt", "Taskforce VIA",
         "Taskforce VIA"),
        ("Brief: de Werkagenda Voor een Inclusieve Arbeidsmarkt (VIA)", "noemt", "Taskforce VIA",
         "Taskforce VIA"),
        ("Brief: de Werkagenda Voor een Inclusieve Arbeidsmarkt (VIA)", "noemt", "Taskforce VIA",
         "Taskforce VIA"),
    ]  # fmt: skip
    assert view.edges[0].evidence.context.startswith(
        "1 De Taskforce VIA bestaat uit de volgende partners: ministerie van Sociale Zaken")
    assert view.edges[4].evidence.context == (
        "Tijdens de Taskforce VIA van 11 maart 2025 hebben de leden de Werkagenda VIA vastgesteld.")


def test_depth_two_reaches_the_neighbours_of_neighbours(graph) -> None:
    one = neighbourhood_view(graph, "organisation:coa", 1)
    two = neighbourhood_view(graph, "organisation:coa", 2)
    assert len(one.nodes) == 3
    assert len(two.nodes) == 60 and two.omitted_nodes > 0
    assert {n.distance for n in two.nodes} == {0, 1, 2}
    assert {n.key for n in one.nodes} <= {n.key for n in two.nodes}
    linked = {k for link in two.links for k in (link.source, link.target)}
    assert linked == {n.key for n in two.nodes}  # nothing floats unconnected after the cap


def test_layout_is_deterministic_and_within_the_unit_disc(graph, seed_kb: Path) -> None:
    view = neighbourhood_view(graph, TASKFORCE, 2)
    again = neighbourhood_view(graph, TASKFORCE, 2)
    assert view == again
    assert all(n.x**2 + n.y**2 <= 1.0001 for n in view.nodes)
    # A fresh process (other hash seed, graph built anew) draws the same picture.
    code = (
        "import json, sys; from kb.store import Store; from kb.graph import build_graph; "
        "from kb.views.network import neighbourhood_view as v; "
        "s = Store.open(sys.argv[1], create=False); "
        f"print(json.dumps([[n.key, n.x, n.y] for n in v(build_graph(s), {TASKFORCE!r}, 2).nodes]))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run([sys.executable, "-c", code, str(seed_kb)], capture_output=True,
                         text=True, check=True, env=env).stdout  # fmt: skip
    assert json.loads(out) == [[n.key, n.x, n.y] for n in view.nodes]


def test_a_large_neighbourhood_is_capped_to_the_best_evidenced_nodes(graph) -> None:
    view = neighbourhood_view(graph, f"letter:{L2023}", 1, max_nodes=10)
    assert [n.key for n in view.nodes] == [
        f"letter:{L2023}", "law:wet-toezicht-gelijke-kansen", "organisation:awvn",
        "organisation:mkb-nederland", "organisation:ocw", "organisation:szw", "organisation:vng",
        "organisation:vno-ncw", "programme:via", "programme:werkagenda-via",
    ]  # fmt: skip
    assert (view.omitted_nodes, view.omitted_edges) == (126, 228)
    assert len(view.edges) == 287 - 228
    assert sum(link.count for link in view.links) == len(view.edges)
    labelled = [n for n in neighbourhood_view(graph, f"letter:{L2023}", 1).nodes if n.labelled]
    assert len(labelled) == 20 and labelled[0].key == f"letter:{L2023}"


def test_taskforce_membership_per_letter(seed_store) -> None:
    view = membership_view(seed_store)
    assert (view.group, view.group_label) == (TASKFORCE, "Taskforce VIA")
    assert [(g.key, g.letters, g.members) for g in view.groups] == [
        (TASKFORCE, 3, 24), ("programme:werkagenda-via", 1, 22),
        ("organisation:lerend-netwerk-intensieve-begeleiding-van-werkzoekenden-met-een-"
         "migratieachtergrond", 1, 7),
    ]  # fmt: skip
    assert [(m.document, m.date, m.column) for m in view.letters] == [
        (L2021, "2021-11-17", "2021-11-17"), (L2022, "2022", "2022"), (L2025, "2025", "2025"),
    ]  # fmt: skip
    rows = {r.label: r for r in view.rows}
    assert len(rows) == 24
    joined = {label: r.joined for label, r in rows.items() if r.joined}
    left = {label: r.left for label, r in rows.items() if r.left}
    assert joined == {
        "Centraal Orgaan opvang asielzoekers": (L2025,), "MKB-Nederland": (L2025,),
        "Open Embassy": (L2025,), "SAM": (L2025,),
    }  # fmt: skip
    assert left == {"CNV Jongeren": (L2022,), "FNV": (L2025,)}
    assert rows["FNV"].listed == (True, True, False)
    assert rows["Open Embassy"].listed == (False, False, True)
    assert rows["Algemene Werkgeversvereniging Nederland"].written == (
        "AWWN", "AWVN", "Algemene Werkgeversvereniging Nederland (AWVN)")  # fmt: skip
    assert [(c.date, c.joined, c.left) for c in view.changes] == [
        ("2022", (), ("CNV Jongeren",)),
        ("2025", ("Centraal Orgaan opvang asielzoekers", "MKB-Nederland", "Open Embassy", "SAM"),
         ("FNV",)),
    ]  # fmt: skip


def test_member_lists_are_quoted_with_their_span(seed_store) -> None:
    view = membership_view(seed_store)
    texts = dict(seed_store.db.execute("SELECT id, text FROM documents").fetchall())
    quotes = {m.document: m for m in view.letters}
    assert quotes[L2022].quote == (
        "Leden van de Taskforce zijn: ABU, AWVN, Divosa, FNV, G4, G40, MBO Raad, NBBU, Ministerie "
        "van OCW, Randstad, SBB, SER, UAF, UWV, Vereniging Hogescholen, VNG, VNO-NCW, "
        "VluchtelingenWerk Nederland, Ministerie van SZW.")  # fmt: skip
    assert quotes[L2025].quote.startswith("1 De Taskforce VIA bestaat uit de volgende partners:")
    assert quotes[L2025].quote.endswith("VluchtelingenWerk Nederland en Open Embassy.")
    assert quotes[L2021].quote.startswith("27 Leden van de Taskforce zijn: ABU, AWWN, CNV Jongeren")
    for m in view.letters:
        assert " ".join(texts[m.document][m.start : m.end].split()) == m.quote


def test_other_groups_and_no_groups(seed_store, tmp_path: Path) -> None:
    agenda = membership_view(seed_store, "programme:werkagenda-via")
    assert [m.date for m in agenda.letters] == ["2023"]
    assert agenda.changes == ()
    assert all(r.listed == (True,) and not r.joined and not r.left for r in agenda.rows)
    assert membership_view(seed_store, "organisation:onbekend").group == TASKFORCE
    from kb.store import Store

    with Store.open(tmp_path / "leeg") as empty:
        assert membership_view(empty) is None


def test_sentence_around() -> None:
    text = "Eerste zin. Tweede zin met UWV erin. Derde zin.\nVierde regel"
    start = text.index("UWV")
    assert sentence_around(text, start, start + 3) == "Tweede zin met UWV erin."
    assert sentence_around(text, text.index("Vierde"), text.index("Vierde") + 6) == "Vierde regel"
    assert sentence_around("a" * 1000, 500, 501, reach=10) == "…" + "a" * 21 + "…"
