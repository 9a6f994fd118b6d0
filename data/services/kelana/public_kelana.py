"""Kelana Dekela for the public: the breakdown per kecamatan of a published cycle, verified yes
answers only, kept as it stood at publication (table published_figures) so that units added,
renamed or deactivated later do not move published figures."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pandas as pd
from sqlalchemy import Engine, delete, select
from sqlalchemy.orm import Session

from data.db import unit_of_work
from data.errors import NotFound
from data.lookups import find_region
from data.models import EvaluationCycle, PublishedFigures
from data.services.kelana.derived_answers import DerivedQuestion, derived_questions
from data.services.kelana.kelana import (
    CityPoints,
    cycle_year_given,
    group_points_of,
    region_units,
    unit_answers,
    unit_rows,
)
from data.services.public.published import freeze_unnamed_cycles, published_names, published_up_to
from indicators.derivation import unit_prompt_text
from indicators.workflow import VERIFIED

KELANA_FIGURES = "kelana"
PUBLIC_KECAMATAN_COLUMNS = ["kecamatan", "kecamatan_questions", "kecamatan_met", "kelurahan", "kelurahan_share",
                            "points", "possible"]


@dataclass(frozen=True)
class PublicKelana:
    region_code: str
    region_name: str
    year: int
    years: list[int]            # every published cycle of the region, oldest first
    published_at: datetime | None
    group_points: float         # Kelana Dekela, verified, as published
    group_max: float
    has_unit_answers: bool      # False: the units did not report through Pantau KLA in this cycle
    kecamatan: pd.DataFrame     # PUBLIC_KECAMATAN_COLUMNS + one share column per kelurahan question ("share_26.2")
    questions: pd.DataFrame     # question_code, kind, unit_prompt_id, unit_prompt_en, max_points


def public_kelana(engine: Engine, region_code: str, year: int | None = None) -> PublicKelana:
    """The Kelana Dekela breakdown per kecamatan of a published cycle (the latest when `year` is
    None): verified yes answers only, no names, notes or drafts, as it stood when the cycle was
    published (units added, renamed or deactivated later do not move it). An unknown or
    unpublished cycle is refused with NotFound."""
    with unit_of_work(engine, read_only=True) as session:
        region = find_region(session, region_code)
        cycles = published_up_to(session, region, cycle_year_given(year))
        if not cycles:
            raise NotFound(f"{region.name} belum menerbitkan hasil evaluasi; belum ada rincian Kelana Dekela.")
        cycle = cycles[-1]
        frozen = session.scalar(select(PublishedFigures.content).where(
            PublishedFigures.cycle_id == cycle.id, PublishedFigures.kind == KELANA_FIGURES))
        figures = frozen or _public_figures(session, cycle)
        return PublicKelana(
            region_code=region.code, region_name=published_names(session, region, cycle)["region"], year=cycle.year,
            years=[c.year for c in published_up_to(session, region, None)], published_at=cycle.published_at,
            group_points=figures["group_points"], group_max=figures["group_max"],
            has_unit_answers=figures["has_unit_answers"], kecamatan=_frame(figures["kecamatan"]),
            questions=_frame(figures["questions"]))


def freeze_public_kelana(session: Session, cycle: EvaluationCycle) -> None:
    """Keeps what the public sees of the cycle's Kelana Dekela now (at publication)."""
    session.execute(delete(PublishedFigures).where(PublishedFigures.cycle_id == cycle.id,
                                                   PublishedFigures.kind == KELANA_FIGURES))
    session.add(PublishedFigures(cycle_id=cycle.id, kind=KELANA_FIGURES, content=_public_figures(session, cycle)))


def thaw_public_kelana(session: Session, cycle: EvaluationCycle) -> None:
    """Forgets the kept figures of a cycle taken off the public page."""
    session.execute(delete(PublishedFigures).where(PublishedFigures.cycle_id == cycle.id,
                                                   PublishedFigures.kind == KELANA_FIGURES))


