"""The demo's two other regions of Nusa Tenggara Timur beside Kota Kupang, so that the province's
readiness board, its administrative verification and the peers have something to show: Kabupaten
Kupang (53.01, still filling its 2025 answers after its deadline) and Kabupaten Belu (53.04, 2025
closed and half read by the province); their 2025 verified answers carry small PDFs as evidence,
some required ones missing (seed.evidence). Their answers and totals are ILLUSTRATIVE, made up as the
Kota Kupang demo's are; they are not the regions' real evaluation. Each region is set up the way a
real one sets itself up: hosted by its Kemendagri code, its kecamatan and desa/kelurahan taken from
the official list; then its OPDs, its chair and its cycles are added as Kota Kupang's are (seed.answers)."""
from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import TypedDict

from sqlalchemy import select
from sqlalchemy.orm import Session

from data.actor import COMMAND_LINE
from data.audit import record
from data.db import bump_data_version, unit_of_work
from data.errors import NotFound
from data.models import CITY_UNIT_KIND, Answer, CatalogVersion, EvaluationCycle, Question, Region, ReportingUnit, User
from data.services.catalog.catalog_admin import assign_by_data_source
from data.services.regions.regions import add_region, create_areas_from_list
from indicators.catalog import Catalog
from indicators.workflow import VERIFIED
from seed.answers import add_cycles
from seed.evidence import attach_evidence


class _Neighbour(TypedDict):
    code: str
    name: str
    chair: str  # the username of its task force's chair
    cycles: list[dict]  # as seed.answers.add_cycles takes them


# Deadlines as timedelta are counted from the day the demo is loaded (seed.answers.add_cycles).
NEIGHBOURS: list[_Neighbour] = [
    {"code": "53.01", "name": "Kabupaten Kupang", "chair": "ketua.kabkupang",
     "cycles": [
         {"year": 2024, "status": "closed", "published": True, "target_total": 552.0, "deadline": date(2024, 4, 30)},
         {"year": 2025, "status": "open", "published": False, "target_total": 590.0, "deadline": timedelta(days=-10)},
     ]},
    {"code": "53.04", "name": "Kabupaten Belu", "chair": "ketua.belu",
     "cycles": [
         {"year": 2024, "status": "closed", "published": True, "target_total": 646.0, "deadline": date(2024, 4, 30)},
         {"year": 2025, "status": "closed", "published": False, "target_total": 712.0, "deadline": timedelta(days=-68)},
     ]},
]
# Kabupaten Belu 2025 as the province left it: most verified answers confirmed, the largest ones
# whose required evidence is missing lowered to nothing, one returned; the rest not yet read.
PROVINCE_CONFIRMED_SHARE = 0.6
PROVINCE_LOWERED = 6
PROVINCE_LOWERED_REASON = ("Bukti dukung yang diwajibkan tidak ditemukan dalam berkas; poin provinsi 0 sampai "
                           "dokumen dilengkapi (verifikasi administrasi provinsi, contoh demo).")
PROVINCE_RETURN_DAYS_LEFT = 10
"""The city has this many days left to answer the demo's return."""
PROVINCE_RETURN_REASON = ("SK Gugus Tugas yang dilampirkan sudah kedaluwarsa; mohon unggah SK tahun 2025 "
                          "(contoh demo).")


