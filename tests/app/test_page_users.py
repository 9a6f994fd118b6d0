"""Pengguna (app_pages/users.py) through AppTest: the secretariat's accounts with contacts, a new
account's one-time password shown once, a refused grant, the import."""
from streamlit.testing.v1 import AppTest

from page_helpers import open_page_as, texts

PAGE = "app_pages/users.py"


def open_as(username: str) -> AppTest:
    return open_page_as(PAGE, username)


def test_the_chair_is_refused(database_url):
    assert "tidak tersedia untuk peran Anda" in texts(open_as("ketua"))


def test_secretariat_creates_an_account_and_sees_its_one_time_password_once(database_url):
    at = open_as("sekretariat")
    assert [t.value for t in at.title] == ["Pengguna"]
    table = at.dataframe[0].value.set_index("Nama pengguna")
    assert table.loc["opd.dinsos", "Peran"] and table.loc["opd.dinsos", "Status"] == "aktif"
    at.text_input(key="users_new_username").input("opd.dlh.dua")
    at.text_input(key="users_new_name").input("Petugas DLH Dua")
    unit = next(s for s in at.selectbox if s.label == "Unit pelapor")
    unit.set_value("dlh")
    at.text_input(key="users_new_phone").input("0812-3456-7890")
    next(b for b in at.button if b.label == "Buat akun").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert "Kata sandi sekali pakai untuk opd.dlh.dua" in at.warning[0].value
    password = at.code[0].value
    assert len(password) == 12
    table = at.dataframe[0].value.set_index("Nama pengguna")
    assert table.loc["opd.dlh.dua", "Telepon"] == "+6281234567890"
    assert table.loc["opd.dlh.dua", "Status"] == "menunggu kata sandi baru"
    at.run()
    assert not at.code  # shown once


def test_the_secretariat_is_offered_only_unit_roles_and_the_forum_facilitator(database_url):
    at = open_as("sekretariat")
    role = next(s for s in at.selectbox if s.label == "Peran")
    assert role.options == ["Petugas OPD", "Petugas kecamatan", "Petugas kelurahan", "Fasilitator Forum Anak"]


def test_a_bad_phone_is_refused_on_the_page(database_url):
    at = open_as("sekretariat")
    at.text_input(key="users_new_username").input("opd.x")
    at.text_input(key="users_new_name").input("X")
    next(s for s in at.selectbox if s.label == "Unit pelapor").set_value("dlh")
    at.text_input(key="users_new_phone").input("123")
    next(b for b in at.button if b.label == "Buat akun").click().run()
    assert "Nomor telepon '123' tidak dikenali" in at.error[0].value
    assert "opd.x" not in at.dataframe[0].value["Nama pengguna"].tolist()


def test_the_secretariat_creates_every_unit_s_account_and_gets_the_slips_once(database_url):
    at = open_as("sekretariat")
    before = len(at.dataframe[0].value)
    next(b for b in at.button if b.label == "Buat akun semua unit dan slip masuknya").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert "akun petugas dibuat untuk Kota Kupang" in at.success[0].value
    assert [b.proto.label for b in at.get("download_button")] == ["Unduh slip masuk (PDF)"]
    assert len(at.dataframe[0].value) > before
    next(b for b in at.button if b.label == "Buat akun semua unit dan slip masuknya").click().run()
    assert "tidak ada akun baru yang dibuat" in at.success[0].value and not at.get("download_button")


def test_the_admin_s_new_account_form_offers_the_least_powerful_role_first_and_clears_after_saving(database_url):
    at = open_as("admin")
    at.selectbox(key="users_region").set_value("53.71").run()
    role = at.selectbox(key="users_new_role.53.71")
    assert role.value == "opd" and role.options[-1] == "Administrator"  # never the admin by default
    at.text_input(key="users_new_username").input("opd.dlh.tiga")
    at.text_input(key="users_new_name").input("Petugas DLH Tiga")
    at.selectbox(key="users_new_role.53.71").set_value("kecamatan")
    at.selectbox(key="users_new_unit.53.71").set_value("kec_alak")
    next(b for b in at.button if b.label == "Buat akun").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert "Kata sandi sekali pakai untuk opd.dlh.tiga" in at.warning[0].value
    assert (at.text_input(key="users_new_username").value, at.text_input(key="users_new_name").value) == ("", "")
    assert at.selectbox(key="users_new_role.53.71").value == "opd"
    assert at.selectbox(key="users_new_unit.53.71").value == ""
