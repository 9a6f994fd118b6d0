"""The review workflow (data/services/review.py): queue, verify, verify several, return, reopen;
permissions, bad input, closed cycles, other regions and two reviewers at once."""
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select, update

from data.answer_store import guarded_update
from data.db import current_data_version, unit_of_work
from data.errors import DomainError, InvalidInput, NotFound, PermissionDenied, StaleAnswer
from data.models import CITY_UNIT_KIND, Answer, EvaluationCycle, EvidenceFile, Question, ReportingUnit, Target, User
from data.services.entry.evidence import download_evidence
from data.services.review import review
from data.services.review.cycle_admin import close_cycle
from data.services.scoring.scores import score_report
from review_fixtures import account, answer_row, answers_with, audit_of, events_of, question_of, second_region, snapshot


@pytest.fixture
def chair(seeded_engine):
    return account(seeded_engine, "ketua")


@pytest.fixture
def member(seeded_engine):
    return account(seeded_engine, "anggota")


@pytest.fixture
def submitted(seeded_engine):
    return answers_with(seeded_engine, "submitted")


# --- the queue --------------------------------------------------------------------------------------

def submitted_in_2025(engine) -> int:
    """The submitted answers of the open cycle a reviewer reads: the OPDs' and each kecamatan's and
    kelurahan's own, never the city's answer derived from theirs."""
    with unit_of_work(engine) as session:
        return session.scalar(
            select(func.count()).select_from(Answer).join(EvaluationCycle, Answer.cycle_id == EvaluationCycle.id)
            .join(Question, Answer.question_id == Question.id)
            .join(ReportingUnit, Answer.reporting_unit_id == ReportingUnit.id)
            .where(EvaluationCycle.year == 2025, Answer.status == "submitted",
                   Question.derivation.is_(None) | (ReportingUnit.kind != CITY_UNIT_KIND)))


def test_queue_lists_the_submitted_answers_with_what_a_reviewer_needs(seeded_engine, member, submitted):
    queue = review.review_queue(seeded_engine, member)
    assert (queue.region_code, queue.cycle_year, queue.cycle_status) == ("53.71", 2025, "open")
    assert queue.may_review and not queue.may_reopen
    rows = queue.rows
    assert len(rows) == queue.total == submitted_in_2025(seeded_engine) and set(rows["status"]) == {"submitted"}
    assert {a.id for a in submitted} <= set(rows["answer_id"])
    assert rows["answer"].str.len().gt(0).all()
    assert rows["previous_answer"].str.len().gt(0).any()  # last cycle's answer of the same unit
    assert (rows["self_points"] >= 0).all() and (rows["self_points"] <= rows["max_points"]).all()
    assert rows["note"].str.startswith("Data ").any()
    assert queue.years == [2025, 2024, 2023, 2022]


