"""The province's administrative verification (data/services/province/verification.py) and the
city's side of its round trip (returns.py), on the demo's Kabupaten Belu 2025 (closed, not
published, half read by the province): the province sets points (a reason where they differ, never
above the maximum), confirms at once what has its evidence, returns answers with a reason and a
date; the city answers only those, without reopening, and the province checks them again; both
sides count; the verification is declared finished and only then may the city publish. Windows:
an open cycle, a published one, another province and a finished verification are refused with
nothing changed. Every change is audited."""
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from data.actor import COMMAND_LINE
from data.db import current_data_version, unit_of_work
from data.errors import InvalidInput, PermissionDenied
from data.models import Answer, AuditLog, EvaluationCycle
from data.services.accounts.auth import create_user
from data.services.entry.evidence import download_evidence, upload_evidence
from data.services.entry.sheet import entry_sheet
from data.services.province.returns import attach_return_evidence, province_returns, send_back_to_province
from data.services.province.verification import (
    confirm_with_evidence,
    finish_verification,
    next_unchecked,
    province_queue,
    province_reading,
    province_regions,
    queue_filter,
    return_to_city,
    round_trip_counts,
    set_province_points,
    three_readings,
)
from data.services.review import cycle_admin
from data.services.review.publication import publication_preview
from data.services.scoring.scores import score_report
from evidence_samples import pdf
from indicators import clock
from indicators.answers import AnswerValue
from review_fixtures import account, answer_row, audit_of

BELU = "53.04"


def state(engine) -> tuple:
    """Everything a refused action must leave untouched, the province's reading included."""
    with unit_of_work(engine) as session:
        answers = tuple(session.execute(select(
            Answer.id, Answer.status, Answer.version, Answer.verified_points, Answer.province_points,
            Answer.province_return_reason, Answer.province_fixed_at, Answer.province_returns)
            .order_by(Answer.id)).all())
        cycles = tuple(session.execute(select(EvaluationCycle.id, EvaluationCycle.status, EvaluationCycle.published,
                                              EvaluationCycle.province_done_at).order_by(EvaluationCycle.id)).all())
        audits = session.scalar(select(func.count()).select_from(AuditLog))
    return answers, cycles, audits, current_data_version(engine, BELU)


@pytest.fixture
def ntt(ntt_engine):
    return account(ntt_engine, "provinsi.ntt")


def test_the_province_sets_points_returns_and_the_city_reads_why(ntt_engine, ntt):
    assert [(r["code"], r["years"]) for r in province_regions(ntt_engine, ntt)] == [(BELU, [2025])]
    queue = province_queue(ntt_engine, ntt, BELU, 2025)
    open_rows = queue[(queue["province_state"] == "open") & (queue["verified_points"] > 0)]
    lowered, confirmed = open_rows.iloc[0], open_rows.iloc[1]
    before = {b: score_report(ntt_engine, BELU, 2025, b)["total"] for b in ("self", "verified", "province")}
    set_province_points(ntt_engine, ntt, int(lowered.answer_id), 0, "Perda tidak dilampirkan; hanya draf.")
    set_province_points(ntt_engine, ntt, int(confirmed.answer_id), confirmed.verified_points)
    assert answer_row(ntt_engine, int(lowered.answer_id)).verified_points == lowered.verified_points
    after = {b: score_report(ntt_engine, BELU, 2025, b)["total"] for b in ("self", "verified", "province")}
    assert (after["self"], after["verified"]) == pytest.approx((before["self"], before["verified"]))
    assert after["province"] == pytest.approx(before["province"] - lowered.verified_points)
    for reader in ("ketua.belu", "provinsi.ntt"):
        assert three_readings(ntt_engine, account(ntt_engine, reader), BELU, 2025) == pytest.approx(after)
    reading = province_reading(ntt_engine, account(ntt_engine, "ketua.belu"), None, 2025)
    assert "Perda tidak dilampirkan; hanya draf." in set(reading["province_reason"])
    assert [r.action for r in audit_of(ntt_engine) if r.action.startswith("answer.province")] == [
        "answer.province_points", "answer.province_points"]


@pytest.mark.parametrize("points, reason, message", [
    (0, "", "berbeda dari poin terverifikasi kota"),
    (10_000, "terlalu tinggi", "poin provinsi harus antara 0 dan"),
    (-1, "negatif", "poin provinsi harus antara 0 dan"),
    ("lima", "bukan angka", "poin provinsi harus berupa angka."),
    (float("nan"), "bukan angka", "poin provinsi harus berupa angka."),
])
def test_bad_province_points_are_refused_and_nothing_changes(ntt_engine, ntt, points, reason, message):
    queue = province_queue(ntt_engine, ntt, BELU, 2025)
    row = queue[(queue["province_state"] == "open") & (queue["verified_points"] > 0)].iloc[0]
    before = state(ntt_engine)
    with pytest.raises(InvalidInput, match=message):
        set_province_points(ntt_engine, ntt, int(row.answer_id), points, reason)
    assert state(ntt_engine) == before


