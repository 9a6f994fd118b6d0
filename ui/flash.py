"""Messages that must survive a rerun: the one way a page tells the user what their last action did.

An action runs in a widget callback (before the page reruns) or ends with st.rerun(); either way
the page it leaves is gone. It calls show_later(kind, text, place=...) instead of drawing, and the
page shows what is pending for a place with show_pending(place) where that message belongs: at the
top of the page, in a question, in an answer's card. A message is shown once, then forgotten.

Places are plain names chosen by each feature ("review", "review.answer.17", "entry.question.1.1"),
so a message waits for its own page and never turns up on another one.
"""

from __future__ import annotations

from typing import Literal

import streamlit as st

Kind = Literal["success", "error", "warning", "info", "toast"]
PENDING_KEY = "flash.pending"


def show_later(kind: Kind, text: str, *, place: str, icon: str | None = None) -> None:
    """Keep a message for the next time `place` is drawn. A "toast" pops up in the corner (for a
    button far down the page); the other kinds are boxes of that kind."""
    message = {"kind": kind, "text": text, "place": place, "icon": icon}
    st.session_state[PENDING_KEY] = [*st.session_state.get(PENDING_KEY, []), message]


def show_pending(place: str) -> None:
    """Draw, here and in the order they were given, the messages waiting for `place`."""
    _show(_take(lambda p: p == place))


def show_pending_under(prefix: str) -> None:
    """Draw every message still waiting for a place under `prefix`: the ones whose place was
    not drawn in this run (e.g. an answer someone else has meanwhile moved off the page)."""
    _show(_take(lambda p: p.startswith(prefix)))


def _take(wanted) -> list[dict]:
    pending = st.session_state.get(PENDING_KEY, [])
    taken = [m for m in pending if wanted(m["place"])]
    if taken:
        st.session_state[PENDING_KEY] = [m for m in pending if not wanted(m["place"])]
    return taken


def _show(messages: list[dict]) -> None:
    for message in messages:
        draw = st.toast if message["kind"] == "toast" else getattr(st, message["kind"])
        draw(message["text"], icon=message["icon"])
