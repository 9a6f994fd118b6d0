"""The city's answers that follow from its kecamatan and kelurahan (Kelana Dekela).

A question asked of every kecamatan or every desa/kelurahan (indicators.derivation) is answered
yes/no by each active unit of that kind; the city's answer is stored as an ordinary Answer of the
question's lead OPD (its first data source; the OPD cannot edit it) and kept in line by
`recompute`, which every service that changes a unit's answer or the list of units calls in its
own transaction. A closed cycle is never recomputed: its published figures stay as they were.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from data import audit
from data.answer_store import answer_state
from data.lookups import cycle_catalog
from data.models import CITY_UNIT_KIND, Answer, EvaluationCycle, Question, ReportingUnit, utc_now
from indicators.catalog import Catalog
from indicators.catalog import Question as CatalogQuestion
from indicators.derivation import (
    DerivedAnswer,
    DerivedPoints,
    UnitAnswer,
    derivation_points,
    derive_share_yes,
    is_derived,
    unit_catalog,
    unit_kind,
)
from indicators.workflow import CYCLE_CLOSED, DRAFT, VERIFIED

FROZEN_CYCLE_STATUSES = (CYCLE_CLOSED,)


@dataclass(frozen=True)
class DerivedQuestion:
    question: CatalogQuestion
    kind: str
    derived: DerivedAnswer
    holder: str | None   # short name of the OPD that holds the city's answer


def active_units(session: Session, region_id: int, kind: str) -> list[ReportingUnit]:
    return list(session.scalars(select(ReportingUnit).where(
        ReportingUnit.region_id == region_id, ReportingUnit.kind == kind, ReportingUnit.active.is_(True))
        .order_by(ReportingUnit.name)))


def catalog_for_unit(session: Session, cycle: EvaluationCycle, unit: ReportingUnit) -> Catalog:
    """The cycle's catalog as the unit answers it: a kecamatan or kelurahan sees its questions as
    yes/no questions on their unit prompt, worth what one yes adds to the city."""
    return catalog_for_kind(session, cycle, unit.kind)


def catalog_for_kind(session: Session, cycle: EvaluationCycle, kind: str) -> Catalog:
    """catalog_for_unit for every unit of `kind` (the city's own catalog for an OPD)."""
    catalog = cycle_catalog(session, cycle)
    if kind == CITY_UNIT_KIND:
        return catalog
    count = len(active_units(session, cycle.region_id, kind))
    return _unit_catalog(catalog, kind, count)


_unit_catalogs: dict[tuple[int, str, int], Catalog] = {}


def _unit_catalog(catalog: Catalog, kind: str, count: int) -> Catalog:
    key = (id(catalog), kind, count)
    if key not in _unit_catalogs:
        _unit_catalogs[key] = unit_catalog(catalog, kind, count)
    return _unit_catalogs[key]


def derived_question_codes(catalog: Catalog) -> set[str]:
    return {q.code for q in catalog.questions if is_derived(q)}


def derived_questions(session: Session, cycle: EvaluationCycle) -> list[DerivedQuestion]:
    """Every derived question of the cycle with the derivation as the units' answers make it now
    (for a closed cycle: over the units active now; the stored city answer is what counts)."""
    catalog = cycle_catalog(session, cycle)
    kinds = {q.code: kind for q in catalog.questions if (kind := unit_kind(q)) is not None}  # the derived ones
    questions = [q for q in catalog.questions if q.code in kinds]
    if not questions:
        return []
    units = {kind: active_units(session, cycle.region_id, kind) for kind in set(kinds.values())}
    answers = _unit_answers(session, cycle, [q.code for q in questions])
    holders = _holders(session, cycle.region_id)
    result = []
    for q in questions:
        kind = kinds[q.code]
        names = [u.short_name for u in units[kind]]
        derived = derive_share_yes(q, answers.get(q.code, []), names)
        holder = next((s for s in q.data_sources if s in holders), None)
        result.append(DerivedQuestion(q, kind, derived, holder))
    return result


def recompute(session: Session, cycle: EvaluationCycle, actor_id: int | None = None,
              include_closed: bool = False) -> list[str]:
    """Bring the city's derived answers (and each unit answer's points for the city) in line with
    the units' answers; returns the codes whose city answer changed. Runs in the caller's
    transaction; a closed cycle is left alone unless include_closed (the demo loader)."""
    if cycle.status in FROZEN_CYCLE_STATUSES and not include_closed:
        return []
    changed = []
    holders = _holders(session, cycle.region_id)
    question_ids = dict(session.execute(select(Question.code, Question.id).where(
        Question.catalog_version_id == cycle.catalog_version_id, Question.derivation.is_not(None))).all())
    items = derived_questions(session, cycle)
    points = derivation_points([(item.question, item.derived) for item in items])
    for item, earned in zip(items, points):
        _update_unit_points(session, cycle, item, question_ids[item.question.code], earned.yes_worth)
        holder = holders.get(item.holder) if item.holder else None
        if holder is None:
            continue
        if _store_city_answer(session, cycle, item, earned, holder, question_ids[item.question.code], actor_id):
            changed.append(item.question.code)
    return changed


def _holders(session: Session, region_id: int) -> dict[str, ReportingUnit]:
    return {u.short_name: u for u in active_units(session, region_id, CITY_UNIT_KIND)}


def _unit_answers(session: Session, cycle: EvaluationCycle, codes: list[str]) -> dict[str, list[UnitAnswer]]:
    rows = session.execute(
        select(Question.code, ReportingUnit.short_name, Answer.bool_value, Answer.status, Answer.verified_points)
        .join(Question, Answer.question_id == Question.id)
        .join(ReportingUnit, Answer.reporting_unit_id == ReportingUnit.id)
        .where(Answer.cycle_id == cycle.id, Question.code.in_(codes), ReportingUnit.kind != CITY_UNIT_KIND)).all()
    answers: dict[str, list[UnitAnswer]] = {}
    for code, unit, value, status, verified_points in rows:
        answers.setdefault(code, []).append(UnitAnswer(unit, value, status, verified_points))
    return answers


def _update_unit_points(session: Session, cycle: EvaluationCycle, item: DerivedQuestion, question_id: int,
                        yes_worth: float) -> None:
    """A unit's yes is worth what it adds to the city given the others' answers; that changes
    when units answer, join or leave, so the stored figure follows (no new answer version: the
    unit's own answer did not change)."""
    for value in (True, False):
        worth = yes_worth if value else 0.0
        session.execute(
            update(Answer).where(
                Answer.cycle_id == cycle.id, Answer.question_id == question_id, Answer.bool_value.is_(value),
                Answer.reporting_unit_id.in_(select(ReportingUnit.id).where(
                    ReportingUnit.region_id == cycle.region_id, ReportingUnit.kind == item.kind)),
                (Answer.self_points.is_(None)) | (Answer.self_points != worth))
            .values(self_points=worth).execution_options(synchronize_session=False))


def _store_city_answer(session: Session, cycle: EvaluationCycle, item: DerivedQuestion, earned: DerivedPoints,
                       holder: ReportingUnit, question_id: int, actor_id: int | None) -> bool:
    derived, question = item.derived, item.question
    answer = session.scalar(select(Answer).where(
        Answer.cycle_id == cycle.id, Answer.question_id == question_id, Answer.reporting_unit_id == holder.id))
    if answer is None and not derived.has_value:
        return False
    value = derived.value
    self_points, verified_points = earned.self_points, earned.verified_points
    status = derived.status
    new = {"numerator": value.numerator, "denominator": value.denominator, "status": status,
           "self_points": self_points, "verified_points": verified_points if status == VERIFIED else None}
    if answer is not None and all(_same(getattr(answer, k), v) for k, v in new.items()):
        return False
    old = answer_state(question, answer) if answer is not None else None
    now = utc_now()
    stamps = {"updated_at": now, "updated_by_id": None, "bool_value": None, "choice_code": None,
              "count_value": None, "submitted_at": now if status != DRAFT else None,
              "verified_at": now if status == VERIFIED else None, "verified_by_id": None,
              "verified_reason": None, "return_reason": None}
    if answer is None:
        answer = Answer(region_id=cycle.region_id, cycle_id=cycle.id, question_id=question_id,
                        reporting_unit_id=holder.id, version=1, **new, **stamps)
        session.add(answer)
        session.flush()
    else:
        for key, val in {**new, **stamps}.items():
            setattr(answer, key, val)
        answer.version += 1
        session.flush()
    audit.record(session, actor_id, "answer.derive", "answer", answer.id, cycle.region_id, {
        "question": question.code, "unit": holder.short_name, "cycle": cycle.year, "rule": question.derivation,
        "yes": derived.yes, "verified_yes": derived.verified_yes, "units": derived.unit_count,
        "old": old, "new": answer_state(question, answer)})
    return True


def _same(stored, new) -> bool:
    if stored is None or new is None:
        return stored is None and new is None
    if isinstance(new, float):
        return abs(float(stored) - new) < 1e-9
    return stored == new
