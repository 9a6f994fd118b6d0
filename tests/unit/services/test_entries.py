"""Data entry services (data/services/entry/) on a copy of the seeded demo database: the
sheet, drafts, submitting, permissions, the optimistic lock, history and co-answers."""
import hashlib
from datetime import UTC, datetime, timedelta

import pandas as pd
import pytest
from sqlalchemy import func, select

import evidence_samples as samples
from data.actor import signed_in_user
from data.db import current_data_version, unit_of_work
from data.errors import InvalidInput, NotFound, PermissionDenied, StaleAnswer
from data.models import (
    Answer,
    AuditLog,
    EvaluationCycle,
    EvidenceFile,
    Question,
    Region,
    ReportingUnit,
    ReviewEvent,
    User,
)
from data.services.accounts.auth import authenticate, hash_password
from data.services.entry.answers import AnswerChange, save_answers, save_draft, submit_answers
from data.services.entry.history import answer_history, co_answers
from data.services.entry.sheet import ROW_COLUMNS, entry_sheet, entry_years
from data.services.review import review
from indicators.answers import NOTE_MAX_CHARS, AnswerValue
from indicators.derivation import is_derived, unit_kind
from seed.kupang import DEMO_PASSWORD

CONTRACT_COLUMNS = [
    "question_code", "group_code", "indicator_code", "answer_type", "max_points", "evidence_required",
    "answer_id", "status", "bool_value", "choice_code", "numerator", "denominator", "count_value", "note",
    "version", "self_points", "return_reason", "updated_at", "updated_by", "previous_bool_value",
    "previous_choice_code", "previous_numerator", "previous_denominator", "previous_count_value",
    "evidence_count",
]


def sign_in(engine, username):
    return authenticate(engine, username, DEMO_PASSWORD)


@pytest.fixture
def dp3a(seeded_engine):
    return sign_in(seeded_engine, "opd.dp3a")


@pytest.fixture
def audit_rows_of(seeded_engine):
    """Audit rows of one action in the seeded database, oldest first."""
    def rows(action):
        with unit_of_work(seeded_engine) as session:
            return list(session.scalars(select(AuditLog).where(AuditLog.action == action).order_by(AuditLog.id)))
    return rows


def row(engine, user, code, year=None):
    rows = entry_sheet(engine, user, year).rows
    return rows[rows["question_code"] == code].iloc[0]


def answer_of(engine, code, unit="dp3a", year=2025) -> Answer | None:
    with unit_of_work(engine) as session:
        return session.scalar(
            select(Answer).join(Question, Answer.question_id == Question.id)
            .join(ReportingUnit, Answer.reporting_unit_id == ReportingUnit.id)
            .join(EvaluationCycle, Answer.cycle_id == EvaluationCycle.id)
            .where(Question.code == code, ReportingUnit.short_name == unit, EvaluationCycle.year == year))


def attach_evidence(engine, answer_id, user_id):
    content = samples.pdf("bukti")
    with unit_of_work(engine) as session:
        session.add(EvidenceFile(answer_id=answer_id, filename="bukti.pdf", content_type="application/pdf",
                                 size_bytes=len(content), sha256=hashlib.sha256(content).hexdigest(),
                                 content=content, uploaded_by_id=user_id))


def count(engine, model) -> int:
    with unit_of_work(engine) as session:
        return session.scalar(select(func.count()).select_from(model))


def second_dp3a_user(engine):
    with unit_of_work(engine) as session:
        dp3a = session.scalar(select(User).where(User.username == "opd.dp3a"))
        user = User(username="opd.dp3a.kedua", display_name="Operator Kedua DP3A",
                    password_hash=hash_password("x" * 10),
                    role="opd", region_id=dp3a.region_id, reporting_unit_id=dp3a.reporting_unit_id)
        session.add(user)
        session.flush()
        return signed_in_user(user)


# ------------------------------------------------------------------------------------ the sheet

