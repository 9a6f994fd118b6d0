"""Data entry by a reporting unit (an OPD, a kecamatan or a kelurahan): the sheet of its assigned
questions, saving drafts, submitting, and each answer's history and co-answers.

The rules live here, not in the page: a unit user reads and writes only their own unit's assigned
questions in their own region, only while the cycle is open and only answers that are not
submitted or verified. Every save names the Answer.version the user saw (the optimistic lock);
a save against a moved version is refused with who changed it and when.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd
from sqlalchemy import Engine, and_, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from data.db import bump_data_version, unit_of_work
from data.errors import InvalidInput, NotFound, PermissionDenied, StaleAnswer
from data.models import (CITY_UNIT_KIND, Answer, Assignment, AuditLog, EvaluationCycle, EvidenceFile, Question,
                         Region, ReportingUnit, ReviewEvent, User, utc_now)
from data import audit
from data.actor import SignedInUser
from data.answer_store import answer_state
from data.services.kelana.derived_answers import catalog_for_unit, derived_questions, recompute
from data.access import UNIT_ROLES, require_current_account
from data.lookups import find_cycle
from indicators.answers import (AnswerValue, display_value, plausibility_problem, points_for_many, relevant_value,
                                value_errors, value_problems)
from indicators.catalog import Catalog
from indicators.catalog import Question as CatalogQuestion
from indicators.derivation import DerivedAnswer, is_derived

NOTE_MAX_CHARS = 5000
EDITABLE_STATUSES = ("draft", "returned")
STATUS_ORDER = ("not_started", "draft", "returned", "submitted", "verified")
STATUS_NAMES = {"not_started": "belum diisi", "draft": "draf", "submitted": "diajukan",
                "returned": "dikembalikan", "verified": "terverifikasi"}
CYCLE_STATUS_NAMES = {"open": "terbuka", "review": "dalam peninjauan", "closed": "ditutup"}
REVIEWER_ROLES = ("admin", "secretariat", "chair", "member")
VALUE_FIELDS = ("bool_value", "choice_code", "numerator", "denominator", "count_value")

ROW_COLUMNS = [
    "question_code", "group_code", "indicator_code", "position", "answer_type", "max_points",
    "evidence_required", "answer_id", "status", *VALUE_FIELDS, "note", "version", "self_points",
    "return_reason", "updated_at", "updated_by", "submitted_at",
    *(f"previous_{name}" for name in VALUE_FIELDS), "evidence_count",
    "display_value", "previous_display", "editable", "submit_problems", "ready",
]


@dataclass(frozen=True)
class EntrySheet:
    region_code: str
    region_name: str
    cycle_year: int
    cycle_status: str
    deadline: date | None
    unit_short_name: str
    unit_name: str
    unit_kind: str
    catalog: Catalog
    rows: pd.DataFrame
    previous_cycle_year: int | None = None
    city_answers: dict[str, DerivedAnswer] = field(default_factory=dict)
    """For a kecamatan or kelurahan: where the city's answer to each of its questions stands now."""

    @property
    def open(self) -> bool:
        return self.cycle_status == "open"

    def days_left(self, today: date) -> int | None:
        return None if self.deadline is None else (self.deadline - today).days

    def counts(self) -> dict[str, int]:
        """Questions per status (every status present, 0 when none)."""
        counted = self.rows["status"].value_counts()
        return {status: int(counted.get(status, 0)) for status in STATUS_ORDER}


@dataclass(frozen=True)
class AnswerChange:
    question_code: str
    value: AnswerValue
    note: str | None
    expected_version: int | None   # the Answer.version the user saw; None = no answer existed


# ---------------------------------------------------------------------------------------- reads

