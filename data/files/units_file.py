"""The file of a region's reporting units: reading an uploaded .xlsx or .csv into rows, and writing
the template that lists the region's active OPDs and kelurahan. Two layouts are read: one kelurahan
per row (columns Kecamatan and Kelurahan), or one unit per row with a column `jenis` (opd,
kecamatan, kelurahan or desa), `nama`, `nama_singkat`, `sumber_data` (an OPD's catalog data-source
keys, comma-separated) and `kecamatan` (a kelurahan's kecamatan); headers are case-insensitive.
Reading checks the file, not the names (indicators.unit_names) nor what the rows would change
(data.services.units.unit_import)."""
from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass

from data.files.csv_text import decode_csv_text, guess_separator
from data.files.xlsx_text import saved_workbook
from indicators.columns import check_header, column_key, column_letter, missing_columns
from indicators.opds import NO_SOURCES, SourceGuide
from indicators.spreadsheet import (
    MAX_WORKBOOK_BYTES,
    OLE_SIGNATURE,
    SheetTooLong,
    WorkbookRefused,
    is_formula,
    open_workbook,
)
from indicators.text import excerpt, megabytes

MAX_IMPORT_ROWS = 5000
MAX_IMPORT_BYTES = MAX_WORKBOOK_BYTES
ACCEPTED_COLUMNS = {"jenis": ("jenis unit",), "nama": ("nama unit",), "nama_singkat": (), "sumber_data": (),
                    "kecamatan": ("nama kecamatan",),
                    "kelurahan": ("desa/kelurahan", "kelurahan/desa", "desa", "nama kelurahan", "nama desa")}
"""The columns of the file (either layout) and the other titles each may have."""
META_SHEET = "wilayah"
EMPTY_FILE = ("Berkas kosong: baris pertama harus berisi judul kolom jenis, nama, nama_singkat, sumber_data "
              "dan kecamatan (atau Kecamatan dan Kelurahan), lalu satu baris per unit.")
KIND_WORDS = {"opd": "opd", "kecamatan": "kecamatan", "kelurahan": "kelurahan", "desa": "kelurahan",
              "desa/kelurahan": "kelurahan"}
TEMPLATE_HEADERS = ("jenis", "nama", "nama_singkat", "sumber_data", "kecamatan")
TEMPLATE_FILE_NAME = "templat_unit_wilayah.xlsx"
SOURCE_SHEET_HEADERS = ("kunci", "kantor yang menjawab", "pertanyaan", "contoh nama resmi", "nama di katalog")


@dataclass(frozen=True)
class FileRow:
    """A kelurahan under its kecamatan, or (kelurahan None) a kecamatan alone."""
    line: int
    kecamatan: object
    kelurahan: object


@dataclass(frozen=True)
class OpdRow:
    line: int
    name: str
    short_name: str
    data_sources: str


def _cell_text(value, line: int, column: str, problems: list[str]) -> str | None:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        problems.append(f"Baris {line}: kolom {column} berisi {type(value).__name__}, bukan nama; "
                        "format selnya sebagai Teks lalu ketik namanya.")
        return None
    return str(int(value)) if float(value).is_integer() else str(value)


def _header_key(value) -> str:
    return column_key(value)


def _header_columns(header: list) -> tuple[dict[str, int], list[str]]:
    """The columns of either layout; an unknown title, or a layout's column missing, refuses the file."""
    columns, problems = check_header(header, ACCEPTED_COLUMNS)
    required = ("jenis", "nama") if "jenis" in columns else ("kecamatan", "kelurahan")
    return columns, problems + missing_columns(columns, required, ACCEPTED_COLUMNS)


def _row(line: int, values: dict[str, str], problems: list[str]) -> FileRow | OpdRow | None:
    """The unit a row names, by its layout (see the module's docstring)."""
    if "jenis" not in values:
        return FileRow(line, values["kecamatan"], values["kelurahan"])
    word = _header_key(values["jenis"])
    kind = KIND_WORDS.get(word)
    name = values.get("nama", "")
    if kind is None:
        problems.append(f"Baris {line}: jenis '{excerpt(values['jenis'], 30)}' tidak dikenal; "
                        "isi opd, kecamatan, kelurahan atau desa.")
        return None
    if kind == "opd":
        return OpdRow(line, name, values.get("nama_singkat", ""), values.get("sumber_data", ""))
    if kind == "kecamatan":
        return FileRow(line, name, None)
    typed = f"Desa {name}" if word == "desa" and not name.strip().lower().startswith("desa") else name
    return FileRow(line, values.get("kecamatan", ""), typed)


