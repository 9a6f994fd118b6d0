"""What the task force reads about a region's scores: both readings side by side, the trend, what
lifts the score (the gap list), what-if projections and one indicator's drill-down.

Every figure comes from indicators.scoring through data.services.scores.score_cycles, the same
path as `score_report` (manage.py score and the public summary), so the pages, the reports and
the command line agree. Readers: the task force (chair, member), the secretariat and the admin
of the region; actor None means the command line.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, aliased

from data.db import unit_of_work
from data.errors import InvalidInput, NotFound
from data.models import (CITY_UNIT_KIND, Answer, AuditLog, CatalogVersion, EvaluationCycle, EvidenceFile, Question,
                         Region, ReportingUnit, ReviewEvent, User)
from data.actor import SignedInUser
from data.access import require_current_account, require_region, require_role
from data.lookups import catalog_for_version, find_cycle, find_region
from data.services.scoring.scores import require_basis, score_cycles
from indicators.answers import AnswerValue, display_value
from indicators.catalog import Catalog
from indicators.gaps import earning_answer_text, gaps_by, gaps_to_reach, lead_owners, question_gaps
from indicators.scoring import BASES, answer_shares
from indicators.whatif import Hypothesis, Projection, hypothesis_problems, project

READERS = ("admin", "secretariat", "chair", "member")
REFUSED = "Nilai dan laporan hanya dapat dibuka Gugus Tugas KLA, sekretariat dan admin."
VALUE_FIELDS = ["bool_value", "choice_code", "numerator", "denominator", "count_value"]
STATUS_ORDER = {"verified": 4, "submitted": 3, "returned": 2, "draft": 1}
MEANINGFUL_DIFFERENCE = 0.005
"""Readings closer than this (half a hundredth of a point, below what is shown) are the same:
stored verified points carry four decimals, self-assessed points are computed unrounded."""
TOTAL_FIELDS = ["total", "max_points", "predikat", "predikat_name", "next_predikat", "next_predikat_name",
                "points_to_next_predikat", "answered", "missing"]

UNIT_OWNER_NAMES = {"kecamatan": "Setiap kecamatan (lihat halaman Kelana Dekela)",
                    "kelurahan": "Setiap desa/kelurahan (lihat halaman Kelana Dekela)"}


def _owner_names(owners, unit_names: dict, catalog: Catalog) -> list[str | None]:
    """The owner's name: an OPD of the region, a data source of the catalog, or every kecamatan /
    desa-kelurahan for a question whose city answer is derived from theirs."""
    return [UNIT_OWNER_NAMES.get(o) or unit_names.get(o) or catalog.data_source_name(o) if isinstance(o, str) and o
            else None for o in owners]


def check_reader(session: Session, actor: SignedInUser, region: Region) -> None:
    """The actor may read this region's scores."""
    require_role(actor, READERS, REFUSED)
    require_region(actor, region.id)
    require_current_account(session, actor)


def readable_regions(engine: Engine, actor: SignedInUser) -> list[dict]:
    """The regions whose scores the actor may read, each with its cycle years (newest first):
    the actor's own region, or every region with a cycle for the admin."""
    with unit_of_work(engine) as session:
        require_role(actor, READERS, REFUSED)
        require_current_account(session, actor)
        query = select(Region.code, Region.name, Region.province_name, Region.id, EvaluationCycle.year).join(
            EvaluationCycle, EvaluationCycle.region_id == Region.id)
        if actor.role != "admin":
            query = query.where(Region.id == actor.region_id)
        rows = session.execute(query.order_by(Region.name, EvaluationCycle.year.desc())).all()
    regions: dict[str, dict] = {}
    for code, name, province, _, year in rows:
        regions.setdefault(code, {"code": code, "name": name, "province_name": province, "years": []})
        regions[code]["years"].append(year)
    return list(regions.values())


# ---------------------------------------------------------------------------------------------
# Reading the data


def _region_cycles(session: Session, region: Region) -> list[EvaluationCycle]:
    return list(session.scalars(select(EvaluationCycle).where(EvaluationCycle.region_id == region.id)
                                .order_by(EvaluationCycle.year)))


def _catalog_of(session: Session, cycle: EvaluationCycle) -> Catalog:
    return catalog_for_version(session, session.get(CatalogVersion, cycle.catalog_version_id).version)


