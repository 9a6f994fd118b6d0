"""The blocks of the Unit Wilayah page: the list of kecamatan with their kelurahan and the forms
that change it. Every change goes through data.services.units, which checks the rights; a
successful change is announced after a rerun, so the list above shows it at once."""

from __future__ import annotations

import hashlib
from functools import partial

import pandas as pd
import streamlit as st
from sqlalchemy import Engine

from data.actor import SignedInUser
from data.errors import DomainError
from data.files import units_file
from data.services.units import changes, opds, removal, roster, unit_import
from indicators import unit_names
from ui import flash, loaders
from ui.components import problems, region_picker
from ui.i18n import t, t_text
from ui.markup import markdown, plain, plain_frame

FLASH = "units"
"""The flash place of the page: a change is announced after the rerun that shows it."""
OPEN_TAB = "units_open_tab"  # the tab of the last change, shown again after the rerun
PENDING_MOVE = "units_pending_move"
CHECKED = "units_checked"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


FORM_FIELDS = ("units_new_kecamatan", "units_new_kecamatan_password", "units_new_parent", "units_new_kelurahan",
               "units_new_kelurahan_password", "units_status_unit", "units_status_reason", "units_move_unit",
               "units_move_to", "units_account_unit", "units_account_password", "units_account_password_again",
               "units_undo_batch", "units_undo_sure", "units_delete_unit", "units_delete_sure")


def _done(message: str, tab_key: str, kind: flash.Kind = "success") -> None:
    """Announce a change after a rerun, on the same tab, with the forms emptied (their unit lists
    and labels follow the new state)."""
    for field in FORM_FIELDS:
        st.session_state.pop(field, None)
    flash.show_later(kind, message, place=FLASH)
    st.session_state[OPEN_TAB] = t(tab_key)
    st.rerun()


@st.cache_data(show_spinner=False, max_entries=32)
def region_units(actor: SignedInUser, region_code: str, version: int) -> pd.DataFrame:
    """The region's units, read again only when a write has moved the data version on."""
    return roster.region_units(loaders.engine(), actor, region_code)


def regions(engine: Engine, user: SignedInUser) -> list[dict]:
    """The regions whose units the user manages: their own, or (the admin) every region."""
    return region_picker.own(user) or roster.unit_regions(engine, user)


def metrics(frame: pd.DataFrame) -> None:
    active = frame[frame["active"]]
    with st.container(horizontal=True):
        st.metric(t("units.metric_kecamatan"), int((active["kind"] == "kecamatan").sum()), border=True)
        st.metric(t("units.metric_kelurahan"), int((active["kind"] == "kelurahan").sum()), border=True)
        st.metric(t("units.metric_inactive"), int((~frame["active"]).sum()), border=True)


def _state(active: bool) -> str:
    return t("units.active") if active else t("units.inactive")


def _kelurahan_table(rows: pd.DataFrame) -> None:
    st.table(plain_frame(pd.DataFrame({
        t("units.col_kelurahan"): rows["name"].tolist(),
        t("units.col_short"): rows["short_name"].tolist(),
        t("units.col_status"): [_state(a) for a in rows["active"]],
        t("units.col_focal"): [f or "—" for f in rows["focal_points"]],
    })), hide_index=True)


def unit_list(frame: pd.DataFrame) -> None:
    """One expander per kecamatan, holding its kelurahan with their status and focal points."""
    kecamatan = frame[frame["kind"] == "kecamatan"]
    if kecamatan.empty:
        st.info(t("units.list_empty"))
    kelurahan = frame[frame["kind"] == "kelurahan"]
    for kec in kecamatan.itertuples():
        own = kelurahan[kelurahan["kecamatan_short_name"] == kec.short_name]
        label = (t("units.kecamatan_label", name=kec.name, count=int(own["active"].sum())) if kec.active
                 else t("units.kecamatan_inactive", name=kec.name))
        with st.expander(label, icon=None if kec.active else ":material/block:"):
            st.caption(t("units.kecamatan_short", short=kec.short_name) + " · "
                       + t("units.kecamatan_focal", names=kec.focal_points or t("units.no_focal")))
            if own.empty:
                st.caption(t("units.no_kelurahan"))
            else:
                _kelurahan_table(own)
    orphans = kelurahan[kelurahan["kecamatan_short_name"].isna()]
    if not orphans.empty:
        with st.expander(t("units.orphans")):
            _kelurahan_table(orphans)


