"""The Excel route of OPD data entry: download a unit's template for a cycle, fill it offline,
upload it for a dry run that lists every problem by row and column, then apply it. The file
format itself is data.files.entry_workbook; a template of another OPD, region or cycle is refused.

Importing is all or nothing: any problem and nothing changes. Unchanged rows, and rows whose
answer cells and note are all empty, are skipped. Applying saves drafts through
data.services.entry.answers.save_answers in one transaction; the user submits on the entry page.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from data.access import REGION_READERS, UNIT_ROLES, acts_in_region, require_active_actor, require_current_account
from data.actor import SignedInUser
from data.db import unit_of_work
from data.errors import InvalidInput, NotFound, PermissionDenied, StaleAnswer
from data.files.entry_workbook import (
    INPUT_COLUMNS,
    VALUE_COLUMN_BY_TYPE,
    ParsedFile,
    TemplateRow,
    answer_in_row,
    blank,
    read_file,
    version_in_file,
    where,
    workbook_bytes,
)
from data.lookups import find_cycle, find_region, find_unit, previous_cycle
from data.models import Answer, EvaluationCycle, Question, Region, ReportingUnit, User
from data.services.entry.answers import AnswerChange, save_answers
from data.services.entry.scope import assigned_question_ids
from data.services.kelana.derived_answers import catalog_for_unit
from indicators import text
from indicators.answers import AnswerValue, answer_value, display_value, plausibility_problem, value_problems
from indicators.catalog import Catalog
from indicators.catalog import Question as CatalogQuestion
from indicators.spreadsheet import cell_number
from indicators.wilayah import time_zone_of
from indicators.workflow import CYCLE_OPEN, ENTERABLE, cycle_not_open, status_name

MAX_PROBLEMS = 200


@dataclass(frozen=True)
class RowChange:
    """A change the import would make, for showing: where it is and what it changes."""

    row: int
    question_code: str
    old: str
    new: str
    note_changed: bool


@dataclass
class ImportResult:
    changes: list = field(default_factory=list)  # data.services.entry.answers.AnswerChange
    problems: list[str] = field(default_factory=list)
    applied: bool = False
    unit_short_name: str | None = None
    cycle_year: int | None = None
    rows_read: int = 0
    unchanged: int = 0
    row_changes: list[RowChange] = field(default_factory=list)




def template_rows(session: Session, unit: ReportingUnit, cycle: EvaluationCycle,
                  catalog: Catalog) -> list[TemplateRow]:
    """The questions assigned to `unit` in the cycle's catalog, in catalog order."""
    assigned = set(assigned_question_ids(session, cycle, unit))
    current = {code: (answer, name) for answer, code, name in session.execute(
        select(Answer, Question.code, User.display_name)
        .join(Question, Answer.question_id == Question.id)
        .outerjoin(User, Answer.updated_by_id == User.id)
        .where(Answer.cycle_id == cycle.id, Answer.reporting_unit_id == unit.id)
    )}
    previous: dict[str, AnswerValue] = {}
    before = previous_cycle(session, cycle)
    if before is not None:
        for earlier, code in session.execute(
            select(Answer, Question.code).join(Question, Answer.question_id == Question.id)
            .where(Answer.cycle_id == before.id, Answer.reporting_unit_id == unit.id)
        ):
            previous[code] = answer_value(earlier)
    rows = []
    for question in catalog.questions:
        if question.code not in assigned:
            continue
        answer, author = current.get(question.code, (None, None))
        rows.append(TemplateRow(
            question=question,
            answer_id=answer.id if answer else None,
            status=answer.status if answer else "not_started",
            value=answer_value(answer) if answer else AnswerValue(),
            note=answer.note if answer else None,
            version=answer.version if answer else None,
            return_reason=answer.return_reason if answer else None,
            updated_by=author,
            updated_at=answer.updated_at if answer else None,
            previous=previous.get(question.code),
        ))
    return rows


def _region_for_export(session: Session, actor: SignedInUser, region_code: str | None) -> Region:
    if region_code:
        return find_region(session, region_code)
    if actor.region_code:
        return find_region(session, actor.region_code)
    codes = list(session.scalars(select(Region.code).order_by(Region.code)))
    if len(codes) == 1:
        return find_region(session, codes[0])
    raise InvalidInput([f"Sebutkan wilayahnya (--region); wilayah yang ada: {', '.join(codes) or 'belum ada'}."])




