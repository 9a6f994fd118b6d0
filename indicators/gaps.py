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
    return (gaps.sort_values(KEYS + ["missing_points"], ascending=[True, True, False], kind="stable")
            .reset_index(drop=True))


def gaps_by(gaps: pd.DataFrame, level: str) -> pd.DataFrame:
    """Missing points summed per indicator_code, group_code or owner, largest first."""
    if level not in ("indicator_code", "group_code", "owner"):
        raise ValueError(f"unknown level {level!r}")
    rolled = gaps.groupby(KEYS + [level], as_index=False, dropna=False).agg(
        points=("points", "sum"), max_points=("max_points", "sum"),
        missing_points=("missing_points", "sum"), questions_missing=("answered", lambda s: int((~s).sum())),
    )
    return (rolled.sort_values(KEYS + ["missing_points"], ascending=[True, True, False], kind="stable")
            .reset_index(drop=True))


UNIT_OWNERS = {"every_kecamatan": "kecamatan", "every_desa_kelurahan": "kelurahan"}
"""Owner of a question every kecamatan or desa/kelurahan answers: those units, not an OPD."""


def lead_owners(catalog) -> pd.DataFrame:
    """Owner of each question by the catalog alone: its first (lead) data source, or the kind of
    unit that answers it (kecamatan, kelurahan) when the city's answer is derived from theirs."""
    return pd.DataFrame(
        [{"question_code": q.code, "owner": UNIT_OWNERS.get(q.answered_by, q.lead_source)}
         for q in catalog.questions],
        columns=["question_code", "owner"],
    )


def best_answer(question) -> dict:
    """The answer fields that earn a question the most its rule allows (usually its maximum):
    Ya; the option with the largest share; the target (or best) percentage as x of 100; the
    lowest value of the best band."""
    rule = question.answer
    if rule.type == "yes_no":
        return {"bool_value": True}
    if rule.has_options:
        return {"choice_code": _best_option(rule).code}
    if rule.type == "count":
        return {"count_value": float(_best_band(rule).min)}
    if rule.rule == "inverse":
        percent = rule.best
    elif rule.rule == "bands":
        percent = _best_band(rule).min
    else:
        percent = min(rule.target, 100.0)
    return {"numerator": float(percent), "denominator": 100.0}


def earning_answer_text(question, lang: str = "id") -> str:
    """What answer would earn the question's points, in words: 'Ya', the best option's label,
    'Persentase 80% atau lebih', 'Jumlah 20 atau lebih'."""
    rule = question.answer
    english = lang == "en"
    if rule.type == "yes_no":
        return "Yes" if english else "Ya"
    if rule.has_options:
        return _best_option(rule).label.get(lang)
    if rule.type == "count":
        value = _plain_number(_best_band(rule).min, lang)
        return f"A count of {value} or more" if english else f"Jumlah {value} atau lebih"
    if rule.rule == "inverse":
        value = _plain_number(rule.best, lang)
        if rule.best <= 0:
            return "A percentage of 0%" if english else "Persentase 0%"
        return f"A percentage of {value}% or less" if english else f"Persentase {value}% atau kurang"
    percent = _best_band(rule).min if rule.rule == "bands" else min(rule.target, 100.0)
    value = _plain_number(percent, lang)
    if percent >= 100:
        return "A percentage of 100%" if english else "Persentase 100%"
    return f"A percentage of {value}% or more" if english else f"Persentase {value}% atau lebih"


def _best_option(rule):
    best = max(o.share for o in rule.options)
    return next(o for o in rule.options if o.share == best)


def _best_band(rule):
    best = max(b.share for b in rule.bands)
    return min((b for b in rule.bands if b.share == best), key=lambda b: b.min)


def _plain_number(value: float, lang: str) -> str:
    """1000 -> '1.000' (id) or '1,000' (en); 2.5 -> '2,5' or '2.5'."""
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    if lang == "en":
        return text
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def gaps_to_reach(gaps: pd.DataFrame, points_needed: float | None) -> pd.DataFrame:
    """The question gaps (largest first, as question_gaps orders them) with the running sum of
    missing points and `reaches` marking the fewest questions whose full points would close
    points_needed (none when nothing is needed or all of them would not suffice)."""
    ranked = gaps[gaps["missing_points"] > 0].sort_values("missing_points", ascending=False, kind="stable").copy()
    ranked["cumulative_missing"] = ranked["missing_points"].cumsum().round(6)
    if points_needed is None or points_needed <= 0:
        ranked["reaches"] = False
    else:
        before = ranked["cumulative_missing"] - ranked["missing_points"]
        ranked["reaches"] = before < points_needed
        if ranked["missing_points"].sum() < points_needed:
            ranked["reaches"] = False
    return ranked.reset_index(drop=True)
