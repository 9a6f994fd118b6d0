"""The username and password form, used by the sign-in page and by the guard of every
non-public page."""

from __future__ import annotations

import streamlit as st

from data.errors import DomainError
from data.services.accounts.auth import authenticate
from ui import auth, loaders
from ui.i18n import t


def show(then: str | None = None) -> None:
    """On success the user is remembered and the app reruns: on the same page, or on `then`
    (a page path) when given."""
    with st.form("sign_in", enter_to_submit=True):
        username = st.text_input(t("signin.username"), autocomplete="username")
        password = st.text_input(
            t("signin.password"), type="password", autocomplete="current-password"
        )
        submitted = st.form_submit_button(t("signin.submit"), type="primary")
    if not submitted:
        return
    if not username.strip() or not password:
        st.error(t("signin.missing"))
        return
    try:
        user = authenticate(loaders.engine(), username, password)
    except DomainError as error:
        st.error(error.message)
        return
    auth.sign_in(user)
    if then:
        st.switch_page(then)
    st.rerun()
