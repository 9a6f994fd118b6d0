"""The chair closes, reopens, publishes and unpublishes an evaluation cycle.

- Closing (open or review -> closed) stops entry and review of the cycle.
- Reopening (closed -> open) needs a reason; a published cycle must be unpublished first; a cycle
  the province is verifying cannot be reopened (its returns come back without reopening).
- Publishing needs a closed cycle with at least one verified answer: the public page
  (data/services/public/summary.py) then shows its verified values. Below the deployment's minimum
  share of verified questions (indicators.publication) it needs a reason, which the public page
  shows. While the province's verification is under way (started, not declared finished) the
  cycle waits for it. Keeping "published implies closed" means public figures never move under the reader while
  answers are still being entered or reviewed.
- Unpublishing needs a reason and takes the cycle's figures off the public page.
Each action is audited (entity "evaluation_cycle", old and new state, reason) and bumps the data
version in the same transaction. The cycle row is updated only from the state the action was
checked against, so two chairs acting at once cannot both apply opposite changes.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import cast

from sqlalchemy import CursorResult, Engine, update
from sqlalchemy.orm import Session, object_session

from data import audit
from data.access import CYCLE_MANAGERS, named_or_own_region, require_current_account, require_role
from data.db import bump_data_version, unit_of_work
from data.errors import DomainError, InvalidInput
from data.lookups import find_cycle
from data.models import EvaluationCycle, utc_now
from data.services.kelana.derived_answers import recompute
from data.services.kelana.public_kelana import freeze_public_kelana, thaw_public_kelana
from data.services.province.verification import verification_under_way
from data.services.public.published import freeze_names, thaw_names
from data.services.review.publication import cycle_coverage
from data.text_guard import refuse_control_characters
from indicators.publication import min_verified_share, publication_problems
from indicators.workflow import CYCLE_CLOSED, CYCLE_OPEN, reason_problem

NOT_THE_CHAIR = "Hanya Ketua Gugus Tugas KLA yang dapat menutup, membuka kembali, atau mempublikasikan siklus."


@dataclass(frozen=True)
class CycleState:
    region_code: str
    year: int
    status: str
    published: bool
    deadline: date | None
    closed_at: datetime | None
    published_at: datetime | None


def _state(region_code: str, cycle: EvaluationCycle) -> CycleState:
    return CycleState(region_code, cycle.year, cycle.status, cycle.published, cycle.deadline, cycle.closed_at,
                      cycle.published_at)


def _snapshot(cycle: EvaluationCycle) -> dict:
    return {"status": cycle.status, "published": cycle.published,
            "closed_at": cycle.closed_at.isoformat() if cycle.closed_at else None,
            "published_at": cycle.published_at.isoformat() if cycle.published_at else None}


def _reason(reason: str | None, required: str) -> str:
    refuse_control_characters(reason, "Alasan", multiline=True)
    reason = (reason or "").strip()
    problem = reason_problem(reason, required)
    if problem:
        raise InvalidInput([problem])
    return reason


def _change(engine: Engine, actor, year: int, region_code: str | None, action: str, check, values,
            reason: str | None = None) -> CycleState:
    require_role(actor, CYCLE_MANAGERS, NOT_THE_CHAIR)
    with unit_of_work(engine) as session:
        require_current_account(session, actor)
        region = named_or_own_region(session, actor, region_code)
        cycle = find_cycle(session, region, int(year))
        check(cycle)
        old = _snapshot(cycle)
        _guarded_cycle_update(session, cycle, values(utc_now()))
        recompute(session, cycle, actor.id)   # a reopened cycle's derived answers catch up with its units
        if action == "publish":
            freeze_public_kelana(session, cycle)
            freeze_names(session, cycle)
        elif action == "unpublish":
            thaw_public_kelana(session, cycle)
            thaw_names(session, cycle)
        audit.record(session, actor.id, f"cycle.{action}", "evaluation_cycle", cycle.id, region.id,
                     {"region": region.code, "cycle": cycle.year, "old": old, "new": _snapshot(cycle),
                      "reason": reason})
        bump_data_version(session)
        return _state(region.code, cycle)


def _guarded_cycle_update(session: Session, cycle: EvaluationCycle, values: dict) -> None:
    result = cast(CursorResult, session.execute(
        update(EvaluationCycle)
        .where(EvaluationCycle.id == cycle.id, EvaluationCycle.status == cycle.status,
               EvaluationCycle.published == cycle.published)
        .values(**values).execution_options(synchronize_session=False)))
    session.refresh(cycle)
    if result.rowcount != 1:
        raise DomainError(f"Siklus {cycle.year} baru saja diubah oleh pengguna lain. Muat ulang halaman.")


def close_cycle(engine: Engine, actor, year: int, region_code: str | None = None) -> CycleState:
    """Close the cycle: no more entry or review."""
    def check(cycle):
        if cycle.status == CYCLE_CLOSED:
            raise InvalidInput([f"Siklus {cycle.year} sudah ditutup."])
    return _change(engine, actor, year, region_code, "close", check,
                   lambda now: {"status": CYCLE_CLOSED, "closed_at": now})


def reopen_cycle(engine: Engine, actor, year: int, reason: str, region_code: str | None = None) -> CycleState:
    """Open a closed cycle again for entry and review, with a reason."""
    require_role(actor, CYCLE_MANAGERS, NOT_THE_CHAIR)
    reason = _reason(reason, "Tuliskan alasan membuka kembali siklus.")

    def check(cycle):
        if cycle.status != CYCLE_CLOSED:
            raise InvalidInput([f"Siklus {cycle.year} tidak sedang ditutup."])
        if cycle.published:
            raise InvalidInput([f"Siklus {cycle.year} sudah dipublikasikan; tarik publikasinya dulu sebelum "
                                "membuka kembali, agar angka publik tidak berubah diam-diam."])
        if under_way := verification_under_way(object_session(cycle), cycle):
            raise InvalidInput([under_way])
    return _change(engine, actor, year, region_code, "reopen", check,
                   lambda now: {"status": CYCLE_OPEN, "closed_at": None}, reason)


def publish_cycle(engine: Engine, actor, year: int, region_code: str | None = None,
                  reason: str | None = None) -> CycleState:
    """Show the cycle's verified values on the public page; the cycle must be closed and hold a
    verified answer, and below the minimum share of verified questions `reason` says why now."""
    reason = (reason or "").strip()
    min_share = min_verified_share()

    def check(cycle):
        if cycle.published:
            raise InvalidInput([f"Siklus {cycle.year} sudah dipublikasikan."])
        if cycle.status != CYCLE_CLOSED:
            raise InvalidInput([f"Tutup siklus {cycle.year} dulu: hanya siklus yang sudah ditutup yang dapat "
                                "dipublikasikan."])
        problems = publication_problems(cycle.year, cycle_coverage(object_session(cycle), cycle), reason, min_share)
        if under_way := verification_under_way(object_session(cycle), cycle):
            problems.append(under_way)
        if problems:
            raise InvalidInput(problems)
    return _change(engine, actor, year, region_code, "publish", check,
                   lambda now: {"published": True, "published_at": now, "publication_note": reason or None},
                   reason or None)


def unpublish_cycle(engine: Engine, actor, year: int, reason: str, region_code: str | None = None) -> CycleState:
    """Take the cycle's figures off the public page, with a reason."""
    require_role(actor, CYCLE_MANAGERS, NOT_THE_CHAIR)
    reason = _reason(reason, "Tuliskan alasan menarik publikasi siklus.")

    def check(cycle):
        if not cycle.published:
            raise InvalidInput([f"Siklus {cycle.year} belum dipublikasikan."])
    return _change(engine, actor, year, region_code, "unpublish", check,
                   lambda now: {"published": False, "published_at": None, "publication_note": None}, reason)
