"""The demo's illustrative NTT neighbours (seed/ntt.py): Kabupaten Kupang and Kabupaten Belu are hosted
as a real region is (official code, kecamatan and desa from the official list), and give the
province's board, its verification and the peers something to show, while a visitor still lands on
the deployment's own Kota Kupang."""
from datetime import date

import pytest
from sqlalchemy import func, select

from data.db import unit_of_work
from data.models import AuditLog, Region, ReportingUnit
from data.services.province.board import readiness_board
from data.services.province.peers import peer_comparison
from data.services.province.verification import province_queue, province_reading
from data.services.public.summary import list_public_regions
from data.services.scoring.scores import score_all_regions
from review_fixtures import account
from seed.ntt import PROVINCE_LOWERED, PROVINCE_LOWERED_REASON, PROVINCE_RETURN_REASON


def test_the_neighbours_are_hosted_from_the_official_list(ntt_engine):
    with unit_of_work(ntt_engine) as session:
        regions = {r.code: r for r in session.scalars(select(Region))}
        assert {code: r.name for code, r in regions.items()} == {
            "53.71": "Kota Kupang", "53.01": "Kabupaten Kupang", "53.04": "Kabupaten Belu"}
        kinds = dict(session.execute(select(ReportingUnit.kind, func.count()).where(
            ReportingUnit.region_id == regions["53.04"].id).group_by(ReportingUnit.kind)).all())
        assert kinds["kecamatan"] >= 12 and kinds["kelurahan"] >= 69 and kinds["opd"] == 29
        assert all(code.startswith("53.04.") for code in session.scalars(select(ReportingUnit.code).where(
            ReportingUnit.region_id == regions["53.04"].id, ReportingUnit.code.is_not(None))))
        illustrative = [e.details for e in session.scalars(select(AuditLog).where(AuditLog.action == "seed_demo"))
                        if e.details.get("illustrative")]
        assert sorted(d["region"] for d in illustrative) == ["53.01", "53.04"]


def test_three_readings_tell_belu_losing_nindya_at_the_province(ntt_engine):
    totals = {basis: score_all_regions(ntt_engine, basis, 2025).set_index("region")
              for basis in ("self", "verified", "province")}
    belu = {basis: totals[basis].loc["53.04"] for basis in totals}
    assert belu["self"]["total"] >= belu["verified"]["total"] > belu["province"]["total"]
    assert (belu["verified"]["predikat_name"], belu["province"]["predikat_name"]) == ("Nindya", "Madya")
    for code in ("53.71", "53.01"):  # the province has not read their 2025 cycles
        assert totals["province"].loc[code, "total"] == pytest.approx(totals["verified"].loc[code, "total"])
    published = score_all_regions(ntt_engine, "verified", 2024).set_index("region")["predikat_name"].to_dict()
    assert published == {"53.71": "Madya", "53.01": "Pratama", "53.04": "Madya"}


def test_the_province_found_belu_half_read_and_its_chair_sees_why(ntt_engine):
    queue = province_queue(ntt_engine, account(ntt_engine, "provinsi.ntt"), "53.04", 2025)
    states = queue["province_state"].value_counts().to_dict()
    assert states["lowered"] == PROVINCE_LOWERED and states["returned"] == 1
    assert states["confirmed"] > states["open"] > 0
    lowered = queue[queue["province_state"] == "lowered"]
    assert lowered["evidence_required"].all() and (lowered["province_points"] == 0).all()
    seen = province_reading(ntt_engine, account(ntt_engine, "ketua.belu"), None, 2025)
    by_state = seen.groupby("province_state")
    assert set(by_state.get_group("lowered")["province_reason"]) == {PROVINCE_LOWERED_REASON}
    assert by_state.get_group("returned")["province_return_reason"].tolist() == [PROVINCE_RETURN_REASON]
    assert set(seen["province_state"]) == {"lowered", "returned"}


def test_the_board_shows_the_province_with_kabupaten_kupang_late(ntt_engine):
    board = readiness_board(ntt_engine, account(ntt_engine, "provinsi.ntt"), 2025, today=date(2026, 12, 4))
    rows = board.regions.set_index("region_code")
    assert set(rows.index) == {"53.71", "53.01", "53.04"}
    assert (rows.loc["53.01", "stage"], rows.loc["53.01", "days_to_deadline"]) == ("filling", -7)
    assert rows.loc["53.01", "late_units"] > 0 and rows.loc["53.71", "late_units"] == 0  # Kupang's is 18 December
    assert rows.loc["53.04", "stage"] == "closed" and rows.loc["53.04", "predikat_name"] == "Nindya"
    # Belu's deadline passed long ago with questions unanswered, but its cycle is closed: nobody is late
    assert rows.loc["53.04", "assigned"] > rows.loc["53.04", "submitted"]
    assert (rows.loc["53.04", "late_units"], rows.loc["53.04", "late_unit_names"]) == (0, "")


def test_peers_compare_kota_kupang_with_its_published_neighbours(ntt_engine):
    public = peer_comparison(ntt_engine, None, "53.71", 2024)
    assert (public.regions, public.province_regions, public.province_rank) == (3, 3, 2)  # Belu 645,41 leads
    own = peer_comparison(ntt_engine, account(ntt_engine, "ketua"), "53.71", 2025)
    assert own.regions == 1  # no neighbour has published 2025: none of their figures is shown


def test_a_visitor_lands_on_the_deployments_own_region(ntt_engine):
    regions = list_public_regions(ntt_engine)
    assert [r["name"] for r in regions] == ["Kabupaten Belu", "Kabupaten Kupang", "Kota Kupang"]
    assert [r["code"] for r in regions if r["home"]] == ["53.71"]
