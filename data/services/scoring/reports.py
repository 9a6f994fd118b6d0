"""Reports for the Gugus Tugas KLA meeting, in Indonesian: an Excel workbook (answers with status
and points, scores by group and indicator, completeness per OPD, what lifts the score) and a PDF
(cover with region, cycle, date and predikat; the group chart; the score tables; the gap list;
completeness per OPD).

Both are built from the same ReportData, read through the score views, so they carry the figures
of the scores page and `manage.py score`. The group chart is drawn by the caller (the page and
manage.py pass ui.charts.readings_bars_png, the Altair chart of the page as a PNG): this layer draws
nothing itself and imports no UI.
"""
from __future__ import annotations

import io
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

import pandas as pd
from babel import dates as babel_dates
from babel import numbers as babel_numbers
from sqlalchemy import Engine

from data.db import unit_of_work
from data.errors import DomainError, InvalidInput
from data.actor import SignedInUser
from data.services.review.completeness import unit_completeness
from data.services.scoring.score_views import (
    ScoreGaps,
    ScoresOverview,
    _catalog_of,
    _gaps,
    _overview,
    answer_rows,
    answer_table,
    check_reader,
)
from data.lookups import find_cycle, find_region
from data.services.scoring.scores import require_basis

FORMATS = ("pdf", "xlsx")
LOCALE = "id_ID"
FONT_DIR_SETTING = "KLA_PDF_FONT_DIR"
FONT_DIRS = ("/usr/share/fonts/truetype/dejavu",)
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
MIME_TYPES = {"pdf": "application/pdf",
              "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}

STATUS_NAMES = {"not_started": "Belum diisi", "draft": "Draf", "submitted": "Terkirim",
                "returned": "Dikembalikan", "verified": "Terverifikasi"}
CYCLE_STATUS_NAMES = {"open": "Terbuka (pengisian berjalan)", "review": "Tahap verifikasi", "closed": "Ditutup"}
BASIS_NAMES = {"verified": "nilai terverifikasi Gugus Tugas", "self": "penilaian mandiri OPD"}
BASIS_TITLES = {"verified": "Nilai terverifikasi Gugus Tugas", "self": "Penilaian mandiri OPD"}
UNIT_KIND_NAMES = {"opd": "OPD", "kecamatan": "Kecamatan", "kelurahan": "Kelurahan"}
GAP_ROWS_IN_PDF = 20


@dataclass(frozen=True)
class ReportData:
    basis: str
    generated_at: datetime
    overview: ScoresOverview
    gaps: ScoreGaps
    answers: pd.DataFrame       # score_views.answer_table of the cycle
    completeness: pd.DataFrame  # completeness.unit_completeness of the cycle

    @property
    def reading(self) -> dict:
        return self.overview.readings[self.basis]

    def group_frame(self) -> pd.DataFrame:
        """The groups as the page's chart (ui.charts.readings_bars) reads them: both readings."""
        return self.overview.groups

    @property
    def file_stem(self) -> str:
        return f"laporan_kla_{self.overview.region_code}_{self.overview.year}_{self.basis}"


def report_data(engine: Engine, actor: SignedInUser, region_code: str, year: int,
                basis: str = "verified", now: datetime | None = None) -> ReportData:
    """Everything one report shows, read in one transaction."""
    require_basis(basis)
    with unit_of_work(engine) as session:
        region = find_region(session, region_code)
        check_reader(session, actor, region)
        cycle = find_cycle(session, region, int(year))
        overview = _overview(session, region, cycle)
        gaps = _gaps(session, region, cycle, basis)
        answers = answer_table(answer_rows(session, [cycle]), {cycle.year: _catalog_of(session, cycle)})
        completeness = unit_completeness(session, cycle)
    return ReportData(basis=basis, generated_at=now or datetime.now(timezone.utc), overview=overview, gaps=gaps,
                      answers=answers, completeness=completeness)


def build_report(engine: Engine, actor: SignedInUser, region_code: str, year: int, file_format: str,
                 basis: str = "verified", group_chart: Callable[[pd.DataFrame], bytes] | None = None) -> bytes:
    """The report file as bytes. A PDF needs group_chart (the group frame -> PNG bytes)."""
    if file_format not in FORMATS:
        raise InvalidInput([f"Format laporan '{file_format}' tidak dikenal; pilih 'pdf' atau 'xlsx'."])
    data = report_data(engine, actor, region_code, year, basis)
    if file_format == "xlsx":
        return xlsx_report(data)
    if group_chart is None:
        raise ValueError("a PDF report needs the group chart renderer")
    return pdf_report(data, group_chart(data.group_frame()))


# ---------------------------------------------------------------------------------------------
# Numbers and dates, Indonesian style


def points_text(value) -> str:
    if value is None or pd.isna(value):
        return "—"
    return babel_numbers.format_decimal(value, format="#,##0.00", locale=LOCALE)


def number_text(value) -> str:
    if value is None or pd.isna(value):
        return "—"
    return babel_numbers.format_decimal(value, format="#,##0.##", locale=LOCALE)


def percent_text(share) -> str:
    if share is None or pd.isna(share):
        return "—"
    return babel_numbers.format_percent(share, format="#,##0.#%", locale=LOCALE)


def date_text(value: date | datetime) -> str:
    if isinstance(value, datetime):
        value = value.date()
    return babel_dates.format_date(value, format="d MMMM y", locale=LOCALE)


def headline(data: ReportData) -> str:
    """'Untuk mencapai Nindya dibutuhkan 75,25 poin lagi.' (or that the highest is reached)."""
    gaps = data.gaps
    if gaps.target_predikat_name is None:
        return "Predikat tertinggi sudah tercapai."
    return (f"Untuk mencapai {gaps.target_predikat_name} dibutuhkan {points_text(gaps.points_needed)} poin lagi.")


# ---------------------------------------------------------------------------------------------
# Excel


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
    summary.title = "Ringkasan"
    lines = [
        ("Laporan Evaluasi Kabupaten/Kota Layak Anak", None),
        ("Wilayah", f"{overview.region_name} ({overview.region_code}), {overview.province_name}"),
        ("Siklus evaluasi", overview.year),
        ("Status siklus", CYCLE_STATUS_NAMES.get(overview.cycle_status, overview.cycle_status)
         + ("; diterbitkan" if overview.published else "; belum diterbitkan")),
        ("Instrumen", overview.catalog_version),
        ("Dasar penilaian", BASIS_TITLES[data.basis]),
        ("Tanggal laporan", date_text(data.generated_at)),
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
            STATUS_NAMES.get(r.status, r.status), r.value_id, round(r.self_points, 4),
            None if _blank(r.verified_points) else round(r.verified_points, 4), r.max_points, r.note,
            r.verified_reason, r.return_reason, r.updated_by,
            None if _blank(r.updated_at) else r.updated_at.astimezone(timezone.utc).replace(tzinfo=None)]
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
                                  ("Ditugaskan", 11), ("Belum diisi", 11), ("Draf", 8), ("Terkirim", 10),
                                  ("Dikembalikan", 13), ("Terverifikasi", 13), ("Terlambat", 10)],
          [[u.unit_short_name, u.unit_name, UNIT_KIND_NAMES.get(u.kind, u.kind), u.focal_points, int(u.assigned),
            int(u.not_started), int(u.draft), int(u.submitted), int(u.returned), int(u.verified),
            "Ya" if u.overdue else "Tidak"] for u in units.itertuples()])

    gaps = data.gaps.questions
    sheet("Yang mengangkat nilai", [("Kode", 10), ("Indikator", 10), ("Pertanyaan", 60), ("OPD pemilik", 34),
                                    ("Status", 14), ("Nilai", 10), ("Maksimum", 10), ("Poin yang hilang", 14),
                                    ("Jawaban yang memberi nilai", 40), ("Menuju predikat berikut", 12)],
          [[g.question_code, g.indicator_code, g.prompt_id, g.owner_name, STATUS_NAMES.get(g.status, g.status),
            round(g.points, 4), g.max_points, round(g.missing_points, 4), g.earning_answer_id,
            "Ya" if g.reaches else ""] for g in gaps.itertuples()], number_columns=(6, 7, 8))

    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _blank(value) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


