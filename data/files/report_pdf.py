"""The meeting report as a PDF: a cover with region, cycle, date and predikat; the trend against
earlier cycles; the group chart and the score tables; the gap list; completeness per unit, furthest
behind first, with whom to call; the kecamatan to visit; the action plan. Built in the house look
(pdf_look) from a ReportData and the chart's PNG; reads no database."""
from __future__ import annotations

import io

import pandas as pd

from data.files.pdf_look import BLUE, MUTED, MeetingDocument
from data.files.report_content import BASIS_NAMES, ReportData, basis_title, cycle_status_title, headline
from indicators import text as fmt
from indicators.actions import status_name as action_status_name

GAP_ROWS_IN_PDF = 20


def pdf_report(data: ReportData, group_chart_png: bytes) -> bytes:
    overview, reading = data.overview, data.reading
    title = f"Laporan Evaluasi KLA {overview.region_name} {overview.year}"
    document = MeetingDocument(title, data.generated_at)
    pdf, heading, paragraph, table = document.pdf, document.heading, document.paragraph, document.table

    # Cover
    document.cover_page()
    paragraph("Laporan Evaluasi Kabupaten/Kota Layak Anak", 24, "B", BLUE, height=11)
    pdf.ln(4)
    paragraph(f"{overview.region_name}, {overview.province_name}", 16, "B", height=8)
    paragraph(f"Siklus evaluasi {overview.year}", 14, height=8)
    pdf.ln(14)
    predikat = reading["predikat_name"] or "Belum berpredikat"
    paragraph("Predikat", 11, "", MUTED)
    paragraph(predikat, 30, "B", BLUE, height=14)
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
        *([("Nilai verifikasi provinsi", f"{fmt.points(data.province_total)} "
                                         f"({data.province_predikat_name or 'belum berpredikat'}; "
                                         f"{len(data.province_changes)} pertanyaan diubah atau dikembalikan)")]
          if data.province_changes is not None and len(data.province_changes) else []),
        ("Instrumen", overview.catalog_version),
        ("Pertanyaan bernilai", f"{reading['answered']} dari {reading['answered'] + reading['missing']}"),
    ]
    document.facts(facts)
    pdf.ln(8)
    bounds = ", ".join(f"{row.name} {'mulai' if row.inclusive else 'di atas'} {fmt.number(row.above)}"
                       for row in overview.thresholds.itertuples())
    paragraph(f"Predikat menurut nilai total (0–{fmt.number(overview.max_points)}): {bounds}.", 9, "", MUTED,
              height=4.8)

    trend_page(document, data)

    # Groups: the page's chart and the table with both readings
    pdf.add_page()
    heading("Nilai per kelompok")
    paragraph("Kelembagaan, lima klaster hak anak dan Kelana Dekela: penilaian mandiri dan nilai terverifikasi "
              "berdampingan, dibandingkan dengan nilai maksimumnya (batang pucat).", 9.5, "", MUTED)
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
    paragraph("31 indikator; selisih = penilaian mandiri dikurangi nilai terverifikasi.", 9.5, "", MUTED)
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
                  "", MUTED)
    paragraph(f"Pertanyaan diurutkan menurut poin yang hilang ({BASIS_NAMES[data.basis]}); "
              f"{GAP_ROWS_IN_PDF} teratas dari {len(gap_questions)}. Daftar lengkap ada di lembar kerja Excel.",
              9.5, "", MUTED)
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

    # Completeness per unit, furthest behind first, with whom to call
    pdf.add_page()
    heading("Kelengkapan per unit")
    units = data.completeness
    late = int(units["overdue"].sum()) if len(units) else 0
    document.note(f"Status jawaban setiap pertanyaan yang ditugaskan, per unit, yang paling tertinggal lebih dulu; "
                  f"{late} unit terlambat (ditandai !). Kontak: penanggung jawab unit yang dihubungi.")
    pdf.ln(2)
    table([("Unit", 42, "LEFT"), ("Tugas", 11, "RIGHT"), ("Belum", 12, "RIGHT"), ("Draf", 10, "RIGHT"),
           ("Diajukan", 15, "RIGHT"), ("Kembali", 14, "RIGHT"), ("Selesai", 14, "RIGHT"), ("Kontak", 56, "LEFT")],
          [[("! " if u.overdue else "") + u.unit_name, str(int(u.assigned)), str(int(u.not_started)),
            str(int(u.draft)), str(int(u.submitted)), str(int(u.returned)),
            fmt.percent(u.verified / u.assigned if u.assigned else None), u.focal_points or "belum ada akun"]
           for u in units.itertuples()], size=7, padding=0.8)
    kecamatan_page(document, data.kecamatan)
    province_page(document, data.province_changes)

    # The action plan
    pdf.add_page()
    heading("Rencana Aksi")
    action_table(document, data.actions)
    return document.output()


