"""Masuk: username and password; on success the signed-in pages appear, starting with the user's
own work page (ui.frame.home_of)."""

import streamlit as st

from ui import auth
from ui.frame import home_of
from ui.i18n import t

st.title(t("signin.title"))
st.caption(t("signin.caption"))

left, _ = st.columns([2, 3])
with left:
    auth.sign_in_with_form(then=home_of)
