"""Nothing typed is lost: what a focal point types on the entry page (a question's form or the
table) is kept for their account as they go, before any save, and given back when they return
after a reload or another page. It is not an answer: saving one (answers.save_draft, the table)
is what counts, is checked and audited; this is the focal point's own scratch, so it is neither
validated (half-typed values are what it is for) nor audited, and it is dropped once saved."""
from __future__ import annotations

from sqlalchemy import Engine, delete, select

from data.access import require_active_actor
from data.actor import SignedInUser
from data.db import unit_of_work
from data.errors import InvalidInput
from data.models import DRAFT_SOURCES, TypedDraft
from data.services.entry.scope import acting_unit, entry_cycle
from indicators import clock
from indicators.workflow import CYCLE_OPEN

MAX_TYPED_CHARS = 20_000
"""A draft holds one question's fields (a note is at most a few thousand characters)."""


def keep_typed(engine: Engine, actor: SignedInUser, year: int | None, code: str, source: str, typed: dict,
               base_version: int | None) -> None:
    """Keep (or replace) what the actor has typed for the question and not saved."""
    require_active_actor(engine, actor)
    if source not in DRAFT_SOURCES or not code or len(code) > 32 or len(repr(typed)) > MAX_TYPED_CHARS:
        raise InvalidInput(["Isian sementara ini tidak dapat disimpan; simpan jawabannya dengan tombol Simpan."])
    with unit_of_work(engine) as session:
        acting_unit(session, actor)
        cycle = entry_cycle(session, actor, year)
        if cycle.status != CYCLE_OPEN:
            return
        row = session.scalar(select(TypedDraft).where(
            TypedDraft.user_id == actor.id, TypedDraft.cycle_id == cycle.id, TypedDraft.question_code == code,
            TypedDraft.source == source))
        if row is None:
            row = TypedDraft(user_id=actor.id, cycle_id=cycle.id, question_code=code, source=source)
            session.add(row)
        row.typed, row.base_version, row.updated_at = dict(typed), base_version, clock.now()


def typed_drafts(engine: Engine, actor: SignedInUser, year: int | None, source: str) -> dict[str, dict]:
    """The actor's unsaved typing in the cycle: code -> typed, base_version, updated_at."""
    with unit_of_work(engine, read_only=True) as session:
        acting_unit(session, actor)
        cycle = entry_cycle(session, actor, year)
        return {row.question_code: {"typed": dict(row.typed), "base_version": row.base_version,
                                    "updated_at": row.updated_at}
                for row in session.scalars(select(TypedDraft).where(
                    TypedDraft.user_id == actor.id, TypedDraft.cycle_id == cycle.id, TypedDraft.source == source))}


def drop_typed(engine: Engine, actor: SignedInUser, year: int | None, codes: list[str],
               source: str | None = None) -> None:
    """Forget the typing of these questions (saved, or put back as stored); every source unless named."""
    if not codes:
        return
    with unit_of_work(engine) as session:
        acting_unit(session, actor)
        cycle = entry_cycle(session, actor, year)
        query = delete(TypedDraft).where(TypedDraft.user_id == actor.id, TypedDraft.cycle_id == cycle.id,
                                         TypedDraft.question_code.in_(list(codes)))
        if source is not None:
            query = query.where(TypedDraft.source == source)
        session.execute(query)
