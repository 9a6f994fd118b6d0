"""Reminders that reach people: each focal point's WhatsApp link (indicators/reminders.py) and the
e-mail sent through the region's SMTP server (data/services/review/reminder_mail.py, manage.py
reminders --send), against a real SMTP server on the loopback (tests/unit/mail_server.py)."""
from urllib.parse import unquote

import pytest
from sqlalchemy import func, select

import manage
from data.actor import COMMAND_LINE
from data.db import unit_of_work
from data.errors import InvalidInput, PermissionDenied
from data.models import AuditLog, MailServer, ReminderDelivery, User
from data.services.accounts.admin import update_account
from data.services.review.reminder_mail import (
    delivery_history,
    mail_server_view,
    save_mail_server,
    send_reminders,
)
from data.services.review.reminders import reminders
from indicators.reminders import whatsapp_link, whatsapp_number
from mail_server import free_port, smtp_server
from review_fixtures import account


@pytest.mark.parametrize("phone, number", [
    ("0812-3456-7890", "6281234567890"), ("+62 812 3456 7890", "6281234567890"),
    ("62 81234567890", "6281234567890"), ("(0813) 3900.1122", "6281339001122")])
def test_a_phone_is_written_as_whatsapp_wants_it(phone, number):
    assert whatsapp_number(phone) == number


@pytest.mark.parametrize("phone, problem", [
    ("", "Belum ada nomor telepon/WhatsApp"), ("0380-821234", "'0380-821234' tidak dapat dipakai WhatsApp"),
    ("+1 555 0100 200", "tidak dapat dipakai WhatsApp"), ("0812-ABC", "tidak dapat dipakai WhatsApp"),
    ("0812", "tidak dapat dipakai WhatsApp")])
def test_a_number_whatsapp_cannot_use_is_named(phone, problem):
    with pytest.raises(ValueError, match=problem):
        whatsapp_link(phone, "Yth.")


def test_the_link_carries_the_whole_message():
    link = whatsapp_link("0812-3456-7890", "Yth. Dinkes,\nbatas waktu 18 Desember & kirim: https://x/isian?a=1")
    assert link.startswith("https://wa.me/6281234567890?text=")
    assert unquote(link.split("?text=", 1)[1]) == "Yth. Dinkes,\nbatas waktu 18 Desember & kirim: https://x/isian?a=1"


def focal_accounts(engine, unit_id: int) -> list[str]:
    with unit_of_work(engine) as session:
        return list(session.scalars(select(User.username).where(
            User.reporting_unit_id == unit_id, User.active.is_(True),
            User.role.in_(("opd", "kecamatan", "kelurahan")))))


def deliveries(engine) -> list[tuple[str, str]]:
    with unit_of_work(engine) as session:
        return [tuple(row) for row in session.execute(
            select(ReminderDelivery.recipient, ReminderDelivery.outcome).order_by(ReminderDelivery.id))]


@pytest.fixture
def two_reachable_units(seeded_engine):
    """The first two units to remind, their focal points given a phone and an e-mail (the second
    with a landline); returns their reminders."""
    secretariat = account(seeded_engine, "sekretariat")
    listed = [r for r in reminders(seeded_engine, secretariat, None) if focal_accounts(seeded_engine, r.unit_id)][:2]
    for number, (reminder, phone) in enumerate(zip(listed, ("0812-3456-7890", "0380-821234"))):
        update_account(seeded_engine, COMMAND_LINE, focal_accounts(seeded_engine, reminder.unit_id)[0],
                       phone=phone, email=f"petugas{number}@kupangkota.go.id")
    return [r for r in reminders(seeded_engine, secretariat, None) if r.unit_id in {x.unit_id for x in listed}]


def test_each_focal_point_has_its_whatsapp_link_or_the_reason_there_is_none(seeded_engine, two_reachable_units):
    first, second = (next(c for c in r.contacts if c.email) for r in two_reachable_units)
    assert first.whatsapp.startswith("https://wa.me/6281234567890?text=Yth.")
    assert unquote(first.whatsapp.split("?text=")[1]) == two_reachable_units[0].message
    assert second.whatsapp is None and "tidak dapat dipakai WhatsApp" in second.whatsapp_problem


def test_reminders_are_delivered_and_kept_and_a_refused_address_is_named(seeded_engine, two_reachable_units):
    chair = account(seeded_engine, "ketua")
    with smtp_server() as (host, port, mailbox):
        save_mail_server(seeded_engine, COMMAND_LINE, "53.71", host=host, port=str(port), username="",
                         password="", sender="Sekretariat.KLA@kupangkota.go.id", security="none")
        mailbox.refused.add("petugas1@kupangkota.go.id")
        report = send_reminders(seeded_engine, chair)
    assert report.problem is None
    assert [d.recipient for d in report.sent] == ["petugas0@kupangkota.go.id"]
    assert [d.recipient for d in report.failed] == ["petugas1@kupangkota.go.id"]
    assert "server menolak alamat ini (550" in report.failed[0].detail
    [letter] = mailbox.received
    assert letter["From"] == "sekretariat.kla@kupangkota.go.id"
    assert letter["Subject"] == "Pengingat isian evaluasi KLA Kota Kupang 2025"
    assert letter.get_content().replace("\r\n", "\n").strip() == two_reachable_units[0].message
    assert deliveries(seeded_engine) == [("petugas0@kupangkota.go.id", "sent"),
                                         ("petugas1@kupangkota.go.id", "failed")]
    history = delivery_history(seeded_engine, account(seeded_engine, "sekretariat"))
    assert [(h["recipient"], h["sent"], h["sent_by"]) for h in history] == [
        ("petugas1@kupangkota.go.id", False, "ketua"), ("petugas0@kupangkota.go.id", True, "ketua")]
    assert history[0]["unit_name"] == two_reachable_units[1].unit_name and history[0]["sent_at"] is not None