def entry_sheet(engine: Engine, actor: SignedInUser, year: int | None = None) -> EntrySheet:
    """The actor's unit's assigned questions of the cycle (the open one unless a year is given),
    in catalog order, with their answers, last cycle's answers and what still blocks submitting."""
    with unit_of_work(engine) as session:
        unit = _acting_unit(session, actor)
        cycle = _entry_cycle(session, actor, year)
        catalog = catalog_for_unit(session, cycle, unit)
        previous = _previous_cycle(session, cycle)
        rows = _sheet_rows(session, cycle, previous, unit, catalog)
        region = session.get(Region, cycle.region_id)
        city_answers = {} if unit.kind == CITY_UNIT_KIND else {
            item.question.code: item.derived for item in derived_questions(session, cycle) if item.kind == unit.kind}
        return EntrySheet(region_code=region.code, region_name=region.name, cycle_year=cycle.year,
                          cycle_status=cycle.status, deadline=cycle.deadline, unit_short_name=unit.short_name,
                          unit_name=unit.name, unit_kind=unit.kind, catalog=catalog, rows=rows,
                          previous_cycle_year=previous.year if previous else None, city_answers=city_answers)


def entry_years(engine: Engine, actor: SignedInUser) -> list[tuple[int, str]]:
    """(year, status) of the actor's region's cycles, newest first (for a cycle picker)."""
    with unit_of_work(engine) as session:
        _acting_unit(session, actor)
        return [tuple(r) for r in session.execute(
            select(EvaluationCycle.year, EvaluationCycle.status).where(EvaluationCycle.region_id == actor.region_id)
            .order_by(EvaluationCycle.year.desc())).all()]


def _sheet_rows(session: Session, cycle: EvaluationCycle, previous: EvaluationCycle | None, unit: ReportingUnit,
                catalog: Catalog) -> pd.DataFrame:
    assigned = set(assigned_question_ids(session, cycle, unit))
    questions = catalog.questions_frame()
    questions = questions[questions["question_code"].isin(assigned)]
    questions = questions[["question_code", "group_code", "indicator_code", "position", "answer_type",
                           "max_points"]].reset_index(drop=True)
    by_code = {q.code: q for q in catalog.questions if q.code in assigned}
    questions["evidence_required"] = [by_code[c].evidence_required for c in questions["question_code"]]

    answers = pd.DataFrame(session.execute(
        select(Question.code.label("question_code"), Answer.id.label("answer_id"), Answer.status,
               *(getattr(Answer, f) for f in VALUE_FIELDS), Answer.note, Answer.version, Answer.self_points,
               Answer.return_reason, Answer.updated_at, User.display_name.label("updated_by"),
               Answer.submitted_at)
        .join(Question, Answer.question_id == Question.id)
        .outerjoin(User, Answer.updated_by_id == User.id)
        .where(Answer.cycle_id == cycle.id, Answer.reporting_unit_id == unit.id)
    ).mappings().all(), columns=["question_code", "answer_id", "status", *VALUE_FIELDS, "note", "version",
                                 "self_points", "return_reason", "updated_at", "updated_by", "submitted_at"])
    rows = questions.merge(answers, on="question_code", how="left")

    previous_answers = pd.DataFrame(columns=["question_code", *(f"previous_{f}" for f in VALUE_FIELDS)])
    if previous is not None:
        previous_answers = pd.DataFrame(session.execute(
            select(Question.code.label("question_code"),
                   *(getattr(Answer, f).label(f"previous_{f}") for f in VALUE_FIELDS))
            .join(Question, Answer.question_id == Question.id)
            .where(Answer.cycle_id == previous.id, Answer.reporting_unit_id == unit.id)
        ).mappings().all(), columns=previous_answers.columns)
    rows = rows.merge(previous_answers, on="question_code", how="left")

    counts = dict(session.execute(
        select(EvidenceFile.answer_id, func.count(EvidenceFile.id))
        .join(Answer, EvidenceFile.answer_id == Answer.id)
        .where(Answer.cycle_id == cycle.id, Answer.reporting_unit_id == unit.id,
               EvidenceFile.superseded.is_(False))
        .group_by(EvidenceFile.answer_id)).all())
    rows["evidence_count"] = [int(counts.get(a, 0)) if pd.notna(a) else 0 for a in rows["answer_id"]]
    rows["status"] = rows["status"].fillna("not_started")
    rows = rows.astype({"answer_id": "Int64", "version": "Int64"})
    rows = rows.astype({c: object for c in rows.columns if c not in ("position", "max_points", "evidence_count",
                                                                     "answer_id", "version", "self_points")})
    rows = rows.where(rows.notna(), None)

    displays, previous_displays, problems = [], [], []
    for row in rows.itertuples(index=False):
        question = by_code[row.question_code]
        value, before = _row_value(row, ""), _row_value(row, "previous_")
        displays.append(display_value(question, value))
        previous_displays.append(display_value(question, before) if before and not before.is_empty() else "")
        problems.append(_submit_problems(question, value, row.note, row.evidence_count, before)
                        if row.status in EDITABLE_STATUSES else [])
    rows["display_value"] = displays
    rows["previous_display"] = previous_displays
    rows["editable"] = (cycle.status == "open") & rows["status"].isin(("not_started", *EDITABLE_STATUSES))
    rows["submit_problems"] = problems
    rows["ready"] = rows["status"].isin(EDITABLE_STATUSES) & rows["editable"] & pd.Series([not p for p in problems], index=rows.index, dtype=bool)
    return rows.sort_values("position", kind="stable").reset_index(drop=True)[ROW_COLUMNS]


