"""The meeting reports (data/services/scoring/reports.py, data/files/report_*.py): the workbook read back with
openpyxl, the PDF's pages and text read back with pypdf, both agreeing with score_report."""
import io
from datetime import UTC, datetime

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select

from data.actor import COMMAND_LINE, signed_in_user
from data.db import unit_of_work
from data.errors import DomainError, InvalidInput, PermissionDenied
from data.files.report_charts import readings_bars_png
from data.files.report_pdf import pdf_report
from data.files.report_xlsx import xlsx_report
from data.models import User
from data.services.scoring.reports import build_report, report_data
from data.services.scoring.scores import score_report

NOW = datetime(2026, 11, 22, 9, 30, tzinfo=UTC)


@pytest.fixture
def data_2024(seeded_engine):
    return report_data(seeded_engine, COMMAND_LINE, "53.71", 2024, "verified", now=NOW)


def rows_of(sheet) -> list[dict]:
    values = list(sheet.iter_rows(values_only=True))
    return [dict(zip(values[0], row, strict=True)) for row in values[1:]]


def test_workbook_has_the_sheets_and_the_figures_of_score_report(seeded_engine, data_2024):
    book = load_workbook(io.BytesIO(xlsx_report(data_2024)))
    assert book.sheetnames == ["Ringkasan", "Jawaban", "Nilai per kelompok", "Nilai per indikator",
                               "Kelengkapan per OPD", "Yang mengangkat nilai", "Rencana Aksi"]
    verified = score_report(seeded_engine, "53.71", 2024, "verified")
    self_assessed = score_report(seeded_engine, "53.71", 2024, "self")

    summary = {row[0]: row[1] for row in book["Ringkasan"].iter_rows(values_only=True)}
    assert summary["Wilayah"] == "Kota Kupang (53.71), Nusa Tenggara Timur"
    assert summary["Siklus evaluasi"] == 2024
    assert summary["Predikat"] == "Madya"
    assert summary["Nilai total"] == round(verified["total"], 2)
    assert summary["Tanggal laporan"] == "22 November 2026"
    assert summary["Yang mengangkat nilai"].startswith("Untuk mencapai Nindya dibutuhkan 75,51 poin lagi")

    groups = rows_of(book["Nilai per kelompok"])
    assert [g["Kode"] for g in groups] == [g["code"] for g in verified["groups"]] + ["TOTAL"]
    assert [g["Nilai terverifikasi"] for g in groups[:-1]] == [g["points"] for g in verified["groups"]]
    assert [g["Nilai mandiri"] for g in groups[:-1]] == [g["points"] for g in self_assessed["groups"]]
    assert groups[-1]["Nilai terverifikasi"] == verified["total"]
    assert book["Nilai per kelompok"]._charts  # the bar chart beside the table

    indicators = rows_of(book["Nilai per indikator"])
    assert len(indicators) == 31
    assert [i["Nilai terverifikasi"] for i in indicators] == [i["points"] for i in verified["indicators"]]

    answers = rows_of(book["Jawaban"])
    assert len({a["Kode"] for a in answers}) == 274
    assert {a["Status"] for a in answers} == {"Terverifikasi", "Belum diisi"}
    assert sum(1 for a in answers if a["Status"] == "Belum diisi") == verified["missing_count"]
    best = {}
    for a in answers:
        best[a["Kode"]] = max(best.get(a["Kode"], 0), a["Nilai terverifikasi"] or 0)
    assert sum(best.values()) == pytest.approx(verified["total"], abs=0.01)
    assert {"Ya", "Tidak"} <= {a["Jawaban"] for a in answers}

    units = rows_of(book["Kelengkapan per OPD"])
    assert "dp3a" in {u["Unit"] for u in units}
    for unit in units:
        parts = ("Belum diisi", "Draf", "Diajukan", "Dikembalikan", "Terverifikasi")
        assert sum(unit[p] for p in parts) == unit["Ditugaskan"]

    gaps = rows_of(book["Yang mengangkat nilai"])
    assert sum(g["Poin yang hilang"] for g in gaps) == pytest.approx(1000 - verified["total"], abs=0.01)
    assert gaps[0]["Poin yang hilang"] == max(g["Poin yang hilang"] for g in gaps)


