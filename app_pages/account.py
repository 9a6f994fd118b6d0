"""Akun Saya: who you are in Pantau KLA, and changing your own password."""

import streamlit as st

from data.services.accounts import sign_in_sessions
from indicators import text as fmt
from ui import auth, flash
from ui.components import password_form
from ui.i18n import current_lang, reader_zone, role_name, t
from ui.markup import plain_frame

user = auth.require_user()
lang = current_lang()
none = t("account.none")

st.title(t("account.title"))
left, _ = st.columns([3, 2])
with left:
    st.table(
        plain_frame({
            t("account.name"): user.display_name,
            t("account.username"): user.username,
            t("account.role"): role_name(user.role),
            t("account.unit"): user.unit_name or none,
            t("account.region"): user.region_name or none,
            t("account.last_sign_in"): fmt.date_time(auth.signed_in_at(), lang, reader_zone()),
        }),
        hide_header=True,
    )
    st.subheader(t("account.change_password"))
    changed = password_form.show(user)
    if changed is not None:
        auth.password_changed(changed)

    st.subheader(t("account.sessions"))
    limits = sign_in_sessions.settings()
    st.caption(t("account.sessions_lead", idle=fmt.duration(limits.idle, lang),
                 lifetime=fmt.duration(limits.lifetime, lang)))
    if st.button(t("account.sign_out_everywhere"), icon=":material/devices_off:",
                 help=t("account.sign_out_everywhere_help")):
        ended = auth.sign_out_everywhere(user)
        flash.show_later("success", t("account.signed_out_everywhere", count=ended), place="auth")
        st.rerun()
