"""The task force's review of submitted answers: the queue, verify (one or several), return with a
reason, and the chair's reopening of a verified answer.

Transitions (indicators.workflow; see also DESIGN.md, "Status per answer"):
- submitted -> verified: a reviewer (member, chair, admin) sets the verified points, by default the
  self-assessed ones, anywhere in 0..the question's maximum, with a reason whenever they differ
  (the rule: indicators.verification).
- submitted -> returned: a reviewer, with a reason the OPD sees on its entry page.
- verified -> submitted ("reopen"): only the chair, with a reason. The answer goes back into the
  review queue, not to the OPD: reopening revisits the task force's own decision, and from the
  queue it can be verified again with other points or returned to the OPD with a reason. The
  verified points are cleared (the old ones stay in the review event and the audit row), so the
  verified score no longer counts the answer until it is verified again.
Every action writes a ReviewEvent and an audit row and bumps the data version in one
transaction. Answer.version is the optimistic lock (data.answer_store.guarded_update): the UPDATE
only applies to the version the reviewer saw, so of two reviewers acting at once the second is
refused with who and when.
Nothing is reviewed on a closed cycle, and nobody reviews another region's answers.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

import pandas as pd
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from data import audit
from data.access import (
    REGION_READERS,
    REOPENERS,
    REVIEWERS,
    acts_in_region,
    named_or_own_region,
    require_active_actor,
    require_current_account,
    require_role,
)
from data.answer_store import guarded_update, require_version
from data.db import bump_data_version, unit_of_work
from data.errors import DomainError, InvalidInput, NotFound, PermissionDenied
from data.lookups import cycle_catalog, cycle_or_current, cycle_years, previous_cycle
from data.models import (
    CITY_UNIT_KIND,
    UNIT_KINDS,
    Answer,
    CatalogGroup,
    EvaluationCycle,
    EvidenceFile,
    Indicator,
    Question,
    ReportingUnit,
    ReviewEvent,
    Target,
    User,
    utc_now,
)
from data.services.kelana.derived_answers import catalog_for_kind, catalog_for_unit, recompute
from indicators import text
from indicators.answers import answer_value, display_value, plausibility_problem, points_for
from indicators.catalog import Question as CatalogQuestion
from indicators.derivation import is_derived, unit_kind
from indicators.verification import verified_points, verified_points_problem
from indicators.workflow import CYCLE_CLOSED, SUBMITTED, TRANSITIONS, may, next_status, reason_problem, status_name

NOT_A_READER = "Hanya Gugus Tugas KLA, sekretariat atau admin yang dapat melihat antrean verifikasi."
NOT_A_REVIEWER = ("Hanya anggota atau Ketua Gugus Tugas KLA (atau admin) "
                  "yang dapat memverifikasi atau mengembalikan jawaban.")
NOT_THE_CHAIR = "Hanya Ketua Gugus Tugas KLA yang dapat membuka kembali jawaban yang sudah diverifikasi."


@dataclass(frozen=True)
class ReviewFilters:
    """What the queue shows: answers of these statuses, optionally only some units and groups,
    optionally only the answers with a plausibility flag."""

    statuses: tuple[str, ...] = (SUBMITTED,)
    units: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    flagged_only: bool = False


@dataclass(frozen=True)
class ReviewQueue:
    region_code: str
    region_name: str
    cycle_year: int
    cycle_status: str
    years: list[int]
    may_review: bool
    may_reopen: bool
    rows: pd.DataFrame
    total: int
    """Answers of the chosen statuses before the unit, group and flag filters."""
    unit_options: list[tuple[str, str]] = field(default_factory=list)
    group_options: list[tuple[str, str]] = field(default_factory=list)


QUEUE_COLUMNS = ["answer_id", "version", "status", "question_code", "question_prompt", "question_prompt_en",
                 "group_code", "indicator_code", "answer_type", "max_points", "evidence_required",
                 "unit_short_name", "unit_name", "unit_kind", "answer", "previous_answer", "target", "self_points",
                 "verified_points", "verified_reason", "return_reason", "note", "evidence", "evidence_count",
                 "plausibility", "submitted_at", "updated_at", "updated_by", "verified_by", "verified_at"]


def _target_texts(session: Session, cycle: EvaluationCycle) -> tuple[dict[int, str], dict[str, str]]:
    """Targets of the cycle, as text, by question id and by indicator code."""
    by_question, by_indicator = {}, {}
    for target in session.scalars(select(Target).where(Target.cycle_id == cycle.id)):
        parts = []
        if target.target_value is not None:
            parts.append(f"nilai {text.number(target.target_value)}")
        if target.target_points is not None:
            parts.append(f"{text.number(target.target_points)} poin")
        if target.note:
            parts.append(target.note)
        described = "; ".join(parts)
        if target.question_id is not None:
            by_question[target.question_id] = described
        elif target.indicator_code:
            by_indicator[target.indicator_code] = f"indikator {target.indicator_code}: {described}"
    return by_question, by_indicator


def _evidence_lists(session: Session, answer_ids: list[int]) -> dict[int, list[dict]]:
    files: dict[int, list[dict]] = {}
    if not answer_ids:
        return files
    for evidence in session.scalars(select(EvidenceFile).where(
            EvidenceFile.answer_id.in_(answer_ids), EvidenceFile.superseded.is_(False))
            .order_by(EvidenceFile.answer_id, EvidenceFile.uploaded_at, EvidenceFile.id)):
        files.setdefault(evidence.answer_id, []).append({
            "id": evidence.id, "filename": evidence.filename, "content_type": evidence.content_type,
            "size_bytes": evidence.size_bytes, "file_version": evidence.file_version,
            "uploaded_at": evidence.uploaded_at})
    return files


def review_queue(engine: Engine, actor, year: int | None = None, filters: ReviewFilters | None = None,
                 region_code: str | None = None) -> ReviewQueue:
    """Answers waiting for review (or of the statuses asked for) in one cycle of the actor's
    region, each with its display value, last cycle's answer of the same unit, the target, the
    self-assessed points, the note, the evidence files and the plausibility flag."""
    filters = filters or ReviewFilters()
    require_role(actor, REGION_READERS, NOT_A_READER)
    with unit_of_work(engine, read_only=True) as session:
        require_current_account(session, actor)
        region = named_or_own_region(session, actor, region_code)
        cycle = cycle_or_current(session, region, year)
        catalog = cycle_catalog(session, cycle)
        catalogs = {kind: catalog_for_kind(session, cycle, kind) for kind in UNIT_KINDS}
        updater, verifier = User.__table__.alias("updater"), User.__table__.alias("verifier")
        rows = session.execute(
            select(Answer, Question.code.label("question_code"), Question.id.label("question_id"),
                   Question.position, Indicator.code.label("indicator_code"), Indicator.position.label("ind_pos"),
                   CatalogGroup.code.label("group_code"), CatalogGroup.position.label("group_pos"),
                   ReportingUnit.short_name.label("unit_short_name"), ReportingUnit.name.label("unit_name"),
                   ReportingUnit.kind.label("unit_kind"),
                   updater.c.display_name.label("updated_by"), verifier.c.display_name.label("verified_by"))
            .join(Question, Answer.question_id == Question.id)
            .join(Indicator, Question.indicator_id == Indicator.id)
            .join(CatalogGroup, Indicator.group_id == CatalogGroup.id)
            .join(ReportingUnit, Answer.reporting_unit_id == ReportingUnit.id)
            .outerjoin(updater, Answer.updated_by_id == updater.c.id)
            .outerjoin(verifier, Answer.verified_by_id == verifier.c.id)
            .where(Answer.cycle_id == cycle.id, Answer.status.in_(filters.statuses),
                   # the city's derived answers are reviewed through the units' own answers
                   (Question.derivation.is_(None)) | (ReportingUnit.kind != CITY_UNIT_KIND))
            .order_by(CatalogGroup.position, Indicator.position, Question.position, ReportingUnit.short_name)
        ).all()
        total = len(rows)
        unit_options = sorted({(r.unit_short_name, r.unit_name) for r in rows})
        group_names = {g.code: g.name.id for g in catalog.groups}
        group_options = [(code, group_names.get(code, code))
                         for code in dict.fromkeys(r.group_code for r in rows)]
        if filters.units:
            rows = [r for r in rows if r.unit_short_name in filters.units]
        if filters.groups:
            rows = [r for r in rows if r.group_code in filters.groups]

        previous = {}
        last_cycle = previous_cycle(session, cycle)
        if last_cycle is not None and rows:
            for answer, code in session.execute(
                    select(Answer, Question.code).join(Question, Answer.question_id == Question.id)
                    .where(Answer.cycle_id == last_cycle.id,
                           Answer.reporting_unit_id.in_({r.Answer.reporting_unit_id for r in rows}))):
                previous[(answer.reporting_unit_id, code)] = answer_value(answer)
        targets_by_question, targets_by_indicator = _target_texts(session, cycle)
        evidence = _evidence_lists(session, [r.Answer.id for r in rows])

        records = []
        for r in rows:
            answer = r.Answer
            question = catalogs[r.unit_kind].question(r.question_code)
            value = answer_value(answer)
            before = previous.get((answer.reporting_unit_id, r.question_code))
            flag = plausibility_problem(question, value, before)
            if filters.flagged_only and not flag:
                continue
            files = evidence.get(answer.id, [])
            records.append({
                "answer_id": answer.id, "version": answer.version, "status": answer.status,
                "question_code": r.question_code, "question_prompt": question.prompt.id,
                "question_prompt_en": question.prompt.get("en"), "group_code": r.group_code,
                "indicator_code": r.indicator_code, "answer_type": question.answer.type,
                "max_points": float(question.max_points), "evidence_required": question.evidence_required,
                "unit_short_name": r.unit_short_name, "unit_name": r.unit_name, "unit_kind": r.unit_kind,
                "answer": display_value(question, value),
                "previous_answer": display_value(question, before) if before is not None else "",
                "target": targets_by_question.get(r.question_id) or targets_by_indicator.get(r.indicator_code, ""),
                "self_points": answer.self_points if answer.self_points is not None else points_for(question, value),
                "verified_points": answer.verified_points, "verified_reason": answer.verified_reason,
                "return_reason": answer.return_reason, "note": answer.note or "",
                "evidence": files, "evidence_count": len(files), "plausibility": flag,
                "submitted_at": answer.submitted_at, "updated_at": answer.updated_at, "updated_by": r.updated_by,
                "verified_by": r.verified_by, "verified_at": answer.verified_at})
        reviewable = cycle.status != CYCLE_CLOSED and acts_in_region(actor, region.id)
        return ReviewQueue(
            region_code=region.code, region_name=region.name, cycle_year=cycle.year, cycle_status=cycle.status,
            years=cycle_years(session, region.id), may_review=reviewable and actor.role in REVIEWERS,
            may_reopen=reviewable and actor.role in REOPENERS,
            rows=pd.DataFrame(records, columns=QUEUE_COLUMNS), total=total,
            unit_options=unit_options, group_options=group_options)


# --- actions --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ReviewResult:
    answer_id: int
    question_code: str
    unit_short_name: str
    status: str
    version: int
    verified_points: float | None
    unit_kind: str = "opd"


def _clean_reason(reason: str | None) -> str:
    return (reason or "").strip()


def _reason_problems(reason: str, required_message: str) -> list[str]:
    problem = reason_problem(reason, required_message)
    return [problem] if problem else []


@dataclass
class _Loaded:
    answer: Answer
    question: Question
    unit: ReportingUnit
    cycle: EvaluationCycle
    asked: CatalogQuestion
    """The question as the unit was asked it (a kecamatan's or kelurahan's yes/no part)."""


def _load_for_action(session: Session, actor, answer_id: int, expected_version: int) -> _Loaded:
    """The answer to act on, after the checks every review action shares: it exists, it is in the
    actor's region, its cycle is not closed, and it is still at the version the reviewer saw."""
    answer = session.get(Answer, answer_id)
    if answer is None:
        raise NotFound(f"Jawaban #{answer_id} tidak ditemukan; mungkin sudah dihapus. Muat ulang halaman.")
    if not acts_in_region(actor, answer.region_id):
        raise PermissionDenied("Anda hanya dapat meninjau jawaban wilayah Anda sendiri.")
    cycle = session.get(EvaluationCycle, answer.cycle_id)
    question = session.get(Question, answer.question_id)
    unit = session.get(ReportingUnit, answer.reporting_unit_id)
    if cycle is None or question is None or unit is None:
        raise NotFound(f"Siklus, pertanyaan atau unit jawaban #{answer_id} tidak ditemukan. Muat ulang halaman.")
    if cycle.status == CYCLE_CLOSED:
        raise DomainError(f"Siklus {cycle.year} sudah ditutup; jawaban tidak dapat diubah lagi. "
                          "Ketua Gugus Tugas dapat membuka kembali siklus dengan alasan.")
    asked = catalog_for_unit(session, cycle, unit).question(question.code)
    if unit.kind == CITY_UNIT_KIND and is_derived(asked):
        raise InvalidInput([f"Jawaban kota untuk pertanyaan {question.code} dihitung otomatis dari jawaban setiap "
                            f"{unit_kind(asked)}; verifikasi atau kembalikan jawaban mereka di antrean."])
    require_version(session, answer, expected_version)
    return _Loaded(answer, question, unit, cycle, asked)


