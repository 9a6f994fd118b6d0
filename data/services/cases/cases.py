"""Klaster V case statistics: aggregate counts of violence against women and children.

Counts only, per region, year and SIMFONI-PPA category (type of violence, victim group, victim
sex, age group) plus the cause (grouped as Kota Kupang's task force groups its police data) and
the source; place and service are optional. Never a person: the table has no column for a name,
NIK, address or birth date.

Who may do what (checked here, whatever the page shows):
- read the true counts: admin (every region); secretariat, chair and members of the task force,
  and the OPD accounts of DP3A and UPTD PPA (their own region);
- enter and import: admin, the secretariat (which sits in DP3A), and the OPD accounts of DP3A
  and UPTD PPA, who keep the case records.
The public sees only suppressed figures (indicators/suppression.py), and only of years whose
evaluation has been published: the counts of year Y become public with the evaluation cycle Y+1
(the cycle that assesses year Y's data) once that cycle is published.

Saving a year replaces all its rows at once (the grid is the year); an import does the same for
every year in the file, all or nothing.
"""
from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass, field

import pandas as pd
from sqlalchemy import Engine, delete, func, select
from sqlalchemy.orm import Session

from data.db import bump_data_version, unit_of_work
from data.errors import InvalidInput, PermissionDenied
from data.models import (AGE_GROUPS, VICTIM_GROUPS, VICTIM_SEXES, VIOLENCE_TYPES, CaseStatistic,
                         EvaluationCycle, Region)
from data import audit
from data.actor import SignedInUser
from data.access import may_enter_cases, may_read_cases, require_current_account
from data.lookups import find_region
from indicators.suppression import AtMost, SumRelation, suppress

# --- categories as data: code -> (Indonesian, English) ------------------------------------------

VIOLENCE_TYPE_LABELS = {
    "fisik": ("Fisik", "Physical"),
    "psikis": ("Psikis", "Psychological"),
    "seksual": ("Seksual", "Sexual"),
    "eksploitasi": ("Eksploitasi", "Exploitation"),
    "trafficking": ("Perdagangan orang", "Trafficking"),
    "penelantaran": ("Penelantaran", "Neglect"),
    "lainnya": ("Lainnya", "Other"),
}
VICTIM_GROUP_LABELS = {
    "perempuan_dewasa": ("Perempuan dewasa", "Adult women"),
    "anak": ("Anak", "Children"),
}
VICTIM_SEX_LABELS = {
    "perempuan": ("Perempuan", "Female"),
    "laki_laki": ("Laki-laki", "Male"),
}
AGE_GROUP_LABELS = {
    "0-5": ("0-5 tahun", "0-5 years"),
    "6-12": ("6-12 tahun", "6-12 years"),
    "13-17": ("13-17 tahun", "13-17 years"),
    "18+": ("18 tahun ke atas", "18 and over"),
}
CAUSE_LABELS = {
    # The task force groups the police data by cause: economic problems, a third party (a
    # "man or woman of one's dreams"), and the rest; the middle ones are common in NTT reports.
    "ekonomi": ("Masalah ekonomi", "Economic problems"),
    "orang_ketiga": ("Orang ketiga / perselingkuhan", "Third party / infidelity"),
    "minuman_keras": ("Minuman keras", "Alcohol"),
    "pola_asuh": ("Pola asuh / konflik keluarga", "Parenting / family conflict"),
    "media_sosial": ("Media sosial / daring", "Social media / online"),
    "lainnya": ("Lainnya", "Other"),
}
SOURCE_LABELS = {
    "uptd_ppa": ("UPTD PPA", "UPTD PPA (women and child protection unit)"),
    "polres": ("Polres/Polresta (Unit PPA)", "Police (PPA unit)"),
    "rumah_sakit": ("Rumah sakit / puskesmas", "Hospital / health centre"),
    "lembaga_layanan": ("Lembaga layanan masyarakat", "Community service provider"),
    "lainnya": ("Lainnya", "Other"),
}
PLACE_LABELS = {
    "": ("Tidak dicatat", "Not recorded"),
    "rumah_tangga": ("Rumah tangga", "Household"),
    "sekolah": ("Sekolah", "School"),
    "tempat_umum": ("Tempat umum", "Public place"),
    "daring": ("Daring", "Online"),
    "lainnya": ("Lainnya", "Other"),
}
SERVICE_LABELS = {
    "": ("Tidak dicatat", "Not recorded"),
    "pengaduan": ("Pengaduan", "Complaint handling"),
    "kesehatan": ("Layanan kesehatan", "Health care"),
    "bantuan_hukum": ("Bantuan hukum", "Legal aid"),
    "rehabilitasi_sosial": ("Rehabilitasi sosial", "Social rehabilitation"),
    "pendampingan": ("Pendampingan psikologis", "Psychological support"),
}
assert tuple(VIOLENCE_TYPE_LABELS) == VIOLENCE_TYPES and tuple(VICTIM_GROUP_LABELS) == VICTIM_GROUPS
assert tuple(VICTIM_SEX_LABELS) == VICTIM_SEXES and tuple(AGE_GROUP_LABELS) == AGE_GROUPS

