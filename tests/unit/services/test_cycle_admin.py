"""Closing, reopening, publishing and unpublishing a cycle (data/services/cycle_admin.py)."""
from datetime import date

import pytest
from sqlalchemy import select

from data.db import current_data_version, unit_of_work
from data.errors import InvalidInput, NotFound, PermissionDenied
from data.models import Answer, EvaluationCycle, Question
from data.services.cycles.cycles import open_cycle
from data.services.entry.answers import save_draft
from data.services.public.summary import public_summary
from data.services.review.cycle_admin import close_cycle, publish_cycle, reopen_cycle, unpublish_cycle
from data.services.review.publication import publication_preview
from indicators.answers import AnswerValue
from indicators.publication import MIN_VERIFIED_SETTING
from review_fixtures import account, audit_of, second_region, snapshot


@pytest.fixture
def chair(seeded_engine):
    return account(seeded_engine, "ketua")


def test_close_then_publish_shows_the_cycle_on_the_public_page(seeded_engine, chair):
    assert public_summary(seeded_engine, "53.71").year == 2024
    version = current_data_version(seeded_engine)
    closed = close_cycle(seeded_engine, chair, 2025)
    assert (closed.status, closed.published) == ("closed", False) and closed.closed_at is not None
    assert public_summary(seeded_engine, "53.71").year == 2024
    published = publish_cycle(seeded_engine, chair, 2025, reason="Rakor meminta hasil sementara diumumkan.")
    assert published.published and published.published_at is not None
    summary = public_summary(seeded_engine, "53.71")
    assert summary.year == 2025 and list(summary.trend["year"]) == [2022, 2023, 2024, 2025]
    assert summary.publication_note == "Rakor meminta hasil sementara diumumkan."
    assert current_data_version(seeded_engine) == version + 2
    [close_row] = audit_of(seeded_engine, "cycle.close")
    [publish_row] = audit_of(seeded_engine, "cycle.publish")
    assert close_row.entity == "evaluation_cycle" and close_row.actor_id == chair.id
    assert close_row.details["old"]["status"] == "open" and close_row.details["new"]["status"] == "closed"
    assert publish_row.details["old"]["published"] is False and publish_row.details["new"]["published"] is True


def test_unpublish_needs_a_reason_and_takes_the_cycle_off_the_public_page(seeded_engine, chair):
    before = snapshot(seeded_engine)
    with pytest.raises(InvalidInput, match="alasan"):
        unpublish_cycle(seeded_engine, chair, 2024, "  ")
    assert snapshot(seeded_engine) == before
    state = unpublish_cycle(seeded_engine, chair, 2024, "Angka Klaster V dikoreksi provinsi.")
    assert not state.published and state.published_at is None and state.status == "closed"
    assert public_summary(seeded_engine, "53.71").year == 2023
    [row] = audit_of(seeded_engine, "cycle.unpublish")
    assert row.details["reason"] == "Angka Klaster V dikoreksi provinsi."
    with pytest.raises(InvalidInput, match="belum dipublikasikan"):
        unpublish_cycle(seeded_engine, chair, 2024, "lagi")


def test_reopen_needs_a_reason_and_an_unpublished_closed_cycle(seeded_engine, chair):
    before = snapshot(seeded_engine)
    with pytest.raises(InvalidInput, match="tarik publikasinya"):
        reopen_cycle(seeded_engine, chair, 2024, "Koreksi data.")
    with pytest.raises(InvalidInput, match="alasan"):
        reopen_cycle(seeded_engine, chair, 2023, "")
    with pytest.raises(InvalidInput, match="tidak sedang ditutup"):
        reopen_cycle(seeded_engine, chair, 2025, "Koreksi data.")
    assert snapshot(seeded_engine) == before
    unpublish_cycle(seeded_engine, chair, 2024, "Koreksi data Dinkes.")
    state = reopen_cycle(seeded_engine, chair, 2024, "Koreksi data Dinkes.")
    assert (state.status, state.closed_at) == ("open", None)
    [row] = audit_of(seeded_engine, "cycle.reopen")
    assert row.details["reason"] == "Koreksi data Dinkes." and row.details["new"]["status"] == "open"


