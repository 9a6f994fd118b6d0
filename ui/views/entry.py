"""The blocks of the entry page (Isian Saya): header with progress and deadline, the returned
answers, filters, and the questions grouped by group and indicator. Each question is a lazy
expander: its widgets are built only while it is open, so a unit with a hundred questions
stays quick.

Every write goes through data.services.entry (answers, evidence) in a widget callback, which hands
its outcome to ui.flash for the rerun to show. Text typed by people (notes,
return reasons, file names) is shown escaped, never as markdown or HTML.
"""

from __future__ import annotations

import math
from datetime import date
from functools import partial

import pandas as pd
import streamlit as st

from data.actor import SignedInUser
from data.errors import DomainError, InvalidInput, StaleAnswer
from data.services.entry import answers, evidence, history, sheet
from data.services.entry.sheet import EntrySheet
from indicators import clock, workflow
from indicators import text as fmt
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
from indicators.derivation import derivation_text
from ui import flash, loaders
from ui.components import cycle_picker
from ui.i18n import answer_status_name, current_lang, cycle_status_name, reader_zone, t
from ui.markup import plain

STATUS_ORDER = ("returned", "draft", "not_started", "submitted", "verified")
STATUS_ICONS = {"not_started": ":material/radio_button_unchecked:", "draft": ":material/edit_note:",
                "submitted": ":material/outgoing_mail:", "returned": ":material/undo:",
                "verified": ":material/verified:"}
STATUS_COLORS = {"not_started": "gray", "draft": "blue", "submitted": "violet", "returned": "red",
                 "verified": "green"}
UPLOAD_TYPES = ["pdf", "jpg", "jpeg", "png", "xlsx", "docx"]
ALL = "*"
FLASH = "entry"
"""The flash place of the page; a question's own messages go to question_place(code)."""
LABEL_PROMPT_CHARS = 140


# ------------------------------------------------------------------------------------- reads

@st.cache_data(show_spinner=False, max_entries=64)
def _cached_sheet(user: SignedInUser, year: int | None, version: int) -> EntrySheet:
    return sheet.entry_sheet(loaders.engine(), user, year)


def load_sheet(user: SignedInUser, year: int | None) -> EntrySheet:
    """The user's sheet, cached per user, year and the data version of the user's region."""
    return _cached_sheet(user, year, loaders.data_version(user.region_code))


@st.cache_data(show_spinner=False, max_entries=64)
def _cached_years(user: SignedInUser, version: int) -> list[tuple[int, str]]:
    return sheet.entry_years(loaders.engine(), user)


def years(user: SignedInUser) -> list[tuple[int, str]]:
    return _cached_years(user, loaders.data_version(user.region_code))


def today() -> date:
    return clock.today()


# ------------------------------------------------------------------------------------ header

def year_picker(user: SignedInUser) -> int | None:
    """The cycle to show: the open one by default (None); earlier cycles can be read."""
    available = years(user)
    if len(available) <= 1:
        return None
    labels = {year: f"{year} ({cycle_status_name(status)})" for year, status in available}
    default = next((year for year, status in available if status == "open"), available[0][0])
    picked = cycle_picker.show(list(labels), key="entry.year", default=default, names=labels, width=220)
    return None if picked == default else picked


def header(sheet: EntrySheet, lang: str) -> None:
    status = cycle_status_name(sheet.cycle_status)
    st.caption(t("entry.caption", unit=sheet.unit_name, region=sheet.region_name, year=sheet.cycle_year,
                 status=status))
    counts = sheet.counts()
    total = len(sheet.rows)
    submitted = counts["submitted"] + counts["verified"]
    st.progress(submitted / total if total else 0.0,
                text=f"**{t('entry.progress', submitted=fmt.number(submitted, lang), total=fmt.number(total, lang))}**")
    st.caption(t("entry.progress_detail", **{k: fmt.number(v, lang) for k, v in counts.items()}))
    if not sheet.open:
        st.info(t("entry.read_only", year=sheet.cycle_year, status=status))
        return
    if sheet.deadline is None:
        st.caption(t("entry.no_deadline"))
        return
    days = sheet.days_left(today())
    when = fmt.long_date(sheet.deadline, lang)
    if days > 0:
        st.markdown(t("entry.deadline_left", date=when, days=fmt.number(days, lang)))
    elif days == 0:
        st.warning(t("entry.deadline_today", date=when))
    else:
        st.error(t("entry.deadline_passed", date=when, days=fmt.number(-days, lang)))


