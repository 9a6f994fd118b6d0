"""Verifikasi Provinsi: a province verifier (or the admin) goes through a kab/kota's verified answers
between the city's close and its publication: the three readings with their predikat and the round
trip's counts on top, filters, the answers whose evidence is in order confirmed at once, one answer
at a time for the rest (the next unchecked chosen after each decision), and the verification
declared finished."""

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
counts = view.counts_line(answers, lang)
shown = view.filters(answers, lang)
view.bulk_confirm(user, page.region_code, page.year, shown, lang)
view.table(shown, lang)
if shown.empty:
    st.info(t("prov.filter_empty", lang))
else:
    view.check_form(user, shown, lang, page.region_code)
view.finish(user, page.region_code, page.year, counts, lang)