def test_queue_shows_evidence_target_and_plausibility_and_filters(seeded_engine, chair, submitted):
    first = submitted[0]
    with unit_of_work(seeded_engine) as session:
        session.add(EvidenceFile(answer_id=first.id, filename="sk_gugus_tugas.pdf", content_type="application/pdf",
                                 size_bytes=4, sha256="a" * 64, content=b"%PDF"))
        session.add(EvidenceFile(answer_id=first.id, filename="lama.pdf", content_type="application/pdf",
                                 size_bytes=4, sha256="b" * 64, content=b"%PDF", superseded=True))
        cycle_id = session.get(Answer, first.id).cycle_id
        session.add(Target(region_id=first.region_id, cycle_id=cycle_id, question_id=first.question_id,
                           target_points=3.0, note="RPJMD 2025"))
        # A percentage answer that jumped far from last cycle's gets the plausibility flag.
        percentage = session.scalar(select(Answer).join(Question, Answer.question_id == Question.id)
                                    .where(Answer.cycle_id == cycle_id, Answer.status == "submitted",
                                           Question.answer_type == "percentage").order_by(Answer.id))
        previous = session.scalar(select(Answer).join(EvaluationCycle, Answer.cycle_id == EvaluationCycle.id)
                                  .where(EvaluationCycle.year == 2024, Answer.question_id == percentage.question_id,
                                         Answer.reporting_unit_id == percentage.reporting_unit_id))
        before = previous.numerator / previous.denominator
        percentage.numerator = 0.0 if before > 0.5 else percentage.denominator
        flagged_id = percentage.id

    queue = review.review_queue(seeded_engine, chair)
    row = queue.rows.set_index("answer_id").loc[first.id]
    assert [f["filename"] for f in row["evidence"]] == ["sk_gugus_tugas.pdf"] and row["evidence_count"] == 1
    assert "3 poin" in row["target"] and "RPJMD 2025" in row["target"]
    flagged = review.review_queue(seeded_engine, chair, filters=review.ReviewFilters(flagged_only=True))
    assert list(flagged.rows["answer_id"]) == [flagged_id]
    assert "poin persen" in flagged.rows["plausibility"].iloc[0]

    unit = queue.rows["unit_short_name"].iloc[0]
    by_unit = review.review_queue(seeded_engine, chair, filters=review.ReviewFilters(units=(unit,)))
    assert set(by_unit.rows["unit_short_name"]) == {unit} and by_unit.total == queue.total
    by_group = review.review_queue(seeded_engine, chair, filters=review.ReviewFilters(groups=("KLASTER_III",)))
    assert set(by_group.rows["group_code"]) == {"KLASTER_III"} and 0 < len(by_group.rows) < queue.total
    verified = review.review_queue(seeded_engine, chair, filters=review.ReviewFilters(statuses=("verified",)))
    assert set(verified.rows["status"]) == {"verified"} and verified.rows["verified_by"].notna().all()


def test_who_reads_the_queue(seeded_engine):
    secretariat = review.review_queue(seeded_engine, account(seeded_engine, "sekretariat"))
    assert not secretariat.may_review and len(secretariat.rows) == submitted_in_2025(seeded_engine)
    with pytest.raises(PermissionDenied):
        review.review_queue(seeded_engine, account(seeded_engine, "opd.dinkes"))
    admin = account(seeded_engine, "admin")
    with pytest.raises(NotFound):
        review.review_queue(seeded_engine, admin)  # the admin names the region
    assert review.review_queue(seeded_engine, admin, region_code="53.71").may_review
    second_region(seeded_engine)
    with pytest.raises(PermissionDenied):
        review.review_queue(seeded_engine, account(seeded_engine, "anggota.kab"), region_code="53.71")
    own = review.review_queue(seeded_engine, account(seeded_engine, "anggota.kab"))
    assert own.region_code == "53.01" and len(own.rows) == 1


def test_closed_cycle_queue_is_read_only(seeded_engine, chair):
    queue = review.review_queue(seeded_engine, chair, year=2024, filters=review.ReviewFilters(statuses=("verified",)))
    assert queue.cycle_status == "closed" and not queue.may_review and not queue.may_reopen
    assert len(queue.rows) > 200


# --- verify -----------------------------------------------------------------------------------------

def test_verify_at_the_self_assessed_points(seeded_engine, member, submitted):
    answer = max(submitted, key=lambda a: a.self_points)
    before_score = score_report(seeded_engine, "53.71", 2025)["total"]
    before_version = current_data_version(seeded_engine, "53.71")
    result = review.verify(seeded_engine, member, answer.id, answer.version)
    after = answer_row(seeded_engine, answer.id)
    assert (after.status, after.verified_points, after.version) == ("verified", answer.self_points, answer.version + 1)
    assert after.verified_by_id == member.id and after.verified_at is not None and after.verified_reason is None
    assert after.updated_by_id == member.id
    assert result.status == "verified" and result.version == after.version
    [event] = [e for e in events_of(seeded_engine, answer.id) if e.action == "verify"]
    assert (event.from_status, event.to_status, event.points, event.actor_id) == (
        "submitted", "verified", answer.self_points, member.id)
    [row] = [r for r in audit_of(seeded_engine, "answer.verify") if r.entity_id == str(answer.id)]
    assert row.entity == "answer" and row.actor_id == member.id and row.region_id == answer.region_id
    assert row.details["old"]["status"] == "submitted" and row.details["new"]["verified_points"] == answer.self_points
    assert row.details["question"] == question_of(seeded_engine, answer).code and row.details["unit"]
    assert current_data_version(seeded_engine, "53.71") == before_version + 1
    assert score_report(seeded_engine, "53.71", 2025)["total"] == pytest.approx(before_score + answer.self_points)


