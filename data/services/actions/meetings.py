"""The Gugus Tugas meeting (Rakor): the chair, the secretariat or the admin prepare one for a cycle
(date, place, an agenda drawn from the cycle's state, every active OPD on the attendance list),
record who came and the minutes, and record its decisions as actions with a lead OPD (which the
OPD then sees on its own page). The next meeting opens with the previous one's decisions and where
they stand. The agenda and the minutes come as PDFs in the report's look. Every change is audited.
indicators.meetings holds the rules of what may be typed and how the agenda reads."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from data import audit
from data.access import (
    ACTION_MANAGERS,
    REGION_READERS,
    named_or_own_region,
    require_active_actor,
    require_current_account,
    require_role,
)
from data.actor import SignedInUser
from data.db import bump_data_version, unit_of_work
from data.errors import DomainError, InvalidInput, NotFound, PermissionDenied
from data.files.meeting_pdf import agenda_pdf, minutes_pdf
from data.lookups import find_cycle
from data.models import (
    EvaluationCycle,
    Meeting,
    MeetingAttendance,
    Region,
    ReportingUnit,
    utc_now,
)
from data.services.actions.plans import LIST_COLUMNS, cycle_action_frame
from data.services.review.completeness import unit_completeness
from data.services.scoring.gaps import cycle_gaps
from indicators import clock
from indicators import meetings as rules
from indicators.actions import OPEN_STATUSES
from indicators.text import long_date

NOT_A_MANAGER = "Hanya Ketua Gugus Tugas, sekretariat KLA atau admin yang dapat menyiapkan dan mencatat rapat."
NOT_A_READER = "Hanya Gugus Tugas, sekretariat atau admin yang dapat melihat rapat koordinasi."


@dataclass(frozen=True)
class MeetingRecord:
    id: int
    region_code: str
    region_name: str
    province_name: str
    year: int
    title: str
    held_on: date
    place: str | None
    status: str
    agenda: list[dict]
    minutes: str | None
    version: int
    previous_title: str | None
    attendance: pd.DataFrame          # unit, unit_name, present, representative (OPD order)
    decisions: pd.DataFrame           # the actions this meeting decided (actions.plans frame)
    previous_decisions: pd.DataFrame  # the previous meeting's decisions, where they stand now
    open_actions: pd.DataFrame        # every action of the cycle still open, overdue first

    @property
    def file_stem(self) -> str:
        return f"rakor_{self.region_code}_{self.held_on.isoformat()}"


def _label(meeting: Meeting) -> str:
    return f"{meeting.title} ({long_date(meeting.held_on)})"


def _previous(session: Session, region: Region, held_on: date, meeting_id: int | None = None) -> Meeting | None:
    query = select(Meeting).where(Meeting.region_id == region.id, Meeting.held_on <= held_on)
    if meeting_id is not None:
        query = query.where(Meeting.id != meeting_id)
    return session.scalars(query.order_by(Meeting.held_on.desc(), Meeting.id.desc()).limit(1)).first()


def _region_and_cycle(session: Session, meeting: Meeting) -> tuple[Region, EvaluationCycle]:
    region = session.get(Region, meeting.region_id)
    cycle = session.get(EvaluationCycle, meeting.cycle_id)
    if region is None or cycle is None:
        raise NotFound("Wilayah atau siklus rapat itu tidak ada.")
    return region, cycle


def _decisions(session: Session, meeting: Meeting, today: date, frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """The actions the meeting decided; `frame`: its cycle's action frame when the caller holds it."""
    if frame is None:
        frame = cycle_action_frame(session, *_region_and_cycle(session, meeting), today)
    return frame[frame["meeting_id"] == meeting.id].reset_index(drop=True)


def _open_actions(frame: pd.DataFrame) -> list[rules.OpenAction]:
    return [rules.OpenAction(title=a.title, lead=a.lead_unit_name, due=a.due_date, status=a.status,
                             progress=float(a.progress), overdue=bool(a.overdue)) for a in frame.itertuples()]


def _agenda(session: Session, region: Region, cycle: EvaluationCycle, previous: Meeting | None,
            today: date) -> list[dict]:
    units = unit_completeness(session, cycle, today)
    gaps = cycle_gaps(session, region, cycle, "verified").questions
    state = rules.CycleState(
        year=cycle.year, deadline=cycle.deadline,
        units=[rules.LateUnit(name=u.unit_name, outstanding=int(u.outstanding), assigned=int(u.assigned),
                              overdue=bool(u.overdue), returned=int(u.returned)) for u in units.itertuples()],
        gaps=[rules.Gap(question_code=g.question_code, prompt=g.prompt_id, owner=g.owner_name,
                        missing_points=float(g.missing_points)) for g in gaps.itertuples() if g.missing_points > 0],
        actions=_open_actions(cycle_action_frame(session, region, cycle, today)),
        previous_decisions=_open_actions(_decisions(session, previous, today)) if previous else [],
        previous_meeting=_label(previous) if previous else None)
    return rules.build_agenda(state)


