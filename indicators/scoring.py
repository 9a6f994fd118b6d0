"""Scoring, vectorised over many regions and cycles at once.

A question's points = share (0..1, from its answer and rule) x its maximum, clipped to 0..maximum.
Several answers to one question (several OPDs) count once: the best of them. Indicators, groups and
the total are sums. Two readings:
- "self": from the answers as entered (any status), the self-assessment;
- "verified": the points the task force set on verified answers; everything else scores 0.
Questions without a usable answer score 0 and count as missing.

Input frames
- cycles: region, cycle, catalog_version (one row per region x cycle to score)
- answers: region, cycle, question_code, bool_value, choice_code, numerator, denominator,
  count_value, status, verified_points (one row per answering unit; extra columns are ignored)
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from indicators.catalog import CHOICE_TYPES, Catalog, PredikatBand

BASES = ("self", "verified")
"""The city's two readings, shown side by side on the scores page."""
PROVINCE = "province"
ALL_BASES = (*BASES, PROVINCE)
"""With the province's administrative verification: its points where it set them, else the city's
verified points (of verified answers)."""
ANSWER_COLUMNS = ["region", "cycle", "question_code", "bool_value", "choice_code", "numerator",
                  "denominator", "count_value", "status", "verified_points", "province_points"]
KEYS = ["region", "cycle"]


@dataclass(frozen=True)
class ScoreTables:
    questions: pd.DataFrame   # region, cycle, question_code, indicator_code, group_code, max_points, points, answered
    indicators: pd.DataFrame  # region, cycle, indicator_code, group_code, points, max_points, answered, missing
    groups: pd.DataFrame      # region, cycle, group_code, points, max_points, answered, missing
    totals: pd.DataFrame      # region, cycle, total, max_points, predikat, predikat_name, next_predikat,
    #                           next_predikat_name, points_to_next_predikat, answered, missing


def answer_shares(answers: pd.DataFrame, catalogs: list[Catalog]) -> pd.Series:
    """The share (0..1) each answer row earns by its question's rule; NaN where it has no value."""
    questions = pd.concat([c.questions_frame() for c in catalogs], ignore_index=True)
    frame = answers.merge(questions, on=["catalog_version", "question_code"], how="left", validate="m:1")
    share = pd.Series(np.nan, index=frame.index, dtype="float64")

    yes_no = frame["answer_type"].eq("yes_no") & frame["bool_value"].notna()
    share[yes_no] = frame.loc[yes_no, "bool_value"].astype(bool).astype(float)

    choices = pd.concat([c.choice_shares_frame() for c in catalogs], ignore_index=True)
    is_choice = frame["answer_type"].isin(CHOICE_TYPES) & frame["choice_code"].notna()
    if is_choice.any():
        picked = frame.loc[is_choice, ["catalog_version", "question_code", "choice_code"]].merge(
            choices, on=["catalog_version", "question_code", "choice_code"], how="left"
        )
        share[is_choice] = picked["choice_share"].to_numpy()

    numerator = _finite(frame["numerator"])
    denominator = _finite(frame["denominator"])
    is_pct = frame["answer_type"].eq("percentage") & numerator.notna() & (denominator > 0)
    percent = (numerator / denominator.where(denominator > 0)) * 100
    linear = is_pct & frame["rule"].eq("linear")
    share[linear] = percent[linear] / frame.loc[linear, "target"]
    inverse = is_pct & frame["rule"].eq("inverse")
    share[inverse] = (frame.loc[inverse, "worst"] - percent[inverse]) / (
        frame.loc[inverse, "worst"] - frame.loc[inverse, "best"]
    )

    bands = pd.concat([c.bands_frame() for c in catalogs], ignore_index=True)
    pct_bands = is_pct & frame["rule"].eq("bands")
    count_value = _finite(frame["count_value"])
    counts = frame["answer_type"].eq("count") & count_value.notna()
    banded_value = percent.where(pct_bands, count_value.where(counts))
    banded = pct_bands | counts
    if banded.any():
        share[banded] = _band_shares(frame.loc[banded], banded_value[banded], bands)
    return share.clip(lower=0, upper=1)


def _finite(values: pd.Series) -> pd.Series:
    """Numbers as floats; text, infinity and NaN become NaN (no value, so no points)."""
    numbers = pd.to_numeric(values, errors="coerce").astype("float64")
    return numbers.where(np.isfinite(numbers))


def _band_shares(frame: pd.DataFrame, value: pd.Series, bands: pd.DataFrame) -> np.ndarray:
    """Share of the highest band whose minimum the value reaches (0 below the first band)."""
    left = pd.DataFrame(
        {"row": np.arange(len(frame)), "catalog_version": frame["catalog_version"].to_numpy(),
         "question_code": frame["question_code"].to_numpy(), "value": value.to_numpy(dtype="float64")}
    ).sort_values("value", kind="stable")
    right = bands.astype({"band_min": "float64"}).sort_values("band_min", kind="stable")
    matched = pd.merge_asof(left, right, left_on="value", right_on="band_min",
                            by=["catalog_version", "question_code"], direction="backward")
    return matched.sort_values("row")["band_share"].fillna(0.0).to_numpy()


