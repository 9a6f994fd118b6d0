"""Reminders by e-mail through the region's SMTP server: the server the admin set in the app (or the
KLA_SMTP_* settings), every reminder sent to every focal point with an e-mail address, and each
delivery kept (to whom, when, sent or failed and why) for the completeness page and
manage.py reminders --send. A server that is down or refuses is named in Indonesian and nothing is
kept as sent. The server's password is never shown back, logged or audited."""
from __future__ import annotations

import smtplib
import socket
import ssl
from dataclasses import dataclass, field
from datetime import date
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from data import audit
from data.access import ACTION_MANAGERS, REGION_READERS, named_or_own_region, require_current_account, require_role
from data.actor import SignedInUser
from data.db import unit_of_work
from data.errors import InvalidInput
from data.models import MAIL_SECURITY, MailServer, Region, ReminderDelivery, ReportingUnit, User
from data.services.accounts.auth import EMAIL_PATTERN
from data.services.review.completeness import completeness_report
from data.services.review.reminders import reminders_of
from indicators import clock, settings
from indicators.reminders import reminder_subject
from indicators.roles import ADMIN

TIMEOUT_SECONDS = 20
NOT_A_SENDER = "Hanya admin, sekretariat atau ketua Gugus Tugas yang dapat mengirim pengingat."
NOT_THE_ADMIN = "Hanya admin yang dapat mengatur server e-mail wilayah."
NO_SERVER = ("Server e-mail (SMTP) wilayah ini belum diatur: admin mengisinya di Kelengkapan Isian, bagian "
             "Server e-mail pengingat (atau pengaturan KLA_SMTP_HOST). Sementara itu, kirim lewat tautan WhatsApp.")


@dataclass(frozen=True)
class MailServerSettings:
    host: str
    port: int
    username: str | None
    password: str | None
    sender: str
    security: str
    source: str  # "app" or "environment"


@dataclass(frozen=True)
class Delivery:
    unit_name: str
    recipient: str
    sent: bool
    detail: str | None = None


@dataclass(frozen=True)
class MailReport:
    deliveries: list[Delivery] = field(default_factory=list)
    problem: str | None = None
    """Why nothing could be sent (server down or refusing), in Indonesian."""
    without_email: list[str] = field(default_factory=list)
    """Units to remind whose focal points have no e-mail address."""

    @property
    def sent(self) -> list[Delivery]:
        return [d for d in self.deliveries if d.sent]

    @property
    def failed(self) -> list[Delivery]:
        return [d for d in self.deliveries if not d.sent]

    @property
    def lines(self) -> list[str]:
        lines = [self.problem] if self.problem else []
        lines.append(f"{len(self.sent)} pengingat terkirim lewat e-mail, {len(self.failed)} gagal.")
        lines += [f"  gagal: {d.unit_name} <{d.recipient}>: {d.detail}" for d in self.failed if not self.problem]
        if self.without_email:
            lines.append(f"Tanpa alamat e-mail petugas (kirim lewat WhatsApp): {', '.join(self.without_email)}.")
        return lines


def mail_server_view(engine: Engine, actor: SignedInUser, region_code: str | None = None) -> dict | None:
    """The region's server as the admin's form shows it: never the password, only whether one is set."""
    with unit_of_work(engine, read_only=True) as session:
        require_role(actor, (ADMIN,), NOT_THE_ADMIN)
        require_current_account(session, actor)
        region = named_or_own_region(session, actor, region_code)
        server = _server(session, region)
        if server is None:
            return None
        return {"host": server.host, "port": server.port, "username": server.username or "", "sender": server.sender,
                "security": server.security, "source": server.source, "password_set": bool(server.password)}