def test_verify_with_other_points_needs_a_reason(seeded_engine, chair, submitted):
    answer = max(submitted, key=lambda a: a.self_points)
    lower = answer.self_points / 2
    before = snapshot(seeded_engine)
    with pytest.raises(InvalidInput, match="tuliskan alasannya"):
        review.verify(seeded_engine, chair, answer.id, answer.version, points=lower, reason="   ")
    assert snapshot(seeded_engine) == before
    review.verify(seeded_engine, chair, answer.id, answer.version, points=lower,
                  reason="Bukti hanya untuk tiga dari enam kecamatan.")
    after = answer_row(seeded_engine, answer.id)
    assert after.verified_points == lower and after.verified_reason == "Bukti hanya untuk tiga dari enam kecamatan."
    [row] = [r for r in audit_of(seeded_engine, "answer.verify") if r.entity_id == str(answer.id)]
    assert row.details["reason"] == "Bukti hanya untuk tiga dari enam kecamatan."
    assert row.details["self_points"] == answer.self_points


def test_verify_may_raise_points_up_to_the_maximum(seeded_engine, chair, submitted):
    answer = min((a for a in submitted if question_of(seeded_engine, a).answered_by == "city"),
                 key=lambda a: a.self_points)
    maximum = question_of(seeded_engine, answer).max_points
    review.verify(seeded_engine, chair, answer.id, answer.version, points=maximum, reason="Perda sudah terbit.")
    assert answer_row(seeded_engine, answer.id).verified_points == maximum


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(points=st.one_of(st.floats(max_value=-1e-6), st.floats(min_value=1000.0001),
                        st.sampled_from([math.nan, math.inf, -math.inf, "5", True, "tiga"])))
def test_points_outside_zero_to_maximum_are_refused(seeded_engine, chair, submitted, points):
    answer = submitted[0]
    before = snapshot(seeded_engine)
    with pytest.raises(InvalidInput) as refused:
        review.verify(seeded_engine, chair, answer.id, answer.version, points=points, reason="alasan")
    assert question_of(seeded_engine, answer).code in refused.value.message
    assert snapshot(seeded_engine) == before


def test_points_just_above_the_question_maximum_are_refused(seeded_engine, chair, submitted):
    answer = submitted[0]
    maximum = question_of(seeded_engine, answer).max_points
    with pytest.raises(InvalidInput, match="antara 0 dan"):
        review.verify(seeded_engine, chair, answer.id, answer.version, points=maximum + 0.25, reason="alasan")


@pytest.mark.parametrize("status", ["draft", "returned", "verified"])
def test_only_submitted_answers_are_verified_or_returned(seeded_engine, chair, status):
    answer = answers_with(seeded_engine, status)[0]
    before = snapshot(seeded_engine)
    with pytest.raises(InvalidInput, match="hanya jawaban berstatus diajukan"):
        review.verify(seeded_engine, chair, answer.id, answer.version)
    with pytest.raises(InvalidInput, match="hanya jawaban berstatus diajukan"):
        review.return_answer(seeded_engine, chair, answer.id, answer.version, "Mohon perbaiki.")
    assert snapshot(seeded_engine) == before


def test_who_may_verify(seeded_engine, submitted):
    answer = submitted[0]
    before = snapshot(seeded_engine)
    for username in ("sekretariat", "opd.dinkes"):
        with pytest.raises(PermissionDenied):
            review.verify(seeded_engine, account(seeded_engine, username), answer.id, answer.version)
        with pytest.raises(PermissionDenied):
            review.return_answer(seeded_engine, account(seeded_engine, username), answer.id, answer.version, "x")
    assert snapshot(seeded_engine) == before
    review.verify(seeded_engine, account(seeded_engine, "admin"), answer.id, answer.version)
    assert answer_row(seeded_engine, answer.id).status == "verified"


def test_a_deactivated_reviewer_is_refused(seeded_engine, member, submitted):
    with unit_of_work(seeded_engine) as session:
        session.execute(update(User).where(User.id == member.id).values(active=False))
    with pytest.raises(PermissionDenied, match="dinonaktifkan"):
        review.verify(seeded_engine, member, submitted[0].id, submitted[0].version)