# ---------------------------------------------------------------------------------------------
# PDF


def font_files() -> dict[str, Path]:
    """The DejaVu Sans TTF files (Indonesian text, dashes, arrows): from KLA_PDF_FONT_DIR or
    Debian's fonts-dejavu-core."""
    folders = [os.environ[FONT_DIR_SETTING]] if os.environ.get(FONT_DIR_SETTING) else list(FONT_DIRS)
    for folder in folders:
        files = {style: Path(folder) / name for style, name in FONT_FILES.items()}
        if all(path.is_file() for path in files.values()):
            return files
    raise DomainError("Huruf DejaVu Sans untuk laporan PDF tidak ditemukan (dicari di "
                      f"{', '.join(folders)}). Pasang paket fonts-dejavu-core atau isi {FONT_DIR_SETTING}.")


def pdf_report(data: ReportData, group_chart_png: bytes) -> bytes:
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    overview, reading = data.overview, data.reading
    title = f"Laporan Evaluasi KLA {overview.region_name} {overview.year}"

    class Report(FPDF):
        def footer(self):
            self.set_y(-12)
            self.set_font("DejaVu", size=8)
            self.set_text_color(90, 100, 110)
            self.cell(0, 6, f"{title} · dibuat {date_text(data.generated_at)}", align="L")
            self.set_x(self.l_margin)
            self.cell(0, 6, f"Halaman {self.page_no()} dari {{nb}}", align="R")

    pdf = Report(orientation="portrait", unit="mm", format="A4")
    pdf.set_title(title)
    pdf.set_author("Pantau KLA")
    pdf.set_creator("Pantau KLA")
    pdf.set_lang("id")
    for style, path in font_files().items():
        pdf.add_font("DejaVu", style=style, fname=str(path))
    pdf.set_auto_page_break(auto=True, margin=16)
    pdf.set_margins(18, 18, 18)
    blue, ink, muted = (31, 95, 153), (27, 39, 51), (90, 100, 110)
    heading_style = FontFace(emphasis="BOLD", color=(255, 255, 255), fill_color=blue)

    def heading(text: str, size: int = 15) -> None:
        pdf.set_font("DejaVu", "B", size)
        pdf.set_text_color(*blue)
        pdf.multi_cell(0, 8, text, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(*ink)
        pdf.ln(1)

    def paragraph(text: str, size: float = 10, style: str = "", color=ink, height: float = 5.5) -> None:
        pdf.set_font("DejaVu", style, size)
        pdf.set_text_color(*color)
        pdf.multi_cell(0, height, text, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(*ink)

    def table(columns: list[tuple[str, float, str]], rows: list[list[str]], size: float = 8.5,
              bold_last: bool = False, padding: float = 1.2) -> None:
        pdf.set_font("DejaVu", size=size)
        with pdf.table(col_widths=[w for _, w, _ in columns], text_align=[a for _, _, a in columns],
                       headings_style=heading_style, line_height=size * 0.5, padding=padding,
                       borders_layout="HORIZONTAL_LINES", cell_fill_color=(242, 246, 250),
                       cell_fill_mode="ROWS", first_row_as_headings=True) as built:
            built.row([name for name, _, _ in columns])
            for index, values in enumerate(rows):
                emphasis = FontFace(emphasis="BOLD") if bold_last and index == len(rows) - 1 else None
                built.row([str(v) for v in values], style=emphasis)

    # Cover
    pdf.add_page()
    pdf.set_fill_color(*blue)
    pdf.rect(0, 0, 210, 8, style="F")
    pdf.set_fill_color(255, 255, 255)  # tables fill their rows from the current colour
    pdf.ln(28)
    paragraph("PANTAU KLA · GUGUS TUGAS KABUPATEN/KOTA LAYAK ANAK", 10, "B", muted)
    pdf.ln(4)
    paragraph("Laporan Evaluasi Kabupaten/Kota Layak Anak", 24, "B", blue, height=11)
    pdf.ln(4)
    paragraph(f"{overview.region_name}, {overview.province_name}", 16, "B", height=8)
    paragraph(f"Siklus evaluasi {overview.year}", 14, height=8)
    pdf.ln(14)
    predikat = reading["predikat_name"] or "Belum berpredikat"
    paragraph("Predikat", 11, "", muted)
    paragraph(predikat, 30, "B", blue, height=14)
    paragraph(f"Nilai total {points_text(reading['total'])} dari {number_text(overview.max_points)}", 14, height=8)
    pdf.ln(3)
    paragraph(headline(data), 11)
    pdf.ln(12)
    facts = [
        ("Tanggal laporan", date_text(data.generated_at)),
        ("Dasar penilaian", BASIS_TITLES[data.basis]),
        ("Status siklus", CYCLE_STATUS_NAMES.get(overview.cycle_status, overview.cycle_status)
         + (", diterbitkan" if overview.published else ", belum diterbitkan")),
        ("Nilai penilaian mandiri", f"{points_text(overview.readings['self']['total'])} "
                                    f"({overview.readings['self']['predikat_name'] or 'belum berpredikat'})"),
        ("Nilai terverifikasi", f"{points_text(overview.readings['verified']['total'])} "
                                f"({overview.readings['verified']['predikat_name'] or 'belum berpredikat'})"),
        ("Instrumen", overview.catalog_version),
        ("Pertanyaan bernilai", f"{reading['answered']} dari {reading['answered'] + reading['missing']}"),
    ]
    for label, value in facts:
        pdf.set_font("DejaVu", "B", 10)
        pdf.cell(55, 6.5, label)
        pdf.set_font("DejaVu", "", 10)
        pdf.multi_cell(0, 6.5, value, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(8)
    bounds = ", ".join(f"{row.name} {'mulai' if row.inclusive else 'di atas'} {number_text(row.above)}"
                       for row in overview.thresholds.itertuples())
    paragraph(f"Predikat menurut nilai total (0–{number_text(overview.max_points)}): {bounds}.", 9, "", muted,
              height=4.8)

    # Groups: the page's chart and the table with both readings
    pdf.add_page()
    heading("Nilai per kelompok")
    paragraph("Kelembagaan, lima klaster hak anak dan Kelana Dekela: penilaian mandiri dan nilai terverifikasi "
              "berdampingan, dibandingkan dengan nilai maksimumnya (batang pucat).", 9.5, "", muted)
    pdf.ln(2)
    pdf.image(io.BytesIO(group_chart_png), w=pdf.epw)
    pdf.ln(4)
    groups = overview.groups
    table([("Kelompok", 78, "LEFT"), ("Mandiri", 24, "RIGHT"), ("Terverifikasi", 26, "RIGHT"),
           ("Maksimum", 22, "RIGHT"), ("Capaian", 24, "RIGHT")],
          [[g.name_id, points_text(g.self_points), points_text(g.verified_points), number_text(g.max_points),
            percent_text(getattr(g, f"{data.basis}_points") / g.max_points if g.max_points else None)]
           for g in groups.itertuples()]
          + [["Total", points_text(overview.readings["self"]["total"]),
              points_text(overview.readings["verified"]["total"]), number_text(overview.max_points),
              percent_text(reading["total"] / overview.max_points)]], size=9, bold_last=True)

    # Indicators
    pdf.add_page()
    heading("Nilai per indikator")
    paragraph("31 indikator; selisih = penilaian mandiri dikurangi nilai terverifikasi.", 9.5, "", muted)
    pdf.ln(2)
    table([("Kode", 11, "LEFT"), ("Indikator", 95, "LEFT"), ("Mandiri", 17, "RIGHT"),
           ("Terverifikasi", 21, "RIGHT"), ("Maks.", 12, "RIGHT"), ("Selisih", 18, "RIGHT")],
          [[i.indicator_code, i.name_id, points_text(i.self_points), points_text(i.verified_points),
            number_text(i.max_points), points_text(i.difference)] for i in overview.indicators.itertuples()],
          size=7, padding=0.8)

    # What lifts the score
    pdf.add_page()
    heading("Yang mengangkat nilai")
    paragraph(headline(data), 12, "B")
    pdf.ln(1)
    gap_questions = data.gaps.questions
    reaching = int(gap_questions["reaches"].sum())
    if reaching:
        paragraph(f"{reaching} pertanyaan teratas (ditandai ✓) cukup untuk mencapainya bila bernilai penuh.", 9.5,
                  "", muted)
    paragraph(f"Pertanyaan diurutkan menurut poin yang hilang ({BASIS_NAMES[data.basis]}); "
              f"{GAP_ROWS_IN_PDF} teratas dari {len(gap_questions)}. Daftar lengkap ada di lembar kerja Excel.",
              9.5, "", muted)
    pdf.ln(2)
    table([("Kode", 17, "LEFT"), ("Pertanyaan", 66, "LEFT"), ("OPD pemilik", 38, "LEFT"),
           ("Hilang", 14, "RIGHT"), ("Jawaban yang memberi nilai", 39, "LEFT")],
          [[("✓ " if g.reaches else "") + g.question_code, g.prompt_id, g.owner_name or "—",
            points_text(g.missing_points), g.earning_answer_id]
           for g in gap_questions.head(GAP_ROWS_IN_PDF).itertuples()], size=7.5)
    pdf.ln(5)
    heading("Poin yang hilang per OPD pemilik", 12)
    owners = data.gaps.owners.head(12)
    table([("OPD", 110, "LEFT"), ("Pertanyaan belum bernilai", 34, "RIGHT"), ("Poin hilang", 30, "RIGHT")],
          [[o.owner_name or o.owner, str(int(o.questions_missing)), points_text(o.missing_points)]
           for o in owners.itertuples()], size=8)

    # Completeness per OPD
    pdf.add_page()
    heading("Kelengkapan per OPD")
    units = data.completeness
    late = int(units["overdue"].sum()) if len(units) else 0
    paragraph(f"Status jawaban setiap pertanyaan yang ditugaskan, per unit; {late} unit terlambat (ditandai !).",
              9.5, "", muted)
    pdf.ln(2)
    table([("Unit", 64, "LEFT"), ("Tugas", 14, "RIGHT"), ("Belum", 15, "RIGHT"), ("Draf", 13, "RIGHT"),
           ("Terkirim", 19, "RIGHT"), ("Kembali", 17, "RIGHT"), ("Terverif.", 17, "RIGHT"),
           ("Selesai", 15, "RIGHT")],
          [[("! " if u.overdue else "") + u.unit_name, str(int(u.assigned)), str(int(u.not_started)),
            str(int(u.draft)), str(int(u.submitted)), str(int(u.returned)), str(int(u.verified)),
            percent_text(u.verified / u.assigned if u.assigned else None)] for u in units.itertuples()], size=7.5)
    return bytes(pdf.output())
