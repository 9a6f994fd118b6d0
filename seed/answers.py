"""How the demo's regions answer: each cycle planned question by question (a quality that grows
year by year, varied per region by its story), answered in each question's own type, reviewed and,
in closed cycles, verified; calibrated so that the verified total comes near the story's.
Deterministic: every value follows from the story, the question code and the year."""
from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta

import numpy as np
import pandas as pd
from sqlalchemy import select, update

from data.models import (
    CITY_UNIT_KIND,
    Answer,
    CatalogVersion,
    EvaluationCycle,
    Question,
    Region,
    ReportingUnit,
    ReviewEvent,
    User,
)
from data.services.kelana.derived_answers import recompute
from indicators.answers import AnswerValue, plausibility_problem
from indicators.catalog import Catalog
from indicators.catalog import Question as CatalogQuestion
from indicators.derivation import is_derived, unit_kind
from indicators.scoring import answer_shares
from indicators.unit_names import focal_username
from seed import kupang

UNIT_RETURN_REASON = "Lampirkan SK atau daftar hadir kegiatan tahun ini sebagai bukti."
RETURN_REASONS = [
    "Bukti dukung belum dilampirkan; mohon unggah dokumen yang ditandatangani.",
    "SK yang dilampirkan sudah kedaluwarsa; mohon lampirkan SK tahun berjalan.",
]
PERCENTAGE_RETURN_REASON = "Angka penyebut tidak sesuai data Disdukcapil; mohon periksa kembali."
LOWERED_REASON = "Bukti dukung hanya mencakup sebagian kecamatan; poin disesuaikan oleh Gugus Tugas."
ANSWER_FIELDS = ("bool_value", "choice_code", "numerator", "denominator", "count_value")


OPEN_CYCLE_ENTRY_DAYS = timedelta(days=280)
"""How long before the demo's day an open cycle's first answers were typed."""


def _day(value: date | timedelta, today: date) -> date:
    return today + value if isinstance(value, timedelta) else value


def add_cycles(session, region: Region, version: CatalogVersion, catalog: Catalog, specs: list[dict],
               offsets: dict[int, float], units: dict[str, ReportingUnit], users: dict[str, User], chair: User,
               today: date, story: str = "kupang") -> dict[int, EvaluationCycle]:
    """The region's cycles as `specs` tell them (year, status, published, deadline, target_total),
    answered, reviewed and (closed ones) verified; `offsets` holds known calibrations per year,
    `story` varies the answers from one region to another. A deadline given as a timedelta counts
    from `today`, the day the demo is loaded, and so does an open cycle's entry. Returns the cycles by year."""
    question_ids = dict(session.execute(
        select(Question.code, Question.id).where(Question.catalog_version_id == version.id)).all())
    cycles = {}
    previous_plan = None
    for spec in specs:
        cycle = EvaluationCycle(
            region_id=region.id, year=spec["year"], catalog_version_id=version.id, status=spec["status"],
            deadline=_day(spec["deadline"], today), published=spec["published"],
            published_at=datetime(spec["year"], 7, 23, 10, tzinfo=UTC) if spec["published"] else None,
            closed_at=datetime(spec["year"], 6, 30, 16, tzinfo=UTC) if spec["status"] == "closed" else None,
        )
        session.add(cycle)
        session.flush()
        offset = offsets.get(spec["year"])
        if offset is None:
            offset = calibrated_offset(catalog, spec["year"], spec["target_total"], story)
        plan = plan_cycle(catalog, spec["year"], offset, story)
        _add_answers(session, region, cycle, spec, plan, catalog, question_ids, units, users, chair, today,
                     previous_plan)
        previous_plan = plan
        session.flush()
        recompute(session, cycle, include_closed=True)
        _set_unit_verified_points(session, cycle)
        cycles[spec["year"]] = cycle
    return cycles


def _denominator(q: CatalogQuestion, year: int) -> int:
    """The base of a percentage question in `year`, of Kupang's size (kupang.PERCENTAGE_BASES)."""
    prompt = q.prompt.id.lower()
    if q.answered_by == "every_kecamatan" or "kecamatan" in prompt:
        return len(kupang.KECAMATAN)
    if q.answered_by == "every_desa_kelurahan" or "kelurahan" in prompt:
        return 51
    base = kupang.PERCENTAGE_BASES.get(q.code, 100)
    return max(round(base * (1 + kupang.BASE_GROWTH) ** (year - 2022)), base)


