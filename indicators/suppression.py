"""Small-cell suppression for published aggregate counts (pure: no database, no Streamlit).

A published table is a set of cells (counts) tied together by relations the reader knows:
`total = sum(parts)` (a row, a column, a breakdown of the same total, an identity such as
"adult women = victims aged 18+") and `small <= big` (boys are among the children). The reader
sees every published cell, knows every relation and knows this rule:

- primary suppression: a count from 1 to 4 is shown as "<5", so the reader knows it lies in 1..4;
- complementary suppression: where the published cells and the relations would still pin a
  hidden count down, further cells are hidden ("x"). Only counts of 5 or more are ever chosen,
  so the reader may assume such a cell is >= 5 (we assume they do);
- a small total's breakdown: because zeros are published, the reader also knows every "<5" is at
  least 1, and no "x" can help where a total below 5 has that many small parts (four "<5" under
  a "<5" total are all 1). Where hiding counts of 5 or more cannot protect a hidden count, the
  parts of a total below 5 that contains it are shown "0-4", zeros included, so none of them is
  known to be at least 1 (a zero that would give a "0-4" away goes with it); if even that is not
  enough, every count below 5 in the table is shown "0-4";
- a table that nothing less protects (a handful of cases) is withheld whole: every cell "…".

A hidden cell is protected when the reader cannot narrow it below its whole class (its protection
interval): a "<5" and a "0-4" may each still be any of 1..4 (and a "0-4" 0 where a zero is
possible), and an "x" spans at least as many values as a "<5". "At least two values" is not
enough: two "<5" that a published total makes 7 together are each 3 or 4. `feasible_range` finds
the least and greatest value a reader can give a hidden cell from every published cell and
relation, exactly, as two small integer programs (scipy's HiGHS); where a cell is narrowed,
another cell is hidden. Being conservative costs a few extra hidden cells, never a disclosure.
Everything is deterministic: the choices follow the order of the cells and their values, never a
random number.
"""
from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.optimize import Bounds, LinearConstraint, milp

THRESHOLD = 5
"""Counts 1..THRESHOLD-1 are small; THRESHOLD is also the least a complementary cell can be."""
SMALL_MARK = "<5"
HIDDEN_MARK = "x"
SMALL_OR_ZERO_MARK = "0-4"
WITHHELD_MARK = "…"
"""A table no suppression can protect (a handful of cases, where every count of 5 or more is
already hidden and the rest still narrow each other) is withheld whole: every cell shows this."""

Cell = Hashable


@dataclass(frozen=True)
class SumRelation:
    """total == sum(parts), all of them cells of the table."""

    total: Cell
    parts: tuple[Cell, ...]

    @property
    def cells(self) -> tuple[Cell, ...]:
        return (self.total, *self.parts)


@dataclass(frozen=True)
class AtMost:
    """small <= big (e.g. boys <= children)."""

    small: Cell
    big: Cell


@dataclass(frozen=True)
class Suppression:
    values: dict          # cell -> true count
    primary: frozenset    # shown "<5"
    complementary: frozenset  # shown "x"
    blurred: frozenset = frozenset()  # shown "0-4": parts of a small total, zeros included
    withheld: frozenset = frozenset()  # shown "…": the whole table, when nothing less protects it

    @property
    def hidden(self) -> frozenset:
        return self.primary | self.complementary | self.blurred | self.withheld

    def published(self, cell: Cell) -> int | None:
        """The count as published: None when it is hidden."""
        return None if cell in self.hidden else self.values[cell]

    def shown(self, cell: Cell) -> str:
        """The count as a reader sees it (digits unformatted)."""
        if cell in self.primary:
            return SMALL_MARK
        if cell in self.complementary:
            return HIDDEN_MARK
        if cell in self.blurred:
            return SMALL_OR_ZERO_MARK
        if cell in self.withheld:
            return WITHHELD_MARK
        return str(self.values[cell])


def _check(values: Mapping[Cell, int], relations: Sequence[SumRelation], at_most: Sequence[AtMost]) -> None:
    for cell, value in values.items():
        if isinstance(value, bool) or int(value) != value or value < 0:
            raise ValueError(f"count of {cell!r} must be a whole number >= 0, not {value!r}")
    for relation in relations:
        missing = [c for c in relation.cells if c not in values]
        if missing:
            raise ValueError(f"relation names unknown cells {missing!r}")
        if values[relation.total] != sum(values[c] for c in relation.parts):
            raise ValueError(f"the parts of {relation.total!r} do not add up to it")
    for pair in at_most:
        if pair.small not in values or pair.big not in values:
            raise ValueError(f"relation names unknown cells {pair!r}")
        if values[pair.small] > values[pair.big]:
            raise ValueError(f"{pair.small!r} exceeds {pair.big!r}")


