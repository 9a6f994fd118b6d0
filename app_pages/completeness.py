"""Kelengkapan Isian: for one cycle, how far each OPD and each group has got (not started, draft,
submitted, returned, verified), who is late, whom to contact about what (reminders by WhatsApp link
or e-mail, and what was sent), and for the chair the
controls to close, reopen, publish and unpublish the cycle."""

import streamlit as st

from data import access
from data.errors import DomainError
from indicators import text as fmt
from ui import auth, charts, flash
from ui.i18n import current_lang, cycle_status_name, reader_zone, t
from ui.markup import plain
from ui.views import completeness as view
from ui.views import reminders as reminders_view

user = auth.require_user(access.REGION_READERS)
lang = current_lang()

st.title(t("completeness.title"))
flash.show_pending(view.FLASH)
page = view.page_context(user, key="completeness")
try:
    data = view.report(user, page.region_code, page.year, page.version)
except DomainError as error:
    st.error(plain(error.message))
    st.stop()

st.caption(t("completeness.caption", region=data.region_name, year=data.cycle_year,
             status=cycle_status_name(data.cycle_status, lang)))
view.deadline_line(data, lang)
if data.published:
    st.caption(t("completeness.published", date=fmt.long_date(data.published_at, lang, reader_zone())))
if data.units.empty:
    st.info(t("completeness.empty"))
else:
    view.headline(data, lang)
    st.subheader(t("completeness.by_group"))
    charts.show(view.group_chart, data.groups, lang, alt_text=t("completeness.chart_alt"))
    view.group_table(data.groups, lang)
    view.chase_list(data, lang)
    reminders_view.show(user, data, lang)
    st.subheader(t("completeness.by_unit"))
    view.unit_table(data.units, lang)

if data.may_manage_cycle:
    view.cycle_controls(user, data, lang, page.version)
