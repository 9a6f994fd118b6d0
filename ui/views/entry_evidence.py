"""Evidence files on the entry page (Isian Saya): one question's files (current and older versions,
each downloadable), the uploader that stores a file as soon as it is chosen, optionally replacing
one, last cycle's files attached again with one click, and many files at once matched to their
questions by the code their names start with."""

from __future__ import annotations

import math
from functools import partial

import pandas as pd
import streamlit as st

from data.actor import SignedInUser
from data.errors import DomainError
from data.services.entry import evidence
from data.services.entry.sheet import EntrySheet
from indicators import text as fmt
from ui import flash, loaders
from ui.i18n import reader_zone, t
from ui.markup import markdown, plain
from ui.views.entry_state import FLASH, message, question_flash

UPLOAD_TYPES = ["pdf", "jpg", "jpeg", "png", "xlsx", "docx"]
BULK_ROUND_KEY = "entry.bulk_round"


def _limit_mb() -> float:
    return evidence.max_bytes() / 1024 / 1024


def show(row, sheet: EntrySheet, user: SignedInUser, year: int | None, lang: str) -> None:
    """The question's files; when the answer is editable, the uploader and last cycle's files."""
    code = row.question_code
    st.markdown(f"**{t('entry.evidence_title')}**")
    files = [] if row.answer_id is None or pd.isna(row.answer_id) else \
        evidence.list_evidence(loaders.engine(), user, code, sheet.cycle_year)
    current = [f for f in files if not f.superseded]
    older = [f for f in files if f.superseded]
    if not current:
        st.caption(t("entry.evidence_empty"))
    for info in current:
        _file_line(info, user, lang)
    if older:
        with st.popover(t("entry.evidence_old", count=len(older)), icon=":material/history:"):
            for info in older:
                _file_line(info, user, lang)
    if not row.editable:
        return
    replace_key = f"entry.{code}.replace"
    if current:
        choices = {0: t("entry.evidence_replace_none"), **{f.id: f.filename for f in current}}
        st.selectbox(t("entry.evidence_replace"), list(choices), format_func=choices.get, key=replace_key)
    # The file is stored as soon as it is chosen; a new key afterwards empties the uploader.
    upload_round = st.session_state.get(f"entry.{code}.upload_round", 0)
    file_key = f"entry.{code}.file.{upload_round}"
    limit_mb = _limit_mb()
    st.file_uploader(t("entry.evidence_upload", mb=fmt.number(limit_mb, lang)), type=UPLOAD_TYPES, key=file_key,
                     accept_multiple_files=True, max_upload_size=max(1, math.ceil(limit_mb)), on_change=_upload,
                     args=(user, code, year, file_key, replace_key))
    _earlier_files(code, user, year, lang)


def _earlier_files(code: str, user: SignedInUser, year: int | None, lang: str) -> None:
    """Last cycle's files for this question, attached again with one click each."""
    earlier_year, files = evidence.earlier_evidence(loaders.engine(), user, code, year)
    if not files:
        return
    st.caption(t("entry.evidence_earlier", year=earlier_year))
    for info in files:
        st.button(t("entry.evidence_reuse", name=info.filename, size=fmt.file_size(info.size_bytes, lang)),
                  key=f"entry.{code}.reuse.{info.id}", icon=":material/history:", type="tertiary",
                  on_click=_reuse, args=(user, code, year, info.id, info.filename))


def _reuse(user: SignedInUser, code: str, year: int | None, evidence_id: int, filename: str) -> None:
    try:
        evidence.reuse_evidence(loaders.engine(), user, code, evidence_id, year)
    except DomainError as error:
        question_flash(code, "error", message(error))
        return
    question_flash(code, "success", t("entry.evidence_reused", name=plain(filename)))


def _file_line(info: evidence.EvidenceInfo, user: SignedInUser, lang: str) -> None:
    line = st.container(horizontal=True, vertical_alignment="center", gap="small")
    line.caption(t("entry.evidence_item", name=plain(info.filename), version=info.file_version,
                   size=fmt.file_size(info.size_bytes, lang), who=plain(info.uploaded_by),
                   when=fmt.date_time(info.uploaded_at, lang, reader_zone())))
    line.download_button(t("entry.download"), data=partial(_download, user, info.id), file_name=info.filename,
                         mime=info.content_type, key=f"entry.download.{info.id}", on_click="ignore",
                         icon=":material/download:", type="tertiary")


