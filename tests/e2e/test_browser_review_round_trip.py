"""A whole review round trip in a real browser: the OPD submits, the chair returns the answer with
a reason, the OPD sees the reason, corrects and resubmits, the chair verifies, and the verified
score (the figures of `manage.py score --json`) moves by the question's points."""
import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

import evidence_samples as samples
from browser_helpers import (
    SCREENSHOTS,
    exceptions,
    main_text,
    open_app,
    open_as_someone_else,
    open_question,
    script_run,
    sign_in,
)
from data.db import make_engine, unit_of_work
from data.models import Answer, Question, ReportingUnit
from data.services.scoring.scores import score_report

pytestmark = pytest.mark.postgres_journey  # also run on an empty PostgreSQL

PDF = samples.PDF
SIGNED_PDF = samples.pdf("Lembar pengundangan, ditandatangani")
REASON = "Lampirkan lembar pengundangan Perda, bukan hanya rancangannya."


def review_card(page: Page, code: str, unit_name: str):
    card = page.locator("[class*='st-key-review_card_']").filter(has_text=f"{code} · {unit_name}")
    expect(card).to_have_count(1)
    return card


def answer_of(engine, code: str, unit: str) -> Answer:
    with unit_of_work(engine) as session:
        return session.scalar(select(Answer).join(Question, Answer.question_id == Question.id)
                              .join(ReportingUnit, Answer.reporting_unit_id == ReportingUnit.id)
                              .where(Question.code == code, ReportingUnit.short_name == unit))


def upload(page: Page, question, name: str, content: bytes) -> None:
    """Attach a file as evidence (with the page's upload button when it asks for one)."""
    with script_run(page):
        question.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(
            {"name": name, "mimeType": "application/pdf", "buffer": content})
    send = question.get_by_role("button", name="Unggah")
    if send.count():
        with script_run(page):
            send.click()
    expect(question.get_by_text(f"Berkas {name} diunggah.")).to_be_visible()  # stored, not refused


def test_submit_return_correct_resubmit_verify(fresh_server, page):
    engine = make_engine(fresh_server.database_url)
    verified_before = score_report(engine, "53.71", 2025)["total"]
    dp3a = "Dinas Pemberdayaan Perempuan dan Perlindungan Anak (DP3A) Kota Kupang"

    # 1. The OPD answers 1.1 (a Perda on KLA: 12 points), attaches the evidence and submits.
    open_app(page, f"{fresh_server.url}/isian")
    sign_in(page, "opd.dp3a")
    question = open_question(page, "1.1")
    with script_run(page):
        question.get_by_text("Ya", exact=True).click()
    with script_run(page):
        question.get_by_role("button", name="Simpan draf").click()
    expect(question.get_by_text("Pertanyaan 1.1 disimpan sebagai draf.")).to_be_visible()
    upload(page, question, "perda_kla.pdf", PDF)
    with script_run(page):
        question.get_by_role("button", name="Ajukan", exact=True).click()
    expect(question.locator("summary")).to_contain_text("Diajukan — Ya")
    assert answer_of(engine, "1.1", "dp3a").status == "submitted"

    # 2. The chair finds it in the queue, with its evidence, and returns it with a reason.
    open_as_someone_else(page, f"{fresh_server.url}/verifikasi")
    sign_in(page, "ketua")
    expect(page.get_by_role("heading", name="Verifikasi Jawaban")).to_be_visible()
    card = review_card(page, "1.1", dp3a)
    expect(card.get_by_role("button", name="perda_kla.pdf")).to_be_visible()
    with script_run(page):
        card.get_by_role("button", name="Kembalikan ke OPD").click()
    expect(review_card(page, "1.1", dp3a).get_by_text("tuliskan alasan pengembalian")).to_be_visible()
    card = review_card(page, "1.1", dp3a)
    card.get_by_role("textbox", name="Alasan (wajib jika poin diubah atau jawaban dikembalikan)").fill(REASON)
    with script_run(page):
        card.get_by_role("button", name="Kembalikan ke OPD").click()
    expect(page.get_by_text("1.1 (dp3a) dikembalikan ke OPD.").first).to_be_visible()
    returned = answer_of(engine, "1.1", "dp3a")
    assert (returned.status, returned.return_reason) == ("returned", REASON)

    # 3. The OPD sees the reason, corrects (a new evidence file) and submits again.
    open_as_someone_else(page, f"{fresh_server.url}/isian")
    sign_in(page, "opd.dp3a")
    expect(page.get_by_test_id("stMain").get_by_text(REASON).first).to_be_visible()
    question = open_question(page, "1.1")
    upload(page, question, "lembar_pengundangan.pdf", SIGNED_PDF)
    with script_run(page):
        question.get_by_role("button", name="Ajukan", exact=True).click()
    expect(question.locator("summary")).to_contain_text("Diajukan — Ya")
    assert answer_of(engine, "1.1", "dp3a").status == "submitted"

    # 4. The chair verifies at the self-assessed points; the verified score moves by 12.
    open_as_someone_else(page, f"{fresh_server.url}/verifikasi")
    sign_in(page, "ketua")
    card = review_card(page, "1.1", dp3a)
    expect(card.get_by_role("button", name="lembar_pengundangan.pdf")).to_be_visible()
    with script_run(page):
        card.get_by_role("button", name="Verifikasi", exact=True).click()
    expect(page.get_by_text("1.1 (dp3a) diverifikasi: 12 poin.").first).to_be_visible()
    verified = answer_of(engine, "1.1", "dp3a")
    assert (verified.status, verified.verified_points) == ("verified", 12.0)
    assert score_report(engine, "53.71", 2025)["total"] == pytest.approx(verified_before + 12.0, abs=1e-3)
    assert exceptions(page) == [] and "Traceback" not in main_text(page)
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "review_verified.png", full_page=False)
    engine.dispose()
