"""Rakor Gugus Tugas (app_pages/meetings.py) through AppTest: the chair prepares a meeting with its
agenda, records a decision as an action for an OPD and the minutes; a bad meeting is refused with a
message; a member reads without forms; an OPD is turned away."""
from datetime import date

from data.services.actions.meetings import list_meetings, meeting_record
from data.services.actions.plans import list_actions
from page_helpers import open_page_as, texts
from review_fixtures import account

PAGE = "app_pages/meetings.py"


def test_the_chair_prepares_a_meeting_records_a_decision_and_the_minutes(database_url, engine):
    at = open_page_as(PAGE, "ketua")
    assert not at.exception
    shown = texts(at)
    assert "Rapat Koordinasi (Rakor) Gugus Tugas KLA" in shown
    assert "Rakor Gugus Tugas KLA Tingkat Kota Kupang Tahun 2024" in shown  # the demo's meeting, held
    assert "Pembaruan Perda Kota Layak Anak" in at.dataframe[-1].value["title"].tolist()

    at.button(key="FormSubmitter:meetings_form-Siapkan rapat dan agendanya").click().run()
    assert "Isi tanggal rapat." in " ".join(e.value for e in at.error)
    chair = account(engine, "ketua")
    assert len(list_meetings(engine, chair, None, 2025)) == 1
    at.date_input(key="meetings_held_on").set_value(date(2026, 12, 10))
    at.text_input(key="meetings_place").input("Aula Bappeda")
    at.button(key="FormSubmitter:meetings_form-Siapkan rapat dan agendanya").click().run()
    assert not at.exception
    assert 'Rapat "Rakor Gugus Tugas KLA Kota Kupang 2025" disiapkan dengan agendanya.' in at.success[0].value
    meeting_id = list_meetings(engine, chair, None, 2025)[0]["id"]
    shown = texts(at)
    assert "Tindak lanjut keputusan rapat sebelumnya" in shown and "Kesenjangan nilai terbesar" in shown

    key = f"decision_{meeting_id}"
    at.selectbox(key=f"{key}_indicator").set_value("13").run()
    at.text_input(key=f"{key}_title").input("Kelas gizi di 11 puskesmas")
    at.selectbox(key=f"{key}_lead").set_value("dinkes")
    at.date_input(key=f"{key}_due").set_value(date(2027, 3, 31))
    at.button(key=f"FormSubmitter:{key}_form-Simpan aksi").click().run()
    assert not at.exception
    assert 'Keputusan "Kelas gizi di 11 puskesmas" dicatat sebagai rencana aksi.' in at.success[0].value
    dinkes = list_actions(engine, account(engine, "opd.dinkes"), None, 2025)
    assert dinkes[dinkes["title"] == "Kelas gizi di 11 puskesmas"]["meeting_id"].tolist() == [meeting_id]

    at.text_area(key=f"meetings_minutes_{meeting_id}").input("Dinkes memimpin kelas gizi.")
    at.button(key=f"FormSubmitter:meetings_minutes_form_{meeting_id}-Simpan kehadiran dan notulen").click().run()
    assert not at.exception
    assert "rapat tercatat sudah berlangsung" in at.success[0].value
    assert meeting_record(engine, chair, meeting_id).status == "held"


def test_a_member_reads_and_an_opd_is_turned_away(database_url, engine):
    at = open_page_as(PAGE, "anggota")
    assert not at.exception and "Rakor Gugus Tugas KLA Tingkat Kota Kupang Tahun 2024" in texts(at)
    assert not [f for f in at.button if "Siapkan" in (f.label or "")]
    at = open_page_as(PAGE, "opd.dinkes")
    assert "Halaman ini tidak tersedia untuk peran Anda (Petugas OPD)." in texts(at)
