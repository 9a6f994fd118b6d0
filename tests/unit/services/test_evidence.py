"""Evidence files (data/services/evidence.py) on a copy of the seeded demo database."""
import hashlib
import io
import zipfile

import pytest
from sqlalchemy import select

import evidence_samples as samples
from data.db import unit_of_work
from data.errors import InvalidInput, NotFound, PermissionDenied, StaleAnswer, WriteConflict
from data.models import AuditLog, EvidenceFile
from data.services.accounts.auth import authenticate
from data.services.entry.answers import save_draft, submit_answers
from data.services.entry.evidence import (
    detect_kind,
    download_evidence,
    earlier_evidence,
    file_problems,
    list_evidence,
    max_bytes,
    reuse_evidence,
    upload_evidence,
)
from data.services.entry.sheet import entry_sheet
from indicators.answers import AnswerValue
from seed.kupang import DEMO_PASSWORD

PDF, PNG, JPG = samples.PDF, samples.PNG, samples.JPG


def plain_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("catatan.txt", "bukan dokumen office")
    return buffer.getvalue()


def sign_in(engine, username):
    return authenticate(engine, username, DEMO_PASSWORD)


@pytest.fixture
def dp3a(seeded_engine):
    return sign_in(seeded_engine, "opd.dp3a")


def sheet_row(engine, user, code):
    rows = entry_sheet(engine, user).rows
    return rows[rows["question_code"] == code].iloc[0]


@pytest.mark.parametrize("content, kind", [(PDF, "pdf"), (PNG, "png"), (JPG, "jpg"), (samples.xlsx(), "xlsx"),
                                           (samples.docx(), "docx"), (plain_zip(), None), (b"hello", None),
                                           # a PDF by its header; its structure refuses it
                                           (b"%PDF-1.4 truncated", "pdf"), (b"PK\x03\x04broken", None)])
def test_files_are_recognised_by_their_content(content, kind):
    assert detect_kind(content) == kind


