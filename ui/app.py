"""The Streamlit app: `streamlit run ui/app.py` (or `kb ui`). Pages live in ui/screens/.

(Not in ui/pages/: Streamlit would also serve that folder as old-style pages, so a direct link
such as /netwerk?entiteit=… would bypass this script and its navigation.)
"""

from __future__ import annotations

import streamlit as st

st.set_page_config(
    page_title="Kennisbank Kamerbrieven", page_icon=":material/menu_book:", layout="wide"
)

# (file, title, Material icon, url_path): the url_path is each page's shareable address,
# /zoeken?q=…, /brief?id=…; ui/links.py builds links to them.
SCREENS = [
    ("zoeken", "Zoeken", "search"),
    ("brief", "Brief", "description"),
    ("tijdlijn", "Tijdlijn 2018–2029", "timeline"),
    ("toezeggingen", "Toezeggingen", "task_alt"),
    ("moties", "Moties", "gavel"),
    ("cijfers", "Cijfers en bronnen", "bar_chart"),
    ("netwerk", "Netwerk", "hub"),
    ("over", "Over deze kennisbank", "info"),
]
# Streamlit serves the default page at "/" only; a hidden start page forwards it to /zoeken.
PAGES = [st.Page("screens/start.py", title="Start", default=True, visibility="hidden")] + [
    st.Page(f"screens/{name}.py", title=title, icon=f":material/{icon}:", url_path=name)
    for name, title, icon in SCREENS
]

st.navigation(PAGES).run()