def test_sheet_lists_only_the_units_assigned_questions_in_catalog_order(seeded_engine, dp3a, pinned_clock):
    sheet = entry_sheet(seeded_engine, dp3a)
    assert (sheet.cycle_year, sheet.cycle_status, sheet.unit_short_name, sheet.region_code) == (
        2025, "open", "dp3a", "53.71")
    assert sheet.previous_cycle_year == 2024 and sheet.deadline == pinned_clock + timedelta(days=11)
    rows = sheet.rows
    assert set(CONTRACT_COLUMNS) <= set(rows.columns) and list(rows.columns) == ROW_COLUMNS
    # the city's answer to a question every kecamatan or kelurahan answers is derived, not DP3A's to fill
    assigned = [q.code for q in sheet.catalog.questions if "dp3a" in q.data_sources and not is_derived(q)]
    assert list(rows["question_code"]) == assigned
    assert sum(sheet.counts().values()) == len(rows) == len(assigned)
    assert set(rows["status"]) <= {"not_started", "draft", "submitted", "returned", "verified"}
    percentage = rows[rows["question_code"] == "26.11"].iloc[0]
    assert (percentage["previous_numerator"], percentage["previous_denominator"]) == (50.0, 51.0)
    assert percentage["previous_display"] == "50 dari 51 (98,0%)"
    returned = rows[rows["status"] == "returned"]
    assert returned["return_reason"].notna().all()
    assert not rows.loc[rows["status"].isin(["submitted", "verified"]), "editable"].any()


def test_sheet_of_a_closed_cycle_is_read_only(seeded_engine, dp3a):
    sheet = entry_sheet(seeded_engine, dp3a, 2024)
    assert sheet.cycle_status == "closed" and not sheet.rows["editable"].any() and not sheet.open
    assert entry_years(seeded_engine, dp3a) == [(2025, "open"), (2024, "closed"), (2023, "closed"), (2022, "closed")]


@pytest.mark.parametrize("username", ["ketua", "anggota", "sekretariat", "admin"])
def test_only_unit_roles_have_an_entry_sheet(seeded_engine, username):
    with pytest.raises(PermissionDenied, match="Hanya petugas OPD, kecamatan atau kelurahan"):
        entry_sheet(seeded_engine, sign_in(seeded_engine, username))


def test_a_kecamatan_user_answers_only_the_kecamatan_questions(seeded_engine):
    actor = sign_in(seeded_engine, "kec.oebobo")  # the demo's focal point of Kecamatan Oebobo
    sheet = entry_sheet(seeded_engine, actor)
    asked = [q.code for q in sheet.catalog.questions if unit_kind(q) == "kecamatan"]
    assert asked and list(sheet.rows["question_code"]) == asked and sheet.unit_kind == "kecamatan"
    editable = sheet.rows[sheet.rows["editable"]].iloc[0]
    code = editable["question_code"]
    assert sheet.catalog.question(code).answer.type == "yes_no"
    version = None if pd.isna(editable["version"]) else int(editable["version"])
    saved = save_draft(seeded_engine, actor, code, AnswerValue(bool_value=True), None, version)
    assert saved.status == "draft" and saved.bool_value is True
    with pytest.raises(PermissionDenied, match="1.1 tidak ditanyakan kepada Kecamatan Oebobo"):
        save_draft(seeded_engine, actor, "1.1", AnswerValue(bool_value=True), None, None)


# ------------------------------------------------------------------------------------- drafts

