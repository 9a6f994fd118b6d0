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
import re
from collections.abc import Sequence
from dataclasses import dataclass

from data.files.csv_text import decode_csv_text, guess_separator
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
KECAMATAN_HEADERS = ("kecamatan", "nama kecamatan")
KELURAHAN_HEADERS = ("kelurahan", "desa/kelurahan", "kelurahan/desa", "desa", "nama kelurahan", "nama desa")
UNIT_HEADERS = {"jenis": ("jenis", "jenis unit"), "nama": ("nama", "nama unit"),
                "nama_singkat": ("nama_singkat", "nama singkat"), "sumber_data": ("sumber_data", "sumber data")}
KIND_WORDS = {"opd": "opd", "kecamatan": "kecamatan", "kelurahan": "kelurahan", "desa": "kelurahan",
              "desa/kelurahan": "kelurahan"}
TEMPLATE_HEADERS = ("jenis", "nama", "nama_singkat", "sumber_data", "kecamatan")
TEMPLATE_FILE_NAME = "templat_unit_wilayah.xlsx"


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
    return re.sub(r"\s*/\s*", "/", " ".join(str(value or "").split()).lower())


def _header_columns(header: list) -> tuple[dict[str, int], str | None]:
    columns: dict[str, int] = {}
    for index, value in enumerate(header):
        key = _header_key(value)
        if key in KECAMATAN_HEADERS:
            columns.setdefault("kecamatan", index)
        elif key in KELURAHAN_HEADERS:
            columns.setdefault("kelurahan", index)
        for column, names in UNIT_HEADERS.items():
            if key in names:
                columns.setdefault(column, index)
    if "jenis" in columns:
        if "nama" not in columns:
            return columns, "Baris 1: ada kolom jenis tetapi tidak ada kolom nama; isi judul kolom jenis, nama, " \
                            "nama_singkat, sumber_data dan kecamatan."
        return columns, None
    missing = [name.capitalize() for name in ("kecamatan", "kelurahan") if name not in columns]
    if missing:
        found = ", ".join(f"'{excerpt(v)}'" for v in header[:20] if str(v or "").strip()) or "tidak ada"
        return columns, (f"Baris 1: kolom {' dan '.join(missing)} tidak ditemukan (judul kolom yang ada: {found}). "
                         "Baris pertama harus berisi judul kolom Kecamatan dan Kelurahan (atau Desa/Kelurahan), "
                         "atau jenis, nama, nama_singkat, sumber_data dan kecamatan.")
    return columns, None


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


def read_unit_rows(data: bytes, filename: str) -> tuple[list[FileRow | OpdRow], list[str]]:
    """The rows of an uploaded .xlsx or .csv file (one kelurahan per row), or the problems that
    keep it from being read."""
    name = (filename or "").strip().lower()
    if _looks_like_workbook(data) or name.endswith((".xlsx", ".xlsm", ".xls")):
        return _read_workbook(data)
    if name.endswith((".csv", ".txt")):
        return _read_csv(data)
    return [], [f"Jenis berkas '{filename}' tidak dikenal. Unggah berkas Excel (.xlsx) atau CSV (.csv)."]


