"""The header check every import route shares (indicators/columns.py)."""
import pytest

from indicators.columns import check_header, closest_column, column_letter

UNITS = {"jenis": ("jenis unit",), "nama": (), "nama_singkat": (), "sumber_data": (), "kecamatan": ()}


@pytest.mark.parametrize(("title", "meant"), [
    ("singkatan", "nama_singkat"), ("sumber", "sumber_data"), ("Kec", "kecamatan"), ("kecamatn", "kecamatan"),
    ("Jenis-Unit", "jenis"), ("Sumber Data OPD", "sumber_data"), ("xyz", None), ("", None),
])
def test_a_misspelled_title_names_the_column_meant(title, meant):
    assert closest_column(title, UNITS) == meant


def test_unknown_missing_and_twice_are_refused_with_row_and_column():
    columns, problems = check_header(["JENIS", " Nama ", "singkatan", "", "nama"], UNITS,
                                     ["jenis", "nama", "sumber_data"])
    assert columns == {"jenis": 0, "nama": 1}
    assert problems == [
        "Baris 1, kolom C: kolom 'singkatan' tidak dikenal; maksud Anda 'nama_singkat'? Kolom yang dikenal: jenis, "
        "nama, nama_singkat, sumber_data, kecamatan.",
        "Baris 1, kolom E: kolom nama sudah ada di kolom B; hapus salah satunya.",
        "Baris 1: kolom wajib sumber_data tidak ada. Baris 1 harus berisi judul kolom: jenis, nama, nama_singkat, "
        "sumber_data, kecamatan."]


def test_titles_match_free_of_case_spaces_and_underscores():
    assert check_header(["Nama Singkat", "SUMBER_DATA", "jenis unit"], UNITS) == (
        {"nama_singkat": 0, "sumber_data": 1, "jenis": 2}, [])


def test_column_letters():
    assert [column_letter(i) for i in (0, 25, 26, 701, 702)] == ["A", "Z", "AA", "ZZ", "AAA"]


def test_a_header_of_thousands_of_titles_names_the_first_ten():
    _, problems = check_header([f"kolom{i}" for i in range(5000)] + ["x" * 40_000], UNITS)
    assert len(problems) == 11 and problems[-1] == "Baris 1: 4991 judul kolom lain juga tidak dikenal."
