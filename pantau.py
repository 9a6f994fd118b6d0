"""Pantau KLA's page script (app.py serves it): sets the page, prepares the database once per
process, and routes to the pages of the signed-in role inside a shared frame."""

import streamlit as st

from data.errors import DatabaseUnavailable
from ui import auth, frame, loaders, run_log
from ui.i18n import t
from ui.markup import plain
from ui.views import setup

st.set_page_config(page_title="Pantau KLA", page_icon=":material/child_care:", layout="wide")
with run_log.timed_run():  # only when KLA_RUN_LOG is set (bench/load_test.py)
    frame.style()

    header = st.sidebar.container()
    frame.language_switch()

    try:
        loaders.engine()  # first start: migrate, and load the demo into an empty database
    except DatabaseUnavailable as error:
        st.error(f"{t('db.unavailable_title')} {plain(error.message)}")
        st.stop()

    if not loaders.admin_exists():
        st.navigation([frame.first_run_page()]).run()
        st.stop()

    user = auth.current_user()
    auth.draw_cookie_changes()
    # the registry's pages (ui.pages), by section; none behind "View more"
    page = st.navigation(frame.pages_for(user), expanded=True)
    frame.sidebar(user, header)
    if st.session_state.pop(setup.LANDING_KEY, False):
        st.switch_page(frame.SETUP)

    try:
        page.run()
    except DatabaseUnavailable as error:
        st.error(plain(error.message))