def returned_list(sheet: EntrySheet, lang: str) -> None:
    returned = sheet.rows[sheet.rows["status"] == "returned"]
    if returned.empty:
        return
    with st.container(border=True, key="entry_returned"):
        st.markdown(f"**:red[{t('entry.returned_title', count=len(returned))}]**")
        for row in returned.itertuples():
            question = sheet.catalog.question(row.question_code)
            text, action = st.columns([6, 1], vertical_alignment="center")
            text.markdown(t("entry.returned_item", code=row.question_code, prompt=plain(question.prompt.get(lang)),
                            reason=plain(row.return_reason)))
            action.button(t("entry.open_question"), key=f"entry.show.{row.question_code}", icon=":material/edit:",
                        on_click=_show_question, args=(row.question_code,))


def _show_question(code: str) -> None:
    """Narrow the list to one question and open it."""
    st.session_state["entry.search"] = code
    st.session_state["entry.status"] = []
    st.session_state["entry.group"] = ALL
    st.session_state[f"entry.open.{code}"] = True


PICKING_KEY = "entry.submit_picking"


def submit_all(sheet: EntrySheet, user: SignedInUser, year: int | None, lang: str) -> None:
    """The answers ready to submit, listed with a tick each before anything is sent: only the
    ticked ones go, at the versions the user saw."""
    if not sheet.open:
        return
    ready = sheet.rows[sheet.rows["ready"]]
    if ready.empty:
        st.session_state.pop(PICKING_KEY, None)
        st.caption(t("entry.submit_ready_none"))
        return
    if not st.session_state.get(PICKING_KEY):
        st.button(t("entry.submit_ready", count=len(ready)), type="primary", icon=":material/send:",
                  key="entry.submit_all", on_click=_start_picking)
        return
    versions = {row.question_code: int(row.version) for row in ready.itertuples()}
    with st.container(border=True, key="entry_submit_pick"):
        st.markdown(f"**{t('entry.submit_pick_title')}**")
        st.caption(t("entry.submit_pick_lead"))
        marks = st.container(horizontal=True, gap="small")
        marks.button(t("entry.submit_pick_all"), key="entry.pick_all", type="tertiary",
                     on_click=_tick_all, args=(list(versions), True))
        marks.button(t("entry.submit_pick_clear"), key="entry.pick_clear", type="tertiary",
                     on_click=_tick_all, args=(list(versions), False))
        for row in ready.itertuples():
            question = sheet.catalog.question(row.question_code)
            prompt = question.prompt.get(lang)
            prompt = prompt if len(prompt) <= LABEL_PROMPT_CHARS else prompt[:LABEL_PROMPT_CHARS - 3].rstrip() + "…"
            st.session_state.setdefault(_tick_key(row.question_code), True)
            st.checkbox(t("entry.submit_pick_item", code=row.question_code, prompt=plain(prompt),
                          value=plain(display_value(question, answer_value(row), lang))),
                        key=_tick_key(row.question_code))
        picked = [code for code in versions if st.session_state.get(_tick_key(code))]
        buttons = st.container(horizontal=True, gap="small")
        buttons.button(t("entry.submit_picked", count=len(picked)), type="primary", icon=":material/send:",
                       key="entry.submit_picked", disabled=not picked, on_click=_submit_many,
                       args=(user, picked, year, {code: versions[code] for code in picked}))
        buttons.button(t("entry.cancel"), key="entry.submit_cancel", on_click=_stop_picking, args=(list(versions),))
        if not picked:
            st.caption(t("entry.submit_pick_none"))


def _start_picking() -> None:
    st.session_state[PICKING_KEY] = True


def _tick_key(code: str) -> str:
    return f"entry.submit_tick.{code}"


def _tick_all(codes: list[str], ticked: bool) -> None:
    for code in codes:
        st.session_state[_tick_key(code)] = ticked


def _stop_picking(codes: list[str]) -> None:
    st.session_state.pop(PICKING_KEY, None)
    for code in codes:
        st.session_state.pop(_tick_key(code), None)


