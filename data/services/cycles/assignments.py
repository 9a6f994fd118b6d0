"""Who answers each question of a region's cycle: listed, and changed by the secretariat (move a
question to another OPD, add or remove a co-answering OPD). Questions asked of every kecamatan or
kelurahan go to every unit of the kind and are not edited here. Assignments hold per instrument
version, so every cycle of the region on that version shares them."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, delete, select
from sqlalchemy.orm import Session

from data import audit
from data.access import CYCLE_OPENERS, REGION_READERS, named_or_own_region, require_current_account, require_role
from data.actor import SignedInUser
from data.db import bump_data_version, unit_of_work
from data.errors import InvalidInput, NotFound
from data.lookups import find_cycle, find_unit
from data.models import (
    CITY_UNIT_KIND,
    Answer,
    Assignment,
    CatalogGroup,
    EvaluationCycle,
    Indicator,
    Question,
    Region,
    ReportingUnit,
)
from indicators.workflow import CYCLE_CLOSED

NOT_ALLOWED = "Hanya admin atau sekretariat KLA yang dapat mengubah penugasan pertanyaan."
MAX_QUESTIONS_AT_ONCE = 1000
"""More than any instrument holds (274 questions in 2024, ~430 in 2019)."""


def unassigned_questions(session: Session, region: Region, catalog_version_id: int) -> list[str]:
    """Codes of the version's questions no active unit of the region answers, in catalog order."""
    active = select(ReportingUnit.id).where(ReportingUnit.region_id == region.id, ReportingUnit.active.is_(True))
    answered = select(Assignment.question_id).where(Assignment.region_id == region.id,
                                                    Assignment.reporting_unit_id.in_(active))
    return list(session.scalars(select(Question.code).where(
        Question.catalog_version_id == catalog_version_id, Question.id.not_in(answered)).order_by(Question.id)))


def assignment_table(engine: Engine, actor: SignedInUser, region_code: str | None, year: int) -> list[dict]:
    """Every question of the cycle: code, group, indicator, prompt, who it is asked of, its data
    sources and the units assigned (short names; inactive ones marked)."""
    with unit_of_work(engine) as session:
        require_role(actor, REGION_READERS, NOT_ALLOWED)
        require_current_account(session, actor)
        region = named_or_own_region(session, actor, region_code)
        cycle = find_cycle(session, region, year)
        units: dict[int, list[str]] = {}
        for question_id, short, active in session.execute(
                select(Assignment.question_id, ReportingUnit.short_name, ReportingUnit.active)
                .join(ReportingUnit, Assignment.reporting_unit_id == ReportingUnit.id)
                .where(Assignment.region_id == region.id).order_by(ReportingUnit.short_name)):
            units.setdefault(question_id, []).append(short if active else f"{short} (nonaktif)")
        rows = session.execute(select(Question, Indicator.code, CatalogGroup.code)
                               .join(Indicator, Question.indicator_id == Indicator.id)
                               .join(CatalogGroup, Indicator.group_id == CatalogGroup.id)
                               .where(Question.catalog_version_id == cycle.catalog_version_id)
                               .order_by(Question.id)).all()
        return [{"code": q.code, "group": group, "indicator": indicator, "prompt": q.prompt_id,
                 "answered_by": q.answered_by, "data_sources": list(q.data_sources or []),
                 "units": units.get(q.id, [])} for q, indicator, group in rows]


