"""The answer-status machine (indicators/workflow.py), the reason rule and the verified-points
rule of the review (indicators/verification.py), as properties: pure, no database."""
from __future__ import annotations

import math

from hypothesis import assume, given
from hypothesis import strategies as st

from indicators import text
from indicators.verification import POINTS_TOLERANCE, verified_points, verified_points_problem
from indicators.workflow import (
    ANSWER_STATUSES,
    CYCLE_STATUS_NAMES,
    CYCLE_STATUSES,
    EDITABLE,
    ENTERABLE,
    MAX_REASON_LENGTH,
    NOT_STARTED,
    STATUS_NAMES,
    STORED_STATUSES,
    SUBMITTED,
    TRANSITIONS,
    VERIFIED,
    cycle_status_name,
    is_editable,
    may,
    next_status,
    reason_problem,
    status_name,
)

ACTIONS = list(TRANSITIONS)
statuses = st.sampled_from(ANSWER_STATUSES)
actions = st.sampled_from(ACTIONS)
langs = st.sampled_from(["id", "en"])


# --- the status machine -----------------------------------------------------------------------------

@given(actions, statuses)
def test_every_move_leads_to_an_answer_status(action, status):
    assume(may(action, status))
    assert next_status(action, status) in ANSWER_STATUSES
    assert next_status(action, status) in STORED_STATUSES   # a move always leaves a stored answer


@given(actions, statuses)
def test_next_status_refuses_exactly_what_may_refuses(action, status):
    if may(action, status):
        assert next_status(action, status) == TRANSITIONS[action][status]
    else:
        try:
            next_status(action, status)
        except ValueError:
            return
        raise AssertionError(f"{action} from {status} should be refused")


def test_every_move_starts_from_an_answer_status():
    for moves in TRANSITIONS.values():
        assert set(moves) <= set(ANSWER_STATUSES) and set(moves.values()) <= set(ANSWER_STATUSES)


@given(statuses)
def test_editable_statuses_are_the_stored_ones_save_accepts(status):
    if status in STORED_STATUSES:
        assert (status in EDITABLE) == may("save", status)
    assert (status in ENTERABLE) == may("save", status) == is_editable(status)


def test_editable_is_exactly_what_save_accepts_among_stored_statuses():
    assert {s for s in STORED_STATUSES if may("save", s)} == set(EDITABLE)
    assert set(ENTERABLE) == {NOT_STARTED, *EDITABLE}


@given(actions, statuses)
def test_verified_is_reached_only_from_submitted(action, status):
    assume(may(action, status))
    if next_status(action, status) == VERIFIED:
        assert status == SUBMITTED and action == "verify"


@given(actions)
def test_no_move_leaves_verified_except_reopen(action):
    if may(action, VERIFIED):
        assert action == "reopen" and next_status(action, VERIFIED) == SUBMITTED


@given(st.lists(actions, max_size=30))
def test_any_walk_of_allowed_moves_stays_in_the_machine(walk):
    """From no answer, whatever allowed moves follow: the status is always a known one, verified
    is only ever entered from submitted, and only reopen leaves it."""
    status = NOT_STARTED
    for action in walk:
        if not may(action, status):
            continue
        after = next_status(action, status)
        assert after in ANSWER_STATUSES
        if after == VERIFIED:
            assert status == SUBMITTED
        if status == VERIFIED:
            assert action == "reopen"
        status = after


@given(statuses, langs)
def test_status_name_covers_every_status_in_both_languages(status, lang):
    assert status in STATUS_NAMES[lang]
    name = status_name(status, lang)
    assert name and name == STATUS_NAMES[lang][status] and name == name.lower()


def test_status_names_are_distinct_and_submitted_is_diajukan():
    for lang in ("id", "en"):
        names = [status_name(s, lang) for s in ANSWER_STATUSES]
        assert len(set(names)) == len(names)
    assert status_name(SUBMITTED) == "diajukan" and status_name(None) == status_name(NOT_STARTED)
    assert "terkirim" not in {status_name(s) for s in ANSWER_STATUSES}


