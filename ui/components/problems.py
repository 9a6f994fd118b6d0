"""A refused change as one error box: the service's sentence, or a list when it found several
problems (InvalidInput)."""

from __future__ import annotations

import streamlit as st

from data.errors import DomainError, InvalidInput
from ui.i18n import t
from ui.markup import markdown, plain

SHOWN = 50  # a file of 10 000 bad rows is refused with its first problems, and how many more


def show(error: DomainError) -> None:
    if isinstance(error, InvalidInput) and len(error.messages) > 1:
        lines = [f"- {plain(m)}" for m in error.messages[:SHOWN]]
        if len(error.messages) > SHOWN:
            lines.append(t("problems.more", count=len(error.messages) - SHOWN))
        st.error(markdown("\n".join(lines)))
    else:
        st.error(plain(error.message))
