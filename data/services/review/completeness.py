"""Completeness of an evaluation cycle: for every question assigned to a reporting unit, where its
answer stands (not started, draft, submitted, returned, verified), counted per unit and per group,
with the units that are late and what each still owes.

The unit of counting is the assignment (one question for one unit). Every assignment has exactly
one status, so the counts of a unit add up to its assignments and no percentage can pass 100%.
Answers of a unit for a question it is not (or no longer) assigned are not counted.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

import pandas as pd
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from data import lookups
from data.access import (
    CYCLE_MANAGERS,
    REGION_READERS,
    UNIT_ROLES,
    named_or_own_region,
    require_active_actor,
    require_current_account,
    require_role,
    visible_regions,
)
from data.db import unit_of_work
from data.models import (
    CITY_UNIT_KIND,
    Answer,
    Assignment,
    CatalogGroup,
    EvaluationCycle,
    Indicator,
    Question,
    Region,
    ReportingUnit,
    User,
)
from indicators import clock
from indicators.workflow import (
    DRAFT,
    ENTERABLE,
    NOT_STARTED,
    RETURNED,
    SUBMITTED,
    VERIFIED,
)

STATUSES = (NOT_STARTED, DRAFT, SUBMITTED, RETURNED, VERIFIED)
"""The answer statuses in the order the completeness tables and chart show them."""
NOT_A_READER = "Hanya Gugus Tugas, sekretariat atau admin yang dapat melihat kelengkapan."

UNIT_COLUMNS = ["unit_id", "unit_short_name", "unit_name", "kind", "focal_points", "assigned",
                *STATUSES, "outstanding", "percent_submitted", "percent_verified", "overdue"]


STATUS_COLUMNS = ["unit_id", "unit_short_name", "unit_name", "kind", "question_id", "question_code",
                  "question_position", "indicator_code", "indicator_position", "group_code", "group_name",
                  "group_name_en", "group_position", "status"]


def assignment_statuses(session: Session, cycle: EvaluationCycle) -> pd.DataFrame:
    """One row per active unit's assigned question of the cycle's instrument, with the status of
    that unit's answer ("not_started" when there is none)."""
    rows = session.execute(
        select(ReportingUnit.id.label("unit_id"), ReportingUnit.short_name.label("unit_short_name"),
               ReportingUnit.name.label("unit_name"), ReportingUnit.kind,
               Question.id.label("question_id"), Question.code.label("question_code"),
               Question.position.label("question_position"),
               Indicator.code.label("indicator_code"), Indicator.position.label("indicator_position"),
               CatalogGroup.code.label("group_code"), CatalogGroup.name_id.label("group_name"),
               CatalogGroup.name_en.label("group_name_en"), CatalogGroup.position.label("group_position"))
        .select_from(Assignment)
        .join(ReportingUnit, Assignment.reporting_unit_id == ReportingUnit.id)
        .join(Question, Assignment.question_id == Question.id)
        .join(Indicator, Question.indicator_id == Indicator.id)
        .join(CatalogGroup, Indicator.group_id == CatalogGroup.id)
        .where(Assignment.region_id == cycle.region_id,
               Question.catalog_version_id == cycle.catalog_version_id, _owed())
    ).mappings().all()
    assignments = pd.DataFrame(rows, columns=STATUS_COLUMNS[:-1])
    answers = pd.DataFrame(session.execute(
        select(Answer.reporting_unit_id.label("unit_id"), Answer.question_id, Answer.status)
        .where(Answer.cycle_id == cycle.id)
    ).mappings().all(), columns=["unit_id", "question_id", "status"])
    merged = assignments.merge(answers, on=["unit_id", "question_id"], how="left")
    merged["status"] = merged["status"].fillna(NOT_STARTED).astype(str)
    return merged.sort_values(["group_position", "indicator_position", "question_position", "unit_short_name"],
                              ignore_index=True)


