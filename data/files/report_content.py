"""What the meeting reports show, whatever the file: the figures read for one report (ReportData)
and the Indonesian wording the PDF and the workbook share."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pandas as pd

from data.services.scoring.gaps import ScoreGaps
from data.services.scoring.overview import ScoresOverview
from indicators import text as fmt
from indicators.workflow import cycle_status_name, status_name

BASIS_NAMES = {"verified": "nilai terverifikasi Gugus Tugas", "self": "penilaian mandiri OPD"}
"""The reading a report is based on, as running text names it."""
UNIT_KIND_NAMES = {"opd": "OPD", "kecamatan": "Kecamatan", "kelurahan": "Kelurahan"}


@dataclass(frozen=True)
class ReportData:
    basis: str
    generated_at: datetime
    overview: ScoresOverview
    gaps: ScoreGaps
    answers: pd.DataFrame       # cycle_answers.answer_table of the cycle
    completeness: pd.DataFrame  # completeness.unit_completeness of the cycle
    actions: pd.DataFrame | None = None  # actions.plans.cycle_action_frame of the cycle
    kecamatan: pd.DataFrame | None = None  # completeness.kecamatan_to_visit of the cycle
    province_total: float | None = None    # the total with the province's administrative verification
    province_predikat_name: str | None = None
    province_changes: pd.DataFrame | None = None  # province.verification.changed_by_province of the cycle

    @property
    def reading(self) -> dict:
        return self.overview.readings[self.basis]

    def group_frame(self) -> pd.DataFrame:
        """The groups as the scores chart (report_charts.readings_bars) reads them: both readings."""
        return self.overview.groups

    @property
    def file_stem(self) -> str:
        return f"laporan_kla_{self.overview.region_code}_{self.overview.year}_{self.basis}"


def capitalized(text: str) -> str:
    """The first letter in upper case, the rest as it is ('penilaian mandiri OPD' -> 'Penilaian
    mandiri OPD'; str.capitalize would lower 'OPD')."""
    return text[:1].upper() + text[1:]


def basis_title(basis: str) -> str:
    return capitalized(BASIS_NAMES[basis])


def status_title(status: str) -> str:
    """An answer status as a table cell says it: 'Diajukan'."""
    return capitalized(status_name(status))


def cycle_status_title(status: str) -> str:
    return capitalized(cycle_status_name(status))


def headline(data: ReportData) -> str:
    """'Untuk mencapai Nindya dibutuhkan 75,25 poin lagi.' (or that the highest is reached)."""
    gaps = data.gaps
    if gaps.target_predikat_name is None:
        return "Predikat tertinggi sudah tercapai."
    return f"Untuk mencapai {gaps.target_predikat_name} dibutuhkan {fmt.points(gaps.points_needed)} poin lagi."
