"""Klaster V case statistics as the domain knows them (pure): the SIMFONI-PPA categories with
their Indonesian and English names, the checks of a table of case rows (each row a category
combination and a count, never a person), the totals per year, and the cells and relations a
reader knows of a year's public tables (suppressed by indicators.suppression).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from indicators.suppression import AtMost, SumRelation

# --- categories as data: code -> (Indonesian, English) --------------------------------------------

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
"""The Indonesian field names, as messages and the CSV template name them."""

MAX_COUNT = 100_000
MIN_YEAR, MAX_YEAR = 2000, 2100


def label(field_name: str, code: str, lang: str = "id") -> str:
    """A category's name in the reader's language (the code itself when it is not known)."""
    labels = CATEGORY_LABELS[field_name].get(code)
    if labels is None:
        return code
    return labels[1] if lang == "en" else labels[0]


# --- checks ---------------------------------------------------------------------------------------

_AGE_ALIASES = {"0-5": "0-5", "6-12": "6-12", "13-17": "13-17", "18+": "18+", "18_keatas": "18+",
                "18_ke_atas": "18+", ">=18": "18+", "dewasa": "18+"}


def blank(raw) -> bool:
    """None, NaN, pd.NA or only spaces: the cell was left empty."""
    if raw is None:
        return True
    if isinstance(raw, str):
        return not raw.strip()
    try:
        return bool(pd.isna(raw))
    except (TypeError, ValueError):
        return False


def loose_key(text: str) -> str:
    """Text compared free of case, spaces, dashes and slashes: 'Perempuan Dewasa' -> 'perempuan_dewasa'."""
    return re.sub(r"[\s\-/]+", "_", str(text).strip().lower()).strip("_")


def category_code(field_name: str, raw) -> str | None:
    """A category code from its code or its Indonesian/English label, case and spacing free."""
    text = "" if blank(raw) else str(raw).strip()
    labels = CATEGORY_LABELS[field_name]
    if field_name == "age_group":
        compact = text.replace(" ", "").replace("tahun", "").replace("\u2013", "-").replace("\u2014", "-").lower()
        if compact in _AGE_ALIASES:
            return _AGE_ALIASES[compact]
    if text in labels:
        return text
    wanted = loose_key(text)
    for code, (label_id, label_en) in labels.items():
        if wanted in (loose_key(code), loose_key(label_id), loose_key(label_en)):
            return code
    return None


def known_codes(field_name: str) -> str:
    """The codes of a category, for a message: 'fisik, psikis, ...'."""
    return ", ".join(code for code in CATEGORY_LABELS[field_name] if code)


def parse_count(raw) -> tuple[int | None, str | None]:
    """A count of cases: a whole number from 0; the message when it is not."""
    if blank(raw):
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


def parse_year(raw) -> tuple[int | None, str | None]:
    """A year from MIN_YEAR to MAX_YEAR; the message when it is not."""
    text = "" if blank(raw) else str(raw).strip()
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
        year, message = parse_year(record.get("year"))
        if message:
            messages.append(message)
        row: dict[str, Any] = {"year": year}
        for name in CATEGORY_FIELDS:
            raw = record.get(name)
            empty = blank(raw)
            if empty and name not in REQUIRED_FIELDS:
                row[name] = ""
                continue
            if empty:
                messages.append(f"{FIELD_NAMES_ID[name]} kosong (pilih salah satu: {known_codes(name)})")
                continue
            code = category_code(name, raw)
            if code is None:
                hint = ""
                if name == "age_group" and re.search(r"[A-Za-z]{3}|\d{4}-\d\d-\d\d", str(raw)):
                    hint = "; Excel mungkin mengubah '6-12' menjadi tanggal: format kolom sebagai Teks"
                messages.append(f"{FIELD_NAMES_ID[name]} '{raw}' tidak dikenal (pilihan: {known_codes(name)}){hint}")
            row[name] = code
        count, message = parse_count(record.get("case_count"))
        if message:
            messages.append(message)
        row["case_count"] = count
        if not messages:
            if row["victim_group"] == "perempuan_dewasa" and (
                    row["age_group"] != "18+" or row["victim_sex"] != "perempuan"):
                messages.append("korban perempuan dewasa harus berjenis kelamin perempuan dan berumur 18 tahun ke atas")
            if row["victim_group"] == "anak" and row["age_group"] == "18+":
                messages.append("korban anak berumur di bawah 18 tahun; pilih kelompok umur 0-5, 6-12 atau 13-17")
        if not messages:
            key = tuple(row[name] for name in ["year", *CATEGORY_FIELDS])
            if key in first_seen:
                messages.append(f"rincian yang sama sudah ada di {first_seen[key]}; "
                                "gabungkan jumlahnya dalam satu baris")
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


# --- totals and the public tables -----------------------------------------------------------------


def year_totals(frame: pd.DataFrame) -> pd.DataFrame:
    """Per year: adult women, children and all cases of a table of case rows."""
    if frame.empty:
        return pd.DataFrame(columns=["year", *VICTIM_GROUP_LABELS, "total"])
    table = frame.pivot_table(index="year", columns="victim_group", values="case_count", aggfunc="sum",
                              fill_value=0)
    table = table.reindex(columns=list(VICTIM_GROUP_LABELS), fill_value=0)
    table["total"] = table.sum(axis=1)
    return table.reset_index().astype(int)


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
                                 tuple(("age_group", a) for a in AGE_GROUP_LABELS if a != "18+")))
    at_most = [AtMost(("victim_sex", "laki_laki"), ("victim_group", "anak")),
               AtMost(("victim_group", "perempuan_dewasa"), ("victim_sex", "perempuan"))]
    return values, relations, at_most