def _submit_many(user: SignedInUser, codes: list[str], year: int | None, versions: dict[str, int]) -> None:
    try:
        submitted = answers.submit_answers(loaders.engine(), user, codes, year, expected_versions=versions)
    except DomainError as error:
        flash.show_later("error", _message(error), place=FLASH)
        return
    _stop_picking(codes)
    for code in codes:
        _forget(code)
    flash.show_later("toast", t("entry.submitted_many", count=len(submitted)), place=FLASH,
                     icon=":material/check_circle:")


# ----------------------------------------------------------------------------------- filters

def filters(sheet: EntrySheet, lang: str) -> pd.DataFrame:
    """Search, status and group filters; returns the rows that pass."""
    rows = sheet.rows
    counts = sheet.counts()
    left, right = st.columns([3, 2])
    text = left.text_input(t("entry.search"), key="entry.search", type="search",
                           placeholder=t("entry.search_placeholder"))
    groups = {ALL: t("entry.all_groups"),
              **{g.code: g.name.get(lang) for g in sheet.catalog.groups if g.code in set(rows["group_code"])}}
    group = right.selectbox(t("entry.group_filter"), list(groups), format_func=groups.get, key="entry.group")
    labels = {s: f"{answer_status_name(s)} ({fmt.number(counts[s], lang)})" for s in STATUS_ORDER if counts[s]}
    statuses = st.pills(t("entry.status_filter"), list(labels), selection_mode="multi", format_func=labels.get,
                        key="entry.status")
    ready_only = st.toggle(t("entry.ready_only"), key="entry.ready_only") if rows["ready"].any() else False
    shown = rows[rows["ready"]] if ready_only else rows
    if group != ALL:
        shown = shown[shown["group_code"] == group]
    if statuses:
        shown = shown[shown["status"].isin(statuses)]
    needle = (text or "").strip().casefold()
    exact = shown["question_code"].str.casefold() == needle
    if needle and exact.any():
        shown = shown[exact]
    elif needle:
        indicator_names = {i.code: i.name.get(lang) for i in sheet.catalog.indicators}

        def words_of(row) -> tuple[str, ...]:
            question = sheet.catalog.question(row.question_code)
            return (row.question_code, question.prompt.get(lang), question.help.get(lang) if question.help else "",
                    question.evidence.get(lang) if question.evidence else "", indicator_names.get(row.indicator_code, ""))

        shown = shown[[fmt.has_every_word(needle, *words_of(row)) for row in shown.itertuples()]]
    return shown


# ----------------------------------------------------------------------------- question list

def question_list(shown: pd.DataFrame, sheet: EntrySheet, user: SignedInUser, year: int | None, lang: str) -> None:
    st.caption(t("entry.shown", shown=fmt.number(len(shown), lang), total=fmt.number(len(sheet.rows), lang)))
    if shown.empty:
        st.info(t("entry.no_match"))
        return
    groups = {g.code: g for g in sheet.catalog.groups}
    indicators = {i.code: i for i in sheet.catalog.indicators}
    for group_code, in_group in shown.groupby("group_code", sort=False):
        st.subheader(groups[group_code].name.get(lang), divider="gray")
        for indicator_code, in_indicator in in_group.groupby("indicator_code", sort=False):
            indicator = indicators[indicator_code]
            st.markdown(f"**{t('entry.indicator', code=indicator_code, name=plain(indicator.name.get(lang)))}**")
            for row in in_indicator.itertuples():
                question = sheet.catalog.question(row.question_code)
                _question(row, question, sheet, user, year, lang)


def _label(row, question: Question, lang: str) -> str:
    prompt = question.prompt.get(lang)
    prompt = prompt if len(prompt) <= LABEL_PROMPT_CHARS else prompt[:LABEL_PROMPT_CHARS - 3].rstrip() + "…"
    shown = display_value(question, answer_value(row), lang)
    value = f" — {shown}" if shown else ""
    return f"**{row.question_code}** · {plain(prompt)} · *{answer_status_name(row.status)}*{plain(value)}"


