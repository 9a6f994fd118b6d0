"""Papan Kesiapan (app_pages/board.py) through AppTest: the admin sees the regions with their stage,
totals and who is late, per province, and picks another year; the chair is turned away."""
import json
from datetime import timedelta

import pytest
import streamlit as st

from indicators import clock
from page_helpers import open_page_as, texts

PAGE = "app_pages/board.py"


def test_the_admin_reads_the_board_and_picks_a_year(database_url):
    at = open_page_as(PAGE, "admin")
    assert not at.exception and "Papan Kesiapan Kabupaten/Kota" in texts(at)
    regions = at.dataframe[1].value
    assert regions["region"].tolist() == ["Kota Kupang (53.71)"] and regions["stage"].tolist() == ["pengisian"]
    assert "terverifikasi, 11 hari lagi" in regions["risk"][0]  # little verified, its deadline near
    at.selectbox(key="board_year").set_value(2024).run()
    regions = at.dataframe[1].value
    assert regions["stage"].tolist() == ["diterbitkan"] and regions["total"].tolist() == ["624,49 · Madya"]
    assert regions["province_total"].tolist() == ["624,49 · Madya"] and regions["risk"].tolist() == ["—"]
    assert at.dataframe[0].value["Provinsi"].tolist() == ["Nusa Tenggara Timur"]


def test_the_province_verifier_reads_its_provinces_board(database_url):
    at = open_page_as(PAGE, "provinsi.ntt")
    assert not at.exception and at.dataframe[0].value["Provinsi"].tolist() == ["Nusa Tenggara Timur"]
    assert at.dataframe[1].value["region"].tolist() == ["Kota Kupang (53.71)"]


def test_the_chair_is_turned_away(database_url):
    at = open_page_as(PAGE, "ketua")
    assert "Halaman ini tidak tersedia untuk peran Anda (Ketua Gugus Tugas KLA)." in texts(at)



def late_names_column(at) -> tuple[str, list[str]]:
    """The regions table's late-names column: its heading and its cells."""
    table = at.dataframe[1]
    return json.loads(table.proto.columns)["late_names"]["label"], table.value["late_names"].tolist()


@pytest.fixture
def eighteen_days_late(pinned_clock):
    """The clock 18 days past the demo's open 2025 deadline (11 days after the day it was loaded)."""
    with clock.clock_at(pinned_clock + timedelta(days=29)):
        yield


def test_the_board_names_who_is_late(database_url, eighteen_days_late):
    st.cache_data.clear()  # a board read on another day is not this one
    at = open_page_as(PAGE, "admin")
    assert not at.exception
    assert late_names_column(at) == ("Unit terlambat (terbanyak tunggakan)",
                                     ["dp3a, dinkes, dinsos, disdikbud, kemenag +81 lainnya"])
    assert ("- **Kota Kupang**, lewat 18 hari dari batas waktu, 86 unit: dp3a, dinkes, dinsos, disdikbud, "
            "kemenag +81 lainnya") in texts(at)  # also where a phone would have to scroll the table sideways
    at.sidebar.segmented_control[0].set_value("en").run()
    assert late_names_column(at) == ("Late units (most outstanding first)",
                                     ["dp3a, dinkes, dinsos, disdikbud, kemenag +81 more"])
    at.selectbox(key="board_year").set_value(2024).run()
    assert late_names_column(at)[1] == [""]  # 2024 is closed: what it lacks is missing, nobody is late
