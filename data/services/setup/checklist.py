"""What a region still needs before its OPDs, kecamatan and kelurahan can answer: the
secretariat's setup checklist. Each item says whether it is done and what is still missing, so
the page can link to where it is fixed; the checks read the region as it is now."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Engine, select

from data.access import REGION_READERS, named_or_own_region, require_active_actor, require_region_reader
from data.actor import SignedInUser
from data.db import unit_of_work
from data.lookups import cycle_catalog
from data.models import (
    CITY_UNIT_KIND,
    EvaluationCycle,
    OfficialArea,
    Region,
    ReportingUnit,
    User,
)
from data.services.cycles.assignments import unassigned_questions
from indicators import clock
from indicators.derivation import UNIT_KINDS
from indicators.workflow import CYCLE_OPEN

SHOWN_NAMES = 12
"""At most this many names per item; the count says how many there are in all."""

ITEMS = ("region", "opds", "data_sources", "areas", "accounts", "cycle", "assignments")


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    done: bool
    missing: int = 0
    names: tuple[str, ...] = ()
    """The first SHOWN_NAMES of what is missing (units, data sources, questions)."""


@dataclass(frozen=True)
class SetupChecklist:
    region_code: str
    region_name: str
    cycle_year: int | None
    items: tuple[ChecklistItem, ...] = field(default_factory=tuple)

    @property
    def done(self) -> int:
        return sum(item.done for item in self.items)


def setup_checklist(engine: Engine, actor: SignedInUser, region_code: str | None = None,
                    today: date | None = None) -> SetupChecklist:
    require_active_actor(engine, actor)
    today = today or clock.today()
    with unit_of_work(engine) as session:
        region = named_or_own_region(session, actor, region_code)
        require_region_reader(session, actor, region, REGION_READERS)
        units = list(session.scalars(select(ReportingUnit).where(
            ReportingUnit.region_id == region.id, ReportingUnit.active.is_(True)).order_by(ReportingUnit.name)))
        cycle = _open_cycle(session, region)
        catalog = cycle_catalog(session, cycle) if cycle else None
        unassigned = unassigned_questions(session, region, cycle.catalog_version_id) if cycle else None
        items = (
            _region_item(session, region),
            _opds_item(units),
            _data_sources_item(units, catalog, unassigned),
            _areas_item(units, catalog),
            _accounts_item(session, region, units),
            _cycle_item(cycle, today),
            _missing("assignments", unassigned) if unassigned is not None else ChecklistItem("assignments", False, 1),
        )
        return SetupChecklist(region.code, region.name, cycle.year if cycle else None, items)


def _open_cycle(session, region: Region) -> EvaluationCycle | None:
    return session.scalar(select(EvaluationCycle).where(
        EvaluationCycle.region_id == region.id, EvaluationCycle.status == CYCLE_OPEN)
        .order_by(EvaluationCycle.year.desc()).limit(1))


def _missing(key: str, names: list[str]) -> ChecklistItem:
    return ChecklistItem(key, not names, len(names), tuple(names[:SHOWN_NAMES]))


def _region_item(session, region: Region) -> ChecklistItem:
    official = session.get(OfficialArea, region.code)
    done = official is not None and official.level in ("kota", "kabupaten") and bool(region.name.strip())
    return ChecklistItem("region", done, 0 if done else 1)


def _opds_item(units: list[ReportingUnit]) -> ChecklistItem:
    opds = [u for u in units if u.kind == CITY_UNIT_KIND]
    return ChecklistItem("opds", bool(opds), 0 if opds else 1)


def _data_sources_item(units: list[ReportingUnit], catalog, unassigned: list[str] | None) -> ChecklistItem:
    """Data sources that no active OPD answers for, of the city's questions nobody answers yet (a
    question answered through another of its sources, or given to an OPD by hand, needs none): so
    this item and the assignments item agree."""
    if catalog is None or unassigned is None:
        return ChecklistItem("data_sources", False, 1)
    covered = {source for u in units if u.kind == CITY_UNIT_KIND for source in (u.data_sources or [])}
    open_codes = set(unassigned)
    needed = {source for q in catalog.questions if UNIT_KINDS.get(q.answered_by) is None and q.code in open_codes
              for source in q.data_sources}
    return _missing("data_sources", sorted(catalog.data_source_name(s) for s in needed - covered))


def _areas_item(units: list[ReportingUnit], catalog) -> ChecklistItem:
    """The kecamatan and kelurahan the instrument asks of, when it asks any."""
    kinds = ({UNIT_KINDS[q.answered_by] for q in catalog.questions if UNIT_KINDS.get(q.answered_by)}
             if catalog else set())
    missing = sorted(kind for kind in kinds if not any(u.kind == kind for u in units))
    return _missing("areas", missing)


def _accounts_item(session, region: Region, units: list[ReportingUnit]) -> ChecklistItem:
    """Every active unit has an active focal-point account, and the task force has a chair and a
    secretariat (named "role:<role>")."""
    accounts = session.execute(select(User.role, User.reporting_unit_id).where(
        User.region_id == region.id, User.active.is_(True))).all()
    roles = {role for role, _ in accounts}
    with_account = {unit_id for _, unit_id in accounts if unit_id is not None}
    missing = [f"role:{role}" for role in ("secretariat", "chair") if role not in roles]
    missing += [u.name for u in units if u.id not in with_account]
    return _missing("accounts", missing)


def _cycle_item(cycle: EvaluationCycle | None, today: date) -> ChecklistItem:
    done = cycle is not None and cycle.deadline is not None and cycle.deadline >= today
    return ChecklistItem("cycle", done, 0 if done else 1)


