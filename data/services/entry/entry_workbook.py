"""The Excel route of OPD data entry: download a unit's template for a cycle, fill it offline,
upload it for a dry run that lists every problem by row and column, then apply it.

The template (.xlsx) has a sheet "Jawaban" with one row per question assigned to the unit
(informational columns, the answer columns a person fills, the current status and a hidden
column with the answer's version), a sheet "Petunjuk" explaining it in Indonesian, a hidden
sheet "daftar" with the drop-down lists and a hidden sheet "meta" naming the region, cycle, unit
and catalog version, so that a template of another OPD, region or cycle is refused.

Importing is all or nothing: any problem and nothing changes. Unchanged rows, and rows whose
answer cells and note are all empty, are skipped. Applying saves drafts through
data.services.entries.save_answers in one transaction; the user submits on the entry page.
"""
from __future__ import annotations

import io
import math
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from data.db import unit_of_work
from data.errors import InvalidInput, NotFound, PermissionDenied, StaleAnswer
from data.models import (Answer, EvaluationCycle, Question, Region, ReportingUnit, User,
                         utc_now)
from data.actor import SignedInUser
from data.services.kelana.derived_answers import catalog_for_unit
from data.services.entry.entries import (
    NOTE_MAX_CHARS,
    STATUS_NAMES,
    AnswerChange,
    assigned_question_ids,
    save_answers,
)
from data.access import UNIT_ROLES, acts_in_region, require_current_account
from data.lookups import find_cycle, find_region
from indicators.answers import AnswerValue, display_value, plausibility_problem, value_problems
from indicators.catalog import Catalog, Question as CatalogQuestion
from indicators.spreadsheet import SheetTooLong, WorkbookRefused, cell_number, is_formula, open_workbook

FORMAT_NAME = "pantau-kla-isian-opd"
FORMAT_VERSION = 1
ANSWER_SHEET = "Jawaban"
GUIDE_SHEET = "Petunjuk"
LISTS_SHEET = "daftar"
META_SHEET = "meta"
TITLE_ROW, INFO_ROW, HEADER_ROW = 1, 2, 3
FIRST_DATA_ROW = 4
MAX_DATA_ROWS = 2000
# Empty (formatted) rows are cheap but not free: past this many rows read, the file is refused
# without reading the rest.
MAX_SCANNED_ROWS = 2 * MAX_DATA_ROWS
NOTE_MAX_LENGTH = NOTE_MAX_CHARS
MAX_PROBLEMS = 200
EDITABLE_STATUSES = ("not_started", "draft", "returned")

TYPE_NAMES = {"yes_no": "Ya/Tidak", "choice": "Pilihan", "percentage": "Persentase", "count": "Jumlah"}
YES_WORDS = {"ya", "y", "yes", "true", "benar", "1"}
NO_WORDS = {"tidak", "t", "no", "n", "false", "salah", "0"}


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: float
    hidden: bool = False


COLUMNS = (
    Column("code", "Kode", 10),
    Column("group", "Grup", 16),
    Column("indicator", "Indikator", 28),
    Column("prompt", "Pertanyaan", 60),
    Column("type", "Jenis jawaban", 13),
    Column("max_points", "Poin maks.", 9),
    Column("evidence", "Bukti dukung diminta", 30),
    Column("previous", "Jawaban siklus lalu", 22),
    Column("answer", "Jawaban (Ya/Tidak atau pilihan)", 30),
    Column("numerator", "Pembilang", 12),
    Column("denominator", "Penyebut", 12),
    Column("count", "Jumlah", 11),
    Column("note", "Catatan", 40),
    Column("status", "Status saat ini", 24),
    Column("version", "versi", 6, hidden=True),
)
COLUMN_INDEX = {column.key: position for position, column in enumerate(COLUMNS)}
HEADERS = {column.key: column.header for column in COLUMNS}
INPUT_COLUMNS = ("answer", "numerator", "denominator", "count", "note")
INPUT_COLUMNS_BY_TYPE = {"yes_no": ("answer",), "choice": ("answer",),
                         "percentage": ("numerator", "denominator"), "count": ("count",)}
