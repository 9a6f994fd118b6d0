"""The Gugus Tugas meeting (Rakor) as the domain knows it (pure): its statuses, the checks of what a
person types into one, and the agenda drawn from the state of the cycle.

    planned --minutes recorded--> held   (the minutes may be corrected afterwards)

The agenda always opens with the previous meeting's decisions and closes with the new ones; between
them come the units that are late, the answers returned for correction, the largest gaps and the
actions that are overdue, each topic with its items (or a line saying there is nothing to discuss).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from indicators.actions import status_name as action_status_name
from indicators.actions import text_problem
from indicators.text import excerpt, long_date, points, whole

PLANNED, HELD = "planned", "held"
MEETING_STATUSES = (PLANNED, HELD)
STATUS_NAMES = {"id": {PLANNED: "direncanakan", HELD: "sudah berlangsung"},
                "en": {PLANNED: "planned", HELD: "held"}}
MAX_TITLE, MAX_PLACE, MAX_MINUTES, MAX_REPRESENTATIVE = 200, 200, 5000, 200
AGENDA_GAPS = 5
"""How many of the largest gaps the agenda names."""


def status_name(status: str, lang: str = "id") -> str:
    return STATUS_NAMES.get(lang, STATUS_NAMES["id"]).get(status, status)


def date_problem(held_on: date | None, cycle_year: int) -> str | None:
    """A Rakor of a cycle falls between the year before it (the previous Rakor's decisions are made
    for it) and two years after it (its verification and award run into the next year, and the
    follow-up beyond)."""
    if held_on is None:
        return "Isi tanggal rapat."
    if not cycle_year - 1 <= held_on.year <= cycle_year + 2:
        return (f"Tanggal rapat {long_date(held_on)} di luar masa siklus {cycle_year} "
                f"(antara 1 Januari {cycle_year - 1} dan 31 Desember {cycle_year + 2}).")
    return None


def meeting_problems(title: str | None, held_on: date | None, place: str | None, cycle_year: int) -> list[str]:
    return [p for p in (text_problem(title, "judul rapat", MAX_TITLE, required=True),
                        date_problem(held_on, cycle_year),
                        text_problem(place, "tempat rapat", MAX_PLACE)) if p]


@dataclass(frozen=True)
class LateUnit:
    name: str
    outstanding: int
    assigned: int
    overdue: bool
    returned: int


@dataclass(frozen=True)
class Gap:
    question_code: str
    prompt: str
    owner: str | None
    missing_points: float


@dataclass(frozen=True)
class OpenAction:
    title: str
    lead: str
    due: date
    status: str
    progress: float
    overdue: bool


@dataclass(frozen=True)
class CycleState:
    """What the agenda is drawn from, as the services read it."""
    year: int
    deadline: date | None
    units: list[LateUnit] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)
    actions: list[OpenAction] = field(default_factory=list)
    previous_decisions: list[OpenAction] = field(default_factory=list)
    previous_meeting: str | None = None  # "Rakor ... (12 Maret 2024)"


def _action_line(action: OpenAction) -> str:
    late = ", TERLAMBAT" if action.overdue else ""
    return (f"{action.title} — {action.lead}; tenggat {long_date(action.due)}; "
            f"{action_status_name(action.status)} {whole(round(action.progress))}%{late}")


def build_agenda(state: CycleState) -> list[dict]:
    """The agenda: [{"topic": ..., "items": [...]}], in the order the meeting goes through it."""
    follow_up = [_action_line(a) for a in state.previous_decisions]
    if state.previous_meeting is None:
        follow_up = ["Belum ada rapat sebelumnya yang tercatat."]
    elif not follow_up:
        follow_up = [f"{state.previous_meeting} tidak mencatat keputusan."]
    else:
        follow_up.insert(0, f"Keputusan {state.previous_meeting}:")
    behind = sorted((u for u in state.units if u.outstanding > 0),
                    key=lambda u: (not u.overdue, -u.outstanding / max(u.assigned, 1), u.name))
    deadline = f" (batas {long_date(state.deadline)})" if state.deadline else ""
    late = [f"{u.name}: {u.outstanding} dari {u.assigned} pertanyaan belum diajukan"
            + (", melewati batas waktu" if u.overdue else "") for u in behind]
    returned = [f"{u.name}: {u.returned} jawaban dikembalikan untuk diperbaiki"
                for u in sorted(state.units, key=lambda u: (-u.returned, u.name)) if u.returned > 0]
    gaps = [f"{g.question_code} {excerpt(g.prompt, 90)} — {g.owner or 'belum ada OPD'}: "
            f"{points(g.missing_points)} poin" for g in state.gaps[:AGENDA_GAPS]]
    overdue = [_action_line(a) for a in state.actions if a.overdue]
    nothing = "Tidak ada."
    return [
        {"topic": "Tindak lanjut keputusan rapat sebelumnya", "items": follow_up},
        {"topic": f"Unit yang tertinggal dalam pengisian siklus {state.year}{deadline}", "items": late or [nothing]},
        {"topic": "Jawaban yang dikembalikan", "items": returned or [nothing]},
        {"topic": f"Kesenjangan nilai terbesar ({min(AGENDA_GAPS, len(state.gaps))} teratas)",
         "items": gaps or [nothing]},
        {"topic": "Rencana aksi yang terlambat", "items": overdue or [nothing]},
        {"topic": "Keputusan dan pembagian tugas (dicatat sebagai rencana aksi)", "items": []},
    ]


def attendance_problems(rows: list[tuple[str, bool, str | None]]) -> list[str]:
    """(unit name, present, representative) as typed: a representative's name is short."""
    return [f"Nama perwakilan {name}: " + problem
            for name, _, representative in rows
            if (problem := text_problem(representative, "nama perwakilan", MAX_REPRESENTATIVE))]
