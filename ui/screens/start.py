"""The app's root address (/): on to the search page, keeping the query parameters.

Streamlit serves the default page at "/" only, so Zoeken gets a page of its own (/zoeken?q=…,
the address links and bookmarks use) and this hidden page forwards "/" and "/?q=…" to it.
"""

import streamlit as st

st.switch_page("screens/zoeken.py", query_params=st.query_params.to_dict())
