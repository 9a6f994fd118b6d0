"""A refused change as one error box: the service's sentence, or a list when it found several
problems (InvalidInput)."""

from __future__ import annotations

import streamlit as st

from data.errors import DomainError, InvalidInput


def show(error: DomainError) -> None:
    if isinstance(error, InvalidInput) and len(error.messages) > 1:
        st.error("\n".join(f"- {m}" for m in error.messages))
    else:
        st.error(error.message)
