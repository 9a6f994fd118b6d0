"""Klaster V case rules (indicators/cases.py) and the case CSV (data/files/cases_csv.py): the
categories, the checks of a row and of a table, the CSV read and written; pure, no database."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from data.files import cases_csv
from data.files.csv_text import decode_csv_text, guess_separator
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


def case(**changes) -> dict:
    base = {"year": 2023, "victim_group": "anak", "violence_type": "fisik", "victim_sex": "perempuan",
            "age_group": "6-12", "cause": "pola_asuh", "source": "uptd_ppa", "case_count": 6}
    return {**base, **changes}


def test_labels_in_either_language_name_their_category():
    assert case_rules.category_code("victim_group", "Perempuan Dewasa") == "perempuan_dewasa"
    assert case_rules.category_code("violence_type", "Trafficking") == "trafficking"
    assert case_rules.category_code("age_group", "18 tahun ke atas") == "18+"
    assert case_rules.category_code("age_group", "6 – 12 tahun") == "6-12"
    assert case_rules.category_code("cause", "arisan") is None
    assert case_rules.label("victim_sex", "laki_laki", "en") == "Male"
    assert case_rules.label("victim_sex", "unknown") == "unknown"


def test_a_table_is_checked_row_by_row_and_against_its_stated_totals():
    checked = case_rules.check_rows(
        [case(), case(violence_type="psikis", case_count=2), case(),
         case(victim_group="perempuan_dewasa", age_group="13-17"), case(age_group="Jun-12")],
        ["Baris 2", "Baris 3", "Baris 4", "Baris 5", "Baris 6"], {(2023, "anak"): 9})
    assert checked.rows["case_count"].tolist() == [6, 2]
    assert checked.problems[0].startswith("Baris 4: rincian yang sama sudah ada di Baris 2")
    assert "perempuan dewasa harus berjenis kelamin perempuan dan berumur 18" in checked.problems[1]
    assert "Excel mungkin mengubah '6-12' menjadi tanggal" in checked.problems[2]
    assert checked.problems[3] == ("Tahun 2023: rincian kasus anak baru berjumlah 8 dari 9 yang dinyatakan; lengkapi "
                                   "rinciannya (gunakan kategori 'lainnya' bila tidak diketahui).")


def test_totals_per_year_add_the_victim_groups():
    adults = case(victim_group="perempuan_dewasa", age_group="18+", case_count=3)
    rows = case_rules.check_rows([case(), case(year=2024, case_count=1), adults], ["1", "2", "3"]).rows
    assert case_rules.year_totals(rows).to_dict("records") == [
        {"year": 2023, "perempuan_dewasa": 3, "anak": 6, "total": 9},
        {"year": 2024, "perempuan_dewasa": 0, "anak": 1, "total": 1}]
    assert list(case_rules.year_totals(rows.iloc[0:0]).columns) == ["year", "perempuan_dewasa", "anak", "total"]


def test_the_csv_template_reads_back_as_its_rows():
    parsed = cases_csv.parse_cases_csv(cases_csv.template_csv().encode("utf-8"))
    assert parsed.problems == [] and (parsed.encoding, parsed.separator) == ("utf-8", ",")
    assert parsed.rows["case_count"].tolist() == [12, 7]


def test_a_csv_is_read_in_the_encodings_and_separators_excel_saves():
    assert decode_csv_text("tahun;jumlah\n".encode("cp1252")) == ("tahun;jumlah\n", "utf-8")
    assert decode_csv_text("Manulaí".encode("cp1252")) == ("Manulaí", "cp1252")
    assert decode_csv_text("x".encode("utf-16")) == (None, "utf-16")
    assert guess_separator("tahun;kelompok_korban;jumlah") == ";"
    assert guess_separator("tahun,kelompok_korban\tjumlah,x") == ","
    assert guess_separator("tahun") == ";"
    too_big = cases_csv.parse_cases_csv(b"x" * (cases_csv.MAX_IMPORT_BYTES + 1))
    assert too_big.problems == ["Berkas terlalu besar (2.000.001 bita); batasnya 2.000.000 bita."]
