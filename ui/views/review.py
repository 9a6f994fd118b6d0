"""The blocks of the Verifikasi page: filters, the overview table with multi-select verify, and one
card per answer with its evidence and the verify / return / reopen forms.

Every action button is a callback bound to the answer's version as it was on screen, so a click
acts on what the reviewer saw: if someone else changed the answer meanwhile, the service refuses
with who and when instead of overwriting."""
from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from data.actor import SignedInUser
from data.errors import DomainError
from data.models import CITY_UNIT_KIND
from data.services.entry import evidence as evidence_service
from data.services.review import review
from indicators import text as fmt
from indicators.workflow import SUBMITTED, VERIFIED
from ui import flash, loaders
from ui.i18n import reader_zone, t, t_text
from ui.markup import plain
from ui.views import entry_history as entry_history_view

FLASH = "review"
"""The flash place of the page; a refusal of one answer goes to that answer's card (answer_place)."""
PAGE_SIZE = 10
SHOW_OPTIONS = {SUBMITTED: "review.show_submitted", VERIFIED: "review.show_verified"}


@st.cache_data(show_spinner=False, max_entries=64)
def queue(actor: SignedInUser, region_code: str, year: int, filters: review.ReviewFilters,
          version: int) -> review.ReviewQueue:
    return review.review_queue(loaders.engine(), actor, year, filters, region_code)


def answer_place(answer_id: int) -> str:
    return f"{FLASH}.answer.{answer_id}"


def show_refusals_elsewhere() -> None:
    """Refusals about answers whose card was not drawn (e.g. someone else returned it meanwhile)."""
    flash.show_pending_under(f"{FLASH}.answer.")


def _done(text: str) -> None:
    """A success: a message on top, and a toast, since the button may be far down the page."""
    flash.show_later("success", text, place=FLASH, icon=":material/check_circle:")
    flash.show_later("toast", text, place=FLASH, icon=":material/check_circle:")


def _refused(text: str, answer_id: int | None = None) -> None:
    flash.show_later("error", text, place=FLASH if answer_id is None else answer_place(answer_id))


def show_choice(lang: str) -> str:
    """Answers waiting for review, or those already verified (where the chair may reopen)."""
    labels = {key: t(label, lang) for key, label in SHOW_OPTIONS.items()}
    return st.segmented_control(t("review.show", lang), list(labels), format_func=labels.get,
                                key="review_show", default=SUBMITTED, required=True)


def filters(options: review.ReviewQueue, show: str, lang: str) -> review.ReviewFilters:
    """Which units and groups, and only the answers flagged as implausible."""
    units = dict(options.unit_options)
    groups = dict(options.group_options)
    left, middle = st.columns(2)
    chosen_units = left.multiselect(t("review.filter_units", lang), list(units), format_func=units.get,
                                    key=f"review_units_{options.cycle_year}_{show}",
                                    placeholder=t("review.all_units", lang))
    chosen_groups = middle.multiselect(t("review.filter_groups", lang), list(groups), format_func=groups.get,
                                       key=f"review_groups_{options.cycle_year}_{show}",
                                       placeholder=t("review.all_groups", lang))
    flagged = st.toggle(t("review.filter_flagged", lang), key="review_flagged")
    return review.ReviewFilters(statuses=(show,), units=tuple(chosen_units), groups=tuple(chosen_groups),
                                flagged_only=flagged)


def _text(value) -> str:
    """A text cell of the queue; pandas turns a missing one into NaN."""
    return value if isinstance(value, str) else ""


def _points(value, lang: str) -> str:
    return fmt.number(value, lang)


