"""The Rakor (data/services/actions/meetings.py, indicators/meetings.py, data/files/meeting_pdf.py):
prepared by the chair or secretariat with an agenda drawn from the cycle; attendance and minutes
recorded; decisions become actions the OPD sees; the next meeting opens with them; agenda and
minutes as PDFs; bad input and other roles refused with nothing changed; every change audited."""
import io
from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from data.errors import DomainError, InvalidInput, NotFound, PermissionDenied
from data.services.actions.meetings import (
    list_meetings,
    meeting_pdf,
    meeting_record,
    prepare_meeting,
    record_minutes,
    refresh_agenda,
)
from data.services.actions.plans import create_action, list_actions
from review_fixtures import account, audit_of, second_region, snapshot


def text_of(content: bytes) -> str:
    return "\n".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages)


def prepare(engine, actor, **changes):
    fields = {"title": "Rakor Gugus Tugas KLA Kota Kupang 2025", "held_on": date(2026, 12, 10),
              "place": "Aula Bappeda"}
    fields.update(changes)
    return prepare_meeting(engine, actor, None, 2025, today=date(2026, 12, 4), **fields)


def test_the_chair_runs_a_rakor_and_its_decisions_reach_the_opd(seeded_engine):
    chair = account(seeded_engine, "ketua")
    meeting_id = prepare(seeded_engine, chair)
    record = meeting_record(seeded_engine, chair, meeting_id, today=date(2026, 12, 4))
    topics = [topic["topic"] for topic in record.agenda]
    assert topics[0] == "Tindak lanjut keputusan rapat sebelumnya"
    assert record.previous_title == "Rakor Gugus Tugas KLA Tingkat Kota Kupang Tahun 2024 (14 Maret 2024)"
    follow_up = record.agenda[0]["items"]
    assert "Jemput bola Kartu Identitas Anak di sekolah" in " ".join(follow_up) and "TERLAMBAT" in " ".join(follow_up)
    assert len(record.previous_decisions) == 5  # the demo's March 2024 decisions, where they stand now
    late = next(t for t in record.agenda if t["topic"].startswith("Unit yang tertinggal"))["items"]
    assert late and all("pertanyaan belum diajukan" in item for item in late)
    gaps = next(t for t in record.agenda if t["topic"].startswith("Kesenjangan nilai terbesar"))["items"]
    assert len(gaps) == 5 and all(item.endswith("poin") for item in gaps)
    assert record.status == "planned" and set(record.attendance["unit"]) >= {"dp3a", "dinkes", "bappeda"}
    assert not record.attendance["present"].any()

    agenda = text_of(meeting_pdf(seeded_engine, chair, meeting_id, "agenda"))
    assert "Agenda Rapat Koordinasi Gugus Tugas KLA" in agenda and "10 Desember 2026" in agenda
    assert "Daftar hadir" in agenda and "Tanda tangan" in agenda
    with pytest.raises(InvalidInput, match="belum berlangsung"):
        meeting_pdf(seeded_engine, chair, meeting_id, "minutes")

    action_id = create_action(seeded_engine, chair, None, 2025, indicator_code="13", title="Kelas gizi di 11 puskesmas",
                              lead_unit="dinkes", due_date=date(2027, 3, 31), meeting_id=meeting_id)
    record_minutes(seeded_engine, chair, meeting_id, record.version,
                   attendance={"dinkes": (True, "Kepala Bidang Kesmas"), "dp3a": (True, " ")},
                   minutes="Dinkes memimpin kelas gizi; <b>tenggat</b> Maret 2027.")
    record = meeting_record(seeded_engine, chair, meeting_id)
    assert record.status == "held" and record.decisions["id"].tolist() == [action_id]
    present = record.attendance[record.attendance["present"]]
    assert present[["unit", "representative"]].values.tolist() == [["dinkes", "Kepala Bidang Kesmas"], ["dp3a", ""]]
    minutes = text_of(meeting_pdf(seeded_engine, chair, meeting_id, "minutes"))
    assert "Notulen Rapat Koordinasi" in minutes and "2 dari" in minutes
    assert "Kelas gizi di 11 puskesmas" in minutes and "<b>tenggat</b>" in minutes
    assert "Tindak lanjut keputusan Rakor Gugus Tugas KLA Tingkat Kota Kupang Tahun 2024" in minutes
    opd = account(seeded_engine, "opd.dinkes")
    assert action_id in list_actions(seeded_engine, opd, None, 2025)["id"].tolist()

    later = prepare(seeded_engine, chair, title="Rakor lanjutan", held_on=date(2027, 2, 1))
    follow_up = meeting_record(seeded_engine, chair, later).agenda[0]["items"]
    assert follow_up[0] == "Keputusan Rakor Gugus Tugas KLA Kota Kupang 2025 (10 Desember 2026):"
    assert "Kelas gizi di 11 puskesmas" in follow_up[1]
    assert [m["id"] for m in list_meetings(seeded_engine, chair, None, 2025)][:2] == [later, meeting_id]
    assert [r.action for r in audit_of(seeded_engine) if r.action.startswith("meeting.")] == [
        "meeting.prepare", "meeting.minutes", "meeting.prepare"]


