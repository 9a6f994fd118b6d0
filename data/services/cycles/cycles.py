"""Opening a region's cycle for a year and changing its deadline (admin, or the region's
secretariat). A region may start at any year, with no history."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Engine, func, select

from data import audit
from data.access import (
    CYCLE_OPENERS,
    named_or_own_region,
    require_current_account,
    require_role,
)
from data.actor import SignedInUser
from data.db import bump_data_version, unit_of_work
from data.errors import InvalidInput
from data.lookups import find_cycle
from data.models import Answer, CatalogVersion, EvaluationCycle
from data.services.catalog.catalog_admin import assign_by_data_source
from data.services.cycles.assignments import unassigned_questions
from data.services.kelana import derived_answers
from indicators import clock
from indicators.workflow import CYCLE_CLOSED, CYCLE_OPEN

NOT_ALLOWED = "Hanya admin atau sekretariat KLA yang dapat membuka siklus dan mengubah batas waktunya."
FIRST_YEAR, LAST_YEAR = 2006, 2100   # KLA began in 2006


@dataclass(frozen=True)
class OpenedCycle:
    region_code: str
    year: int
    catalog_version: str
    deadline: date
    applied: bool
    unassigned: list[str] = field(default_factory=list)
    """Codes of the questions nobody in the region answers (a warning, not a refusal)."""


def catalog_versions(engine: Engine) -> list[dict]:
    """The loaded instrument versions, newest first (version, title, questions)."""
    with unit_of_work(engine) as session:
        return [{"version": v.version, "title": v.title_id, "loaded_at": v.loaded_at}
                for v in session.scalars(select(CatalogVersion).order_by(CatalogVersion.loaded_at.desc(),
                                                                          CatalogVersion.id.desc()))]


def region_cycles(engine: Engine, actor: SignedInUser, region_code: str | None = None) -> list[dict]:
    with unit_of_work(engine) as session:
        region = _region(session, actor, region_code)
        answers = dict(session.execute(select(Answer.cycle_id, func.count()).where(Answer.region_id == region.id)
                                       .group_by(Answer.cycle_id)).all())
        return [{"year": c.year, "status": c.status, "deadline": c.deadline, "published": c.published,
                 "catalog_version": v, "answers": answers.get(c.id, 0)}
                for c, v in session.execute(select(EvaluationCycle, CatalogVersion.version)
                                            .join(CatalogVersion,
                                                  EvaluationCycle.catalog_version_id == CatalogVersion.id)
                                            .where(EvaluationCycle.region_id == region.id)
                                            .order_by(EvaluationCycle.year.desc()))]


def open_cycle(engine: Engine, actor: SignedInUser, region_code: str | None, year: int, deadline: date | None,
               catalog_version: str | None = None, apply: bool = True, today: date | None = None) -> OpenedCycle:
    """Open cycle `year` on an instrument version (default: the newest loaded), assign its
    questions to the region's units by their data sources, and name the questions nobody answers.
    apply=False shows the same without opening it."""
    today = today or clock.today()
    with unit_of_work(engine) as session:
        region = _region(session, actor, region_code)
        problems: list[str] = []
        year_value = _year(year, problems)
        if deadline is None:
            problems.append("Isi batas waktu pengisian (tanggal), mis. 2026-12-31.")
        elif deadline < today:
            problems.append(f"Batas waktu {deadline:%d-%m-%Y} sudah lewat; pilih tanggal mulai hari ini.")
        if year_value is not None and session.scalar(select(EvaluationCycle.id).where(
                EvaluationCycle.region_id == region.id, EvaluationCycle.year == year_value)) is not None:
            problems.append(f"Siklus {year_value} untuk {region.name} sudah ada; ubah batas waktunya bila perlu.")
        version = _version(session, catalog_version, problems)
        # a year, deadline or version missing has put its problem in the list
        if problems or year_value is None or deadline is None or version is None:
            raise InvalidInput(problems)
        cycle = EvaluationCycle(region_id=region.id, year=year_value, catalog_version_id=version.id,
                                status=CYCLE_OPEN, deadline=deadline, published=False)
        session.add(cycle)
        session.flush()
        assign_by_data_source(session, region, version)
        session.flush()
        unassigned = unassigned_questions(session, region, version.id)
        result = OpenedCycle(region.code, year_value, version.version, deadline, apply, unassigned)
        if not apply:
            session.rollback()
            return result
        derived_answers.recompute(session, cycle, actor.id)
        audit.record(session, actor.id, "cycle.open", "evaluation_cycle", cycle.id, region.id,
                     {"year": year_value, "deadline": deadline.isoformat(), "catalog_version": version.version,
                      "unassigned": unassigned})
        bump_data_version(session)
        return result


def set_deadline(engine: Engine, actor: SignedInUser, region_code: str | None, year: int, deadline: date | None,
                 today: date | None = None) -> None:
    today = today or clock.today()
    with unit_of_work(engine) as session:
        region = _region(session, actor, region_code)
        cycle = find_cycle(session, region, year)
        if cycle.status == CYCLE_CLOSED:
            raise InvalidInput([f"Siklus {cycle.year} sudah ditutup; batas waktunya tidak dapat diubah."])
        if deadline is None or deadline < today:
            raise InvalidInput(["Batas waktu baru harus tanggal mulai hari ini, mis. 2026-12-31."])
        if cycle.deadline == deadline:
            return
        old = cycle.deadline.isoformat() if cycle.deadline else None
        cycle.deadline = deadline
        audit.record(session, actor.id, "cycle.deadline", "evaluation_cycle", cycle.id, region.id,
                     {"year": cycle.year, "old": old, "new": deadline.isoformat()})
        bump_data_version(session, region.id)


def _region(session, actor: SignedInUser, region_code: str | None):
    require_role(actor, CYCLE_OPENERS, NOT_ALLOWED)
    require_current_account(session, actor)
    return named_or_own_region(session, actor, region_code)


def _year(year, problems: list[str]) -> int | None:
    try:
        value = int(str(year).strip())
    except (TypeError, ValueError):
        problems.append(f"Tahun '{str(year)[:10]}' bukan angka; isi tahun siklus, mis. 2025.")
        return None
    if not FIRST_YEAR <= value <= LAST_YEAR:
        problems.append(f"Tahun {value} di luar rentang {FIRST_YEAR}-{LAST_YEAR}.")
        return None
    return value


def _version(session, catalog_version: str | None, problems: list[str]) -> CatalogVersion | None:
    query = select(CatalogVersion)
    if catalog_version:
        version = session.scalar(query.where(CatalogVersion.version == catalog_version.strip()))
    else:
        version = session.scalar(query.order_by(CatalogVersion.loaded_at.desc(), CatalogVersion.id.desc()).limit(1))
    if version is None:
        known = ", ".join(session.scalars(select(CatalogVersion.version))) or "belum ada"
        problems.append(f"Versi instrumen '{catalog_version or ''}' tidak ada. Versi yang dimuat: {known}."
                        if catalog_version else "Belum ada instrumen yang dimuat; jalankan manage.py import-catalog.")
    return version
