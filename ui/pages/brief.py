"""Page placeholder: brief (being built)."""

import streamlit as st

from ui.common import current_kb, style

style()
kb = current_kb()
st.title("brief")
