"""Value validation, points, display and plausibility of one answer (indicators/answers.py)."""
import math

import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from catalog_samples import small_catalog_dict
from indicators.answers import (
    AnswerValue,
    display_value,
    evidence_needed,
    missing_parts,
    plausibility_problem,
    points_for,
    points_for_many,
    relevant_value,
    value_errors,
    value_problems,
)
from indicators.catalog import catalog_from_dict
from indicators.errors import CatalogError
from indicators.scoring import score

CATALOG = catalog_from_dict(small_catalog_dict())
Q = {q.code: q for q in CATALOG.questions}
YES_NO, CHOICE, PCT_LINEAR, PCT_INVERSE, PCT_BANDS, COUNT = (Q[c] for c in ("1.1", "1.2", "1.3", "2.1", "2.2", "3.1"))
PERCENTAGES = [PCT_LINEAR, PCT_INVERSE, PCT_BANDS]

anything = st.one_of(
    st.none(), st.booleans(), st.integers(-10**12, 10**12),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=8),
    st.sampled_from(["12", "12,5", " 3 ", "-1", "inf", "nan", "1e400", "<script>", "penuh", ""]),
)
any_value = st.builds(AnswerValue, bool_value=anything, choice_code=anything, numerator=anything,
                      denominator=anything, count_value=anything)
good_number = st.floats(min_value=0, max_value=100_000_000, allow_nan=False, allow_infinity=False)


def self_score_points(question, value: AnswerValue) -> float:
    """What indicators.scoring gives the question for this one answer (self-assessed)."""
    answers = pd.DataFrame([{"region": "r", "cycle": 1, "question_code": question.code, "status": "draft",
                             "verified_points": None, **vars(relevant_value(question, value))}])
    cycles = pd.DataFrame([{"region": "r", "cycle": 1, "catalog_version": CATALOG.version}])
    table = score(cycles, answers, [CATALOG], basis="self").questions
    return float(table.loc[table["question_code"] == question.code, "points"].iloc[0])


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(list(Q.values())), any_value)
def test_any_input_gives_messages_or_a_scorable_answer(question, value):
    problems = value_problems(question, value)
    assert all(isinstance(p, str) and p.strip() for p in problems)
    points = points_for(question, value)
    assert 0.0 <= points <= question.max_points and not math.isnan(points)
    if problems:
        assert points == 0.0
    else:
        assert points == pytest.approx(self_score_points(question, value))
    assert isinstance(display_value(question, value), str)
    assert isinstance(display_value(question, value, "en"), str)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(PERCENTAGES), good_number, good_number)
def test_percentage_valid_exactly_when_numerator_within_positive_denominator(question, numerator, denominator):
    problems = value_problems(question, AnswerValue(numerator=numerator, denominator=denominator))
    assert (problems == []) == (0 < denominator and numerator <= denominator)
    if denominator == 0:
        assert any("Penyebut tidak boleh 0" in p for p in problems)
    if numerator > denominator > 0:
        assert any("tidak boleh lebih besar dari penyebut" in p for p in problems)


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(PERCENTAGES + [COUNT]),
       st.one_of(st.floats(max_value=-1e-9, allow_nan=False, allow_infinity=False), st.integers(max_value=-1)))
def test_negative_numbers_are_refused(question, negative):
    value = (AnswerValue(numerator=negative, denominator=10) if question in PERCENTAGES
             else AnswerValue(count_value=negative))
    problems = value_errors(question, value)
    assert any("tidak boleh negatif" in p for p in problems)
    assert points_for(question, value) == 0.0


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(PERCENTAGES + [COUNT]),
       st.one_of(st.floats(min_value=100_000_000.01, allow_nan=False, allow_infinity=False),
                 st.integers(min_value=100_000_001)))
def test_implausibly_large_numbers_are_refused_with_the_limit(question, huge):
    value = AnswerValue(numerator=huge, denominator=huge) if question in PERCENTAGES else AnswerValue(count_value=huge)
    problems = value_errors(question, value)
    assert any("terlalu besar untuk satu kabupaten/kota (paling banyak 100.000.000)" in p for p in problems)
    assert points_for(question, value) == 0.0


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(PERCENTAGES + [COUNT]),
       st.sampled_from([float("nan"), float("inf"), float("-inf"), "nan", "inf", "1e400"]))
def test_nan_and_infinity_are_refused(question, bad):
    value = AnswerValue(numerator=bad, denominator=10) if question in PERCENTAGES else AnswerValue(count_value=bad)
    assert any("angka yang wajar" in p for p in value_errors(question, value))


@settings(max_examples=100, deadline=None)
@given(st.text(min_size=1, max_size=20).filter(lambda s: s.strip() and s.strip() not in ("belum", "sebagian", "penuh")))
def test_a_choice_not_in_the_catalog_is_refused(code):
    problems = value_errors(CHOICE, AnswerValue(choice_code=code))
    assert len(problems) == 1 and "tidak ada di katalog" in problems[0] and "penuh (Penuh)" in problems[0]


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=10).filter(lambda s: s.strip() and not _is_number(s)))
def test_non_numeric_text_is_refused(text):
    assert any("harus berupa angka" in p for p in value_errors(COUNT, AnswerValue(count_value=text)))


