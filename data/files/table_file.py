"""A small table uploaded as .xlsx or .csv (accounts, and any list with named columns): header
row matched case-insensitively against each column's accepted names, one dict of texts per row,
formulas and over-long files refused with the row. Values are read as text; the use case checks
what they mean."""
from __future__ import annotations

import csv
import io

from data.files.csv_text import decode_csv_text, guess_separator
from indicators.spreadsheet import MAX_WORKBOOK_BYTES, SheetTooLong, WorkbookRefused, is_formula, open_workbook
from indicators.text import megabytes

MAX_CELL_CHARS = 500


def _key(value) -> str:
    return " ".join(str(value or "").replace("_", " ").split()).lower()


def _columns(header: list, accepted: dict[str, tuple[str, ...]], required: tuple[str, ...]) -> tuple[dict, str | None]:
    found: dict[str, int] = {}
    for index, value in enumerate(header):
        for column, names in accepted.items():
            if _key(value) in {_key(n) for n in (column, *names)}:
                found.setdefault(column, index)
    missing = [c for c in required if c not in found]
    if missing:
        return found, (f"Baris 1: kolom {', '.join(missing)} tidak ditemukan. Baris pertama harus berisi judul "
                       f"kolom: {', '.join(accepted)}.")
    return found, None


def _text(value, line: int, column: str, problems: list[str]) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if len(text) > MAX_CELL_CHARS:
        problems.append(f"Baris {line}: kolom {column} lebih dari {MAX_CELL_CHARS} karakter.")
        return ""
    return text


def read_table(data: bytes, filename: str, accepted: dict[str, tuple[str, ...]], required: tuple[str, ...],
               max_rows: int) -> tuple[list[tuple[int, dict[str, str]]], list[str]]:
    """(line, {column: text}) for every non-empty row, and the problems that refuse the file."""
    name = (filename or "").strip().lower()
    if not data:
        return [], ["Berkas kosong."]
    if len(data) > MAX_WORKBOOK_BYTES:
        return [], [f"Berkas terlalu besar ({megabytes(len(data))}); paling besar {megabytes(MAX_WORKBOOK_BYTES)}."]
    if data.startswith(b"PK") or name.endswith(".xlsx"):
        return _workbook_rows(data, accepted, required, max_rows)
    if name.endswith((".csv", ".txt")):
        return _csv_rows(data, accepted, required, max_rows)
    return [], [f"Jenis berkas '{filename[:60]}' tidak dikenal. Unggah berkas Excel (.xlsx) atau CSV (.csv)."]


def _workbook_rows(data, accepted, required, max_rows):
    try:
        book = open_workbook(data, max_rows=max_rows + 1)
    except SheetTooLong:
        return [], [f"Berkas berisi lebih dari {max_rows} baris; bagi ke beberapa berkas."]
    except WorkbookRefused as refused:
        return [], [refused.message]
    rows, problems, columns = [], [], None
    try:
        for line, cells in enumerate(book.worksheets[0].iter_rows(), start=1):
            if columns is None:
                columns, problem = _columns([c.value for c in cells], accepted, required)
                if problem:
                    return [], [problem]
                continue
            values = {}
            for column, index in columns.items():
                cell = cells[index] if index < len(cells) else None
                if cell is not None and is_formula(cell):
                    problems.append(f"Baris {line}: kolom {column} berisi rumus; isikan nilainya saja.")
                values[column] = _text(getattr(cell, "value", None), line, column, problems)
            if any(values.values()):
                rows.append((line, values))
    except Exception as exc:  # noqa: BLE001  (a damaged package can fail in the XML parser, zlib or openpyxl)
        return [], [f"File Excel rusak sehingga tidak dapat dibaca ({type(exc).__name__}); "
                    "simpan ulang lalu unggah lagi."]
    finally:
        book.close()
    if columns is None:
        return [], ["Lembar pertama kosong: baris pertama harus berisi judul kolom."]
    return rows, problems


def _csv_rows(data, accepted, required, max_rows):
    text, encoding = decode_csv_text(data)
    if text is None:
        return [], [f"Berkas tidak dapat dibaca sebagai teks UTF-8 atau Windows-1252 (terbaca: {encoding})."]
    lines = text.splitlines()
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=guess_separator(lines[0] if lines else ""))
    rows, problems = [], []
    try:
        columns, problem = _columns(next(reader, []), accepted, required)
        if problem:
            return [], [problem]
        for cells in reader:
            line = reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if len(rows) >= max_rows:
                return [], [f"Berkas berisi lebih dari {max_rows} baris; bagi ke beberapa berkas."]
            values = {c: _text(cells[i] if i < len(cells) else "", line, c, problems) for c, i in columns.items()}
            if any(v.startswith("=") for v in values.values()):
                problems.append(f"Baris {line}: berisi rumus (diawali '='); isikan nilainya saja.")
            rows.append((line, values))
    except csv.Error as error:
        return [], [f"Berkas CSV tidak dapat dibaca ({str(error)[:80]}); simpan ulang dari Excel sebagai CSV."]
    return rows, problems