def test_nobody_reviews_another_region(seeded_engine, chair):
    other = second_region(seeded_engine)
    own_answer = answers_with(seeded_engine, "submitted")[0]
    before = snapshot(seeded_engine)
    with pytest.raises(PermissionDenied, match="wilayah Anda sendiri"):
        review.verify(seeded_engine, chair, other["answer_id"], other["answer_version"])
    with pytest.raises(PermissionDenied, match="wilayah Anda sendiri"):
        review.return_answer(seeded_engine, chair, other["answer_id"], other["answer_version"], "Salah.")
    outsider = account(seeded_engine, "ketua.kab")
    with pytest.raises(PermissionDenied):
        review.verify(seeded_engine, outsider, own_answer.id, own_answer.version)
    with pytest.raises(PermissionDenied):
        review.verify_many(seeded_engine, outsider, [(own_answer.id, own_answer.version)])
    assert snapshot(seeded_engine) == before
    review.verify(seeded_engine, account(seeded_engine, "anggota.kab"), other["answer_id"], other["answer_version"],
                  reason="SK dilihat langsung di kantor DP3A.")


def test_nothing_is_reviewed_on_a_closed_cycle(seeded_engine, chair, submitted):
    answer = submitted[0]
    close_cycle(seeded_engine, chair, 2025)
    before = snapshot(seeded_engine)
    with pytest.raises(DomainError, match="sudah ditutup"):
        review.verify(seeded_engine, chair, answer.id, answer.version)
    with pytest.raises(DomainError, match="sudah ditutup"):
        review.return_answer(seeded_engine, chair, answer.id, answer.version, "Mohon perbaiki.")
    verified_2024 = answers_with(seeded_engine, "verified", year=2024)[0]
    with pytest.raises(DomainError, match="sudah ditutup"):
        review.reopen(seeded_engine, chair, verified_2024.id, verified_2024.version, "Salah hitung.")
    assert snapshot(seeded_engine) == before


def test_unknown_answer(seeded_engine, chair):
    with pytest.raises(NotFound):
        review.verify(seeded_engine, chair, 10**9, 1)


# --- two reviewers at once --------------------------------------------------------------------------

def test_the_second_of_two_reviewers_is_refused_with_who_and_when(seeded_engine, chair, member, submitted):
    answer = submitted[0]
    seen = answer.version  # both reviewers loaded the queue at this version
    review.verify(seeded_engine, member, answer.id, seen)
    before = snapshot(seeded_engine)
    with pytest.raises(StaleAnswer) as refused:
        review.return_answer(seeded_engine, chair, answer.id, seen, "Mohon lampirkan SK.")
    assert refused.value.changed_by == "Anggota Gugus Tugas KLA"
    assert refused.value.changed_at == answer_row(seeded_engine, answer.id).verified_at
    message = refused.value.message
    assert "Anggota Gugus Tugas KLA" in message and "WITA; perubahan Anda belum disimpan" in message
    with pytest.raises(StaleAnswer):
        review.verify(seeded_engine, chair, answer.id, seen, points=0.0, reason="Tidak ada bukti.")
    assert snapshot(seeded_engine) == before


def test_the_version_guard_holds_when_another_process_writes_between_read_and_update(seeded_engine, member,
                                                                                  submitted):
    answer = submitted[0]
    review.verify(seeded_engine, member, answer.id, answer.version)  # another process commits first
    with unit_of_work(seeded_engine) as session:
        mine = session.get(Answer, answer.id)
        with pytest.raises(StaleAnswer) as refused:  # we still name the version we read before
            guarded_update(session, mine, answer.version, status="returned", return_reason="x")
        assert refused.value.changed_by == "Anggota Gugus Tugas KLA"
    after = answer_row(seeded_engine, answer.id)
    assert (after.status, after.version) == ("verified", answer.version + 1)


# --- verify several ---------------------------------------------------------------------------------