def overview(data: review.ReviewQueue, lang: str, version: int, user: SignedInUser, multi_select: bool) -> None:
    """The shown answers as one table; with multi_select, rows can be picked and verified at once."""
    rows = data.rows
    table = pd.DataFrame({
        "code": rows["question_code"], "unit": rows["unit_short_name"], "answer": rows["answer"],
        "previous": rows["previous_answer"], "self": rows["self_points"],
        "verified": rows["verified_points"], "max": rows["max_points"],
        "flag": rows["plausibility"].map(lambda p: "⚠ " + t("review.flag", lang) if p else ""),
        "evidence": rows["evidence_count"]})
    if not rows["status"].eq(VERIFIED).all():
        table = table.drop(columns=["verified"])
    config = {
        "code": st.column_config.TextColumn(t("review.col_code", lang), width="small"),
        "unit": st.column_config.TextColumn(t("review.col_unit", lang), width="small"),
        "answer": st.column_config.TextColumn(t("review.col_answer", lang), width="medium"),
        "previous": st.column_config.TextColumn(t("review.col_previous", lang), width="medium"),
        "self": st.column_config.NumberColumn(t("review.col_self", lang), format="localized"),
        "verified": st.column_config.NumberColumn(t("review.col_verified", lang), format="localized"),
        "max": st.column_config.NumberColumn(t("review.col_max", lang), format="localized"),
        "flag": st.column_config.TextColumn(t("review.col_flag", lang), width="small"),
        "evidence": st.column_config.NumberColumn(t("review.col_evidence", lang), format="%d", width="small"),
    }
    if not multi_select:
        st.dataframe(table, hide_index=True, width="stretch", column_config=config)
        return
    st.caption(t("review.select_caption", lang))
    # The key carries the data version: after any write the selection starts empty, so a selected
    # position can never point at a row that moved.
    event = st.dataframe(table, hide_index=True, width="stretch", column_config=config, on_select="rerun",
                         selection_mode="multi-row", key=f"review_table_{data.cycle_year}_{version}")
    select_all = st.checkbox(t("review.select_all", lang, count=fmt.number(len(rows), lang)),
                             key=f"review_select_all_{data.cycle_year}_{version}",
                             help=t("review.select_all_help", lang))
    picked = rows if select_all else rows.iloc[list(event.selection.rows)]
    items = [[int(a), int(v)] for a, v in zip(picked["answer_id"], picked["version"])]
    st.button(t("review.verify_selected", lang, count=fmt.number(len(items), lang)) if items
              else t("review.verify_selected_none", lang),
              disabled=not items, type="primary", icon=":material/done_all:", key="review_verify_many",
              on_click=_verify_many, args=(user, items))


def _verify_many(user: SignedInUser, items: list[list[int]]) -> None:
    try:
        results = review.verify_many(loaders.engine(), user, [tuple(i) for i in items])
    except DomainError as error:
        _refused(error.message)
        return
    _done(t("review.verified_many", count=fmt.number(len(results))))


