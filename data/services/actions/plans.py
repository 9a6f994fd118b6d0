"""Action plans (RAD KLA): the chair, the secretariat or the admin create actions for a cycle (one
from a gap of "what lifts the score" in one step), each with a lead OPD; the lead and supporting
OPDs report progress, with a note and evidence, on their own actions only. Every change is audited
and bumps the region's data version. indicators.actions holds the rules of what may be typed."""
from __future__ import annotations

import hashlib
from datetime import date

import pandas as pd
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from data import audit
from data.access import (
    ACTION_MANAGERS,
    ACTION_READERS,
    REGION_READERS,
    named_or_own_region,
    require_active_actor,
    require_current_account,
    require_role,
)
from data.actor import SignedInUser
from data.db import bump_data_version, unit_of_work
from data.errors import DomainError, InvalidInput, NotFound, PermissionDenied
from data.files.evidence_check import KINDS, detect_kind, file_problems
from data.lookups import (
    cycle_catalog,
    find_cycle,
    find_unit,
    previous_cycle,
    years_and_open_one,
)
from data.models import (
    CITY_UNIT_KIND,
    ActionPlan,
    ActionUpdate,
    Answer,
    EvaluationCycle,
    Meeting,
    Question,
    Region,
    ReportingUnit,
    User,
    utc_now,
)
from indicators import actions as rules
from indicators import clock
from indicators.workflow import VERIFIED

NOT_A_MANAGER = "Hanya Ketua Gugus Tugas, sekretariat KLA atau admin yang dapat membuat dan mengubah rencana aksi."
LIST_COLUMNS = ["id", "indicator_code", "question_codes", "title", "output", "lead_unit", "lead_unit_name",
                "supporting_units", "due_date", "budget_amount", "budget_source", "points", "status", "progress",
                "overdue", "version", "updated_at", "last_note", "meeting_id"]


def _units(session: Session, region: Region, short_names, problems: list[str], what: str) -> list[ReportingUnit]:
    found = []
    for short in [s.strip() for s in short_names if s and s.strip()]:
        try:
            unit = find_unit(session, region, short)
        except NotFound:
            problems.append(f"{what} '{short[:30]}' tidak ada di {region.name}.")
            continue
        if unit.kind != "opd" or not unit.active:
            problems.append(f"{what} '{short}' bukan OPD yang aktif.")
            continue
        found.append(unit)
    return found


def create_action(engine: Engine, actor: SignedInUser, region_code: str | None, year: int, *,
                  indicator_code: str, title: str, lead_unit: str | None, due_date: date | None,
                  question_codes=(), output: str | None = None,
                  supporting_units=(), budget_amount=None, budget_source: str | None = None,
                  points: float | None = None, meeting_id: int | None = None) -> int:
    """A new action (proposed) of the cycle; returns its id. With meeting_id, a decision of that
    Rakor (of the same region and cycle)."""
    require_role(actor, ACTION_MANAGERS, NOT_A_MANAGER)
    with unit_of_work(engine) as session:
        require_current_account(session, actor)
        region = named_or_own_region(session, actor, region_code)
        cycle = find_cycle(session, region, int(year))
        catalog = cycle_catalog(session, cycle)
        problems = [p for p in (rules.text_problem(title, "judul aksi", rules.MAX_TITLE, required=True),
                                rules.text_problem(output, "keluaran", rules.MAX_OUTPUT),
                                rules.due_problem(due_date, cycle.year)) if p]
        indicator = next((i for i in catalog.indicators if i.code == (indicator_code or "").strip()), None)
        if indicator is None:
            problems.append(f"Indikator '{(indicator_code or '')[:20]}' tidak ada dalam instrumen {catalog.version}.")
        codes = [c.strip() for c in question_codes if c and c.strip()]
        if indicator is not None:
            own = {q.code for q in indicator.questions}
            problems += [f"Pertanyaan {c} bukan bagian indikator {indicator.code}." for c in codes if c not in own]
        if not (lead_unit or "").strip():
            problems.append("Pilih OPD penanggung jawab (lead) aksi ini.")
            lead = []
        else:
            lead = _units(session, region, [lead_unit], problems, "OPD penanggung jawab")
        supporting = _units(session, region, supporting_units, problems, "OPD pendukung")
        amount, budget_problem = rules.parse_budget(budget_amount)
        if budget_problem:
            problems.append(budget_problem)
        source = (budget_source or "").strip() or None
        if source is not None and source not in rules.BUDGET_SOURCES:
            problems.append(f"Sumber anggaran '{source[:20]}' tidak dikenal; pilih {', '.join(rules.BUDGET_SOURCES)}.")
        if meeting_id is not None:
            meeting = session.get(Meeting, meeting_id)
            if meeting is None or meeting.region_id != region.id or meeting.cycle_id != cycle.id:
                problems.append(f"Rapat itu bukan rapat siklus {cycle.year} {region.name}.")
        if problems or indicator is None or due_date is None:  # both missing have put their problem in the list
            raise InvalidInput(problems)
        action = ActionPlan(
            region_id=region.id, cycle_id=cycle.id, indicator_code=indicator.code, question_codes=codes,
            title=title.strip(), output=(output or "").strip() or None, lead_unit_id=lead[0].id,
            supporting_unit_ids=[u.id for u in supporting if u.id != lead[0].id], due_date=due_date,
            budget_amount=amount, budget_source=source, points=points, status=rules.PROPOSED, progress=0,
            created_by_id=actor.id, meeting_id=meeting_id)
        session.add(action)
        session.flush()
        audit.record(session, actor.id, "action.create", "action_plan", action.id, region.id,
                     {"region": region.code, "cycle": cycle.year, "indicator": indicator.code, "questions": codes,
                      "title": action.title, "lead": lead[0].short_name, "due": due_date.isoformat(),
                      "budget": amount, "points": points, "meeting": meeting_id})
        bump_data_version(session, region.id)
        return action.id