def _question(row, question: Question, sheet: EntrySheet, user: SignedInUser, year: int | None, lang: str) -> None:
    expander = st.expander(_label(row, question, lang), icon=STATUS_ICONS[row.status],
                           key=f"entry.open.{row.question_code}", on_change="rerun")
    if not expander.open:
        return
    with expander:
        _question_body(row, question, sheet, user, year, lang)


def _question_body(row, question: Question, sheet: EntrySheet, user: SignedInUser, year: int | None,
                   lang: str) -> None:
    code = row.question_code
    if sheet.unit_kind != "opd" and question.unit_prompt:
        st.markdown(plain(question.unit_prompt.get(lang)))
    elif len(question.prompt.get(lang)) > LABEL_PROMPT_CHARS:  # the label shows it cut short
        st.markdown(plain(question.prompt.get(lang)))
    if question.help.get(lang):
        st.caption(plain(question.help.get(lang)))
    badges = st.container(horizontal=True, gap="small")
    badges.badge(answer_status_name(row.status), icon=STATUS_ICONS[row.status], color=STATUS_COLORS[row.status])
    if code in sheet.city_answers:
        badges.badge(t("entry.points_for_city", points=fmt.number(question.max_points, lang)), color="gray")
        st.caption(t("entry.city_answer_now", text=derivation_text(sheet.city_answers[code], sheet.unit_kind, lang)))
    else:
        badges.badge(t("entry.max_points", points=fmt.number(question.max_points, lang)), color="gray")
    if question.evidence:
        key = "entry.evidence_asked" if question.evidence_required else "entry.evidence_optional"
        st.caption(t(key, text=plain(question.evidence.get(lang))))
    else:
        st.caption(t("entry.evidence_none"))
    if sheet.previous_cycle_year:
        previous = _previous_value(row)
        st.caption(t("entry.previous", year=sheet.previous_cycle_year,
                     value=plain(display_value(question, previous, lang))) if previous
                   else t("entry.previous_none", year=sheet.previous_cycle_year))
    if row.return_reason and row.status in workflow.EDITABLE:
        st.warning(t("entry.returned_reason", reason=plain(row.return_reason)), icon=":material/undo:")
    if row.updated_by and row.updated_at is not None:
        st.caption(t("entry.last_change", who=plain(row.updated_by), when=fmt.date_time(row.updated_at, lang, reader_zone())))
    if row.editable:
        _editor(row, question, lang)
        _evidence(row, sheet, user, year, lang)
        flash.show_pending(question_place(code))
        if st.session_state.get(_stale_key(code)):
            _conflict(row, question, user, year, lang)
        else:
            _actions(row, user, year)
    else:
        _read_only(row, question, lang)
        flash.show_pending(question_place(code))
        _evidence(row, sheet, user, year, lang)
    _co_answers(code, user, year)
    answer_history(code, user, year, lang)


def _read_only(row, question: Question, lang: str) -> None:
    value = answer_value(row)
    shown = display_value(question, value, lang)
    st.markdown(t("entry.value", value=plain(shown)) if shown else t("entry.value_empty"))
    if row.self_points is not None and not (isinstance(row.self_points, float) and math.isnan(row.self_points)):
        st.caption(t("entry.points_saved", points=fmt.number(row.self_points, lang),
                     max=fmt.number(question.max_points, lang)))
    if row.note:
        st.caption(t("entry.note_saved"))
        st.text(row.note)


# ------------------------------------------------------------------------------------ editor

def _keys(code: str) -> dict[str, str]:
    """Widget keys of one question's editor. They carry a generation: forgetting the typed
    values moves to fresh keys, so the widgets start again from the stored answer."""
    base = f"entry.{code}"
    generation = st.session_state.get(f"{base}.gen", 0)
    keys = {name: f"{base}.{name}.{generation}" for name in ("bool", "choice", "num", "den", "count", "note")}
    return {**keys, "seen": f"{base}.seen", "init": f"{base}.init"}


def _initial_widget_values(row) -> dict:
    return {"bool": row.bool_value, "choice": row.choice_code, "num": _widget_number(row.numerator),
            "den": _widget_number(row.denominator), "count": _widget_number(row.count_value), "note": row.note or ""}


def _widget_number(value):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return int(value) if float(value).is_integer() else float(value)


