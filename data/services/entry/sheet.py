"""A unit's entry sheet: its assigned questions of a cycle, in catalog order, with their answers,
last cycle's answers, evidence counts and what still blocks submitting each."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from data.actor import SignedInUser
from data.db import unit_of_work
from data.errors import NotFound
from data.lookups import previous_cycle
from data.models import CITY_UNIT_KIND, Answer, EvaluationCycle, EvidenceFile, Question, Region, ReportingUnit, User
from data.services.entry.scope import acting_unit, assigned_question_ids, entry_cycle, submit_problems
from data.services.kelana.derived_answers import catalog_for_unit, derived_questions
from indicators.answers import VALUE_FIELDS, answer_value, display_value
from indicators.catalog import Catalog
from indicators.derivation import DerivedAnswer
from indicators.workflow import ANSWER_STATUSES, CYCLE_OPEN, EDITABLE, ENTERABLE

ROW_COLUMNS = [
    "question_code", "group_code", "indicator_code", "position", "answer_type", "max_points",
    "evidence_required", "answer_id", "status", *VALUE_FIELDS, "note", "version", "self_points",
    "return_reason", "updated_at", "updated_by", "submitted_at",
    *(f"previous_{name}" for name in VALUE_FIELDS), "evidence_count",
    "display_value", "previous_display", "editable", "submit_problems", "ready",
]


@dataclass(frozen=True)
class EntrySheet:
    region_code: str
    region_name: str
    cycle_year: int
    cycle_status: str
    deadline: date | None
    unit_short_name: str
    unit_name: str
    unit_kind: str
    catalog: Catalog
    rows: pd.DataFrame
    previous_cycle_year: int | None = None
    city_answers: dict[str, DerivedAnswer] = field(default_factory=dict)
    """For a kecamatan or kelurahan: where the city's answer to each of its questions stands now."""

    @property
    def open(self) -> bool:
        return self.cycle_status == CYCLE_OPEN

    def days_left(self, today: date) -> int | None:
        return None if self.deadline is None else (self.deadline - today).days

    def counts(self) -> dict[str, int]:
        """Questions per status (every status present, 0 when none)."""
        counted = self.rows["status"].value_counts()
        return {status: int(counted.get(status, 0)) for status in ANSWER_STATUSES}


def entry_sheet(engine: Engine, actor: SignedInUser, year: int | None = None) -> EntrySheet:
    """The actor's unit's assigned questions of the cycle (the open one unless a year is given),
    in catalog order, with their answers, last cycle's answers and what still blocks submitting."""
    with unit_of_work(engine, read_only=True) as session:
        unit = acting_unit(session, actor)
        cycle = entry_cycle(session, actor, year)
        catalog = catalog_for_unit(session, cycle, unit)
        previous = previous_cycle(session, cycle)
        rows = _sheet_rows(session, cycle, previous, unit, catalog)
        region = session.get(Region, cycle.region_id)
        if region is None:
            raise NotFound("Wilayah siklus ini tidak ditemukan.")
        city_answers = {} if unit.kind == CITY_UNIT_KIND else {
            item.question.code: item.derived for item in derived_questions(session, cycle) if item.kind == unit.kind}
        return EntrySheet(region_code=region.code, region_name=region.name, cycle_year=cycle.year,
                          cycle_status=cycle.status, deadline=cycle.deadline, unit_short_name=unit.short_name,
                          unit_name=unit.name, unit_kind=unit.kind, catalog=catalog, rows=rows,
                          previous_cycle_year=previous.year if previous else None, city_answers=city_answers)


def entry_years(engine: Engine, actor: SignedInUser) -> list[tuple[int, str]]:
    """(year, status) of the actor's region's cycles, newest first (for a cycle picker)."""
    with unit_of_work(engine, read_only=True) as session:
        acting_unit(session, actor)
        return [(year, status) for year, status in session.execute(
            select(EvaluationCycle.year, EvaluationCycle.status).where(EvaluationCycle.region_id == actor.region_id)
            .order_by(EvaluationCycle.year.desc())).all()]