def is_small(value: int) -> bool:
    return 0 < value < THRESHOLD


def suppress(values: Mapping[Cell, int], relations: Sequence[SumRelation] = (),
             at_most: Sequence[AtMost] = ()) -> Suppression:
    """Which cells to hide so that no small count can be worked out from what is published."""
    relations, at_most = tuple(relations), tuple(at_most)
    _check(values, relations, at_most)
    values = {cell: int(value) for cell, value in values.items()}
    order = {cell: position for position, cell in enumerate(values)}
    primary = {cell for cell, value in values.items() if is_small(value)}
    complementary: set[Cell] = set()
    blurred: set[Cell] = set()

    def hidden() -> set[Cell]:
        return primary | complementary | blurred

    def candidates(cells) -> list[Cell]:
        return sorted((c for c in cells if c not in hidden() and values[c] >= THRESHOLD),
                      key=lambda c: (values[c], order[c]))

    def small_breakdown(cell: Cell) -> SumRelation | None:
        """A relation holding `cell` whose total is below 5 and whose parts are not all "0-4" yet:
        the one with the most "<5" parts (their lower bounds of 1 are what pins them), then one
        where the cell is a part, then the first."""
        open_small = [r for r in relations if cell in r.cells and is_small(values[r.total])
                      and any(p not in blurred for p in r.parts)]
        return max(open_small, key=lambda r: (sum(p in primary for p in r.parts), r.total != cell), default=None)

    def blur(cells) -> None:
        for c in cells:
            primary.discard(c)
            blurred.add(c)

    neighbours: dict[Cell, list[Cell]] = {cell: [] for cell in values}
    for relation in relations:
        for cell in relation.cells:
            neighbours[cell].extend(c for c in relation.cells if c != cell)
    for pair in at_most:
        neighbours[pair.small].append(pair.big)
        neighbours[pair.big].append(pair.small)

    while True:
        # A sum with exactly one hidden cell gives it away at once: hide a second one.
        lone = next((r for r in relations if len([c for c in r.cells if c in hidden()]) == 1), None)
        if lone is not None:
            choice = candidates(lone.cells)
            if choice:
                complementary.add(choice[0])
                continue
            # Nothing of 5 or more to hide beside a lone "0-4": the rest are zeros; they go too.
            zeros = [c for c in lone.cells if c not in hidden()]
            if zeros:
                blur(zeros)
                continue
        exposed = next((c for c in sorted(hidden(), key=order.__getitem__)
                        if not is_protected(c, values, frozenset(primary), frozenset(complementary), relations,
                                            at_most, frozenset(blurred))),
                       None)
        if exposed is None:
            break
        choice = candidates(neighbours[exposed])
        if choice:
            complementary.add(choice[0])
            continue
        breakdown = small_breakdown(exposed)
        if breakdown is not None:
            blur(breakdown.parts)
            continue
        choice = candidates(values)
        if choice:
            complementary.add(choice[0])
            continue
        rest = [c for c in values if values[c] < THRESHOLD and c not in blurred]
        if not rest:  # every count is hidden and one is still narrowed: nothing less than all will do
            return Suppression(values=values, primary=frozenset(), complementary=frozenset(),
                               withheld=frozenset(values))
        blur(rest)
    return Suppression(values=values, primary=frozenset(primary), complementary=frozenset(complementary),
                       blurred=frozenset(blurred))


def _bounds(cell: Cell, primary: frozenset, blurred: frozenset) -> tuple[int, int | None]:
    """What the reader knows of a hidden cell: 1..4 ("<5"), 0..4 ("0-4") or >= 5 ("x")."""
    if cell in primary:
        return 1, THRESHOLD - 1
    if cell in blurred:
        return 0, THRESHOLD - 1
    return THRESHOLD, None


