"""The Forum Anak's view: its facilitator (role "forum", or the admin) records, for a cycle, the
children's rating of each group of the instrument with a short comment and the day they met; the
task force reads it beside the scores; the public reads it once the cycle is published. No child's
name is asked for or stored. Every change is audited. indicators.forum holds the rules."""
from __future__ import annotations

from datetime import date

import pandas as pd
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from data import audit
from data.access import (
    FORUM_READERS,
    FORUM_RECORDERS,
    named_or_own_region,
    require_current_account,
    require_role,
)
from data.actor import SignedInUser
from data.db import bump_data_version, unit_of_work
from data.errors import InvalidInput
from data.lookups import cycle_catalog, find_cycle, find_region, years_and_open_one
from data.models import EvaluationCycle, ForumView, utc_now
from data.services.public.published import published_up_to
from indicators import clock
from indicators import forum as rules

NOT_A_RECORDER = "Hanya fasilitator Forum Anak (atau admin) yang dapat mencatat pandangan Forum Anak."
NOT_A_READER = "Hanya Gugus Tugas, sekretariat, fasilitator Forum Anak atau admin yang dapat melihat pandangan ini."
COLUMNS = ["group_code", "name_id", "name_en", "position", "rating", "comment", "met_on", "recorded_at"]


def record_views(engine: Engine, actor: SignedInUser, region_code: str | None, year: int, *,
                 ratings: dict[str, tuple[int | None, str | None]], met_on: date | None,
                 today: date | None = None) -> int:
    """The forum's rating and comment per group (group code -> (rating 1-5 or None to leave it out,
    comment)); returns how many groups were recorded. All or nothing."""
    require_role(actor, FORUM_RECORDERS, NOT_A_RECORDER)
    today = today or clock.today()
    with unit_of_work(engine) as session:
        require_current_account(session, actor)
        region = named_or_own_region(session, actor, region_code)
        cycle = find_cycle(session, region, int(year))
        groups = {g.code: g.name.id for g in cycle_catalog(session, cycle).groups}
        chosen = {code: (rating, comment) for code, (rating, comment) in ratings.items()
                  if rating is not None or (comment or "").strip()}
        problems = [f"Kelompok '{str(code)[:20]}' tidak ada dalam instrumen siklus {cycle.year}."
                    for code in chosen if code not in groups]
        for code, (rating, comment) in chosen.items():
            if code in groups:
                problems += rules.view_problems(groups[code], rating, comment, met_on, cycle.year, today)
        if not chosen:
            problems.append("Beri penilaian untuk sedikitnya satu klaster.")
        if problems:
            raise InvalidInput(list(dict.fromkeys(problems)))
        if met_on is None:  # view_problems above has refused views without their meeting date
            raise InvalidInput(["Isi tanggal pertemuan Forum Anak."])
        # view_problems has refused a chosen group without a rating of 1 to 5: every one has its rating
        rated = {code: (rating, comment) for code, (rating, comment) in chosen.items() if rating is not None}
        existing = {v.group_code: v for v in session.scalars(select(ForumView).where(ForumView.cycle_id == cycle.id))}
        for code, (rating, comment) in rated.items():
            view = existing.get(code)
            if view is None:
                view = ForumView(region_id=region.id, cycle_id=cycle.id, group_code=code, version=0)
                session.add(view)
            view.rating, view.comment, view.met_on = int(rating), (comment or "").strip() or None, met_on
            view.version = (view.version or 0) + 1
            view.recorded_by_id, view.recorded_at = actor.id, utc_now()
        audit.record(session, actor.id, "forum.record", "evaluation_cycle", cycle.id, region.id,
                     {"region": region.code, "cycle": cycle.year, "met_on": met_on.isoformat(),
                      "ratings": {code: int(rating) for code, (rating, _) in rated.items()}})
        bump_data_version(session, region.id)
        return len(chosen)


def _frame(session: Session, cycle: EvaluationCycle) -> pd.DataFrame:
    catalog = cycle_catalog(session, cycle)
    names = {g.code: (g.name.id, g.name.en, position) for position, g in enumerate(catalog.groups)}
    rows = []
    for v in session.scalars(select(ForumView).where(ForumView.cycle_id == cycle.id)):
        name_id, name_en, position = names.get(v.group_code, (v.group_code, v.group_code, len(names)))
        rows.append({"group_code": v.group_code, "name_id": name_id, "name_en": name_en, "position": position,
                     "rating": v.rating, "comment": v.comment or "", "met_on": v.met_on,
                     "recorded_at": v.recorded_at})
    return pd.DataFrame(rows, columns=COLUMNS).sort_values("position", ignore_index=True)


def forum_years(engine: Engine, actor: SignedInUser, region_code: str | None = None) -> tuple[list[int], int | None]:
    """The region's cycle years for the Forum Anak page (newest first, and the one to show first)."""
    require_role(actor, FORUM_READERS, NOT_A_READER)
    with unit_of_work(engine, read_only=True) as session:
        require_current_account(session, actor)
        return years_and_open_one(session, named_or_own_region(session, actor, region_code))


def forum_groups(engine: Engine, actor: SignedInUser, region_code: str | None, year: int) -> list[dict]:
    """The groups of the cycle's instrument the forum may rate: code, name_id, name_en."""
    require_role(actor, FORUM_READERS, NOT_A_READER)
    with unit_of_work(engine, read_only=True) as session:
        require_current_account(session, actor)
        cycle = find_cycle(session, named_or_own_region(session, actor, region_code), int(year))
        return [{"code": g.code, "name_id": g.name.id, "name_en": g.name.en or g.name.id}
                for g in cycle_catalog(session, cycle).groups]


def forum_views(engine: Engine, actor: SignedInUser, region_code: str | None, year: int) -> pd.DataFrame:
    """The forum's view of a cycle for the task force and the facilitator, in instrument order."""
    require_role(actor, FORUM_READERS, NOT_A_READER)
    with unit_of_work(engine, read_only=True) as session:
        require_current_account(session, actor)
        region = named_or_own_region(session, actor, region_code)
        return _frame(session, find_cycle(session, region, int(year)))


def public_forum_views(engine: Engine, region_code: str, year: int) -> pd.DataFrame:
    """The same for anyone, once the cycle is published (refused, with the published years, before)."""
    with unit_of_work(engine, read_only=True) as session:
        region = find_region(session, region_code)
        cycle = published_up_to(session, region, int(year))[-1]
        return _frame(session, cycle)