def test_a_return_needs_a_reason_and_a_date_not_past(ntt_engine, ntt):
    row = province_queue(ntt_engine, ntt, BELU, 2025).iloc[0]
    today = clock.today(BELU)
    before = state(ntt_engine)
    with pytest.raises(InvalidInput, match="tuliskan alasan pengembalian") as refused:
        return_to_city(ntt_engine, ntt, int(row.answer_id), "  ", None)
    assert "tentukan tanggal batas" in str(refused.value.messages)
    with pytest.raises(InvalidInput, match="sudah lewat; pilih hari ini atau sesudahnya"):
        return_to_city(ntt_engine, ntt, int(row.answer_id), "Lampirkan SK.", today - timedelta(days=1))
    assert state(ntt_engine) == before


def opd_of(engine, row) -> object:
    """An account of the OPD that gave the answer (the demo's neighbours have only their chairs)."""
    username = f"opd.belu.{row.unit_short_name}"
    create_user(engine, COMMAND_LINE, username, "Operator", "rahasia-belu-2025", "opd", BELU, row.unit_short_name)
    return account(engine, username)


def test_the_round_trip_from_return_to_recheck_without_reopening(ntt_engine, ntt):
    queue = province_queue(ntt_engine, ntt, BELU, 2025)
    open_rows = queue[queue["province_state"] == "open"]
    first = open_rows.iloc[0]
    second = open_rows[open_rows["unit_short_name"] != first.unit_short_name].iloc[0]
    today = clock.today(BELU)
    return_to_city(ntt_engine, ntt, int(first.answer_id), "SK sudah kedaluwarsa.", today + timedelta(days=7))
    return_to_city(ntt_engine, ntt, int(second.answer_id), "Lampirkan notulen.", today + timedelta(days=7),
                   strict=True)

    chair, opd = account(ntt_engine, "ketua.belu"), opd_of(ntt_engine, first)
    city = province_returns(ntt_engine, chair)
    assert {int(i) for i in city["answer_id"]} >= {int(first.answer_id), int(second.answer_id)}
    own = province_returns(ntt_engine, opd)
    assert set(own["unit_short_name"]) == {first.unit_short_name} and int(first.answer_id) in set(own["answer_id"])

    # the OPD may not answer for another OPD, nor anyone for an answer the province did not return
    before = state(ntt_engine)
    with pytest.raises(PermissionDenied, match="jawaban OPD Anda sendiri"):
        send_back_to_province(ntt_engine, opd, int(second.answer_id), "Sudah dilengkapi.")
    not_returned = open_rows.iloc[5]
    with pytest.raises(PermissionDenied, match="tidak sedang dikembalikan provinsi"):
        send_back_to_province(ntt_engine, chair, int(not_returned.answer_id), "Sudah dilengkapi.")
    with pytest.raises(InvalidInput, match="tuliskan apa yang sudah diperbaiki"):
        send_back_to_province(ntt_engine, opd, int(first.answer_id), " ")
    assert state(ntt_engine) == before

    attach_return_evidence(ntt_engine, opd, int(first.answer_id), "sk-2025.pdf", pdf("SK Gugus Tugas KLA 2025"))
    send_back_to_province(ntt_engine, opd, int(first.answer_id), "SK 2025 diunggah.")
    with pytest.raises(PermissionDenied, match="menunggu pemeriksaan ulang"):
        send_back_to_province(ntt_engine, opd, int(first.answer_id), "Sekali lagi.")
    again = province_queue(ntt_engine, ntt, BELU, 2025).set_index("answer_id")
    assert again.loc[int(first.answer_id), "province_state"] == "answered"
    assert again.loc[int(first.answer_id), "evidence_count"] == first.evidence_count + 1
    assert province_regions(ntt_engine, ntt) == [{"code": BELU, "name": "Kabupaten Belu", "years": [2025]}]

    # the city may neither reopen nor publish while the province is verifying
    for attempt in (lambda: cycle_admin.reopen_cycle(ntt_engine, chair, 2025, "Perbaiki.", BELU),
                    lambda: cycle_admin.publish_cycle(ntt_engine, chair, 2025, BELU, "Sekarang.")):
        with pytest.raises(InvalidInput, match="Provinsi sedang memverifikasi siklus 2025"):
            attempt()

    set_province_points(ntt_engine, ntt, int(first.answer_id), float(first.verified_points))
    counts = round_trip_counts(province_queue(ntt_engine, ntt, BELU, 2025))
    assert (counts["returns"], counts["fixes"], counts["rechecks"]) == (1 + 2, 1, 1)  # the demo's own return counts
    assert counts["awaiting_city"] == 2 and counts["awaiting_recheck"] == 0

    # a strict return after its date is refused; a lenient one is taken and flagged late
    with clock.clock_at(clock.now() + timedelta(days=8)):
        with pytest.raises(InvalidInput, match="jawaban terlambat ditolak"):
            send_back_to_province(ntt_engine, chair, int(second.answer_id), "Notulen diunggah.")
    actions = [r.action for r in audit_of(ntt_engine) if r.action.startswith(("answer.province", "evidence."))]
    assert actions == ["answer.province_return", "answer.province_return", "evidence.upload",
                       "answer.province_fix", "answer.province_recheck"]


