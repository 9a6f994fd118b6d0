"""Altair chart builders for the public summary. Each takes the service's DataFrame as it is
and returns a chart; the labels are formatted here (babel), so the chart reads like the table.
The scores chart shared with the PDF report, the palette and short_group_name live in
data.files.report_charts.

Pages draw a chart with show(builder, *inputs): the Vega-Lite specification is built and
validated once per builder and inputs, then served from the cache on every rerun."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

import altair as alt
import pandas as pd
import streamlit as st
from streamlit.dataframe_util import convert_anything_to_arrow_bytes

from data.files import report_charts
from data.files.report_charts import MAX_COLOR, POINTS_COLOR, TEXT_COLOR, ReadingWords, short_group_name
from indicators import text as fmt
from ui.i18n import t

RULE_COLOR = "#6B7785"


def show(builder: Callable[..., alt.TopLevelMixin], *inputs, alt_text: str,
         height: int | Literal["content"] = "content", width: Literal["stretch"] = "stretch") -> None:
    """Draw builder(*inputs) as st.altair_chart would, without rebuilding or re-validating the
    chart on a rerun whose inputs are unchanged."""
    spec = specification(builder, f"{builder.__module__}.{builder.__qualname__}", *inputs)
    st.vega_lite_chart(spec, height=height, width=width, alt=alt_text)


@st.cache_data(show_spinner=False, max_entries=512)
def specification(_builder: Callable[..., alt.TopLevelMixin], builder_name: str, *inputs) -> dict:
    """The chart's validated Vega-Lite dict with its data as Arrow bytes, as Streamlit sends it;
    Altair's default 300 px view size is left out, as Streamlit's own conversion does. The cache
    knows the builder by its name (a function is not hashable)."""
    spec = _builder(*inputs).to_dict()
    view = spec.get("config", {}).get("view", {})
    for size in ("continuousWidth", "continuousHeight"):
        view.pop(size, None)
    if "view" in spec.get("config", {}) and not view:
        del spec["config"]["view"]
    if "config" in spec and not spec["config"]:
        del spec["config"]
    spec["datasets"] = {name: convert_anything_to_arrow_bytes(pd.DataFrame.from_records(rows))
                        for name, rows in spec.get("datasets", {}).items()}
    return spec


def group_bars(frame: pd.DataFrame, lang: str) -> alt.LayerChart:
    """Horizontal bars: each group's points over a pale bar of its maximum, with
    'points / max' written after it. frame: group_code, name_id, name_en, points, max_points,
    position."""
    name_column = "name_en" if lang == "en" else "name_id"
    data = frame.sort_values("position").assign(
        name=lambda f: f[name_column].fillna(f["name_id"]),
        label=lambda f: f["name"].map(short_group_name),
        value_text=lambda f: [
            f"{fmt.points(p, lang)} / {fmt.number(m, lang)}"
            for p, m in zip(f["points"], f["max_points"], strict=True)
        ],
    )[["label", "name", "points", "max_points", "value_text"]]
    order = data["label"].tolist()
    room = float(data["max_points"].max() or 1) * 1.45  # space for the text after the bar

    y = alt.Y("label:N", sort=order, title=None,
              axis=alt.Axis(labelLimit=130, labelFontSize=13, labelColor=TEXT_COLOR,
                            ticks=False, domain=False, labelLineHeight=15,
                            labelOffset=alt.ExprRef("length(datum.label) > 16 ? -7 : 0"),
                            # a long label goes on two lines rather than being cut
                            labelExpr="length(datum.label) > 16 ? split(datum.label, ' ') "
                                      ": datum.label"))
    x_scale = alt.Scale(domain=[0, room], nice=False)
    tooltip = [
        alt.Tooltip("name:N", title=t("col.group", lang)),
        alt.Tooltip("value_text:N", title=t("col.points", lang)),
    ]
    base = alt.Chart(data).encode(y=y, tooltip=tooltip)
    maximum = base.mark_bar(color=MAX_COLOR, cornerRadiusEnd=2, size=20).encode(
        x=alt.X("max_points:Q", scale=x_scale, title=None, axis=None)
    )
    achieved = base.mark_bar(color=POINTS_COLOR, cornerRadiusEnd=2, size=20).encode(
        x=alt.X("points:Q", scale=x_scale)
    )
    text = base.mark_text(align="left", baseline="middle", dx=6, fontSize=13,
                          color=TEXT_COLOR).encode(
        x=alt.X("max_points:Q", scale=x_scale), text="value_text:N"
    )
    return alt.layer(maximum, achieved, text).properties(
        height=alt.Step(34), padding={"left": 0, "right": 4, "top": 4, "bottom": 4}
    ).configure_view(stroke=None)


def trend_line(frame: pd.DataFrame, thresholds: pd.DataFrame, lang: str) -> alt.LayerChart:
    """The total per evaluation year as a line with points and labels, over dashed rules at
    each predikat's lower bound. frame: year, total, predikat_name; thresholds: code, name,
    above."""
    data = frame.sort_values("year").assign(
        year_text=lambda f: f["year"].astype(int).astype(str),
        total_text=lambda f: [fmt.points(v, lang) for v in f["total"]],
        predikat=lambda f: f["predikat_name"].fillna(t("public.no_predikat", lang)),
    )[["year_text", "total", "total_text", "predikat"]]
    bounds = thresholds.assign(
        rule_text=lambda f: [f"{n} · {fmt.number(a, lang)}" for n, a in zip(
            f["name"], f["above"], strict=True)]
    )[["name", "above", "rule_text"]]

    lowest = min(float(data["total"].min()), float(bounds["above"].min()))
    top = float(bounds["above"].max()) + 100
    y_scale = alt.Scale(domain=[max(0.0, (lowest // 100) * 100 - 100), top], nice=False)
    x = alt.X("year_text:O", title=t("chart.year", lang),
              axis=alt.Axis(labelAngle=0, labelFontSize=13, titleFontSize=12))
    y = alt.Y("total:Q", scale=y_scale, title=t("chart.total", lang),
              axis=alt.Axis(format="d", labelFontSize=12, titleFontSize=12, tickCount=6))
    tooltip = [
        alt.Tooltip("year_text:N", title=t("col.year", lang)),
        alt.Tooltip("total_text:N", title=t("col.total", lang)),
        alt.Tooltip("predikat:N", title=t("col.predikat", lang)),
    ]

    rules = alt.Chart(bounds).mark_rule(color=RULE_COLOR, strokeDash=[4, 4], opacity=0.7).encode(
        y=alt.Y("above:Q", scale=y_scale)
    )
    rule_labels = alt.Chart(bounds).mark_text(
        align="left", baseline="bottom", dx=2, dy=-2, fontSize=11, color=RULE_COLOR
    ).encode(y=alt.Y("above:Q", scale=y_scale), x=alt.value(0), text="rule_text:N")
    line = alt.Chart(data).mark_line(color=POINTS_COLOR, strokeWidth=3).encode(x=x, y=y)
    dots = alt.Chart(data).mark_point(color=POINTS_COLOR, filled=True, size=90, opacity=1).encode(
        x=x, y=y, tooltip=tooltip
    )
    labels = alt.Chart(data).mark_text(
        baseline="bottom", dy=-10, fontSize=13, fontWeight="bold", color=TEXT_COLOR
    ).encode(x=x, y=y, text="total_text:N")
    return alt.layer(rules, rule_labels, line, dots, labels).properties(height=300).configure_view(
        stroke=None
    )


# --- issue 5: indicators, one indicator over time, case statistics ------------------------------

HIDDEN_COLOR = "#8A5A00"  # dark amber for "<5" / "x" labels; 6:1 against white
GROUP_COLORS = ["#1F5F99", "#C2571A"]  # adult women, children (blue / dark orange, both >= 4.5:1)


def indicator_bars(frame: pd.DataFrame, lang: str) -> alt.LayerChart:
    """One group's indicators as horizontal bars: points over a pale bar of the maximum, with
    'points / max' after it. frame: indicator_code, name_id, name_en, points, max_points."""
    name_column = "name_en" if lang == "en" else "name_id"
    data = frame.assign(
        label=lambda f: f["indicator_code"].astype(str),
        name=lambda f: f[name_column].fillna(f["name_id"]),
        value_text=lambda f: [f"{fmt.points(p, lang)} / {fmt.number(m, lang)}"
                              for p, m in zip(f["points"], f["max_points"], strict=True)],
    )[["label", "name", "points", "max_points", "value_text"]]
    room = float(data["max_points"].max() or 1) * 1.6
    x_scale = alt.Scale(domain=[0, room], nice=False)
    y = alt.Y("label:N", sort=data["label"].tolist(), title=t("pub.col_code", lang),
              axis=alt.Axis(labelFontSize=13, labelColor=TEXT_COLOR, ticks=False, domain=False,
                            titleFontSize=12, titleColor=TEXT_COLOR))
    tooltip = [alt.Tooltip("name:N", title=t("pub.col_indicator", lang)),
               alt.Tooltip("value_text:N", title=t("col.points", lang))]
    base = alt.Chart(data).encode(y=y, tooltip=tooltip)
    maximum = base.mark_bar(color=MAX_COLOR, size=18).encode(
        x=alt.X("max_points:Q", scale=x_scale, title=None, axis=None))
    achieved = base.mark_bar(color=POINTS_COLOR, size=18).encode(x=alt.X("points:Q", scale=x_scale))
    text = base.mark_text(align="left", baseline="middle", dx=6, fontSize=13, color=TEXT_COLOR).encode(
        x=alt.X("max_points:Q", scale=x_scale), text="value_text:N")
    return alt.layer(maximum, achieved, text).properties(
        height=alt.Step(30), padding={"left": 0, "right": 4, "top": 4, "bottom": 4}
    ).configure_view(stroke=None)


def points_by_year(frame: pd.DataFrame, lang: str) -> alt.LayerChart:
    """Vertical bars of one indicator's points per evaluation year over its maximum, labelled.
    frame: year, points, max_points."""
    data = frame.assign(
        year_text=lambda f: f["year"].astype(int).astype(str),
        value_text=lambda f: [fmt.points(p, lang) for p in f["points"]],
        max_text=lambda f: [fmt.number(m, lang) for m in f["max_points"]],
    )[["year_text", "points", "max_points", "value_text", "max_text"]]
    top = float(data["max_points"].max() or 1) * 1.15
    y_scale = alt.Scale(domain=[0, top], nice=False)
    x = alt.X("year_text:O", title=t("chart.year", lang),
              axis=alt.Axis(labelAngle=0, labelFontSize=13, titleFontSize=12))
    tooltip = [alt.Tooltip("year_text:N", title=t("col.year", lang)),
               alt.Tooltip("value_text:N", title=t("col.points", lang)),
               alt.Tooltip("max_text:N", title=t("col.max_points", lang))]
    base = alt.Chart(data).encode(x=x, tooltip=tooltip)
    maximum = base.mark_bar(color=MAX_COLOR, size=44).encode(
        y=alt.Y("max_points:Q", scale=y_scale, title=t("chart.points", lang),
                axis=alt.Axis(labelFontSize=12, titleFontSize=12, tickCount=5)))
    achieved = base.mark_bar(color=POINTS_COLOR, size=44).encode(y=alt.Y("points:Q", scale=y_scale))
    labels = base.mark_text(baseline="bottom", dy=-4, fontSize=13, fontWeight="bold", color=TEXT_COLOR).encode(
        y=alt.Y("points:Q", scale=y_scale), text="value_text:N")
    return alt.layer(maximum, achieved, labels).properties(height=240).configure_view(stroke=None)


def case_trend(frame: pd.DataFrame, lang: str) -> alt.LayerChart:
    """Cases per year as stacked bars by victim group; a hidden count has no bar, and its year
    carries a label above the bar saying how it shows ("Anak: <5"), so a hidden year is never a
    blank column. frame: year, group, count (None when hidden), shown, order."""
    data = frame.assign(year_text=lambda f: f["year"].astype(int).astype(str),
                        count_text=lambda f: [fmt.number(c, lang) if pd.notna(c) else "" for c in f["count"]])
    visible = data[data["count"].notna()].astype({"count": "float64"})
    hidden = data[data["count"].isna()].sort_values("order")
    tops = visible.groupby("year_text")["count"].sum()
    labels = pd.DataFrame([{"year_text": year, "top": float(tops.get(year, 0.0)),
                            "label": "; ".join(f"{r.group}: {r.shown}" for r in rows.itertuples())}
                           for year, rows in hidden.groupby("year_text", sort=True)],
                          columns=["year_text", "top", "label"])
    groups = list(dict.fromkeys(frame.sort_values("order")["group"]))
    color = alt.Color("group:N", title=None, sort=groups,
                      scale=alt.Scale(domain=groups, range=GROUP_COLORS[:len(groups)]),
                      legend=alt.Legend(orient="top", labelFontSize=13, symbolType="square"))
    x = alt.X("year_text:O", title=t("cases.col_year", lang), sort=sorted(data["year_text"].unique()),
              axis=alt.Axis(labelAngle=0, labelFontSize=13, titleFontSize=12))
    bars = alt.Chart(visible).mark_bar(size=40).encode(
        x=x,
        y=alt.Y("count:Q", title=t("cases.col_count", lang), stack="zero",
                axis=alt.Axis(format="d", labelFontSize=12, titleFontSize=12)),
        color=color, order=alt.Order("order:Q"),
        tooltip=[alt.Tooltip("year_text:N", title=t("cases.col_year", lang)),
                 alt.Tooltip("group:N", title=t("cases.col_category", lang)),
                 alt.Tooltip("count_text:N", title=t("cases.col_count", lang))],
    )
    marks = alt.Chart(labels).mark_text(baseline="bottom", dy=-4, fontSize=12, color=HIDDEN_COLOR).encode(
        x=x, y=alt.Y("top:Q"), text="label:N")
    return alt.layer(bars, marks).properties(height=260).configure_view(stroke=None)


def case_bars(frame: pd.DataFrame, lang: str) -> alt.LayerChart:
    """One breakdown as horizontal bars with the count as shown ('<5', 'x' or the number) after
    each bar; a hidden count has no bar. frame: label, count (None when hidden), shown."""
    data = frame.assign(
        value=lambda f: f["count"].astype("Float64").fillna(0).astype("float64"),
        shown_text=lambda f: [fmt.number(int(c), lang) if pd.notna(c) else s
                              for c, s in zip(f["count"], f["shown"], strict=True)],
        hidden=lambda f: f["count"].isna(),
    )[["label", "value", "shown_text", "hidden"]]
    room = float(data["value"].max() or 1) * 1.3 + 1
    x_scale = alt.Scale(domain=[0, room], nice=False)
    y = alt.Y("label:N", sort=data["label"].tolist(), title=None,
              axis=alt.Axis(labelFontSize=13, labelColor=TEXT_COLOR, ticks=False, domain=False, labelLimit=150))
    base = alt.Chart(data).encode(y=y, tooltip=[alt.Tooltip("label:N", title=t("cases.col_category", lang)),
                                                alt.Tooltip("shown_text:N", title=t("cases.col_count", lang))])
    bars = base.mark_bar(color=POINTS_COLOR, size=18).encode(x=alt.X("value:Q", scale=x_scale, axis=None))
    text = base.mark_text(align="left", baseline="middle", dx=5, fontSize=13).encode(
        x=alt.X("value:Q", scale=x_scale), text="shown_text:N",
        color=alt.condition("datum.hidden", alt.value(HIDDEN_COLOR), alt.value(TEXT_COLOR)))
    return alt.layer(bars, text).properties(height=alt.Step(28)).configure_view(stroke=None)


# --- issue 4: scores page (two readings side by side, trends, one indicator per cycle) ----------

def _reading_words(lang: str) -> ReadingWords:
    return ReadingWords(self_reading=t("scores.basis.self", lang), verified_reading=t("scores.basis.verified", lang),
                        reading=t("chart.scores.reading", lang), group=t("col.group", lang),
                        points=t("col.points", lang), max_points=t("col.max_points", lang))


def readings_bars(frame: pd.DataFrame, lang: str) -> alt.LayerChart:
    """Each group's self-assessed and verified points side by side over its maximum (the chart of
    the PDF report, in the reader's language)."""
    return report_charts.readings_bars(frame, lang, _reading_words(lang))


