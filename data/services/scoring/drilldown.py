"""One indicator of a region across all its cycles, as the drill-down shows it: points per cycle
in both readings, its questions' answers and points, the evidence files and the history of those
answers. Readers: data.access.REGION_READERS of the region.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, aliased

from data.access import require_region_reader
from data.actor import SignedInUser
from data.db import unit_of_work
from data.errors import NotFound
from data.lookups import cycle_catalog, find_region
from data.models import AuditLog, EvidenceFile, ReviewEvent, User
from data.services.scoring.cycle_answers import NOT_A_SCORE_READER, answer_rows, answer_table, region_cycles
from data.services.scoring.scores import score_cycles
from indicators.scoring import BASES


@dataclass(frozen=True)
class IndicatorDrilldown:
    region_code: str
    region_name: str
    indicator_code: str
    name_id: str
    name_en: str
    definition_id: str
    definition_en: str
    group_code: str
    group_name_id: str
    group_name_en: str
    max_points: float
    indicators: pd.DataFrame  # the picker: indicator_code, name_id, name_en, group_code (latest instrument)
    per_cycle: pd.DataFrame   # year, max_points, self_points, verified_points
    question_points: pd.DataFrame  # year, question_code, max_points, self_points, verified_points
    answers: pd.DataFrame     # year, group_code, indicator_code, question_code, prompt_id, prompt_en, unit_name,
    #   status, value_id, value_en,
    #   self_points, verified_points, max_points, note, verified_reason, return_reason, updated_by, updated_at,
    #   answer_id
    evidence: pd.DataFrame    # evidence_id, year, question_code, unit_name, filename, content_type, size_bytes,
    #   file_version, superseded, uploaded_by, uploaded_at
    history: pd.DataFrame     # at, year, question_code, unit_name, actor, action, from_status, to_status, points,
    #   reason


def indicator_drilldown(engine: Engine, actor: SignedInUser, region_code: str,
                        indicator_code: str) -> IndicatorDrilldown:
    """One indicator of a region across all its cycles: points per cycle (both readings), its
    questions' answers and points, the evidence files and the history of those answers. Cycles
    whose instrument has no indicator of that code are left out."""
    with unit_of_work(engine, read_only=True) as session:
        region = find_region(session, region_code)
        require_region_reader(session, actor, region, message=NOT_A_SCORE_READER)
        cycles = region_cycles(session, region)
        if not cycles:
            raise NotFound(f"{region.name} belum memiliki siklus evaluasi.")
        latest_catalog = cycle_catalog(session, cycles[-1])
        catalogs = {c.year: cycle_catalog(session, c) for c in cycles}
        cycles = [c for c in cycles if any(i.code == indicator_code for i in catalogs[c.year].indicators)]
        if not cycles:
            known = ", ".join(i.code for i in latest_catalog.indicators)
            raise NotFound(f"Indikator '{indicator_code}' tidak ada dalam instrumen {region.name}. "
                           f"Kode yang ada: {known}.")
        tables = {basis: score_cycles(session, cycles, basis)[0] for basis in BASES}
        answers = answer_rows(session, cycles)
        evidence = _evidence(session, answers)
        history = _history(session, answers)

    latest = catalogs[cycles[-1].year]
    indicator = next(i for i in latest.indicators if i.code == indicator_code)
    group = next(g for g in latest.groups if g.code == indicator.group_code)

    def per(level: str, keys: list[str]) -> pd.DataFrame:
        self_part = getattr(tables["self"], level)
        verified_part = getattr(tables["verified"], level)
        frame = self_part[self_part["indicator_code"] == indicator_code][keys + ["max_points", "points"]]
        frame = frame.rename(columns={"points": "self_points"}).merge(
            verified_part[verified_part["indicator_code"] == indicator_code][keys + ["points"]].rename(
                columns={"points": "verified_points"}), on=keys, how="left")
        return frame.rename(columns={"cycle": "year"}).reset_index(drop=True)

    per_cycle = per("indicators", ["cycle"])
    question_points = per("questions", ["cycle", "question_code"])

    answers_of_indicator = answer_table(answers, catalogs, indicator_code)
    picker = pd.DataFrame([{"indicator_code": i.code, "name_id": i.name.id, "name_en": i.name.get("en"),
                            "group_code": i.group_code} for i in latest_catalog.indicators])
    return IndicatorDrilldown(
        region_code=region.code, region_name=region.name, indicator_code=indicator.code,
        name_id=indicator.name.id, name_en=indicator.name.get("en"), definition_id=indicator.definition.id,
        definition_en=indicator.definition.get("en"), group_code=group.code, group_name_id=group.name.id,
        group_name_en=group.name.get("en"), max_points=float(indicator.max_points), indicators=picker,
        per_cycle=per_cycle, question_points=question_points, answers=answers_of_indicator,
        evidence=evidence[evidence["answer_id"].isin(answers_of_indicator["answer_id"])].drop(columns="answer_id")
        .reset_index(drop=True),
        history=history[history["answer_id"].isin(answers_of_indicator["answer_id"])].drop(columns="answer_id")
        .reset_index(drop=True),
    )


def _evidence(session: Session, answers: pd.DataFrame) -> pd.DataFrame:
    columns = ["evidence_id", "answer_id", "year", "question_code", "unit_name", "filename", "content_type",
               "size_bytes", "file_version", "superseded", "uploaded_by", "uploaded_at"]
    ids = [int(i) for i in answers["answer_id"]]
    if not ids:
        return pd.DataFrame(columns=columns)
    uploader = aliased(User)
    rows = session.execute(
        select(EvidenceFile.id.label("evidence_id"), EvidenceFile.answer_id, EvidenceFile.filename,
               EvidenceFile.content_type, EvidenceFile.size_bytes, EvidenceFile.file_version,
               EvidenceFile.superseded, uploader.display_name.label("uploaded_by"), EvidenceFile.uploaded_at)
        .outerjoin(uploader, EvidenceFile.uploaded_by_id == uploader.id)
        .where(EvidenceFile.answer_id.in_(ids))
        .order_by(EvidenceFile.answer_id, EvidenceFile.file_version)
    ).mappings().all()
    frame = pd.DataFrame(rows, columns=[c for c in columns if c not in ("year", "question_code", "unit_name")])
    about = answers[["answer_id", "cycle", "question_code", "unit_name"]].rename(columns={"cycle": "year"})
    return frame.merge(about, on="answer_id", how="left")[columns]


def _history(session: Session, answers: pd.DataFrame) -> pd.DataFrame:
    """The audit rows of the answers and the review events (submit, verify, return, reopen) that
    have no audit row of their own (the demo's past cycles), newest first."""
    columns = ["at", "answer_id", "year", "question_code", "unit_name", "actor", "action", "from_status",
               "to_status", "points", "reason"]
    ids = [int(i) for i in answers["answer_id"]]
    if not ids:
        return pd.DataFrame(columns=columns)
    person = aliased(User)
    audit_rows = session.execute(
        select(AuditLog.at, AuditLog.entity_id, AuditLog.action, AuditLog.details,
               person.display_name.label("actor"))
        .outerjoin(person, AuditLog.actor_id == person.id)
        .where(AuditLog.entity == "answer", AuditLog.entity_id.in_([str(i) for i in ids]))
    ).mappings().all()
    events = session.execute(
        select(ReviewEvent.created_at.label("at"), ReviewEvent.answer_id, ReviewEvent.action,
               ReviewEvent.from_status, ReviewEvent.to_status, ReviewEvent.points, ReviewEvent.reason,
               person.display_name.label("actor"))
        .outerjoin(person, ReviewEvent.actor_id == person.id)
        .where(ReviewEvent.answer_id.in_(ids))
    ).mappings().all()
    rows = []
    audited: dict[tuple[int, str], int] = {}
    for row in audit_rows:
        details = row["details"] or {}
        answer_id = int(row["entity_id"])
        action = str(row["action"]).removeprefix("answer.")
        audited[(answer_id, action)] = audited.get((answer_id, action), 0) + 1
        old, new = details.get("old") or {}, details.get("new") or {}
        rows.append({"at": row["at"], "answer_id": answer_id, "actor": row["actor"], "action": action,
                     "from_status": old.get("status") if isinstance(old, dict) else None,
                     "to_status": new.get("status") if isinstance(new, dict) else None,
                     "points": _points_of(new), "reason": details.get("reason")})
    for event in events:
        key = (event["answer_id"], event["action"])
        if audited.get(key):
            audited[key] -= 1  # the same action, already listed from the audit log
            continue
        rows.append({"at": event["at"], "answer_id": event["answer_id"], "actor": event["actor"],
                     "action": event["action"], "from_status": event["from_status"],
                     "to_status": event["to_status"], "points": event["points"], "reason": event["reason"]})
    frame = pd.DataFrame(rows, columns=["at", "answer_id", "actor", "action", "from_status", "to_status",
                                        "points", "reason"])
    about = answers[["answer_id", "cycle", "question_code", "unit_name"]].rename(columns={"cycle": "year"})
    frame = frame.merge(about, on="answer_id", how="left")[columns]
    return frame.sort_values("at", ascending=False, kind="stable").reset_index(drop=True)


def _points_of(values) -> float | None:
    if not isinstance(values, dict):
        return None
    for name in ("verified_points", "points", "self_points"):
        if values.get(name) is not None:
            try:
                return float(values[name])
            except (TypeError, ValueError):
                return None
    return None