def feasible_range(cell: Cell, values: Mapping[Cell, int], primary: frozenset, complementary: frozenset,
                   relations: Sequence[SumRelation], at_most: Sequence[AtMost] = (),
                   blurred: frozenset = frozenset()) -> tuple[int, float]:
    """The least and greatest value a reader can give a hidden cell from everything published:
    the published cells, every relation, and the class of each hidden cell. An integer program
    (scipy's HiGHS) finds each end exactly; the greatest is infinite when nothing bounds it."""
    hidden = primary | complementary | blurred
    variables = _reachable(cell, hidden, [r for r in relations if any(c in hidden for c in r.cells)],
                           [p for p in at_most if p.small in hidden or p.big in hidden])
    index = {c: n for n, c in enumerate(variables)}
    rows: list = []
    lower: list[float] = []
    upper: list[float] = []
    for relation in relations:
        if not any(c in index for c in relation.cells):
            continue
        row, constant = np.zeros(len(variables)), 0
        for c in relation.cells:
            sign = -1 if c == relation.total else 1
            if c in index:
                row[index[c]] += sign
            else:
                constant += sign * values[c]
        rows.append(row)
        lower.append(-constant)
        upper.append(-constant)
    for pair in at_most:
        if pair.small not in index and pair.big not in index:
            continue
        row, constant = np.zeros(len(variables)), 0
        for c, sign in ((pair.small, 1), (pair.big, -1)):
            if c in index:
                row[index[c]] += sign
            else:
                constant += sign * values[c]
        rows.append(row)
        lower.append(-np.inf)
        upper.append(-constant)
    bounds = [_bounds(c, primary, blurred) for c in variables]
    # A finite ceiling keeps every program bounded (HiGHS cannot always tell unbounded from
    # infeasible); reaching it means nothing published bounds the cell.
    ceiling = 2 * sum(values.values()) + 2 * THRESHOLD
    box = Bounds([low for low, _ in bounds], [ceiling if high is None else high for _, high in bounds])
    constraints = [LinearConstraint(np.array(rows), lower, upper)] if rows else []
    ends = []
    for direction in (1, -1):
        objective = np.zeros(len(variables))
        objective[index[cell]] = direction
        result = milp(objective, constraints=constraints, integrality=np.ones(len(variables)), bounds=box)
        if result.status != 0:
            raise ValueError(f"the published table is inconsistent around {cell!r} (solver: {result.message})")
        ends.append(round(direction * result.fun))
    return int(ends[0]), np.inf if ends[1] >= ceiling else int(ends[1])


def is_protected(cell: Cell, values: Mapping[Cell, int], primary: frozenset, complementary: frozenset,
                 relations: Sequence[SumRelation], at_most: Sequence[AtMost] = (),
                 blurred: frozenset = frozenset()) -> bool:
    """Whether the reader cannot narrow the hidden cell below its whole class (its protection
    interval): a "<5" and a "0-4" may each still be any of 1..4, and an "x" spans at least as
    many values as a "<5" (it is hidden only to protect small counts; a count of 5 or more is
    not itself sensitive)."""
    if cell not in primary | complementary | blurred:
        return False
    low, high = feasible_range(cell, values, primary, complementary, relations, at_most, blurred)
    if cell in complementary:
        return high - low + 1 >= THRESHOLD - 1
    return low <= 1 and high >= THRESHOLD - 1


def _reachable(start: Cell, hidden: frozenset, relations: list[SumRelation], pairs: list[AtMost]) -> list[Cell]:
    """The hidden cells linked to `start` through relations, nearest first (so the search
    settles each relation early)."""
    seen, queue = [start], [start]
    while queue:
        current = queue.pop(0)
        linked = [c for r in relations if current in r.cells for c in r.cells]
        linked += [c for p in pairs if current in (p.small, p.big) for c in (p.small, p.big)]
        for c in linked:
            if c in hidden and c not in seen:
                seen.append(c)
                queue.append(c)
    return seen


# --- two-way tables ---------------------------------------------------------------------------

TOTAL = "__total__"


def two_way_relations(rows: Sequence, columns: Sequence) -> list[SumRelation]:
    """Relations of a table with row totals, column totals and a grand total; cells are
    (row, column) with TOTAL standing for a margin."""
    relations = [SumRelation((r, TOTAL), tuple((r, c) for c in columns)) for r in rows]
    relations += [SumRelation((TOTAL, c), tuple((r, c) for r in rows)) for c in columns]
    relations.append(SumRelation((TOTAL, TOTAL), tuple((r, TOTAL) for r in rows)))
    relations.append(SumRelation((TOTAL, TOTAL), tuple((TOTAL, c) for c in columns)))
    return relations


def suppress_two_way(table: pd.DataFrame) -> tuple[Suppression, pd.DataFrame]:
    """A table of counts (index = rows, columns = columns) with its margins added, suppressed.
    Returns the suppression and the table as shown (strings), margins labelled TOTAL."""
    rows, columns = list(table.index), list(table.columns)
    values: dict = {}
    for r in rows:
        for c in columns:
            values[(r, c)] = int(table.loc[r, c])
        values[(r, TOTAL)] = int(table.loc[r].sum())
    for c in columns:
        values[(TOTAL, c)] = int(table[c].sum())
    values[(TOTAL, TOTAL)] = int(table.to_numpy().sum())
    result = suppress(values, two_way_relations(rows, columns))
    shown = pd.DataFrame(
        [[result.shown((r, c)) for c in [*columns, TOTAL]] for r in [*rows, TOTAL]],
        index=[*rows, TOTAL], columns=[*columns, TOTAL],
    )
    return result, shown