def test_pdf_has_cover_chart_tables_gaps_and_completeness(seeded_engine, data_2024):
    content = pdf_report(data_2024, readings_bars_png(data_2024.group_frame()))
    reader = PdfReader(io.BytesIO(content))
    pages = [" ".join(page.extract_text().split()) for page in reader.pages]
    assert 8 <= len(pages) <= 11
    cover = pages[0]
    for text in ("Laporan Evaluasi Kabupaten/Kota Layak Anak", "Kota Kupang, Nusa Tenggara Timur",
                 "Siklus evaluasi 2024", "Madya", "Nilai total 624,49 dari 1.000", "22 November 2026",
                 "Untuk mencapai Nindya dibutuhkan 75,51 poin lagi."):
        assert text in cover, text
    assert "Tren antarsiklus" in pages[1] and "► 2024 624,49 +39,59" in pages[1]
    assert "Nilai per kelompok" in pages[2] and "Klaster V: Perlindungan Khusus" in pages[2]
    assert reader.pages[2].images, "the group chart is embedded as an image"
    whole = "\n".join(pages)
    assert "Nilai per indikator" in whole
    assert "Yang mengangkat nilai" in whole and "Jawaban yang memberi nilai" in whole
    assert "Kelengkapan per unit" in whole and "Dinas Kesehatan Kota Kupang" in whole
    assert "Kecamatan yang perlu dikunjungi" in whole and "Kecamatan Alak" in whole
    assert f"Halaman 1 dari {len(pages)}" in cover
    assert reader.metadata.title == "Laporan Evaluasi KLA Kota Kupang 2024"


def test_open_cycle_report_in_the_self_reading(seeded_engine):
    content = build_report(seeded_engine, COMMAND_LINE, "53.71", 2025, "pdf", basis="self",
                           group_chart=readings_bars_png)
    cover = " ".join(PdfReader(io.BytesIO(content)).pages[0].extract_text().split())
    total = score_report(seeded_engine, "53.71", 2025, "self")["total"]
    assert f"{total:.2f}".replace(".", ",") in cover
    assert "Penilaian mandiri OPD" in cover and "belum diterbitkan" in cover
    book = load_workbook(io.BytesIO(build_report(seeded_engine, COMMAND_LINE, "53.71", 2025, "xlsx", basis="self")))
    statuses = {a["Status"] for a in rows_of(book["Jawaban"])}
    assert statuses == {"Belum diisi", "Draf", "Diajukan", "Dikembalikan", "Terverifikasi"}


def test_bad_format_basis_and_readers_are_refused(seeded_engine):
    with pytest.raises(InvalidInput, match="Format laporan 'docx'"):
        build_report(seeded_engine, COMMAND_LINE, "53.71", 2024, "docx")
    with pytest.raises(InvalidInput, match="Dasar penilaian 'final'"):
        build_report(seeded_engine, COMMAND_LINE, "53.71", 2024, "xlsx", basis="final")
    with unit_of_work(seeded_engine) as session:
        opd = signed_in_user(session.scalar(select(User).where(User.username == "opd.dinkes")))
        ketua = signed_in_user(session.scalar(select(User).where(User.username == "ketua")))
    with pytest.raises(PermissionDenied):
        build_report(seeded_engine, opd, "53.71", 2024, "xlsx")
    assert build_report(seeded_engine, ketua, "53.71", 2024, "xlsx")[:2] == b"PK"


def test_missing_font_is_named(seeded_engine, data_2024, monkeypatch, tmp_path):
    monkeypatch.setenv("KLA_PDF_FONT_DIR", str(tmp_path))
    with pytest.raises(DomainError, match="fonts-dejavu-core"):
        pdf_report(data_2024, b"")


def test_both_reports_carry_the_action_plan(seeded_engine):
    from datetime import date

    from data.services.actions.plans import create_action
    from review_fixtures import account

    chair = account(seeded_engine, "ketua")
    create_action(seeded_engine, chair, None, 2025, indicator_code="19", question_codes=["19.2b"],
                  title="SK SRA untuk semua SD", lead_unit="disdikbud", supporting_units=["dp3a"],
                  due_date=date(2027, 3, 31), budget_amount=15_000_000, budget_source="APBD")
    create_action(seeded_engine, chair, None, 2025, indicator_code="12", title="Posyandu aktif di 51 kelurahan",
                  lead_unit="dinkes", due_date=date(2025, 6, 30))
    empty = build_report(seeded_engine, COMMAND_LINE, "53.71", 2024, "pdf", group_chart=readings_bars_png)
    last = " ".join(PdfReader(io.BytesIO(empty)).pages[-1].extract_text().split())
    assert "Rencana Aksi" in last and "Belum ada rencana aksi untuk siklus ini." in last
    content = build_report(seeded_engine, COMMAND_LINE, "53.71", 2025, "pdf", group_chart=readings_bars_png)
    last = " ".join(PdfReader(io.BytesIO(content)).pages[-1].extract_text().split())
    assert "Rencana Aksi" in last and "7 aksi; 3 terlambat" in last  # the demo's five and these two
    assert last.index("! Posyandu aktif") < last.index("SK SRA untuk semua SD")  # overdue first
    book = load_workbook(io.BytesIO(build_report(seeded_engine, COMMAND_LINE, "53.71", 2025, "xlsx")))
    rows = {r["Aksi"]: r for r in rows_of(book["Rencana Aksi"])}
    assert len(rows) == 7
    assert rows["SK SRA untuk semua SD"]["OPD pendukung"] == "dp3a"
    assert rows["SK SRA untuk semua SD"]["Anggaran (Rp)"] == 15_000_000
    assert rows["Posyandu aktif di 51 kelurahan"]["Terlambat"] == "Ya"
