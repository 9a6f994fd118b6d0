"""Reminders (indicators/reminders.py, data/services/review/reminders.py, manage.py reminders): one
message per unit that still owes answers, with the deadline, what is missing and the link."""
from datetime import date

import pytest

import manage
from data.errors import PermissionDenied
from data.services.review.completeness import completeness_report
from data.services.review.reminders import reminders
from indicators.reminders import deadline_phrase, reminder_message
from review_fixtures import account


def test_a_message_names_the_deadline_what_is_missing_and_the_link():
    message = reminder_message(unit_name="Dinas Kesehatan Kota Kupang", region_name="Kota Kupang", year=2025,
                               deadline=date(2026, 12, 18), today=date(2026, 12, 4),
                               not_started=[f"12.{n}" for n in range(1, 18)], draft=["13.1"], returned=["15.1"],
                               link="https://kla.kupangkota.go.id/", sender="Sekretariat KLA Kota Kupang")
    assert message.startswith("Yth. Dinas Kesehatan Kota Kupang,")
    assert "batas waktu pengisian 18 Desember 2026 (14 hari lagi)" in message
    assert "Masih ada 19 pertanyaan yang belum dikirim" in message
    assert "- dikembalikan untuk diperbaiki (1): 15.1" in message and "- masih draf, belum dikirim (1): 13.1" in message
    assert "- belum diisi (17): 12.1, 12.2" in message and "12.15 dan 2 lainnya" in message
    assert "https://kla.kupangkota.go.id/isian" in message and message.endswith("Sekretariat KLA Kota Kupang")


@pytest.mark.parametrize("deadline,phrase", [
    (date(2026, 12, 5), "besok, 5 Desember 2026"), (date(2026, 12, 4), "hari ini, 4 Desember 2026"),
    (date(2026, 11, 30), "30 November 2026 sudah lewat 4 hari"), (None, "belum ada batas waktu")])
def test_the_deadline_reads_as_a_person_says_it(deadline, phrase):
    assert phrase in deadline_phrase(deadline, date(2026, 12, 4))


def test_one_reminder_per_unit_that_owes_answers(seeded_engine, monkeypatch):
    monkeypatch.setenv("KLA_APP_URL", "https://kla.example.go.id")
    secretariat = account(seeded_engine, "sekretariat")
    listed = reminders(seeded_engine, secretariat, None, 2025, today=date(2026, 12, 4))
    chase = completeness_report(seeded_engine, secretariat, 2025, today=date(2026, 12, 4)).chase
    assert [r.unit_short_name for r in listed] == chase["unit_short_name"].tolist() and listed
    first = listed[0]
    assert f"Masih ada {first.outstanding} pertanyaan" in first.message
    assert "https://kla.example.go.id/isian" in first.message and "(14 hari lagi)" in first.message
    with pytest.raises(PermissionDenied):
        reminders(seeded_engine, account(seeded_engine, "opd.dp3a"), "53.71", 2025)


def test_manage_reminders_prints_the_same(seeded_url, seeded_engine, monkeypatch, capsys):
    monkeypatch.setenv("KLA_DATABASE_URL", seeded_url)
    monkeypatch.delenv("KLA_APP_URL", raising=False)
    assert manage.main(["reminders", "--region", "53.71", "--cycle", "2025", "--today", "2026-12-04"]) == 0
    out = capsys.readouterr().out
    listed = reminders(seeded_engine, account(seeded_engine, "sekretariat"), None, 2025, today=date(2026, 12, 4))
    for reminder in listed:
        assert reminder.message in out
    assert f"{len(listed)} unit perlu diingatkan." in out and "halaman Isian Saya" in out
    assert manage.main(["reminders", "--region", "53.71", "--today", "4-12-2026"]) == 1
    assert "tidak sah; tulis YYYY-MM-DD" in capsys.readouterr().err
    assert manage.main(["reminders", "--region", "99.99"]) == 1
