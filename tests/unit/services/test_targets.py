"""Targets of a cycle (data/services/cycles/targets.py): set by the secretariat per indicator or
question, checked, audited, shown on the review cards."""
import pandas as pd
import pytest

from data.errors import InvalidInput, NotFound, PermissionDenied
from data.services.cycles.targets import cycle_targets, remove_target, set_target
from data.services.review.review import ReviewFilters, review_queue
from review_fixtures import account, audit_of, second_region, snapshot


@pytest.fixture
def secretariat(seeded_engine):
    return account(seeded_engine, "sekretariat")


def test_the_secretariat_sets_targets_the_review_cards_show(seeded_engine, secretariat):
    set_target(seeded_engine, secretariat, None, 2025, indicator_code="19", target_points="40,5",
               note="Rakor 2024: semua SD ber-SK SRA")
    set_target(seeded_engine, secretariat, None, 2025, question_code="19.2b", target_value=80, target_points=2.5)
    targets = cycle_targets(seeded_engine, account(seeded_engine, "ketua"), "53.71", 2025)
    shown = [[None if pd.isna(v) else v for v in row]
             for row in targets[["indicator_code", "question_code", "target_points", "target_value"]].values.tolist()]
    assert shown == [["19", None, 40.5, None], [None, "19.2b", 2.5, 80.0]]
    assert targets["max_points"].tolist() == [51.0, 3.2]
    set_target(seeded_engine, secretariat, None, 2025, indicator_code="19", target_points=45)
    assert cycle_targets(seeded_engine, secretariat, None, 2025)["target_points"].tolist() == [45.0, 2.5]
    [first, second, replaced] = audit_of(seeded_engine, "target.set")
    assert replaced.details["old"]["points"] == 40.5 and replaced.details["new"]["points"] == 45
    every_status = ReviewFilters(statuses=("draft", "submitted", "returned", "verified"))
    cards = review_queue(seeded_engine, account(seeded_engine, "ketua"), 2025, every_status).rows
    nineteen = cards[cards["indicator_code"] == "19"].set_index("question_code")["target"]
    assert len(nineteen) >= 2
    for code, target in nineteen.items():
        expected = "nilai 80; 2,5 poin" if code == "19.2b" else "indikator 19: 45 poin"
        assert target == expected, code
    assert remove_target(seeded_engine, secretariat, None, 2025, question_code="19.2b")
    assert not remove_target(seeded_engine, secretariat, None, 2025, question_code="19.2b")
    assert len(cycle_targets(seeded_engine, secretariat, None, 2025)) == 1
    assert audit_of(seeded_engine, "target.remove")


@pytest.mark.parametrize("kwargs,message", [
    ({"indicator_code": "19", "target_points": 52}, "melebihi nilai maksimum 51"),
    ({"indicator_code": "19", "target_points": -1}, "0 atau lebih"),
    ({"indicator_code": "19", "target_points": "banyak"}, "bukan angka"),
    ({"indicator_code": "19"}, "Isi target poin atau target nilai"),
    ({"indicator_code": "19", "target_value": 50}, "hanya untuk pertanyaan persentase atau jumlah"),
    ({"question_code": "19.1", "target_value": 1}, "hanya untuk pertanyaan persentase atau jumlah"),
    ({"question_code": "19.2b", "target_value": 101}, "paling besar 100"),
    ({"question_code": "19.9z", "target_points": 1}, "tidak ada dalam instrumen"),
    ({"indicator_code": "99", "target_points": 1}, "tidak ada dalam instrumen"),
    ({"indicator_code": "19", "question_code": "19.1", "target_points": 1}, "satu indikator atau satu pertanyaan"),
    ({"target_points": 1}, "satu indikator atau satu pertanyaan"),
    ({"indicator_code": "19", "target_points": 1, "note": "x" * 501}, "terlalu panjang"),
])
def test_a_bad_target_is_refused_and_changes_nothing(seeded_engine, secretariat, kwargs, message):
    before = snapshot(seeded_engine)
    with pytest.raises(InvalidInput, match=message):
        set_target(seeded_engine, secretariat, None, 2025, **kwargs)
    assert snapshot(seeded_engine) == before


@pytest.mark.parametrize("username", ["ketua", "anggota", "opd.dp3a"])
def test_only_the_secretariat_or_admin_sets_targets(seeded_engine, username):
    with pytest.raises(PermissionDenied, match="sekretariat"):
        set_target(seeded_engine, account(seeded_engine, username), "53.71", 2025, indicator_code="19",
                   target_points=10)
    with pytest.raises(PermissionDenied):
        cycle_targets(seeded_engine, account(seeded_engine, "opd.dp3a"), "53.71", 2025)


def test_targets_stay_in_their_own_region_and_cycle(seeded_engine, secretariat):
    second_region(seeded_engine)
    with pytest.raises(PermissionDenied):
        set_target(seeded_engine, secretariat, "53.01", 2025, indicator_code="19", target_points=10)
    with pytest.raises(NotFound):
        set_target(seeded_engine, secretariat, None, 2031, indicator_code="19", target_points=10)
    admin = account(seeded_engine, "admin")
    set_target(seeded_engine, admin, "53.01", 2025, indicator_code="19", target_points=10)
    assert cycle_targets(seeded_engine, secretariat, None, 2025).empty
