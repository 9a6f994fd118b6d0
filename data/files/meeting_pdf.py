"""The Rakor's papers in the report's look (pdf_look): the agenda before the meeting (when, where,
the topics drawn from the cycle, an attendance sheet to sign) and the minutes after it (who came,
what was said, the decisions as actions with their lead OPD and due date, and where the previous
meeting's decisions stand). Built from a meetings.MeetingRecord; reads no database."""
from __future__ import annotations

from datetime import datetime

from data.files.pdf_look import BLUE, MUTED, MeetingDocument
from data.files.report_pdf import action_table
from indicators import text as fmt
from indicators.meetings import status_name


def _cover(document: MeetingDocument, record, paper: str) -> None:
    document.cover_page()
    document.paragraph(paper, 22, "B", BLUE, height=10)
    document.pdf.ln(3)
    document.paragraph(record.title, 14, "B", height=7)
    document.paragraph(f"{record.region_name}, {record.province_name} · siklus evaluasi {record.year}", 11,
                       height=6)
    document.pdf.ln(6)
    document.facts([("Tanggal", fmt.long_date(record.held_on)), ("Tempat", record.place or "—"),
                    ("Status", status_name(record.status)),
                    ("Rapat sebelumnya", record.previous_title or "belum ada")], label_width=45)
    document.pdf.ln(6)


def _agenda(document: MeetingDocument, record) -> None:
    document.heading("Agenda", 13)
    for number, topic in enumerate(record.agenda, start=1):
        document.paragraph(f"{number}. {topic['topic']}", 10.5, "B")
        for item in topic["items"]:
            document.paragraph(f"   • {item}", 9, height=4.8)
        document.pdf.ln(1.5)


def agenda_pdf(record, generated_at: datetime) -> bytes:
    document = MeetingDocument(f"Agenda {record.title}", generated_at)
    _cover(document, record, "Agenda Rapat Koordinasi Gugus Tugas KLA")
    _agenda(document, record)
    document.page()
    document.heading("Daftar hadir", 13)
    document.note("Diisi dan ditandatangani perwakilan setiap OPD anggota Gugus Tugas.")
    document.pdf.ln(2)
    document.table([("No.", 10, "RIGHT"), ("OPD", 78, "LEFT"), ("Nama perwakilan", 52, "LEFT"),
                    ("Tanda tangan", 34, "LEFT")],
                   [[str(n), row.unit_name, "", ""] for n, row in enumerate(record.attendance.itertuples(), start=1)],
                   size=8.5, padding=2.2)
    return document.output()


def minutes_pdf(record, generated_at: datetime) -> bytes:
    document = MeetingDocument(f"Notulen {record.title}", generated_at)
    _cover(document, record, "Notulen Rapat Koordinasi Gugus Tugas KLA")
    present = record.attendance[record.attendance["present"]]
    absent = record.attendance[~record.attendance["present"]]
    document.heading("Kehadiran", 13)
    document.note(f"{len(present)} dari {len(record.attendance)} OPD hadir.")
    document.pdf.ln(2)
    document.table([("OPD", 90, "LEFT"), ("Hadir", 18, "LEFT"), ("Perwakilan", 66, "LEFT")],
                   [[row.unit_name, "ya" if row.present else "tidak", row.representative or "—"]
                    for row in record.attendance.itertuples()], size=8)
    if len(absent):
        document.pdf.ln(2)
        document.paragraph("Tidak hadir: " + ", ".join(absent["unit_name"]), 9, "", MUTED)
    document.page()
    document.heading("Pembahasan", 13)
    document.paragraph(record.minutes or "—", 10)
    document.pdf.ln(4)
    _agenda(document, record)
    document.page()
    document.heading("Keputusan (rencana aksi)", 13)
    action_table(document, record.decisions, empty="Rapat ini tidak mencatat keputusan.")
    if record.previous_title:
        document.pdf.ln(5)
        document.heading(f"Tindak lanjut keputusan {record.previous_title}", 12)
        action_table(document, record.previous_decisions, empty="Rapat sebelumnya tidak mencatat keputusan.")
    document.pdf.ln(5)
    document.heading(f"Seluruh rencana aksi siklus {record.year} yang masih terbuka", 12)
    action_table(document, record.open_actions, empty="Tidak ada rencana aksi yang masih terbuka.")
    return document.output()