def save_mail_server(engine: Engine, actor: SignedInUser, region_code: str | None, *, host: str, port: object,
                     username: str, password: str | None, sender: str, security: str) -> None:
    """The admin sets the region's SMTP server; an empty password keeps the one stored."""
    with unit_of_work(engine) as session:
        require_role(actor, (ADMIN,), NOT_THE_ADMIN)
        require_current_account(session, actor)
        region = named_or_own_region(session, actor, region_code)
        problems = []
        host = (host or "").strip().lower()
        if not host or len(host) > 253 or any(c.isspace() or c in "/:@" for c in host):
            problems.append("Alamat server SMTP wajib diisi tanpa spasi, mis. smtp.kupangkota.go.id.")
        try:
            number = int(str(port).strip())
        except ValueError:
            number = 0
        if not 0 < number < 65536:
            problems.append(f"Port '{str(port)[:10]}' tidak sah; isi angka 1-65535, mis. 587.")
        sender = (sender or "").strip().lower()
        if not EMAIL_PATTERN.fullmatch(sender) or len(sender) > 254:
            problems.append("Alamat pengirim wajib berupa alamat e-mail, mis. sekretariat.kla@kupangkota.go.id.")
        if security not in MAIL_SECURITY:
            problems.append(f"Keamanan sambungan '{str(security)[:10]}' tidak dikenal; "
                            f"pilih {', '.join(MAIL_SECURITY)}.")
        login = (username or "").strip()[:254] or None
        if password and len(password) > 500:
            problems.append("Kata sandi server SMTP paling banyak 500 karakter.")
        if problems:
            raise InvalidInput(problems)
        row = session.get(MailServer, region.id)
        old = None if row is None else {"host": row.host, "port": row.port, "username": row.username,
                                        "sender": row.sender, "security": row.security}
        if row is None:
            row = MailServer(region_id=region.id)
            session.add(row)
        row.host, row.port, row.username, row.sender, row.security = host, number, login, sender, security
        if password:
            row.password = password
        row.updated_by_id, row.updated_at = actor.id, clock.now()
        audit.record(session, actor.id, "mail_server.update", "mail_server", region.id, region.id,
                     {"old": old, "new": {"host": host, "port": number, "username": login, "sender": sender,
                                          "security": security}, "password_changed": bool(password)})


def send_reminders(engine: Engine, actor: SignedInUser, region_code: str | None = None, year: int | None = None,
                   today: date | None = None) -> MailReport:
    """E-mail every unit that still owes answers (each focal point with an address), keep every
    delivery; a server that cannot be reached or refuses sends nothing and says why."""
    require_role(actor, ACTION_MANAGERS, NOT_A_SENDER)
    report = completeness_report(engine, actor, year, region_code, today)
    listed = reminders_of(report, today)
    with unit_of_work(engine, read_only=True) as session:
        region = named_or_own_region(session, actor, report.region_code)
        server = _server(session, region)
    if server is None:
        raise InvalidInput([NO_SERVER])
    subject = reminder_subject(report.region_name, report.cycle_year)
    letters = [(r.unit_id, r.unit_name, c.email, r.message) for r in listed for c in r.contacts if c.email]
    without_email = [r.unit_name for r in listed if not any(c.email for c in r.contacts)]
    if not listed:
        raise InvalidInput(["Semua unit sudah mengirim semua jawabannya; tidak ada yang perlu diingatkan."])
    if not letters:
        raise InvalidInput(["Belum ada petugas dengan alamat e-mail di antara unit yang perlu diingatkan; isi "
                            "e-mail akunnya di halaman Pengguna, atau kirim lewat tautan WhatsApp."])
    deliveries, problem = _deliver(server, subject, letters)
    with unit_of_work(engine) as session:
        region = named_or_own_region(session, actor, report.region_code)
        for (unit_id, _, recipient, _), delivery in zip(letters, deliveries):
            session.add(ReminderDelivery(region_id=region.id, cycle_year=report.cycle_year,
                                         reporting_unit_id=unit_id or None, channel="email", recipient=recipient,
                                         subject=subject, outcome="sent" if delivery.sent else "failed",
                                         detail=delivery.detail, sent_by_id=actor.id, sent_at=clock.now()))
        audit.record(session, actor.id, "reminder.send", "region", region.id, region.id,
                     {"year": report.cycle_year, "server": f"{server.host}:{server.port}",
                      "sent": sum(d.sent for d in deliveries), "failed": sum(not d.sent for d in deliveries)})
    return MailReport(deliveries, problem, without_email)


def delivery_history(engine: Engine, actor: SignedInUser, region_code: str | None = None,
                     limit: int = 200) -> list[dict]:
    """The reminders sent in the region, newest first: when, unit, to whom, by whom, outcome."""
    require_role(actor, REGION_READERS, NOT_A_SENDER)
    with unit_of_work(engine, read_only=True) as session:
        require_current_account(session, actor)
        region = named_or_own_region(session, actor, region_code)
        rows = session.execute(
            select(ReminderDelivery, ReportingUnit.name, User.username)
            .outerjoin(ReportingUnit, ReminderDelivery.reporting_unit_id == ReportingUnit.id)
            .outerjoin(User, ReminderDelivery.sent_by_id == User.id)
            .where(ReminderDelivery.region_id == region.id)
            .order_by(ReminderDelivery.sent_at.desc(), ReminderDelivery.id.desc()).limit(limit))
        return [{"sent_at": d.sent_at, "year": d.cycle_year, "unit_name": unit_name or "—", "channel": d.channel,
                 "recipient": d.recipient, "sent": d.outcome == "sent", "detail": d.detail or "",
                 "sent_by": username or "baris perintah"} for d, unit_name, username in rows]


