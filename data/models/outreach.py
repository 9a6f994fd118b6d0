"""The tables of reaching people: a region's own e-mail (SMTP) server for reminders, and every
reminder sent, to whom, when and with what outcome."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from data.models.base import Base, one_of, utc_now

MAIL_SECURITY = ("starttls", "ssl", "none")
DELIVERY_OUTCOMES = ("sent", "failed")


class MailServer(Base):
    """The SMTP server a region's reminders go through, set in the app by the admin (otherwise the
    KLA_SMTP_* settings). The password is needed to sign in to the server, so it is kept, but never
    shown back."""

    __tablename__ = "mail_server"
    __table_args__ = (CheckConstraint(one_of("security", MAIL_SECURITY), name="security"),
                      CheckConstraint("port > 0 AND port < 65536", name="port_range"))

    region_id: Mapped[int] = mapped_column(ForeignKey("region.id"), primary_key=True, autoincrement=False)
    host: Mapped[str] = mapped_column(String(253))
    port: Mapped[int]
    username: Mapped[str | None] = mapped_column(String(254))
    password: Mapped[str | None] = mapped_column(String(500))
    sender: Mapped[str] = mapped_column(String(254))
    security: Mapped[str] = mapped_column(String(8), default="starttls")
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    updated_at: Mapped[datetime] = mapped_column(default=utc_now)


class ReminderDelivery(Base):
    """One reminder e-mail to one address: sent (the server took it) or failed, with the reason."""

    __tablename__ = "reminder_delivery"
    __table_args__ = (Index("ix_reminder_delivery_region_id_sent_at", "region_id", "sent_at"),
                      CheckConstraint(one_of("outcome", DELIVERY_OUTCOMES), name="outcome"))

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("region.id"))
    cycle_year: Mapped[int]
    reporting_unit_id: Mapped[int | None] = mapped_column(ForeignKey("reporting_unit.id"))
    channel: Mapped[str] = mapped_column(String(16), default="email")
    recipient: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(300))
    outcome: Mapped[str] = mapped_column(String(8))
    detail: Mapped[str | None] = mapped_column(Text)
    sent_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    sent_at: Mapped[datetime] = mapped_column(default=utc_now)
