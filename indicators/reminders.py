"""The reminder a KLA secretariat sends an OPD, kecamatan or kelurahan that still owes answers
(pure): one message, ready to paste into WhatsApp or an e-mail, with the deadline, what is missing
and where to answer it; the focal point's WhatsApp link with the message prefilled."""
from __future__ import annotations

import re
from datetime import date
from urllib.parse import quote

from indicators import settings
from indicators.text import long_date

LISTED_CODES = 15
"""How many question codes a message names per kind (the rest are counted)."""
APP_URL_SETTING = settings.APP_URL


def _codes(codes: list[str]) -> str:
    shown = ", ".join(codes[:LISTED_CODES])
    return shown + (f" dan {len(codes) - LISTED_CODES} lainnya" if len(codes) > LISTED_CODES else "")


def deadline_phrase(deadline: date | None, today: date) -> str:
    if deadline is None:
        return "belum ada batas waktu pengisian"
    days = (deadline - today).days
    when = long_date(deadline, "id")
    if days > 1:
        return f"batas waktu pengisian {when} ({days} hari lagi)"
    if days == 1:
        return f"batas waktu pengisian besok, {when}"
    if days == 0:
        return f"batas waktu pengisian hari ini, {when}"
    return f"batas waktu pengisian {when} sudah lewat {-days} hari"


def reminder_message(*, unit_name: str, region_name: str, year: int, deadline: date | None, today: date,
                     not_started: list[str], draft: list[str], returned: list[str], link: str | None,
                     sender: str) -> str:
    """The message to one unit, in Indonesian."""
    owed = len(not_started) + len(draft) + len(returned)
    lines = [f"Yth. {unit_name},",
             "",
             f"Evaluasi Kabupaten/Kota Layak Anak (KLA) {region_name} tahun {year}: "
             f"{deadline_phrase(deadline, today)}. Masih ada {owed} pertanyaan yang belum dikirim:"]
    if returned:
        lines.append(f"- dikembalikan untuk diperbaiki ({len(returned)}): {_codes(returned)}")
    if draft:
        lines.append(f"- masih draf, belum dikirim ({len(draft)}): {_codes(draft)}")
    if not_started:
        lines.append(f"- belum diisi ({len(not_started)}): {_codes(not_started)}")
    where = f"di Pantau KLA: {link.rstrip('/')}/isian" if link else "di Pantau KLA, halaman Isian Saya"
    lines += ["", f"Mohon dilengkapi dan dikirim {where}. Terima kasih.", "", sender]
    return "\n".join(lines)


def whatsapp_number(phone: str | None) -> str:
    """The number as wa.me wants it (country code, digits only: 6281234567890) from the phone on an
    account (0812-3456-7890, +62 812 3456 7890, 62812...); ValueError naming what is wrong."""
    raw = (phone or "").strip()
    if not raw:
        raise ValueError("Belum ada nomor telepon/WhatsApp pada akunnya; isi di halaman Pengguna.")
    digits = re.sub(r"[\s().-]", "", raw)
    if digits.startswith("+"):
        digits = digits[1:]
    elif digits.startswith("0"):
        digits = "62" + digits[1:]
    if not digits.isdigit() or not digits.startswith("628") or not 10 <= len(digits) <= 15:
        raise ValueError(f"Nomor '{raw[:30]}' tidak dapat dipakai WhatsApp: tulis nomor ponsel seperti "
                         "0812-3456-7890 atau +62 812 3456 7890 di halaman Pengguna.")
    return digits


def whatsapp_link(phone: str | None, message: str) -> str:
    """https://wa.me/<number>?text=<the message>; ValueError when the number cannot be used."""
    return f"https://wa.me/{whatsapp_number(phone)}?text={quote(message, safe='')}"


def reminder_subject(region_name: str, year: int) -> str:
    return f"Pengingat isian evaluasi KLA {region_name} {year}"