def _row_value(row, prefix: str) -> AnswerValue | None:
    values = {f: getattr(row, prefix + f) for f in VALUE_FIELDS}
    if prefix and all(v is None for v in values.values()):
        return None
    return AnswerValue(**values)


def _submit_problems(question: CatalogQuestion, value: AnswerValue, note: str | None, evidence_count: int,
                     previous: AnswerValue | None) -> list[str]:
    """What stands between a saved answer and submitting it (messages without the code)."""
    problems = list(value_problems(question, value))
    if question.evidence_required and evidence_count == 0:
        problems.append("Unggah bukti dukung yang diminta pertanyaan ini.")
    implausible = plausibility_problem(question, value, previous)
    if implausible and not (note or "").strip():
        problems.append(implausible)
    return problems


# ---------------------------------------------------------------------------------------- writes

def save_answers(session: Session, actor: SignedInUser, cycle: EvaluationCycle, changes: list[AnswerChange],
                 source: str = "page") -> list[Answer]:
    """Check every change, then save them all as drafts in the caller's transaction.

    Raises PermissionDenied (wrong role, unit, region, closed cycle, question not assigned, answer
    submitted or verified), InvalidInput with every problem (each names its question), or
    StaleAnswer when an answer moved on since the user read it. A change equal to what is stored
    (value and note) is left alone: no new version, no audit row. Returns the answers in the order
    of `changes`.
    """
    unit = _acting_unit(session, actor)
    _require_open_cycle_of_region(actor, cycle)
    catalog = catalog_for_unit(session, cycle, unit)
    question_ids = assigned_question_ids(session, cycle, unit)
    problems: list[str] = []
    seen_codes: set[str] = set()
    for change in changes:
        code = change.question_code
        if code in seen_codes:
            problems.append(f"Pertanyaan {code}: muncul lebih dari sekali; isi satu jawaban per pertanyaan.")
        seen_codes.add(code)
    unknown = [c.question_code for c in changes if not _in_catalog(catalog, c.question_code)]
    if unknown:
        raise InvalidInput([f"Pertanyaan {code} tidak ada di instrumen siklus {cycle.year}." for code in unknown])
    not_assigned = [c.question_code for c in changes if c.question_code not in question_ids]
    if not_assigned:
        raise PermissionDenied(_not_assigned_message(catalog, unit, not_assigned, "mengisi"))

    existing = {a.question_id: a for a in session.scalars(select(Answer).where(
        Answer.cycle_id == cycle.id, Answer.reporting_unit_id == unit.id,
        Answer.question_id.in_([question_ids[c.question_code] for c in changes])))}
    previous = _previous_values(session, cycle, unit, [c.question_code for c in changes])

    plans = []
    for change in changes:
        question = catalog.question(change.question_code)
        answer = existing.get(question_ids[change.question_code])
        _require_version(session, answer, change.expected_version)
        errors = value_errors(question, change.value)
        value = relevant_value(question, change.value) if not errors else change.value
        note = _clean_note(change.note)
        if answer is not None and not errors and _stored_value(answer) == value and (answer.note or None) == note:
            plans.append((change, question, answer, None))
            continue
        if answer is not None and answer.status not in EDITABLE_STATUSES:
            raise PermissionDenied(
                f"Pertanyaan {change.question_code} sudah {STATUS_NAMES[answer.status]} dan tidak dapat diubah "
                "lagi, kecuali dikembalikan oleh Gugus Tugas.")
        problems.extend(f"Pertanyaan {change.question_code}: {p}" for p in errors)
        if note is not None and len(note) > NOTE_MAX_CHARS:
            problems.append(
                f"Pertanyaan {change.question_code}: catatan terlalu panjang ({_thousands(len(note))} karakter); "
                f"paling banyak {_thousands(NOTE_MAX_CHARS)} karakter. Ringkas catatannya, atau lampirkan "
                "dokumen sebagai bukti dukung.")
        if not errors:
            implausible = plausibility_problem(question, value, previous.get(change.question_code))
            if implausible and note is None:
                problems.append(f"Pertanyaan {change.question_code}: {implausible}")
        plans.append((change, question, answer, (value, note)))
    if problems:
        raise InvalidInput(problems)

    to_write = [p for p in plans if p[3] is not None]
    points = points_for_many([(question, new[0]) for _, question, _, new in to_write])
    now = utc_now()
    saved: dict[str, Answer] = {p[0].question_code: p[2] for p in plans if p[3] is None}
    for (change, question, answer, (value, note)), earned in zip(to_write, points):
        new_fields = {**{f: getattr(value, f) for f in VALUE_FIELDS}, "note": note, "self_points": earned,
                      "status": "draft", "updated_by_id": actor.id, "updated_at": now}
        if answer is None:
            answer, old = _insert_answer(session, cycle, unit, question_ids[change.question_code], new_fields), None
        else:
            old = answer_state(question, answer)
            _guarded_update(session, answer, answer.version, new_fields)
        audit.record(session, actor.id, "answer.save", "answer", answer.id, cycle.region_id, {
            "question": change.question_code, "unit": unit.short_name, "cycle": cycle.year, "source": source,
            "old": old, "new": answer_state(question, answer)})
        saved[change.question_code] = answer
    if to_write:
        if unit.kind != CITY_UNIT_KIND:
            recompute(session, cycle, actor.id)
        bump_data_version(session)
    return [saved[c.question_code] for c in changes]


