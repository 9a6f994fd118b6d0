"""What lifts a region's score: the gap list (questions, indicators and owner OPDs ranked by the
points still missing, with the answer that would earn them and the fewest questions that reach
the next predikat) and what-if projections of hypothetical answers, with the instrument the
what-if panel offers answers from. Nothing here is saved.

Readers: data.access.REGION_READERS of the region.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from data import lookups
from data.access import require_region_reader
from data.actor import SignedInUser
from data.db import unit_of_work
from data.errors import InvalidInput
from data.lookups import find_cycle, find_region
from data.models import EvaluationCycle, Region
from data.services.scoring.cycle_answers import (
    NOT_A_SCORE_READER,
    answer_rows,
    answer_summary,
    catalog_names,
    cycle_frame,
)
from data.services.scoring.scores import require_basis, score_cycles
from indicators.catalog import Catalog
from indicators.gaps import earning_answer_text, gaps_by, gaps_to_reach, lead_owners, question_gaps
from indicators.whatif import Hypothesis, Projection, hypothesis_problems, project
from indicators.workflow import NOT_STARTED

UNIT_OWNER_NAMES = {"kecamatan": "Setiap kecamatan (lihat halaman Kelana Dekela)",
                    "kelurahan": "Setiap desa/kelurahan (lihat halaman Kelana Dekela)"}


def _owner_names(owners, unit_names: dict, catalog: Catalog) -> list[str | None]:
    """The owner's name: an OPD of the region, a data source of the catalog, or every kecamatan /
    desa-kelurahan for a question whose city answer is derived from theirs."""
    return [UNIT_OWNER_NAMES.get(o) or unit_names.get(o) or catalog.data_source_name(o) if isinstance(o, str) and o
            else None for o in owners]


@dataclass(frozen=True)
class ScoreGaps:
    basis: str
    year: int
    total: float
    predikat_name: str | None
    target_predikat_name: str | None   # the next predikat, or the one asked for
    points_needed: float | None        # to reach it (0 when reached; None above the highest)
    predikats: list[str]               # names of every predikat above the current one, ascending
    questions: pd.DataFrame   # ranked by missing points: question_code, indicator_code, group_code, prompt_id,
    #   prompt_en, answer_type, max_points, points, self_points, missing_points, owner, owner_name, status,
    #   earning_answer_id, earning_answer_en, cumulative_missing, reaches
    indicators: pd.DataFrame  # indicator_code, group_code, name_id, name_en, points, max_points, missing_points,
    #   questions_missing, owners
    owners: pd.DataFrame      # owner, owner_name, points, max_points, missing_points, questions_missing


def score_gaps(engine: Engine, actor: SignedInUser, region_code: str, year: int,
               basis: str = "verified", target: str | None = None) -> ScoreGaps:
    """What still keeps points out of the total: questions and indicators ranked by the points
    missing, the owner OPD of each question (its lead data source) and the answer that would
    earn them; `reaches` marks the fewest questions that would lift the total to the target
    predikat (the next one unless `target` names a predikat by code or name)."""
    with unit_of_work(engine, read_only=True) as session:
        region = find_region(session, region_code)
        require_region_reader(session, actor, region, message=NOT_A_SCORE_READER)
        cycle = find_cycle(session, region, int(year))
        return cycle_gaps(session, region, cycle, basis, target)


def _target(catalog: Catalog, total: float, target: str | None) -> tuple[str | None, float | None, list[str]]:
    bands = sorted(catalog.predikat, key=lambda b: b.above)
    above = [b for b in bands if not b.reached_by(total)]
    if target is None:
        band = above[0] if above else None
    else:
        band = next((b for b in bands if target.strip().lower() in (b.code.lower(), b.name.lower())), None)
        if band is None:
            names = ", ".join(b.name for b in bands)
            raise InvalidInput([f"Predikat '{target}' tidak dikenal; pilih salah satu: {names}."])
    if band is None:
        return None, None, []
    return band.name, round(max(band.above - total, 0.0), 6), [b.name for b in above]


def cycle_gaps(session: Session, region: Region, cycle: EvaluationCycle, basis: str,
               target: str | None = None) -> ScoreGaps:
    """The gap list, read in the caller's transaction (the report reads it beside the rest)."""
    tables, catalogs = score_cycles(session, [cycle], basis)
    self_tables = tables if basis == "self" else score_cycles(session, [cycle], "self")[0]
    catalog = next(iter(catalogs.values()))
    totals = tables.totals.iloc[0]
    unit_names = lookups.unit_names(session, region)
    _, indicator_names, question_names = catalog_names(catalog)
    target_name, points_needed, predikats = _target(catalog, float(totals["total"]), target)

    gaps = question_gaps(tables, lead_owners(catalog))
    ranked = gaps_to_reach(gaps, points_needed)
    ranked = ranked.merge(question_names, on="question_code", how="left")
    ranked = ranked.merge(self_tables.questions[["question_code", "points"]].rename(columns={"points": "self_points"}),
                          on="question_code", how="left")
    summary = answer_summary(answer_rows(session, [cycle]), unit_names)
    ranked = ranked.merge(summary[["question_code", "status"]], on="question_code", how="left")
    ranked["status"] = ranked["status"].fillna(NOT_STARTED)
    ranked["owner_name"] = _owner_names(ranked["owner"], unit_names, catalog)
    earning = {q.code: (earning_answer_text(q, "id"), earning_answer_text(q, "en")) for q in catalog.questions}
    ranked["earning_answer_id"] = ranked["question_code"].map(lambda c: earning[c][0])
    ranked["earning_answer_en"] = ranked["question_code"].map(lambda c: earning[c][1])
    ranked = ranked[["question_code", "indicator_code", "group_code", "prompt_id", "prompt_en", "answer_type",
                     "max_points", "points", "self_points", "missing_points", "owner", "owner_name", "status",
                     "earning_answer_id", "earning_answer_en", "cumulative_missing", "reaches"]]

    indicators = gaps_by(gaps, "indicator_code")
    indicators = indicators[indicators["missing_points"] > 0]
    owners_by_indicator = (gaps[gaps["missing_points"] > 0].groupby("indicator_code")["owner"]
                           .agg(lambda s: ", ".join(dict.fromkeys(unit_names.get(o, o) for o in s if o))))
    indicators = indicators.merge(indicator_names[["indicator_code", "name_id", "name_en"]], on="indicator_code",
                                  how="left")
    indicators = indicators.merge(tables.indicators[["indicator_code", "group_code"]], on="indicator_code", how="left")
    indicators["owners"] = indicators["indicator_code"].map(owners_by_indicator).fillna("")
    indicators = indicators[["indicator_code", "group_code", "name_id", "name_en", "points", "max_points",
                             "missing_points", "questions_missing", "owners"]].reset_index(drop=True)

    owners = gaps_by(gaps, "owner")
    owners = owners[owners["missing_points"] > 0].copy()
    owners["owner_name"] = _owner_names(owners["owner"], unit_names, catalog)
    owners = owners[["owner", "owner_name", "points", "max_points", "missing_points",
                     "questions_missing"]].reset_index(drop=True)

    return ScoreGaps(
        basis=basis, year=cycle.year, total=float(totals["total"]), predikat_name=totals["predikat_name"],
        target_predikat_name=target_name, points_needed=points_needed, predikats=predikats,
        questions=ranked, indicators=indicators, owners=owners,
    )


