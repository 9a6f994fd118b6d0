"""Forum Anak: the children's forum's own view of the city, per group of the instrument, for a
cycle; its facilitator records it (a rating and a short comment, never a child's name), the task
force reads it here and beside the scores, the public once the cycle is published."""

import streamlit as st

from data import access
from data.errors import DomainError
from ui import auth, flash, loaders
from ui.components import cycle_picker, region_picker
from ui.i18n import current_lang, t
from ui.views import forum as view, scores as scores_view

user = auth.require_user(access.FORUM_READERS)
lang = current_lang()
version = loaders.data_version()

st.title(t("forum.title"))
st.caption(t("forum.caption"))
flash.show_pending(view.FLASH)
if user.role == "forum":
    region_code = user.region_code
else:
    region = region_picker.show(scores_view.regions(user, version), key="forum_region",
                                label_of=region_picker.name_and_code)
    if region is None:
        st.info(t("picker.no_cycle_region"))
        st.stop()
    region_code = region["code"]
version = loaders.data_version(region_code)
years, current = view.cycle_years(user, region_code, version)
year = cycle_picker.show(years, key=f"forum_year_{region_code}", default=current)
if year is None:
    st.info(t("picker.no_cycle_region"))
    st.stop()
try:
    recorded = view.views(user, region_code, year, version)
except DomainError as error:
    st.error(error.message)
    st.stop()
if recorded.empty:
    st.info(t("forum.none", year=year))
else:
    st.caption(t("forum.public_caption", date=view.met_on(recorded, lang)))
    view.table(recorded, lang)
view.record_form(user, region_code, year, recorded, lang, version)
