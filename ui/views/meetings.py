"""The blocks of the Rakor page: the cycle's meetings, a new one prepared from the cycle's state, its
agenda (and the PDF to bring), attendance and minutes, its decisions recorded as actions, and the
previous meeting's decisions where they stand (data.services.actions.meetings checks every right
and every value)."""
from __future__ import annotations

from datetime import date
from functools import partial

import pandas as pd
import streamlit as st

from data.access import ACTION_MANAGERS
from data.actor import SignedInUser
from data.errors import DomainError
from data.services.actions import meetings
from indicators import meetings as rules
from indicators import text as fmt
from ui import flash, loaders
from ui.components import problems
from ui.i18n import t, t_text
from ui.markup import markdown, plain
from ui.views import actions as actions_view
from ui.views import scores as scores_view

FLASH = actions_view.FLASH


@st.cache_data(show_spinner=False, max_entries=32)
def cycle_meetings(actor: SignedInUser, region_code: str, year: int, version: int) -> list[dict]:
    return meetings.list_meetings(loaders.engine(), actor, region_code, year)


@st.cache_data(show_spinner=False, max_entries=32)
def record(actor: SignedInUser, meeting_id: int, version: int) -> meetings.MeetingRecord:
    return meetings.meeting_record(loaders.engine(), actor, meeting_id)


def _done(message: str) -> None:
    flash.show_later("success", message, place=FLASH)
    st.rerun()


def pick(listed: list[dict], region_code: str, year: int) -> int | None:
    if not listed:
        return None
    labels = {m["id"]: m["label"] for m in listed}
    return st.selectbox(t("meetings.pick"), list(labels), format_func=labels.get, key=pick_key(region_code, year))


def pick_key(region_code: str, year: int) -> str:
    return f"meetings_pick_{region_code}_{year}"


def new_meeting_form(user: SignedInUser, region_code: str, year: int, lang: str) -> None:
    region_name = next((r["name"] for r in scores_view.regions(user, loaders.data_version())
                        if r["code"] == region_code), region_code)
    with st.expander(t("meetings.new", lang), icon=":material/event_available:", key="meetings_new"):
        with st.form("meetings_form"):
            title = st.text_input(t("meetings.new_title", lang), max_chars=rules.MAX_TITLE, key="meetings_title",
                                  value=t_text("meetings.default_title", lang, region=region_name, year=year))
            left, right = st.columns(2)
            held_on = left.date_input(t("meetings.held_on", lang), value=None, format="DD/MM/YYYY",
                                      min_value=date(year - 1, 1, 1), max_value=date(year + 2, 12, 31),
                                      key="meetings_held_on")
            place = right.text_input(t("meetings.place", lang), max_chars=rules.MAX_PLACE, key="meetings_place")
            submitted = st.form_submit_button(t("meetings.prepare", lang), type="primary")
        if submitted:
            try:
                meeting_id = meetings.prepare_meeting(loaders.engine(), user, region_code, year, title=title,
                                                      held_on=held_on, place=place)
            except DomainError as error:
                problems.show(error)
                return
            st.session_state[pick_key(region_code, year)] = meeting_id
            _done(t("meetings.prepared", lang, title=title.strip()[:80]))


def _pdf(user: SignedInUser, meeting_id: int, kind: str) -> bytes:
    """Built only when the button is clicked."""
    return meetings.meeting_pdf(loaders.engine(), user, meeting_id, kind)


