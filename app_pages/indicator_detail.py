"""Rincian Indikator: one indicator of the region across all cycles: its points in both readings
(chart and table), the answers and points of its questions, the evidence files and the history of
those answers."""

import streamlit as st

from data import access
from data.errors import DomainError
from indicators import text as fmt
from ui import auth, charts
from ui.i18n import current_lang, t
from ui.markup import plain
from ui.views import scores as view

user = auth.require_user(access.REGION_READERS)
lang = current_lang()

st.title(t("scores.drill.title"))
st.caption(t("scores.drill.caption"))
page = view.page_context(user, key="drill", with_year=False)
version = page.version
try:
    latest = view.cycle_catalog(user, page.region_code, page.years[0], version)
    index = view.indicator_index(latest)
    code = view.indicator_picker(index, lang, key=f"drill_indicator_{page.region_code}")
    drill = view.drilldown(user, page.region_code, code, version)
except DomainError as error:
    st.error(plain(error.message))
    st.stop()

name = drill.name_en if lang == "en" else drill.name_id
group = drill.group_name_en if lang == "en" else drill.group_name_id
st.subheader(t("scores.drill.heading", code=drill.indicator_code, name=name))
st.caption(t("scores.drill.meta", group=group, max=fmt.number(drill.max_points, lang)))
definition = drill.definition_en if lang == "en" else drill.definition_id
if definition:
    st.markdown(plain(definition))

st.header(t("scores.drill.points_title"), divider="gray")
charts.show(charts.readings_by_year, drill.per_cycle, lang, height=340, alt_text=t("chart.scores.indicator_alt"))
view.per_cycle_table(drill, lang)

st.header(t("scores.drill.questions_title"), divider="gray")
st.caption(t("scores.drill.questions_caption"))
view.drill_answers(drill, lang)

st.header(t("scores.drill.evidence_title"), divider="gray")
view.drill_evidence(user, drill, lang)

st.header(t("scores.drill.history_title"), divider="gray")
view.drill_history(drill, lang)