def _download(user: SignedInUser, evidence_id: int) -> bytes:
    return evidence.download_evidence(loaders.engine(), user, evidence_id)[2]


def _upload(user: SignedInUser, code: str, year: int | None, file_key: str, replace_key: str) -> None:
    """Stores every file chosen at once, each on its own: one refused file does not hold up the
    others, and each gets its own line (the replaced file, when one is chosen, by the first)."""
    chosen = st.session_state.get(file_key) or []
    chosen = chosen if isinstance(chosen, list) else [chosen]
    if not chosen:   # the files were removed from the uploader
        return
    replaces = st.session_state.get(replace_key) or None
    # Accepted or refused, the uploader is emptied, so it never looks as if a refused file were kept.
    st.session_state[f"entry.{code}.upload_round"] = st.session_state.get(f"entry.{code}.upload_round", 0) + 1
    for uploaded in chosen:
        try:
            evidence.upload_evidence(loaders.engine(), user, code, uploaded.name, uploaded.getvalue(), year,
                                     replaces_id=replaces)
        except DomainError as error:
            question_flash(code, "error", message(error))
            continue
        if replaces:
            st.session_state.pop(replace_key, None)
            replaces = None
        question_flash(code, "success", t("entry.evidence_uploaded", name=plain(uploaded.name)))


# ------------------------------------------------------------------------------ many at once

def bulk_evidence(sheet: EntrySheet, user: SignedInUser, year: int | None, lang: str) -> None:
    """Many evidence files at once, each matched to its question by the code its name starts with
    ("2.1 SK Gugus Tugas.pdf"): what goes where is shown first, then stored with one click."""
    if not sheet.open:
        return
    if not st.toggle(t("entry.bulk_title"), key="entry.bulk_open"):
        return
    with st.container(border=True, key="entry_bulk"):
        st.caption(t("entry.bulk_lead"))
        key = f"entry.bulk.{st.session_state.get(BULK_ROUND_KEY, 0)}"
        chosen = st.file_uploader(t("entry.bulk_files"), type=UPLOAD_TYPES, key=key, accept_multiple_files=True,
                                  max_upload_size=max(1, math.ceil(_limit_mb())))
        if not chosen:
            return
        editable = {code.lower(): code for code in sheet.rows.loc[sheet.rows["editable"], "question_code"]}
        known = {code.lower() for code in sheet.rows["question_code"]}
        plan, lines = [], []
        for uploaded in chosen:
            code = fmt.leading_code(uploaded.name)
            if code in editable:
                plan.append((editable[code], uploaded.name))
                lines.append(t("entry.bulk_to", name=plain(uploaded.name), code=editable[code]))
            elif code in known:
                lines.append(t("entry.bulk_locked", name=plain(uploaded.name), code=code))
            else:
                lines.append(t("entry.bulk_unmatched", name=plain(uploaded.name)))
        st.markdown(markdown("\n".join(f"- {line}" for line in lines)))
        st.button(t("entry.bulk_send", count=len(plan)), type="primary", icon=":material/upload:",
                  key="entry.bulk_send", disabled=not plan, on_click=_bulk_upload, args=(user, year, key, plan))


def _bulk_upload(user: SignedInUser, year: int | None, key: str, plan: list[tuple[str, str]]) -> None:
    files = {uploaded.name: uploaded for uploaded in st.session_state.get(key) or []}
    stored, refused = 0, []
    for code, name in plan:
        try:
            evidence.upload_evidence(loaders.engine(), user, code, name, files[name].getvalue(), year)
            stored += 1
        except DomainError as error:
            refused.append(f"{code}: {message(error)}")
    st.session_state[BULK_ROUND_KEY] = st.session_state.get(BULK_ROUND_KEY, 0) + 1
    if stored:
        flash.show_later("success", t("entry.bulk_stored", count=stored), place=FLASH)
    if refused:
        flash.show_later("error", "\n".join(f"- {line}" for line in refused), place=FLASH)
