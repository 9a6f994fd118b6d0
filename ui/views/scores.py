"""The blocks of the scores page and the indicator drill-down: cached reads of the score views,
the pickers, the headline, the tables, the what-if panel and the report downloads. Everything
shown comes from data.services.scoring (overview, gaps, drilldown, reports); here it is only
worded and formatted."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from data.actor import SignedInUser
from data.errors import DomainError
from data.files.report_charts import short_group_name
from data.services.entry.evidence import download_evidence
from data.services.scoring import reports
from data.services.scoring.drilldown import IndicatorDrilldown, indicator_drilldown
from data.services.scoring.gaps import ScoreGaps, WhatIf, score_gaps, what_if, whatif_catalog
from data.services.scoring.overview import ScoresOverview, readable_regions, scores_overview
from indicators import text as fmt
from indicators.catalog import Catalog
from indicators.gaps import best_answer
from indicators.whatif import Hypothesis
from ui import loaders
from ui.components import region_cycle
from ui.i18n import answer_status_name, reader_zone, t
from ui.markup import markdown, plain, plain_frame

BASES = ("verified", "self")
DIFFERENCE_ROWS = 15
GAP_ROWS = 30
WHATIF_KEY = "scores_whatif_questions"


# ---------------------------------------------------------------------------------------------
# Cached reads: keyed by the actor (permissions), everything that scopes them and the data version


@st.cache_data(show_spinner=False, max_entries=16)
def regions(actor: SignedInUser, version: int) -> list[dict]:
    return readable_regions(loaders.engine(), actor)


@st.cache_data(show_spinner=False, max_entries=32)
def overview(actor: SignedInUser, region_code: str, year: int, version: int) -> ScoresOverview:
    return scores_overview(loaders.engine(), actor, region_code, year)


@st.cache_data(show_spinner=False, max_entries=64)
def gaps(actor: SignedInUser, region_code: str, year: int, basis: str, target: str | None,
         version: int) -> ScoreGaps:
    return score_gaps(loaders.engine(), actor, region_code, year, basis, target)


@st.cache_data(show_spinner=False, max_entries=16)
def cycle_catalog(actor: SignedInUser, region_code: str, year: int, version: int) -> Catalog:
    return whatif_catalog(loaders.engine(), actor, region_code, year)


@st.cache_data(show_spinner=False, max_entries=128)
def projected(actor: SignedInUser, region_code: str, year: int, hypotheses: tuple[Hypothesis, ...], basis: str,
              version: int) -> WhatIf:
    return what_if(loaders.engine(), actor, region_code, year, list(hypotheses), basis)


@st.cache_data(show_spinner=False, max_entries=64)
def drilldown(actor: SignedInUser, region_code: str, indicator_code: str,
              version: int) -> IndicatorDrilldown:
    return indicator_drilldown(loaders.engine(), actor, region_code, indicator_code)


# ---------------------------------------------------------------------------------------------
# Pickers and headline


def page_context(user: SignedInUser, key: str, with_year: bool = True) -> region_cycle.PageContext:
    """The region (an admin picks; everyone else has one) and the cycle year (newest first)."""
    return region_cycle.show(user, key, regions, preferred=user.region_code, with_year=with_year)


def basis_choice(lang: str) -> str:
    return st.segmented_control(t("scores.basis"), BASES, default="verified", required=True, key="scores_basis",
                                format_func={b: t(f"scores.basis.{b}", lang) for b in BASES}.get)


def basis_name(basis: str, lang: str) -> str:
    return t(f"scores.basis.{basis}", lang).lower()


def status_name(status: str | None, lang: str) -> str:
    return answer_status_name(status, lang) if isinstance(status, str) else ""


def headline(data: ScoresOverview, basis: str, lang: str) -> None:
    status = t(f"scores.cycle.{data.cycle_status}", lang) + ", " + t(
        "scores.published" if data.published else "scores.unpublished", lang)
    st.caption(t("scores.cycle_line", lang, region=data.region_name, year=data.year, status=status,
                 catalog=data.catalog_version))
    reading = data.readings[basis]
    other = "self" if basis == "verified" else "verified"
    other_reading = data.readings[other]
    maximum = fmt.number(data.max_points, lang)
    with st.container(horizontal=True, gap="small"):
        st.metric(t("scores.total", lang, basis=basis_name(basis, lang)),
                  t("scores.total_value", lang, total=fmt.points(reading["total"], lang), max=maximum), border=True)
        st.metric(t("scores.predikat", lang), reading["predikat_name"] or t("scores.no_predikat", lang), border=True)
        if reading["next_predikat_name"]:
            st.metric(t("scores.to_next", lang, name=reading["next_predikat_name"]),
                      t("scores.to_next_value", lang, points=fmt.points(reading["points_to_next_predikat"], lang)),
                      border=True)
        else:
            st.metric(t("scores.top", lang), t("scores.top_value", lang), border=True)
        st.metric(t("scores.other_reading", lang, basis=basis_name(other, lang)),
                  t("scores.other_value", lang, total=fmt.points(other_reading["total"], lang),
                    predikat=other_reading["predikat_name"] or t("scores.no_predikat", lang)), border=True)


# ---------------------------------------------------------------------------------------------
# Tables


def _styled(frame: pd.DataFrame, formats: dict):
    return frame.style.format(formats, na_rep="—").hide(axis="index")


def _pts(values: pd.Series, lang: str) -> list[str]:
    """Scores as the reader writes them (612,50); '' where there is none."""
    return ["" if pd.isna(v) else fmt.points(v, lang) for v in values]


def _nums(values: pd.Series, lang: str) -> list[str]:
    return ["" if pd.isna(v) else fmt.number(v, lang) for v in values]


def _number_column(label: str):
    return st.column_config.TextColumn(label, alignment="right")


def _points(lang: str):
    return lambda v: fmt.points(v, lang)


def group_table(groups: pd.DataFrame, basis: str, lang: str) -> None:
    name_column = "name_en" if lang == "en" else "name_id"
    columns = {"group": t("col.scores.group", lang), "self": t("col.scores.self", lang),
               "verified": t("col.scores.verified", lang), "max": t("col.scores.max", lang),
               "share": t("col.share", lang)}
    table = pd.DataFrame({
        # short names ("Klaster II"), as in the chart above: the table must fit a phone
        columns["group"]: groups[name_column].fillna(groups["name_id"]).map(short_group_name),
        columns["self"]: groups["self_points"],
        columns["verified"]: groups["verified_points"],
        columns["max"]: groups["max_points"],
        columns["share"]: groups[f"{basis}_points"] / groups["max_points"],
    })
    st.table(plain_frame(_styled(table, {columns["self"]: _points(lang), columns["verified"]: _points(lang),
                             columns["max"]: lambda v: fmt.number(v, lang),
                             columns["share"]: lambda v: fmt.percent(v, lang)})))


def differences(data: ScoresOverview, lang: str) -> None:
    frame = data.differences
    if frame.empty:
        st.caption(t("scores.differences_none", lang))
        return
    counts = frame["kind"].value_counts()
    st.caption(t("scores.differences_counts", lang, lowered=int(counts.get("lowered", 0)),
                 raised=int(counts.get("raised", 0)), unverified=int(counts.get("unverified", 0))))
    top = frame.head(DIFFERENCE_ROWS)
    prompt = "prompt_en" if lang == "en" else "prompt_id"
    st.dataframe(
        pd.DataFrame({
            "code": top["question_code"], "question": top[prompt].fillna(top["prompt_id"]),
            "units": top["units"], "self": _pts(top["self_points"], lang),
            "verified": _pts(top["verified_points"], lang),
            "difference": _pts(top["difference"], lang), "kind": [t(f"scores.kind.{k}", lang) for k in top["kind"]],
            "reason": top["verified_reason"],
        }),
        hide_index=True, width="stretch",
        column_config={
            "code": st.column_config.TextColumn(t("col.scores.code", lang), width="small"),
            "question": st.column_config.TextColumn(t("col.scores.question", lang), width="large"),
            "units": st.column_config.TextColumn(t("col.scores.units", lang)),
            "self": _number_column(t("col.scores.self", lang)),
            "verified": _number_column(t("col.scores.verified", lang)),
            "difference": _number_column(t("col.scores.difference", lang)),
            "kind": st.column_config.TextColumn(t("col.scores.kind", lang)),
            "reason": st.column_config.TextColumn(t("col.scores.reason", lang)),
        },
    )


def indicator_chart_frame(data: ScoresOverview, basis: str) -> pd.DataFrame:
    return data.indicators.assign(points=data.indicators[f"{basis}_points"])[
        ["indicator_code", "name_id", "name_en", "points", "max_points"]]


def indicator_table(data: ScoresOverview, lang: str) -> None:
    frame = data.indicators
    name = "name_en" if lang == "en" else "name_id"
    st.dataframe(
        pd.DataFrame({"code": frame["indicator_code"], "indicator": frame[name].fillna(frame["name_id"]),
                      "self": _pts(frame["self_points"], lang), "verified": _pts(frame["verified_points"], lang),
                      "max": _nums(frame["max_points"], lang), "difference": _pts(frame["difference"], lang),
                      "target": [fmt.number(v, lang) if pd.notna(v) else "" for v in frame["target_points"]]}),
        hide_index=True, width="stretch",
        column_config={
            "code": st.column_config.TextColumn(t("col.scores.code", lang), width="small"),
            "indicator": st.column_config.TextColumn(t("col.scores.indicator", lang), width="large"),
            "self": _number_column(t("col.scores.self", lang)),
            "verified": _number_column(t("col.scores.verified", lang)),
            "max": _number_column(t("col.scores.max", lang)),
            "difference": _number_column(t("col.scores.difference", lang)),
            "target": _number_column(t("col.scores.target", lang)),
        },
    )


def trend_table(data: ScoresOverview, lang: str) -> None:
    trend = data.trend
    year, self_, verified = t("col.scores.year", lang), t("col.scores.self", lang), t("col.scores.verified", lang)
    predikat = t("col.scores.predikat", lang)
    table = pd.DataFrame({
        year: trend["year"].astype(str),
        self_: trend["self_total"],
        f"{predikat} ({self_.lower()})": trend["self_predikat_name"].fillna(t("scores.no_predikat", lang)),
        verified: trend["verified_total"],
        f"{predikat} ({verified.lower()})": trend["verified_predikat_name"].fillna(t("scores.no_predikat", lang)),
    })
    st.table(plain_frame(_styled(table, {self_: _points(lang), verified: _points(lang)})))


# ---------------------------------------------------------------------------------------------
# What lifts the score


def lift_headline(found: ScoreGaps, lang: str) -> None:
    if found.target_predikat_name is None:
        st.success(t("scores.lift_reached", lang))
        return
    with st.container(key="kla_lead"):
        st.markdown(t("scores.lift_headline", lang, name=found.target_predikat_name,
                      points=fmt.points(found.points_needed, lang)))
    reaching = int(found.questions["reaches"].sum())
    if reaching:
        st.caption(t("scores.lift_reaching", lang, count=reaching))
    elif found.points_needed:
        st.caption(t("scores.lift_unreachable", lang, name=found.target_predikat_name))
    if found.basis == "verified":
        awaiting = found.questions[(found.questions["status"] == "submitted")
                                   & (found.questions["self_points"] > found.questions["points"])]
        if len(awaiting):
            gain = (awaiting["self_points"] - awaiting["points"]).sum()
            st.info(t("scores.lift_awaiting", lang, count=len(awaiting), points=fmt.points(gain, lang)))


def target_choice(data: ScoresOverview, basis: str, lang: str) -> str | None:
    reading = data.readings[basis]
    above = [row.name for row in data.thresholds.itertuples() if row.name != reading["predikat_name"]
             and (reading["predikat_name"] is None or row.above > _bound(data, reading["predikat_name"]))]
    if not above:
        return None
    return st.selectbox(t("scores.lift_target", lang), above, index=0, key=f"scores_target_{basis}")


def _bound(data: ScoresOverview, name: str) -> float:
    return float(data.thresholds.loc[data.thresholds["name"] == name, "above"].iloc[0])


def gap_questions(found: ScoreGaps, lang: str) -> None:
    frame = found.questions.head(GAP_ROWS)
    prompt = "prompt_en" if lang == "en" else "prompt_id"
    earning = "earning_answer_en" if lang == "en" else "earning_answer_id"
    st.dataframe(
        pd.DataFrame({
            "reaches": frame["reaches"], "code": frame["question_code"], "missing": _pts(frame["missing_points"], lang),
            "earning": frame[earning], "owner": frame["owner_name"],
            "status": [status_name(s, lang) for s in frame["status"]],
            "question": frame[prompt].fillna(frame["prompt_id"]),
        }),
        hide_index=True, width="stretch",
        column_config={
            "reaches": st.column_config.CheckboxColumn(t("col.scores.reaches", lang), width="small"),
            "code": st.column_config.TextColumn(t("col.scores.code", lang), width="small"),
            "missing": _number_column(t("col.scores.missing", lang)),
            "earning": st.column_config.TextColumn(t("col.scores.earning", lang), width="medium"),
            "owner": st.column_config.TextColumn(t("col.scores.owner", lang), width="medium"),
            "status": st.column_config.TextColumn(t("col.scores.status", lang), width="small"),
            "question": st.column_config.TextColumn(t("col.scores.question", lang), width="large"),
        },
    )


def gap_indicators(found: ScoreGaps, lang: str) -> None:
    frame = found.indicators
    name = "name_en" if lang == "en" else "name_id"
    st.dataframe(
        pd.DataFrame({"code": frame["indicator_code"], "indicator": frame[name].fillna(frame["name_id"]),
                      "missing": _pts(frame["missing_points"], lang), "points": _pts(frame["points"], lang),
                      "max": _nums(frame["max_points"], lang), "owners": frame["owners"]}),
        hide_index=True, width="stretch",
        column_config={
            "code": st.column_config.TextColumn(t("col.scores.code", lang), width="small"),
            "indicator": st.column_config.TextColumn(t("col.scores.indicator", lang), width="large"),
            "points": _number_column(t("col.scores.points", lang)),
            "max": _number_column(t("col.scores.max", lang)),
            "missing": _number_column(t("col.scores.missing", lang)),
            "owners": st.column_config.TextColumn(t("col.scores.owners", lang)),
        },
    )


def gap_owners(found: ScoreGaps, lang: str) -> None:
    frame = found.owners
    st.dataframe(
        pd.DataFrame({"owner": frame["owner_name"].fillna(frame["owner"]), "questions": frame["questions_missing"],
                      "missing": _pts(frame["missing_points"], lang)}),
        hide_index=True, width="stretch",
        column_config={
            "owner": st.column_config.TextColumn(t("col.scores.owner", lang), width="large"),
            "questions": st.column_config.NumberColumn(t("col.scores.questions_missing", lang), format="%d"),
            "missing": _number_column(t("col.scores.missing", lang)),
        },
    )


# ---------------------------------------------------------------------------------------------
# What-if


@st.fragment
def whatif_panel(user: SignedInUser, data: ScoresOverview, found: ScoreGaps,
                 catalog: Catalog, basis: str, lang: str) -> None:
    """The questions to imagine answered otherwise and the projection. A fragment: choosing a
    question or an answer reruns this panel only, not the five other tabs."""
    prompt = "prompt_en" if lang == "en" else "prompt_id"
    candidates = found.questions
    labels = {row.question_code: f"{row.question_code} · {getattr(row, prompt) or row.prompt_id} "
                                 f"(−{fmt.points(row.missing_points, lang)})"
              for row in candidates.itertuples()}
    st.session_state.setdefault(WHATIF_KEY, [])
    st.session_state[WHATIF_KEY] = [c for c in st.session_state[WHATIF_KEY] if c in labels]
    reaching = candidates.loc[candidates["reaches"], "question_code"].tolist()
    with st.container(horizontal=True, gap="small"):
        if reaching and found.target_predikat_name:
            st.button(t("scores.whatif_fill", lang, name=found.target_predikat_name), key="scores_whatif_fill",
                      on_click=_set_questions, args=(reaching,), icon=":material/playlist_add_check:")
        st.button(t("scores.whatif_clear", lang), key="scores_whatif_clear", on_click=_set_questions, args=([],))
    chosen = st.multiselect(t("scores.whatif_questions", lang), list(labels), key=WHATIF_KEY,
                            format_func=labels.get, placeholder=t("scores.whatif_placeholder", lang))
    if not chosen:
        st.caption(t("scores.whatif_empty", lang))
        return
    result_box = st.container()  # the projection reads above the answers it comes from
    st.markdown(f"**{t('scores.whatif_answers', lang)}**")
    hypotheses = []
    with st.container(horizontal=True, gap="small"):
        for code in chosen:
            with st.container(width=230):
                hypotheses.append(_answer_widget(catalog.question(code), lang))
    with result_box:
        _projection(user, data, hypotheses, basis, lang)


def _projection(user: SignedInUser, data: ScoresOverview, hypotheses: list[Hypothesis], basis: str,
                lang: str) -> None:
    try:
        result = projected(user, data.region_code, data.year, tuple(hypotheses), basis,
                           loaders.data_version(data.region_code))
    except DomainError as error:
        st.error(plain(error.message))
        return
    projection = result.projection
    with st.container(horizontal=True, gap="small"):
        st.metric(t("scores.whatif_total", lang),
                  t("scores.total_value", lang, total=fmt.points(projection.total_after, lang),
                    max=fmt.number(data.max_points, lang)),
                  delta=fmt.points(projection.gain, lang), border=True)
        st.metric(t("scores.whatif_predikat", lang), projection.predikat_after or t("scores.no_predikat", lang),
                  delta=None if projection.predikat_after == projection.predikat_before
                  else f"{projection.predikat_before or '—'} → {projection.predikat_after or '—'}",
                  delta_color="normal", border=True)
        if projection.next_predikat_after:
            st.metric(t("scores.to_next", lang, name=projection.next_predikat_after),
                      t("scores.to_next_value", lang, points=fmt.points(projection.points_to_next_after, lang)),
                      border=True)
    st.markdown(f"**{t('scores.whatif_groups', lang)}**")
    groups = result.groups
    name = "name_en" if lang == "en" else "name_id"
    before, after, gain = t("col.scores.before", lang), t("col.scores.after", lang), t("col.scores.gain", lang)
    table = pd.DataFrame({t("col.scores.group", lang): groups[name].fillna(groups["name_id"]).map(
                              short_group_name),
                          before: groups["points_before"], after: groups["points_after"], gain: groups["gain"]})
    st.table(plain_frame(_styled(table, {before: _points(lang), after: _points(lang), gain: _points(lang)})))


def _set_questions(codes: list[str]) -> None:
    st.session_state[WHATIF_KEY] = list(codes)


def _answer_widget(question, lang: str) -> Hypothesis:
    """One answer picker per chosen question, starting at the answer that earns full points."""
    best = best_answer(question)
    rule = question.answer
    key = f"scores_whatif_{question.code}"
    label = f"{plain(question.code)} · {t('scores.whatif_answer', lang)}"
    hint = plain(question.prompt.get(lang))
    if rule.type == "yes_no":
        answer = st.segmented_control(label, [True, False], default=True, required=True, key=key, help=hint,
                                      format_func={True: t("scores.whatif_yes", lang),
                                                   False: t("scores.whatif_no", lang)}.get)
        return Hypothesis(question.code, bool_value=bool(answer))
    if rule.has_options:
        codes = [o.code for o in rule.options]
        names = {o.code: o.label.get(lang) for o in rule.options}  # a selectbox shows options as written
        code = st.selectbox(label, codes, index=codes.index(best["choice_code"]), key=key, format_func=names.get,
                            help=hint)
        return Hypothesis(question.code, choice_code=code)
    if rule.type == "count":
        value = st.number_input(f"{plain(question.code)} · {t('scores.whatif_count', lang)}", min_value=0.0,
                                value=float(best["count_value"]), step=1.0, format="%g", key=key, help=hint)
        return Hypothesis(question.code, count_value=value)
    value = st.number_input(f"{plain(question.code)} · {t('scores.whatif_percent', lang)}", min_value=0.0,
                            max_value=100.0, value=float(best["numerator"]), step=1.0, format="%g", key=key, help=hint)
    return Hypothesis(question.code, numerator=value, denominator=100.0)


# ---------------------------------------------------------------------------------------------
# Reports


def downloads(user: SignedInUser, data: ScoresOverview, basis: str, lang: str) -> None:
    st.caption(t("scores.reports_caption", lang, basis=basis_name(basis, lang)))
    stem = f"laporan_kla_{data.region_code}_{data.year}_{basis}"
    pdf = partial(_report, user, data.region_code, data.year, "pdf", basis)
    xlsx = partial(_report, user, data.region_code, data.year, "xlsx", basis)
    with st.container(horizontal=True, gap="small"):
        st.download_button(t("scores.download_pdf", lang), data=pdf, file_name=f"{stem}.pdf",
                           mime=reports.MIME_TYPES["pdf"], on_click="ignore", icon=":material/picture_as_pdf:",
                           key="scores_pdf")
        st.download_button(t("scores.download_xlsx", lang), data=xlsx, file_name=f"{stem}.xlsx",
                           mime=reports.MIME_TYPES["xlsx"], on_click="ignore", icon=":material/table_view:",
                           key="scores_xlsx")


def _report(user: SignedInUser, region_code: str, year: int, kind: str, basis: str) -> bytes:
    """Built only when the button is clicked (on another thread)."""
    return reports.build_report(loaders.engine(), user, region_code, year, kind, basis)


# ---------------------------------------------------------------------------------------------
# Indicator drill-down


def indicator_index(catalog: Catalog) -> pd.DataFrame:
    return pd.DataFrame([{"indicator_code": i.code, "name_id": i.name.id, "name_en": i.name.get("en")}
                         for i in catalog.indicators])


def per_cycle_table(drill: IndicatorDrilldown, lang: str) -> None:
    frame = drill.per_cycle
    year, self_, verified, maximum = (t("col.scores.year", lang), t("col.scores.self", lang),
                                      t("col.scores.verified", lang), t("col.scores.max", lang))
    table = pd.DataFrame({year: frame["year"].astype(str), self_: frame["self_points"],
                          verified: frame["verified_points"], maximum: frame["max_points"]})
    st.table(plain_frame(_styled(table, {self_: _points(lang), verified: _points(lang),
                             maximum: lambda v: fmt.number(v, lang)})))


def indicator_picker(drill_index: pd.DataFrame, lang: str, key: str) -> str:
    name = "name_en" if lang == "en" else "name_id"
    names = dict(zip(drill_index["indicator_code"], drill_index[name].fillna(drill_index["name_id"]), strict=True))
    codes = list(names)
    preset = st.query_params.get("kode")
    index = codes.index(preset) if preset in codes else 0
    return st.selectbox(t("scores.drill.pick", lang), codes, index=index, key=key,
                        format_func={c: f"{c}. {names[c]}" for c in codes}.get)


def drill_answers(drill: IndicatorDrilldown, lang: str) -> None:
    frame = drill.answers
    years = sorted(frame["year"].unique(), reverse=True)
    chosen = st.pills(t("scores.drill.year_filter", lang), years, selection_mode="multi", default=years[:1],
                      key=f"scores_drill_years_{drill.indicator_code}", format_func=str)
    if chosen:
        frame = frame[frame["year"].isin(chosen)]
    prompt = "prompt_en" if lang == "en" else "prompt_id"
    value = "value_en" if lang == "en" else "value_id"
    st.dataframe(
        pd.DataFrame({
            "year": frame["year"].astype(str), "code": frame["question_code"],
            "status": [status_name(s, lang) for s in frame["status"]], "answer": frame[value],
            "self": _pts(frame["self_points"], lang), "verified": _pts(frame["verified_points"], lang),
            "max": _nums(frame["max_points"], lang), "unit": frame["unit_name"].fillna(""),
            "question": frame[prompt].fillna(frame["prompt_id"]),
            "reason": frame["verified_reason"].fillna(frame["return_reason"]).fillna(""),
            "note": frame["note"].fillna(""),
        }),
        hide_index=True, width="stretch",
        column_config={
            "year": st.column_config.TextColumn(t("col.scores.year", lang), width="small"),
            "code": st.column_config.TextColumn(t("col.scores.code", lang), width="small"),
            "question": st.column_config.TextColumn(t("col.scores.question", lang), width="large"),
            "unit": st.column_config.TextColumn(t("col.scores.unit", lang)),
            "status": st.column_config.TextColumn(t("col.scores.status", lang)),
            "answer": st.column_config.TextColumn(t("col.scores.answer", lang)),
            "self": _number_column(t("col.scores.self", lang)),
            "verified": _number_column(t("col.scores.verified", lang)),
            "max": _number_column(t("col.scores.max", lang)),
            "reason": st.column_config.TextColumn(t("col.scores.reason", lang)),
            "note": st.column_config.TextColumn(t("col.scores.note", lang)),
        },
    )


def drill_evidence(user: SignedInUser, drill: IndicatorDrilldown, lang: str) -> None:
    evidence = drill.evidence
    if evidence.empty:
        st.caption(t("scores.drill.evidence_none", lang))
        return
    for row in evidence.itertuples():
        line = markdown(f"{row.year} · {plain(row.question_code)} · {plain(row.unit_name)} · **{plain(row.filename)}** "
                        f"(v{row.file_version}, {fmt.file_size(row.size_bytes, lang)}, "
                        f"{fmt.long_date(row.uploaded_at, lang, reader_zone())}"
                        + (f", {plain(row.uploaded_by)}" if row.uploaded_by else "")
                        + (f", {t('scores.drill.superseded', lang)}" if row.superseded else "") + ")")
        with st.container(horizontal=True, vertical_alignment="center"):
            st.markdown(line)
            st.download_button(
                t("scores.drill.evidence_download", lang, name=row.filename),
                data=partial(_evidence_bytes, user, int(row.evidence_id)), file_name=row.filename,
                mime=row.content_type, on_click="ignore", icon=":material/download:",
                key=f"scores_evidence_{row.evidence_id}")


def _evidence_bytes(user: SignedInUser, evidence_id: int) -> bytes:
    return download_evidence(loaders.engine(), user, evidence_id)[2]


def drill_history(drill: IndicatorDrilldown, lang: str) -> None:
    history = drill.history
    if history.empty:
        st.caption(t("scores.drill.history_none", lang))
        return
    tz = reader_zone()
    st.dataframe(
        pd.DataFrame({
            "when": [fmt.date_time(a, lang, tz) for a in history["at"]], "year": history["year"].astype(str),
            "code": history["question_code"],
            "action": [t(f"scores.action.{a}", lang) if t(f"scores.action.{a}", lang) != f"scores.action.{a}"
                       else a for a in history["action"]],
            "change": [" → ".join(status_name(s, lang) for s in (f, to) if isinstance(s, str))
                       for f, to in zip(history["from_status"], history["to_status"], strict=True)],
            "points": _pts(history["points"], lang), "by": history["actor"].fillna(""),
            "reason": history["reason"].fillna(""), "unit": history["unit_name"],
        }),
        hide_index=True, width="stretch",
        column_config={
            "when": st.column_config.TextColumn(t("col.scores.when", lang)),
            "year": st.column_config.TextColumn(t("col.scores.year", lang), width="small"),
            "code": st.column_config.TextColumn(t("col.scores.code", lang), width="small"),
            "unit": st.column_config.TextColumn(t("col.scores.unit", lang)),
            "by": st.column_config.TextColumn(t("col.scores.by", lang)),
            "action": st.column_config.TextColumn(t("col.scores.action", lang)),
            "change": st.column_config.TextColumn(t("col.scores.change", lang)),
            "points": _number_column(t("col.scores.points", lang)),
            "reason": st.column_config.TextColumn(t("col.scores.reason", lang), width="large"),
        },
    )
