"""An empty deployment's first-run form (KLA_DEMO=0) and the setup checklist (app_pages/setup.py)
through AppTest."""

import pytest
from streamlit.testing.v1 import AppTest

from page_helpers import APP, sign_in, text_input, texts

PASSWORD = "Rahasia-Payakumbuh-1"


@pytest.fixture
def empty_deployment(new_database_url, monkeypatch):
    monkeypatch.setenv("KLA_DATABASE_URL", new_database_url)
    monkeypatch.setenv("KLA_DEMO", "0")


def fill_first_admin(at: AppTest, username: str, password: str, again: str) -> AppTest:
    text_input(at, "Nama pengguna admin").input(username)
    text_input(at, "Nama lengkap").input("Admin Payakumbuh")
    text_input(at, "Kata sandi").input(password)
    text_input(at, "Ulangi kata sandi").input(again)
    at.button[0].click().run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_an_empty_deployment_shows_only_the_first_run_form(empty_deployment):
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception, [e.message for e in at.exception]
    assert [t.value for t in at.title] == ["Selamat datang di Pantau KLA"]
    assert "Kota Kupang" not in texts(at)  # the demo is not loaded
    with pytest.raises(ValueError, match="Known pages: .*first_run.py'\\]"):  # no other page is routable
        at.switch_page("app_pages/public_summary.py")


def test_a_mismatched_password_is_refused_and_the_form_stays(empty_deployment):
    at = fill_first_admin(AppTest.from_file(APP, default_timeout=60).run(), "admin", PASSWORD, PASSWORD + "!")
    assert "tidak sama" in at.error[0].value
    assert [t.value for t in at.title] == ["Selamat datang di Pantau KLA"]


def test_the_first_admin_is_created_signed_in_and_sent_to_the_setup_page(empty_deployment):
    at = fill_first_admin(AppTest.from_file(APP, default_timeout=60).run(), "admin.kota", PASSWORD, PASSWORD)
    assert [t.value for t in at.title] == ["Persiapan Wilayah"]
    assert "Admin pertama 'admin.kota' sudah dibuat" in at.success[0].value
    assert "Belum ada wilayah" in texts(at)
    fresh = AppTest.from_file(APP, default_timeout=60).run()  # another visitor: the ordinary app now
    fresh.switch_page("app_pages/setup.py").run()
    sign_in(fresh, "admin.kota", PASSWORD)
    assert [t.value for t in fresh.title] == ["Persiapan Wilayah"]


def test_the_secretariat_sees_what_kupang_still_lacks(database_url):
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("app_pages/setup.py").run()
    sign_in(at, "sekretariat")
    assert [t.value for t in at.title] == ["Persiapan Wilayah"]
    assert "Akun petugas" in texts(at)
    assert "peran atau unit belum memiliki akun aktif" in texts(at)
    assert "OPD sudah terdaftar." in texts(at)


def test_the_admin_picks_among_regions_and_reads_each_checklist(database_url):
    """The admin's region picker and the checklist's items share the page without a widget key
    clash (the picker's key once equalled the "region" item's)."""
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("app_pages/setup.py").run()
    sign_in(at, "admin")
    assert not at.exception
    assert [t.value for t in at.title] == ["Persiapan Wilayah"]
    assert "OPD sudah terdaftar." in texts(at)


def test_a_unit_focal_point_is_refused(database_url):
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("app_pages/setup.py").run()
    sign_in(at, "opd.dp3a")
    assert "tidak tersedia untuk peran Anda" in texts(at)
