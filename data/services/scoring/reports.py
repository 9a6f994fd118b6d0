"""Reports for the Gugus Tugas KLA meeting, in Indonesian: an Excel workbook (answers with status
and points, scores by group and indicator, completeness per OPD, what lifts the score) and a PDF
(cover with region, cycle, date and predikat; the trend against earlier cycles; the group chart; the
score tables; the gap list; completeness per unit, furthest behind first, with whom to call; the
kecamatan to visit; the action plan, "Rencana Aksi").

Both are built from the same ReportData, read here through the score use cases, so they carry
the figures of the scores page and `manage.py score`. The files themselves are written by
data/files (report_xlsx, report_pdf, and report_charts for the group chart of the scores page).
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pandas as pd
from sqlalchemy import Engine

from data.access import require_active_actor, require_region_reader
from data.actor import SignedInUser
from data.db import unit_of_work
from data.errors import InvalidInput
from data.files.report_charts import readings_bars_png
from data.files.report_content import ReportData
from data.files.report_pdf import pdf_report
from data.files.report_xlsx import xlsx_report
from data.lookups import cycle_catalog, find_cycle, find_region
from data.services.actions.plans import cycle_action_frame
from data.services.province.verification import changed_by_province
from data.services.review.completeness import (
    furthest_behind_first,
    kecamatan_to_visit,
    unit_completeness,
)
from data.services.scoring.cycle_answers import (
    NOT_A_SCORE_READER,
    answer_rows,
    answer_table,
)
from data.services.scoring.gaps import cycle_gaps
from data.services.scoring.overview import cycle_overview
from data.services.scoring.scores import require_basis, score_cycles
from indicators import clock
from indicators.scoring import BASES, PROVINCE

FORMATS = ("pdf", "xlsx")
MIME_TYPES = {"pdf": "application/pdf",
              "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def report_data(engine: Engine, actor: SignedInUser, region_code: str, year: int,
                basis: str = "verified", now: datetime | None = None) -> ReportData:
    """Everything one report shows, read in one transaction."""
    require_basis(basis)
    if basis not in BASES:
        raise InvalidInput(["Laporan rapat memakai dasar 'verified' atau 'self'; bacaan provinsi sudah tercantum "
                            "di dalamnya."])
    with unit_of_work(engine, read_only=True) as session:
        region = find_region(session, region_code)
        require_region_reader(session, actor, region, message=NOT_A_SCORE_READER)
        cycle = find_cycle(session, region, int(year))
        overview = cycle_overview(session, region, cycle)
        gaps = cycle_gaps(session, region, cycle, basis)
        answers = answer_table(answer_rows(session, [cycle]), {cycle.year: cycle_catalog(session, cycle)})
        now = now or clock.now()
        completeness = furthest_behind_first(unit_completeness(session, cycle, now.date()))
        kecamatan = kecamatan_to_visit(session, completeness)
        actions = cycle_action_frame(session, region, cycle, now.date())
        province_changes = changed_by_province(session, cycle)
        province = score_cycles(session, [cycle], PROVINCE)[0].totals.iloc[0]
    return ReportData(basis=basis, generated_at=now, overview=overview, gaps=gaps, answers=answers,
                      completeness=completeness, actions=actions, kecamatan=kecamatan,
                      province_total=float(province["total"]), province_predikat_name=province["predikat_name"] or None,
                      province_changes=province_changes)


def build_report(engine: Engine, actor: SignedInUser, region_code: str, year: int, file_format: str,
                 basis: str = "verified",
                 group_chart: Callable[[pd.DataFrame], bytes] = readings_bars_png) -> bytes:
    """The report file as bytes. The PDF's group chart is drawn by group_chart (the group frame ->
    PNG bytes), the scores page's chart unless told otherwise."""
    require_active_actor(engine, actor)
    if file_format not in FORMATS:
        raise InvalidInput([f"Format laporan '{file_format}' tidak dikenal; pilih 'pdf' atau 'xlsx'."])
    data = report_data(engine, actor, region_code, year, basis)
    if file_format == "xlsx":
        return xlsx_report(data)
    return pdf_report(data, group_chart(data.group_frame()))
