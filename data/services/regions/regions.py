"""The kab/kota a deployment hosts: added by the admin by its Kemendagri code (checked against the
official list), renamed, and given its kecamatan and kelurahan from the list in one step."""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import IntegrityError

from data import audit
from data.access import require_current_account, require_role, visible_regions
from data.actor import SignedInUser
from data.db import bump_data_version, unit_of_work
from data.errors import InvalidInput, NotFound
from data.lookups import find_region, official_areas_under
from data.models import EvaluationCycle, OfficialArea, Region, ReportingUnit
from data.services.units.roster import kecamatan_and_kelurahan, managed_region, refresh_region, unit_state
from indicators.unit_names import unit_key, unit_name
from indicators.wilayah import clean_code, code_problem, region_kind

ADMIN_ONLY = "Hanya admin instalasi yang dapat menambah atau mengubah wilayah."
MAX_REGION_NAME = 200


@dataclass
class AreaPlan:
    """What creating a region's kecamatan and kelurahan from the official list does."""
    region_code: str
    applied: bool
    kecamatan_added: list[str] = field(default_factory=list)
    kelurahan_added: int = 0
    desa_added: int = 0
    coded: list[str] = field(default_factory=list)
    """Existing units of the same name that receive their official code."""
    unchanged: int = 0


def official_regencies(engine: Engine, province_code: str | None = None) -> list[dict]:
    """The kab/kota of the official list (code, name, level, province code and name), for pickers."""
    with unit_of_work(engine) as session:
        provinces = dict(session.execute(select(OfficialArea.code, OfficialArea.name)
                                         .where(OfficialArea.level == "provinsi")).all())
        query = select(OfficialArea).where(OfficialArea.level.in_(("kabupaten", "kota"))).order_by(OfficialArea.code)
        if province_code:
            query = query.where(OfficialArea.parent_code == province_code)
        return [{"code": a.code, "name": a.name, "level": a.level, "province_code": a.parent_code,
                 "province_name": provinces.get(a.parent_code or "", "")} for a in session.scalars(query)]


def official_provinces(engine: Engine) -> list[dict]:
    with unit_of_work(engine) as session:
        return [{"code": code, "name": name} for code, name in session.execute(
            select(OfficialArea.code, OfficialArea.name).where(OfficialArea.level == "provinsi")
            .order_by(OfficialArea.code))]


def hosted_regions(engine: Engine, actor: SignedInUser) -> list[dict]:
    """The regions the actor sees, with their counts of active units and their cycle years."""
    with unit_of_work(engine) as session:
        require_current_account(session, actor)
        regions = list(session.scalars(visible_regions(actor).order_by(Region.code)))
        ids = [region.id for region in regions]
        units = dict(session.execute(select(ReportingUnit.region_id, func.count()).where(
            ReportingUnit.region_id.in_(ids), ReportingUnit.active.is_(True)).group_by(ReportingUnit.region_id)).all())
        years: dict[int, list[int]] = {}
        for region_id, year in session.execute(select(EvaluationCycle.region_id, EvaluationCycle.year)
                                               .where(EvaluationCycle.region_id.in_(ids))
                                               .order_by(EvaluationCycle.year)):
            years.setdefault(region_id, []).append(year)
        return [{"code": r.code, "name": r.name, "kind": r.kind, "province_code": r.province_code,
                 "province_name": r.province_name, "units": units.get(r.id, 0), "cycles": years.get(r.id, [])}
                for r in regions]