def agenda(user: SignedInUser, meeting: meetings.MeetingRecord, lang: str) -> None:
    st.subheader(plain(meeting.title))
    st.caption(t("meetings.when", lang, date=fmt.long_date(meeting.held_on, lang), place=plain(meeting.place or "—"),
                 status=rules.status_name(meeting.status, lang))
               + (" " + t("meetings.previous", lang, title=plain(meeting.previous_title))
                  if meeting.previous_title else ""))
    with st.container(horizontal=True, gap="small"):
        st.download_button(t("meetings.agenda_pdf", lang), data=partial(_pdf, user, meeting.id, "agenda"),
                           file_name=f"agenda_{meeting.file_stem}.pdf", mime="application/pdf", on_click="ignore",
                           icon=":material/download:", key=f"meetings_agenda_pdf_{meeting.id}")
        if meeting.status == rules.HELD:
            st.download_button(t("meetings.minutes_pdf", lang), data=partial(_pdf, user, meeting.id, "minutes"),
                               file_name=f"notulen_{meeting.file_stem}.pdf", mime="application/pdf",
                               on_click="ignore", icon=":material/download:", key=f"meetings_minutes_pdf_{meeting.id}")
        if meeting.status == rules.PLANNED and user.role in ACTION_MANAGERS:
            if st.button(t("meetings.refresh", lang), icon=":material/refresh:", key=f"meetings_refresh_{meeting.id}"):
                try:
                    meetings.refresh_agenda(loaders.engine(), user, meeting.id, meeting.version)
                except DomainError as error:
                    problems.show(error)
                    return
                _done(t("meetings.refreshed", lang))
    st.markdown(f"**{t('meetings.agenda', lang)}**")
    lines = []
    for number, topic in enumerate(meeting.agenda, start=1):
        lines.append(f"{number}. **{plain(topic['topic'])}**")
        lines += [f"    - {plain(item)}" for item in topic["items"]]
    st.markdown(markdown("\n".join(lines)))


def attendance_form(user: SignedInUser, meeting: meetings.MeetingRecord, lang: str) -> None:
    present = int(meeting.attendance["present"].sum())
    label = t("meetings.attendance", lang) + " · " + t("meetings.present_count", lang, present=present,
                                                       total=len(meeting.attendance))
    with st.expander(label, icon=":material/how_to_reg:", expanded=meeting.status == rules.PLANNED,
                     key=f"meetings_attendance_{meeting.id}"):
        if user.role not in ACTION_MANAGERS:
            st.dataframe(meeting.attendance[["unit_name", "present", "representative"]], hide_index=True,
                         width="stretch")
            if meeting.minutes:
                st.text(meeting.minutes)
            return
        with st.form(f"meetings_minutes_form_{meeting.id}"):
            edited = st.data_editor(
                meeting.attendance[["unit", "unit_name", "present", "representative"]], hide_index=True,
                width="stretch", disabled=["unit", "unit_name"], key=f"meetings_sheet_{meeting.id}",
                column_config={
                    "unit": None,
                    "unit_name": st.column_config.TextColumn(t("meetings.col_unit", lang), width="large"),
                    "present": st.column_config.CheckboxColumn(t("meetings.col_present", lang), width="small"),
                    "representative": st.column_config.TextColumn(t("meetings.col_representative", lang),
                                                                  max_chars=rules.MAX_REPRESENTATIVE),
                })
            minutes = st.text_area(t("meetings.minutes", lang), value=meeting.minutes or "", height=160,
                                   max_chars=rules.MAX_MINUTES, key=f"meetings_minutes_{meeting.id}")
            submitted = st.form_submit_button(t("meetings.save_minutes", lang), type="primary")
        if submitted:
            sheet = {row.unit: (bool(row.present), row.representative if isinstance(row.representative, str) else None)
                     for row in edited.itertuples()}
            try:
                meetings.record_minutes(loaders.engine(), user, meeting.id, meeting.version, attendance=sheet,
                                        minutes=minutes)
            except DomainError as error:
                problems.show(error)
                return
            _done(t("meetings.saved_minutes", lang))


def decisions(user: SignedInUser, meeting: meetings.MeetingRecord, catalog, opds: dict[str, str], lang: str) -> None:
    st.subheader(t("meetings.decisions", lang))
    if meeting.decisions.empty:
        st.caption(t("meetings.no_decisions", lang))
    else:
        actions_view.action_table(meeting.decisions, lang)
    if user.role in ACTION_MANAGERS:
        actions_view.new_action_form(user, meeting.region_code, meeting.year, catalog, opds, lang,
                                     meeting_id=meeting.id, key=f"decision_{meeting.id}",
                                     label_key="meetings.new_decision", created_key="meetings.decided")
    previous: pd.DataFrame = meeting.previous_decisions
    if meeting.previous_title and not previous.empty:
        st.subheader(t("meetings.previous_decisions", lang))
        st.caption(plain(meeting.previous_title))
        actions_view.action_table(previous, lang)
