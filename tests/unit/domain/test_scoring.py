import pandas as pd
import pytest

from catalog_samples import small_catalog_dict
from indicators.catalog import catalog_from_dict
from indicators.gaps import gaps_by, lead_owners, question_gaps
from indicators.scoring import predikat_for, score

CATALOG = catalog_from_dict(small_catalog_dict())


def cycles(*years):
    return pd.DataFrame([{"region": "53.71", "cycle": y, "catalog_version": "TEST-1"} for y in years])


def self_points(**answer) -> float:
    answers = pd.DataFrame([{"region": "53.71", "cycle": 2024, "status": "submitted", **answer}])
    tables = score(cycles(2024), answers, [CATALOG], basis="self")
    row = tables.questions.set_index("question_code").loc[answer["question_code"]]
    return float(row["points"])


@pytest.mark.parametrize("value, points", [(True, 10.0), (False, 0.0)])
def test_yes_no(value, points):
    assert self_points(question_code="1.1", bool_value=value) == points


@pytest.mark.parametrize("choice, points", [("belum", 0.0), ("sebagian", 5.0), ("penuh", 10.0), ("lain", 0.0)])
def test_choice(choice, points):
    assert self_points(question_code="1.2", choice_code=choice) == points


@pytest.mark.parametrize("numerator, denominator, points", [
    (45, 50, 18.0), (50, 50, 20.0), (0, 50, 0.0), (60, 50, 20.0), (-5, 50, 0.0)])
def test_percentage_linear_is_clipped(numerator, denominator, points):
    assert self_points(question_code="1.3", numerator=numerator, denominator=denominator) == points


def test_percentage_with_zero_denominator_is_missing():
    answers = pd.DataFrame([{"region": "53.71", "cycle": 2024, "question_code": "1.3",
                             "numerator": 1, "denominator": 0}])
    tables = score(cycles(2024), answers, [CATALOG], basis="self")
    row = tables.questions.set_index("question_code").loc["1.3"]
    assert row["points"] == 0 and not row["answered"]


@pytest.mark.parametrize("percent, points", [(0, 10.0), (15, 5.0), (30, 0.0), (45, 0.0)])
def test_percentage_inverse(percent, points):
    assert self_points(question_code="2.1", numerator=percent, denominator=100) == pytest.approx(points)


@pytest.mark.parametrize("percent, points", [(10, 0.0), (49.9, 0.0), (50, 5.0), (79, 5.0), (80, 10.0), (100, 10.0)])
def test_percentage_bands(percent, points):
    assert self_points(question_code="2.2", numerator=percent, denominator=100) == points


@pytest.mark.parametrize("count, points", [(0, 0.0), (1, 20.0), (2, 20.0), (3, 40.0), (12, 40.0)])
def test_count_bands(count, points):
    assert self_points(question_code="3.1", count_value=count) == points


def test_best_answer_of_several_opds_counts_once():
    answers = pd.DataFrame([
        {"region": "53.71", "cycle": 2024, "question_code": "1.2", "choice_code": "sebagian"},
        {"region": "53.71", "cycle": 2024, "question_code": "1.2", "choice_code": "penuh"},
    ])
    tables = score(cycles(2024), answers, [CATALOG], basis="self")
    assert tables.totals.loc[0, "total"] == 10.0


def test_verified_reading_uses_only_verified_points_within_maximum():
    answers = pd.DataFrame([
        {"region": "53.71", "cycle": 2024, "question_code": "1.1", "bool_value": True,
         "status": "verified", "verified_points": 6},
        {"region": "53.71", "cycle": 2024, "question_code": "1.3", "numerator": 50, "denominator": 50,
         "status": "submitted"},
        {"region": "53.71", "cycle": 2024, "question_code": "3.1", "count_value": 9,
         "status": "verified", "verified_points": 99},
    ])
    verified = score(cycles(2024), answers, [CATALOG], basis="verified")
    assert verified.totals.loc[0, "total"] == 6 + 40
    assert verified.totals.loc[0, "missing"] == 4
    self_read = score(cycles(2024), answers, [CATALOG], basis="self")
    assert self_read.totals.loc[0, "total"] == 10 + 20 + 40