def _looks_like_workbook(data: bytes) -> bool:
    return data.startswith(b"PK") or data.startswith(OLE_SIGNATURE)


@dataclass(frozen=True)
class UnitFile:
    rows: list[FileRow | OpdRow]
    problems: list[str]
    region_code: str | None = None   # the region whose template this is (the workbook's sheet "wilayah")


def read_unit_rows(data: bytes, filename: str) -> UnitFile:
    """The rows of an uploaded .xlsx or .csv file (one unit per row), or the problems that keep it
    from being read."""
    name = (filename or "").strip().lower()
    if _looks_like_workbook(data) or name.endswith((".xlsx", ".xlsm", ".xls")):
        return _read_workbook(data)
    if name.endswith((".csv", ".txt")):
        rows, problems = _read_csv(data)
        return UnitFile(rows, problems)
    return UnitFile([], [f"Jenis berkas '{excerpt(filename, 60)}' tidak dikenal. Unggah berkas Excel (.xlsx) atau "
                         "CSV (.csv)."])


def _region_code(book) -> str | None:
    if META_SHEET not in book.sheetnames:
        return None
    for row in book[META_SHEET].iter_rows(max_row=10, max_col=2, values_only=True):
        if row and row[0] == "region_code" and len(row) > 1 and row[1] is not None:
            return str(row[1]).strip()
    return None


def _read_workbook(data: bytes) -> UnitFile:
    try:
        book = open_workbook(data, max_bytes=MAX_IMPORT_BYTES, max_rows=MAX_IMPORT_ROWS + 1)
    except SheetTooLong as refused:
        return UnitFile([], [f"Lembar '{refused.sheet}' berisi lebih dari {MAX_IMPORT_ROWS} baris; paling banyak "
                             f"{MAX_IMPORT_ROWS} unit per berkas. Bagi daftarnya ke beberapa berkas."])
    except WorkbookRefused as refused:
        return UnitFile([], [refused.message])
    try:
        sheet = book.worksheets[0]
        problems: list[str] = []
        rows: list[FileRow | OpdRow] = []
        columns = None
        for line, cells in enumerate(sheet.iter_rows(), start=1):
            if columns is None:
                columns, header_problems = _header_columns([c.value for c in cells])
                if header_problems:
                    return UnitFile([], header_problems)
                continue
            values: dict[str, str | None] = {}
            for column, index in columns.items():
                cell = cells[index] if index < len(cells) else None
                if cell is not None and is_formula(cell):
                    problems.append(f"Baris {line}, kolom {column_letter(index)} ({column}): berisi rumus; "
                                    "isikan nilainya saja.")
                    values[column] = None
                else:
                    values[column] = _cell_text(cell.value if cell is not None else None, line,
                                                column.capitalize(), problems)
            texts = {column: value for column, value in values.items() if value is not None}
            if len(texts) < len(values) or all(not v.strip() for v in texts.values()):
                continue
            row = _row(line, texts, problems)
            if row is not None:
                rows.append(row)
        if columns is None:
            return UnitFile([], [EMPTY_FILE])
        return UnitFile(rows, problems, _region_code(book))
    except Exception as exc:  # noqa: BLE001  (a damaged package can fail in the XML parser, zlib or openpyxl)
        return UnitFile([], [f"File Excel rusak sehingga tidak dapat dibaca ({type(exc).__name__}). "
                             "Simpan ulang file di Excel lalu unggah lagi."])
    finally:
        book.close()