@given(st.sampled_from(CYCLE_STATUSES), langs)
def test_cycle_status_name_covers_every_cycle_status(status, lang):
    assert cycle_status_name(status, lang) == CYCLE_STATUS_NAMES[lang][status]


# --- reasons ----------------------------------------------------------------------------------------

@given(st.text(max_size=MAX_REASON_LENGTH + 50))
def test_a_reason_stands_when_given_and_not_too_long(reason):
    problem = reason_problem(reason, "Tuliskan alasannya.")
    if not reason:
        assert problem == "Tuliskan alasannya."
    elif len(reason) > MAX_REASON_LENGTH:
        assert problem and "terlalu panjang" in problem and str(MAX_REASON_LENGTH) in problem
    else:
        assert problem is None


# --- verified points --------------------------------------------------------------------------------

maxima = st.sampled_from([0.25, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 5.0, 10.0, 15.0, 100.0])
shares = st.floats(min_value=0, max_value=1, allow_nan=False)
reasons = st.sampled_from(["", "Bukti dukung kurang lengkap."])
unit_kinds = st.sampled_from([None, "kecamatan", "kelurahan"])


@given(maxima, shares, reasons, unit_kinds)
def test_the_self_assessed_points_always_stand(max_points, share, reason, kind):
    self_points = share * max_points
    assert verified_points_problem(None, self_points, max_points, reason, kind) is None
    assert verified_points_problem(self_points, self_points, max_points, reason, kind) is None
    assert verified_points(None, self_points, max_points) == min(self_points, max_points)


@given(maxima, shares, st.floats(allow_nan=True, allow_infinity=True), reasons, unit_kinds)
def test_what_stands_lies_within_zero_and_the_maximum(max_points, share, points, reason, kind):
    self_points = share * max_points
    problem = verified_points_problem(points, self_points, max_points, reason, kind)
    if not math.isfinite(points):
        assert problem == "poin terverifikasi harus berupa angka."
    elif points < 0 or points > max_points + POINTS_TOLERANCE:
        assert problem and "harus antara 0 dan" in problem and text.number(max_points) in problem
    if problem is None:
        stored = verified_points(points, self_points, max_points)
        assert 0 <= stored <= max_points


@given(st.sampled_from([True, False, "2", [1.0]]))
def test_points_that_are_not_a_number_are_refused(points):
    assert verified_points_problem(points, 1.0, 2.0, "alasan") == "poin terverifikasi harus berupa angka."


@given(maxima, shares, shares, unit_kinds)
def test_points_that_differ_need_a_reason(max_points, self_share, share, kind):
    self_points, points = self_share * max_points, share * max_points
    assume(abs(points - self_points) > POINTS_TOLERANCE)
    without = verified_points_problem(points, self_points, max_points, "", kind)
    with_reason = verified_points_problem(points, self_points, max_points, "Bukti kurang.", kind)
    assert without is not None
    if with_reason is None:
        assert "tuliskan alasannya" in without


@given(maxima, shares, shares)
def test_a_city_opd_answer_may_stand_anywhere_in_bounds_with_a_reason(max_points, self_share, share):
    assert verified_points_problem(share * max_points, self_share * max_points, max_points, "alasan") is None


@given(maxima, shares, shares, st.sampled_from(["kecamatan", "kelurahan"]))
def test_a_units_yes_counts_whole_or_not_at_all(max_points, self_share, share, kind):
    self_points, points = self_share * max_points, share * max_points
    problem = verified_points_problem(points, self_points, max_points, "alasan", kind)
    if POINTS_TOLERANCE < points < self_points - POINTS_TOLERANCE:
        assert problem and f"jawaban {kind} dihitung utuh bagi kota" in problem
    else:
        assert problem is None
    assert verified_points_problem(0.0, self_points, max_points, "alasan", kind) is None


@given(maxima, st.floats(min_value=0, max_value=POINTS_TOLERANCE / 2, allow_nan=False))
def test_a_hair_above_the_maximum_is_stored_as_the_maximum(max_points, excess):
    points = max_points + excess
    assert verified_points_problem(points, max_points, max_points, "") is None
    assert verified_points(points, max_points, max_points) == max_points