def _version(row) -> int | None:
    return None if row.version is None or pd.isna(row.version) else int(row.version)


def _prepare_state(row) -> dict:
    """The values the widgets start from: the stored answer the first time, after a save,
    after "load the latest", and when the answer changed elsewhere while nothing was typed.
    Otherwise the typed values stay, with the version they were typed against, so that a save
    over someone else's change is refused (StaleAnswer) instead of overwriting it."""
    code = row.question_code
    state = st.session_state
    keys = _keys(code)
    if keys["seen"] in state and state[keys["seen"]] != _version(row) and not _typed_anything(code):
        _forget(code)
        keys = _keys(code)
    if keys["seen"] not in state:
        state[keys["init"]] = _initial_widget_values(row)
        state[keys["seen"]] = _version(row)
    return state[keys["init"]]


def _typed_anything(code: str) -> bool:
    keys, state = _keys(code), st.session_state
    return any(keys[name] in state and state[keys[name]] != value
               for name, value in state.get(keys["init"], {}).items())


def _forget(code: str) -> None:
    state = st.session_state
    keys = _keys(code)
    for key in keys.values():
        state.pop(key, None)
    state[f"entry.{code}.gen"] = state.get(f"entry.{code}.gen", 0) + 1


def _typed_value(code: str) -> tuple[AnswerValue, str]:
    state, keys = st.session_state, _keys(code)
    initial = state.get(keys["init"], {})
    value = {name: state.get(keys[name], initial.get(name)) for name in ("bool", "choice", "num", "den", "count", "note")}
    return (AnswerValue(bool_value=value["bool"], choice_code=value["choice"], numerator=value["num"],
                        denominator=value["den"], count_value=value["count"]), value["note"] or "")


def _editor(row, question: Question, lang: str) -> None:
    """The input fitting the answer type, what it earns as it is typed, and the note."""
    code = row.question_code
    initial = _prepare_state(row)
    keys = _keys(code)
    kind = question.answer.type
    if kind == "yes_no":
        labels = {True: t("entry.yes"), False: t("entry.no")}
        st.radio(t("entry.answer"), [True, False], format_func=labels.get, key=keys["bool"], horizontal=True,
                 index=_index([True, False], initial["bool"]))
    elif kind == "choice":
        options = {o.code: o.label.get(lang) for o in question.answer.options}
        st.radio(t("entry.answer"), list(options), format_func=options.get, key=keys["choice"],
                 index=_index(list(options), initial["choice"]))
    elif kind == "percentage":
        left, right = st.columns(2)
        _number_input(left, t("entry.numerator"), keys["num"], initial["num"])
        _number_input(right, t("entry.denominator"), keys["den"], initial["den"])
    else:
        _number_input(st, t("entry.count"), keys["count"], initial["count"])

    value, note = _typed_value(code)
    errors = value_errors(question, value)
    for problem in errors:
        st.warning(problem, icon=":material/error:")
    if kind == "percentage" and not errors:
        percent = percent_of(value)
        if percent is not None:
            st.markdown(t("entry.percent", percent=fmt.percent(percent / 100, lang)))
    st.markdown(t("entry.points_now", points=fmt.number(points_for(question, value), lang),
                  max=fmt.number(question.max_points, lang)))
    previous = _previous_value(row)
    implausible = plausibility_problem(question, value, previous) if not errors else None
    if implausible and not note.strip():
        st.warning(implausible, icon=":material/help:")
    st.text_area(t("entry.note"), value=initial["note"], key=keys["note"], help=t("entry.note_help"), height=90)
    _note_length(note, lang)


def _note_length(note: str, lang: str) -> None:
    """The note's length against its limit: a counter, and a refusal at the field when over it
    (a text area's own limit would drop a long paste without a word)."""
    count, limit = fmt.whole(len(note), lang), fmt.whole(NOTE_MAX_CHARS, lang)
    if len(note) > NOTE_MAX_CHARS:
        st.error(t("entry.note_too_long", count=count, max=limit), icon=":material/error:")
    elif note:
        st.caption(t("entry.note_count", count=count, max=limit))


def question_place(code: str) -> str:
    """The flash place of one question: what its last save, submit or upload did."""
    return f"{FLASH}.question.{code}"