VALUE_COLUMN_BY_TYPE = {"yes_no": "answer", "choice": "answer", "percentage": "numerator", "count": "count"}

_HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
_INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
_LOCKED_FILL = PatternFill("solid", fgColor="EDEDED")
_THIN = Side(style="thin", color="BFBFBF")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


@dataclass(frozen=True)
class TemplateRow:
    """One question of the unit in the cycle, with its current and last cycle's answer."""

    question: CatalogQuestion
    answer_id: int | None
    status: str
    value: AnswerValue
    note: str | None
    version: int | None
    return_reason: str | None
    updated_by: str | None
    updated_at: datetime | None
    previous: AnswerValue | None


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
    changes: list = field(default_factory=list)  # data.services.entries.AnswerChange
    problems: list[str] = field(default_factory=list)
    applied: bool = False
    unit_short_name: str | None = None
    cycle_year: int | None = None
    rows_read: int = 0
    unchanged: int = 0
    row_changes: list[RowChange] = field(default_factory=list)


# ----------------------------------------------------------------------------- reading the DB


def _previous_cycle(session: Session, cycle: EvaluationCycle) -> EvaluationCycle | None:
    return session.scalar(
        select(EvaluationCycle)
        .where(EvaluationCycle.region_id == cycle.region_id, EvaluationCycle.year < cycle.year)
        .order_by(EvaluationCycle.year.desc())
        .limit(1)
    )


def _value_of(answer: Answer) -> AnswerValue:
    return AnswerValue(bool_value=answer.bool_value, choice_code=answer.choice_code,
                       numerator=answer.numerator, denominator=answer.denominator,
                       count_value=answer.count_value)


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
    before = _previous_cycle(session, cycle)
    if before is not None:
        for answer, code in session.execute(
            select(Answer, Question.code).join(Question, Answer.question_id == Question.id)
            .where(Answer.cycle_id == before.id, Answer.reporting_unit_id == unit.id)
        ):
            previous[code] = _value_of(answer)
    rows = []
    for question in catalog.questions:
        if question.code not in assigned:
            continue
        answer, author = current.get(question.code, (None, None))
        rows.append(TemplateRow(
            question=question,
            answer_id=answer.id if answer else None,
            status=answer.status if answer else "not_started",
            value=_value_of(answer) if answer else AnswerValue(),
            note=answer.note if answer else None,
            version=answer.version if answer else None,
            return_reason=answer.return_reason if answer else None,
            updated_by=author,
            updated_at=answer.updated_at if answer else None,
            previous=previous.get(question.code),
        ))
    return rows


def _find_unit(session: Session, region: Region, short_name: str) -> ReportingUnit:
    unit = session.scalar(select(ReportingUnit).where(
        ReportingUnit.region_id == region.id, ReportingUnit.short_name == str(short_name).strip()))
    if unit is None:
        raise NotFound(f"Unit '{short_name}' tidak terdaftar di {region.name}.")
    return unit


def _region_for_export(session: Session, actor: SignedInUser, region_code: str | None) -> Region:
    if region_code:
        return find_region(session, region_code)
    if actor.region_code:
        return find_region(session, actor.region_code)
    codes = list(session.scalars(select(Region.code).order_by(Region.code)))
    if len(codes) == 1:
        return find_region(session, codes[0])
    raise InvalidInput([f"Sebutkan wilayahnya (--region); wilayah yang ada: {', '.join(codes) or 'belum ada'}."])


# ----------------------------------------------------------------------------- export


def export_template(engine: Engine, actor: SignedInUser, opd_short_name: str, year: int,
                    region_code: str | None = None) -> bytes:
    """The unit's template for the cycle as .xlsx bytes. The command line acts as an admin; a unit's user exports only their own unit's template, the task
    force and secretariat any unit's of their region, an admin any."""
    with unit_of_work(engine) as session:
        require_current_account(session, actor)
        region = _region_for_export(session, actor, region_code)
        unit = _find_unit(session, region, opd_short_name)
        if not acts_in_region(actor, region.id):
            raise PermissionDenied("Anda hanya dapat mengunduh templat wilayah Anda sendiri.")
        if actor.role in UNIT_ROLES and actor.unit_id != unit.id:
            raise PermissionDenied("Anda hanya dapat mengunduh templat unit Anda sendiri.")
        cycle = find_cycle(session, region, int(year))
        catalog = catalog_for_unit(session, cycle, unit)
        rows = template_rows(session, unit, cycle, catalog)
        if not rows:
            raise NotFound(f"Belum ada pertanyaan yang ditugaskan kepada {unit.name} pada siklus {cycle.year}.")
        return _workbook_bytes(region, unit, cycle, catalog, rows)


