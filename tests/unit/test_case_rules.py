"""Klaster V case rules (indicators/cases.py) and the case CSV (data/files/cases_csv.py): the
categories, the checks of a row and of a table, the CSV read and written; pure, no database."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from indicators import cases as case_rules


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=12), st.integers(-10**7, 10**7), st.floats(allow_nan=True), st.none()))
def test_a_count_is_a_whole_number_from_zero_or_a_message(raw):
    value, message = case_rules.parse_count(raw)
    assert (value is None) != (message is None)
    if value is not None:
        assert isinstance(value, int) and 0 <= value <= case_rules.MAX_COUNT
        text = str(raw).strip()
        assert re.fullmatch(r"[0-9]+", text) or (isinstance(raw, (int, float)) and float(raw) == value)
    if isinstance(raw, str) and re.fullmatch(r" *[0-9]{1,5} *", raw):
        assert value == int(raw)
    if isinstance(raw, str) and not re.search(r"[0-9]", raw):
        assert value is None