def save_draft(engine: Engine, actor: SignedInUser, question_code: str, value: AnswerValue, note: str | None,
               expected_version: int | None, year: int | None = None) -> Answer:
    """Save one answer as a draft (see save_answers)."""
    with unit_of_work(engine) as session:
        _acting_unit(session, actor)
        cycle = _entry_cycle(session, actor, year)
        return save_answers(session, actor, cycle, [AnswerChange(question_code, value, note, expected_version)])[0]


def submit_answers(engine: Engine, actor: SignedInUser, question_codes: list[str], year: int | None = None,
                   expected_versions: dict[str, int] | None = None) -> list[Answer]:
    """Submit saved answers to the task force: all of them or none. Each must be a draft or
    returned, valid and complete, carry the evidence its question requires, and explain an
    implausible change in its note. With expected_versions, an answer changed since the user
    read it is refused (StaleAnswer)."""
    codes = list(dict.fromkeys(question_codes))
    if not codes:
        raise InvalidInput(["Tidak ada jawaban yang dipilih untuk diajukan."])
    with unit_of_work(engine) as session:
        unit = _acting_unit(session, actor)
        cycle = _entry_cycle(session, actor, year)
        _require_open_cycle_of_region(actor, cycle)
        catalog = catalog_for_unit(session, cycle, unit)
        question_ids = assigned_question_ids(session, cycle, unit)
        not_assigned = [c for c in codes if c not in question_ids]
        if not_assigned:
            raise PermissionDenied(_not_assigned_message(catalog, unit, not_assigned, "mengajukan"))
        answers = {a.question_id: a for a in session.scalars(select(Answer).where(
            Answer.cycle_id == cycle.id, Answer.reporting_unit_id == unit.id,
            Answer.question_id.in_([question_ids[c] for c in codes])))}
        evidence = dict(session.execute(
            select(EvidenceFile.answer_id, func.count(EvidenceFile.id))
            .where(EvidenceFile.answer_id.in_([a.id for a in answers.values()]),
                   EvidenceFile.superseded.is_(False))
            .group_by(EvidenceFile.answer_id)).all())
        previous = _previous_values(session, cycle, unit, codes)
        problems = []
        for code in codes:
            answer = answers.get(question_ids[code])
            if answer is None:
                problems.append(f"Pertanyaan {code}: belum diisi; simpan jawabannya dulu.")
                continue
            if expected_versions and code in expected_versions:
                _require_version(session, answer, expected_versions[code])
            if answer.status not in EDITABLE_STATUSES:
                problems.append(f"Pertanyaan {code}: sudah {STATUS_NAMES[answer.status]}.")
                continue
            question = catalog.question(code)
            problems.extend(f"Pertanyaan {code}: {p}" for p in _submit_problems(
                question, _stored_value(answer), answer.note, evidence.get(answer.id, 0), previous.get(code)))
        if problems:
            raise InvalidInput(problems)
        now = utc_now()
        submitted = []
        for code in codes:
            answer = answers[question_ids[code]]
            question = catalog.question(code)
            old = answer_state(question, answer)
            _guarded_update(session, answer, answer.version, {
                "status": "submitted", "submitted_at": now, "updated_by_id": actor.id, "updated_at": now})
            session.add(ReviewEvent(answer_id=answer.id, actor_id=actor.id, action="submit", from_status=old["status"],
                                    to_status="submitted", points=answer.self_points, created_at=now))
            audit.record(session, actor.id, "answer.submit", "answer", answer.id, cycle.region_id, {
                "question": code, "unit": unit.short_name, "cycle": cycle.year, "old": old,
                "new": answer_state(question, answer)})
            submitted.append(answer)
        if unit.kind != CITY_UNIT_KIND:
            recompute(session, cycle, actor.id)
        bump_data_version(session)
        return submitted