def score(cycles: pd.DataFrame, answers: pd.DataFrame, catalogs: list[Catalog],
          basis: str = "verified") -> ScoreTables:
    if basis not in ALL_BASES:
        raise ValueError(f"basis must be one of {ALL_BASES}, not {basis!r}")
    by_version = {c.version: c for c in catalogs}
    unknown = set(cycles["catalog_version"]) - set(by_version)
    if unknown:
        raise ValueError(f"no catalog for version(s) {sorted(unknown)}")
    universe = cycles[KEYS + ["catalog_version"]].merge(
        pd.concat([by_version[v].questions_frame() for v in cycles["catalog_version"].unique()],
                  ignore_index=True),
        on="catalog_version",
    )
    answers = _with_answer_columns(answers).merge(cycles[KEYS + ["catalog_version"]], on=KEYS, how="inner")
    if basis == "self":
        answers["points"] = answer_shares(answers, catalogs).to_numpy()
    else:
        verified = answers["status"].eq("verified")
        points = _finite(answers["verified_points"])
        if basis == PROVINCE:
            points = _finite(answers["province_points"]).fillna(points)
        answers["points"] = points.where(verified)
    best = answers.dropna(subset=["points"]).groupby(KEYS + ["question_code"], as_index=False)["points"].max()
    if basis == "self":
        best = best.merge(universe[KEYS + ["question_code", "max_points"]], on=KEYS + ["question_code"])
        best["points"] = best["points"] * best.pop("max_points")

    questions = universe.merge(best, on=KEYS + ["question_code"], how="left")
    questions["answered"] = questions["points"].notna()
    questions["points"] = questions["points"].fillna(0.0).clip(lower=0).clip(upper=questions["max_points"])
    questions = questions.sort_values(KEYS + ["position"], kind="stable").reset_index(drop=True)

    questions["missing"] = ~questions["answered"]
    sums = {"points": "sum", "max_points": "sum", "answered": "sum", "missing": "sum"}
    indicators = questions.groupby(KEYS + ["indicator_code", "group_code"], as_index=False, sort=False).agg(sums)
    groups = questions.groupby(KEYS + ["group_code"], as_index=False, sort=False).agg(sums)
    totals = questions.groupby(KEYS + ["catalog_version"], as_index=False, sort=False).agg(sums)
    totals = totals.rename(columns={"points": "total"})
    totals = _with_predikat(totals, by_version)
    columns = KEYS + ["question_code", "indicator_code", "group_code", "max_points", "points", "answered"]
    return ScoreTables(questions=questions[columns], indicators=indicators, groups=groups, totals=totals)


def _with_answer_columns(answers: pd.DataFrame) -> pd.DataFrame:
    answers = answers.copy()
    for column in ANSWER_COLUMNS:
        if column not in answers:
            answers[column] = None
    return answers[ANSWER_COLUMNS]


def _with_predikat(totals: pd.DataFrame, by_version: dict[str, Catalog]) -> pd.DataFrame:
    parts = []
    for version, part in totals.groupby("catalog_version", sort=False):
        part = part.copy()
        bands = sorted(by_version[version].predikat, key=lambda b: b.above)
        reached = [_reached(part["total"], b) for b in bands]
        codes = [b.code for b in bands]
        names = [b.name for b in bands]
        level = np.sum(np.vstack([r.to_numpy() for r in reached]), axis=0) if bands else np.zeros(len(part))
        level = level.astype(int).tolist()  # number of bands reached: bands are ascending
        part["predikat"] = [codes[n - 1] if n else None for n in level]
        part["predikat_name"] = [names[n - 1] if n else None for n in level]
        part["next_predikat"] = [codes[n] if n < len(bands) else None for n in level]
        part["next_predikat_name"] = [names[n] if n < len(bands) else None for n in level]
        part["points_to_next_predikat"] = [
            round(max(bands[n].above - total, 0.0), 6) if n < len(bands) else None
            for n, total in zip(level, part["total"])
        ]
        parts.append(part)
    totals = pd.concat(parts, ignore_index=True)
    for column in ("predikat", "predikat_name", "next_predikat", "next_predikat_name", "points_to_next_predikat"):
        totals[column] = totals[column].astype(object).where(totals[column].notna(), None)
    return totals


def _reached(total: pd.Series, band: PredikatBand) -> pd.Series:
    return total >= band.above if band.inclusive else total > band.above


def predikat_for(total: float, catalog: Catalog) -> PredikatBand | None:
    """The highest predikat the total reaches, comparing the unrounded total with its bound."""
    reached = [b for b in sorted(catalog.predikat, key=lambda b: b.above) if b.reached_by(total)]
    return reached[-1] if reached else None
