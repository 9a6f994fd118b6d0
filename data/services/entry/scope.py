"""Who enters what: the rules every entry use case shares. Only a unit role (OPD, kecamatan,
kelurahan) enters answers, for its own active unit, in its own region, in an open cycle, and only
the questions assigned to its unit; the task force, secretariat and admin of the region read them.
Also what stands between a saved answer and submitting it, and last cycle's values to compare."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from data.access import REGION_READERS, UNIT_ROLES, require_current_account
from data.actor import SignedInUser
from data.errors import NotFound, PermissionDenied
from data.lookups import cycle_or_current, find_cycle, previous_cycle
from data.models import CITY_UNIT_KIND, Answer, Assignment, EvaluationCycle, Question, Region, ReportingUnit
from indicators.answers import AnswerValue, answer_value, evidence_needed, plausibility_problem, value_problems
from indicators.catalog import Catalog
from indicators.catalog import Question as CatalogQuestion
from indicators.derivation import is_derived
from indicators.workflow import CYCLE_OPEN, cycle_not_open


def submit_problems(question: CatalogQuestion, value: AnswerValue, note: str | None, evidence_count: int,
                     previous: AnswerValue | None) -> list[str]:
    """What stands between a saved answer and submitting it (messages without the code)."""
    problems = list(value_problems(question, value))
    if evidence_count == 0 and evidence_needed(question, value):
        problems.append("Unggah bukti dukung yang diminta pertanyaan ini.")
    implausible = plausibility_problem(question, value, previous)
    if implausible and not (note or "").strip():
        problems.append(implausible)
    return problems


def acting_unit(session: Session, actor: SignedInUser) -> ReportingUnit:
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


def entry_cycle(session: Session, actor: SignedInUser, year: int | None) -> EvaluationCycle:
    region = session.get(Region, actor.region_id) if actor.region_id is not None else None
    if region is None:
        raise PermissionDenied("Akun Anda belum terhubung ke wilayah mana pun. Hubungi sekretariat KLA.")
    return cycle_or_current(session, region, year)


def require_open_cycle_of_region(actor: SignedInUser, cycle: EvaluationCycle) -> None:
    """The cycle is the actor's and open, read again under a share lock inside the writing
    transaction: a cycle closed meanwhile refuses the save (on PostgreSQL, closing waits for the
    save; on SQLite the unit of work holds the write lock from its start)."""
    session = object_session(cycle)
    assert session is not None  # the cycle was read in the writing transaction's session
    session.refresh(cycle, with_for_update={"read": True})
    if cycle.region_id != actor.region_id:
        raise PermissionDenied("Anda hanya dapat mengisi jawaban wilayah Anda sendiri.")
    if cycle.status != CYCLE_OPEN:
        raise PermissionDenied(
            f"{cycle_not_open(cycle.year, cycle.status)}; jawaban tidak dapat diubah atau diajukan lagi.")


def readable_answer_scope(session: Session, actor: SignedInUser, year: int | None,
                           unit_short_name: str | None) -> tuple[EvaluationCycle, ReportingUnit]:
    if actor.role in UNIT_ROLES:
        own_unit = acting_unit(session, actor)
        if unit_short_name not in (None, own_unit.short_name):
            raise PermissionDenied("Anda hanya dapat melihat jawaban unit Anda sendiri.")
        return entry_cycle(session, actor, year), own_unit
    if actor.role not in REGION_READERS or not unit_short_name:
        raise PermissionDenied("Anda tidak berwenang melihat riwayat jawaban ini.")
    require_current_account(session, actor)
    unit = session.scalar(select(ReportingUnit).where(ReportingUnit.short_name == unit_short_name,
                                                      ReportingUnit.region_id == actor.region_id)) \
        if actor.role != "admin" else session.scalar(select(ReportingUnit).where(
            ReportingUnit.short_name == unit_short_name))
    if unit is None:
        raise NotFound(f"Unit '{unit_short_name}' tidak ditemukan di wilayah Anda.")
    region = session.get(Region, unit.region_id)
    if region is None:
        raise NotFound(f"Wilayah unit '{unit_short_name}' tidak ditemukan.")
    if year is None:
        cycle = session.scalar(select(EvaluationCycle).where(EvaluationCycle.region_id == region.id)
                               .order_by(EvaluationCycle.year.desc()))
        if cycle is None:
            raise NotFound(f"Belum ada siklus evaluasi untuk {region.name}.")
        return cycle, unit
    return find_cycle(session, region, int(year)), unit


def not_assigned_message(catalog: Catalog, unit: ReportingUnit, codes: list[str], doing: str) -> str:
    listed = ", ".join(codes)
    derived = [c for c in codes if in_catalog(catalog, c) and is_derived(catalog.question(c))]
    if unit.kind == CITY_UNIT_KIND and derived:
        return (f"Pertanyaan {', '.join(derived)} dijawab oleh setiap kecamatan atau desa/kelurahan; jawaban kota "
                "dihitung otomatis dari jawaban mereka dan tidak diisi oleh OPD.")
    if unit.kind != CITY_UNIT_KIND:
        return (f"Pertanyaan {listed} tidak ditanyakan kepada {unit.name}; {unit.kind} hanya menjawab pertanyaan "
                f"Kelana Dekela yang ditandai untuk setiap {unit.kind}.")
    return (f"Pertanyaan {listed} tidak ditugaskan kepada {unit.name}; "
            f"Anda hanya dapat {doing} jawaban unit Anda sendiri.")


def in_catalog(catalog: Catalog, code: str) -> bool:
    try:
        catalog.question(code)
    except KeyError:
        return False
    return True


def question_id_of(session: Session, cycle: EvaluationCycle, code: str) -> int:
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


def previous_values(session: Session, cycle: EvaluationCycle, unit: ReportingUnit,
                     codes: list[str]) -> dict[str, AnswerValue]:
    """Last cycle's answers of the same unit, by question code (codes carry across versions)."""
    previous = previous_cycle(session, cycle)
    if previous is None or not codes:
        return {}
    rows = session.execute(
        select(Question.code, Answer).join(Question, Answer.question_id == Question.id)
        .where(Answer.cycle_id == previous.id, Answer.reporting_unit_id == unit.id, Question.code.in_(codes))).all()
    return {code: answer_value(answer) for code, answer in rows}


def clean_note(note: str | None) -> str | None:
    if note is None:
        return None
    note = str(note).replace("\r\n", "\n").strip()
    return note or None
