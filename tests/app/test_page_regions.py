"""Wilayah (app_pages/regions.py) through AppTest: admin only, adding Kota Payakumbuh from the
official list, its kecamatan and kelurahan in one step, a refused rename."""
from streamlit.testing.v1 import AppTest

from page_helpers import open_page_as, texts

PAGE = "app_pages/regions.py"


def open_as(username: str) -> AppTest:
    return open_page_as(PAGE, username)


def test_only_the_admin_manages_regions(database_url):
    at = open_as("sekretariat")
    assert "tidak tersedia untuk peran Anda" in texts(at)


def test_admin_adds_payakumbuh_and_its_kecamatan_from_the_official_list(database_url):
    at = open_as("admin")
    assert [t.value for t in at.title] == ["Wilayah"]
    assert "Kepmendagri 300.2.2-2138/2025 (514 kabupaten/kota, 7.285 kecamatan, 83.762 desa/kelurahan)" in texts(at)
    at.selectbox(key="regions_province").set_value("13").run()
    regency = next(s for s in at.selectbox if s.label == "Kabupaten/kota")
    regency.set_value("13.76")
    next(b for b in at.button if b.label == "Tambah wilayah").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert "Kota Payakumbuh (13.76) ditambahkan" in at.success[0].value
    table = at.dataframe[0].value
    assert table["Kode"].tolist() == ["13.76", "53.71"]
    # nothing else is chosen for a second click: the form starts empty, the next steps are on Payakumbuh
    assert at.selectbox(key="regions_regency").value is None
    next(b for b in at.button if b.label == "Tambah wilayah").click().run()
    assert "Pilih dulu kabupaten/kota yang ditambahkan." in at.error[0].value
    assert at.dataframe[0].value["Kode"].tolist() == ["13.76", "53.71"]
    assert at.selectbox(key="regions_areas_region").value == "13.76"
    assert at.selectbox(key="regions_rename_region").value == "13.76"
    at.switch_page("app_pages/units.py").run()
    assert at.selectbox(key="units_region").value == "13.76"  # the region just added, not the first one
    at.switch_page(PAGE).run()
    at.selectbox(key="regions_areas_region").set_value("13.76").run()
    assert "Akan dibuat 5 kecamatan, 47 kelurahan dan 0 desa" in texts(at)
    at.button(key="regions_areas_apply").click().run()
    assert "Dibuat 5 kecamatan, 47 kelurahan dan 0 desa" in at.success[0].value
    assert at.dataframe[0].value.set_index("Kode").loc["13.76", "Unit aktif"] == 52


def test_an_empty_name_is_refused_and_nothing_changes(database_url):
    at = open_as("admin")
    next(b for b in at.button if b.label == "Simpan nama").click().run()
    assert "Nama wilayah wajib diisi" in at.error[0].value
    assert at.dataframe[0].value["Nama"].tolist() == ["Kota Kupang"]
