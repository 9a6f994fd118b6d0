"""Completeness per unit and group, overdue units and the chase list (data/services/completeness.py)."""
from datetime import date

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select, update

from data.db import unit_of_work
from data.errors import NotFound, PermissionDenied
from data.models import CITY_UNIT_KIND, Answer, Assignment, EvaluationCycle, Question, ReportingUnit
from data.services.review import review
from data.services.review.completeness import STATUSES, completeness_report, status_counts, unit_completeness
from review_fixtures import account, answers_with, second_region

DEADLINE_2025 = date(2026, 12, 18)


def cycle_2025(session):
    return session.scalar(select(EvaluationCycle).where(EvaluationCycle.year == 2025))


def test_every_assignment_counts_once_per_unit(seeded_engine):
    with unit_of_work(seeded_engine) as session:
        cycle = cycle_2025(session)
        units = unit_completeness(session, cycle, today=DEADLINE_2025)
        assignments = session.scalar(select(func.count()).select_from(Assignment))
        # the city's answer to a question every kecamatan or kelurahan answers is derived, not owed by an OPD
        answered = session.scalar(
            select(func.count()).select_from(Answer).join(Question, Answer.question_id == Question.id)
            .join(ReportingUnit, Answer.reporting_unit_id == ReportingUnit.id)
            .where(Answer.cycle_id == cycle.id,
                   Question.derivation.is_(None) | (ReportingUnit.kind != CITY_UNIT_KIND)))
    assert list(units.columns[:11]) == ["unit_id", "unit_short_name", "unit_name", "kind", "focal_points", "assigned",
                                        *STATUSES]
    assert (units[list(STATUSES)].sum(axis=1) == units["assigned"]).all()
    assert units["assigned"].sum() == assignments
    assert units[["draft", "submitted", "returned", "verified"]].to_numpy().sum() == answered
    dinkes = units.set_index("unit_short_name").loc["dinkes"]
    assert dinkes["focal_points"] == "Operator Dinas Kesehatan Kota Kupang" and dinkes["kind"] == "opd"
    assert units["percent_submitted"].between(0, 100).all() and units["percent_verified"].between(0, 100).all()
    assert not units["overdue"].any()  # on the deadline day nobody is late yet


def test_units_that_owe_answers_are_overdue_after_the_deadline(seeded_engine):
    with unit_of_work(seeded_engine) as session:
        cycle = cycle_2025(session)
        bapenda = session.scalar(select(ReportingUnit).where(ReportingUnit.short_name == "bapenda"))
        # bapenda submits everything it was asked: it is not late, whatever the date.
        for question_id, in session.execute(select(Assignment.question_id)
                                            .where(Assignment.reporting_unit_id == bapenda.id)):
            session.add(Answer(region_id=cycle.region_id, cycle_id=cycle.id, question_id=question_id,
                                 reporting_unit_id=bapenda.id, bool_value=True, status="submitted", self_points=0))
        session.flush()
        late = unit_completeness(session, cycle, today=date(2026, 12, 19)).set_index("unit_short_name")
    assert not late.loc["bapenda", "overdue"] and late.loc["bapenda", "outstanding"] == 0
    assert late.loc["bapenda", "percent_submitted"] == 100.0
    assert late.drop(index="bapenda")["overdue"].all()


def test_answers_outside_the_assignments_never_push_a_share_above_100(seeded_engine):
    with unit_of_work(seeded_engine) as session:
        cycle = cycle_2025(session)
        bapenda = session.scalar(select(ReportingUnit).where(ReportingUnit.short_name == "bapenda"))
        assigned = set(session.scalars(
            select(Assignment.question_id).where(Assignment.reporting_unit_id == bapenda.id)))
        for question in session.scalars(select(Question).where(Question.id.not_in(assigned)).limit(20)):
            session.add(Answer(region_id=cycle.region_id, cycle_id=cycle.id, question_id=question.id,
                               reporting_unit_id=bapenda.id, bool_value=True, status="verified", self_points=0,
                               verified_points=0))
        session.flush()
        units = unit_completeness(session, cycle).set_index("unit_short_name")
    assert units.loc["bapenda", "assigned"] == len(assigned)
    assert units.loc["bapenda", "verified"] == 0 and units.loc["bapenda", "percent_verified"] == 0