CATEGORY_LABELS = {
    "victim_group": VICTIM_GROUP_LABELS,
    "violence_type": VIOLENCE_TYPE_LABELS,
    "victim_sex": VICTIM_SEX_LABELS,
    "age_group": AGE_GROUP_LABELS,
    "cause": CAUSE_LABELS,
    "source": SOURCE_LABELS,
    "place": PLACE_LABELS,
    "service": SERVICE_LABELS,
}
CATEGORY_FIELDS = tuple(CATEGORY_LABELS)
REQUIRED_FIELDS = ("victim_group", "violence_type", "victim_sex", "age_group", "cause", "source")
FIELD_NAMES_ID = {
    "year": "tahun", "victim_group": "kelompok_korban", "violence_type": "jenis_kekerasan",
    "victim_sex": "jenis_kelamin", "age_group": "kelompok_umur", "cause": "penyebab",
    "source": "sumber", "place": "tempat", "service": "layanan", "case_count": "jumlah",
}
"""CSV column names (Indonesian, as in the template); the English field names are accepted too."""
CSV_COLUMNS = list(FIELD_NAMES_ID.values())

MAX_COUNT = 100_000
MIN_YEAR, MAX_YEAR = 2000, 2100
MAX_IMPORT_BYTES = 2_000_000


def label(field_name: str, code: str, lang: str = "id") -> str:
    labels = CATEGORY_LABELS[field_name].get(code)
    if labels is None:
        return code
    return labels[1] if lang == "en" else labels[0]


# --- permissions --------------------------------------------------------------------------------


def _require(session: Session, actor: SignedInUser, region: Region, write: bool) -> None:
    require_current_account(session, actor)
    allowed = may_enter_cases(actor) if write else may_read_cases(actor)
    if not allowed:
        raise PermissionDenied(
            "Hanya admin, sekretariat KLA, dan petugas DP3A/UPTD PPA yang dapat mengisi data kasus."
            if write else "Data kasus asli hanya dapat dilihat oleh Gugus Tugas KLA, DP3A dan UPTD PPA.")
    if actor.role != "admin" and actor.region_id != region.id:
        raise PermissionDenied("Anda hanya dapat mengelola data kasus wilayah Anda sendiri.")


# --- validation (pure) --------------------------------------------------------------------------

_AGE_ALIASES = {"0-5": "0-5", "6-12": "6-12", "13-17": "13-17", "18+": "18+", "18_keatas": "18+",
                "18_ke_atas": "18+", ">=18": "18+", "dewasa": "18+"}


def _blank(raw) -> bool:
    """None, NaN, pd.NA or only spaces: the cell was left empty."""
    if raw is None:
        return True
    if isinstance(raw, str):
        return not raw.strip()
    try:
        return bool(pd.isna(raw))
    except (TypeError, ValueError):
        return False


def _key(text: str) -> str:
    return re.sub(r"[\s\-/]+", "_", str(text).strip().lower()).strip("_")


