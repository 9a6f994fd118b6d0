"""An independent checker of small-cell suppression: for every hidden cell, the range of values a
reader can give it from everything published, by exhaustive search (bounds propagation and
branching over integer tables inside a finite box), sharing no code with indicators.suppression.

The reader's knowledge is modelled exactly as the pages state it: published cells are known,
every relation (row, column, total, identity) is known, a "<5" cell lies in 1..4, an "x" cell is
a count the rule only ever hides when it is 5 or more, a "0-4" cell lies in 0..4, a withheld "…"
cell is any count.
"""
from __future__ import annotations


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
        elif cell in result.withheld:
            domains[cell] = (0, box)
        else:
            domains[cell] = (value, value)
    return domains


def checked_range(domains: dict, cell, relations, at_most) -> tuple[int, int]:
    """The least and greatest value of `cell` in any integer table consistent with `domains`,
    found by bisection over the exhaustive search above."""
    low, high = domains[cell]

    def feasible(lo: int, hi: int) -> bool:
        return _solvable({**domains, cell: (lo, hi)}, relations, at_most)

    first_low, first_high = low, high  # smallest t with a table where cell <= t
    while first_low < first_high:
        middle = (first_low + first_high) // 2
        if feasible(low, middle):
            first_high = middle
        else:
            first_low = middle + 1
    last_low, last_high = low, high  # largest t with a table where cell >= t
    while last_low < last_high:
        middle = (last_low + last_high + 1) // 2
        if feasible(middle, high):
            last_low = middle
        else:
            last_high = middle - 1
    return first_low, last_low


def assert_nothing_can_be_worked_back(result, relations, at_most=()):
    """Protection intervals: from everything published, a reader cannot narrow any hidden count to
    fewer values than its whole class: a "<5" stays any of 1..4, a "0-4" any of 1..4 too (and 0
    where a zero is possible: two "0-4" row totals under a grand total of 5 or more cannot both be
    0, so no table could promise it), and an "x" spans at least as many values as a "<5"."""
    box = 2 * sum(result.values.values()) + 10
    domains = reader_domains(result, box)
    assert _solvable(domains, relations, at_most), "the true table itself must be consistent"
    for cell in result.hidden:
        low, high = checked_range(domains, cell, relations, at_most)
        assert low <= result.values[cell] <= high
        if cell in result.primary:
            assert (low, high) == (1, 4), f"hidden cell {cell!r} is narrowed to {low}..{high}, not 1..4"
        elif cell in result.blurred:
            assert low <= 1 and high == 4, f"hidden cell {cell!r} is narrowed to {low}..{high}, not 0..4 or 1..4"
        elif cell in result.withheld:
            assert low <= 1 and high >= 4, f"withheld cell {cell!r} is narrowed to {low}..{high}"
        else:
            assert high - low + 1 >= 4, f"hidden cell {cell!r} is narrowed to {low}..{high}"