# ------------------------------------------------------------------------- history and co-answers

def answer_history(engine: Engine, actor: SignedInUser, question_code: str, year: int | None = None,
                   unit_short_name: str | None = None) -> list[dict]:
    """Who changed the answer, when, from what to what: the answer's audit rows, oldest first.
    A unit user sees their own unit's answer; the task force, secretariat and admin of the
    region name the unit."""
    with unit_of_work(engine) as session:
        cycle, unit = _readable_answer_scope(session, actor, year, unit_short_name)
        question_id = _question_id(session, cycle, question_code)
        answer_id = session.scalar(select(Answer.id).where(
            Answer.cycle_id == cycle.id, Answer.reporting_unit_id == unit.id, Answer.question_id == question_id))
        if answer_id is None:
            return []
        rows = session.execute(
            select(AuditLog.at, AuditLog.action, AuditLog.details, User.display_name)
            .outerjoin(User, AuditLog.actor_id == User.id)
            .where(AuditLog.entity == "answer", AuditLog.entity_id == str(answer_id))
            .order_by(AuditLog.at, AuditLog.id)).all()
        return [{"at": at, "who": who or "sistem", "action": action,
                 "old": _state_text(details.get("old")), "new": _state_text(details.get("new")),
                 "reason": details.get("reason"), "source": details.get("source")}
                for at, action, details, who in rows]


