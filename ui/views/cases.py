"""The blocks of the case statistics pages: the public (suppressed) tables and charts, and the
staff grid and import. Everything shown comes from data.services.cases."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from data.services.cases import public as public_cases_service
from data.services.public import files as public_files
from indicators import cases as case_rules
from indicators import text as fmt
from ui import charts, loaders
from ui.components import public_download
from ui.i18n import t, t_text
from ui.markup import plain_frame

BREAKDOWN_TITLES = {"violence_type": "cases.by_violence_type", "victim_sex": "cases.by_victim_sex",
                    "age_group": "cases.by_age_group"}


@st.cache_data(show_spinner=False, max_entries=64)
def public_cases(region_code: str, year: int, version: int) -> public_cases_service.PublicCases:
    """The case statistics public with the evaluation of `year` (and the years before)."""
    return public_cases_service.public_cases(loaders.engine(), region_code, year)


def _label_column(lang: str) -> str:
    return "label_en" if lang == "en" else "label_id"


def _shown(count, shown: str, lang: str) -> str:
    """A count as the reader sees it: formatted when published, '<5' or 'x' when hidden."""
    return fmt.number(int(count), lang) if pd.notna(count) else shown


def trend(cases: public_cases_service.PublicCases, lang: str) -> None:
    table = cases.table
    groups = table[table["breakdown"] == "victim_group"].assign(group=lambda f: f[_label_column(lang)],
                                                                 order=lambda f: f["position"])
    charts.show(charts.case_trend, groups[["year", "group", "count", "shown", "order"]], lang,
                alt_text=t("cases.trend_alt"))
    rows = []
    for year in cases.years:
        of_year = table[table["year"] == year]
        row = {t("cases.col_year"): str(year)}
        for item in of_year[of_year["breakdown"] == "victim_group"].itertuples():
            row[getattr(item, _label_column(lang))] = _shown(item.count, item.shown, lang)
        total = of_year[of_year["breakdown"] == "total"].iloc[0]
        row[t("cases.col_total")] = _shown(total["count"], total["shown"], lang)
        rows.append(row)
    st.table(plain_frame(pd.DataFrame(rows)), hide_index=True)
    st.caption(t("cases.hidden_note"))


def breakdowns(cases: public_cases_service.PublicCases, year: int, lang: str) -> None:
    of_year = cases.table[cases.table["year"] == year]
    total = of_year[of_year["breakdown"] == "total"].iloc[0]
    for breakdown, title_key in BREAKDOWN_TITLES.items():
        part = of_year[of_year["breakdown"] == breakdown]
        st.subheader(t(title_key))
        frame = part.assign(label=part[_label_column(lang)])[["label", "count", "shown"]]
        charts.show(charts.case_bars, frame, lang,
                    alt_text=t_text("cases.breakdown_alt", year=year, what=t(title_key).lower()))
        rows = [{t("cases.col_category"): item.label, t("cases.col_count"): _shown(item.count, item.shown, lang)}
                for item in frame.itertuples()]
        rows.append({t("cases.col_category"): t("cases.col_total"),
                     t("cases.col_count"): _shown(total["count"], total["shown"], lang)})
        st.table(plain_frame(pd.DataFrame(rows)), hide_index=True)


def download(cases: public_cases_service.PublicCases) -> None:
    file = public_files.cases_file(cases)
    if file is not None:
        public_download.offer(file, t("cases.download"))


# --- staff ------------------------------------------------------------------------------------

GRID_COLUMNS = {  # field -> title key
    "victim_group": "cases.col_group", "violence_type": "cases.col_type", "victim_sex": "cases.col_sex",
    "age_group": "cases.col_age", "cause": "cases.col_cause", "source": "cases.col_source",
    "place": "cases.col_place", "service": "cases.col_service",
}


def year_totals(totals: pd.DataFrame, lang: str) -> None:
    if totals.empty:
        st.info(t("cases.no_data"))
        return
    table = pd.DataFrame({
        t("cases.col_year"): totals["year"].astype(str),
        t("cases.col_adult_women"): [fmt.number(v, lang) for v in totals["perempuan_dewasa"]],
        t("cases.col_children"): [fmt.number(v, lang) for v in totals["anak"]],
        t("cases.col_total"): [fmt.number(v, lang) for v in totals["total"]],
    })
    st.table(plain_frame(table), hide_index=True)


def grid(rows: pd.DataFrame, lang: str, key: str, editable: bool) -> pd.DataFrame:
    """The year's rows as an editable grid: categories as drop-downs showing their labels."""
    config = {
        name: st.column_config.SelectboxColumn(
            t(title), options=list(case_rules.CATEGORY_LABELS[name]),
            format_func=lambda code, name=name: case_rules.label(name, code, lang),
            required=name in case_rules.REQUIRED_FIELDS, default="" if name in ("place", "service") else None)
        for name, title in GRID_COLUMNS.items()
    }
    config["case_count"] = st.column_config.NumberColumn(t("cases.col_count"), min_value=0, step=1, format="%d",
                                                         required=True)
    frame = rows[[*GRID_COLUMNS, "case_count"]].reset_index(drop=True)
    return st.data_editor(frame, column_config=config, num_rows="dynamic" if editable else "fixed",
                          disabled=not editable, hide_index=True, key=key, width="stretch")


def change_lines(changes, lang: str) -> str:
    return "\n".join(t("cases.change_line", year=c.year, rows_before=fmt.number(c.rows_before, lang),
                       rows_after=fmt.number(c.rows_after, lang), total_before=fmt.number(c.total_before, lang),
                       total_after=fmt.number(c.total_after, lang)) for c in changes)