def _unit_labels(frame: pd.DataFrame) -> dict[str, str]:
    """Option labels by short name (a plain dict: a selectbox's format_func must survive pickling)."""
    labels = {}
    for row in frame.itertuples():
        if row.kind == "kelurahan" and isinstance(row.kecamatan_name, str):
            labels[row.short_name] = t_text("units.unit_option_kelurahan", name=row.name, kecamatan=row.kecamatan_name,
                                            state=_state(row.active))
        else:
            labels[row.short_name] = t_text("units.unit_option", name=row.name, state=_state(row.active))
    return labels


def change_forms(engine: Engine, user: SignedInUser, region_code: str, frame: pd.DataFrame) -> None:
    tabs = st.tabs([t("units.tab_add_kecamatan"), t("units.tab_add_kelurahan"), t("units.tab_status"),
                    t("units.tab_move"), t("units.tab_account"), t("units.tab_import"), t("units.tab_delete")],
                   default=st.session_state.get(OPEN_TAB), key=f"units_tabs_{st.session_state.get(OPEN_TAB)}")
    with tabs[0]:
        _add_kecamatan(engine, user, region_code)
    with tabs[1]:
        _add_kelurahan(engine, user, region_code, frame)
    with tabs[2]:
        _status(engine, user, region_code, frame)
    with tabs[3]:
        _move(engine, user, region_code, frame)
    with tabs[4]:
        _account(engine, user, region_code, frame)
    with tabs[5]:
        _import(engine, user, region_code)
        _undo(engine, user, region_code)
    with tabs[6]:
        _delete(engine, user, region_code, frame)


def _added(change: changes.UnitChange, tab_key: str) -> None:
    if change.account_problem:
        _done(change.message + "\n\n" + change.account_problem, tab_key, kind="warning")
    _done(change.message, tab_key)


def _add_kecamatan(engine: Engine, user: SignedInUser, region_code: str) -> None:
    _add_form(engine, user, region_code, "kecamatan", parents=None)


def _add_kelurahan(engine: Engine, user: SignedInUser, region_code: str, frame: pd.DataFrame) -> None:
    kecamatan = frame[(frame["kind"] == "kecamatan") & frame["active"]]
    if kecamatan.empty:
        st.info(t("units.no_active_kecamatan"))
        return
    _add_form(engine, user, region_code, "kelurahan",
              parents=dict(zip(kecamatan["short_name"], kecamatan["name"], strict=True)))


def _add_form(engine: Engine, user: SignedInUser, region_code: str, kind: str, parents: dict | None) -> None:
    """The add form of a kecamatan, or of a kelurahan under one of `parents`."""
    with st.form(f"units_add_{kind}_form"):
        parent = (st.selectbox(t("units.kecamatan"), list(parents), format_func=parents.get, key="units_new_parent")
                  if parents is not None else None)
        name = st.text_input(t(f"units.{kind}_name"), placeholder=t(f"units.{kind}_placeholder"),
                             max_chars=unit_names.MAX_NAME, key=f"units_new_{kind}")
        password = st.text_input(t("units.account_password"), type="password", help=t("units.account_password_help"),
                                 key=f"units_new_{kind}_password")
        submitted = st.form_submit_button(t(f"units.add_{kind}"), type="primary", icon=":material/add:",
                                          key=f"units_add_{kind}")
    if submitted:
        try:
            with st.spinner(t("units.working")):
                change = changes.add_unit(engine, user, kind, name, parent, account_password=password or None,
                                          region_code=region_code)
        except DomainError as error:
            problems.show(error)
        else:
            _added(change, f"units.tab_add_{kind}")


