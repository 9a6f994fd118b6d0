"""The scores chart shared by the scores page (ui/charts.py) and the PDF report: each group's
self-assessed and verified points against its maximum, built with Altair, and its PNG drawn by
vl-convert (no browser) for the report. The palette and the group-name shortening the page's
other charts use live here too, so the page and the report draw alike.

The words on a chart are the caller's (the page passes its texts in the reader's language); the
report's are Indonesian, REPORT_WORDS.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import altair as alt
import pandas as pd

from indicators import text as fmt

POINTS_COLOR = "#1F5F99"  # the theme's primary blue; 7:1 against white
MAX_COLOR = "#DCE5EE"
TEXT_COLOR = "#1B2733"
SELF_COLOR = "#B4541A"  # dark orange for the self-assessed reading; 4.9:1 against white

_SHORT_GROUP = re.compile(r"^((?:Klaster|Cluster)\s+[IVX]+)\b", re.IGNORECASE)


@dataclass(frozen=True)
class ReadingWords:
    """What a readings chart calls things: the two readings (legend) and the tooltip titles."""
    self_reading: str
    verified_reading: str
    reading: str
    group: str
    points: str
    max_points: str


REPORT_WORDS = ReadingWords(self_reading="Penilaian mandiri", verified_reading="Terverifikasi", reading="Bacaan",
                            group="Kelompok", points="Nilai", max_points="Maksimum")


def short_group_name(name: str) -> str:
    """'Klaster III: Kesehatan Dasar dan Kesejahteraan' -> 'Klaster III'; 'Kelana Dekela (KLA
    di kecamatan ...)' -> 'Kelana Dekela'. Keeps the axis readable on a phone; the full name is
    in the tooltip and the table."""
    name = name or ""
    match = _SHORT_GROUP.match(name)
    if match:
        return match.group(1)
    return re.split(r"\s*[:(]", name, maxsplit=1)[0].strip() or name


def readings_long(frame: pd.DataFrame, keys: list[str], words: ReadingWords, lang: str) -> pd.DataFrame:
    """frame with self_points and verified_points -> one row per key and reading, labelled."""
    names = {"self": words.self_reading, "verified": words.verified_reading}
    parts = []
    for basis in ("self", "verified"):
        part = frame[keys + ["max_points"]].copy()
        part["points"] = frame[f"{basis}_points"].to_numpy()
        part["reading"] = names[basis]
        part["order"] = 0 if basis == "self" else 1
        parts.append(part)
    data = pd.concat(parts, ignore_index=True)
    data["value_text"] = [fmt.points(p, lang) for p in data["points"]]
    return data


def reading_color(words: ReadingWords) -> alt.Color:
    domain = [words.self_reading, words.verified_reading]
    return alt.Color("reading:N", scale=alt.Scale(domain=domain, range=[SELF_COLOR, POINTS_COLOR]),
                     legend=alt.Legend(title=None, orient="top", labelFontSize=13, symbolType="square"))


def readings_bars(frame: pd.DataFrame, lang: str, words: ReadingWords) -> alt.LayerChart:
    """Each group's self-assessed and verified points as two bars side by side over a pale bar of
    its maximum, each labelled. frame: group_code, name_id, name_en, position, max_points,
    self_points, verified_points."""
    name_column = "name_en" if lang == "en" else "name_id"
    named = frame.sort_values("position").assign(
        name=lambda f: f[name_column].fillna(f["name_id"]),
        label=lambda f: f["name"].map(short_group_name),
        max_text=lambda f: [fmt.number(m, lang) for m in f["max_points"]])
    order = named["label"].tolist()
    data = readings_long(named, ["label", "name", "max_text"], words, lang)
    data["value_text"] = [f"{v} / {m}" for v, m in zip(data["value_text"], data["max_text"], strict=True)]
    room = float(named["max_points"].max() or 1) * 1.25
    x_scale = alt.Scale(domain=[0, room], nice=False)
    y = alt.Y("label:N", sort=order, title=None,
              axis=alt.Axis(labelLimit=130, labelFontSize=13, labelColor=TEXT_COLOR, ticks=False,
                            domain=False, labelPadding=6))
    tooltip = [alt.Tooltip("name:N", title=words.group),
               alt.Tooltip("reading:N", title=words.reading),
               alt.Tooltip("value_text:N", title=words.points),
               alt.Tooltip("max_text:N", title=words.max_points)]
    # every layer carries the same yOffset, so each reading's bar sits over its own pale maximum
    bars = alt.Chart(data).encode(y=y, yOffset=alt.YOffset("order:O"), tooltip=tooltip)
    maximum = bars.mark_bar(color=MAX_COLOR).encode(x=alt.X("max_points:Q", scale=x_scale, title=None, axis=None))
    achieved = bars.mark_bar().encode(x=alt.X("points:Q", scale=x_scale), color=reading_color(words))
    text = bars.mark_text(align="left", baseline="middle", dx=4, fontSize=11, color=TEXT_COLOR).encode(
        x=alt.X("points:Q", scale=x_scale), text="value_text:N")
    return alt.layer(maximum, achieved, text).properties(
        height=alt.Step(38), padding={"left": 0, "right": 4, "top": 4, "bottom": 4}
    ).configure_view(stroke=None).configure_scale(bandPaddingInner=0.3)


def png(chart: alt.TopLevelMixin, width: int = 560, scale: float = 2.0) -> bytes:
    """The chart drawn as a PNG by vl-convert (no browser), at the width a page column gives it;
    for the PDF report."""
    import vl_convert

    return vl_convert.vegalite_to_png(chart.properties(width=width, background="#FFFFFF").to_json(), scale=scale)


def readings_bars_png(frame: pd.DataFrame) -> bytes:
    """The group chart of the scores page (both readings against the maxima), in Indonesian, as a
    PNG for the PDF report. frame: as readings_bars."""
    return png(readings_bars(frame, "id", REPORT_WORDS).properties(height=alt.Step(30)), width=760)
