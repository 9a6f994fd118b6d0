"""Masuk: username and password; on success the signed-in pages appear, starting with the
public summary."""

import streamlit as st

from ui.components import sign_in_form
from ui.frame import PUBLIC_SUMMARY
from ui.i18n import t

st.title(t("signin.title"))
st.caption(t("signin.caption"))

left, _ = st.columns([2, 3])
with left:
    sign_in_form.show(then=PUBLIC_SUMMARY)