def test_many_regions_and_cycles_at_once_sum_up():
    many = pd.DataFrame([{"region": r, "cycle": y, "catalog_version": "TEST-1"}
                         for r in ("53.71", "13.76") for y in (2023, 2024)])
    answers = pd.DataFrame([
        {"region": "53.71", "cycle": 2023, "question_code": "1.1", "bool_value": True},
        {"region": "13.76", "cycle": 2024, "question_code": "3.1", "count_value": 5},
        {"region": "99.99", "cycle": 2024, "question_code": "3.1", "count_value": 5},
    ])
    tables = score(many, answers, [CATALOG], basis="self")
    totals = tables.totals.set_index(["region", "cycle"])["total"]
    assert totals[("53.71", 2023)] == 10 and totals[("13.76", 2024)] == 40
    assert totals[("53.71", 2024)] == 0 and len(totals) == 4
    groups = tables.groups.groupby(["region", "cycle"])["points"].sum()
    indicators = tables.indicators.groupby(["region", "cycle"])["points"].sum()
    assert (groups == totals).all() and (indicators == totals).all()
    assert set(tables.groups["max_points"]) == {60, 40}


NATIONAL = {**small_catalog_dict(), "total_points": 1000, "predikat": [
    {"code": "pratama", "name": "Pratama", "above": 500, "inclusive": True},
    {"code": "madya", "name": "Madya", "above": 600}, {"code": "nindya", "name": "Nindya", "above": 700},
    {"code": "utama", "name": "Utama", "above": 800}, {"code": "kla", "name": "KLA", "above": 900}]}
NATIONAL["groups"] = [{"code": "G", "max_points": 1000, "indicators": [{"code": "1", "max_points": 1000, "questions": [
    {"code": "1.1", "prompt": {"id": "Semua"}, "max_points": 1000, "answer": {"type": "yes_no"}}]}]}]
NATIONAL_CATALOG = catalog_from_dict(NATIONAL)


@pytest.mark.parametrize("total, predikat, to_next", [
    (499.99, None, 0.01), (500, "pratama", 100), (600, "pratama", 0), (600.01, "madya", 99.99),
    (601, "madya", 99), (700.5, "nindya", 99.5), (800, "nindya", 0), (900, "utama", 0),
    (900.01, "kla", None), (1000, "kla", None)])
def test_predikat_boundaries(total, predikat, to_next):
    band = predikat_for(total, NATIONAL_CATALOG)
    assert (band.code if band else None) == predikat
    answers = pd.DataFrame([{"region": "53.71", "cycle": 2024, "question_code": "1.1", "status": "verified",
                             "verified_points": total}])
    frame = pd.DataFrame([{"region": "53.71", "cycle": 2024, "catalog_version": "TEST-1"}])
    totals = score(frame, answers, [NATIONAL_CATALOG], basis="verified").totals.iloc[0]
    assert (totals["predikat"] or None) == predikat
    if to_next is None:
        assert totals["next_predikat"] is None
    else:
        assert totals["points_to_next_predikat"] == pytest.approx(to_next)


def test_gap_analysis_per_question_indicator_group_and_owner():
    answers = pd.DataFrame([
        {"region": "53.71", "cycle": 2024, "question_code": "1.1", "bool_value": True},
        {"region": "53.71", "cycle": 2024, "question_code": "3.1", "count_value": 1},
    ])
    tables = score(cycles(2024), answers, [CATALOG], basis="self")
    gaps = question_gaps(tables, lead_owners(CATALOG))
    assert set(gaps.iloc[:2]["question_code"]) == {"1.3", "3.1"} and gaps.iloc[0]["missing_points"] == 20
    assert gaps["missing_points"].sum() == 100 - 10 - 20
    by_owner = gaps_by(gaps, "owner").set_index("owner")["missing_points"]
    assert by_owner["dinkes"] == 20 + 10 + 20 and by_owner["dp3a"] == 10 + 10
    by_group = gaps_by(gaps, "group_code").set_index("group_code")["missing_points"]
    assert by_group["G1"] == 50 and by_group["G2"] == 20
    assert gaps_by(gaps, "indicator_code")["missing_points"].sum() == 70
