"""The blocks of the Siklus & Penugasan page: the region's cycles, opening one (checked first),
moving a deadline, and the question assignments (data.services.cycles checks every right)."""
from __future__ import annotations

from datetime import timedelta

import pandas as pd
import streamlit as st

from data.actor import SignedInUser
from data.errors import DomainError
from data.services.cycles import assignments, cycles
from data.services.units import opds
from indicators import clock
from indicators import text as fmt
from indicators.workflow import CYCLE_CLOSED, cycle_status_name
from ui import flash, loaders
from ui.components import problems
from ui.i18n import current_lang, t

FLASH = "cycles"
PREVIEW = "cycles_preview"


def _done(message: str) -> None:
    st.session_state.pop(PREVIEW, None)
    flash.show_later("success", message, place=FLASH)
    st.rerun()


@st.cache_data(show_spinner=False, max_entries=32)
def region_cycles(actor: SignedInUser, region_code: str, version: int) -> list[dict]:
    """The region's cycles, read again only when a write moved the data version on."""
    return cycles.region_cycles(loaders.engine(), actor, region_code)


@st.cache_data(show_spinner=False, max_entries=16)
def question_assignments(actor: SignedInUser, region_code: str, year: int, version: int) -> list[dict]:
    return assignments.assignment_table(loaders.engine(), actor, region_code, year)


def cycle_table(rows: list[dict]) -> None:
    if not rows:
        st.info(t("cycles.none"))
        return
    lang = current_lang()
    st.dataframe(pd.DataFrame({
        t("cycles.col_year"): [str(r["year"]) for r in rows],
        t("cycles.col_status"): [cycle_status_name(r["status"], lang) for r in rows],
        t("cycles.col_deadline"): [fmt.long_date(r["deadline"], lang) for r in rows],
        t("cycles.col_version"): [r["catalog_version"] for r in rows],
        t("cycles.col_answers"): [r["answers"] for r in rows],
        t("cycles.col_published"): [t("cycles.yes") if r["published"] else t("cycles.no") for r in rows],
    }), hide_index=True, width="stretch")


def cycle_forms(user: SignedInUser, region_code: str, rows: list[dict]) -> None:
    tabs = st.tabs([t("cycles.tab_open"), t("cycles.tab_deadline")])
    with tabs[0]:
        _open(user, region_code, rows)
    with tabs[1]:
        _deadline(user, region_code, rows)


def _open(user: SignedInUser, region_code: str, rows: list[dict]) -> None:
    versions = [v["version"] for v in cycles.catalog_versions(loaders.engine())]
    taken = {r["year"] for r in rows}
    next_year = max(taken) + 1 if taken else clock.today().year
    year = st.number_input(t("cycles.year"), min_value=2006, max_value=2100, value=next_year, step=1,
                           key="cycles_year")
    deadline = st.date_input(t("cycles.deadline"), value=clock.today() + timedelta(days=90), format="DD/MM/YYYY",
                             key="cycles_deadline")
    version = st.selectbox(t("cycles.version"), versions, key="cycles_version")
    buttons = st.container(horizontal=True)
    if buttons.button(t("cycles.preview"), key="cycles_check"):
        try:
            st.session_state[PREVIEW] = cycles.open_cycle(loaders.engine(), user, region_code, int(year), deadline,
                                                          version, apply=False)
        except DomainError as error:
            st.session_state.pop(PREVIEW, None)
            problems.show(error)
    preview = st.session_state.get(PREVIEW)
    if preview is not None and (preview.year, preview.catalog_version, preview.region_code) == (int(year), version,
                                                                                                 region_code):
        st.success(t("cycles.preview_ok", year=preview.year, version=preview.catalog_version))
        if preview.unassigned:
            st.warning(_unassigned_text(preview.unassigned))
    if buttons.button(t("cycles.open"), type="primary", key="cycles_open"):
        try:
            opened = cycles.open_cycle(loaders.engine(), user, region_code, int(year), deadline, version)
        except DomainError as error:
            problems.show(error)
            return
        message = t("cycles.opened", year=opened.year, deadline=fmt.long_date(opened.deadline, current_lang()))
        if opened.unassigned:
            message += " " + _unassigned_text(opened.unassigned)
        _done(message)


def _unassigned_text(codes: list[str]) -> str:
    shown = ", ".join(codes[:15]) + (" …" if len(codes) > 15 else "")
    return t("cycles.unassigned_warning", count=len(codes), codes=shown)


def _deadline(user: SignedInUser, region_code: str, rows: list[dict]) -> None:
    open_years = [r["year"] for r in rows if r["status"] != CYCLE_CLOSED]
    if not open_years:
        st.info(t("cycles.no_open_cycle"))
        return
    with st.form("cycles_deadline_form"):
        year = st.selectbox(t("cycles.which"), open_years)
        current = next(r["deadline"] for r in rows if r["year"] == year) or clock.today()
        deadline = st.date_input(t("cycles.deadline"), value=max(current, clock.today()), format="DD/MM/YYYY")
        submitted = st.form_submit_button(t("cycles.save_deadline"), type="primary")
    if submitted:
        try:
            cycles.set_deadline(loaders.engine(), user, region_code, year, deadline)
        except DomainError as error:
            problems.show(error)
            return
        _done(t("cycles.deadline_saved", year=year, deadline=fmt.long_date(deadline, current_lang())))