def _lookup_code(field_name: str, raw) -> str | None:
    """A category code from its code or its Indonesian/English label, case and spacing free."""
    text = "" if _blank(raw) else str(raw).strip()
    labels = CATEGORY_LABELS[field_name]
    if field_name == "age_group":
        compact = text.replace(" ", "").replace("tahun", "").replace("\u2013", "-").replace("\u2014", "-").lower()
        if compact in _AGE_ALIASES:
            return _AGE_ALIASES[compact]
    if text in labels:
        return text
    wanted = _key(text)
    for code, (label_id, label_en) in labels.items():
        if wanted in (_key(code), _key(label_id), _key(label_en)):
            return code
    return None


def _known(field_name: str) -> str:
    return ", ".join(code for code in CATEGORY_LABELS[field_name] if code)


def _parse_count(raw) -> tuple[int | None, str | None]:
    """A count of cases: a whole number from 0; the message when it is not."""
    if _blank(raw):
        return None, "jumlah kosong; isi 0 bila tidak ada kasus"
    if hasattr(raw, "item") and not isinstance(raw, str):  # numpy scalars from a grid
        raw = raw.item()
    if isinstance(raw, bool):
        return None, f"jumlah '{raw}' bukan angka"
    if isinstance(raw, int):
        value = raw
    elif isinstance(raw, float):
        if not math.isfinite(raw):
            return None, "jumlah bukan angka yang terhingga"
        if raw != int(raw):
            return None, f"jumlah {raw:g} bukan bilangan bulat; kasus dihitung utuh"
        value = int(raw)
    else:
        text = str(raw).strip()
        if not text:
            return None, "jumlah kosong; isi 0 bila tidak ada kasus"
        if re.fullmatch(r"-\s*[0-9]+([.,][0-9]+)?", text):
            return None, f"jumlah {text} negatif; jumlah kasus paling sedikit 0"
        if re.fullmatch(r"[0-9]+[.,][0-9]{3}", text):
            return None, f"jumlah '{text}': tulis angka tanpa pemisah ribuan (mis. 1234)"
        if re.fullmatch(r"[0-9]*[.,][0-9]+", text):
            return None, f"jumlah {text} bukan bilangan bulat; kasus dihitung utuh"
        if not re.fullmatch(r"[0-9]+", text):
            return None, f"jumlah '{text}' bukan angka"
        value = int(text)
    if value < 0:
        return None, f"jumlah {value} negatif; jumlah kasus paling sedikit 0"
    if value > MAX_COUNT:
        return None, f"jumlah {value} terlalu besar untuk satu wilayah dan satu tahun; periksa kembali"
    return value, None


def _parse_year(raw) -> tuple[int | None, str | None]:
    text = "" if _blank(raw) else str(raw).strip()
    if re.fullmatch(r"\d{4}(\.0)?", text):
        year = int(float(text))
        if MIN_YEAR <= year <= MAX_YEAR:
            return year, None
    return None, f"tahun '{text}' tidak sah; tulis tahun empat angka, mis. 2023"


@dataclass(frozen=True)
class CheckedRows:
    rows: pd.DataFrame            # year + CATEGORY_FIELDS + case_count, valid rows only
    problems: list[str] = field(default_factory=list)


ROW_COLUMNS = ["year", *CATEGORY_FIELDS, "case_count"]


