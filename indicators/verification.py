"""The task force's verification of an answer's points: which verified points may stand, and what
is stored. Pure: the review service asks here before it writes.

- The reviewer's points default to the self-assessed ones, and lie anywhere in 0..the question's
  maximum (a hair above it is read as the maximum).
- A kecamatan's or kelurahan's yes counts whole for the city: its answer is verified either at 0
  (not recognised) or at least at its self-assessed points, never in between.
- Points that differ from the self-assessed ones need a reason.
Messages are Indonesian and do not name the question (the caller does).
"""
from __future__ import annotations

import math

from indicators import text

POINTS_TOLERANCE = 1e-9
"""Two point values closer than this are the same (float sums of the scoring)."""


def verified_points_problem(points: float | None, self_points: float, max_points: float, reason: str = "",
                            whole_for_city: str | None = None, evidence_missing: bool = False) -> str | None:
    """Why the answer may not be verified at `points` (None: at its self-assessed points), or None
    when it may. `reason` is the reviewer's stripped reason; `whole_for_city` names the kind of
    unit (kecamatan, kelurahan) whose yes counts whole for the city, None for the city's own OPDs;
    `evidence_missing`: the question asks for evidence and none is attached (points above 0 then
    need a reason: the province stage is where such points are lost)."""
    if points is None:
        points = self_points
    if isinstance(points, bool) or not isinstance(points, (int, float)) or not math.isfinite(points):
        return "poin terverifikasi harus berupa angka."
    if not 0 <= points <= max_points + POINTS_TOLERANCE:
        return (f"poin terverifikasi harus antara 0 dan {text.number(max_points)} "
                "(poin maksimal pertanyaan ini).")
    if whole_for_city is not None and POINTS_TOLERANCE < points < self_points - POINTS_TOLERANCE:
        return (f"jawaban {whole_for_city} dihitung utuh bagi kota; pilih 0 (jawaban tidak diakui) atau "
                f"{text.number(self_points)} poin.")
    if evidence_missing and points > POINTS_TOLERANCE and not reason:
        return ("bukti dukung yang diminta pertanyaan ini belum dilampirkan; verifikasi dengan 0 poin, "
                "kembalikan kepada unit, atau tuliskan alasan memberi poin tanpa bukti.")
    if abs(points - self_points) > POINTS_TOLERANCE and not reason:
        return (f"poin terverifikasi ({text.number(points)}) berbeda dari penilaian mandiri "
                f"({text.number(self_points)}); tuliskan alasannya.")
    return None


def verified_points(points: float | None, self_points: float, max_points: float) -> float:
    """The points stored for an answer verified at `points` (None: its self-assessed points), once
    verified_points_problem found nothing: never above the question's maximum."""
    return min(float(self_points if points is None else points), float(max_points))


def province_points_problem(points, verified_points: float, max_points: float, reason: str = "") -> str | None:
    """Why the province may not set `points` on an answer the city verified at `verified_points`:
    not a number, outside 0 to the question's maximum, or different from the city's without a reason."""
    if isinstance(points, bool) or not isinstance(points, (int, float)) or not math.isfinite(points):
        return "poin provinsi harus berupa angka."
    if not 0 <= points <= max_points + POINTS_TOLERANCE:
        return f"poin provinsi harus antara 0 dan {text.number(max_points)} (poin maksimal pertanyaan ini)."
    if abs(points - verified_points) > POINTS_TOLERANCE and not reason:
        return (f"poin provinsi ({text.number(points)}) berbeda dari poin terverifikasi kota "
                f"({text.number(verified_points)}); tuliskan alasannya agar kota tahu apa yang kurang.")
    return None


def province_return_problems(reason: str, due, today) -> list[str]:
    """Why the province may not return an answer: a return needs a reason (what the city must
    complete) and a date, not in the past, by which the city answers. `reason` stripped."""
    problems = []
    if not reason:
        problems.append("tuliskan alasan pengembalian agar kota tahu apa yang harus dilengkapi.")
    if due is None:
        problems.append("tentukan tanggal batas kota menjawab pengembalian ini.")
    elif due < today:
        problems.append(f"tanggal batas ({text.long_date(due)}) sudah lewat; pilih hari ini atau sesudahnya.")
    return problems


def late_answer(due, today, strict: bool) -> tuple[bool, str | None]:
    """Whether the city's answer to a return comes after its date, and why it is refused when the
    province set the return as strict: (late, problem)."""
    late = due is not None and today > due
    if late and strict:
        return True, (f"batas menjawab pengembalian ini sudah lewat ({text.long_date(due)}) dan provinsi "
                      "menetapkan jawaban terlambat ditolak; hubungi verifikator provinsi.")
    return late, None


LOW_VERIFIED_PERCENT = 50.0
"""Below this share of questions verified, a region near its deadline is at risk."""
NEAR_DEADLINE_DAYS = 30
"""How near the deadline (in days, or past it) low verification puts a region at risk."""


def readiness_risks(stage_open: bool, late_units: int, percent_verified: float, days_to_deadline: int | None
                    ) -> list[str]:
    """Why a region's evaluation is at risk on the readiness board (empty: it is not): units late
    after the deadline, or little verified while the cycle is open and the deadline near or past."""
    risks = []
    if late_units:
        risks.append(f"{late_units} unit terlambat")
    if (stage_open and days_to_deadline is not None and days_to_deadline <= NEAR_DEADLINE_DAYS
            and percent_verified < LOW_VERIFIED_PERCENT):
        when = (f"{days_to_deadline} hari lagi" if days_to_deadline >= 0 else f"lewat {-days_to_deadline} hari")
        risks.append(f"baru {text.percent(percent_verified / 100)} terverifikasi, {when}")
    return risks
