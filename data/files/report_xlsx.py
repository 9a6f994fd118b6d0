"""The meeting report as an Excel workbook: a summary sheet, then the answers with status and
points, the scores by group (with a bar chart) and by indicator, completeness per OPD and what
lifts the score. Built with openpyxl from a ReportData; reads no database."""
from __future__ import annotations

from datetime import UTC

import pandas as pd

from data.files.report_content import (
    UNIT_KIND_NAMES,
    ReportData,
    basis_title,
    cycle_status_title,
    headline,
    status_title,
)
from data.files.xlsx_text import saved_workbook
from indicators import text as fmt
from indicators.actions import status_name as action_status_name
from indicators.workflow import DRAFT, NOT_STARTED, RETURNED, SUBMITTED, VERIFIED


def xlsx_report(data: ReportData) -> bytes:
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    overview, reading = data.overview, data.reading
    book = Workbook()
    header_font, header_fill = Font(bold=True, color="FFFFFF"), PatternFill("solid", fgColor="1F5F99")

    def sheet(title: str, columns: list[tuple[str, int]], rows: list[list], number_columns=(), first=False):
        ws = book.active if first else book.create_sheet()
        assert ws is not None  # a new workbook has its one sheet active
        ws.title = title
        ws.append([name for name, _ in columns])
        for cell in ws[1]:
            cell.font, cell.fill = header_font, header_fill
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for row in rows:
            ws.append([None if _blank(v) else v for v in row])
        for index, (_, width) in enumerate(columns, start=1):
            ws.column_dimensions[get_column_letter(index)].width = width
        for index in number_columns:
            for (cell,) in ws.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = "0.00"
        ws.freeze_panes = "A2"
        if rows:
            ws.auto_filter.ref = ws.dimensions
        return ws

    summary = book.active
    assert summary is not None  # a new workbook has its one sheet active
    summary.title = "Ringkasan"
    lines = [
        ("Laporan Evaluasi Kabupaten/Kota Layak Anak", None),
        ("Wilayah", f"{overview.region_name} ({overview.region_code}), {overview.province_name}"),
        ("Siklus evaluasi", overview.year),
        ("Status siklus", cycle_status_title(overview.cycle_status)
         + ("; diterbitkan" if overview.published else "; belum diterbitkan")),
        ("Instrumen", overview.catalog_version),
        ("Dasar penilaian", basis_title(data.basis)),
        ("Tanggal laporan", fmt.long_date(data.generated_at)),
        ("Nilai total", round(reading["total"], 2)),
        ("Nilai maksimum", overview.max_points),
        ("Predikat", reading["predikat_name"] or "Belum berpredikat"),
        ("Nilai total penilaian mandiri", round(overview.readings["self"]["total"], 2)),
        ("Nilai total terverifikasi", round(overview.readings["verified"]["total"], 2)),
        ("Pertanyaan bernilai", reading["answered"]),
        ("Pertanyaan belum bernilai", reading["missing"]),
        ("Yang mengangkat nilai", headline(data)),
    ]
    for label, value in lines:
        summary.append([label, value])
    summary["A1"].font = Font(bold=True, size=14)
    for (cell,) in summary.iter_rows(min_row=2, max_col=1):
        cell.font = Font(bold=True)
    summary.column_dimensions["A"].width = 32
    summary.column_dimensions["B"].width = 70

    answers = data.answers
    sheet("Jawaban", [("Kelompok", 16), ("Indikator", 10), ("Kode", 10), ("Pertanyaan", 60), ("OPD / unit", 34),
                      ("Status", 14), ("Jawaban", 26), ("Nilai mandiri", 12), ("Nilai terverifikasi", 14),
                      ("Nilai maksimum", 12), ("Catatan OPD", 30), ("Alasan verifikasi", 30),
                      ("Alasan pengembalian", 30), ("Diubah oleh", 24), ("Diubah pada (UTC)", 18)],
          [[r.group_code, r.indicator_code, r.question_code, r.prompt_id, r.unit_name,
            status_title(r.status), r.value_id, round(r.self_points, 4),
            None if _blank(r.verified_points) else round(r.verified_points, 4), r.max_points, r.note,
            r.verified_reason, r.return_reason, r.updated_by,
            None if _blank(r.updated_at) else r.updated_at.astimezone(UTC).replace(tzinfo=None)]
           for r in answers.itertuples()], number_columns=(8, 9, 10))

    groups = overview.groups
    ws = sheet("Nilai per kelompok", [("Kode", 16), ("Kelompok", 60), ("Nilai mandiri", 14),
                                      ("Nilai terverifikasi", 16), ("Nilai maksimum", 14), ("Capaian (%)", 12)],
               [[g.group_code, g.name_id, round(g.self_points, 4), round(g.verified_points, 4), g.max_points,
                 round(getattr(g, f"{data.basis}_points") / g.max_points * 100, 1) if g.max_points else None]
                for g in groups.itertuples()] +
               [["TOTAL", "Jumlah", round(overview.readings["self"]["total"], 4),
                 round(overview.readings["verified"]["total"], 4), overview.max_points,
                 round(reading["total"] / overview.max_points * 100, 1)]], number_columns=(3, 4, 5))
    ws[f"A{len(groups) + 2}"].font = ws[f"B{len(groups) + 2}"].font = Font(bold=True)
    chart = BarChart()
    chart.type, chart.title, chart.style = "bar", "Nilai per kelompok", 10
    chart.add_data(Reference(ws, min_col=3, max_col=5, min_row=1, max_row=len(groups) + 1), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=len(groups) + 1))
    chart.height, chart.width = 9, 18
    ws.add_chart(chart, "H2")

    sheet("Nilai per indikator", [("Kode", 8), ("Kelompok", 16), ("Indikator", 60), ("Nilai mandiri", 14),
                                   ("Nilai terverifikasi", 16), ("Nilai maksimum", 14), ("Selisih", 10)],
          [[i.indicator_code, i.group_code, i.name_id, round(i.self_points, 4), round(i.verified_points, 4),
            i.max_points, round(i.difference, 4)] for i in overview.indicators.itertuples()],
          number_columns=(4, 5, 6, 7))

    units = data.completeness
    sheet("Kelengkapan per OPD", [("Unit", 16), ("Nama", 50), ("Jenis", 11), ("Penanggung jawab", 34),
                                  ("Ditugaskan", 11), (status_title(NOT_STARTED), 11), (status_title(DRAFT), 8),
                                  (status_title(SUBMITTED), 10), (status_title(RETURNED), 13),
                                  (status_title(VERIFIED), 13), ("Terlambat", 10)],
          [[u.unit_short_name, u.unit_name, UNIT_KIND_NAMES.get(u.kind, u.kind), u.focal_points, int(u.assigned),
            int(u.not_started), int(u.draft), int(u.submitted), int(u.returned), int(u.verified),
            "Ya" if u.overdue else "Tidak"] for u in units.itertuples()])

    gaps = data.gaps.questions
    sheet("Yang mengangkat nilai", [("Kode", 10), ("Indikator", 10), ("Pertanyaan", 60), ("OPD pemilik", 34),
                                    ("Status", 14), ("Nilai", 10), ("Maksimum", 10), ("Poin yang hilang", 14),
                                    ("Jawaban yang memberi nilai", 40), ("Menuju predikat berikut", 12)],
          [[g.question_code, g.indicator_code, g.prompt_id, g.owner_name, status_title(g.status),
            round(g.points, 4), g.max_points, round(g.missing_points, 4), g.earning_answer_id,
            "Ya" if g.reaches else ""] for g in gaps.itertuples()], number_columns=(6, 7, 8))

    actions = data.actions if data.actions is not None else pd.DataFrame(columns=["overdue"])
    sheet("Rencana Aksi", [("Indikator", 10), ("Pertanyaan", 14), ("Aksi", 50), ("Keluaran", 40),
                           ("OPD penanggung jawab", 34), ("OPD pendukung", 24), ("Tenggat", 12), ("Status", 12),
                           ("Kemajuan (%)", 12), ("Terlambat", 10), ("Anggaran (Rp)", 16), ("Sumber anggaran", 14),
                           ("Poin", 8), ("Catatan terakhir", 40)],
          [[a.indicator_code, ", ".join(a.question_codes), a.title, a.output, a.lead_unit_name,
            ", ".join(a.supporting_units), a.due_date, action_status_name(a.status), a.progress,
            "Ya" if a.overdue else "Tidak", a.budget_amount, a.budget_source, a.points, a.last_note]
           for a in actions.itertuples()])

    return saved_workbook(book)


def _blank(value) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False
