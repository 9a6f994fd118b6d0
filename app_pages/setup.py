"""Persiapan Wilayah (admin, secretariat, task force): what the region still needs before its units
can answer, each item linked to the page that fixes it."""

import streamlit as st

from data import access
from ui import auth, flash, frame, loaders
from ui.components import region_picker
from ui.i18n import t
from ui.views import setup as setup_view
from ui.views import units as units_view

user = auth.require_user(access.REGION_READERS)
engine = loaders.engine()

st.title(t("setup.title"))
flash.show_pending(setup_view.PLACE)
region = region_picker.show(units_view.regions(engine, user), key="setup_region",
                            label_of=region_picker.name_and_code)
if region is None:
    st.info(t("picker.no_region"))
    if user.role == "admin":
        st.page_link(frame.REGIONS, label=t("setup.open_page", page=t("page.regions")),
                     icon=":material/arrow_forward:")
    st.stop()
st.caption(t("setup.caption", region=region["name"]))
setup_view.checklist(user, region["code"])