def test_saving_a_new_answer_creates_a_draft_with_points_audit_and_a_new_data_version(
        seeded_engine, dp3a, audit_rows_of):
    before = current_data_version(seeded_engine, "53.71")
    public_before = current_data_version(seeded_engine, "53.71", public=True)
    assert row(seeded_engine, dp3a, "19.2a")["status"] == "not_started"
    saved = save_draft(seeded_engine, dp3a, "19.2a", AnswerValue(numerator=30, denominator=40),
                       "Data Dinkes 2025", None)
    assert (saved.status, saved.version, saved.numerator, saved.denominator) == ("draft", 1, 30.0, 40.0)
    sheet_row = row(seeded_engine, dp3a, "19.2a")
    assert sheet_row["status"] == "draft" and sheet_row["display_value"] == "30 dari 40 (75,0%)"
    assert sheet_row["updated_by"] == "Operator Dinas Pemberdayaan Perempuan dan Perlindungan Anak (DP3A) Kota Kupang"
    question = entry_sheet(seeded_engine, dp3a).catalog.question("19.2a")
    from indicators.answers import points_for
    assert saved.self_points == pytest.approx(points_for(question, AnswerValue(numerator=30, denominator=40)))
    assert current_data_version(seeded_engine, "53.71") == before + 1
    assert current_data_version(seeded_engine, "53.71", public=True) == public_before  # public pages keep their cache
    [entry] = audit_rows_of("answer.save")
    assert entry.entity == "answer" and entry.entity_id == str(saved.id) and entry.actor_id == dp3a.id
    assert entry.details["question"] == "19.2a" and entry.details["unit"] == "dp3a" and entry.details["old"] is None
    assert entry.details["new"]["display"] == "30 dari 40 (75,0%)" and entry.details["source"] == "page"


def test_updating_needs_the_version_seen_and_increments_it(seeded_engine, dp3a):
    current = row(seeded_engine, dp3a, "2.1")
    assert current["status"] == "draft"
    saved = save_draft(seeded_engine, dp3a, "2.1", AnswerValue(bool_value=False), "Perda belum disahkan",
                       int(current["version"]))
    assert saved.version == current["version"] + 1 and saved.bool_value is False and saved.self_points == 0


def test_a_returned_answer_becomes_a_draft_again_when_saved(seeded_engine, dp3a):
    current = row(seeded_engine, dp3a, "6.5")
    assert current["status"] == "returned"
    saved = save_draft(seeded_engine, dp3a, "6.5", AnswerValue(bool_value=True), "SK diperbarui",
                       int(current["version"]))
    assert saved.status == "draft" and saved.return_reason == current["return_reason"]


def test_saving_the_same_value_again_changes_nothing(seeded_engine, dp3a, audit_rows_of):
    current = row(seeded_engine, dp3a, "2.2")   # submitted: unchanged is not an edit
    version = int(current["version"])
    saved = save_draft(seeded_engine, dp3a, "2.2", AnswerValue(bool_value=current["bool_value"]), current["note"],
                       version)
    assert saved.version == version and saved.status == "submitted" and audit_rows_of("answer.save") == []


def test_the_second_of_two_conflicting_saves_is_refused_with_who_and_when(seeded_engine, dp3a):
    other = second_dp3a_user(seeded_engine)
    version = int(row(seeded_engine, dp3a, "2.3")["version"])
    save_draft(seeded_engine, other, "2.3", AnswerValue(bool_value=False), None, version)
    with pytest.raises(StaleAnswer) as refused:
        save_draft(seeded_engine, dp3a, "2.3", AnswerValue(bool_value=True), None, version)
    assert refused.value.changed_by == "Operator Kedua DP3A"
    assert "sudah diubah oleh Operator Kedua DP3A pada " in refused.value.message and " WITA; " in refused.value.message
    assert answer_of(seeded_engine, "2.3").bool_value is False


def test_two_first_saves_of_the_same_question_one_wins(seeded_engine, dp3a):
    other = second_dp3a_user(seeded_engine)
    save_draft(seeded_engine, other, "1.1", AnswerValue(bool_value=True), None, None)
    with pytest.raises(StaleAnswer, match="Operator Kedua DP3A"):
        save_draft(seeded_engine, dp3a, "1.1", AnswerValue(bool_value=False), None, None)
    assert answer_of(seeded_engine, "1.1").bool_value is True