def _workbook_bytes(region: Region, unit: ReportingUnit, cycle: EvaluationCycle, catalog: Catalog,
                    rows: list[TemplateRow]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = ANSWER_SHEET
    open_cycle = cycle.status == "open"
    _write_guide(book.create_sheet(GUIDE_SHEET), unit, cycle, open_cycle)
    lists = _write_lists(book, catalog, rows)
    _write_answer_sheet(sheet, region, unit, cycle, catalog, rows, lists, open_cycle)
    meta = book.create_sheet(META_SHEET)
    for key, value in (("format", FORMAT_NAME), ("format_version", FORMAT_VERSION),
                       ("region_code", region.code), ("cycle_year", cycle.year),
                       ("unit_short_name", unit.short_name), ("catalog_version", catalog.version),
                       ("exported_at", utc_now().strftime("%Y-%m-%d %H:%M UTC")), ("rows", len(rows))):
        meta.append([key, value])
    meta.sheet_state = "hidden"
    meta.protection.sheet = True
    book.active = 0
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _write_lists(book: Workbook, catalog: Catalog, rows: list[TemplateRow]) -> dict[tuple[str, ...], str]:
    """The drop-down lists on a hidden sheet (one row per distinct list), as range references:
    an inline list breaks on commas in labels and is limited to 255 characters."""
    sheet = book.create_sheet(LISTS_SHEET)
    references: dict[tuple[str, ...], str] = {}
    wanted = [("Ya", "Tidak")] + [tuple(o.label.id for o in row.question.answer.options)
                                  for row in rows if row.question.answer.type == "choice"]
    for labels in wanted:
        if labels in references or not labels:
            continue
        sheet.append(list(labels))
        line = sheet.max_row
        references[labels] = (f"{quote_sheetname(LISTS_SHEET)}!$A${line}:"
                              f"${get_column_letter(len(labels))}${line}")
    sheet.sheet_state = "hidden"
    sheet.protection.sheet = True
    return references


def _cell_values(row: TemplateRow, names: dict[str, str]) -> dict:
    question, value = row.question, row.value
    kind = question.answer.type
    answer = None
    if kind == "yes_no" and value.bool_value is not None:
        answer = "Ya" if value.bool_value else "Tidak"
    elif kind == "choice" and value.choice_code:
        option = question.answer.option(value.choice_code)
        answer = option.label.id if option else value.choice_code
    status = STATUS_NAMES[row.status]
    if row.status == "returned" and row.return_reason:
        status = f"{status}: {row.return_reason}"
    return {
        "code": question.code,
        "group": names.get(f"group:{question.group_code}", question.group_code),
        "indicator": names.get(f"indicator:{question.indicator_code}", question.indicator_code),
        "prompt": question.prompt.id,
        "type": TYPE_NAMES.get(kind, kind),
        "max_points": question.max_points,
        "evidence": question.evidence.id if question.evidence else ("ya" if question.evidence_required else ""),
        "previous": display_value(question, row.previous) if row.previous else "",
        "answer": answer,
        "numerator": value.numerator if kind == "percentage" else None,
        "denominator": value.denominator if kind == "percentage" else None,
        "count": value.count_value if kind == "count" else None,
        "note": row.note,
        "status": status,
        "version": row.version,
    }


def _display_names(catalog: Catalog) -> dict[str, str]:
    names = {f"group:{g.code}": g.name.id or g.code for g in catalog.groups}
    names.update({f"indicator:{i.code}": f"{i.code}. {i.name.id}" if i.name.id else i.code
                  for i in catalog.indicators})
    return names


def _write_answer_sheet(sheet, region: Region, unit: ReportingUnit, cycle: EvaluationCycle,
                        catalog: Catalog, rows: list[TemplateRow], lists: dict, open_cycle: bool) -> None:
    sheet.cell(TITLE_ROW, 1, f"Templat isian KLA {cycle.year} - {unit.name}").font = Font(bold=True, size=14)
    info = (f"{region.name} ({region.code}) · katalog {catalog.version} · {len(rows)} pertanyaan · "
            "isi sel berwarna kuning, lalu unggah file ini di halaman Isian Saya. Baca lembar Petunjuk.")
    if not open_cycle:
        info = f"Siklus {cycle.year} tidak terbuka untuk pengisian; templat ini hanya untuk dibaca."
    sheet.cell(INFO_ROW, 1, info).font = Font(italic=True)
    for position, column in enumerate(COLUMNS, start=1):
        cell = sheet.cell(HEADER_ROW, position, column.header)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        cell.border = _BORDER
        letter = get_column_letter(position)
        sheet.column_dimensions[letter].width = column.width
        sheet.column_dimensions[letter].hidden = column.hidden
    sheet.cell(HEADER_ROW, COLUMN_INDEX["answer"] + 1).comment = Comment(
        "Ya/Tidak, atau salah satu pilihan dari daftar (klik sel, lalu panah di kanannya).", "Pantau KLA")

    validations: dict[str, DataValidation] = {}
    names = _display_names(catalog)
    for offset, row in enumerate(rows):
        line = FIRST_DATA_ROW + offset
        values = _cell_values(row, names)
        kind = row.question.answer.type
        editable = open_cycle and row.status in EDITABLE_STATUSES
        inputs = set(INPUT_COLUMNS_BY_TYPE.get(kind, ())) | {"note"}
        for position, column in enumerate(COLUMNS, start=1):
            cell = sheet.cell(line, position, values[column.key])
            cell.border = _BORDER
            cell.alignment = Alignment(wrap_text=column.key in ("prompt", "indicator", "evidence", "note",
                                                                "status", "previous"), vertical="top")
            if column.key in INPUT_COLUMNS:
                if editable and column.key in inputs:
                    cell.protection = Protection(locked=False)
                    cell.fill = _INPUT_FILL
                else:
                    cell.fill = _LOCKED_FILL
        if editable and kind in ("yes_no", "choice"):
            labels = ("Ya", "Tidak") if kind == "yes_no" else tuple(o.label.id for o in row.question.answer.options)
            reference = lists[labels]
            validation = validations.get(reference)
            if validation is None:
                validation = DataValidation(type="list", formula1=reference, allow_blank=True,
                                            showErrorMessage=True, errorTitle="Pilihan tidak dikenal",
                                            error="Pilih salah satu jawaban dari daftar.")
                validations[reference] = validation
                sheet.add_data_validation(validation)
            validation.add(f"{get_column_letter(COLUMN_INDEX['answer'] + 1)}{line}")
        if editable:
            for key in ("numerator", "denominator", "count"):
                if key in inputs:
                    number_rule = validations.get("number")
                    if number_rule is None:
                        number_rule = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0",
                                                     allow_blank=True, showErrorMessage=True,
                                                     errorTitle="Angka tidak sah",
                                                     error="Isikan angka 0 atau lebih, tanpa rumus.")
                        validations["number"] = number_rule
                        sheet.add_data_validation(number_rule)
                    number_rule.add(f"{get_column_letter(COLUMN_INDEX[key] + 1)}{line}")
    sheet.freeze_panes = sheet.cell(FIRST_DATA_ROW, 2)
    sheet.row_dimensions[HEADER_ROW].height = 32
    # Header rows, questions and statuses are locked; only the yellow answer cells are open.
    # No password: the protection prevents slips, and the import checks everything again.
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False
    sheet.protection.formatCells = False


