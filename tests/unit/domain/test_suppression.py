"""Small-cell suppression (indicators/suppression.py), checked against an independent exhaustive
search: for every hidden cell, a second table must exist that matches everything published.

The reader's knowledge is modelled exactly as the page states it: published cells are known,
every relation (row, column, total, identity) is known, a "<5" cell lies in 1..4, an "x" cell is
a count the rule only ever hides when it is 5 or more, a "0-4" cell (a part of a small total,
zeros included) lies in 0..4. The search below does not use the
module's own unit-step reasoning: it enumerates integer tables (bounds propagation and branching)
inside a finite box, so any second table it finds is a real one.
"""
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
    AtMost,
    SumRelation,
    suppress,
    suppress_two_way,
    two_way_relations,
)

# --- an independent solver ---------------------------------------------------------------------


def _propagate(domains: dict, relations, at_most) -> bool:
    """Tighten [low, high] of every cell until nothing changes; False if a domain empties."""
    changed = True
    while changed:
        changed = False
        for relation in relations:
            terms = [(relation.total, -1)] + [(c, 1) for c in relation.parts]
            for cell, sign in terms:
                # sign * x_cell = -sum(other signed terms)
                others_low = sum(domains[c][0] if s > 0 else -domains[c][1] for c, s in terms if c != cell)
                others_high = sum(domains[c][1] if s > 0 else -domains[c][0] for c, s in terms if c != cell)
                low, high = (-others_high, -others_low) if sign > 0 else (others_low, others_high)
                old = domains[cell]
                new = (max(old[0], low), min(old[1], high))
                if new[0] > new[1]:
                    return False
                if new != old:
                    domains[cell] = new
                    changed = True
        for pair in at_most:
            small, big = domains[pair.small], domains[pair.big]
            new_small = (small[0], min(small[1], big[1]))
            new_big = (max(big[0], small[0]), big[1])
            if new_small[0] > new_small[1] or new_big[0] > new_big[1]:
                return False
            if (new_small, new_big) != (small, big):
                domains[pair.small], domains[pair.big] = new_small, new_big
                changed = True
    return True


def _solvable(domains: dict, relations, at_most) -> bool:
    domains = dict(domains)
    if not _propagate(domains, relations, at_most):
        return False
    open_cells = [c for c, (low, high) in domains.items() if low < high]
    if not open_cells:
        return True
    cell = min(open_cells, key=lambda c: domains[c][1] - domains[c][0])
    low, high = domains[cell]
    middle = (low + high) // 2
    return (_solvable({**domains, cell: (low, middle)}, relations, at_most)
            or _solvable({**domains, cell: (middle + 1, high)}, relations, at_most))


def reader_domains(result, box: int) -> dict:
    domains = {}
    for cell, value in result.values.items():
        if cell in result.primary:
            domains[cell] = (1, 4)
        elif cell in result.complementary:
            domains[cell] = (5, box)
        elif cell in result.blurred:
            domains[cell] = (0, 4)
        else:
            domains[cell] = (value, value)
    return domains


def assert_nothing_can_be_worked_back(result, relations, at_most=()):
    box = 2 * sum(result.values.values()) + 10
    domains = reader_domains(result, box)
    assert _solvable(domains, relations, at_most), "the true table itself must be consistent"
    for cell in result.hidden:
        true = result.values[cell]
        lower = domains[cell][0] <= true - 1 and _solvable(
            {**domains, cell: (domains[cell][0], true - 1)}, relations, at_most)
        higher = true + 1 <= domains[cell][1] and _solvable(
            {**domains, cell: (true + 1, domains[cell][1])}, relations, at_most)
        assert lower or higher, f"hidden cell {cell!r} (true {true}) is determined by what is published"


def assert_publication_rules(result, relations):
    for cell, value in result.values.items():
        shown = result.shown(cell)
        if cell in result.primary:
            assert shown == SMALL_MARK and 1 <= value <= 4
        elif cell in result.complementary:
            assert shown == HIDDEN_MARK and value >= 5
        elif cell in result.blurred:
            assert shown == SMALL_OR_ZERO_MARK and 0 <= value <= 4
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
    with pytest.raises(AssertionError, match="determined"):
        assert_nothing_can_be_worked_back(naive, relations)
    pinned = Suppression(values={"total": 8, "a": 4, "b": 4}, primary=frozenset({"a", "b"}),
                         complementary=frozenset())
    with pytest.raises(AssertionError, match="determined"):
        assert_nothing_can_be_worked_back(pinned, [SumRelation("total", ("a", "b"))])


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
    with pytest.raises(AssertionError, match="determined"):
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
