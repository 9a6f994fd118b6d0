"""The OPD entry template (.xlsx) as a file format: writing a unit's template and reading a filled
one back into rows, with every problem named by row and column. No database, no permissions: the
use cases (data.services.entry.entry_workbook) decide who may export and import, and apply it.

The template has a sheet "Jawaban" with one row per question assigned to the unit (informational
columns, the answer columns a person fills, the current status and a hidden column with the
answer's version), a sheet "Petunjuk" explaining it in Indonesian, a hidden sheet "daftar" with
the drop-down lists and a hidden sheet "meta" naming the region, cycle, unit and catalog version.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from data.files.xlsx_text import saved_workbook
from data.models import EvaluationCycle, Region, ReportingUnit, utc_now
from indicators import text
from indicators.answers import NOTE_MAX_CHARS, AnswerValue, display_value
from indicators.catalog import Catalog
from indicators.catalog import Question as CatalogQuestion
from indicators.columns import check_header
from indicators.spreadsheet import SheetTooLong, WorkbookRefused, cell_number, is_formula, open_workbook
from indicators.text import excerpt
from indicators.workflow import CYCLE_OPEN, ENTERABLE, RETURNED, SUBMITTED, VERIFIED, cycle_not_open, status_name

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
TYPE_NAMES = {"yes_no": "Ya/Tidak", "graded": "Bertingkat", "choice": "Pilihan", "percentage": "Persentase",
              "count": "Jumlah"}
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
INPUT_COLUMNS_BY_TYPE = {"yes_no": ("answer",), "choice": ("answer",), "graded": ("answer",),
                         "percentage": ("numerator", "denominator"), "count": ("count",)}
VALUE_COLUMN_BY_TYPE = {"yes_no": "answer", "choice": "answer", "graded": "answer", "percentage": "numerator",
                        "count": "count"}
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


def workbook_bytes(region: Region, unit: ReportingUnit, cycle: EvaluationCycle, catalog: Catalog,
                    rows: list[TemplateRow]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook has its one sheet active
    sheet.title = ANSWER_SHEET
    open_cycle = cycle.status == CYCLE_OPEN
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
    return saved_workbook(book)


def _write_lists(book: Workbook, catalog: Catalog, rows: list[TemplateRow]) -> dict[tuple[str, ...], str]:
    """The drop-down lists on a hidden sheet (one row per distinct list), as range references:
    an inline list breaks on commas in labels and is limited to 255 characters."""
    sheet = book.create_sheet(LISTS_SHEET)
    references: dict[tuple[str, ...], str] = {}
    wanted = [("Ya", "Tidak")] + [tuple(o.label.id for o in row.question.answer.options)
                                  for row in rows if row.question.answer.has_options]
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
    elif question.answer.has_options and value.choice_code:
        option = question.answer.option(value.choice_code)
        answer = option.label.id if option else value.choice_code
    status = status_name(row.status)
    if row.status == RETURNED and row.return_reason:
        status = f"{status}: {row.return_reason}"
    return {
        "code": question.code,
        "group": names.get(f"group:{question.group_code}", question.group_code),
        "indicator": names.get(f"indicator:{question.indicator_code}", question.indicator_code),
        "prompt": question.prompt.id,
        "type": TYPE_NAMES.get(kind, kind),
        "max_points": round(question.max_points, 2),  # as people read it; the scoring keeps the exact share
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
        info = (f"{cycle_not_open(cycle.year, cycle.status)}, tidak terbuka untuk pengisian; templat ini hanya "
                "untuk dibaca.")
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
        editable = open_cycle and row.status in ENTERABLE
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
        if editable and (kind == "yes_no" or row.question.answer.has_options):
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
    ("2. Jenis Ya/Tidak, Bertingkat dan Pilihan: pilih jawaban dari daftar pada kolom 'Jawaban (Ya/Tidak atau "
     "pilihan)'. Jawaban bertingkat memberi sebagian poin, mis. Lengkap, Sebagian, Belum ada.", False),
    ("3. Jenis Persentase: isi Pembilang dan Penyebut (angka, bukan persen). Persentasenya dihitung oleh "
     "Pantau KLA. Pembilang tidak boleh lebih besar dari Penyebut, dan Penyebut tidak boleh 0.", False),
    ("4. Jenis Jumlah: isi angka 0 atau lebih pada kolom 'Jumlah'.", False),
    ("5. Tulis angka saja, tanpa rumus (=...) dan tanpa satuan. Angka desimal memakai koma (12,5); "
     "titik sebagai pemisah ribuan (1.234).", False),
    (f"6. Catatan boleh diisi untuk setiap jawaban (paling banyak {NOTE_MAX_CHARS} karakter). Bila angka "
     "berubah jauh dari siklus lalu, jelaskan alasannya di Catatan.", False),
    ("7. Baris yang sel jawabannya dan catatannya kosong dilewati; jawaban yang sudah ada tidak terhapus. "
     "Baris yang tidak Anda ubah juga dilewati.", False),
    (f"8. Jawaban berstatus '{status_name(SUBMITTED)}' atau '{status_name(VERIFIED)}' terkunci dan tidak dapat "
     "diubah lewat templat.", False),
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
    for line, bold in GUIDE_LINES:
        sheet.append([line])
        cell = sheet.cell(sheet.max_row, 1)
        cell.font = Font(bold=bold, size=13 if bold else 11)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.append([""])
    sheet.append([f"Templat ini untuk {unit.name}, siklus evaluasi {cycle.year}."
                  + ("" if open_cycle else f" {cycle_not_open(cycle.year, cycle.status)}, tidak terbuka untuk "
                                            "pengisian.")])
    sheet.protection.sheet = True


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


def read_file(source: bytes | str | Path) -> ParsedFile:
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
    except Exception as exc:  # noqa: BLE001  (a damaged package can fail in the XML parser, zlib or openpyxl)
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
            columns, header_problems = _header_columns(cells)
            if header_problems:
                return ParsedFile(meta, [], [*header_problems, "Jangan mengubah, menambah atau menghapus judul kolom; "
                                                               "unduh templat baru bila perlu."])
            continue
        if line > HEADER_ROW + MAX_SCANNED_ROWS:
            problems.append(f"Lembar '{ANSWER_SHEET}' terlalu panjang (lebih dari {MAX_SCANNED_ROWS} baris). "
                            "File tidak dibaca lebih lanjut; unggah hanya templat yang diunduh dari Pantau KLA.")
            break
        if columns is None:  # rows come in order: the header row has set the columns
            continue
        values: dict[str, object] = {}
        formulas: list[str] = []
        for key, index in columns.items():
            cell = cells[index] if index < len(cells) else None
            if cell is None:
                values[key] = None
                continue
            if is_formula(cell):
                formulas.append(key)
            values[key] = cell.value
        if not formulas and all(blank(v) for v in values.values()):
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
    """The template's columns by their titles (indicators.columns: an unknown title is refused
    naming the closest, and so is a missing code, version or answer column)."""
    by_header, problems = check_header([cell.value for cell in cells], {column.header: () for column in COLUMNS},
                                       [HEADERS[key] for key in ("code", "version", *INPUT_COLUMNS)], HEADER_ROW)
    by_title = {column.header: column.key for column in COLUMNS}
    return {by_title[header]: index for header, index in by_header.items()}, problems


def blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def where(line: int, key: str | None = None) -> str:
    """Where a problem is: "Baris 7, kolom Jumlah"; without a line (0: a row typed on the page's
    table, which shows the row itself) only the column."""
    if not line:
        return f"Kolom {HEADERS[key]}" if key else "Baris ini"
    return f"Baris {line}, kolom {HEADERS[key]}" if key else f"Baris {line}"


def _parse_choice(question: CatalogQuestion, raw) -> tuple[str | None, str | None]:
    text = " ".join(str(raw).split()).lower()
    for option in question.answer.options:
        if text in (option.code.lower(), " ".join(option.label.id.split()).lower(),
                    " ".join(option.label.en.split()).lower()):
            return option.code, None
    allowed = "; ".join(o.label.id for o in question.answer.options)
    return None, f"'{excerpt(raw)}' tidak ada di daftar pilihan; pilih salah satu: {allowed}"


def _parse_yes_no(raw) -> tuple[bool | None, str | None]:
    if isinstance(raw, bool):
        return raw, None
    text = str(raw).strip().lower()
    if text in YES_WORDS:
        return True, None
    if text in NO_WORDS:
        return False, None
    return None, f"'{excerpt(raw)}' bukan Ya atau Tidak"


def answer_in_row(row: FileRow, question: CatalogQuestion,
                  problems: list[str]) -> tuple[AnswerValue | None, str | None]:
    """The answer value and note of one row, or None where a cell is unreadable (problems added)."""
    kind = question.answer.type
    wanted = INPUT_COLUMNS_BY_TYPE.get(kind, ())
    ok = True
    fields: dict = {}
    for key in ("answer", "numerator", "denominator", "count"):
        raw = row.cells.get(key)
        if blank(raw):
            continue
        if key not in wanted:
            problems.append(f"{where(row.line, key)}: pertanyaan {question.code} berjenis "
                            f"{TYPE_NAMES.get(kind, kind)}; kosongkan kolom ini.")
            ok = False
            continue
        parsed: bool | str | float | None
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
            problems.append(f"{where(row.line, key)}: {problem}.")
            ok = False
    note_raw = row.cells.get("note")
    # Cleaned as the entry service cleans it, so that an unchanged note compares equal.
    note = None if blank(note_raw) else str(note_raw).replace("\r\n", "\n").strip()
    if note is not None and len(note) > NOTE_MAX_CHARS:
        problems.append(f"{where(row.line, 'note')}: catatan terlalu panjang ({text.whole(len(note))} karakter; "
                        f"paling banyak {text.whole(NOTE_MAX_CHARS)}). Ringkas catatannya, atau lampirkan "
                        "dokumen sebagai bukti dukung.")
        ok = False
    return (AnswerValue(**fields) if ok else None), note


def version_in_file(row: FileRow, problems: list[str]) -> tuple[bool, int | None]:
    raw = row.cells.get("version")
    if blank(raw):
        return True, None
    try:
        number = cell_number(raw)
    except ValueError:
        number = float("nan")
    if not number.is_integer() or number < 1:
        problems.append(f"{where(row.line, 'version')}: nilai versi '{excerpt(raw)}' rusak. Unduh templat baru.")
        return False, None
    return True, int(number)


def template_file_name(unit_short_name: str, year: int) -> str:
    return f"templat_kla_{unit_short_name}_{year}.xlsx"
