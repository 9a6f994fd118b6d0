"""Masuk: username and password; on success the signed-in pages appear, starting with the
public summary."""

import streamlit as st

from ui import auth
from ui.frame import PUBLIC_SUMMARY
from ui.i18n import t

st.title(t("signin.title"))
st.caption(t("signin.caption"))

left, _ = st.columns([2, 3])
with left:
    auth.sign_in_with_form(then=PUBLIC_SUMMARY)
