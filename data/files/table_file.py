"""A small table uploaded as .xlsx or .csv (accounts, and any list with named columns): the header
row checked by indicators.columns (an unknown or misspelled title refused naming the one meant, a
required column missing refused), one dict of texts per row, formulas and over-long files refused
with the row and column. Values are read as text, never evaluated; the use case checks what they
mean."""
from __future__ import annotations

import csv
import io

from data.files.csv_text import decode_csv_text, guess_separator
from indicators.columns import check_header, column_letter
from indicators.spreadsheet import MAX_WORKBOOK_BYTES, SheetTooLong, WorkbookRefused, is_formula, open_workbook
from indicators.text import megabytes

MAX_CELL_CHARS = 500


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
                columns, header_problems = check_header([c.value for c in cells], accepted, required)
                if header_problems:
                    return [], header_problems
                continue
            values = {}
            for column, index in columns.items():
                cell = cells[index] if index < len(cells) else None
                if cell is not None and is_formula(cell):
                    problems.append(f"Baris {line}, kolom {column_letter(index)} ({column}): berisi rumus; "
                                    "isikan nilainya saja.")
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
        header = next(reader, [])
        if not any(cell.strip() for cell in header):
            return [], ["Berkas kosong: baris pertama harus berisi judul kolom: " + ", ".join(accepted) + "."]
        columns, header_problems = check_header(header, accepted, required)
        if header_problems:
            return [], header_problems
        for cells in reader:
            line = reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if len(rows) >= max_rows:
                return [], [f"Berkas berisi lebih dari {max_rows} baris; bagi ke beberapa berkas."]
            values = {c: _text(cells[i] if i < len(cells) else "", line, c, problems) for c, i in columns.items()}
            formulas = [f"kolom {column_letter(columns[c])} ({c})" for c, v in values.items() if v.startswith("=")]
            if formulas:
                problems.append(f"Baris {line}, {', '.join(formulas)}: berisi rumus (diawali '='); "
                                "isikan nilainya saja.")
            rows.append((line, values))
    except csv.Error as error:
        return [], [f"Berkas CSV tidak dapat dibaca ({str(error)[:80]}); simpan ulang dari Excel sebagai CSV."]
    return rows, problems
