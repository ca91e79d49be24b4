"""Widgets kept in step with the page URL (st.query_params): the URL is the page's state.

A synced widget shows its URL parameter on every run and its on_change writes the new value
back (an empty value removes the parameter), so a shared link reproduces the view. Pages that
read all their widgets first write the whole set back at once with `write_params`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

import streamlit as st

from ui.common import param


def write_param(name: str, value: str) -> None:
    """Write one URL parameter (removed when empty), so the view can be shared."""
    if value:
        st.query_params[name] = value
    elif name in st.query_params:
        del st.query_params[name]


def from_widget(name: str, key: str) -> None:
    """on_change: write the widget's new value to URL parameter `name`."""
    value = st.session_state[key]
    write_param(name, value.strip() if isinstance(value, str) else value)


def synced_input(name: str, label: str, placeholder: str, key: str) -> str:
    """A text input showing URL parameter `name`; a change is written back to the URL."""
    st.session_state[key] = param(name)
    return st.text_input(label, key=key, placeholder=placeholder, on_change=from_widget,
                         args=(name, key)).strip()  # fmt: skip


def synced_select(
    name: str, label: str, options: Sequence[str], show: Callable[[str], str], default: str,
    key: str,
) -> str:  # fmt: skip
    """A selectbox on URL parameter `name` (`default` when the URL names no option)."""
    query = param(name)
    st.session_state[key] = query if query in options else default
    return st.selectbox(label, list(options), key=key, format_func=show,
                        on_change=from_widget, args=(name, key))  # fmt: skip


def write_params(wanted: Mapping[str, str], names: Iterable[str]) -> None:
    """Make the URL hold `wanted` for each of `names`: a changed value is set, a parameter
    not wanted is removed, the others are left alone."""
    for key in names:
        if key in wanted and st.query_params.get(key) != wanted[key]:
            st.query_params[key] = wanted[key]
        elif key not in wanted and key in st.query_params:
            del st.query_params[key]