@pytest.mark.parametrize("name, content, message", [
    ("laporan.pdf", b"ini hanya teks biasa", "Isi berkas 'laporan.pdf' bukan PDF yang sah"),
    ("laporan.pdf", samples.xlsx(), "bernama PDF tetapi isinya XLSX"),
    ("foto.png", JPG, "bernama PNG tetapi isinya JPG"),
    ("data.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "dilindungi kata sandi"),
    ("surat.docx", plain_zip(), "bukan DOCX yang sah"),
    ("program.exe", PDF, "Jenis berkas '.exe' tidak diterima; unggah PDF, JPG, PNG, XLSX atau DOCX"),
    ("../../etc/passwd.pdf", PDF, "memuat folder"),
    ("C:\\Users\\dp3a\\sk.pdf", PDF, "memuat folder"),
    ("arsip/sk.pdf", PDF, "memuat folder"),
    ("sk\x00.pdf", PDF, "karakter kendali"),
    ("", PDF, "tidak bernama"),
    ("kosong.pdf", b"", "kosong"),
])
def test_bad_files_are_refused_with_a_reason(name, content, message):
    problems = file_problems(name, content)
    assert len(problems) == 1 and message in problems[0]


def test_the_size_limit_is_10_mb_by_default_and_configurable(monkeypatch):
    assert max_bytes() == 10 * 1024 * 1024
    big = PDF + b"\x00" * (10 * 1024 * 1024)   # padding after a valid PDF is tolerated
    [problem] = file_problems("besar.pdf", big)
    assert "berukuran 10 MB, melebihi batas 10 MB" in problem
    assert file_problems("pas.pdf", big[: 10 * 1024 * 1024]) == []
    monkeypatch.setenv("KLA_EVIDENCE_MAX_MB", "0,5")
    assert "melebihi batas 0,5 MB" in file_problems("besar.pdf", PDF + b"\x00" * 600_000)[0]
    monkeypatch.setenv("KLA_EVIDENCE_MAX_MB", "nol")
    with pytest.raises(ValueError, match="KLA_EVIDENCE_MAX_MB harus berupa angka"):
        max_bytes()


def test_upload_stores_the_file_with_its_hash_and_an_audit_row(seeded_engine, dp3a):
    info = upload_evidence(seeded_engine, dp3a, "2.1", "perda_kla.pdf", PDF)
    assert (info.filename, info.content_type, info.size_bytes, info.file_version, info.superseded) == (
        "perda_kla.pdf", "application/pdf", len(PDF), 1, False)
    assert info.sha256 == hashlib.sha256(PDF).hexdigest()
    assert download_evidence(seeded_engine, dp3a, info.id) == ("perda_kla.pdf", "application/pdf", PDF)
    assert sheet_row(seeded_engine, dp3a, "2.1")["evidence_count"] == 1
    with unit_of_work(seeded_engine) as session:
        entry = session.scalar(select(AuditLog).where(AuditLog.action == "evidence.upload"))
    assert entry.entity == "evidence_file" and entry.entity_id == str(info.id) and entry.actor_id == dp3a.id
    assert entry.details["question"] == "2.1" and entry.details["sha256"] == info.sha256


def test_every_accepted_kind_uploads(seeded_engine, dp3a):
    for name, content in [("foto.jpg", JPG), ("foto.png", PNG), ("data.xlsx", samples.xlsx()),
                          ("sk.docx", samples.docx())]:
        upload_evidence(seeded_engine, dp3a, "2.1", name, content)
    names = {f.filename for f in list_evidence(seeded_engine, dp3a, "2.1")}
    assert names == {"foto.jpg", "foto.png", "data.xlsx", "sk.docx"}


def test_a_refused_file_changes_nothing(seeded_engine, dp3a):
    with pytest.raises(InvalidInput, match="bukan PDF yang sah"):
        upload_evidence(seeded_engine, dp3a, "2.1", "palsu.pdf", b"GIF89a bukan pdf")
    with pytest.raises(InvalidInput, match="memuat folder"):
        upload_evidence(seeded_engine, dp3a, "2.1", "../palsu.pdf", PDF)
    with unit_of_work(seeded_engine) as session:
        assert session.scalar(select(EvidenceFile.id)) is None


def test_a_file_of_a_current_name_becomes_its_new_version(seeded_engine, dp3a):
    first = upload_evidence(seeded_engine, dp3a, "2.1", "sk.pdf", PDF)
    other = upload_evidence(seeded_engine, dp3a, "2.1", "perda.pdf", samples.pdf("Perda"))
    second = upload_evidence(seeded_engine, dp3a, "2.1", "sk.pdf", samples.pdf("SK revisi"))
    files = list_evidence(seeded_engine, dp3a, "2.1")
    assert [(f.filename, f.file_version, f.superseded) for f in files if f.filename == "sk.pdf"] == [
        ("sk.pdf", 2, False), ("sk.pdf", 1, True)]
    assert second.id != first.id
    with pytest.raises(InvalidInput, match="sudah punya berkas lain bernama 'sk.pdf'"):
        upload_evidence(seeded_engine, dp3a, "2.1", "sk.pdf", samples.pdf("lain lagi"), replaces_id=other.id)
    assert len(list_evidence(seeded_engine, dp3a, "2.1")) == 3


def test_the_database_keeps_one_current_file_of_a_name(seeded_engine, dp3a):
    first = upload_evidence(seeded_engine, dp3a, "2.1", "sk.pdf", PDF)
    with pytest.raises(WriteConflict):
        with unit_of_work(seeded_engine) as session:
            row = session.get(EvidenceFile, first.id)
            session.add(EvidenceFile(answer_id=row.answer_id, filename="sk.pdf", content_type=row.content_type,
                                     size_bytes=3, sha256="0" * 64, content=b"abc", superseded=False))
    assert [f.filename for f in list_evidence(seeded_engine, dp3a, "2.1")] == ["sk.pdf"]


def test_replacing_keeps_the_older_version(seeded_engine, dp3a):
    first = upload_evidence(seeded_engine, dp3a, "2.1", "sk.pdf", PDF)
    second = upload_evidence(seeded_engine, dp3a, "2.1", "sk_revisi.pdf", samples.pdf("SK revisi"),
                             replaces_id=first.id)
    assert second.file_version == 2
    files = list_evidence(seeded_engine, dp3a, "2.1")
    assert [(f.filename, f.file_version, f.superseded) for f in files] == [
        ("sk_revisi.pdf", 2, False), ("sk.pdf", 1, True)]
    assert download_evidence(seeded_engine, dp3a, first.id)[2] == PDF
    current = list_evidence(seeded_engine, dp3a, "2.1", include_superseded=False)
    assert [f.filename for f in current] == ["sk_revisi.pdf"]
    with pytest.raises(NotFound, match="hendak diganti tidak ditemukan"):
        upload_evidence(seeded_engine, dp3a, "2.1", "lagi.pdf", PDF + b" ", replaces_id=first.id)
    with unit_of_work(seeded_engine) as session:
        entry = session.scalar(select(AuditLog).where(AuditLog.action == "evidence.replace"))
    assert entry.details["replaces"] == first.id and entry.details["file_version"] == 2


def test_the_same_file_twice_is_refused(seeded_engine, dp3a):
    upload_evidence(seeded_engine, dp3a, "2.1", "sk.pdf", PDF)
    with pytest.raises(InvalidInput, match="sudah diunggah untuk pertanyaan 2.1 sebagai 'sk.pdf'"):
        upload_evidence(seeded_engine, dp3a, "2.1", "sk_lagi.pdf", PDF)


def test_evidence_for_a_question_not_started_creates_its_draft(seeded_engine, dp3a):
    assert sheet_row(seeded_engine, dp3a, "1.1")["status"] == "not_started"
    upload_evidence(seeded_engine, dp3a, "1.1", "perwali.pdf", PDF)
    row = sheet_row(seeded_engine, dp3a, "1.1")
    assert row["status"] == "draft" and row["version"] == 1 and row["evidence_count"] == 1
    assert row["submit_problems"] == ["Pilih Ya atau Tidak."]


def test_attaching_evidence_before_the_first_save_never_conflicts_with_that_save(seeded_engine, dp3a):
    """The natural order: pick a value, type a note, attach the file, save. The upload made an
    empty draft the page did not know of; the save must still store what was typed."""
    upload_evidence(seeded_engine, dp3a, "1.1", "perda_kla.pdf", PDF)
    saved = save_draft(seeded_engine, dp3a, "1.1", AnswerValue(bool_value=True), "Perda No. 3 Tahun 2022",
                       expected_version=None)
    assert saved.version == 2 and saved.bool_value is True and saved.note == "Perda No. 3 Tahun 2022"
    submit_answers(seeded_engine, dp3a, ["1.1"])
    assert sheet_row(seeded_engine, dp3a, "1.1")["status"] == "submitted"


def test_a_draft_holding_a_value_still_conflicts_with_a_save_that_did_not_see_it(seeded_engine, dp3a):
    upload_evidence(seeded_engine, dp3a, "1.1", "perda_kla.pdf", PDF)
    save_draft(seeded_engine, dp3a, "1.1", AnswerValue(bool_value=True), None, expected_version=None)
    with pytest.raises(StaleAnswer):
        save_draft(seeded_engine, dp3a, "1.1", AnswerValue(bool_value=False), None, expected_version=None)
    with unit_of_work(seeded_engine) as session:
        assert session.scalar(select(AuditLog.details).where(AuditLog.action == "answer.save")
                              .order_by(AuditLog.id.desc()).limit(1))["new"]["value"] == {"bool_value": True}


def test_evidence_is_locked_once_submitted(seeded_engine, dp3a):
    upload_evidence(seeded_engine, dp3a, "2.1", "sk.pdf", PDF)
    submit_answers(seeded_engine, dp3a, ["2.1"])
    with pytest.raises(PermissionDenied, match="sudah diajukan; bukti dukungnya tidak dapat diubah"):
        upload_evidence(seeded_engine, dp3a, "2.1", "tambahan.pdf", PDF + b" ")
    with pytest.raises(PermissionDenied, match="sudah terverifikasi"):
        upload_evidence(seeded_engine, dp3a, "2.6", "tambahan.pdf", PDF)


def test_only_the_own_unit_and_the_regions_reviewers_see_the_files(seeded_engine, dp3a):
    info = upload_evidence(seeded_engine, dp3a, "2.1", "sk.pdf", PDF)
    for reviewer in ("ketua", "anggota", "sekretariat", "admin"):
        user = sign_in(seeded_engine, reviewer)
        assert download_evidence(seeded_engine, user, info.id)[0] == "sk.pdf"
        assert [f.id for f in list_evidence(seeded_engine, user, "2.1", year=2025, unit_short_name="dp3a")] == [info.id]
    dinkes = sign_in(seeded_engine, "opd.dinkes")
    with pytest.raises(PermissionDenied, match="unit Anda sendiri"):
        download_evidence(seeded_engine, dinkes, info.id)
    with pytest.raises(PermissionDenied):
        list_evidence(seeded_engine, dinkes, "2.1", unit_short_name="dp3a")
    with pytest.raises(PermissionDenied, match="tidak ditugaskan"):
        upload_evidence(seeded_engine, dinkes, "2.1", "sk.pdf", PDF)
    with pytest.raises(NotFound):
        download_evidence(seeded_engine, dp3a, 999_999)


def test_a_closed_cycle_takes_no_evidence(seeded_engine, dp3a):
    with pytest.raises(PermissionDenied, match="Siklus 2024 sudah ditutup"):
        upload_evidence(seeded_engine, dp3a, "2.1", "sk.pdf", PDF, year=2024)


def keep_in_2024(engine, code: str, filename: str, content: bytes) -> int:
    """A file DP3A attached to its 2024 answer (that cycle is closed now)."""
    from data.models import Answer, EvaluationCycle, Question, ReportingUnit, utc_now

    with unit_of_work(engine) as session:
        answer = session.scalar(select(Answer).join(Question, Answer.question_id == Question.id)
                                .join(EvaluationCycle, Answer.cycle_id == EvaluationCycle.id)
                                .join(ReportingUnit, Answer.reporting_unit_id == ReportingUnit.id)
                                .where(Question.code == code, EvaluationCycle.year == 2024,
                                       ReportingUnit.short_name == "dp3a"))
        row = EvidenceFile(answer_id=answer.id, filename=filename, content_type="application/pdf",
                           size_bytes=len(content), sha256=hashlib.sha256(content).hexdigest(), content=content,
                           uploaded_at=utc_now())
        session.add(row)
        session.flush()
        return row.id


def test_last_cycles_file_is_offered_and_attached_again_with_one_call(seeded_engine, dp3a):
    perda = samples.pdf("SK Wali Kota tentang Gugus Tugas KLA")
    old_id = keep_in_2024(seeded_engine, "2.1", "sk_gugus_tugas.pdf", perda)

    year, offered = earlier_evidence(seeded_engine, dp3a, "2.1")
    assert year == 2024 and [f.filename for f in offered] == ["sk_gugus_tugas.pdf"]

    info = reuse_evidence(seeded_engine, dp3a, "2.1", old_id)

    assert info.filename == "sk_gugus_tugas.pdf" and info.sha256 == hashlib.sha256(perda).hexdigest()
    assert [f.id for f in list_evidence(seeded_engine, dp3a, "2.1")] == [info.id]
    assert earlier_evidence(seeded_engine, dp3a, "2.1") == (2024, [])   # attached: no longer offered
    with unit_of_work(seeded_engine) as session:
        audit = session.scalars(select(AuditLog).where(AuditLog.action == "evidence.upload")
                                .order_by(AuditLog.id.desc())).first()
    assert audit.details["reused_from"] == old_id
    with pytest.raises(NotFound, match="tidak tersedia"):
        reuse_evidence(seeded_engine, dp3a, "2.1", old_id)


def test_another_units_or_a_bad_earlier_file_is_not_reused(seeded_engine, dp3a):
    old_id = keep_in_2024(seeded_engine, "2.1", "palsu.pdf", b"%PDF-1.4 bukan pdf")
    with pytest.raises(InvalidInput, match="bukan PDF yang sah"):
        reuse_evidence(seeded_engine, dp3a, "2.1", old_id)   # checked like a new upload
    dinkes = sign_in(seeded_engine, "opd.dinkes")
    with pytest.raises((NotFound, PermissionDenied)):
        reuse_evidence(seeded_engine, dinkes, "2.1", old_id)
