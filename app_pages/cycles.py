"""Siklus & Penugasan (admin, secretariat): the region's cycles, opening one with its deadline and
instrument version, moving a deadline, who answers each question, and the cycle's targets."""

import streamlit as st

from data import access
from ui import auth, flash, loaders
from ui.components import region_picker
from ui.i18n import t
from ui.views import cycles as cycles_view
from ui.views import targets as targets_view
from ui.views import units as units_view

user = auth.require_user(access.CYCLE_OPENERS)

st.title(t("cycles.title"))
flash.show_pending(cycles_view.FLASH)
region = region_picker.show(units_view.regions(loaders.engine(), user), key="cycles_region",
                            label_of=region_picker.name_and_code)
if region is None:
    st.info(t("picker.no_region"))
    st.stop()
st.caption(t("cycles.caption", region=region["name"]))
version = loaders.data_version(region["code"])
rows = cycles_view.region_cycles(user, region["code"], version)
cycles_view.cycle_table(rows)
cycles_view.cycle_forms(user, region["code"], rows)
st.header(t("cycles.assign_title"), divider="gray")
cycles_view.assignment_editor(user, region["code"], rows)
st.header(t("targets.title"), divider="gray")
st.caption(t("targets.caption"))
targets_view.target_editor(user, region["code"], rows, version)