def propose_from_gap(engine: Engine, actor: SignedInUser, region_code: str | None, year: int, question_code: str,
                     points: float | None = None) -> int:
    """One click on a gap of "what lifts the score": a proposed action for its question, led by the
    OPD that answers it, due at the cycle's deadline (or the end of its year), worth `points`."""
    require_active_actor(engine, actor)
    with unit_of_work(engine, read_only=True) as session:
        region = named_or_own_region(session, actor, region_code)
        cycle = find_cycle(session, region, int(year))
        question = next((q for q in cycle_catalog(session, cycle).questions if q.code == question_code), None)
        if question is None:
            raise InvalidInput([f"Pertanyaan '{str(question_code)[:20]}' "
                                f"tidak ada dalam instrumen siklus {cycle.year}."])
        lead = next((u.short_name for u in session.scalars(select(ReportingUnit).where(
            ReportingUnit.region_id == region.id, ReportingUnit.kind == "opd", ReportingUnit.active.is_(True))
            .order_by(ReportingUnit.short_name)) if question.lead_source in (u.data_sources or [])), None)
        due = cycle.deadline if cycle.deadline and cycle.deadline.year >= cycle.year else date(cycle.year, 12, 31)
    return create_action(engine, actor, region_code, year, indicator_code=question.indicator_code,
                         question_codes=[question.code], title=f"Penuhi {question.code}: {question.prompt.id}"[:200],
                         lead_unit=lead, due_date=due, points=points)


def _readable(session: Session, actor: SignedInUser, action: ActionPlan) -> None:
    require_current_account(session, actor)
    if actor.role == "opd":
        if actor.unit_id != action.lead_unit_id and actor.unit_id not in (action.supporting_unit_ids or []):
            raise PermissionDenied("Aksi ini milik OPD lain; Anda hanya dapat membuka dan memperbarui aksi OPD Anda.")
    elif actor.role in REGION_READERS:
        if actor.role != "admin" and actor.region_id != action.region_id:
            raise PermissionDenied("Aksi ini milik wilayah lain.")
    else:
        raise PermissionDenied("Rencana aksi dibuka Gugus Tugas, sekretariat, admin dan OPD penanggung jawabnya.")