def _status(engine: Engine, user: SignedInUser, region_code: str, frame: pd.DataFrame) -> None:
    st.caption(t("units.status_caption"))
    if frame.empty:
        return
    with st.form("units_status_form"):
        unit = st.selectbox(t("units.unit"), frame["short_name"].tolist(), format_func=_unit_labels(frame).get,
                            key="units_status_unit")
        reason = st.text_area(t("units.reason"), placeholder=t("units.reason_placeholder"),
                              max_chars=changes.MAX_REASON, key="units_status_reason")
        with st.container(horizontal=True):
            deactivate = st.form_submit_button(t("units.deactivate"), icon=":material/block:",
                                               key="units_deactivate")
            reactivate = st.form_submit_button(t("units.reactivate"), icon=":material/restart_alt:",
                                               key="units_reactivate")
    if deactivate or reactivate:
        action = changes.deactivate_unit if deactivate else changes.reactivate_unit
        try:
            with st.spinner(t("units.working")):
                change = action(engine, user, unit, reason, region_code=region_code)
        except DomainError as error:
            problems.show(error)
        else:
            _done(change.message, "units.tab_status")


def _move(engine: Engine, user: SignedInUser, region_code: str, frame: pd.DataFrame) -> None:
    st.caption(t("units.move_caption"))
    kelurahan = frame[frame["kind"] == "kelurahan"]
    kecamatan = frame[(frame["kind"] == "kecamatan") & frame["active"]]
    if kelurahan.empty or kecamatan.empty:
        return
    names = dict(zip(kecamatan["short_name"], kecamatan["name"], strict=True))
    with st.form("units_move_form"):
        unit = st.selectbox(t("units.move_kelurahan"), kelurahan["short_name"].tolist(),
                            format_func=_unit_labels(frame).get, key="units_move_unit")
        target = st.selectbox(t("units.move_to"), list(names), format_func=names.get, key="units_move_to")
        submitted = st.form_submit_button(t("units.move"), icon=":material/swap_horiz:", key="units_move")
    if submitted:
        st.session_state.pop(PENDING_MOVE, None)
        _try_move(engine, user, region_code, unit, target, confirm=False)
    pending = st.session_state.get(PENDING_MOVE)
    if pending and pending["region"] == region_code:
        st.warning(plain(pending["message"]), icon=":material/warning:")
        with st.container(horizontal=True):
            if st.button(t("units.confirm_move"), type="primary", key="units_move_confirm"):
                st.session_state.pop(PENDING_MOVE, None)
                _try_move(engine, user, region_code, pending["unit"], pending["target"], confirm=True)
            if st.button(t("units.cancel"), key="units_move_cancel"):
                st.session_state.pop(PENDING_MOVE, None)
                st.session_state[OPEN_TAB] = t("units.tab_move")
                st.rerun()


def _try_move(engine: Engine, user: SignedInUser, region_code: str, unit: str, target: str, confirm: bool) -> None:
    try:
        change = changes.move_kelurahan(engine, user, unit, target, confirm=confirm, region_code=region_code)
    except changes.NeedsConfirmation as question:
        st.session_state[PENDING_MOVE] = {"region": region_code, "unit": unit, "target": target,
                                          "message": question.message}
    except DomainError as error:
        problems.show(error)
    else:
        _done(change.message, "units.tab_move")


def _account(engine: Engine, user: SignedInUser, region_code: str, frame: pd.DataFrame) -> None:
    st.caption(t("units.account_caption"))
    active = frame[frame["active"]]
    if active.empty:
        return
    with st.form("units_account_form"):
        unit = st.selectbox(t("units.account_unit"), active["short_name"].tolist(), format_func=_unit_labels(frame).get,
                            key="units_account_unit")
        password = st.text_input(t("units.password"), type="password", key="units_account_password")
        again = st.text_input(t("units.password_again"), type="password", key="units_account_password_again")
        submitted = st.form_submit_button(t("units.create_account"), icon=":material/person_add:",
                                          key="units_create_account")
    if submitted:
        if password != again:
            st.error(t("units.password_mismatch"))
            return
        try:
            account = changes.create_focal_account(engine, user, unit, password, region_code=region_code)
        except DomainError as error:
            problems.show(error)
        else:
            _done(t("units.account_created", username=account.username, unit=account.unit_name), "units.tab_account")


