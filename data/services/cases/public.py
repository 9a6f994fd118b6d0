"""Klaster V case statistics as the public sees them: suppressed figures (indicators.suppression
on the tables of indicators.cases.public_year_system), and only of years whose evaluation has been
published: the counts of year Y become public with the evaluation cycle Y+1 (the cycle that
assesses year Y's data) once that cycle is published. No permission is needed; no true count
leaves this module."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from data.db import unit_of_work
from data.lookups import find_region
from data.models import CaseStatistic, EvaluationCycle, Region
from data.services.cases.records import stored_rows
from indicators.cases import CATEGORY_LABELS, public_year_system
from indicators.suppression import suppress


def public_case_years(session: Session, region: Region, up_to_cycle: int | None = None) -> list[int]:
    """Years whose counts may be public: up to the year before the latest published cycle."""
    query = select(func.max(EvaluationCycle.year)).where(
        EvaluationCycle.region_id == region.id, EvaluationCycle.published.is_(True))
    if up_to_cycle is not None:
        query = query.where(EvaluationCycle.year <= up_to_cycle)
    latest = session.scalar(query)
    if latest is None:
        return []
    return list(session.scalars(
        select(CaseStatistic.year).where(CaseStatistic.region_id == region.id, CaseStatistic.year < latest)
        .distinct().order_by(CaseStatistic.year)))


@dataclass(frozen=True)
class PublicCases:
    region_code: str
    region_name: str
    years: list[int]
    table: pd.DataFrame  # year, breakdown, category, label_id, label_en, count (None when hidden), shown, position


PUBLIC_TABLE_COLUMNS = ["year", "breakdown", "category", "label_id", "label_en", "count", "shown", "position"]


def public_cases(engine: Engine, region_code: str, up_to_cycle: int | None = None) -> PublicCases:
    """Suppressed case statistics of the years that may be public (see the module docstring)."""
    with unit_of_work(engine, read_only=True) as session:
        region = find_region(session, region_code)
        years = public_case_years(session, region, up_to_cycle)
        frame = stored_rows(session, region.id, years)
    records = []
    for year in years:
        values, relations, at_most = public_year_system(frame[frame["year"] == year])
        result = suppress(values, relations, at_most)
        for position, cell in enumerate(values):
            breakdown, code = cell
            label_id, label_en = ("Jumlah", "Total") if breakdown == "total" else CATEGORY_LABELS[breakdown][code]
            records.append({"year": year, "breakdown": breakdown, "category": code, "label_id": label_id,
                            "label_en": label_en, "count": result.published(cell), "shown": result.shown(cell),
                            "position": position})
    table = pd.DataFrame(records, columns=PUBLIC_TABLE_COLUMNS)
    table["count"] = table["count"].astype("Int64")
    return PublicCases(region_code=region.code, region_name=region.name, years=years, table=table)
