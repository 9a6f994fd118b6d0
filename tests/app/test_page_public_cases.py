"""Statistik Kasus (app_pages/public_cases.py) through AppTest: open to everyone, suppressed
counts only, published years only, both languages."""

import io

import pandas as pd
from streamlit.testing.v1 import AppTest

from page_helpers import APP, texts

PAGE = "app_pages/public_cases.py"


def open_page() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30).run()
    at.switch_page(PAGE).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_case_statistics_in_indonesian(database_url):
    at = open_page()
    page = texts(at)
    assert "Statistik Kasus Kekerasan terhadap Perempuan dan Anak" in page
    trend = at.table[0].value
    assert list(trend.columns) == ["Tahun", "Perempuan dewasa", "Anak", "Jumlah"]
    assert trend.set_index("Tahun").loc["2023"].tolist() == ["163", "135", "298"]
    assert list(trend["Tahun"]) == ["2021", "2022", "2023"]  # 2024 waits for the 2025 evaluation
    assert at.segmented_control(key="cases_year").value == 2023
    by_type = at.table[1].value.set_index("Kategori")["Jumlah kasus"]
    assert by_type["Fisik"] == "107" and by_type["Perdagangan orang"] == "<5" and by_type["Lainnya"] == "<5"
    assert by_type["Jumlah"] == "298"
    assert len(at.get("vega_lite_chart")) == 4 and len(at.table) == 4  # every chart has its table
    assert "<5** berarti 1 sampai 4 kasus" in page
    [button] = at.get("download_button")
    assert button.proto.label == "Unduh tabel kasus (CSV)"


def test_an_earlier_year_shows_a_complementary_cell(database_url):
    at = open_page()
    at.segmented_control(key="cases_year").set_value(2021).run()
    assert not at.exception
    by_type = at.table[1].value.set_index("Kategori")["Jumlah kasus"]
    assert by_type["Eksploitasi"] == "<5" and by_type["Lainnya"] == "x"
    numbers = [v for table in at.table for v in table.value.iloc[:, -1] if str(v).isdigit()]
    assert not [v for v in numbers if 1 <= int(v) <= 4]


def test_case_statistics_in_english(database_url):
    at = open_page()
    at.sidebar.segmented_control[0].set_value("en").run()
    assert not at.exception
    page = texts(at)
    assert "Statistics of Violence against Women and Children" in page
    assert list(at.table[0].value.columns) == ["Year", "Adult women", "Children", "Total"]
    assert "By type of violence" in page and "About these figures" in page
    assert "Trafficking" in list(at.table[1].value["Category"])


def test_the_page_shows_what_the_csv_holds(engine, database_url):
    from data.services.cases.public import public_cases
    from data.services.public.files import cases_file

    at = open_page()
    csv = pd.read_csv(io.StringIO(cases_file(public_cases(engine, "53.71")).csv()), dtype=str,
                      keep_default_na=False)
    of_2023 = csv[(csv["tahun"] == "2023") & (csv["rincian"] == "violence_type")]
    shown = at.table[1].value
    assert list(of_2023["label"]) == list(shown["Kategori"])[:-1]
    assert list(of_2023["tampil"]) == list(shown["Jumlah kasus"])[:-1]


def test_nothing_published_means_nothing_shown(database_url, run_sql):
    from sqlalchemy import update

    from data.models import EvaluationCycle

    run_sql(update(EvaluationCycle).values(published=False))
    at = open_page()
    assert "Belum ada hasil evaluasi yang diterbitkan" in texts(at)
    assert not at.table and not at.get("vega_lite_chart")