GUIDE_LINES = (
    ("Cara mengisi templat jawaban KLA", True),
    ("", False),
    ("1. Isi hanya sel berwarna kuning pada lembar 'Jawaban'. Sel abu-abu tidak perlu diisi dan terkunci.", False),
    ("2. Jenis Ya/Tidak dan Pilihan: pilih jawaban dari daftar pada kolom 'Jawaban (Ya/Tidak atau pilihan)'.", False),
    ("3. Jenis Persentase: isi Pembilang dan Penyebut (angka, bukan persen). Persentasenya dihitung oleh "
     "Pantau KLA. Pembilang tidak boleh lebih besar dari Penyebut, dan Penyebut tidak boleh 0.", False),
    ("4. Jenis Jumlah: isi angka 0 atau lebih pada kolom 'Jumlah'.", False),
    ("5. Tulis angka saja, tanpa rumus (=...) dan tanpa satuan. Angka desimal memakai koma (12,5); "
     "titik sebagai pemisah ribuan (1.234).", False),
    (f"6. Catatan boleh diisi untuk setiap jawaban (paling banyak {NOTE_MAX_LENGTH} karakter). Bila angka "
     "berubah jauh dari siklus lalu, jelaskan alasannya di Catatan.", False),
    ("7. Baris yang sel jawabannya dan catatannya kosong dilewati; jawaban yang sudah ada tidak terhapus. "
     "Baris yang tidak Anda ubah juga dilewati.", False),
    ("8. Jawaban berstatus 'diajukan' atau 'terverifikasi' terkunci dan tidak dapat diubah lewat templat.", False),
    ("9. Jangan mengubah kolom 'Kode', judul kolom, atau lembar tersembunyi: templat hanya berlaku untuk "
     "unit, wilayah dan siklus yang tertera di judulnya.", False),
    ("10. Unggah file di halaman Isian Saya, tab Excel. Tekan 'Periksa' dulu: semua masalah "
     "ditampilkan per baris dan kolom, dan belum ada yang disimpan. Bila tidak ada masalah, tekan "
     "'Terapkan'. Semua jawaban disimpan sebagai draf; ajukan di halaman Isian Saya.", False),
    ("11. Satu masalah saja membuat seluruh file ditolak (tidak ada yang tersimpan), supaya data tidak "
     "tersimpan setengah-setengah.", False),
    ("12. Bila orang lain mengubah jawaban setelah templat diunduh, baris itu ditolak. Unduh templat baru, "
     "atau kosongkan sel jawaban dan catatan baris itu.", False),
)


