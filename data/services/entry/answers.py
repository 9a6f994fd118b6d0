"""Saving and submitting a unit's answers. Every save names the Answer.version the user saw (the
optimistic lock, data.answer_store); a save against a moved version is refused with who changed
it and when. Submitting is all or nothing."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from data import audit
from data.actor import SignedInUser
from data.answer_store import answer_state, guarded_update, insert_answer, require_version
from data.db import bump_data_version, unit_of_work
from data.errors import InvalidInput, PermissionDenied
from data.models import CITY_UNIT_KIND, Answer, EvaluationCycle, EvidenceFile, ReviewEvent, utc_now
from data.services.entry.scope import (
    acting_unit,
    assigned_question_ids,
    clean_note,
    entry_cycle,
    in_catalog,
    not_assigned_message,
    previous_values,
    require_open_cycle_of_region,
    submit_problems,
)
from data.services.kelana.derived_answers import catalog_for_unit, recompute
from indicators import text
from indicators.answers import (
    NOTE_MAX_CHARS,
    VALUE_FIELDS,
    AnswerValue,
    answer_value,
    plausibility_problem,
    points_for_many,
    relevant_value,
    value_errors,
)
from indicators.catalog import Question
from indicators.workflow import EDITABLE, next_status, status_name


@dataclass(frozen=True)
class AnswerChange:
    question_code: str
    value: AnswerValue
    note: str | None
    expected_version: int | None   # the Answer.version the user saw; None = no answer existed


def save_answers(session: Session, actor: SignedInUser, cycle: EvaluationCycle, changes: list[AnswerChange],
                 source: str = "page") -> list[Answer]:
    """Check every change, then save them all as drafts in the caller's transaction.

    Raises PermissionDenied (wrong role, unit, region, closed cycle, question not assigned, answer
    submitted or verified), InvalidInput with every problem (each names its question), or
    StaleAnswer when an answer moved on since the user read it. A change equal to what is stored
    (value and note) is left alone: no new version, no audit row. Returns the answers in the order
    of `changes`.
    """
    unit = acting_unit(session, actor)
    require_open_cycle_of_region(actor, cycle)
    catalog = catalog_for_unit(session, cycle, unit)
    question_ids = assigned_question_ids(session, cycle, unit)
    problems: list[str] = []
    seen_codes: set[str] = set()
    for change in changes:
        code = change.question_code
        if code in seen_codes:
            problems.append(f"Pertanyaan {code}: muncul lebih dari sekali; isi satu jawaban per pertanyaan.")
        seen_codes.add(code)
    unknown = [c.question_code for c in changes if not in_catalog(catalog, c.question_code)]
    if unknown:
        raise InvalidInput([f"Pertanyaan {code} tidak ada di instrumen siklus {cycle.year}." for code in unknown])
    not_assigned = [c.question_code for c in changes if c.question_code not in question_ids]
    if not_assigned:
        raise PermissionDenied(not_assigned_message(catalog, unit, not_assigned, "mengisi"))

    existing = {a.question_id: a for a in session.scalars(select(Answer).where(
        Answer.cycle_id == cycle.id, Answer.reporting_unit_id == unit.id,
        Answer.question_id.in_([question_ids[c.question_code] for c in changes])))}
    previous = previous_values(session, cycle, unit, [c.question_code for c in changes])

    unchanged: dict[str, Answer] = {}
    to_write: list[tuple[AnswerChange, Question, Answer | None, AnswerValue, str | None]] = []
    for change in changes:
        question = catalog.question(change.question_code)
        answer = existing.get(question_ids[change.question_code])
        require_version(session, answer, change.expected_version)
        errors = value_errors(question, change.value)
        value = relevant_value(question, change.value) if not errors else change.value
        note = clean_note(change.note)
        if answer is not None and not errors and answer_value(answer) == value and (answer.note or None) == note:
            unchanged[change.question_code] = answer
            continue
        if answer is not None and answer.status not in EDITABLE:
            raise PermissionDenied(
                f"Pertanyaan {change.question_code} sudah {status_name(answer.status)} dan tidak dapat diubah "
                "lagi, kecuali dikembalikan oleh Gugus Tugas.")
        problems.extend(f"Pertanyaan {change.question_code}: {p}" for p in errors)
        if note is not None and len(note) > NOTE_MAX_CHARS:
            problems.append(
                f"Pertanyaan {change.question_code}: catatan terlalu panjang ({text.whole(len(note))} karakter); "
                f"paling banyak {text.whole(NOTE_MAX_CHARS)} karakter. Ringkas catatannya, atau lampirkan "
                "dokumen sebagai bukti dukung.")
        if not errors:
            implausible = plausibility_problem(question, value, previous.get(change.question_code))
            if implausible and note is None:
                problems.append(f"Pertanyaan {change.question_code}: {implausible}")
        to_write.append((change, question, answer, value, note))
    if problems:
        raise InvalidInput(problems)

    points = points_for_many([(question, value) for _, question, _, value, _ in to_write])
    now = utc_now()
    saved: dict[str, Answer] = unchanged
    for (change, question, answer, value, note), earned in zip(to_write, points):
        new_fields = {**{f: getattr(value, f) for f in VALUE_FIELDS}, "note": note, "self_points": earned,
                      "status": "draft", "updated_by_id": actor.id, "updated_at": now}
        if answer is None:
            answer, old = insert_answer(session, cycle, unit, question_ids[change.question_code], **new_fields), None
        else:
            old = answer_state(question, answer)
            guarded_update(session, answer, answer.version, **new_fields)
        audit.record(session, actor.id, "answer.save", "answer", answer.id, cycle.region_id, {
            "question": change.question_code, "unit": unit.short_name, "cycle": cycle.year, "source": source,
            "old": old, "new": answer_state(question, answer)})
        saved[change.question_code] = answer
    if to_write:
        if unit.kind != CITY_UNIT_KIND:
            recompute(session, cycle, actor.id)
        bump_data_version(session, cycle.region_id)
    return [saved[c.question_code] for c in changes]


def save_draft(engine: Engine, actor: SignedInUser, question_code: str, value: AnswerValue, note: str | None,
               expected_version: int | None, year: int | None = None) -> Answer:
    """Save one answer as a draft (see save_answers)."""
    with unit_of_work(engine) as session:
        acting_unit(session, actor)
        cycle = entry_cycle(session, actor, year)
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
        unit = acting_unit(session, actor)
        cycle = entry_cycle(session, actor, year)
        require_open_cycle_of_region(actor, cycle)
        catalog = catalog_for_unit(session, cycle, unit)
        question_ids = assigned_question_ids(session, cycle, unit)
        not_assigned = [c for c in codes if c not in question_ids]
        if not_assigned:
            raise PermissionDenied(not_assigned_message(catalog, unit, not_assigned, "mengajukan"))
        answers = {a.question_id: a for a in session.scalars(select(Answer).where(
            Answer.cycle_id == cycle.id, Answer.reporting_unit_id == unit.id,
            Answer.question_id.in_([question_ids[c] for c in codes])))}
        evidence = dict(session.execute(
            select(EvidenceFile.answer_id, func.count(EvidenceFile.id))
            .where(EvidenceFile.answer_id.in_([a.id for a in answers.values()]),
                   EvidenceFile.superseded.is_(False))
            .group_by(EvidenceFile.answer_id)).all())
        previous = previous_values(session, cycle, unit, codes)
        problems = []
        for code in codes:
            answer = answers.get(question_ids[code])
            if answer is None:
                problems.append(f"Pertanyaan {code}: belum diisi; simpan jawabannya dulu.")
                continue
            if expected_versions and code in expected_versions:
                require_version(session, answer, expected_versions[code])
            if answer.status not in EDITABLE:
                problems.append(f"Pertanyaan {code}: sudah {status_name(answer.status)}.")
                continue
            question = catalog.question(code)
            problems.extend(f"Pertanyaan {code}: {p}" for p in submit_problems(
                question, answer_value(answer), answer.note, evidence.get(answer.id, 0), previous.get(code)))
        if problems:
            raise InvalidInput(problems)
        now = utc_now()
        submitted = []
        for code in codes:
            answer = answers[question_ids[code]]
            question = catalog.question(code)
            old = answer_state(question, answer)
            guarded_update(session, answer, answer.version, status=next_status("submit", answer.status),
                           submitted_at=now, updated_by_id=actor.id, updated_at=now)
            session.add(ReviewEvent(answer_id=answer.id, actor_id=actor.id, action="submit", from_status=old["status"],
                                    to_status="submitted", points=answer.self_points, created_at=now))
            audit.record(session, actor.id, "answer.submit", "answer", answer.id, cycle.region_id, {
                "question": code, "unit": unit.short_name, "cycle": cycle.year, "old": old,
                "new": answer_state(question, answer)})
            submitted.append(answer)
        if unit.kind != CITY_UNIT_KIND:
            recompute(session, cycle, actor.id)
        bump_data_version(session, cycle.region_id)
        return submitted