def prepare_meeting(engine: Engine, actor: SignedInUser, region_code: str | None, year: int, *, title: str | None,
                    held_on: date | None, place: str | None = None, today: date | None = None) -> int:
    """A planned meeting of the cycle with its agenda and an attendance list of every active OPD;
    returns its id."""
    require_role(actor, ACTION_MANAGERS, NOT_A_MANAGER)
    today = today or clock.today()
    with unit_of_work(engine) as session:
        require_current_account(session, actor)
        region = named_or_own_region(session, actor, region_code)
        cycle = find_cycle(session, region, int(year))
        problems = rules.meeting_problems(title, held_on, place, cycle.year)
        if problems or title is None or held_on is None:  # both are required: a missing one is a problem
            raise InvalidInput(problems)
        previous = _previous(session, region, held_on)
        meeting = Meeting(region_id=region.id, cycle_id=cycle.id, title=title.strip(), held_on=held_on,
                          place=(place or "").strip() or None, status=rules.PLANNED,
                          agenda=_agenda(session, region, cycle, previous, today),
                          previous_meeting_id=previous.id if previous else None, created_by_id=actor.id)
        session.add(meeting)
        session.flush()
        for unit in session.scalars(select(ReportingUnit).where(
                ReportingUnit.region_id == region.id, ReportingUnit.kind == "opd", ReportingUnit.active.is_(True))
                .order_by(ReportingUnit.short_name)):
            session.add(MeetingAttendance(meeting_id=meeting.id, reporting_unit_id=unit.id, present=False))
        audit.record(session, actor.id, "meeting.prepare", "meeting", meeting.id, region.id,
                     {"region": region.code, "cycle": cycle.year, "title": meeting.title,
                      "held_on": held_on.isoformat(), "place": meeting.place,
                      "previous": previous.id if previous else None})
        bump_data_version(session, region.id)
        return meeting.id


def _managed(session: Session, actor: SignedInUser, meeting_id: int, version: int | None) -> Meeting:
    require_role(actor, ACTION_MANAGERS, NOT_A_MANAGER)
    require_current_account(session, actor)
    meeting = _readable(session, actor, meeting_id)
    if version is not None and meeting.version != int(version):
        raise DomainError("Rapat ini baru saja diperbarui orang lain; muat ulang halaman lalu ulangi.")
    return meeting


def _readable(session: Session, actor: SignedInUser, meeting_id: int) -> Meeting:
    meeting = session.get(Meeting, int(meeting_id))
    if meeting is None:
        raise NotFound("Rapat itu tidak ada.")
    if actor.role != "admin" and actor.region_id != meeting.region_id:
        raise PermissionDenied("Anda hanya dapat melihat rapat wilayah Anda sendiri.")
    return meeting


def refresh_agenda(engine: Engine, actor: SignedInUser, meeting_id: int, version: int,
                   today: date | None = None) -> None:
    """Draw a planned meeting's agenda again from the cycle as it stands now."""
    with unit_of_work(engine) as session:
        meeting = _managed(session, actor, meeting_id, version)
        if meeting.status != rules.PLANNED:
            raise InvalidInput(["Rapat ini sudah berlangsung; agendanya tidak diubah lagi."])
        region, cycle = _region_and_cycle(session, meeting)
        previous = session.get(Meeting, meeting.previous_meeting_id) if meeting.previous_meeting_id else None
        meeting.agenda = _agenda(session, region, cycle, previous, today or clock.today())
        meeting.version += 1
        meeting.updated_at = utc_now()
        audit.record(session, actor.id, "meeting.agenda", "meeting", meeting.id, region.id,
                     {"topics": len(meeting.agenda)})
        bump_data_version(session, region.id)


