"""The Streamlit app: `streamlit run ui/app.py` (or `kb ui`). Pages live in ui/pages/."""

from __future__ import annotations

import streamlit as st

st.set_page_config(page_title="Kennisbank Kamerbrieven", page_icon="📚", layout="wide")

# url_path is the shareable address of each page: /zoeken?q=..., /brief?id=..., ...
PAGES = [
    st.Page("pages/zoeken.py", title="Zoeken", icon="🔎", url_path="zoeken", default=True),
    st.Page("pages/brief.py", title="Brief", icon="📄", url_path="brief"),
    st.Page("pages/tijdlijn.py", title="Tijdlijn 2018–2029", icon="🗓️", url_path="tijdlijn"),
    st.Page("pages/toezeggingen.py", title="Toezeggingen", icon="✅", url_path="toezeggingen"),
    st.Page("pages/moties.py", title="Moties", icon="🏛️", url_path="moties"),
    st.Page("pages/cijfers.py", title="Cijfers en bronnen", icon="📊", url_path="cijfers"),
    st.Page("pages/netwerk.py", title="Netwerk", icon="🕸️", url_path="netwerk"),
    st.Page("pages/over.py", title="Over deze kennisbank", icon="ℹ️", url_path="over"),
]

st.navigation(PAGES).run()