def _read_workbook(data: bytes) -> tuple[list[FileRow | OpdRow], list[str]]:
    try:
        book = open_workbook(data, max_bytes=MAX_IMPORT_BYTES, max_rows=MAX_IMPORT_ROWS + 1)
    except SheetTooLong as refused:
        return [], [f"Lembar '{refused.sheet}' berisi lebih dari {MAX_IMPORT_ROWS} baris; paling banyak "
                    f"{MAX_IMPORT_ROWS} kelurahan per berkas. Bagi daftarnya ke beberapa berkas."]
    except WorkbookRefused as refused:
        return [], [refused.message]
    try:
        sheet = book.worksheets[0]
        problems: list[str] = []
        rows: list[FileRow | OpdRow] = []
        columns = None
        for line, cells in enumerate(sheet.iter_rows(), start=1):
            if columns is None:
                columns, problem = _header_columns([c.value for c in cells])
                if problem:
                    return [], [problem]
                continue
            values: dict[str, str | None] = {}
            for column, index in columns.items():
                cell = cells[index] if index < len(cells) else None
                if cell is not None and is_formula(cell):
                    problems.append(
                        f"Baris {line}: kolom {column.capitalize()} berisi rumus; isikan nilainya saja.")
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
            return [], ["Lembar pertama kosong: baris pertama harus berisi judul kolom Kecamatan dan Kelurahan."]
        return rows, problems
    except Exception as exc:  # noqa: BLE001  (a damaged package can fail in the XML parser, zlib or openpyxl)
        return [], [f"File Excel rusak sehingga tidak dapat dibaca ({type(exc).__name__}). "
                    "Simpan ulang file di Excel lalu unggah lagi."]
    finally:
        book.close()


def _read_csv(data: bytes) -> tuple[list[FileRow | OpdRow], list[str]]:
    if not data.strip():
        return [], ["Berkas kosong: baris pertama harus berisi judul kolom Kecamatan dan Kelurahan."]
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
        columns, problem = _header_columns(header)
        if problem:
            return [], [problem]
        for values in reader:
            line = reader.line_num
            if not any(v.strip() for v in values):
                continue
            if len(rows) >= MAX_IMPORT_ROWS:
                problems.append(f"Berkas berisi lebih dari {MAX_IMPORT_ROWS} baris kelurahan; bagi daftarnya ke "
                                "beberapa berkas.")
                break
            cells = {c: values[i] if i < len(values) else "" for c, i in columns.items()}
            if any(cell.startswith("=") for cell in cells.values()):
                problems.append(f"Baris {line}: berisi rumus (diawali '='); isikan nilainya saja.")
                continue
            row = _row(line, cells, problems)
            if row is not None:
                rows.append(row)
    except csv.Error as error:
        return [], [f"Berkas CSV tidak dapat dibaca ({error}). Simpan ulang dari Excel sebagai CSV lalu unggah lagi."]
    return rows, problems


def units_workbook(kelurahan: list[tuple[str, str]], opds: Sequence[tuple[str, str, str]] = ()) -> bytes:
    """The template: an .xlsx with the columns jenis, nama, nama_singkat, sumber_data, kecamatan:
    one row per OPD (name, short name, data sources) and per (kecamatan, kelurahan) as typed, and a
    sheet of instructions."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook has its one sheet active
    sheet.title = "unit_wilayah"
    sheet.append(list(TEMPLATE_HEADERS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for name, short_name, sources in opds:
        sheet.append(["opd", name, short_name, sources, None])
    for kecamatan, kelurahan_name in kelurahan:
        sheet.append(["kelurahan", kelurahan_name, None, None, kecamatan])
    for column, width in zip("ABCDE", (12, 60, 18, 28, 28)):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    guide = book.create_sheet("petunjuk")
    for line in ("Satu baris per unit. Kolom jenis: opd, kecamatan, kelurahan atau desa.",
                 "OPD: isi nama, nama_singkat (huruf kecil, mis. dp3ap2kb) dan sumber_data (kunci sumber data "
                 "katalog yang dijawabnya, dipisah koma, mis. dp3a).",
                 "Kelurahan/desa: isi nama dan kecamatan. Isi nilai saja, tanpa rumus.",
                 "Berkas lama dengan kolom Kecamatan dan Kelurahan tetap dapat dipakai.",
                 "Unit yang belum terdaftar akan ditambahkan; kelurahan yang tercantum di bawah kecamatan lain "
                 "akan dipindahkan; nama dan sumber data OPD yang berbeda akan diperbarui.",
                 "Unit yang tidak tercantum TIDAK dinonaktifkan; nonaktifkan di halaman Unit Wilayah.",
                 "Periksa dulu berkasnya (Periksa), lalu Terapkan bila pemeriksaan lolos."):
        guide.append([line])
    guide.column_dimensions["A"].width = 110
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