def answer_rows(session: Session, cycles: list[EvaluationCycle]) -> pd.DataFrame:
    """Every city-level answer of the cycles (a kecamatan's or kelurahan's own answer counts
    through the city's derived answer, never by itself), one row per answering unit, with the columns scoring reads
    (region, cycle, question_code, the value fields, status, verified_points) and what the pages
    show beside them."""
    updater = aliased(User)
    rows = session.execute(
        select(Region.code.label("region"), EvaluationCycle.year.label("cycle"),
               Question.code.label("question_code"), Answer.bool_value, Answer.choice_code, Answer.numerator,
               Answer.denominator, Answer.count_value, Answer.status, Answer.verified_points,
               Answer.id.label("answer_id"), Answer.note, Answer.verified_reason, Answer.return_reason,
               Answer.updated_at, updater.display_name.label("updated_by"),
               ReportingUnit.short_name.label("unit_short_name"), ReportingUnit.name.label("unit_name"))
        .join(EvaluationCycle, Answer.cycle_id == EvaluationCycle.id)
        .join(Region, Answer.region_id == Region.id)
        .join(Question, Answer.question_id == Question.id)
        .join(ReportingUnit, Answer.reporting_unit_id == ReportingUnit.id)
        .outerjoin(updater, Answer.updated_by_id == updater.id)
        .where(Answer.cycle_id.in_([c.id for c in cycles]), ReportingUnit.kind == CITY_UNIT_KIND)
        .order_by(EvaluationCycle.year, Question.position, ReportingUnit.short_name)
    ).mappings().all()
    columns = ["region", "cycle", "question_code", *VALUE_FIELDS, "status", "verified_points", "answer_id",
               "note", "verified_reason", "return_reason", "updated_at", "updated_by", "unit_short_name",
               "unit_name"]
    return pd.DataFrame(rows, columns=columns)


def _cycle_frame(region: Region, cycle: EvaluationCycle, catalog: Catalog) -> pd.DataFrame:
    return pd.DataFrame([{"region": region.code, "cycle": cycle.year, "catalog_version": catalog.version}])


def _unit_names(session: Session, region: Region) -> dict[str, str]:
    return dict(session.execute(select(ReportingUnit.short_name, ReportingUnit.name)
                                .where(ReportingUnit.region_id == region.id)).all())


def _names(catalog: Catalog) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    groups = pd.DataFrame([{"group_code": g.code, "name_id": g.name.id, "name_en": g.name.get("en"),
                            "position": n} for n, g in enumerate(catalog.groups)])
    indicators = pd.DataFrame([{"indicator_code": i.code, "name_id": i.name.id, "name_en": i.name.get("en"),
                                "position": n} for n, i in enumerate(catalog.indicators)])
    questions = pd.DataFrame([{"question_code": q.code, "prompt_id": q.prompt.id, "prompt_en": q.prompt.get("en"),
                               "answer_type": q.answer.type} for q in catalog.questions])
    return groups, indicators, questions


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


def _answer_summary(answers: pd.DataFrame, unit_names: dict[str, str]) -> pd.DataFrame:
    """Per question of one cycle: the status furthest along, the answering units, the reasons."""
    columns = ["question_code", "status", "units", "verified_reason", "return_reason"]
    if answers.empty:
        return pd.DataFrame(columns=columns)
    ranked = answers.assign(rank=answers["status"].map(STATUS_ORDER)).sort_values("rank", ascending=False)
    grouped = ranked.groupby("question_code", sort=False)
    summary = pd.DataFrame({
        "status": grouped["status"].first(),
        "units": grouped["unit_short_name"].agg(lambda s: ", ".join(sorted(unit_names.get(u, u) for u in set(s)))),
        "verified_reason": grouped["verified_reason"].agg(lambda s: next((r for r in s if r), None)),
        "return_reason": grouped["return_reason"].agg(lambda s: next((r for r in s if r), None)),
    }).reset_index()
    return summary[columns]