def freeze_unfrozen_cycles(engine: Engine) -> int:
    """Keeps the figures of published cycles that have none yet (published before they were kept,
    or by the demo); returns how many. Run at every start."""
    with unit_of_work(engine) as session:
        kept = select(PublishedFigures.id).where(PublishedFigures.cycle_id == EvaluationCycle.id,
                                                 PublishedFigures.kind == KELANA_FIGURES)
        cycles = list(session.scalars(select(EvaluationCycle).where(
            EvaluationCycle.published.is_(True), ~kept.exists())))
        for cycle in cycles:
            freeze_public_kelana(session, cycle)
        freeze_unnamed_cycles(session)
        return len(cycles)


def _public_figures(session: Session, cycle: EvaluationCycle) -> dict:
    items = derived_questions(session, cycle)
    codes = [item.question.code for item in items]
    answers = unit_answers(session, cycle, codes)
    verified = answers[(answers["status"] == VERIFIED) & (answers["bool_value"] == True)  # noqa: E712  (element-wise, on a pandas column)
                       & (answers["verified_points"].fillna(0) > 0)]
    public_answers = verified.assign(bool_value=True)
    units, _ = unit_rows(region_units(session, cycle.region_id), items, public_answers, {}, CityPoints(items))
    group_points, group_max = group_points_of(session, cycle, "verified")
    questions = pd.DataFrame([{"question_code": i.question.code, "kind": i.kind,
                               "unit_prompt_id": unit_prompt_text(i.question).id,
                               "unit_prompt_en": unit_prompt_text(i.question).get("en"),
                               "max_points": float(i.question.max_points)} for i in items],
                             columns=["question_code", "kind", "unit_prompt_id", "unit_prompt_en", "max_points"])
    return {"group_points": float(group_points), "group_max": float(group_max),
            "has_unit_answers": not answers.empty,
            "kecamatan": _records(_public_kecamatan_rows(units, items, verified)), "questions": _records(questions)}


def _records(frame: pd.DataFrame) -> dict:
    """A frame as JSON: its columns in order and its rows, missing values as null."""
    rows = frame.astype(object).where(frame.notna(), None).to_dict(orient="records")
    return {"columns": list(frame.columns),
            "rows": [{k: (v.item() if hasattr(v, "item") else v) for k, v in row.items()} for row in rows]}


def _frame(records: dict) -> pd.DataFrame:
    return pd.DataFrame(records["rows"], columns=records["columns"])


def _public_kecamatan_rows(units: pd.DataFrame, items: list[DerivedQuestion], verified: pd.DataFrame) -> pd.DataFrame:
    """units was built from the verified yes answers only, so 'yes' there means verified yes;
    verified: those answers (unit_id, question_code)."""
    kelurahan_codes = [i.question.code for i in items if i.kind == "kelurahan"]
    share_columns = [f"share_{code}" for code in kelurahan_codes]
    if units.empty:
        return pd.DataFrame(columns=PUBLIC_KECAMATAN_COLUMNS + share_columns)
    active = units[units["active"]]
    met = set(zip(verified["unit_id"], verified["question_code"]))
    rows = []
    for (_, name), part in active.groupby(["kecamatan_id", "kecamatan"], sort=False):
        own = part[part["kind"] == "kecamatan"]
        wards = part[part["kind"] == "kelurahan"]
        asked = int(wards["asked"].sum())
        row = {"kecamatan": name, "kecamatan_questions": int(own["asked"].sum()),
               "kecamatan_met": int(own["verified_yes"].sum()), "kelurahan": len(wards),
               "kelurahan_share": float(wards["verified_yes"].sum() / asked) if asked else None,
               "points": float(part["verified_points"].sum()),
               "possible": float(part["verified_points"].sum() + part["held_back_verified"].sum())}
        for code, column in zip(kelurahan_codes, share_columns):
            row[column] = (sum((unit_id, code) in met for unit_id in wards["unit_id"]) / len(wards)
                           if len(wards) else None)
        rows.append(row)
    frame = pd.DataFrame(rows, columns=PUBLIC_KECAMATAN_COLUMNS + share_columns)
    return frame.sort_values(["points", "kecamatan"], ascending=[False, True], ignore_index=True)