def trend_page(document: MeetingDocument, data: ReportData) -> None:
    """The totals of every cycle of the region, this one marked, with the change from the cycle before."""
    trend = data.overview.trend
    document.page()
    document.heading("Tren antarsiklus")
    key = f"{data.basis}_total"
    document.note(f"Nilai total setiap siklus evaluasi ({BASIS_NAMES[data.basis]}); siklus laporan ini ditandai ►.")
    document.pdf.ln(2)
    rows, before = [], None
    for row in trend.itertuples():
        total = getattr(row, key)
        change = "—" if before is None else ("+" if total >= before else "") + fmt.points(total - before)
        rows.append([("► " if row.year == data.overview.year else "") + str(row.year), fmt.points(total), change,
                     getattr(row, f"{data.basis}_predikat_name") or "belum berpredikat",
                     cycle_status_title(row.cycle_status) + (", diterbitkan" if row.published else "")])
        before = total
    document.table([("Siklus", 22, "LEFT"), ("Nilai total", 28, "RIGHT"), ("Perubahan", 26, "RIGHT"),
                    ("Predikat", 38, "LEFT"), ("Status", 60, "LEFT")], rows, size=9)
    groups = data.overview.group_trend
    years = sorted(groups["year"].unique()) if len(groups) else []
    if len(years) > 1:
        document.pdf.ln(5)
        document.heading("Nilai per kelompok antarsiklus", 12)
        pivot = groups.pivot_table(index=["position", "name_id"], columns="year", values=f"{data.basis}_points",
                                   aggfunc="sum").sort_index()
        shown = years[-5:]
        width = (174 - 64) / len(shown)
        document.table([("Kelompok", 64, "LEFT")] + [(str(y), width, "RIGHT") for y in shown],
                       [[name] + [fmt.points(pivot.at[(position, name), y]) for y in shown]
                        for position, name in pivot.index], size=8)


def province_page(document: MeetingDocument, changes: pd.DataFrame | None) -> None:
    """What the province's administrative verification lowered, raised or returned, and why."""
    if changes is None or changes.empty:
        return
    document.page()
    document.heading("Verifikasi administrasi provinsi")
    document.note("Pertanyaan yang poinnya diubah atau dikembalikan verifikator provinsi, dengan alasannya.")
    document.pdf.ln(2)
    states = {"lowered": "diturunkan", "raised": "dinaikkan", "returned": "dikembalikan"}
    document.table([("Kode", 14, "LEFT"), ("OPD", 24, "LEFT"), ("Kota", 14, "RIGHT"), ("Provinsi", 16, "RIGHT"),
                    ("Status", 22, "LEFT"), ("Alasan provinsi", 84, "LEFT")],
                   [[c.question_code, c.unit_short_name, fmt.points(c.verified_points),
                     fmt.points(c.province_points) if pd.notna(c.province_points) else "—",
                     states.get(c.province_state, c.province_state), c.province_reason or c.province_return_reason]
                    for c in changes.itertuples()], size=7.5)


def kecamatan_page(document: MeetingDocument, kecamatan: pd.DataFrame | None) -> None:
    """The kecamatan whose Kelana Dekela answers (theirs and their desa/kelurahan's) lag most: where
    the task force goes first."""
    if kecamatan is None or kecamatan.empty:
        return
    document.pdf.ln(5)
    document.heading("Kecamatan yang perlu dikunjungi", 12)
    document.note("Kecamatan bersama desa/kelurahannya, yang paling sedikit terverifikasi lebih dulu.")
    document.pdf.ln(2)
    document.table([("Kecamatan", 40, "LEFT"), ("Unit", 10, "RIGHT"), ("Tugas", 12, "RIGHT"),
                    ("Belum selesai", 18, "RIGHT"), ("Kembali", 14, "RIGHT"), ("Terlambat", 16, "RIGHT"),
                    ("Terverif.", 16, "RIGHT"), ("Kontak", 48, "LEFT")],
                   [[k.kecamatan_name, str(k.units), str(k.assigned), str(k.outstanding), str(k.returned),
                     f"{k.late_units} unit", fmt.percent(k.percent_verified / 100), k.focal_points or "—"]
                    for k in kecamatan.itertuples()], size=7, padding=0.8)


def action_table(document: MeetingDocument, actions: pd.DataFrame | None,
                 empty: str = "Belum ada rencana aksi untuk siklus ini.") -> None:
    """The actions (actions.plans frame), late ones marked, with lead and supporting OPDs."""
    if actions is None or actions.empty:
        document.note(empty)
        return
    late = int(actions["overdue"].sum())
    document.note(f"{len(actions)} aksi; {late} terlambat (ditandai !), yang terlambat lebih dulu.")
    document.pdf.ln(2)
    document.table([("Ind.", 10, "LEFT"), ("Aksi", 66, "LEFT"), ("OPD", 38, "LEFT"), ("Tenggat", 22, "LEFT"),
                    ("Status", 20, "LEFT"), ("Kemajuan", 18, "RIGHT")],
                   [[a.indicator_code, ("! " if a.overdue else "") + a.title,
                     a.lead_unit_name + (f" + {', '.join(a.supporting_units)}" if a.supporting_units else ""),
                     fmt.long_date(a.due_date), action_status_name(a.status), fmt.percent(a.progress / 100)]
                    for a in actions.itertuples()], size=7.5)
