"""What the public may see: the published cycles. Every public use case (summary, indicators,
Kelana Dekela, the CSV export) reads its cycles through here, so an unpublished cycle is never
shown, and naming one is refused with the cycles that are published."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from data.errors import NotFound
from data.models import EvaluationCycle, Region


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
