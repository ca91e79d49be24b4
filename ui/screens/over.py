"""Page 8, Over deze kennisbank: what the KB holds, ingest warnings and failures, when it was
last updated, how to add letters, and what the other pages do. All logic: kb.views.overview.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from kb.views.base import reading
from kb.views.overview import Overview, dutch_date, overview
from ui.common import current_kb, style
from ui.links import letter_url

PAGES = """
- [Zoeken](/zoeken): zoek in alle passages, voetnoten, cijfers en toezeggingen, met filters op
  brief, jaar, soort, organisatie, pilot, programma en ondertekenaar. De zoekopdracht staat in de
  adresbalk, dus u kunt de link delen.
- [Brief](/brief): lees een brief met zijn voetnoten, verwijzingen naar Kamerstukken en de
  organisaties, programma's en pilots die erin genoemd worden.
- [Tijdlijn 2018–2029](/tijdlijn): brieven, gebeurtenissen, deadlines van toezeggingen en de
  looptijd van programma's en pilots op één tijdlijn.
- [Toezeggingen](/toezeggingen): wat het kabinet heeft toegezegd, voor wanneer, en of een latere
  brief laat zien dat het is gedaan (open, nagekomen of over tijd).
- [Moties](/moties): elke motie met Kamerstuk, indieners en partijen, en wat de brieven erover
  zeggen, in datumvolgorde.
- [Cijfers en bronnen](/cijfers): elk cijfer met de zin waarin het staat en de bron (voetnoot →
  publicatie → uitgever); welke cijfers in meerdere brieven terugkomen.
- [Netwerk](/netwerk): kies een organisatie, programma, persoon of motie en zie waarmee die
  verbonden is, met het bewijs per verbinding; en wie er per brief lid was van de Taskforce
  (wie trad toe, wie vertrok).
"""

HOW_TO_ADD = """
1. Zet de brieven (`.txt`, `.pdf` of `.xml` van officielebekendmakingen) in de map `corpus/`,
   of in een andere map.
2. Lees ze in met `kb ingest MAP` (bijvoorbeeld `kb ingest corpus/`), of met `make run` voor de
   map `corpus/`. Een brief die al in de kennisbank staat, wordt niet opnieuw ingelezen; een
   gewijzigd bestand vervangt de oude versie.
3. Klaar: de pagina's van deze app tonen de nieuwe stand vanzelf bij de volgende klik of
   herlaadbeurt, want alle tussenresultaten zijn gekoppeld aan de versie van de kennisbank.
   Herstarten is niet nodig.

Een bestand dat niet gelezen kan worden, staat hieronder bij *Mislukte bestanden*, met wat er
mis is en wat u eraan kunt doen. Een los bestand `NAAM.meta.json` naast een brief kan titel,
datum, Kamerstuk, ondertekenaar en soort vastleggen als die niet uit de tekst te halen zijn.
"""


@st.cache_data(show_spinner=False, max_entries=4)
def _load(kb_dir: str, generation: str) -> Overview:
    with reading(kb_dir) as store:
        return overview(store)


def _summary(data: Overview) -> None:
    period = (f"{dutch_date(data.first_date)} – {dutch_date(data.last_date)}"
              if data.first_date else "onbekend")  # fmt: skip
    one, two = st.columns(2)
    one.metric("Brieven", len(data.letters))
    two.metric("Periode", period)
    st.markdown(f"**Laatst bijgewerkt:** {data.updated_nl}. De kennisbank staat in de map:")
    st.code(data.directory, language=None)
    if not data.has_index:
        st.warning("Er is geen zoekindex: maak die met `kb index --rebuild`.")


def _letters(data: Overview) -> None:
    st.header("Brieven")
    st.dataframe(pd.DataFrame(
        [{"Datum": r.date_nl, "Soort": r.kind, "Titel": r.title or r.document,
          "Ondertekenaar": r.signatory, "Pagina's": r.pages, "Waarschuwingen": r.warnings,
          "Document": r.document, "Lezen": letter_url(r.document)} for r in data.letters],
        columns=["Datum", "Soort", "Titel", "Ondertekenaar", "Pagina's", "Waarschuwingen",
                 "Document", "Lezen"],
    ), hide_index=True, column_config={
        "Lezen": st.column_config.LinkColumn("Lezen", display_text="open brief")})  # fmt: skip
    left, right = st.columns(2)
    left.markdown("**Per soort**")
    left.dataframe(pd.DataFrame(data.per_kind, columns=["Soort", "Brieven"]), hide_index=True)
    right.markdown("**Per jaar**")
    right.dataframe(pd.DataFrame(data.per_year, columns=["Jaar", "Brieven"]), hide_index=True)


def _contents(data: Overview) -> None:
    st.header("Wat erin staat")
    left, right = st.columns(2)
    left.markdown("**Gevonden in de brieven**")
    left.dataframe(pd.DataFrame(data.counts, columns=["Wat", "Aantal"]), hide_index=True,
                   height=35 * (len(data.counts) + 1) + 3)  # every row at once
    right.markdown("**Entiteiten per soort**")
    right.dataframe(pd.DataFrame(data.entities, columns=["Soort", "Aantal"]), hide_index=True)


def _problems(data: Overview) -> None:
    st.header("Waarschuwingen en mislukte bestanden")
    st.subheader("Waarschuwingen bij het inlezen")
    if data.warnings:
        st.dataframe(pd.DataFrame(
            [{"Brief": w.title or w.document, "Document": w.document, "Code": w.code,
              "Melding": w.message} for w in data.warnings]), hide_index=True)  # fmt: skip
    else:
        st.success("Geen waarschuwingen.")
    st.subheader("Mislukte bestanden")
    if data.failures:
        st.dataframe(pd.DataFrame(
            [{"Bestand": f.source, "Probleem": f.problem, "Advies": f.advice, "Wanneer": f.at}
             for f in data.failures]), hide_index=True)  # fmt: skip
    else:
        st.success("Alle bestanden zijn ingelezen.")


style()
kb = current_kb()
data = _load(kb.dir, kb.generation)
st.title("Over deze kennisbank")
st.markdown(
    "Deze kennisbank bevat Kamerbrieven en bijlagen over arbeidsmarkt en integratie, met alles "
    "wat eruit gehaald is: voetnoten, verwijzingen, organisaties, moties, cijfers, toezeggingen "
    "en gebeurtenissen. Elke bewering in de app wijst naar de plek in de brief waar die staat."
)
_summary(data)
_letters(data)
_contents(data)
_problems(data)
st.header("Brieven toevoegen")
st.markdown(HOW_TO_ADD)
st.header("De pagina's")
st.markdown(PAGES)