@dataclass(frozen=True)
class _Checked:
    """What an action's own check found: problems, else the points to set and what else the audit
    row keeps."""

    problems: list[str]
    points: float | None = None
    audit_extra: dict = field(default_factory=dict)


def _check_verify(session: Session, loaded: _Loaded, reason: str, points: float | None) -> _Checked:
    """The verified points within the rule of indicators.verification (default: self-assessed)."""
    answer, asked = loaded.answer, loaded.asked
    self_points = answer.self_points
    if self_points is None:
        self_points = points_for(asked, answer_value(answer))
    whole_for_city = None if loaded.unit.kind == CITY_UNIT_KIND else loaded.unit.kind
    evidence_missing = bool(asked.evidence_required) and session.scalar(
        select(EvidenceFile.id).where(EvidenceFile.answer_id == answer.id, EvidenceFile.superseded.is_(False))
        .limit(1)) is None
    problem = verified_points_problem(points, self_points, asked.max_points, reason, whole_for_city,
                                      evidence_missing)
    problems = [f"Pertanyaan {loaded.question.code}: {problem}"] if problem else []
    if reason:
        problems += _reason_problems(reason, "")
    if problems:
        return _Checked(problems)
    return _Checked([], verified_points(points, self_points, asked.max_points), {"self_points": self_points})


