"""The Kupang demo holds figures the city could have: every answer passes the checks the app
itself applies when a unit enters it (valid values, no number beyond the limits, and a change from
last cycle's answer that is plausible or explained in a note), and the bases of its percentages
are of Kupang's size (no "8.364 / 9.620" primary schools)."""
from __future__ import annotations

from sqlalchemy import select

from data.db import unit_of_work
from data.lookups import catalog_for_version
from data.models import CITY_UNIT_KIND, Answer, CatalogVersion, EvaluationCycle, Question, Region, ReportingUnit
from indicators.answers import answer_value, plausibility_problem, value_problems
from indicators.derivation import is_derived


def demo_answers(engine) -> tuple[dict, list]:
    with unit_of_work(engine, read_only=True) as session:
        version = session.scalar(select(CatalogVersion.version).join(
            EvaluationCycle, EvaluationCycle.catalog_version_id == CatalogVersion.id).limit(1))
        catalog = catalog_for_version(session, version)
        rows = session.execute(
            select(EvaluationCycle.year, Question.code, ReportingUnit.short_name, Answer.bool_value,
                   Answer.choice_code, Answer.numerator, Answer.denominator, Answer.count_value, Answer.note,
                   Answer.status)
            .join(EvaluationCycle, Answer.cycle_id == EvaluationCycle.id)
            .join(Region, EvaluationCycle.region_id == Region.id)
            .join(Question, Answer.question_id == Question.id)
            .join(ReportingUnit, Answer.reporting_unit_id == ReportingUnit.id)
            .where(Region.code == "53.71", ReportingUnit.kind == CITY_UNIT_KIND)
            .order_by(EvaluationCycle.year)).all()
    return {q.code: q for q in catalog.questions}, rows


def test_every_demo_answer_passes_the_apps_own_checks(seeded_engine):
    questions, rows = demo_answers(seeded_engine)
    previous: dict[tuple, object] = {}
    problems, checked = [], 0
    for row in rows:
        question = questions[row.code]
        value = answer_value(row)
        if row.status in ("submitted", "verified") and value_problems(question, value):
            problems.append(f"{row.year} {row.code}: {value_problems(question, value)}")
        if not is_derived(question):
            implausible = plausibility_problem(question, value, previous.get((row.code, row.short_name)))
            checked += previous.get((row.code, row.short_name)) is not None
            if implausible and "siklus lalu" not in (row.note or ""):
                problems.append(f"{row.year} {row.code} ({row.short_name}): {implausible}")
        previous[(row.code, row.short_name)] = value
    assert checked > 500  # three cycles compared with the one before
    assert problems == []


def test_the_bases_of_the_percentages_are_of_kupangs_size(seeded_engine):
    questions, rows = demo_answers(seeded_engine)
    bases = {}
    for row in rows:
        if questions[row.code].answer.type == "percentage" and row.denominator is not None:
            bases.setdefault(row.code, set()).add(row.denominator)
    assert max(bases["19.2b"]) < 200 and max(bases["19.2c"]) < 100  # primary and junior secondary schools
    assert max(bases["15.1"]) <= 12                                  # puskesmas
    assert 5_000 < min(bases["12.1"]) and max(bases["12.1"]) < 12_000   # births a year
    assert all(max(found) <= 466_000 for found in bases.values())    # nobody counts more than the city's people
    assert {"4.3", "12.1", "16.2", "19.2a", "19.2b", "19.2c", "19.2d"} <= set(bases)
