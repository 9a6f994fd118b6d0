"""Data Kasus Klaster V (app_pages/cases.py, staff) through AppTest: the guard, who reads, who
writes, the true counts and the grid's save with a stated total."""

from streamlit.testing.v1 import AppTest

from page_helpers import APP, sign_in, texts

PAGE = "app_pages/cases.py"


def open_as(username: str | None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30).run()
    at.switch_page(PAGE).run()
    if username:
        sign_in(at, username)
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_anonymous_visitor_sees_only_the_sign_in_form(database_url):
    at = open_as(None)
    assert [t.value for t in at.title] == ["Masuk"]
    page = texts(at)
    assert "Data Kasus Klaster V" not in page and "163" not in page


def test_secretariat_sees_true_counts_and_the_grid(database_url):
    at = open_as("sekretariat")
    assert [t.value for t in at.title] == ["Data Kasus Klaster V"]
    totals = at.table[0].value.set_index("Tahun")
    assert totals.loc["2023"].tolist() == ["163", "135", "298"]
    assert "2024" in totals.index  # staff see the year the public does not yet
    assert "Tahun yang sudah tampil di halaman publik: 2021, 2022, 2023." in texts(at)
    assert at.number_input(key="cases_grid_year").value == 2024
    assert [b.label for b in at.button if b.key == "cases_save"] == ["Simpan data 2024"]


def test_saving_the_grid_and_a_wrong_stated_total(database_url):
    at = open_as("opd.dp3a")
    at.number_input(key="cases_grid_year").set_value(2023).run()
    at.number_input(key="cases_stated_women").set_value(160).run()
    at.button(key="cases_save").click().run()
    assert not at.exception
    [error] = at.error
    assert "perempuan dewasa berjumlah 163, melebihi jumlah yang dinyatakan (160)" in error.value
    assert "Tidak ada yang disimpan." in error.value

    at.number_input(key="cases_stated_women").set_value(163).run()
    at.button(key="cases_save").click().run()
    assert not at.error
    assert "Data 2023 disimpan" in at.success[0].value and "298 kasus (sebelumnya 298)" in at.success[0].value


def test_the_chair_reads_but_cannot_save(database_url):
    at = open_as("ketua")
    assert at.table[0].value.set_index("Tahun").loc["2023", "Jumlah"] == "298"
    assert "Peran Anda hanya dapat melihat data ini." in texts(at)
    assert not [b for b in at.button if b.key == "cases_save"]


def test_another_opd_is_refused(database_url):
    at = open_as("opd.dinkes")
    assert "Data kasus hanya untuk admin, Gugus Tugas KLA, dan petugas DP3A atau UPTD PPA." in texts(at)
    assert not at.table


def test_the_staff_page_in_english(database_url):
    at = open_as("sekretariat")
    at.sidebar.segmented_control[0].set_value("en").run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Cluster V Case Data"]
    assert list(at.table[0].value.columns) == ["Year", "Adult women", "Children", "Total"]


def test_an_imported_year_shows_at_once(database_url):
    """The years above the import are drawn again after it: the imported year is listed at once."""
    at = open_as("sekretariat")
    assert "2019" not in at.table[0].value["Tahun"].tolist()
    csv = "tahun,kelompok_korban,jenis_kekerasan,jenis_kelamin,kelompok_umur,penyebab,sumber,tempat,layanan,jumlah\n" \
          "2019,anak,seksual,perempuan,13-17,lainnya,polres,,,7\n"
    at.file_uploader(key="cases_upload").upload("kasus_2019.csv", csv.encode(), "text/csv").run()
    at.button(key="cases_import").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert at.table[0].value.set_index("Tahun").loc["2019", "Jumlah"] == "7"
    assert "Impor selesai" in at.success[0].value
    assert "Belum ada data kasus" not in texts(at)
