"""The answers of a region's cycles as the score use cases read them: the city-level answer rows
scoring reads, one row per question and answering unit as a person reads it, the answer furthest
along per question, and the names of a catalog's groups, indicators and questions as frames.

Shared by the overview, the gap list, the drill-down and the reports; checks no permission (the
use cases do, with NOT_A_SCORE_READER)."""
from __future__ import annotations

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from data.models import CITY_UNIT_KIND, Answer, EvaluationCycle, Question, Region, ReportingUnit, User
from indicators.answers import VALUE_FIELDS, answer_value, display_value
from indicators.catalog import Catalog
from indicators.scoring import answer_shares
from indicators.workflow import ANSWER_STATUSES, NOT_STARTED, VERIFIED

NOT_A_SCORE_READER = "Nilai dan laporan hanya dapat dibuka Gugus Tugas KLA, sekretariat dan admin."
STATUS_RANK = {status: rank for rank, status in enumerate(ANSWER_STATUSES)}
"""How far along an answer is (verified furthest)."""


def region_cycles(session: Session, region: Region) -> list[EvaluationCycle]:
    """The region's cycles, oldest first."""
    return list(session.scalars(select(EvaluationCycle).where(EvaluationCycle.region_id == region.id)
                                .order_by(EvaluationCycle.year)))


def cycle_frame(region: Region, cycle: EvaluationCycle, catalog: Catalog) -> pd.DataFrame:
    """The one cycle as indicators.scoring and indicators.whatif read cycles."""
    return pd.DataFrame([{"region": region.code, "cycle": cycle.year, "catalog_version": catalog.version}])


def answer_rows(session: Session, cycles: list[EvaluationCycle]) -> pd.DataFrame:
    """Every city-level answer of the cycles (a kecamatan's or kelurahan's own answer counts
    through the city's derived answer, never by itself), one row per answering unit, with the columns scoring reads
    (region, cycle, question_code, the value fields, status, verified_points) and what the pages
    show beside them."""
    updater = aliased(User)
    rows = session.execute(
        select(Region.code.label("region"), EvaluationCycle.year.label("cycle"),
               Question.code.label("question_code"), Answer.bool_value, Answer.choice_code, Answer.numerator,
               Answer.denominator, Answer.count_value, Answer.status, Answer.verified_points,
               Answer.id.label("answer_id"), Answer.note, Answer.verified_reason, Answer.return_reason,
               Answer.updated_at, updater.display_name.label("updated_by"),
               ReportingUnit.short_name.label("unit_short_name"), ReportingUnit.name.label("unit_name"))
        .join(EvaluationCycle, Answer.cycle_id == EvaluationCycle.id)
        .join(Region, Answer.region_id == Region.id)
        .join(Question, Answer.question_id == Question.id)
        .join(ReportingUnit, Answer.reporting_unit_id == ReportingUnit.id)
        .outerjoin(updater, Answer.updated_by_id == updater.id)
        .where(Answer.cycle_id.in_([c.id for c in cycles]), ReportingUnit.kind == CITY_UNIT_KIND)
        .order_by(EvaluationCycle.year, Question.position, ReportingUnit.short_name)
    ).mappings().all()
    columns = ["region", "cycle", "question_code", *VALUE_FIELDS, "status", "verified_points", "answer_id",
               "note", "verified_reason", "return_reason", "updated_at", "updated_by", "unit_short_name",
               "unit_name"]
    return pd.DataFrame(rows, columns=columns)


def catalog_names(catalog: Catalog) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The catalog's groups, indicators and questions with their names (id, en) and positions."""
    groups = pd.DataFrame([{"group_code": g.code, "name_id": g.name.id, "name_en": g.name.get("en"),
                            "position": n} for n, g in enumerate(catalog.groups)])
    indicators = pd.DataFrame([{"indicator_code": i.code, "name_id": i.name.id, "name_en": i.name.get("en"),
                                "position": n} for n, i in enumerate(catalog.indicators)])
    questions = pd.DataFrame([{"question_code": q.code, "prompt_id": q.prompt.id, "prompt_en": q.prompt.get("en"),
                               "answer_type": q.answer.type} for q in catalog.questions])
    return groups, indicators, questions


