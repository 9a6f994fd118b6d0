"""A choice kept in the page's address (?wilayah=53.71&tahun=2024), so a copied link opens the same
view. The address wins when it names another value than the one the page last wrote there (a link
was followed); otherwise the reader's own choice in the widget stands, and is written back."""

from __future__ import annotations

import streamlit as st


def _written_key(param: str) -> str:
    return f"url_written_{param}"


def follow(param: str, options: list[str], widget_key: str, default: str) -> str | None:
    """Set the widget's state (before it is drawn) from the address or keep the reader's choice;
    a value never chosen falls back to the one last written, then to `default`. Returns the raw
    value when the address names none of `options` (the page says so in one sentence)."""
    wanted = st.query_params.get(param)
    written = st.session_state.get(_written_key(param))
    unknown = None
    if wanted is not None and wanted != written:
        if wanted in options:
            st.session_state[widget_key] = wanted
        else:
            unknown = wanted
    if st.session_state.get(widget_key) not in options:
        st.session_state[widget_key] = written if written in options else default
    return unknown


def write(param: str, value: str | None) -> None:
    """Put the value shown into the address (and remember it across the pages); None takes the
    parameter out (a default that needs no mention)."""
    st.session_state[_written_key(param)] = value
    if value is None:
        if param in st.query_params:
            del st.query_params[param]
    elif st.query_params.get(param) != value:
        st.query_params[param] = value

