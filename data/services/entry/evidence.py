"""Evidence files (bukti dukung) of an answer, kept in the database with their SHA-256 so that
every app process and every backup holds them.

What a file must be to count as evidence is data.files.evidence_check (its content and structure,
not its name). Replacing a file keeps the older one (superseded, with the next file_version).
Files are added while the answer is editable and read by the unit's own users and by the region's
task force, secretariat and admin.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, undefer

from data import audit
from data.access import (
    PROVINCE_ROLE,
    REGION_READERS,
    UNIT_ROLES,
    acts_in_region,
    require_active_actor,
    require_current_account,
)
from data.actor import SignedInUser
from data.db import bump_data_version, unit_of_work
from data.errors import InvalidInput, NotFound, PermissionDenied

# file_problems and max_bytes are also asked for through this module (the entry page, the tests).
from data.files.evidence_check import KINDS, detect_kind, file_problems, max_bytes  # noqa: F401  (re-exported)
from data.lookups import previous_cycle
from data.models import Answer, EvidenceFile, Question, Region, User, utc_now
from data.services.entry.scope import (
    acting_unit,
    assigned_question_ids,
    entry_cycle,
    readable_answer_scope,
    require_open_cycle_of_region,
)
from data.services.province.verification import in_province_window
from indicators.workflow import EDITABLE, status_name


@dataclass(frozen=True)
class EvidenceInfo:
    id: int
    filename: str
    content_type: str
    size_bytes: int
    sha256: str
    file_version: int
    superseded: bool
    uploaded_by: str
    uploaded_at: datetime


def upload_evidence(engine: Engine, actor: SignedInUser, question_code: str, filename: str, content: bytes,
                    year: int | None = None, replaces_id: int | None = None,
                    reused_from: int | None = None) -> EvidenceInfo:
    """Add a file to the actor's unit's answer (an empty draft answer is created if there is none
    yet); with replaces_id, or when a current file has the same name, the file it replaces is kept
    as an older version."""
    require_active_actor(engine, actor)
    problems = file_problems(filename, content)
    if problems:
        raise InvalidInput(problems)
    digest = hashlib.sha256(content).hexdigest()
    with unit_of_work(engine) as session:
        unit = acting_unit(session, actor)
        cycle = entry_cycle(session, actor, year)
        require_open_cycle_of_region(actor, cycle)
        question_ids = assigned_question_ids(session, cycle, unit)
        if question_code not in question_ids:
            raise PermissionDenied(f"Pertanyaan {question_code} tidak ditugaskan kepada {unit.name}; "
                                   "Anda hanya dapat mengunggah bukti untuk pertanyaan unit Anda sendiri.")
        answer = session.scalar(select(Answer).where(
            Answer.cycle_id == cycle.id, Answer.reporting_unit_id == unit.id,
            Answer.question_id == question_ids[question_code]))
        if answer is not None and answer.status not in EDITABLE:
            raise PermissionDenied(f"Pertanyaan {question_code} sudah {status_name(answer.status)}; bukti dukungnya "
                                   "tidak dapat diubah lagi, kecuali dikembalikan oleh Gugus Tugas.")
        if answer is None:
            answer = Answer(region_id=cycle.region_id, cycle_id=cycle.id, question_id=question_ids[question_code],
                            reporting_unit_id=unit.id, status="draft", version=1, self_points=0.0,
                            updated_by_id=actor.id, updated_at=utc_now())
            session.add(answer)
            session.flush()
            audit.record(session, actor.id, "answer.save", "answer", answer.id, cycle.region_id, {
                "question": question_code, "unit": unit.short_name, "cycle": cycle.year, "source": "evidence",
                "old": None, "new": {"value": {}, "display": "", "note": None, "status": "draft", "points": 0.0,
                                     "version": 1}})
        current = list(session.scalars(select(EvidenceFile).where(
            EvidenceFile.answer_id == answer.id, EvidenceFile.superseded.is_(False))))
        same = next((f for f in current if f.sha256 == digest), None)
        if same is not None:
            raise InvalidInput([f"Berkas ini sudah diunggah untuk pertanyaan {question_code} "
                                f"sebagai '{same.filename}'."])
        replaced = None
        if replaces_id is not None:
            replaced = next((f for f in current if f.id == replaces_id), None)
            if replaced is None:
                raise NotFound("Berkas yang hendak diganti tidak ditemukan pada jawaban ini (mungkin sudah diganti). "
                               "Muat ulang halaman.")
        same_name = next((f for f in current if f.filename == filename and f is not replaced), None)
        if same_name is not None and replaced is not None:
            raise InvalidInput([f"Pertanyaan {question_code} sudah punya berkas lain bernama '{filename}'. "
                                "Ubah nama berkas baru ini, atau ganti berkas yang bernama sama itu."])
        replaced = replaced or same_name
        if replaced is not None:
            replaced.superseded = True
            session.flush()
        kind = detect_kind(content)
        if kind is None:  # file_problems above has already refused a file of no known kind
            raise InvalidInput(file_problems(filename, content))
        row = EvidenceFile(answer_id=answer.id, filename=filename, content_type=KINDS[kind][0],
                           size_bytes=len(content), sha256=digest, content=content,
                           file_version=replaced.file_version + 1 if replaced else 1, superseded=False,
                           uploaded_by_id=actor.id, uploaded_at=utc_now())
        session.add(row)
        session.flush()
        audit.record(session, actor.id, "evidence.replace" if replaced else "evidence.upload", "evidence_file",
                     row.id, cycle.region_id, {
                         "question": question_code, "unit": unit.short_name, "cycle": cycle.year,
                         "answer_id": answer.id, "filename": filename, "sha256": digest, "size_bytes": len(content),
                         "file_version": row.file_version, "replaces": replaced.id if replaced else None,
                         **({"reused_from": reused_from} if reused_from else {})})
        bump_data_version(session, cycle.region_id)
        return _info(row, actor.display_name)


def list_evidence(engine: Engine, actor: SignedInUser, question_code: str, year: int | None = None,
                  unit_short_name: str | None = None, include_superseded: bool = True) -> list[EvidenceInfo]:
    """The files of one unit's answer, current first, then older versions; newest first within."""
    with unit_of_work(engine) as session:
        cycle, unit = readable_answer_scope(session, actor, year, unit_short_name)
        query = (select(EvidenceFile, User.display_name)
                 .join(Answer, EvidenceFile.answer_id == Answer.id)
                 .join(Question, Answer.question_id == Question.id)
                 .outerjoin(User, EvidenceFile.uploaded_by_id == User.id)
                 .where(Answer.cycle_id == cycle.id, Answer.reporting_unit_id == unit.id,
                        Question.code == question_code, Question.catalog_version_id == cycle.catalog_version_id)
                 .order_by(EvidenceFile.superseded, EvidenceFile.uploaded_at.desc(), EvidenceFile.id.desc()))
        if not include_superseded:
            query = query.where(EvidenceFile.superseded.is_(False))
        return [_info(f, who) for f, who in session.execute(query).all()]