def _is_number(text: str) -> bool:
    try:
        float(text.strip().replace(",", "."))
        return True
    except ValueError:
        return False


def test_booleans_are_not_numbers_and_numbers_are_not_yes_no():
    assert value_errors(COUNT, AnswerValue(count_value=True)) == ["Jumlah harus berupa angka, bukan 'True'."]
    assert value_errors(YES_NO, AnswerValue(bool_value="ya")) == ["Jawaban harus Ya atau Tidak, bukan 'ya'."]


def test_incomplete_answers_say_what_is_missing_but_are_not_errors():
    assert value_errors(PCT_LINEAR, AnswerValue(numerator=3)) == []
    assert missing_parts(PCT_LINEAR, AnswerValue(numerator=3)) == ["Isi penyebut."]
    assert missing_parts(PCT_LINEAR, AnswerValue()) == ["Isi pembilang dan penyebut."]
    assert missing_parts(YES_NO, AnswerValue()) == ["Pilih Ya atau Tidak."]
    assert missing_parts(CHOICE, AnswerValue(choice_code="  ")) == ["Pilih salah satu jawaban."]
    assert missing_parts(COUNT, AnswerValue()) == ["Isi jumlahnya."]
    assert points_for(PCT_LINEAR, AnswerValue(numerator=3)) == 0.0


def test_points_follow_each_rule():
    assert points_for(YES_NO, AnswerValue(bool_value=True)) == 10
    assert points_for(YES_NO, AnswerValue(bool_value=False)) == 0
    assert points_for(CHOICE, AnswerValue(choice_code=" sebagian ")) == 5
    assert points_for(PCT_LINEAR, AnswerValue(numerator=12, denominator=40)) == pytest.approx(6)
    assert points_for(PCT_INVERSE, AnswerValue(numerator=15, denominator=100)) == pytest.approx(5)
    assert points_for(PCT_BANDS, AnswerValue(numerator="60", denominator="100")) == pytest.approx(5)
    assert points_for(COUNT, AnswerValue(count_value="2")) == pytest.approx(20)
    assert points_for_many([(YES_NO, AnswerValue(bool_value=True)), (COUNT, AnswerValue(count_value=-1)),
                            (COUNT, AnswerValue(count_value=3))]) == [10, 0, 40]


def test_evidence_is_needed_only_for_an_answer_that_earns_points():
    asks = catalog_from_dict(_with_evidence_required(small_catalog_dict()))
    yes_no, choice, count = (asks.question(c) for c in ("1.1", "1.2", "3.1"))
    assert evidence_needed(yes_no, AnswerValue(bool_value=True))
    assert not evidence_needed(yes_no, AnswerValue(bool_value=False))
    assert not evidence_needed(choice, AnswerValue(choice_code="belum"))
    assert evidence_needed(choice, AnswerValue(choice_code="sebagian"))
    assert not evidence_needed(count, AnswerValue(count_value=0))
    assert not evidence_needed(YES_NO, AnswerValue(bool_value=True))


def _with_evidence_required(doc: dict) -> dict:
    for group in doc["groups"]:
        for indicator in group["indicators"]:
            for question in indicator["questions"]:
                question["evidence_required"] = True
                question["evidence"] = {"id": "SK"}
    return doc


def test_relevant_value_keeps_only_the_types_fields_as_stored():
    mixed = AnswerValue(bool_value=True, choice_code=" penuh ", numerator="12,5", denominator=50, count_value=4)
    assert relevant_value(PCT_LINEAR, mixed) == AnswerValue(numerator=12.5, denominator=50.0)
    assert relevant_value(CHOICE, mixed) == AnswerValue(choice_code="penuh")
    assert relevant_value(YES_NO, mixed) == AnswerValue(bool_value=True)
    assert relevant_value(COUNT, mixed) == AnswerValue(count_value=4.0)


def test_display_values_in_indonesian_and_english():
    assert display_value(YES_NO, AnswerValue(bool_value=True)) == "Ya"
    assert display_value(YES_NO, AnswerValue(bool_value=False), "en") == "No"
    assert display_value(PCT_LINEAR, AnswerValue(numerator=12, denominator=40)) == "12 dari 40 (30,0%)"
    assert display_value(PCT_LINEAR, AnswerValue(numerator=1234, denominator=4000), "en") == "1,234 of 4,000 (30.9%)"
    assert display_value(PCT_LINEAR, AnswerValue(numerator=12)) == "12 dari ?"
    assert display_value(CHOICE, AnswerValue(choice_code="penuh")) == "Penuh"
    assert display_value(COUNT, AnswerValue(count_value=12345.5)) == "12.345,5"
    assert display_value(COUNT, AnswerValue()) == ""


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(PERCENTAGES), st.integers(0, 1000), st.integers(0, 1000), st.integers(1, 1000))
def test_percentage_plausible_exactly_within_30_points(question, before, now, denominator):
    assume(before <= denominator and now <= denominator)
    previous = AnswerValue(numerator=before, denominator=denominator)
    value = AnswerValue(numerator=now, denominator=denominator)
    message = plausibility_problem(question, value, previous)
    change = abs(now - before) / denominator * 100
    assert (message is None) == (change <= 30 + 1e-9)
    if message:
        assert "poin persen" in message and "catatan" in message


