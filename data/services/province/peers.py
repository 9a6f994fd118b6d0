"""Peers side by side: for each indicator of a year, the share of the deployment's regions earning its
full points, part of them, or none; where this region stands among them; its rank by verified total
within its province; and the indicators no region meets. Other regions count only with published
cycles (verified points), so no other city's unpublished figure is ever shown; the region itself
counts with its own cycle for its signed-in task force, and only when published for the public."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Engine, select

from data.access import REGION_READERS, require_region_reader
from data.actor import SignedInUser
from data.db import unit_of_work
from data.errors import NotFound
from data.lookups import cycle_catalog, find_cycle, find_region
from data.models import EvaluationCycle, Region
from data.services.scoring.scores import score_cycles
from indicators.verification import POINTS_TOLERANCE

NOT_A_READER = "Perbandingan dengan wilayah lain dibuka Gugus Tugas, sekretariat dan admin wilayah ini."
COLUMNS = ["indicator_code", "name_id", "name_en", "max_points", "regions", "full_share", "partial_share",
           "none_share", "own_points", "own_state"]


@dataclass(frozen=True)
class Peers:
    region_code: str
    region_name: str
    province_name: str
    year: int
    regions: int               # regions compared (this one included)
    province_rank: int | None  # by verified total among the province's compared regions (1 = highest)
    province_regions: int
    indicators: pd.DataFrame   # COLUMNS; own_state: full, partial or none
    unmet: list[str]           # indicator codes no compared region earns in full


def _state(points: float, maximum: float) -> str:
    if points >= maximum - POINTS_TOLERANCE:
        return "full"
    return "partial" if points > POINTS_TOLERANCE else "none"


def peer_comparison(engine: Engine, actor: SignedInUser | None, region_code: str, year: int) -> Peers:
    """The comparison for a region's year: actor None is the public (the region's cycle must then be
    published); a signed-in reader of the region sees its own cycle whatever its state."""
    with unit_of_work(engine, read_only=True) as session:
        region = find_region(session, region_code)
        if actor is not None:
            require_region_reader(session, actor, region, REGION_READERS, NOT_A_READER)
        own = find_cycle(session, region, int(year))
        if actor is None and not own.published:
            raise NotFound(f"Siklus {own.year} untuk {region.name} belum diterbitkan.")
        others = list(session.scalars(select(EvaluationCycle).where(
            EvaluationCycle.year == int(year), EvaluationCycle.published.is_(True),
            EvaluationCycle.region_id != region.id)))
        cycles = [own, *others]
        tables, _ = score_cycles(session, cycles, "verified")
        catalog = cycle_catalog(session, own)
        regions = {r.code: r for r in session.scalars(select(Region).where(
            Region.id.in_([c.region_id for c in cycles])))}
    indicators = tables.indicators
    indicators = indicators[indicators["cycle"] == int(year)].assign(
        state=lambda f: [_state(p, m) for p, m in zip(f["points"], f["max_points"], strict=True)])
    rows = []
    for indicator in catalog.indicators:
        part = indicators[indicators["indicator_code"] == indicator.code]
        counts = part["state"].value_counts()
        total = max(len(part), 1)
        mine = part[part["region"] == region.code]
        own_points = float(mine["points"].iloc[0]) if len(mine) else 0.0
        rows.append({"indicator_code": indicator.code, "name_id": indicator.name.id,
                     "name_en": indicator.name.en or indicator.name.id, "max_points": float(indicator.max_points),
                     "regions": len(part), "full_share": counts.get("full", 0) / total,
                     "partial_share": counts.get("partial", 0) / total, "none_share": counts.get("none", 0) / total,
                     "own_points": own_points, "own_state": _state(own_points, float(indicator.max_points))})
    frame = pd.DataFrame(rows, columns=COLUMNS)
    totals = tables.totals[tables.totals["cycle"] == int(year)]
    province = [code for code, r in regions.items() if r.province_code == region.province_code]
    ranked = totals[totals["region"].isin(province)].sort_values("total", ascending=False)["region"].tolist()
    return Peers(region_code=region.code, region_name=region.name, province_name=region.province_name, year=int(year),
                 regions=len(cycles), province_rank=ranked.index(region.code) + 1 if region.code in ranked else None,
                 province_regions=len(ranked),
                 unmet=frame[frame["full_share"] == 0]["indicator_code"].tolist(), indicators=frame)
