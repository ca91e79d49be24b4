"""Tijdlijn 2018–2029: letters, events, commitment due dates and programme periods in lanes.

Filters and the selected item live in the URL (laan, org, pilot, programma, soort, item). The
chart zooms and pans on x; clicking an item (or picking it below the chart) shows its quote
and a link into the reader at that sentence.
"""

from __future__ import annotations

import datetime as dt

import altair as alt
import pandas as pd
import streamlit as st

from kb.views.base import reading
from kb.views.timeline import (
    CATEGORIES,
    FIRST,
    LANES,
    LAST,
    Item,
    Timeline,
    TimelineFilter,
    chart_rows,
    filter_items,
    filter_params,
    options,
    parse_filter,
    period_text,
    table_rows,
    timeline,
    y_domain,
)
from ui.common import current_kb, md, style
from ui.links import letter_url
from ui.url_state import write_params

PARAMS = ("laan", "org", "pilot", "programma", "soort", "item")


@st.cache_data(show_spinner=False)
def _load(kb_dir: str, generation: str, today: str) -> Timeline:
    with reading(kb_dir) as store:
        return timeline(store, dt.date.fromisoformat(today))


def _filters(tl: Timeline, start: TimelineFilter) -> TimelineFilter:
    """The filter widgets (first shown with the URL's values); returns what they hold."""
    opts = options(tl)
    names = dict(opts.organisations + opts.pilots + opts.programmes)
    known = lambda value, choices: value if value in choices else ""  # noqa: E731
    defaults = {"tl_lanes": list(start.lanes), "tl_org": known(start.organisation, names),
                "tl_pilot": known(start.pilot, names), "tl_prog": known(start.programme, names),
                "tl_kind": known(start.kind, opts.kinds)}  # an unknown URL value: no filter
    for key, value in defaults.items():
        st.session_state.setdefault(key, value)

    def name(key: str) -> str:
        return names.get(key, key) if key else "(alle)"

    cols = st.columns([3, 2, 2, 2, 2])
    lanes = cols[0].multiselect("Lanen", list(LANES), format_func=LANES.get, key="tl_lanes",
                                placeholder="Alle lanen")  # fmt: skip
    org = cols[1].selectbox("Organisatie", ["", *dict(opts.organisations)], format_func=name,
                            key="tl_org")  # fmt: skip
    pilot = cols[2].selectbox("Pilot", ["", *dict(opts.pilots)], format_func=name, key="tl_pilot")
    prog = cols[3].selectbox("Programma", ["", *dict(opts.programmes)], format_func=name,
                             key="tl_prog")  # fmt: skip
    kind = cols[4].selectbox("Soort brief", ["", *opts.kinds], key="tl_kind",
                             format_func=lambda k: k or "(alle)")  # fmt: skip
    return TimelineFilter(tuple(lanes), org or "", pilot or "", prog or "", kind or "")


def _chart(items: list[Item], lanes: tuple[str, ...], today: str) -> alt.LayerChart:
    """Points (letters, events, due dates) and bars (programme periods) over 2018–2029."""
    data = pd.DataFrame(chart_rows(items), columns=[
        "id", "laan", "rij", "titel", "begin", "eind", "moment", "balk", "soort", "status",
        "periode", "brief", "datum", "citaat"])  # fmt: skip
    domain = y_domain(items, lanes)
    years = [_ms(FIRST), _ms(f"{int(LAST[:4]) + 1}-01-01")]
    x = alt.X("moment:T", title=None, axis=alt.Axis(format="%Y", tickCount="year"),
              scale=alt.Scale(domain=years))  # fmt: skip
    first_row = "split(datum.value, '·')[1] == '0' ? split(datum.value, '·')[0] : ''"
    y = alt.Y("rij:N", title=None, sort=domain, scale=alt.Scale(domain=domain),
              axis=alt.Axis(labelExpr=first_row, labelLimit=220, labelOverlap=False,
                            ticks=False))  # fmt: skip
    colour = alt.Color("soort:N", title="Soort", scale=alt.Scale(
        domain=[c for c, _ in CATEGORIES], range=[h for _, h in CATEGORIES]),
        legend=alt.Legend(orient="bottom", columns=4))  # fmt: skip
    tooltip = [alt.Tooltip("titel:N", title="Wat"), alt.Tooltip("laan:N", title="Laan"),
               alt.Tooltip("periode:N", title="Periode"), alt.Tooltip("status:N", title="Status"),
               alt.Tooltip("brief:N", title="Brief"), alt.Tooltip("datum:N", title="Datum brief"),
               alt.Tooltip("citaat:N", title="Citaat")]  # fmt: skip
    pick = alt.selection_point(name="kies", fields=["id"], on="click", clear="dblclick")
    zoom = alt.selection_interval(name="zoom", bind="scales", encodings=["x"])
    base = alt.Chart(data).encode(y=y, color=colour, tooltip=tooltip,
                                  opacity=alt.condition(pick, alt.value(1), alt.value(0.35)))
    bars = base.transform_filter("datum.balk").mark_bar(height=10, cornerRadius=2).encode(
        x=x, x2="eind:T").add_params(pick, zoom)  # fmt: skip
    at = alt.X("moment:T")  # the layers share the first layer's x scale (2018–2029)
    points = base.transform_filter("!datum.balk").mark_point(
        filled=True, size=70, shape="circle").encode(x=at)  # fmt: skip
    rule_data = pd.DataFrame({"moment": [today], "tekst": ["vandaag"]})
    rule = alt.Chart(rule_data).mark_rule(color="#111827", strokeDash=[4, 3]).encode(x=at)
    label = alt.Chart(rule_data).mark_text(align="left", baseline="top", dx=3, dy=1,
                                           fontSize=11).encode(x=at, y=alt.value(0), text="tekst:N")
    height = max(120, 18 * len(domain))
    return alt.layer(bars, points, rule, label).properties(height=height)


