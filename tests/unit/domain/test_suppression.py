"""Small-cell suppression (indicators/suppression.py), checked against an independent exhaustive
search (tests/unit/suppression_checker.py): from everything published, no hidden cell can be
narrowed to fewer values than its whole class (its protection interval)."""
from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from indicators.suppression import (
    HIDDEN_MARK,
    SMALL_MARK,
    SMALL_OR_ZERO_MARK,
    TOTAL,
    WITHHELD_MARK,
    AtMost,
    SumRelation,
    suppress,
    suppress_two_way,
    two_way_relations,
)
from suppression_checker import assert_nothing_can_be_worked_back


def assert_publication_rules(result, relations):
    for cell, value in result.values.items():
        shown = result.shown(cell)
        if cell in result.primary:
            assert shown == SMALL_MARK and 1 <= value <= 4
        elif cell in result.complementary:
            assert shown == HIDDEN_MARK and value >= 5
        elif cell in result.blurred:
            assert shown == SMALL_OR_ZERO_MARK and 0 <= value <= 4
        elif cell in result.withheld:
            assert shown == WITHHELD_MARK and result.withheld == set(result.values), "withheld whole or not at all"
        else:
            assert shown == str(value), "a published count equals the truth"
            assert not 1 <= value <= 4, "no count 1..4 is ever published"
    for relation in relations:
        hidden = [c for c in relation.cells if c in result.hidden]
        assert len(hidden) != 1, f"{relation} hides exactly one cell"


# --- strategies --------------------------------------------------------------------------------

counts = st.one_of(st.integers(0, 6), st.integers(0, 25))


@st.composite
def tables(draw):
    rows = draw(st.integers(1, 3))
    columns = draw(st.integers(1, 4))
    data = [[draw(counts) for _ in range(columns)] for _ in range(rows)]
    return pd.DataFrame(data, index=[f"r{i}" for i in range(rows)], columns=[f"c{j}" for j in range(columns)])


@st.composite
def case_years(draw):
    """The per-year system the public case page publishes: total, victim group, type, sex and
    age breakdowns of one set of underlying counts, with the identities a reader knows."""
    from indicators.cases import public_year_system

    rows = []
    for group, sex, age in [("perempuan_dewasa", "perempuan", "18+"), ("anak", "perempuan", "0-5"),
                            ("anak", "laki_laki", "6-12"), ("anak", "perempuan", "13-17"),
                            ("anak", "laki_laki", "13-17")]:
        for violence_type in draw(st.lists(st.sampled_from(["fisik", "psikis", "seksual", "penelantaran"]),
                                           min_size=0, max_size=3, unique=True)):
            rows.append({"victim_group": group, "victim_sex": sex, "age_group": age,
                         "violence_type": violence_type, "case_count": draw(counts)})
    return public_year_system(pd.DataFrame(rows, columns=["victim_group", "victim_sex", "age_group",
                                                          "violence_type", "case_count"]))


# --- properties --------------------------------------------------------------------------------


def _table(data) -> pd.DataFrame:
    return pd.DataFrame(data, index=[f"r{i}" for i in range(len(data))], columns=[f"c{j}" for j in range(len(data[0]))])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables())
# each "<5" is at least 1, so four of them under a "<5" total are all 1 (found by hypothesis)
@example(_table([[1, 1], [1, 1]]))
@example(_table([[1, 0, 1], [0, 1, 1]]))
@example(_table([[1, 1, 1, 1], [0, 0, 0, 0]]))
@example(_table([[0, 1, 0, 0], [2, 0, 1, 0], [2, 0, 0, 0], [2, 0, 0, 0]]))
def test_two_way_tables_hide_every_small_count_for_good(table):
    result, shown = suppress_two_way(table)
    relations = two_way_relations(list(table.index), list(table.columns))
    assert_publication_rules(result, relations)
    assert_nothing_can_be_worked_back(result, relations)
    for r in table.index:
        for c in table.columns:
            assert shown.loc[r, c] == result.shown((r, c))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case_years())
def test_case_year_breakdowns_hide_every_small_count_for_good(system):
    values, relations, at_most = system
    result = suppress(values, relations, at_most)
    assert_publication_rules(result, relations)
    assert_nothing_can_be_worked_back(result, relations, at_most)


