"""The blocks of the Pengguna page: the accounts table and the forms that create, change,
deactivate and reactivate accounts, reset passwords and import a list. One-time passwords are shown
once, right after the action that made them (data.services.accounts checks every right)."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from data.access import GRANTS, PROVINCE_ROLE
from data.actor import SignedInUser
from data.errors import DomainError
from data.services.accounts import account_import, admin, unit_accounts
from data.services.regions.regions import official_provinces
from indicators import text as fmt
from indicators.roles import ADMIN, DEPLOYMENT, PROVINCE, least_powerful_first, scope_of
from ui import flash, loaders
from ui.components import problems, region_picker
from ui.i18n import current_lang, reader_zone, role_name, t

FLASH = "users"
REVEAL = "users_one_time"
PASSWORDS_FILE = "users_passwords_csv"
SLIPS_FILE = "users_login_slips"
FIELDS = ("users_new_username", "users_new_name", "users_new_phone", "users_new_email", "users_reason",
          "users_new_province")
CHOICES = ("users_new_role.", "users_new_unit.")
"""The new account's role and unit, keyed per region (the roles offered depend on it)."""


def _done(message: str, secret: tuple[str, str] | None = None) -> None:
    for key in [*FIELDS, *(k for k in st.session_state if str(k).startswith(CHOICES))]:
        st.session_state.pop(key, None)
    if secret:
        st.session_state[REVEAL] = secret
    flash.show_later("success", message, place=FLASH)
    st.rerun()


def region_choice(user: SignedInUser) -> dict | None:
    """The region whose accounts are shown: the user's own, or the admin's pick (or every region)."""
    regions = region_picker.own(user) or admin.manageable_regions(loaders.engine(), user)
    if user.role == ADMIN:
        regions = [{"code": None, "name": t("users.all_regions")}, *regions]
    return region_picker.show(regions, key="users_region", label_of=region_picker.name)


def accounts(user: SignedInUser, region_code: str | None) -> list[dict]:
    return admin.list_accounts(loaders.engine(), user, region_code)


def reveal_once() -> None:
    """A one-time password or the import's password file, shown in the run after it was made, then gone."""
    secret = st.session_state.pop(REVEAL, None)
    if secret:
        username, password = secret
        st.warning(t("users.one_time", username=username), icon=":material/key:")
        st.code(password, language=None)
    passwords = st.session_state.pop(PASSWORDS_FILE, None)
    if passwords:
        st.download_button(t("users.download_passwords"), passwords, "kata_sandi_sekali_pakai.csv", "text/csv",
                           type="primary", icon=":material/download:")
    slips = st.session_state.pop(SLIPS_FILE, None)
    if slips:
        st.download_button(t("users.download_slips"), slips, "slip_masuk_pantau_kla.pdf", "application/pdf",
                           type="primary", icon=":material/download:", key="users_download_slips")


def table(accounts: list[dict]) -> None:
    if not accounts:
        st.info(t("users.none"))
        return
    lang = current_lang()
    roles = sorted({a["role"] for a in accounts})
    left, right = st.columns([3, 2], vertical_alignment="bottom")
    chosen = left.multiselect(t("users.filter_role"), roles, format_func=role_name, key="users_filter_role",
                            placeholder=t("picker.all"))
    only_active = right.toggle(t("users.filter_active"), value=True, key="users_filter_active")
    shown = [a for a in accounts if (not chosen or a["role"] in chosen) and (a["active"] or not only_active)]

    def status(a: dict) -> str:
        if not a["active"]:
            return t("users.inactive")
        return t("users.must_change") if a["must_change_password"] else t("users.active")

    st.dataframe(pd.DataFrame({
        t("users.col_username"): [a["username"] for a in shown],
        t("users.col_name"): [a["display_name"] for a in shown],
        t("users.col_role"): [role_name(a["role"]) for a in shown],
        t("users.col_unit"): [a["unit_name"] or "—" for a in shown],
        t("users.col_region"): [a["region_name"] or "—" for a in shown],
        t("users.col_phone"): [a["phone"] or "—" for a in shown],
        t("users.col_email"): [a["email"] or "—" for a in shown],
        t("users.col_last"): [fmt.date_time(a["last_login_at"], lang, reader_zone()) for a in shown],
        t("users.col_status"): [status(a) for a in shown],
    }), hide_index=True, width="stretch")


