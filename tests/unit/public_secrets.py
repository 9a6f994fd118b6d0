"""Distinctive values planted where the public must never look, and the strings that would give
them away. Used by the leak tests of the services (tests/unit) and of the pages (tests/app).

Planted in a copy of the seeded demo:
- the open 2025 cycle: every count and percentage answer verified with unmistakable numbers, and
  notes and reasons carrying a marker;
- the published 2024 cycle: an extra, unverified (submitted) answer with its own numbers;
- case statistics of 2024, which stay private until the 2025 evaluation is published.
"""
from __future__ import annotations

from sqlalchemy import select, update

from data.db import bump_data_version, unit_of_work
from data.models import Answer, CaseStatistic, EvaluationCycle, Question, Region, ReportingUnit

OPEN_COUNT = 987654
OPEN_NUMERATOR, OPEN_DENOMINATOR = 817263, 918273
UNVERIFIED_COUNT = 765432
PRIVATE_CASES = 97531
MARKER = "BOCOR-RAHASIA"


def _spellings(number: int) -> list[str]:
    plain = str(number)
    return [plain, f"{number:,}", f"{number:,}".replace(",", ".")]


def forbidden_strings(private_case_total: int) -> list[str]:
    """What must appear in no public output."""
    numbers = [OPEN_COUNT, OPEN_NUMERATOR, OPEN_DENOMINATOR, UNVERIFIED_COUNT, PRIVATE_CASES, private_case_total]
    return ["2025", MARKER] + [s for n in numbers for s in _spellings(n)]


def plant(engine) -> int:
    """Plant the secrets; returns the (private) 2024 case total, which must not show either."""
    with unit_of_work(engine) as session:
        region = session.scalar(select(Region).where(Region.code == "53.71"))
        region_cycles = select(EvaluationCycle).where(EvaluationCycle.region_id == region.id)
        cycles = {c.year: c for c in session.scalars(region_cycles)}
        assert not cycles[2025].published
        open_answers = session.execute(
            select(Answer, Question).join(Question, Answer.question_id == Question.id)
            .where(Answer.cycle_id == cycles[2025].id)).all()
        for answer, question in open_answers:
            if question.answer_type == "count":
                answer.count_value = float(OPEN_COUNT)
            elif question.answer_type == "percentage":
                answer.numerator, answer.denominator = float(OPEN_NUMERATOR), float(OPEN_DENOMINATOR)
            answer.status = "verified"
            answer.verified_points = question.max_points
            answer.note = f"{MARKER} catatan 2025"
            answer.verified_reason = f"{MARKER} alasan 2025"
        question = session.scalar(select(Question).where(Question.code == "19.4"))
        unit = session.scalar(select(ReportingUnit).where(ReportingUnit.short_name == "forum_anak"))
        session.add(Answer(region_id=region.id, cycle_id=cycles[2024].id, question_id=question.id,
                           reporting_unit_id=unit.id, count_value=float(UNVERIFIED_COUNT), status="submitted",
                           self_points=question.max_points, note=f"{MARKER} belum diverifikasi"))
        session.execute(update(Answer).where(Answer.cycle_id == cycles[2024].id, Answer.status == "verified")
                        .values(note=f"{MARKER} catatan terbit", verified_reason=f"{MARKER} alasan terbit"))
        session.add(CaseStatistic(region_id=region.id, year=2024, violence_type="lainnya", victim_group="anak",
                                  victim_sex="laki_laki", age_group="13-17", cause="lainnya", source="polres",
                                  case_count=PRIVATE_CASES))
        session.flush()
        total = sum(session.scalars(select(CaseStatistic.case_count).where(CaseStatistic.region_id == region.id,
                                                                           CaseStatistic.year == 2024)))
        bump_data_version(session)
        return total


def leaks(text: str, forbidden: list[str]) -> list[str]:
    return [s for s in forbidden if s in text]