def record_minutes(engine: Engine, actor: SignedInUser, meeting_id: int, version: int, *,
                   attendance: dict[str, tuple[bool, str | None]], minutes: str | None) -> None:
    """Who came (OPD short name -> present, representative) and the minutes; the meeting is then held."""
    with unit_of_work(engine) as session:
        meeting = _managed(session, actor, meeting_id, version)
        rows = {unit.short_name: (row, unit) for row, unit in session.execute(
            select(MeetingAttendance, ReportingUnit).join(ReportingUnit,
                                                           MeetingAttendance.reporting_unit_id == ReportingUnit.id)
            .where(MeetingAttendance.meeting_id == meeting.id))}
        problems = [f"OPD '{str(short)[:30]}' tidak ada dalam daftar hadir rapat ini." for short in attendance
                    if short not in rows]
        problems += rules.attendance_problems([(rows[s][1].name if s in rows else s, bool(p), r)
                                               for s, (p, r) in attendance.items()])
        problem = rules.text_problem(minutes, "notulen", rules.MAX_MINUTES, required=True)
        if problem:
            problems.append(problem)
        if problems or minutes is None:  # the minutes are required: missing ones are a problem
            raise InvalidInput(problems)
        for short, (present, representative) in attendance.items():
            row = rows[short][0]
            row.present = bool(present)
            row.representative = (representative or "").strip() or None
        meeting.minutes = minutes.strip()
        meeting.status = rules.HELD
        meeting.version += 1
        meeting.updated_at = utc_now()
        audit.record(session, actor.id, "meeting.minutes", "meeting", meeting.id, meeting.region_id,
                     {"present": sorted(s for s, (p, _) in attendance.items() if p),
                      "minutes_chars": len(meeting.minutes)})
        bump_data_version(session, meeting.region_id)


def list_meetings(engine: Engine, actor: SignedInUser, region_code: str | None, year: int) -> list[dict]:
    """The meetings of a cycle, newest first: id, title, held_on, place, status, label."""
    with unit_of_work(engine, read_only=True) as session:
        require_role(actor, REGION_READERS, NOT_A_READER)
        require_current_account(session, actor)
        region = named_or_own_region(session, actor, region_code)
        cycle = find_cycle(session, region, int(year))
        meetings = session.scalars(select(Meeting).where(Meeting.region_id == region.id, Meeting.cycle_id == cycle.id)
                                   .order_by(Meeting.held_on.desc(), Meeting.id.desc()))
        return [{"id": m.id, "title": m.title, "held_on": m.held_on, "place": m.place, "status": m.status,
                 "label": _label(m)} for m in meetings]


def meeting_record(engine: Engine, actor: SignedInUser, meeting_id: int, today: date | None = None) -> MeetingRecord:
    today = today or clock.today()
    with unit_of_work(engine, read_only=True) as session:
        require_role(actor, REGION_READERS, NOT_A_READER)
        require_current_account(session, actor)
        meeting = _readable(session, actor, meeting_id)
        region, cycle = _region_and_cycle(session, meeting)
        previous = session.get(Meeting, meeting.previous_meeting_id) if meeting.previous_meeting_id else None
        attendance = pd.DataFrame(
            [{"unit": unit.short_name, "unit_name": unit.name, "present": row.present,
              "representative": row.representative or ""} for row, unit in session.execute(
                select(MeetingAttendance, ReportingUnit)
                .join(ReportingUnit, MeetingAttendance.reporting_unit_id == ReportingUnit.id)
                .where(MeetingAttendance.meeting_id == meeting.id).order_by(ReportingUnit.short_name))],
            columns=["unit", "unit_name", "present", "representative"])
        actions = cycle_action_frame(session, region, cycle, today)
        return MeetingRecord(
            id=meeting.id, region_code=region.code, region_name=region.name, province_name=region.province_name,
            year=cycle.year, title=meeting.title, held_on=meeting.held_on, place=meeting.place,
            status=meeting.status, agenda=list(meeting.agenda), minutes=meeting.minutes, version=meeting.version,
            previous_title=_label(previous) if previous else None, attendance=attendance,
            decisions=_decisions(session, meeting, today, actions),
            open_actions=actions[actions["status"].isin(OPEN_STATUSES)].reset_index(drop=True),
            previous_decisions=(_decisions(session, previous, today,
                                           actions if previous.cycle_id == cycle.id else None) if previous
                                else pd.DataFrame(columns=LIST_COLUMNS)))


def meeting_pdf(engine: Engine, actor: SignedInUser, meeting_id: int, kind: str) -> bytes:
    """The agenda ("agenda", before the meeting) or the minutes ("minutes", after it) as a PDF."""
    require_active_actor(engine, actor)
    if kind not in ("agenda", "minutes"):
        raise InvalidInput([f"Dokumen rapat '{str(kind)[:20]}' tidak dikenal; pilih 'agenda' atau 'minutes'."])
    record = meeting_record(engine, actor, meeting_id)
    now = clock.now()
    if kind == "agenda":
        return agenda_pdf(record, now)
    if record.status != rules.HELD:
        raise InvalidInput(["Notulen belum dicatat; rapat ini belum berlangsung."])
    return minutes_pdf(record, now)
