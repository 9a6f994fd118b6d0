"""Pantau KLA: the entry point. Sets the page, prepares the database once per process, and
routes to the pages of the signed-in role inside a shared frame."""

import streamlit as st

from data.errors import DatabaseUnavailable
from ui import auth, frame, loaders
from ui.i18n import t

st.set_page_config(page_title="Pantau KLA", page_icon=":material/child_care:", layout="wide")
frame.style()

header = st.sidebar.container()
frame.language_switch()

try:
    loaders.engine()  # first start: migrate, and load the demo into an empty database
except DatabaseUnavailable as error:
    st.error(f"{t('db.unavailable_title')} {error.message}")
    st.stop()

user = auth.current_user()
page = st.navigation(frame.pages_for(user), expanded=True)  # every page of the role listed, none behind "View more"
frame.sidebar(user, header)

try:
    page.run()
except DatabaseUnavailable as error:
    st.error(error.message)
