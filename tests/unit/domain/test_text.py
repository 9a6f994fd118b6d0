"""indicators.text: the one formatter of numbers and dates for services, reports and ui."""
from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indicators import text


@pytest.mark.parametrize(("value", "lang", "expected"), [
    (1234.5, "id", "1.234,5"), (1234.5, "en", "1,234.5"), (612.5, "id", "612,5"), (1000, "id", "1.000"),
    (0.25, "id", "0,25"), (None, "id", "—"), (float("nan"), "en", "—"),
])
def test_number(value, lang, expected):
    assert text.number(value, lang) == expected


def test_points_keep_two_decimals():
    assert (text.points(612.5), text.points(612.5, "en")) == ("612,50", "612.50")


def test_whole_and_megabytes():
    assert (text.whole(5000), text.whole(5000, "en")) == ("5.000", "5,000")
    assert text.megabytes(int(2.5 * 1024 * 1024)) == "2,5 MB"
    assert text.megabytes(10 * 1024 * 1024) == "10 MB"


def test_file_size_in_kilobytes_below_one_megabyte():
    assert (text.file_size(12_595), text.file_size(12_595, "en")) == ("12,3 KB", "12.3 KB")
    assert text.file_size(20) == "0,1 KB"
    assert text.file_size(3 * 1024 * 1024) == "3 MB"


def test_parse_decimal_takes_a_comma_or_a_point():
    assert text.parse_decimal(" 2,5 ") == text.parse_decimal("2.5") == 2.5
    with pytest.raises(ValueError):
        text.parse_decimal("dua")


def test_dates_in_indonesian_and_english():
    assert text.long_date(date(2026, 11, 22)) == "22 November 2026"
    assert text.long_date(date(2026, 8, 17), "en") == "17 August 2026"
    moment = datetime(2026, 11, 22, 6, 5, tzinfo=UTC)
    assert text.date_time(moment, "id", "Asia/Makassar") == "22 November 2026 14.05 WITA"
    assert text.date_time(moment, "en", "Asia/Makassar") == "22 November 2026 14:05 WITA"


@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False))
def test_indonesian_is_english_with_the_marks_swapped(value):
    english = text.number(value, "en")
    swapped = english.replace(",", "\0").replace(".", ",").replace("\0", ".")
    assert text.number(value, "id") == swapped


def test_every_word_in_any_order_ignoring_case_and_accents():
    from indicators.text import has_every_word

    prompt = "Apakah daerah sudah memiliki Perda tentang penyelenggaraan KLA?"
    assert has_every_word("perda kla", prompt) and has_every_word("KLA  PERDA", prompt)
    assert has_every_word("manulai", "Kelurahan Manulaí Baru") and has_every_word("1.1", "1.1", prompt)
    assert not has_every_word("perda anak", prompt)
    assert has_every_word("   ", prompt)  # nothing typed: everything matches


@pytest.mark.parametrize("name, code", [
    ("2.1 SK Gugus Tugas.pdf", "2.1"), ("1.2G_perda.pdf", "1.2g"), ("12.1-data.xlsx", "12.1"),
    ("22.10b (revisi).pdf", "22.10b"), ("2.1.pdf", "2.1"), ("sk 2.1.pdf", None), ("2024 laporan.pdf", None),
    ("", None), ("2.1x1.pdf", None),
])
def test_a_file_name_names_its_question_by_the_code_it_starts_with(name, code):
    assert text.leading_code(name) == code


def test_every_question_code_of_the_2024_instrument_is_found_at_the_start_of_a_file_name():
    from indicators.catalog import DEFAULT_CATALOG, load_catalog
    for question in load_catalog(DEFAULT_CATALOG).questions:
        for name in (f"{question.code} SK.pdf", f"{question.code}_perda.pdf", f"{question.code.lower()}-foto.jpg"):
            assert text.leading_code(name) == question.code.lower(), name
