"""The blocks of the Rencana Aksi page: the cycle's actions (overdue first), a new action for the
chair or secretariat, a progress report by the lead or supporting OPD, and an action's history;
also the one-click proposal from a gap of "what lifts the score" (data.services.actions checks
every right and every value)."""
from __future__ import annotations

import math
from datetime import date
from functools import partial

import pandas as pd
import streamlit as st

from data.access import ACTION_MANAGERS
from data.actor import SignedInUser
from data.errors import DomainError
from data.files.evidence_check import max_bytes
from data.services.actions import plans
from indicators import actions as rules
from indicators import text as fmt
from ui import flash, loaders
from ui.components import problems
from ui.i18n import reader_zone, t
from ui.markup import markdown, plain, plain_frame
from ui.views.entry_evidence import UPLOAD_TYPES

FLASH = "actions"
ACTIONS_PAGE = "app_pages/actions.py"


@st.cache_data(show_spinner=False, max_entries=32)
def cycle_actions(actor: SignedInUser, region_code: str, year: int, version: int) -> pd.DataFrame:
    return plans.list_actions(loaders.engine(), actor, region_code, year)


@st.cache_data(show_spinner=False, max_entries=32)
def history(actor: SignedInUser, action_id: int, version: int) -> pd.DataFrame:
    return plans.action_history(loaders.engine(), actor, action_id)


@st.cache_data(show_spinner=False, max_entries=32)
def cycle_years(actor: SignedInUser, region_code: str, version: int) -> tuple[list[int], int | None]:
    return plans.action_years(loaders.engine(), actor, region_code)


@st.cache_data(show_spinner=False, max_entries=32)
def region_opds(actor: SignedInUser, region_code: str, version: int) -> dict[str, str]:
    return plans.region_opds(loaders.engine(), actor, region_code)


def _done(message: str) -> None:
    flash.show_later("success", message, place=FLASH)
    st.rerun()


def headline(actions: pd.DataFrame, lang: str) -> None:
    with st.container(horizontal=True, gap="small"):
        st.metric(t("actions.count", lang), fmt.whole(len(actions), lang), border=True)
        st.metric(t("actions.running", lang), fmt.whole(int((actions["status"] == rules.IN_PROGRESS).sum()), lang),
                  border=True)
        st.metric(t("actions.done", lang), fmt.whole(int((actions["status"] == rules.DONE).sum()), lang), border=True)
        st.metric(t("actions.overdue", lang), fmt.whole(int(actions["overdue"].sum()), lang), border=True)


def action_table(actions: pd.DataFrame, lang: str) -> None:
    st.dataframe(pd.DataFrame({
        "indicator": actions["indicator_code"],
        "title": actions["title"],
        "lead": [lead + (f" (+ {', '.join(more)})" if more else "")
                 for lead, more in zip(actions["lead_unit"], actions["supporting_units"], strict=True)],
        "due": [("⚠ " if late else "") + fmt.long_date(d, lang)
                for d, late in zip(actions["due_date"], actions["overdue"], strict=True)],
        "status": [rules.status_name(s, lang) for s in actions["status"]],
        "progress": actions["progress"],
        "points": [fmt.points(p, lang) if pd.notna(p) else "" for p in actions["points"]],
        "budget": [f"Rp {fmt.whole(b, lang)}" + (f" ({s})" if isinstance(s, str) and s else "") if pd.notna(b) else ""
                   for b, s in zip(actions["budget_amount"], actions["budget_source"], strict=True)],
        "note": actions["last_note"].fillna(""),
    }), hide_index=True, width="stretch", column_config={
        "indicator": st.column_config.TextColumn(t("actions.col_indicator", lang), width="small"),
        "title": st.column_config.TextColumn(t("actions.col_title", lang), width="large"),
        "lead": st.column_config.TextColumn(t("actions.col_lead", lang), width="medium"),
        "due": st.column_config.TextColumn(t("actions.col_due", lang), width="medium",
                                           help=t("actions.due_help", lang)),
        "status": st.column_config.TextColumn(t("actions.col_status", lang), width="small"),
        "progress": st.column_config.ProgressColumn(t("actions.col_progress", lang), min_value=0, max_value=100,
                                                    format="%.0f%%"),
        "points": st.column_config.TextColumn(t("actions.col_points", lang), width="small"),
        "budget": st.column_config.TextColumn(t("actions.col_budget", lang), width="medium"),
        "note": st.column_config.TextColumn(t("actions.col_note", lang), width="large"),
    })


