"""Writing an answer safely: the version-guarded write (of two writers of the same answer, one
wins, across processes), the stale error that names who changed it and when, the insert that
loses a race politely, and the state an audit row records. The one home of the optimistic lock."""
from __future__ import annotations

from typing import cast

from sqlalchemy import CursorResult, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from data.errors import StaleAnswer
from data.models import Answer, EvaluationCycle, Region, ReportingUnit, User, utc_now
from indicators.answers import VALUE_FIELDS, answer_value, display_value
from indicators.catalog import Question as CatalogQuestion
from indicators.wilayah import time_zone_of
from indicators.workflow import DRAFT

SOMEONE_ELSE = "pengguna lain"


def stale_error(session: Session, answer: Answer) -> StaleAnswer:
    """The refusal of a write against a version the user no longer sees: who changed it, when."""
    session.refresh(answer)
    who = session.scalar(select(User.display_name).where(User.id == answer.updated_by_id)) \
        if answer.updated_by_id else None
    return StaleAnswer(who or SOMEONE_ELSE, answer.updated_at, region_zone(session, answer.region_id))


def region_zone(session: Session, region_id: int) -> str | None:
    """The time zone a region's messages give times in (WIB, WITA or WIT)."""
    return time_zone_of(session.scalar(select(Region.code).where(Region.id == region_id)))


def require_version(session: Session, answer: Answer | None, expected: int | None) -> None:
    """The user saw `expected` (None: no answer existed yet); refuse if the answer moved on. An
    answer the user saw as missing may since have become the empty draft an evidence upload
    creates: that holds nothing a save could overwrite, so it is no conflict."""
    if answer is None:
        if expected is not None:
            raise StaleAnswer(SOMEONE_ELSE, utc_now())
        return
    if expected is None and holds_nothing(answer):
        return
    if expected != answer.version:
        raise stale_error(session, answer)


def holds_nothing(answer: Answer) -> bool:
    """A first-version draft with no value and no note (made by attaching evidence first)."""
    return (answer.version == 1 and answer.status == DRAFT and not answer.note
            and all(getattr(answer, field) is None for field in VALUE_FIELDS))


def guarded_update(session: Session, answer: Answer, seen_version: int, **values) -> None:
    """UPDATE ... WHERE version = seen, bumping the version; refreshes `answer` afterwards."""
    result = cast(CursorResult, session.execute(
        update(Answer).where(Answer.id == answer.id, Answer.version == seen_version)
        .values(**values, version=seen_version + 1).execution_options(synchronize_session=False)))
    if result.rowcount != 1:
        session.expire(answer)
        raise stale_error(session, answer)
    session.expire(answer)
    session.refresh(answer)


def insert_answer(session: Session, cycle: EvaluationCycle, unit: ReportingUnit, question_id: int,
                  **fields) -> Answer:
    """A unit's first answer to a question, at version 1. If someone created it after we looked,
    theirs stands and ours is refused as stale."""
    answer = Answer(region_id=cycle.region_id, cycle_id=cycle.id, question_id=question_id,
                    reporting_unit_id=unit.id, version=1, **fields)
    bind, key, region_id = session.get_bind().engine, (cycle.id, unit.id, question_id), cycle.region_id
    session.add(answer)
    try:
        session.flush()
    except IntegrityError:
        # This transaction is lost (the caller rolls it back), so the winner is read on a
        # connection of its own. No SAVEPOINT: pysqlite would commit the outer work on its RELEASE.
        with bind.connect().execution_options(kla_read_only=True) as connection:
            winner = connection.execute(
                select(User.display_name, Answer.updated_at).outerjoin(User, Answer.updated_by_id == User.id)
                .where(Answer.cycle_id == key[0], Answer.reporting_unit_id == key[1],
                       Answer.question_id == key[2])).first()
            region_code = connection.scalar(select(Region.code).where(Region.id == region_id))
        if winner is None:
            raise
        raise StaleAnswer(winner.display_name or SOMEONE_ELSE, winner.updated_at, time_zone_of(region_code)) from None
    return answer


def answer_state(question: CatalogQuestion, answer: Answer) -> dict:
    """An answer as its audit rows record it (old and new): value, display, note, status, points,
    version, and the verified points once there are any."""
    value = answer_value(answer)
    state = {"value": {f: getattr(value, f) for f in VALUE_FIELDS if getattr(value, f) is not None},
             "display": display_value(question, value), "note": answer.note, "status": answer.status,
             "points": answer.self_points, "version": answer.version}
    if answer.verified_points is not None:
        state["verified_points"] = answer.verified_points
    return state
