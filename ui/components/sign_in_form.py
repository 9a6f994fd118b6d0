"""The username and password form, used by the sign-in page and by the guard of every
non-public page (both through ui.auth.sign_in_with_form, which remembers the user)."""

from __future__ import annotations

import streamlit as st

from data.actor import SignedInUser
from data.errors import DomainError
from data.services.accounts.auth import authenticate
from ui import loaders
from ui.i18n import t
from ui.markup import plain
from ui.session_cookie import client_address


def show() -> SignedInUser | None:
    """The user whose name and password were just submitted and accepted; otherwise None (a
    refusal is shown under the form)."""
    with st.form("sign_in", enter_to_submit=True):
        username = st.text_input(t("signin.username"), autocomplete="username")
        password = st.text_input(
            t("signin.password"), type="password", autocomplete="current-password"
        )
        submitted = st.form_submit_button(t("signin.submit"), type="primary")
    if not submitted:
        return None
    if not username.strip() or not password:
        st.error(t("signin.missing"))
        return None
    try:
        return authenticate(loaders.engine(), username, password, client_address())
    except DomainError as error:
        st.error(plain(error.message))
        return None
