"""The open-data description of the public files (pure): each column's type, title, description
and unit, and the Frictionless Data package (datapackage.json) a Satu Data portal (CKAN) or any
data tool reads: resources with their schema, licence, source, Kemendagri region code and period.
https://specs.frictionlessdata.io/data-package/ and .../table-schema/"""
from __future__ import annotations

LICENCE = {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0",
           "path": "https://creativecommons.org/licenses/by/4.0/"}
"""Open government data: reuse with attribution to the region's Gugus Tugas KLA."""

# column -> (type, title, description, unit or None)
FIELDS: dict[str, tuple[str, str, str, str | None]] = {
    "region_code": ("string", "Kode wilayah",
                    "Kode wilayah Kemendagri (daftar resmi kode dan nama wilayah administrasi pemerintahan)", None),
    "kode_wilayah": ("string", "Kode wilayah",
                     "Kode wilayah Kemendagri (daftar resmi kode dan nama wilayah administrasi pemerintahan)", None),
    "year": ("integer", "Tahun evaluasi", "Tahun siklus evaluasi KLA", None),
    "tahun": ("integer", "Tahun", "Tahun terjadinya kasus", None),
    "group_code": ("string", "Kode kelompok", "Kelembagaan, Klaster I-V atau Kelana Dekela", None),
    "name_id": ("string", "Nama", "Nama dalam bahasa Indonesia", None),
    "name_en": ("string", "Name", "Nama dalam bahasa Inggris", None),
    "points": ("number", "Nilai", "Nilai terverifikasi Gugus Tugas KLA", "poin"),
    "max_points": ("number", "Nilai maksimum", "Nilai tertinggi yang dapat dicapai", "poin"),
    "total": ("number", "Nilai total", "Jumlah nilai terverifikasi semua kelompok (maksimum 1000)", "poin"),
    "predikat_name": ("string", "Predikat", "Pratama, Madya, Nindya, Utama atau KLA; kosong bila belum berpredikat",
                      None),
    "indicator_code": ("string", "Kode indikator", "Kode indikator instrumen KLA", None),
    "previous_year": ("integer", "Tahun sebelumnya", "Evaluasi terbit sebelumnya", None),
    "previous_points": ("number", "Nilai tahun sebelumnya", "Nilai terverifikasi pada evaluasi sebelumnya", "poin"),
    "question_code": ("string", "Kode pertanyaan", "Kode pertanyaan instrumen KLA", None),
    "prompt_id": ("string", "Pertanyaan", "Pertanyaan dalam bahasa Indonesia", None),
    "prompt_en": ("string", "Question", "Pertanyaan dalam bahasa Inggris", None),
    "answer_id": ("string", "Jawaban", "Jawaban terverifikasi, seperti tampil di halaman publik", None),
    "answer_en": ("string", "Answer", "Jawaban terverifikasi dalam bahasa Inggris", None),
    "verified_points": ("number", "Nilai terverifikasi", "Nilai pertanyaan setelah verifikasi; kosong bila belum",
                        "poin"),
    "rincian": ("string", "Rincian", "Dasar rincian: total, victim_group, violence_type, victim_sex, age_group", None),
    "kategori": ("string", "Kategori", "Kode kategori SIMFONI-PPA", None),
    "label": ("string", "Label", "Nama kategori", None),
    "jumlah": ("integer", "Jumlah kasus", "Jumlah kasus; kosong bila disembunyikan (lihat kolom tampil)", "kasus"),
    "tampil": ("string", "Tampil sebagai", "Angka, '<5' (1-4), '0-4', 'x' (disembunyikan, 5 atau lebih) atau "
               "'…' (rincian tahun itu tidak ditampilkan)", None),
    "kecamatan": ("string", "Kecamatan", "Nama kecamatan", None),
    "kecamatan_questions": ("integer", "Pertanyaan kecamatan", "Pertanyaan Kelana Dekela untuk kecamatan", None),
    "kecamatan_met": ("integer", "Terpenuhi kecamatan", "Pertanyaan kecamatan yang terpenuhi (terverifikasi ya)",
                      None),
    "kelurahan": ("integer", "Jumlah kelurahan/desa", "Kelurahan/desa aktif di kecamatan", None),
    "kelurahan_share": ("number", "Capaian kelurahan", "Bagian syarat kelurahan/desa yang terpenuhi (0-1)", "rasio"),
    "possible": ("number", "Nilai yang masih dapat diraih", "Nilai Kelana Dekela yang masih terbuka bagi kecamatan",
                 "poin"),
    "kode_indikator": ("string", "Kode indikator", "Kode indikator instrumen KLA", None),
}
POINTS_DECIMALS = 2
"""Points in a CSV (read by people, in a spreadsheet) are rounded to this many decimals; the JSON
files keep them at full precision for machines. Both are said in datapackage.json."""
ROUNDING_NOTE = (f"Nilai (poin) di berkas CSV dibulatkan ke {POINTS_DECIMALS} desimal untuk dibaca; berkas JSON "
                 "memuat nilai yang sama dengan presisi penuh, sehingga jumlah dari CSV dapat berbeda 0,01 dari total.")


