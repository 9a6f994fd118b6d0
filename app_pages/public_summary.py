"""Ringkasan Publik: a published evaluation of a region (the latest, or the year in the address),
open to everyone.

Predikat and total in one sentence, the seven groups against their maxima, each group opening to
its indicators, the trend of the total over published cycles, and what the figures are.
Verified values of published cycles only.
"""

import streamlit as st

from ui import charts, frame, loaders
from ui.i18n import current_lang, t
from ui.views import forum as forum_view
from ui.views import peers as peers_view
from ui.views import summary as summary_view

lang = current_lang()
version = loaders.data_version()

st.title(t("public.title"))
st.caption(t("public.caption"))

frame.say_unknown_address()
summary = summary_view.public_view(version).summary

summary_view.headline(summary, lang)

st.header(t("public.groups_title"), divider="gray")
st.caption(t("public.groups_caption"))
charts.show(charts.group_bars, summary.groups, lang, alt_text=t("chart.groups_alt"))
summary_view.group_table(summary.groups, lang)
summary_view.download(summary)
forum_view.on_public_page(summary, lang, version)

st.header(t("pub.indicators_title"), divider="gray")
summary_view.indicator_groups(summary, lang)
summary_view.download_indicators(summary)

st.header(t("public.trend_title"), divider="gray")
if len(summary.trend) > 1:
    st.caption(t("public.trend_caption"))
    charts.show(charts.trend_line, summary.trend, summary.thresholds, lang, alt_text=t("chart.trend_alt"))
else:
    st.caption(t("public.trend_single"))
summary_view.trend_table(summary.trend, lang)
summary_view.download_trend(summary)

peers_view.show(peers_view.comparison(None, summary.region_code, summary.year, version), lang)

summary_view.about(summary, lang)
summary_view.see_also(summary)