def add_region(engine: Engine, actor: SignedInUser, code: str, name: str | None = None,
               province: str | None = None) -> Region:
    """Host a kab/kota named by its Kemendagri code. Its kind and province come from the official
    list; the name too unless one is given (e.g. as the region writes it itself). A province
    given must be the official one, by name or code."""
    code = clean_code(code)
    with unit_of_work(engine) as session:
        require_role(actor, ("admin",), ADMIN_ONLY)
        require_current_account(session, actor)
        official = _official_regency(session, code)
        province_row = session.get(OfficialArea, official.parent_code)
        if province_row is None:
            raise NotFound(f"Provinsi kode {code} ({official.name}) tidak ada di daftar resmi.")
        problems = []
        if province and province.strip().lower() not in (province_row.name.lower(), province_row.code):
            problems.append(f"Kode {code} ({official.name}) ada di Provinsi {province_row.name}, bukan "
                            f"'{province.strip()[:60]}'. Perbaiki provinsinya atau kodenya.")
        region_name = _region_name(name, official.name, problems)
        if session.scalar(select(Region.id).where(Region.code == code)) is not None:
            problems.append(f"Wilayah {code} ({official.name}) sudah ada di instalasi ini.")
        if problems:
            raise InvalidInput(problems)
        region = Region(code=code, name=region_name, kind=region_kind(official.level),
                        province_code=province_row.code, province_name=province_row.name)
        session.add(region)
        try:
            session.flush()
        except IntegrityError as error:  # added by a concurrent request
            raise InvalidInput([f"Wilayah {code} baru saja ditambahkan oleh pengguna lain."]) from error
        audit.record(session, actor.id, "region.add", "region", region.id, region.id,
                     {"new": _state(region), "official_name": official.name})
        bump_data_version(session)
        bump_data_version(session, region.id, public=True)
        return region


def rename_region(engine: Engine, actor: SignedInUser, code: str, name: str) -> Region:
    """Change how a hosted region is named (its code and province stay as the official list says)."""
    with unit_of_work(engine) as session:
        require_role(actor, ("admin",), ADMIN_ONLY)
        require_current_account(session, actor)
        region = find_region(session, clean_code(code))
        problems: list[str] = []
        new_name = _region_name(name, None, problems)
        if problems:
            raise InvalidInput(problems)
        if new_name == region.name:
            return region
        old = _state(region)
        region.name = new_name
        audit.record(session, actor.id, "region.rename", "region", region.id, region.id,
                     {"old": old, "new": _state(region)})
        bump_data_version(session)
        return region


def create_areas_from_list(engine: Engine, actor: SignedInUser, region_code: str | None,
                           kecamatan_codes: list[str] | None = None, apply: bool = False) -> AreaPlan:
    """Create the region's kecamatan and desa/kelurahan from the official list (all of them, or
    those of the given kecamatan codes), with their codes. A unit that already exists by code is
    left alone; one that exists by name receives the code; nothing is renamed or deactivated.
    apply=False only says what would happen."""
    with unit_of_work(engine) as session:
        region = managed_region(session, actor, region_code)
        official = official_areas_under(session, region.code)
        if not official:
            raise NotFound(f"Daftar resmi tidak memuat kecamatan untuk {region.name} ({region.code}).")
        kecamatan = [a for a in official if a.level == "kecamatan"]
        if kecamatan_codes:
            wanted = {clean_code(c) for c in kecamatan_codes}
            unknown = sorted(wanted - {k.code for k in kecamatan})
            if unknown:
                raise InvalidInput([f"Kode kecamatan {c} tidak ada di {region.name} menurut daftar resmi."
                                    for c in unknown])
            kecamatan = [k for k in kecamatan if k.code in wanted]
        existing = kecamatan_and_kelurahan(session, region)
        places = _Places({u.code: u for u in existing if u.code},
                         {(u.kind, unit_key(u), u.parent_id): u for u in existing},
                         set(session.scalars(select(ReportingUnit.short_name)
                                             .where(ReportingUnit.region_id == region.id))))
        plan = AreaPlan(region.code, apply)
        for kec in kecamatan:
            parent = _place(session, region, kec, "kecamatan", kec.name, None, places, plan)
            for village in (a for a in official if a.parent_code == kec.code):
                typed = f"Desa {village.name}" if village.level == "desa" else village.name
                _place(session, region, village, "kelurahan", typed, parent, places, plan)
        if not apply:
            session.rollback()
            return plan
        session.flush()
        for unit in places.coded:
            audit.record(session, actor.id, "unit.code", "reporting_unit", unit.id, region.id,
                         {"unit": unit.short_name, "old": None, "new": unit.code, "source": "official_list"})
        for added, added_parent in places.added:
            audit.record(session, actor.id, "unit.add", "reporting_unit", added.id, region.id,
                         {"new": {**unit_state(added, added_parent), "code": added.code}, "source": "official_list"})
        audit.record(session, actor.id, "units.from_official_list", "region", region.id, region.id,
                     {"kecamatan_added": len(plan.kecamatan_added), "kelurahan_added": plan.kelurahan_added,
                      "desa_added": plan.desa_added, "coded": len(plan.coded), "unchanged": plan.unchanged})
        refresh_region(session, region, actor)
        bump_data_version(session, region.id)
        return plan