def _actions(row, user: SignedInUser, year: int | None) -> None:
    code = row.question_code
    if row.submit_problems and row.status in workflow.EDITABLE:
        st.caption(":material/info: " + t("entry.to_fix") + " " + " ".join(plain(p) for p in row.submit_problems))
    buttons = st.container(horizontal=True, gap="small")
    buttons.button(t("entry.save"), key=f"entry.{code}.save", icon=":material/save:",
                   on_click=_save, args=(user, code, year))
    buttons.button(t("entry.submit"), key=f"entry.{code}.submit", icon=":material/send:", type="primary",
                   on_click=_submit, args=(user, code, year))


def _index(options: list, value) -> int | None:
    return options.index(value) if value in options else None


def _number_input(where, label: str, key: str, initial) -> None:
    """Whole numbers (counts of children, schools, ...); a stored fraction keeps its decimals. No
    minimum in the browser, whose own refusal is an English tooltip that drops the value: a
    negative number reaches the answer checks and is refused in Indonesian at the field."""
    if isinstance(initial, float):
        where.number_input(label, step=1.0, key=key, value=initial, format="%.2f")
    else:
        where.number_input(label, step=1, key=key, value=initial)


def _previous_value(row) -> AnswerValue | None:
    """Last cycle's answer to the question, if there was one."""
    previous = answer_value(row, "previous_")
    return None if previous.is_empty() else previous


def _save(user: SignedInUser, code: str, year: int | None) -> bool:
    value, note = _typed_value(code)
    seen = st.session_state.get(_keys(code)["seen"])
    try:
        answers.save_draft(loaders.engine(), user, code, value, note, seen, year)
    except DomainError as error:
        _question_flash(code, "error", _message(error))
        if isinstance(error, StaleAnswer):
            st.session_state[_stale_key(code)] = {"who": error.changed_by, "at": error.changed_at}
        return False
    _forget(code)
    st.session_state.pop(_stale_key(code), None)
    _question_flash(code, "success", t("entry.saved", code=code))
    return True


def _submit(user: SignedInUser, code: str, year: int | None) -> None:
    """Save what is typed (when it differs from the stored answer), then submit it."""
    seen = st.session_state.get(_keys(code)["seen"])
    if _typed_anything(code):
        if not _save(user, code, year):
            return
        seen = None   # just saved: the version is ours
    try:
        answers.submit_answers(loaders.engine(), user, [code], year,
                               expected_versions={code: seen} if seen is not None else None)
    except DomainError as error:
        _question_flash(code, "error", _message(error))
        return
    _forget(code)
    _question_flash(code, "success", t("entry.submitted", code=code))


def _stale_key(code: str) -> str:
    """Set while the user's typed answer meets a version someone else saved meanwhile."""
    return f"entry.{code}.stale"


def _conflict(row, question: Question, user: SignedInUser, year: int | None, lang: str) -> None:
    """The saved version beside what the user typed, and the choice between them: nothing typed
    is lost, and nothing saved is overwritten without the user seeing it."""
    code = row.question_code
    stale = st.session_state[_stale_key(code)]
    empty = t("entry.conflict_empty")
    typed, typed_note = _typed_value(code)
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
                       args=(user, code, year, _version(row)))
        buttons.button(t("entry.conflict_take_theirs"), key=f"entry.{code}.reload", icon=":material/refresh:",
                       on_click=_reload, args=(code,))


def _keep_mine(user: SignedInUser, code: str, year: int | None, saved_version: int | None) -> None:
    """Save the typed answer over the version the user has now seen."""
    st.session_state[_keys(code)["seen"]] = saved_version
    _save(user, code, year)


def _reload(code: str) -> None:
    _forget(code)
    st.session_state.pop(_stale_key(code), None)


def _question_flash(code: str, kind: flash.Kind, text: str) -> None:
    flash.show_later(kind, text, place=question_place(code))
    # The expander's label shows status and value, so a save gives it a new identity; keep it open.
    st.session_state[f"entry.open.{code}"] = True


def _message(error: DomainError) -> str:
    if isinstance(error, StaleAnswer):
        return t("entry.stale", who=plain(error.changed_by),
                 when=fmt.date_time(error.changed_at, current_lang(), reader_zone()))
    if isinstance(error, InvalidInput) and len(error.messages) > 1:
        return "\n".join(f"- {plain(m)}" for m in error.messages)
    return plain(error.message)