def test_the_guarded_update_refuses_a_version_that_moved_inside_the_transaction(seeded_engine, dp3a):
    """Two processes that both read version v: the UPDATE ... WHERE version = v lets one win.
    (On SQLite the units of work take turns, so the other one commits before this one begins.)"""
    from data import answer_store
    version = int(row(seeded_engine, dp3a, "2.4")["version"])
    answer_id = int(row(seeded_engine, dp3a, "2.4")["answer_id"])
    with unit_of_work(seeded_engine) as other:   # the other process commits first
        other.get(Answer, answer_id).version = version + 1
    with unit_of_work(seeded_engine) as session:
        answer = session.get(Answer, answer_id)
        with pytest.raises(StaleAnswer):
            answer_store.guarded_update(session, answer, version, note="kalah")
    assert answer_of(seeded_engine, "2.4").note != "kalah"


@pytest.mark.parametrize("code, status", [("2.2", "diajukan"), ("2.6", "terverifikasi")])
def test_submitted_and_verified_answers_cannot_be_changed(seeded_engine, dp3a, code, status):
    version = int(row(seeded_engine, dp3a, code)["version"])
    with pytest.raises(PermissionDenied, match=f"sudah {status}"):
        save_draft(seeded_engine, dp3a, code, AnswerValue(bool_value=False), "ubah", version)


def test_a_closed_cycle_refuses_saves(seeded_engine, dp3a):
    current = row(seeded_engine, dp3a, "26.11", 2024)
    with pytest.raises(PermissionDenied, match="Siklus 2024 sudah ditutup"):
        save_draft(seeded_engine, dp3a, "26.11", AnswerValue(numerator=40, denominator=51), None,
                   int(current["version"]) if current["version"] is not None else None, year=2024)


def test_a_cycle_in_review_refuses_saves_and_submits(seeded_engine, dp3a):
    with unit_of_work(seeded_engine) as session:
        session.scalar(select(EvaluationCycle).where(EvaluationCycle.year == 2025)).status = "review"
    with pytest.raises(PermissionDenied, match="dalam peninjauan"):
        save_draft(seeded_engine, dp3a, "1.1", AnswerValue(bool_value=True), None, None, year=2025)
    with pytest.raises(PermissionDenied, match="dalam peninjauan"):
        submit_answers(seeded_engine, dp3a, ["2.1"], year=2025)


def test_another_units_question_is_refused(seeded_engine, dp3a):
    with pytest.raises(PermissionDenied, match="1.2a tidak ditugaskan kepada"):
        save_draft(seeded_engine, dp3a, "1.2a", AnswerValue(bool_value=True), None, None)
    with pytest.raises(PermissionDenied):
        submit_answers(seeded_engine, dp3a, ["1.2a"])
    with pytest.raises(PermissionDenied):
        co_answers(seeded_engine, dp3a, "1.2a")


def test_a_user_of_another_region_cannot_write_into_this_cycle(seeded_engine, dp3a):
    with unit_of_work(seeded_engine) as session:
        region = Region(code="53.01", name="Kabupaten Kupang", kind="kabupaten", province_code="53",
                        province_name="Nusa Tenggara Timur")
        session.add(region)
        session.flush()
        unit = ReportingUnit(region_id=region.id, kind="opd", short_name="dp3a", name="DP3A Kabupaten Kupang")
        session.add(unit)
        session.flush()
        user = User(username="opd.dp3a.kab", display_name="DP3A Kabupaten", password_hash=hash_password("x" * 10),
                    role="opd", region_id=region.id, reporting_unit_id=unit.id)
        session.add(user)
        session.flush()
        stranger = signed_in_user(user)
    with pytest.raises(NotFound, match="Belum ada siklus evaluasi untuk Kabupaten Kupang"):
        entry_sheet(seeded_engine, stranger)
    with unit_of_work(seeded_engine) as session:
        kupang_2025 = session.scalar(select(EvaluationCycle).where(EvaluationCycle.year == 2025))
        with pytest.raises(PermissionDenied, match="wilayah Anda sendiri"):
            save_answers(session, stranger, kupang_2025,
                         [AnswerChange("1.1", AnswerValue(bool_value=True), None, None)])


