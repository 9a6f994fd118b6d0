"""The blocks of the Kelana Dekela pages: for the task force the headline, the chart per kecamatan
and the tables per kecamatan, kelurahan, question and who has not answered; for the public the
per-kecamatan view of a published cycle. Everything shown comes from data.services.kelana; here
it is only worded and formatted."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from data.actor import SignedInUser
from data.files.csv_text import csv_of
from data.services.kelana import kelana, public_kelana
from data.services.public import files as public_files
from indicators import text as fmt
from ui import charts, loaders
from ui.components import public_download as download
from ui.i18n import reader_zone, t, t_text
from ui.markup import plain_frame


@st.cache_data(show_spinner=False, max_entries=64)
def breakdown(actor: SignedInUser, region_code: str, year: int, version: int) -> kelana.KelanaBreakdown:
    return kelana.kelana_breakdown(loaders.engine(), actor, year, region_code)


@st.cache_data(show_spinner=False, max_entries=128)
def public(region_code: str, year: int | None, version: int) -> public_kelana.PublicKelana:
    return public_kelana.public_kelana(loaders.engine(), region_code, year)


def _name(frame: pd.DataFrame, base: str, lang: str) -> pd.Series:
    return frame[f"{base}_en"].where(frame[f"{base}_en"].astype(bool), frame[f"{base}_id"]) if lang == "en" \
        else frame[f"{base}_id"]


def headline(data: kelana.KelanaBreakdown, lang: str) -> None:
    maximum = fmt.number(data.group_max, lang)
    units = data.units[data.units["active"]]
    derived_verified = data.questions["verified_points"].sum()
    with st.container(horizontal=True, gap="small"):  # side by side; wraps on a phone
        st.metric(t("kelana.metric_self", lang),
                  t("kelana.metric_value", lang, points=fmt.points(data.group_self, lang), max=maximum), border=True)
        st.metric(t("kelana.metric_verified", lang),
                  t("kelana.metric_value", lang, points=fmt.points(data.group_verified, lang), max=maximum),
                  border=True)
        st.metric(t("kelana.metric_derived", lang),
                  t("kelana.metric_value", lang, points=fmt.points(derived_verified, lang),
                    max=fmt.number(data.derived_max, lang)),
                  help=t("kelana.metric_derived_help", lang), border=True)
        st.metric(t("kelana.metric_units", lang),
                  t("kelana.metric_units_value", lang, part=fmt.number(units["answered"].sum(), lang),
                    whole=fmt.number(units["asked"].sum(), lang)),
                  help=t("kelana.metric_units_help", lang, units=fmt.number(len(units), lang)), border=True)
    if data.stored:
        st.info(t("kelana.stored_note", lang,
                  published=t("kelana.stored_published", lang) if data.published else ""))


def kecamatan_chart(data: kelana.KelanaBreakdown, lang: str) -> None:
    st.subheader(t("kelana.chart_title", lang))
    st.caption(t("kelana.chart_caption", lang))
    frame = data.kecamatan.rename(columns={"kecamatan": "name", "verified_points": "earned",
                                           "held_back_verified": "held_back"})[["name", "earned", "held_back"]]
    charts.show(charts.earned_held_back_bars, frame, lang, alt_text=t("kelana.chart_alt", lang))


POINT_COLUMNS = ("self_points", "verified_points", "held_back_self", "held_back_verified", "max_points")


def _styled(frame: pd.DataFrame, lang: str):
    """Points read the reader's way (0,21 in Indonesian) while staying numbers, so columns sort."""
    present = [c for c in POINT_COLUMNS if c in frame.columns]
    return frame.style.format({c: (lambda v: fmt.points(v, lang)) for c in present})


def _points_columns(lang: str) -> dict:
    return {column: st.column_config.Column(t(key, lang))
            for column, key in (("self_points", "kelana.col_self"), ("verified_points", "kelana.col_verified_points"),
                                ("held_back_self", "kelana.col_held_self"),
                                ("held_back_verified", "kelana.col_held_verified"))}


def _count_columns(lang: str) -> dict:
    return {column: st.column_config.NumberColumn(t(key, lang), format="%d")
            for column, key in (("asked", "kelana.col_asked"), ("answered", "kelana.col_answered"),
                                ("submitted", "kelana.col_submitted"), ("verified", "kelana.col_verified"),
                                ("yes", "kelana.col_yes"), ("verified_yes", "kelana.col_verified_yes"),
                                ("kelurahan", "kelana.col_kelurahan"))}