def export_template(engine: Engine, actor: SignedInUser, opd_short_name: str, year: int,
                    region_code: str | None = None) -> bytes:
    """The unit's template for the cycle as .xlsx bytes. The command line acts as an admin; a unit's
    user exports only their own unit's template, the task force and secretariat any unit's of their
    region, an admin any; no one else (the Forum Anak's facilitator reads no unit's answers)."""
    if actor.role not in (*REGION_READERS, *UNIT_ROLES):
        raise PermissionDenied("Templat isian hanya untuk unit itu sendiri, sekretariat, dan Gugus Tugas KLA.")
    with unit_of_work(engine) as session:
        require_current_account(session, actor)
        region = _region_for_export(session, actor, region_code)
        unit = find_unit(session, region, opd_short_name)
        if not acts_in_region(actor, region.id):
            raise PermissionDenied("Anda hanya dapat mengunduh templat wilayah Anda sendiri.")
        if actor.role in UNIT_ROLES and actor.unit_id != unit.id:
            raise PermissionDenied("Anda hanya dapat mengunduh templat unit Anda sendiri.")
        cycle = find_cycle(session, region, int(year))
        catalog = catalog_for_unit(session, cycle, unit)
        rows = template_rows(session, unit, cycle, catalog)
        if not rows:
            raise NotFound(f"Belum ada pertanyaan yang ditugaskan kepada {unit.name} pada siklus {cycle.year}.")
        return workbook_bytes(region, unit, cycle, catalog, rows)






def _same_number(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)


def _same(question: CatalogQuestion, a: AnswerValue, b: AnswerValue) -> bool:
    kind = question.answer.type
    if kind == "yes_no":
        return a.bool_value == b.bool_value
    if question.answer.has_options:
        return (a.choice_code or None) == (b.choice_code or None)
    if kind == "percentage":
        return _same_number(a.numerator, b.numerator) and _same_number(a.denominator, b.denominator)
    return _same_number(a.count_value, b.count_value)


def _stale_message(line: int, code: str, current: TemplateRow, zone: str | None) -> str:
    who = current.updated_by or "pengguna lain"
    when = ""
    if current.updated_at is not None:
        when = " pada " + text.date_time(current.updated_at, "id", zone)
    return (f"{where(line)}: jawaban {code} sudah diubah oleh {who}{when} setelah templat ini diunduh. "
            "Unduh templat baru, atau kosongkan sel jawaban dan catatan di baris ini bila Anda tidak "
            "mengubahnya.")


def _check_rows(parsed: ParsedFile, catalog: Catalog, current: dict[str, TemplateRow],
                unit: ReportingUnit, cycle: EvaluationCycle, result: ImportResult, zone: str | None) -> None:
    problems = result.problems
    seen: dict[str, int] = {}
    codes = {q.code: q for q in catalog.questions}
    for row in parsed.rows:
        result.rows_read += 1
        for key in row.formulas:
            problems.append(f"{where(row.line, key)}: sel berisi rumus; ketik nilainya saja (tanpa '=').")
        if row.formulas:
            continue
        code = "" if blank(row.cells.get("code")) else str(row.cells["code"]).strip()
        if not code:
            if any(not blank(row.cells.get(key)) for key in INPUT_COLUMNS):
                problems.append(f"{where(row.line, 'code')}: kode pertanyaan kosong. Jangan mengubah kolom Kode.")
            continue
        if code in seen:
            problems.append(f"{where(row.line, 'code')}: pertanyaan {code} sudah ada di baris {seen[code]}; "
                            "setiap pertanyaan hanya boleh satu baris.")
            continue
        seen[code] = row.line
        question = codes.get(code)
        if question is None:
            problems.append(f"{where(row.line, 'code')}: kode '{text.excerpt(code)}' tidak ada di katalog "
                            f"{catalog.version}.")
            continue
        if code not in current:
            problems.append(f"{where(row.line, 'code')}: pertanyaan {code} tidak ditugaskan kepada {unit.name} "
                            f"pada siklus {cycle.year}.")
            continue
        value, note = answer_in_row(row, question, problems)
        version_ok, file_version = version_in_file(row, problems)
        if value is None or not version_ok:
            continue
        if value.is_empty() and note is None:
            continue  # an empty row changes nothing (clearing an answer is done on the page)
        now = current[code]
        if _same(question, value, now.value) and (note or None) == (now.note or None):
            result.unchanged += 1
            continue
        if now.status not in ENTERABLE:
            problems.append(f"{where(row.line)}: jawaban {code} berstatus '{status_name(now.status)}' sehingga "
                            "tidak dapat diubah" + (" sampai dikembalikan oleh Gugus Tugas" if now.status == "submitted"
                                                    else "; hanya Ketua Gugus Tugas yang dapat membukanya kembali")
                            + ". Kembalikan isi baris ini seperti semula, atau kosongkan sel jawaban dan catatannya.")
            continue
        if file_version != now.version:
            problems.append(_stale_message(row.line, code, now, zone))
            continue
        value_column = VALUE_COLUMN_BY_TYPE.get(question.answer.type, "answer")
        row_problems = value_problems(question, value)
        for message in row_problems:
            problems.append(f"{where(row.line, value_column)}: {message}")
        if row_problems:
            continue
        implausible = plausibility_problem(question, value, now.previous)
        if implausible and not note:
            problems.append(f"{where(row.line, 'note')}: {implausible}")
            continue
        result.changes.append(AnswerChange(question_code=code, value=value, note=note,
                                           expected_version=now.version))
        result.row_changes.append(RowChange(
            row=row.line, question_code=code, old=display_value(question, now.value),
            new=display_value(question, value), note_changed=(note or None) != (now.note or None)))