def readings_trend(trend: pd.DataFrame, thresholds: pd.DataFrame, lang: str) -> alt.LayerChart:
    """The total per cycle in both readings, over dashed rules at each predikat's lower bound.
    trend: year, self_total, verified_total; thresholds: name, above."""
    frame = trend.rename(columns={"self_total": "self_points", "verified_total": "verified_points"}).assign(
        year_text=lambda f: f["year"].astype(int).astype(str), max_points=0.0)
    data = report_charts.readings_long(frame, ["year_text"], _reading_words(lang), lang)
    bounds = thresholds.assign(rule_text=lambda f: [f"{n} · {fmt.number(a, lang)}" for n, a in zip(
        f["name"], f["above"], strict=True)])[["name", "above", "rule_text"]]
    top = float(bounds["above"].max()) + 100
    y_scale = alt.Scale(domain=[0, top], nice=False)
    x = alt.X("year_text:O", title=t("chart.year", lang), axis=alt.Axis(labelAngle=0, labelFontSize=13))
    y = alt.Y("points:Q", scale=y_scale, title=t("chart.total", lang), axis=alt.Axis(format="d", tickCount=6))
    tooltip = [alt.Tooltip("year_text:N", title=t("col.year", lang)),
               alt.Tooltip("reading:N", title=t("chart.scores.reading", lang)),
               alt.Tooltip("value_text:N", title=t("col.total", lang))]
    rules = alt.Chart(bounds).mark_rule(color=RULE_COLOR, strokeDash=[4, 4], opacity=0.7).encode(
        y=alt.Y("above:Q", scale=y_scale))
    rule_labels = alt.Chart(bounds).mark_text(align="right", baseline="bottom", dx=-2, dy=-2, fontSize=11,
                                              color=RULE_COLOR).encode(
        y=alt.Y("above:Q", scale=y_scale), x=alt.value("width"), text="rule_text:N")
    base = alt.Chart(data).encode(x=x, y=y, color=report_charts.reading_color(_reading_words(lang)), tooltip=tooltip)
    lines = base.mark_line(strokeWidth=3)
    dots = base.mark_point(filled=True, size=80, opacity=1)
    # self-assessed labels above their points, verified below: the two readings are often close
    above = base.transform_filter(alt.datum.order == 0).mark_text(
        baseline="bottom", dy=-9, fontSize=12, fontWeight="bold").encode(text="value_text:N")
    below = base.transform_filter(alt.datum.order == 1).mark_text(
        baseline="top", dy=9, fontSize=12, fontWeight="bold").encode(text="value_text:N")
    return alt.layer(rules, rule_labels, lines, dots, above, below).properties(height=320).configure_view(
        stroke=None)