def set_question_units(engine: Engine, actor: SignedInUser, region_code: str | None, year: int, question_code: str,
                       unit_short_names: list[str], confirm_answered: bool = False) -> tuple[list[str], list[str]]:
    """Make exactly these OPDs answer the question (moving it, adding or removing co-answering
    OPDs); returns (added, removed). Removing an OPD that already answered it in a cycle not yet
    closed needs confirm_answered (its answer stays, no longer counted as its work)."""
    with unit_of_work(engine) as session:
        region, cycle, question = _scope(session, actor, region_code, year, question_code)
        wanted = {}
        for short in dict.fromkeys(s.strip() for s in unit_short_names if s and s.strip()):
            unit = find_unit(session, region, short)
            if unit.kind != CITY_UNIT_KIND:
                raise InvalidInput([f"{unit.name} adalah {unit.kind}; pertanyaan kota dijawab OPD."])
            if not unit.active:
                raise InvalidInput([f"{unit.name} nonaktif; aktifkan dulu sebelum memberinya pertanyaan."])
            wanted[unit.id] = unit
        current = {unit.id: unit for unit in session.scalars(
            select(ReportingUnit).join(Assignment, Assignment.reporting_unit_id == ReportingUnit.id)
            .where(Assignment.region_id == region.id, Assignment.question_id == question.id))}
        removed = [current[i] for i in current if i not in wanted]
        added = [wanted[i] for i in wanted if i not in current]
        answered = _answered_by(session, question, [u.id for u in removed])
        if answered and not confirm_answered:
            raise InvalidInput([f"{', '.join(u.name for u in answered)} sudah menjawab pertanyaan {question.code} "
                                "pada siklus yang belum ditutup; centang konfirmasi untuk tetap memindahkannya "
                                "(jawabannya tetap tersimpan)."])
        for unit in removed:
            session.execute(delete(Assignment).where(Assignment.region_id == region.id,
                                                     Assignment.question_id == question.id,
                                                     Assignment.reporting_unit_id == unit.id))
        for unit in added:
            session.add(Assignment(region_id=region.id, question_id=question.id, reporting_unit_id=unit.id))
        if added or removed:
            audit.record(session, actor.id, "assignment.change", "question", question.id, region.id,
                         {"question": question.code, "cycle": cycle.year,
                          "old": sorted(u.short_name for u in current.values()),
                          "new": sorted(u.short_name for u in wanted.values()),
                          "answered_removed": [u.short_name for u in answered]})
            bump_data_version(session, region.id)
        return [u.short_name for u in added], [u.short_name for u in removed]


def assign(engine: Engine, actor: SignedInUser, region_code: str | None, year: int, question_code: str,
           unit_short_name: str, remove: bool = False, confirm_answered: bool = False) -> tuple[list[str], list[str]]:
    """Add one OPD to a question's answering units, or (remove) take it off."""
    current = [u.removesuffix(" (nonaktif)") for u in _units_of(engine, actor, region_code, year, question_code)]
    short = (unit_short_name or "").strip()
    if remove and short not in current:
        raise InvalidInput([f"{short} tidak menjawab pertanyaan {question_code}; tidak ada yang dihapus."])
    wanted = [u for u in current if u != short] if remove else [*current, short]
    return set_question_units(engine, actor, region_code, year, question_code, wanted, confirm_answered)


@dataclass(frozen=True)
class ManyAssigned:
    questions: list[str]
    """The codes of the questions that received at least one of the OPDs."""
    unchanged: list[str]
    """The codes already answered by every one of the OPDs."""
    added: int
    """How many (question, OPD) assignments were added."""


def assign_questions(engine: Engine, actor: SignedInUser, region_code: str | None, year: int,
                     question_codes: list[str], unit_short_names: list[str]) -> ManyAssigned:
    """Give many questions at once (picked by indicator, by data source or one by one) to the
    OPDs named, beside the OPDs that already answer them: one transaction, one audit row. Nothing
    is taken off any OPD here (set_question_units moves one question)."""
    codes = list(dict.fromkeys(c.strip() for c in question_codes if c and c.strip()))
    shorts = list(dict.fromkeys(s.strip() for s in unit_short_names if s and s.strip()))
    with unit_of_work(engine) as session:
        require_role(actor, CYCLE_OPENERS, NOT_ALLOWED)
        require_current_account(session, actor)
        region = named_or_own_region(session, actor, region_code)
        cycle = find_cycle(session, region, year)
        problems: list[str] = []
        if cycle.status == CYCLE_CLOSED:
            raise InvalidInput([f"Siklus {cycle.year} sudah ditutup; penugasannya tidak diubah lagi."])
        if not codes:
            problems.append("Pilih sedikitnya satu pertanyaan (menurut indikator, sumber data, atau satu per satu).")
        if len(codes) > MAX_QUESTIONS_AT_ONCE:
            problems.append(f"Paling banyak {MAX_QUESTIONS_AT_ONCE} pertanyaan sekaligus; {len(codes)} dipilih.")
        if not shorts:
            problems.append("Pilih sedikitnya satu OPD yang menjawab pertanyaan-pertanyaan itu.")
        units = [_assignable_opd(session, region, short, problems) for short in shorts]
        questions = {q.code: q for q in session.scalars(select(Question).where(
            Question.catalog_version_id == cycle.catalog_version_id, Question.code.in_(codes)))}
        unknown = [c[:20] for c in codes if c not in questions]
        if unknown:
            problems.append(f"Pertanyaan {', '.join(unknown[:10])} tidak ada pada instrumen siklus {cycle.year}.")
        by_area = [c for c in codes if c in questions and questions[c].answered_by != "city"]
        if by_area:
            problems.append(f"Pertanyaan {', '.join(by_area[:10])} dijawab setiap kecamatan atau kelurahan; "
                            "penugasannya mengikuti daftar unit wilayah. Keluarkan dari pilihan.")
        if problems:
            raise InvalidInput(problems)
        wanted = [(questions[c], u) for c in codes for u in units if u is not None]
        existing = set(session.execute(select(Assignment.question_id, Assignment.reporting_unit_id).where(
            Assignment.region_id == region.id, Assignment.question_id.in_([q.id for q in questions.values()]))).all())
        new = [(q, u) for q, u in wanted if (q.id, u.id) not in existing]
        for question, unit in new:
            session.add(Assignment(region_id=region.id, question_id=question.id, reporting_unit_id=unit.id))
        changed = list(dict.fromkeys(q.code for q, _ in new))
        if new:
            audit.record(session, actor.id, "assignment.add_many", "evaluation_cycle", cycle.id, region.id,
                         {"cycle": cycle.year, "questions": changed, "units": shorts, "added": len(new)})
            bump_data_version(session, region.id)
        return ManyAssigned(changed, [c for c in codes if c not in changed], len(new))


