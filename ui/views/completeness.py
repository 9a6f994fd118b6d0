"""The blocks of the Kelengkapan page: region and cycle pickers, the headline figures, the chart and
tables per group and per unit, the chase list and the chair's cycle controls."""
from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from data.actor import SignedInUser
from data.errors import DomainError
from data.files.csv_text import csv_of
from data.files.report_charts import short_group_name
from data.services.review import completeness, cycle_admin, publication, risk
from indicators import text as fmt
from indicators.publication import coverage_sentence
from indicators.workflow import CYCLE_CLOSED, DRAFT, NOT_STARTED, RETURNED, SUBMITTED, VERIFIED
from ui import flash, loaders
from ui.components import region_cycle, region_picker
from ui.i18n import answer_status_name as status_name
from ui.i18n import cycle_status_name, t, t_text
from ui.markup import markdown, plain
from ui.views.summary import lead_sentence

STATUS_COLORS = {VERIFIED: "#2E8540", SUBMITTED: "#1F5F99", RETURNED: "#C2373D", DRAFT: "#E08A1E",
                 NOT_STARTED: "#C9D3DE"}
FLASH = "completeness"
"""The flash place of this page's cycle actions."""


@st.cache_data(show_spinner=False, max_entries=32)
def regions(actor: SignedInUser, version: int) -> list[dict]:
    return completeness.regions_for(loaders.engine(), actor)


@st.cache_data(show_spinner=False, max_entries=64)
def cycle_years(actor: SignedInUser, region_code: str, version: int) -> tuple[list[int], int]:
    return completeness.cycle_years(loaders.engine(), actor, region_code)


@st.cache_data(show_spinner=False, max_entries=64)
def report(actor: SignedInUser, region_code: str, year: int, version: int) -> completeness.CompletenessReport:
    return completeness.completeness_report(loaders.engine(), actor, year, region_code)


def page_context(user: SignedInUser, key: str) -> region_cycle.PageContext:
    """The region (an admin picks; everyone else has one) and the cycle year, open cycle first.
    Used by every page of the task force's review work (completeness, review, Kelana Dekela)."""
    return region_cycle.show(user, key, regions, cycle_years, label_of=region_picker.name, side_by_side=True)


def deadline_line(data: completeness.CompletenessReport, lang: str) -> None:
    if data.deadline is None:
        st.caption(t("completeness.no_deadline", lang))
        return
    when = fmt.long_date(data.deadline, lang)
    if data.past_deadline:
        late = data.totals["units_overdue"]
        (st.warning if late else st.caption)(t("completeness.deadline_passed", lang, date=when,
                                                 count=fmt.number(late, lang)))
    elif data.days_left == 0:
        st.warning(t("completeness.deadline_today", lang, date=when))
    else:
        st.caption(t("completeness.deadline_left", lang, date=when, days=fmt.number(data.days_left, lang)))


def headline(data: completeness.CompletenessReport, lang: str) -> None:
    totals = data.totals
    cols = st.columns(4)
    cols[0].metric(t("completeness.metric_submitted", lang), fmt.percent(totals["percent_submitted"] / 100, lang),
                   help=t("completeness.metric_submitted_help", lang), border=True)
    cols[1].metric(t("completeness.metric_verified", lang), fmt.percent(totals["percent_verified"] / 100, lang),
                   border=True)
    cols[2].metric(t("completeness.metric_units", lang),
                   t("completeness.of", lang, part=fmt.number(totals["units_complete"], lang),
                     whole=fmt.number(totals["units"], lang)), border=True)
    cols[3].metric(t("completeness.metric_overdue", lang), fmt.number(totals["units_overdue"], lang), border=True)


def group_chart(groups: pd.DataFrame, lang: str) -> alt.Chart:
    """One bar per group, split into the shares of each status (always summing to 100%)."""
    name_column = "group_name_en" if lang == "en" else "group_name"
    names = groups[name_column].fillna(groups["group_name"])
    long = groups.assign(label=names.map(short_group_name), name=names).melt(
        id_vars=["label", "name", "assigned"], value_vars=list(completeness.STATUSES),
        var_name="status", value_name="count")
    long["share"] = long["count"] / long["assigned"].where(long["assigned"] > 0)
    long["status_name"] = long["status"].map(lambda s: status_name(s, lang))
    long["order"] = long["status"].map({s: i for i, s in enumerate(reversed(completeness.STATUSES))})
    long["text"] = [f"{fmt.number(c, lang)} ({fmt.percent(s, lang)})" for c, s in zip(long["count"], long["share"])]
    order = list(dict.fromkeys(long["label"]))
    statuses = list(reversed(completeness.STATUSES))
    return alt.Chart(long).mark_bar(size=22).encode(
        y=alt.Y("label:N", sort=order, title=None, axis=alt.Axis(labelLimit=140, labelFontSize=13, ticks=False)),
        x=alt.X("share:Q", stack="zero", title=t("completeness.chart_share", lang),
                axis=alt.Axis(format="%", tickCount=5), scale=alt.Scale(domain=[0, 1])),
        color=alt.Color("status_name:N", title=None,
                        scale=alt.Scale(domain=[status_name(s, lang) for s in statuses],
                                        range=[STATUS_COLORS[s] for s in statuses]),
                        legend=alt.Legend(orient="top", direction="horizontal", columns=3, labelFontSize=12,
                                          symbolType="square")),
        order=alt.Order("order:Q"),
        tooltip=[alt.Tooltip("name:N", title=t("completeness.col_group", lang)),
                 alt.Tooltip("status_name:N", title="Status"), alt.Tooltip("text:N", title="")],
    ).properties(height=alt.Step(30)).configure_view(stroke=None)


