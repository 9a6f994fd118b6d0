"""Nilai dan Predikat: total out of 1000 and predikat in both readings (self-assessed and
verified), the seven groups and 31 indicators, where the readings differ, the trend across
cycles, what lifts the score, a what-if panel and the meeting reports."""

import streamlit as st

from data import access
from data.errors import DomainError
from ui import auth, charts
from ui.frame import INDICATOR_DETAIL
from ui.i18n import current_lang, t
from ui.markup import plain
from ui.views import actions as actions_view
from ui.views import forum as forum_view
from ui.views import peers as peers_view
from ui.views import province as province_view
from ui.views import scores as view

user = auth.require_user(access.REGION_READERS)
lang = current_lang()

st.title(t("scores.title"))
st.caption(t("scores.caption"))
with st.container(horizontal=True, gap="medium", vertical_alignment="bottom"):
    page = view.page_context(user, key="scores")
    basis = view.basis_choice(lang)
version = page.version
try:
    data = view.overview(user, page.region_code, page.year, version)
except DomainError as error:
    st.error(plain(error.message))
    st.stop()

view.headline(data, basis, lang)
overview_tab, indicators_tab, trend_tab, lift_tab, whatif_tab, reports_tab = st.tabs([
    t("scores.tab.overview"), t("scores.tab.indicators"), t("scores.tab.trend"), t("scores.tab.lift"),
    t("scores.tab.whatif"), t("scores.tab.reports")])

with overview_tab:
    st.subheader(t("scores.groups_title"))
    st.caption(t("scores.groups_caption"))
    charts.show(charts.readings_bars, data.groups, lang, alt_text=t("chart.scores.readings_alt"))
    view.group_table(data.groups, basis, lang)
    forum_view.beside_scores(user, data, lang, version)
    province_view.city_view(user, data.region_code, data.year, lang, version)
    st.subheader(t("scores.differences_title"))
    st.caption(t("scores.differences_caption"))
    view.differences(data, lang)

with indicators_tab:
    st.subheader(t("scores.indicators_title"))
    st.caption(t("scores.indicators_caption", basis=view.basis_name(basis, lang)))
    charts.show(charts.indicator_bars, view.indicator_chart_frame(data, basis), lang,
                alt_text=t("chart.scores.indicators_alt"))
    view.indicator_table(data, lang)
    peers_view.show(peers_view.comparison(user, data.region_code, data.year, version), lang)
    st.page_link(INDICATOR_DETAIL, label=t("scores.indicator_link"), icon=":material/query_stats:")

with trend_tab:
    st.subheader(t("scores.trend_title"))
    st.caption(t("scores.trend_caption"))
    charts.show(charts.readings_trend, data.trend, data.thresholds, lang, height=360,
                alt_text=t("chart.scores.trend_alt"))
    view.trend_table(data, lang)
    st.subheader(t("scores.group_trend_title"))
    st.caption(t("scores.group_trend_caption", basis=view.basis_name(basis, lang)))
    charts.show(charts.group_share_trend, data.group_trend, basis, lang, height=420,
                alt_text=t("chart.scores.group_trend_alt"))

with lift_tab:
    target = view.target_choice(data, basis, lang)
    found = view.gaps(user, data.region_code, data.year, basis, target, version)
    view.lift_headline(found, lang)
    st.subheader(t("scores.lift_questions"))
    view.gap_questions(found, lang)
    if user.role in access.ACTION_MANAGERS:
        actions_view.propose_from_gaps(user, data.region_code, data.year, found.questions, lang)
    st.subheader(t("scores.lift_indicators"))
    view.gap_indicators(found, lang)
    st.subheader(t("scores.lift_owners"))
    view.gap_owners(found, lang)

with whatif_tab:
    st.subheader(t("scores.whatif_title"))
    st.caption(t("scores.whatif_caption"))
    view.whatif_panel(user, data, found, view.cycle_catalog(user, data.region_code, data.year, version), basis, lang)

with reports_tab:
    st.subheader(t("scores.reports_title"))
    view.downloads(user, data, basis, lang)