def co_answers(engine: Engine, actor: SignedInUser, question_code: str, year: int | None = None) -> list[dict]:
    """The other units assigned the same question in the cycle, with their answers' status and
    value. A unit user sees them only for a question assigned to their own unit."""
    with unit_of_work(engine) as session:
        unit = _acting_unit(session, actor)
        cycle = _entry_cycle(session, actor, year)
        question_id = _question_id(session, cycle, question_code)
        if question_code not in assigned_question_ids(session, cycle, unit):
            raise PermissionDenied(f"Pertanyaan {question_code} tidak ditugaskan kepada {unit.name}.")
        if unit.kind != CITY_UNIT_KIND:
            return []  # every kecamatan or kelurahan answers for itself; the task force sees them all
        question = catalog_for_unit(session, cycle, unit).question(question_code)
        rows = session.execute(
            select(ReportingUnit.short_name, ReportingUnit.name, Answer)
            .select_from(Assignment)
            .join(ReportingUnit, Assignment.reporting_unit_id == ReportingUnit.id)
            .outerjoin(Answer, and_(Answer.reporting_unit_id == ReportingUnit.id, Answer.cycle_id == cycle.id,
                                    Answer.question_id == question_id))
            .where(Assignment.question_id == question_id, Assignment.region_id == cycle.region_id,
                   ReportingUnit.id != unit.id, ReportingUnit.active.is_(True))
            .order_by(ReportingUnit.name)).all()
        return [{"unit_short_name": short, "unit_name": name,
                 "status": answer.status if answer else "not_started",
                 "display_value": display_value(question, _stored_value(answer)) if answer else "",
                 "note": answer.note if answer else None}
                for short, name, answer in rows]


# ---------------------------------------------------------------------------------------- helpers

def _acting_unit(session: Session, actor: SignedInUser) -> ReportingUnit:
    """The actor's own reporting unit; only unit roles (opd, kecamatan, kelurahan) enter data."""
    if actor.role not in UNIT_ROLES:
        raise PermissionDenied("Hanya petugas OPD, kecamatan atau kelurahan yang mengisi jawaban.")
    require_current_account(session, actor)
    unit = session.get(ReportingUnit, actor.unit_id) if actor.unit_id is not None else None
    if unit is None or unit.region_id != actor.region_id or unit.kind != UNIT_ROLES[actor.role]:
        raise PermissionDenied("Akun Anda belum terhubung ke unit pelapor di wilayah Anda. Hubungi sekretariat KLA.")
    if not unit.active:
        raise PermissionDenied(f"{unit.name} sudah tidak aktif; jawabannya tidak dapat diubah.")
    return unit


def _entry_cycle(session: Session, actor: SignedInUser, year: int | None) -> EvaluationCycle:
    region = session.get(Region, actor.region_id) if actor.region_id is not None else None
    if region is None:
        raise PermissionDenied("Akun Anda belum terhubung ke wilayah mana pun. Hubungi sekretariat KLA.")
    if year is not None:
        return find_cycle(session, region, int(year))
    cycles = list(session.scalars(select(EvaluationCycle).where(EvaluationCycle.region_id == region.id)
                                  .order_by(EvaluationCycle.year.desc())))
    if not cycles:
        raise NotFound(f"Belum ada siklus evaluasi untuk {region.name}. Hubungi sekretariat KLA.")
    return next((c for c in cycles if c.status == "open"), cycles[0])


def _require_open_cycle_of_region(actor: SignedInUser, cycle: EvaluationCycle) -> None:
    if cycle.region_id != actor.region_id:
        raise PermissionDenied("Anda hanya dapat mengisi jawaban wilayah Anda sendiri.")
    if cycle.status != "open":
        raise PermissionDenied(
            f"Siklus {cycle.year} sudah {CYCLE_STATUS_NAMES.get(cycle.status, cycle.status)}; "
            "jawaban tidak dapat diubah atau diajukan lagi.")