@dataclass(frozen=True)
class ReviewMove:
    """One row of the review's transition table: a move of indicators.workflow.TRANSITIONS as the
    task force makes it."""

    action: str
    """The workflow action (verify, return, reopen); also the review event's action and, after
    'answer.', the audit row's."""
    roles: tuple[str, ...]
    refused: str
    """Why someone outside `roles` may not make the move."""
    done: str
    """The move as a message says it ('diverifikasi')."""
    reason_required: str | None
    """The message when no reason is given ({code}: the question), or None: a reason is optional."""
    kept: tuple[str, ...]
    """The answer's fields the audit row keeps as they were (besides status and version)."""
    shown: tuple[str, ...]
    """The answer's fields the audit row shows as they became (besides status and version)."""
    sets: Callable[[int, datetime, str, float | None], dict]
    """The fields the move writes: (actor id, now, reason, points) -> {field: value}."""
    event_points: str | None = None
    """Which points the review event keeps: 'new' (those set), 'old' (those cleared) or none."""
    check: Callable[[Session, _Loaded, str, float | None], _Checked] | None = None
    """The move's own check, once the status allows the move."""


REVIEW_MOVES: dict[str, ReviewMove] = {move.action: move for move in (
    ReviewMove("verify", REVIEWERS, NOT_A_REVIEWER, "diverifikasi", None,
               kept=("verified_points",), shown=("verified_points",),
               sets=lambda actor_id, now, reason, points: {
                   "verified_points": points, "verified_reason": reason or None, "verified_by_id": actor_id,
                   "verified_at": now},
               event_points="new", check=_check_verify),
    ReviewMove("return", REVIEWERS, NOT_A_REVIEWER, "dikembalikan",
               "Pertanyaan {code}: tuliskan alasan pengembalian agar OPD tahu apa yang harus diperbaiki.",
               kept=("return_reason",), shown=(),
               sets=lambda actor_id, now, reason, points: {"return_reason": reason}),
    ReviewMove("reopen", REOPENERS, NOT_THE_CHAIR, "dibuka kembali",
               "Pertanyaan {code}: tuliskan alasan membuka kembali jawaban yang sudah diverifikasi.",
               kept=("verified_points", "verified_reason"), shown=("verified_points",),
               sets=lambda actor_id, now, reason, points: {
                   "verified_points": None, "verified_reason": None, "verified_by_id": None, "verified_at": None},
               event_points="old"),
)}


