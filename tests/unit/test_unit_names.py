"""The names of kecamatan and kelurahan (indicators/unit_names.py): how a typed name is read,
stored and keyed; pure, no database."""
from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from indicators import unit_names


@settings(max_examples=200, deadline=None)
@given(kind=st.sampled_from(unit_names.KINDS), text=st.text(max_size=260))
@example(kind="kecamatan", text="0ß")   # "0ß".upper() is "0SS": both must name the same unit
def test_any_typed_name_is_refused_or_names_one_unit(kind, text):
    try:
        named = unit_names.unit_name(kind, text)
    except ValueError as error:
        assert str(error).startswith(f"nama {kind}")
        return
    assert 0 < len(named.full) <= 200 and named.full.endswith(named.base)
    assert all(ch.isprintable() for ch in named.full)
    assert named.key and len(named.key) <= unit_names.MAX_SLUG
    assert set(named.key) <= set("abcdefghijklmnopqrstuvwxyz0123456789_")
    assert unit_names.unit_name(kind, named.full).key == named.key  # the stored name names the same unit
    assert unit_names.unit_name(kind, named.full.upper()).key == named.key
