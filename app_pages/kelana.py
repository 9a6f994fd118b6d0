"""Kelana Dekela: where each kecamatan and kelurahan stands in a cycle, for the secretariat and the
task force: the points of the group, a chart of what each kecamatan (with its kelurahan) earns
for the city and holds back, and the tables per kecamatan, kelurahan and question, and who has
not answered."""

import streamlit as st

from data import access
from data.errors import DomainError
from ui import auth
from ui.i18n import current_lang, cycle_status_name, t
from ui.markup import plain
from ui.views import completeness as completeness_view
from ui.views import kelana as view

user = auth.require_user(access.REGION_READERS)
lang = current_lang()

st.title(t("kelana.title"))
page = completeness_view.page_context(user, key="kelana")
try:
    data = view.breakdown(user, page.region_code, page.year, page.version)
except DomainError as error:
    st.error(plain(error.message))
    st.stop()

st.caption(t("kelana.caption", region=data.region_name, year=data.cycle_year,
             status=cycle_status_name(data.cycle_status, lang)))
view.headline(data, lang)
if data.units.empty:
    st.info(t("kelana.no_units"))
    st.stop()

view.kecamatan_chart(data, lang)
by_kecamatan, by_kelurahan, by_question, chase = st.tabs(
    [t("kelana.tab_kecamatan"), t("kelana.tab_kelurahan"), t("kelana.tab_questions"), t("kelana.tab_chase")])
with by_kecamatan:
    view.kecamatan_table(data, lang)
with by_kelurahan:
    view.unit_table(data, lang)
with by_question:
    view.question_table(data, lang)
with chase:
    view.chase_list(data, lang)
