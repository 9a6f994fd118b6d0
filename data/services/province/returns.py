"""The city's side of the province's round trip ("dikembalikan provinsi"): the answers the province
returned, as a queue for the city's task force (the whole region) and for the OPD (its own answers);
the city completes only those answers (a note on what was done, evidence, a corrected value) without
reopening its cycle, and sends each back to the province, which checks it again
(data.services.province.verification). An answer the province did not return stays locked; an
answer after the return's date is refused where the province said so, otherwise flagged late.
Every change is audited; the cycle never leaves the province's queue."""
from __future__ import annotations

import hashlib

import pandas as pd
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from data import audit
from data.access import (
    PROVINCE_RETURN_FIXERS,
    PROVINCE_RETURN_READERS,
    TASK_FORCE,
    require_current_account,
    require_region,
)
from data.actor import SignedInUser
from data.db import bump_data_version, unit_of_work
from data.errors import InvalidInput, NotFound, PermissionDenied
from data.files.evidence_check import KINDS, detect_kind, file_problems
from data.lookups import cycle_catalog
from data.models import CITY_UNIT_KIND, Answer, EvaluationCycle, EvidenceFile, Question, Region, ReportingUnit, utc_now
from data.services.province.verification import province_state, window_problem
from indicators import clock
from indicators.answers import VALUE_FIELDS, AnswerValue, answer_value, display_value, points_for, value_problems
from indicators.catalog import Catalog
from indicators.verification import late_answer
from indicators.workflow import CYCLE_CLOSED, reason_problem

FIXERS = PROVINCE_RETURN_FIXERS
NOT_A_FIXER = "Hanya Gugus Tugas KLA atau OPD pemilik jawaban yang dapat menjawab pengembalian provinsi."
COLUMNS = ["answer_id", "version", "year", "question_code", "prompt_id", "unit_short_name", "unit_name", "answer",
           "note", "evidence_required", "evidence", "return_reason", "due", "strict", "state", "late", "fix_note",
           "returns", "fixes", "rechecks"]


def _may_fix(actor: SignedInUser, answer: Answer) -> None:
    require_region(actor, answer.region_id)
    if actor.role == "opd" and actor.unit_id != answer.reporting_unit_id:
        raise PermissionDenied("Anda hanya dapat menjawab pengembalian provinsi untuk jawaban OPD Anda sendiri.")


def province_returns(engine: Engine, actor: SignedInUser, region_code: str | None = None) -> pd.DataFrame:
    """Every answer of the region (an OPD: of its unit) the province returned in a cycle it is
    verifying, waiting for the city's answer or for the province's re-check (COLUMNS)."""
    if actor.role not in PROVINCE_RETURN_READERS:
        raise PermissionDenied(NOT_A_FIXER)
    with unit_of_work(engine, read_only=True) as session:
        require_current_account(session, actor)
        code = region_code or actor.region_code
        if code is None:
            raise NotFound("Pilih wilayah terlebih dahulu.")
        region = session.scalar(select(Region).where(Region.code == code))
        if region is None:
            raise NotFound(f"Wilayah {code} tidak ada.")
        require_region(actor, region.id)
        query = (select(Answer, Question.code, ReportingUnit.short_name, ReportingUnit.name, EvaluationCycle)
                 .join(Question, Answer.question_id == Question.id)
                 .join(ReportingUnit, Answer.reporting_unit_id == ReportingUnit.id)
                 .join(EvaluationCycle, Answer.cycle_id == EvaluationCycle.id)
                 .where(Answer.region_id == region.id, Answer.province_return_reason.is_not(None),
                        EvaluationCycle.status == CYCLE_CLOSED, EvaluationCycle.published.is_(False),
                        ReportingUnit.kind == CITY_UNIT_KIND)
                 .order_by(EvaluationCycle.year.desc(), Answer.province_return_due, Question.position))
        if actor.role == "opd":
            query = query.where(Answer.reporting_unit_id == actor.unit_id)
        rows: list[dict] = []
        catalogs: dict[int, Catalog] = {}
        for answer, code, short_name, unit_name, cycle in session.execute(query):
            catalog = catalogs.setdefault(cycle.id, cycle_catalog(session, cycle))
            question = catalog.question(code)
            files = [{"id": f.id, "filename": f.filename} for f in session.scalars(
                select(EvidenceFile).where(EvidenceFile.answer_id == answer.id, EvidenceFile.superseded.is_(False))
                .order_by(EvidenceFile.id))]
            rows.append({
                "answer_id": answer.id, "version": answer.version, "year": cycle.year, "question_code": code,
                "prompt_id": question.prompt.id, "unit_short_name": short_name, "unit_name": unit_name,
                "answer": display_value(question, answer_value(answer)), "note": answer.note or "",
                "evidence_required": question.evidence_required, "evidence": files,
                "return_reason": answer.province_return_reason, "due": answer.province_return_due,
                "strict": answer.province_return_strict, "state": province_state(answer),
                "late": answer.province_fix_late, "fix_note": answer.province_fix_note or "",
                "returns": answer.province_returns, "fixes": answer.province_fixes,
                "rechecks": answer.province_rechecks})
        return pd.DataFrame(rows, columns=COLUMNS)


