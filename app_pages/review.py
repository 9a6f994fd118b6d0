"""Verifikasi Jawaban: the task force's queue of submitted answers with last cycle's answer, the
target, the self-assessed points, the OPD's note, the evidence and the plausibility flag; verify
(one or several), return with a reason, and for the chair reopen a verified answer."""

import streamlit as st

from data import access
from data.errors import DomainError
from data.services.review.review import ReviewFilters
from indicators.workflow import CYCLE_CLOSED, SUBMITTED
from ui import auth, flash
from ui.i18n import current_lang, cycle_status_name, t
from ui.markup import plain
from ui.views import completeness as completeness_view
from ui.views import review as view

user = auth.require_user(access.REGION_READERS)
lang = current_lang()

st.title(t("review.title"))
flash.show_pending(view.FLASH)
refusals = st.container()  # refusals about answers not on this page, filled once the cards are drawn
page = completeness_view.page_context(user, key="review")
show = view.show_choice(lang)
try:
    everything = view.queue(user, page.region_code, page.year, ReviewFilters(statuses=(show,)), page.version)
    st.caption(t("review.caption", region=everything.region_name, year=everything.cycle_year,
                 status=cycle_status_name(everything.cycle_status, lang)))
    chosen = view.filters(everything, show, lang)
    data = view.queue(user, page.region_code, page.year, chosen, page.version)
except DomainError as error:
    st.error(plain(error.message))
    st.stop()

if data.cycle_status == CYCLE_CLOSED:
    st.info(t("review.closed", year=data.cycle_year))
elif not data.may_review:
    st.info(t("review.read_only"))
st.caption(t("review.count", shown=len(data.rows), total=everything.total))
if data.rows.empty:
    with refusals:
        view.show_refusals_elsewhere()
    st.info(t(f"review.empty_{show}"))
    st.stop()

view.overview(data, lang, page.version, user, multi_select=show == SUBMITTED and data.may_review)
cards = view.page_of(data.rows, lang, key=f"review_page_{page.year}_{show}")
for _, row in cards.iterrows():
    view.answer_card(row, user, data, lang)
with refusals:
    view.show_refusals_elsewhere()