def check_rows(records: list[dict], where: list[str], stated_totals: dict | None = None) -> CheckedRows:
    """Validate rows (dicts with the English field names) and say what is wrong with each, naming
    it by `where` (e.g. "baris 4"). stated_totals: {(year, victim_group): total} the breakdown
    must add up to exactly."""
    problems: list[str] = []
    clean: list[dict] = []
    first_seen: dict[tuple, str] = {}
    for record, place in zip(records, where, strict=True):
        messages = []
        year, message = _parse_year(record.get("year"))
        if message:
            messages.append(message)
        row = {"year": year}
        for name in CATEGORY_FIELDS:
            raw = record.get(name)
            empty = _blank(raw)
            if empty and name not in REQUIRED_FIELDS:
                row[name] = ""
                continue
            if empty:
                messages.append(f"{FIELD_NAMES_ID[name]} kosong (pilih salah satu: {_known(name)})")
                continue
            code = _lookup_code(name, raw)
            if code is None:
                hint = ""
                if name == "age_group" and re.search(r"[A-Za-z]{3}|\d{4}-\d\d-\d\d", str(raw)):
                    hint = "; Excel mungkin mengubah '6-12' menjadi tanggal: format kolom sebagai Teks"
                messages.append(f"{FIELD_NAMES_ID[name]} '{raw}' tidak dikenal (pilihan: {_known(name)}){hint}")
            row[name] = code
        count, message = _parse_count(record.get("case_count"))
        if message:
            messages.append(message)
        row["case_count"] = count
        if not messages:
            if row["victim_group"] == "perempuan_dewasa" and (row["age_group"] != "18+" or row["victim_sex"] != "perempuan"):
                messages.append("korban perempuan dewasa harus berjenis kelamin perempuan dan berumur 18 tahun ke atas")
            if row["victim_group"] == "anak" and row["age_group"] == "18+":
                messages.append("korban anak berumur di bawah 18 tahun; pilih kelompok umur 0-5, 6-12 atau 13-17")
        if not messages:
            key = tuple(row[name] for name in ["year", *CATEGORY_FIELDS])
            if key in first_seen:
                messages.append(f"rincian yang sama sudah ada di {first_seen[key]}; gabungkan jumlahnya dalam satu baris")
            else:
                first_seen[key] = place
        if messages:
            problems.append(f"{place}: " + "; ".join(messages) + ".")
        else:
            clean.append(row)
    rows = pd.DataFrame(clean, columns=ROW_COLUMNS)
    for (year, group), total in sorted((stated_totals or {}).items()):
        parts = int(rows.loc[(rows["year"] == year) & (rows["victim_group"] == group), "case_count"].sum())
        name = label("victim_group", group).lower()
        if parts > total:
            problems.append(f"Tahun {year}: rincian kasus {name} berjumlah {parts}, melebihi jumlah yang "
                            f"dinyatakan ({total}). Periksa angka rinciannya.")
        elif parts < total:
            problems.append(f"Tahun {year}: rincian kasus {name} baru berjumlah {parts} dari {total} yang "
                            f"dinyatakan; lengkapi rinciannya (gunakan kategori 'lainnya' bila tidak diketahui).")
    return CheckedRows(rows=rows, problems=problems)


# --- CSV (pure) ---------------------------------------------------------------------------------

_HEADER_ALIASES = {**{v: k for k, v in FIELD_NAMES_ID.items()}, **{k: k for k in FIELD_NAMES_ID},
                   "count": "case_count", "jumlah_kasus": "case_count", "umur": "age_group"}
_TOTAL_MARK = "jumlah"  # a row whose violence_type says "jumlah" states the total of a victim group


@dataclass(frozen=True)
class ParsedCsv:
    rows: pd.DataFrame
    problems: list[str]
    encoding: str
    separator: str
    stated_totals: dict


def decode_csv_text(data: bytes) -> tuple[str | None, str]:
    """UTF-8 (with or without BOM), or Windows-1252 as old Excel saves it; else None."""
    if data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
        return None, "utf-16"
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return None, "unknown"


