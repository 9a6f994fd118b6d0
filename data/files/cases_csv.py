"""The case CSV: reading an uploaded file into checked case rows (comma, semicolon as Indonesian
Excel saves it, or tab separated; UTF-8 or Windows-1252; a row whose jenis_kekerasan says
"jumlah" states a victim group's total for its year), and writing rows in the same format, the
template. The rows are checked by indicators.cases; what an import changes is decided by
data.services.cases.records."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass

import pandas as pd

from data.files.csv_text import csv_of, decode_csv_text, guess_separator
from indicators.cases import (
    FIELD_NAMES_ID,
    REQUIRED_FIELDS,
    ROW_COLUMNS,
    category_code,
    check_rows,
    known_codes,
    label,
    loose_key,
    parse_count,
    parse_year,
)
from indicators.columns import check_header
from indicators.text import excerpt, whole

CSV_COLUMNS = list(FIELD_NAMES_ID.values())
"""CSV column names (Indonesian, as in the template); the English field names are accepted too."""
MAX_IMPORT_BYTES = 2_000_000

_OTHER_TITLES = {"case_count": ("count", "jumlah_kasus"), "age_group": ("umur",)}
_ACCEPTED = {name: (field, *_OTHER_TITLES.get(field, ())) for field, name in FIELD_NAMES_ID.items()}
"""Each Indonesian column and the other titles it may have (its English field name too)."""
_TOTAL_MARK = "jumlah"  # a row whose violence_type says "jumlah" states the total of a victim group


@dataclass(frozen=True)
class ParsedCsv:
    rows: pd.DataFrame
    problems: list[str]
    encoding: str
    separator: str
    stated_totals: dict


def parse_cases_csv(data: bytes) -> ParsedCsv:
    """Read a case CSV: comma, semicolon (Indonesian Excel) or tab separated; UTF-8 or
    Windows-1252. Problems are named by line number as a spreadsheet shows them."""
    empty = pd.DataFrame(columns=ROW_COLUMNS)
    if len(data) > MAX_IMPORT_BYTES:
        return ParsedCsv(empty, [f"Berkas terlalu besar ({whole(len(data))} bita); batasnya "
                                 f"{whole(MAX_IMPORT_BYTES)} bita."], "", "", {})
    text, encoding = decode_csv_text(data)
    if text is None:
        return ParsedCsv(empty, ["Berkas tidak dapat dibaca sebagai teks UTF-8 atau Windows-1252 "
                                 f"(terbaca: {encoding}). Di Excel pilih 'Simpan Sebagai' > 'CSV UTF-8 "
                                 "(dibatasi koma)'."], encoding, "", {})
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        return ParsedCsv(empty, ["Berkas kosong: baris pertama harus berisi nama kolom "
                                 f"({', '.join(CSV_COLUMNS)})."], encoding, "", {})
    separator = guess_separator(lines[0])
    try:
        return _parse_rows(csv.reader(io.StringIO(text), delimiter=separator), encoding, separator)
    except csv.Error as error:
        return ParsedCsv(empty, [f"Berkas CSV tidak dapat dibaca ({excerpt(error, 80)}); sebuah isian mungkin "
                                 "terlalu panjang atau tanda kutipnya tidak ditutup. Simpan ulang dari Excel "
                                 "sebagai CSV lalu unggah lagi."], encoding, separator, {})


def _parse_rows(reader, encoding: str, separator: str) -> ParsedCsv:
    empty = pd.DataFrame(columns=ROW_COLUMNS)
    header = [loose_key(h) for h in next(reader)]
    required = [FIELD_NAMES_ID[f] for f in ("year", *REQUIRED_FIELDS, "case_count")]
    columns, problems = check_header(header, _ACCEPTED, required)
    if problems:
        if len(header) == 1:
            problems.append("Pemisah kolom harus koma (,) atau titik koma (;).")
        return ParsedCsv(empty, problems, encoding, separator, {})
    by_name = {name: field for field, name in FIELD_NAMES_ID.items()}
    fields: list[str | None] = [None] * len(header)
    for name, index in columns.items():
        fields[index] = by_name[name]
    records, where, stated = [], [], {}
    for line_number, values in enumerate(reader, start=2):
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(fields):
            problems.append(f"Baris {line_number}: berisi {len(values)} kolom, seharusnya {len(fields)}.")
            continue
        record = {f: v for f, v in zip(fields, values, strict=True) if f is not None}
        if loose_key(record.get("violence_type", "")) == _TOTAL_MARK:
            year, year_problem = parse_year(record.get("year"))
            group = category_code("victim_group", record.get("victim_group"))
            total, count_problem = parse_count(record.get("case_count"))
            wrong = [m for m in (year_problem, count_problem) if m]
            if group is None:
                wrong.append(f"kelompok_korban '{excerpt(record.get('victim_group'))}' tidak dikenal "
                             f"(pilihan: {known_codes('victim_group')})")
            if wrong or group is None:  # an unknown group is among `wrong`
                problems.append(f"Baris {line_number}: " + "; ".join(wrong) + ".")
            elif (year, group) in stated:
                problems.append(f"Baris {line_number}: jumlah {label('victim_group', group).lower()} "
                                f"tahun {year} sudah dinyatakan di baris sebelumnya.")
            else:
                stated[(year, group)] = total
            continue
        records.append(record)
        where.append(f"Baris {line_number}")
    checked = check_rows(records, where, stated)
    return ParsedCsv(checked.rows, problems + checked.problems, encoding, separator, stated)


def template_csv(rows: pd.DataFrame | None = None) -> str:
    """A CSV in the import format (header in Indonesian); the given rows, or two examples."""
    if rows is None:
        rows = pd.DataFrame([
            {"year": 2023, "victim_group": "perempuan_dewasa", "violence_type": "fisik", "victim_sex": "perempuan",
             "age_group": "18+", "cause": "ekonomi", "source": "uptd_ppa", "place": "rumah_tangga",
             "service": "pengaduan", "case_count": 12},
            {"year": 2023, "victim_group": "anak", "violence_type": "seksual", "victim_sex": "perempuan",
             "age_group": "13-17", "cause": "lainnya", "source": "polres", "place": "", "service": "",
             "case_count": 7},
        ])
    return csv_of(rows[ROW_COLUMNS].rename(columns=FIELD_NAMES_ID))