@dataclass
class _Places:
    by_code: dict[str, ReportingUnit]
    by_key: dict[tuple[str, str, int | None], ReportingUnit]
    """(kind, name key, parent id): a kelurahan matches by name only under the same kecamatan."""
    short_names: set[str]
    added: list[tuple[ReportingUnit, ReportingUnit | None]] = field(default_factory=list)
    coded: list[ReportingUnit] = field(default_factory=list)


def _place(session, region: Region, area: OfficialArea, kind: str, typed: str, parent: ReportingUnit | None,
           places: _Places, plan: AreaPlan) -> ReportingUnit:
    """The unit of this official area: existing (by code, else by name) or newly added."""
    unit = places.by_code.get(area.code)
    if unit is not None:
        plan.unchanged += 1
        return unit
    named = unit_name(kind, typed)
    parent_id = parent.id if parent is not None else None
    unit = places.by_key.get((kind, named.key, parent_id)) if parent_id is not None or parent is None else None
    if unit is not None:
        unit.code = area.code
        plan.coded.append(unit.name)
        places.coded.append(unit)
        return unit
    short_name = named.short_name
    if short_name in places.short_names and parent is not None:  # a village name found in two kecamatan
        short_name = f"{short_name}_{unit_key(parent)}"[:64]
    if short_name in places.short_names:
        short_name = f"{short_name[:56]}_{area.code.replace('.', '')[-7:]}"
    unit = ReportingUnit(region_id=region.id, kind=kind, short_name=short_name, name=named.full,
                         code=area.code, parent=parent, active=True)
    session.add(unit)
    places.by_code[area.code] = unit
    places.short_names.add(short_name)
    places.added.append((unit, parent))
    if kind == "kecamatan":
        plan.kecamatan_added.append(named.full)
    elif area.level == "desa":
        plan.desa_added += 1
    else:
        plan.kelurahan_added += 1
    return unit


def _official_regency(session, code: str) -> OfficialArea:
    problem = code_problem(code, "kabupaten_kota")
    if problem:
        raise InvalidInput([problem])
    official = session.get(OfficialArea, code)
    if official is None:
        if session.scalar(select(OfficialArea.code).limit(1)) is None:
            raise InvalidInput(["Daftar wilayah resmi Kemendagri belum dimuat; jalankan manage.py init-db."])
        raise InvalidInput([f"Kode {code} tidak ada pada daftar wilayah resmi Kemendagri "
                            f"({official_list_name(session)}). Periksa kodenya, mis. 53.71 untuk Kota Kupang."])
    return official


def official_list_name(session) -> str:
    return session.scalar(select(OfficialArea.list_name).limit(1)) or "-"


def _region_name(name: str | None, official_name: str | None, problems: list[str]) -> str:
    cleaned = " ".join((name or "").split())
    if not cleaned:
        if official_name is None:
            problems.append("Nama wilayah wajib diisi, mis. Kota Payakumbuh.")
        return official_name or ""
    if len(cleaned) > MAX_REGION_NAME or any(ord(ch) < 32 or ord(ch) == 127 for ch in (name or "").strip()):
        problems.append(f"Nama wilayah paling banyak {MAX_REGION_NAME} karakter, tanpa karakter kendali.")
    return cleaned


def _state(region: Region) -> dict:
    return {"code": region.code, "name": region.name, "kind": region.kind,
            "province_code": region.province_code, "province_name": region.province_name}