def test_a_server_that_is_down_or_refuses_the_sign_in_sends_nothing_and_says_so(seeded_engine, two_reachable_units):
    secretariat = account(seeded_engine, "sekretariat")
    save_mail_server(seeded_engine, COMMAND_LINE, "53.71", host="127.0.0.1", port=free_port(), username="",
                     password="", sender="kla@kupangkota.go.id", security="none")
    down = send_reminders(seeded_engine, secretariat)
    assert "tidak dapat dipakai (sambungan ditolak)" in down.problem
    assert "Tidak ada pengingat yang terkirim" in down.problem
    assert not down.sent and {outcome for _, outcome in deliveries(seeded_engine)} == {"failed"}
    with smtp_server(user="kla", password="rahasia-benar") as (host, port, mailbox):
        save_mail_server(seeded_engine, COMMAND_LINE, "53.71", host=host, port=port, username="kla",
                         password="rahasia-salah", sender="kla@kupangkota.go.id", security="none")
        refused = send_reminders(seeded_engine, secretariat)
        assert "menolak nama pengguna atau kata sandinya (535" in refused.problem and not refused.sent
        assert mailbox.received == [] and "sent" not in {o for _, o in deliveries(seeded_engine)}
        save_mail_server(seeded_engine, COMMAND_LINE, "53.71", host=host, port=port, username="kla",
                         password="rahasia-benar", sender="kla@kupangkota.go.id", security="none")
        assert len(send_reminders(seeded_engine, secretariat).sent) == 2 and len(mailbox.received) == 2


def test_the_server_password_is_never_shown_back_and_bad_settings_change_nothing(seeded_engine):
    save_mail_server(seeded_engine, COMMAND_LINE, "53.71", host="smtp.kupangkota.go.id", port="587",
                     username="kla", password="Sandi-SMTP-1", sender="kla@kupangkota.go.id", security="starttls")
    save_mail_server(seeded_engine, COMMAND_LINE, "53.71", host="smtp.kupangkota.go.id", port="465",
                     username="kla", password="", sender="kla@kupangkota.go.id", security="ssl")
    shown = mail_server_view(seeded_engine, COMMAND_LINE, "53.71")
    assert shown == {"host": "smtp.kupangkota.go.id", "port": 465, "username": "kla", "sender": "kla@kupangkota.go.id",
                     "security": "ssl", "source": "app", "password_set": True}
    with unit_of_work(seeded_engine) as session:
        assert session.scalar(select(MailServer.password)) == "Sandi-SMTP-1"
        audits = repr([a.details for a in session.scalars(
            select(AuditLog).where(AuditLog.action == "mail_server.update"))])
        count = session.scalar(select(func.count()).select_from(AuditLog))
    assert "Sandi-SMTP-1" not in audits and "password_changed" in audits
    with pytest.raises(InvalidInput) as refused:
        save_mail_server(seeded_engine, COMMAND_LINE, "53.71", host="smtp kupang", port="99999", username="",
                         password="", sender="bukan-alamat", security="tls")
    assert len(refused.value.messages) == 4 and "Port '99999' tidak sah" in " ".join(refused.value.messages)
    assert mail_server_view(seeded_engine, COMMAND_LINE, "53.71") == shown
    with pytest.raises(PermissionDenied, match="Hanya admin"):
        save_mail_server(seeded_engine, account(seeded_engine, "sekretariat"), "53.71", host="x.id", port=25,
                         username="", password="", sender="a@x.id", security="none")
    with pytest.raises(PermissionDenied):
        send_reminders(seeded_engine, account(seeded_engine, "opd.dinkes"))
    with unit_of_work(seeded_engine) as session:
        assert session.scalar(select(func.count()).select_from(AuditLog)) == count


def test_without_a_server_the_secretariat_is_told_who_sets_it(seeded_engine, monkeypatch):
    monkeypatch.delenv("KLA_SMTP_HOST", raising=False)
    with pytest.raises(InvalidInput, match="belum diatur: admin mengisinya di Kelengkapan Isian"):
        send_reminders(seeded_engine, account(seeded_engine, "sekretariat"))


def test_manage_reminders_send_uses_the_environment_s_server(seeded_url, seeded_engine, two_reachable_units,
                                                            monkeypatch, capsys):
    monkeypatch.setenv("KLA_DATABASE_URL", seeded_url)
    with smtp_server() as (host, port, mailbox):
        monkeypatch.setenv("KLA_SMTP_HOST", host)
        monkeypatch.setenv("KLA_SMTP_PORT", str(port))
        monkeypatch.setenv("KLA_SMTP_SECURITY", "none")
        monkeypatch.setenv("KLA_SMTP_SENDER", "kla@kupangkota.go.id")
        assert manage.main(["reminders", "--region", "53.71", "--send"]) == 0
    out = capsys.readouterr().out
    assert "2 pengingat terkirim lewat e-mail, 0 gagal." in out and len(mailbox.received) == 2
    assert "Tanpa alamat e-mail petugas (kirim lewat WhatsApp):" in out
    assert manage.main(["reminders", "--region", "53.71", "--send"]) == 1
    assert "tidak dapat dipakai" in capsys.readouterr().out
