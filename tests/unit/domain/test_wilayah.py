"""Kemendagri codes and the official list's CSV (indicators/wilayah.py)."""
import gzip
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indicators import wilayah
from indicators.wilayah import code_form, code_problem, parent_code, read_official_list

REFERENCE = Path(__file__).resolve().parents[3] / "data" / "reference"


def test_code_forms_and_parents():
    assert [code_form(c) for c in ("53", "53.71", "53.71.01", "53.71.01.1001")] == [
        "provinsi", "kabupaten_kota", "kecamatan", "desa_kelurahan"]
    assert parent_code("53.71.01.1001") == "53.71.01" and parent_code("53") is None
    assert code_problem("53.71") is None
    assert "kode provinsi" in code_problem("53")
    assert "kode kecamatan" in code_problem("53.71.01")
    assert "wajib diisi" in code_problem("")


@given(st.text(max_size=40))
def test_anything_but_two_digit_groups_is_refused(text):
    form = code_form(text)
    problem = code_problem(text)
    assert (problem is None) == (form == "kabupaten_kota")
    if form is None:
        assert problem is not None and len(problem) < 200


def test_the_shipped_list_reads_without_a_problem():
    regions = gzip.decompress((REFERENCE / "kemendagri_regions_2025.csv.gz").read_bytes()).decode()
    areas = gzip.decompress((REFERENCE / "kemendagri_kecamatan_kelurahan_2025.csv.gz").read_bytes()).decode()
    entries, problems = read_official_list(regions, areas)
    assert problems == []
    levels = {}
    for entry in entries:
        levels[entry.level] = levels.get(entry.level, 0) + 1
    assert levels["provinsi"] == 38 and levels["kabupaten"] + levels["kota"] == 514
    assert levels["kecamatan"] == 7285 and levels["kelurahan"] + levels["desa"] == 83762
    named = {e.code: e.name for e in entries}
    assert (named["53.71"], named["13.76"], named["32.76"], named["16.10"]) == (
        "Kota Kupang", "Kota Payakumbuh", "Kota Depok", "Kabupaten Ogan Ilir")
    assert (named["53.71.01"], named["53.71.01.1001"]) == ("Alak", "Namosain")


def test_a_bad_list_names_every_problem_with_its_row():
    regions = ("kode,nama,tingkat,kode_provinsi,nama_provinsi\n53,NTT,provinsi,53,NTT\n"
               "53.7,Kota X,kota,53,NTT\n53.71,Kota Kupang,kota,53,NTT\n53.71,Lagi,kota,53,NTT\n"
               "54.01,Yatim,kabupaten,54,?\n")
    entries, problems = read_official_list(regions, "kode,nama\n")
    assert "baris 3" in problems[0] and "53.7" in problems[0]
    assert any("baris 5" in p and "dua kali" in p for p in problems)
    assert any("kolom tingkat tidak ada" in p for p in problems)
    _, orphans = read_official_list("kode,nama,tingkat,kode_provinsi,nama_provinsi\n54.01,Yatim,kabupaten,54,?\n")
    assert orphans == ["Kode 54.01 (Yatim) tidak memiliki induk 54 dalam daftar."]


@pytest.mark.parametrize("code, zone", [
    ("53.71", "Asia/Makassar"), ("11.01", "Asia/Jakarta"), ("21", "Asia/Jakarta"), ("31.71", "Asia/Jakarta"),
    ("61.71", "Asia/Jakarta"), ("62.01", "Asia/Jakarta"), ("63.71", "Asia/Makassar"), ("51.71", "Asia/Makassar"),
    ("76.01", "Asia/Makassar"), ("81.71", "Asia/Jayapura"), ("91.71", "Asia/Jayapura"), ("96.01", "Asia/Jayapura"),
    ("00", None), ("4x", None), ("", None), (None, None),
])
def test_every_province_keeps_its_time_zone(code, zone):
    assert wilayah.time_zone_of(code) == zone


def test_a_field_longer_than_csv_allows_is_one_problem_not_a_crash():
    entries, problems = read_official_list("kode,nama,tingkat,kode_provinsi,nama_provinsi\n"
                                           "53,\"" + "N" * 200_000 + "\",provinsi,53,NTT\n")
    assert entries == [] and len(problems) == 1
    assert "tidak dapat dibaca sebagai CSV" in problems[0] and len(problems[0]) < 300