def kecamatan_table(data: kelana.KelanaBreakdown, lang: str) -> None:
    shown = data.kecamatan.assign(answered_share=data.kecamatan["answered_share"] * 100,
                                  verified_share=data.kecamatan["verified_share"] * 100)
    st.dataframe(
        _styled(shown[["kecamatan", "kelurahan", "asked", "answered_share", "verified_share", "verified_points",
                       "held_back_verified", "self_points", "held_back_self"]], lang),
        hide_index=True, width="stretch", key="kelana_kecamatan_table",
        column_config={"kecamatan": st.column_config.TextColumn(t("kelana.col_kecamatan", lang), pinned=True),
                       **_count_columns(lang), **_points_columns(lang),
                       "answered_share": st.column_config.ProgressColumn(
                           t("kelana.col_answered_share", lang), format="%.0f%%", min_value=0, max_value=100),
                       "verified_share": st.column_config.ProgressColumn(
                           t("kelana.col_verified_share", lang), format="%.0f%%", min_value=0, max_value=100)})


def unit_table(data: kelana.KelanaBreakdown, lang: str) -> None:
    """Every kecamatan and kelurahan, filtered to one kecamatan when the reader picks one."""
    names = list(data.kecamatan["kecamatan"])
    extra = sorted(set(data.units["kecamatan"]) - set(names))  # a kecamatan with only inactive units
    everything = t("kelana.all_kecamatan", lang)
    picked = st.selectbox(t("kelana.filter_kecamatan", lang), [everything, *sorted(names), *extra],
                          key="kelana_kecamatan_filter")
    units = data.units if picked == everything else data.units[data.units["kecamatan"] == picked]
    if units.empty:
        st.info(t("kelana.kelurahan_empty", lang))
        return
    shown = units.assign(kind_name=units["kind"].map(lambda k: t(f"kelana.kind.{k}", lang)),
                         status_name=units["status"].map(lambda s: t(f"kelana.status.{s}", lang)),
                         focal_points=units["focal_points"].replace("", t("kelana.no_contact", lang)))
    columns = ["name", "status_name", "kind_name", "kecamatan", "asked", "answered", "submitted", "verified", "yes",
               "verified_yes", "verified_points", "held_back_verified", "self_points", "held_back_self",
               "focal_points"]
    st.dataframe(_styled(shown[columns], lang), hide_index=True, width="stretch", key="kelana_unit_table",
                 column_config={
        "name": st.column_config.TextColumn(t("kelana.col_unit", lang), pinned=True),
        "kind_name": st.column_config.TextColumn(t("kelana.col_kind", lang), width="small"),
        "kecamatan": st.column_config.TextColumn(t("kelana.col_kecamatan", lang)),
        "status_name": st.column_config.TextColumn(t("kelana.col_status", lang)),
        "focal_points": st.column_config.TextColumn(t("kelana.col_contact", lang), width="medium"),
        **_count_columns(lang), **_points_columns(lang)})
    csv = csv_of(shown[columns]).encode("utf-8-sig")
    st.download_button(t("kelana.download_units", lang), csv, mime="text/csv", icon=":material/download:",
                       file_name=f"kelana_dekela_unit_{data.region_code}_{data.cycle_year}.csv",
                       key="kelana_units_csv", on_click="ignore")


def question_table(data: kelana.KelanaBreakdown, lang: str) -> None:
    st.caption(t("kelana.questions_caption", lang))
    if data.stored:
        st.caption(t("kelana.questions_stored", lang))
    q = data.questions
    shown = pd.DataFrame({
        "code": q["question_code"],
        "kind": q["kind"].map(lambda k: t(f"kelana.kind.{k}", lang)),
        "value": _name(q, "value", lang).replace("", "—"),
        "derivation": _name(q, "derivation", lang),
        "verified_points": q["verified_points"], "self_points": q["self_points"], "max_points": q["max_points"],
        "question": _name(q, "unit_prompt", lang),
        "rule": _name(q, "rule", lang),
    })
    st.dataframe(_styled(shown, lang), hide_index=True, width="stretch", key="kelana_question_table",
                 height=min(36 * (len(shown) + 1) + 2, 900), column_config={
        "code": st.column_config.TextColumn(t("kelana.col_code", lang), width="small", pinned=True),
        "question": st.column_config.TextColumn(t("kelana.col_question", lang), width="large"),
        "kind": st.column_config.TextColumn(t("kelana.col_kind", lang), width="small"),
        "rule": st.column_config.TextColumn(t("kelana.col_rule", lang), width="medium"),
        "value": st.column_config.TextColumn(t("kelana.col_value", lang)),
        "derivation": st.column_config.TextColumn(t("kelana.col_derivation", lang), width="medium"),
        "max_points": st.column_config.Column(t("kelana.col_max", lang)),
        **_points_columns(lang)})


def missing_text(row, lang: str) -> str:
    parts = []
    for status in ("returned", "draft", "not_answered"):
        codes = list(row[f"{status}_codes"])
        if codes:
            parts.append(t_text(f"kelana.missing_{status}", lang, codes=", ".join(codes)))
    return "; ".join(parts)


