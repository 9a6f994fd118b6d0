"""When a closed cycle may be published (pure): how many of the instrument's questions carry a
verified answer, and what publishing with fewer than the deployment's minimum share needs.

The public reads a published cycle as the city's result. A cycle with most questions still
unverified scores far below what the city did (unverified answers count 0 points), so its
headline would mislead: below the minimum share (KLA_PUBLISH_MIN_VERIFIED_PERCENT, default 90)
the chair must write why it is published now, and the public page shows that reason beside the
coverage. A cycle without a single verified answer has nothing to publish.
"""
from __future__ import annotations

from dataclasses import dataclass

from indicators import settings
from indicators.text import percent, whole
from indicators.workflow import reason_problem

MIN_VERIFIED_SETTING = settings.PUBLISH_MIN_VERIFIED_PERCENT
DEFAULT_MIN_VERIFIED_PERCENT = settings.default_number(MIN_VERIFIED_SETTING)


@dataclass(frozen=True)
class Coverage:
    """The questions of a cycle's instrument by the furthest status of their city-level answers."""

    question_count: int
    verified: int
    awaiting: int                   # submitted: waiting for the task force's verification
    returned: int
    unanswered: int
    verified_without_evidence: int  # verified although the question asks for evidence and none is attached
    drafted: int = 0                # a draft only: its unit has not submitted it yet (not awaiting anyone)

    @property
    def share(self) -> float:
        return self.verified / self.question_count if self.question_count else 0.0

    @property
    def unverified(self) -> int:
        return self.question_count - self.verified


def min_verified_share() -> float:
    """The deployment's minimum share of verified questions for publishing without a reason."""
    value = settings.positive_number(MIN_VERIFIED_SETTING, "persen")
    if value > 100:
        raise ValueError(f"{MIN_VERIFIED_SETTING} paling besar 100 (persen), bukan '{value:g}'.")
    return value / 100


def needs_reason(coverage: Coverage, min_share: float) -> bool:
    return coverage.share < min_share


def coverage_sentence(coverage: Coverage, lang: str = "id") -> str:
    """"53 dari 274 pertanyaan terverifikasi (19%)": what the public page states beside the score."""
    verified, count, share = whole(coverage.verified, lang), whole(coverage.question_count, lang), \
        percent(coverage.share, lang)
    if lang == "en":
        return f"{verified} of {count} questions verified ({share})"
    return f"{verified} dari {count} pertanyaan terverifikasi ({share})"


def publication_problems(year: int, coverage: Coverage, reason: str, min_share: float) -> list[str]:
    """What stands between a closed cycle and publishing it; `reason` stripped."""
    if coverage.verified == 0:
        return [f"Siklus {year} belum memiliki satu pun jawaban terverifikasi, jadi tidak ada hasil yang dapat "
                "diterbitkan. Verifikasi jawabannya dulu (buka kembali siklus bila perlu)."]
    if needs_reason(coverage, min_share):
        problem = reason_problem(reason, (
            f"Baru {coverage_sentence(coverage)}, di bawah batas {percent(min_share)}. Tuliskan alasan "
            "menerbitkan sekarang; alasan itu ditampilkan di halaman publik di samping nilainya."))
        return [problem] if problem else []
    return []
