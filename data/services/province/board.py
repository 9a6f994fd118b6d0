"""The readiness board: for every hosted kab/kota with a cycle of the year, where its evaluation
stands (answered, submitted, verified, closed, published), its three readings (self-assessed,
verified, province) each with its predikat, how much of it the province has checked, the days to
its deadline, how many of its units are late and whether it is at risk (late units, or little
verified near the deadline: indicators.verification.readiness_risks), at-risk regions first; and
the same summed per province. The deployment's admin reads every region (the national overview), a province verifier
the regions of its province. Totals come from score_all_regions, the path of `manage.py score-all`."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlalchemy import Engine, func, or_, select
from sqlalchemy.orm import Session

from data.access import (
    BOARD_READERS,
    PROVINCE_ROLE,
    require_current_account,
    require_role,
)
from data.actor import SignedInUser
from data.db import unit_of_work
from data.errors import InvalidInput
from data.files.board_pdf import board_pdf
from data.files.csv_text import csv_of
from data.models import CITY_UNIT_KIND, Answer, EvaluationCycle, Region, ReportingUnit
from data.services.review.completeness import cycles_unit_counts, is_past_deadline
from data.services.scoring.scores import REGIONS_PER_PASS, score_all_regions
from indicators import clock
from indicators.verification import readiness_risks
from indicators.workflow import CYCLE_OPEN, CYCLE_REVIEW, SUBMITTED, VERIFIED

NOT_A_READER = "Papan kesiapan hanya untuk admin instalasi dan verifikator provinsi."
STAGES = ("filling", "review", "closed", "published")
STAGE_NAMES = {"filling": "pengisian", "review": "verifikasi", "closed": "ditutup", "published": "diterbitkan"}
BOARD_COLUMNS = ["region_code", "region_name", "province_code", "province_name", "year", "stage", "deadline",
                 "days_to_deadline", "assigned", "answered", "submitted", "verified", "percent_verified",
                 "late_units", "late_unit_names", "province_checked", "percent_province_checked", "at_risk", "risks",
                 "self_total", "self_predikat_name", "verified_total", "predikat_name", "province_total",
                 "province_predikat_name"]
ROW_COLUMNS = BOARD_COLUMNS[:BOARD_COLUMNS.index("self_total")]
LATE_NAMED = 5  # the late units a board row names; the rest are counted


@dataclass(frozen=True)
class ReadinessBoard:
    year: int
    years: list[int]               # every year some region has a cycle, newest first
    regions: pd.DataFrame          # BOARD_COLUMNS, furthest behind first
    provinces: pd.DataFrame        # province_code, province_name, regions, closed, published, mean_verified_total,
    #                                Pratama, Madya, Nindya, Utama, KLA, none


def _stage(cycle: EvaluationCycle) -> str:
    if cycle.published:
        return "published"
    return {CYCLE_OPEN: "filling", CYCLE_REVIEW: "review"}.get(cycle.status, "closed")


def readiness_board(engine: Engine, actor: SignedInUser, year: int | None = None,
                    today: date | None = None) -> ReadinessBoard:
    require_role(actor, BOARD_READERS, NOT_A_READER)
    today = today or clock.today()
    with unit_of_work(engine, read_only=True) as session:
        require_current_account(session, actor)
        years = list(session.scalars(_in_scope(select(EvaluationCycle.year).distinct(), actor)
                                     .order_by(EvaluationCycle.year.desc())))
        if not years:
            return ReadinessBoard(year=int(year or today.year), years=[], regions=pd.DataFrame(columns=BOARD_COLUMNS),
                                  provinces=pd.DataFrame())
        year = int(year) if year is not None else years[0]
        if year not in years:
            raise InvalidInput([f"Belum ada wilayah dengan siklus {year}. Siklus yang ada: "
                                f"{', '.join(str(y) for y in years)}."])
        in_year = session.execute(_in_scope(select(EvaluationCycle, Region), actor)
                                  .where(EvaluationCycle.year == year)).all()
        counts = _unit_counts(session, [cycle for cycle, _ in in_year])
        per_cycle = dict(tuple(counts.groupby("cycle_id")))
        checked = _province_checked(session, [cycle.id for cycle, _ in in_year])
        rows = [_region_row(cycle, region, per_cycle.get(cycle.id, counts.iloc[0:0]), today, checked.get(cycle.id, 0))
                for cycle, region in in_year]
    frame = pd.DataFrame(rows, columns=ROW_COLUMNS)
    totals = {basis: score_all_regions(engine, basis, year, frame["region_code"].tolist()).set_index("region")
              for basis in ("self", "verified", "province")}
    for basis, prefix in (("self", "self_"), ("verified", ""), ("province", "province_")):
        frame[f"{basis}_total"] = frame["region_code"].map(totals[basis]["total"])
        frame[f"{prefix}predikat_name"] = frame["region_code"].map(totals[basis]["predikat_name"])
    frame = frame.sort_values(["at_risk", "late_units", "percent_verified", "region_code"],
                              ascending=[False, False, True, True], ignore_index=True)
    return ReadinessBoard(year=year, years=years, regions=frame[BOARD_COLUMNS], provinces=province_summary(frame))


def _unit_counts(session: Session, cycles: list[EvaluationCycle]) -> pd.DataFrame:
    """status_counts per cycle and unit, counted REGIONS_PER_PASS regions a query (as score_all_regions)."""
    return pd.concat([cycles_unit_counts(session, cycles[start:start + REGIONS_PER_PASS])
                      for start in range(0, max(len(cycles), 1), REGIONS_PER_PASS)], ignore_index=True)


def _province_checked(session: Session, cycle_ids: list[int]) -> dict[int, int]:
    """Per cycle: the city's verified answers the province has read (points set or returned)."""
    return dict(session.execute(
        select(Answer.cycle_id, func.count(Answer.id))
        .join(ReportingUnit, Answer.reporting_unit_id == ReportingUnit.id)
        .where(Answer.cycle_id.in_(cycle_ids), Answer.status == VERIFIED, ReportingUnit.kind == CITY_UNIT_KIND,
               or_(Answer.province_points.is_not(None), Answer.province_return_reason.is_not(None)))
        .group_by(Answer.cycle_id)).tuples().all())