def report_progress(engine: Engine, actor: SignedInUser, action_id: int, *, status: str, progress, note: str | None,
                    evidence: tuple[str, bytes] | None = None, expected_version: int | None = None) -> int:
    """A progress report on an action by its lead or supporting OPD (or a manager); returns the
    action's new version. A cancelled or done action takes no more reports."""
    require_active_actor(engine, actor)
    problems = [p for p in (rules.progress_problem(progress), rules.text_problem(note, "catatan kemajuan",
                                                                               rules.MAX_NOTE)) if p]
    if status not in rules.ACTION_STATUSES:
        problems.append(f"Status '{str(status)[:20]}' tidak dikenal.")
    if status == rules.CANCELLED and actor.role not in ACTION_MANAGERS:
        problems.append("Hanya Ketua Gugus Tugas, sekretariat atau admin yang dapat membatalkan aksi.")
    if evidence is not None:
        problems += file_problems(*evidence)
    if problems:
        raise InvalidInput(problems)
    if actor.role not in ACTION_MANAGERS and actor.role != "opd":
        raise PermissionDenied("Kemajuan aksi dilaporkan OPD penanggung jawabnya, Gugus Tugas atau sekretariat.")
    with unit_of_work(engine) as session:
        action = session.get(ActionPlan, int(action_id))
        if action is None:
            raise NotFound(f"Aksi {action_id} tidak ada.")
        _readable(session, actor, action)
        if expected_version is not None and action.version != expected_version:
            raise DomainError("Aksi ini baru saja diperbarui orang lain; muat ulang halaman lalu ulangi.")
        if action.status in (rules.DONE, rules.CANCELLED):
            raise InvalidInput([f"Aksi ini sudah {rules.status_name(action.status)}; tidak dapat dilaporkan lagi."])
        value = float(progress)
        if status == rules.DONE:
            value = 100.0
        old = {"status": action.status, "progress": action.progress}
        action.status, action.progress, action.version, action.updated_at = status, value, action.version + 1, utc_now()
        update = ActionUpdate(action_id=action.id, author_id=actor.id, status=status, progress=value,
                              note=(note or "").strip() or None)
        if evidence is not None:
            name, content = evidence
            update.filename, update.content = name, content
            kind = detect_kind(content)
            if kind is None:  # file_problems above has already refused a file of no known kind
                raise InvalidInput(file_problems(name, content))
            update.content_type = KINDS[kind][0]
        session.add(update)
        audit.record(session, actor.id, "action.progress", "action_plan", action.id, action.region_id,
                     {"old": old, "new": {"status": status, "progress": value}, "note": update.note,
                      "evidence": None if evidence is None else {"name": evidence[0],
                                                                 "sha256": hashlib.sha256(evidence[1]).hexdigest()}})
        bump_data_version(session, action.region_id)
        return action.version


def list_actions(engine: Engine, actor: SignedInUser, region_code: str | None, year: int,
                 today: date | None = None) -> pd.DataFrame:
    """The cycle's actions (LIST_COLUMNS), overdue first, then by due date; an OPD sees only the
    actions it leads or supports."""
    require_role(actor, ACTION_READERS, "Rencana aksi dibuka Gugus Tugas, sekretariat, admin dan OPD.")
    today = today or clock.today()
    with unit_of_work(engine, read_only=True) as session:
        require_current_account(session, actor)
        region = named_or_own_region(session, actor, region_code)
        cycle = find_cycle(session, region, int(year))
        return _frame(session, region, cycle, actor, today)


def cycle_action_frame(session: Session, region: Region, cycle: EvaluationCycle, today: date) -> pd.DataFrame:
    """Every action of the cycle, read in the caller's transaction (the meeting report)."""
    return _frame(session, region, cycle, None, today)


def _frame(session: Session, region: Region, cycle: EvaluationCycle, actor: SignedInUser | None,
           today: date) -> pd.DataFrame:
    units = {u.id: u for u in session.scalars(select(ReportingUnit).where(ReportingUnit.region_id == region.id))}
    notes = {}
    for action_id, note in session.execute(
            select(ActionUpdate.action_id, ActionUpdate.note).join(ActionPlan, ActionUpdate.action_id == ActionPlan.id)
            .where(ActionPlan.cycle_id == cycle.id, ActionUpdate.note.is_not(None)).order_by(ActionUpdate.id)):
        notes[action_id] = note
    rows = []
    for action in session.scalars(select(ActionPlan).where(ActionPlan.region_id == region.id,
                                                           ActionPlan.cycle_id == cycle.id)):
        if actor is not None and actor.role == "opd" and actor.unit_id != action.lead_unit_id \
                and actor.unit_id not in (action.supporting_unit_ids or []):
            continue
        lead = units[action.lead_unit_id]
        rows.append({
            "id": action.id, "indicator_code": action.indicator_code, "question_codes": list(action.question_codes),
            "title": action.title, "output": action.output, "lead_unit": lead.short_name, "lead_unit_name": lead.name,
            "supporting_units": [units[i].short_name for i in action.supporting_unit_ids or [] if i in units],
            "due_date": action.due_date, "budget_amount": action.budget_amount, "budget_source": action.budget_source,
            "points": action.points, "status": action.status, "progress": action.progress,
            "overdue": rules.is_overdue(action.status, action.due_date, today), "version": action.version,
            "updated_at": action.updated_at, "last_note": notes.get(action.id), "meeting_id": action.meeting_id})
    frame = pd.DataFrame(rows, columns=LIST_COLUMNS)
    if frame.empty:
        return frame
    return frame.sort_values(["overdue", "due_date", "id"], ascending=[False, True, True], ignore_index=True)


