"""Kelana Dekela Publik (app_pages/public_kelana.py) through AppTest: open to everyone, published
cycles only, verified figures per kecamatan, no names, both languages."""

from streamlit.testing.v1 import AppTest

from data.services.kelana import public_kelana
from page_helpers import APP, texts

PAGE = "app_pages/public_kelana.py"


def open_page() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30).run()
    at.switch_page(PAGE).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_latest_published_cycle_per_kecamatan(engine):
    at = open_page()
    public = public_kelana.public_kelana(engine, "53.71")
    page = texts(at)
    assert [t.value for t in at.title] == ["Kelana Dekela per kecamatan"]
    assert at.selectbox(key="public_year").options == ["2024", "2023", "2022"]
    assert at.selectbox(key="public_year").value == "2024"
    assert f"Pada evaluasi 2024, Kota Kupang memperoleh **{public.group_points:.2f}".replace(".", ",") in page
    table = at.table[0].value
    assert table["Kecamatan"].tolist() == public.kecamatan["kecamatan"].tolist() and len(table) == 6
    assert all(" dari 9" in v for v in table["Syarat kecamatan terpenuhi"])
    assert at.get("vega_lite_chart") and at.expander[0].label == "Rincian per pertanyaan desa/kelurahan"
    [button] = at.get("download_button")
    assert button.proto.label == "Unduh tabel per kecamatan (CSV)"
    assert "Petugas" not in page and "kec.alak" not in page and "2025" not in page


def test_an_earlier_year_and_english(engine):
    at = open_page()
    at.selectbox(key="public_year").select("2022").run()
    assert not at.exception
    earlier = public_kelana.public_kelana(engine, "53.71", 2022)
    assert at.table[0].value["Kecamatan"].tolist() == earlier.kecamatan["kecamatan"].tolist()
    assert "Pada evaluasi 2022" in texts(at)
    at.sidebar.segmented_control[0].set_value("en").run()
    assert not at.exception
    assert "In the 2022 evaluation, Kota Kupang earned" in texts(at)
    assert "Kecamatan requirements met" in at.table[0].value.columns