def group_share_trend(frame: pd.DataFrame, basis: str, lang: str) -> alt.Chart:
    """Each group's share of its maximum per cycle, one line per group. frame: year, name_id,
    name_en, position, max_points, self_points, verified_points."""
    name_column = "name_en" if lang == "en" else "name_id"
    data = frame.assign(
        year_text=lambda f: f["year"].astype(int).astype(str),
        label=lambda f: f[name_column].fillna(f["name_id"]).map(short_group_name),
        share=lambda f: f[f"{basis}_points"] / f["max_points"],
        share_text=lambda f: [fmt.percent(s, lang) for s in f[f"{basis}_points"] / f["max_points"]],
    )[["year_text", "label", "position", "share", "share_text"]]
    order = list(dict.fromkeys(data.sort_values("position")["label"]))
    return alt.Chart(data).mark_line(point=alt.OverlayMarkDef(filled=True, size=60), strokeWidth=2.5).encode(
        x=alt.X("year_text:O", title=t("chart.year", lang), axis=alt.Axis(labelAngle=0, labelFontSize=13)),
        y=alt.Y("share:Q", title=t("chart.scores.share", lang), scale=alt.Scale(domain=[0, 1]),
                axis=alt.Axis(format="%", tickCount=5)),
        color=alt.Color("label:N", sort=order, title=None, scale=alt.Scale(scheme="tableau10"),
                        legend=alt.Legend(orient="bottom", columns=4, labelFontSize=12, labelLimit=140)),
        tooltip=[alt.Tooltip("label:N", title=t("col.group", lang)),
                 alt.Tooltip("year_text:N", title=t("col.year", lang)),
                 alt.Tooltip("share_text:N", title=t("col.share", lang))],
    ).properties(height=360).configure_view(stroke=None)