def _write_guide(sheet, unit: ReportingUnit, cycle: EvaluationCycle, open_cycle: bool) -> None:
    sheet.column_dimensions["A"].width = 120
    for text, bold in GUIDE_LINES:
        sheet.append([text])
        cell = sheet.cell(sheet.max_row, 1)
        cell.font = Font(bold=bold, size=13 if bold else 11)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.append([""])
    sheet.append([f"Templat ini untuk {unit.name}, siklus evaluasi {cycle.year}."
                  + ("" if open_cycle else " Siklus ini tidak terbuka untuk pengisian.")])
    sheet.protection.sheet = True


# ----------------------------------------------------------------------------- reading the file


@dataclass(frozen=True)
class FileRow:
    line: int
    cells: dict  # column key -> value
    formulas: tuple[str, ...]  # column keys holding a formula


@dataclass
class ParsedFile:
    meta: dict
    rows: list[FileRow]
    problems: list[str]


def _read_file(source: bytes | str | Path) -> ParsedFile:
    if isinstance(source, (str, Path)):
        try:
            data = Path(source).read_bytes()
        except OSError as error:
            return ParsedFile({}, [], [f"File '{source}' tidak ditemukan atau tidak dapat dibaca "
                                       f"({error.strerror or type(error).__name__})."])
    else:
        data = bytes(source)
    try:
        book = open_workbook(data, max_rows=HEADER_ROW + MAX_SCANNED_ROWS)
    except SheetTooLong as refused:
        return ParsedFile({}, [], [f"Lembar '{refused.sheet}' berisi lebih dari {refused.max_rows} baris; paling "
                                   f"banyak {MAX_DATA_ROWS} baris jawaban. File tidak dibaca lebih lanjut; unggah "
                                   "hanya templat yang diunduh dari Pantau KLA."])
    except WorkbookRefused as refused:
        return ParsedFile({}, [], [refused.message])
    try:
        return _read_book(book)
    except Exception as exc:  # a damaged package can fail in the XML parser, zlib or openpyxl
        message = exc.message if isinstance(exc, WorkbookRefused) else (
            f"File Excel rusak sehingga tidak dapat dibaca ({type(exc).__name__}). "
            "Simpan ulang file di Excel lalu unggah lagi.")
        return ParsedFile({}, [], [message])
    finally:
        book.close()


