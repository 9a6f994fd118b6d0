"""Who is signed in, kept in st.session_state as primitives, and the guard every non-public
page calls first. The guard only decides what this page shows; every service re-checks the
actor's rights itself."""

from __future__ import annotations

import time
from dataclasses import asdict
from datetime import datetime

import streamlit as st

from data.actor import SignedInUser
from data.errors import NotFound
from data.services.accounts import sign_in_sessions
from data.services.accounts.sign_in_sessions import ActiveSession, SessionEnded
from indicators import clock
from ui import flash, loaders, session_cookie
from ui.components import password_form, sign_in_form
from ui.i18n import role_name, t

USER_KEY = "user"
SIGNED_IN_AT_KEY = "signed_in_at"
SESSION_KEY = "sign_in_session"
HANDOVER_KEY = "sign_in_handover"
"""The session's hand-over code and when it was issued, until the browser has its cookie."""
CLEAR_COOKIE_KEY = "sign_in_clear_cookie"
COOKIE_TRIED_KEY = "sign_in_cookie_tried"
HANDOVER_RENEW_SECONDS = sign_in_sessions.HANDOVER_SECONDS - 20


def current_user() -> SignedInUser | None:
    """The signed-in user, checked against the server's session record on every run (so a
    sign-out elsewhere, the idle time or a password change ends it at once); a new tab or a
    reload finds its session through the browser's cookie."""
    session_id = st.session_state.get(SESSION_KEY)
    if session_id is not None:
        return _active_or_ended(lambda: sign_in_sessions.check(loaders.engine(), session_id))
    token = st.context.cookies.get(session_cookie.COOKIE_NAME)
    if isinstance(token, str) and token and not st.session_state.get(COOKIE_TRIED_KEY):
        st.session_state[COOKIE_TRIED_KEY] = True
        return _active_or_ended(lambda: sign_in_sessions.resume(loaders.engine(), token))
    return None


def _active_or_ended(find) -> SignedInUser | None:
    try:
        active: ActiveSession = find()
    except SessionEnded as ended:
        _forget()
        flash.show_later("warning", ended.message, place="auth")
        return None
    except NotFound:
        _forget()
        return None
    _remember(active.user, active.id, active.signed_in_at)
    if not active.cookie_claimed:
        _offer_cookie(active.id)
    return active.user


def _offer_cookie(session_id: int) -> None:
    if not session_cookie.mounted():
        return
    code, issued = st.session_state.get(HANDOVER_KEY) or (None, 0.0)
    if code is None or time.monotonic() - issued > HANDOVER_RENEW_SECONDS:
        code = sign_in_sessions.new_handover(loaders.engine(), session_id)
        if code is None:
            return
        st.session_state[HANDOVER_KEY] = (code, time.monotonic())
    session_cookie.draw_claim(code)


def draw_cookie_changes() -> None:
    """Drops the browser's cookie after a sign-out or an ended session (drawn once per run,
    after current_user)."""
    if st.session_state.pop(CLEAR_COOKIE_KEY, False) and session_cookie.mounted():
        session_cookie.draw_clear()


def sign_in(user: SignedInUser) -> None:
    """Starts the server's session for a user who has just proved who they are; the page hands
    the browser its cookie on the next run."""
    session_id, code = sign_in_sessions.start(loaders.engine(), user, session_cookie.client_address())
    st.session_state[HANDOVER_KEY] = (code, time.monotonic())
    st.session_state.pop(CLEAR_COOKIE_KEY, None)
    _remember(user, session_id, None)


def _remember(user: SignedInUser, session_id: int, signed_in_at: datetime | None) -> None:
    st.session_state[USER_KEY] = asdict(user)
    st.session_state[SESSION_KEY] = session_id
    if signed_in_at is not None or SIGNED_IN_AT_KEY not in st.session_state:
        st.session_state[SIGNED_IN_AT_KEY] = (signed_in_at or clock.now()).isoformat()


def _forget() -> None:
    for key in (USER_KEY, SESSION_KEY, SIGNED_IN_AT_KEY, HANDOVER_KEY):
        st.session_state.pop(key, None)
    st.session_state[COOKIE_TRIED_KEY] = True
    st.session_state[CLEAR_COOKIE_KEY] = True


def signed_in_at() -> datetime | None:
    value = st.session_state.get(SIGNED_IN_AT_KEY)
    return datetime.fromisoformat(value) if value else None


def sign_out() -> None:
    """Ends this browser's session on the server (every tab of it) and drops the cookie."""
    session_id = st.session_state.get(SESSION_KEY)
    if session_id is not None:
        sign_in_sessions.end(loaders.engine(), session_id)
    _forget()


def sign_out_everywhere(user: SignedInUser) -> int:
    """Ends every session of the account, on every device; how many there were."""
    ended = sign_in_sessions.end_everywhere(loaders.engine(), user)
    _forget()
    return ended


def password_changed(user: SignedInUser) -> None:
    """After the user changed their own password: this session goes on under the new password,
    the account's other sessions end."""
    session_id = st.session_state.get(SESSION_KEY)
    if session_id is not None:
        sign_in_sessions.keep_after_password_change(loaders.engine(), session_id, user)
    st.session_state[USER_KEY] = asdict(user)


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
        password_changed(changed)
        flash.show_later("success", t("account.changed"), place="auth")
        st.rerun()
