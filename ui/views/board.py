"""The blocks of the readiness board: the headline counts, the provinces, the regions as a sortable
table and a chart, and the board as CSV and PDF (data.services.province.board reads and checks)."""
from __future__ import annotations

import re
from datetime import date
from functools import partial

import pandas as pd
import streamlit as st

from data.actor import SignedInUser
from data.services.province import board as service
from indicators import clock
from indicators import text as fmt
from ui import charts, loaders
from ui.i18n import t

LATER_COUNTED = re.compile(r"\+(\d+) lainnya$")  # the late units a board row counts but does not name


def readiness(actor: SignedInUser, year: int | None, version: int) -> service.ReadinessBoard:
    """The board as of today: days left and who is late move with the date, not only with the data."""
    return _readiness(actor, year, version, clock.today())


@st.cache_data(show_spinner=False, max_entries=16)
def _readiness(actor: SignedInUser, year: int | None, version: int, today: date) -> service.ReadinessBoard:
    return service.readiness_board(loaders.engine(), actor, year, today=today)


def headline(board: service.ReadinessBoard, lang: str) -> None:
    regions = board.regions
    with st.container(horizontal=True, gap="small"):
        st.metric(t("board.regions", lang), fmt.whole(len(regions), lang), border=True)
        st.metric(t("board.closed", lang), fmt.whole(int(regions["stage"].isin(("closed", "published")).sum()), lang),
                  border=True)
        st.metric(t("board.published", lang), fmt.whole(int((regions["stage"] == "published").sum()), lang),
                  border=True)
        st.metric(t("board.late", lang), fmt.whole(int((regions["late_units"] > 0).sum()), lang), border=True)
        st.metric(t("board.at_risk", lang), fmt.whole(int(regions["at_risk"].sum()), lang), border=True)


def provinces(board: service.ReadinessBoard, lang: str) -> None:
    st.subheader(t("board.by_province", lang))
    shown = board.provinces.assign(
        mean_verified_total=[fmt.points(v, lang) for v in board.provinces["mean_verified_total"]])
    shown = shown.rename(columns={
        "province_name": t("board.col_province", lang), "regions": t("board.regions", lang),
        "closed": t("board.closed", lang), "published": t("board.published", lang),
        "mean_verified_total": t("board.col_mean", lang), "none": t("board.col_none", lang)})
    st.dataframe(shown.drop(columns="province_code"), hide_index=True, width="stretch")


def regions(board: service.ReadinessBoard, lang: str) -> None:
    st.subheader(t("board.by_region", lang))
    frame = board.regions
    charts.show(charts.readiness_bars, frame[["region_name", "percent_verified", "late_units", "verified_total"]],
                lang, alt_text=t("board.chart_alt", lang))
    st.dataframe(pd.DataFrame({
        "region": frame["region_name"] + " (" + frame["region_code"] + ")",
        "risk": [r or "—" for r in frame["risks"]],
        "province": frame["province_name"],
        "stage": [t(f"board.stage.{s}", lang) for s in frame["stage"]],
        "deadline": [fmt.long_date(d, lang) if d is not None and not pd.isna(d) else "—" for d in frame["deadline"]],
        "days": frame["days_to_deadline"],
        "submitted": [f"{s} / {a}" for s, a in zip(frame["submitted"], frame["assigned"], strict=True)],
        "verified": frame["percent_verified"],
        "late": frame["late_units"],
        "late_names": [_late_names(names, lang) for names in frame["late_unit_names"]],
        "self": _readings(frame["self_total"], frame["self_predikat_name"], lang),
        "total": _readings(frame["verified_total"], frame["predikat_name"], lang),
        "province_total": _readings(frame["province_total"], frame["province_predikat_name"], lang),
        "checked": frame["percent_province_checked"],
    }), hide_index=True, width="stretch", column_order=(
        "region", "risk", "verified", "total", "province_total", "checked", "self", "stage", "deadline", "days",
        "submitted", "late", "late_names", "province"), column_config={
        "region": st.column_config.TextColumn(t("board.col_region", lang), width="medium"),
        "risk": st.column_config.TextColumn(t("board.col_risk", lang), width="medium"),
        "province": st.column_config.TextColumn(t("board.col_province", lang)),
        "stage": st.column_config.TextColumn(t("board.col_stage", lang)),
        "deadline": st.column_config.TextColumn(t("board.col_deadline", lang)),
        "days": st.column_config.NumberColumn(t("board.col_days", lang)),
        "submitted": st.column_config.TextColumn(t("board.col_submitted", lang)),
        "verified": st.column_config.ProgressColumn(t("board.col_verified", lang), min_value=0, max_value=100,
                                                    format="%.0f%%"),
        "late": st.column_config.NumberColumn(t("board.col_late", lang)),
        "late_names": st.column_config.TextColumn(t("board.col_late_names", lang), width="medium"),
        "self": st.column_config.TextColumn(t("board.col_self", lang)),
        "total": st.column_config.TextColumn(t("board.col_total", lang)),
        "province_total": st.column_config.TextColumn(t("board.col_province_total", lang)),
        "checked": st.column_config.ProgressColumn(t("board.col_checked", lang), min_value=0, max_value=100,
                                                   format="%.0f%%"),
    })


def _readings(totals: pd.Series, predikats: pd.Series, lang: str) -> list[str]:
    """"707,83 · Nindya": a total with its predikat ("—" below the first)."""
    return [f"{fmt.points(v, lang)} · {p if isinstance(p, str) and p else '—'}"
            for v, p in zip(totals, predikats, strict=True)]


def who_is_late(board: service.ReadinessBoard, lang: str) -> None:
    """The regions with late units, each with how long past its deadline and whom to call, where the
    wide table's last columns would need scrolling (on a phone above all)."""
    late = board.regions[board.regions["late_units"] > 0]
    if late.empty:
        return
    st.subheader(t("board.who_is_late", lang))
    st.markdown("\n".join(
        t("board.late_line", lang, region=row.region_name, days=fmt.whole(-int(row.days_to_deadline), lang),
          count=fmt.whole(row.late_units, lang), names=_late_names(row.late_unit_names, lang))
        for row in late.itertuples()))


def _late_names(names: str, lang: str) -> str:
    """The service's "dinkes, dp3a +12 lainnya" in the reader's language."""
    return LATER_COUNTED.sub(lambda found: t("board.late_more", lang, n=found.group(1)), names)


def _files(user: SignedInUser, year: int, which: int) -> bytes:
    """Built only when a button is clicked."""
    return service.board_files(loaders.engine(), user, year)[which]


def downloads(user: SignedInUser, board: service.ReadinessBoard, lang: str) -> None:
    stem = f"papan_kesiapan_kla_{board.year}"
    with st.container(horizontal=True, gap="small"):
        st.download_button(t("board.csv", lang), data=partial(_files, user, board.year, 1), file_name=f"{stem}.csv",
                           mime="text/csv", on_click="ignore", icon=":material/download:", key="board_csv")
        st.download_button(t("board.pdf", lang), data=partial(_files, user, board.year, 2), file_name=f"{stem}.pdf",
                           mime="application/pdf", on_click="ignore", icon=":material/download:", key="board_pdf")
