"""The province's verification as a round trip in a real browser, on the demo with its NTT
neighbours (Kabupaten Belu's 2025 cycle is closed and half read by the province): the province
verifier returns two answers with a reason and a date; Belu's chair answers one of them on
"Dikembalikan Provinsi" without reopening the cycle; the province checks it again, decides the
other one itself and declares its verification finished; the chair publishes and reads the three
readings, each with its predikat."""
import pytest
from playwright.sync_api import expect

from app_server import Server
from browser_helpers import exceptions, open_app, open_as_someone_else, script_run, sign_in
from data.services.province.verification import province_queue, set_province_points
from data.services.scoring.scores import score_report
from review_fixtures import account

BELU = "53.04"


@pytest.fixture
def ntt_server(ntt_engine, tmp_path):
    running = Server(ntt_engine.url.render_as_string(hide_password=False), tmp_path / "streamlit.log")
    yield running
    running.stop()


def points_text(value: float) -> str:
    return f"{value:.2f}".replace(".", ",")


def card(page, answer_id):
    """The check of one answer (its key names it), once it is drawn."""
    shown = page.locator(f".st-key-prov_card_{int(answer_id)}")
    expect(shown).to_be_visible()
    return shown


def decide(page, answer_id, reason: str | None = None) -> None:
    """The province's decision on the answer shown: confirm it, or (with a reason) return it."""
    form = card(page, answer_id)
    if reason is None:
        with script_run(page):
            form.get_by_role("button", name="Sesuai").click()
        return
    form.get_by_label("Alasan").fill(reason)
    with script_run(page):
        form.get_by_role("button", name="Kembalikan ke kota").click()


def pick(page, option: str) -> None:
    """Choose another answer in the picker by typing its label (the list draws only its first options)."""
    box = page.get_by_role("combobox", name="Periksa pertanyaan")
    with script_run(page):
        box.click()
        box.press_sequentially(option)
        expect(page.get_by_role("option")).to_have_count(1)
        page.keyboard.press("Enter")


def test_the_province_returns_the_city_answers_and_publishes_with_both_readings(ntt_server, ntt_engine, page):
    verifier = account(ntt_engine, "provinsi.ntt")
    queue = province_queue(ntt_engine, verifier, BELU, 2025)
    demo_return = queue[queue["province_state"] == "returned"].iloc[0]  # the demo's own, settled beforehand
    set_province_points(ntt_engine, verifier, int(demo_return.answer_id), 0, "SK tidak diperbarui kota.")
    unchecked = queue[queue["province_state"] == "open"]
    first, second = unchecked.iloc[0], unchecked.iloc[1]

    # 1. The province returns the first two unchecked answers; after each the next one is chosen.
    open_app(page, f"{ntt_server.url}/verifikasi-provinsi")
    sign_in(page, "provinsi.ntt")
    expect(page.get_by_text("Keputusan provinsi: belum diperiksa")).to_be_visible()
    decide(page, first.answer_id, "SK Gugus Tugas sudah kedaluwarsa; unggah SK 2025.")
    expect(page.get_by_text(f"Pertanyaan {first['question_code']} dikembalikan ke kota.")).to_be_visible()
    decide(page, second.answer_id, "Notulen rapat tidak dilampirkan.")
    expect(page.get_by_text(f"Pertanyaan {second['question_code']} dikembalikan ke kota.")).to_be_visible()
    expect(page.get_by_text("dikembalikan 3 (menunggu kota 2)")).to_be_visible()
    assert exceptions(page) == []

    # 2. Belu's chair answers the first return; its cycle stays closed.
    open_as_someone_else(page, f"{ntt_server.url}/dikembalikan-provinsi")
    sign_in(page, "ketua.belu")
    returned = page.locator(f".st-key-ret_card_{int(first.answer_id)}")
    expect(returned.get_by_text("SK Gugus Tugas sudah kedaluwarsa")).to_be_visible()
    returned.get_by_label("Apa yang sudah diperbaiki atau dilengkapi").fill("SK Gugus Tugas 2025 sudah ditetapkan.")
    with script_run(page):
        returned.get_by_role("button", name="Kirim kembali ke provinsi").click()
    expect(page.get_by_text(f"Pertanyaan {first['question_code']} dikirim kembali ke provinsi")).to_be_visible()
    assert exceptions(page) == []

    # 3. The province checks it again, decides the second itself, and declares the verification finished.
    open_as_someone_else(page, f"{ntt_server.url}/verifikasi-provinsi")
    sign_in(page, "provinsi.ntt")
    # the first answer not yet checked is chosen: the one the city answered
    rechecked = card(page, first.answer_id)
    expect(rechecked.get_by_text("Jawaban kota: SK Gugus Tugas 2025 sudah ditetapkan.")).to_be_visible()
    decide(page, first.answer_id)
    expect(page.get_by_text("diperbaiki kota 1 · diperiksa ulang 1")).to_be_visible()
    pick(page, f"{second['question_code']} · {second['unit_short_name']} · dikembalikan ke kota")
    form = card(page, second.answer_id)
    form.get_by_label("Poin provinsi").fill("0")
    form.get_by_label("Alasan").fill("Kota tidak menjawab; notulen tidak ada.")
    with script_run(page):
        form.get_by_role("button", name="Simpan poin provinsi").click()
    expect(page.get_by_text(f"Poin provinsi pertanyaan {second['question_code']} disimpan.")).to_be_visible()
    with script_run(page):
        page.get_by_role("button", name="Nyatakan verifikasi provinsi selesai").click()
    expect(page.get_by_text("Verifikasi provinsi dinyatakan selesai")).to_be_visible()
    assert exceptions(page) == []

    # 4. The chair publishes, the province's reading beside its own, and reads both with their predikat.
    readings = {b: score_report(ntt_engine, BELU, 2025, b) for b in ("self", "verified", "province")}
    open_as_someone_else(page, f"{ntt_server.url}/kelengkapan")
    sign_in(page, "ketua.belu")
    province = f"pembacaan provinsi {points_text(readings['province']['total'])} ({readings['province']['predikat']})"
    expect(page.get_by_text(province)).to_be_visible()
    publish = page.get_by_test_id("stForm").filter(has_text="Publikasikan")
    publish.get_by_text("Saya yakin").click()
    reason = publish.get_by_label("Alasan menerbitkan sekarang")
    if reason.count():
        reason.fill("Verifikasi provinsi sudah selesai.")
    with script_run(page):
        publish.get_by_role("button", name="Publikasikan").click()
    expect(page.get_by_text("Siklus 2025 dipublikasikan.")).to_be_visible()

    open_app(page, f"{ntt_server.url}/nilai")
    line = " · ".join(f"{label} {points_text(readings[b]['total'])} ({readings[b]['predikat']})" for label, b in (
        ("Mandiri", "self"), ("terverifikasi kota", "verified"), ("provinsi", "province")))
    expect(page.get_by_text(line)).to_be_visible()
    assert exceptions(page) == []