def _ms(iso: str) -> int:
    """Milliseconds since 1970 (UTC) of an ISO date, as Vega-Lite reads "2018-01-01"."""
    return int(dt.datetime.fromisoformat(iso).replace(tzinfo=dt.UTC).timestamp() * 1000)


def _chosen(event: object, ids: list[str]) -> None:
    """A click in the chart selects that item in the picker below (once per click)."""
    picked = (getattr(event, "selection", None) or {}).get("kies") or []
    chosen = next((p.get("id") for p in picked if isinstance(p, dict)), None)
    if chosen and chosen != st.session_state.get("tl_last_click") and chosen in ids:
        st.session_state["tl_item"] = chosen
    st.session_state["tl_last_click"] = chosen


def _detail(item: Item) -> None:
    """The selected item's quote (as plain text) and a link into the letter at that sentence."""
    st.subheader(md(item.label))
    st.caption(md(f"{LANES[item.lane]} · {period_text(item)} · {item.status}"
                  + (" · afgekapt op 2018–2029" if item.clipped else "")))  # fmt: skip
    if item.quote:
        st.text(item.quote)
    if item.document:
        span = item.span or (None, None)
        st.markdown(f"[Open de brief bij deze zin]({letter_url(item.document, *span)})"
                    if item.span else f"[Open de brief]({letter_url(item.document)})")  # fmt: skip
    if len(item.documents) > 1:
        st.caption(md("Ook in: " + ", ".join(d for d in item.documents if d != item.document)))


def _table(items: list[Item]) -> None:
    rows = table_rows(items)
    for row, item in zip(rows, items, strict=True):
        span = item.span or (None, None)
        row["Link"] = letter_url(item.document, *span) if item.document else None
    st.dataframe(
        pd.DataFrame(rows), hide_index=True, width="stretch",
        column_order=["Laan", "Wat", "Periode", "Status", "Brief", "Datum brief", "Citaat",
                      "Link"],
        column_config={"Link": st.column_config.LinkColumn("Link", display_text="Open brief"),
                       "Citaat": st.column_config.TextColumn("Citaat", width="large")},
    )  # fmt: skip


def _write_url(f: TimelineFilter, item: str | None) -> None:
    wanted = filter_params(f) | ({"item": item} if item else {})
    write_params(wanted, PARAMS)


style()
kb = current_kb()
today = dt.date.today().isoformat()
st.title("Tijdlijn 2018–2029")
st.caption("Brieven, gebeurtenissen, termijnen van toezeggingen en looptijden van programma's en "
           "pilots. Sleep om te schuiven, scroll om in te zoomen, klik op een punt of balk; "
           "dubbelklik zet het terug.")  # fmt: skip
tl = _load(kb.dir, kb.generation, today)
url_filter = parse_filter({k: str(v) for k, v in st.query_params.items()})
chosen_filter = _filters(tl, url_filter)
items = filter_items(tl.items, chosen_filter)
by_id = {i.id: i for i in items}
st.session_state.setdefault("tl_item", st.query_params.get("item"))
chart = _chart(items, chosen_filter.lanes, today)
event = st.altair_chart(chart, on_select="rerun", selection_mode="kies", key="tl_chart",
                        width="stretch")  # fmt: skip
_chosen(event, list(by_id))
if st.session_state.get("tl_item") not in by_id:
    st.session_state["tl_item"] = None
st.caption(f"{len(items)} van {len(tl.items)} items; {tl.undated_commitments} toezeggingen "
           "zonder termijn staan niet op de tijdlijn (zie Toezeggingen).")  # fmt: skip
picked = st.selectbox("Kies een item", list(by_id), key="tl_item", index=None,
                      placeholder="Kies een item uit de tijdlijn…",
                      format_func=lambda i: f"{by_id[i].at} · {LANES[by_id[i].lane]} · "
                                            f"{by_id[i].label}")  # fmt: skip
_write_url(chosen_filter, picked)
if picked:
    _detail(by_id[picked])
_table(items)