def test_a_late_answer_is_flagged_and_a_corrected_value_moves_the_citys_points(ntt_engine, ntt):
    queue = province_queue(ntt_engine, ntt, BELU, 2025)
    row = queue[(queue["province_state"] == "open") & (queue["answer"] == "Ya")].iloc[0]
    return_to_city(ntt_engine, ntt, int(row.answer_id), "Tidak ada buktinya.", clock.today(BELU))
    with clock.clock_at(clock.now() + timedelta(days=3)):
        send_back_to_province(ntt_engine, account(ntt_engine, "ketua.belu"), int(row.answer_id),
                              "Memang belum ada; dijawab Tidak.", AnswerValue(bool_value=False))
    fixed = answer_row(ntt_engine, int(row.answer_id))
    assert (fixed.province_fix_late, fixed.bool_value, fixed.self_points, fixed.verified_points) == (True, False, 0, 0)
    assert audit_of(ntt_engine, "answer.province_fix")[-1].details["late"] is True


def test_bulk_confirm_filters_next_unchecked_and_finishing(ntt_engine, ntt):
    queue = province_queue(ntt_engine, ntt, BELU, 2025)
    unchecked = queue_filter(queue, unchecked_only=True)
    missing = queue_filter(queue, evidence="missing", unchecked_only=True)
    assert not unchecked.empty and set(unchecked["province_state"]) <= {"open", "answered"}
    assert (missing["evidence_count"] == 0).all() and missing["evidence_required"].all()
    unit = unchecked.iloc[0].unit_short_name
    assert set(queue_filter(queue, unit=unit)["unit_short_name"]) == {unit}
    first = next_unchecked(queue)
    assert next_unchecked(queue, after=first) != first

    confirmed = confirm_with_evidence(ntt_engine, ntt, BELU, 2025)
    assert confirmed == len(unchecked) - len(missing) - (unchecked["province_state"] == "answered").sum()
    left = province_queue(ntt_engine, ntt, BELU, 2025)
    assert set(queue_filter(left, unchecked_only=True)["answer_id"]) == set(missing["answer_id"])

    chair = account(ntt_engine, "ketua.belu")
    with pytest.raises(InvalidInput, match="Masih ada 1 pengembalian yang belum selesai"):
        finish_verification(ntt_engine, ntt, BELU, 2025)
    returned = left[left["province_state"] == "returned"].iloc[0]
    set_province_points(ntt_engine, ntt, int(returned.answer_id), 0, "Tidak dijawab kota; SK tidak berlaku.")
    counts = finish_verification(ntt_engine, ntt, BELU, 2025)
    assert counts["unchecked"] == len(missing)

    preview = publication_preview(ntt_engine, chair, 2025, BELU)
    province = score_report(ntt_engine, BELU, 2025, "province")
    assert (preview.province_total, preview.province_predikat_name, preview.province_done) == (
        pytest.approx(province["total"], abs=0.01), province["predikat"], True)
    before = state(ntt_engine)
    with pytest.raises(InvalidInput, match="sudah dinyatakan selesai"):
        set_province_points(ntt_engine, ntt, int(missing.iloc[0].answer_id), 0, "terlambat")
    assert state(ntt_engine) == before
    cycle_admin.publish_cycle(ntt_engine, chair, 2025, BELU, "Verifikasi provinsi selesai.")
    with pytest.raises(InvalidInput, match="sudah dipublikasikan"):
        province_queue(ntt_engine, ntt, BELU, 2025)
    assert province_regions(ntt_engine, ntt) == []