def earlier_evidence(engine: Engine, actor: SignedInUser, question_code: str, year: int | None = None
                     ) -> tuple[int | None, list[EvidenceInfo]]:
    """Last cycle's current files of the actor's unit for the same question code (a Perda or an
    SK still in force), those not attached again yet: (last cycle's year, files)."""
    with unit_of_work(engine, read_only=True) as session:
        unit = acting_unit(session, actor)
        cycle = entry_cycle(session, actor, year)
        earlier = previous_cycle(session, cycle)
        if earlier is None:
            return None, []
        attached = set(session.scalars(
            select(EvidenceFile.sha256).join(Answer, EvidenceFile.answer_id == Answer.id)
            .join(Question, Answer.question_id == Question.id)
            .where(Answer.cycle_id == cycle.id, Answer.reporting_unit_id == unit.id, Question.code == question_code,
                   EvidenceFile.superseded.is_(False))))
        rows = session.execute(
            select(EvidenceFile, User.display_name)
            .join(Answer, EvidenceFile.answer_id == Answer.id)
            .join(Question, Answer.question_id == Question.id)
            .outerjoin(User, EvidenceFile.uploaded_by_id == User.id)
            .where(Answer.cycle_id == earlier.id, Answer.reporting_unit_id == unit.id,
                   Question.code == question_code, EvidenceFile.superseded.is_(False))
            .order_by(EvidenceFile.uploaded_at.desc(), EvidenceFile.id.desc())).all()
        return earlier.year, [_info(f, who) for f, who in rows if f.sha256 not in attached]


