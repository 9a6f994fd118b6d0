"""Papan Kesiapan: the national overview of every hosted kab/kota for a year (the admin), or of a
province's (its province verifier):
where each evaluation stands, its totals and predikat, days to its deadline and who is late; per
province; sortable, with a chart, CSV and PDF."""

import streamlit as st

from data import access
from data.errors import DomainError
from ui import auth, loaders
from ui.components import cycle_picker
from ui.i18n import current_lang, t
from ui.markup import plain
from ui.views import board as view

user = auth.require_user(access.BOARD_READERS)
lang = current_lang()
version = loaders.data_version()

st.title(t("board.title"))
st.caption(t("board.caption"))
try:
    years = view.readiness(user, None, version).years
    year = cycle_picker.show(years, key="board_year")
    board = view.readiness(user, year, version) if year is not None else None
except DomainError as error:
    st.error(plain(error.message))
    st.stop()
if board is None or board.regions.empty:
    st.info(t("board.none"))
    st.stop()
view.headline(board, lang)
view.provinces(board, lang)
view.regions(board, lang)
view.who_is_late(board, lang)
view.downloads(user, board, lang)
