"""Rencana Aksi (RAD KLA): the cycle's actions, who leads them and by when, overdue ones first;
the chair or secretariat adds an action (or turns a gap into one from Nilai dan Predikat); the lead
and supporting OPDs report progress with a note and evidence on their own actions."""

import streamlit as st

from data import access
from data.errors import DomainError
from ui import auth, flash
from ui.components import region_cycle
from ui.i18n import current_lang, t
from ui.markup import plain
from ui.views import actions as view
from ui.views import scores as scores_view

user = auth.require_user(access.ACTION_READERS)
lang = current_lang()

st.title(t("actions.title"))
st.caption(t("actions.caption"))
flash.show_pending(view.FLASH)
page = region_cycle.show(user, "actions", scores_view.regions, view.cycle_years, own_region_roles=("opd",))
try:
    actions = view.cycle_actions(user, page.region_code, page.year, page.version)
except DomainError as error:
    st.error(plain(error.message))
    st.stop()

if actions.empty:
    st.info(t("actions.none_opd" if user.role == "opd" else "actions.none", year=page.year))
else:
    view.headline(actions, lang)
    view.action_table(actions, lang)
if user.role in access.ACTION_MANAGERS:
    view.new_action_form(user, page.region_code, page.year,
                         scores_view.cycle_catalog(user, page.region_code, page.year, page.version),
                         view.region_opds(user, page.region_code, page.version), lang)
view.progress_form(user, actions, lang, page.version)
if not actions.empty:
    view.done_actions(user, actions, lang, page.version)