def cycles_unit_counts(session: Session, cycles: list[EvaluationCycle]) -> pd.DataFrame:
    """status_counts per cycle and unit (cycle_id, unit_id, unit_short_name) of several cycles, each
    of its own region: counted by the database in one grouped query, whatever their number (the
    readiness board; a country's assignments never travel row by row)."""
    by = ["cycle_id", "unit_id", "unit_short_name"]
    status = func.coalesce(Answer.status, NOT_STARTED)
    rows = session.execute(
        select(EvaluationCycle.id.label("cycle_id"), ReportingUnit.id.label("unit_id"),
               ReportingUnit.short_name.label("unit_short_name"), status.label("status"), func.count().label("count"))
        .select_from(Assignment)
        .join(EvaluationCycle, Assignment.region_id == EvaluationCycle.region_id)
        .join(ReportingUnit, Assignment.reporting_unit_id == ReportingUnit.id)
        .join(Question, Assignment.question_id == Question.id)
        .outerjoin(Answer, (Answer.cycle_id == EvaluationCycle.id) & (Answer.question_id == Assignment.question_id)
                   & (Answer.reporting_unit_id == Assignment.reporting_unit_id))
        .where(EvaluationCycle.id.in_(sorted({cycle.id for cycle in cycles})),
               Assignment.region_id.in_(sorted({cycle.region_id for cycle in cycles})),
               Question.catalog_version_id == EvaluationCycle.catalog_version_id, _owed())
        .group_by(EvaluationCycle.id, ReportingUnit.id, ReportingUnit.short_name, status)).all()
    counted = pd.DataFrame(rows, columns=[*by, "status", "count"])
    if counted.empty:
        return _with_totals(pd.DataFrame(columns=[*by, *STATUSES]).set_index(by))
    return _with_totals(counted.pivot_table(index=by, columns="status", values="count", aggfunc="sum", fill_value=0)
                        .reindex(columns=list(STATUSES), fill_value=0))


def _owed():
    """The assignments an active unit owes: the city's answer to a question every kecamatan or
    kelurahan answers is derived from theirs, not owed (Question and ReportingUnit joined)."""
    return ReportingUnit.active.is_(True) & ((Question.derivation.is_(None)) | (ReportingUnit.kind != CITY_UNIT_KIND))