# ---------------------------------------------------------------------------------------------
# Both readings, side by side, and the trend


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
    groups: pd.DataFrame       # group_code, name_id, name_en, position, max_points, self_points, verified_points, difference
    indicators: pd.DataFrame   # indicator_code, group_code, name_id, name_en, position, max_points, self_points,
    #                            verified_points, difference
    differences: pd.DataFrame  # question_code, indicator_code, group_code, prompt_id, prompt_en, max_points, self_points,
    #                            verified_points, difference, kind (lowered|raised|unverified), status, units, verified_reason
    trend: pd.DataFrame        # year, cycle_status, published, self_total, verified_total, self_predikat_name,
    #                            verified_predikat_name
    group_trend: pd.DataFrame  # year, group_code, name_id, name_en, position, max_points, self_points, verified_points
    thresholds: pd.DataFrame   # code, name, above, inclusive (ascending)

    def reading(self, basis: str) -> dict:
        return self.readings[basis]


def scores_overview(engine: Engine, actor: SignedInUser, region_code: str, year: int) -> ScoresOverview:
    with unit_of_work(engine) as session:
        region = find_region(session, region_code)
        check_reader(session, actor, region)
        cycle = find_cycle(session, region, int(year))
        return _overview(session, region, cycle)


def _overview(session: Session, region: Region, cycle: EvaluationCycle) -> ScoresOverview:
    cycles = _region_cycles(session, region)
    tables = {}
    for basis in BASES:
        tables[basis], catalogs = score_cycles(session, cycles, basis)
    catalog = _catalog_of(session, cycle)
    group_names, indicator_names, question_names = _names(catalog)
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

    answers = answer_rows(session, [cycle])
    questions = side_by_side("questions", "question_code").merge(
        tables["self"].questions[["question_code", "indicator_code", "group_code"]].drop_duplicates("question_code"),
        on="question_code", how="left")
    differences = questions[questions["difference"].abs() >= MEANINGFUL_DIFFERENCE].merge(question_names, on="question_code", how="left")
    differences = differences.merge(_answer_summary(answers, _unit_names(session, region)), on="question_code",
                                    how="left")
    verified_rows = answers[answers["status"] == "verified"]["question_code"]
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


# ---------------------------------------------------------------------------------------------
# What lifts the score


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
    with unit_of_work(engine) as session:
        region = find_region(session, region_code)
        check_reader(session, actor, region)
        cycle = find_cycle(session, region, int(year))
        return _gaps(session, region, cycle, basis, target)


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


def _gaps(session: Session, region: Region, cycle: EvaluationCycle, basis: str,
          target: str | None = None) -> ScoreGaps:
    tables, catalogs = score_cycles(session, [cycle], basis)
    self_tables = tables if basis == "self" else score_cycles(session, [cycle], "self")[0]
    catalog = next(iter(catalogs.values()))
    totals = tables.totals.iloc[0]
    unit_names = _unit_names(session, region)
    _, indicator_names, question_names = _names(catalog)
    target_name, points_needed, predikats = _target(catalog, float(totals["total"]), target)

    gaps = question_gaps(tables, lead_owners(catalog))
    ranked = gaps_to_reach(gaps, points_needed)
    ranked = ranked.merge(question_names, on="question_code", how="left")
    ranked = ranked.merge(self_tables.questions[["question_code", "points"]].rename(columns={"points": "self_points"}),
                          on="question_code", how="left")
    summary = _answer_summary(answer_rows(session, [cycle]), unit_names)
    ranked = ranked.merge(summary[["question_code", "status"]], on="question_code", how="left")
    ranked["status"] = ranked["status"].fillna("not_started")
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
    with unit_of_work(engine) as session:
        region = find_region(session, region_code)
        check_reader(session, actor, region)
        cycle = find_cycle(session, region, int(year))
        catalog = _catalog_of(session, cycle)
        problems = hypothesis_problems(catalog, list(hypothetical))
        if problems:
            raise InvalidInput(problems)
        answers = answer_rows(session, [cycle])
    projection = project(_cycle_frame(region, cycle, catalog), answers, catalog, list(hypothetical), basis)
    group_names, _, question_names = _names(catalog)
    changes = projection.changes.merge(question_names, on="question_code", how="left")
    groups = projection.groups().merge(group_names, on="group_code", how="left")
    return WhatIf(region_code=region.code, year=cycle.year, basis=basis, projection=projection,
                  changes=changes, groups=groups)


