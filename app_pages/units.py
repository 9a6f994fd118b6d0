"""Unit Wilayah (admin, secretariat): the region's kecamatan and kelurahan, and the forms that add,
deactivate, reactivate and move them, create their focal-point accounts and import the list.
Who may do what is decided by data.services.units."""

import streamlit as st

from data.services.units import units as units_service
from ui import auth, loaders
from ui.views import units as units_view
from ui.i18n import t

user = auth.require_user(units_service.MANAGER_ROLES)
engine = loaders.engine()
version = loaders.data_version()

st.title(t("units.title"))
region = units_view.pick_region(engine, user)
st.caption(t("units.caption", region=region["name"]))
frame = units_view.region_units(user, region["code"], version)
units_view.metrics(frame)

st.header(t("units.list_title"), divider="gray")
units_view.unit_list(frame)

st.header(t("units.change_title"), divider="gray")
units_view.flash()
units_view.change_forms(engine, user, region["code"], frame)
