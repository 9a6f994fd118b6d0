"""The first-run form of an empty deployment and the secretariat's setup checklist."""
from __future__ import annotations

import streamlit as st

from data.actor import SignedInUser
from data.errors import DomainError
from data.services.setup import checklist as setup_checklist
from data.services.setup import first_run
from ui import auth, flash, frame, loaders
from ui.components import problems
from ui.i18n import t

FIXED_ON = {
    "region": (frame.REGIONS, "page.regions"),
    "opds": (frame.UNITS, "page.units"),
    "data_sources": (frame.UNITS, "page.units"),
    "areas": (frame.UNITS, "page.units"),
    "accounts": (frame.USERS, "page.users"),
    "cycle": (frame.CYCLES, "page.cycles"),
    "assignments": (frame.CYCLES, "page.cycles"),
}
PLACE = "setup"
LANDING_KEY = "setup.land_here"
"""Set once the first admin exists: app.py then opens the setup page instead of the public summary."""


def first_run_form() -> None:
    """Create the first administrator; on success, sign them in and go on to the regions page."""
    st.title(t("first_run.title"))
    st.write(t("first_run.lead"))
    with st.form("first_admin"):
        token = (st.text_input(t("first_run.token"), type="password", help=t("first_run.token_help"))
                 if first_run.setup_token_required() else "")
        username = st.text_input(t("first_run.username"), help=t("first_run.username_help"),
                                 autocomplete="username")
        name = st.text_input(t("first_run.name"))
        password = st.text_input(t("first_run.password"), type="password", autocomplete="new-password",
                                 help=t("account.hint"))
        again = st.text_input(t("first_run.password_again"), type="password", autocomplete="new-password")
        submitted = st.form_submit_button(t("first_run.submit"), type="primary")
    if not submitted:
        return
    if not (username.strip() and name.strip() and password and again):
        st.error(t("first_run.missing"))
        return
    try:
        admin = first_run.create_first_admin(loaders.engine(), username, name, password, again, token)
    except DomainError as error:
        problems.show(error)
        return
    auth.sign_in(admin)
    flash.show_later("success", t("first_run.created", username=admin.username), place=PLACE)
    st.session_state[LANDING_KEY] = True
    st.rerun()


def checklist(user: SignedInUser, region_code: str) -> None:
    try:
        result = setup_checklist.setup_checklist(loaders.engine(), user, region_code)
    except DomainError as error:
        problems.show(error)
        return
    total = len(result.items)
    st.progress(result.done / total, text=t("setup.progress", done=result.done, total=total))
    if result.done == total:
        st.success(t("setup.all_done", year=result.cycle_year))
    for item in result.items:
        _item(user, result, item)


def _item(user: SignedInUser, result, item: setup_checklist.ChecklistItem) -> None:
    icon = ":material/check_circle:" if item.done else ":material/radio_button_unchecked:"
    with st.container(border=True, key=f"setup_item_{item.key}"):
        st.markdown(f"{icon} **{t(f'setup.item.{item.key}')}**")
        st.caption(_detail(result, item))
        if item.names:
            names = [_name(name) for name in item.names]
            if item.missing > len(names):
                names.append(t("setup.more", count=item.missing - len(names)))
            st.text(", ".join(names))
        if not item.done:
            page, title_key = FIXED_ON[item.key]
            if item.key == "region" and user.role != "admin":
                st.caption(t("setup.ask_admin"))
            else:
                st.page_link(page, label=t("setup.open_page", page=t(title_key)), icon=":material/arrow_forward:")


def _detail(result, item: setup_checklist.ChecklistItem) -> str:
    key = f"setup.item.{item.key}"
    if item.done:
        return t(f"{key}.done", code=result.region_code, year=result.cycle_year)
    if item.key in ("data_sources", "assignments") and result.cycle_year is None:
        return t(f"{key}.no_cycle")
    if item.key == "areas":
        return t(f"{key}.missing", kinds=", ".join(item.names))
    return t(f"{key}.missing", count=item.missing)


def _name(name: str) -> str:
    return t(f"setup.role.{name.removeprefix('role:')}") if name.startswith("role:") else name