def _sheet_rows(session: Session, cycle: EvaluationCycle, previous: EvaluationCycle | None, unit: ReportingUnit,
                catalog: Catalog) -> pd.DataFrame:
    assigned = set(assigned_question_ids(session, cycle, unit))
    questions = catalog.questions_frame()
    questions = questions[questions["question_code"].isin(assigned)]
    questions = questions[["question_code", "group_code", "indicator_code", "position", "answer_type",
                           "max_points"]].reset_index(drop=True)
    by_code = {q.code: q for q in catalog.questions if q.code in assigned}
    questions["evidence_required"] = [by_code[c].evidence_required for c in questions["question_code"]]

    answers = pd.DataFrame(session.execute(
        select(Question.code.label("question_code"), Answer.id.label("answer_id"), Answer.status,
               *(getattr(Answer, f) for f in VALUE_FIELDS), Answer.note, Answer.version, Answer.self_points,
               Answer.return_reason, Answer.updated_at, User.display_name.label("updated_by"),
               Answer.submitted_at)
        .join(Question, Answer.question_id == Question.id)
        .outerjoin(User, Answer.updated_by_id == User.id)
        .where(Answer.cycle_id == cycle.id, Answer.reporting_unit_id == unit.id)
    ).mappings().all(), columns=["question_code", "answer_id", "status", *VALUE_FIELDS, "note", "version",
                                 "self_points", "return_reason", "updated_at", "updated_by", "submitted_at"])
    rows = questions.merge(answers, on="question_code", how="left")

    previous_answers = pd.DataFrame(columns=["question_code", *(f"previous_{f}" for f in VALUE_FIELDS)])
    if previous is not None:
        previous_answers = pd.DataFrame(session.execute(
            select(Question.code.label("question_code"),
                   *(getattr(Answer, f).label(f"previous_{f}") for f in VALUE_FIELDS))
            .join(Question, Answer.question_id == Question.id)
            .where(Answer.cycle_id == previous.id, Answer.reporting_unit_id == unit.id)
        ).mappings().all(), columns=previous_answers.columns)
    rows = rows.merge(previous_answers, on="question_code", how="left")

    counts = dict(session.execute(
        select(EvidenceFile.answer_id, func.count(EvidenceFile.id))
        .join(Answer, EvidenceFile.answer_id == Answer.id)
        .where(Answer.cycle_id == cycle.id, Answer.reporting_unit_id == unit.id,
               EvidenceFile.superseded.is_(False))
        .group_by(EvidenceFile.answer_id)).all())
    rows["evidence_count"] = [int(counts.get(a, 0)) if pd.notna(a) else 0 for a in rows["answer_id"]]
    rows["status"] = rows["status"].fillna("not_started")
    rows = rows.astype({"answer_id": "Int64", "version": "Int64"})
    rows = rows.astype({c: object for c in rows.columns if c not in ("position", "max_points", "evidence_count",
                                                                     "answer_id", "version", "self_points")})
    rows = rows.where(rows.notna(), None)

    displays, previous_displays, problems = [], [], []
    for row in rows.itertuples(index=False):
        question = by_code[row.question_code]
        value, stored_before = answer_value(row), answer_value(row, "previous_")
        before = None if stored_before.is_empty() else stored_before
        displays.append(display_value(question, value))
        previous_displays.append(display_value(question, before) if before else "")
        problems.append(submit_problems(question, value, row.note, row.evidence_count, before)
                        if row.status in EDITABLE else [])
    rows["display_value"] = displays
    rows["previous_display"] = previous_displays
    rows["editable"] = (cycle.status == CYCLE_OPEN) & rows["status"].isin(ENTERABLE)
    rows["submit_problems"] = problems
    no_problems = pd.Series([not p for p in problems], index=rows.index, dtype=bool)
    rows["ready"] = rows["status"].isin(EDITABLE) & rows["editable"] & no_problems
    return rows.sort_values("position", kind="stable").reset_index(drop=True)[ROW_COLUMNS]