def answer_summary(answers: pd.DataFrame, unit_names: dict[str, str]) -> pd.DataFrame:
    """Per question of one cycle: the status furthest along, the answering units, the reasons."""
    columns = ["question_code", "status", "units", "verified_reason", "return_reason"]
    if answers.empty:
        return pd.DataFrame(columns=columns)
    ranked = answers.assign(rank=answers["status"].map(STATUS_RANK)).sort_values("rank", ascending=False)
    grouped = ranked.groupby("question_code", sort=False)
    summary = pd.DataFrame({
        "status": grouped["status"].first(),
        "units": grouped["unit_short_name"].agg(lambda s: ", ".join(sorted(unit_names.get(u, u) for u in set(s)))),
        "verified_reason": grouped["verified_reason"].agg(lambda s: next((r for r in s if r), None)),
        "return_reason": grouped["return_reason"].agg(lambda s: next((r for r in s if r), None)),
    }).reset_index()
    return summary[columns]


def answer_table(answers: pd.DataFrame, catalogs: dict[int, Catalog],
                 indicator_code: str | None = None) -> pd.DataFrame:
    """One row per question (of the indicator, or all) per cycle and per answering unit, with the
    answer as a person reads it and its points in both readings (a question nobody answered yet
    appears once, as not started)."""
    rows = []
    for year, catalog in catalogs.items():
        questions = [q for q in catalog.questions if indicator_code is None or q.indicator_code == indicator_code]
        if not questions:
            continue
        of_year = answers[(answers["cycle"] == year)
                          & answers["question_code"].isin([q.code for q in questions])].reset_index(drop=True)
        shares = (answer_shares(of_year.assign(catalog_version=catalog.version), [catalog]).to_numpy()
                  if len(of_year) else [])
        by_question: dict[str, list[tuple[dict, float]]] = {}
        for record, share in zip(of_year.to_dict("records"), shares, strict=True):
            by_question.setdefault(record["question_code"], []).append((record, share))
        for q in questions:
            about = {"year": year, "group_code": q.group_code, "indicator_code": q.indicator_code,
                     "question_code": q.code, "prompt_id": q.prompt.id, "prompt_en": q.prompt.get("en"),
                     "max_points": q.max_points}
            if q.code not in by_question:
                rows.append({**about, "unit_name": None, "status": NOT_STARTED, "value_id": "", "value_en": "",
                             "self_points": 0.0, "verified_points": None, "note": None, "verified_reason": None,
                             "return_reason": None, "updated_by": None, "updated_at": None, "answer_id": None})
                continue
            for row, share in by_question[q.code]:
                value = answer_value(row)
                verified = row["status"] == VERIFIED and _present(row["verified_points"]) is not None
                rows.append({
                    **about, "unit_name": row["unit_name"], "status": row["status"],
                    "value_id": display_value(q, value, "id"), "value_en": display_value(q, value, "en"),
                    "self_points": 0.0 if pd.isna(share) else float(share) * q.max_points,
                    "verified_points": float(row["verified_points"]) if verified else None,
                    "note": _present(row["note"]), "verified_reason": _present(row["verified_reason"]),
                    "return_reason": _present(row["return_reason"]), "updated_by": _present(row["updated_by"]),
                    "updated_at": _present(row["updated_at"]), "answer_id": int(row["answer_id"]),
                })
    columns = ["year", "group_code", "indicator_code", "question_code", "prompt_id", "prompt_en", "unit_name",
               "status", "value_id", "value_en",
               "self_points", "verified_points", "max_points", "note", "verified_reason", "return_reason",
               "updated_by", "updated_at", "answer_id"]
    return pd.DataFrame(rows, columns=columns).astype({"answer_id": "Int64"})


def _present(value):
    """None for a missing cell (None, NaN, NaT), else the value."""
    if value is None:
        return None
    try:
        return None if pd.isna(value) else value
    except (TypeError, ValueError):
        return value
