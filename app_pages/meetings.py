"""Rakor Gugus Tugas: the chair (or the secretariat) prepares the cycle's coordination meeting with an
agenda drawn from the cycle, takes its agenda as a PDF, records attendance and minutes, and records
each decision as an action its OPD then sees; the next meeting opens with those decisions."""

import streamlit as st

from data import access
from data.errors import DomainError
from ui import auth, flash
from ui.components import region_cycle
from ui.i18n import current_lang, t
from ui.markup import plain
from ui.views import actions as actions_view
from ui.views import meetings as view
from ui.views import scores as scores_view

user = auth.require_user(access.REGION_READERS)
lang = current_lang()

st.title(t("meetings.title"))
st.caption(t("meetings.caption"))
flash.show_pending(view.FLASH)
page = region_cycle.show(user, "meetings", scores_view.regions, actions_view.cycle_years)
try:
    listed = view.cycle_meetings(user, page.region_code, page.year, page.version)
except DomainError as error:
    st.error(plain(error.message))
    st.stop()
if user.role in access.ACTION_MANAGERS:
    view.new_meeting_form(user, page.region_code, page.year, lang)
chosen = view.pick(listed, page.region_code, page.year)
if chosen is None:
    st.info(t("meetings.none", year=page.year))
    st.stop()
meeting = view.record(user, chosen, page.version)
view.agenda(user, meeting, lang)
view.attendance_form(user, meeting, lang)
view.decisions(user, meeting, scores_view.cycle_catalog(user, page.region_code, page.year, page.version),
               actions_view.region_opds(user, page.region_code, page.version)
               if user.role in access.ACTION_MANAGERS else {},
               lang)
