"""Kelana Dekela: where each kecamatan and kelurahan stands, for the task force (the public view,
kept as published, is public_kelana.py).

The city's answer of a question asked of every kecamatan or every desa/kelurahan follows from the
units' yes/no answers (indicators.derivation, data.services.kelana.derived_answers). Here that
derivation is taken apart again: per question (yes of answered of units, the city's value and
points), per unit (what it answered and what its yes is worth to the city now, or would be),
per kecamatan (itself plus its kelurahan), and who still owes answers.

A unit's worth to the city follows derivation.unit_points: a unit that says yes earns what its
yes adds given the others' yes count; a unit that does not (no answer, "no") holds back what its
yes would add. Two readings as everywhere: self (every yes) and verified (only yes answers the
task force verified with points above 0). Only active units count, as in the derivation; a
deactivated unit with answers in the cycle is listed, marked nonaktif, earning nothing.

For a closed cycle the city's answer shown is the stored one (what was scored and published);
the breakdown per unit is read from the units' answers as they are now.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from data.access import REGION_READERS, UNIT_ROLES, named_or_own_region, require_current_account, require_role
from data.db import unit_of_work
from data.errors import InvalidInput
from data.lookups import cycle_catalog, cycle_or_current, cycle_years
from data.models import CITY_UNIT_KIND, Answer, EvaluationCycle, Question, ReportingUnit, User
from data.services.kelana.derived_answers import FROZEN_CYCLE_STATUSES, DerivedQuestion, derived_questions
from data.services.scoring.scores import score_cycles
from indicators.answers import AnswerValue, display_value
from indicators.derivation import city_points_many, derivation_text, unit_prompt_text
from indicators.workflow import DRAFT, NOT_STARTED, RETURNED, SUBMITTED, VERIFIED

UNIT_KINDS = ("kecamatan", "kelurahan")
GROUP_CODE = "KELANA_DEKELA"
NO_KECAMATAN = "(tanpa kecamatan)"

UNIT_STATUS_TEXT = {
    "inactive": "Nonaktif",
    "not_started": "Belum menjawab",
    "returned": "Ada jawaban dikembalikan",
    "partial": "Sebagian dijawab",
    "draft": "Dijawab, belum dikirim",
    "submitted": "Semua terkirim",
    "verified": "Semua terverifikasi",
}
"""A unit's state in the cycle, in the order a secretariat would act on it."""

RULE_TEXT = {
    "share_yes": {
        "id": "pembilang = {units} yang menjawab Ya; penyebut = semua {units} aktif",
        "en": "numerator = {units_en} answering yes; denominator = all active {units_en}",
    },
}
KIND_NAMES = {"kecamatan": ("kecamatan", "kecamatan"), "kelurahan": ("desa/kelurahan", "villages/wards")}

QUESTION_COLUMNS = ["question_code", "indicator_code", "kind", "prompt_id", "prompt_en", "unit_prompt_id",
                    "unit_prompt_en", "rule", "rule_id", "rule_en", "units", "answered", "yes", "verified_yes",
                    "submitted", "verified", "missing", "numerator", "denominator", "value_id", "value_en",
                    "derivation_id", "derivation_en", "status", "self_points", "verified_points", "max_points",
                    "holder", "stored"]
UNIT_COLUMNS = ["unit_id", "short_name", "name", "kind", "kecamatan_id", "kecamatan", "active", "asked",
                "answered", "draft", "submitted", "returned", "verified", "yes", "verified_yes", "self_points",
                "verified_points", "held_back_self", "held_back_verified", "status", "status_text",
                "focal_points"]
KECAMATAN_COLUMNS = ["kecamatan_id", "kecamatan", "kelurahan", "asked", "answered", "answered_share", "verified",
                     "verified_share", "self_points", "verified_points", "held_back_self", "held_back_verified"]
CHASE_COLUMNS = ["unit_id", "short_name", "name", "kind", "kecamatan", "focal_points", "outstanding", "asked",
                 "not_answered_codes", "draft_codes", "returned_codes"]


