"""One question's answer on the entry page (Isian Saya): the input fitting its answer type, what it
earns as it is typed, the note, and the save and submit buttons; or the stored answer, read only.
The typed values live in the session (ui.views.entry_state) and, as each field is typed, in the
focal point's own drafts (data.services.entry.drafts), which give them back after a reload or
another page; a save against a version someone else saved meanwhile is refused and marks the
question stale (ui.views.entry_conflicts takes over)."""

from __future__ import annotations

import math

import streamlit as st

from data.actor import SignedInUser
from data.errors import DomainError, StaleAnswer
from data.services.entry import answers, drafts
from indicators import text as fmt
from indicators import workflow
from indicators.answers import (
    NOTE_MAX_CHARS,
    AnswerValue,
    answer_value,
    display_value,
    percent_of,
    plausibility_problem,
    points_for,
    value_errors,
)
from indicators.catalog import Question
from ui import loaders
from ui.i18n import current_lang, reader_zone, t
from ui.markup import plain
from ui.views.entry_state import (
    RESTORE_KEY,
    editor_keys,
    forget,
    message,
    prepare_state,
    question_flash,
    stale_key,
    typed_anything,
    typed_fields,
    typed_value,
)

LOADED_KEY = "entry.typed_loaded"


def restore_typed(user: SignedInUser, year: int | None) -> None:
    """Once per visit: what the user typed and had not saved when they last left the page comes
    back into its questions, which open, with a note naming them."""
    state = st.session_state
    if LOADED_KEY in state and state[LOADED_KEY] == year:
        return
    state[LOADED_KEY] = year
    try:
        found = drafts.typed_drafts(loaders.engine(), user, year, "form")
    except DomainError:
        return
    state[RESTORE_KEY] = found
    for code in found:
        state[f"entry.open.{code}"] = True
    if found:
        st.info(t("entry.typed_back", codes=", ".join(sorted(found))), icon=":material/history:")


def show(row, question: Question, lang: str, user: SignedInUser, year: int | None) -> None:
    """The input fitting the answer type, what it earns as it is typed, and the note."""
    code = row.question_code
    initial = prepare_state(row)
    keys = editor_keys(code)
    kind = question.answer.type
    keep = {"on_change": _keep_typed, "args": (user, code, year)}
    restored = st.session_state.get(keys["restored"])
    if restored is not None:
        st.info(t("entry.typed_restored", when=fmt.date_time(restored, current_lang(), reader_zone())),
                icon=":material/history:")
    if kind == "yes_no":
        labels = {True: t("entry.yes"), False: t("entry.no")}
        st.radio(t("entry.answer"), [True, False], format_func=labels.get, key=keys["bool"], horizontal=True,
                 index=_index([True, False], initial["bool"]), **keep)
    elif question.answer.has_options:
        options = {o.code: plain(o.label.get(lang)) for o in question.answer.options}
        st.radio(t("entry.answer"), list(options), format_func=options.get, key=keys["choice"],
                 index=_index(list(options), initial["choice"]), **keep)
    elif kind == "percentage":
        left, right = st.columns(2)
        _number_input(left, t("entry.numerator"), keys["num"], initial["num"], keep)
        _number_input(right, t("entry.denominator"), keys["den"], initial["den"], keep)
    else:
        _number_input(st, t("entry.count"), keys["count"], initial["count"], keep)

    value, note = typed_value(code)
    errors = value_errors(question, value)
    for problem in errors:
        st.warning(plain(problem), icon=":material/error:")
    if kind == "percentage" and not errors:
        percent = percent_of(value)
        if percent is not None:
            st.markdown(t("entry.percent", percent=fmt.percent(percent / 100, lang)))
    st.markdown(t("entry.points_now", points=fmt.number(points_for(question, value), lang),
                  max=fmt.number(question.max_points, lang)))
    previous = previous_value(row)
    implausible = plausibility_problem(question, value, previous) if not errors else None
    if implausible and not note.strip():
        st.warning(plain(implausible), icon=":material/help:")
    st.text_area(t("entry.note"), value=initial["note"], key=keys["note"], help=t("entry.note_help"), height=90,
                 **keep)
    _note_length(note, lang)


