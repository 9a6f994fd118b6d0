"""Verifikasi Provinsi (app_pages/province_review.py) and Dikembalikan Provinsi
(app_pages/province_returns.py) through AppTest, on the demo with its NTT neighbours: the province
verifier lowers an answer of Kabupaten Belu's closed 2025 cycle (refused without a reason), the
decision shows at once and the next unchecked answer is chosen; Belu's chair sees the province's
return in its own queue; the Kota Kupang chair may not open the province's page."""
import pytest

from data.services.province.verification import province_queue
from page_helpers import open_page_as, texts
from review_fixtures import account


@pytest.fixture
def ntt_url(ntt_engine, monkeypatch):
    url = ntt_engine.url.render_as_string(hide_password=False)
    monkeypatch.setenv("KLA_DATABASE_URL", url)
    return url


def test_the_province_lowers_an_answer_and_moves_to_the_next(ntt_url, ntt_engine):
    at = open_page_as("app_pages/province_review.py", "provinsi.ntt")
    assert not at.exception and "Verifikasi Administrasi Provinsi" in texts(at)
    queue = province_queue(ntt_engine, account(ntt_engine, "provinsi.ntt"), "53.04", 2025).set_index("answer_id")
    answer_id = at.selectbox(key="prov_pick").value
    assert queue.loc[answer_id, "province_state"] == "open"  # the first unchecked answer is chosen
    assert "Nyatakan verifikasi provinsi selesai" in [b.label for b in at.button]
    at.number_input(key=f"prov_points_{answer_id}").set_value(0.0)
    at.button(key=f"FormSubmitter:prov_form_{answer_id}-Simpan poin provinsi").click().run()
    assert any("tuliskan alasannya agar kota tahu apa yang kurang" in e.value for e in at.error)
    at.text_area(key=f"prov_reason_{answer_id}").input("Perda belum dilampirkan.")
    at.button(key=f"FormSubmitter:prov_form_{answer_id}-Simpan poin provinsi").click().run()
    assert not at.exception and "disimpan" in at.success[0].value
    after = province_queue(ntt_engine, account(ntt_engine, "provinsi.ntt"), "53.04", 2025).set_index("answer_id")
    assert after.loc[answer_id, "province_state"] == "lowered"
    chosen = at.selectbox(key="prov_pick").value
    assert chosen != answer_id and after.loc[chosen, "province_state"] in ("open", "answered")
    frames = [f.value for f in at.dataframe if "state" in f.value.columns]
    assert frames[0].set_index("code").loc[queue.loc[answer_id, "question_code"], "state"] == "diturunkan"


def test_the_city_chair_finds_the_provinces_return_in_its_queue(ntt_url):
    at = open_page_as("app_pages/province_returns.py", "ketua.belu")
    assert not at.exception and "Dikembalikan Provinsi" in texts(at)
    assert "SK Gugus Tugas yang dilampirkan sudah kedaluwarsa" in texts(at)
    assert "Kirim kembali ke provinsi" in [b.label for b in at.button]


def test_the_chair_cannot_open_the_province_page(database_url):
    at = open_page_as("app_pages/province_review.py", "ketua")
    assert "Halaman ini tidak tersedia untuk peran Anda (Ketua Gugus Tugas KLA)." in texts(at)
