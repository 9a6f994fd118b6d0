"""Whatever the answers hold, a question earns between 0 and its maximum and the sums add up."""
import math

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from catalog_samples import small_catalog_dict
from indicators.catalog import catalog_from_dict
from indicators.scoring import score

CATALOG = catalog_from_dict(small_catalog_dict())
CODES = [q.code for q in CATALOG.questions]
MAXIMA = {q.code: q.max_points for q in CATALOG.questions}
anything_numeric = st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True),
                             st.integers(-10**9, 10**9), st.text(max_size=5))
answer = st.fixed_dictionaries({
    "question_code": st.sampled_from(CODES + ["9.9"]),
    "bool_value": st.one_of(st.none(), st.booleans()),
    "choice_code": st.one_of(st.none(), st.sampled_from(["belum", "sebagian", "penuh", "<script>"])),
    "numerator": anything_numeric, "denominator": anything_numeric, "count_value": anything_numeric,
    "verified_points": anything_numeric,
    "status": st.sampled_from(["draft", "submitted", "returned", "verified"]),
})


@settings(max_examples=150, deadline=None)
@given(st.lists(answer, max_size=12), st.sampled_from(["self", "verified"]))
def test_points_stay_within_0_and_maximum(answers, basis):
    frame = pd.DataFrame([{"region": "53.71", "cycle": 2024, **a} for a in answers],
                         columns=["region", "cycle", "question_code", "bool_value", "choice_code", "numerator",
                                  "denominator", "count_value", "verified_points", "status"])
    cycles = pd.DataFrame([{"region": "53.71", "cycle": 2024, "catalog_version": "TEST-1"}])
    tables = score(cycles, frame, [CATALOG], basis=basis)
    for row in tables.questions.itertuples():
        assert 0 <= row.points <= MAXIMA[row.question_code] and not math.isnan(row.points)
        if not row.answered:
            assert row.points == 0
    total = tables.totals.iloc[0]
    assert 0 <= total["total"] <= 100
    assert math.isclose(total["total"], tables.questions["points"].sum(), abs_tol=1e-9)
    assert total["answered"] + total["missing"] == len(CODES)