# ---------------------------------------------------------------------------------------------
# One indicator across cycles


@dataclass(frozen=True)
class IndicatorDrilldown:
    region_code: str
    region_name: str
    indicator_code: str
    name_id: str
    name_en: str
    definition_id: str
    definition_en: str
    group_code: str
    group_name_id: str
    group_name_en: str
    max_points: float
    indicators: pd.DataFrame  # the picker: indicator_code, name_id, name_en, group_code (latest instrument)
    per_cycle: pd.DataFrame   # year, max_points, self_points, verified_points
    question_points: pd.DataFrame  # year, question_code, max_points, self_points, verified_points
    answers: pd.DataFrame     # year, group_code, indicator_code, question_code, prompt_id, prompt_en, unit_name,
    #   status, value_id, value_en,
    #   self_points, verified_points, max_points, note, verified_reason, return_reason, updated_by, updated_at,
    #   answer_id
    evidence: pd.DataFrame    # evidence_id, year, question_code, unit_name, filename, content_type, size_bytes,
    #   file_version, superseded, uploaded_by, uploaded_at
    history: pd.DataFrame     # at, year, question_code, unit_name, actor, action, from_status, to_status, points,
    #   reason


def indicator_drilldown(engine: Engine, actor: SignedInUser, region_code: str,
                        indicator_code: str) -> IndicatorDrilldown:
    """One indicator of a region across all its cycles: points per cycle (both readings), its
    questions' answers and points, the evidence files and the history of those answers. Cycles
    whose instrument has no indicator of that code are left out."""
    with unit_of_work(engine) as session:
        region = find_region(session, region_code)
        check_reader(session, actor, region)
        cycles = _region_cycles(session, region)
        if not cycles:
            raise NotFound(f"{region.name} belum memiliki siklus evaluasi.")
        latest_catalog = _catalog_of(session, cycles[-1])
        catalogs = {c.year: _catalog_of(session, c) for c in cycles}
        cycles = [c for c in cycles if any(i.code == indicator_code for i in catalogs[c.year].indicators)]
        if not cycles:
            known = ", ".join(i.code for i in latest_catalog.indicators)
            raise NotFound(f"Indikator '{indicator_code}' tidak ada dalam instrumen {region.name}. "
                           f"Kode yang ada: {known}.")
        tables = {basis: score_cycles(session, cycles, basis)[0] for basis in BASES}
        answers = answer_rows(session, cycles)
        evidence = _evidence(session, answers)
        history = _history(session, answers)

    latest = catalogs[cycles[-1].year]
    indicator = next(i for i in latest.indicators if i.code == indicator_code)
    group = next(g for g in latest.groups if g.code == indicator.group_code)

    def per(level: str, keys: list[str]) -> pd.DataFrame:
        self_part = getattr(tables["self"], level)
        verified_part = getattr(tables["verified"], level)
        frame = self_part[self_part["indicator_code"] == indicator_code][keys + ["max_points", "points"]]
        frame = frame.rename(columns={"points": "self_points"}).merge(
            verified_part[verified_part["indicator_code"] == indicator_code][keys + ["points"]].rename(
                columns={"points": "verified_points"}), on=keys, how="left")
        return frame.rename(columns={"cycle": "year"}).reset_index(drop=True)

    per_cycle = per("indicators", ["cycle"])
    question_points = per("questions", ["cycle", "question_code"])

    answers_of_indicator = answer_table(answers, catalogs, indicator_code)
    picker = pd.DataFrame([{"indicator_code": i.code, "name_id": i.name.id, "name_en": i.name.get("en"),
                            "group_code": i.group_code} for i in latest_catalog.indicators])
    return IndicatorDrilldown(
        region_code=region.code, region_name=region.name, indicator_code=indicator.code,
        name_id=indicator.name.id, name_en=indicator.name.get("en"), definition_id=indicator.definition.id,
        definition_en=indicator.definition.get("en"), group_code=group.code, group_name_id=group.name.id,
        group_name_en=group.name.get("en"), max_points=float(indicator.max_points), indicators=picker,
        per_cycle=per_cycle, question_points=question_points, answers=answers_of_indicator,
        evidence=evidence[evidence["answer_id"].isin(answers_of_indicator["answer_id"])].drop(columns="answer_id")
        .reset_index(drop=True),
        history=history[history["answer_id"].isin(answers_of_indicator["answer_id"])].drop(columns="answer_id")
        .reset_index(drop=True),
    )


