"""What the task force reads first about a region's scores: both readings (self-assessed and
verified) side by side for one cycle, where they differ, and the trend over the cycles; and the
regions whose scores the actor may read.

Every figure comes from indicators.scoring through data.services.scoring.scores.score_cycles,
the same path as `score_report` (manage.py score and the public summary), so the pages, the
reports and the command line agree. Readers: data.access.REGION_READERS of the region.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from data.access import REGION_READERS, require_current_account, require_region_reader, require_role, visible_regions
from data.actor import SignedInUser
from data.db import unit_of_work
from data.lookups import cycle_catalog, find_cycle, find_region, unit_names
from data.models import EvaluationCycle, Region, Target
from data.services.scoring.cycle_answers import (
    NOT_A_SCORE_READER,
    answer_rows,
    answer_summary,
    catalog_names,
    region_cycles,
)
from data.services.scoring.scores import score_cycles
from indicators.catalog import Catalog
from indicators.scoring import BASES
from indicators.workflow import VERIFIED

MEANINGFUL_DIFFERENCE = 0.005
"""Readings closer than this (half a hundredth of a point, below what is shown) are the same:
stored verified points carry four decimals, self-assessed points are computed unrounded."""
TOTAL_FIELDS = ["total", "max_points", "predikat", "predikat_name", "next_predikat", "next_predikat_name",
                "points_to_next_predikat", "answered", "missing"]


def readable_regions(engine: Engine, actor: SignedInUser) -> list[dict]:
    """The regions whose scores the actor may read, each with its cycle years (newest first):
    the actor's own region, or every region with a cycle for the admin."""
    with unit_of_work(engine, read_only=True) as session:
        require_role(actor, REGION_READERS, NOT_A_SCORE_READER)
        require_current_account(session, actor)
        query = (visible_regions(actor).join(EvaluationCycle, EvaluationCycle.region_id == Region.id)
                 .add_columns(EvaluationCycle.year).order_by(Region.name, EvaluationCycle.year.desc()))
        rows = session.execute(query).all()
        regions: dict[str, dict] = {}
        for region, year in rows:
            regions.setdefault(region.code, {"code": region.code, "name": region.name,
                                             "province_name": region.province_name, "years": []})
            regions[region.code]["years"].append(year)
    return list(regions.values())


@dataclass(frozen=True)
class ScoresOverview:
    region_code: str
    region_name: str
    province_name: str
    year: int
    cycle_status: str
    published: bool
    catalog_version: str
    max_points: float
    readings: dict         # "self" / "verified" -> total, max_points, predikat, predikat_name, next_predikat,
    #                        next_predikat_name, points_to_next_predikat, answered, missing
    groups: pd.DataFrame       # group_code, name_id, name_en, position, max_points, self_points, verified_points,
    #                            difference
    indicators: pd.DataFrame   # indicator_code, group_code, name_id, name_en, position, max_points, self_points,
    #                            verified_points, difference, target_points (the cycle's target; None without one)
    differences: pd.DataFrame  # question_code, indicator_code, group_code, prompt_id, prompt_en, max_points,
    #                            self_points, verified_points, difference, kind (lowered|raised|unverified), status,
    #                            units, verified_reason
    trend: pd.DataFrame        # year, cycle_status, published, self_total, verified_total, self_predikat_name,
    #                            verified_predikat_name
    group_trend: pd.DataFrame  # year, group_code, name_id, name_en, position, max_points, self_points, verified_points
    thresholds: pd.DataFrame   # code, name, above, inclusive (ascending)

    def reading(self, basis: str) -> dict:
        return self.readings[basis]


def scores_overview(engine: Engine, actor: SignedInUser, region_code: str, year: int) -> ScoresOverview:
    with unit_of_work(engine, read_only=True) as session:
        region = find_region(session, region_code)
        require_region_reader(session, actor, region, message=NOT_A_SCORE_READER)
        cycle = find_cycle(session, region, int(year))
        return cycle_overview(session, region, cycle)