def _read_book(book) -> ParsedFile:
    not_template = ("File ini bukan templat isian Pantau KLA (lembar '{0}' tidak ada). Unduh templat "
                    "dari halaman Isian Saya atau dengan manage.py export-template, lalu isi file itu.")
    if META_SHEET not in book.sheetnames:
        return ParsedFile({}, [], [not_template.format(META_SHEET)])
    if ANSWER_SHEET not in book.sheetnames:
        return ParsedFile({}, [], [not_template.format(ANSWER_SHEET)])
    meta = {}
    for index, row in enumerate(book[META_SHEET].iter_rows(max_col=2, values_only=True)):
        if index > 50:
            break
        if row and row[0] is not None:
            meta[str(row[0]).strip()] = row[1] if len(row) > 1 else None
    if meta.get("format") != FORMAT_NAME:
        return ParsedFile(meta, [], [not_template.format(META_SHEET)])
    if str(meta.get("format_version")) != str(FORMAT_VERSION):
        return ParsedFile(meta, [], ["Templat ini dibuat oleh versi Pantau KLA yang lain. Unduh templat baru."])

    sheet = book[ANSWER_SHEET]
    problems: list[str] = []
    rows: list[FileRow] = []
    columns: dict[str, int] | None = None
    for line, cells in enumerate(sheet.iter_rows(), start=1):
        if line < HEADER_ROW:
            continue
        if line == HEADER_ROW:
            columns, missing = _header_columns(cells)
            if missing:
                return ParsedFile(meta, [], [
                    f"Baris {HEADER_ROW}: judul kolom {', '.join(missing)} tidak ditemukan. Jangan mengubah "
                    "judul kolom; unduh templat baru bila perlu."])
            continue
        if line > HEADER_ROW + MAX_SCANNED_ROWS:
            problems.append(f"Lembar '{ANSWER_SHEET}' terlalu panjang (lebih dari {MAX_SCANNED_ROWS} baris). "
                            "File tidak dibaca lebih lanjut; unggah hanya templat yang diunduh dari Pantau KLA.")
            break
        values, formulas = {}, []
        for key, index in columns.items():
            cell = cells[index] if index < len(cells) else None
            if cell is None:
                values[key] = None
                continue
            if is_formula(cell):
                formulas.append(key)
            values[key] = cell.value
        if not formulas and all(_blank(v) for v in values.values()):
            continue
        if len(rows) >= MAX_DATA_ROWS:
            problems.append(f"Lembar '{ANSWER_SHEET}' berisi terlalu banyak baris: paling banyak "
                            f"{MAX_DATA_ROWS} baris jawaban. File tidak dibaca lebih lanjut.")
            break
        rows.append(FileRow(line, values, tuple(formulas)))
    if columns is None:
        problems.append(f"Lembar '{ANSWER_SHEET}' kosong. Unduh templat baru lalu isi.")
    return ParsedFile(meta, rows, problems)


def _header_columns(cells) -> tuple[dict[str, int], list[str]]:
    by_header = {}
    for index, cell in enumerate(cells):
        if isinstance(cell.value, str):
            by_header.setdefault(cell.value.strip().lower(), index)
    columns, missing = {}, []
    for column in COLUMNS:
        index = by_header.get(column.header.lower())
        if index is None:
            if column.key in ("code", "version") or column.key in INPUT_COLUMNS:
                missing.append(f"'{column.header}'")
            continue
        columns[column.key] = index
    return columns, missing


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# ----------------------------------------------------------------------------- checking rows


def _where(line: int, key: str | None = None) -> str:
    return f"Baris {line}, kolom {HEADERS[key]}" if key else f"Baris {line}"