def _move_problems(loaded: _Loaded, move: ReviewMove) -> list[str]:
    """[] when the move may take the answer from its status (indicators.workflow), else why not."""
    if may(move.action, loaded.answer.status):
        return []
    wanted = " atau ".join(status_name(status) for status in TRANSITIONS[move.action])
    return [f"Pertanyaan {loaded.question.code} ({loaded.unit.short_name}) berstatus "
            f"{status_name(loaded.answer.status)}; hanya jawaban berstatus {wanted} yang dapat {move.done}."]


def _transition(session: Session, actor, move: ReviewMove, answer_id: int, expected_version: int,
                reason: str | None, points: float | None = None) -> _Loaded:
    """Make one move on one answer inside the caller's transaction: load it (region, cycle and
    version checks), check the status allows the move, the reason and the move's own check, then
    write the fields, a review event and an audit row. InvalidInput lists every problem found."""
    reason = _clean_reason(reason)
    loaded = _load_for_action(session, actor, answer_id, expected_version)
    answer = loaded.answer
    problems = _move_problems(loaded, move)
    if move.reason_required is not None:
        problems += _reason_problems(reason, move.reason_required.format(code=loaded.question.code))
    if problems:
        raise InvalidInput(problems)
    checked = move.check(session, loaded, reason, points) if move.check else _Checked([], points)
    if checked.problems:
        raise InvalidInput(checked.problems)
    from_status, to_status = answer.status, next_status(move.action, answer.status)
    now = utc_now()
    old = {"status": from_status, **{name: getattr(answer, name) for name in move.kept}, "version": answer.version}
    values = move.sets(actor.id, now, reason, checked.points)
    guarded_update(session, answer, expected_version, status=to_status, **values, updated_by_id=actor.id,
                   updated_at=now)
    event_points = {"new": values.get("verified_points"),
                    "old": old.get("verified_points")}.get(move.event_points or "")
    session.add(ReviewEvent(answer_id=answer.id, actor_id=actor.id, action=move.action, from_status=from_status,
                            to_status=to_status, points=event_points, reason=reason or None, created_at=now))
    audit.record(session, actor.id, f"answer.{move.action}", "answer", answer.id, answer.region_id, {
        "question": loaded.question.code, "unit": loaded.unit.short_name, "cycle": loaded.cycle.year,
        "old": old, "new": {"status": to_status, **{name: values[name] for name in move.shown},
                            "version": answer.version},
        **checked.audit_extra, "reason": reason or None})
    return loaded