def _returned_answer(session: Session, actor: SignedInUser, answer_id: int) -> tuple[Answer, EvaluationCycle, Region]:
    """The answer the city may still complete: returned by the province, not yet sent back, in a
    cycle the province is verifying; refused for anyone else's answer or after a strict date."""
    require_current_account(session, actor)
    answer = session.get(Answer, int(answer_id))
    if answer is None:
        raise NotFound("Jawaban itu tidak ada.")
    _may_fix(actor, answer)
    cycle = session.get(EvaluationCycle, answer.cycle_id)
    region = session.get(Region, answer.region_id)
    if cycle is None or region is None:
        raise NotFound("Siklus jawaban itu tidak ada.")
    code = session.scalar(select(Question.code).where(Question.id == answer.question_id))
    if province_state(answer) != "returned":
        raise PermissionDenied(
            f"Pertanyaan {code} tidak sedang dikembalikan provinsi"
            + (" (jawabannya sudah dikirim kembali dan menunggu pemeriksaan ulang)" if answer.province_fixed_at else "")
            + "; tanpa membuka kembali siklus, kota hanya dapat memperbaiki jawaban yang dikembalikan provinsi.")
    if problem := window_problem(cycle, region.name, changing=True):
        raise InvalidInput([problem])
    _, late_problem = late_answer(answer.province_return_due, clock.today(region.code), answer.province_return_strict)
    if late_problem:
        raise InvalidInput([f"Pertanyaan {code}: {late_problem}"])
    return answer, cycle, region


def attach_return_evidence(engine: Engine, actor: SignedInUser, answer_id: int, filename: str,
                           content: bytes) -> int:
    """Add an evidence file to an answer the province returned (checked as every evidence file is);
    returns the file's id."""
    if actor.role not in FIXERS:
        raise PermissionDenied(NOT_A_FIXER)
    with unit_of_work(engine) as session:
        answer, cycle, region = _returned_answer(session, actor, answer_id)
        problems = file_problems(filename, content)
        if problems:
            raise InvalidInput(problems)
        digest = hashlib.sha256(content).hexdigest()
        current = list(session.scalars(select(EvidenceFile).where(EvidenceFile.answer_id == answer.id,
                                                                  EvidenceFile.superseded.is_(False))))
        if any(f.sha256 == digest for f in current):
            raise InvalidInput(["Berkas ini sudah terlampir pada jawaban ini."])
        replaced = next((f for f in current if f.filename == filename), None)
        if replaced is not None:
            replaced.superseded = True
            session.flush()
        kind = detect_kind(content)
        if kind is None:
            raise InvalidInput(file_problems(filename, content))
        row = EvidenceFile(answer_id=answer.id, filename=filename, content_type=KINDS[kind][0],
                           size_bytes=len(content), sha256=digest, content=content,
                           file_version=replaced.file_version + 1 if replaced else 1, superseded=False,
                           uploaded_by_id=actor.id, uploaded_at=utc_now())
        session.add(row)
        session.flush()
        audit.record(session, actor.id, "evidence.replace" if replaced else "evidence.upload", "evidence_file",
                     row.id, region.id, {"answer_id": answer.id, "cycle": cycle.year, "filename": filename,
                                         "sha256": digest, "size_bytes": len(content), "source": "province_return",
                                         "replaces": replaced.id if replaced else None})
        bump_data_version(session, region.id)
        return row.id


def send_back_to_province(engine: Engine, actor: SignedInUser, answer_id: int, note: str | None,
                          value: AnswerValue | None = None) -> None:
    """The city's answer to a province return: what it did (`note`, required) and, where the
    answer itself was wrong, its corrected value (its points follow the instrument's rule, and the
    verified points with them: the task force or its OPD answers for the correction). The answer
    goes back to the province for a re-check; late answers are flagged."""
    if actor.role not in FIXERS:
        raise PermissionDenied(NOT_A_FIXER)
    note = (note or "").strip()
    with unit_of_work(engine) as session:
        answer, cycle, region = _returned_answer(session, actor, answer_id)
        question = cycle_catalog(session, cycle).question(
            session.scalar(select(Question.code).where(Question.id == answer.question_id)) or "")
        problems = []
        if problem := reason_problem(note, f"Pertanyaan {question.code}: tuliskan apa yang sudah diperbaiki atau "
                                           "dilengkapi, agar provinsi tahu apa yang diperiksa ulang."):
            problems.append(problem)
        if value is not None:
            problems += [f"Pertanyaan {question.code}: {p}" for p in value_problems(question, value)]
        if problems:
            raise InvalidInput(problems)
        late, _ = late_answer(answer.province_return_due, clock.today(region.code), answer.province_return_strict)
        old = {"value": display_value(question, answer_value(answer)), "self_points": answer.self_points,
               "verified_points": answer.verified_points}
        if value is not None:
            for name in VALUE_FIELDS:
                setattr(answer, name, getattr(value, name))
            answer.self_points = points_for(question, value)
            answer.verified_points = min(answer.self_points, float(question.max_points))
            answer.verified_reason = f"Diperbaiki atas pengembalian provinsi: {note}"
            answer.version += 1
        answer.province_fixed_at, answer.province_fix_note, answer.province_fix_late = utc_now(), note, late
        answer.province_fixes += 1
        answer.updated_by_id, answer.updated_at = actor.id, utc_now()
        audit.record(session, actor.id, "answer.province_fix", "answer", answer.id, region.id, {
            "question": question.code, "cycle": cycle.year, "note": note, "late": late,
            "due": answer.province_return_due.isoformat() if answer.province_return_due else None, "old": old,
            "new": {"value": display_value(question, answer_value(answer)), "self_points": answer.self_points,
                    "verified_points": answer.verified_points},
            "by_task_force": actor.role in TASK_FORCE})
        bump_data_version(session, region.id)
