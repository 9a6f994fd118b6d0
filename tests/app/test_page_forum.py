"""Forum Anak (app_pages/forum.py) through AppTest: the facilitator records the children's view and a
bad one is refused with a message; the chair reads it and sees it beside the scores; the public
summary shows the published 2024 view."""
from datetime import date

from streamlit.testing.v1 import AppTest

from data.services.forum.views import forum_views
from page_helpers import APP, open_page_as, texts
from review_fixtures import account

PAGE = "app_pages/forum.py"


def test_the_facilitator_records_the_forums_view(database_url, engine):
    at = open_page_as(PAGE, "forum.anak")
    assert not at.exception and "Suara Forum Anak" in texts(at)
    assert "Forum Anak belum mencatat pandangannya untuk siklus 2025." in texts(at)
    at.selectbox(key="forum_rating_2025_KLASTER_I").set_value(4)
    at.text_area(key="forum_comment_2025_KLASTER_I").input("KIA sudah dibagikan di sekolah.")
    at.button(key="FormSubmitter:forum_form_2025-Simpan pandangan Forum Anak").click().run()
    assert "Isi tanggal pertemuan Forum Anak." in " ".join(e.value for e in at.error)
    assert forum_views(engine, account(engine, "ketua"), None, 2025).empty
    at.date_input(key="forum_met_on_2025").set_value(date(2026, 11, 28))
    at.button(key="FormSubmitter:forum_form_2025-Simpan pandangan Forum Anak").click().run()
    assert not at.exception and "Pandangan Forum Anak untuk 1 kelompok disimpan." in at.success[0].value
    assert "★★★★☆ **baik**" in texts(at) and "KIA sudah dibagikan di sekolah." in texts(at)


def test_the_chair_sees_the_view_beside_the_scores_and_the_public_sees_2024(database_url):
    at = open_page_as("app_pages/scores.py", "ketua")
    assert "Suara Forum Anak" not in texts(at)  # nothing recorded for 2025
    at.selectbox(key="scores_year_53.71").set_value(2024).run()
    assert not at.exception and "Pandangan Forum Anak (bertemu 20 Juli 2024)" in texts(at)
    at = open_page_as(PAGE, "ketua")
    at.selectbox(key="forum_year_53.71").set_value(2024).run()
    assert not at.exception and "bertemu 20 Juli 2024" in texts(at)
    assert not [b for b in at.button if "Simpan pandangan" in (b.label or "")]  # the chair reads, never records
    public = AppTest.from_file(APP, default_timeout=60).run()
    assert not public.exception and "Suara Forum Anak" in texts(public)
    assert "Taman bermain dan perpustakaan jauh dari kelurahan kami." in texts(public)
    assert "★★☆☆☆ **kurang** · Nilai terverifikasi: 61,31 / 110" in texts(public)  # Klaster IV