def _result(loaded: _Loaded) -> ReviewResult:
    a = loaded.answer
    return ReviewResult(a.id, loaded.question.code, loaded.unit.short_name, a.status, a.version, a.verified_points,
                        loaded.unit.kind)


def _recompute_units_part(session: Session, actor, acted: list[_Loaded]) -> None:
    """A kecamatan's or kelurahan's answer changed status: the city's derived answer follows."""
    cycles = {item.cycle.id: item.cycle for item in acted if item.unit.kind != CITY_UNIT_KIND}
    for cycle in cycles.values():
        recompute(session, cycle, actor.id)


def _act(engine: Engine, actor, action: str, answer_id: int, expected_version: int, reason: str | None,
         points: float | None = None) -> ReviewResult:
    """One move on one answer in its own transaction, with the city's derived answer and the data
    version following."""
    move = REVIEW_MOVES[action]
    require_role(actor, move.roles, move.refused)
    with unit_of_work(engine) as session:
        require_current_account(session, actor)
        loaded = _transition(session, actor, move, answer_id, expected_version, reason, points)
        _recompute_units_part(session, actor, [loaded])
        bump_data_version(session, loaded.answer.region_id)
        return _result(loaded)


def verify(engine: Engine, actor, answer_id: int, expected_version: int, points: float | None = None,
           reason: str | None = None) -> ReviewResult:
    """Verify a submitted answer with `points` (default: the self-assessed points)."""
    return _act(engine, actor, "verify", answer_id, expected_version, reason, points)