def chase_list(data: kelana.KelanaBreakdown, lang: str) -> None:
    chase = data.not_answered
    if chase.empty:
        st.success(t("kelana.chase_none", lang))
        return
    st.caption(t("kelana.chase_caption", lang))
    frame = pd.DataFrame({
        t("kelana.col_unit", lang): chase["name"],
        t("kelana.col_kecamatan", lang): chase["kecamatan"],
        t("kelana.col_contact", lang): chase["focal_points"].replace("", t("kelana.no_contact", lang)),
        t("kelana.col_outstanding", lang): [t_text("kelana.metric_units_value", lang, part=fmt.number(o, lang),
                                                   whole=fmt.number(a, lang))
                                            for o, a in zip(chase["outstanding"], chase["asked"])],
        t("kelana.col_missing", lang): [missing_text(row, lang) for _, row in chase.iterrows()],
    })
    st.dataframe(frame, hide_index=True, width="stretch", key="kelana_chase_table", column_config={
        t("kelana.col_unit", lang): st.column_config.TextColumn(pinned=True),
        t("kelana.col_contact", lang): st.column_config.TextColumn(width="medium"),
        t("kelana.col_missing", lang): st.column_config.TextColumn(width="large")})
    st.download_button(t("kelana.download_chase", lang), csv_of(frame).encode("utf-8-sig"),
                       file_name=f"kelana_dekela_belum_{data.region_code}_{data.cycle_year}.csv", mime="text/csv",
                       icon=":material/download:", key="kelana_chase_csv", on_click="ignore")


# --- public --------------------------------------------------------------------------------------

def public_headline(data: public_kelana.PublicKelana, lang: str) -> None:
    with st.container(key="kla_lead"):  # styled larger by ui.frame.style()
        st.markdown(t("kelana.public_sentence", lang, year=data.year, region=data.region_name,
                      points=fmt.points(data.group_points, lang), max=fmt.number(data.group_max, lang)))
    if data.published_at:
        st.caption(t("kelana.public_published", lang, date=fmt.long_date(data.published_at, lang, reader_zone())))


def public_chart(data: public_kelana.PublicKelana, lang: str) -> None:
    st.caption(t("kelana.public_chart_caption", lang))
    frame = data.kecamatan.assign(name=data.kecamatan["kecamatan"], earned=data.kecamatan["points"],
                                  held_back=data.kecamatan["possible"] - data.kecamatan["points"])
    charts.show(charts.earned_held_back_bars, frame[["name", "earned", "held_back"]], lang,
                alt_text=t("kelana.chart_alt", lang))


def _share(value, lang: str) -> str:
    return "—" if value is None or pd.isna(value) else fmt.percent(value, lang)


def public_table(data: public_kelana.PublicKelana, lang: str) -> None:
    k = data.kecamatan
    kecamatan, met, share, points, possible = (
        t("kelana.col_kecamatan", lang), t("kelana.public_col_kecamatan_met", lang),
        t("kelana.public_col_kelurahan_share", lang), t("kelana.public_col_points", lang),
        t("kelana.public_col_possible", lang))
    table = pd.DataFrame({
        kecamatan: k["kecamatan"],
        met: [t("kelana.public_of", lang, part=fmt.number(m, lang), whole=fmt.number(a, lang))
              for m, a in zip(k["kecamatan_met"], k["kecamatan_questions"])],
        share: [_share(v, lang) for v in k["kelurahan_share"]],
        points: k["points"], possible: k["possible"],
    })
    st.table(plain_frame(table.style.format({points: lambda v: fmt.points(v, lang),
                                 possible: lambda v: fmt.points(v, lang)}).hide(axis="index")))


def public_detail(data: public_kelana.PublicKelana, lang: str) -> None:
    """Per kelurahan question: the share of each kecamatan's kelurahan with a verified yes."""
    wards = data.questions[data.questions["kind"] == "kelurahan"]
    if wards.empty or data.kecamatan.empty:
        return
    with st.expander(t("kelana.public_detail", lang)):
        st.caption(t("kelana.public_detail_caption", lang))
        prompts = _name(wards, "unit_prompt", lang)
        table = pd.DataFrame({t("kelana.col_code", lang): wards["question_code"],
                              t("kelana.col_question", lang): prompts})
        for row in data.kecamatan.itertuples():
            shares = data.kecamatan.set_index("kecamatan").loc[row.kecamatan]
            table[row.kecamatan] = [_share(shares[f"share_{code}"], lang) for code in wards["question_code"]]
        st.table(plain_frame(table.style.hide(axis="index")))


def public_download(data: public_kelana.PublicKelana) -> None:
    download.offer(public_files.kelana_file(data), t("kelana.public_download"))
