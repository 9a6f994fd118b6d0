"""The public summary: verified values of published cycles only, never anything else."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pandas as pd
from sqlalchemy import Engine, select

from data.db import unit_of_work
from data.models import EvaluationCycle, Region
from data.services.scores import find_region, score_cycles


@dataclass(frozen=True)
class PublicSummary:
    region_code: str
    region_name: str
    province_name: str
    year: int
    catalog_version: str
    total: float
    max_points: float
    predikat: str | None
    predikat_name: str | None
    next_predikat_name: str | None
    points_to_next_predikat: float | None
    published_at: datetime | None
    groups: pd.DataFrame      # group_code, name_id, name_en, points, max_points, position
    trend: pd.DataFrame       # year, total, predikat_name
    thresholds: pd.DataFrame  # code, name, above
    missing_count: int


def _published_cycles(session, region_id: int | None = None):
    query = select(EvaluationCycle).where(EvaluationCycle.published.is_(True))
    if region_id is not None:
        query = query.where(EvaluationCycle.region_id == region_id)
    return list(session.scalars(query.order_by(EvaluationCycle.year)))


def list_public_regions(engine: Engine) -> list[dict]:
    with unit_of_work(engine) as session:
        region_ids = {c.region_id for c in _published_cycles(session)}
        regions = session.scalars(select(Region).where(Region.id.in_(region_ids)).order_by(Region.name))
        return [{"code": r.code, "name": r.name, "province_name": r.province_name} for r in regions]


def public_summary(engine: Engine, region_code: str) -> PublicSummary | None:
    """The latest published cycle of a region with the trend over its published cycles;
    None when the region has published nothing yet."""
    with unit_of_work(engine) as session:
        region = find_region(session, region_code)
        cycles = _published_cycles(session, region.id)
        if not cycles:
            return None
        tables, catalogs = score_cycles(session, cycles, basis="verified")
        latest = cycles[-1]
        totals = tables.totals.set_index("cycle")
        latest_total = totals.loc[latest.year]
        catalog = catalogs[latest_total["catalog_version"]]
        names = pd.DataFrame([{"group_code": g.code, "name_id": g.name.id, "name_en": g.name.en, "position": position}
                              for position, g in enumerate(catalog.groups)])
        groups = tables.groups[tables.groups["cycle"] == latest.year][["group_code", "points", "max_points"]]
        groups = groups.merge(names, on="group_code", how="left")
        trend = tables.totals[["cycle", "total", "predikat_name"]].rename(columns={"cycle": "year"})
        thresholds = pd.DataFrame([{"code": p.code, "name": p.name, "above": p.above} for p in catalog.predikat])
        return PublicSummary(
            region_code=region.code,
            region_name=region.name,
            province_name=region.province_name,
            year=latest.year,
            catalog_version=catalog.version,
            total=float(latest_total["total"]),
            max_points=float(latest_total["max_points"]),
            predikat=latest_total["predikat"],
            predikat_name=latest_total["predikat_name"],
            next_predikat_name=latest_total["next_predikat_name"],
            points_to_next_predikat=latest_total["points_to_next_predikat"],
            published_at=latest.published_at,
            groups=groups.sort_values("position").reset_index(drop=True),
            trend=trend.sort_values("year").reset_index(drop=True),
            thresholds=thresholds,
            missing_count=int(latest_total["missing"]),
        )