def _server(session: Session, region: Region) -> MailServerSettings | None:
    row = session.get(MailServer, region.id)
    if row is not None:
        return MailServerSettings(row.host, row.port, row.username, row.password, row.sender, row.security, "app")
    host = settings.text(settings.SMTP_HOST)
    if not host:
        return None
    security = settings.text(settings.SMTP_SECURITY).lower()
    if security not in MAIL_SECURITY:
        raise InvalidInput([f"{settings.SMTP_SECURITY} harus salah satu dari {', '.join(MAIL_SECURITY)}, "
                            f"bukan '{security[:10]}'."])
    port = int(settings.positive_number(settings.SMTP_PORT))
    return MailServerSettings(host, port, settings.text(settings.SMTP_USER) or None,
                              settings.text(settings.SMTP_PASSWORD) or None,
                              settings.text(settings.SMTP_SENDER) or f"pantau-kla@{host}", security, "environment")


def _deliver(server: MailServerSettings, subject: str,
             letters: list[tuple[int, str, str, str]]) -> tuple[list[Delivery], str | None]:
    where = f"{server.host}:{server.port}"
    try:
        connection = _connect(server)
    except smtplib.SMTPAuthenticationError as error:
        problem = (f"Server e-mail {where} menolak nama pengguna atau kata sandinya ({_said(error)}); periksa "
                   "pengaturan server e-mail. Tidak ada pengingat yang terkirim.")
        return [Delivery(name, to, False, problem) for _, name, to, _ in letters], problem
    except (OSError, smtplib.SMTPException) as error:
        problem = (f"Server e-mail {where} tidak dapat dipakai ({_said(error)}); periksa alamat, port dan "
                   "keamanan sambungannya, atau coba lagi nanti. Tidak ada pengingat yang terkirim.")
        return [Delivery(name, to, False, problem) for _, name, to, _ in letters], problem
    deliveries: list[Delivery] = []
    with connection:
        for _, unit_name, recipient, body in letters:
            letter = EmailMessage()
            letter["From"], letter["To"], letter["Subject"] = server.sender, recipient, subject
            letter["Date"] = format_datetime(clock.now())
            letter["Message-ID"] = make_msgid(domain=server.sender.rsplit("@", 1)[-1])
            letter.set_content(body)
            try:
                connection.send_message(letter)
            except smtplib.SMTPRecipientsRefused as error:
                code, said = next(iter(error.recipients.values()))
                deliveries.append(Delivery(unit_name, recipient, False,
                                           f"server menolak alamat ini ({code} {_text(said)})"))
            except (OSError, smtplib.SMTPException) as error:
                deliveries.append(Delivery(unit_name, recipient, False, f"tidak terkirim ({_said(error)})"))
            else:
                deliveries.append(Delivery(unit_name, recipient, True))
    return deliveries, None


def _connect(server: MailServerSettings) -> smtplib.SMTP:
    if server.security == "ssl":
        connection: smtplib.SMTP = smtplib.SMTP_SSL(server.host, server.port, timeout=TIMEOUT_SECONDS,
                                                    context=ssl.create_default_context())
    else:
        connection = smtplib.SMTP(server.host, server.port, timeout=TIMEOUT_SECONDS)
    try:
        if server.security == "starttls":
            connection.starttls(context=ssl.create_default_context())
        if server.username:
            connection.login(server.username, server.password or "")
    except BaseException:
        connection.close()
        raise
    return connection


def _said(error: BaseException) -> str:
    if isinstance(error, smtplib.SMTPResponseException):
        return f"{error.smtp_code} {_text(error.smtp_error)}"
    if isinstance(error, socket.timeout):
        return "tidak menjawab"
    if isinstance(error, ConnectionRefusedError):
        return "sambungan ditolak"
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return type(error).__name__


def _text(said: bytes | str) -> str:
    text = said.decode("utf-8", "replace") if isinstance(said, bytes) else str(said)
    return " ".join(text.split())[:200]
