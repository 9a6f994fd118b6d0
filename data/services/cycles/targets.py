"""Targets of a cycle: what the region aims at per indicator (points) or per question (points, or
the value itself: a percentage or a count). The secretariat (or admin) sets them; the review cards,
the scores page and the action plans show them beside what was reached."""
from __future__ import annotations

import math

import pandas as pd
from sqlalchemy import Engine, select

from data import audit
from data.access import CYCLE_OPENERS, REGION_READERS, named_or_own_region, require_current_account, require_role
from data.actor import SignedInUser
from data.db import bump_data_version, unit_of_work
from data.errors import InvalidInput
from data.lookups import cycle_catalog, find_cycle
from data.models import Question, Target
from indicators.answers import MAX_NUMBER
from indicators.text import number, parse_decimal

NOT_A_TARGET_SETTER = "Hanya sekretariat KLA atau admin yang dapat menetapkan target."
MAX_NOTE = 500
TARGET_COLUMNS = ["indicator_code", "question_code", "target_points", "target_value", "note", "max_points"]


def _number(raw, what: str, problems: list[str]) -> float | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    try:
        value = parse_decimal(raw) if isinstance(raw, str) else float(raw)
    except ValueError:
        problems.append(f"{what} '{str(raw)[:20]}' bukan angka; tulis mis. 12,5.")
        return None
    if not math.isfinite(value) or value < 0:
        problems.append(f"{what} harus angka 0 atau lebih.")
        return None
    return value


def set_target(engine: Engine, actor: SignedInUser, region_code: str | None, year: int, *,
               indicator_code: str | None = None, question_code: str | None = None,
               target_points=None, target_value=None, note: str | None = None) -> dict:
    """Set (or replace) the target of one indicator or one question of the cycle."""
    require_role(actor, CYCLE_OPENERS, NOT_A_TARGET_SETTER)
    indicator_code = (indicator_code or "").strip() or None
    question_code = (question_code or "").strip() or None
    note = (note or "").strip() or None
    with unit_of_work(engine) as session:
        require_current_account(session, actor)
        region = named_or_own_region(session, actor, region_code)
        cycle = find_cycle(session, region, int(year))
        catalog = cycle_catalog(session, cycle)
        problems: list[str] = []
        if (indicator_code is None) == (question_code is None):
            raise InvalidInput(["Pilih satu indikator atau satu pertanyaan untuk targetnya."])
        question = indicator = None
        if question_code is not None:
            question = next((q for q in catalog.questions if q.code == question_code), None)
            if question is None:
                raise InvalidInput([f"Pertanyaan '{question_code[:20]}' tidak ada dalam instrumen {catalog.version}."])
            maximum = float(question.max_points)
        else:
            indicator = next((i for i in catalog.indicators if i.code == indicator_code), None)
            if indicator is None:
                raise InvalidInput([f"Indikator '{(indicator_code or '')[:20]}' tidak ada dalam instrumen "
                                    f"{catalog.version}."])
            maximum = float(indicator.max_points)
        points = _number(target_points, "Target poin", problems)
        value = _number(target_value, "Target nilai", problems)
        if points is not None and points > maximum + 1e-9:
            problems.append(f"Target poin {number(points)} melebihi nilai maksimum {number(maximum)}.")
        if value is not None:
            kind = question.answer.type if question else None
            if kind not in ("percentage", "count"):
                problems.append("Target nilai hanya untuk pertanyaan persentase atau jumlah; pakai target poin.")
            elif kind == "percentage" and value > 100:
                problems.append("Target persentase paling besar 100.")
            elif value > MAX_NUMBER:
                problems.append(f"Target nilai terlalu besar (paling besar {number(MAX_NUMBER)}).")
        if points is None and value is None and not problems:
            problems.append("Isi target poin atau target nilai.")
        if note and len(note) > MAX_NOTE:
            problems.append(f"Catatan target terlalu panjang ({len(note)} karakter); maksimal {MAX_NOTE}.")
        if problems:
            raise InvalidInput(problems)
        question_id = None if question is None else session.scalar(select(Question.id).where(
            Question.catalog_version_id == cycle.catalog_version_id, Question.code == question.code))
        existing = session.scalar(select(Target).where(
            Target.cycle_id == cycle.id,
            Target.question_id == question_id if question_id is not None else Target.indicator_code == indicator_code))
        old = None if existing is None else {"points": existing.target_points, "value": existing.target_value,
                                             "note": existing.note}
        target = existing or Target(region_id=region.id, cycle_id=cycle.id,
                                    indicator_code=None if question else indicator_code, question_id=question_id)
        target.target_points, target.target_value, target.note = points, value, note
        session.add(target)
        session.flush()
        what = {"region": region.code, "cycle": cycle.year, "indicator": indicator_code, "question": question_code}
        audit.record(session, actor.id, "target.set", "target", target.id, region.id,
                     {**what, "old": old, "new": {"points": points, "value": value, "note": note}})
        bump_data_version(session, region.id)
        return {**what, "target_points": points, "target_value": value, "note": note, "max_points": maximum}