def test_verify_many_verifies_all_at_their_self_points(seeded_engine, chair, submitted):
    before_version = current_data_version(seeded_engine, "53.71")
    results = review.verify_many(seeded_engine, chair, [(a.id, a.version) for a in submitted])
    assert [r.answer_id for r in results] == [a.id for a in submitted]
    for answer in submitted:
        after = answer_row(seeded_engine, answer.id)
        assert (after.status, after.verified_points) == ("verified", answer.self_points)
        assert [e.action for e in events_of(seeded_engine, answer.id)][-1] == "verify"
    assert {r.entity_id for r in audit_of(seeded_engine, "answer.verify")} == {str(a.id) for a in submitted}
    assert current_data_version(seeded_engine, "53.71") == before_version + 1


def test_verify_many_is_all_or_nothing(seeded_engine, chair, member, submitted):
    draft = answers_with(seeded_engine, "draft")[0]
    before = snapshot(seeded_engine)
    with pytest.raises(InvalidInput) as refused:
        review.verify_many(seeded_engine, chair, [(a.id, a.version) for a in submitted] + [(draft.id, draft.version)])
    assert "Tidak ada jawaban yang diverifikasi" in refused.value.message
    assert snapshot(seeded_engine) == before
    review.verify(seeded_engine, member, submitted[-1].id, submitted[-1].version)
    before = snapshot(seeded_engine)
    with pytest.raises(StaleAnswer):
        review.verify_many(seeded_engine, chair, [(a.id, a.version) for a in submitted])
    assert snapshot(seeded_engine) == before
    with pytest.raises(InvalidInput, match="Pilih minimal satu"):
        review.verify_many(seeded_engine, chair, [])


# --- return -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("reason", ["", "   \n ", None, "x" * 2001])
def test_return_needs_a_reason(seeded_engine, member, submitted, reason):
    answer = submitted[0]
    before = snapshot(seeded_engine)
    with pytest.raises(InvalidInput):
        review.return_answer(seeded_engine, member, answer.id, answer.version, reason)
    assert snapshot(seeded_engine) == before


def test_return_keeps_the_reason_for_the_unit(seeded_engine, member, submitted):
    answer = submitted[0]
    review.return_answer(seeded_engine, member, answer.id, answer.version, "  Lampirkan SK yang ditandatangani.  ")
    after = answer_row(seeded_engine, answer.id)
    assert (after.status, after.return_reason, after.version) == (
        "returned", "Lampirkan SK yang ditandatangani.", answer.version + 1)
    [event] = [e for e in events_of(seeded_engine, answer.id) if e.action == "return"]
    assert (event.from_status, event.to_status, event.reason) == ("submitted", "returned",
                                                                 "Lampirkan SK yang ditandatangani.")
    [row] = [r for r in audit_of(seeded_engine, "answer.return") if r.entity_id == str(answer.id)]
    assert row.details["reason"] == "Lampirkan SK yang ditandatangani." and row.details["new"]["status"] == "returned"


# --- reopen -----------------------------------------------------------------------------------------

def test_only_the_chair_reopens_a_verified_answer_with_a_reason(seeded_engine, chair, member):
    answer = answers_with(seeded_engine, "verified")[0]
    before = snapshot(seeded_engine)
    for actor in (member, account(seeded_engine, "admin"), account(seeded_engine, "sekretariat")):
        with pytest.raises(PermissionDenied, match="Ketua"):
            review.reopen(seeded_engine, actor, answer.id, answer.version, "Salah hitung.")
    with pytest.raises(InvalidInput, match="alasan"):
        review.reopen(seeded_engine, chair, answer.id, answer.version, " ")
    submitted = answers_with(seeded_engine, "submitted")[0]
    with pytest.raises(InvalidInput, match="terverifikasi"):
        review.reopen(seeded_engine, chair, submitted.id, submitted.version, "Salah hitung.")
    assert snapshot(seeded_engine) == before