def _parse_choice(question: CatalogQuestion, raw) -> tuple[str | None, str | None]:
    text = " ".join(str(raw).split()).lower()
    for option in question.answer.options:
        if text in (option.code.lower(), " ".join(option.label.id.split()).lower(),
                    " ".join(option.label.en.split()).lower()):
            return option.code, None
    allowed = "; ".join(o.label.id for o in question.answer.options)
    return None, f"'{_short(raw)}' tidak ada di daftar pilihan; pilih salah satu: {allowed}"


def _parse_yes_no(raw) -> tuple[bool | None, str | None]:
    if isinstance(raw, bool):
        return raw, None
    text = str(raw).strip().lower()
    if text in YES_WORDS:
        return True, None
    if text in NO_WORDS:
        return False, None
    return None, f"'{_short(raw)}' bukan Ya atau Tidak"


def _short(raw, limit: int = 40) -> str:
    text = str(raw)
    return text if len(text) <= limit else text[:limit] + "…"


def _row_value(row: FileRow, question: CatalogQuestion, problems: list[str]) -> tuple[AnswerValue | None, str | None]:
    """The answer value and note of one row, or None where a cell is unreadable (problems added)."""
    kind = question.answer.type
    wanted = INPUT_COLUMNS_BY_TYPE.get(kind, ())
    ok = True
    fields: dict = {}
    for key in ("answer", "numerator", "denominator", "count"):
        raw = row.cells.get(key)
        if _blank(raw):
            continue
        if key not in wanted:
            problems.append(f"{_where(row.line, key)}: pertanyaan {question.code} berjenis "
                            f"{TYPE_NAMES.get(kind, kind)}; kosongkan kolom ini.")
            ok = False
            continue
        if key == "answer":
            parsed, problem = _parse_yes_no(raw) if kind == "yes_no" else _parse_choice(question, raw)
            fields["bool_value" if kind == "yes_no" else "choice_code"] = parsed
        else:
            try:
                parsed, problem = cell_number(raw), None
            except ValueError as error:
                parsed, problem = None, str(error)
            fields[{"numerator": "numerator", "denominator": "denominator", "count": "count_value"}[key]] = parsed
        if problem:
            problems.append(f"{_where(row.line, key)}: {problem}.")
            ok = False
    note_raw = row.cells.get("note")
    # Cleaned as the entry service cleans it, so that an unchanged note compares equal.
    note = None if _blank(note_raw) else str(note_raw).replace("\r\n", "\n").strip()
    if note is not None and len(note) > NOTE_MAX_LENGTH:
        problems.append(f"{_where(row.line, 'note')}: catatan terlalu panjang ({_thousands(len(note))} karakter; "
                        f"paling banyak {_thousands(NOTE_MAX_LENGTH)}). Ringkas catatannya, atau lampirkan "
                        "dokumen sebagai bukti dukung.")
        ok = False
    return (AnswerValue(**fields) if ok else None), note


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def _same_number(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)


def _same(question: CatalogQuestion, a: AnswerValue, b: AnswerValue) -> bool:
    kind = question.answer.type
    if kind == "yes_no":
        return a.bool_value == b.bool_value
    if kind == "choice":
        return (a.choice_code or None) == (b.choice_code or None)
    if kind == "percentage":
        return _same_number(a.numerator, b.numerator) and _same_number(a.denominator, b.denominator)
    return _same_number(a.count_value, b.count_value)


def _version_in_file(row: FileRow, problems: list[str]) -> tuple[bool, int | None]:
    raw = row.cells.get("version")
    if _blank(raw):
        return True, None
    try:
        number = cell_number(raw)
    except ValueError:
        number = float("nan")
    if not number.is_integer() or number < 1:
        problems.append(f"{_where(row.line, 'version')}: nilai versi '{_short(raw)}' rusak. Unduh templat baru.")
        return False, None
    return True, int(number)


def _stale_message(line: int, code: str, current: TemplateRow) -> str:
    who = current.updated_by or "pengguna lain"
    when = ""
    if current.updated_at is not None:
        when = " pada " + current.updated_at.strftime("%d-%m-%Y %H.%M UTC")
    return (f"{_where(line)}: jawaban {code} sudah diubah oleh {who}{when} setelah templat ini diunduh. "
            "Unduh templat baru, atau kosongkan sel jawaban dan catatan di baris ini bila Anda tidak "
            "mengubahnya.")