def test_a_deactivated_account_can_no_longer_save(seeded_engine, dp3a):
    with unit_of_work(seeded_engine) as session:
        session.get(User, dp3a.id).active = False
    with pytest.raises(PermissionDenied, match="dinonaktifkan"):
        save_draft(seeded_engine, dp3a, "1.1", AnswerValue(bool_value=True), None, None)


def test_bad_values_are_all_listed_and_nothing_is_saved(seeded_engine, dp3a):
    before = (count(seeded_engine, Answer), count(seeded_engine, AuditLog),
              current_data_version(seeded_engine, "53.71"))
    changes = [
        AnswerChange("1.1", AnswerValue(bool_value=True), None, None),                      # fine on its own
        AnswerChange("19.2a", AnswerValue(numerator=50, denominator=40), None, None),
        AnswerChange("19.2b", AnswerValue(numerator=-1, denominator=0), None, None),
        AnswerChange("19.2c", AnswerValue(numerator=float("nan"), denominator=float("inf")), None, None),
        AnswerChange("10.1", AnswerValue(count_value="dua belas"), None, None),
        AnswerChange("3.3", AnswerValue(choice_code="<script>alert(1)</script>"), None, None),
    ]
    with unit_of_work(seeded_engine) as session:
        cycle = session.scalar(select(EvaluationCycle).where(EvaluationCycle.year == 2025))
        with pytest.raises(InvalidInput) as refused:
            save_answers(session, dp3a, cycle, changes)
    messages = refused.value.messages
    assert any(m.startswith("Pertanyaan 19.2a:") and "lebih besar dari penyebut" in m for m in messages)
    assert any(m.startswith("Pertanyaan 19.2b:") and "negatif" in m for m in messages)
    assert any(m.startswith("Pertanyaan 19.2b:") and "Penyebut tidak boleh 0" in m for m in messages)
    assert sum(m.startswith("Pertanyaan 19.2c:") and "angka yang wajar" in m for m in messages) == 2
    assert any(m.startswith("Pertanyaan 10.1:") and "harus berupa angka" in m for m in messages)
    assert any(m.startswith("Pertanyaan 3.3:") and "tidak ada di katalog" in m for m in messages)
    assert not any(m.startswith("Pertanyaan 1.1") for m in messages)
    after = (count(seeded_engine, Answer), count(seeded_engine, AuditLog),
             current_data_version(seeded_engine, "53.71"))
    assert after == before


def test_unknown_and_repeated_questions_are_refused(seeded_engine, dp3a):
    with pytest.raises(InvalidInput, match="Pertanyaan 99.9 tidak ada di instrumen siklus 2025"):
        save_draft(seeded_engine, dp3a, "99.9", AnswerValue(bool_value=True), None, None)
    with unit_of_work(seeded_engine) as session:
        cycle = session.scalar(select(EvaluationCycle).where(EvaluationCycle.year == 2025))
        with pytest.raises(InvalidInput, match="muncul lebih dari sekali"):
            save_answers(session, dp3a, cycle, [AnswerChange("1.1", AnswerValue(bool_value=True), None, None)] * 2)


def test_a_draft_may_be_incomplete(seeded_engine, dp3a):
    saved = save_draft(seeded_engine, dp3a, "19.2a", AnswerValue(numerator=12), None, None)
    assert saved.status == "draft" and saved.self_points == 0 and saved.denominator is None
    assert row(seeded_engine, dp3a, "19.2a")["submit_problems"][0] == "Isi penyebut."


def test_a_long_note_is_refused_with_its_length_and_the_limit(seeded_engine, dp3a):
    with pytest.raises(InvalidInput) as refused:
        save_draft(seeded_engine, dp3a, "1.1", AnswerValue(bool_value=True), "x" * 100_000, None)
    assert refused.value.messages == [
        "Pertanyaan 1.1: catatan terlalu panjang (100.000 karakter); paling banyak 5.000 karakter. "
        "Ringkas catatannya, atau lampirkan dokumen sebagai bukti dukung."]
    assert answer_of(seeded_engine, "1.1") is None
    saved = save_draft(seeded_engine, dp3a, "1.1", AnswerValue(bool_value=True), "y" * NOTE_MAX_CHARS, None)
    assert saved.note == "y" * 5000