def _readable_answer_scope(session: Session, actor: SignedInUser, year: int | None,
                           unit_short_name: str | None) -> tuple[EvaluationCycle, ReportingUnit]:
    if actor.role in UNIT_ROLES:
        unit = _acting_unit(session, actor)
        if unit_short_name not in (None, unit.short_name):
            raise PermissionDenied("Anda hanya dapat melihat jawaban unit Anda sendiri.")
        return _entry_cycle(session, actor, year), unit
    if actor.role not in REVIEWER_ROLES or not unit_short_name:
        raise PermissionDenied("Anda tidak berwenang melihat riwayat jawaban ini.")
    require_current_account(session, actor)
    unit = session.scalar(select(ReportingUnit).where(ReportingUnit.short_name == unit_short_name,
                                                      ReportingUnit.region_id == actor.region_id)) \
        if actor.role != "admin" else session.scalar(select(ReportingUnit).where(
            ReportingUnit.short_name == unit_short_name))
    if unit is None:
        raise NotFound(f"Unit '{unit_short_name}' tidak ditemukan di wilayah Anda.")
    region = session.get(Region, unit.region_id)
    if year is None:
        cycle = session.scalar(select(EvaluationCycle).where(EvaluationCycle.region_id == region.id)
                               .order_by(EvaluationCycle.year.desc()))
        if cycle is None:
            raise NotFound(f"Belum ada siklus evaluasi untuk {region.name}.")
        return cycle, unit
    return find_cycle(session, region, int(year)), unit


def _not_assigned_message(catalog: Catalog, unit: ReportingUnit, codes: list[str], doing: str) -> str:
    listed = ", ".join(codes)
    derived = [c for c in codes if _in_catalog(catalog, c) and is_derived(catalog.question(c))]
    if unit.kind == CITY_UNIT_KIND and derived:
        return (f"Pertanyaan {', '.join(derived)} dijawab oleh setiap kecamatan atau desa/kelurahan; jawaban kota "
                "dihitung otomatis dari jawaban mereka dan tidak diisi oleh OPD.")
    if unit.kind != CITY_UNIT_KIND:
        return (f"Pertanyaan {listed} tidak ditanyakan kepada {unit.name}; {unit.kind} hanya menjawab pertanyaan "
                f"Kelana Dekela yang ditandai untuk setiap {unit.kind}.")
    return (f"Pertanyaan {listed} tidak ditugaskan kepada {unit.name}; "
            f"Anda hanya dapat {doing} jawaban unit Anda sendiri.")


def _in_catalog(catalog: Catalog, code: str) -> bool:
    try:
        catalog.question(code)
    except KeyError:
        return False
    return True


def _question_id(session: Session, cycle: EvaluationCycle, code: str) -> int:
    question_id = session.scalar(select(Question.id).where(
        Question.catalog_version_id == cycle.catalog_version_id, Question.code == code))
    if question_id is None:
        raise NotFound(f"Pertanyaan {code} tidak ada di instrumen siklus {cycle.year}.")
    return question_id


def assigned_question_ids(session: Session, cycle: EvaluationCycle, unit: ReportingUnit) -> dict[str, int]:
    """The questions the unit answers in the cycle, by code. An OPD never answers a question that
    every kecamatan or kelurahan answers, even if an older assignment names it: the city's answer
    to it is derived (data.services.derived_answers)."""
    query = (select(Question.code, Question.id).join(Assignment, Assignment.question_id == Question.id)
             .where(Assignment.reporting_unit_id == unit.id, Assignment.region_id == cycle.region_id,
                    Question.catalog_version_id == cycle.catalog_version_id))
    if unit.kind == CITY_UNIT_KIND:
        query = query.where(Question.derivation.is_(None))
    return dict(session.execute(query).all())


