"""Verifikasi Provinsi: a province verifier (or the admin) goes through a kab/kota's verified answers
once its cycle is closed, sets the province's points with reasons where they differ, and returns
questions to the city; the three readings' totals stand on top."""

import streamlit as st

from data.access import PROVINCE_VERIFIERS
from data.errors import DomainError
from ui import auth, flash
from ui.components import region_cycle
from ui.i18n import current_lang, t
from ui.markup import plain
from ui.views import province as view

user = auth.require_user(PROVINCE_VERIFIERS)
lang = current_lang()

st.title(t("prov.title"))
st.caption(t("prov.caption"))
flash.show_pending(view.FLASH)
page = region_cycle.show(user, "prov", view.regions, empty="prov.none")
try:
    answers = view.queue(user, page.region_code, page.year, page.version)
except DomainError as error:
    st.error(plain(error.message))
    st.stop()
view.totals_line(user, page.region_code, page.year, page.version, lang)
shown = st.segmented_control(t("prov.state"), view.STATES, selection_mode="multi", default=list(view.STATES),
                             format_func={s: t(f"prov.state.{s}", lang) for s in view.STATES}.get, key="prov_states")
answers = answers[answers["province_state"].isin(shown or view.STATES)].reset_index(drop=True)
view.table(answers, lang)
if not answers.empty:
    view.check_form(user, answers, lang)
