"""The roster of a region's kecamatan and kelurahan as their managers see it: which region an
actor manages, the list of its units, and what follows a change of the set of active units (the
Kelana Dekela questions assigned again, the city's derived answers recomputed), shared by the
single changes (data.services.units.changes) and the import (data.services.units.unit_import)."""
from __future__ import annotations

from collections.abc import Set as AbstractSet

import pandas as pd
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from data.access import UNIT_MANAGERS, acting_region, require_current_account, require_role, visible_regions
from data.actor import SignedInUser
from data.db import unit_of_work
from data.errors import InvalidInput, NotFound
from data.lookups import find_unit
from data.models import CatalogVersion, EvaluationCycle, Region, ReportingUnit, User
from data.services.catalog.catalog_admin import assign_by_data_source
from data.services.kelana import derived_answers
from indicators.unit_names import KINDS

FROZEN = "closed"
NOT_ALLOWED = "Hanya admin atau sekretariat KLA yang dapat mengelola kecamatan dan kelurahan."
UNIT_COLUMNS = ["kind", "short_name", "name", "kecamatan_short_name", "kecamatan_name", "active", "focal_points"]


def managed_region(session: Session, actor: SignedInUser, region_code: str | None) -> Region:
    """The region whose units the actor manages here (see data.access.acting_region); only an
    admin or the secretariat, with an account that still stands."""
    require_role(actor, UNIT_MANAGERS, NOT_ALLOWED)
    require_current_account(session, actor)
    try:
        return acting_region(session, actor, region_code)
    except NotFound as error:
        if region_code or actor.region_code:
            raise
        raise InvalidInput(["Sebutkan wilayahnya (kode Kemendagri, mis. 53.71)."]) from error


def managed_unit(session: Session, region: Region, short_name: str, kind: str | None = None) -> ReportingUnit:
    """A kecamatan or kelurahan of the region (an OPD is not managed here), of `kind` if given."""
    unit = find_unit(session, region, short_name)
    if unit.kind not in KINDS:
        raise InvalidInput([f"{unit.name} adalah OPD; di sini hanya kecamatan dan kelurahan yang dikelola."])
    if kind is not None and unit.kind != kind:
        raise InvalidInput([f"{unit.name} adalah {unit.kind}, bukan {kind}."])
    return unit


def kecamatan_and_kelurahan(session: Session, region: Region) -> list[ReportingUnit]:
    return list(session.scalars(select(ReportingUnit).where(
        ReportingUnit.region_id == region.id, ReportingUnit.kind.in_(KINDS)).order_by(ReportingUnit.name)))


def refresh_region(session: Session, region: Region, actor: SignedInUser,
                   opd_ids: AbstractSet[int] = frozenset()) -> dict[int, list[str]]:
    """After the set of active units changed: assign the unit questions of every cycle that is not
    closed (and the city questions of the OPDs in opd_ids by their data sources), and recompute
    that cycle's derived city answers; returns the changed codes per year."""
    session.flush()
    cycles = list(session.scalars(select(EvaluationCycle).where(
        EvaluationCycle.region_id == region.id, EvaluationCycle.status != FROZEN).order_by(EvaluationCycle.year)))
    for version_id in sorted({c.catalog_version_id for c in cycles}):
        catalog_row = session.get(CatalogVersion, version_id)
        if catalog_row is None:
            raise NotFound(f"Versi katalog siklus {region.name} yang belum ditutup tidak ditemukan.")
        assign_by_data_source(session, region, catalog_row, set(opd_ids))
    session.flush()
    return {c.year: derived_answers.recompute(session, c, actor.id) for c in cycles}


def years_text(years) -> str:
    """2024, 2025 dan 2026."""
    years = [str(y) for y in years]
    return ", ".join(years[:-1]) + " dan " + years[-1] if len(years) > 1 else "".join(years)


def recompute_note(recomputed: dict[int, list[str]]) -> str:
    if not recomputed:
        return "Tidak ada siklus yang belum ditutup; jawaban siklus yang sudah ditutup tidak berubah."
    changed = sum(len(codes) for codes in recomputed.values())
    return (f"Jawaban turunan kota pada siklus {years_text(recomputed)} dihitung ulang "
            f"({changed} jawaban berubah).")


def unit_state(unit: ReportingUnit, parent: ReportingUnit | None) -> dict:
    """A unit as an audit row records it."""
    return {"kind": unit.kind, "short_name": unit.short_name, "name": unit.name, "active": unit.active,
            "kecamatan": parent.short_name if parent else None}


# --- reading -------------------------------------------------------------------------------------

def unit_regions(engine: Engine, actor: SignedInUser) -> list[dict]:
    """The regions whose units the actor manages (code, name)."""
    with unit_of_work(engine) as session:
        require_role(actor, UNIT_MANAGERS, NOT_ALLOWED)
        require_current_account(session, actor)
        return [{"code": r.code, "name": r.name}
                for r in session.scalars(visible_regions(actor).order_by(Region.code))]


def region_units(engine: Engine, actor: SignedInUser, region_code: str | None = None) -> pd.DataFrame:
    """The region's kecamatan, each followed by its kelurahan (kind, short_name, name, kecamatan,
    active, focal_points: the usernames of its active accounts)."""
    with unit_of_work(engine) as session:
        region = managed_region(session, actor, region_code)
        units = kecamatan_and_kelurahan(session, region)
        accounts: dict[int, list[str]] = {}
        for unit_id, username in session.execute(
                select(User.reporting_unit_id, User.username).where(
                    User.reporting_unit_id.in_([u.id for u in units]), User.active.is_(True))
                .order_by(User.username)):
            assert unit_id is not None  # the query takes accounts of these units only
            accounts.setdefault(unit_id, []).append(username)
        kecamatan = [u for u in units if u.kind == "kecamatan"]
        by_id = {u.id: u for u in kecamatan}
        children: dict[int | None, list[ReportingUnit]] = {}
        for unit in units:
            if unit.kind == "kelurahan":
                children.setdefault(unit.parent_id if unit.parent_id in by_id else None, []).append(unit)

        def row(unit: ReportingUnit, parent: ReportingUnit | None) -> dict:
            return {"kind": unit.kind, "short_name": unit.short_name, "name": unit.name,
                    "kecamatan_short_name": parent.short_name if parent else None,
                    "kecamatan_name": parent.name if parent else None, "active": unit.active,
                    "focal_points": ", ".join(accounts.get(unit.id, []))}

        rows = []
        for kec in kecamatan:
            rows.append(row(kec, kec))
            rows += [row(kel, kec) for kel in children.get(kec.id, [])]
        rows += [row(kel, None) for kel in children.get(None, [])]
        return pd.DataFrame(rows, columns=UNIT_COLUMNS).astype({"active": bool})  # a mask even when empty
