"""Toezeggingen: every commitment with its status, due period and the letters that fulfil it.

Filters live in the URL (status, open, brief, jaar, zoek, titel, zekerheid) and so does the
selected commitment (toezegging). "Which commitments on VIA are still open?" is
/toezeggingen?programma=programme:via&open=1 (the sentence names VIA, or the letter is about it).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from kb.views.base import reading
from kb.views.commitments import (
    STATUSES,
    CommitmentFilter,
    CommitmentRow,
    commitment_rows,
    due_years,
    dutch_reason,
    entity_names,
    export_csv,
    export_json,
    filter_params,
    filter_rows,
    letter_options,
    parse_filter,
    programme_options,
    summary,
    table_rows,
)
from ui.common import current_kb, md, style
from ui.links import letter_url
from ui.url_state import write_params

PARAMS = ("status", "open", "brief", "jaar", "zoek", "titel", "zekerheid", "programma",
          "toezegging")


@st.cache_data(show_spinner=False)
def _load(kb_dir: str, generation: str, today: str) -> list[CommitmentRow]:
    with reading(kb_dir) as store:
        return commitment_rows(store, dt.date.fromisoformat(today))


@st.cache_data(show_spinner=False)
def _names(kb_dir: str, generation: str) -> dict[str, str]:
    with reading(kb_dir) as store:
        return entity_names(store)


def _filters(
    rows: list[CommitmentRow], start: CommitmentFilter, names: dict[str, str]
) -> CommitmentFilter:
    """The filter widgets (first shown with the URL's values); returns what they hold."""
    letters = dict(letter_options(rows))
    programmes = {key: f"{names.get(key, key)} ({n})" for key, n in programme_options(rows)}
    first, last = due_years(rows) or (2018, 2029)
    span = (first, max(last, first + 1))  # a slider needs two different ends
    years = start.years or span
    lo = min(max(years[0], span[0]), span[1])
    years = (lo, max(min(years[1], span[1]), lo))  # the URL's years, inside the slider
    defaults = {"tz_zoek": start.text, "tz_status": start.status, "tz_open": start.open_only,
                "tz_brief": start.letter if start.letter in letters else "",
                "tz_titel": start.in_title, "tz_zeker": start.min_confidence,
                "tz_jaar": years,
                "tz_prog": start.programme if start.programme in programmes else ""}  # fmt: skip
    for key, value in defaults.items():
        st.session_state.setdefault(key, value)
    top = st.columns([3, 2, 3, 3])
    text = top[0].text_input("Zoek in toezeggingen", key="tz_zoek", placeholder="bijv. VIA",
                             help="Zoekt in de zin, de actie, wie toezegt, de termijn en de "
                                  "programma's en organisaties die de zin noemt. Een woord "
                                  "in hoofdletters (VIA) telt alleen als heel woord.")  # fmt: skip
    status = top[1].selectbox("Status", ["", *STATUSES], key="tz_status",
                              format_func=lambda s: STATUSES.get(s, "(alle)"))  # fmt: skip
    letter = top[2].selectbox("Brief", ["", *letters], key="tz_brief",
                              format_func=lambda d: letters.get(d, "(alle brieven)"))  # fmt: skip
    programme = top[3].selectbox(
        "Programma", ["", *programmes], key="tz_prog",
        format_func=lambda k: programmes.get(k, "(alle programma's)"),
        help="Toezeggingen waarvan de zin het programma noemt, of in een brief die vooral over "
             "dat programma gaat (het vaakst genoemde programma van de brief).",
    )  # fmt: skip
    low = st.columns([3, 2, 3])
    chosen = low[0].slider("Termijn tussen", span[0], span[1], key="tz_jaar")
    confidence = low[1].slider("Minimale zekerheid van de herkenning", 0.0, 1.0, step=0.05,
                               key="tz_zeker")  # fmt: skip
    open_only = low[2].checkbox("Alleen openstaand", key="tz_open")
    in_title = low[2].checkbox("Zoek ook in de titel van de brief", key="tz_titel")
    years = None if tuple(chosen) == span else tuple(chosen)
    return CommitmentFilter(status or "", open_only, letter or "", years, text, in_title,
                            confidence, programme or "")  # fmt: skip


def _metrics(shown: list[CommitmentRow], total: int) -> None:
    s = summary(shown)
    cols = st.columns(5)
    cols[0].metric("Totaal", s.total, help=f"van {total} toezeggingen in de kennisbank")
    cols[1].metric("Open", s.open)
    cols[2].metric("Te laat", s.overdue, help="Openstaand en de termijn is verstreken")
    cols[3].metric("Deels voldaan", s.partly)
    cols[4].metric("Voldaan", s.fulfilled)


def _table(shown: list[CommitmentRow]) -> object:
    frame = pd.DataFrame(table_rows(shown))
    if not shown:
        st.info("Geen toezeggingen met deze filters.")
        return None
    frame["Link"] = [letter_url(r.document, r.start, r.end) for r in shown]
    return st.dataframe(
        frame, hide_index=True, width="stretch", on_select="rerun",
        selection_mode="single-row", key="tz_table",
        column_order=["Toezegging", "Wie", "Termijn", "Periode", "Status", "Te laat",
                      "Datum brief", "Nagekomen in", "Zekerheid", "Link"],
        column_config={
            "Toezegging": st.column_config.TextColumn(width="large"),
            "Te laat": st.column_config.CheckboxColumn(),
            "Zekerheid": st.column_config.NumberColumn(format="%.2f"),
            "Link": st.column_config.LinkColumn("Brief", display_text="Open bij de zin"),
        },
    )  # fmt: skip


def _chosen(event: object, shown: list[CommitmentRow]) -> None:
    """A row clicked in the table selects that commitment in the picker (once per click)."""
    rows = getattr(getattr(event, "selection", None), "rows", None) or []
    key = shown[rows[0]].key if rows and rows[0] < len(shown) else None
    if key and key != st.session_state.get("tz_last_click"):
        st.session_state["tz_pick"] = key
    st.session_state["tz_last_click"] = key


def _detail(row: CommitmentRow) -> None:
    """The commitment's sentence, due period and each fulfilment with its evidence and link."""
    st.subheader(md(row.action))
    st.text(row.quote)
    st.markdown(f"[Open de brief bij deze zin]({letter_url(row.document, row.start, row.end)})")
    facts = [f"Status: {row.shown_status}", f"Wie: {row.actor}",
             f"Termijn: {row.due_text or 'geen'}" + (f" ({row.due_period})" if row.due else ""),
             f"Brief: {row.document} ({row.letter_date or 'zonder datum'})",
             f"Zekerheid herkenning: {row.confidence:.2f} ({row.rule})"]  # fmt: skip
    st.caption(md(" · ".join(facts)))
    if not row.fulfilments:
        st.info("Geen latere brief gevonden die deze toezegging waarmaakt.")
    for e in row.fulfilments:
        with st.container(border=True):
            st.markdown(md(f"Nakoming in {e.title or e.document} ({e.date or 'zonder datum'}), "
                           f"zekerheid {e.confidence:.2f}"))  # fmt: skip
            st.text(e.quote)
            st.caption(md("Waarom: " + "; ".join(dutch_reason(r) for r in e.reasons)))
            st.markdown(f"[Open de brief bij dit bewijs]({letter_url(e.document, e.start, e.end)})")


def _write_url(f: CommitmentFilter, picked: str | None) -> None:
    wanted = filter_params(f) | ({"toezegging": picked} if picked else {})
    write_params(wanted, PARAMS)


style()
kb = current_kb()
today = dt.date.today()
st.title("Toezeggingen")
st.caption(md("Status als in het register van de Kamer: Voldaan als een latere brief de "
              "toezegging waarmaakt, Deels voldaan bij een zwakker bewijs, anders Openstaand. "
              f"Te laat: openstaand en de termijn is voorbij (vandaag: {today.isoformat()})."))
rows = _load(kb.dir, kb.generation, today.isoformat())
chosen_filter = _filters(rows, parse_filter({k: str(v) for k, v in st.query_params.items()}),
                         _names(kb.dir, kb.generation))
shown = filter_rows(rows, chosen_filter)
_metrics(shown, len(rows))
event = _table(shown)
_chosen(event, shown)
by_key = {r.key: r for r in shown}
st.session_state.setdefault("tz_pick", st.query_params.get("toezegging"))
if st.session_state.get("tz_pick") not in by_key:
    st.session_state["tz_pick"] = None
picked = st.selectbox(
    "Kies een toezegging", list(by_key), key="tz_pick", index=None,
    placeholder="Kies een toezegging om het bewijs te zien…",
    format_func=lambda k: f"{by_key[k].letter_date or '?'} · {by_key[k].shown_status} · "
                          f"{by_key[k].quote}",
)  # fmt: skip
_write_url(chosen_filter, picked)
if picked:
    _detail(by_key[picked])
left, right = st.columns(2)
left.download_button("Download CSV", export_csv(shown), "toezeggingen.csv", "text/csv")
right.download_button("Download JSON", export_json(shown), "toezeggingen.json", "application/json")
