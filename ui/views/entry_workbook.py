"""The Excel section of the entry page: download the unit's template, upload it filled, check it
(a dry run listing every problem), then apply it. Apply is offered only after a clean check of
the very same file (same bytes); the service checks everything again when applying."""

from __future__ import annotations

import hashlib
from functools import partial

import pandas as pd
import streamlit as st

from data.actor import SignedInUser
from data.errors import DomainError
from data.files.entry_workbook import template_file_name
from data.services.entry.entry_package import MAX_PACKAGE_BYTES, PackageResult, import_package
from data.services.entry.entry_workbook import export_template
from ui import flash, loaders
from ui.i18n import t
from ui.markup import plain, plain_frame

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHECK_KEY = "entry_workbook.checked"
FLASH = "entry_workbook"
UPLOAD_ROUND_KEY = "entry_workbook.upload_round"


def file_digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def check_record(digest: str, result: PackageResult) -> dict:
    """What is kept of a dry run between reruns: which file it was and what it found."""
    entries = result.entries
    return {"digest": digest, "problems": result.all_problems, "changes": len(entries.changes) + len(result.files),
            "unchanged": entries.unchanged, "files": [{"name": name.rsplit("/", 1)[-1], "code": code}
                                                      for name, code in result.files],
            "rows": [{"row": c.row, "code": c.question_code, "old": c.old, "new": c.new,
                      "note_changed": c.note_changed} for c in entries.row_changes]}


def may_apply(record: dict | None, digest: str) -> bool:
    """Apply only after a check of these same bytes that found no problem and some change."""
    return bool(record) and record["digest"] == digest and not record["problems"] and record["changes"] > 0


def problems_frame(problems: list[str]) -> pd.DataFrame:
    return pd.DataFrame({t("entry_workbook.problem_column"): problems})


def changes_frame(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame({
        t("entry_workbook.col_row"): [r["row"] for r in rows],
        t("entry_workbook.col_code"): [r["code"] for r in rows],
        t("entry_workbook.col_old"): [r["old"] or t("entry_workbook.empty") for r in rows],
        t("entry_workbook.col_new"): [r["new"] for r in rows],
        t("entry_workbook.col_note"): [t("entry_workbook.yes") if r["note_changed"] else t("entry_workbook.no")
                                       for r in rows],
    })


def show(user: SignedInUser, sheet) -> None:
    """`sheet` is the entry page's EntrySheet (cycle_year, cycle_status, unit_short_name, unit_name)."""
    st.subheader(t("entry_workbook.title"))
    st.caption(t("entry_workbook.caption", unit=sheet.unit_name or sheet.unit_short_name, year=sheet.cycle_year))
    flash.show_pending(FLASH)
    engine = loaders.engine()
    st.download_button(
        t("entry_workbook.download"),
        # Built only when clicked (on another thread), with the answers as they are then.
        data=partial(export_template, engine, user, sheet.unit_short_name, sheet.cycle_year),
        file_name=template_file_name(sheet.unit_short_name, sheet.cycle_year),
        mime=XLSX_MIME, icon=":material/download:", on_click="ignore",
    )
    if sheet.cycle_status != "open":
        st.info(t("entry_workbook.closed", year=sheet.cycle_year))
        return
    # A new key after each apply empties the uploader (a file uploader's value cannot be set).
    upload_round = st.session_state.setdefault(UPLOAD_ROUND_KEY, 0)
    upload = st.file_uploader(t("entry_workbook.upload"), type=["xlsx", "zip"],
                              key=f"entry_workbook.file.{upload_round}",
                              help=t("entry_workbook.upload_help"),
                              max_upload_size=MAX_PACKAGE_BYTES // (1024 * 1024))
    if upload is None:
        st.session_state.pop(CHECK_KEY, None)
        return
    content = upload.getvalue()
    digest = file_digest(content)
    if st.button(t("entry_workbook.check"), icon=":material/fact_check:"):
        try:
            result = import_package(engine, user, content, upload.name, dry_run=True)
        except DomainError as error:
            st.error(plain(error.message))
            return
        st.session_state[CHECK_KEY] = check_record(digest, result)
    record = st.session_state.get(CHECK_KEY)
    if not record or record["digest"] != digest:
        st.info(t("entry_workbook.check_first"))
        return
    if record["problems"]:
        st.error(t("entry_workbook.problems", count=len(record["problems"])))
        # A table wraps long messages (a data frame would cut them); cell text is never markup.
        st.table(plain_frame(problems_frame(record["problems"])), hide_index=True, border="horizontal")
        return
    if not record["changes"]:
        st.info(t("entry_workbook.nothing", unchanged=record["unchanged"]))
        return
    st.success(t("entry_workbook.ready", count=len(record["rows"]), unchanged=record["unchanged"]))
    if record["rows"]:
        st.dataframe(changes_frame(record["rows"]), hide_index=True, width="stretch")
    if record["files"]:
        st.markdown(t("entry_workbook.files_ready", count=len(record["files"])))
        st.dataframe(pd.DataFrame({t("entry_workbook.col_file"): [f["name"] for f in record["files"]],
                                   t("entry_workbook.col_code"): [f["code"] for f in record["files"]]}),
                     hide_index=True, width="stretch")
    if may_apply(record, digest) and st.button(t("entry_workbook.apply"), type="primary", icon=":material/save:"):
        try:
            result = import_package(engine, user, content, upload.name, dry_run=False)
        except DomainError as error:
            st.error(plain(error.message))
            return
        if result.all_problems and not result.entries.applied:
            st.session_state[CHECK_KEY] = check_record(digest, result)
            st.error(t("entry_workbook.problems", count=len(result.problems)))
            st.table(plain_frame(problems_frame(result.all_problems)), hide_index=True, border="horizontal")
            return
        st.session_state.pop(CHECK_KEY, None)
        st.session_state[UPLOAD_ROUND_KEY] = upload_round + 1
        flash.show_later("success", t("entry_workbook.applied", count=len(result.entries.changes)), place=FLASH)
        if result.stored:
            flash.show_later("success", t("entry_workbook.files_applied", count=result.stored), place=FLASH)
        for problem in result.problems:   # a file refused after the drafts were saved (rare: checked before)
            flash.show_later("error", problem, place=FLASH)
        st.rerun()