# ---------------------------------------------------------------------------------- evidence

def _evidence(row, sheet: EntrySheet, user: SignedInUser, year: int | None, lang: str) -> None:
    code = row.question_code
    st.markdown(f"**{t('entry.evidence_title')}**")
    files = [] if row.answer_id is None or pd.isna(row.answer_id) else \
        evidence.list_evidence(loaders.engine(), user, code, sheet.cycle_year)
    current = [f for f in files if not f.superseded]
    older = [f for f in files if f.superseded]
    if not current:
        st.caption(t("entry.evidence_empty"))
    for info in current:
        _file_line(info, user, lang)
    if older:
        with st.popover(t("entry.evidence_old", count=len(older)), icon=":material/history:"):
            for info in older:
                _file_line(info, user, lang)
    if not row.editable:
        return
    replace_key = f"entry.{code}.replace"
    if current:
        choices = {0: t("entry.evidence_replace_none"), **{f.id: f.filename for f in current}}
        st.selectbox(t("entry.evidence_replace"), list(choices), format_func=choices.get, key=replace_key)
    # The file is stored as soon as it is chosen; a new key afterwards empties the uploader.
    upload_round = st.session_state.get(f"entry.{code}.upload_round", 0)
    file_key = f"entry.{code}.file.{upload_round}"
    limit_mb = evidence.max_bytes() / 1024 / 1024
    st.file_uploader(t("entry.evidence_upload", mb=fmt.number(limit_mb, lang)), type=UPLOAD_TYPES, key=file_key,
                     accept_multiple_files=True, max_upload_size=max(1, math.ceil(limit_mb)), on_change=_upload,
                     args=(user, code, year, file_key, replace_key))
    _earlier_files(code, user, year, lang)


def _earlier_files(code: str, user: SignedInUser, year: int | None, lang: str) -> None:
    """Last cycle's files for this question, attached again with one click each."""
    earlier_year, files = evidence.earlier_evidence(loaders.engine(), user, code, year)
    if not files:
        return
    st.caption(t("entry.evidence_earlier", year=earlier_year))
    for info in files:
        st.button(t("entry.evidence_reuse", name=info.filename, size=fmt.file_size(info.size_bytes, lang)),
                  key=f"entry.{code}.reuse.{info.id}", icon=":material/history:", type="tertiary",
                  on_click=_reuse, args=(user, code, year, info.id, info.filename))


def _reuse(user: SignedInUser, code: str, year: int | None, evidence_id: int, filename: str) -> None:
    try:
        evidence.reuse_evidence(loaders.engine(), user, code, evidence_id, year)
    except DomainError as error:
        _question_flash(code, "error", _message(error))
        return
    _question_flash(code, "success", t("entry.evidence_reused", name=plain(filename)))


def _file_line(info: evidence.EvidenceInfo, user: SignedInUser, lang: str) -> None:
    line = st.container(horizontal=True, vertical_alignment="center", gap="small")
    line.caption(t("entry.evidence_item", name=plain(info.filename), version=info.file_version,
                   size=fmt.file_size(info.size_bytes, lang), who=plain(info.uploaded_by),
                   when=fmt.date_time(info.uploaded_at, lang, reader_zone())))
    line.download_button(t("entry.download"), data=partial(_download, user, info.id), file_name=info.filename,
                         mime=info.content_type, key=f"entry.download.{info.id}", on_click="ignore",
                         icon=":material/download:", type="tertiary")


def _download(user: SignedInUser, evidence_id: int) -> bytes:
    return evidence.download_evidence(loaders.engine(), user, evidence_id)[2]