@settings(max_examples=100, deadline=None)
@given(tables())
def test_suppression_is_deterministic(table):
    first, shown_first = suppress_two_way(table)
    second, shown_second = suppress_two_way(table.copy())
    assert first == second
    assert shown_first.equals(shown_second)


def test_the_independent_check_catches_primary_suppression_alone():
    """The check above can fail: hiding only the small counts leaves them recoverable."""
    from indicators.suppression import Suppression

    relations = [SumRelation("total", ("a", "b", "c"))]
    naive = Suppression(values={"total": 20, "a": 3, "b": 10, "c": 7}, primary=frozenset({"a"}),
                        complementary=frozenset())
    with pytest.raises(AssertionError, match="narrowed"):
        assert_nothing_can_be_worked_back(naive, relations)
    pinned = Suppression(values={"total": 8, "a": 4, "b": 4}, primary=frozenset({"a", "b"}),
                         complementary=frozenset())
    with pytest.raises(AssertionError, match="narrowed"):
        assert_nothing_can_be_worked_back(pinned, [SumRelation("total", ("a", "b"))])


def test_the_check_catches_two_small_counts_a_total_narrows():
    """Kupang 2023's two "<5" (trafficking, lainnya) that the published total made 7 together:
    each could only be 3 or 4. Two values each, so not pinned, and still not protected; the rule
    now hides more, and the check shows both."""
    from indicators.suppression import Suppression

    relations = [SumRelation("total", ("fisik", "trafficking", "lainnya"))]
    values = {"total": 17, "fisik": 10, "trafficking": 3, "lainnya": 4}
    unsafe = Suppression(values=values, primary=frozenset({"trafficking", "lainnya"}), complementary=frozenset())
    with pytest.raises(AssertionError, match="narrowed to 3..4"):
        assert_nothing_can_be_worked_back(unsafe, relations)
    result = suppress(values, relations)
    assert result.complementary == {"fisik"}
    assert_nothing_can_be_worked_back(result, relations)


# --- examples a person can read ----------------------------------------------------------------


def test_a_lone_small_cell_takes_a_second_cell_with_it():
    relations = [SumRelation("total", ("a", "b", "c"))]
    result = suppress({"total": 20, "a": 3, "b": 10, "c": 7}, relations)
    assert result.primary == {"a"}
    assert result.complementary == {"c"}  # the smaller of the two others
    assert [result.shown(c) for c in ("total", "a", "b", "c")] == ["20", "<5", "10", "x"]


def test_two_fours_under_a_published_eight_hide_the_total_too():
    """4 + 4 = 8 with both parts below 5 leaves exactly one possibility unless the total goes."""
    result = suppress({"total": 8, "a": 4, "b": 4}, [SumRelation("total", ("a", "b"))])
    assert result.primary == {"a", "b"}
    assert result.complementary == {"total"}


def test_an_identity_the_reader_knows_is_respected():
    """Adult women are exactly the victims aged 18+: hiding one and not the other leaks it."""
    values = {"total": 30, "women": 3, "children": 27, "adult_age": 3, "child_age": 27}
    relations = [SumRelation("total", ("women", "children")), SumRelation("total", ("adult_age", "child_age")),
                 SumRelation("women", ("adult_age",))]
    result = suppress(values, relations)
    assert {"women", "adult_age"} <= result.primary
    assert {"children", "child_age"} <= result.complementary
    assert_nothing_can_be_worked_back(result, relations)


def test_an_upper_bound_the_reader_knows_is_respected():
    """T = women + children, children >= boys: with boys published at 7 and T at 8, children
    would be pinned at 7 and women at 1, so more must go."""
    values = {"total": 8, "women": 1, "children": 7, "boys": 7}
    relations = [SumRelation("total", ("women", "children"))]
    at_most = [AtMost("boys", "children")]
    result = suppress(values, relations, at_most)
    assert_nothing_can_be_worked_back(result, relations, at_most)
    assert "women" in result.primary


