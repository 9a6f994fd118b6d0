"""What-if: the score a cycle would reach if some questions were answered differently.

The projection replaces every answer row of each hypothetical question with one row carrying the
hypothetical value and scores the whole cycle again with indicators.scoring.score, so a
projection is exactly what saving (and, for the verified reading, verifying at the self-assessed
points) those answers would give. There is no second scoring rule here.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from indicators.answers import AnswerValue, relevant_value, value_problems
from indicators.catalog import Catalog, Question
from indicators.gaps import best_answer
from indicators.scoring import BASES, ScoreTables, answer_shares, score

VALUE_FIELDS = ("bool_value", "choice_code", "numerator", "denominator", "count_value")


@dataclass(frozen=True)
class Hypothesis:
    """One question answered differently: with the given value fields, or (full_points) with
    the best answer its rule allows."""

    question_code: str
    bool_value: bool | None = None
    choice_code: str | None = None
    numerator: float | None = None
    denominator: float | None = None
    count_value: float | None = None
    full_points: bool = False

    @classmethod
    def full(cls, question_code: str) -> Hypothesis:
        return cls(question_code=question_code, full_points=True)

    @classmethod
    def of(cls, question_code: str, value) -> Hypothesis:
        """From any object with the five answer fields (e.g. indicators.answers.AnswerValue)."""
        fields: dict[str, Any] = {name: getattr(value, name, None) for name in VALUE_FIELDS}
        return cls(question_code=question_code, **fields)

    def answer_value(self) -> AnswerValue:
        return AnswerValue(**{name: getattr(self, name) for name in VALUE_FIELDS})

    def values(self, question: Question) -> dict:
        """The answer fields to score: the best answer, or the given value as it would be stored."""
        if self.full_points:
            return best_answer(question)
        stored = relevant_value(question, self.answer_value())
        return {name: getattr(stored, name) for name in VALUE_FIELDS}


@dataclass(frozen=True)
class Projection:
    basis: str
    baseline: ScoreTables
    projected: ScoreTables
    changes: pd.DataFrame = field(repr=False)
    # changes: question_code, indicator_code, group_code, max_points, points_before, points_after, gain

    def _total(self, tables: ScoreTables) -> dict:
        return tables.totals.iloc[0].to_dict()

    @property
    def total_before(self) -> float:
        return float(self._total(self.baseline)["total"])

    @property
    def total_after(self) -> float:
        return float(self._total(self.projected)["total"])

    @property
    def gain(self) -> float:
        return self.total_after - self.total_before

    @property
    def predikat_before(self) -> str | None:
        return self._total(self.baseline)["predikat_name"]

    @property
    def predikat_after(self) -> str | None:
        return self._total(self.projected)["predikat_name"]

    @property
    def predikat_code_after(self) -> str | None:
        return self._total(self.projected)["predikat"]

    @property
    def next_predikat_after(self) -> str | None:
        return self._total(self.projected)["next_predikat_name"]

    @property
    def points_to_next_after(self) -> float | None:
        return self._total(self.projected)["points_to_next_predikat"]

    def groups(self) -> pd.DataFrame:
        """group_code, max_points, points_before, points_after, gain (catalog order)."""
        before = (self.baseline.groups[["group_code", "max_points", "points"]]
                  .rename(columns={"points": "points_before"}))
        after = self.projected.groups[["group_code", "points"]].rename(columns={"points": "points_after"})
        frame = before.merge(after, on="group_code", how="left", sort=False)
        frame["gain"] = (frame["points_after"] - frame["points_before"]).round(6)
        return frame


def hypothesis_problems(catalog: Catalog, hypotheses: list[Hypothesis]) -> list[str]:
    """What is wrong with the hypotheses, in Indonesian, each naming its question; [] = usable."""
    known = {q.code: q for q in catalog.questions}
    problems = []
    seen: set[str] = set()
    for h in hypotheses:
        question = known.get(h.question_code)
        if question is None:
            problems.append(f"Pertanyaan {h.question_code} tidak ada dalam instrumen {catalog.version}.")
            continue
        if h.question_code in seen:
            problems.append(f"Pertanyaan {h.question_code} dipilih lebih dari sekali; pilih satu jawaban saja.")
        seen.add(h.question_code)
        if not h.full_points:
            problems += [f"Pertanyaan {h.question_code}: {p}" for p in value_problems(question, h.answer_value())]
    return problems


def project(cycle: pd.DataFrame, answers: pd.DataFrame, catalog: Catalog,
            hypotheses: list[Hypothesis], basis: str = "verified") -> Projection:
    """Score one region x cycle (`cycle`: one row of region, cycle, catalog_version) as it is and
    with the hypotheses applied. In the verified reading a hypothetical answer counts as verified
    at the points its value earns (the task force's default); the other answers keep theirs.

    Raises ValueError naming the problems when a hypothesis does not fit the catalog."""
    if basis not in BASES:
        raise ValueError(f"basis must be one of {BASES}, not {basis!r}")
    if len(cycle) != 1:
        raise ValueError("project() scores exactly one region and cycle")
    problems = hypothesis_problems(catalog, hypotheses)
    if problems:
        raise ValueError(" ".join(problems))
    baseline = score(cycle, answers, [catalog], basis=basis)
    region, year = cycle.iloc[0]["region"], cycle.iloc[0]["cycle"]
    changed = {h.question_code for h in hypotheses}
    others = answers[~answers["question_code"].isin(changed)] if len(answers) else answers
    rows = pd.DataFrame([
        {"region": region, "cycle": year, "question_code": h.question_code, "status": "verified",
         **h.values(catalog.question(h.question_code))}
        for h in hypotheses
    ], columns=["region", "cycle", "question_code", "status", *VALUE_FIELDS])
    if len(rows):
        shares = answer_shares(rows.assign(catalog_version=catalog.version), [catalog]).fillna(0.0)
        maxima = rows["question_code"].map({q.code: q.max_points for q in catalog.questions})
        rows["verified_points"] = (shares * maxima).to_numpy()
    frames = [f for f in (others, rows) if len(f)]
    hypothetical = pd.concat(frames, ignore_index=True) if frames else rows
    projected = score(cycle, hypothetical, [catalog], basis=basis)

    before = baseline.questions.set_index("question_code")
    after = projected.questions.set_index("question_code")
    codes = [h.question_code for h in hypotheses]
    changes = pd.DataFrame({
        "question_code": codes,
        "indicator_code": before.loc[codes, "indicator_code"].to_numpy() if codes else [],
        "group_code": before.loc[codes, "group_code"].to_numpy() if codes else [],
        "max_points": before.loc[codes, "max_points"].to_numpy() if codes else [],
        "points_before": before.loc[codes, "points"].to_numpy() if codes else [],
        "points_after": after.loc[codes, "points"].to_numpy() if codes else [],
    })
    changes["gain"] = (changes["points_after"] - changes["points_before"]).round(6)
    return Projection(basis=basis, baseline=baseline, projected=projected, changes=changes)