@dataclass(frozen=True)
class KelanaBreakdown:
    region_code: str
    region_name: str
    cycle_year: int
    cycle_status: str
    published: bool
    years: list[int]
    stored: bool               # closed cycle: the city's answers shown are the stored (scored, published) ones
    group_max: float           # Kelana Dekela in the catalog (100 in the 2024 instrument)
    group_self: float          # its points in the self-assessed reading (city answers, as scored)
    group_verified: float
    derived_max: float         # the part of it that the kecamatan and kelurahan answers decide
    questions: pd.DataFrame    # QUESTION_COLUMNS, catalog order
    units: pd.DataFrame        # UNIT_COLUMNS, kecamatan first, by kecamatan then name
    kecamatan: pd.DataFrame    # KECAMATAN_COLUMNS, the one holding the city back most first
    not_answered: pd.DataFrame  # CHASE_COLUMNS, most outstanding first


class CityPoints:
    """The city's points of each derived question for the few yes counts this breakdown needs,
    computed in one vectorised scoring pass (one call per count would cost a pass each)."""

    def __init__(self, items: list[DerivedQuestion]):
        keys, wanted = [], []
        for item in items:
            d = item.derived
            for k in sorted({k for base in (d.yes, d.verified_yes) for k in (base - 1, base, base + 1)
                             if 0 <= k <= d.unit_count}):
                keys.append((item.question.code, k))
                wanted.append((item.question, k, d.unit_count))
        self._points = dict(zip(keys, city_points_many(wanted)))

    def at(self, code: str, yes: int) -> float:
        return self._points.get((code, yes), 0.0)

    def worth(self, code: str, yes_of_others: int) -> float:
        """What one unit's yes adds (derivation.unit_points), given the others' yes count."""
        others = max(yes_of_others, 0)
        return self.at(code, others + 1) - self.at(code, others)


def _rule_texts(rule: str | None, kind: str) -> tuple[str, str]:
    texts = RULE_TEXT.get(rule or "")
    if texts is None:
        return rule or "", rule or ""
    name_id, name_en = KIND_NAMES.get(kind, (kind, kind))
    return texts["id"].format(units=name_id), texts["en"].format(units_en=name_en)


def region_units(session: Session, region_id: int) -> list[ReportingUnit]:
    return list(session.scalars(select(ReportingUnit).where(
        ReportingUnit.region_id == region_id, ReportingUnit.kind.in_(UNIT_KINDS)).order_by(ReportingUnit.name)))


def unit_answers(session: Session, cycle: EvaluationCycle, codes: list[str]) -> pd.DataFrame:
    """The kecamatan and kelurahan answers of the cycle to the derived questions (one query)."""
    rows = session.execute(
        select(Answer.reporting_unit_id.label("unit_id"), Question.code.label("question_code"), Answer.bool_value,
               Answer.status, Answer.verified_points)
        .join(Question, Answer.question_id == Question.id)
        .join(ReportingUnit, Answer.reporting_unit_id == ReportingUnit.id)
        .where(Answer.cycle_id == cycle.id, Question.code.in_(codes), ReportingUnit.kind.in_(UNIT_KINDS))
    ).mappings().all()
    return pd.DataFrame(rows, columns=["unit_id", "question_code", "bool_value", "status", "verified_points"])


def _stored_city_answers(session: Session, cycle: EvaluationCycle, codes: list[str]) -> dict[str, dict]:
    """The city's stored answer of each derived question (the holder OPD's; several OPDs: the best
    verified one, as the scores take it)."""
    rows = session.execute(
        select(Question.code, ReportingUnit.short_name, Answer.numerator, Answer.denominator, Answer.status,
               Answer.self_points, Answer.verified_points)
        .join(Question, Answer.question_id == Question.id)
        .join(ReportingUnit, Answer.reporting_unit_id == ReportingUnit.id)
        .where(Answer.cycle_id == cycle.id, Question.code.in_(codes), ReportingUnit.kind == CITY_UNIT_KIND)
        .order_by(Answer.verified_points.desc(), Answer.id)).all()
    stored: dict[str, dict] = {}
    for code, holder, numerator, denominator, status, self_points, verified_points in rows:
        stored.setdefault(code, {"holder": holder, "numerator": numerator, "denominator": denominator,
                                 "status": status, "self_points": self_points or 0.0,
                                 "verified_points": (verified_points or 0.0) if status == VERIFIED else 0.0})
    return stored


