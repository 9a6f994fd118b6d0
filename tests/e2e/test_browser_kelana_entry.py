"""Kelana Dekela in a real browser: a kelurahan focal point answers its own yes/no question with
evidence and submits it; the city's derived answer (held by the question's lead OPD) changes at
once, on the page and in the database, and the chair's verification moves the verified score."""
import pytest
from playwright.sync_api import expect
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
    wait_for_app,
)
from data.db import make_engine, unit_of_work
from data.models import Answer, EvaluationCycle, Question, ReportingUnit
from data.services.scoring.scores import score_report

PDF = samples.PDF
CODES = ("26.2", "26.3", "26.4", "26.5", "26.6", "26.7", "26.10", "26.12", "26.14", "26.15", "26.16", "26.18")


def answer_of(engine, code: str, unit: str | None) -> Answer | None:
    """The unit's answer of 2025, or the city's (unit None: the OPD that holds it)."""
    with unit_of_work(engine) as session:
        query = (select(Answer).join(Question, Answer.question_id == Question.id)
                 .join(ReportingUnit, Answer.reporting_unit_id == ReportingUnit.id)
                 .join(EvaluationCycle, Answer.cycle_id == EvaluationCycle.id)
                 .where(Question.code == code, EvaluationCycle.year == 2025))
        query = query.where(ReportingUnit.kind == "opd") if unit is None else \
            query.where(ReportingUnit.short_name == unit)
        return session.scalar(query)


def test_a_kelurahan_answer_changes_the_citys_derived_answer(fresh_server, page):
    engine = make_engine(fresh_server.database_url)
    # A question Kelurahan Oesapa can still answer and has not answered yes.
    code = next(c for c in CODES if (answer_of(engine, c, "kel_oesapa") is None
                                     or (answer_of(engine, c, "kel_oesapa").status in ("draft", "returned")
                                         and not answer_of(engine, c, "kel_oesapa").bool_value)))
    city_before = answer_of(engine, code, None)
    yes_before = int(city_before.numerator)
    verified_before = score_report(engine, "53.71", 2025)["total"]

    open_app(page, f"{fresh_server.url}/isian")
    sign_in(page, "kel.oesapa")
    expect(page.get_by_role("heading", name="Isian Saya")).to_be_visible()
    expect(page.get_by_text("Kelurahan Oesapa · Kota Kupang · siklus 2025 (terbuka)")).to_be_visible()
    question = open_question(page, code)
    expect(question.get_by_text(f"saat ini {yes_before} dari 51 desa/kelurahan menjawab Ya")).to_be_visible()
    with script_run(page):
        question.get_by_text("Ya", exact=True).click()
    with script_run(page):
        question.get_by_role("button", name="Simpan draf").click()
    expect(question.get_by_text(f"Pertanyaan {code} disimpan sebagai draf.")).to_be_visible()
    expect(question.get_by_text(f"saat ini {yes_before + 1} dari 51 desa/kelurahan menjawab Ya")).to_be_visible()
    city_after = answer_of(engine, code, None)
    assert (city_after.numerator, city_after.denominator) == (yes_before + 1, 51)
    assert city_after.self_points > city_before.self_points

    with script_run(page):
        question.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(
            {"name": "sk_kelurahan.pdf", "mimeType": "application/pdf", "buffer": PDF})
    send = question.get_by_role("button", name="Unggah")
    if send.count():
        with script_run(page):
            send.click()
    expect(question.get_by_text("sk_kelurahan.pdf").first).to_be_visible()
    with script_run(page):
        question.get_by_role("button", name="Ajukan", exact=True).click()
    expect(question.locator("summary")).to_contain_text("Diajukan — Ya")
    assert answer_of(engine, code, "kel_oesapa").status == "submitted"

    # The chair verifies the kelurahan's answer; the city's verified points follow.
    open_as_someone_else(page, f"{fresh_server.url}/verifikasi")
    sign_in(page, "ketua")
    expect(page.get_by_role("heading", name="Verifikasi Jawaban")).to_be_visible()
    units = page.get_by_test_id("stMultiSelect").filter(has_text="OPD / unit").locator("input")
    units.fill("Kelurahan Oesapa")
    with script_run(page):
        units.press("Enter")
    page.keyboard.press("Escape")  # closes the list of options; runs nothing
    wait_for_app(page)
    card = page.locator("[class*='st-key-review_card_']").filter(
        has_text=f"{code} · Kelurahan Oesapa", has_not_text="Oesapa Barat")
    expect(card).to_have_count(1)
    expect(card.get_by_text("Apakah desa/kelurahan ini").first).to_be_visible()
    with script_run(page):
        card.get_by_role("button", name="Verifikasi", exact=True).click()
    verified = answer_of(engine, code, "kel_oesapa")
    assert verified.status == "verified" and verified.verified_points == pytest.approx(verified.self_points)
    gained = (answer_of(engine, code, None).verified_points or 0) - (city_before.verified_points or 0)
    assert gained == pytest.approx(verified.self_points)
    assert score_report(engine, "53.71", 2025)["total"] == pytest.approx(verified_before + gained, abs=1e-3)
    assert exceptions(page) == [] and "Traceback" not in main_text(page)
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "kelana_kelurahan_verified.png", full_page=False)
    engine.dispose()