def find_answer(engine: Engine, actor, year: int, question_code: str, unit_short_name: str,
                region_code: str | None = None) -> tuple[int, int]:
    """(answer id, version) of a unit's answer to a question, for a reviewer who names them by
    code (the command line)."""
    require_role(actor, REVIEWERS, NOT_A_REVIEWER)
    with unit_of_work(engine) as session:
        require_current_account(session, actor)
        region = named_or_own_region(session, actor, region_code)
        cycle = cycle_or_current(session, region, year)
        found = session.execute(
            select(Answer.id, Answer.version).join(Question, Answer.question_id == Question.id)
            .join(ReportingUnit, Answer.reporting_unit_id == ReportingUnit.id)
            .where(Answer.cycle_id == cycle.id, Question.code == str(question_code).strip(),
                   ReportingUnit.short_name == str(unit_short_name).strip())).first()
        if found is None:
            raise NotFound(f"{unit_short_name} belum menjawab pertanyaan {question_code} pada siklus {cycle.year}.")
        return found.id, found.version


def verify_many(engine: Engine, actor, items: list[tuple[int, int]]) -> list[ReviewResult]:
    """Verify several submitted answers at their self-assessed points, all or none: any problem
    (a stale version, a status that is not submitted, another region) refuses the whole batch."""
    require_active_actor(engine, actor)
    move = REVIEW_MOVES["verify"]
    require_role(actor, move.roles, move.refused)
    items = list(dict.fromkeys((int(a), int(v)) for a, v in items))
    if not items:
        raise InvalidInput(["Pilih minimal satu jawaban untuk diverifikasi."])
    with unit_of_work(engine) as session:
        require_current_account(session, actor)
        loaded, problems = [], []
        for answer_id, version in items:
            try:
                loaded.append(_transition(session, actor, move, answer_id, version, None))
            except InvalidInput as error:
                problems += error.messages
        if problems:
            raise InvalidInput(problems + ["Tidak ada jawaban yang diverifikasi; perbaiki pilihan lalu coba lagi."])
        _recompute_units_part(session, actor, loaded)
        for region_id in {item.answer.region_id for item in loaded}:
            bump_data_version(session, region_id)
        return [_result(item) for item in loaded]


def return_answer(engine: Engine, actor, answer_id: int, expected_version: int, reason: str) -> ReviewResult:
    """Send a submitted answer back to its unit with a reason the unit sees on its entry page."""
    return _act(engine, actor, "return", answer_id, expected_version, reason)


def reopen(engine: Engine, actor, answer_id: int, expected_version: int, reason: str) -> ReviewResult:
    """The chair takes a verified answer back into the review queue (status submitted), with a
    reason; its verified points are cleared until it is verified again."""
    return _act(engine, actor, "reopen", answer_id, expected_version, reason)
