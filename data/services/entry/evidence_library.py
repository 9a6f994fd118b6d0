"""A unit's evidence library: every current file the unit attached in this cycle or the one
before, once per content, with the questions of this cycle it is attached to, and one file
attached to several questions at once (a Perda or an SK that supports many answers). Each
attachment is stored and checked like an upload (evidence.upload_evidence), its audit row naming
the file it came from; each question succeeds or fails on its own line."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Engine, select

from data.actor import SignedInUser
from data.db import unit_of_work
from data.errors import DomainError, InvalidInput, NotFound
from data.lookups import previous_cycle
from data.models import Answer, EvaluationCycle, EvidenceFile, Question
from data.services.entry.evidence import download_evidence, upload_evidence
from data.services.entry.scope import acting_unit, entry_cycle


@dataclass
class LibraryFile:
    evidence_id: int               # the newest stored copy of this content
    filename: str
    size_bytes: int
    sha256: str
    uploaded_at: datetime
    cycle_year: int                # the cycle of that newest copy
    attached_to: list[str] = field(default_factory=list)   # this cycle's question codes holding it


@dataclass
class Attached:
    question_code: str
    problem: str | None = None     # None: attached


def unit_library(engine: Engine, actor: SignedInUser, year: int | None = None) -> list[LibraryFile]:
    """The unit's current files of this cycle and the previous one, newest first, once per content."""
    with unit_of_work(engine, read_only=True) as session:
        unit = acting_unit(session, actor)
        cycle = entry_cycle(session, actor, year)
        cycles = [cycle] + ([earlier] if (earlier := previous_cycle(session, cycle)) else [])
        rows = session.execute(
            select(EvidenceFile.id, EvidenceFile.filename, EvidenceFile.size_bytes, EvidenceFile.sha256,
                   EvidenceFile.uploaded_at, EvaluationCycle.year, Question.code, Answer.cycle_id)
            .join(Answer, EvidenceFile.answer_id == Answer.id)
            .join(Question, Answer.question_id == Question.id)
            .join(EvaluationCycle, Answer.cycle_id == EvaluationCycle.id)
            .where(Answer.reporting_unit_id == unit.id, Answer.cycle_id.in_([c.id for c in cycles]),
                   EvidenceFile.superseded.is_(False))
            .order_by(EvidenceFile.uploaded_at.desc(), EvidenceFile.id.desc())).all()
        library: dict[str, LibraryFile] = {}
        for row in rows:
            entry = library.setdefault(row.sha256, LibraryFile(row.id, row.filename, row.size_bytes, row.sha256,
                                                               row.uploaded_at, row.year))
            if row.cycle_id == cycle.id and row.code not in entry.attached_to:
                entry.attached_to.append(row.code)
        return list(library.values())


def attach_to_questions(engine: Engine, actor: SignedInUser, evidence_id: int, question_codes: list[str],
                        year: int | None = None) -> list[Attached]:
    """Attach one library file to each of the questions, each on its own: a question already
    holding it, locked or not the unit's comes back with its reason; the others are attached."""
    codes = list(dict.fromkeys(question_codes))
    if not codes:
        raise InvalidInput(["Pilih setidaknya satu pertanyaan untuk dilampiri berkas ini."])
    offered = {f.evidence_id: f for f in unit_library(engine, actor, year)}
    if evidence_id not in offered:
        raise NotFound("Berkas itu tidak ada di pustaka bukti unit Anda (mungkin sudah diganti). Muat ulang halaman.")
    filename, _, content = download_evidence(engine, actor, evidence_id)
    results = []
    for code in codes:
        if code in offered[evidence_id].attached_to:
            results.append(Attached(code, f"Pertanyaan {code} sudah memuat berkas ini."))
            continue
        try:
            upload_evidence(engine, actor, code, filename, content, year, reused_from=evidence_id)
            results.append(Attached(code))
        except DomainError as refused:
            results.append(Attached(code, refused.message))
    return results