def parse_cases_csv(data: bytes) -> ParsedCsv:
    """Read a case CSV: comma, semicolon (Indonesian Excel) or tab separated; UTF-8 or
    Windows-1252. Problems are named by line number as a spreadsheet shows them."""
    empty = pd.DataFrame(columns=ROW_COLUMNS)
    if len(data) > MAX_IMPORT_BYTES:
        return ParsedCsv(empty, [f"Berkas terlalu besar ({len(data):,} bita); batasnya "
                                 f"{MAX_IMPORT_BYTES:,} bita.".replace(",", ".")], "", "", {})
    text, encoding = decode_csv_text(data)
    if text is None:
        return ParsedCsv(empty, ["Berkas tidak dapat dibaca sebagai teks UTF-8 atau Windows-1252 "
                                 f"(terbaca: {encoding}). Di Excel pilih 'Simpan Sebagai' > 'CSV UTF-8 "
                                 "(dibatasi koma)'."], encoding, "", {})
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        return ParsedCsv(empty, ["Berkas kosong: baris pertama harus berisi nama kolom "
                                 f"({', '.join(CSV_COLUMNS)})."], encoding, "", {})
    header_line = lines[0]
    separator = max([";", ",", "\t"], key=header_line.count)
    reader = csv.reader(io.StringIO(text), delimiter=separator)
    header = [_key(h) for h in next(reader)]
    fields = [_HEADER_ALIASES.get(h) for h in header]
    problems = []
    unknown = [h for h, f in zip(header, fields, strict=True) if f is None and h]
    if unknown:
        problems.append(f"Baris 1: kolom {', '.join(repr(u) for u in unknown)} tidak dikenal; "
                        f"kolom yang dipakai: {', '.join(CSV_COLUMNS)}.")
    required = ["year", *REQUIRED_FIELDS, "case_count"]
    missing = [FIELD_NAMES_ID[f] for f in required if f not in fields]
    if missing:
        hint = ""
        if len(header) == 1:
            hint = " Pemisah kolom harus koma (,) atau titik koma (;)."
        problems.append(f"Baris 1: kolom {', '.join(missing)} tidak ada.{hint}")
    if problems:
        return ParsedCsv(empty, problems, encoding, separator, {})
    records, where, stated = [], [], {}
    for line_number, values in enumerate(reader, start=2):
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(fields):
            problems.append(f"Baris {line_number}: berisi {len(values)} kolom, seharusnya {len(fields)}.")
            continue
        record = {f: v for f, v in zip(fields, values, strict=True) if f is not None}
        if _key(record.get("violence_type", "")) == _TOTAL_MARK:
            year, year_problem = _parse_year(record.get("year"))
            group = _lookup_code("victim_group", record.get("victim_group"))
            total, count_problem = _parse_count(record.get("case_count"))
            wrong = [m for m in (year_problem, count_problem) if m]
            if group is None:
                wrong.append(f"kelompok_korban '{record.get('victim_group')}' tidak dikenal "
                             f"(pilihan: {_known('victim_group')})")
            if wrong:
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
    return rows[ROW_COLUMNS].rename(columns=FIELD_NAMES_ID).to_csv(index=False)


# --- reading ------------------------------------------------------------------------------------


def _rows_frame(session: Session, region_id: int, years: list[int] | None = None) -> pd.DataFrame:
    query = select(CaseStatistic).where(CaseStatistic.region_id == region_id)
    if years is not None:
        query = query.where(CaseStatistic.year.in_(years))
    rows = [{name: getattr(row, name) for name in ROW_COLUMNS} for row in session.scalars(
        query.order_by(CaseStatistic.year, CaseStatistic.id))]
    return pd.DataFrame(rows, columns=ROW_COLUMNS)


def case_rows(engine: Engine, actor: SignedInUser, region_code: str, year: int | None = None) -> pd.DataFrame:
    """The true counts (staff only): one row per category combination."""
    with unit_of_work(engine) as session:
        region = find_region(session, region_code)
        _require(session, actor, region, write=False)
        return _rows_frame(session, region.id, None if year is None else [int(year)])


def case_year_totals(engine: Engine, actor: SignedInUser, region_code: str) -> pd.DataFrame:
    """Per year: adult women, children and all cases (true counts, staff only)."""
    frame = case_rows(engine, actor, region_code)
    return _year_totals(frame)


def _year_totals(frame: pd.DataFrame) -> pd.DataFrame:
    if frame.empty:
        return pd.DataFrame(columns=["year", *VICTIM_GROUPS, "total"])
    table = frame.pivot_table(index="year", columns="victim_group", values="case_count", aggfunc="sum",
                              fill_value=0)
    table = table.reindex(columns=list(VICTIM_GROUPS), fill_value=0)
    table["total"] = table.sum(axis=1)
    return table.reset_index().astype(int)


# --- writing ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class YearChange:
    year: int
    rows_before: int
    rows_after: int
    total_before: int
    total_after: int


