"""Evidence files (bukti dukung) for the demo's neighbours: a small real PDF (about a kilobyte, made
with fpdf2 when the demo is loaded) on each verified answer whose question asks for evidence, except
those the province lowered for missing evidence and every MISSING_EVERY-th other one, so the
province's queue has files to open and gaps to find, and the city's risk list has something to show.
One PDF per indicator and region, shared by its questions' answers, keeps loading fast."""
from __future__ import annotations

import hashlib
from datetime import datetime

from fpdf import FPDF
from sqlalchemy import select
from sqlalchemy.orm import Session

from data.files.evidence_check import KINDS
from data.models import CITY_UNIT_KIND, Answer, EvaluationCycle, EvidenceFile, Question, Region, ReportingUnit
from indicators.catalog import Catalog
from indicators.workflow import VERIFIED

MISSING_EVERY = 6
"""Every sixth verified answer that needs evidence (in instrument order) has none attached."""


def evidence_pdf(region_name: str, year: int, indicator_code: str, indicator_name: str) -> bytes:
    """A one-page PDF standing for the region's document of one indicator (ILLUSTRATIVE)."""
    def latin(value: str) -> str:  # the PDF's core font writes Latin-1 only
        return value.encode("latin-1", "replace").decode("latin-1")

    pdf = FPDF()
    pdf.set_compression(True)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 14)
    pdf.multi_cell(0, 8, latin(f"{region_name}: bukti dukung indikator {indicator_code}"), new_x="LMARGIN",
                   new_y="NEXT")
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, latin(f"{indicator_name}\nTahun evaluasi {year}. Dokumen contoh demo Pantau KLA, bukan "
                               "dokumen resmi daerah."))
    return bytes(pdf.output())


def attach_evidence(session: Session, cycle: EvaluationCycle, catalog: Catalog, uploader_id: int,
                    at: datetime, without: set[int], missing_every: int | None = MISSING_EVERY) -> int:
    """Attach the demo's PDFs to the cycle's verified city answers that need evidence, except the
    answers in `without` and every `missing_every`-th (None: none more); returns how many were attached."""
    region = session.get(Region, cycle.region_id)
    assert region is not None  # the cycle's region was just loaded
    rows = session.execute(
        select(Answer.id, Question.code).join(Question, Answer.question_id == Question.id)
        .join(ReportingUnit, Answer.reporting_unit_id == ReportingUnit.id)
        .where(Answer.cycle_id == cycle.id, Answer.status == VERIFIED, ReportingUnit.kind == CITY_UNIT_KIND,
               Question.evidence_required.is_(True))
        .order_by(Question.position)).all()
    documents: dict[str, bytes] = {}
    names = {indicator.code: indicator.name.id for indicator in catalog.indicators}
    attached = 0
    for position, (answer_id, code) in enumerate(rows):
        if answer_id in without or (missing_every and position % missing_every == missing_every - 1):
            continue
        indicator = catalog.question(code).indicator_code
        if indicator not in documents:
            documents[indicator] = evidence_pdf(region.name, cycle.year, indicator, names.get(indicator, ""))
        content = documents[indicator]
        session.add(EvidenceFile(answer_id=answer_id, filename=f"bukti_{code}.pdf", content_type=KINDS["pdf"][0],
                                 size_bytes=len(content), sha256=hashlib.sha256(content).hexdigest(), content=content,
                                 file_version=1, superseded=False, uploaded_by_id=uploader_id, uploaded_at=at))
        attached += 1
    return attached
