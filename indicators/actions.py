"""Action plans (RAD KLA) as the domain knows them (pure): an action's statuses and their names,
the checks of what a person types into one, and when it is overdue.

    proposed --start--> in_progress --finish--> done;  any open action --cancel--> cancelled
"""
from __future__ import annotations

import math
from datetime import date

from indicators.answers import MAX_NUMBER
from indicators.text import number, parse_decimal

PROPOSED, IN_PROGRESS, DONE, CANCELLED = "proposed", "in_progress", "done", "cancelled"
ACTION_STATUSES = (PROPOSED, IN_PROGRESS, DONE, CANCELLED)
OPEN_STATUSES = (PROPOSED, IN_PROGRESS)
STATUS_NAMES = {
    "id": {PROPOSED: "diusulkan", IN_PROGRESS: "berjalan", DONE: "selesai", CANCELLED: "dibatalkan"},
    "en": {PROPOSED: "proposed", IN_PROGRESS: "in progress", DONE: "done", CANCELLED: "cancelled"},
}
BUDGET_SOURCES = ("APBD", "APBN", "DAK", "Dana Desa", "CSR", "lainnya")
MAX_TITLE, MAX_OUTPUT, MAX_NOTE = 200, 1000, 2000


def status_name(status: str, lang: str = "id") -> str:
    return STATUS_NAMES.get(lang, STATUS_NAMES["id"]).get(status, status)


def is_overdue(status: str, due: date | None, today: date) -> bool:
    return status in OPEN_STATUSES and due is not None and due < today


def text_problem(value: str | None, what: str, limit: int, required: bool = False) -> str | None:
    """A required text that is empty, or any text over its limit (HTML is kept as typed and shown as text)."""
    value = (value or "").strip()
    if required and not value:
        return f"Isi {what}."
    if len(value) > limit:
        return f"{what.capitalize()} terlalu panjang ({len(value)} karakter); maksimal {limit}."
    return None


def parse_budget(raw) -> tuple[float | None, str | None]:
    """An optional amount in rupiah: a number 0 or more (1.500.000 or 1500000,50); the message when not."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None, None
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        value = float(raw)
    else:
        text = str(raw).strip().replace("Rp", "").replace(" ", "")
        if text.count(".") > 1 or (text.count(".") == 1 and "," not in text and len(text.split(".")[1]) == 3):
            text = text.replace(".", "")  # thousands separators: 1.500.000
        try:
            value = parse_decimal(text)
        except ValueError:
            return None, f"Anggaran '{str(raw)[:20]}' bukan angka; tulis dalam rupiah, mis. 15000000."
    if not math.isfinite(value) or value < 0:
        return None, "Anggaran harus angka 0 atau lebih (rupiah)."
    if value > 1_000 * MAX_NUMBER:
        return None, f"Anggaran terlalu besar (paling besar {number(1_000 * MAX_NUMBER)} rupiah)."
    return value, None


def due_problem(due: date | None, cycle_year: int) -> str | None:
    """An action needs a due date, and it cannot lie before the cycle it serves begins."""
    if due is None:
        return "Isi tenggat aksi (tanggal)."
    if due < date(cycle_year, 1, 1):
        return (f"Tenggat {due:%d-%m-%Y} sebelum siklus {cycle_year} dimulai; "
                f"pilih tanggal sejak 1 Januari {cycle_year}.")
    return None


def progress_problem(progress) -> str | None:
    try:
        value = float(progress)
    except (TypeError, ValueError):
        return "Kemajuan harus angka 0 sampai 100 (persen)."
    if not math.isfinite(value) or not 0 <= value <= 100:
        return "Kemajuan harus angka 0 sampai 100 (persen)."
    return None