def forms(user: SignedInUser, region_code: str | None, accounts: list[dict]) -> None:
    tabs = st.tabs([t("users.tab_add"), t("users.tab_edit"), t("users.tab_status"), t("users.tab_reset"),
                    t("users.tab_import"), t("users.tab_units")])
    manageable = {a["username"]: f"{a['display_name']} ({a['username']})" for a in accounts if a["manageable"]}
    with tabs[0]:
        _add(user, region_code)
    with tabs[1]:
        _edit(user, region_code, accounts, manageable)
    with tabs[2]:
        _status(user, accounts, manageable)
    with tabs[3]:
        _reset(user, manageable)
    with tabs[4]:
        _import(user, region_code)
    with tabs[5]:
        _unit_accounts(user, region_code)


def _unit_choices(user: SignedInUser, region_code: str | None) -> dict[str, str]:
    units = admin.manageable_units(loaders.engine(), user, region_code)
    return {"": t("users.no_unit"), **{u["short_name"]: f"{u['name']} ({u['kind']})" for u in units}}


def _grantable(user: SignedInUser, region_code: str | None) -> list[str]:
    """The roles the user may give here; with no region chosen, an admin or a province verifier
    (who serves a province, not a region)."""
    roles = list(GRANTS.get(user.role, ()))
    return roles if region_code else [r for r in roles if scope_of(r) in (DEPLOYMENT, PROVINCE)]


@st.cache_data(show_spinner=False, max_entries=1)
def _provinces() -> dict[str, str]:
    return {p["code"]: f"{p['name']} ({p['code']})" for p in official_provinces(loaders.engine())}


def _add(user: SignedInUser, region_code: str | None) -> None:
    roles = least_powerful_first(_grantable(user, region_code))
    units = _unit_choices(user, region_code) if region_code else {"": t("users.no_unit")}
    with st.form("users_add"):
        username = st.text_input(t("users.username"), max_chars=64, help=t("users.username_help"),
                                 key="users_new_username")
        name = st.text_input(t("users.name"), max_chars=200, key="users_new_name")
        role = st.selectbox(t("users.role"), roles, format_func=role_name, key=f"{CHOICES[0]}{region_code}")
        province = None
        if region_code is None and PROVINCE_ROLE in roles:
            provinces = _provinces()
            province = st.selectbox(t("users.province"), list(provinces), format_func=provinces.get, index=None,
                                    placeholder=t("users.province_placeholder"), key="users_new_province")
        unit = st.selectbox(t("users.unit"), list(units), format_func=units.get, key=f"{CHOICES[1]}{region_code}")
        phone = st.text_input(t("users.phone"), max_chars=32, key="users_new_phone")
        email = st.text_input(t("users.email"), max_chars=254, key="users_new_email")
        submitted = st.form_submit_button(t("users.create"), type="primary")
    if submitted:
        try:
            place = province if role == PROVINCE_ROLE and region_code is None else region_code
            new = admin.create_account(loaders.engine(), user, username, name, role,
                                       place if role != "admin" else None, unit or None, phone, email)
        except DomainError as error:
            problems.show(error)
            return
        _done(t("users.created", username=new.username), (new.username, new.one_time_password))