def _status_columns(lang: str) -> dict:
    return {status: st.column_config.NumberColumn(status_name(status, lang), format="%d")
            for status in completeness.STATUSES}


def group_table(groups: pd.DataFrame, lang: str) -> None:
    name_column = "group_name_en" if lang == "en" else "group_name"
    shown = groups.assign(name=groups[name_column].fillna(groups["group_name"]))
    st.dataframe(
        shown[["name", "assigned", *completeness.STATUSES, "percent_submitted", "percent_verified"]],
        hide_index=True, width="stretch",
        column_config={"name": st.column_config.TextColumn(t("completeness.col_group", lang), width="medium"),
                       "assigned": st.column_config.NumberColumn(t("completeness.col_assigned", lang), format="%d"),
                       **_status_columns(lang), **_percent_columns(lang)})


def _percent_columns(lang: str) -> dict:
    return {"percent_submitted": st.column_config.ProgressColumn(
                t("completeness.col_submitted_pct", lang), format="%.0f%%", min_value=0, max_value=100),
            "percent_verified": st.column_config.ProgressColumn(
                t("completeness.col_verified_pct", lang), format="%.0f%%", min_value=0, max_value=100)}


def unit_table(units: pd.DataFrame, lang: str) -> None:
    """Every unit, late ones first and marked in the first column (and tinted)."""
    shown = units.sort_values(["overdue", "outstanding"], ascending=[False, False]).assign(
        late=lambda f: f["overdue"].map({True: "⚠ " + t("completeness.overdue_yes", lang), False: ""}))
    columns = ["late"] * bool(units["overdue"].any()) + [
        "unit_short_name", "unit_name", "focal_points", "assigned", *completeness.STATUSES,
        "percent_submitted", "percent_verified"]
    late_rows = set(shown.index[shown["overdue"]])
    styled = shown[columns].style.apply(
        lambda row: ["background-color: #FDECEC" if row.name in late_rows else "" for _ in row], axis=1)
    st.dataframe(styled, hide_index=True, width="stretch", column_config={
        "late": st.column_config.TextColumn(t("completeness.col_overdue", lang), width="small"),
        "unit_short_name": st.column_config.TextColumn(t("completeness.col_unit", lang), width="small"),
        "unit_name": st.column_config.TextColumn(t("completeness.col_unit_name", lang), width="medium"),
        "focal_points": st.column_config.TextColumn(t("completeness.col_contact", lang), width="medium"),
        "assigned": st.column_config.NumberColumn(t("completeness.col_assigned", lang), format="%d"),
        **_status_columns(lang), **_percent_columns(lang)})


def missing_text(row, lang: str, limit: int = 12) -> str:
    parts = []
    for status in (RETURNED, DRAFT, NOT_STARTED):
        codes = list(row[f"{status}_codes"])
        if codes:
            shown = ", ".join(codes[:limit]) + (f", … (+{len(codes) - limit})" if len(codes) > limit else "")
            parts.append(t_text(f"completeness.missing_{status}", lang, codes=shown))
    return "; ".join(parts)


def chase_frame(chase: pd.DataFrame, lang: str, limit: int = 12, full_names: bool = False) -> pd.DataFrame:
    frame = pd.DataFrame({
        t("completeness.col_overdue", lang): chase["overdue"].map({True: "⚠ " + t("completeness.overdue_yes", lang),
                                                                   False: ""}),
        t("completeness.col_unit", lang): chase["unit_name" if full_names else "unit_short_name"],
        t("completeness.col_contact", lang): chase["focal_points"].replace("", t("completeness.no_contact", lang)),
        t("completeness.col_outstanding", lang): [
            t_text("completeness.of", lang, part=fmt.number(o, lang), whole=fmt.number(a, lang))
            for o, a in zip(chase["outstanding"], chase["assigned"])],
        t("completeness.col_missing", lang): [missing_text(row, lang, limit) for _, row in chase.iterrows()],
    })
    if not full_names and not chase["overdue"].any():
        frame = frame.drop(columns=t("completeness.col_overdue", lang))
    return frame


