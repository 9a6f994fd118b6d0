"""Load the demo: the Kota Kupang region, OPDs, kecamatan, accounts, the 2024 instrument, three
closed and published cycles (2022-2024) and the open 2025 cycle, partly answered; with its
illustrative NTT neighbours (seed.ntt). Deterministic: every value follows from the question code
and the year."""
from __future__ import annotations

from sqlalchemy import Engine, select

from data.audit import record
from data.catalog_store import store_catalog
from data.db import bump_data_version, unit_of_work
from data.lookups import official_areas_under
from data.models import CatalogVersion, Region, ReportingUnit, User
from data.services.accounts.auth import hash_password
from data.services.catalog.catalog_admin import assign_by_data_source
from data.services.kelana.public_kelana import freeze_unfrozen_cycles
from data.services.regions.official_list import ensure_official_list
from indicators import clock
from indicators.catalog import DEFAULT_CATALOG, Catalog, load_catalog
from indicators.unit_names import SHORT_PREFIX, focal_username, unit_name
from seed import kupang
from seed.actions import add_actions
from seed.answers import add_cycles
from seed.cases import add_case_statistics
from seed.forum import add_forum_view
from seed.ntt import add_neighbours


def demo_loaded(engine: Engine) -> bool:
    with unit_of_work(engine) as session:
        return session.scalar(select(Region.id).where(Region.code == kupang.REGION["code"])) is not None


def seed_demo(engine: Engine, catalog: Catalog | None = None, neighbours: bool = True) -> bool:
    """Load the demo into an empty database; returns False (and changes nothing) if it is there.
    With neighbours, Kota Kupang's illustrative neighbours in NTT come too (seed.ntt). The open
    cycles' deadlines and the dates around them count from the clock's today, so the demo reads
    the same whenever it is loaded."""
    today = clock.today(kupang.REGION["code"])
    # The shipped catalog's calibration is remembered (a test keeps it honest); another is calibrated.
    offsets = kupang.CALIBRATED_OFFSETS if catalog is None else {}
    catalog = catalog or load_catalog(DEFAULT_CATALOG)
    ensure_official_list(engine)
    with unit_of_work(engine) as session:
        if session.scalar(select(Region.id).where(Region.code == kupang.REGION["code"])) is not None:
            return False
        region = Region(**kupang.REGION)
        session.add(region)
        session.flush()
        units = _add_units(session, region, catalog)
        users = _add_users(session, region, units)
        store_catalog(session, catalog, loaded_from=f"indicators/catalogs/{DEFAULT_CATALOG.name}")
        version = session.scalar(select(CatalogVersion).where(CatalogVersion.version == catalog.version))
        assert version is not None  # store_catalog has just stored it
        assign_by_data_source(session, region, version)
        chair = users["ketua"]
        cycles = add_cycles(session, region, version, catalog, kupang.CYCLES, offsets, units, users, chair, today)
        add_actions(session, region, cycles[2025], units, users, catalog, chair, today)
        add_forum_view(session, region, cycles[2024], users["forum.anak"])
        add_case_statistics(session, region)
        record(session, None, "seed_demo", "region", region.id, region.id,
               {"region": region.code, "cycles": [c["year"] for c in kupang.CYCLES]})
        bump_data_version(session)
        bump_data_version(session, region.id, public=True)
    if neighbours:
        add_neighbours(engine, catalog, province_verifier="provinsi.ntt", today=today)
    freeze_unfrozen_cycles(engine)
    return True


def _add_units(session, region: Region, catalog: Catalog) -> dict[str, ReportingUnit]:
    names = dict(kupang.OPDS)
    for short_name in catalog.data_sources:
        names.setdefault(short_name, catalog.data_source_name(short_name))
    units = {short: ReportingUnit(region_id=region.id, kind="opd", short_name=short, name=name,
                                  data_sources=[short] if short in catalog.data_sources else [])
             for short, name in names.items()}
    codes = _official_codes(session, region)
    for kecamatan, kelurahan in kupang.KELURAHAN.items():
        parent = _unit(region, "kecamatan", kecamatan, codes)
        units[parent.short_name] = parent
        for name in kelurahan:
            unit = _unit(region, "kelurahan", name, codes, parent)
            units[unit.short_name] = unit
    session.add_all(units.values())
    session.flush()
    return units


def _official_codes(session, region: Region) -> dict[tuple[str, str | None], str]:
    """(name, parent code) -> Kemendagri code of the region's kecamatan and kelurahan."""
    return {(area.name, area.parent_code if area.parent_code != region.code else None): area.code
            for area in official_areas_under(session, region.code)}


def _unit(region: Region, kind: str, name: str, codes: dict, parent: ReportingUnit | None = None) -> ReportingUnit:
    """A kecamatan or kelurahan named as the Unit Wilayah page names it (kec_<slug>, kel_<slug>),
    with its code from the official list."""
    named = unit_name(kind, name)
    code = codes[(name, parent.code if parent is not None else None)]
    return ReportingUnit(region_id=region.id, kind=kind, short_name=f"{SHORT_PREFIX[kind]}_{named.key}",
                         name=named.full, parent=parent, code=code)


def _add_users(session, region: Region, units: dict[str, ReportingUnit]) -> dict[str, User]:
    kelurahan_accounts = {f"Kelurahan {name}" for name in kupang.KELURAHAN_ACCOUNTS}
    accounts = list(kupang.STAFF_ACCOUNTS) + [
        (f"opd.{short}", f"Operator {unit.name}", "opd", short) for short, unit in units.items() if unit.kind == "opd"
    ] + [
        (focal_username(unit), f"Petugas {unit.name}", unit.kind, short) for short, unit in units.items()
        if unit.kind == "kecamatan" or unit.name in kelurahan_accounts
    ]
    users = {}
    # Every demo account has the same published password, so one (slow, by design) hash serves all.
    password_hash = hash_password(kupang.DEMO_PASSWORD)
    for username, display_name, role, unit_short in accounts:
        users[username] = User(
            username=username, display_name=display_name, password_hash=password_hash,
            role=role, region_id=None if role in ("admin", "province") else region.id,
            province_code=region.province_code if role == "province" else None,
            reporting_unit_id=units[unit_short].id if unit_short else None,
        )
    session.add_all(users.values())
    session.flush()
    return users


