"""Papan Kesiapan (app_pages/board.py) through AppTest: the admin sees the regions with their stage
and totals, per province, and picks another year; the chair is turned away."""
from page_helpers import open_page_as, texts

PAGE = "app_pages/board.py"


def test_the_admin_reads_the_board_and_picks_a_year(database_url):
    at = open_page_as(PAGE, "admin")
    assert not at.exception and "Papan Kesiapan Kabupaten/Kota" in texts(at)
    regions = at.dataframe[1].value
    assert regions["region"].tolist() == ["Kota Kupang (53.71)"] and regions["stage"].tolist() == ["pengisian"]
    at.selectbox(key="board_year").set_value(2024).run()
    regions = at.dataframe[1].value
    assert regions["stage"].tolist() == ["diterbitkan"] and regions["predikat"].tolist() == ["Madya"]
    assert regions["total"].tolist() == ["624,33"]
    assert at.dataframe[0].value["Provinsi"].tolist() == ["Nusa Tenggara Timur"]


def test_the_province_verifier_reads_its_provinces_board(database_url):
    at = open_page_as(PAGE, "provinsi.ntt")
    assert not at.exception and at.dataframe[0].value["Provinsi"].tolist() == ["Nusa Tenggara Timur"]
    assert at.dataframe[1].value["region"].tolist() == ["Kota Kupang (53.71)"]


def test_the_chair_is_turned_away(database_url):
    at = open_page_as(PAGE, "ketua")
    assert "Halaman ini tidak tersedia untuk peran Anda (Ketua Gugus Tugas KLA)." in texts(at)