def _assignable_opd(session: Session, region: Region, short: str, problems: list[str]) -> ReportingUnit | None:
    unit = session.scalar(select(ReportingUnit).where(ReportingUnit.region_id == region.id,
                                                      ReportingUnit.short_name == short))
    if unit is None:
        problems.append(f"OPD '{short[:40]}' tidak terdaftar di {region.name}.")
    elif unit.kind != CITY_UNIT_KIND:
        problems.append(f"{unit.name} adalah {unit.kind}; pertanyaan kota dijawab OPD.")
    elif not unit.active:
        problems.append(f"{unit.name} nonaktif; aktifkan dulu sebelum memberinya pertanyaan.")
    else:
        return unit
    return None


def _units_of(engine, actor, region_code, year, question_code) -> list[str]:
    with unit_of_work(engine) as session:
        region, _, question = _scope(session, actor, region_code, year, question_code)
        return list(session.scalars(select(ReportingUnit.short_name)
                                    .join(Assignment, Assignment.reporting_unit_id == ReportingUnit.id)
                                    .where(Assignment.region_id == region.id, Assignment.question_id == question.id)))


def _scope(session: Session, actor: SignedInUser, region_code: str | None, year: int, question_code: str):
    require_role(actor, CYCLE_OPENERS, NOT_ALLOWED)
    require_current_account(session, actor)
    region = named_or_own_region(session, actor, region_code)
    cycle = find_cycle(session, region, year)
    if cycle.status == CYCLE_CLOSED:
        raise InvalidInput([f"Siklus {cycle.year} sudah ditutup; penugasannya tidak diubah lagi."])
    code = (question_code or "").strip()
    question = session.scalar(select(Question).where(Question.catalog_version_id == cycle.catalog_version_id,
                                                     Question.code == code))
    if question is None:
        raise NotFound(f"Pertanyaan {code[:20]} tidak ada pada instrumen siklus {cycle.year}.")
    if question.answered_by != "city":
        raise InvalidInput([f"Pertanyaan {code} dijawab setiap kecamatan atau kelurahan; penugasannya mengikuti "
                            "daftar unit wilayah."])
    return region, cycle, question


def _answered_by(session: Session, question: Question, unit_ids: list[int]) -> list[ReportingUnit]:
    if not unit_ids:
        return []

    ids = set(session.scalars(select(Answer.reporting_unit_id)
                              .join(EvaluationCycle, Answer.cycle_id == EvaluationCycle.id)
                              .where(Answer.question_id == question.id, Answer.reporting_unit_id.in_(unit_ids),
                                     EvaluationCycle.status != CYCLE_CLOSED)))
    answered = []
    for unit_id in unit_ids:
        if unit_id in ids:
            unit = session.get(ReportingUnit, unit_id)
            assert unit is not None  # it has an answer, read just above
            answered.append(unit)
    return answered