def status_counts(statuses: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Counts of each status per `by`, the number assigned, what is outstanding and the shares
    submitted (submitted or verified) and verified, in percent of the assigned."""
    return _with_totals(pd.crosstab([statuses[key] for key in by], statuses["status"])
                        .reindex(columns=list(STATUSES), fill_value=0) if len(statuses) else
                        pd.DataFrame(columns=[*by, *STATUSES]).set_index(by))


def _with_totals(counts: pd.DataFrame) -> pd.DataFrame:
    """Counts of each status (a column each, indexed by what they are counted per) with the number
    assigned, what is outstanding and the shares submitted and verified."""
    counts = counts.astype(int).reset_index()
    counts.columns.name = None
    counts["assigned"] = counts[list(STATUSES)].sum(axis=1).astype(int)
    # outstanding: what the unit still has to do before the deadline, all it may still enter
    counts["outstanding"] = counts[list(ENTERABLE)].sum(axis=1).astype(int)
    assigned = counts["assigned"].where(counts["assigned"] > 0)
    counts["percent_submitted"] = ((counts["submitted"] + counts["verified"]) / assigned * 100).fillna(0.0)
    counts["percent_verified"] = (counts["verified"] / assigned * 100).fillna(0.0)
    return counts


def focal_points(session: Session, region_id: int) -> dict[int, str]:
    """The active accounts that answer for each unit, each with its phone and e-mail when known
    (Nama (+62812..., nama@...)), joined by ", ": whom the task force calls about a late unit."""
    names: dict[int, list[str]] = {}
    for unit_id, name, phone, email in session.execute(
            select(User.reporting_unit_id, User.display_name, User.phone, User.email)
            .where(User.region_id == region_id, User.active.is_(True), User.role.in_(tuple(UNIT_ROLES)),
                   User.reporting_unit_id.is_not(None))
            .order_by(User.display_name)):
        assert unit_id is not None  # the query takes accounts of a unit only
        contact = ", ".join(c for c in (phone, email) if c)
        names.setdefault(unit_id, []).append(f"{name} ({contact})" if contact else name)
    return {unit_id: "; ".join(listed) for unit_id, listed in names.items()}


def focal_contacts(session: Session, region_id: int) -> dict[int, list[dict]]:
    """The active accounts that answer for each unit: name, phone and e-mail (None when unknown)."""
    contacts: dict[int, list[dict]] = {}
    for unit_id, name, phone, email in session.execute(
            select(User.reporting_unit_id, User.display_name, User.phone, User.email)
            .where(User.region_id == region_id, User.active.is_(True), User.role.in_(tuple(UNIT_ROLES)),
                   User.reporting_unit_id.is_not(None))
            .order_by(User.display_name)):
        contacts.setdefault(int(unit_id or 0), []).append({"name": name, "phone": phone, "email": email})
    return contacts


def is_past_deadline(cycle: EvaluationCycle, today: date | None = None) -> bool:
    return cycle.deadline is not None and (today or clock.today()) > cycle.deadline


def unit_completeness(session: Session, cycle: EvaluationCycle, today: date | None = None) -> pd.DataFrame:
    """One row per reporting unit with assignments in the cycle: unit_short_name, unit_name, kind,
    focal_points, assigned, not_started, draft, submitted, returned, verified, overdue (the
    deadline has passed and not everything is submitted), plus unit_id, outstanding and the
    percentages submitted and verified. Ordered by unit short name."""
    statuses = assignment_statuses(session, cycle)
    counts = status_counts(statuses, ["unit_id", "unit_short_name", "unit_name", "kind"])
    contacts = focal_points(session, cycle.region_id)
    counts["focal_points"] = [contacts.get(unit_id, "") for unit_id in counts["unit_id"]]
    counts["overdue"] = is_past_deadline(cycle, today) & (counts["outstanding"] > 0)
    counts["overdue"] = counts["overdue"].astype(bool)
    return counts[UNIT_COLUMNS].sort_values("unit_short_name", ignore_index=True)


def furthest_behind_first(units: pd.DataFrame) -> pd.DataFrame:
    """The units in the order a Rakor goes through them: late ones first, then the least submitted
    and verified share, then the most still owed."""
    return units.sort_values(["overdue", "percent_submitted", "percent_verified", "outstanding", "unit_short_name"],
                             ascending=[False, True, True, False, True], ignore_index=True)


def kecamatan_to_visit(session: Session, units: pd.DataFrame) -> pd.DataFrame:
    """Each kecamatan with its desa/kelurahan (the Kelana Dekela answers asked of them), furthest
    behind first: kecamatan_name, units, assigned, outstanding, returned, late_units,
    percent_verified and the kecamatan's focal_points."""
    local = units[units["kind"].isin(("kecamatan", "kelurahan"))]
    columns = ["kecamatan_name", "units", "assigned", "outstanding", "returned", "late_units", "percent_verified",
               "focal_points"]
    if local.empty:
        return pd.DataFrame(columns=columns)
    parents = dict(session.execute(select(ReportingUnit.id, ReportingUnit.parent_id)
                                   .where(ReportingUnit.id.in_([int(i) for i in local["unit_id"]]))).all())
    local = local.assign(kecamatan_id=[unit_id if kind == "kecamatan" else parents.get(unit_id)
                                       for unit_id, kind in zip(local["unit_id"], local["kind"])])
    local = local[local["kecamatan_id"].notna()]
    names = dict(session.execute(select(ReportingUnit.id, ReportingUnit.name)
                                 .where(ReportingUnit.id.in_([int(i) for i in local["kecamatan_id"]]))).all())
    contacts = units.set_index("unit_id")["focal_points"]
    rows = []
    for kecamatan_id, members in local.groupby("kecamatan_id"):
        assigned = int(members["assigned"].sum())
        rows.append({"kecamatan_name": names.get(int(kecamatan_id), ""),
                     "units": len(members), "assigned": assigned, "outstanding": int(members["outstanding"].sum()),
                     "returned": int(members[RETURNED].sum()), "late_units": int(members["overdue"].sum()),
                     "percent_verified": float(members[VERIFIED].sum()) / assigned * 100 if assigned else 0.0,
                     "focal_points": contacts.get(kecamatan_id, "")})
    return pd.DataFrame(rows, columns=columns).sort_values(
        ["percent_verified", "outstanding", "kecamatan_name"], ascending=[True, False, True], ignore_index=True)


def group_completeness(statuses: pd.DataFrame) -> pd.DataFrame:
    """Counts per catalog group (Kelembagaan, the clusters, Kelana Dekela), in catalog order."""
    counts = status_counts(statuses, ["group_position", "group_code", "group_name", "group_name_en"])
    return counts.sort_values("group_position", ignore_index=True).drop(columns="group_position")


def chase_list(statuses: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    """The units that still owe answers, most outstanding (and late) first: whom to contact and
    which question codes are not started, still in draft or returned for correction."""
    owing = statuses[statuses["status"].isin(ENTERABLE)]
    codes = (owing.groupby(["unit_id", "status"], sort=False)["question_code"]
             .agg(list).unstack("status") if len(owing) else pd.DataFrame())
    rows = []
    for unit in units[units["outstanding"] > 0].itertuples():
        listed = {status: (codes.at[unit.unit_id, status] if status in codes.columns
                           and isinstance(codes.at[unit.unit_id, status], list) else [])
                  for status in ENTERABLE}
        rows.append({"unit_id": unit.unit_id, "unit_short_name": unit.unit_short_name,
                     "unit_name": unit.unit_name, "focal_points": unit.focal_points,
                     "overdue": bool(unit.overdue), "outstanding": int(unit.outstanding),
                     "assigned": int(unit.assigned), "not_started_codes": listed["not_started"],
                     "draft_codes": listed["draft"], "returned_codes": listed["returned"]})
    chase = pd.DataFrame(rows, columns=["unit_id", "unit_short_name", "unit_name", "focal_points", "overdue",
                                        "outstanding", "assigned", "not_started_codes", "draft_codes",
                                        "returned_codes"])
    return chase.sort_values(["overdue", "outstanding", "unit_short_name"], ascending=[False, False, True],
                             ignore_index=True)


@dataclass(frozen=True)
class CompletenessReport:
    region_code: str
    region_name: str
    cycle_year: int
    cycle_status: str
    published: bool
    published_at: datetime | None
    deadline: date | None
    past_deadline: bool
    days_left: int | None
    years: list[int]
    units: pd.DataFrame
    groups: pd.DataFrame
    chase: pd.DataFrame
    totals: dict
    may_manage_cycle: bool  # the actor may close, reopen, publish and unpublish this cycle
    contacts: dict[int, list[dict]] = field(default_factory=dict)
    """Per unit id, its focal points' name, phone and e-mail (focal_contacts)."""


def completeness_report(engine: Engine, actor, year: int | None = None, region_code: str | None = None,
                        today: date | None = None) -> CompletenessReport:
    """Completeness of one cycle of the actor's region (an admin names the region): counts per
    unit and per group, the overall totals and the list of units to contact."""
    require_role(actor, REGION_READERS, NOT_A_READER)
    with unit_of_work(engine, read_only=True) as session:
        require_current_account(session, actor)
        region = named_or_own_region(session, actor, region_code)
        cycle = lookups.cycle_or_current(session, region, year)
        today = today or clock.today()
        statuses = assignment_statuses(session, cycle)
        units = unit_completeness(session, cycle, today)
        overall = status_counts(statuses.assign(all="all"), ["all"])
        totals = ({key: (float(value) if key.startswith("percent") else int(value))
                   for key, value in overall.drop(columns="all").iloc[0].items()}
                  if len(overall) else {**{s: 0 for s in STATUSES}, "assigned": 0, "outstanding": 0,
                                        "percent_submitted": 0.0, "percent_verified": 0.0})
        totals["units"] = len(units)
        totals["units_overdue"] = int(units["overdue"].sum())
        totals["units_complete"] = int((units["outstanding"] == 0).sum())
        return CompletenessReport(
            region_code=region.code, region_name=region.name, cycle_year=cycle.year,
            cycle_status=cycle.status, published=cycle.published,
            published_at=cycle.published_at, deadline=cycle.deadline,
            past_deadline=is_past_deadline(cycle, today),
            days_left=(cycle.deadline - today).days if cycle.deadline else None,
            years=lookups.cycle_years(session, region.id), units=units, groups=group_completeness(statuses),
            may_manage_cycle=actor.role in CYCLE_MANAGERS,
            chase=chase_list(statuses, units), totals=totals, contacts=focal_contacts(session, region.id))


def regions_for(engine: Engine, actor) -> list[dict]:
    """The regions whose cycles the actor may read here: every region with a cycle for the admin,
    the actor's own region otherwise."""
    require_active_actor(engine, actor)
    require_role(actor, REGION_READERS, NOT_A_READER)
    with unit_of_work(engine) as session:
        regions = session.scalars(visible_regions(actor).where(Region.id.in_(select(EvaluationCycle.region_id)))
                                  .order_by(Region.name))
        return [{"code": region.code, "name": region.name} for region in regions]


def cycle_years(engine: Engine, actor, region_code: str | None = None) -> tuple[list[int], int]:
    """The region's cycle years, newest first, and the one to show first (the open cycle, else
    the latest)."""
    require_active_actor(engine, actor)
    require_role(actor, REGION_READERS, NOT_A_READER)
    with unit_of_work(engine) as session:
        region = named_or_own_region(session, actor, region_code)
        return lookups.cycle_years(session, region.id), lookups.current_cycle(session, region).year
