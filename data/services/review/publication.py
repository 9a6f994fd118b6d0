"""What the chair sees before closing or publishing a cycle, and what the public page states beside
the score: how many of the instrument's questions carry a verified answer, which are still
unverified, returned or verified without the evidence they ask for, and how the public headline
will read (indicators.publication holds the rule)."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from data.access import REGION_READERS, named_or_own_region, require_current_account, require_role
from data.db import unit_of_work
from data.lookups import cycle_catalog, find_cycle
from data.models import CITY_UNIT_KIND, Answer, EvaluationCycle, EvidenceFile, Question, ReportingUnit
from data.services.province.verification import province_started
from data.services.scoring.cycle_answers import STATUS_RANK
from data.services.scoring.scores import score_cycles
from indicators.publication import Coverage, min_verified_share, needs_reason
from indicators.workflow import DRAFT, NOT_STARTED, RETURNED, VERIFIED

NOT_A_READER = "Kesiapan publikasi hanya dapat dibuka Gugus Tugas KLA, sekretariat dan admin."
LISTED = 50
"""How many open questions the preview names (the count says how many there are)."""


def _question_statuses(session: Session, cycle: EvaluationCycle) -> pd.DataFrame:
    """Per question of the cycle's instrument: the furthest status of its city-level answers and
    whether a verified answer lacks the evidence the question asks for."""
    catalog = cycle_catalog(session, cycle)
    evidence = (select(func.count(EvidenceFile.id)).where(EvidenceFile.answer_id == Answer.id,
                                                          EvidenceFile.superseded.is_(False))
                .correlate(Answer).scalar_subquery())
    rows = session.execute(
        select(Question.code, Answer.status, evidence.label("evidence_count"))
        .join(Question, Answer.question_id == Question.id)
        .join(ReportingUnit, Answer.reporting_unit_id == ReportingUnit.id)
        .where(Answer.region_id == cycle.region_id, Answer.cycle_id == cycle.id, ReportingUnit.kind == CITY_UNIT_KIND)
    ).all()
    furthest: dict[str, str] = {}
    evidence_of_verified: dict[str, int] = {}
    for code, status, count in rows:
        if STATUS_RANK[status] > STATUS_RANK[furthest.get(code, NOT_STARTED)]:
            furthest[code] = status
        if status == VERIFIED:
            evidence_of_verified[code] = max(evidence_of_verified.get(code, 0), int(count))
    return pd.DataFrame([{
        "question_code": q.code, "group_code": q.group_code, "prompt_id": q.prompt.id,
        "prompt_en": q.prompt.get("en"), "status": furthest.get(q.code, NOT_STARTED),
        "without_evidence": (q.evidence_required and furthest.get(q.code) == VERIFIED
                             and evidence_of_verified.get(q.code, 0) == 0),
    } for q in catalog.questions], columns=["question_code", "group_code", "prompt_id", "prompt_en", "status",
                                            "without_evidence"])


def _coverage(statuses: pd.DataFrame) -> Coverage:
    counts = statuses["status"].value_counts()
    verified, returned, unanswered, drafted = (int(counts.get(s, 0)) for s in (VERIFIED, RETURNED, NOT_STARTED, DRAFT))
    return Coverage(question_count=len(statuses), verified=verified, returned=returned, unanswered=unanswered,
                    awaiting=len(statuses) - verified - returned - unanswered - drafted, drafted=drafted,
                    verified_without_evidence=int(statuses["without_evidence"].sum()))


def cycle_coverage(session: Session, cycle: EvaluationCycle) -> Coverage:
    """The cycle's coverage (no permission check: the callers hold one, or the cycle is published)."""
    return _coverage(_question_statuses(session, cycle))


@dataclass(frozen=True)
class PublicationPreview:
    region_code: str
    region_name: str
    year: int
    coverage: Coverage
    min_share: float
    needs_reason: bool
    total: float            # the verified total the public page would show
    max_points: float
    predikat_name: str | None
    first_predikat_name: str      # the lowest predikat and where it starts (for the headline without one)
    first_predikat_above: float
    open_questions: pd.DataFrame   # question_code, prompt_id, prompt_en, status, without_evidence (LISTED at most)
    province_total: float | None = None      # the province's reading, once it has read the cycle
    province_predikat_name: str | None = None
    province_done: bool = False


def publication_preview(engine, actor, year: int, region_code: str | None = None) -> PublicationPreview:
    """The cycle as the public would read it if it were published now, and what is still open."""
    require_role(actor, REGION_READERS, NOT_A_READER)
    with unit_of_work(engine, read_only=True) as session:
        require_current_account(session, actor)
        region = named_or_own_region(session, actor, region_code)
        cycle = find_cycle(session, region, int(year))
        statuses = _question_statuses(session, cycle)
        coverage = _coverage(statuses)
        tables, _ = score_cycles(session, [cycle], basis="verified")
        total = tables.totals.iloc[0]
        min_share = min_verified_share()
        first = cycle_catalog(session, cycle).predikat[0]
        province = (score_cycles(session, [cycle], basis="province")[0].totals.iloc[0]
                    if province_started(session, cycle) else None)
        open_questions = statuses[(statuses["status"] != VERIFIED) | statuses["without_evidence"]]
        return PublicationPreview(
            region_code=region.code, region_name=region.name, year=cycle.year, coverage=coverage,
            min_share=min_share, needs_reason=needs_reason(coverage, min_share), total=float(total["total"]),
            max_points=float(total["max_points"]), predikat_name=total["predikat_name"],
            first_predikat_name=first.name, first_predikat_above=float(first.above),
            open_questions=open_questions.head(LISTED).reset_index(drop=True),
            province_total=float(province["total"]) if province is not None else None,
            province_predikat_name=province["predikat_name"] if province is not None else None,
            province_done=cycle.province_done_at is not None)
