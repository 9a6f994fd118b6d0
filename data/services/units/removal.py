"""Removing reporting units that were added by mistake: every unit an import added, in one step
(undo_unit_import), or one unit (delete_unit), only while they hold nothing: no answer in any
cycle, no action plan or meeting naming them, no account that was ever used, no kelurahan left
under a kecamatan. Their assignments (made from the catalog) and their accounts never used go with
them; everything else refuses the whole step, naming the unit. Audited; nothing else changes."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from data import audit
from data.actor import SignedInUser
from data.db import bump_data_version, unit_of_work
from data.errors import InvalidInput, NotFound
from data.lookups import find_unit
from data.models import Answer, Assignment, AuditLog, Region, ReportingUnit, User
from data.models.coordination import ActionPlan, MeetingAttendance
from data.models.outreach import ReminderDelivery
from data.services.units.roster import managed_region, refresh_region, unit_state
from indicators.text import excerpt


@dataclass(frozen=True)
class UnitRemoval:
    removed: list[str]
    accounts_removed: list[str]

    @property
    def message(self) -> str:
        accounts = (f" Akun yang belum pernah dipakai ikut dihapus: {', '.join(self.accounts_removed)}."
                    if self.accounts_removed else "")
        return f"Dihapus ({len(self.removed)}): {', '.join(self.removed)}.{accounts}"


def unit_imports(engine: Engine, actor: SignedInUser, region_code: str | None = None) -> list[dict]:
    """The region's imports that added units still there, newest first: batch, file, when, the
    names of those units."""
    with unit_of_work(engine) as session:
        region = managed_region(session, actor, region_code)
        units: dict[str, list[str]] = {}
        for batch, name in session.execute(select(ReportingUnit.import_batch, ReportingUnit.name).where(
                ReportingUnit.region_id == region.id, ReportingUnit.import_batch.is_not(None))
                .order_by(ReportingUnit.id)):
            units.setdefault(str(batch), []).append(name)
        rows = session.scalars(select(AuditLog).where(AuditLog.region_id == region.id,
                                                      AuditLog.action == "units.import")
                               .order_by(AuditLog.at.desc(), AuditLog.id.desc()))
        return [{"batch": row.details["batch"], "file": row.details.get("file"), "at": row.at,
                 "units": units[row.details["batch"]]}
                for row in rows if (row.details or {}).get("batch") in units]


def undo_unit_import(engine: Engine, actor: SignedInUser, batch: str, region_code: str | None = None) -> UnitRemoval:
    """Remove every unit the import `batch` added, or none (InvalidInput naming each unit in use)."""
    with unit_of_work(engine) as session:
        region = managed_region(session, actor, region_code)
        code = str(batch or "").strip()
        units = list(session.scalars(select(ReportingUnit).where(ReportingUnit.region_id == region.id,
                                                                 ReportingUnit.import_batch == code)))
        if not code or not units:
            raise NotFound(f"Tidak ada unit dari impor '{excerpt(code, 40)}' di {region.name}; kode impor tercantum "
                           "di laporan impor dan di bagian Batalkan impor.")
        result = _remove(session, region, actor, units, f"impor {code}")
        audit.record(session, actor.id, "units.import.undo", "region", region.id, region.id,
                     {"batch": code, "removed": [u.short_name for u in units],
                      "accounts_removed": result.accounts_removed})
        return result


def delete_unit(engine: Engine, actor: SignedInUser, short_name: str, region_code: str | None = None) -> UnitRemoval:
    """Remove one unit never used (an OPD, kecamatan or kelurahan), or refuse saying what it holds."""
    with unit_of_work(engine) as session:
        region = managed_region(session, actor, region_code)
        unit = find_unit(session, region, short_name)
        return _remove(session, region, actor, [unit], "penghapusan")


def _remove(session: Session, region: Region, actor: SignedInUser, units: list[ReportingUnit],
            what: str) -> UnitRemoval:
    ids = {u.id for u in units}
    problems = _in_use(session, region, units, ids)
    if problems:
        raise InvalidInput([*problems, f"Tidak ada yang dihapus; {what} dibatalkan. Unit yang sudah dipakai "
                                       "dapat dinonaktifkan (datanya tetap tersimpan)."])
    accounts = list(session.scalars(select(User).where(User.reporting_unit_id.in_(ids)).order_by(User.username)))
    parents = {u.id: u for u in session.scalars(select(ReportingUnit).where(
        ReportingUnit.id.in_({u.parent_id for u in units if u.parent_id is not None})))}
    for user in accounts:
        audit.record(session, actor.id, "user.remove", "user", user.id, region.id,
                     {"username": user.username, "unit": user.reporting_unit_id, "reason": what})
        session.delete(user)
    session.execute(delete(Assignment).where(Assignment.reporting_unit_id.in_(ids)))
    for unit in sorted(units, key=lambda u: u.parent_id is None):   # kelurahan before their kecamatan
        audit.record(session, actor.id, "unit.remove", "reporting_unit", unit.id, region.id,
                     {"old": unit_state(unit, parents.get(unit.parent_id or 0)), "reason": what,
                      "batch": unit.import_batch})
        session.delete(unit)
        try:
            session.flush()
        except IntegrityError as error:   # a record this check does not know yet names the unit
            raise InvalidInput([f"{unit.name} ({unit.short_name}) masih dirujuk data lain; tidak ada yang dihapus. "
                                "Nonaktifkan unit itu bila tidak dipakai lagi."]) from error
    refresh_region(session, region, actor)
    bump_data_version(session, region.id, public=True)
    return UnitRemoval([u.name for u in units], [u.username for u in accounts])


def _in_use(session: Session, region: Region, units: list[ReportingUnit], ids: set[int]) -> list[str]:
    """Why each unit cannot go, one sentence per unit in use."""
    answers = dict(session.execute(select(Answer.reporting_unit_id, func.count(Answer.id))
                                   .where(Answer.reporting_unit_id.in_(ids)).group_by(Answer.reporting_unit_id)).all())
    children: dict[int | None, list[str]] = {}
    for parent_id, name in session.execute(select(ReportingUnit.parent_id, ReportingUnit.name).where(
            ReportingUnit.parent_id.in_(ids), ReportingUnit.id.not_in(ids))):
        children.setdefault(parent_id, []).append(name)
    planned = {unit_id for lead, supporting in session.execute(
        select(ActionPlan.lead_unit_id, ActionPlan.supporting_unit_ids).where(ActionPlan.region_id == region.id))
        for unit_id in (lead, *(supporting or []))}
    attended = set(session.scalars(select(MeetingAttendance.reporting_unit_id)
                                   .where(MeetingAttendance.reporting_unit_id.in_(ids))))
    reminded = dict(session.execute(select(ReminderDelivery.reporting_unit_id, func.count(ReminderDelivery.id))
                                    .where(ReminderDelivery.reporting_unit_id.in_(ids))
                                    .group_by(ReminderDelivery.reporting_unit_id)).all())
    used_accounts: dict[int, list[str]] = {}
    for unit_id, username, last_login, acted in session.execute(
            select(User.reporting_unit_id, User.username, User.last_login_at,
                   select(func.count(AuditLog.id)).where(AuditLog.actor_id == User.id).scalar_subquery())
            .where(User.reporting_unit_id.in_(ids))):
        if unit_id is not None and (last_login is not None or acted):
            used_accounts.setdefault(unit_id, []).append(username)
    problems = []
    for unit in units:
        reasons = []
        if answers.get(unit.id):
            reasons.append(f"sudah menjawab {answers[unit.id]} pertanyaan")
        if unit.id in children:
            reasons.append(f"masih membawahi {', '.join(children[unit.id][:5])}")
        if unit.id in planned:
            reasons.append("tercantum dalam rencana aksi")
        if unit.id in attended:
            reasons.append("tercatat hadir dalam rapat koordinasi")
        if reminded.get(unit.id):
            reminders = reminded[unit.id]
            reasons.append(f"sudah dikirimi {reminders} pengingat")
        if unit.id in used_accounts:
            reasons.append(f"akunnya sudah dipakai ({', '.join(used_accounts[unit.id])})")
        if reasons:
            problems.append(f"{unit.name} ({unit.short_name}) {'; '.join(reasons)}.")
    return problems
