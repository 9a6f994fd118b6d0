"""The share_yes derivation of a city's answer from its kecamatan's or kelurahan's answers (pure)."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indicators.answers import AnswerValue, points_for
from indicators.catalog import load_default_catalog
from indicators.derivation import (
    UnitAnswer,
    city_points,
    derivation_text,
    derive_share_yes,
    derived_points,
    is_derived,
    unit_catalog,
    unit_kind,
    unit_points,
    unit_question,
)

CATALOG = load_default_catalog()
FORUM = CATALOG.question("25.2")       # every kecamatan, 1.25 points
PATBM = CATALOG.question("26.15")      # every desa/kelurahan, 10 points
KECAMATAN = ["kec_a", "kec_b", "kec_c", "kec_d", "kec_e", "kec_f"]


def test_the_catalog_flags_which_unit_answers_and_city_questions_are_not_derived():
    assert (unit_kind(FORUM), unit_kind(PATBM), unit_kind(CATALOG.question("1.1"))) == ("kecamatan", "kelurahan", None)
    derived = [q.code for q in CATALOG.questions if is_derived(q)]
    assert len(derived) == 22 and all(CATALOG.question(c).derivation == "share_yes" for c in derived)


def test_a_unit_answers_yes_or_no_on_its_own_prompt_worth_its_share_of_the_city():
    asked = unit_question(FORUM, 6)
    assert asked.answer.type == "yes_no" and asked.prompt.id.startswith("Apakah kecamatan ini")
    assert asked.max_points == pytest.approx(1.25 / 6)
    assert points_for(asked, AnswerValue(bool_value=True)) == pytest.approx(1.25 / 6)
    assert points_for(asked, AnswerValue(bool_value=False)) == 0
    catalog = unit_catalog(CATALOG, "kelurahan", 51)
    assert catalog.question("26.15").answer.type == "yes_no" and catalog.question("25.2").answer.type == "percentage"
    assert catalog.questions_frame().set_index("question_code").loc["26.15", "answer_type"] == "yes_no"
    assert CATALOG.question("26.15").answer.type == "percentage"   # the city's catalog is left as it was


def test_all_units_answered():
    answers = [UnitAnswer(u, u in ("kec_a", "kec_b", "kec_c", "kec_d"), "verified", 0.2) for u in KECAMATAN]
    derived = derive_share_yes(FORUM, answers, KECAMATAN)
    assert (derived.yes, derived.answered, derived.unit_count, derived.not_answered) == (4, 6, 6, ())
    assert derived.value == AnswerValue(numerator=4.0, denominator=6.0)
    assert derived_points(FORUM, derived) == pytest.approx((1.25 * 4 / 6, 1.25 * 4 / 6))
    assert derived.status == "verified"
    assert derivation_text(derived, "kecamatan") == "4 dari 6 kecamatan menjawab Ya"


def test_some_units_missing_count_as_not_yet_yes_and_are_named():
    answers = [UnitAnswer("kec_a", True, "submitted"), UnitAnswer("kec_b", False, "draft"),
               UnitAnswer("kec_c", True, "verified", 0.2), UnitAnswer("kec_d", None, "draft")]
    derived = derive_share_yes(FORUM, answers, KECAMATAN)
    assert (derived.yes, derived.answered, derived.verified_yes) == (2, 3, 1)
    assert derived.not_answered == ("kec_d", "kec_e", "kec_f")
    assert derived.value == AnswerValue(numerator=2.0, denominator=6.0)
    self_points, verified_points = derived_points(FORUM, derived)
    assert self_points == pytest.approx(1.25 * 2 / 6) and verified_points == pytest.approx(1.25 / 6)
    assert derivation_text(derived, "kecamatan") == "2 dari 6 kecamatan menjawab Ya; 3 belum menjawab"
    assert derivation_text(derived, "kecamatan", "en") == "2 of 6 kecamatan answered yes; 3 not answered yet"


def test_no_unit_answered_gives_the_city_no_answer():
    derived = derive_share_yes(FORUM, [], KECAMATAN)
    assert not derived.has_value and derived.value.is_empty()
    assert derived_points(FORUM, derived) == (0.0, 0.0) and derived.status == "draft"
    assert derived.not_answered == tuple(KECAMATAN)
    assert not derive_share_yes(FORUM, [UnitAnswer("kec_a", True, "draft")], []).has_value


def test_answers_of_units_no_longer_active_are_left_out():
    answers = [UnitAnswer("kec_old", True, "verified", 0.2), UnitAnswer("kec_a", False, "submitted")]
    derived = derive_share_yes(FORUM, answers, ["kec_a", "kec_b"])
    assert (derived.yes, derived.answered, derived.unit_count) == (0, 1, 2)


def test_a_yes_verified_with_zero_points_is_not_counted_in_the_verified_reading():
    answers = [UnitAnswer("kec_a", True, "verified", 0.0), UnitAnswer("kec_b", True, "verified", 0.21)]
    derived = derive_share_yes(FORUM, answers, ["kec_a", "kec_b"])
    assert (derived.yes, derived.verified_yes) == (2, 1)


def test_status_of_the_city_answer_follows_the_units():
    draft = derive_share_yes(FORUM, [UnitAnswer("kec_a", True, "submitted"), UnitAnswer("kec_b", True, "draft")],
                             KECAMATAN)
    submitted = derive_share_yes(FORUM, [UnitAnswer("kec_a", True, "submitted")], KECAMATAN)
    assert (draft.status, submitted.status) == ("draft", "submitted")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.booleans(), st.sampled_from(["draft", "submitted", "returned", "verified"])),
                min_size=1, max_size=51))
def test_unit_points_add_up_to_the_citys_points_for_a_linear_rule(answers):
    units = [f"kel_{i}" for i in range(len(answers))]
    unit_answers = [UnitAnswer(u, value, status, 1.0) for u, (value, status) in zip(units, answers)]
    derived = derive_share_yes(PATBM, unit_answers, units)
    self_points, verified_points = derived_points(PATBM, derived)
    each = unit_points(PATBM, 0, len(units))
    assert self_points == pytest.approx(each * derived.yes)
    assert verified_points == pytest.approx(each * derived.verified_yes) and verified_points <= self_points + 1e-9
    assert 0 <= self_points <= PATBM.max_points + 1e-9
    assert city_points(PATBM, len(units), len(units)) == pytest.approx(PATBM.max_points)
