"""The province's administrative verification in a real browser: the province verifier lowers a
city's question with a reason (refused first without one), and the city's chair sees the lowered
question, the reason and the province's total on Nilai dan Predikat."""
from playwright.sync_api import expect

from browser_helpers import exceptions, open_app, open_as_someone_else, script_run, sign_in
from data.db import make_engine
from data.services.province.verification import province_queue
from data.services.scoring.scores import score_report
from review_fixtures import account


def test_the_province_lowers_a_question_and_the_city_chair_sees_why(fresh_server, page):
    engine = make_engine(fresh_server.database_url)
    first = province_queue(engine, account(engine, "provinsi.ntt"), "53.71", 2024).iloc[0]

    # 1. The province verifier lowers the first question of Kota Kupang's closed 2024 cycle to 0.
    open_app(page, f"{fresh_server.url}/verifikasi-provinsi")
    sign_in(page, "provinsi.ntt")
    expect(page.get_by_role("heading", name="Verifikasi Administrasi Provinsi")).to_be_visible()
    form = page.get_by_test_id("stForm").filter(has_text="Simpan poin provinsi")
    form.get_by_label("Poin provinsi").fill("0")
    with script_run(page):
        form.get_by_role("button", name="Simpan poin provinsi").click()
    expect(page.get_by_text("tuliskan alasannya agar kota tahu apa yang kurang")).to_be_visible()
    form.get_by_label("Alasan").fill("Perda KLA belum dilampirkan; yang ada baru rancangan.")
    with script_run(page):
        form.get_by_role("button", name="Simpan poin provinsi").click()
    expect(page.get_by_text(f"Poin provinsi pertanyaan {first['question_code']} disimpan.")).to_be_visible()
    province_total = score_report(engine, "53.71", 2024, "province")["total"]
    assert province_total == score_report(engine, "53.71", 2024, "verified")["total"] - first["verified_points"]
    assert exceptions(page) == []

    # 2. The city's chair opens the 2024 scores and reads what the province lowered, and why.
    open_as_someone_else(page, f"{fresh_server.url}/nilai")
    sign_in(page, "ketua")
    with script_run(page):
        page.get_by_role("combobox", name="Siklus").click()
        page.get_by_role("option", name="2024").first.click()
    expect(page.get_by_role("heading", name="Pembacaan provinsi")).to_be_visible()
    expect(page.get_by_text(f"provinsi {province_total:.2f}".replace(".", ","))).to_be_visible()
    # the table is a data grid drawn on a canvas: its cells are in the page for screen readers
    expect(page.locator("[data-testid^='glide-cell-']").filter(has_text="Perda KLA belum dilampirkan")).to_have_count(1)
    assert exceptions(page) == []
