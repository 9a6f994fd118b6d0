"""What the public may see: the published cycles. Every public use case (summary, indicators,
Kelana Dekela, the CSV export) reads its cycles through here, so an unpublished cycle is never
shown, and naming one is refused with the cycles that are published. The names a cycle was
published with (the region's and its units') are kept with it, so renaming a unit later leaves
the published pages and files as they were."""
from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from data.errors import NotFound
from data.models import EvaluationCycle, PublishedFigures, Region, ReportingUnit


def published_cycles(session: Session, region_id: int | None = None) -> list[EvaluationCycle]:
    """Published cycles, oldest first: of one region, or of every region."""
    query = select(EvaluationCycle).where(EvaluationCycle.published.is_(True))
    if region_id is not None:
        query = query.where(EvaluationCycle.region_id == region_id)
    return list(session.scalars(query.order_by(EvaluationCycle.year)))


def published_up_to(session: Session, region: Region, up_to_year: int | None,
                    published: list[EvaluationCycle] | None = None) -> list[EvaluationCycle]:
    """Published cycles of a region, oldest first; only those up to `up_to_year` when given, and
    then that year must itself be published. `published`: the region's published cycles when the
    caller has read them already."""
    cycles = published if published is not None else published_cycles(session, region.id)
    if up_to_year is None:
        return cycles
    if up_to_year not in {c.year for c in cycles}:
        listed = ", ".join(str(c.year) for c in cycles) or "belum ada"
        raise NotFound(f"Siklus {up_to_year} untuk {region.name} belum diterbitkan, jadi tidak ada yang "
                       f"boleh ditampilkan atau diekspor. Siklus yang sudah diterbitkan: {listed}.")
    return [c for c in cycles if c.year <= up_to_year]


NAMES = "names"
"""The kind of published_figures row holding the region's and its units' names at publication."""


def names_now(session: Session, region: Region) -> dict:
    """The region's name and every unit's name (by short name) as they are now."""
    units = dict(session.execute(
        select(ReportingUnit.short_name, ReportingUnit.name).where(ReportingUnit.region_id == region.id)).all())
    return {"region": region.name, "units": units}


def freeze_names(session: Session, cycle: EvaluationCycle) -> None:
    """Keeps the names the public sees of the cycle as they are now (at publication)."""
    thaw_names(session, cycle)
    region = session.get_one(Region, cycle.region_id)
    session.add(PublishedFigures(cycle_id=cycle.id, kind=NAMES, content=names_now(session, region)))


def thaw_names(session: Session, cycle: EvaluationCycle) -> None:
    """Forgets the kept names of a cycle taken off the public page."""
    session.execute(delete(PublishedFigures).where(PublishedFigures.cycle_id == cycle.id,
                                                   PublishedFigures.kind == NAMES))


def published_names(session: Session, region: Region, cycle: EvaluationCycle) -> dict:
    """The names as the cycle was published with ({"region": ..., "units": {short_name: name}});
    the names of now for a cycle published before names were kept."""
    kept = session.scalar(select(PublishedFigures.content).where(PublishedFigures.cycle_id == cycle.id,
                                                                PublishedFigures.kind == NAMES))
    return kept or names_now(session, region)


def freeze_unnamed_cycles(session: Session) -> int:
    """Keeps the names of published cycles that have none kept yet; returns how many."""
    kept = select(PublishedFigures.id).where(PublishedFigures.cycle_id == EvaluationCycle.id,
                                             PublishedFigures.kind == NAMES)
    cycles = list(session.scalars(select(EvaluationCycle).where(EvaluationCycle.published.is_(True), ~kept.exists())))
    for cycle in cycles:
        freeze_names(session, cycle)
    return len(cycles)