def page_of(rows: pd.DataFrame, lang: str, key: str) -> pd.DataFrame:
    pages = max(1, -(-len(rows) // PAGE_SIZE))
    if pages == 1:
        return rows
    page = st.selectbox(t("review.page", lang), list(range(1, pages + 1)), key=key,
                        format_func=partial(_page_label, pages=pages, lang=lang))
    return rows.iloc[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]


def _page_label(page: int, pages: int, lang: str) -> str:
    return t_text("review.page_of", lang, page=page, pages=pages)


def _evidence_bytes(user: SignedInUser, evidence_id: int) -> bytes:
    return evidence_service.download_evidence(loaders.engine(), user, evidence_id)[2]


def answer_card(row, user: SignedInUser, data: review.ReviewQueue, lang: str) -> None:
    """One answer: what was answered and why, the evidence, and the actions the user may take."""
    prompt = row["question_prompt_en"] if lang == "en" and row["question_prompt_en"] else row["question_prompt"]
    with st.container(border=True, key=f"review_card_{row['answer_id']}"):
        st.markdown(f"**{plain(row['question_code'])}** · {plain(row['unit_name'])}  \n{plain(prompt)}")
        flash.show_pending(answer_place(int(row["answer_id"])))
        if row["plausibility"]:
            st.warning(plain(row["plausibility"]), icon=":material/warning:")
        facts = st.columns(4)
        facts[0].markdown(f":small[{t('review.answer', lang)}]  \n**{plain(row['answer']) or '—'}**")
        facts[1].markdown(f":small[{t('review.previous', lang)}]  \n"
                          f"{plain(row['previous_answer']) or t('review.previous_none', lang)}")
        facts[2].markdown(f":small[{t('review.target', lang)}]  \n"
                          f"{plain(_text(row['target'])) or t('review.target_none', lang)}")
        facts[3].markdown(f":small[{t('review.self_points', lang)}]  \n**{_points(row['self_points'], lang)}** "
                          f"({t('review.max_points', lang, max=_points(row['max_points'], lang))})")
        note_label = t("review.note" if row["unit_kind"] == CITY_UNIT_KIND else "review.note_unit", lang)
        st.markdown(f":small[{note_label}]  \n{plain(_text(row['note'])) or t('review.note_none', lang)}")
        _evidence(row, user, lang)
        entry_history_view.answer_history(row["question_code"], user, data.cycle_year, lang, row["unit_short_name"])
        if row["status"] == SUBMITTED and not pd.isna(row["submitted_at"]):
            st.caption(t("review.submitted_by", lang, when=fmt.date_time(row["submitted_at"], lang, reader_zone()),
                         who=_text(row["updated_by"]) or "—"))
        if row["status"] == VERIFIED:
            st.caption(t("review.verified_by", lang, when=fmt.date_time(row["verified_at"], lang, reader_zone()),
                         who=_text(row["verified_by"]) or "—", points=_points(row["verified_points"], lang)))
            if _text(row["verified_reason"]):
                st.caption(t("review.verified_reason", lang, reason=plain(row["verified_reason"])))
            if data.may_reopen:
                _reopen_form(row, user, lang)
        elif data.may_review:
            _review_form(row, user, lang)


def _missing_evidence_key(row) -> str:
    if not row["evidence_required"]:
        return "review.evidence_none"
    earns_points = not pd.isna(row["self_points"]) and float(row["self_points"]) > 0
    return "review.evidence_required" if earns_points else "review.evidence_not_needed"


def _evidence(row, user: SignedInUser, lang: str) -> None:
    files = row["evidence"]
    if not files:
        message = t(_missing_evidence_key(row), lang)
        st.caption(f"{t('review.evidence', lang)}: {message}")
        return
    st.markdown(f":small[{t('review.evidence', lang)}]")
    for file in files:
        st.download_button(f"{plain(file['filename'])} ({fmt.file_size(file['size_bytes'], lang)})",
                           data=partial(_evidence_bytes, user, file["id"]), file_name=file["filename"],
                           mime=file["content_type"], icon=":material/attach_file:", type="tertiary",
                           key=f"review_evidence_{file['id']}")


def _review_form(row, user: SignedInUser, lang: str) -> None:
    form_key = f"review_form_{row['answer_id']}_{row['version']}"
    args = (user, int(row["answer_id"]), int(row["version"]), form_key)
    with st.form(form_key, border=False):
        left, right = st.columns([1, 3])
        left.number_input(t("review.points", lang, max=_points(row["max_points"], lang)), min_value=0.0,
                          max_value=float(row["max_points"]), value=float(row["self_points"]), step=0.25,
                          format="%.2f", key=f"{form_key}_points")
        right.text_area(t("review.reason", lang), key=f"{form_key}_reason", height=68, max_chars=2000)
        verify_col, return_col = st.columns(2)
        verify_col.form_submit_button(t("review.verify", lang), type="primary", icon=":material/check:",
                                      on_click=_verify_one, args=args, width="stretch")
        return_label = t("review.return", lang) if row["unit_kind"] == CITY_UNIT_KIND else t("review.return_unit", lang)
        return_col.form_submit_button(return_label, icon=":material/undo:", on_click=_return_one,
                                      args=args, width="stretch")


def _reopen_form(row, user: SignedInUser, lang: str) -> None:
    form_key = f"review_reopen_{row['answer_id']}_{row['version']}"
    with st.form(form_key, border=False):
        st.text_area(t("review.reopen_reason", lang), key=f"{form_key}_reason", height=68, max_chars=2000,
                     help=t("review.reopen_help", lang))
        st.form_submit_button(t("review.reopen", lang), icon=":material/lock_open:", on_click=_reopen_one,
                              args=(user, int(row["answer_id"]), int(row["version"]), form_key))


def _verify_one(user: SignedInUser, answer_id: int, version: int, form_key: str) -> None:
    points = st.session_state.get(f"{form_key}_points")
    reason = st.session_state.get(f"{form_key}_reason", "")
    try:
        result = review.verify(loaders.engine(), user, answer_id, version, points=points, reason=reason)
    except DomainError as error:
        _refused(error.message, answer_id)
        return
    _done(t("review.verified_one", code=result.question_code, unit=result.unit_short_name,
            points=fmt.number(result.verified_points)))


def _return_one(user: SignedInUser, answer_id: int, version: int, form_key: str) -> None:
    reason = st.session_state.get(f"{form_key}_reason", "")
    try:
        result = review.return_answer(loaders.engine(), user, answer_id, version, reason)
    except DomainError as error:
        _refused(error.message, answer_id)
        return
    _done(t("review.returned_one" if result.unit_kind == CITY_UNIT_KIND else "review.returned_unit",
            code=result.question_code, unit=result.unit_short_name))


def _reopen_one(user: SignedInUser, answer_id: int, version: int, form_key: str) -> None:
    reason = st.session_state.get(f"{form_key}_reason", "")
    try:
        result = review.reopen(loaders.engine(), user, answer_id, version, reason)
    except DomainError as error:
        _refused(error.message, answer_id)
        return
    _done(t("review.reopened_one", code=result.question_code, unit=result.unit_short_name))