def test_the_breakdown_of_a_small_total_shows_0_to_4_where_its_small_parts_would_be_pinned():
    """Four "<5" under a "<5" total: each is at least 1 and together at most 4, so all are 1. No
    count of 5 or more is there to hide; the parts show "0-4" (the zero too), the totals stay "<5"."""
    values = {"total": 4, "fisik": 1, "psikis": 1, "seksual": 1, "penelantaran": 1, "lainnya": 0,
              "perempuan": 4, "laki_laki": 0}
    relations = [SumRelation("total", ("fisik", "psikis", "seksual", "penelantaran", "lainnya")),
                 SumRelation("total", ("perempuan", "laki_laki"))]
    result = suppress(values, relations)
    assert result.blurred == {"fisik", "psikis", "seksual", "penelantaran", "lainnya"}
    assert [result.shown(c) for c in values] == ["<5", "0-4", "0-4", "0-4", "0-4", "0-4", "<5", "0"]
    assert result.published("lainnya") is None
    assert_publication_rules(result, relations)
    assert_nothing_can_be_worked_back(result, relations)


def test_the_independent_check_catches_four_small_counts_under_a_small_total():
    from indicators.suppression import Suppression

    relations = [SumRelation("total", ("a", "b", "c", "d"))]
    values = {"total": 4, "a": 1, "b": 1, "c": 1, "d": 1}
    with pytest.raises(AssertionError, match="narrowed"):
        assert_nothing_can_be_worked_back(Suppression(values, frozenset(values), frozenset()), relations)


def test_case_year_of_four_victims_one_per_violence_type_is_protected():
    from indicators.cases import public_year_system

    rows = pd.DataFrame([{"victim_group": "anak", "victim_sex": "perempuan", "age_group": "0-5",
                          "violence_type": violence_type, "case_count": 1}
                         for violence_type in ("fisik", "psikis", "seksual", "penelantaran")])
    values, relations, at_most = public_year_system(rows)
    result = suppress(values, relations, at_most)
    assert result.shown(("total", "")) == SMALL_MARK
    assert result.shown(("violence_type", "fisik")) == SMALL_OR_ZERO_MARK
    assert_publication_rules(result, relations)
    assert_nothing_can_be_worked_back(result, relations, at_most)


def test_zero_is_published_and_never_chosen_to_hide():
    result = suppress({"total": 9, "a": 0, "b": 2, "c": 7}, [SumRelation("total", ("a", "b", "c"))])
    assert result.shown("a") == "0"
    assert result.complementary == {"c"}


def test_a_table_without_small_counts_is_published_whole():
    result, shown = suppress_two_way(pd.DataFrame([[5, 9], [12, 0]], index=["a", "b"], columns=["x", "y"]))
    assert not result.hidden
    assert shown.loc[TOTAL, TOTAL] == "26"


@pytest.mark.parametrize("bad", [-1, 2.5, True])
def test_counts_must_be_whole_and_not_negative(bad):
    with pytest.raises(ValueError):
        suppress({"total": 3, "a": bad}, [])


def test_relations_must_hold_on_the_true_counts():
    with pytest.raises(ValueError, match="do not add up"):
        suppress({"total": 9, "a": 3, "b": 4}, [SumRelation("total", ("a", "b"))])


def test_a_table_nothing_less_protects_is_withheld_whole():
    """Six cases: 5 physical, 1 psychological; two adult women and four small children. Every
    count of 5 or more hidden, every small one "0-4", the other violence types are still at most
    3 (the total is at most 8, physical at least 5): the year is withheld, every cell "…"."""
    from indicators.cases import public_year_system

    rows = pd.DataFrame([
        {"victim_group": "anak", "victim_sex": "perempuan", "age_group": "0-5", "violence_type": "fisik",
         "case_count": 4},
        {"victim_group": "perempuan_dewasa", "victim_sex": "perempuan", "age_group": "18+",
         "violence_type": "fisik", "case_count": 1},
        {"victim_group": "perempuan_dewasa", "victim_sex": "perempuan", "age_group": "18+",
         "violence_type": "psikis", "case_count": 1}])
    values, relations, at_most = public_year_system(rows)
    result = suppress(values, relations, at_most)
    assert result.withheld == set(values) and {result.shown(c) for c in values} == {WITHHELD_MARK}
    assert result.published(("total", "")) is None
    assert_publication_rules(result, relations)
    assert_nothing_can_be_worked_back(result, relations, at_most)
