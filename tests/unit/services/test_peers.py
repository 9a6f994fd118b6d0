"""Peers side by side (data/services/province/peers.py): shares of regions earning each indicator in
full, in part or not at all; this region's standing and rank in its province; the indicators no
region meets. Another region's unpublished cycle never counts, for the public or the task force."""
from datetime import date

import pytest
from sqlalchemy import select

from data.db import unit_of_work
from data.errors import NotFound, PermissionDenied
from data.models import Answer, Assignment, EvaluationCycle, Question, Region, ReportingUnit
from data.services.province.peers import peer_comparison
from review_fixtures import account, second_region


def kabupaten_2024(engine, published: bool) -> None:
    """Kabupaten Kupang's 2024 cycle with 1.1 verified in full (the demo's Kota Kupang has part of it)."""
    second_region(engine)
    with unit_of_work(engine) as session:
        region = session.scalar(select(Region).where(Region.code == "53.01"))
        version = session.scalar(
            select(EvaluationCycle.catalog_version_id).where(EvaluationCycle.region_id == region.id))
        question = session.scalar(
            select(Question).where(Question.catalog_version_id == version, Question.code == "1.1"))
        unit = session.scalar(select(ReportingUnit).where(ReportingUnit.region_id == region.id))
        cycle = EvaluationCycle(region_id=region.id, year=2024, catalog_version_id=version, status="closed",
                                deadline=date(2024, 4, 30), published=published)
        session.add(cycle)
        session.flush()
        session.add(Answer(region_id=region.id, cycle_id=cycle.id, question_id=question.id, reporting_unit_id=unit.id,
                           bool_value=True, status="verified", self_points=question.max_points,
                           verified_points=question.max_points))
        assert session.scalar(select(Assignment).where(Assignment.region_id == region.id)) is not None


def test_a_published_peer_counts_and_shares_add_up(seeded_engine):
    kabupaten_2024(seeded_engine, published=True)
    peers = peer_comparison(seeded_engine, None, "53.71", 2024)
    assert (peers.regions, peers.province_regions, peers.province_rank) == (2, 2, 1)
    shares = peers.indicators[["full_share", "partial_share", "none_share"]].sum(axis=1)
    assert shares.round(9).eq(1).all() and (peers.indicators["regions"] == 2).all()
    by_code = peers.indicators.set_index("indicator_code")
    assert by_code.loc["1", ["own_state", "partial_share", "none_share"]].tolist() == ["partial", 1.0, 0.0]
    assert by_code.loc["2", ["own_state", "partial_share", "none_share"]].tolist() == ["partial", 0.5, 0.5]
    assert "1" in peers.unmet  # indicator 1 has more questions than 1.1: Kabupaten Kupang earns only part of it
    assert peers.unmet == peers.indicators[peers.indicators["full_share"] == 0]["indicator_code"].tolist()
    from_kabupaten = peer_comparison(seeded_engine, None, "53.01", 2024)
    assert from_kabupaten.province_rank == 2


def test_an_unpublished_peer_never_counts(seeded_engine):
    kabupaten_2024(seeded_engine, published=False)
    for actor in (None, account(seeded_engine, "ketua")):
        peers = peer_comparison(seeded_engine, actor, "53.71", 2024)
        assert (peers.regions, peers.province_regions) == (1, 1)
        assert (peers.indicators["regions"] == 1).all()
    with pytest.raises(NotFound, match="belum diterbitkan"):
        peer_comparison(seeded_engine, None, "53.01", 2024)
    with pytest.raises(NotFound, match="belum diterbitkan"):
        peer_comparison(seeded_engine, None, "53.71", 2025)
    own_open = peer_comparison(seeded_engine, account(seeded_engine, "ketua"), "53.71", 2025)
    assert own_open.regions == 1  # the task force sees its own open cycle, and nobody else's


def test_only_the_regions_readers_compare_its_unpublished_cycle(seeded_engine):
    second_region(seeded_engine)
    for username in ("opd.dinkes", "forum.anak", "ketua.kab"):
        with pytest.raises(PermissionDenied):
            peer_comparison(seeded_engine, account(seeded_engine, username), "53.71", 2025)
