"""Statistik Kasus: Klaster V violence cases per year, for everyone. Counts from 1 to 4 show as
"<5" and a second count is hidden wherever the totals would give a small one away; only years
whose evaluation is published appear. Every chart has its table."""

import streamlit as st

from ui import loaders
from ui.i18n import current_lang, t
from ui.views import cases as cases_view
from ui.views import summary as summary_view

lang = current_lang()
version = loaders.data_version()

st.title(t("cases.public_title"))
st.caption(t("cases.public_caption"))

view = summary_view.public_view(version)
region = view.region
cases = cases_view.public_cases(region["code"], view.year, view.version)
if not cases.years:
    st.info(t("cases.none", region=region["name"]))
    st.stop()

st.header(t("cases.trend_title"), divider="gray")
st.caption(t("cases.trend_caption"))
cases_view.trend(cases, lang)

st.header(t("cases.breakdown_title"), divider="gray")
year = st.segmented_control(t("cases.year"), cases.years, default=cases.years[-1], key="cases_year",
                            required=True)
cases_view.breakdowns(cases, year, lang)
cases_view.download(cases)

st.subheader(t("cases.about_title"))
st.markdown(t("cases.about_body", region=region["name"]))
