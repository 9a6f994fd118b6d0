"""The blocks of the public summary page: headline, tables and the note about the data.
Everything shown comes from the PublicSummary the service returned; here it is only worded
and formatted."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from data.services.summary import PublicSummary
from ui import format as fmt
from ui.i18n import t


def region_picker(regions: list[dict], preferred_code: str | None) -> dict | None:
    """The region to show: the only one, or the reader's choice when several have published
    cycles (the signed-in user's own region first)."""
    if not regions:
        return None
    if len(regions) == 1:
        return regions[0]
    codes = [r["code"] for r in regions]
    index = codes.index(preferred_code) if preferred_code in codes else 0
    by_code = {r["code"]: r for r in regions}
    labels = {r["code"]: f"{r['name']} ({r['province_name']})" for r in regions}
    code = st.selectbox(t("public.region"), codes, index=index, format_func=labels.get,
                        key="public_region")
    return by_code[code]


def headline(summary: PublicSummary, lang: str) -> None:
    total = fmt.points(summary.total, lang)
    maximum = fmt.number(summary.max_points, lang)
    st.subheader(t("public.heading", region=summary.region_name, province=summary.province_name))
    if summary.predikat_name:
        sentence = t("public.sentence", region=summary.region_name, predikat=summary.predikat_name,
                     year=summary.year, total=total, max=maximum)
    else:
        first = summary.thresholds.iloc[0]
        sentence = t("public.sentence_none", region=summary.region_name, year=summary.year,
                     total=total, max=maximum, first=first["name"],
                     above=fmt.number(first["above"], lang))
    with st.container(key="kla_lead"):  # styled larger by ui.frame.style()
        st.markdown(sentence)

    with st.container(horizontal=True, gap="small"):  # side by side; wraps on a phone
        st.metric(t("public.predikat"), summary.predikat_name or t("public.no_predikat"),
                  border=True)
        st.metric(t("public.total"), t("public.total_value", total=total, max=maximum),
                  border=True)
        if summary.next_predikat_name:
            st.metric(
                t("public.to_next", name=summary.next_predikat_name),
                t("public.to_next_value", points=fmt.points(summary.points_to_next_predikat, lang)),
                border=True,
            )
        else:
            st.metric(t("public.top"), t("public.top_value"), border=True)
    published = fmt.long_date(summary.published_at, lang, st.context.timezone)
    st.caption(f"{t('public.cycle', year=summary.year)} · {t('public.published', date=published)}")


def _styled(frame: pd.DataFrame, formats: dict):
    """Numbers stay numbers (so st.table right-aligns them) but read the reader's way."""
    return frame.style.format(formats).hide(axis="index")


def group_table(groups: pd.DataFrame, lang: str) -> None:
    name_column = "name_en" if lang == "en" else "name_id"
    group, points, maximum, share = (t("col.group"), t("col.points"), t("col.max_points"),
                                     t("col.share"))
    table = pd.DataFrame({
        group: groups[name_column].fillna(groups["name_id"]),
        points: groups["points"],
        maximum: groups["max_points"],
        share: groups["points"] / groups["max_points"],
    })
    st.table(_styled(table, {
        points: lambda v: fmt.points(v, lang),
        maximum: lambda v: fmt.number(v, lang),
        share: lambda v: fmt.percent(v, lang),
    }))


def trend_table(trend: pd.DataFrame, lang: str) -> None:
    year, total, predikat = t("col.year"), t("col.total"), t("col.predikat")
    table = pd.DataFrame({
        year: trend["year"].astype(int).astype(str),
        total: trend["total"],
        predikat: trend["predikat_name"].fillna(t("public.no_predikat")),
    })
    st.table(_styled(table, {total: lambda v: fmt.points(v, lang)}))


def download(summary: PublicSummary) -> None:
    """The group scores of the latest published cycle as CSV (machine-readable, dot decimals)."""
    def csv() -> str:
        frame = summary.groups.assign(region_code=summary.region_code, year=summary.year)
        columns = ["region_code", "year", "group_code", "name_id", "name_en", "points", "max_points"]
        return frame[columns].to_csv(index=False)

    st.download_button(
        t("public.download"), data=csv, mime="text/csv", on_click="ignore",
        file_name=f"kla_{summary.region_code}_{summary.year}.csv", icon=":material/download:",
    )


def about(summary: PublicSummary, lang: str) -> None:
    bounds = [
        t("public.threshold_from" if i == 0 else "public.threshold_above",
          name=row.name, above=fmt.number(row.above, lang))
        for i, row in enumerate(summary.thresholds.itertuples())
    ]
    st.subheader(t("public.about_title"))
    st.markdown(t("public.about_body", catalog=summary.catalog_version,
                  max=fmt.number(summary.max_points, lang), thresholds=", ".join(bounds)))
    if summary.missing_count:
        st.caption(t("public.missing", count=fmt.number(summary.missing_count, lang)))
    else:
        st.caption(t("public.missing_none"))