def answer_values(q: CatalogQuestion, quality: float, year: int) -> dict:
    """Answer fields of a question whose fulfilment is `quality` (0..1) in `year`, in its own answer type."""
    rule = q.answer
    if rule.type == "yes_no":
        return {"bool_value": quality >= 0.5}
    if rule.type == "graded":  # the nearest level, as a yes/no answer rounds the quality to Ya or Tidak
        return {"choice_code": min(rule.options, key=lambda o: (abs(o.share - quality), -o.share)).code}
    if rule.has_options:
        reachable = [o for o in sorted(rule.options, key=lambda o: o.share) if o.share <= quality + 1e-9]
        return {"choice_code": (reachable[-1] if reachable else min(rule.options, key=lambda o: o.share)).code}
    if rule.type == "count" or rule.rule == "bands":
        reached = [b for b in rule.bands if b.share <= quality + 1e-9]
        value = reached[-1].min if reached else max(rule.bands[0].min - 1, 0)
        if rule.type == "count":
            return {"count_value": float(value)}
        denominator = _denominator(q, year)
        return {"numerator": float(min(denominator, np.ceil(value * denominator / 100))),
                "denominator": float(denominator)}
    if rule.rule == "inverse":
        percent = rule.worst - quality * (rule.worst - rule.best)
    else:
        percent = quality * rule.target
    denominator = _denominator(q, year)
    return {"numerator": float(min(denominator, round(percent * denominator / 100))), "denominator": float(denominator)}


def plan_cycle(catalog: Catalog, year: int, offset: float, story: str = "kupang") -> pd.DataFrame:
    rows = []
    for q in catalog.questions:
        rng = random.Random(f"{story}-{q.code}")
        base, growth, skip, lower = rng.random(), rng.uniform(0.02, 0.12), rng.random(), rng.random()
        quality = min(max(base + growth * (year - 2022) + offset, 0.0), 1.0)
        rows.append({"catalog_version": catalog.version, "question_code": q.code, "max_points": q.max_points,
                     "answered": skip >= 0.04, "lowered": lower < 0.08,
                     **answer_values(q, quality, year)})
    plan = pd.DataFrame(rows)
    plan["self_points"] = (answer_shares(plan, [catalog]).fillna(0) * plan["max_points"]).round(4)
    plan["verified_points"] = np.where(plan["lowered"], (plan["self_points"] / 2 * 4).round() / 4, plan["self_points"])
    return plan


def calibrated_offset(catalog: Catalog, year: int, target_total: float, story: str = "kupang") -> float:
    """The plan offset whose verified total comes closest to the story's total for that year."""
    low, high = -1.0, 1.0
    for _ in range(22):
        middle = (low + high) / 2
        plan = plan_cycle(catalog, year, middle, story)
        total = plan.loc[plan["answered"], "verified_points"].sum()
        low, high = (middle, high) if total < target_total else (low, middle)
    return (low + high) / 2


CHANGE_NOTE = ("Perubahan besar dari siklus lalu: pendataan tahun ini mencakup semua kecamatan dan program "
               "diperluas (catatan demo).")


def _note(q: CatalogQuestion, row, unit, year: int, previous_plan: pd.DataFrame | None) -> str | None:
    """What the unit writes beside its answer: the source of a percentage, and, as the app asks
    before submitting, why it moved further from last cycle's than is plausible."""
    note = f"Data {unit.name} per Desember {year - 1}." if q.answer.type == "percentage" else None
    if previous_plan is None:
        return note
    before = previous_plan[previous_plan["question_code"] == q.code].iloc[0]
    if not before["answered"]:
        return note
    fields = {field: _value(getattr(row, field, None)) for field in ANSWER_FIELDS}
    earlier = {field: _value(before.get(field)) for field in ANSWER_FIELDS}
    if plausibility_problem(q, AnswerValue(**fields), AnswerValue(**earlier)):
        return f"{note} {CHANGE_NOTE}" if note else CHANGE_NOTE
    return note


