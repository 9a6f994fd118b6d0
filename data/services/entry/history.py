"""An answer's history (its audit rows, oldest first) and its co-answers (the other units
assigned the same question)."""
from __future__ import annotations

from sqlalchemy import Engine, and_, or_, select

from data.actor import SignedInUser
from data.db import unit_of_work
from data.errors import PermissionDenied
from data.models import CITY_UNIT_KIND, Answer, Assignment, AuditLog, EvidenceFile, ReportingUnit, User
from data.services.entry.scope import (
    acting_unit,
    assigned_question_ids,
    entry_cycle,
    question_id_of,
    readable_answer_scope,
)
from data.services.kelana.derived_answers import catalog_for_unit
from indicators import text
from indicators.answers import answer_value, display_value
from indicators.workflow import status_name


def answer_history(engine: Engine, actor: SignedInUser, question_code: str, year: int | None = None,
                   unit_short_name: str | None = None) -> list[dict]:
    """Who changed the answer, when, from what to what: the answer's audit rows and those of its
    evidence files (uploads and replacements), oldest first. A unit user sees their own unit's
    answer; the task force, secretariat and admin of the region name the unit."""
    with unit_of_work(engine, read_only=True) as session:
        cycle, unit = readable_answer_scope(session, actor, year, unit_short_name)
        question_id = question_id_of(session, cycle, question_code)
        answer_id = session.scalar(select(Answer.id).where(
            Answer.cycle_id == cycle.id, Answer.reporting_unit_id == unit.id, Answer.question_id == question_id))
        if answer_id is None:
            return []
        files = {str(i): name for i, name in session.execute(
            select(EvidenceFile.id, EvidenceFile.filename).where(EvidenceFile.answer_id == answer_id))}
        rows = session.execute(
            select(AuditLog.at, AuditLog.action, AuditLog.entity, AuditLog.details, User.display_name)
            .outerjoin(User, AuditLog.actor_id == User.id)
            .where(or_(and_(AuditLog.entity == "answer", AuditLog.entity_id == str(answer_id)),
                       and_(AuditLog.entity == "evidence_file", AuditLog.entity_id.in_(list(files)))))
            .order_by(AuditLog.at, AuditLog.id)).all()
        return [_event(at, action, entity, details, who, files) for at, action, entity, details, who in rows]


def _event(at, action: str, entity: str, details: dict, who: str | None, files: dict[str, str]) -> dict:
    if entity == "evidence_file":
        replaced = files.get(str(details.get("replaces"))) if details.get("replaces") else None
        size = text.file_size(details["size_bytes"]) if details.get("size_bytes") else ""
        new = f"{details.get('filename', '')} ({size}, versi {details.get('file_version', 1)})" if size else \
            str(details.get("filename", ""))
        return {"at": at, "who": who or "sistem", "action": action, "old": replaced or "", "new": new,
                "reason": None, "source": None}
    return {"at": at, "who": who or "sistem", "action": action,
            "old": _state_text(details.get("old")), "new": _state_text(details.get("new")),
            "reason": details.get("reason"), "source": details.get("source")}


def co_answers(engine: Engine, actor: SignedInUser, question_code: str, year: int | None = None) -> list[dict]:
    """The other units assigned the same question in the cycle, with their answers' status and
    value. A unit user sees them only for a question assigned to their own unit."""
    with unit_of_work(engine, read_only=True) as session:
        unit = acting_unit(session, actor)
        cycle = entry_cycle(session, actor, year)
        question_id = question_id_of(session, cycle, question_code)
        if question_code not in assigned_question_ids(session, cycle, unit):
            raise PermissionDenied(f"Pertanyaan {question_code} tidak ditugaskan kepada {unit.name}.")
        if unit.kind != CITY_UNIT_KIND:
            return []  # every kecamatan or kelurahan answers for itself; the task force sees them all
        question = catalog_for_unit(session, cycle, unit).question(question_code)
        rows = session.execute(
            select(ReportingUnit.short_name, ReportingUnit.name, Answer)
            .select_from(Assignment)
            .join(ReportingUnit, Assignment.reporting_unit_id == ReportingUnit.id)
            .outerjoin(Answer, and_(Answer.reporting_unit_id == ReportingUnit.id, Answer.cycle_id == cycle.id,
                                    Answer.question_id == question_id))
            .where(Assignment.question_id == question_id, Assignment.region_id == cycle.region_id,
                   ReportingUnit.id != unit.id, ReportingUnit.active.is_(True))
            .order_by(ReportingUnit.name)).all()
        return [{"unit_short_name": short, "unit_name": name,
                 "status": answer.status if answer else "not_started",
                 "display_value": display_value(question, answer_value(answer)) if answer else "",
                 "note": answer.note if answer else None}
                for short, name, answer in rows]


def _state_text(state) -> str:
    """An audit row's old/new state as one line: value, status (and points when known)."""
    if not isinstance(state, dict):
        return "" if state is None else str(state)
    parts = []
    if state.get("display"):
        parts.append(str(state["display"]))
    if state.get("status"):
        parts.append(status_name(state["status"]))
    for key in ("points", "verified_points"):
        if state.get(key) is not None:
            parts.append(f"{text.number(state[key])} poin")
            break
    return " · ".join(parts)