def new_action_form(user: SignedInUser, region_code: str, year: int, catalog, opds: dict[str, str],
                    lang: str, meeting_id: int | None = None, key: str = "actions", label_key: str = "actions.new",
                    created_key: str = "actions.created") -> None:
    """The form of a new action; with meeting_id, a decision of that Rakor (its widgets keyed by `key`)."""
    name = "en" if lang == "en" else "id"
    indicators = {i.code: f"{i.code}. {i.name.get(name) or i.name.id}" for i in catalog.indicators}
    with st.expander(t(label_key, lang), icon=":material/add_task:", key=f"{key}_new"):
        indicator = st.selectbox(t("actions.col_indicator", lang), list(indicators), format_func=indicators.get,
                                 key=f"{key}_indicator")
        questions = [q.code for q in next(i for i in catalog.indicators if i.code == indicator).questions]
        with st.form(f"{key}_form"):
            chosen = st.multiselect(t("actions.questions", lang), questions, key=f"{key}_questions")
            title = st.text_input(t("actions.col_title", lang), max_chars=rules.MAX_TITLE, key=f"{key}_title")
            output = st.text_area(t("actions.output", lang), max_chars=rules.MAX_OUTPUT, height=80,
                                  key=f"{key}_output")
            left, right = st.columns(2)
            lead = left.selectbox(t("actions.col_lead", lang), list(opds), index=None, format_func=opds.get,
                                  key=f"{key}_lead", placeholder=t("actions.pick_lead", lang))
            support = right.multiselect(t("actions.supporting", lang), list(opds), format_func=opds.get,
                                        key=f"{key}_supporting")
            due = left.date_input(t("actions.col_due", lang), value=None, min_value=date(year, 1, 1),
                                  format="DD/MM/YYYY", key=f"{key}_due")
            budget = right.text_input(t("actions.budget", lang), key=f"{key}_budget", placeholder="15000000")
            source = right.selectbox(t("actions.budget_source", lang), rules.BUDGET_SOURCES, index=None,
                                     key=f"{key}_source")
            submitted = st.form_submit_button(t("actions.create", lang), type="primary")
        if submitted:
            try:
                plans.create_action(loaders.engine(), user, region_code, year, indicator_code=indicator,
                                    question_codes=chosen, title=title, output=output, lead_unit=lead,
                                    supporting_units=support, due_date=due, budget_amount=budget,
                                    budget_source=source, meeting_id=meeting_id)
            except DomainError as error:
                problems.show(error)
                return
            _done(t(created_key, lang, title=title.strip()[:80]))


def progress_form(user: SignedInUser, actions: pd.DataFrame, lang: str, version: int) -> None:
    open_actions = actions[actions["status"].isin(rules.OPEN_STATUSES)]
    st.subheader(t("actions.progress_title", lang))
    if open_actions.empty:
        st.caption(t("actions.nothing_open", lang))
        return
    labels = {int(r.id): f"{r.indicator_code} · {r.title[:80]} ({r.lead_unit})" for r in open_actions.itertuples()}
    chosen = st.selectbox(t("actions.which", lang), list(labels), format_func=labels.get, key="actions_which")
    row = open_actions[open_actions["id"] == chosen].iloc[0]
    statuses = [s for s in rules.ACTION_STATUSES if (s != rules.PROPOSED or row["status"] == rules.PROPOSED)
                and (s != rules.CANCELLED or user.role in ACTION_MANAGERS)]
    names = {s: rules.status_name(s, lang) for s in statuses}
    with st.form(f"actions_progress_{chosen}"):
        status = st.segmented_control(t("actions.col_status", lang), statuses, format_func=names.get,
                                      default=row["status"], required=True, key=f"actions_status_{chosen}")
        progress = st.slider(t("actions.col_progress", lang), 0, 100, int(row["progress"]), step=5,
                             key=f"actions_percent_{chosen}")
        note = st.text_area(t("actions.progress_note", lang), max_chars=rules.MAX_NOTE, height=80,
                            key=f"actions_note_{chosen}")
        upload = st.file_uploader(t("actions.evidence", lang), key=f"actions_file_{chosen}", type=UPLOAD_TYPES,
                                  max_upload_size=max(1, math.ceil(max_bytes() / 1024 / 1024)))
        submitted = st.form_submit_button(t("actions.report", lang), type="primary")
    if submitted:
        evidence = (upload.name, upload.getvalue()) if upload is not None else None
        try:
            plans.report_progress(loaders.engine(), user, chosen, status=status, progress=progress, note=note,
                                  evidence=evidence, expected_version=int(row["version"]))
        except DomainError as error:
            problems.show(error)
            return
        _done(t("actions.reported", lang, title=row["title"][:80]))
    reports = history(user, chosen, version)
    if not reports.empty:
        st.caption(t("actions.history", lang))
        for report in reports.itertuples():
            when = fmt.date_time(report.created_at, lang, reader_zone())
            line = markdown(f"{when} · {plain(report.author or '')} · "
                            f"{rules.status_name(report.status, lang)} {report.progress:g}%")
            st.markdown(f":small[{line}]" + (f"  \n{plain(report.note)}" if report.note else ""))
            if report.filename:
                st.download_button(t("actions.file", lang, name=report.filename),
                                   data=partial(_evidence_bytes, user, int(report.id)), file_name=report.filename,
                                   on_click="ignore", icon=":material/download:", key=f"actions_evidence_{report.id}")


