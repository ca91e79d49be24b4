"""Moties: every motion with its Kamerstuk, members and parties, and what each letter says.

URL: /moties?motie=<text> filters on name, members or Kamerstuk (/moties?motie=Ergin); the
motions that match show their trace as a timeline of letters, each sentence linked into the
reader. All letter text is escaped (esc for st.html, md for Markdown).
"""

from __future__ import annotations

import streamlit as st

from kb.views.base import reading
from kb.views.motions import Motion, MotionStep, find_motions, motion_table, motions
from ui.common import current_kb, esc, md, style
from ui.links import kamerstuk_url, letter_url, motion_url
from ui.url_state import from_widget, synced_input

MAX_TRACES = 20
CSS = """
<style>
.kb-motion-meta { margin: .2em 0 .8em 0; }
.kb-trace { border-left: 3px solid #c7d2fe; margin: .5em 0 1.5em .6em; padding-left: 1.2em; }
.kb-step { position: relative; margin-bottom: 1.1em; }
.kb-step::before { content: ""; position: absolute; left: -1.72em; top: .35em; width: .8em;
  height: .8em; border-radius: 50%; background: #4f46e5; }
.kb-when { font-weight: 600; }
.kb-quote { border-left: 3px solid #e5e7eb; margin: .3em 0; padding: .1em .8em; color: #374151; }
.kb-badge { display: inline-block; border-radius: .8em; padding: 0 .6em; font-size: .85em;
  background: #e5e7eb; color: #111827; }
.kb-badge-afgedaan { background: #bbf7d0; }
.kb-badge-uitvoering, .kb-badge-invulling { background: #bfdbfe; }
.kb-badge-vervangen { background: #fed7aa; }
</style>
"""


@st.cache_data(show_spinner=False)
def _load(kb_dir: str, generation: str) -> tuple[Motion, ...]:
    """Every motion of the KB (recomputed only when the generation changes)."""
    with reading(kb_dir) as store:
        return motions(store)


def _kamerstuk_html(motion: Motion) -> str:
    if motion.own_document:
        label = f"{motion.kamerstuk_label or motion.own_document} (in de kennisbank)"
        return f'<a href="{esc(letter_url(motion.own_document))}">{esc(label)}</a>'
    if motion.kamerstuk:
        return f'<a href="{esc(kamerstuk_url(motion.kamerstuk))}">{esc(motion.kamerstuk_label)}</a>'
    return "Kamerstuk onbekend"


def _meta_html(motion: Motion) -> str:
    members = ", ".join(motion.members) or "onbekend"
    parties = ", ".join(motion.parties) or "onbekend"
    return (
        f'<div class="kb-motion-meta">{_kamerstuk_html(motion)}<br>'
        f"<b>Indieners:</b> {esc(members)} · <b>Partijen:</b> {esc(parties)}<br>"
        f"<b>Status:</b> {esc(motion.status)} · genoemd in {len(motion.letters)} "
        f"brief/brieven ({len(motion.steps)} keer)</div>"
    )


def _step_html(step: MotionStep) -> str:
    href = esc(letter_url(step.document, step.start, step.end))
    stance = esc(step.stance or "vermeld")
    return (
        f'<blockquote class="kb-quote">{esc(step.quote)}</blockquote>'
        f'<span class="kb-badge kb-badge-{stance}">{esc(step.stance_label)}</span> · '
        f'<a href="{href}">Lees in brief</a>'
    )


def _trace_html(motion: Motion) -> str:
    parts = ['<div class="kb-trace">']
    for letter in motion.letters:
        title = esc(letter.title or letter.document)
        parts.append(
            f'<div class="kb-step"><div class="kb-when">{esc(letter.date or "zonder datum")}'
            f'</div><a href="{esc(letter_url(letter.document))}">{title}</a>'
        )
        parts += [f"<div>{_step_html(step)}</div>" for step in letter.steps]
        parts.append("</div>")
    parts.append("</div>")
    return "".join(parts)


def show_motion(motion: Motion) -> None:
    """Header (name, Kamerstuk, members, parties, status) and the trace as a timeline."""
    st.subheader(md(motion.name))
    st.html(_meta_html(motion))
    if motion.steps:
        st.html(_trace_html(motion))
    else:
        st.caption("Geen brief in de kennisbank zegt iets over deze motie.")


def show_table(found: tuple[Motion, ...], total: int) -> None:
    """The table of motions with counts; the links select a motion or open its Kamerstuk."""
    rows = motion_table(found)
    for row, motion in zip(rows, found, strict=True):
        row["Spoor"] = motion_url(motion.key)
        row["Officiële bekendmaking"] = motion.url or ""
    st.caption(f"{len(found)} van {total} moties")
    st.dataframe(
        rows, hide_index=True, width="stretch",
        column_config={
            "Spoor": st.column_config.LinkColumn("Spoor", display_text="Toon spoor"),
            "Officiële bekendmaking": st.column_config.LinkColumn(
                "Officiële bekendmaking", display_text="officielebekendmakingen.nl"),
        },
    )  # fmt: skip


def pick(found: tuple[Motion, ...]) -> None:
    """A selectbox to show one motion's trace (writes its Kamerstuk to the URL)."""
    names = {m.key: f"{m.name} ({m.kamerstuk_label or 'Kamerstuk onbekend'})" for m in found}
    key = "moties_pick"
    st.session_state[key] = ""
    st.selectbox("Toon het spoor van", ["", *names], key=key, on_change=from_widget,
                 args=("motie", key),
                 format_func=lambda k: names.get(k, "Kies een motie…"))  # fmt: skip


style()
st.html(CSS)
kb = current_kb()
st.title("Moties")
st.caption(
    "Elke motie die in de brieven genoemd wordt: het Kamerstuk, de indieners en wat elke brief "
    "erover zegt, op volgorde van datum."
)
typed = synced_input("motie", "Zoek een motie (naam, indiener, partij of Kamerstuk)",
                     "bijv. Ergin, Van Baarle, 32824-419", key="moties_motie_input")  # fmt: skip
all_motions = _load(kb.dir, kb.generation)
found = find_motions(all_motions, typed)
if not all_motions:
    st.info("Er zijn nog geen moties in de kennisbank.")
elif not found:
    st.info(f"Geen motie gevonden voor „{md(typed)}”. Zoek op naam, indiener of Kamerstuk.")
else:
    show_table(found, len(all_motions))
    if not typed:
        pick(found)
    for motion in found[:MAX_TRACES] if typed else ():
        show_motion(motion)
    if typed and len(found) > MAX_TRACES:
        st.caption(f"Alleen de eerste {MAX_TRACES} moties getoond; verfijn de zoekopdracht.")
