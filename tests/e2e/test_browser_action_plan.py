"""An action plan round trip in a real browser: the chair turns the largest gap of "what lifts the
score" into an action, the OPD that leads it reports progress with evidence on its own page, the
meeting report (PDF) the chair downloads lists the action with that progress, and so do the minutes
of the Rakor the chair prepares and records."""
import io
import re

from playwright.sync_api import expect
from pypdf import PdfReader

import evidence_samples as samples
from browser_helpers import exceptions, open_app, open_as_someone_else, script_run, sign_in
from data.db import make_engine
from data.services.actions.meetings import list_meetings
from data.services.actions.plans import list_actions
from data.services.scoring.gaps import score_gaps
from review_fixtures import account


def test_gap_to_action_to_progress_to_the_meeting_report(fresh_server, page):
    engine = make_engine(fresh_server.database_url)
    chair = account(engine, "ketua")
    largest = score_gaps(engine, chair, "53.71", 2025, "verified").questions.iloc[0]
    before = set(list_actions(engine, chair, None, 2025)["id"])

    # 1. The chair, on "what lifts the score", proposes the largest gap as an action.
    open_app(page, f"{fresh_server.url}/nilai")
    sign_in(page, "ketua")
    page.get_by_role("tab", name="Yang mengangkat nilai").click()  # drawn already: runs nothing
    expect(page.get_by_role("combobox", name="Jadikan rencana aksi")).to_have_value(
        re.compile(rf"^{re.escape(largest['question_code'])} ·"))  # the largest gap comes first
    with script_run(page):
        page.get_by_role("button", name="Usulkan aksi").click()
    expect(page.get_by_text(f"Pertanyaan {largest['question_code']} diusulkan sebagai aksi")).to_be_visible()
    [new_id] = set(list_actions(engine, chair, None, 2025)["id"]) - before
    new = list_actions(engine, chair, None, 2025).set_index("id").loc[new_id]
    assert new["question_codes"] == [largest["question_code"]] and new["lead_unit"] == largest["owner"]
    assert exceptions(page) == []

    # 2. The lead OPD reports 50% with a note and a PDF on Rencana Aksi.
    open_as_someone_else(page, f"{fresh_server.url}/rencana-aksi")
    sign_in(page, f"opd.{new['lead_unit']}")
    wanted = f"{new['indicator_code']} · Penuhi {largest['question_code']}"
    picker = page.get_by_role("combobox", name="Aksi", exact=True)
    if not picker.input_value().startswith(wanted):  # the OPD's other actions may come first
        with script_run(page):
            picker.click()
            page.get_by_role("option", name=wanted).first.click()
    expect(picker).to_have_value(re.compile(f"^{re.escape(wanted)}"))
    form = page.get_by_test_id("stForm").filter(has_text="Kirim laporan kemajuan")
    form.get_by_role("radio", name="berjalan").click()
    form.get_by_label("Catatan kemajuan").fill("Rapat koordinasi lintas OPD sudah digelar")
    form.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(
        {"name": "notulen_rapat.pdf", "mimeType": "application/pdf", "buffer": samples.PDF})
    with script_run(page):
        form.get_by_role("button", name="Kirim laporan kemajuan").click()
    expect(page.get_by_text("disimpan.").first).to_be_visible()
    expect(page.get_by_text("Rapat koordinasi lintas OPD sudah digelar").first).to_be_visible()
    row = list_actions(engine, chair, None, 2025).set_index("id").loc[new_id]
    assert (row["status"], row["last_note"]) == ("in_progress", "Rapat koordinasi lintas OPD sudah digelar")

    # 3. The chair's meeting report lists it.
    open_as_someone_else(page, f"{fresh_server.url}/nilai")
    sign_in(page, "ketua")
    page.get_by_role("tab", name="Laporan").click()
    with page.expect_download() as download:
        page.get_by_role("button", name="Unduh laporan PDF").click()
    pdf = PdfReader(io.BytesIO(download.value.path().read_bytes()))
    last = " ".join(pdf.pages[-1].extract_text().split())
    assert "Rencana Aksi" in last and f"Penuhi {largest['question_code']}" in last
    assert exceptions(page) == []

    # 4. The chair prepares the Rakor, records who came and the minutes; the minutes PDF lists the action.
    open_app(page, f"{fresh_server.url}/rakor")
    prepare = page.get_by_test_id("stForm").filter(has_text="Siapkan rapat dan agendanya")
    if not prepare.is_visible():
        page.get_by_text("Siapkan rapat baru").click()
    prepare.get_by_role("spinbutton", name="day, Tanggal rapat").click()
    page.keyboard.type("10122026")  # day, month and year: each segment moves on to the next
    expect(prepare.get_by_role("spinbutton", name="year, Tanggal rapat")).to_have_text("2026")
    prepare.get_by_label("Tempat").fill("Aula Bappeda")
    with script_run(page):
        prepare.get_by_role("button", name="Siapkan rapat dan agendanya").click()
    expect(page.get_by_text("disiapkan dengan agendanya")).to_be_visible()
    [meeting] = [m for m in list_meetings(engine, chair, None, 2025) if m["held_on"].isoformat() == "2026-12-10"]
    minutes = page.get_by_test_id("stForm").filter(has_text="Simpan kehadiran dan notulen")
    minutes.get_by_label("Notulen (pembahasan dan kesimpulan)").fill("Kemajuan aksi dibahas bersama OPD.")
    with script_run(page):
        minutes.get_by_role("button", name="Simpan kehadiran dan notulen").click()
    expect(page.get_by_text("rapat tercatat sudah berlangsung")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("button", name="Unduh notulen (PDF)").click()
    minutes_pdf = PdfReader(io.BytesIO(download.value.path().read_bytes()))
    text = " ".join(" ".join(p.extract_text().split()) for p in minutes_pdf.pages)
    assert meeting["title"] in text and "Kemajuan aksi dibahas bersama OPD." in text
    assert f"Penuhi {largest['question_code']}" in text and "berjalan" in text
    assert exceptions(page) == []