def add_neighbours(engine, catalog: Catalog, province_verifier: str, today: date) -> None:
    """Host the two regions and load their illustrative evaluations, dated from `today`."""
    for neighbour in NEIGHBOURS:
        add_region(engine, COMMAND_LINE, neighbour["code"], neighbour["name"])
        create_areas_from_list(engine, COMMAND_LINE, neighbour["code"], apply=True)
        with unit_of_work(engine) as session:
            region = session.scalar(select(Region).where(Region.code == neighbour["code"]))
            assert region is not None  # add_region has just hosted it
            version = session.scalar(select(CatalogVersion).where(CatalogVersion.version == catalog.version))
            if version is None:
                raise NotFound(f"Instrumen {catalog.version} belum dimuat; muat dulu demo Kota Kupang.")
            units = _add_opds(session, region, catalog)
            assign_by_data_source(session, region, version)
            chair = User(username=neighbour["chair"], display_name=f"Ketua Gugus Tugas KLA {region.name}",
                         password_hash=session.scalar(select(User.password_hash).where(User.username == "ketua")),
                         role="chair", region_id=region.id, reporting_unit_id=units["bappeda"].id)
            session.add(chair)
            session.flush()
            cycles = add_cycles(session, region, version, catalog, neighbour["cycles"], {}, units,
                                {neighbour["chair"]: chair}, chair, today, story=neighbour["code"])
            lowered: set[int] = set()
            if neighbour["code"] == "53.04":
                verifier = session.scalar(select(User).where(User.username == province_verifier))
                if verifier is None:
                    raise NotFound(f"Akun verifikator provinsi '{province_verifier}' tidak ada.")
                lowered = _province_reading(session, cycles[2025], catalog, verifier, today)
            attach_evidence(session, cycles[2025], catalog, chair.id,
                            datetime.combine(today - timedelta(days=75), time(10), tzinfo=UTC), without=lowered)
            record(session, None, "seed_demo", "region", region.id, region.id,
                   {"region": region.code, "cycles": sorted(cycles), "illustrative": True})
            bump_data_version(session)
            bump_data_version(session, region.id, public=True)


def _add_opds(session: Session, region: Region, catalog: Catalog) -> dict[str, ReportingUnit]:
    """One OPD per data source of the instrument, named after the region; with the region's
    kecamatan and desa/kelurahan, every unit by short name."""
    session.add_all(ReportingUnit(region_id=region.id, kind=CITY_UNIT_KIND, short_name=short,
                                  name=f"{catalog.data_source_name(short)} {region.name}", data_sources=[short])
                    for short in catalog.data_sources)
    session.flush()
    return {unit.short_name: unit for unit in session.scalars(
        select(ReportingUnit).where(ReportingUnit.region_id == region.id))}


def _province_reading(session: Session, cycle: EvaluationCycle, catalog: Catalog, verifier: User,
                      today: date) -> set[int]:
    """The province's reading of the cycle as the demo shows it; returns the answers it lowered
    (for their missing evidence)."""
    answers = list(session.scalars(
        select(Answer).join(Question, Answer.question_id == Question.id)
        .join(ReportingUnit, Answer.reporting_unit_id == ReportingUnit.id)
        .where(Answer.cycle_id == cycle.id, Answer.status == VERIFIED, ReportingUnit.kind == CITY_UNIT_KIND)
        .order_by(Question.position)))
    codes = dict(session.execute(select(Question.id, Question.code).where(
        Question.id.in_([a.question_id for a in answers]))).all())
    required = sorted((a for a in answers if catalog.question(codes[a.question_id]).evidence_required
                       and (a.verified_points or 0) > 0), key=lambda a: (-(a.verified_points or 0), a.id))
    lowered = {a.id for a in required[:PROVINCE_LOWERED]}
    returned = required[PROVINCE_LOWERED].id
    confirmed = {a.id for a in answers[:round(len(answers) * PROVINCE_CONFIRMED_SHARE)]}
    at = datetime.combine(today - timedelta(days=21), time(9), tzinfo=UTC)
    for answer in answers:
        if answer.id in lowered:
            answer.province_points, answer.province_reason = 0.0, PROVINCE_LOWERED_REASON
        elif answer.id == returned:
            answer.province_return_reason, answer.province_returns = PROVINCE_RETURN_REASON, 1
            answer.province_return_due = today + timedelta(days=PROVINCE_RETURN_DAYS_LEFT)
        elif answer.id in confirmed:
            answer.province_points = answer.verified_points
        else:
            continue
        answer.province_by_id, answer.province_at = verifier.id, at
    return lowered