def chase_list(data: completeness.CompletenessReport, lang: str) -> None:
    st.subheader(t("completeness.chase", lang))
    if data.chase.empty:
        st.success(t("completeness.chase_none", lang))
        return
    st.caption(t("completeness.chase_caption", lang))
    st.dataframe(chase_frame(data.chase, lang), hide_index=True, width="stretch", column_config={
        t("completeness.col_unit", lang): st.column_config.TextColumn(width="small"),
        t("completeness.col_contact", lang): st.column_config.TextColumn(width="medium"),
        t("completeness.col_outstanding", lang): st.column_config.TextColumn(width="small"),
        t("completeness.col_missing", lang): st.column_config.TextColumn(width="large")})
    full = chase_frame(data.chase, lang, limit=10_000, full_names=True)
    st.download_button(t("completeness.download_chase", lang), csv_of(full).encode("utf-8-sig"),
                       file_name=f"kelengkapan_{data.region_code}_{data.cycle_year}.csv", mime="text/csv",
                       icon=":material/download:", key="completeness_chase_csv")


# --- the chair's cycle controls -------------------------------------------------------------------

def _run_cycle_action(user: SignedInUser, action: str, region_code: str, year: int, form_key: str) -> None:
    """Button callback: runs before the page reruns, with the state the chair saw on screen."""
    reason = st.session_state.get(f"{form_key}_reason", "")
    confirmed = st.session_state.get(f"{form_key}_confirm", True)
    engine = loaders.engine()
    try:
        if not confirmed:
            raise DomainError(t("cycle.confirm_missing"))
        if action == "close":
            cycle_admin.close_cycle(engine, user, year, region_code)
        elif action == "reopen":
            cycle_admin.reopen_cycle(engine, user, year, reason, region_code)
        elif action == "publish":
            cycle_admin.publish_cycle(engine, user, year, region_code, reason)
        else:
            cycle_admin.unpublish_cycle(engine, user, year, reason, region_code)
    except DomainError as error:
        flash.show_later("error", error.message, place=FLASH)
        return
    done = {"close": "cycle.closed_done", "reopen": "cycle.reopened_done", "publish": "cycle.published_done",
            "unpublish": "cycle.unpublished_done"}[action]
    flash.show_later("success", t(done, year=year), place=FLASH)


@st.cache_data(show_spinner=False, max_entries=32)
def at_risk(actor: SignedInUser, region_code: str, year: int, version: int) -> pd.DataFrame:
    return risk.answers_at_risk(loaders.engine(), actor, year, region_code)


def risk_list(user: SignedInUser, data: completeness.CompletenessReport, lang: str, version: int) -> None:
    """The verified answers the province is likely to lower, and the points at stake."""
    risky = at_risk(user, data.region_code, data.cycle_year, version)
    if risky.empty:
        st.caption(t("risk.none", lang))
        return
    with st.expander(t("risk.title", lang, count=fmt.whole(len(risky), lang),
                       points=fmt.points(risky["points_at_risk"].sum(), lang)), icon=":material/warning:"):
        st.caption(t("risk.caption", lang))
        st.dataframe(pd.DataFrame({
            t("pub.col_code", lang): risky["question_code"],
            t("risk.col_unit", lang): risky["unit_name"],
            t("risk.col_points", lang): [fmt.points(p, lang) for p in risky["points_at_risk"]],
            t("risk.col_risks", lang): risky["risks"],
            t("risk.col_reason", lang): risky["reason"],
        }), hide_index=True, width="stretch")


@st.cache_data(show_spinner=False, max_entries=32)
def publication_preview(actor: SignedInUser, region_code: str, year: int,
                        version: int) -> publication.PublicationPreview:
    return publication.publication_preview(loaders.engine(), actor, year, region_code)


def province_preview(preview: publication.PublicationPreview, lang: str) -> None:
    """The province's reading beside the city's own, once the province has read the cycle."""
    if preview.province_total is None:
        return
    own = markdown(f"**{plain(fmt.points(preview.total, lang))}** "
                   f"({plain(preview.predikat_name or t('prov.no_predikat', lang))})")
    province = markdown(f"**{plain(fmt.points(preview.province_total, lang))}** "
                        f"({plain(preview.province_predikat_name or t('prov.no_predikat', lang))})")
    text = t("cycle.province_reading", lang, own=own, province=province)
    if preview.province_done:
        st.info(text + " " + t("cycle.province_done", lang))
    else:
        st.warning(text + " " + t("cycle.province_under_way", lang))


