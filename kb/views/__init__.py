"""What the UI shows, computed from the store: plain frozen dataclasses, no Streamlit.

One module per page (search, reader, timeline, commitments, motions, figures, network,
overview) plus `base` (opening the KB read-only and its generation, for cache keys).
"""