def remove_target(engine: Engine, actor: SignedInUser, region_code: str | None, year: int, *,
                  indicator_code: str | None = None, question_code: str | None = None) -> bool:
    """Remove the target of an indicator or a question; False when there was none."""
    require_role(actor, CYCLE_OPENERS, NOT_A_TARGET_SETTER)
    with unit_of_work(engine) as session:
        require_current_account(session, actor)
        region = named_or_own_region(session, actor, region_code)
        cycle = find_cycle(session, region, int(year))
        query = select(Target).where(Target.cycle_id == cycle.id)
        if question_code:
            query = query.join(Question, Target.question_id == Question.id).where(
                Question.code == question_code.strip())
        else:
            query = query.where(Target.indicator_code == (indicator_code or "").strip(), Target.question_id.is_(None))
        target = session.scalar(query)
        if target is None:
            return False
        audit.record(session, actor.id, "target.remove", "target", target.id, region.id,
                     {"region": region.code, "cycle": cycle.year, "indicator": target.indicator_code,
                      "question": question_code, "old": {"points": target.target_points,
                                                         "value": target.target_value, "note": target.note}})
        session.delete(target)
        bump_data_version(session, region.id)
        return True


def cycle_targets(engine: Engine, actor: SignedInUser, region_code: str | None, year: int) -> pd.DataFrame:
    """The cycle's targets (TARGET_COLUMNS), indicators first, in the instrument's order."""
    require_role(actor, REGION_READERS, "Target hanya dapat dibuka Gugus Tugas KLA, sekretariat dan admin.")
    with unit_of_work(engine, read_only=True) as session:
        require_current_account(session, actor)
        region = named_or_own_region(session, actor, region_code)
        cycle = find_cycle(session, region, int(year))
        catalog = cycle_catalog(session, cycle)
        order = {i.code: n for n, i in enumerate(catalog.indicators)}
        order.update({q.code: n for n, q in enumerate(catalog.questions)})
        maxima = {i.code: i.max_points for i in catalog.indicators}
        question_maxima = {q.code: q.max_points for q in catalog.questions}
        rows = []
        for target, code in session.execute(select(Target, Question.code).outerjoin(
                Question, Target.question_id == Question.id).where(Target.cycle_id == cycle.id)):
            rows.append({"indicator_code": target.indicator_code, "question_code": code,
                         "target_points": target.target_points, "target_value": target.target_value,
                         "note": target.note,
                         "max_points": float(question_maxima[code] if code
                                             else maxima.get(target.indicator_code or "", 0))})
    frame = pd.DataFrame(rows, columns=TARGET_COLUMNS)
    if frame.empty:
        return frame
    frame["order"] = [(1, order.get(q, 0)) if q else (0, order.get(i, 0))
                      for i, q in zip(frame["indicator_code"], frame["question_code"], strict=True)]
    return frame.sort_values("order").drop(columns="order").reset_index(drop=True)