def _read_csv(data: bytes) -> tuple[list[FileRow | OpdRow], list[str]]:
    if not data.strip():
        return [], [EMPTY_FILE]
    if len(data) > MAX_IMPORT_BYTES:
        return [], [f"Berkas terlalu besar ({megabytes(len(data))}); paling besar {megabytes(MAX_IMPORT_BYTES)}."]
    text, encoding = decode_csv_text(data)
    if text is None:
        return [], [f"Berkas tidak dapat dibaca sebagai teks UTF-8 atau Windows-1252 (terbaca: {encoding}). "
                    "Di Excel pilih 'Simpan Sebagai' > 'CSV UTF-8 (dibatasi koma)'."]
    separator = guess_separator(text.splitlines()[0] if text.splitlines() else "")
    problems: list[str] = []
    rows: list[FileRow | OpdRow] = []
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
        header = next(reader, [])
        columns, header_problems = _header_columns(header)
        if header_problems:
            return [], header_problems
        for values in reader:
            line = reader.line_num
            if not any(v.strip() for v in values):
                continue
            if len(rows) >= MAX_IMPORT_ROWS:
                return [], [f"Berkas berisi lebih dari {MAX_IMPORT_ROWS} baris; paling banyak {MAX_IMPORT_ROWS} unit "
                            "per berkas. Bagi daftarnya ke beberapa berkas."]
            cells = {c: values[i] if i < len(values) else "" for c, i in columns.items()}
            formulas = [f"kolom {column_letter(columns[c])} ({c})" for c, v in cells.items() if v.startswith("=")]
            if formulas:
                problems.append(f"Baris {line}, {', '.join(formulas)}: berisi rumus (diawali '='); "
                                "isikan nilainya saja.")
                continue
            row = _row(line, cells, problems)
            if row is not None:
                rows.append(row)
    except csv.Error as error:
        return [], [f"Berkas CSV tidak dapat dibaca ({error}). Simpan ulang dari Excel sebagai CSV lalu unggah lagi."]
    return rows, problems


def units_workbook(kelurahan: list[tuple[str, str]], opds: Sequence[tuple[str, str, str]] = (),
                   region: tuple[str, str] | None = None, sources: Sequence[SourceGuide] = ()) -> bytes:
    """The template: an .xlsx with the columns jenis, nama, nama_singkat, sumber_data, kecamatan:
    one row per OPD (name, short name, data sources) and per (kecamatan, kelurahan) as typed; a
    second sheet listing the data sources an OPD may answer for, a sheet of instructions, and a
    hidden sheet naming the region (a template of another region is refused)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook has its one sheet active
    sheet.title = "unit_wilayah"
    sheet.append(list(TEMPLATE_HEADERS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for name, short_name, data_sources in opds:
        sheet.append(["opd", name, short_name, data_sources or NO_SOURCES, None])
    for kecamatan, kelurahan_name in kelurahan:
        sheet.append(["kelurahan", kelurahan_name, None, None, kecamatan])
    for column, width in zip("ABCDE", (12, 60, 18, 28, 28)):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    listed = book.create_sheet("sumber_data")
    listed.append(list(SOURCE_SHEET_HEADERS))
    for cell in listed[1]:
        cell.font = Font(bold=True)
    for row in sources:
        listed.append([row.key, row.office, row.questions, "; ".join(row.examples), row.name])
    for column, width in zip("ABCDE", (20, 50, 12, 60, 60)):
        listed.column_dimensions[column].width = width
    listed.freeze_panes = "A2"
    guide = book.create_sheet("petunjuk")
    for line in ("Satu baris per unit. Kolom jenis: opd, kecamatan, kelurahan atau desa.",
                 "OPD: isi nama, nama_singkat (huruf kecil, mis. dp3ap2kb) dan sumber_data (kunci sumber data "
                 "katalog yang dijawabnya, dipisah koma, mis. dp3a; daftar kuncinya di lembar sumber_data).",
                 f"OPD yang memang tidak menjawab pertanyaan apa pun: isi sumber_data dengan {NO_SOURCES} . "
                 "OPD tanpa sumber_data ditolak.",
                 "Kelurahan/desa: isi nama dan kecamatan. Isi nilai saja, tanpa rumus.",
                 "Judul kolom yang tidak dikenal ditolak; jangan mengganti judul kolom.",
                 "Berkas lama dengan kolom Kecamatan dan Kelurahan tetap dapat dipakai.",
                 "Unit yang belum terdaftar akan ditambahkan; kelurahan yang tercantum di bawah kecamatan lain "
                 "akan dipindahkan; nama dan sumber data OPD yang berbeda akan diperbarui.",
                 "Unit yang tidak tercantum TIDAK dinonaktifkan; nonaktifkan di halaman Unit Pelapor.",
                 "Periksa dulu berkasnya (Periksa), lalu Terapkan bila pemeriksaan lolos. Unit yang ditambahkan "
                 "sebuah impor dapat dihapus sekaligus (Batalkan impor) selama belum menjawab."):
        guide.append([line])
    guide.column_dimensions["A"].width = 110
    if region is not None:
        meta = book.create_sheet(META_SHEET)
        meta.append(["region_code", region[0]])
        meta.append(["region_name", region[1]])
        meta.sheet_state = "hidden"
    return saved_workbook(book)
