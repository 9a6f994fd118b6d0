"""Kemendagri region codes (pure): their form, their level and parent, and the official list as
read from its CSV files (Kepmendagri 300.2.2-2138/2025 ships in data/reference/).

53 is a province (Nusa Tenggara Timur), 53.71 a kab/kota (Kota Kupang), 53.71.01 a kecamatan
(Alak), 53.71.01.1001 a kelurahan (Namosain; a last part starting with 2 is a desa)."""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from indicators.text import excerpt

CODE_FORMS = (
    ("provinsi", re.compile(r"\d{2}")),
    ("kabupaten_kota", re.compile(r"\d{2}\.\d{2}")),
    ("kecamatan", re.compile(r"\d{2}\.\d{2}\.\d{2}")),
    ("desa_kelurahan", re.compile(r"\d{2}\.\d{2}\.\d{2}\.\d{4}")),
)
LEVELS = ("provinsi", "kabupaten", "kota", "kecamatan", "kelurahan", "desa")
LEVEL_OF_FORM = {"provinsi": ("provinsi",), "kabupaten_kota": ("kabupaten", "kota"),
                 "kecamatan": ("kecamatan",), "desa_kelurahan": ("kelurahan", "desa")}
REGIONS_COLUMNS = ("kode", "nama", "tingkat", "kode_provinsi", "nama_provinsi")
AREAS_COLUMNS = ("kode", "nama", "tingkat")
MAX_NAME = 200
MAX_PROBLEMS = 20


@dataclass(frozen=True)
class OfficialEntry:
    code: str
    name: str
    level: str
    parent_code: str | None


def clean_code(text: object) -> str:
    return "" if text is None else str(text).strip()


def code_form(code: str) -> str | None:
    """provinsi, kabupaten_kota, kecamatan or desa_kelurahan; None for a malformed code."""
    return next((form for form, pattern in CODE_FORMS if pattern.fullmatch(code)), None)


def code_problem(code: str, wanted_form: str = "kabupaten_kota") -> str | None:
    """Why `code` is not a code of the wanted form, in Indonesian (None: it is)."""
    shown = excerpt(code, 30)
    if not code:
        return "Kode Kemendagri wajib diisi, misalnya 53.71 untuk Kota Kupang."
    form = code_form(code)
    examples = {"provinsi": "53", "kabupaten_kota": "53.71", "kecamatan": "53.71.01", "desa_kelurahan": "53.71.01.1001"}
    if form is None:
        return (f"Kode '{shown}' tidak berbentuk kode Kemendagri: angka dua digit dipisah titik, "
                f"misalnya {examples[wanted_form]}.")
    if form != wanted_form:
        names = {"provinsi": "provinsi", "kabupaten_kota": "kabupaten/kota", "kecamatan": "kecamatan",
                 "desa_kelurahan": "desa/kelurahan"}
        return (f"Kode '{shown}' adalah kode {names[form]}; yang diperlukan kode {names[wanted_form]}, "
                f"misalnya {examples[wanted_form]}.")
    return None


WIB, WITA, WIT = "Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"


def time_zone_of(code: str | None) -> str | None:
    """The time zone a region keeps (Keppres 41/1987): WIB for Sumatra, the Riau Islands, Java,
    West and Central Kalimantan; WITA for Bali, Nusa Tenggara, the rest of Kalimantan and
    Sulawesi; WIT for Maluku and Papua. None for a code that names no province."""
    province = clean_code(code)[:2]
    if not re.fullmatch(r"\d{2}", province):
        return None
    if province[0] in "123" or province in ("61", "62"):
        return WIB
    if province[0] in "567":
        return WITA
    if province[0] in "89":
        return WIT
    return None


def parent_code(code: str) -> str | None:
    return code.rsplit(".", 1)[0] if "." in code else None


def read_official_list(regions_csv: str, areas_csv: str | None = None) -> tuple[list[OfficialEntry], list[str]]:
    """The entries of the official list's CSV files (the provinces and kab/kota file, and
    optionally the kecamatan and desa/kelurahan file), and every problem found (at most
    MAX_PROBLEMS are named). Problems refuse the whole list."""
    entries: dict[str, OfficialEntry] = {}
    problems: list[str] = []
    for label, text, columns in (("provinsi dan kabupaten/kota", regions_csv, REGIONS_COLUMNS),
                                 ("kecamatan dan desa/kelurahan", areas_csv, AREAS_COLUMNS)):
        if text is None:
            continue
        try:
            _read_entries(label, text, columns, entries, problems)
        except csv.Error as error:
            problems.append(f"Berkas {label} tidak dapat dibaca sebagai CSV ({excerpt(error, 80)}); sebuah isian "
                            "mungkin terlalu panjang atau tanda kutipnya tidak ditutup.")
    if not problems:
        problems += _orphans(entries)
    if not entries and not problems:
        problems.append("Daftar wilayah kosong; isi satu baris per wilayah di bawah judul kolom.")
    if len(problems) > MAX_PROBLEMS:
        problems = problems[:MAX_PROBLEMS] + [f"... dan {len(problems) - MAX_PROBLEMS} masalah lain."]
    return list(entries.values()), problems


def _read_entries(label: str, text: str, columns, entries: dict[str, OfficialEntry], problems: list[str]) -> None:
    """The entries of one of the list's files into `entries`, its problems into `problems`."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    header = [h.strip().lower() for h in next(reader, [])]
    missing = [c for c in columns if c not in header]
    if missing:
        problems.append(f"Berkas {label}: kolom {', '.join(missing)} tidak ada; judul kolom yang diperlukan: "
                        f"{', '.join(columns)}.")
        return
    index = {c: header.index(c) for c in columns}
    for number, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        cells = {c: (row[i].strip() if i < len(row) else "") for c, i in index.items()}
        problem = _entry_problem(cells, entries)
        if problem:
            problems.append(f"Berkas {label}, baris {number}: {problem}")
            continue
        code = cells["kode"]
        entries[code] = OfficialEntry(code, cells["nama"], cells["tingkat"].lower(), parent_code(code))


def _entry_problem(cells: dict[str, str], seen: dict[str, OfficialEntry]) -> str | None:
    code, name, level = cells["kode"], cells["nama"], cells["tingkat"].lower()
    if level not in LEVELS:
        return f"tingkat '{level[:30]}' tidak dikenal; pilih salah satu: {', '.join(LEVELS)}."
    form = next(form for form, levels in LEVEL_OF_FORM.items() if level in levels)
    problem = code_problem(code, form)
    if problem:
        return problem
    if not name or len(name) > MAX_NAME or any(ord(ch) < 32 for ch in name):
        return f"nama wilayah {code} kosong, lebih dari {MAX_NAME} karakter atau memuat karakter kendali."
    if code in seen:
        return f"kode {code} muncul dua kali."
    return None


def _orphans(entries: dict[str, OfficialEntry]) -> list[str]:
    return [f"Kode {e.code} ({e.name}) tidak memiliki induk {e.parent_code} dalam daftar."
            for e in entries.values() if e.parent_code and e.parent_code not in entries][:MAX_PROBLEMS]


def region_kind(level: str) -> str:
    """The Region.kind of an official kab/kota level."""
    return "kota" if level == "kota" else "kabupaten"