def _replace_year(session: Session, actor: SignedInUser, region: Region, year: int,
                  rows: pd.DataFrame, how: str) -> YearChange:
    before = _rows_frame(session, region.id, [year])
    session.execute(delete(CaseStatistic).where(CaseStatistic.region_id == region.id, CaseStatistic.year == year))
    session.flush()
    for row in rows.itertuples(index=False):
        session.add(CaseStatistic(region_id=region.id, year=year, case_count=int(row.case_count),
                                  **{name: getattr(row, name) for name in CATEGORY_FIELDS}))
    change = YearChange(year=year, rows_before=len(before), rows_after=len(rows),
                        total_before=int(before["case_count"].sum()), total_after=int(rows["case_count"].sum()))
    audit.record(session, actor.id, f"{how}_case_statistics", "case_statistic",
                 f"{region.code}/{year}", region.id,
                 {"year": year, "rows_before": change.rows_before, "rows_after": change.rows_after,
                  "total_before": change.total_before, "total_after": change.total_after,
                  "by_group": {g: int(rows.loc[rows["victim_group"] == g, "case_count"].sum())
                               for g in VICTIM_GROUPS}})
    return change


def save_year(engine: Engine, actor: SignedInUser, region_code: str, year: int,
              rows: list[dict] | pd.DataFrame, stated_totals: dict[str, int] | None = None) -> YearChange:
    """Replace the counts of one year with `rows` (the grid), all or nothing. Rows with a count
    of 0 are dropped (they say nothing); stated_totals {victim_group: total} are checked."""
    records = rows.to_dict("records") if isinstance(rows, pd.DataFrame) else list(rows)
    year_checked, message = _parse_year(year)
    if message:
        raise InvalidInput([message[0].upper() + message[1:] + "."])
    records = [{**r, "year": year_checked} for r in records
               if not all(_blank(r.get(n)) for n in [*CATEGORY_FIELDS, "case_count"])]
    totals = {(year_checked, g): t for g, t in (stated_totals or {}).items() if t is not None}
    for (y, g), t in totals.items():
        count, problem = _parse_count(t)
        if problem:
            raise InvalidInput([f"Jumlah {label('victim_group', g).lower()} yang dinyatakan: {problem}."])
        totals[(y, g)] = count
    checked = check_rows(records, [f"Baris {i}" for i in range(1, len(records) + 1)], totals)
    with unit_of_work(engine) as session:
        region = find_region(session, region_code)
        _require(session, actor, region, write=True)
        if checked.problems:
            raise InvalidInput(checked.problems + ["Tidak ada yang disimpan."])
        kept = checked.rows[checked.rows["case_count"] > 0]
        change = _replace_year(session, actor, region, year_checked, kept, "save")
        bump_data_version(session)
        return change


@dataclass(frozen=True)
class ImportResult:
    dry_run: bool
    changes: list[YearChange]
    rows_read: int
    encoding: str
    separator: str


def import_cases(engine: Engine, actor: SignedInUser, region_code: str, data: bytes,
                 dry_run: bool = False) -> ImportResult:
    """Import a CSV: every year in the file is replaced by the file's rows, all or nothing.
    With dry_run, only say what would change. Any problem: InvalidInput listing every problem by
    line, and nothing changes."""
    parsed = parse_cases_csv(data)
    with unit_of_work(engine) as session:
        region = find_region(session, region_code)
        _require(session, actor, region, write=True)
        if parsed.problems:
            raise InvalidInput(parsed.problems + ["Tidak ada yang diimpor."])
        if parsed.rows.empty:
            raise InvalidInput(["Berkas tidak berisi baris data; tidak ada yang diimpor."])
        changes = []
        for year, rows in parsed.rows.groupby("year", sort=True):
            kept = rows[rows["case_count"] > 0]
            if dry_run:
                before = _rows_frame(session, region.id, [int(year)])
                changes.append(YearChange(int(year), len(before), len(kept), int(before["case_count"].sum()),
                                          int(kept["case_count"].sum())))
            else:
                changes.append(_replace_year(session, actor, region, int(year), kept, "import"))
        if not dry_run:
            bump_data_version(session)
        return ImportResult(dry_run=dry_run, changes=changes, rows_read=len(parsed.rows),
                            encoding=parsed.encoding, separator=parsed.separator)


# --- public (suppressed) ------------------------------------------------------------------------

BREAKDOWNS = ("victim_group", "violence_type", "victim_sex", "age_group")
"""What the public page breaks each year down by, in this order (cause and source stay inside)."""