def _add_answers(session, region, cycle, spec, plan, catalog, question_ids, units, users, chair, today: date,
                 previous_plan: pd.DataFrame | None = None) -> None:
    started = (datetime(spec["year"], 3, 2, 8, tzinfo=UTC) if spec["status"] == "closed"
               else datetime.combine(today - OPEN_CYCLE_ENTRY_DAYS, time(8), tzinfo=UTC))
    for position, row in enumerate(plan.itertuples()):
        if not row.answered:
            continue
        q = catalog.question(row.question_code)
        if is_derived(q):
            _add_unit_answers(session, region, cycle, spec, q, question_ids[q.code],
                              (row.numerator or 0) / (row.denominator or 1), units, users, chair,
                              started + timedelta(minutes=17 * position))
            continue
        status = "verified"
        if spec["status"] == "open":
            pick = random.Random(f"kupang-open-{q.code}").random()
            if pick >= kupang.OPEN_CYCLE_ANSWERED_SHARE:
                continue
            share = pick / kupang.OPEN_CYCLE_ANSWERED_SHARE
            status = ("draft" if share < 0.35 else "submitted" if share < 0.7
                      else "returned" if share < 0.8 else "verified")
        unit = units[q.lead_source]
        author = users.get(f"opd.{unit.short_name}")
        when = started + timedelta(minutes=17 * position)
        answer = Answer(
            region_id=region.id, cycle_id=cycle.id, question_id=question_ids[q.code], reporting_unit_id=unit.id,
            **{field: _value(getattr(row, field, None)) for field in ANSWER_FIELDS},
            note=_note(q, row, unit, spec["year"], previous_plan),
            status=status, self_points=float(row.self_points),
            updated_by_id=author.id if author else None, updated_at=when,
            submitted_at=when if status != "draft" else None,
        )
        if status == "returned":
            answer.return_reason = (PERCENTAGE_RETURN_REASON if q.answer.type == "percentage"
                                    else RETURN_REASONS[position % len(RETURN_REASONS)])
        if status == "verified":
            answer.verified_points = float(row.verified_points)
            answer.verified_reason = LOWERED_REASON if row.verified_points < row.self_points else None
            answer.verified_by_id, answer.verified_at = chair.id, when + timedelta(days=20)
        session.add(answer)
        if status in ("verified", "returned"):
            session.flush()
            session.add(ReviewEvent(
                answer_id=answer.id, actor_id=chair.id, action="verify" if status == "verified" else "return",
                from_status="submitted", to_status=status,
                points=answer.verified_points, reason=answer.verified_reason or answer.return_reason,
                created_at=when + timedelta(days=20)))


def _add_unit_answers(session, region, cycle, spec, q: CatalogQuestion, question_id: int, yes_share: float,
                      units, users, chair, when: datetime) -> None:
    """Each kecamatan or kelurahan answers its own part of a Kelana Dekela question: `yes_share`
    of them yes (the plan's percentage), the rest no; in the open cycle some have not answered yet
    and the others are at every stage of review. The city's answer is derived afterwards."""
    kind = unit_kind(q)
    answering = [u for u in units.values() if u.kind == kind]
    rng = random.Random(f"kupang-units-{q.code}-{spec['year']}")
    yes = set(u.short_name for u in rng.sample(answering, round(yes_share * len(answering))))
    for offset, unit in enumerate(answering):
        status = "verified"
        if spec["status"] == "open":
            pick = rng.random()
            if pick < 0.25:
                continue
            status = ("draft" if pick < 0.45 else "submitted" if pick < 0.7
                      else "returned" if pick < 0.78 else "verified")
        author = users.get(focal_username(unit))
        at = when + timedelta(minutes=offset)
        answer = Answer(region_id=region.id, cycle_id=cycle.id, question_id=question_id, reporting_unit_id=unit.id,
                        bool_value=unit.short_name in yes, status=status, self_points=0.0,
                        updated_by_id=author.id if author else None, updated_at=at,
                        submitted_at=at if status != "draft" else None)
        if status == "returned":
            answer.return_reason = UNIT_RETURN_REASON
        if status == "verified":
            answer.verified_points = 1.0 if answer.bool_value else 0.0
            answer.verified_by_id, answer.verified_at = chair.id, at + timedelta(days=20)
        session.add(answer)


def _set_unit_verified_points(session, cycle) -> None:
    """A verified unit answer keeps the points its yes adds to the city (as a reviewer's verify does)."""
    session.execute(
        update(Answer).where(Answer.cycle_id == cycle.id, Answer.status == "verified",
                             Answer.reporting_unit_id.in_(select(ReportingUnit.id).where(
                                 ReportingUnit.kind != CITY_UNIT_KIND)))
        .values(verified_points=Answer.self_points).execution_options(synchronize_session=False))


def _value(value):
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    return value