def points_columns(columns) -> list[str]:
    """The columns of a public file that hold points (unit "poin")."""
    return [c for c in columns if FIELDS.get(c, ("", "", "", None))[3] == "poin"]


SHARE_FIELD = ("number", "Capaian syarat {code}", "Bagian kelurahan/desa yang memenuhi syarat {code} (0-1)", "rasio")


def field(name: str) -> dict:
    """A Table Schema field for a column of a public file (a Satu Data metadata column is text)."""
    unit: str | None
    if name.startswith("share_"):
        kind, title, description, unit = (part.format(code=name.removeprefix("share_")) if part else part
                                          for part in SHARE_FIELD)
    else:
        kind, title, description, unit = FIELDS.get(name, ("string", name.replace("_", " ").capitalize(), "", None))
    described = {"name": name, "type": kind, "title": title}
    if description:
        described["description"] = description
    if unit:
        described["unit"] = unit
    return described


def resource(name: str, path: str, file_format: str, title: str, columns: list[str], region_code: str,
             years: tuple[int, ...], sources: list[dict]) -> dict:
    """One file of the package: where it is, what it holds (schema), its licence, source, region and period."""
    return {
        "name": name, "path": path, "title": title, "format": file_format,
        "mediatype": "text/csv" if file_format == "csv" else "application/json", "encoding": "utf-8",
        "profile": "tabular-data-resource",
        **({"description": ROUNDING_NOTE} if file_format == "csv" and points_columns(columns) else {}),
        "schema": {"fields": [field(c) for c in columns], "missingValues": [""]},
        "licenses": [LICENCE], "sources": sources,
        "kode_wilayah": region_code,
        "temporal": {"start": str(min(years)), "end": str(max(years))} if years else None,
    }


def package(region_code: str, region_name: str, province_name: str, published: str, years: list[int],
            sources: list[dict], resources: list[dict]) -> dict:
    """The datapackage.json of a region's public figures."""
    return {
        "profile": "tabular-data-package",
        "name": f"pantau-kla-{region_code}",
        "title": f"Hasil evaluasi Kabupaten/Kota Layak Anak (KLA) {region_name}",
        "description": (f"Nilai terverifikasi evaluasi KLA {region_name} ({province_name}) yang sudah diterbitkan "
                        f"Gugus Tugas KLA: nilai per kelompok dan indikator, jawaban terverifikasi, tren, Kelana "
                        f"Dekela per kecamatan, dan statistik kasus kekerasan (angka kecil disamarkan). Sama dengan "
                        f"yang ditawarkan halaman publik Pantau KLA; metadata_indikator memuat metadata Satu Data "
                        f"Indonesia setiap indikator. {ROUNDING_NOTE}"),
        "keywords": ["KLA", "Kabupaten/Kota Layak Anak", "anak", "Satu Data Indonesia", region_name],
        "licenses": [LICENCE],
        "sources": sources,
        "created": published,
        "kode_wilayah": region_code,
        "wilayah": region_name,
        "provinsi": province_name,
        "temporal": {"start": str(min(years)), "end": str(max(years))} if years else None,
        "resources": resources,
    }