def cycle_overview(session: Session, region: Region, cycle: EvaluationCycle) -> ScoresOverview:
    """The overview, read in the caller's transaction (the report reads it beside the rest)."""
    cycles = region_cycles(session, region)
    tables = {}
    for basis in BASES:
        tables[basis], catalogs = score_cycles(session, cycles, basis)
    catalog = cycle_catalog(session, cycle)
    group_names, indicator_names, question_names = catalog_names(catalog)
    year = cycle.year

    def side_by_side(level: str, key: str) -> pd.DataFrame:
        self_part = getattr(tables["self"], level)
        verified_part = getattr(tables["verified"], level)
        frame = self_part[self_part["cycle"] == year][[key, "max_points", "points"]].rename(
            columns={"points": "self_points"})
        verified = verified_part[verified_part["cycle"] == year][[key, "points"]].rename(
            columns={"points": "verified_points"})
        frame = frame.merge(verified, on=key, how="left")
        frame["difference"] = (frame["self_points"] - frame["verified_points"]).round(6)
        return frame.reset_index(drop=True)

    groups = group_names.merge(side_by_side("groups", "group_code"), on="group_code", how="left")
    indicators = side_by_side("indicators", "indicator_code").merge(
        tables["self"].indicators[["indicator_code", "group_code"]].drop_duplicates("indicator_code"),
        on="indicator_code", how="left")
    indicators = indicator_names.merge(indicators, on="indicator_code", how="left")
    indicators = indicators[["indicator_code", "group_code", "name_id", "name_en", "position", "max_points",
                             "self_points", "verified_points", "difference"]]
    targets = dict(session.execute(select(Target.indicator_code, Target.target_points).where(
        Target.cycle_id == cycle.id, Target.question_id.is_(None), Target.indicator_code.is_not(None))).all())
    indicators = indicators.assign(target_points=[targets.get(code) for code in indicators["indicator_code"]])

    answers = answer_rows(session, [cycle])
    questions = side_by_side("questions", "question_code").merge(
        tables["self"].questions[["question_code", "indicator_code", "group_code"]].drop_duplicates("question_code"),
        on="question_code", how="left")
    meaningful = questions[questions["difference"].abs() >= MEANINGFUL_DIFFERENCE]
    differences = meaningful.merge(question_names, on="question_code", how="left")
    differences = differences.merge(answer_summary(answers, unit_names(session, region)), on="question_code",
                                    how="left")
    verified_rows = answers[answers["status"] == VERIFIED]["question_code"]
    differences["kind"] = [
        ("lowered" if d > 0 else "raised") if code in set(verified_rows) else "unverified"
        for code, d in zip(differences["question_code"], differences["difference"], strict=True)
    ]
    differences = differences.assign(size=differences["difference"].abs()).sort_values(
        "size", ascending=False, kind="stable").drop(columns="size").reset_index(drop=True)
    differences = differences[["question_code", "indicator_code", "group_code", "prompt_id", "prompt_en",
                               "max_points", "self_points", "verified_points", "difference", "kind", "status",
                               "units", "verified_reason"]]

    totals = {basis: tables[basis].totals.set_index("cycle") for basis in BASES}
    readings = {basis: _totals_dict(totals[basis].loc[year]) for basis in BASES}
    by_year = {c.year: c for c in cycles}
    trend = pd.DataFrame([
        {"year": y, "cycle_status": by_year[y].status, "published": by_year[y].published,
         "self_total": float(totals["self"].loc[y, "total"]),
         "verified_total": float(totals["verified"].loc[y, "total"]),
         "self_predikat_name": totals["self"].loc[y, "predikat_name"],
         "verified_predikat_name": totals["verified"].loc[y, "predikat_name"]}
        for y in sorted(by_year)
    ])
    self_groups = tables["self"].groups.rename(columns={"cycle": "year", "points": "self_points"})
    verified_groups = tables["verified"].groups.rename(columns={"cycle": "year", "points": "verified_points"})
    group_trend = self_groups[["year", "group_code", "max_points", "self_points"]].merge(
        verified_groups[["year", "group_code", "verified_points"]], on=["year", "group_code"])
    group_trend = group_trend.merge(group_names, on="group_code", how="left")
    group_trend = group_trend.sort_values(["year", "position"]).reset_index(drop=True)[
        ["year", "group_code", "name_id", "name_en", "position", "max_points", "self_points", "verified_points"]]

    return ScoresOverview(
        region_code=region.code, region_name=region.name, province_name=region.province_name, year=year,
        cycle_status=cycle.status, published=cycle.published, catalog_version=catalog.version,
        max_points=float(catalog.total_points), readings=readings, groups=groups, indicators=indicators,
        differences=differences, trend=trend, group_trend=group_trend, thresholds=_thresholds(catalog),
    )




def _totals_dict(row: pd.Series) -> dict:
    out = {}
    for name in TOTAL_FIELDS:
        value = row[name]
        if name in ("answered", "missing"):
            value = int(value)
        elif name in ("total", "max_points", "points_to_next_predikat") and value is not None:
            value = float(value)
        out[name] = value
    return out


def _thresholds(catalog: Catalog) -> pd.DataFrame:
    return pd.DataFrame([{"code": p.code, "name": p.name, "above": p.above, "inclusive": p.inclusive}
                         for p in sorted(catalog.predikat, key=lambda b: b.above)])