def _evidence_bytes(user: SignedInUser, update_id: int) -> bytes:
    """Read only when the button is clicked."""
    return plans.action_evidence(loaders.engine(), user, update_id)[2]


@st.cache_data(show_spinner=False, max_entries=64)
def effect(actor: SignedInUser, action_id: int, version: int) -> pd.DataFrame:
    return plans.action_effect(loaders.engine(), actor, action_id)


def done_actions(user: SignedInUser, actions: pd.DataFrame, lang: str, version: int) -> None:
    """Each completed action with the answers it changed: points before and in its cycle."""
    done = actions[actions["status"] == rules.DONE]
    if done.empty:
        return
    st.subheader(t("actions.done_title", lang))
    for row in done.itertuples():
        changed = effect(user, int(row.id), version)
        with st.expander(plain(f"{row.indicator_code} · {row.title}"), key=f"actions_effect_{row.id}"):
            before = changed["before_year"].dropna()
            st.table(plain_frame(pd.DataFrame({
                t("actions.col_question", lang): changed["question_code"],
                (t("actions.before", lang, year=int(before.iloc[0])) if len(before)
                 else t("actions.before_none", lang)):
                    [fmt.points(v, lang) if pd.notna(v) else "—" for v in changed["before"]],
                t("actions.now", lang, year=int(changed["year"].iloc[0])):
                    [fmt.points(v, lang) if pd.notna(v) else "—" for v in changed["now"]],
                t("col.max_points", lang): [fmt.number(m, lang) for m in changed["max_points"]],
            })), hide_index=True)


def propose_from_gaps(user: SignedInUser, region_code: str, year: int, questions: pd.DataFrame, lang: str) -> None:
    """Turn one of the largest gaps into a proposed action, worth its missing points."""
    if questions.empty:
        return
    top = questions.head(20)
    labels = {r.question_code: f"{r.question_code} · {fmt.points(r.missing_points, lang)} {t('actions.points', lang)}"
              f" · {r.owner_name or ''}" for r in top.itertuples()}
    with st.container(horizontal=True, vertical_alignment="bottom"):
        code = st.selectbox(t("actions.gap_pick", lang), list(labels), format_func=labels.get, key="actions_gap")
        clicked = st.button(t("actions.gap_propose", lang), icon=":material/add_task:", key="actions_gap_propose")
    if clicked:
        points = float(top.loc[top["question_code"] == code, "missing_points"].iloc[0])
        try:
            plans.propose_from_gap(loaders.engine(), user, region_code, year, code, points)
        except DomainError as error:
            problems.show(error)
            return
        flash.show_later("success", t("actions.proposed", lang, code=code), place=FLASH)
        st.switch_page(ACTIONS_PAGE)


def my_actions_note(user: SignedInUser, year: int, version: int) -> None:
    """On an OPD's work page: how many actions it leads or supports this cycle, how many are late,
    and the way to report on them."""
    if user.role != "opd" or year is None:
        return
    try:
        mine = cycle_actions(user, user.region_code, year, version)
    except DomainError:
        return
    open_ones = mine[mine["status"].isin(rules.OPEN_STATUSES)]
    if open_ones.empty:
        return
    late = int(open_ones["overdue"].sum())
    text = t("actions.mine", count=fmt.whole(len(open_ones)), late=fmt.whole(late))
    (st.warning if late else st.info)(text, icon=":material/task_alt:")
    st.page_link(ACTIONS_PAGE, label=t("actions.mine_link"), icon=":material/arrow_forward:")
