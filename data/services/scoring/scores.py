"""Scores of regions and cycles: the answers in the database, scored by the domain rules.

The page and `manage.py score` both read `score_report`, so they show the same figures.
"""
from __future__ import annotations

import math

import pandas as pd
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from data.db import unit_of_work
from data.errors import InvalidInput
from data.lookups import catalog_for_version, find_cycle, find_region
from data.models import CITY_UNIT_KIND, Answer, CatalogVersion, EvaluationCycle, Question, Region, ReportingUnit
from indicators.answers import VALUE_FIELDS
from indicators.catalog import Catalog
from indicators.scoring import ALL_BASES, ScoreTables, score


def require_basis(basis: str) -> None:
    if basis not in ALL_BASES:
        raise InvalidInput([f"Dasar penilaian '{basis}' tidak dikenal; pilih 'verified', 'self' atau 'province'."])


def score_cycles(session: Session, cycles: list[EvaluationCycle], basis: str) -> tuple[ScoreTables, dict[str, Catalog]]:
    """Score several cycles (of one or many regions) in one vectorised pass."""
    require_basis(basis)
    cycle_frame = pd.DataFrame(session.execute(
        select(Region.code.label("region"), EvaluationCycle.year.label("cycle"),
               CatalogVersion.version.label("catalog_version"))
        .join(Region, EvaluationCycle.region_id == Region.id)
        .join(CatalogVersion, EvaluationCycle.catalog_version_id == CatalogVersion.id)
        .where(EvaluationCycle.id.in_([c.id for c in cycles]))
    ).mappings().all(), columns=["region", "cycle", "catalog_version"])
    catalogs = {v: catalog_for_version(session, v) for v in cycle_frame["catalog_version"].unique()}
    rows = session.execute(
        select(Region.code.label("region"), EvaluationCycle.year.label("cycle"), Question.code.label("question_code"),
               Answer.bool_value, Answer.choice_code, Answer.numerator, Answer.denominator, Answer.count_value,
               Answer.status, Answer.verified_points, Answer.province_points)
        .join(EvaluationCycle, Answer.cycle_id == EvaluationCycle.id)
        .join(Region, Answer.region_id == Region.id)
        .join(Question, Answer.question_id == Question.id)
        .join(ReportingUnit, Answer.reporting_unit_id == ReportingUnit.id)
        .where(Answer.cycle_id.in_([c.id for c in cycles]), ReportingUnit.kind == CITY_UNIT_KIND)
    ).mappings().all()
    answers = pd.DataFrame(rows, columns=["region", "cycle", "question_code", *VALUE_FIELDS, "status",
                                          "verified_points", "province_points"])
    return score(cycle_frame, answers, list(catalogs.values()), basis=basis), catalogs


REGIONS_PER_PASS = 32
"""How many regions' cycles one scoring pass holds in memory (their answers and tables)."""
TOTAL_COLUMNS = ["region", "cycle", "total", "max_points", "predikat", "predikat_name", "answered", "missing"]


def score_all_regions(engine: Engine, basis: str = "verified", year: int | None = None,
                      region_codes: list[str] | None = None) -> pd.DataFrame:
    """Total and predikat of every hosted region's cycles (of one year, or all), one row per
    region and cycle (TOTAL_COLUMNS), or of the regions named. Scored REGIONS_PER_PASS regions at a
    time, so memory stays bounded whatever the size of the deployment. Checks no permission (as score_report): for the
    operator's command line and the overviews that check their readers."""
    require_basis(basis)
    with unit_of_work(engine, read_only=True) as session:
        query = select(Region.id).order_by(Region.code)
        if region_codes is not None:
            query = query.where(Region.code.in_(region_codes))
        region_ids = list(session.scalars(query))
        passes = []
        for start in range(0, len(region_ids), REGIONS_PER_PASS):
            cycle_query = select(EvaluationCycle).where(
                EvaluationCycle.region_id.in_(region_ids[start:start + REGIONS_PER_PASS]))
            if year is not None:
                cycle_query = cycle_query.where(EvaluationCycle.year == int(year))
            cycles = list(session.scalars(cycle_query))
            if cycles:
                tables, _ = score_cycles(session, cycles, basis)
                passes.append(tables.totals[TOTAL_COLUMNS])
        if not passes:
            return pd.DataFrame(columns=TOTAL_COLUMNS)
        return pd.concat(passes, ignore_index=True).sort_values(["region", "cycle"], ignore_index=True)


def _rounded(value) -> float | None:
    """A figure for JSON: four decimals, None for a missing one."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return round(float(value), 4)


def score_report(engine: Engine, region_code: str, year: int, basis: str = "verified") -> dict:
    """Total, predikat, groups and indicators of one region and cycle, as plain data (JSON-ready)."""
    with unit_of_work(engine, read_only=True) as session:
        region = find_region(session, region_code)
        cycle = find_cycle(session, region, int(year))
        tables, catalogs = score_cycles(session, [cycle], basis)
        catalog = next(iter(catalogs.values()))
        total = tables.totals.iloc[0]
        group_names = {g.code: g.name for g in catalog.groups}
        indicator_names = {i.code: i.name for i in catalog.indicators}
        return {
            "region": {"code": region.code, "name": region.name, "province": region.province_name},
            "cycle": cycle.year,
            "cycle_status": cycle.status,
            "published": cycle.published,
            "catalog_version": catalog.version,
            "basis": basis,
            "total": _rounded(total["total"]),
            "max_points": _rounded(total["max_points"]),
            "predikat": total["predikat_name"],
            "predikat_code": total["predikat"],
            "next_predikat": total["next_predikat_name"],
            "points_to_next_predikat": _rounded(total["points_to_next_predikat"]),
            "answered_count": int(total["answered"]),
            "missing_count": int(total["missing"]),
            "groups": [
                {"code": g.group_code, "name": group_names[g.group_code].id, "name_en": group_names[g.group_code].en,
                 "points": _rounded(g.points), "max_points": _rounded(g.max_points),
                 "answered": int(g.answered), "missing": int(g.missing)}
                for g in tables.groups.itertuples()
            ],
            "indicators": [
                {"code": i.indicator_code, "group": i.group_code, "name": indicator_names[i.indicator_code].id,
                 "points": _rounded(i.points), "max_points": _rounded(i.max_points),
                 "answered": int(i.answered), "missing": int(i.missing)}
                for i in tables.indicators.itertuples()
            ],
        }
