"""Finding things by the names people use: a region by its Kemendagri code, a cycle by its year,
the cycle before it, a reporting unit by its short name, the catalog a cycle is answered on. Each
NotFound says what exists instead. The one home of these lookups; they check no permission."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from data.catalog_store import load_catalog_version
from data.errors import NotFound
from data.models import CatalogVersion, EvaluationCycle, OfficialArea, Region, ReportingUnit
from indicators.catalog import Catalog
from indicators.workflow import CYCLE_CLOSED, CYCLE_OPEN


def find_region(session: Session, region_code: str) -> Region:
    region = session.scalar(select(Region).where(Region.code == str(region_code).strip()))
    if region is None:
        known = ", ".join(session.scalars(select(Region.code).order_by(Region.code))) or "belum ada"
        raise NotFound(f"Wilayah dengan kode '{region_code}' tidak ditemukan. Kode yang ada: {known}.")
    return region


def find_cycle(session: Session, region: Region, year: int) -> EvaluationCycle:
    cycle = session.scalar(
        select(EvaluationCycle).where(EvaluationCycle.region_id == region.id, EvaluationCycle.year == int(year)))
    if cycle is None:
        years = ", ".join(str(y) for y in cycle_years(session, region.id, newest_first=False)) or "belum ada"
        raise NotFound(f"Siklus evaluasi {year} untuk {region.name} tidak ditemukan. Siklus yang ada: {years}.")
    return cycle


def cycle_years(session: Session, region_id: int, newest_first: bool = True) -> list[int]:
    order = EvaluationCycle.year.desc() if newest_first else EvaluationCycle.year
    return list(session.scalars(select(EvaluationCycle.year).where(EvaluationCycle.region_id == region_id)
                                .order_by(order)))


def previous_cycle(session: Session, cycle: EvaluationCycle) -> EvaluationCycle | None:
    """The region's latest cycle before this one (last cycle's answers are compared by code)."""
    return session.scalar(select(EvaluationCycle).where(
        EvaluationCycle.region_id == cycle.region_id, EvaluationCycle.year < cycle.year)
        .order_by(EvaluationCycle.year.desc()).limit(1))


def current_cycle(session: Session, region: Region) -> EvaluationCycle:
    """The region's open cycle (the latest if several), else its latest cycle."""
    cycles = list(session.scalars(select(EvaluationCycle).where(EvaluationCycle.region_id == region.id)
                                  .order_by(EvaluationCycle.year.desc())))
    if not cycles:
        raise NotFound(f"Belum ada siklus evaluasi untuk {region.name}. Hubungi sekretariat KLA.")
    return next((c for c in cycles if c.status == CYCLE_OPEN), cycles[0])


def cycle_or_current(session: Session, region: Region, year: int | None) -> EvaluationCycle:
    """The cycle of `year`, or the region's current cycle when no year is given."""
    return find_cycle(session, region, int(year)) if year is not None else current_cycle(session, region)


def find_unit(session: Session, region: Region, short_name: str) -> ReportingUnit:
    unit = session.scalar(select(ReportingUnit).where(
        ReportingUnit.region_id == region.id, ReportingUnit.short_name == str(short_name or "").strip()))
    if unit is None:
        raise NotFound(f"Unit '{short_name}' tidak terdaftar di {region.name}.")
    return unit


_catalog_cache: dict[tuple[str, str], Catalog] = {}


def catalog_for_version(session: Session, version: str) -> Catalog:
    """A stored catalog version; versions never change once stored, so one load per database
    and process."""
    key = (session.get_bind().engine.url.render_as_string(hide_password=True), version)
    if key not in _catalog_cache:
        _catalog_cache[key] = load_catalog_version(session, version)
    return _catalog_cache[key]


def cycle_catalog(session: Session, cycle: EvaluationCycle) -> Catalog:
    """The instrument the cycle is answered on."""
    version = session.scalar(select(CatalogVersion.version).where(CatalogVersion.id == cycle.catalog_version_id))
    if version is None:
        raise NotFound(f"Versi katalog siklus {cycle.year} tidak ditemukan.")
    return catalog_for_version(session, version)


def unit_names(session: Session, region: Region) -> dict[str, str]:
    """The region's reporting units, short name -> full name (inactive units included: old
    answers still name them)."""
    return dict(session.execute(select(ReportingUnit.short_name, ReportingUnit.name)
                                .where(ReportingUnit.region_id == region.id)).all())


def official_areas_under(session: Session, region_code: str) -> list[OfficialArea]:
    """The official list's kecamatan of a kab/kota and their desa/kelurahan, by code (two indexed
    lookups by parent, where a LIKE on the code would read the whole list)."""
    kecamatan = list(session.scalars(select(OfficialArea).where(OfficialArea.parent_code == region_code)))
    villages = list(session.scalars(select(OfficialArea).where(
        OfficialArea.parent_code.in_([area.code for area in kecamatan])))) if kecamatan else []
    return sorted(kecamatan + villages, key=lambda area: area.code)



def years_and_open_one(session: Session, region: Region) -> tuple[list[int], int | None]:
    """The region's cycle years, newest first, and the one a page shows first: the cycle not yet
    closed, else the latest (None without cycles)."""
    cycles = list(session.scalars(select(EvaluationCycle).where(EvaluationCycle.region_id == region.id)
                                  .order_by(EvaluationCycle.year.desc())))
    current = next((c.year for c in cycles if c.status != CYCLE_CLOSED), cycles[0].year if cycles else None)
    return [c.year for c in cycles], current