def readings_by_year(frame: pd.DataFrame, lang: str) -> alt.LayerChart:
    """One indicator per cycle: self-assessed and verified bars side by side under a rule at its
    maximum. frame: year, max_points, self_points, verified_points."""
    named = frame.assign(year_text=lambda f: f["year"].astype(int).astype(str))
    data = report_charts.readings_long(named, ["year_text"], _reading_words(lang), lang)
    top = float(named["max_points"].max() or 1) * 1.15
    y_scale = alt.Scale(domain=[0, top], nice=False)
    x = alt.X("year_text:O", title=t("chart.year", lang), axis=alt.Axis(labelAngle=0, labelFontSize=13))
    tooltip = [alt.Tooltip("year_text:N", title=t("col.year", lang)),
               alt.Tooltip("reading:N", title=t("chart.scores.reading", lang)),
               alt.Tooltip("value_text:N", title=t("col.points", lang))]
    bars = alt.Chart(data).encode(x=x, xOffset=alt.XOffset("order:O"), tooltip=tooltip)
    achieved = bars.mark_bar(size=22).encode(
        y=alt.Y("points:Q", scale=y_scale, title=t("chart.points", lang), axis=alt.Axis(tickCount=5)),
        color=report_charts.reading_color(_reading_words(lang)))
    labels = bars.mark_text(baseline="bottom", dy=-3, fontSize=11, color=TEXT_COLOR).encode(
        y=alt.Y("points:Q", scale=y_scale), text="value_text:N")
    maximum = alt.Chart(named).mark_tick(color=RULE_COLOR, thickness=2, size=60).encode(
        x=x, y=alt.Y("max_points:Q", scale=y_scale))
    return alt.layer(achieved, labels, maximum).properties(height=260).configure_view(stroke=None)


