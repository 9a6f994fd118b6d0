"""Dikembalikan provinsi: the answers the province returned to the city, as the task force's (the
whole region) and the OPD's (its own) queue; each is completed and sent back to the province
without reopening the cycle."""

import streamlit as st

from data import access
from data.errors import DomainError
from ui import auth, flash
from ui.components import region_cycle
from ui.i18n import current_lang, t
from ui.markup import plain
from ui.views import province_returns as view
from ui.views import scores as scores_view

user = auth.require_user(access.PROVINCE_RETURN_READERS)
lang = current_lang()

st.title(t("ret.title"))
st.caption(t("ret.caption"))
flash.show_pending(view.FLASH)
page = region_cycle.show(user, "ret", scores_view.regions, own_region_roles=("opd", *access.REGION_READERS[1:]),
                         with_year=False)
try:
    rows = view.queue(user, page.region_code, page.version)
except DomainError as error:
    st.error(plain(error.message))
    st.stop()
if rows.empty:
    st.info(t("ret.none", lang))
    st.stop()
view.counts_line(rows, lang)
for row in rows.itertuples():
    view.answer_card(user, row, lang)
