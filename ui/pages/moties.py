"""Page placeholder: moties (being built)."""

import streamlit as st

from ui.common import current_kb, style

style()
kb = current_kb()
st.title("moties")