HELD_BACK_COLOR = "#E3A857"  # amber: points a kecamatan still holds back


def earned_held_back_bars(frame: pd.DataFrame, lang: str) -> alt.LayerChart:
    """Kelana Dekela per kecamatan: the points it earns for the city and those it still holds back,
    stacked in one horizontal bar, 'earned / earned + held back' written after it, in the frame's
    order (top first). frame: name, earned, held_back."""
    names = {"earned": t("kelana.chart_earned", lang), "held_back": t("kelana.chart_held_back", lang)}
    data = frame.assign(label=frame["name"].str.replace(r"^(Kecamatan|Kec\.)\s+", "", regex=True),
                        possible=frame["earned"] + frame["held_back"])
    data["value_text"] = [f"{fmt.points(e, lang)} / {fmt.points(p, lang)}"
                          for e, p in zip(data["earned"], data["possible"], strict=True)]
    order = data["label"].tolist()
    long = data.melt(id_vars=["label", "name", "value_text", "possible"], value_vars=["earned", "held_back"],
                     var_name="part", value_name="points")
    long["part_name"] = long["part"].map(names)
    long["order"] = long["part"].map({"earned": 0, "held_back": 1})
    long["points_text"] = [fmt.points(p, lang) for p in long["points"]]
    room = float(data["possible"].max() or 1) * 1.45
    x_scale = alt.Scale(domain=[0, room], nice=False)
    y = alt.Y("label:N", sort=order, title=None,
              axis=alt.Axis(labelLimit=120, labelFontSize=13, labelColor=TEXT_COLOR, ticks=False, domain=False))
    bars = alt.Chart(long).mark_bar(size=20).encode(
        y=y, x=alt.X("points:Q", stack="zero", scale=x_scale, title=t("chart.points", lang),
                     axis=alt.Axis(tickCount=4, grid=False)),
        color=alt.Color("part_name:N", title=None,
                        scale=alt.Scale(domain=[names["earned"], names["held_back"]],
                                        range=[POINTS_COLOR, HELD_BACK_COLOR]),
                        legend=alt.Legend(orient="top", labelFontSize=13, symbolType="square")),
        order=alt.Order("order:Q"),
        tooltip=[alt.Tooltip("name:N", title=t("kelana.col_kecamatan", lang)),
                 alt.Tooltip("part_name:N", title=""),
                 alt.Tooltip("points_text:N", title=t("col.points", lang))])
    text = alt.Chart(data).mark_text(align="left", baseline="middle", dx=6, fontSize=12, color=TEXT_COLOR).encode(
        y=y, x=alt.X("possible:Q", scale=x_scale), text="value_text:N")
    return alt.layer(bars, text).properties(
        height=alt.Step(34), padding={"left": 0, "right": 4, "top": 4, "bottom": 4}).configure_view(stroke=None)