def assignment_editor(user: SignedInUser, region_code: str, rows: list[dict]) -> None:
    open_years = [r["year"] for r in rows if r["status"] != CYCLE_CLOSED]
    if not open_years:
        st.info(t("cycles.no_open_cycle"))
        return
    year = st.selectbox(t("cycles.which"), open_years, key="cycles_assign_year")
    table = question_assignments(user, region_code, year, loaders.data_version(region_code))
    city = [r for r in table if r["answered_by"] == "city"]
    nobody = [r for r in table if not r["units"]]
    st.caption(t("cycles.unassigned_count", count=len(nobody), total=len(table)) + " " + t("cycles.kelana_note"))
    left, right = st.columns([2, 1], vertical_alignment="bottom")
    search = left.text_input(t("cycles.search"), key="cycles_search")
    only_nobody = right.toggle(t("cycles.only_unassigned"), value=bool(nobody), key="cycles_only_nobody")
    shown = [r for r in table if (not only_nobody or not r["units"])
             and fmt.has_every_word(search, r["code"], r["prompt"])]
    everyone = {"every_kecamatan": t("cycles.every_kecamatan"), "every_desa_kelurahan": t("cycles.every_kelurahan")}
    st.dataframe(pd.DataFrame({
        t("cycles.col_code"): [r["code"] for r in shown],
        t("cycles.col_prompt"): [r["prompt"] for r in shown],
        t("cycles.col_units"): [everyone.get(r["answered_by"]) or ", ".join(r["units"]) or t("cycles.nobody")
                                for r in shown],
        t("cycles.col_sources"): [", ".join(r["data_sources"]) for r in shown],
    }), hide_index=True, width="stretch", height=300)
    listing = opds.opd_list(loaders.engine(), user, region_code)
    choices = {o["short_name"]: o["name"] for o in listing["opds"] if o["active"]}
    with st.expander(t("cycles.many_title"), expanded=bool(nobody), icon=":material/playlist_add:"):
        _assign_many(user, region_code, year, city, choices)
    editable = [r for r in shown if r["answered_by"] == "city"] or city
    labels = {r["code"]: f"{r['code']} · {r['prompt'][:80]}" for r in editable}
    code = st.selectbox(t("cycles.question"), list(labels), format_func=labels.get, key="cycles_question")
    if code is None:
        return
    current = [u for u in next(r["units"] for r in table if r["code"] == code) if u in choices]
    with st.form(f"cycles_assign_{year}_{code}"):
        chosen = st.multiselect(t("cycles.opds"), list(choices), default=current, format_func=choices.get,
                                placeholder=t("picker.choose_any"))
        confirm = st.checkbox(t("cycles.confirm"))
        submitted = st.form_submit_button(t("cycles.save_assignment"), type="primary")
    if submitted:
        try:
            added, removed = assignments.set_question_units(loaders.engine(), user, region_code, year, code, chosen,
                                                            confirm_answered=confirm)
        except DomainError as error:
            problems.show(error)
            return
        _done(t("cycles.assignment_saved", code=code, added=", ".join(added) or "-", removed=", ".join(removed) or "-"))


MANY_KEYS = ("cycles_many_by", "cycles_many_indicator", "cycles_many_source", "cycles_many_questions",
             "cycles_many_only_nobody", "cycles_many_opds")


def _assign_many(user: SignedInUser, region_code: str, year: int, city: list[dict], choices: dict[str, str]) -> None:
    """Many questions to the same OPDs at once: those of an indicator, of a data source, or picked one by one."""
    st.caption(t("cycles.many_caption"))
    ways = {"indicator": t("cycles.many_by_indicator"), "source": t("cycles.many_by_source"),
            "questions": t("cycles.many_by_question")}
    way = st.segmented_control(t("cycles.many_by"), list(ways), format_func=ways.get, default="indicator",
                               key="cycles_many_by") or "indicator"
    only_nobody = st.toggle(t("cycles.only_unassigned"), value=True, key="cycles_many_only_nobody")
    pool = [r for r in city if not only_nobody or not r["units"]]
    if not pool:
        st.info(t("cycles.many_none_left"))
        return
    if way == "indicator":
        indicators = list(dict.fromkeys(r["indicator"] for r in pool))
        chosen = st.selectbox(t("cycles.many_indicator"), indicators, index=None, key="cycles_many_indicator",
                              placeholder=t("cycles.many_pick"))
        picked = [r["code"] for r in pool if r["indicator"] == chosen]
    elif way == "source":
        sources = sorted({s for r in pool for s in r["data_sources"]})
        chosen = st.selectbox(t("cycles.many_source"), sources, index=None, key="cycles_many_source",
                              placeholder=t("cycles.many_pick"))
        picked = [r["code"] for r in pool if chosen in r["data_sources"]]
    else:
        labels = {r["code"]: f"{r['code']} · {r['prompt'][:80]}" for r in pool}
        picked = st.multiselect(t("cycles.many_questions"), list(labels), format_func=labels.get,
                                key="cycles_many_questions", placeholder=t("picker.choose_any"))
    if picked:
        more = " ..." if len(picked) > 20 else ""
        st.caption(t("cycles.many_picked", count=len(picked), codes=", ".join(picked[:20]) + more))
    opd_names = st.multiselect(t("cycles.opds"), list(choices), format_func=choices.get, key="cycles_many_opds",
                               placeholder=t("picker.choose_any"))
    if st.button(t("cycles.many_save", count=len(picked)), type="primary", icon=":material/playlist_add_check:",
                 key="cycles_many_save", disabled=not picked or not opd_names):
        try:
            done = assignments.assign_questions(loaders.engine(), user, region_code, year, picked, opd_names)
        except DomainError as error:
            problems.show(error)
            return
        for key in MANY_KEYS:  # the form starts empty again
            st.session_state.pop(key, None)
        _done(t("cycles.many_saved", count=len(done.questions), units=", ".join(opd_names), added=done.added,
                unchanged=len(done.unchanged)))