def public_year_system(rows: pd.DataFrame) -> tuple[dict, list[SumRelation], list[AtMost]]:
    """The cells a year's public tables show and the relations a reader knows between them:
    every breakdown adds up to the year's total; adult women are exactly the victims aged 18+
    (the only adult group recorded) and children those under 18; boys are among the children
    and adult women among the female victims."""
    values = {("total", ""): int(rows["case_count"].sum())}
    for name in BREAKDOWNS:
        sums = rows.groupby(name)["case_count"].sum()
        for code in CATEGORY_LABELS[name]:
            values[(name, code)] = int(sums.get(code, 0))
    relations = [SumRelation(("total", ""), tuple((name, code) for code in CATEGORY_LABELS[name]))
                 for name in BREAKDOWNS]
    relations.append(SumRelation(("victim_group", "perempuan_dewasa"), (("age_group", "18+"),)))
    relations.append(SumRelation(("victim_group", "anak"),
                                 tuple(("age_group", a) for a in AGE_GROUPS if a != "18+")))
    at_most = [AtMost(("victim_sex", "laki_laki"), ("victim_group", "anak")),
               AtMost(("victim_group", "perempuan_dewasa"), ("victim_sex", "perempuan"))]
    return values, relations, at_most


def public_case_years(session: Session, region: Region, up_to_cycle: int | None = None) -> list[int]:
    """Years whose counts may be public: up to the year before the latest published cycle."""
    query = select(func.max(EvaluationCycle.year)).where(
        EvaluationCycle.region_id == region.id, EvaluationCycle.published.is_(True))
    if up_to_cycle is not None:
        query = query.where(EvaluationCycle.year <= up_to_cycle)
    latest = session.scalar(query)
    if latest is None:
        return []
    return list(session.scalars(
        select(CaseStatistic.year).where(CaseStatistic.region_id == region.id, CaseStatistic.year < latest)
        .distinct().order_by(CaseStatistic.year)))


@dataclass(frozen=True)
class PublicCases:
    region_code: str
    region_name: str
    years: list[int]
    table: pd.DataFrame  # year, breakdown, category, label_id, label_en, count (None when hidden), shown, position


PUBLIC_TABLE_COLUMNS = ["year", "breakdown", "category", "label_id", "label_en", "count", "shown", "position"]


def public_cases(engine: Engine, region_code: str, up_to_cycle: int | None = None) -> PublicCases:
    """Suppressed case statistics of the years that may be public (see the module docstring)."""
    with unit_of_work(engine) as session:
        region = find_region(session, region_code)
        years = public_case_years(session, region, up_to_cycle)
        frame = _rows_frame(session, region.id, years)
    records = []
    for year in years:
        values, relations, at_most = public_year_system(frame[frame["year"] == year])
        result = suppress(values, relations, at_most)
        for position, cell in enumerate(values):
            breakdown, code = cell
            label_id, label_en = ("Jumlah", "Total") if breakdown == "total" else CATEGORY_LABELS[breakdown][code]
            records.append({"year": year, "breakdown": breakdown, "category": code, "label_id": label_id,
                            "label_en": label_en, "count": result.published(cell), "shown": result.shown(cell),
                            "position": position})
    table = pd.DataFrame(records, columns=PUBLIC_TABLE_COLUMNS)
    table["count"] = table["count"].astype("Int64")
    return PublicCases(region_code=region.code, region_name=region.name, years=years, table=table)


def public_cases_csv(cases: PublicCases) -> str:
    """The public case table as CSV: hidden counts are empty, 'tampil' says how they show."""
    frame = cases.table.assign(region_code=cases.region_code)
    columns = {"region_code": "kode_wilayah", "year": "tahun", "breakdown": "rincian", "category": "kategori",
               "label_id": "label", "count": "jumlah", "shown": "tampil"}
    return frame[list(columns)].rename(columns=columns).to_csv(index=False)


def public_cases_file_name(region_code: str) -> str:
    return f"kasus_{region_code}.csv"


def case_regions(engine: Engine, actor: SignedInUser) -> list[dict]:
    """The regions whose case data the actor may read: all for the admin, else their own."""
    with unit_of_work(engine) as session:
        query = select(Region).order_by(Region.name)
        if actor.role != "admin":
            query = query.where(Region.id == actor.region_id)
        return [{"code": r.code, "name": r.name} for r in session.scalars(query) if may_read_cases(actor)]
