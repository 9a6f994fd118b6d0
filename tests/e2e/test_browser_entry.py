"""The entry page in a real browser: an OPD focal point answers two questions, uploads a PDF as
evidence, submits one answer and sees its status change."""
from playwright.sync_api import expect

import evidence_samples as samples
from browser_helpers import (
    SCREENSHOTS,
    exceptions,
    main_text,
    open_app,
    open_question,
    script_run,
    sign_in,
    wait_for_app,
)

NOTE = 'Perwali 2023 <b>tebal</b> <img src=x onerror="alert(1)">'
PDF = samples.PDF


def test_answer_upload_and_submit_in_the_browser(fresh_server, page):
    open_app(page, f"{fresh_server.url}/isian")
    sign_in(page, "opd.dp3a")
    expect(page.get_by_role("heading", name="Isian Saya")).to_be_visible()
    expect(page.get_by_text("9 dari 107 pertanyaan diajukan")).to_be_visible()
    expect(page.get_by_text("Dikembalikan oleh Gugus Tugas (2)")).to_be_visible()

    # A yes/no question: the points follow the answer as it is chosen.
    first = open_question(page, "1.1")
    expect(first.get_by_text("Poin jawaban ini: 0 dari 12")).to_be_visible()
    with script_run(page):
        first.get_by_text("Ya", exact=True).click()
    expect(first.get_by_text("Poin jawaban ini: 12 dari 12")).to_be_visible()
    first.get_by_role("textbox", name="Catatan").fill(NOTE)
    with script_run(page):
        first.get_by_role("button", name="Simpan draf").click()
    expect(first.get_by_text("Pertanyaan 1.1 disimpan sebagai draf.")).to_be_visible()
    expect(first.locator("summary")).to_contain_text("Draf — Ya")

    # Evidence: a real PDF, checked by its content.
    with script_run(page):
        first.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(
            {"name": "perda_kla.pdf", "mimeType": "application/pdf", "buffer": PDF})   # stored once chosen
    expect(first.get_by_text("Berkas perda_kla.pdf diunggah.")).to_be_visible()
    expect(first.get_by_role("button", name="Unduh")).to_be_visible()

    # A percentage: numerator and denominator typed, the percentage computed.
    second = open_question(page, "19.2a")
    second.get_by_role("spinbutton", name="Pembilang").fill("30")
    with script_run(page):
        second.get_by_role("spinbutton", name="Pembilang").press("Tab")
    second.get_by_role("spinbutton", name="Penyebut").fill("40")
    with script_run(page):
        second.get_by_role("spinbutton", name="Penyebut").press("Tab")
    expect(second.get_by_text("Persentase (dihitung): 75%")).to_be_visible()
    with script_run(page):
        second.get_by_role("button", name="Simpan draf").click()
    expect(second.locator("summary")).to_contain_text("Draf — 30 dari 40 (75,0%)")

    # Submit the first answer: its status changes, and so does the progress.
    first = open_question(page, "1.1")
    with script_run(page):
        first.get_by_role("button", name="Ajukan", exact=True).click()
    expect(first.locator("summary")).to_contain_text("Diajukan — Ya")
    expect(page.get_by_text("10 dari 107 pertanyaan diajukan")).to_be_visible()
    expect(first.get_by_role("button", name="Simpan draf")).to_have_count(0)
    # The editable note of the run before goes once the new run has replaced it.
    expect(first.get_by_role("textbox", name="Catatan")).to_have_count(0)
    # The note, read-only now, is shown as the text that was typed: no element made of it.
    expect(first.get_by_test_id("stText").get_by_text(NOTE)).to_be_visible()
    expect(first.locator("b", has_text="tebal")).to_have_count(0)
    expect(first.locator("img[src='x']")).to_have_count(0)
    assert exceptions(page) == []
    assert "Traceback" not in main_text(page)
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "entry_submitted.png", full_page=False)


def test_a_fake_pdf_is_refused_in_the_browser(fresh_server, page):
    open_app(page, f"{fresh_server.url}/isian")
    sign_in(page, "opd.dp3a")
    question = open_question(page, "2.1")
    with script_run(page):
        question.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(
            {"name": "sk.pdf", "mimeType": "application/pdf", "buffer": b"MZ\x90\x00 this is not a pdf"})
    expect(question.get_by_text("Isi berkas 'sk.pdf' bukan PDF yang sah")).to_be_visible()
    assert exceptions(page) == []


def test_what_is_typed_comes_back_after_a_reload(fresh_server, page):
    open_app(page, f"{fresh_server.url}/isian")
    sign_in(page, "opd.dp3a")
    question = open_question(page, "19.2a")
    numerator = question.get_by_role("spinbutton", name="Pembilang")
    numerator.fill("31")
    with script_run(page):
        numerator.press("Tab")
    note = question.get_by_role("textbox", name="Catatan")
    note.fill("Data Dinkes per Juni, belum final")
    with script_run(page):
        note.press("Tab")
    page.reload()
    wait_for_app(page)
    expect(page.get_by_text("Isian yang belum Anda simpan dipulihkan: 19.2a")).to_be_visible()
    question = page.get_by_test_id("stExpander").filter(has=page.locator("summary", has_text="19.2a ·"))
    expect(question.locator("[data-testid='stExpanderDetails']:not([inert])")).to_have_count(1)  # opened for it
    expect(question.get_by_role("spinbutton", name="Pembilang")).to_have_value("31")
    expect(question.get_by_role("textbox", name="Catatan")).to_have_value("Data Dinkes per Juni, belum final")
    expect(question.get_by_text("Dipulihkan dari isian Anda yang belum disimpan")).to_be_visible()
    with script_run(page):
        question.get_by_role("button", name="Simpan draf").click()
    expect(question.locator("summary")).to_contain_text("Draf — 31 dari")
    assert exceptions(page) == []
