"""The names of kecamatan and kelurahan (indicators/unit_names.py): how a typed name is read,
stored and keyed; pure, no database."""
from __future__ import annotations

from types import SimpleNamespace

import pytest
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


@pytest.mark.parametrize(("kind", "typed", "full", "short_name"), [
    ("kecamatan", "  Kelapa   Lima ", "Kecamatan Kelapa Lima", "kec_kelapa_lima"),
    ("kecamatan", "kec. Alak", "Kecamatan Alak", "kec_alak"),
    ("kelurahan", "Kelurahan Oesapa Barat", "Kelurahan Oesapa Barat", "kel_oesapa_barat"),
    ("kelurahan", "desa Oebufu Baru", "Desa Oebufu Baru", "kel_oebufu_baru"),
    ("kelurahan", "Manulaí", "Kelurahan Manulaí", "kel_manulai"),
    ("kelurahan", "Kelurahanbaru", "Kelurahan Kelurahanbaru", "kel_kelurahanbaru"),
])
def test_a_typed_name_is_stored_with_its_word_once(kind, typed, full, short_name):
    named = unit_names.unit_name(kind, typed)
    assert (named.full, named.short_name) == (full, short_name)


def test_a_stored_unit_gives_its_key_its_typed_name_and_its_focal_point():
    kelurahan = SimpleNamespace(kind="kelurahan", short_name="kel_oesapa_barat", name="Kelurahan Oesapa Barat")
    desa = SimpleNamespace(kind="kelurahan", short_name="kel_oebufu_baru", name="Desa Oebufu Baru")
    odd = SimpleNamespace(kind="kecamatan", short_name="kec_lama", name="Kecamatan \t")
    assert unit_names.unit_key(kelurahan) == "oesapa_barat" and unit_names.unit_key(odd) == "kec_lama"
    assert unit_names.typed_name("kelurahan", kelurahan.name) == "Oesapa Barat"
    assert unit_names.typed_name("kelurahan", desa.name) == "Desa Oebufu Baru"
    assert unit_names.focal_username(kelurahan) == "kel.oesapa_barat"
    alak_lama = SimpleNamespace(kind="kecamatan", short_name="Alak Lama", name="")
    assert unit_names.focal_username(alak_lama) == "kec.alak_lama"