def reuse_evidence(engine: Engine, actor: SignedInUser, question_code: str, evidence_id: int,
                   year: int | None = None) -> EvidenceInfo:
    """Attach one of last cycle's files (earlier_evidence) to this cycle's answer again: stored
    and checked like a new upload, reviewed like one, its audit row naming the file it came from."""
    _, offered = earlier_evidence(engine, actor, question_code, year)
    if evidence_id not in {info.id for info in offered}:
        raise NotFound("Berkas siklus lalu itu tidak tersedia untuk pertanyaan ini (mungkin sudah dilampirkan).")
    filename, _, content = download_evidence(engine, actor, evidence_id)
    return upload_evidence(engine, actor, question_code, filename, content, year, reused_from=evidence_id)


def download_evidence(engine: Engine, actor: SignedInUser, evidence_id: int) -> tuple[str, str, bytes]:
    """(file name, content type, bytes) of a file the actor may see."""
    require_active_actor(engine, actor)
    with unit_of_work(engine) as session:
        row = session.scalar(select(EvidenceFile).options(undefer(EvidenceFile.content))
                             .where(EvidenceFile.id == evidence_id))
        if row is None:
            raise NotFound("Berkas bukti tidak ditemukan.")
        answer = session.get(Answer, row.answer_id)
        if answer is None:
            raise NotFound("Jawaban berkas bukti ini tidak ditemukan.")
        _require_reader(session, actor, answer)
        return row.filename, row.content_type, row.content


def _require_reader(session: Session, actor: SignedInUser, answer: Answer) -> None:
    require_current_account(session, actor)
    if actor.role in UNIT_ROLES:
        if actor.unit_id != answer.reporting_unit_id:
            raise PermissionDenied("Anda hanya dapat mengunduh bukti dukung unit Anda sendiri.")
        return
    if actor.role in REGION_READERS and acts_in_region(actor, answer.region_id):
        return
    if actor.role == PROVINCE_ROLE:
        region = session.get(Region, answer.region_id)
        if region is None:
            raise NotFound("Wilayah jawaban ini tidak ditemukan.")
        if region.province_code != actor.province_code:
            raise PermissionDenied(f"{region.name} bukan kabupaten/kota provinsi Anda.")
        if in_province_window(session, answer):
            return  # the province's administrative verification reads the evidence of its kab/kota
        raise PermissionDenied("Bukti dukung ini di luar verifikasi administrasi provinsi: provinsi membaca bukti "
                               "jawaban terverifikasi kota pada siklus yang sudah ditutup dan belum dipublikasikan.")
    raise PermissionDenied("Anda tidak berwenang mengunduh bukti dukung ini.")


def _info(row: EvidenceFile, uploaded_by: str | None) -> EvidenceInfo:
    return EvidenceInfo(id=row.id, filename=row.filename, content_type=row.content_type, size_bytes=row.size_bytes,
                        sha256=row.sha256, file_version=row.file_version, superseded=row.superseded,
                        uploaded_by=uploaded_by or "-", uploaded_at=row.uploaded_at)

