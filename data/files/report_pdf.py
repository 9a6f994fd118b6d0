"""The meeting report as a PDF: a cover with region, cycle, date and predikat; the group chart and
the score tables; the gap list; completeness per OPD. Built with fpdf2 from a ReportData and the
chart's PNG, in DejaVu Sans (Indonesian text, dashes, arrows); reads no database."""
from __future__ import annotations

import io
import os
from pathlib import Path

import pandas as pd

from data.errors import DomainError
from data.files.report_content import BASIS_NAMES, ReportData, basis_title, cycle_status_title, headline
from indicators import text as fmt
from indicators.actions import status_name as action_status_name

FONT_DIR_SETTING = "KLA_PDF_FONT_DIR"
FONT_DIRS = ("/usr/share/fonts/truetype/dejavu",)
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
GAP_ROWS_IN_PDF = 20


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
            self.cell(0, 6, f"{title} · dibuat {fmt.long_date(data.generated_at)}", align="L")
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
    paragraph(f"Nilai total {fmt.points(reading['total'])} dari {fmt.number(overview.max_points)}", 14, height=8)
    pdf.ln(3)
    paragraph(headline(data), 11)
    pdf.ln(12)
    facts = [
        ("Tanggal laporan", fmt.long_date(data.generated_at)),
        ("Dasar penilaian", basis_title(data.basis)),
        ("Status siklus", cycle_status_title(overview.cycle_status)
         + (", diterbitkan" if overview.published else ", belum diterbitkan")),
        ("Nilai penilaian mandiri", f"{fmt.points(overview.readings['self']['total'])} "
                                    f"({overview.readings['self']['predikat_name'] or 'belum berpredikat'})"),
        ("Nilai terverifikasi", f"{fmt.points(overview.readings['verified']['total'])} "
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
    bounds = ", ".join(f"{row.name} {'mulai' if row.inclusive else 'di atas'} {fmt.number(row.above)}"
                       for row in overview.thresholds.itertuples())
    paragraph(f"Predikat menurut nilai total (0–{fmt.number(overview.max_points)}): {bounds}.", 9, "", muted,
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
          [[g.name_id, fmt.points(g.self_points), fmt.points(g.verified_points), fmt.number(g.max_points),
            fmt.percent(getattr(g, f"{data.basis}_points") / g.max_points if g.max_points else None)]
           for g in groups.itertuples()]
          + [["Total", fmt.points(overview.readings["self"]["total"]),
              fmt.points(overview.readings["verified"]["total"]), fmt.number(overview.max_points),
              fmt.percent(reading["total"] / overview.max_points)]], size=9, bold_last=True)

    # Indicators
    pdf.add_page()
    heading("Nilai per indikator")
    paragraph("31 indikator; selisih = penilaian mandiri dikurangi nilai terverifikasi.", 9.5, "", muted)
    pdf.ln(2)
    table([("Kode", 11, "LEFT"), ("Indikator", 95, "LEFT"), ("Mandiri", 17, "RIGHT"),
           ("Terverifikasi", 21, "RIGHT"), ("Maks.", 12, "RIGHT"), ("Selisih", 18, "RIGHT")],
          [[i.indicator_code, i.name_id, fmt.points(i.self_points), fmt.points(i.verified_points),
            fmt.number(i.max_points), fmt.points(i.difference)] for i in overview.indicators.itertuples()],
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
            fmt.points(g.missing_points), g.earning_answer_id]
           for g in gap_questions.head(GAP_ROWS_IN_PDF).itertuples()], size=7.5)
    pdf.ln(5)
    heading("Poin yang hilang per OPD pemilik", 12)
    owners = data.gaps.owners.head(12)
    table([("OPD", 110, "LEFT"), ("Pertanyaan belum bernilai", 34, "RIGHT"), ("Poin hilang", 30, "RIGHT")],
          [[o.owner_name or o.owner, str(int(o.questions_missing)), fmt.points(o.missing_points)]
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
           ("Diajukan", 19, "RIGHT"), ("Kembali", 17, "RIGHT"), ("Terverif.", 17, "RIGHT"),
           ("Selesai", 15, "RIGHT")],
          [[("! " if u.overdue else "") + u.unit_name, str(int(u.assigned)), str(int(u.not_started)),
            str(int(u.draft)), str(int(u.submitted)), str(int(u.returned)), str(int(u.verified)),
            fmt.percent(u.verified / u.assigned if u.assigned else None)] for u in units.itertuples()], size=7.5)

    # The action plan
    actions = data.actions if data.actions is not None else pd.DataFrame()
    pdf.add_page()
    heading("Rencana Aksi")
    if actions.empty:
        paragraph("Belum ada rencana aksi untuk siklus ini.", 9.5, "", muted)
        return bytes(pdf.output())
    late = int(actions["overdue"].sum())
    paragraph(f"{len(actions)} aksi; {late} terlambat (ditandai !), yang terlambat lebih dulu.", 9.5, "", muted)
    pdf.ln(2)
    table([("Ind.", 10, "LEFT"), ("Aksi", 70, "LEFT"), ("OPD", 38, "LEFT"), ("Tenggat", 22, "LEFT"),
           ("Status", 20, "LEFT"), ("Kemajuan", 17, "RIGHT")],
          [[a.indicator_code, ("! " if a.overdue else "") + a.title,
            a.lead_unit_name + (f" + {', '.join(a.supporting_units)}" if a.supporting_units else ""),
            fmt.long_date(a.due_date), action_status_name(a.status), fmt.percent(a.progress / 100)]
           for a in actions.itertuples()], size=7.5)
    return bytes(pdf.output())