def _upload(user: SignedInUser, code: str, year: int | None, file_key: str, replace_key: str) -> None:
    """Stores every file chosen at once, each on its own: one refused file does not hold up the
    others, and each gets its own line (the replaced file, when one is chosen, by the first)."""
    chosen = st.session_state.get(file_key) or []
    chosen = chosen if isinstance(chosen, list) else [chosen]
    if not chosen:   # the files were removed from the uploader
        return
    replaces = st.session_state.get(replace_key) or None
    # Accepted or refused, the uploader is emptied, so it never looks as if a refused file were kept.
    st.session_state[f"entry.{code}.upload_round"] = st.session_state.get(f"entry.{code}.upload_round", 0) + 1
    for uploaded in chosen:
        try:
            evidence.upload_evidence(loaders.engine(), user, code, uploaded.name, uploaded.getvalue(), year,
                                     replaces_id=replaces)
        except DomainError as error:
            _question_flash(code, "error", _message(error))
            continue
        if replaces:
            st.session_state.pop(replace_key, None)
            replaces = None
        _question_flash(code, "success", t("entry.evidence_uploaded", name=plain(uploaded.name)))


BULK_ROUND_KEY = "entry.bulk_round"


def bulk_evidence(sheet: EntrySheet, user: SignedInUser, year: int | None, lang: str) -> None:
    """Many evidence files at once, each matched to its question by the code its name starts with
    ("2.1 SK Gugus Tugas.pdf"): what goes where is shown first, then stored with one click."""
    if not sheet.open:
        return
    if not st.toggle(t("entry.bulk_title"), key="entry.bulk_open"):
        return
    with st.container(border=True, key="entry_bulk"):
        st.caption(t("entry.bulk_lead"))
        key = f"entry.bulk.{st.session_state.get(BULK_ROUND_KEY, 0)}"
        chosen = st.file_uploader(t("entry.bulk_files"), type=UPLOAD_TYPES, key=key, accept_multiple_files=True,
                                  max_upload_size=max(1, math.ceil(evidence.max_bytes() / 1024 / 1024)))
        if not chosen:
            return
        editable = {code.lower(): code for code in sheet.rows.loc[sheet.rows["editable"], "question_code"]}
        known = {code.lower() for code in sheet.rows["question_code"]}
        plan, lines = [], []
        for uploaded in chosen:
            code = fmt.leading_code(uploaded.name)
            if code in editable:
                plan.append((editable[code], uploaded.name))
                lines.append(t("entry.bulk_to", name=plain(uploaded.name), code=editable[code]))
            elif code in known:
                lines.append(t("entry.bulk_locked", name=plain(uploaded.name), code=code))
            else:
                lines.append(t("entry.bulk_unmatched", name=plain(uploaded.name)))
        st.markdown("\n".join(f"- {line}" for line in lines))
        st.button(t("entry.bulk_send", count=len(plan)), type="primary", icon=":material/upload:",
                  key="entry.bulk_send", disabled=not plan, on_click=_bulk_upload, args=(user, year, key, plan))


def _bulk_upload(user: SignedInUser, year: int | None, key: str, plan: list[tuple[str, str]]) -> None:
    files = {uploaded.name: uploaded for uploaded in st.session_state.get(key) or []}
    stored, refused = 0, []
    for code, name in plan:
        try:
            evidence.upload_evidence(loaders.engine(), user, code, name, files[name].getvalue(), year)
            stored += 1
        except DomainError as error:
            refused.append(f"{code}: {_message(error)}")
    st.session_state[BULK_ROUND_KEY] = st.session_state.get(BULK_ROUND_KEY, 0) + 1
    if stored:
        flash.show_later("success", t("entry.bulk_stored", count=stored), place=FLASH)
    if refused:
        flash.show_later("error", "\n".join(f"- {line}" for line in refused), place=FLASH)


# ------------------------------------------------------------------------- co-answers, history

def _co_answers(code: str, user: SignedInUser, year: int | None) -> None:
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
                        f"{_action_name(row['action'], row.get('source'))}")
            change = f"{plain(row['old'])} → {plain(row['new'])}" if row["old"] else plain(row["new"])
            if change:
                st.caption(change)
            if row.get("reason"):
                st.caption(t("entry.history_reason_text", reason=plain(row["reason"])))


def _action_name(action: str, source: str | None) -> str:
    """ "Simpan", "Simpan (Excel)", "Verifikasi"; an action this page does not know by its code."""
    key = f"entry.action.{action}"
    name = t(key)
    name = action if name == key else name
    source_key = f"entry.source.{source}"
    if source and source != "page" and t(source_key) != source_key:
        name = f"{name} ({t(source_key)})"
    return name