def readiness_bars(frame: pd.DataFrame, lang: str) -> alt.LayerChart:
    """Each region's share of questions verified (a bar to 100%), coloured where it has late units,
    with its verified total written after it. frame: region_name, percent_verified, late_units,
    verified_total."""
    data = frame.assign(
        late=lambda f: f["late_units"] > 0,
        value_text=lambda f: [f"{fmt.percent(p / 100, lang)} · {fmt.points(v, lang)}"
                              for p, v in zip(f["percent_verified"], f["verified_total"], strict=True)],
    )[["region_name", "percent_verified", "late", "value_text"]]
    y = alt.Y("region_name:N", sort=data["region_name"].tolist(), title=None,
              axis=alt.Axis(labelFontSize=12, labelColor=TEXT_COLOR, ticks=False, domain=False, labelLimit=180))
    x_scale = alt.Scale(domain=[0, 165], nice=False)  # room after the bar for "70,8% · 707,83" on a phone
    base = alt.Chart(data).encode(y=y, tooltip=[alt.Tooltip("region_name:N", title=t("board.col_region", lang)),
                                                alt.Tooltip("value_text:N", title=t("board.col_verified", lang))])
    whole = base.transform_calculate(whole="100").mark_bar(color=MAX_COLOR, size=16).encode(
        x=alt.X("whole:Q", scale=x_scale, axis=None))
    done = base.mark_bar(size=16).encode(
        x=alt.X("percent_verified:Q", scale=x_scale),
        color=alt.Color("late:N", scale=alt.Scale(domain=[False, True], range=[POINTS_COLOR, "#B3261E"]),
                        legend=alt.Legend(title=None, orient="bottom", columns=1,
                                          labelExpr=f"datum.value ? '{t('board.late_legend', lang)}' : "
                                                    f"'{t('board.on_time_legend', lang)}'")))
    text = base.transform_calculate(at="100").mark_text(
        align="left", baseline="middle", dx=6, fontSize=12, color=TEXT_COLOR).encode(
        x=alt.X("at:Q", scale=x_scale), text="value_text:N")
    return alt.layer(whole, done, text).properties(
        height=alt.Step(26), padding={"left": 0, "right": 4, "top": 4, "bottom": 4}
    ).configure_view(stroke=None)