def test_the_agenda_is_drawn_again_until_the_meeting_is_held(seeded_engine, pinned_clock):
    secretariat = account(seeded_engine, "sekretariat")
    meeting_id = prepare(seeded_engine, secretariat)
    version = meeting_record(seeded_engine, secretariat, meeting_id).version
    eighteen_days_late = pinned_clock + timedelta(days=29)  # the demo's deadline is its day + 11
    refresh_agenda(seeded_engine, secretariat, meeting_id, version, today=eighteen_days_late)
    record = meeting_record(seeded_engine, secretariat, meeting_id)
    late = next(t for t in record.agenda if t["topic"].startswith("Unit yang tertinggal"))["items"]
    assert any("melewati batas waktu" in item for item in late)
    with pytest.raises(DomainError, match="diperbarui orang lain"):
        refresh_agenda(seeded_engine, secretariat, meeting_id, version)
    record_minutes(seeded_engine, secretariat, meeting_id, record.version, attendance={}, minutes="Selesai.")
    with pytest.raises(InvalidInput, match="sudah berlangsung"):
        refresh_agenda(seeded_engine, secretariat, meeting_id, record.version + 1)


@pytest.mark.parametrize("changes, message", [
    ({"title": "  "}, "Isi judul rapat."),
    ({"held_on": None}, "Isi tanggal rapat."),
    ({"held_on": date(2023, 12, 31)}, "Tanggal rapat 31 Desember 2023 di luar masa siklus 2025"),
    ({"place": "x" * 201}, "Tempat rapat terlalu panjang (201 karakter); maksimal 200."),
])
def test_a_bad_meeting_is_refused_and_nothing_changes(seeded_engine, changes, message):
    chair = account(seeded_engine, "ketua")
    before = snapshot(seeded_engine), len(list_meetings(seeded_engine, chair, None, 2025))
    with pytest.raises(InvalidInput) as raised:
        prepare(seeded_engine, chair, **changes)
    assert any(problem.startswith(message) for problem in raised.value.messages), raised.value.messages
    assert (snapshot(seeded_engine), len(list_meetings(seeded_engine, chair, None, 2025))) == before


def test_bad_minutes_are_refused_and_nothing_changes(seeded_engine):
    chair = account(seeded_engine, "ketua")
    meeting_id = prepare(seeded_engine, chair)
    version = meeting_record(seeded_engine, chair, meeting_id).version
    before = snapshot(seeded_engine)
    with pytest.raises(InvalidInput) as raised:
        record_minutes(seeded_engine, chair, meeting_id, version,
                       attendance={"dinas_rahasia": (True, None), "dinkes": (True, "x" * 201)}, minutes="")
    assert raised.value.messages == [
        "OPD 'dinas_rahasia' tidak ada dalam daftar hadir rapat ini.",
        "Nama perwakilan Dinas Kesehatan Kota Kupang: Nama perwakilan terlalu panjang (201 karakter); maksimal 200.",
        "Isi notulen."]
    with pytest.raises(InvalidInput, match="Notulen terlalu panjang"):
        record_minutes(seeded_engine, chair, meeting_id, version, attendance={}, minutes="x" * 5001)
    with pytest.raises(DomainError, match="diperbarui orang lain"):
        record_minutes(seeded_engine, chair, meeting_id, version + 3, attendance={}, minutes="Rapat.")
    assert snapshot(seeded_engine) == before
    assert meeting_record(seeded_engine, chair, meeting_id).status == "planned"


def test_a_decision_names_a_meeting_of_its_own_cycle(seeded_engine):
    chair = account(seeded_engine, "ketua")
    with pytest.raises(InvalidInput, match="bukan rapat siklus 2025 Kota Kupang"):
        create_action(seeded_engine, chair, None, 2025, indicator_code="13", title="Kelas gizi", lead_unit="dinkes",
                      due_date=date(2027, 3, 31), meeting_id=9999)


def test_only_the_task_force_of_the_region_reads_and_only_managers_prepare(seeded_engine):
    chair = account(seeded_engine, "ketua")
    meeting_id = prepare(seeded_engine, chair)
    member = account(seeded_engine, "anggota")
    assert meeting_record(seeded_engine, member, meeting_id).title.startswith("Rakor")
    second_region(seeded_engine)
    before = snapshot(seeded_engine)
    with pytest.raises(PermissionDenied):
        prepare(seeded_engine, member)
    with pytest.raises(PermissionDenied):
        record_minutes(seeded_engine, member, meeting_id, 1, attendance={}, minutes="Rapat.")
    for username in ("opd.dinkes", "forum.anak", "kec.alak"):
        with pytest.raises(PermissionDenied):
            meeting_record(seeded_engine, account(seeded_engine, username), meeting_id)
    other = account(seeded_engine, "ketua.kab")
    with pytest.raises(PermissionDenied):
        meeting_record(seeded_engine, other, meeting_id)
    with pytest.raises(PermissionDenied):
        meeting_pdf(seeded_engine, other, meeting_id, "agenda")
    with pytest.raises(PermissionDenied):
        prepare_meeting(seeded_engine, other, "53.71", 2025, title="Rakor", held_on=date(2026, 12, 10))
    with pytest.raises(NotFound):
        meeting_record(seeded_engine, chair, 9999)
    with pytest.raises(InvalidInput, match="Dokumen rapat 'notes'"):
        meeting_pdf(seeded_engine, chair, meeting_id, "notes")
    assert snapshot(seeded_engine) == before
