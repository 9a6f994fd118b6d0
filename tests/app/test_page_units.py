"""Unit Wilayah (app_pages/units.py) through AppTest: the guard, the secretariat's list of kecamatan
with their kelurahan, adding a kelurahan, bad input, the move confirmation and the import with
its check-then-apply buttons."""

from streamlit.testing.v1 import AppTest

from page_helpers import APP, sign_in, texts

PAGE = "app_pages/units.py"


def open_as(username: str | None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page(PAGE).run()
    if username:
        sign_in(at, username)
    assert not at.exception, [e.message for e in at.exception]
    return at


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_anonymous_visitor_sees_only_the_sign_in_form(database_url):
    at = open_as(None)
    assert [t.value for t in at.title] == ["Masuk"]
    assert "Kecamatan Kelapa Lima" not in texts(at)


def test_the_chair_is_refused(database_url):
    at = open_as("ketua")
    assert "Halaman ini tidak tersedia untuk peran Anda" in texts(at)
    assert "Kecamatan Kelapa Lima" not in texts(at) and not at.expander


def test_secretariat_sees_every_kecamatan_with_its_kelurahan(database_url):
    at = open_as("sekretariat")
    assert [t.value for t in at.title] == ["Unit Pelapor"]
    assert (metric(at, "Kecamatan aktif"), metric(at, "Kelurahan aktif"), metric(at, "Nonaktif")) == ("6", "51", "0")
    assert [e.label for e in at.expander] == [
        "Kecamatan Alak · 12 kelurahan", "Kecamatan Kelapa Lima · 5 kelurahan", "Kecamatan Kota Lama · 10 kelurahan",
        "Kecamatan Kota Raja · 8 kelurahan", "Kecamatan Maulafa · 9 kelurahan", "Kecamatan Oebobo · 7 kelurahan"]
    kelapa_lima = at.expander[1]
    assert kelapa_lima.caption[0].value == ("Nama singkat (dipakai perintah manage.py): kec\\_kelapa\\_lima · "
                                            "Petugas kecamatan: kec.kelapa\\_lima")  # as written, not italics
    table = kelapa_lima.table[0].value.set_index("Kelurahan")
    assert table.index.tolist() == ["Kelurahan Kelapa Lima", "Kelurahan Lasiana", "Kelurahan Oesapa",
                                    "Kelurahan Oesapa Barat", "Kelurahan Oesapa Selatan"]
    assert table.loc["Kelurahan Oesapa"].tolist() == ["kel\\_oesapa", "aktif", "kel.oesapa"]  # short name, as written
    assert table.loc["Kelurahan Lasiana", "Petugas"] == "—"


def test_secretariat_adds_a_kelurahan_and_it_is_listed_at_once(database_url):
    at = open_as("sekretariat")
    at.selectbox(key="units_new_parent").set_value("kec_kelapa_lima")
    at.text_input(key="units_new_kelurahan").input("Oesapa Tengah")
    at.button(key="units_add_kelurahan").click().run()
    assert not at.exception and not at.error
    [done] = at.success
    assert done.value.startswith("Kelurahan Oesapa Tengah ditambahkan di Kecamatan Kelapa Lima")
    assert metric(at, "Kelurahan aktif") == "52"
    assert at.expander[1].label == "Kecamatan Kelapa Lima · 6 kelurahan"
    assert "Kelurahan Oesapa Tengah" in at.expander[1].table[0].value["Kelurahan"].tolist()
    assert at.text_input(key="units_new_kelurahan").value == ""  # the form is emptied for the next one


def test_bad_input_shows_the_message_and_changes_nothing(database_url):
    at = open_as("sekretariat")
    at.selectbox(key="units_new_parent").set_value("kec_oebobo")
    at.text_input(key="units_new_kelurahan").input("oesapa  barat")
    at.button(key="units_add_kelurahan").click().run()
    [error] = at.error
    assert "Kelurahan Oesapa Barat sudah terdaftar di Kecamatan Kelapa Lima, Kota Kupang" in error.value
    at.text_input(key="units_new_kelurahan").input("   ")
    at.button(key="units_add_kelurahan").click().run()
    assert [e.value for e in at.error] == ["Nama kelurahan kosong."]
    at.button(key="units_deactivate").click().run()  # first unit (Kecamatan Alak), no reason
    assert [e.value for e in at.error] == ["Alasan wajib diisi; tuliskan mengapa status unit ini diubah."]
    assert metric(at, "Kelurahan aktif") == "51" and not at.success


def test_deactivating_a_kelurahan_with_a_reason(database_url):
    at = open_as("sekretariat")
    at.selectbox(key="units_status_unit").set_value("kel_lasiana")
    at.text_area(key="units_status_reason").input("Digabung dengan Kelurahan Oesapa")
    at.button(key="units_deactivate").click().run()
    assert not at.error
    assert "Kelurahan Lasiana dinonaktifkan" in at.success[0].value
    assert "tidak lagi dihitung dalam jawaban kota pada siklus 2025" in at.success[0].value
    assert (metric(at, "Kelurahan aktif"), metric(at, "Nonaktif")) == ("50", "1")
    table = at.expander[1].table[0].value.set_index("Kelurahan")
    assert table.loc["Kelurahan Lasiana", "Status"] == "nonaktif"


def test_moving_a_kelurahan_with_answers_asks_first(database_url):
    at = open_as("sekretariat")
    at.selectbox(key="units_move_unit").set_value("kel_oesapa")
    at.selectbox(key="units_move_to").set_value("kec_oebobo")
    at.button(key="units_move").click().run()
    [question] = at.warning
    assert "Kelurahan Oesapa sudah memiliki" in question.value and "ikut pindah" in question.value
    assert at.expander[1].label == "Kecamatan Kelapa Lima · 5 kelurahan"  # not moved yet
    at.button(key="units_move_confirm").click().run()
    assert "Kelurahan Oesapa dipindahkan dari Kecamatan Kelapa Lima ke Kecamatan Oebobo" in at.success[0].value
    assert at.expander[1].label == "Kecamatan Kelapa Lima · 4 kelurahan"
    assert at.expander[5].label == "Kecamatan Oebobo · 8 kelurahan"


def test_import_applies_only_after_a_clean_check_of_the_same_file(database_url):
    at = open_as("sekretariat")
    assert at.button(key="units_apply").disabled
    good = b"Kecamatan;Kelurahan\nKelapa Lima;Oesapa\nKupang Tengah;Oebufu Baru\n"
    at.file_uploader(key="units_upload").set_value(("unit.csv", good, "text/csv")).run()
    assert at.button(key="units_apply").disabled  # not checked yet
    at.button(key="units_check").click().run()
    assert not at.error
    [checked] = at.info
    assert "Pemeriksaan lolos; belum ada yang diubah" in checked.value
    assert "Kecamatan baru (akan ditambahkan) (1): Kecamatan Kupang Tengah." in checked.value
    assert "Kelurahan baru (akan ditambahkan) (1): Kelurahan Oebufu Baru (Kecamatan Kupang Tengah)." in checked.value
    assert not at.button(key="units_apply").disabled and metric(at, "Kecamatan aktif") == "6"

    bad = b"Kecamatan;Kelurahan\nKelapa Lima;\n"
    at.file_uploader(key="units_upload").set_value(("unit.csv", bad, "text/csv")).run()
    assert at.button(key="units_apply").disabled  # another file: check it first
    at.button(key="units_check").click().run()
    assert [e.value for e in at.error] == ["Baris 2: nama kelurahan kosong."]
    assert at.button(key="units_apply").disabled

    at.file_uploader(key="units_upload").set_value(("unit.csv", good, "text/csv")).run()
    at.button(key="units_check").click().run()
    at.button(key="units_apply").click().run()
    assert "Impor selesai." in at.success[0].value
    assert metric(at, "Kecamatan aktif") == "7" and metric(at, "Kelurahan aktif") == "52"
    assert at.button(key="units_apply").disabled


def test_a_focal_point_account_for_a_kelurahan(database_url):
    at = open_as("sekretariat")
    at.selectbox(key="units_account_unit").set_value("kel_lasiana")
    at.text_input(key="units_account_password").input("rahasia-lasiana")
    at.text_input(key="units_account_password_again").input("rahasia-lasian")
    at.button(key="units_create_account").click().run()
    assert [e.value for e in at.error] == ["Kedua kata sandi tidak sama; akun belum dibuat."]
    at.text_input(key="units_account_password").input("rahasia-lasiana")
    at.text_input(key="units_account_password_again").input("rahasia-lasiana")
    at.button(key="units_create_account").click().run()
    assert not at.error
    assert at.success[0].value.startswith("Akun kel.lasiana dibuat untuk Kelurahan Lasiana.")
    table = at.expander[1].table[0].value.set_index("Kelurahan")
    assert table.loc["Kelurahan Lasiana", "Petugas"] == "kel.lasiana"


def test_secretariat_adds_an_opd_with_the_sources_its_name_suggests(database_url):
    at = open_as("sekretariat")
    table = at.dataframe[0].value.set_index("Nama singkat")
    assert table.loc["dinsos", "Menjawab untuk"] == "Dinas Sosial" and table.loc["dinsos", "Akun"] == "opd.dinsos"
    at.text_input(key="opds_new_name").input("Dinas Pengendalian Penduduk, KB, PPPA (DP3AP2KB)").run()
    at.button(key="opds_suggest").click().run()
    assert "Saran dari nama: dp3a" in texts(at)
    assert at.multiselect(key="opds_new_sources").value == ["dp3a"]
    at.button(key="opds_add").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert "(nama singkat dp3ap2kb), menjawab untuk dp3a" in at.success[0].value
    table = at.dataframe[0].value.set_index("Nama singkat")
    assert table.loc["dp3ap2kb", "Status"] == "aktif"


def test_an_opd_without_a_name_is_refused_on_the_page(database_url):
    at = open_as("sekretariat")
    before = len(at.dataframe[0].value)
    at.button(key="opds_add").click().run()
    assert "Nama OPD wajib diisi." in at.error[0].value
    assert len(at.dataframe[0].value) == before


def test_the_check_shows_the_opd_rows_as_the_command_line_prints_them_before_anything_is_written(database_url):
    from data.actor import COMMAND_LINE
    from data.db import make_engine
    from data.services.units.unit_import import import_units

    at = open_as("sekretariat")
    data = (b"jenis;nama;nama_singkat;sumber_data;kecamatan\nopd;Dinas Pengendalian Penduduk dan KB;dppkb;-;\n"
            b"opd;UPTD PPA Kota Kupang;uptd_ppa_kupang;uptd_ppa;\n")
    report = import_units(make_engine(database_url), COMMAND_LINE, data, "opd.csv", apply=False,
                          region_code="53.71").report
    assert report[0] == "Pemeriksaan opd.csv lolos; belum ada yang diubah: 2 baris OPD dan 0 baris kecamatan/kelurahan."
    at.file_uploader(key="units_upload").set_value(("opd.csv", data, "text/csv")).run()
    at.button(key="units_check").click().run()
    [checked] = at.info
    assert checked.value.split("\n\n", 1)[1].replace("\\_", "_").split("\n") == [f"- {line}" for line in report]
    assert len(at.dataframe[0].value) == 29  # nothing written yet

    at.file_uploader(key="units_upload").set_value(("opd.csv", data.replace(b"nama_singkat", b"singkatan"),
                                                    "text/csv")).run()
    at.button(key="units_check").click().run()
    assert "kolom 'singkatan' tidak dikenal; maksud Anda 'nama\\_singkat'?" in at.error[0].value  # shown as written
    assert len(at.dataframe[0].value) == 29


def test_the_data_sources_are_listed_with_their_questions_and_who_answers(database_url):
    at = open_as("sekretariat")
    guide = next(d.value for d in at.dataframe if "Kunci" in d.value.columns).set_index("Kunci")
    assert guide.loc["dp3a", "Pertanyaan"] > 50 and "DP3AP2KB" in guide.loc["dp3a", "Contoh nama resmi"]
    assert guide.loc["dinsos", "Dijawab oleh"] == "dinsos"
    assert guide.loc["uptd_ppa", "Kantor yang menjawab"].startswith("UPTD")


def test_an_import_is_undone_and_a_unit_never_used_deleted_from_the_page(database_url):
    at = open_as("sekretariat")
    data = (b"jenis;nama;nama_singkat;sumber_data;kecamatan\n"
            b"kecamatan;Kupang Tengah;;;\nkelurahan;Oepoi;;;Kupang Tengah\n")
    at.file_uploader(key="units_upload").set_value(("baru.csv", data, "text/csv")).run()
    at.button(key="units_check").click().run()
    at.button(key="units_apply").click().run()
    assert "Kode impor: imp-" in at.success[0].value and metric(at, "Kecamatan aktif") == "7"
    assert at.button(key="units_undo").disabled
    at.checkbox(key="units_undo_sure").check().run()
    at.button(key="units_undo").click().run()
    assert not at.error, [e.value for e in at.error]
    assert at.success[0].value.startswith("Dihapus (2): ")
    assert metric(at, "Kecamatan aktif") == "6"

    at.selectbox(key="units_delete_unit").set_value("kec_alak")
    at.checkbox(key="units_delete_sure").check().run()
    at.button(key="units_delete").click().run()
    assert "Kecamatan Alak (kec\\_alak) sudah menjawab" in at.error[0].value
    assert metric(at, "Kecamatan aktif") == "6"


def test_literal_sinks_show_typed_names_as_written(database_url):
    """A selectbox's options and a dataframe's cells are shown as they are, not as markdown: a file
    name, a short name or an OPD's name with _ or & shows without backslashes (the caption, a
    markdown sink, still escapes them)."""
    at = open_as("sekretariat")
    data = (b"jenis;nama;nama_singkat;sumber_data;kecamatan\n"
            b"opd;Dinas P&K Kota;dinas_p_k;-;\nkecamatan;Kupang Tengah;kec_kupang_tengah;;\n")
    at.file_uploader(key="units_upload").set_value(("units_kupang.csv", data, "text/csv")).run()
    at.button(key="units_check").click().run()
    at.button(key="units_apply").click().run()
    assert not at.error, [e.value for e in at.error]
    [undo_option] = at.selectbox(key="units_undo_batch").options
    assert undo_option.startswith("units_kupang.csv · imp-") and undo_option.endswith(" · 2 unit")
    assert "\\" not in undo_option
    assert "Dinas P&K Kota (dinas_p_k)" in at.selectbox(key="units_delete_unit").options
    assert "Kecamatan Kupang Tengah (aktif)" in at.selectbox(key="units_status_unit").options
    opds = at.dataframe[0].value.set_index("Nama singkat")
    assert opds.loc["dinas_p_k"].iloc[0] == "Dinas P&K Kota"  # the name column, as typed
    assert not any("\\" in str(cell) for d in at.dataframe for column in d.value.columns
                   for cell in [column, *d.value[column]])
    assert any("kec\\_kupang\\_tengah" in c.value for c in at.caption)  # a markdown sink: still escaped