METADATA_FIELDS = (
    # key, Indonesian label, English label: the Satu Data Indonesia indicator metadata (Perpres 39/2019)
    ("kode_indikator", "Kode indikator", "Indicator code"),
    ("nama_indikator", "Nama indikator", "Indicator"),
    ("konsep", "Konsep", "Concept"),
    ("definisi", "Definisi", "Definition"),
    ("rumus_perhitungan", "Rumus perhitungan / cara penilaian", "Calculation / scoring"),
    ("satuan", "Satuan", "Unit"),
    ("interpretasi", "Interpretasi", "Interpretation"),
    ("frekuensi", "Frekuensi", "Frequency"),
    ("periode_data", "Periode data", "Data period"),
    ("kode_wilayah", "Kode wilayah", "Region code"),
    ("sumber_data", "Sumber data (produsen data)", "Data source (data producers)"),
    ("penanggung_jawab", "Penanggung jawab", "Responsible"),
    ("cara_pengumpulan_data", "Cara pengumpulan data", "Data collection"),
)
for _key, _label, _ in METADATA_FIELDS:
    FIELDS.setdefault(_key, ("string", _label, f"Metadata Satu Data Indonesia: {_label.lower()}", None))

ANSWER_TYPES = {"id": {"yes_no": "ya/tidak", "graded": "bertingkat", "choice": "pilihan", "percentage": "persentase",
                       "count": "jumlah"},
                "en": {"yes_no": "yes/no", "graded": "graded", "choice": "choice", "percentage": "percentage",
                       "count": "count"}}


def period(years: list[int] | tuple[int, ...]) -> str:
    years = sorted(years)
    return "" if not years else str(years[0]) if years[0] == years[-1] else f"{years[0]}-{years[-1]}"


METADATA_WORDING = {
    # The parts of an indicator's metadata that are words; the rest are its own data.
    "id": {"konsep": "Indikator {code} instrumen KLA {version}, kelompok {group}",
           "rumus_perhitungan": ("Jumlah nilai terverifikasi {count} pertanyaannya ({types}), paling banyak {maximum} "
                                 "poin; setiap pertanyaan dinilai menurut aturannya dalam instrumen {version}."),
           "satuan": "poin", "interpretasi": "Makin tinggi makin baik; {maximum} poin: semua pertanyaan terpenuhi.",
           "frekuensi": "tahunan",
           "cara_pengumpulan_data": ("Penilaian mandiri OPD, kecamatan dan kelurahan di Pantau KLA, diverifikasi "
                                     "Gugus Tugas KLA")},
    "en": {"konsep": "Indicator {code} of the KLA instrument {version}, group {group}",
           "rumus_perhitungan": ("Sum of the verified points of its {count} questions ({types}), at most {maximum} "
                                 "points; each question is scored by its rule in instrument {version}."),
           "satuan": "points", "interpretasi": "Higher is better; {maximum} points: every question met.",
           "frekuensi": "yearly",
           "cara_pengumpulan_data": ("Self-assessment by the OPDs, kecamatan and kelurahan in Pantau KLA, verified "
                                     "by the KLA task force")},
}


def indicator_metadata(*, code: str, name: str, group: str, definition: str, max_points: float,
                       answer_types: list[str], catalog_version: str, years: list[int], region_code: str,
                       region_name: str, sources: list[str], lang: str = "id") -> dict[str, str]:
    """One indicator's Satu Data metadata, in Indonesian (the standard's language) or English."""
    lang = "en" if lang == "en" else "id"
    counts = {kind: answer_types.count(kind) for kind in ANSWER_TYPES["id"] if kind in answer_types}
    types = ", ".join(f"{count} {ANSWER_TYPES[lang][kind]}" for kind, count in counts.items())
    filled = {key: text.format(code=code, version=catalog_version, group=group, count=len(answer_types),
                               types=types, maximum=f"{max_points:g}")
              for key, text in METADATA_WORDING[lang].items()}
    return {"kode_indikator": code, "nama_indikator": name, "konsep": filled["konsep"], "definisi": definition,
            "rumus_perhitungan": filled["rumus_perhitungan"], "satuan": filled["satuan"],
            "interpretasi": filled["interpretasi"], "frekuensi": filled["frekuensi"], "periode_data": period(years),
            "kode_wilayah": region_code, "sumber_data": "; ".join(sources),
            "penanggung_jawab": f"Gugus Tugas KLA {region_name}",
            "cara_pengumpulan_data": filled["cara_pengumpulan_data"]}