def _region_row(cycle: EvaluationCycle, region: Region, counts: pd.DataFrame, today: date, checked: int) -> dict:
    """A board row of the region's cycle from its status counts per unit and the answers the
    province has read."""
    assigned = int(counts["assigned"].sum())
    verified = int(counts[VERIFIED].sum())
    # a closed cycle takes no more answers: what it lacks is missing, no longer late
    still_open = _stage(cycle) in ("filling", "review")
    late = counts[(counts["outstanding"] > 0) & still_open & is_past_deadline(cycle, today)].sort_values(
        ["outstanding", "unit_short_name"], ascending=[False, True])  # the most outstanding named first
    days = (cycle.deadline - today).days if cycle.deadline else None
    percent = verified / assigned * 100 if assigned else 0.0
    risks = readiness_risks(still_open, len(late), percent, days)
    return {"region_code": region.code, "region_name": region.name, "province_code": region.province_code,
            "province_name": region.province_name, "year": cycle.year, "stage": _stage(cycle),
            "deadline": cycle.deadline, "days_to_deadline": days,
            "assigned": assigned, "answered": assigned - int(counts["not_started"].sum()),
            "submitted": int(counts[SUBMITTED].sum()) + verified, "verified": verified,
            "percent_verified": percent, "late_units": len(late),
            "late_unit_names": named_few(late["unit_short_name"].tolist()), "province_checked": checked,
            "percent_province_checked": checked / verified * 100 if verified else 0.0, "at_risk": bool(risks),
            "risks": "; ".join(risks)}


def named_few(names: list[str], limit: int = LATE_NAMED) -> str:
    """The first `limit` names joined by ", ", then how many more ("dinkes, dp3a +12 lainnya")."""
    shown = ", ".join(names[:limit])
    return f"{shown} +{len(names) - limit} lainnya" if len(names) > limit else shown


def _in_scope(query, actor: SignedInUser):
    """A query of cycles narrowed to the regions the actor's board shows (region joined)."""
    query = query.join(Region, EvaluationCycle.region_id == Region.id)
    if actor.role == PROVINCE_ROLE:
        query = query.where(Region.province_code == actor.province_code)
    return query


def province_summary(regions: pd.DataFrame) -> pd.DataFrame:
    """Per province: how many of its regions have a cycle this year, closed or published, the mean
    verified total, and how many reach each predikat (none: below Pratama)."""
    rows = []
    for (code, name), part in regions.groupby(["province_code", "province_name"], sort=True):
        reached = part["predikat_name"].fillna("none").value_counts()
        rows.append({"province_code": code, "province_name": name, "regions": len(part),
                     "closed": int(part["stage"].isin(("closed", "published")).sum()),
                     "published": int((part["stage"] == "published").sum()),
                     "mean_verified_total": float(part["verified_total"].mean()),
                     **{p: int(reached.get(p, 0)) for p in ("Pratama", "Madya", "Nindya", "Utama", "KLA", "none")}})
    return pd.DataFrame(rows)


def board_files(engine: Engine, actor: SignedInUser, year: int | None = None,
                today: date | None = None) -> tuple[str, bytes, bytes]:
    """(file stem, CSV bytes, PDF bytes) of the board; an actor with no region to read gets the
    column names and a PDF that says so."""
    board = readiness_board(engine, actor, year, today)
    stem = f"papan_kesiapan_kla_{board.year}"
    return stem, csv_of(board.regions).encode("utf-8"), board_pdf(board, clock.now())