def _focal_points(session: Session, region_id: int) -> dict[int, str]:
    """'Name (username)' of the active accounts answering for each kecamatan and kelurahan."""
    listed: dict[int, list[str]] = {}
    for unit_id, name, username in session.execute(
            select(User.reporting_unit_id, User.display_name, User.username)
            .where(User.region_id == region_id, User.active.is_(True),
                   User.role.in_([r for r, kind in UNIT_ROLES.items() if kind in UNIT_KINDS]),
                   User.reporting_unit_id.is_not(None))
            .order_by(User.display_name)):
        assert unit_id is not None  # the query takes accounts of a unit only
        listed.setdefault(unit_id, []).append(f"{name} ({username})")
    return {unit_id: ", ".join(names) for unit_id, names in listed.items()}


def _question_rows(items: list[DerivedQuestion], stored: dict[str, dict] | None, points: CityPoints) -> pd.DataFrame:
    rows = []
    for item in items:
        q, d = item.question, item.derived
        rule_id, rule_en = _rule_texts(q.derivation, item.kind)
        unit_prompt = unit_prompt_text(q)
        if stored is None:  # derivation.derived_points, from the table
            self_points, verified_points = ((points.at(q.code, d.yes), points.at(q.code, d.verified_yes))
                                            if d.has_value else (0.0, 0.0))
            value = d.value
            numerator, denominator, status, holder = value.numerator, value.denominator, d.status, item.holder
        else:
            answer = stored.get(q.code)
            numerator = answer["numerator"] if answer else None
            denominator = answer["denominator"] if answer else None
            value = AnswerValue(numerator=numerator, denominator=denominator)
            self_points = float(answer["self_points"]) if answer else 0.0
            verified_points = float(answer["verified_points"]) if answer else 0.0
            status = answer["status"] if answer else NOT_STARTED
            holder = answer["holder"] if answer else item.holder
        rows.append({
            "question_code": q.code, "indicator_code": q.indicator_code, "kind": item.kind,
            "prompt_id": q.prompt.id, "prompt_en": q.prompt.get("en"),
            "unit_prompt_id": unit_prompt.id, "unit_prompt_en": unit_prompt.get("en"),
            "rule": q.derivation, "rule_id": rule_id, "rule_en": rule_en,
            "units": d.unit_count, "answered": d.answered, "yes": d.yes, "verified_yes": d.verified_yes,
            "submitted": d.submitted, "verified": d.verified, "missing": d.unit_count - d.answered,
            "numerator": numerator, "denominator": denominator,
            "value_id": display_value(q, value, "id"), "value_en": display_value(q, value, "en"),
            "derivation_id": derivation_text(d, item.kind, "id"), "derivation_en": derivation_text(d, item.kind, "en"),
            "status": status, "self_points": float(self_points), "verified_points": float(verified_points),
            "max_points": float(q.max_points), "holder": holder, "stored": stored is not None,
        })
    return pd.DataFrame(rows, columns=QUESTION_COLUMNS)


def _unit_status(active: bool, asked: int, answered: int, submitted: int, returned: int, verified: int) -> str:
    if not active:
        return "inactive"
    if answered == 0:
        return "not_started"
    if returned:
        return "returned"
    if answered < asked:
        return "partial"
    if verified == asked:
        return "verified"
    if submitted == asked:
        return "submitted"
    return "draft"


