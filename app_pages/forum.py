"""Forum Anak: the children's forum's own view of the city, per group of the instrument, for a
cycle; its facilitator records it (a rating and a short comment, never a child's name), the task
force reads it here and beside the scores, the public once the cycle is published."""

import streamlit as st

from data import access
from data.errors import DomainError
from ui import auth, flash
from ui.components import region_cycle
from ui.i18n import current_lang, t
from ui.markup import plain
from ui.views import forum as view
from ui.views import scores as scores_view

user = auth.require_user(access.FORUM_READERS)
lang = current_lang()

st.title(t("forum.title"))
st.caption(t("forum.caption"))
flash.show_pending(view.FLASH)
page = region_cycle.show(user, "forum", scores_view.regions, view.cycle_years, own_region_roles=("forum",))
try:
    recorded = view.views(user, page.region_code, page.year, page.version)
except DomainError as error:
    st.error(plain(error.message))
    st.stop()
if recorded.empty:
    st.info(t("forum.none", year=page.year))
else:
    st.caption(t("forum.public_caption", date=view.met_on(recorded, lang)))
    view.table(recorded, lang)
view.record_form(user, page.region_code, page.year, recorded, lang, page.version)
