"""The entry page (Isian Saya): the unit's sheet, read through a cache, and the question list with
its filters. Each question is a lazy expander: its widgets are built only while it is open, so a
unit with a hundred questions stays quick.

The page's other parts have modules of their own: entry_header (cycle, progress and deadline,
returned answers, submitting the ready ones), entry_editor (the answer form per answer type, save
and submit), entry_conflicts (a save against a version someone else saved meanwhile),
entry_evidence (evidence files, one question's and many at once), entry_history (co-answers and
the answer's history), entry_state (what they share), entry_table and entry_workbook (the other
two tabs).

Every write goes through data.services.entry (answers, evidence) in a widget callback, which hands
its outcome to ui.flash for the rerun to show. Text typed by people (notes,
return reasons, file names) is shown escaped, never as markdown or HTML.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from data.actor import SignedInUser
from data.services.entry import sheet
from data.services.entry.sheet import EntrySheet
from indicators import text as fmt
from indicators import workflow
from indicators.answers import answer_value, display_value
from indicators.catalog import Question
from indicators.derivation import derivation_text
from ui import flash, loaders
from ui.i18n import answer_status_name, reader_zone, t
from ui.markup import plain
from ui.views import entry_conflicts, entry_editor, entry_evidence, entry_history
from ui.views.entry_state import ALL, LABEL_PROMPT_CHARS, question_place, short_prompt

STATUS_ORDER = ("returned", "draft", "not_started", "submitted", "verified")
STATUS_ICONS = {"not_started": ":material/radio_button_unchecked:", "draft": ":material/edit_note:",
                "submitted": ":material/outgoing_mail:", "returned": ":material/undo:",
                "verified": ":material/verified:"}
STATUS_COLORS = {"not_started": "gray", "draft": "blue", "submitted": "violet", "returned": "red",
                 "verified": "green"}


# ------------------------------------------------------------------------------------- reads

@st.cache_data(show_spinner=False, max_entries=64)
def _cached_sheet(user: SignedInUser, year: int | None, version: int) -> EntrySheet:
    return sheet.entry_sheet(loaders.engine(), user, year)


def load_sheet(user: SignedInUser, year: int | None) -> EntrySheet:
    """The user's sheet, cached per user, year and the data version of the user's region."""
    return _cached_sheet(user, year, loaders.data_version(user.region_code))


@st.cache_data(show_spinner=False, max_entries=64)
def _cached_years(user: SignedInUser, version: int) -> list[tuple[int, str]]:
    return sheet.entry_years(loaders.engine(), user)


def years(user: SignedInUser) -> list[tuple[int, str]]:
    return _cached_years(user, loaders.data_version(user.region_code))


# ----------------------------------------------------------------------------------- filters

def filters(sheet: EntrySheet, lang: str) -> pd.DataFrame:
    """Search, status and group filters; returns the rows that pass."""
    rows = sheet.rows
    counts = sheet.counts()
    left, right = st.columns([3, 2])
    text = left.text_input(t("entry.search"), key="entry.search", type="search",
                           placeholder=t("entry.search_placeholder"))
    groups = {ALL: t("entry.all_groups"),
              **{g.code: g.name.get(lang) for g in sheet.catalog.groups if g.code in set(rows["group_code"])}}
    group = right.selectbox(t("entry.group_filter"), list(groups), format_func=groups.get, key="entry.group")
    labels = {s: f"{answer_status_name(s)} ({fmt.number(counts[s], lang)})" for s in STATUS_ORDER if counts[s]}
    statuses = st.pills(t("entry.status_filter"), list(labels), selection_mode="multi", format_func=labels.get,
                        key="entry.status")
    ready_only = st.toggle(t("entry.ready_only"), key="entry.ready_only") if rows["ready"].any() else False
    shown = rows[rows["ready"]] if ready_only else rows
    if group != ALL:
        shown = shown[shown["group_code"] == group]
    if statuses:
        shown = shown[shown["status"].isin(statuses)]
    needle = (text or "").strip().casefold()
    exact = shown["question_code"].str.casefold() == needle
    if needle and exact.any():
        shown = shown[exact]
    elif needle:
        indicator_names = {i.code: i.name.get(lang) for i in sheet.catalog.indicators}

        def words_of(row) -> tuple[str, ...]:
            question = sheet.catalog.question(row.question_code)
            return (row.question_code, question.prompt.get(lang), question.help.get(lang) if question.help else "",
                    question.evidence.get(lang) if question.evidence else "",
                    indicator_names.get(row.indicator_code, ""))

        shown = shown[[fmt.has_every_word(needle, *words_of(row)) for row in shown.itertuples()]]
    return shown


# ----------------------------------------------------------------------------- question list

def question_list(shown: pd.DataFrame, sheet: EntrySheet, user: SignedInUser, year: int | None, lang: str) -> None:
    st.caption(t("entry.shown", shown=fmt.number(len(shown), lang), total=fmt.number(len(sheet.rows), lang)))
    if shown.empty:
        st.info(t("entry.no_match"))
        return
    groups = {g.code: g for g in sheet.catalog.groups}
    indicators = {i.code: i for i in sheet.catalog.indicators}
    for group_code, in_group in shown.groupby("group_code", sort=False):
        st.subheader(plain(groups[group_code].name.get(lang)), divider="gray")
        for indicator_code, in_indicator in in_group.groupby("indicator_code", sort=False):
            indicator = indicators[indicator_code]
            st.markdown(f"**{t('entry.indicator', code=indicator_code, name=plain(indicator.name.get(lang)))}**")
            for row in in_indicator.itertuples():
                question = sheet.catalog.question(row.question_code)
                _question(row, question, sheet, user, year, lang)


def _label(row, question: Question, lang: str) -> str:
    shown = display_value(question, answer_value(row), lang)
    value = f" — {shown}" if shown else ""
    return (f"**{plain(row.question_code)}** · {plain(short_prompt(question, lang))} · "
            f"*{answer_status_name(row.status)}*{plain(value)}")


def _question(row, question: Question, sheet: EntrySheet, user: SignedInUser, year: int | None, lang: str) -> None:
    expander = st.expander(_label(row, question, lang), icon=STATUS_ICONS[row.status],
                           key=f"entry.open.{row.question_code}", on_change="rerun")
    if not expander.open:
        return
    with expander:
        _question_body(row, question, sheet, user, year, lang)


def _question_body(row, question: Question, sheet: EntrySheet, user: SignedInUser, year: int | None,
                   lang: str) -> None:
    code = row.question_code
    _question_facts(row, question, sheet, lang)
    if row.editable:
        entry_editor.show(row, question, lang, user, year)
        entry_evidence.show(row, sheet, user, year, lang)
        flash.show_pending(question_place(code))
        if entry_conflicts.is_stale(code):
            entry_conflicts.show(row, question, user, year, lang)
        else:
            entry_editor.actions(row, user, year)
    else:
        entry_editor.read_only(row, question, lang)
        flash.show_pending(question_place(code))
        entry_evidence.show(row, sheet, user, year, lang)
    entry_history.co_answers(code, user, year)
    entry_history.answer_history(code, user, year, lang)


def _question_facts(row, question: Question, sheet: EntrySheet, lang: str) -> None:
    """What the question asks and is worth, the evidence it asks for, last cycle's answer, why it
    came back, and who changed it last."""
    code = row.question_code
    if sheet.unit_kind != "opd" and question.unit_prompt:
        st.markdown(plain(question.unit_prompt.get(lang)))
    elif len(question.prompt.get(lang)) > LABEL_PROMPT_CHARS:  # the label shows it cut short
        st.markdown(plain(question.prompt.get(lang)))
    if question.help.get(lang):
        st.caption(plain(question.help.get(lang)))
    badges = st.container(horizontal=True, gap="small")
    badges.badge(answer_status_name(row.status), icon=STATUS_ICONS[row.status], color=STATUS_COLORS[row.status])
    if code in sheet.city_answers:
        badges.badge(t("entry.points_for_city", points=fmt.number(question.max_points, lang)), color="gray")
        st.caption(t("entry.city_answer_now", text=derivation_text(sheet.city_answers[code], sheet.unit_kind, lang)))
    else:
        badges.badge(t("entry.max_points", points=fmt.number(question.max_points, lang)), color="gray")
    if question.evidence:
        key = "entry.evidence_asked" if question.evidence_required else "entry.evidence_optional"
        st.caption(t(key, text=plain(question.evidence.get(lang))))
    else:
        st.caption(t("entry.evidence_none"))
    if sheet.previous_cycle_year:
        previous = entry_editor.previous_value(row)
        st.caption(t("entry.previous", year=sheet.previous_cycle_year,
                     value=plain(display_value(question, previous, lang))) if previous
                   else t("entry.previous_none", year=sheet.previous_cycle_year))
    if row.return_reason and row.status in workflow.EDITABLE:
        st.warning(t("entry.returned_reason", reason=plain(row.return_reason)), icon=":material/undo:")
    if row.updated_by and row.updated_at is not None:
        st.caption(t("entry.last_change", who=plain(row.updated_by),
                     when=fmt.date_time(row.updated_at, lang, reader_zone())))