def test_an_inactive_unit_is_not_chased(seeded_engine):
    with unit_of_work(seeded_engine) as session:
        session.execute(update(ReportingUnit).where(ReportingUnit.short_name == "bnn").values(active=False))
        units = unit_completeness(session, cycle_2025(session))
    assert "bnn" not in set(units["unit_short_name"])


statuses = st.lists(st.tuples(st.sampled_from(["dp3a", "dinkes", "kec_alak"]), st.sampled_from(STATUSES)),
                    max_size=60)


@settings(max_examples=200, deadline=None)
@given(statuses)
def test_shares_stay_within_0_and_100_and_counts_add_up(pairs):
    frame = pd.DataFrame(pairs, columns=["unit", "status"])
    counts = status_counts(frame, ["unit"])
    assert counts["percent_submitted"].between(0, 100).all()
    assert counts["percent_verified"].between(0, 100).all()
    assert (counts["percent_verified"] <= counts["percent_submitted"] + 1e-9).all()
    assert (counts[list(STATUSES)].sum(axis=1) == counts["assigned"]).all()
    assert counts["assigned"].sum() == len(pairs)
    assert (counts["outstanding"] == counts[["not_started", "draft", "returned"]].sum(axis=1)).all()


def test_report_for_the_task_force(seeded_engine):
    report = completeness_report(seeded_engine, account(seeded_engine, "ketua"), today=date(2026, 11, 22))
    assert (report.region_code, report.cycle_year, report.cycle_status) == ("53.71", 2025, "open")
    assert report.days_left == 26 and not report.past_deadline
    assert report.may_manage_cycle  # the chair
    assert report.totals["assigned"] == report.units["assigned"].sum() == report.groups["assigned"].sum()
    for status in STATUSES:
        assert report.groups[status].sum() == report.units[status].sum() == report.totals[status]
    assert 0 <= report.totals["percent_submitted"] <= 100
    assert list(report.groups["group_code"]) == ["KELEMBAGAAN", "KLASTER_I", "KLASTER_II", "KLASTER_III",
                                                 "KLASTER_IV", "KLASTER_V", "KELANA_DEKELA"]
    chase = report.chase
    assert set(chase["unit_short_name"]) == set(report.units.loc[report.units["outstanding"] > 0, "unit_short_name"])
    assert list(chase["outstanding"]) == sorted(chase["outstanding"], reverse=True)
    dinkes = chase.set_index("unit_short_name").loc["dinkes"]
    unit = report.units.set_index("unit_short_name").loc["dinkes"]
    assert len(dinkes["not_started_codes"]) == unit["not_started"]
    assert len(dinkes["returned_codes"]) == unit["returned"] and len(dinkes["draft_codes"]) == unit["draft"]
    assert dinkes["focal_points"] == "Operator Dinas Kesehatan Kota Kupang"


def test_report_moves_with_a_review(seeded_engine):
    chair = account(seeded_engine, "ketua")
    before = completeness_report(seeded_engine, chair).totals
    answer = answers_with(seeded_engine, "submitted")[0]
    review.verify(seeded_engine, chair, answer.id, answer.version)
    after = completeness_report(seeded_engine, chair).totals
    assert (after["submitted"], after["verified"]) == (before["submitted"] - 1, before["verified"] + 1)


def test_report_of_a_past_cycle_and_overdue_flags(seeded_engine):
    report = completeness_report(seeded_engine, account(seeded_engine, "sekretariat"), year=2024)
    assert report.cycle_status == "closed" and report.past_deadline
    assert not report.may_manage_cycle  # the secretariat reads, the chair manages cycles
    assert report.totals["units_overdue"] == int(report.units["overdue"].sum()) > 0
    assert report.chase["overdue"].iloc[0]


def test_who_sees_completeness(seeded_engine):
    with pytest.raises(PermissionDenied):
        completeness_report(seeded_engine, account(seeded_engine, "opd.dinkes"))
    admin = account(seeded_engine, "admin")
    with pytest.raises(NotFound):
        completeness_report(seeded_engine, admin)
    assert completeness_report(seeded_engine, admin, region_code="53.71").region_code == "53.71"
    second_region(seeded_engine)
    other = account(seeded_engine, "anggota.kab")
    with pytest.raises(PermissionDenied):
        completeness_report(seeded_engine, other, region_code="53.71")
    own = completeness_report(seeded_engine, other)
    assert own.region_code == "53.01" and own.totals["assigned"] == 1 and own.totals["submitted"] == 1
    with pytest.raises(NotFound, match="2019"):
        completeness_report(seeded_engine, other, year=2019)
