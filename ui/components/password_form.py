"""Change your own password: old, new and the new one again."""

from __future__ import annotations

import streamlit as st

from data.actor import SignedInUser
from data.errors import DomainError, InvalidInput
from data.services.accounts.auth import change_password
from ui import loaders
from ui.i18n import t
from ui.markup import plain


def show(user: SignedInUser, old_label: str | None = None) -> SignedInUser | None:
    """The form; once the password was changed, the user as this session continues (the caller
    keeps it: the account's other sessions have ended)."""
    with st.form("change_password", clear_on_submit=False):
        old = st.text_input(plain(old_label or t("account.old_password")), type="password",
                            autocomplete="current-password")
        new = st.text_input(t("account.new_password"), type="password",
                            autocomplete="new-password", help=t("account.hint"))
        again = st.text_input(t("account.confirm_password"), type="password",
                              autocomplete="new-password")
        submitted = st.form_submit_button(t("account.submit"), type="primary")
    if not submitted:
        return None
    if not old or not new or not again:
        st.error(t("account.missing"))
        return None
    if new != again:
        st.error(t("account.mismatch"))
        return None
    try:
        changed = change_password(loaders.engine(), user, old, new)
    except InvalidInput as error:
        for message in error.messages:
            st.error(plain(message))
        return None
    except DomainError as error:
        st.error(plain(error.message))
        return None
    st.success(t("account.changed"))
    return changed
