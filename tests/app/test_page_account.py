"""Akun Saya (app_pages/account.py) through AppTest."""

import pytest

from data.errors import AuthenticationFailed
from data.services.accounts.auth import authenticate
from page_helpers import DEMO_PASSWORD, sign_in, text_input, texts

ACCOUNT = "app_pages/account.py"
NEW_PASSWORD = "GugusTugas-2025"


def change_password(at, old: str, new: str, again: str | None = None):
    text_input(at, "Kata sandi lama").input(old)
    text_input(at, "Kata sandi baru").input(new)
    text_input(at, "Ulangi kata sandi baru").input(new if again is None else again)
    [b for b in at.button if b.label == "Simpan kata sandi"][0].click().run()
    assert not at.exception


@pytest.fixture
def account_page(app):
    app.switch_page(ACCOUNT).run()
    sign_in(app, "anggota")
    return app


def test_anonymous_visitor_gets_the_sign_in_form_and_none_of_the_page(app):
    app.switch_page(ACCOUNT).run()
    assert [t.value for t in app.title] == ["Masuk"]
    page = texts(app)
    assert "Akun Saya" not in page and "Ganti kata sandi" not in page


def test_shows_who_you_are(account_page):
    table = account_page.table[0].value
    rows = table.iloc[:, 0].to_dict()
    assert rows["Nama"] == "Anggota Gugus Tugas KLA"
    assert rows["Peran"] == "Anggota Gugus Tugas KLA"
    assert rows["Wilayah"] == "Kota Kupang"
    assert rows["Masuk sejak"] != "—"


def test_change_password_works(account_page, engine):
    change_password(account_page, DEMO_PASSWORD, NEW_PASSWORD)
    assert not account_page.error
    assert [s.value for s in account_page.success] == [
        "Kata sandi sudah diganti. Gunakan kata sandi baru saat masuk berikutnya."
    ]
    assert authenticate(engine, "anggota", NEW_PASSWORD).username == "anggota"
    with pytest.raises(AuthenticationFailed):
        authenticate(engine, "anggota", DEMO_PASSWORD)


def test_wrong_old_password_is_refused(account_page, engine):
    change_password(account_page, "salah-sekali", NEW_PASSWORD)
    assert [e.value for e in account_page.error] == ["Kata sandi lama salah."]
    assert authenticate(engine, "anggota", DEMO_PASSWORD).username == "anggota"


def test_short_new_password_is_refused(account_page):
    change_password(account_page, DEMO_PASSWORD, "pendek")
    assert [e.value for e in account_page.error] == ["Kata sandi baru minimal 8 karakter."]


def test_repetition_must_match(account_page, engine):
    change_password(account_page, DEMO_PASSWORD, NEW_PASSWORD, again="GugusTugas-2026")
    assert [e.value for e in account_page.error] == ["Kata sandi baru dan ulangannya tidak sama."]
    assert authenticate(engine, "anggota", DEMO_PASSWORD).username == "anggota"


def test_a_one_time_password_leads_to_the_new_password_form_first(database_url, engine):
    from streamlit.testing.v1 import AppTest

    from data.actor import COMMAND_LINE
    from data.services.accounts.admin import reset_password
    from page_helpers import APP, sign_in, text_input, texts

    one_time = reset_password(engine, COMMAND_LINE, "opd.dinsos")
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("app_pages/sign_in.py").run()
    sign_in(at, "opd.dinsos", one_time)
    assert [t.value for t in at.title] == ["Buat kata sandi baru"]
    at.switch_page("app_pages/entry.py").run()  # no other page until the password is replaced
    assert [t.value for t in at.title] == ["Buat kata sandi baru"]
    text_input(at, "Kata sandi sekali pakai").input(one_time)
    text_input(at, "Kata sandi baru").input("Sandi-Baru-Dinsos-1")
    text_input(at, "Ulangi kata sandi baru").input("Sandi-Baru-Dinsos-1")
    next(b for b in at.button if b.label == "Simpan kata sandi").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert "Kata sandi sudah diganti" in texts(at)
    at.switch_page("app_pages/entry.py").run()
    assert [t.value for t in at.title] != ["Buat kata sandi baru"] and not at.exception