def test_bad_order_is_refused(seeded_engine, chair):
    before = snapshot(seeded_engine)
    with pytest.raises(InvalidInput, match="Tutup siklus 2025 dulu"):
        publish_cycle(seeded_engine, chair, 2025)
    with pytest.raises(InvalidInput, match="sudah ditutup"):
        close_cycle(seeded_engine, chair, 2024)
    with pytest.raises(InvalidInput, match="sudah dipublikasikan"):
        publish_cycle(seeded_engine, chair, 2024)
    with pytest.raises(NotFound, match="2031"):
        close_cycle(seeded_engine, chair, 2031)
    assert snapshot(seeded_engine) == before


@pytest.mark.parametrize("username", ["anggota", "sekretariat", "admin", "opd.dp3a"])
def test_only_the_chair_manages_cycles(seeded_engine, username):
    actor = account(seeded_engine, username)
    before = snapshot(seeded_engine)
    with pytest.raises(PermissionDenied, match="Ketua"):
        close_cycle(seeded_engine, actor, 2025, region_code="53.71")
    with pytest.raises(PermissionDenied, match="Ketua"):
        publish_cycle(seeded_engine, actor, 2024, region_code="53.71")
    with pytest.raises(PermissionDenied, match="Ketua"):
        unpublish_cycle(seeded_engine, actor, 2024, "alasan", region_code="53.71")
    with pytest.raises(PermissionDenied, match="Ketua"):
        reopen_cycle(seeded_engine, actor, 2023, "", region_code="53.71")
    assert snapshot(seeded_engine) == before


def test_a_chair_manages_only_their_own_region(seeded_engine, chair):
    second_region(seeded_engine)
    before = snapshot(seeded_engine)
    with pytest.raises(PermissionDenied, match="wilayah Anda sendiri"):
        close_cycle(seeded_engine, chair, 2025, region_code="53.01")
    other_chair = account(seeded_engine, "ketua.kab")
    with pytest.raises(PermissionDenied, match="wilayah Anda sendiri"):
        unpublish_cycle(seeded_engine, other_chair, 2024, "alasan", region_code="53.71")
    assert snapshot(seeded_engine) == before
    assert close_cycle(seeded_engine, other_chair, 2025).region_code == "53.01"


def test_closing_stops_entry_and_reopening_allows_it_again(seeded_engine, chair):
    opd = account(seeded_engine, "opd.dp3a")
    close_cycle(seeded_engine, chair, 2025)
    before = snapshot(seeded_engine)
    with pytest.raises(PermissionDenied, match="sudah ditutup"):
        save_draft(seeded_engine, opd, "1.1", AnswerValue(bool_value=True), None, None, year=2025)
    assert snapshot(seeded_engine) == before
    reopen_cycle(seeded_engine, chair, 2025, "Dinkes menyusulkan data.")
    saved = save_draft(seeded_engine, opd, "1.1", AnswerValue(bool_value=True), None, None, year=2025)
    assert saved.status == "draft"


