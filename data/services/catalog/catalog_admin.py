"""Loading an instrument version for an evaluation cycle, without touching older cycles."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from data.access import CATALOG_MANAGERS, require_active_actor, require_current_account, require_role, visible_regions
from data.actor import SignedInUser
from data.audit import record
from data.catalog_store import store_catalog
from data.db import bump_data_version, unit_of_work
from data.errors import InvalidInput
from data.models import (
    CITY_UNIT_KIND,
    Answer,
    Assignment,
    CatalogVersion,
    EvaluationCycle,
    Question,
    Region,
    ReportingUnit,
)
from indicators.catalog import DEFAULT_CATALOG, Catalog, load_catalog
from indicators.derivation import UNIT_KINDS
from indicators.workflow import CYCLE_OPEN


@dataclass(frozen=True)
class CatalogImport:
    version: str
    questions: int
    cycles_created: list[str]
    cycles_switched: list[str]
    assignments_added: int


def assign_by_data_source(session: Session, region: Region, catalog_row: CatalogVersion,
                          opd_ids: set[int] | None = None) -> int:
    """Assign each question to the region's active OPDs answering for one of its data sources, except a
    question asked of every kecamatan or every desa/kelurahan: that goes to every active unit of
    the kind (the city's answer follows from theirs, see derived_answers). With opd_ids, only those
    OPDs are given city questions, so that a question the secretariat took from an OPD by hand
    stays taken when another unit changes. Returns how many assignments were added (existing
    ones are kept)."""
    units = list(session.scalars(
        select(ReportingUnit).where(ReportingUnit.region_id == region.id, ReportingUnit.active.is_(True))))
    opds_by_source: dict[str, list[ReportingUnit]] = {}
    for unit in units:
        if unit.kind == CITY_UNIT_KIND and (opd_ids is None or unit.id in opd_ids):
            for source in unit.data_sources or []:
                opds_by_source.setdefault(source, []).append(unit)
    existing = {(question_id, unit_id) for question_id, unit_id in session.execute(
        select(Assignment.question_id, Assignment.reporting_unit_id).where(Assignment.region_id == region.id))}
    added = 0
    for question in session.scalars(select(Question).where(Question.catalog_version_id == catalog_row.id)):
        kind = UNIT_KINDS.get(question.answered_by)
        if kind is None:
            answering = list({u.id: u for s in question.data_sources for u in opds_by_source.get(s, [])}.values())
        else:
            answering = [u for u in units if u.kind == kind]
        for unit in answering:
            if (question.id, unit.id) not in existing:
                session.add(Assignment(region_id=region.id, question_id=question.id, reporting_unit_id=unit.id))
                existing.add((question.id, unit.id))
                added += 1
    return added


def ensure_default_catalog(engine: Engine) -> bool:
    """Store the instrument shipped with the app (indicators/catalogs/) when no catalog is loaded
    yet, so that an empty deployment can open its first cycle; True if it stored it."""
    with unit_of_work(engine) as session:
        if session.scalar(select(CatalogVersion.id).limit(1)) is not None:
            return False
    catalog = load_catalog(DEFAULT_CATALOG)
    with unit_of_work(engine) as session:
        if session.scalar(select(CatalogVersion.id).limit(1)) is not None:
            return False
        store_catalog(session, catalog, loaded_from=f"indicators/catalogs/{DEFAULT_CATALOG.name}")
    return True


def import_catalog(engine: Engine, actor: SignedInUser, path: str | Path, year: int,
                   region_code: str | None = None) -> CatalogImport:
    """Check and store a catalog file and make it the instrument of every hosted region's cycle
    `year` (or one region's): new cycles open, unanswered cycles switch, answered cycles under
    another version refuse the whole import."""
    require_active_actor(engine, actor)
    catalog: Catalog = load_catalog(path)
    with unit_of_work(engine) as session:
        require_role(actor, CATALOG_MANAGERS, "Hanya admin atau sekretariat KLA yang dapat memuat katalog.")
        require_current_account(session, actor)
        query = visible_regions(actor).order_by(Region.code)
        if region_code:
            query = query.where(Region.code == region_code)
        regions = list(session.scalars(query))
        if not regions:
            raise InvalidInput([f"Wilayah '{region_code}' tidak ditemukan." if region_code else
                                "Belum ada wilayah; jalankan seed-demo atau tambahkan wilayah dulu."])
        catalog_row = store_catalog(session, catalog, loaded_from=str(Path(path).name))
        created, switched, refused, assigned = [], [], [], 0
        for region in regions:
            cycle = session.scalar(select(EvaluationCycle).where(
                EvaluationCycle.region_id == region.id, EvaluationCycle.year == year))
            if cycle is None:
                session.add(EvaluationCycle(region_id=region.id, year=year, catalog_version_id=catalog_row.id,
                                            status=CYCLE_OPEN, published=False))
                created.append(region.code)
            elif cycle.catalog_version_id != catalog_row.id:
                answered = session.scalar(select(func.count(Answer.id)).where(Answer.cycle_id == cycle.id))
                if answered:
                    refused.append(f"{region.name} ({region.code}) sudah memiliki {answered} jawaban pada siklus "
                                   f"{year} dengan versi katalog lain; siklus itu tidak dapat diganti katalognya.")
                    continue
                cycle.catalog_version_id = catalog_row.id
                switched.append(region.code)
            assigned += assign_by_data_source(session, region, catalog_row)
        if refused:
            raise InvalidInput(refused)
        record(session, actor.id, "import_catalog", "catalog_version", catalog_row.id, None,
               {"version": catalog.version, "year": year, "file": Path(path).name,
                "cycles_created": created, "cycles_switched": switched})
        bump_data_version(session)
        return CatalogImport(catalog.version, len(catalog.questions), created, switched, assigned)