def test_html_in_a_note_is_kept_as_typed(seeded_engine, dp3a):
    note = '<script>alert("x")</script><b>tebal</b>'
    assert save_draft(seeded_engine, dp3a, "1.1", AnswerValue(bool_value=True), note, None).note == note


def test_an_implausible_change_needs_a_note(seeded_engine, dp3a):
    current = row(seeded_engine, dp3a, "26.11")          # last cycle 50 of 51 (98,0%)
    version = int(current["version"])
    with pytest.raises(InvalidInput, match="poin persen dari siklus lalu"):
        save_draft(seeded_engine, dp3a, "26.11", AnswerValue(numerator=0, denominator=51), None, version)
    saved = save_draft(seeded_engine, dp3a, "26.11", AnswerValue(numerator=0, denominator=51),
                       "Definisi baru; semua kelurahan dihitung ulang.", version)
    assert saved.numerator == 0 and saved.version == version + 1
    count_row = row(seeded_engine, dp3a, "8.2")       # count, last cycle 1
    with pytest.raises(InvalidInput, match="Jumlah berubah dari 1 menjadi 40"):
        save_draft(seeded_engine, dp3a, "8.2", AnswerValue(count_value=40), None, None)
    assert count_row["status"] == "not_started"


# ----------------------------------------------------------------------------------- submitting

def test_submit_requires_a_complete_value_and_the_evidence(seeded_engine, dp3a):
    save_draft(seeded_engine, dp3a, "19.2a", AnswerValue(numerator=12), None, None)
    with pytest.raises(InvalidInput) as refused:
        submit_answers(seeded_engine, dp3a, ["19.2a", "2.1", "1.1"])
    assert refused.value.messages == [
        "Pertanyaan 19.2a: Isi penyebut.",
        "Pertanyaan 2.1: Unggah bukti dukung yang diminta pertanyaan ini.",
        "Pertanyaan 1.1: belum diisi; simpan jawabannya dulu.",
    ]
    assert row(seeded_engine, dp3a, "2.1")["status"] == "draft"
    with pytest.raises(InvalidInput, match="Tidak ada jawaban yang dipilih"):
        submit_answers(seeded_engine, dp3a, [])


def test_a_no_is_submitted_without_evidence_and_the_review_sees_none_was_given(seeded_engine, dp3a):
    current = row(seeded_engine, dp3a, "2.1")
    assert current["evidence_required"] and current["evidence_count"] == 0
    save_draft(seeded_engine, dp3a, "2.1", AnswerValue(bool_value=False), None, int(current["version"]))
    assert row(seeded_engine, dp3a, "2.1")["submit_problems"] == []
    [answer] = submit_answers(seeded_engine, dp3a, ["2.1"])
    assert answer.status == "submitted" and answer.self_points == 0
    chair = sign_in(seeded_engine, "ketua")
    queue = review.review_queue(seeded_engine, chair, 2025).rows
    seen = queue[queue["answer_id"] == answer.id].iloc[0]
    assert seen["evidence_required"] and seen["evidence_count"] == 0 and seen["self_points"] == 0
    with pytest.raises(InvalidInput, match="bukti dukung yang diminta pertanyaan ini belum dilampirkan"):
        review.verify(seeded_engine, chair, answer.id, answer.version, points=3)
    review.verify(seeded_engine, chair, answer.id, answer.version)


def test_a_yes_still_needs_the_evidence_it_proves(seeded_engine, dp3a):
    current = row(seeded_engine, dp3a, "2.1")
    save_draft(seeded_engine, dp3a, "2.1", AnswerValue(bool_value=True), None, int(current["version"]))
    with pytest.raises(InvalidInput, match="Pertanyaan 2.1: Unggah bukti dukung"):
        submit_answers(seeded_engine, dp3a, ["2.1"])