def test_publishing_below_the_minimum_share_needs_a_reason_the_public_sees(seeded_engine, chair):
    close_cycle(seeded_engine, chair, 2025)
    preview = publication_preview(seeded_engine, chair, 2025)
    coverage = preview.coverage
    assert coverage.question_count == 274 and 0 < coverage.verified < 0.9 * 274
    assert (coverage.verified + coverage.awaiting + coverage.drafted + coverage.returned + coverage.unanswered
            == coverage.question_count)
    assert preview.needs_reason and preview.min_share == 0.9
    before = snapshot(seeded_engine)
    for blank in (None, "", "   "):
        with pytest.raises(InvalidInput, match=rf"Baru {coverage.verified} dari 274 pertanyaan terverifikasi"):
            publish_cycle(seeded_engine, chair, 2025, reason=blank)
    with pytest.raises(InvalidInput, match="terlalu panjang"):
        publish_cycle(seeded_engine, chair, 2025, reason="x" * 2001)
    assert snapshot(seeded_engine) == before
    assert public_summary(seeded_engine, "53.71").year == 2024
    publish_cycle(seeded_engine, chair, 2025, reason="  Diminta DPRD sebelum Rakor.  ")
    summary = public_summary(seeded_engine, "53.71")
    assert summary.coverage == coverage and summary.publication_note == "Diminta DPRD sebelum Rakor."
    assert (summary.total, summary.predikat_name) == (preview.total, preview.predikat_name)
    [row] = audit_of(seeded_engine, "cycle.publish")
    assert row.details["reason"] == "Diminta DPRD sebelum Rakor."
    unpublish_cycle(seeded_engine, chair, 2025, "Menunggu verifikasi lengkap.")
    with pytest.raises(InvalidInput, match="alasan"):
        publish_cycle(seeded_engine, chair, 2025)


def test_the_minimum_share_is_a_setting(seeded_engine, chair, monkeypatch):
    close_cycle(seeded_engine, chair, 2025)
    verified = publication_preview(seeded_engine, chair, 2025).coverage.verified
    monkeypatch.setenv(MIN_VERIFIED_SETTING, str(100 * verified / 274 - 0.5).replace(".", ","))
    assert not publication_preview(seeded_engine, chair, 2025).needs_reason
    for wrong in ("abc", "0", "150"):
        monkeypatch.setenv(MIN_VERIFIED_SETTING, wrong)
        with pytest.raises(ValueError, match=MIN_VERIFIED_SETTING):
            publish_cycle(seeded_engine, chair, 2025, reason="alasan")
    monkeypatch.setenv(MIN_VERIFIED_SETTING, "10")
    state = publish_cycle(seeded_engine, chair, 2025)
    assert state.published and public_summary(seeded_engine, "53.71").publication_note is None


def test_a_cycle_without_a_verified_answer_cannot_be_published(seeded_engine, chair):
    admin = account(seeded_engine, "admin")
    open_cycle(seeded_engine, admin, "53.71", 2026, date(2027, 3, 31), today=date(2026, 12, 4))
    close_cycle(seeded_engine, chair, 2026)
    preview = publication_preview(seeded_engine, chair, 2026)
    assert preview.coverage.verified == 0 and preview.coverage.unanswered == 274
    before = snapshot(seeded_engine)
    with pytest.raises(InvalidInput, match="belum memiliki satu pun jawaban terverifikasi"):
        publish_cycle(seeded_engine, chair, 2026, reason="Tetap terbitkan.")
    assert snapshot(seeded_engine) == before


def test_the_preview_is_for_the_task_force_only(seeded_engine):
    with pytest.raises(PermissionDenied):
        publication_preview(seeded_engine, account(seeded_engine, "opd.dp3a"), 2025, "53.71")


def test_a_draft_is_not_awaiting_verification(seeded_engine):
    """Kabupaten Kupang: 1.1 submitted, 1.2 a draft its OPD has not submitted: one question awaits
    the task force, the draft is counted apart."""
    region = second_region(seeded_engine)
    with unit_of_work(seeded_engine) as session:
        first = session.get(Answer, region["answer_id"])
        version_id = session.get(EvaluationCycle, first.cycle_id).catalog_version_id
        draft_question = session.scalar(select(Question).where(Question.catalog_version_id == version_id,
                                                               Question.code == "1.2a"))
        session.add(Answer(region_id=region["region_id"], cycle_id=first.cycle_id, question_id=draft_question.id,
                           reporting_unit_id=region["unit_id"], bool_value=True, status="draft", self_points=0))
    coverage = publication_preview(seeded_engine, account(seeded_engine, "ketua.kab"), 2025).coverage
    assert (coverage.awaiting, coverage.drafted, coverage.verified, coverage.returned) == (1, 1, 0, 0)
    assert coverage.unanswered == coverage.question_count - 2
