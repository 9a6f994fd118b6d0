"""Indikator Publik: one indicator over the published evaluations, Open SDG style: a chart and
its table, the questions with their verified answers, what the indicator is, and CSV downloads
of exactly what is shown. Open to everyone; verified values of published cycles only."""

import streamlit as st

from ui import charts, loaders
from ui.frame import PUBLIC_SUMMARY
from ui.i18n import current_lang, t, t_text
from ui.views import summary as summary_view

lang = current_lang()
version = loaders.data_version()

st.title(t("pub.ind_title"))
st.caption(t("pub.ind_caption"))

view = summary_view.public_view(version)
summary = view.summary

code = summary_view.indicator_picker(summary.indicators, lang)
indicator = summary_view.public_indicator(summary.region_code, code, summary.year, view.version)
summary_view.indicator_headline(indicator, lang)

st.subheader(t("pub.ind_trend_title"))
charts.show(charts.points_by_year, indicator.trend, lang, alt_text=t_text("pub.ind_trend_alt", code=code))
summary_view.indicator_trend_table(indicator, lang)

st.subheader(t("pub.ind_questions_title", year=indicator.year))
st.caption(t("pub.ind_questions_caption", year=indicator.year))
summary_view.indicator_questions(indicator, lang)

st.subheader(t("pub.ind_meta_title"))
summary_view.indicator_metadata(indicator, lang)
st.page_link(PUBLIC_SUMMARY, label=t("pub.back_summary"), icon=":material/arrow_back:",
             query_params=summary_view.address(summary))