def test_submit_moves_the_answer_to_submitted_with_a_review_event_and_audit(seeded_engine, dp3a, audit_rows_of):
    current = row(seeded_engine, dp3a, "2.1")
    attach_evidence(seeded_engine, int(current["answer_id"]), dp3a.id)
    sheet_row = row(seeded_engine, dp3a, "2.1")
    assert sheet_row["ready"] and sheet_row["evidence_count"] == 1
    before = current_data_version(seeded_engine, "53.71")
    [answer] = submit_answers(seeded_engine, dp3a, ["2.1"], expected_versions={"2.1": int(current["version"])})
    assert answer.status == "submitted" and answer.submitted_at is not None and answer.version == current["version"] + 1
    assert row(seeded_engine, dp3a, "2.1")["status"] == "submitted"
    with unit_of_work(seeded_engine) as session:
        event = session.scalar(select(ReviewEvent).where(ReviewEvent.answer_id == answer.id,
                                                         ReviewEvent.action == "submit"))
    assert (event.from_status, event.to_status, event.actor_id) == ("draft", "submitted", dp3a.id)
    [entry] = audit_rows_of("answer.submit")
    assert entry.details["old"]["status"] == "draft" and entry.details["new"]["status"] == "submitted"
    assert current_data_version(seeded_engine, "53.71") == before + 1
    with pytest.raises(InvalidInput, match="Pertanyaan 2.1: sudah diajukan"):
        submit_answers(seeded_engine, dp3a, ["2.1"])


def test_submit_refuses_a_version_the_user_did_not_see(seeded_engine, dp3a):
    current = row(seeded_engine, dp3a, "2.1")
    attach_evidence(seeded_engine, int(current["answer_id"]), dp3a.id)
    save_draft(seeded_engine, second_dp3a_user(seeded_engine), "2.1", AnswerValue(bool_value=False), None,
               int(current["version"]))
    with pytest.raises(StaleAnswer, match="Operator Kedua DP3A"):
        submit_answers(seeded_engine, dp3a, ["2.1"], expected_versions={"2.1": int(current["version"])})


def test_submit_all_ready_submits_each_ready_answer_and_nothing_else(seeded_engine, dp3a):
    for code in ("2.1", "2.3", "6.2"):
        attach_evidence(seeded_engine, int(row(seeded_engine, dp3a, code)["answer_id"]), dp3a.id)
    sheet = entry_sheet(seeded_engine, dp3a)
    rows, submitted_before = sheet.rows, sheet.counts()["submitted"]
    ready = list(rows.loc[rows["ready"], "question_code"])
    assert {"2.1", "2.3", "6.2"} <= set(ready)
    submitted = submit_answers(seeded_engine, dp3a, ready)
    assert len(submitted) == len(ready)
    counts = entry_sheet(seeded_engine, dp3a).counts()
    assert counts["submitted"] == submitted_before + len(ready)


def test_an_implausible_answer_saved_with_a_note_can_be_submitted(seeded_engine, dp3a):
    version = int(row(seeded_engine, dp3a, "26.11")["version"])
    saved = save_draft(seeded_engine, dp3a, "26.11", AnswerValue(numerator=0, denominator=51), "Dihitung ulang.",
                       version)
    attach_evidence(seeded_engine, saved.id, dp3a.id)
    assert submit_answers(seeded_engine, dp3a, ["26.11"])[0].status == "submitted"


# ---------------------------------------------------------------------------- history, co-answers

