"""Gap analysis: the points still missing per question, indicator, group and owner OPD."""
from __future__ import annotations

import pandas as pd

from indicators.scoring import KEYS, ScoreTables


def question_gaps(tables: ScoreTables, owners: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per question with missing_points = max_points - points, largest gap first.

    owners: optional frame (question_code, owner) naming who answers each question; questions
    without one fall back to the catalog's lead data source when the tables carry `lead_source`.
    """
    gaps = tables.questions.copy()
    gaps["missing_points"] = (gaps["max_points"] - gaps["points"]).clip(lower=0).round(6)
    if owners is not None:
        gaps = gaps.merge(owners[["question_code", "owner"]].drop_duplicates("question_code"),
                          on="question_code", how="left")
    else:
        gaps["owner"] = None
    return gaps.sort_values(KEYS + ["missing_points"], ascending=[True, True, False], kind="stable").reset_index(drop=True)


def gaps_by(gaps: pd.DataFrame, level: str) -> pd.DataFrame:
    """Missing points summed per indicator_code, group_code or owner, largest first."""
    if level not in ("indicator_code", "group_code", "owner"):
        raise ValueError(f"unknown level {level!r}")
    rolled = gaps.groupby(KEYS + [level], as_index=False, dropna=False).agg(
        points=("points", "sum"), max_points=("max_points", "sum"),
        missing_points=("missing_points", "sum"), questions_missing=("answered", lambda s: int((~s).sum())),
    )
    return rolled.sort_values(KEYS + ["missing_points"], ascending=[True, True, False], kind="stable").reset_index(drop=True)


def lead_owners(catalog) -> pd.DataFrame:
    """Owner of each question by the catalog alone: its first (lead) data source."""
    return pd.DataFrame(
        [{"question_code": q.code, "owner": q.lead_source} for q in catalog.questions],
        columns=["question_code", "owner"],
    )