def test_reopen_puts_the_answer_back_in_the_queue_and_out_of_the_verified_score(seeded_engine, chair):
    answer = max(answers_with(seeded_engine, "verified", limit=50), key=lambda a: a.verified_points)
    before_score = score_report(seeded_engine, "53.71", 2025)["total"]
    review.reopen(seeded_engine, chair, answer.id, answer.version, "Dokumen SK ternyata untuk tahun 2023.")
    after = answer_row(seeded_engine, answer.id)
    assert (after.status, after.verified_points, after.verified_by_id, after.version) == (
        "submitted", None, None, answer.version + 1)
    assert score_report(seeded_engine, "53.71", 2025)["total"] == pytest.approx(before_score - answer.verified_points)
    event = events_of(seeded_engine, answer.id)[-1]
    assert (event.action, event.from_status, event.to_status, event.points) == (
        "reopen", "verified", "submitted", answer.verified_points)
    [row] = [r for r in audit_of(seeded_engine, "answer.reopen") if r.entity_id == str(answer.id)]
    assert row.details["old"]["verified_points"] == answer.verified_points
    assert row.details["reason"] == "Dokumen SK ternyata untuk tahun 2023."
    assert answer.id in set(review.review_queue(seeded_engine, chair).rows["answer_id"])
    review.return_answer(seeded_engine, chair, answer.id, after.version, "Lampirkan SK tahun 2025.")
    assert answer_row(seeded_engine, answer.id).status == "returned"


# --- evidence and history ---------------------------------------------------------------------------

def test_reviewers_download_evidence_of_their_region_only(seeded_engine, chair, submitted):
    with unit_of_work(seeded_engine) as session:
        evidence = EvidenceFile(answer_id=submitted[0].id, filename="perda.pdf", content_type="application/pdf",
                                size_bytes=8, sha256="c" * 64, content=b"%PDF-1.7")
        session.add(evidence)
        session.flush()
        evidence_id = evidence.id
    [listed] = review.review_queue(seeded_engine, chair).rows.set_index("answer_id").loc[submitted[0].id, "evidence"]
    assert listed["id"] == evidence_id
    # The page downloads through the entry helper's evidence service, which checks the region too.
    assert download_evidence(seeded_engine, chair, evidence_id) == ("perda.pdf", "application/pdf", b"%PDF-1.7")
    second_region(seeded_engine)
    with pytest.raises(PermissionDenied):
        download_evidence(seeded_engine, account(seeded_engine, "anggota.kab"), evidence_id)


def test_the_answer_history_lists_every_review_action(seeded_engine, chair, member, submitted):
    from data.models import ReportingUnit
    from data.services.entry.history import answer_history

    answer = submitted[0]
    review.verify(seeded_engine, member, answer.id, answer.version)
    review.reopen(seeded_engine, chair, answer.id, answer.version + 1, "Cek ulang.")
    with unit_of_work(seeded_engine) as session:
        unit = session.get(ReportingUnit, answer.reporting_unit_id).short_name
    history = answer_history(seeded_engine, chair, question_of(seeded_engine, answer).code, 2025, unit)
    assert [(row["action"], row["who"]) for row in history] == [
        ("answer.verify", "Anggota Gugus Tugas KLA"),
        ("answer.reopen", "Ketua Gugus Tugas KLA (Kepala Bappeda)"),
    ]
    assert history[-1]["reason"] == "Cek ulang."


def test_full_points_without_the_evidence_asked_for_need_a_reason(seeded_engine, chair):
    answer, other = answers_with(seeded_engine, "submitted", evidence_required=True, limit=2)
    question = question_of(seeded_engine, answer)
    before = snapshot(seeded_engine)
    with pytest.raises(InvalidInput) as refused:
        review.verify(seeded_engine, chair, answer.id, answer.version)
    assert refused.value.messages == [
        f"Pertanyaan {question.code}: bukti dukung yang diminta pertanyaan ini belum dilampirkan; verifikasi dengan "
        "0 poin, kembalikan kepada unit, atau tuliskan alasan memberi poin tanpa bukti."]
    with pytest.raises(InvalidInput, match="Tidak ada jawaban yang diverifikasi"):
        review.verify_many(seeded_engine, chair, [(answer.id, answer.version), (other.id, other.version)])
    assert snapshot(seeded_engine) == before
    review.verify(seeded_engine, chair, answer.id, answer.version, points=0, reason="Tidak ada bukti.")
    assert answer_row(seeded_engine, answer.id).verified_points == 0
    review.verify(seeded_engine, chair, other.id, other.version, reason="SK asli diperlihatkan dalam rapat.")
    assert answer_row(seeded_engine, other.id).verified_points == other.self_points
