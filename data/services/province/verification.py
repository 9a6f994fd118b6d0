"""The province's administrative verification, the third reading beside self-assessed and verified:
once a kab/kota's task force has closed its cycle, a verifier of its province (or the admin) goes
through the city's verified answers, sets province points where they differ (with a reason, within
the question's maximum), confirms the others, and returns a question to the city with a reason.
The province never changes the city's answer or its verified points. The city's task force reads the
province's reading and reasons. Every change is audited; scores on basis "province" take the
province's points where set (indicators.scoring)."""
from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from data import audit
from data.access import PROVINCE_ROLE, PROVINCE_VERIFIERS, REGION_READERS, require_current_account, require_role
from data.actor import SignedInUser
from data.db import bump_data_version, unit_of_work
from data.errors import InvalidInput, NotFound, PermissionDenied
from data.lookups import cycle_catalog, find_cycle, find_region
from data.models import CITY_UNIT_KIND, Answer, EvaluationCycle, EvidenceFile, Question, Region, ReportingUnit, utc_now
from data.services.scoring.scores import score_cycles
from indicators.answers import answer_value, display_value
from indicators.scoring import ALL_BASES
from indicators.verification import POINTS_TOLERANCE, province_points_problem
from indicators.workflow import CYCLE_CLOSED, VERIFIED, reason_problem

NOT_A_VERIFIER = "Hanya verifikator provinsi (atau admin) yang dapat memverifikasi secara administrasi."
QUEUE_COLUMNS = ["answer_id", "question_code", "prompt_id", "group_code", "unit_short_name", "unit_name", "answer",
                 "evidence_required", "evidence_count", "max_points", "self_points", "verified_points",
                 "verified_reason", "province_points", "province_reason", "province_return_reason", "province_state",
                 "evidence"]
STATES = {"open": "belum diperiksa", "confirmed": "sesuai", "lowered": "diturunkan", "raised": "dinaikkan",
          "returned": "dikembalikan ke kota"}


def _province_region(session: Session, actor: SignedInUser, region_code: str) -> Region:
    region = find_region(session, region_code)
    if actor.role == PROVINCE_ROLE and region.province_code != actor.province_code:
        raise PermissionDenied(f"{region.name} bukan kabupaten/kota provinsi Anda.")
    return region


def _closed_cycle(session: Session, region: Region, year: int) -> EvaluationCycle:
    cycle = find_cycle(session, region, int(year))
    if cycle.status != CYCLE_CLOSED:
        raise InvalidInput([f"Siklus {cycle.year} {region.name} belum ditutup Gugus Tugas kota; verifikasi "
                            "administrasi provinsi dimulai setelah siklus ditutup."])
    return cycle


def province_state(answer: Answer) -> str:
    if answer.province_return_reason:
        return "returned"
    if answer.province_points is None:
        return "open"
    difference = answer.province_points - (answer.verified_points or 0)
    if abs(difference) <= POINTS_TOLERANCE:
        return "confirmed"
    return "lowered" if difference < 0 else "raised"


def _reading(session: Session, cycle: EvaluationCycle) -> pd.DataFrame:
    catalog = cycle_catalog(session, cycle)
    order = {q.code: position for position, q in enumerate(catalog.questions)}
    files: dict[int, list[dict]] = {}
    for file in session.scalars(select(EvidenceFile).join(Answer, EvidenceFile.answer_id == Answer.id)
                                .where(Answer.cycle_id == cycle.id, EvidenceFile.superseded.is_(False))
                                .order_by(EvidenceFile.id)):
        files.setdefault(file.answer_id, []).append({"id": file.id, "filename": file.filename})
    rows = []
    for answer, code, short_name, unit_name in session.execute(
            select(Answer, Question.code, ReportingUnit.short_name, ReportingUnit.name)
            .join(Question, Answer.question_id == Question.id)
            .join(ReportingUnit, Answer.reporting_unit_id == ReportingUnit.id)
            .where(Answer.region_id == cycle.region_id, Answer.cycle_id == cycle.id, Answer.status == VERIFIED,
                   ReportingUnit.kind == CITY_UNIT_KIND)
            .order_by(ReportingUnit.short_name)):
        question = catalog.question(code)
        rows.append({
            "answer_id": answer.id, "question_code": code, "prompt_id": question.prompt.id,
            "group_code": question.group_code, "unit_short_name": short_name, "unit_name": unit_name,
            "answer": display_value(question, answer_value(answer)), "evidence_required": question.evidence_required,
            "evidence_count": len(files.get(answer.id, [])), "max_points": float(question.max_points),
            "self_points": answer.self_points, "verified_points": answer.verified_points,
            "verified_reason": answer.verified_reason or "", "province_points": answer.province_points,
            "province_reason": answer.province_reason or "",
            "province_return_reason": answer.province_return_reason or "",
            "province_state": province_state(answer), "evidence": files.get(answer.id, [])})
    frame = pd.DataFrame(rows, columns=QUEUE_COLUMNS)
    return frame.sort_values("question_code", key=lambda codes: codes.map(order), kind="stable", ignore_index=True)


