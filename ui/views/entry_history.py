"""What others and the past say about one answer, on the entry page (Isian Saya) and the review
page: the other units' answers to the same question, and the answer's history (every save, submit,
return and verification, newest first, with who, when, what changed and why)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from data.actor import SignedInUser
from data.errors import DomainError
from data.services.entry import history
from indicators import text as fmt
from ui import loaders
from ui.i18n import answer_status_name, reader_zone, t
from ui.markup import plain


def co_answers(code: str, user: SignedInUser, year: int | None) -> None:
    """The other units' answers to the question, when it is asked of several."""
    try:
        others = history.co_answers(loaders.engine(), user, code, year)
    except DomainError:
        return
    if not others:
        return
    st.markdown(f"**{t('entry.co_title')}**")
    st.dataframe(pd.DataFrame({
        t("entry.co_unit"): [o["unit_name"] for o in others],
        t("entry.co_status"): [answer_status_name(o["status"]) for o in others],
        t("entry.co_value"): [o["display_value"] for o in others],
    }), hide_index=True, width="stretch")


def answer_history(code: str, user: SignedInUser, year: int | None, lang: str,
                   unit_short_name: str | None = None) -> None:
    """The answer's history behind a toggle: the user's own unit's answer, or (for the task
    force, which also reads it on the review page) the named unit's."""
    key = f"entry.{code}.history" if unit_short_name is None else f"entry.{unit_short_name}.{code}.history"
    if not st.toggle(t("entry.history"), key=key):
        return
    rows = history.answer_history(loaders.engine(), user, code, year, unit_short_name)
    if not rows:
        st.caption(t("entry.history_empty"))
        return
    zone = reader_zone()
    with st.container(key=f"entry_history_{key.replace('.', '_')}"):
        for row in reversed(rows):   # newest first, one short block each: readable on a phone
            st.markdown(f"**{fmt.date_time(row['at'], lang, zone)}** · {plain(row['who'])} · "
                        f"{action_name(row['action'], row.get('source'))}")
            change = f"{plain(row['old'])} → {plain(row['new'])}" if row["old"] else plain(row["new"])
            if change:
                st.caption(change)
            if row.get("reason"):
                st.caption(t("entry.history_reason_text", reason=plain(row["reason"])))


def action_name(action: str, source: str | None) -> str:
    """ "Simpan", "Simpan (Excel)", "Verifikasi"; an action this page does not know by its code."""
    key = f"entry.action.{action}"
    name = t(key)
    name = action if name == key else name
    source_key = f"entry.source.{source}"
    if source and source != "page" and t(source_key) != source_key:
        name = f"{name} ({t(source_key)})"
    return name
