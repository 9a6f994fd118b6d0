"""The OPD section of the Unit Pelapor page: the region's OPDs with the data sources each answers
for, and the forms that add, rename, re-map, deactivate and reactivate them (data.services.units.opds
checks the rights)."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from data.actor import SignedInUser
from data.errors import DomainError
from data.services.units import opds
from ui import flash, loaders
from ui.components import problems
from ui.i18n import t
from ui.views.units import FLASH

SUGGESTION = "opds_suggestion"


@st.cache_data(show_spinner=False, max_entries=32)
def region_opds(actor: SignedInUser, region_code: str, version: int) -> dict:
    return opds.opd_list(loaders.engine(), actor, region_code)


def _done(message: str) -> None:
    for key in ("opds_new_name", "opds_new_short", "opds_new_sources", "opds_reason", SUGGESTION):
        st.session_state.pop(key, None)
    flash.show_later("success", message, place=FLASH)
    st.rerun()


def table(listing: dict) -> None:
    st.caption(t("opds.caption"))
    if not listing["opds"]:
        st.info(t("opds.none"))
        return
    names = listing["sources"]
    st.dataframe(pd.DataFrame({
        t("opds.col_name"): [o["name"] for o in listing["opds"]],
        t("opds.col_short"): [o["short_name"] for o in listing["opds"]],
        t("opds.col_sources"): [", ".join(names.get(s, s) for s in o["data_sources"]) or "—" for o in listing["opds"]],
        t("opds.col_status"): [t("units.active") if o["active"] else t("units.inactive") for o in listing["opds"]],
        t("opds.col_focal"): [", ".join(o["focal_points"]) or t("units.no_focal") for o in listing["opds"]],
    }), hide_index=True, width="stretch")


@st.cache_data(show_spinner=False, max_entries=32)
def _source_guide(actor: SignedInUser, region_code: str, version: int) -> list:
    return opds.data_source_guide(loaders.engine(), actor, region_code)


def _guide(user: SignedInUser, region_code: str, version: int, listing: dict) -> None:
    """Every data source an OPD may answer for, with the OPDs of the region that answer it."""
    rows = _source_guide(user, region_code, version)
    answering: dict[str, list[str]] = {}
    for opd in listing["opds"]:
        for key in opd["data_sources"] if opd["active"] else ():
            answering.setdefault(key, []).append(opd["short_name"])
    st.caption(t("opds.guide_caption"))
    st.dataframe(pd.DataFrame({
        t("opds.guide_key"): [row.key for row in rows],
        t("opds.guide_office"): [row.office for row in rows],
        t("opds.guide_questions"): [row.questions for row in rows],
        t("opds.guide_examples"): ["; ".join(row.examples) for row in rows],
        t("opds.guide_answered_by"): [", ".join(answering.get(row.key, [])) or t("opds.guide_nobody")
                                      for row in rows],
    }), hide_index=True, width="stretch")


def forms(user: SignedInUser, region_code: str, listing: dict, version: int) -> None:
    tabs = st.tabs([t("opds.tab_add"), t("opds.tab_edit"), t("opds.tab_status"), t("opds.guide_title")])
    with tabs[0]:
        _add(user, region_code, listing["sources"])
    with tabs[1]:
        _edit(user, region_code, listing)
    with tabs[2]:
        _status(user, region_code, listing)
    with tabs[3]:
        _guide(user, region_code, version, listing)


def _add(user: SignedInUser, region_code: str, sources: dict[str, str]) -> None:
    name = st.text_input(t("opds.name"), max_chars=200, key="opds_new_name")
    if st.button(t("opds.suggest"), key="opds_suggest", disabled=not name.strip()):
        suggested = opds.suggested_sources(loaders.engine(), user, name, region_code)
        st.session_state["opds_new_sources"] = suggested
        st.session_state[SUGGESTION] = suggested
    if SUGGESTION in st.session_state:
        found = st.session_state[SUGGESTION]
        st.caption(t("opds.suggested", sources=", ".join(found)) if found else t("opds.no_suggestion"))
    short = st.text_input(t("opds.short"), max_chars=40, help=t("opds.short_help"), key="opds_new_short")
    chosen = st.multiselect(t("opds.sources"), list(sources), format_func=sources.get, key="opds_new_sources",
                            placeholder=t("picker.choose_any"))
    if st.button(t("opds.add"), type="primary", key="opds_add"):
        try:
            change = opds.add_opd(loaders.engine(), user, name, chosen, short or None, region_code)
        except DomainError as error:
            problems.show(error)
            return
        _done(change.message)


def _labels(listing: dict) -> dict[str, str]:
    return {o["short_name"]: f"{o['name']} ({o['short_name']})" for o in listing["opds"]}


def _edit(user: SignedInUser, region_code: str, listing: dict) -> None:
    if not listing["opds"]:
        return
    labels = _labels(listing)
    short = st.selectbox(t("opds.which"), list(labels), format_func=labels.get, key="opds_edit_unit")
    current = next(o for o in listing["opds"] if o["short_name"] == short)
    sources = listing["sources"]
    with st.form(f"opds_edit_{short}"):
        name = st.text_input(t("opds.name"), value=current["name"], max_chars=200)
        chosen = st.multiselect(t("opds.sources"), list(sources), format_func=sources.get,
                                default=[s for s in current["data_sources"] if s in sources],
                                placeholder=t("picker.choose_any"))
        submitted = st.form_submit_button(t("opds.save"), type="primary")
    if submitted:
        try:
            change = opds.update_opd(loaders.engine(), user, short, name, chosen, region_code)
        except DomainError as error:
            problems.show(error)
            return
        _done(change.message)


def _status(user: SignedInUser, region_code: str, listing: dict) -> None:
    if not listing["opds"]:
        return
    labels = _labels(listing)
    short = st.selectbox(t("opds.which"), list(labels), format_func=labels.get, key="opds_status_unit")
    active = next(o for o in listing["opds"] if o["short_name"] == short)["active"]
    reason = st.text_input(t("opds.reason"), max_chars=1000, key="opds_reason")
    label = t("opds.deactivate") if active else t("opds.reactivate")
    if st.button(label, key="opds_toggle"):
        try:
            change = opds.set_opd_active(loaders.engine(), user, short, not active, reason, region_code)
        except DomainError as error:
            problems.show(error)
            return
        _done(change.message)
