"""A stale save on the entry page (Isian Saya): someone else saved the answer while the user was
typing, so the save was refused ("changed by X at T, reload"). The saved version is shown beside
what the user typed, with the choice between them: nothing typed is lost, and nothing saved is
overwritten without the user seeing it."""

from __future__ import annotations

import streamlit as st

from data.actor import SignedInUser
from indicators import text as fmt
from indicators.answers import answer_value, display_value
from indicators.catalog import Question
from ui.i18n import reader_zone, t
from ui.markup import plain
from ui.views import entry_editor
from ui.views.entry_state import editor_keys, forget, stale_key, typed_value, version


def is_stale(code: str) -> bool:
    """Whether the question's last save met a version someone else saved meanwhile."""
    return bool(st.session_state.get(stale_key(code)))


def show(row, question: Question, user: SignedInUser, year: int | None, lang: str) -> None:
    """The saved version beside the typed one, with "keep mine" and "take theirs"."""
    code = row.question_code
    stale = st.session_state[stale_key(code)]
    empty = t("entry.conflict_empty")
    typed, typed_note = typed_value(code)
    with st.container(border=True, key=f"entry_conflict_{code.replace('.', '_')}"):
        st.markdown(f"**{t('entry.conflict_title', code=code)}**")
        theirs, mine = st.columns(2)
        theirs.caption(t("entry.conflict_theirs", who=plain(row.updated_by or stale["who"]),
                         when=fmt.date_time(row.updated_at if row.updated_at is not None else stale["at"],
                                            lang, reader_zone())))
        theirs.markdown(plain(display_value(question, answer_value(row), lang) or empty))
        if row.note:
            theirs.text(row.note)
        mine.caption(t("entry.conflict_mine"))
        mine.markdown(plain(display_value(question, typed, lang) or empty))
        if typed_note:
            mine.text(typed_note)
        buttons = st.container(horizontal=True, gap="small")
        buttons.button(t("entry.conflict_keep_mine"), key=f"entry.{code}.keep_mine", icon=":material/save:",
                       type="primary", help=t("entry.conflict_keep_mine_help"), on_click=_keep_mine,
                       args=(user, code, year, version(row)))
        buttons.button(t("entry.conflict_take_theirs"), key=f"entry.{code}.reload", icon=":material/refresh:",
                       on_click=_reload, args=(user, code, year))


def _keep_mine(user: SignedInUser, code: str, year: int | None, saved_version: int | None) -> None:
    """Save the typed answer over the version the user has now seen."""
    st.session_state[editor_keys(code)["seen"]] = saved_version
    entry_editor.save(user, code, year)


def _reload(user: SignedInUser, code: str, year: int | None) -> None:
    forget(code)
    entry_editor.drop_typed(user, code, year)
    st.session_state.pop(stale_key(code), None)