def _meta_problem(meta: dict, actor: SignedInUser, region: Region | None, unit: ReportingUnit | None,
                  cycle: EvaluationCycle | None, catalog_version: str | None) -> str | None:
    unit_name = meta.get("unit_short_name")
    if actor.role not in UNIT_ROLES or not actor.unit_short_name:
        return ("Hanya operator OPD, kecamatan atau kelurahan yang dapat mengunggah jawaban; "
                f"akun {actor.username} tidak mewakili unit pelapor.")
    if str(meta.get("region_code") or "") != (actor.region_code or ""):
        return (f"Templat ini untuk wilayah {meta.get('region_code')}, sedangkan akun Anda di wilayah "
                f"{actor.region_code}. Unduh templat Anda sendiri.")
    if str(unit_name or "") != actor.unit_short_name:
        return (f"Templat ini milik unit '{unit_name}', sedangkan Anda masuk sebagai operator "
                f"'{actor.unit_short_name}'. Unduh templat unit Anda sendiri.")
    if region is None or unit is None:
        return f"Unit '{unit_name}' tidak terdaftar di wilayah {meta.get('region_code')}."
    if cycle is None:
        return f"Siklus evaluasi {meta.get('cycle_year')} tidak ada di {region.name}."
    if cycle.status != CYCLE_OPEN:
        return f"{cycle_not_open(cycle.year, cycle.status)}; jawaban tidak dapat diubah lagi."
    if str(meta.get("catalog_version") or "") != catalog_version:
        return (f"Templat ini memakai katalog {meta.get('catalog_version')}, sedangkan siklus {cycle.year} kini "
                f"memakai katalog {catalog_version}. Unduh templat baru.")
    return None


def _year(raw) -> int | None:
    try:
        return int(cell_number(raw))
    except (ValueError, TypeError):
        return None


def import_entries(engine: Engine, actor: SignedInUser, source: bytes | str | Path,
                   dry_run: bool = True) -> ImportResult:
    """Check a filled template and, unless dry_run or any problem was found, save every changed
    row as a draft in one transaction. Problems come back in ImportResult.problems; nothing is
    changed when there is any."""
    require_active_actor(engine, actor)
    parsed = read_file(source)
    result = ImportResult(problems=list(parsed.problems))
    result.unit_short_name = str(parsed.meta.get("unit_short_name") or "") or None
    result.cycle_year = _year(parsed.meta.get("cycle_year"))
    if result.problems:
        return _capped(result)
    try:
        with unit_of_work(engine) as session:
            require_current_account(session, actor)
            region = session.scalar(select(Region).where(Region.code == str(parsed.meta.get("region_code") or "")))
            unit = cycle = None
            catalog_version = None
            if region is not None:
                unit = session.scalar(select(ReportingUnit).where(
                    ReportingUnit.region_id == region.id,
                    ReportingUnit.short_name == str(parsed.meta.get("unit_short_name") or "")))
                if result.cycle_year is not None:
                    cycle = session.scalar(select(EvaluationCycle).where(
                        EvaluationCycle.region_id == region.id, EvaluationCycle.year == result.cycle_year))
                if cycle is not None:
                    catalog_version = cycle.catalog_version.version
            problem = _meta_problem(parsed.meta, actor, region, unit, cycle, catalog_version)
            if problem:
                result.problems.append(problem)
                return _capped(result)
            if region is None or unit is None or cycle is None:  # _meta_problem has named any that is missing
                raise NotFound("Wilayah, unit atau siklus templat ini tidak ditemukan.")
            catalog = catalog_for_unit(session, cycle, unit)
            current = {row.question.code: row for row in template_rows(session, unit, cycle, catalog)}
            _check_rows(parsed, catalog, current, unit, cycle, result, time_zone_of(region.code))
            if result.problems or dry_run or not result.changes:
                return _capped(result)
            save_answers(session, actor, cycle, list(result.changes), source="excel")
            result.applied = True
    except InvalidInput as refused:
        result.applied = False
        result.problems.extend(refused.messages)
    except StaleAnswer as stale:
        result.applied = False
        result.problems.append(stale.message)
    except PermissionDenied as denied:
        result.applied = False
        result.problems.append(denied.message)
    return _capped(result)


def _capped(result: ImportResult) -> ImportResult:
    if len(result.problems) > MAX_PROBLEMS:
        more = len(result.problems) - MAX_PROBLEMS
        result.problems = result.problems[:MAX_PROBLEMS] + [f"... dan {more} masalah lain."]
    if result.problems:
        result.applied = False
    return result