def _previous_cycle(session: Session, cycle: EvaluationCycle) -> EvaluationCycle | None:
    return session.scalar(select(EvaluationCycle).where(
        EvaluationCycle.region_id == cycle.region_id, EvaluationCycle.year < cycle.year)
        .order_by(EvaluationCycle.year.desc()))


def _previous_values(session: Session, cycle: EvaluationCycle, unit: ReportingUnit,
                     codes: list[str]) -> dict[str, AnswerValue]:
    """Last cycle's answers of the same unit, by question code (codes carry across versions)."""
    previous = _previous_cycle(session, cycle)
    if previous is None or not codes:
        return {}
    rows = session.execute(
        select(Question.code, Answer).join(Question, Answer.question_id == Question.id)
        .where(Answer.cycle_id == previous.id, Answer.reporting_unit_id == unit.id, Question.code.in_(codes))).all()
    return {code: _stored_value(answer) for code, answer in rows}


def _stored_value(answer: Answer) -> AnswerValue:
    return AnswerValue(**{f: getattr(answer, f) for f in VALUE_FIELDS})


def _state_text(state) -> str:
    """An audit row's old/new state as one line: value, status (and points when known)."""
    if not isinstance(state, dict):
        return "" if state is None else str(state)
    parts = []
    if state.get("display"):
        parts.append(str(state["display"]))
    if state.get("status"):
        parts.append(STATUS_NAMES.get(state["status"], state["status"]))
    for key in ("points", "verified_points"):
        if state.get(key) is not None:
            parts.append(f"{_decimal(state[key])} poin")
            break
    return " · ".join(parts)


def _clean_note(note: str | None) -> str | None:
    if note is None:
        return None
    note = str(note).replace("\r\n", "\n").strip()
    return note or None


def _require_version(session: Session, answer: Answer | None, expected: int | None) -> None:
    if answer is None:
        if expected is not None:
            raise StaleAnswer("pengguna lain", utc_now())
        return
    if expected != answer.version:
        raise _stale(session, answer)


def _stale(session: Session, answer: Answer) -> StaleAnswer:
    who = session.scalar(select(User.display_name).where(User.id == answer.updated_by_id)) if answer.updated_by_id \
        else None
    return StaleAnswer(who or "pengguna lain", answer.updated_at)


def _guarded_update(session: Session, answer: Answer, seen_version: int, values: dict) -> None:
    """UPDATE ... WHERE version = seen: of two processes writing the same answer, one wins."""
    result = session.execute(
        update(Answer).where(Answer.id == answer.id, Answer.version == seen_version)
        .values(**values, version=seen_version + 1).execution_options(synchronize_session=False))
    if result.rowcount != 1:
        session.expire(answer)
        raise _stale(session, answer)
    session.expire(answer)
    session.refresh(answer)


def _insert_answer(session: Session, cycle: EvaluationCycle, unit: ReportingUnit, question_id: int,
                   fields: dict) -> Answer:
    answer = Answer(region_id=cycle.region_id, cycle_id=cycle.id, question_id=question_id,
                    reporting_unit_id=unit.id, version=1, **fields)
    bind, key = session.get_bind(), (cycle.id, unit.id, question_id)
    session.add(answer)
    try:
        session.flush()
    except IntegrityError:
        # Someone created this answer after we looked: theirs stands, ours is refused. This
        # transaction is lost (the caller rolls it back), so the winner is read on a connection
        # of its own. No SAVEPOINT: pysqlite would commit the outer work on its RELEASE.
        with bind.connect() as connection:
            winner = connection.execute(
                select(User.display_name, Answer.updated_at).outerjoin(User, Answer.updated_by_id == User.id)
                .where(Answer.cycle_id == key[0], Answer.reporting_unit_id == key[1],
                       Answer.question_id == key[2])).first()
        if winner is None:
            raise
        raise StaleAnswer(winner.display_name or "pengguna lain", winner.updated_at) from None
    return answer


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def _decimal(number) -> str:
    text = f"{float(number):.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")
