"""The top of the entry page (Isian Saya): the cycle to show, the unit's progress and deadline, the
answers that came back for revision and why (each a click from its question), and submitting the
ready answers, listed with a tick each before anything is sent."""

from __future__ import annotations

import streamlit as st

from data.actor import SignedInUser
from data.errors import DomainError
from data.services.entry import answers
from data.services.entry.sheet import EntrySheet
from indicators import clock
from indicators import text as fmt
from indicators.answers import answer_value, display_value
from ui import flash, loaders
from ui.components import cycle_picker
from ui.i18n import cycle_status_name, t
from ui.markup import plain
from ui.views.entry import years
from ui.views.entry_state import ALL, FLASH, forget, message, short_prompt

PICKING_KEY = "entry.submit_picking"


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
    days = sheet.days_left(clock.today())
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


# ---------------------------------------------------------------------------- submit the ready

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
            st.session_state.setdefault(_tick_key(row.question_code), True)
            st.checkbox(t("entry.submit_pick_item", code=row.question_code, prompt=plain(short_prompt(question, lang)),
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
        flash.show_later("error", message(error), place=FLASH)
        return
    _stop_picking(codes)
    for code in codes:
        forget(code)
    flash.show_later("toast", t("entry.submitted_many", count=len(submitted)), place=FLASH,
                     icon=":material/check_circle:")
