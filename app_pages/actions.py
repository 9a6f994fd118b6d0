"""Rencana Aksi (RAD KLA): the cycle's actions, who leads them and by when, overdue ones first;
the chair or secretariat adds an action (or turns a gap into one from Nilai dan Predikat); the lead
and supporting OPDs report progress with a note and evidence on their own actions."""

import streamlit as st

from data import access
from data.errors import DomainError
from ui import auth, flash, loaders
from ui.components import cycle_picker, region_picker
from ui.i18n import current_lang, t
from ui.views import actions as view, scores as scores_view

user = auth.require_user(access.ACTION_READERS)
lang = current_lang()
version = loaders.data_version()

st.title(t("actions.title"))
st.caption(t("actions.caption"))
flash.show_pending(view.FLASH)
if user.role == "opd":
    region_code = user.region_code
else:
    region = region_picker.show(scores_view.regions(user, version), key="actions_region",
                                label_of=region_picker.name_and_code)
    if region is None:
        st.info(t("picker.no_cycle_region"))
        st.stop()
    region_code = region["code"]
years, current = view.cycle_years(user, region_code, loaders.data_version(region_code))
year = cycle_picker.show(years, key=f"actions_year_{region_code}", default=current)
if year is None:
    st.info(t("picker.no_cycle_region"))
    st.stop()
version = loaders.data_version(region_code)
try:
    actions = view.cycle_actions(user, region_code, year, version)
except DomainError as error:
    st.error(error.message)
    st.stop()

if actions.empty:
    st.info(t("actions.none_opd" if user.role == "opd" else "actions.none", year=year))
else:
    view.headline(actions, lang)
    view.action_table(actions, lang)
if user.role in access.ACTION_MANAGERS:
    view.new_action_form(user, region_code, year, scores_view.cycle_catalog(user, region_code, year, version),
                         view.region_opds(user, region_code, version), lang)
view.progress_form(user, actions, lang, version)
if not actions.empty:
    view.done_actions(user, actions, lang, version)