def test_the_windows_hold_for_the_province(ntt_engine, ntt):
    """A published cycle, an open one (and its drafts' evidence), another province: refused, nothing changed."""
    create_user(ntt_engine, COMMAND_LINE, "provinsi.ntb", "Verifikator NTB", "rahasia-ntb-2025", "province", "52")
    ntb = account(ntt_engine, "provinsi.ntb")
    with unit_of_work(ntt_engine) as session:
        published = session.scalar(select(Answer.id).join(EvaluationCycle).where(
            EvaluationCycle.published.is_(True), Answer.status == "verified").order_by(Answer.id).limit(1))
        draft = session.scalar(select(Answer.id).join(EvaluationCycle).where(
            EvaluationCycle.status == "open", Answer.status == "draft").order_by(Answer.id).limit(1))
    belu_row = province_queue(ntt_engine, ntt, BELU, 2025).iloc[0]
    opd = account(ntt_engine, "opd.dp3a")
    sheet = entry_sheet(ntt_engine, opd).rows
    draft_file = upload_evidence(ntt_engine, opd, sheet[sheet["editable"]].iloc[0].question_code, "draf.pdf",
                                 pdf("Draf SK")).id
    before = state(ntt_engine)
    with pytest.raises(InvalidInput, match="sudah dipublikasikan"):
        province_queue(ntt_engine, ntt, "53.71", 2024)
    with pytest.raises(InvalidInput, match="sudah dipublikasikan"):
        set_province_points(ntt_engine, ntt, published, 0, "Bukti tidak ada.")
    with pytest.raises(InvalidInput, match="belum ditutup"):
        province_queue(ntt_engine, ntt, "53.71", 2025)
    with pytest.raises(InvalidInput, match="belum ditutup"):
        return_to_city(ntt_engine, ntt, draft, "Lengkapi.", clock.today(BELU))
    with pytest.raises(PermissionDenied, match="bukan kabupaten/kota provinsi Anda"):
        province_queue(ntt_engine, ntb, BELU, 2025)
    with pytest.raises(PermissionDenied, match="bukan kabupaten/kota provinsi Anda"):
        set_province_points(ntt_engine, ntb, int(belu_row.answer_id), 0, "alasan")
    for username in ("ketua", "ketua.belu", "anggota", "sekretariat", "opd.jdih"):
        with pytest.raises(PermissionDenied):
            set_province_points(ntt_engine, account(ntt_engine, username), int(belu_row.answer_id), 0, "alasan")
    with pytest.raises(PermissionDenied, match="di luar verifikasi administrasi provinsi"):
        download_evidence(ntt_engine, ntt, draft_file)
    assert state(ntt_engine) == before
    assert province_regions(ntt_engine, ntb) == []


def test_the_meeting_report_carries_the_provinces_reading(ntt_engine, ntt):
    import io

    from pypdf import PdfReader

    from data.files.report_charts import readings_bars_png
    from data.services.scoring.reports import build_report

    queue = province_queue(ntt_engine, ntt, BELU, 2025)
    row = queue[(queue["province_state"] == "open") & (queue["verified_points"] > 0)].iloc[0]
    set_province_points(ntt_engine, ntt, int(row.answer_id), 0, "Perda tidak dilampirkan; hanya draf.")
    content = build_report(ntt_engine, COMMAND_LINE, BELU, 2025, "pdf", group_chart=readings_bars_png)
    text = "\n".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(content)).pages)
    province = score_report(ntt_engine, BELU, 2025, "province")
    assert f"Nilai verifikasi provinsi {province['total']:.2f} ({province['predikat']};".replace(".", ",") in text
    assert "Verifikasi administrasi provinsi" in text and "Perda tidak dilampirkan; hanya draf." in text
    with pytest.raises(InvalidInput, match="Laporan rapat memakai dasar 'verified' atau 'self'"):
        build_report(ntt_engine, COMMAND_LINE, BELU, 2025, "pdf", basis="province")


def test_the_three_readings_are_refused_outside_the_region_and_its_province(ntt_engine):
    create_user(ntt_engine, COMMAND_LINE, "provinsi.ntb", "Verifikator NTB", "rahasia-ntb-2025", "province", "52")
    with pytest.raises(PermissionDenied, match="bukan kabupaten/kota provinsi Anda"):
        three_readings(ntt_engine, account(ntt_engine, "provinsi.ntb"), BELU, 2025)
    with pytest.raises(PermissionDenied):
        three_readings(ntt_engine, account(ntt_engine, "opd.dinkes"), BELU, 2025)