def test_history_shows_who_changed_what_and_when(seeded_engine, dp3a):
    first = save_draft(seeded_engine, dp3a, "19.2a", AnswerValue(numerator=10, denominator=40), None, None)
    save_draft(seeded_engine, dp3a, "19.2a", AnswerValue(numerator=20, denominator=40), None, first.version)
    history = answer_history(seeded_engine, dp3a, "19.2a")
    assert [h["action"] for h in history] == ["answer.save", "answer.save"]
    assert history[0]["old"] == "" and history[0]["new"].startswith("10 dari 40 (25,0%) · draf")
    assert history[1]["old"].startswith("10 dari 40") and history[1]["new"].startswith("20 dari 40 (50,0%)")
    assert history[1]["who"].startswith("Operator Dinas Pemberdayaan") and isinstance(history[1]["at"], datetime)
    assert history[1]["at"].tzinfo == UTC
    assert answer_history(seeded_engine, dp3a, "1.1") == []
    chair = sign_in(seeded_engine, "ketua")
    assert len(answer_history(seeded_engine, chair, "19.2a", unit_short_name="dp3a")) == 2
    with pytest.raises(PermissionDenied):
        answer_history(seeded_engine, dp3a, "1.2a", unit_short_name="disdukcapil")
    with pytest.raises(PermissionDenied):
        answer_history(seeded_engine, chair, "19.2a")


def test_history_includes_evidence_uploads_and_replacements(seeded_engine, dp3a):
    from fpdf import FPDF

    from data.services.entry.evidence import upload_evidence

    def pdf(title: str) -> bytes:
        document = FPDF()
        document.add_page()
        document.set_font("helvetica", size=12)
        document.cell(text=title)
        return bytes(document.output())

    first = upload_evidence(seeded_engine, dp3a, "2.1", "perda_kla.pdf", pdf("Perda KLA"))
    upload_evidence(seeded_engine, dp3a, "2.1", "perda_kla_2024.pdf", pdf("Perda KLA 2024"), replaces_id=first.id)
    events = [e for e in answer_history(seeded_engine, dp3a, "2.1") if e["action"].startswith("evidence.")]
    assert [e["action"] for e in events] == ["evidence.upload", "evidence.replace"]
    assert events[0]["old"] == "" and events[0]["new"].startswith("perda_kla.pdf (") and "versi 1" in events[0]["new"]
    assert events[1]["old"] == "perda_kla.pdf" and events[1]["new"].startswith("perda_kla_2024.pdf (")
    assert all(e["who"].startswith("Operator Dinas Pemberdayaan") for e in events)


def test_co_answers_show_the_other_units_of_a_shared_question(seeded_engine, dp3a):
    others = co_answers(seeded_engine, dp3a, "1.2g")       # jdih, bagian_hukum, dp3a, dinsos
    assert {o["unit_short_name"] for o in others} == {"jdih", "bagian_hukum", "dinsos"}
    dinsos = sign_in(seeded_engine, "opd.dinsos")
    save_draft(seeded_engine, dinsos, "1.2g", AnswerValue(choice_code="sebagian"), "Ada di JDIH", None)  # graded
    by_unit = {o["unit_short_name"]: o for o in co_answers(seeded_engine, dp3a, "1.2g")}
    assert by_unit["dinsos"]["status"] == "draft" and by_unit["dinsos"]["display_value"] == "Sebagian"
    assert by_unit["jdih"]["status"] == "not_started" and by_unit["jdih"]["display_value"] == ""


def test_an_insert_that_loses_the_race_is_refused_with_the_winner(seeded_engine, dp3a):
    """Both read "no answer yet"; the other commits first; our INSERT meets the unique key."""
    from data import answer_store
    from data.services.entry.scope import assigned_question_ids
    other = second_dp3a_user(seeded_engine)
    save_draft(seeded_engine, other, "1.1", AnswerValue(bool_value=True), None, None)  # commits first
    with pytest.raises(StaleAnswer, match="Operator Kedua DP3A"):
        with unit_of_work(seeded_engine) as session:
            cycle = session.scalar(select(EvaluationCycle).where(EvaluationCycle.year == 2025))
            unit = session.get(ReportingUnit, dp3a.unit_id)
            question_id = assigned_question_ids(session, cycle, unit)["1.1"]
            answer_store.insert_answer(session, cycle, unit, question_id, bool_value=False, status="draft")
    assert answer_of(seeded_engine, "1.1").bool_value is True