def province_queue(engine: Engine, actor: SignedInUser, region_code: str, year: int) -> pd.DataFrame:
    """The city's verified answers of a closed cycle with the province's reading so far, in
    instrument order (QUEUE_COLUMNS)."""
    require_role(actor, PROVINCE_VERIFIERS, NOT_A_VERIFIER)
    with unit_of_work(engine, read_only=True) as session:
        require_current_account(session, actor)
        region = _province_region(session, actor, region_code)
        return _reading(session, _closed_cycle(session, region, year))


def changed_by_province(session: Session, cycle: EvaluationCycle) -> pd.DataFrame:
    """The answers of a cycle the province lowered, raised or returned (QUEUE_COLUMNS), read in the
    caller's transaction (the meeting report)."""
    reading = _reading(session, cycle)
    return reading[reading["province_state"].isin(("lowered", "raised", "returned"))].reset_index(drop=True)


def _reading_region(session: Session, actor: SignedInUser, region_code: str | None) -> Region:
    """The region whose province reading the actor reads: its own task force's, or the province's."""
    require_role(actor, (*REGION_READERS, PROVINCE_ROLE), NOT_A_VERIFIER)
    require_current_account(session, actor)
    code = region_code or actor.region_code
    if code is None:
        raise NotFound("Pilih wilayah terlebih dahulu.")
    region = _province_region(session, actor, code)
    if actor.role not in ("admin", PROVINCE_ROLE) and actor.region_id != region.id:
        raise PermissionDenied("Anda hanya dapat melihat data wilayah Anda sendiri.")
    return region


def province_reading(engine: Engine, actor: SignedInUser, region_code: str | None, year: int) -> pd.DataFrame:
    """For the city's task force (and the province): the answers the province lowered, raised or
    returned, with its reasons (QUEUE_COLUMNS)."""
    with unit_of_work(engine, read_only=True) as session:
        region = _reading_region(session, actor, region_code)
        return changed_by_province(session, find_cycle(session, region, int(year)))


def three_readings(engine: Engine, actor: SignedInUser, region_code: str | None, year: int) -> dict[str, float]:
    """The cycle's self-assessed, verified and province totals, for the same readers as province_reading."""
    with unit_of_work(engine, read_only=True) as session:
        cycle = find_cycle(session, _reading_region(session, actor, region_code), int(year))
        return {basis: float(score_cycles(session, [cycle], basis)[0].totals["total"].iloc[0]) for basis in ALL_BASES}


def _answer_for_province(session: Session, actor: SignedInUser, answer_id: int) -> tuple[Answer, Question, Region]:
    answer = session.get(Answer, int(answer_id))
    if answer is None:
        raise NotFound("Jawaban itu tidak ada.")
    region = session.get(Region, answer.region_id)
    if region is None:
        raise NotFound("Wilayah jawaban itu tidak ada.")
    if actor.role == PROVINCE_ROLE and region.province_code != actor.province_code:
        raise PermissionDenied(f"{region.name} bukan kabupaten/kota provinsi Anda.")
    cycle = session.get(EvaluationCycle, answer.cycle_id)
    if cycle is None:
        raise NotFound("Siklus jawaban itu tidak ada.")
    _closed_cycle(session, region, cycle.year)
    unit = session.get(ReportingUnit, answer.reporting_unit_id)
    if unit is None:
        raise NotFound("Unit jawaban itu tidak ada.")
    if answer.status != VERIFIED or unit.kind != CITY_UNIT_KIND:
        raise InvalidInput(["Provinsi hanya memeriksa jawaban kota yang sudah diverifikasi Gugus Tugas."])
    question = session.get(Question, answer.question_id)
    if question is None:
        raise NotFound("Pertanyaan jawaban itu tidak ada.")
    return answer, question, region


