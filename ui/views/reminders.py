"""The reminders block of the Kelengkapan page: one message per unit that owes answers with each
focal point's WhatsApp link, the e-mail sent through the region's server with what was sent, and
for the admin the server's settings (data.services.review.reminders and reminder_mail check every
right)."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from data.access import ACTION_MANAGERS
from data.actor import SignedInUser
from data.errors import DomainError
from data.models import MAIL_SECURITY
from data.services.review import completeness, reminder_mail, reminders
from indicators import text as fmt
from indicators.roles import ADMIN
from ui import loaders
from ui.components import problems
from ui.i18n import reader_zone, t
from ui.markup import plain


def show(user: SignedInUser, data: completeness.CompletenessReport, lang: str) -> None:
    if data.chase.empty:
        return
    messages(data, lang)
    with st.expander(t("reminders.mail", lang), icon=":material/mail:", key="reminders_mail"):
        if user.role in ACTION_MANAGERS:
            send(user, data, lang)
        history(user, data, lang)
        if user.role == ADMIN:
            server_form(user, data.region_code, lang)


def messages(data: completeness.CompletenessReport, lang: str) -> None:
    """A message per unit, ready to copy (the code box's copy button) or to open in WhatsApp."""
    listed = reminders.reminders_of(data)
    with st.expander(t("completeness.reminders", lang, count=fmt.whole(len(listed), lang)), icon=":material/sms:",
                     key="completeness_reminders"):
        st.caption(t("completeness.reminders_caption", lang))
        for reminder in listed:
            late = f" · ⚠ {t('completeness.overdue_yes', lang)}" if reminder.overdue else ""
            st.markdown(f"**{plain(reminder.unit_name)}**{late}")
            if not reminder.contacts:
                st.caption(t("completeness.no_contact", lang))
            for person in reminder.contacts:
                if person.whatsapp:
                    st.link_button(t("reminders.whatsapp", lang, name=person.name), person.whatsapp,
                                   icon=":material/chat:")
                else:
                    st.caption(f"{plain(person.name)}: {plain(person.whatsapp_problem or '')}")
            st.code(reminder.message, language=None, wrap_lines=True)


def send(user: SignedInUser, data: completeness.CompletenessReport, lang: str) -> None:
    st.caption(t("reminders.mail_caption", lang))
    if not st.button(t("reminders.send", lang), key="reminders_send", icon=":material/send:"):
        return
    try:
        report = reminder_mail.send_reminders(loaders.engine(), user, data.region_code, data.cycle_year)
    except DomainError as error:
        problems.show(error)
        return
    if report.problem:
        st.error(plain(report.problem))
    elif report.failed:
        st.warning("\n\n".join(plain(line) for line in report.lines))
    else:
        st.success("\n\n".join(plain(line) for line in report.lines))


def history(user: SignedInUser, data: completeness.CompletenessReport, lang: str) -> None:
    sent = reminder_mail.delivery_history(loaders.engine(), user, data.region_code)
    st.markdown(f"**{t('reminders.history', lang)}**")
    if not sent:
        st.caption(t("reminders.history_none", lang))
        return
    st.dataframe(pd.DataFrame({
        t("reminders.col_when", lang): [fmt.date_time(d["sent_at"], lang, reader_zone()) for d in sent],
        t("reminders.col_unit", lang): [d["unit_name"] for d in sent],
        t("reminders.col_to", lang): [d["recipient"] for d in sent],
        t("reminders.col_outcome", lang): [t("reminders.sent" if d["sent"] else "reminders.failed", lang)
                                           for d in sent],
        t("reminders.col_detail", lang): [d["detail"] or "—" for d in sent],
        t("reminders.col_by", lang): [d["sent_by"] for d in sent],
    }), hide_index=True, width="stretch")


def server_form(user: SignedInUser, region_code: str, lang: str) -> None:
    st.markdown(f"**{t('reminders.server', lang)}**")
    current = reminder_mail.mail_server_view(loaders.engine(), user, region_code) or {}
    st.caption(t("reminders.server_caption", lang))
    with st.form(f"reminders_server_{region_code}"):
        host = st.text_input(t("reminders.host", lang), value=current.get("host", ""), max_chars=253)
        port = st.text_input(t("reminders.port", lang), value=str(current.get("port", 587)), max_chars=5)
        username = st.text_input(t("reminders.username", lang), value=current.get("username", ""), max_chars=254)
        password = st.text_input(t("reminders.password", lang), type="password", max_chars=500,
                                 placeholder=t("reminders.password_kept", lang) if current.get("password_set") else "")
        sender = st.text_input(t("reminders.sender", lang), value=current.get("sender", ""), max_chars=254)
        security = st.selectbox(t("reminders.security", lang), MAIL_SECURITY,
                                index=MAIL_SECURITY.index(current.get("security", "starttls")))
        saved = st.form_submit_button(t("reminders.server_save", lang))
    if saved:
        try:
            reminder_mail.save_mail_server(loaders.engine(), user, region_code, host=host, port=port,
                                           username=username, password=password, sender=sender, security=security)
        except DomainError as error:
            problems.show(error)
            return
        st.success(t("reminders.server_saved", lang))
