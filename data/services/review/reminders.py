"""Whom to remind and what to send them: for every unit of a cycle that still owes answers, the
contacts (with each focal point's WhatsApp link) and a message ready to copy (indicators.reminders
writes it). Read by the completeness page, by manage.py reminders and by the e-mail delivery
(reminder_mail)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine

from data.services.review.completeness import CompletenessReport, completeness_report
from indicators import clock, settings
from indicators.reminders import APP_URL_SETTING, reminder_message, whatsapp_link


@dataclass(frozen=True)
class Contact:
    """A focal point of the unit: the WhatsApp link with the message, or why there is none."""
    name: str
    phone: str | None
    email: str | None
    whatsapp: str | None
    whatsapp_problem: str | None


@dataclass(frozen=True)
class Reminder:
    unit_short_name: str
    unit_name: str
    focal_points: str     # names of the unit's focal point accounts; "" when it has none
    overdue: bool
    outstanding: int
    message: str
    unit_id: int = 0
    contacts: tuple[Contact, ...] = ()


def contact(person: dict, message: str) -> Contact:
    try:
        return Contact(person["name"], person["phone"], person["email"], whatsapp_link(person["phone"], message), None)
    except ValueError as problem:
        return Contact(person["name"], person["phone"], person["email"], None, str(problem))


def reminders(engine: Engine, actor, region_code: str | None, year: int | None = None,
              today: date | None = None) -> list[Reminder]:
    """One reminder per unit that still owes answers, late and most owing first."""
    today = today or clock.today()
    return reminders_of(completeness_report(engine, actor, year, region_code, today), today)


def reminders_of(report: CompletenessReport, today: date | None = None) -> list[Reminder]:
    """The reminders of a completeness report the reader already holds (its permission checked)."""
    today = today or clock.today()
    link = settings.text(APP_URL_SETTING) or None
    sender = f"Sekretariat KLA {report.region_name}"
    listed = []
    for row in report.chase.itertuples():
        message = reminder_message(unit_name=row.unit_name, region_name=report.region_name, year=report.cycle_year,
                                   deadline=report.deadline, today=today, not_started=list(row.not_started_codes),
                                   draft=list(row.draft_codes), returned=list(row.returned_codes), link=link,
                                   sender=sender)
        listed.append(Reminder(
            unit_short_name=row.unit_short_name, unit_name=row.unit_name, focal_points=row.focal_points,
            overdue=bool(row.overdue), outstanding=int(row.outstanding), message=message, unit_id=int(row.unit_id),
            contacts=tuple(contact(person, message) for person in report.contacts.get(int(row.unit_id), []))))
    return listed