def _import(engine: Engine, user: SignedInUser, region_code: str) -> None:
    st.caption(t("units.import_caption"))
    st.download_button(t("units.template"), data=partial(unit_import.units_template, engine, user, region_code),
                       file_name=units_file.TEMPLATE_FILE_NAME, mime=XLSX_MIME, on_click="ignore",
                       icon=":material/download:", key="units_template")
    upload = st.file_uploader(t("units.import_file"), type=["xlsx", "csv"], key="units_upload",
                              max_upload_size=units_file.MAX_IMPORT_BYTES // 1024 // 1024)
    data = upload.getvalue() if upload is not None else None
    fingerprint = (region_code, upload.name, hashlib.sha256(data).hexdigest()) if upload is not None else None
    checked = st.session_state.get(CHECKED)
    clean = checked is not None and checked["fingerprint"] == fingerprint
    with st.container(horizontal=True):
        check = st.button(t("units.check"), icon=":material/rule:", disabled=upload is None, key="units_check")
        apply = st.button(t("units.apply"), type="primary", icon=":material/upload:", disabled=not clean or check,
                          help=t("units.apply_help"), key="units_apply")
    if check and upload is not None:
        st.session_state.pop(CHECKED, None)
        try:
            result = unit_import.import_units(engine, user, data, upload.name, apply=False, region_code=region_code)
        except DomainError as error:
            problems.show(error)
        else:
            st.session_state[CHECKED] = {"fingerprint": fingerprint, "result": result}
            st.session_state[OPEN_TAB] = t("units.tab_import")
            st.rerun()  # draws the Terapkan button enabled
    elif apply and clean:
        st.session_state.pop(CHECKED, None)
        try:
            with st.spinner(t("units.working")):
                result = unit_import.import_units(engine, user, data, upload.name, apply=True,
                                                  region_code=region_code)
        except DomainError as error:
            problems.show(error)
        else:
            _done(t("units.applied") + "\n\n" + report_markdown(result), "units.tab_import")
    elif clean:
        st.info(t("units.checked") + "\n\n" + markdown(report_markdown(checked["result"])))


def report_markdown(result: unit_import.UnitImport) -> str:
    """The import's report as the command line prints it, one line per fact."""
    return "\n".join(f"- {plain(line)}" for line in result.report)


def _undo(engine: Engine, user: SignedInUser, region_code: str) -> None:
    st.subheader(t("units.undo_title"))
    imports = removal.unit_imports(engine, user, region_code)
    if not imports:
        st.caption(t("units.undo_none"))
        return
    labels = {i["batch"]: t_text("units.undo_option", file=i["file"], batch=i["batch"], count=len(i["units"]))
              for i in imports}
    batch = st.selectbox(t("units.undo_pick"), list(labels), format_func=labels.get, key="units_undo_batch")
    chosen = next(i for i in imports if i["batch"] == batch)
    st.caption(t("units.undo_units", names=plain(", ".join(chosen["units"]))))
    sure = st.checkbox(t("units.undo_confirm"), key="units_undo_sure")
    if st.button(t("units.undo_button"), icon=":material/undo:", disabled=not sure, key="units_undo"):
        try:
            done = removal.undo_unit_import(engine, user, batch, region_code)
        except DomainError as error:
            problems.show(error)
        else:
            _done(done.message, "units.tab_import")


def _delete(engine: Engine, user: SignedInUser, region_code: str, frame: pd.DataFrame) -> None:
    st.caption(t("units.delete_caption"))
    listing = opds.opd_list(engine, user, region_code)
    labels = {o["short_name"]: f"{o['name']} ({o['short_name']})" for o in listing["opds"]}
    labels.update({row.short_name: f"{row.name} ({row.short_name})" for row in frame.itertuples()})
    if not labels:
        st.caption(t("units.delete_none"))
        return
    short_name = st.selectbox(t("units.delete_pick"), list(labels), format_func=labels.get, index=None,
                              key="units_delete_unit")
    sure = st.checkbox(t("units.delete_confirm"), key="units_delete_sure")
    if st.button(t("units.delete_button"), icon=":material/delete:", disabled=not (sure and short_name),
                 key="units_delete"):
        try:
            done = removal.delete_unit(engine, user, short_name or "", region_code)
        except DomainError as error:
            problems.show(error)
        else:
            _done(done.message, "units.tab_delete")
