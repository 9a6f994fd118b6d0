"""Shared helpers of the review, completeness and cycle tests: demo accounts, answers by status and
a second region with its own task force."""
from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from data.actor import SignedInUser, signed_in_user
from data.db import current_data_version, unit_of_work
from data.models import (
    Answer,
    Assignment,
    AuditLog,
    CatalogVersion,
    EvaluationCycle,
    Question,
    Region,
    ReportingUnit,
    ReviewEvent,
    User,
)
from data.services.accounts.auth import hash_password


def account(engine, username: str) -> SignedInUser:
    with unit_of_work(engine) as session:
        user = session.scalar(select(User).where(User.username == username))
        return signed_in_user(user)


def answers_with(engine, status: str, year: int = 2025, limit: int = 5,
                 evidence_required: bool | None = False) -> list[Answer]:
    """The first answers in a status; by default of questions that ask for no evidence (verifying one
    that does without its evidence needs a reason), True for those that do, None for any."""
    with unit_of_work(engine) as session:
        query = (select(Answer).join(EvaluationCycle, Answer.cycle_id == EvaluationCycle.id)
                 .join(Question, Answer.question_id == Question.id)
                 .where(Answer.status == status, EvaluationCycle.year == year,
                        EvaluationCycle.region_id == Answer.region_id))
        if evidence_required is not None:
            query = query.where(Question.evidence_required.is_(evidence_required))
        return list(session.scalars(query.order_by(Answer.id).limit(limit)))


def answer_row(engine, answer_id: int) -> Answer:
    with unit_of_work(engine) as session:
        return session.get(Answer, answer_id)


def question_of(engine, answer: Answer) -> Question:
    with unit_of_work(engine) as session:
        return session.get(Question, answer.question_id)


def events_of(engine, answer_id: int) -> list[ReviewEvent]:
    with unit_of_work(engine) as session:
        return list(session.scalars(select(ReviewEvent).where(ReviewEvent.answer_id == answer_id)
                                    .order_by(ReviewEvent.id)))


def audit_of(engine, action: str | None = None) -> list[AuditLog]:
    with unit_of_work(engine) as session:
        query = select(AuditLog).order_by(AuditLog.id)
        if action:
            query = query.where(AuditLog.action == action)
        return list(session.scalars(query))


def snapshot(engine) -> tuple:
    """Everything a refused action must leave untouched: answers, review events, audit rows,
    cycles and the data version."""
    with unit_of_work(engine) as session:
        answers = tuple(session.execute(select(Answer.id, Answer.status, Answer.version, Answer.verified_points,
                                               Answer.return_reason).order_by(Answer.id)).all())
        cycles = tuple(session.execute(select(EvaluationCycle.id, EvaluationCycle.status, EvaluationCycle.published)
                                       .order_by(EvaluationCycle.id)).all())
        events = session.scalar(select(func.count()).select_from(ReviewEvent))
        audits = session.scalar(select(func.count()).select_from(AuditLog))
    return answers, cycles, events, audits, current_data_version(engine, "53.71")


def second_region(engine) -> dict:
    """Kabupaten Kupang (53.01) with one OPD, the 2025 cycle on the demo's instrument, one submitted
    answer, and its own chair and member."""
    with unit_of_work(engine) as session:
        version = session.scalar(select(CatalogVersion))
        question = session.scalar(select(Question).where(Question.catalog_version_id == version.id,
                                                         Question.code == "1.1"))
        region = Region(code="53.01", name="Kabupaten Kupang", kind="kabupaten", province_code="53",
                        province_name="Nusa Tenggara Timur")
        session.add(region)
        session.flush()
        unit = ReportingUnit(region_id=region.id, kind="opd", short_name="dp3a", name="DP3A Kabupaten Kupang")
        cycle = EvaluationCycle(region_id=region.id, year=2025, catalog_version_id=version.id, status="open",
                                deadline=date(2026, 12, 18))
        session.add_all([unit, cycle])
        session.flush()
        session.add(Assignment(region_id=region.id, question_id=question.id, reporting_unit_id=unit.id))
        answer = Answer(region_id=region.id, cycle_id=cycle.id, question_id=question.id, reporting_unit_id=unit.id,
                        bool_value=True, status="submitted", self_points=question.max_points)
        session.add(answer)
        users = {}
        for username, role, unit_id in (("ketua.kab", "chair", None), ("anggota.kab", "member", None),
                                        ("opd.kab.dp3a", "opd", unit.id)):
            users[username] = User(username=username, display_name=username.title(), role=role,
                                   password_hash=hash_password("rahasia-kla-2024"), region_id=region.id,
                                   reporting_unit_id=unit_id)
        session.add_all(users.values())
        session.flush()
        return {"region_id": region.id, "answer_id": answer.id, "answer_version": answer.version,
                "unit_id": unit.id}
