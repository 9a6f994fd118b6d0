"""The public summary: verified values of published cycles only, never anything else."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pandas as pd
from sqlalchemy import Engine, select

from data.db import unit_of_work
from data.errors import NotFound
from data.lookups import find_region
from data.models import CITY_UNIT_KIND, Answer, Question, Region, ReportingUnit
from data.services.public.published import published_cycles, published_names, published_up_to
from data.services.review.publication import cycle_coverage
from data.services.scoring.scores import score_cycles
from indicators.answers import AnswerValue, answer_value, display_value
from indicators.catalog import Catalog
from indicators.publication import Coverage
from indicators.workflow import VERIFIED


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
    previous_year: int | None = None
    catalog_source: str = ""
    indicators: pd.DataFrame | None = None  # indicator_code, group_code, name_id, name_en, definition_id,
    #   definition_en, points, max_points, previous_points, sources, position (latest cycle)
    indicator_trend: pd.DataFrame | None = None  # year, indicator_code, points, max_points
    coverage: Coverage | None = None   # of the latest cycle shown
    publication_note: str | None = None  # the chair's reason for publishing below the minimum coverage
    published_years: tuple[int, ...] = ()  # every published cycle of the region, oldest first


def list_public_regions(engine: Engine) -> list[dict]:
    """The regions with a published cycle, by name; the one the deployment hosted first (its own
    region, where a city runs it for itself and hosts its neighbours) is marked home: a visitor
    who has not chosen sees it first."""
    with unit_of_work(engine, read_only=True) as session:
        region_ids = {c.region_id for c in published_cycles(session)}
        regions = list(session.scalars(select(Region).where(Region.id.in_(region_ids)).order_by(Region.name)))
        home = min(region_ids, default=None)
        return [{"code": r.code, "name": r.name, "province_name": r.province_name, "home": r.id == home}
                for r in regions]


def public_summary(engine: Engine, region_code: str, up_to_year: int | None = None) -> PublicSummary | None:
    """The latest published cycle of a region (or `up_to_year`, which must be published) with
    the trend over its published cycles; None when the region has published nothing yet."""
    with unit_of_work(engine, read_only=True) as session:
        region = find_region(session, region_code)
        all_published = published_cycles(session, region.id)
        cycles = published_up_to(session, region, up_to_year, all_published)
        if not cycles:
            return None
        tables, catalogs = score_cycles(session, cycles, basis="verified")
        latest = cycles[-1]
        previous_year = cycles[-2].year if len(cycles) > 1 else None
        totals = tables.totals.set_index("cycle")
        latest_total = totals.loc[latest.year]
        catalog = catalogs[latest_total["catalog_version"]]
        names = pd.DataFrame([{"group_code": g.code, "name_id": g.name.id, "name_en": g.name.en, "position": position}
                              for position, g in enumerate(catalog.groups)])
        groups = tables.groups[tables.groups["cycle"] == latest.year][["group_code", "points", "max_points"]]
        groups = groups.merge(names, on="group_code", how="left")
        trend = tables.totals[["cycle", "total", "predikat_name"]].rename(columns={"cycle": "year"})
        thresholds = pd.DataFrame([{"code": p.code, "name": p.name, "above": p.above} for p in catalog.predikat])
        indicator_trend = tables.indicators[["cycle", "indicator_code", "points", "max_points"]].rename(
            columns={"cycle": "year"}).sort_values(["indicator_code", "year"]).reset_index(drop=True)
        return PublicSummary(
            region_code=region.code,
            region_name=published_names(session, region, latest)["region"],
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
            previous_year=previous_year,
            catalog_source=catalog.source,
            indicators=_indicator_rows(catalog, tables.indicators, latest.year, previous_year),
            indicator_trend=indicator_trend,
            coverage=cycle_coverage(session, latest),
            publication_note=latest.publication_note,
            published_years=tuple(c.year for c in all_published),
        )


def _indicator_rows(catalog: Catalog, indicators: pd.DataFrame, year: int, previous_year: int | None) -> pd.DataFrame:
    """Every indicator of the latest cycle's catalog with its verified points then and in the
    previous published cycle (matched by code, so it survives a new instrument version)."""
    latest = indicators[indicators["cycle"] == year].set_index("indicator_code")
    previous = (indicators[indicators["cycle"] == previous_year].set_index("indicator_code")["points"]
                if previous_year is not None else pd.Series(dtype="float64"))
    rows = []
    for position, indicator in enumerate(catalog.indicators):
        rows.append({
            "indicator_code": indicator.code, "group_code": indicator.group_code,
            "name_id": indicator.name.id, "name_en": indicator.name.get("en"),
            "definition_id": indicator.definition.id, "definition_en": indicator.definition.get("en"),
            "points": float(latest.loc[indicator.code, "points"]), "max_points": float(indicator.max_points),
            "previous_points": float(previous[indicator.code]) if indicator.code in previous.index else None,
            "sources": sorted({s for q in indicator.questions for s in q.data_sources}),
            "position": position,
        })
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class PublicIndicator:
    region_code: str
    region_name: str
    year: int                  # the latest published cycle shown
    catalog_version: str
    catalog_source: str
    indicator_code: str
    name_id: str
    name_en: str
    definition_id: str
    definition_en: str
    group_code: str
    group_name_id: str
    group_name_en: str
    max_points: float
    responsible: list[str]     # names of the OPDs named as the questions' data sources
    trend: pd.DataFrame        # year, points, max_points (published cycles only)
    questions: pd.DataFrame    # question_code, prompt_id, prompt_en, answer_type, rule, max_points,
    #                            verified_points, answer_id, answer_en, sources (latest published cycle)


def public_indicator(engine: Engine, region_code: str, indicator_code: str,
                     up_to_year: int | None = None) -> PublicIndicator | None:
    """One indicator over the published cycles, with the verified answers of its questions in
    the latest published cycle; None when nothing is published. Unverified answers, notes and
    reasons are never read here."""
    found = public_indicators(engine, region_code, [indicator_code], up_to_year)
    return None if found is None else found[0]


def public_indicators(engine: Engine, region_code: str, indicator_codes: list[str] | None = None,
                      up_to_year: int | None = None) -> list[PublicIndicator] | None:
    """Several indicators (all when None) from one scoring pass; None when nothing is published."""
    with unit_of_work(engine, read_only=True) as session:
        region = find_region(session, region_code)
        cycles = published_up_to(session, region, up_to_year)
        if not cycles:
            return None
        tables, catalogs = score_cycles(session, cycles, basis="verified")
        latest = cycles[-1]
        catalog = catalogs[tables.totals.set_index("cycle").loc[latest.year, "catalog_version"]]
        by_code = {i.code: i for i in catalog.indicators}
        wanted = list(by_code) if indicator_codes is None else [str(c).strip() for c in indicator_codes]
        unknown = [c for c in wanted if c not in by_code]
        if unknown:
            raise NotFound(f"Indikator '{unknown[0]}' tidak ada dalam instrumen {catalog.version}. "
                           f"Indikator yang ada: {', '.join(by_code)}.")
        published = published_names(session, region, latest)
        unit_names = published["units"]
        question_codes = [q.code for c in wanted for q in by_code[c].questions]
        answers = session.execute(
            select(Question.code, Answer.bool_value, Answer.choice_code, Answer.numerator, Answer.denominator,
                   Answer.count_value, Answer.verified_points)
            .join(Question, Answer.question_id == Question.id)
            .join(ReportingUnit, Answer.reporting_unit_id == ReportingUnit.id)
            .where(Answer.cycle_id == latest.id, Answer.status == VERIFIED, Question.code.in_(question_codes),
                   ReportingUnit.kind == CITY_UNIT_KIND)
            .order_by(Answer.verified_points.desc(), Answer.id)
        ).all()
    best: dict[str, tuple] = {}
    for row in answers:  # several units may answer one question: the best verified one counts
        best.setdefault(row.code, row)
    return [_indicator_view(region, published["region"], latest.year, catalog, by_code[c], tables.indicators, best,
                            unit_names) for c in wanted]


def _indicator_view(region: Region, region_name: str, year: int, catalog: Catalog, indicator, indicators: pd.DataFrame,
                    best: dict, unit_names: dict) -> PublicIndicator:
    group = next(g for g in catalog.groups if g.code == indicator.group_code)
    question_rows = []
    for q in indicator.questions:
        row = best.get(q.code)
        value = answer_value(row) if row else AnswerValue()
        question_rows.append({
            "question_code": q.code, "prompt_id": q.prompt.id, "prompt_en": q.prompt.get("en"),
            "answer_type": q.answer.type, "rule": q.answer.to_dict(), "max_points": float(q.max_points),
            "verified_points": None if row is None or row.verified_points is None else float(row.verified_points),
            "answer_id": display_value(q, value, "id") if row else "",
            "answer_en": display_value(q, value, "en") if row else "",
            "sources": [unit_names.get(s) or catalog.data_source_name(s) for s in q.data_sources],
        })
    trend = indicators[indicators["indicator_code"] == indicator.code][
        ["cycle", "points", "max_points"]].rename(columns={"cycle": "year"}).sort_values("year").reset_index(drop=True)
    responsible = list(dict.fromkeys(
        unit_names.get(s) or catalog.data_source_name(s) for q in indicator.questions for s in q.data_sources))
    return PublicIndicator(
        region_code=region.code, region_name=region_name, year=year, catalog_version=catalog.version,
        catalog_source=catalog.source, indicator_code=indicator.code, name_id=indicator.name.id,
        name_en=indicator.name.get("en"), definition_id=indicator.definition.id,
        definition_en=indicator.definition.get("en"), group_code=group.code, group_name_id=group.name.id,
        group_name_en=group.name.get("en"), max_points=float(indicator.max_points), responsible=responsible,
        trend=trend, questions=pd.DataFrame(question_rows),
    )