# ---------------------------------------------------------------------------------------------
# What-if


@dataclass(frozen=True)
class WhatIf:
    region_code: str
    year: int
    basis: str
    projection: Projection
    changes: pd.DataFrame  # question_code, prompt_id, prompt_en, max_points, points_before, points_after, gain
    groups: pd.DataFrame   # group_code, name_id, name_en, max_points, points_before, points_after, gain


def what_if(engine: Engine, actor: SignedInUser, region_code: str, year: int,
            hypothetical: list[Hypothesis], basis: str = "verified") -> WhatIf:
    """The total and predikat the cycle would reach with the hypothetical answers (each question
    answered with a value, or with the answer that earns full points). Nothing is saved."""
    require_basis(basis)
    with unit_of_work(engine, read_only=True) as session:
        region = find_region(session, region_code)
        require_region_reader(session, actor, region, message=NOT_A_SCORE_READER)
        cycle = find_cycle(session, region, int(year))
        catalog = lookups.cycle_catalog(session, cycle)
        problems = hypothesis_problems(catalog, list(hypothetical))
        if problems:
            raise InvalidInput(problems)
        answers = answer_rows(session, [cycle])
    projection = project(cycle_frame(region, cycle, catalog), answers, catalog, list(hypothetical), basis)
    group_names, _, question_names = catalog_names(catalog)
    changes = projection.changes.merge(question_names, on="question_code", how="left")
    groups = projection.groups().merge(group_names, on="group_code", how="left")
    return WhatIf(region_code=region.code, year=cycle.year, basis=basis, projection=projection,
                  changes=changes, groups=groups)




def whatif_catalog(engine: Engine, actor: SignedInUser, region_code: str, year: int) -> Catalog:
    """The instrument of a region's cycle, whose answers the what-if panel offers."""
    with unit_of_work(engine, read_only=True) as session:
        region = find_region(session, region_code)
        require_region_reader(session, actor, region, message=NOT_A_SCORE_READER)
        return lookups.cycle_catalog(session, find_cycle(session, region, int(year)))