def answer_table(answers: pd.DataFrame, catalogs: dict[int, Catalog], indicator_code: str | None = None) -> pd.DataFrame:
    """One row per question (of the indicator, or all) per cycle and per answering unit, with the
    answer as a person reads it and its points in both readings (a question nobody answered yet
    appears once, as not started)."""
    rows = []
    for year, catalog in catalogs.items():
        questions = [q for q in catalog.questions if indicator_code is None or q.indicator_code == indicator_code]
        if not questions:
            continue
        of_year = answers[(answers["cycle"] == year)
                          & answers["question_code"].isin([q.code for q in questions])].reset_index(drop=True)
        shares = (answer_shares(of_year.assign(catalog_version=catalog.version), [catalog]).to_numpy()
                  if len(of_year) else [])
        by_question: dict[str, list[tuple[dict, float]]] = {}
        for record, share in zip(of_year.to_dict("records"), shares, strict=True):
            by_question.setdefault(record["question_code"], []).append((record, share))
        for q in questions:
            about = {"year": year, "group_code": q.group_code, "indicator_code": q.indicator_code,
                     "question_code": q.code, "prompt_id": q.prompt.id, "prompt_en": q.prompt.get("en"),
                     "max_points": q.max_points}
            if q.code not in by_question:
                rows.append({**about, "unit_name": None, "status": "not_started", "value_id": "", "value_en": "",
                             "self_points": 0.0, "verified_points": None, "note": None, "verified_reason": None,
                             "return_reason": None, "updated_by": None, "updated_at": None, "answer_id": None})
                continue
            for row, share in by_question[q.code]:
                value = AnswerValue(**{f: _present(row[f]) for f in VALUE_FIELDS})
                verified = row["status"] == "verified" and _present(row["verified_points"]) is not None
                rows.append({
                    **about, "unit_name": row["unit_name"], "status": row["status"],
                    "value_id": display_value(q, value, "id"), "value_en": display_value(q, value, "en"),
                    "self_points": 0.0 if pd.isna(share) else float(share) * q.max_points,
                    "verified_points": float(row["verified_points"]) if verified else None,
                    "note": _present(row["note"]), "verified_reason": _present(row["verified_reason"]),
                    "return_reason": _present(row["return_reason"]), "updated_by": _present(row["updated_by"]),
                    "updated_at": _present(row["updated_at"]), "answer_id": int(row["answer_id"]),
                })
    columns = ["year", "group_code", "indicator_code", "question_code", "prompt_id", "prompt_en", "unit_name",
               "status", "value_id", "value_en",
               "self_points", "verified_points", "max_points", "note", "verified_reason", "return_reason",
               "updated_by", "updated_at", "answer_id"]
    return pd.DataFrame(rows, columns=columns).astype({"answer_id": "Int64"})


def _present(value):
    if value is None:
        return None
    try:
        return None if pd.isna(value) else value
    except (TypeError, ValueError):
        return value


def _evidence(session: Session, answers: pd.DataFrame) -> pd.DataFrame:
    columns = ["evidence_id", "answer_id", "year", "question_code", "unit_name", "filename", "content_type",
               "size_bytes", "file_version", "superseded", "uploaded_by", "uploaded_at"]
    ids = [int(i) for i in answers["answer_id"]]
    if not ids:
        return pd.DataFrame(columns=columns)
    uploader = aliased(User)
    rows = session.execute(
        select(EvidenceFile.id.label("evidence_id"), EvidenceFile.answer_id, EvidenceFile.filename,
               EvidenceFile.content_type, EvidenceFile.size_bytes, EvidenceFile.file_version,
               EvidenceFile.superseded, uploader.display_name.label("uploaded_by"), EvidenceFile.uploaded_at)
        .outerjoin(uploader, EvidenceFile.uploaded_by_id == uploader.id)
        .where(EvidenceFile.answer_id.in_(ids))
        .order_by(EvidenceFile.answer_id, EvidenceFile.file_version)
    ).mappings().all()
    frame = pd.DataFrame(rows, columns=[c for c in columns if c not in ("year", "question_code", "unit_name")])
    about = answers[["answer_id", "cycle", "question_code", "unit_name"]].rename(columns={"cycle": "year"})
    return frame.merge(about, on="answer_id", how="left")[columns]


