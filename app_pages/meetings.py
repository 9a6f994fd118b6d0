"""Rakor Gugus Tugas: the chair (or the secretariat) prepares the cycle's coordination meeting with an
agenda drawn from the cycle, takes its agenda as a PDF, records attendance and minutes, and records
each decision as an action its OPD then sees; the next meeting opens with those decisions."""

import streamlit as st

from data import access
from data.errors import DomainError
from ui import auth, flash, loaders
from ui.components import cycle_picker, region_picker
from ui.i18n import current_lang, t
from ui.views import actions as actions_view, meetings as view, scores as scores_view

user = auth.require_user(access.REGION_READERS)
lang = current_lang()
version = loaders.data_version()

st.title(t("meetings.title"))
st.caption(t("meetings.caption"))
flash.show_pending(view.FLASH)
region = region_picker.show(scores_view.regions(user, version), key="meetings_region",
                            label_of=region_picker.name_and_code)
if region is None:
    st.info(t("picker.no_cycle_region"))
    st.stop()
region_code = region["code"]
version = loaders.data_version(region_code)
years, current = actions_view.cycle_years(user, region_code, version)
year = cycle_picker.show(years, key=f"meetings_year_{region_code}", default=current)
if year is None:
    st.info(t("picker.no_cycle_region"))
    st.stop()
try:
    listed = view.cycle_meetings(user, region_code, year, version)
except DomainError as error:
    st.error(error.message)
    st.stop()
if user.role in access.ACTION_MANAGERS:
    view.new_meeting_form(user, region_code, region["name"], year, lang)
chosen = view.pick(listed, region_code, year)
if chosen is None:
    st.info(t("meetings.none", year=year))
    st.stop()
meeting = view.record(user, chosen, version)
view.agenda(user, meeting, lang)
view.attendance_form(user, meeting, lang)
view.decisions(user, meeting, scores_view.cycle_catalog(user, region_code, year, version),
               actions_view.region_opds(user, region_code, version) if user.role in access.ACTION_MANAGERS else {},
               lang)