def unit_rows(units: list[ReportingUnit], items: list[DerivedQuestion], answers: pd.DataFrame,
               contacts: dict[int, str], city: CityPoints) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One row per unit that is active or has answers in the cycle, and the list of who owes what."""
    by_kind: dict[str, list[DerivedQuestion]] = {}
    for item in items:
        by_kind.setdefault(item.kind, []).append(item)
    given: dict[tuple[int, str], tuple] = {
        (row.unit_id, row.question_code): (row.bool_value, row.status, row.verified_points)
        for row in answers.itertuples()}
    with_answers = set(answers["unit_id"])
    names = {u.id: u.name for u in units}
    rows, chase = [], []
    for unit in units:
        if not unit.active and unit.id not in with_answers:
            continue
        asked = by_kind.get(unit.kind, [])
        counts = dict.fromkeys(("answered", "draft", "submitted", "returned", "verified", "yes", "verified_yes"), 0)
        points = dict.fromkeys(("self_points", "verified_points", "held_back_self", "held_back_verified"), 0.0)
        owed: dict[str, list[str]] = {"not_answered": [], "draft": [], "returned": []}
        for item in asked:
            value, status, verified_points = given.get((unit.id, item.question.code), (None, None, None))
            answered = value is not None and not pd.isna(value)
            is_yes = answered and bool(value)
            is_verified_yes = is_yes and status == VERIFIED and (verified_points or 0) > 0
            if status == RETURNED:
                owed["returned"].append(item.question.code)
            elif not answered:
                owed["not_answered"].append(item.question.code)
            elif status == DRAFT:
                owed["draft"].append(item.question.code)
            if answered:
                counts["answered"] += 1
                counts["draft"] += status == DRAFT
                counts["returned"] += status == RETURNED
                counts["submitted"] += status in (SUBMITTED, VERIFIED)
                counts["verified"] += status == VERIFIED
                counts["yes"] += is_yes
                counts["verified_yes"] += is_verified_yes
            if not unit.active:
                continue
            d, code = item.derived, item.question.code
            if is_yes:
                points["self_points"] += city.worth(code, d.yes - 1)
            else:
                points["held_back_self"] += city.worth(code, d.yes)
            if is_verified_yes:
                points["verified_points"] += city.worth(code, d.verified_yes - 1)
            else:
                points["held_back_verified"] += city.worth(code, d.verified_yes)
        kecamatan_id = unit.id if unit.kind == "kecamatan" else unit.parent_id
        kecamatan = names.get(kecamatan_id, NO_KECAMATAN) if kecamatan_id else NO_KECAMATAN
        status = _unit_status(unit.active, len(asked), counts["answered"], counts["submitted"], counts["returned"],
                              counts["verified"])
        rows.append({"unit_id": unit.id, "short_name": unit.short_name, "name": unit.name, "kind": unit.kind,
                     "kecamatan_id": kecamatan_id or 0, "kecamatan": kecamatan, "active": bool(unit.active),
                     "asked": len(asked), **counts, **points, "status": status,
                     "status_text": UNIT_STATUS_TEXT[status], "focal_points": contacts.get(unit.id, "")})
        outstanding = sum(len(codes) for codes in owed.values())
        if unit.active and outstanding:
            chase.append({"unit_id": unit.id, "short_name": unit.short_name, "name": unit.name, "kind": unit.kind,
                          "kecamatan": kecamatan, "focal_points": contacts.get(unit.id, ""),
                          "outstanding": outstanding, "asked": len(asked),
                          "not_answered_codes": owed["not_answered"], "draft_codes": owed["draft"],
                          "returned_codes": owed["returned"]})
    unit_frame = pd.DataFrame(rows, columns=UNIT_COLUMNS).astype({"active": bool})  # a mask even when empty
    unit_frame = unit_frame.assign(kind_order=unit_frame["kind"].map({"kecamatan": 0, "kelurahan": 1})).sort_values(
        ["kecamatan", "kind_order", "name"], ignore_index=True).drop(columns="kind_order")
    chase_frame = pd.DataFrame(chase, columns=CHASE_COLUMNS).sort_values(
        ["outstanding", "kecamatan", "name"], ascending=[False, True, True], ignore_index=True)
    return unit_frame, chase_frame


def _kecamatan_rows(units: pd.DataFrame) -> pd.DataFrame:
    """Per kecamatan: itself plus its kelurahan; the one holding the city back most first
    (verified reading, then self)."""
    if units.empty:
        return pd.DataFrame(columns=KECAMATAN_COLUMNS)
    active = units[units["active"]]
    sums = active.groupby(["kecamatan_id", "kecamatan"], as_index=False).agg(
        asked=("asked", "sum"), answered=("answered", "sum"), verified=("verified", "sum"),
        self_points=("self_points", "sum"), verified_points=("verified_points", "sum"),
        held_back_self=("held_back_self", "sum"), held_back_verified=("held_back_verified", "sum"))
    kelurahan = active[active["kind"] == "kelurahan"].groupby("kecamatan_id").size()
    sums["kelurahan"] = sums["kecamatan_id"].map(kelurahan).fillna(0).astype(int)
    asked = sums["asked"].where(sums["asked"] > 0)
    sums["answered_share"] = (sums["answered"] / asked).fillna(0.0)
    sums["verified_share"] = (sums["verified"] / asked).fillna(0.0)
    sums = sums.sort_values(["held_back_verified", "held_back_self", "kecamatan"], ascending=[False, False, True],
                            ignore_index=True)
    return sums[KECAMATAN_COLUMNS]


def group_points_of(session: Session, cycle: EvaluationCycle, basis: str) -> tuple[float, float]:
    tables, _ = score_cycles(session, [cycle], basis)
    group = tables.groups[tables.groups["group_code"] == GROUP_CODE]
    if group.empty:
        return 0.0, 0.0
    return float(group["points"].iloc[0]), float(group["max_points"].iloc[0])


def cycle_year_given(year) -> int | None:
    """A cycle year as given by a page or the command line, or a clear refusal."""
    if year is None:
        return None
    try:
        value = int(str(year).strip())
    except ValueError:
        raise InvalidInput([f"Tahun siklus '{year}' tidak dikenali; tulis tahunnya dengan angka, mis. 2024."]) from None
    return value


def kelana_breakdown(engine: Engine, actor, year: int | None = None, region_code: str | None = None) -> KelanaBreakdown:
    """Where each kecamatan and kelurahan of the actor's region (an admin names the region) stands
    in a cycle (the open one, else the latest, unless `year` is named)."""
    require_role(actor, REGION_READERS,
                 "Hanya Gugus Tugas, sekretariat atau admin yang dapat melihat rincian Kelana Dekela.")
    year = cycle_year_given(year)
    with unit_of_work(engine, read_only=True) as session:
        require_current_account(session, actor)
        region = named_or_own_region(session, actor, region_code)
        cycle = cycle_or_current(session, region, year)
        items = derived_questions(session, cycle)
        codes = [item.question.code for item in items]
        frozen = cycle.status in FROZEN_CYCLE_STATUSES
        city = CityPoints(items)
        questions = _question_rows(items, _stored_city_answers(session, cycle, codes) if frozen else None, city)
        units, chase = unit_rows(region_units(session, region.id), items, unit_answers(session, cycle, codes),
                                  _focal_points(session, region.id), city)
        group_self, group_max = group_points_of(session, cycle, "self")
        group_verified, _ = group_points_of(session, cycle, "verified")
        if not group_max:
            group_max = float(sum(g.max_points for g in cycle_catalog(session, cycle).groups if g.code == GROUP_CODE))
        return KelanaBreakdown(
            region_code=region.code, region_name=region.name, cycle_year=cycle.year, cycle_status=cycle.status,
            published=bool(cycle.published), years=cycle_years(session, region.id), stored=frozen, group_max=group_max,
            group_self=group_self, group_verified=group_verified,
            derived_max=float(questions["max_points"].sum()) if len(questions) else 0.0,
            questions=questions, units=units, kecamatan=_kecamatan_rows(units), not_answered=chase)


# --- the public side: published cycles, verified figures only ---------------------------------------
