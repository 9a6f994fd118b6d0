"""Who is signed in, kept in st.session_state as primitives, and the guard every non-public
page calls first. The guard only decides what this page shows; every service re-checks the
actor's rights itself."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime, timezone

import streamlit as st

from data.actor import SignedInUser
from ui import flash
from ui.components import password_form, sign_in_form
from ui.i18n import role_name, t

USER_KEY = "user"
SIGNED_IN_AT_KEY = "signed_in_at"


def current_user() -> SignedInUser | None:
    fields = st.session_state.get(USER_KEY)
    return SignedInUser(**fields) if fields else None


def sign_in(user: SignedInUser) -> None:
    st.session_state[USER_KEY] = asdict(user)
    st.session_state[SIGNED_IN_AT_KEY] = datetime.now(timezone.utc).isoformat()


def signed_in_at() -> datetime | None:
    value = st.session_state.get(SIGNED_IN_AT_KEY)
    return datetime.fromisoformat(value) if value else None


def sign_out() -> None:
    st.session_state.pop(USER_KEY, None)
    st.session_state.pop(SIGNED_IN_AT_KEY, None)


def sign_in_with_form(then=None) -> None:
    """The sign-in form. On success the user is remembered and the app reruns: on the same page,
    or on `then` (a page path, or a function of the user giving one) when given."""
    user = sign_in_form.show()
    if user is None:
        return
    sign_in(user)
    if callable(then):
        then = then(user)
    if then:
        st.switch_page(then)
    st.rerun()


def require_user(roles: tuple[str, ...] | list[str] | None = None) -> SignedInUser:
    """The signed-in user; otherwise the sign-in form, and the page stops here. With roles,
    a user of another role sees one sentence instead of the page."""
    user = current_user()
    flash.show_pending("auth")
    if user is None:
        st.title(t("signin.title"))
        st.info(t("signin.guard"))
        sign_in_with_form()
        st.stop()
    if user.must_change_password:
        replace_one_time_password(user)
        st.stop()
    if roles and user.role not in roles:
        st.error(t("auth.forbidden", role=role_name(user.role)))
        st.stop()
    return user


def replace_one_time_password(user: SignedInUser) -> None:
    """The only thing a user signed in with a one-time password may do: choose a new password."""
    st.title(t("auth.one_time_title"))
    st.info(t("auth.one_time_lead", name=user.display_name))
    changed = password_form.show(user, old_label=t("auth.one_time_password"))
    if changed is not None:
        sign_in(changed)
        flash.show_later("success", t("account.changed"), place="auth")
        st.rerun()