def _history(session: Session, answers: pd.DataFrame) -> pd.DataFrame:
    """The audit rows of the answers and the review events (submit, verify, return, reopen) that
    have no audit row of their own (the demo's past cycles), newest first."""
    columns = ["at", "answer_id", "year", "question_code", "unit_name", "actor", "action", "from_status",
               "to_status", "points", "reason"]
    ids = [int(i) for i in answers["answer_id"]]
    if not ids:
        return pd.DataFrame(columns=columns)
    person = aliased(User)
    audit_rows = session.execute(
        select(AuditLog.at, AuditLog.entity_id, AuditLog.action, AuditLog.details,
               person.display_name.label("actor"))
        .outerjoin(person, AuditLog.actor_id == person.id)
        .where(AuditLog.entity == "answer", AuditLog.entity_id.in_([str(i) for i in ids]))
    ).mappings().all()
    events = session.execute(
        select(ReviewEvent.created_at.label("at"), ReviewEvent.answer_id, ReviewEvent.action,
               ReviewEvent.from_status, ReviewEvent.to_status, ReviewEvent.points, ReviewEvent.reason,
               person.display_name.label("actor"))
        .outerjoin(person, ReviewEvent.actor_id == person.id)
        .where(ReviewEvent.answer_id.in_(ids))
    ).mappings().all()
    rows = []
    audited: dict[tuple[int, str], int] = {}
    for row in audit_rows:
        details = row["details"] or {}
        answer_id = int(row["entity_id"])
        action = str(row["action"]).removeprefix("answer.")
        audited[(answer_id, action)] = audited.get((answer_id, action), 0) + 1
        old, new = details.get("old") or {}, details.get("new") or {}
        rows.append({"at": row["at"], "answer_id": answer_id, "actor": row["actor"], "action": action,
                     "from_status": old.get("status") if isinstance(old, dict) else None,
                     "to_status": new.get("status") if isinstance(new, dict) else None,
                     "points": _points_of(new), "reason": details.get("reason")})
    for event in events:
        key = (event["answer_id"], event["action"])
        if audited.get(key):
            audited[key] -= 1  # the same action, already listed from the audit log
            continue
        rows.append({"at": event["at"], "answer_id": event["answer_id"], "actor": event["actor"],
                     "action": event["action"], "from_status": event["from_status"],
                     "to_status": event["to_status"], "points": event["points"], "reason": event["reason"]})
    frame = pd.DataFrame(rows, columns=["at", "answer_id", "actor", "action", "from_status", "to_status",
                                        "points", "reason"])
    about = answers[["answer_id", "cycle", "question_code", "unit_name"]].rename(columns={"cycle": "year"})
    frame = frame.merge(about, on="answer_id", how="left")[columns]
    return frame.sort_values("at", ascending=False, kind="stable").reset_index(drop=True)


def _points_of(values) -> float | None:
    if not isinstance(values, dict):
        return None
    for name in ("verified_points", "points", "self_points"):
        if values.get(name) is not None:
            try:
                return float(values[name])
            except (TypeError, ValueError):
                return None
    return None


def evidence_download(engine: Engine, actor: SignedInUser, evidence_id: int) -> tuple[str, str, bytes]:
    """The file name, content type and bytes of one evidence file the actor may read."""
    with unit_of_work(engine) as session:
        evidence = session.get(EvidenceFile, int(evidence_id))
        if evidence is None:
            raise NotFound(f"Berkas bukti {evidence_id} tidak ditemukan.")
        answer = session.get(Answer, evidence.answer_id)
        check_reader(session, actor, session.get(Region, answer.region_id))
        return evidence.filename, evidence.content_type, evidence.content


def cycle_catalog(engine: Engine, actor: SignedInUser, region_code: str, year: int) -> Catalog:
    """The instrument of a region's cycle (what the what-if panel offers as answers)."""
    with unit_of_work(engine) as session:
        region = find_region(session, region_code)
        check_reader(session, actor, region)
        return _catalog_of(session, find_cycle(session, region, int(year)))