def test_count_plausibility_is_relative_with_a_small_change_always_plausible():
    def problem(before, now, **kw):
        return plausibility_problem(COUNT, AnswerValue(count_value=now), AnswerValue(count_value=before), **kw)

    assert problem(10, 20) is None          # doubling is the limit
    assert problem(10, 21) is not None
    assert problem(10, 5) is None
    assert problem(10, 4) is not None       # fell to less than half
    assert problem(1, 3) is None            # differs by 2: always plausible
    assert problem(0, 3) is not None
    assert problem(10, 14, max_change=0.3) is not None
    assert "dari 10 menjadi 21" in problem(10, 21)


def test_a_percentage_whose_base_jumps_needs_a_note():
    """140 primary schools last year, 9.620 this year: the share may look fine, the base does not."""
    def problem(before, now):
        return plausibility_problem(PCT_LINEAR, AnswerValue(numerator=now // 2, denominator=now),
                                    AnswerValue(numerator=before // 2, denominator=before))

    assert "Penyebut (jumlah seluruh sasaran) berubah dari 140 menjadi 9.620" in problem(140, 9620)
    assert problem(9620, 140) is not None
    assert problem(140, 280) is None and problem(140, 146) is None
    assert problem(2, 4) is None  # differs by 2: always plausible


def test_no_plausibility_question_without_a_previous_answer_or_for_other_types():
    value = AnswerValue(numerator=40, denominator=40)
    assert plausibility_problem(PCT_LINEAR, value, None) is None
    assert plausibility_problem(PCT_LINEAR, value, AnswerValue(numerator=1)) is None
    assert plausibility_problem(YES_NO, AnswerValue(bool_value=True), AnswerValue(bool_value=False)) is None


def test_the_setting_and_the_catalog_rule_set_the_limit(monkeypatch):
    value, previous = AnswerValue(numerator=35, denominator=100), AnswerValue(numerator=20, denominator=100)
    assert plausibility_problem(PCT_LINEAR, value, previous) is None
    monkeypatch.setenv("KLA_PLAUSIBLE_CHANGE_PP", "10")
    assert "batas 10 poin persen" in plausibility_problem(PCT_LINEAR, value, previous)
    doc = small_catalog_dict()
    doc["groups"][0]["indicators"][0]["questions"][2]["answer"]["plausible_change"] = 20
    question = catalog_from_dict(doc).question("1.3")
    assert question.answer.plausible_change == 20
    assert plausibility_problem(question, value, previous) is None     # the catalog's 20 beats the setting's 10
    assert catalog_from_dict(catalog_from_dict(doc).to_dict()).question("1.3").answer.plausible_change == 20
    monkeypatch.setenv("KLA_PLAUSIBLE_CHANGE_PP", "banyak")
    with pytest.raises(ValueError, match="KLA_PLAUSIBLE_CHANGE_PP harus berupa angka"):
        plausibility_problem(PCT_LINEAR, value, previous)


def test_the_catalog_checker_refuses_a_bad_plausible_change():
    doc = small_catalog_dict()
    doc["groups"][0]["indicators"][0]["questions"][2]["answer"]["plausible_change"] = -5
    doc["groups"][0]["indicators"][0]["questions"][0]["answer"]["plausible_change"] = 5
    with pytest.raises(CatalogError) as caught:
        catalog_from_dict(doc)
    text = str(caught.value)
    assert "plausible_change harus angka lebih dari 0" in text
    assert "plausible_change hanya berlaku" in text


def test_a_graded_answer_earns_its_levels_share():
    doc = small_catalog_dict()
    doc["groups"][0]["indicators"][0]["questions"][0]["answer"] = {"type": "graded"}
    graded = catalog_from_dict(doc).question("1.1")
    assert [o.code for o in graded.answer.options] == ["lengkap", "sebagian", "belum"]
    assert [points_for(graded, AnswerValue(choice_code=c)) for c in ("lengkap", " sebagian ", "belum")] == [10, 5, 0]
    assert missing_parts(graded, AnswerValue()) == ["Pilih tingkatnya."]
    assert value_errors(graded, AnswerValue(choice_code="ya")) == [
        "Tingkat 'ya' tidak ada di katalog; pilih salah satu: lengkap (Lengkap), sebagian (Sebagian), "
        "belum (Belum ada)."]
    assert display_value(graded, AnswerValue(choice_code="sebagian"), "en") == "Partly"
    assert relevant_value(graded, AnswerValue(bool_value=True, choice_code="belum")) == AnswerValue(choice_code="belum")
    assert catalog_from_dict(catalog_from_dict(doc).to_dict()).question("1.1") == graded