def read_only(row, question: Question, lang: str) -> None:
    value = answer_value(row)
    shown = display_value(question, value, lang)
    st.markdown(t("entry.value", value=plain(shown)) if shown else t("entry.value_empty"))
    if row.self_points is not None and not (isinstance(row.self_points, float) and math.isnan(row.self_points)):
        st.caption(t("entry.points_saved", points=fmt.number(row.self_points, lang),
                     max=fmt.number(question.max_points, lang)))
    if row.note:
        st.caption(t("entry.note_saved"))
        st.text(row.note)


def actions(row, user: SignedInUser, year: int | None) -> None:
    code = row.question_code
    if row.submit_problems and row.status in workflow.EDITABLE:
        st.caption(":material/info: " + t("entry.to_fix") + " " + " ".join(plain(p) for p in row.submit_problems))
    buttons = st.container(horizontal=True, gap="small")
    buttons.button(t("entry.save"), key=f"entry.{code}.save", icon=":material/save:",
                   on_click=save, args=(user, code, year))
    buttons.button(t("entry.submit"), key=f"entry.{code}.submit", icon=":material/send:", type="primary",
                   on_click=_submit, args=(user, code, year))


def previous_value(row) -> AnswerValue | None:
    """Last cycle's answer to the question, if there was one."""
    previous = answer_value(row, "previous_")
    return None if previous.is_empty() else previous


def _note_length(note: str, lang: str) -> None:
    """The note's length against its limit: a counter, and a refusal at the field when over it
    (a text area's own limit would drop a long paste without a word)."""
    count, limit = fmt.whole(len(note), lang), fmt.whole(NOTE_MAX_CHARS, lang)
    if len(note) > NOTE_MAX_CHARS:
        st.error(t("entry.note_too_long", count=count, max=limit), icon=":material/error:")
    elif note:
        st.caption(t("entry.note_count", count=count, max=limit))


def _index(options: list, value) -> int | None:
    return options.index(value) if value in options else None


def _number_input(where, label: str, key: str, initial, keep: dict) -> None:
    """Whole numbers (counts of children, schools, ...); a stored fraction keeps its decimals. No
    minimum in the browser, whose own refusal is an English tooltip that drops the value: a
    negative number reaches the answer checks and is refused in Indonesian at the field."""
    if isinstance(initial, float):
        where.number_input(plain(label), step=1.0, key=key, value=initial, format="%.2f", **keep)
    else:
        where.number_input(plain(label), step=1, key=key, value=initial, **keep)


# --------------------------------------------------------------------------------- callbacks

def _keep_typed(user: SignedInUser, code: str, year: int | None) -> None:
    """A field changed: keep what is typed for a reload (or forget it once it matches the stored answer)."""
    keys = editor_keys(code)
    st.session_state[keys["start"]] = typed_fields(code)  # widgets drawn again (page left, question closed) keep it
    try:
        if typed_anything(code):
            drafts.keep_typed(loaders.engine(), user, year, code, "form", typed_fields(code),
                              st.session_state.get(keys["seen"]))
        else:
            drafts.drop_typed(loaders.engine(), user, year, [code], "form")
    except DomainError:
        pass  # the Save button says what stands in the way


def drop_typed(user: SignedInUser, code: str, year: int | None) -> None:
    try:
        drafts.drop_typed(loaders.engine(), user, year, [code], "form")
    except DomainError:
        pass



def save(user: SignedInUser, code: str, year: int | None) -> bool:
    value, note = typed_value(code)
    seen = st.session_state.get(editor_keys(code)["seen"])
    try:
        answers.save_draft(loaders.engine(), user, code, value, note, seen, year)
    except DomainError as error:
        question_flash(code, "error", message(error))
        if isinstance(error, StaleAnswer):
            st.session_state[stale_key(code)] = {"who": error.changed_by, "at": error.changed_at}
        return False
    forget(code)
    drop_typed(user, code, year)
    st.session_state.pop(stale_key(code), None)
    question_flash(code, "success", t("entry.saved", code=code))
    return True


def _submit(user: SignedInUser, code: str, year: int | None) -> None:
    """Save what is typed (when it differs from the stored answer), then submit it."""
    seen = st.session_state.get(editor_keys(code)["seen"])
    if typed_anything(code):
        if not save(user, code, year):
            return
        seen = None   # just saved: the version is ours
    try:
        answers.submit_answers(loaders.engine(), user, [code], year,
                               expected_versions={code: seen} if seen is not None else None)
    except DomainError as error:
        question_flash(code, "error", message(error))
        return
    forget(code)
    question_flash(code, "success", t("entry.submitted", code=code))
