"""A national data set for the benchmarks: the Kota Kupang demo as it ships, plus every other
kabupaten/kota of the official Kemendagri list (514 in 38 provinces by default) with generated
data of the demo's shape, into the database KLA_DATABASE_URL (or --url) names, SQLite or
PostgreSQL.

    KLA_DATABASE_URL=sqlite:///instance/national.sqlite3 .venv/bin/python bench/generate.py [--regions 514]

Each generated region gets its OPDs (one per data source of the catalog, ~30), its kecamatan and
desa/kelurahan with their codes, accounts for the task force, every OPD and every kecamatan, the
shipped catalog's assignments, five cycles (three published, one closed and unpublished, the
latest open), city answers in every status (values and points from the demo's own answer plan,
shifted per region), the kecamatan and desa/kelurahan answers of Kelana Dekela in the two latest
cycles, review history, audit rows for the open cycle, a small evidence file per ten city
answers, and case statistics. Deterministic: the same size gives the same rows. Prints the row
count of every table it filled.

Illustrative data, never a region's real figures. Rows are written with SQLAlchemy Core in
batches, as a loader would (the services' checks are for people, and would take hours here).
"""
from __future__ import annotations

import argparse
import hashlib
import random
import sys
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import numpy as np
from sqlalchemy import Engine, func, insert, select, text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from data.db import make_engine, migrate, unit_of_work
from data.models import (
    Answer,
    Assignment,
    AuditLog,
    CaseStatistic,
    CatalogVersion,
    EvaluationCycle,
    EvidenceFile,
    OfficialArea,
    Question,
    Region,
    RegionDataVersion,
    ReportingUnit,
    ReviewEvent,
    User,
)
from data.services.accounts.auth import hash_password
from data.services.regions.official_list import ensure_official_list
from indicators.catalog import DEFAULT_CATALOG, load_catalog
from indicators.derivation import is_derived, unit_kind
from seed import kupang
from seed.answers import ANSWER_FIELDS, plan_cycle
from seed.cases import case_rows
from seed.demo import seed_demo

DEMO_REGION = kupang.REGION["code"]
YEARS_OF = {cycles: list(range(2026 - cycles, 2026)) for cycles in range(1, 11)}
REGIONS_PER_TRANSACTION = 8
EVIDENCE = b"%PDF-1.4\n% Bukti dukung (data uji kinerja)\n%%EOF\n"
TABLES = (Region, RegionDataVersion, ReportingUnit, User, Assignment, EvaluationCycle, Answer, ReviewEvent,
          EvidenceFile, AuditLog, CaseStatistic)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="database URL (default: KLA_DATABASE_URL)")
    parser.add_argument("--regions", type=int, default=514, help="kabupaten/kota in all, Kota Kupang included")
    parser.add_argument("--cycles", type=int, default=5, help="evaluation cycles per generated region (1-10)")
    args = parser.parse_args(argv)
    if not 1 <= args.regions <= 514 or args.cycles not in YEARS_OF:
        print("--regions harus 1-514 dan --cycles 1-10.", file=sys.stderr)
        return 1
    engine = make_engine(args.url)
    try:
        counts = generate(engine, args.regions, args.cycles)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    for table, count in counts.items():
        print(f"{table:18} {count:>10,}")
    return 0


def generate(engine: Engine, regions: int, cycles: int = 5) -> dict[str, int]:
    """Fill an empty database; returns the row count per table."""
    migrate(engine)
    with unit_of_work(engine) as session:
        if session.scalar(select(func.count(Region.id))):
            raise ValueError("Basis data ini sudah berisi wilayah; generate.py mengisi basis data yang kosong.")
    ensure_official_list(engine)
    seed_demo(engine, neighbours=False)  # the regions it generates include the demo neighbours
    catalog = load_catalog(DEFAULT_CATALOG)
    with unit_of_work(engine) as session:
        version = session.scalar(select(CatalogVersion).where(CatalogVersion.version == catalog.version))
        question_ids = dict(session.execute(select(Question.code, Question.id)
                                            .where(Question.catalog_version_id == version.id)).all())
        areas = session.execute(select(OfficialArea.code, OfficialArea.name, OfficialArea.level,
                                       OfficialArea.parent_code).order_by(OfficialArea.code)).all()
        catalog_version_id = version.id
    writer = _Writer(engine, catalog, question_ids, catalog_version_id, YEARS_OF[cycles], areas)
    chosen = _spread([a for a in areas if a.level in ("kabupaten", "kota") and a.code != DEMO_REGION], regions - 1)
    for start in range(0, len(chosen), REGIONS_PER_TRANSACTION):
        writer.write_regions(chosen[start:start + REGIONS_PER_TRANSACTION])
    writer.finish()
    with unit_of_work(engine, read_only=True) as session:
        return {model.__tablename__: session.scalar(select(func.count()).select_from(model)) for model in TABLES
                if model is not RegionDataVersion}