def action_history(engine: Engine, actor: SignedInUser, action_id: int) -> pd.DataFrame:
    """The progress reports of one action, newest first: when, who, status, percent, note, file."""
    with unit_of_work(engine, read_only=True) as session:
        action = session.get(ActionPlan, int(action_id))
        if action is None:
            raise NotFound(f"Aksi {action_id} tidak ada.")
        _readable(session, actor, action)
        rows = session.execute(
            select(ActionUpdate.id, ActionUpdate.created_at, User.display_name, ActionUpdate.status,
                   ActionUpdate.progress, ActionUpdate.note, ActionUpdate.filename)
            .outerjoin(User, ActionUpdate.author_id == User.id)
            .where(ActionUpdate.action_id == action.id).order_by(ActionUpdate.id.desc())).all()
    return pd.DataFrame(rows, columns=["id", "created_at", "author", "status", "progress", "note", "filename"])


def action_evidence(engine: Engine, actor: SignedInUser, update_id: int) -> tuple[str, str, bytes]:
    """The file of a progress report: name, content type and bytes."""
    require_active_actor(engine, actor)
    with unit_of_work(engine, read_only=True) as session:
        update = session.get(ActionUpdate, int(update_id))
        if update is None or update.content is None or update.filename is None or update.content_type is None:
            raise NotFound("Berkas bukti kemajuan ini tidak ada.")
        action = session.get(ActionPlan, update.action_id)
        if action is None:
            raise NotFound("Aksi berkas bukti kemajuan ini tidak ada.")
        _readable(session, actor, action)
        return update.filename, update.content_type, update.content


def action_years(engine: Engine, actor: SignedInUser, region_code: str | None = None) -> tuple[list[int], int | None]:
    """The region's cycle years, newest first, and the one to show first (the open cycle, else
    the latest); an OPD reads its own region's."""
    require_role(actor, ACTION_READERS, "Rencana aksi dibuka Gugus Tugas, sekretariat, admin dan OPD.")
    with unit_of_work(engine, read_only=True) as session:
        require_current_account(session, actor)
        return years_and_open_one(session, named_or_own_region(session, actor, region_code))


def region_opds(engine: Engine, actor: SignedInUser, region_code: str | None = None) -> dict[str, str]:
    """The region's active OPDs (short name -> name), for choosing who leads and supports an action."""
    require_active_actor(engine, actor)
    require_role(actor, ACTION_MANAGERS, NOT_A_MANAGER)
    with unit_of_work(engine, read_only=True) as session:
        region = named_or_own_region(session, actor, region_code)
        return dict(session.execute(select(ReportingUnit.short_name, ReportingUnit.name).where(
            ReportingUnit.region_id == region.id, ReportingUnit.kind == "opd", ReportingUnit.active.is_(True))
            .order_by(ReportingUnit.name)).all())


def action_effect(engine: Engine, actor: SignedInUser, action_id: int) -> pd.DataFrame:
    """What the action changed: for each question it serves (all of its indicator's when it names
    none), the answer and points in the cycle before and in the action's cycle, as the region's
    city-level answers stand (verified points where verified, else self-assessed)."""
    with unit_of_work(engine, read_only=True) as session:
        action = session.get(ActionPlan, int(action_id))
        if action is None:
            raise NotFound(f"Aksi {action_id} tidak ada.")
        _readable(session, actor, action)
        cycle = session.get(EvaluationCycle, action.cycle_id)
        if cycle is None:
            raise NotFound(f"Siklus aksi {action_id} tidak ada.")
        catalog = cycle_catalog(session, cycle)
        indicator = next(i for i in catalog.indicators if i.code == action.indicator_code)
        codes = list(action.question_codes) or [q.code for q in indicator.questions]
        earlier = previous_cycle(session, cycle)
        cycles = [c for c in (earlier, cycle) if c is not None]
        rows = session.execute(
            select(EvaluationCycle.year, Question.code, Answer.status, Answer.self_points, Answer.verified_points)
            .join(EvaluationCycle, Answer.cycle_id == EvaluationCycle.id)
            .join(Question, Answer.question_id == Question.id)
            .join(ReportingUnit, Answer.reporting_unit_id == ReportingUnit.id)
            .where(Answer.region_id == action.region_id, Answer.cycle_id.in_([c.id for c in cycles]),
                   ReportingUnit.kind == CITY_UNIT_KIND, Question.code.in_(codes))).all()
    best: dict[tuple[int, str], float] = {}
    for year, code, status, self_points, verified_points in rows:
        points = verified_points if status == VERIFIED and verified_points is not None else (self_points or 0.0)
        best[(year, code)] = max(best.get((year, code), 0.0), float(points))
    maxima = {q.code: float(q.max_points) for q in indicator.questions}
    return pd.DataFrame([{"question_code": code, "max_points": maxima.get(code),
                          "before_year": earlier.year if earlier else None,
                          "before": best.get((earlier.year, code)) if earlier else None,
                          "year": cycle.year, "now": best.get((cycle.year, code))} for code in codes],
                        columns=["question_code", "max_points", "before_year", "before", "year", "now"])