def _edit(user: SignedInUser, region_code: str | None, accounts: list[dict], manageable: dict) -> None:
    if not manageable:
        st.info(t("users.none_manageable"))
        return
    username = st.selectbox(t("users.account"), list(manageable), format_func=manageable.get, key="users_edit_who")
    account = next(a for a in accounts if a["username"] == username)
    roles = list(dict.fromkeys([account["role"], *_grantable(user, account["region_code"])]))
    units = _unit_choices(user, account["region_code"]) if account["region_code"] else {"": t("users.no_unit")}
    with st.form(f"users_edit_{username}"):
        name = st.text_input(t("users.name"), value=account["display_name"], max_chars=200)
        role = st.selectbox(t("users.role"), roles, format_func=role_name)
        current_unit = account["unit_short_name"] or ""
        unit = st.selectbox(t("users.unit"), list(units), format_func=units.get,
                            index=list(units).index(current_unit) if current_unit in units else 0)
        phone = st.text_input(t("users.phone"), value=account["phone"] or "", max_chars=32)
        email = st.text_input(t("users.email"), value=account["email"] or "", max_chars=254)
        submitted = st.form_submit_button(t("users.save"), type="primary")
    if submitted:
        try:
            admin.update_account(loaders.engine(), user, username, display_name=name, role=role,
                                 unit_short_name=unit, phone=phone, email=email)
        except DomainError as error:
            problems.show(error)
            return
        _done(t("users.saved", username=username))


def _status(user: SignedInUser, accounts: list[dict], manageable: dict) -> None:
    if not manageable:
        st.info(t("users.none_manageable"))
        return
    username = st.selectbox(t("users.account"), list(manageable), format_func=manageable.get, key="users_status_who")
    active = next(a for a in accounts if a["username"] == username)["active"]
    reason = st.text_input(t("users.reason"), max_chars=1000, key="users_reason")
    if st.button(t("users.deactivate") if active else t("users.reactivate"), key="users_toggle"):
        try:
            admin.set_account_active(loaders.engine(), user, username, not active, reason)
        except DomainError as error:
            problems.show(error)
            return
        _done(t("users.deactivated" if active else "users.reactivated", username=username))


def _reset(user: SignedInUser, manageable: dict) -> None:
    if not manageable:
        st.info(t("users.none_manageable"))
        return
    username = st.selectbox(t("users.account"), list(manageable), format_func=manageable.get, key="users_reset_who")
    st.caption(t("users.reset_help"))
    if st.button(t("users.reset"), key="users_reset"):
        try:
            password = admin.reset_password(loaders.engine(), user, username)
        except DomainError as error:
            problems.show(error)
            return
        _done(t("users.saved", username=username), (username, password))


def _import(user: SignedInUser, region_code: str | None) -> None:
    st.caption(t("users.import_help"))
    upload = st.file_uploader(t("users.import_file"), type=["xlsx", "csv"], key="users_import_file")
    left, right = st.columns(2)
    check = left.button(t("users.check"), key="users_check", disabled=upload is None)
    apply = right.button(t("users.apply"), key="users_apply", type="primary", disabled=upload is None)
    if not (check or apply) or upload is None:
        return
    try:
        result = account_import.import_accounts(loaders.engine(), user, upload.getvalue(), upload.name,
                                                apply=apply, region_code=region_code)
    except DomainError as error:
        problems.show(error)
        return
    if not apply:
        st.success(t("users.checked", count=len(result.accounts)))
        st.text("\n".join(result.report[1:]))
        return
    st.session_state[PASSWORDS_FILE] = account_import.passwords_csv(result)
    _done(t("users.imported", count=len(result.accounts)))


def _unit_accounts(user: SignedInUser, region_code: str | None) -> None:
    if not region_code:
        st.info(t("users.units_pick_region"))
        return
    st.caption(t("users.units_help"))
    if st.button(t("users.units_create"), key="users_unit_accounts", type="primary",
                 icon=":material/group_add:"):
        try:
            result = unit_accounts.create_unit_accounts(loaders.engine(), user, region_code)
        except DomainError as error:
            problems.show(error)
            return
        if result.created:
            st.session_state[SLIPS_FILE] = unit_accounts.login_slips(result)
        _done(result.message)
