"""The readiness board as a PDF in the report's look (pdf_look): per province, then every region
furthest behind first, then who is late in each region that has late units. Built from a
province.board.ReadinessBoard; reads no database."""
from __future__ import annotations

from datetime import datetime

import pandas as pd

from data.files.pdf_look import BLUE, MeetingDocument
from indicators import text as fmt

STAGE_TITLES = {"filling": "Pengisian", "review": "Verifikasi", "closed": "Ditutup", "published": "Diterbitkan"}


def _days(value) -> str:
    if value is None or pd.isna(value):
        return "—"
    value = int(value)
    return f"{value} hari lagi" if value >= 0 else f"lewat {-value} hari"


def _reading(total, predikat) -> str:
    return f"{fmt.points(total)} {predikat if isinstance(predikat, str) and predikat else '—'}"


def board_pdf(board, generated_at: datetime) -> bytes:
    title = f"Papan Kesiapan Evaluasi KLA {board.year}"
    document = MeetingDocument(title, generated_at)
    document.cover_page("PANTAU KLA · PAPAN KESIAPAN KABUPATEN/KOTA")
    document.paragraph(title, 22, "B", BLUE, height=10)
    document.pdf.ln(3)
    document.paragraph(f"{len(board.regions)} kabupaten/kota dengan siklus {board.year}; dibuat "
                       f"{fmt.long_date(generated_at)}.", 11)
    document.pdf.ln(6)
    if board.regions.empty:
        document.paragraph("Belum ada kabupaten/kota dengan siklus evaluasi yang dapat Anda lihat.", 11)
        return document.output()
    document.heading("Per provinsi", 13)
    document.table([("Provinsi", 52, "LEFT"), ("Kab/kota", 16, "RIGHT"), ("Ditutup", 16, "RIGHT"),
                    ("Terbit", 14, "RIGHT"), ("Rata-rata nilai", 24, "RIGHT"), ("Pratama", 14, "RIGHT"),
                    ("Madya", 13, "RIGHT"), ("Nindya", 13, "RIGHT"), ("Utama", 12, "RIGHT")],
                   [[p.province_name, str(p.regions), str(p.closed), str(p.published),
                     fmt.points(p.mean_verified_total), str(p.Pratama), str(p.Madya), str(p.Nindya), str(p.Utama)]
                    for p in board.provinces.itertuples()], size=8)
    document.page()
    document.heading("Per kabupaten/kota", 13)
    document.note("Yang berisiko lebih dulu (unit terlambat, atau sedikit terverifikasi menjelang batas waktu), lalu "
                  "yang paling sedikit terverifikasi. Setiap nilai dengan predikatnya; 'Prov.' berapa persen jawaban "
                  "terverifikasi yang sudah diperiksa provinsi.")
    document.pdf.ln(2)
    document.table([("Wilayah", 40, "LEFT"), ("Tahap", 18, "LEFT"), ("Batas waktu", 18, "LEFT"),
                    ("Terverif.", 13, "RIGHT"), ("Risiko", 23, "LEFT"), ("Mandiri", 17, "RIGHT"),
                    ("Terverif.", 17, "RIGHT"), ("Provinsi", 17, "RIGHT"), ("Prov.", 11, "RIGHT")],
                   [[f"{r.region_name} ({r.region_code})", STAGE_TITLES.get(r.stage, r.stage),
                     _days(r.days_to_deadline), fmt.percent(r.percent_verified / 100), r.risks or "—",
                     _reading(r.self_total, r.self_predikat_name), _reading(r.verified_total, r.predikat_name),
                     _reading(r.province_total, r.province_predikat_name),
                     fmt.percent(r.percent_province_checked / 100)]
                    for r in board.regions.itertuples()], size=7, padding=0.8)
    late = board.regions[board.regions["late_units"] > 0]
    if not late.empty:
        document.pdf.ln(6)
        document.heading("Siapa yang terlambat", 13)
        document.note("Unit yang masih berutang jawaban setelah batas waktu; yang paling banyak tunggakannya disebut "
                      "lebih dulu, selebihnya dihitung (+N lainnya).")
        document.pdf.ln(2)
        document.table([("Wilayah", 48, "LEFT"), ("Jumlah", 16, "RIGHT"),
                        ("Unit terlambat (terbanyak tunggakan)", 110, "LEFT")],
                       [[f"{r.region_name} ({r.region_code})", str(r.late_units), r.late_unit_names]
                        for r in late.itertuples()], size=8)
    return document.output()