def _check_rows(parsed: ParsedFile, catalog: Catalog, current: dict[str, TemplateRow],
                unit: ReportingUnit, cycle: EvaluationCycle, result: ImportResult) -> None:
    problems = result.problems
    seen: dict[str, int] = {}
    codes = {q.code: q for q in catalog.questions}
    for row in parsed.rows:
        result.rows_read += 1
        for key in row.formulas:
            problems.append(f"{_where(row.line, key)}: sel berisi rumus; ketik nilainya saja (tanpa '=').")
        if row.formulas:
            continue
        code = "" if _blank(row.cells.get("code")) else str(row.cells["code"]).strip()
        if not code:
            if any(not _blank(row.cells.get(key)) for key in INPUT_COLUMNS):
                problems.append(f"{_where(row.line, 'code')}: kode pertanyaan kosong. Jangan mengubah kolom Kode.")
            continue
        if code in seen:
            problems.append(f"{_where(row.line, 'code')}: pertanyaan {code} sudah ada di baris {seen[code]}; "
                            "setiap pertanyaan hanya boleh satu baris.")
            continue
        seen[code] = row.line
        question = codes.get(code)
        if question is None:
            problems.append(f"{_where(row.line, 'code')}: kode '{_short(code)}' tidak ada di katalog "
                            f"{catalog.version}.")
            continue
        if code not in current:
            problems.append(f"{_where(row.line, 'code')}: pertanyaan {code} tidak ditugaskan kepada {unit.name} "
                            f"pada siklus {cycle.year}.")
            continue
        value, note = _row_value(row, question, problems)
        version_ok, file_version = _version_in_file(row, problems)
        if value is None or not version_ok:
            continue
        if value.is_empty() and note is None:
            continue  # an empty row changes nothing (clearing an answer is done on the page)
        now = current[code]
        if _same(question, value, now.value) and (note or None) == (now.note or None):
            result.unchanged += 1
            continue
        if now.status not in EDITABLE_STATUSES:
            problems.append(f"{_where(row.line)}: jawaban {code} berstatus '{STATUS_NAMES[now.status]}' sehingga "
                            "tidak dapat diubah" + (" sampai dikembalikan oleh Gugus Tugas" if now.status == "submitted"
                                                    else "; hanya Ketua Gugus Tugas yang dapat membukanya kembali")
                            + ". Kembalikan isi baris ini seperti semula, atau kosongkan sel jawaban dan catatannya.")
            continue
        if file_version != now.version:
            problems.append(_stale_message(row.line, code, now))
            continue
        value_column = VALUE_COLUMN_BY_TYPE.get(question.answer.type, "answer")
        row_problems = value_problems(question, value)
        for message in row_problems:
            problems.append(f"{_where(row.line, value_column)}: {message}")
        if row_problems:
            continue
        implausible = plausibility_problem(question, value, now.previous)
        if implausible and not note:
            problems.append(f"{_where(row.line, 'note')}: {implausible}")
            continue
        result.changes.append(AnswerChange(question_code=code, value=value, note=note,
                                           expected_version=now.version))
        result.row_changes.append(RowChange(
            row=row.line, question_code=code, old=display_value(question, now.value),
            new=display_value(question, value), note_changed=(note or None) != (now.note or None)))


# ----------------------------------------------------------------------------- import


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
    if cycle.status != "open":
        status = {"review": "sedang ditinjau", "closed": "sudah ditutup"}.get(cycle.status, cycle.status)
        return f"Siklus {cycle.year} {status}; jawaban tidak dapat diubah lagi."
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
    parsed = _read_file(source)
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
            catalog = catalog_for_unit(session, cycle, unit)
            current = {row.question.code: row for row in template_rows(session, unit, cycle, catalog)}
            _check_rows(parsed, catalog, current, unit, cycle, result)
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


def template_file_name(unit_short_name: str, year: int) -> str:
    return f"templat_kla_{unit_short_name}_{year}.xlsx"