def publication_readiness(user: SignedInUser, data: completeness.CompletenessReport, lang: str, version: int) -> bool:
    """Before closing or publishing: how much is verified, what is still open, and how the public
    headline would read. Returns whether publishing needs a reason."""
    preview = publication_preview(user, data.region_code, data.cycle_year, version)
    coverage = preview.coverage
    st.markdown(f"**{t('cycle.readiness', lang)}**")
    with st.container(horizontal=True, gap="small"):
        st.metric(t("pub.coverage", lang), fmt.percent(coverage.share, lang), border=True,
                  help=plain(coverage_sentence(coverage, lang)))
        for label, count in (("cycle.awaiting", coverage.awaiting), ("cycle.drafted", coverage.drafted),
                             ("cycle.returned", coverage.returned), ("cycle.unanswered", coverage.unanswered),
                             ("cycle.without_evidence", coverage.verified_without_evidence)):
            st.metric(t(label, lang), fmt.whole(count, lang), border=True)
    st.caption(t("cycle.headline_preview", lang))
    st.markdown("> " + plain(lead_sentence(preview.region_name, preview.year, preview.total, preview.max_points,
                                     preview.predikat_name, preview.first_predikat_name,
                                     preview.first_predikat_above, lang))
                + "  \n> " + t("pub.coverage_value", lang, verified=fmt.whole(coverage.verified, lang),
                                count=fmt.whole(coverage.question_count, lang)) + " " + t("cycle.verified_word", lang))
    province_preview(preview, lang)
    if coverage.verified == 0:
        st.error(t("cycle.nothing_verified", lang, year=preview.year))
    elif preview.needs_reason:
        st.warning(t("cycle.below_minimum", lang, coverage=coverage_sentence(coverage, lang),
                     minimum=fmt.percent(preview.min_share, lang)))
    if not preview.open_questions.empty:
        prompt = "prompt_en" if lang == "en" else "prompt_id"
        with st.expander(t("cycle.open_questions", lang, count=fmt.whole(
                coverage.unverified + coverage.verified_without_evidence, lang))):
            st.dataframe(pd.DataFrame({
                t("pub.col_code", lang): preview.open_questions["question_code"],
                t("cycle.col_question", lang): preview.open_questions[prompt].fillna(
                    preview.open_questions["prompt_id"]),
                t("cycle.col_state", lang): [
                    t("cycle.no_evidence_state", lang) if missing else status_name(status, lang)
                    for status, missing in zip(preview.open_questions["status"],
                                               preview.open_questions["without_evidence"], strict=True)],
            }), hide_index=True, width="stretch")
            if len(preview.open_questions) >= publication.LISTED:
                st.caption(t("cycle.open_questions_more", lang, count=publication.LISTED))
    risk_list(user, data, lang, version)
    return preview.needs_reason


def cycle_controls(user: SignedInUser, data: completeness.CompletenessReport, lang: str, version: int) -> None:
    """Close, reopen, publish, unpublish: only the actions that fit the cycle's state."""
    st.subheader(t("cycle.title", lang))
    st.caption(t("cycle.state", lang, year=data.cycle_year, status=cycle_status_name(data.cycle_status, lang),
                 published=t("cycle.published_yes" if data.published else "cycle.published_no", lang)))
    publish_needs_reason = False if data.published else publication_readiness(user, data, lang, version)
    actions = []
    if data.cycle_status != CYCLE_CLOSED:
        actions.append(("close", "cycle.close", "cycle.close_help", "cycle.close_confirm", False))
    elif not data.published:
        actions += [("publish", "cycle.publish", "cycle.publish_help", "cycle.publish_confirm", False),
                    ("reopen", "cycle.reopen", None, None, True)]
    if data.published:
        actions.append(("unpublish", "cycle.unpublish", None, None, True))
    for column, (action, label, help_key, confirm_key, needs_reason) in zip(st.columns(len(actions)), actions):
        form_key = f"cycle_{action}_{data.region_code}_{data.cycle_year}"
        with column.form(form_key, border=True):
            if help_key:
                st.caption(t(help_key, lang))
            if confirm_key:
                st.checkbox(t(confirm_key, lang, year=data.cycle_year), key=f"{form_key}_confirm")
            if needs_reason:
                st.text_area(t("cycle.reason", lang), key=f"{form_key}_reason", height=80, max_chars=2000)
            elif action == "publish" and publish_needs_reason:
                st.text_area(t("cycle.publish_reason", lang), key=f"{form_key}_reason", height=80, max_chars=2000)
            st.form_submit_button(t(label, lang), on_click=_run_cycle_action,
                                  args=(user, action, data.region_code, data.cycle_year, form_key),
                                  type="primary" if action in ("close", "publish") else "secondary")
