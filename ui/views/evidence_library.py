"""The unit's evidence library on Isian Saya: every file the unit attached in this cycle or the
one before, with the questions holding it, and one file attached to several questions at once."""

from __future__ import annotations

import streamlit as st

from data.actor import SignedInUser
from data.errors import DomainError
from data.services.entry import evidence_library
from data.services.entry.sheet import EntrySheet
from indicators import text as fmt
from ui import flash, loaders
from ui.i18n import t
from ui.markup import plain

FLASH = "entry_library"
ROUND_KEY = "entry.library.round"


def show(sheet: EntrySheet, user: SignedInUser, year: int | None, lang: str) -> None:
    if not sheet.open or not st.toggle(t("entry.library_title", lang), key="entry.library_open"):
        return
    with st.container(border=True, key="entry_library"):
        st.caption(t("entry.library_lead", lang))
        flash.show_pending(FLASH)
        try:
            files = evidence_library.unit_library(loaders.engine(), user, year)
        except DomainError as error:
            st.error(plain(error.message))
            return
        if not files:
            st.info(t("entry.library_empty", lang))
            return
        by_id = {f.evidence_id: f for f in files}
        chosen = st.selectbox(t("entry.library_file", lang), list(by_id), key="entry.library.file",
                              format_func=lambda i: _file_label(by_id[i], sheet.cycle_year, lang))
        item = by_id[chosen]
        st.caption(t("entry.library_attached", lang, codes=", ".join(item.attached_to)) if item.attached_to
                   else t("entry.library_attached_none", lang))
        open_codes = [c for c in sheet.rows.loc[sheet.rows["editable"], "question_code"] if c not in item.attached_to]
        key = f"entry.library.codes.{chosen}.{st.session_state.get(ROUND_KEY, 0)}"
        picked = st.multiselect(t("entry.library_questions", lang), open_codes, key=key,
                                format_func=lambda code: _question_label(sheet, code, lang),
                                placeholder=t("entry.library_questions_placeholder", lang))
        st.button(t("entry.library_send", lang, count=len(picked)), type="primary", icon=":material/attach_file:",
                  key="entry.library.send", disabled=not picked, on_click=_attach, args=(user, year, chosen, picked))


def _file_label(item: evidence_library.LibraryFile, year: int, lang: str) -> str:
    where = t("entry.library_this_cycle", lang) if item.cycle_year == year else str(item.cycle_year)
    return f"{item.filename} · {fmt.file_size(item.size_bytes, lang)} · {where}"


def _question_label(sheet: EntrySheet, code: str, lang: str) -> str:
    return f"{code} · {fmt.excerpt(sheet.catalog.question(code).prompt.get(lang), 70)}"


def _attach(user: SignedInUser, year: int | None, evidence_id: int, codes: list[str]) -> None:
    try:
        results = evidence_library.attach_to_questions(loaders.engine(), user, evidence_id, codes, year)
    except DomainError as error:
        flash.show_later("error", error.message, place=FLASH)
        return
    st.session_state[ROUND_KEY] = st.session_state.get(ROUND_KEY, 0) + 1
    attached = [r.question_code for r in results if r.problem is None]
    refused = [f"- {plain(r.problem)}" for r in results if r.problem is not None]
    if attached:
        flash.show_later("success", t("entry.library_done", count=len(attached), codes=", ".join(attached)),
                         place=FLASH)
    if refused:
        flash.show_later("error", "\n".join(refused), place=FLASH)