def set_province_points(engine: Engine, actor: SignedInUser, answer_id: int, points, reason: str | None = None) -> None:
    """The province's points for a verified answer (its reason where they differ from the city's)."""
    require_role(actor, PROVINCE_VERIFIERS, NOT_A_VERIFIER)
    reason = (reason or "").strip()
    with unit_of_work(engine) as session:
        require_current_account(session, actor)
        answer, question, region = _answer_for_province(session, actor, answer_id)
        problem = province_points_problem(points, float(answer.verified_points or 0), float(question.max_points),
                                          reason)
        problems = [f"Pertanyaan {question.code}: {problem}"] if problem else []
        if reason and (long := reason_problem(reason, "")):
            problems.append(long)
        if problems:
            raise InvalidInput(problems)
        old = {"province_points": answer.province_points, "province_reason": answer.province_reason}
        answer.province_points, answer.province_reason = float(points), reason or None
        answer.province_return_reason = None
        answer.province_by_id, answer.province_at = actor.id, utc_now()
        audit.record(session, actor.id, "answer.province_points", "answer", answer.id, region.id,
                     {"question": question.code, "old": old, "new": {"province_points": float(points),
                                                                     "province_reason": reason or None},
                      "verified_points": answer.verified_points})
        bump_data_version(session, region.id)


def return_to_city(engine: Engine, actor: SignedInUser, answer_id: int, reason: str | None) -> None:
    """Send a question back to the city with a reason (what is missing); its province points are cleared."""
    require_role(actor, PROVINCE_VERIFIERS, NOT_A_VERIFIER)
    reason = (reason or "").strip()
    with unit_of_work(engine) as session:
        require_current_account(session, actor)
        answer, question, region = _answer_for_province(session, actor, answer_id)
        problem = reason_problem(reason, f"Pertanyaan {question.code}: tuliskan alasan pengembalian agar kota tahu "
                                         "apa yang harus dilengkapi.")
        if problem:
            raise InvalidInput([problem])
        answer.province_return_reason, answer.province_points, answer.province_reason = reason, None, None
        answer.province_by_id, answer.province_at = actor.id, utc_now()
        audit.record(session, actor.id, "answer.province_return", "answer", answer.id, region.id,
                     {"question": question.code, "reason": reason})
        bump_data_version(session, region.id)


def province_regions(engine: Engine, actor: SignedInUser) -> list[dict]:
    """The kab/kota the verifier may check, each with its closed cycle years (newest first): those of
    the verifier's province, or every region for the admin; only regions with a closed cycle."""
    require_role(actor, PROVINCE_VERIFIERS, NOT_A_VERIFIER)
    with unit_of_work(engine, read_only=True) as session:
        require_current_account(session, actor)
        region_query = select(Region.id, Region.code, Region.name).order_by(Region.name)
        if actor.role == PROVINCE_ROLE:
            region_query = region_query.where(Region.province_code == actor.province_code)
        hosted = {row.id: row for row in session.execute(region_query)}
        closed: dict[int, list[int]] = {}
        for region_id, year in session.execute(
                select(EvaluationCycle.region_id, EvaluationCycle.year)
                .where(EvaluationCycle.region_id.in_(list(hosted)), EvaluationCycle.status == CYCLE_CLOSED)
                .order_by(EvaluationCycle.year.desc())):
            closed.setdefault(region_id, []).append(year)
        return [{"code": row.code, "name": row.name, "years": closed[region_id]}
                for region_id, row in hosted.items() if region_id in closed]
