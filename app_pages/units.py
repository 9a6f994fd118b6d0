"""Unit Pelapor (admin, secretariat): the region's OPDs with the data sources each answers for, its
kecamatan and kelurahan, and the forms that add, rename, deactivate, reactivate and move them,
create focal-point accounts and import the list. Who may do what is decided by data.services.units."""

import streamlit as st

from data import access
from ui import auth, flash, loaders
from ui.components import region_picker
from ui.i18n import t
from ui.views import opds as opds_view
from ui.views import units as units_view

user = auth.require_user(access.UNIT_MANAGERS)
engine = loaders.engine()

st.title(t("units.title"))
region = region_picker.show(units_view.regions(engine, user), key="units_region",
                            label_of=region_picker.name_and_code)
if region is None:
    st.info(t("picker.no_region"))
    st.stop()
version = loaders.data_version(region["code"])
flash.show_pending(units_view.FLASH)
st.header(t("opds.title"), divider="gray")
listing = opds_view.region_opds(user, region["code"], version)
opds_view.table(listing)
opds_view.forms(user, region["code"], listing, version)

st.header(t("units.areas_title"), divider="gray")
st.caption(t("units.caption", region=region["name"]))
frame = units_view.region_units(user, region["code"], version)
units_view.metrics(frame)

st.header(t("units.list_title"), divider="gray")
units_view.unit_list(frame)

st.header(t("units.change_title"), divider="gray")
units_view.change_forms(engine, user, region["code"], frame)
