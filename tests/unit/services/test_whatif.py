"""What-if projections (indicators/whatif.py), the answers that earn a question's points
(indicators/gaps.py) and the what_if service: a projection is what saving the answers gives."""
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select, update

from catalog_samples import small_catalog_dict
from data.actor import COMMAND_LINE
from data.db import unit_of_work
from data.errors import InvalidInput
from data.models import Answer, EvaluationCycle, Question, ReportingUnit
from data.services.scoring.gaps import what_if
from data.services.scoring.scores import score_report
from indicators.catalog import catalog_from_dict, load_default_catalog
from indicators.gaps import best_answer, earning_answer_text, gaps_to_reach, question_gaps
from indicators.scoring import score
from indicators.whatif import Hypothesis, hypothesis_problems, project

CATALOG = catalog_from_dict(small_catalog_dict())
CYCLE = pd.DataFrame([{"region": "53.71", "cycle": 2024, "catalog_version": "TEST-1"}])


def answers(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame([{"region": "53.71", "cycle": 2024, "status": "verified", **row} for row in rows])


# 1.1 yes (10), 1.2 half (5), 1.3 45/50 -> 18, 2.1 15% -> 5, 2.2 50% -> 5, 3.1 one -> 20 = 63 (Madya)
BASELINE = answers(
    {"question_code": "1.1", "bool_value": True, "verified_points": 10},
    {"question_code": "1.2", "choice_code": "sebagian", "verified_points": 5},
    {"question_code": "1.3", "numerator": 45, "denominator": 50, "verified_points": 18},
    {"question_code": "2.1", "numerator": 15, "denominator": 100, "verified_points": 5},
    {"question_code": "2.2", "numerator": 50, "denominator": 100, "verified_points": 5},
    {"question_code": "3.1", "count_value": 1, "verified_points": 20},
)


def test_no_hypothesis_projects_the_score_itself():
    projection = project(CYCLE, BASELINE, CATALOG, [], basis="verified")
    assert projection.total_before == projection.total_after == 63
    assert projection.predikat_before == projection.predikat_after == "Madya"
    assert projection.changes.empty


@pytest.mark.parametrize("basis", ["self", "verified"])
def test_projection_equals_scoring_the_changed_answers(basis):
    hypotheses = [Hypothesis("1.2", choice_code="penuh"), Hypothesis("3.1", count_value=3)]
    projection = project(CYCLE, BASELINE, CATALOG, hypotheses, basis=basis)
    changed = BASELINE.set_index("question_code").copy()
    changed.loc["1.2", ["choice_code", "verified_points"]] = ["penuh", 10]
    changed.loc["3.1", ["count_value", "verified_points"]] = [3, 40]
    direct = score(CYCLE, changed.reset_index(), [CATALOG], basis=basis)
    assert projection.total_after == pytest.approx(float(direct.totals.iloc[0]["total"]))
    assert projection.total_after == pytest.approx(88)
    pd.testing.assert_frame_equal(projection.projected.groups, direct.groups)
    assert projection.changes.set_index("question_code")["gain"].to_dict() == {"1.2": 5.0, "3.1": 20.0}


def test_predikat_changes_exactly_at_the_thresholds():
    """Madya needs more than 60, Nindya more than 70: 63 - 5 (1.2 to 'belum') = 58 Pratama; 63 + 7
    (1.3 from 45/50 to 50/50 = +2 and 2.1 to 0% = +5) = 70 is still Madya; one point more is
    Nindya."""
    down = project(CYCLE, BASELINE, CATALOG, [Hypothesis("1.2", choice_code="belum")])
    assert (down.total_after, down.predikat_after) == (58, "Pratama")
    at_bound = project(CYCLE, BASELINE, CATALOG, [Hypothesis("1.3", numerator=50, denominator=50),
                                                   Hypothesis("2.1", numerator=0, denominator=100)])
    assert at_bound.total_after == pytest.approx(70)
    assert at_bound.predikat_after == "Madya" and at_bound.next_predikat_after == "Nindya"
    over = project(CYCLE, BASELINE, CATALOG, [Hypothesis("1.3", numerator=50, denominator=50),
                                               Hypothesis("2.1", numerator=0, denominator=100),
                                               Hypothesis("2.2", numerator=55, denominator=100)])
    assert over.total_after == pytest.approx(70)  # 55% stays in the 50% band
    over = project(CYCLE, BASELINE, CATALOG, [Hypothesis.full("1.3"), Hypothesis.full("2.1"),
                                               Hypothesis.full("2.2")])
    assert over.total_after == pytest.approx(75) and over.predikat_after == "Nindya"


def test_full_points_replaces_every_unit_answer_of_the_question():
    two_units = pd.concat([BASELINE, answers({"question_code": "1.2", "choice_code": "belum", "verified_points": 0})],
                          ignore_index=True)
    projection = project(CYCLE, two_units, CATALOG, [Hypothesis.full("1.2")], basis="verified")
    assert projection.changes.iloc[0]["points_after"] == 10
    assert projection.total_after == 68


def test_unverified_answers_count_in_the_verified_reading_once_projected():
    submitted = BASELINE.assign(status=["verified"] * 5 + ["submitted"])
    projection = project(CYCLE, submitted, CATALOG, [Hypothesis("3.1", count_value=1)], basis="verified")
    assert projection.total_before == 43 and projection.total_after == 63


def test_bad_hypotheses_are_named():
    problems = hypothesis_problems(CATALOG, [
        Hypothesis("9.9", bool_value=True), Hypothesis("1.2", choice_code="lain"),
        Hypothesis("1.3", numerator=60, denominator=50), Hypothesis("1.1"), Hypothesis.full("3.1"),
        Hypothesis.full("3.1")])
    assert any("9.9" in p and "tidak ada" in p for p in problems)
    assert any(p.startswith("Pertanyaan 1.2:") and "lain" in p for p in problems)
    assert any(p.startswith("Pertanyaan 1.3:") and "Pembilang" in p for p in problems)
    assert any(p.startswith("Pertanyaan 1.1:") and "Ya atau Tidak" in p for p in problems)
    assert any("3.1" in p and "lebih dari sekali" in p for p in problems)
    with pytest.raises(ValueError):
        project(CYCLE, BASELINE, CATALOG, [Hypothesis("9.9", bool_value=True)])


def test_best_answer_earns_full_points_for_every_question_of_the_default_catalog():
    catalog = load_default_catalog()
    cycle = pd.DataFrame([{"region": "x", "cycle": 1, "catalog_version": catalog.version}])
    rows = pd.DataFrame([{"region": "x", "cycle": 1, "question_code": q.code, **best_answer(q)}
                         for q in catalog.questions])
    tables = score(cycle, rows, [catalog], basis="self")
    best_share = {q.code: max([o.share for o in q.answer.options] or [b.share for b in q.answer.bands] or [1])
                  for q in catalog.questions}
    expected = tables.questions["question_code"].map(lambda c: best_share[c] * catalog.question(c).max_points)
    assert tables.questions["points"].to_numpy() == pytest.approx(expected.to_numpy())
    assert float(tables.totals.iloc[0]["total"]) == pytest.approx(1000)


@pytest.mark.parametrize("code, indonesian, english", [
    ("1.1", "Ya", "Yes"), ("1.2", "Penuh", "Penuh"), ("1.3", "Persentase 100%", "A percentage of 100%"),
    ("2.1", "Persentase 0%", "A percentage of 0%"), ("2.2", "Persentase 80% atau lebih", "A percentage of 80% or more"),
    ("3.1", "Jumlah 3 atau lebih", "A count of 3 or more")])
def test_earning_answer_in_words(code, indonesian, english):
    question = CATALOG.question(code)
    assert earning_answer_text(question, "id") == indonesian
    assert earning_answer_text(question, "en") == english


def test_the_fewest_questions_that_reach_the_target():
    tables = score(CYCLE, BASELINE, [CATALOG], basis="verified")
    ranked = gaps_to_reach(question_gaps(tables), 8)  # gaps: 3.1 20, 1.2 5, 2.2 5, 2.1 5, 1.3 2
    assert ranked["question_code"].tolist()[0] == "3.1"
    assert ranked["reaches"].tolist() == [True, False, False, False, False]
    assert ranked["reaches"].sum() == 1
    assert gaps_to_reach(question_gaps(tables), 25)["reaches"].sum() == 2
    assert not gaps_to_reach(question_gaps(tables), 1000)["reaches"].any()  # cannot be reached at all
    assert not gaps_to_reach(question_gaps(tables), None)["reaches"].any()


@settings(max_examples=60, deadline=None)
@given(choice=st.sampled_from(["belum", "sebagian", "penuh"]), count=st.integers(0, 10),
       numerator=st.integers(0, 50))
def test_projection_never_leaves_the_catalog_bounds(choice, count, numerator):
    projection = project(CYCLE, BASELINE, CATALOG, [
        Hypothesis("1.2", choice_code=choice), Hypothesis("3.1", count_value=count),
        Hypothesis("1.3", numerator=numerator, denominator=50)], basis="verified")
    assert 0 <= projection.total_after <= 100
    groups = projection.projected.groups
    assert (groups["points"] <= groups["max_points"] + 1e-9).all()


# The service against the seeded demo: saving (and verifying) the answers gives the projection.


def _store(engine, year: int, question_code: str, values: dict, verify: bool) -> None:
    """Save the answer as the OPD would and, with verify, verify it at its self-assessed points:
    written straight into the table, the same columns the entry and review services write."""
    catalog = load_default_catalog()
    question = catalog.question(question_code)
    points = float(score(pd.DataFrame([{"region": "r", "cycle": 1, "catalog_version": catalog.version}]),
                         pd.DataFrame([{"region": "r", "cycle": 1, "question_code": question_code, **values}]),
                         [catalog], basis="self").questions.set_index("question_code").loc[question_code, "points"])
    fields = {"bool_value": None, "choice_code": None, "numerator": None, "denominator": None, "count_value": None,
              **values}
    with unit_of_work(engine) as session:
        cycle = session.scalar(select(EvaluationCycle).where(EvaluationCycle.year == year))
        question_id = session.scalar(select(Question.id).where(Question.code == question_code,
                                                               Question.catalog_version_id == cycle.catalog_version_id))
        existing = list(session.scalars(select(Answer).where(Answer.cycle_id == cycle.id,
                                                             Answer.question_id == question_id)))
        status = "verified" if verify else "draft"
        if existing:
            session.execute(update(Answer).where(Answer.id.in_([a.id for a in existing])).values(
                **fields, status=status, self_points=points, verified_points=points if verify else None))
        else:
            unit_id = session.scalar(select(ReportingUnit.id).where(ReportingUnit.short_name == question.lead_source))
            session.add(Answer(region_id=cycle.region_id, cycle_id=cycle.id, question_id=question_id,
                               reporting_unit_id=unit_id, **fields, status=status, self_points=points,
                               verified_points=points if verify else None))


@pytest.mark.parametrize("basis", ["verified", "self"])
def test_what_if_equals_the_score_after_saving_those_answers(seeded_engine, basis):
    gaps = question_gaps_of(seeded_engine, 2025)
    chosen = gaps[:4]
    hypotheses = [Hypothesis.full(chosen[0]), Hypothesis.full(chosen[1]),
                  Hypothesis.of(chosen[2], _half_value(chosen[2])), Hypothesis.full(chosen[3])]
    result = what_if(seeded_engine, COMMAND_LINE, "53.71", 2025, hypotheses, basis=basis)
    before = score_report(seeded_engine, "53.71", 2025, basis)
    assert result.projection.total_before == pytest.approx(before["total"], abs=1e-4)

    catalog = load_default_catalog()
    for h in hypotheses:
        _store(seeded_engine, 2025, h.question_code, h.values(catalog.question(h.question_code)), verify=True)
    after = score_report(seeded_engine, "53.71", 2025, basis)
    assert result.projection.total_after == pytest.approx(after["total"], abs=1e-4)
    assert result.projection.predikat_after == after["predikat"]
    groups = {g["code"]: g["points"] for g in after["groups"]}
    for row in result.groups.itertuples():
        assert row.points_after == pytest.approx(groups[row.group_code], abs=1e-4)


def question_gaps_of(engine, year: int) -> list[str]:
    """Question codes of four answer types with missing points, largest first."""
    report_catalog = load_default_catalog()
    from data.services.scoring.gaps import score_gaps

    ranked = score_gaps(engine, COMMAND_LINE, "53.71", year).questions
    picked, types = [], set()
    for code, kind in zip(ranked["question_code"], ranked["answer_type"], strict=True):
        if kind not in types or len(picked) >= 3:
            picked.append(code)
            types.add(kind)
        if len(picked) == 4:
            break
    assert report_catalog.question(picked[0])
    return picked


class _Value:
    def __init__(self, **fields):
        for name in ("bool_value", "choice_code", "numerator", "denominator", "count_value"):
            setattr(self, name, fields.get(name))


def _half_value(code: str) -> _Value:
    question = load_default_catalog().question(code)
    kind = question.answer.type
    if kind == "yes_no":
        return _Value(bool_value=False)
    if kind == "choice":
        return _Value(choice_code=sorted(question.answer.options, key=lambda o: o.share)[1].code)
    if kind == "count":
        return _Value(count_value=question.answer.bands[0].min)
    return _Value(numerator=50, denominator=100)


def test_what_if_refuses_bad_hypotheses_with_every_problem(seeded_engine):
    with pytest.raises(InvalidInput) as refused:
        what_if(seeded_engine, COMMAND_LINE, "53.71", 2025, [Hypothesis("99.9", bool_value=True),
                                                     Hypothesis("1.1", choice_code="x")])
    assert len(refused.value.messages) == 2
    assert "99.9" in refused.value.messages[0]
    with pytest.raises(InvalidInput, match="Dasar penilaian"):
        what_if(seeded_engine, COMMAND_LINE, "53.71", 2025, [], basis="final")