def _spread(items: list, wanted: int) -> list:
    """`wanted` items spread evenly over the list (every province gets its share)."""
    if wanted >= len(items):
        return items
    return [items[round(i * len(items) / wanted)] for i in range(wanted)] if wanted > 0 else []


class _Writer:
    def __init__(self, engine, catalog, question_ids, catalog_version_id, years, areas):
        self.engine, self.catalog, self.question_ids = engine, catalog, question_ids
        self.catalog_version_id, self.years = catalog_version_id, years
        self.names = {a.code: a.name for a in areas}
        self.children: dict[str, list] = {}
        for area in areas:
            self.children.setdefault(area.parent_code, []).append(area)
        self.password_hash = hash_password(kupang.DEMO_PASSWORD)
        with engine.connect() as connection:
            self.next_id = {model: (connection.scalar(select(func.max(model.id))) or 0) + 1
                            for model in TABLES if hasattr(model, "id")}
        self.plans: dict[tuple[int, float], list] = {}
        self.derived = [q for q in catalog.questions if is_derived(q)]

    def ids(self, model, count: int) -> range:
        first = self.next_id[model]
        self.next_id[model] = first + count
        return range(first, first + count)

    def plan(self, year: int, offset: float) -> list:
        """The demo's answer plan of the year, shifted by offset (cached: regions share a few)."""
        key = (year, offset)
        if key not in self.plans:
            self.plans[key] = list(plan_cycle(self.catalog, year, offset).itertuples())
        return self.plans[key]

    def write_regions(self, areas: list) -> None:
        rows: dict = {model: [] for model in TABLES}
        for area in areas:
            self._region(area, rows)
        with self.engine.begin() as connection:
            for model in TABLES:
                for batch in _batches(rows[model], 5000):
                    connection.execute(insert(model), batch)

    def finish(self) -> None:
        """PostgreSQL's id sequences continue after the ids written here."""
        if self.engine.dialect.name != "postgresql":
            return
        with self.engine.begin() as connection:
            for model in (m for m in TABLES if hasattr(m, "id")):
                table = model.__tablename__
                connection.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                        f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"))

    def _region(self, area, rows: dict) -> None:
        rng = random.Random(f"national-{area.code}")
        region_id = self.ids(Region, 1)[0]
        kind = area.level
        rows[Region].append({"id": region_id, "code": area.code, "name": area.name, "kind": kind,
                             "province_code": area.parent_code, "province_name": self.names[area.parent_code],
                             "created_at": _at(2021, 1, 4)})
        rows[RegionDataVersion].append({"region_id": region_id, "version": 1, "public_version": 1})
        units = self._units(area, region_id, rows)
        users = self._users(area, region_id, units, rows)
        self._assignments(region_id, units, rows)
        offset = round(rng.uniform(-0.30, 0.15) * 20) / 20
        for position, year in enumerate(self.years):
            latest = position == len(self.years) - 1
            status = "open" if latest else "closed"
            published = position < len(self.years) - 2
            cycle_id = self.ids(EvaluationCycle, 1)[0]
            rows[EvaluationCycle].append({
                "id": cycle_id, "region_id": region_id, "year": year, "catalog_version_id": self.catalog_version_id,
                "status": status, "deadline": date(year, 4, 30) if not latest else date(2026, 12, 18),
                "published": published, "published_at": _at(year, 7, 23) if published else None,
                "closed_at": _at(year, 6, 30) if not latest else None})
            with_units = position >= len(self.years) - 2
            self._answers(region_id, cycle_id, year, status, offset, with_units, units, users, rng, rows)
        for year in (y for y in self.years if y in _CASE_YEARS):
            for row in case_rows(_CASE_YEARS[year]):
                rows[CaseStatistic].append({**row, "year": year, "region_id": region_id,
                                            "id": self.ids(CaseStatistic, 1)[0]})

    def _units(self, area, region_id: int, rows: dict) -> dict:
        units = {"opd": {}, "kecamatan": [], "kelurahan": []}
        for short in self.catalog.data_sources:
            unit_id = self.ids(ReportingUnit, 1)[0]
            name = f"{self.catalog.data_source_name(short)} {area.name.title()}"[:200]
            rows[ReportingUnit].append({"id": unit_id, "region_id": region_id, "kind": "opd", "short_name": short,
                                        "name": name, "parent_id": None, "code": None, "data_sources": [short],
                                        "active": True, "created_at": _at(2021, 1, 4)})
            units["opd"][short] = unit_id
        for kecamatan in self.children.get(area.code, []):
            kecamatan_id = self.ids(ReportingUnit, 1)[0]
            rows[ReportingUnit].append({
                "id": kecamatan_id, "region_id": region_id, "kind": "kecamatan", "short_name": f"kec_{kecamatan.code}",
                "name": f"Kecamatan {kecamatan.name.title()}", "parent_id": None, "code": kecamatan.code,
                "data_sources": [], "active": True, "created_at": _at(2021, 1, 4)})
            units["kecamatan"].append(kecamatan_id)
            for village in self.children.get(kecamatan.code, []):
                village_id = self.ids(ReportingUnit, 1)[0]
                rows[ReportingUnit].append({
                    "id": village_id, "region_id": region_id, "kind": "kelurahan", "short_name": f"kel_{village.code}",
                    "name": f"{village.level.title()} {village.name.title()}", "parent_id": kecamatan_id,
                    "code": village.code, "data_sources": [], "active": True, "created_at": _at(2021, 1, 4)})
                units["kelurahan"].append(village_id)
        return units

    def _users(self, area, region_id: int, units: dict, rows: dict) -> dict:
        code = area.code.replace(".", "")
        accounts = [(f"sekretariat.{code}", "Sekretariat KLA", "secretariat", units["opd"]["dp3a"]),
                    (f"ketua.{code}", "Ketua Gugus Tugas KLA", "chair", units["opd"]["bappeda"]),
                    (f"anggota.{code}", "Anggota Gugus Tugas KLA", "member", units["opd"]["bappeda"])]
        accounts += [(f"opd.{short}.{code}", f"Operator {short}", "opd", unit_id)
                     for short, unit_id in units["opd"].items()]
        accounts += [(f"kec.{code}.{n}", "Petugas Kecamatan", "kecamatan", unit_id)
                     for n, unit_id in enumerate(units["kecamatan"], start=1)]
        users = {}
        for username, display_name, role, unit_id in accounts:
            user_id = self.ids(User, 1)[0]
            rows[User].append({"id": user_id, "username": username, "display_name": display_name,
                               "password_hash": self.password_hash, "role": role, "region_id": region_id,
                               "reporting_unit_id": unit_id, "active": True, "must_change_password": False,
                               "session_generation": 0, "failed_sign_ins": 0, "created_at": _at(2021, 1, 4)})
            users[unit_id if role in ("opd", "kecamatan") else role] = user_id
        return users

    def _assignments(self, region_id: int, units: dict, rows: dict) -> None:
        for q in self.catalog.questions:
            kind = unit_kind(q) if is_derived(q) else None
            answering = units[kind] if kind else [units["opd"][s] for s in q.data_sources if s in units["opd"]]
            for unit_id in answering:
                rows[Assignment].append({"id": self.ids(Assignment, 1)[0], "region_id": region_id,
                                         "question_id": self.question_ids[q.code], "reporting_unit_id": unit_id})

    def _answers(self, region_id, cycle_id, year, cycle_status, offset, with_units, units, users, rng, rows) -> None:
        chair = users["chair"]
        started = _at(year if cycle_status == "closed" else 2026, 3, 2)
        for position, row in enumerate(self.plan(year, offset)):
            if not row.answered:
                continue
            q = self.catalog.question(row.question_code)
            status = "verified"
            if cycle_status == "open":
                pick = rng.random()
                if pick >= kupang.OPEN_CYCLE_ANSWERED_SHARE:
                    continue
                share = pick / kupang.OPEN_CYCLE_ANSWERED_SHARE
                status = ("draft" if share < 0.35 else "submitted" if share < 0.7
                          else "returned" if share < 0.8 else "verified")
            unit_id = units["opd"][q.lead_source]
            when = started + timedelta(minutes=17 * position)
            answer_id = self.ids(Answer, 1)[0]
            values = {field: _value(getattr(row, field, None)) for field in ANSWER_FIELDS}
            if is_derived(q) and with_units:
                values.update(self._unit_answers(region_id, cycle_id, q, units[unit_kind(q)], values, cycle_status,
                                                 users, chair, when, rng, rows))
            lowered = bool(row.lowered)
            rows[Answer].append({
                "id": answer_id, "region_id": region_id, "cycle_id": cycle_id,
                "question_id": self.question_ids[q.code], "reporting_unit_id": unit_id, **values,
                "note": None, "status": status, "version": 1, "self_points": float(row.self_points),
                "verified_points": float(row.verified_points) if status == "verified" else None,
                "verified_reason": "Bukti dukung belum lengkap." if status == "verified" and lowered else None,
                "return_reason": "Lengkapi bukti dukung." if status == "returned" else None,
                "updated_by_id": users.get(unit_id), "updated_at": when,
                "submitted_at": when if status != "draft" else None,
                "verified_by_id": chair if status == "verified" else None,
                "verified_at": when + timedelta(days=20) if status == "verified" else None})
            if status in ("verified", "returned") and with_units:
                rows[ReviewEvent].append({
                    "id": self.ids(ReviewEvent, 1)[0], "answer_id": answer_id, "actor_id": chair,
                    "action": "verify" if status == "verified" else "return", "from_status": "submitted",
                    "to_status": status, "points": float(row.verified_points) if status == "verified" else None,
                    "reason": None, "created_at": when + timedelta(days=20)})
            if cycle_status == "open":
                rows[AuditLog].append({
                    "id": self.ids(AuditLog, 1)[0], "at": when, "actor_id": users.get(unit_id),
                    "action": "answer.save", "entity": "answer", "entity_id": str(answer_id),
                    "region_id": region_id, "details": {"question": q.code, "cycle": year, "source": "generated"}})
            if answer_id % 10 == 0:
                content = EVIDENCE + q.code.encode()
                rows[EvidenceFile].append({
                    "id": self.ids(EvidenceFile, 1)[0], "answer_id": answer_id, "filename": f"bukti-{q.code}.pdf",
                    "content_type": "application/pdf", "size_bytes": len(content),
                    "sha256": hashlib.sha256(content).hexdigest(), "content": content, "file_version": 1,
                    "superseded": False, "uploaded_by_id": users.get(unit_id), "uploaded_at": when})

    def _unit_answers(self, region_id, cycle_id, q, answering: list[int], values: dict, cycle_status, users,
                      chair, when, rng, rows) -> dict:
        """Each kecamatan or desa/kelurahan answers its part (yes in the plan's share of them); the
        city's answer then counts them, as derived_answers would."""
        share = (values.get("numerator") or 0) / (values.get("denominator") or 1)
        yes_count = 0
        for offset, unit_id in enumerate(answering):
            status = "verified"
            if cycle_status == "open":
                pick = rng.random()
                if pick < 0.25:
                    continue
                status = ("draft" if pick < 0.45 else "submitted" if pick < 0.7
                          else "returned" if pick < 0.78 else "verified")
            yes = rng.random() < share
            yes_count += yes
            points = q.max_points / len(answering) if yes else 0.0
            at = when + timedelta(seconds=offset)
            rows[Answer].append({
                "id": self.ids(Answer, 1)[0], "region_id": region_id, "cycle_id": cycle_id,
                "question_id": self.question_ids[q.code], "reporting_unit_id": unit_id, "bool_value": yes,
                "choice_code": None, "numerator": None, "denominator": None, "count_value": None, "note": None,
                "status": status, "version": 1, "self_points": points,
                "verified_points": points if status == "verified" else None, "verified_reason": None,
                "return_reason": "Lengkapi bukti dukung." if status == "returned" else None,
                "updated_by_id": users.get(unit_id), "updated_at": at,
                "submitted_at": at if status != "draft" else None,
                "verified_by_id": chair if status == "verified" else None,
                "verified_at": at + timedelta(days=20) if status == "verified" else None})
        return {"numerator": float(yes_count), "denominator": float(len(answering))} if answering else {}


# The demo's case years, reused for each generated year (the latest years reuse the latest demo year).
_CASE_YEARS = {2021: 2021, 2022: 2022, 2023: 2023, 2024: 2024, 2025: 2024}


def _at(year: int, month: int, day: int) -> datetime:
    return datetime(year, month, day, 8, tzinfo=UTC)


def _value(value):
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    return float(value) if isinstance(value, (np.floating, np.integer)) else value


def _batches(rows: list, size: int) -> Iterator[list]:
    for start in range(0, len(rows), size):
        yield rows[start:start + size]


if __name__ == "__main__":
    sys.exit(main())
