"""Kecamatan and kelurahan answer their part of Kelana Dekela through the same entry and review
services as an OPD, and the city's answer follows (data/services/derived_answers.py)."""
import hashlib

import pytest
from sqlalchemy import select, update

import evidence_samples as samples
from data.actor import signed_in_user
from data.db import unit_of_work
from data.errors import InvalidInput, PermissionDenied
from data.models import Answer, AuditLog, EvaluationCycle, EvidenceFile, Question, Region, ReportingUnit, User
from data.services.accounts.auth import authenticate, hash_password
from data.services.entry.answers import save_draft, submit_answers
from data.services.entry.entry_workbook import export_template, import_entries
from data.services.entry.sheet import entry_sheet
from data.services.kelana.derived_answers import recompute
from data.services.review import review
from data.services.scoring.scores import score_report
from indicators.answers import AnswerValue
from seed.kupang import DEMO_PASSWORD, KELURAHAN

YES, NO = AnswerValue(bool_value=True), AnswerValue(bool_value=False)


def sign_in(engine, username):
    return authenticate(engine, username, DEMO_PASSWORD)


def answer_of(engine, code, unit, year=2025) -> Answer | None:
    with unit_of_work(engine) as session:
        return session.scalar(
            select(Answer).join(Question, Answer.question_id == Question.id)
            .join(ReportingUnit, Answer.reporting_unit_id == ReportingUnit.id)
            .join(EvaluationCycle, Answer.cycle_id == EvaluationCycle.id)
            .where(Question.code == code, ReportingUnit.short_name == unit, EvaluationCycle.year == year))


def city_answer(engine, code, year=2025) -> Answer | None:
    """The city's answer: held by the question's lead OPD (dp3a, disdikbud, ...)."""
    with unit_of_work(engine) as session:
        answers = session.scalars(
            select(Answer).join(Question, Answer.question_id == Question.id)
            .join(ReportingUnit, Answer.reporting_unit_id == ReportingUnit.id)
            .join(EvaluationCycle, Answer.cycle_id == EvaluationCycle.id)
            .where(Question.code == code, ReportingUnit.kind == "opd", EvaluationCycle.year == year)).all()
    assert len(answers) <= 1
    return answers[0] if answers else None


def unit_answers(engine, code, kind, year=2025) -> dict[str, Answer]:
    with unit_of_work(engine) as session:
        rows = session.execute(
            select(ReportingUnit.short_name, Answer).join(Answer, Answer.reporting_unit_id == ReportingUnit.id)
            .join(Question, Answer.question_id == Question.id)
            .join(EvaluationCycle, Answer.cycle_id == EvaluationCycle.id)
            .where(Question.code == code, ReportingUnit.kind == kind, EvaluationCycle.year == year,
                   ReportingUnit.active.is_(True))).all()
        return {short: answer for short, answer in rows}


def attach_evidence(engine, answer_id, user_id):
    content = samples.pdf("bukti")
    with unit_of_work(engine) as session:
        session.add(EvidenceFile(answer_id=answer_id, filename="sk.pdf", content_type="application/pdf",
                                 size_bytes=len(content), sha256=hashlib.sha256(content).hexdigest(),
                                 content=content, uploaded_by_id=user_id))


def open_question(engine, user, kind):
    """A question of the unit's kind its unit can still change in 2025 (not submitted/verified)."""
    rows = entry_sheet(engine, user).rows
    editable = rows[rows["editable"]]
    return editable.iloc[0]


def test_a_kecamatan_sees_only_its_questions_as_yes_no_on_the_unit_prompt(seeded_engine):
    user = sign_in(seeded_engine, "kec.alak")
    sheet = entry_sheet(seeded_engine, user)
    assert sheet.unit_kind == "kecamatan" and sheet.unit_short_name == "kec_alak"
    codes = list(sheet.rows["question_code"])
    assert codes == [q.code for q in sheet.catalog.questions if q.answered_by == "every_kecamatan"]
    assert set(sheet.rows["answer_type"]) == {"yes_no"}
    assert sheet.catalog.question("25.2").prompt.id == "Apakah kecamatan ini memiliki Forum Anak Kecamatan?"
    assert sheet.rows.set_index("question_code").loc["25.2", "max_points"] == pytest.approx(1.25 / 6)


def test_a_kelurahan_sees_the_desa_kelurahan_questions(seeded_engine):
    sheet = entry_sheet(seeded_engine, sign_in(seeded_engine, "kel.oesapa"))
    assert sheet.unit_kind == "kelurahan" and len(sheet.rows) == 13
    assert all(code.startswith("26.") for code in sheet.rows["question_code"])
    assert sheet.rows.set_index("question_code").loc["26.15", "max_points"] == pytest.approx(10 / 51)


def test_an_opd_no_longer_answers_the_derived_questions_and_is_told_why(seeded_engine):
    dp3a = sign_in(seeded_engine, "opd.dp3a")
    assert not any(c.startswith(("25.2", "26.15")) for c in entry_sheet(seeded_engine, dp3a).rows["question_code"])
    with pytest.raises(PermissionDenied, match="dihitung otomatis"):
        save_draft(seeded_engine, dp3a, "25.2", AnswerValue(numerator=6, denominator=6), None, None)


def test_a_kelurahan_answering_a_question_not_asked_of_it_is_refused_and_nothing_changes(seeded_engine):
    user = sign_in(seeded_engine, "kel.oesapa")
    before = city_answer(seeded_engine, "25.2")
    for code in ("25.2", "1.1"):
        with pytest.raises(PermissionDenied, match="tidak ditanyakan kepada Kelurahan Oesapa"):
            save_draft(seeded_engine, user, code, YES, None, None)
    assert answer_of(seeded_engine, "25.2", "kel_oesapa") is None
    assert city_answer(seeded_engine, "25.2").version == before.version


def test_a_kelurahan_saying_yes_raises_the_citys_numerator_at_once(seeded_engine):
    user = sign_in(seeded_engine, "kel.oesapa")
    sheet_row = open_question(seeded_engine, user, "kelurahan")
    code = sheet_row["question_code"]
    version = None if sheet_row["version"] is None or str(sheet_row["version"]) == "<NA>" else int(sheet_row["version"])
    save_draft(seeded_engine, user, code, NO, None, version)
    before = city_answer(seeded_engine, code)
    answers = unit_answers(seeded_engine, code, "kelurahan")
    assert before.numerator == sum(1 for a in answers.values() if a.bool_value) and before.denominator == 51
    saved = save_draft(seeded_engine, user, code, YES, None, answer_of(seeded_engine, code, "kel_oesapa").version)
    after = city_answer(seeded_engine, code)
    assert after.numerator == before.numerator + 1 and after.denominator == 51
    assert after.version == before.version + 1 and after.self_points > before.self_points
    assert saved.self_points == pytest.approx(after.self_points - before.self_points)
    with unit_of_work(seeded_engine) as session:
        derive = session.scalars(select(AuditLog).where(AuditLog.action == "answer.derive",
                                                        AuditLog.entity_id == str(after.id))).all()
    assert derive[-1].details["yes"] == after.numerator and derive[-1].details["units"] == 51
    assert derive[-1].actor_id == user.id


def test_submit_and_review_of_a_kecamatan_answer_move_the_verified_reading(seeded_engine):
    user = sign_in(seeded_engine, "kec.alak")
    chair = sign_in(seeded_engine, "ketua")
    sheet_row = open_question(seeded_engine, user, "kecamatan")
    code = sheet_row["question_code"]
    current = answer_of(seeded_engine, code, "kec_alak")
    saved = save_draft(seeded_engine, user, code, YES, None, current.version if current else None)
    attach_evidence(seeded_engine, saved.id, user.id)
    submit_answers(seeded_engine, user, [code])
    submitted = city_answer(seeded_engine, code)
    verified_before = score_report(seeded_engine, "53.71", 2025)["total"]
    answer = answer_of(seeded_engine, code, "kec_alak")
    with pytest.raises(InvalidInput, match="dihitung utuh"):
        review.verify(seeded_engine, chair, answer.id, answer.version, points=answer.self_points / 2, reason="Separuh")
    review.verify(seeded_engine, chair, answer.id, answer.version)
    verified = city_answer(seeded_engine, code)
    assert verified.status == "verified" and verified.numerator == submitted.numerator
    gained = verified.verified_points - (submitted.verified_points or 0)
    assert gained == pytest.approx(answer.self_points)
    assert score_report(seeded_engine, "53.71", 2025)["total"] == pytest.approx(verified_before + gained, abs=1e-3)
    reopened = answer_of(seeded_engine, code, "kec_alak")
    review.reopen(seeded_engine, chair, reopened.id, reopened.version, "Periksa ulang SK-nya.")
    assert city_answer(seeded_engine, code).verified_points in (None, pytest.approx(submitted.verified_points or 0))


def test_the_citys_derived_answer_cannot_be_verified_by_itself(seeded_engine):
    chair = sign_in(seeded_engine, "ketua")
    derived = city_answer(seeded_engine, "26.15")
    with pytest.raises(InvalidInput, match="dihitung otomatis"):
        review.verify(seeded_engine, chair, derived.id, derived.version)
    queue = review.review_queue(seeded_engine, chair, 2025, review.ReviewFilters(statuses=("submitted", "verified")))
    assert not queue.rows["unit_short_name"].isin(["dp3a"]).any() or \
        queue.rows.loc[queue.rows["unit_short_name"] == "dp3a", "question_code"].ne("26.15").all()
    units = queue.rows[queue.rows["question_code"] == "26.15"]
    assert not units.empty and set(units["answer_type"]) == {"yes_no"}
    assert units["question_prompt"].iloc[0].startswith("Apakah desa/kelurahan ini")


def test_scores_count_the_city_answer_once_and_never_the_units_own(seeded_engine):
    report = score_report(seeded_engine, "53.71", 2025, basis="self")
    with unit_of_work(seeded_engine) as session:
        # every unit answer "yes" with huge verified points would double count if units were scored
        session.execute(update(Answer).where(Answer.reporting_unit_id.in_(
            select(ReportingUnit.id).where(ReportingUnit.kind != "opd"))).values(verified_points=99.0))
    assert score_report(seeded_engine, "53.71", 2025, basis="self")["total"] == report["total"]
    kelana = next(g for g in score_report(seeded_engine, "53.71", 2025)["groups"] if g["code"] == "KELANA_DEKELA")
    assert kelana["points"] <= kelana["max_points"]


def test_a_deactivated_kelurahan_keeps_its_answers_drops_out_of_the_city_and_can_no_longer_enter(seeded_engine):
    code = "26.15"
    before = city_answer(seeded_engine, code)
    old = answer_of(seeded_engine, code, "kel_oesapa")
    with unit_of_work(seeded_engine) as session:
        session.execute(update(ReportingUnit).where(ReportingUnit.short_name == "kel_oesapa").values(active=False))
        recompute(session, session.scalar(select(EvaluationCycle).where(EvaluationCycle.year == 2025)))
    after = city_answer(seeded_engine, code)
    assert after.denominator == 50
    assert after.numerator == before.numerator - (1 if old is not None and old.bool_value else 0)
    assert answer_of(seeded_engine, code, "kel_oesapa") is not None
    user = sign_in(seeded_engine, "kel.oesapa")
    with pytest.raises(PermissionDenied, match="sudah tidak aktif"):
        entry_sheet(seeded_engine, user)
    assert city_answer(seeded_engine, code, 2024).denominator == 51   # the closed cycle is left as published


def test_a_kelurahan_moved_to_another_kecamatan_keeps_its_answers_and_the_city_is_unchanged(seeded_engine):
    before = city_answer(seeded_engine, "26.15")
    with unit_of_work(seeded_engine) as session:
        target = session.scalar(select(ReportingUnit).where(ReportingUnit.short_name == "kec_oebobo"))
        session.execute(update(ReportingUnit).where(ReportingUnit.short_name == "kel_oesapa")
                        .values(parent_id=target.id))
        recompute(session, session.scalar(select(EvaluationCycle).where(EvaluationCycle.year == 2025)))
    assert city_answer(seeded_engine, "26.15").version == before.version
    assert len(entry_sheet(seeded_engine, sign_in(seeded_engine, "kel.oesapa")).rows) == 13


def test_an_account_pointing_at_another_regions_kelurahan_is_refused(seeded_engine):
    with unit_of_work(seeded_engine) as session:
        other = Region(code="53.10", name="Kabupaten Kupang", kind="kabupaten", province_code="53",
                       province_name="Nusa Tenggara Timur")
        session.add(other)
        session.flush()
        oesapa = session.scalar(select(ReportingUnit).where(ReportingUnit.short_name == "kel_oesapa"))
        user = User(username="kel.lain", display_name="Petugas wilayah lain", password_hash=hash_password("x" * 12),
                    role="kelurahan", region_id=other.id, reporting_unit_id=oesapa.id)
        session.add(user)
        session.flush()
        stranger = signed_in_user(user)
    with pytest.raises(PermissionDenied, match="belum terhubung ke unit pelapor di wilayah Anda"):
        save_draft(seeded_engine, stranger, "26.15", YES, None, None)


def test_another_kelurahans_template_is_refused_by_the_excel_route(seeded_engine):
    oebobo = sign_in(seeded_engine, "kel.oebobo")
    template = export_template(seeded_engine, oebobo, "kel_oebobo", 2025)
    result = import_entries(seeded_engine, sign_in(seeded_engine, "kel.oesapa"), template, dry_run=False)
    assert not result.applied and result.problems
    assert any("kel_oebobo" in p or "Kelurahan Oebobo" in p or "unit" in p.lower() for p in result.problems)


def test_the_excel_template_of_a_kelurahan_asks_yes_or_no(seeded_engine):
    import io

    from openpyxl import load_workbook
    user = sign_in(seeded_engine, "kel.oesapa")
    book = load_workbook(io.BytesIO(export_template(seeded_engine, user, "kel_oesapa", 2025)))
    text = " ".join(str(c.value) for row in book["Jawaban"].iter_rows() for c in row if c.value)
    assert "Apakah desa/kelurahan ini" in text and "Berapa persen desa/kelurahan" not in text


def test_every_kupang_kelurahan_is_a_unit_under_its_kecamatan(seeded_engine):
    with unit_of_work(seeded_engine) as session:
        rows = session.execute(
            select(ReportingUnit.name, ReportingUnit.parent_id).where(ReportingUnit.kind == "kelurahan")).all()
        parents = dict(session.execute(select(ReportingUnit.id, ReportingUnit.name)
                                       .where(ReportingUnit.kind == "kecamatan")).all())
    assert len(rows) == sum(len(v) for v in KELURAHAN.values()) == 51
    by_kecamatan = {}
    for name, parent in rows:
        by_kecamatan.setdefault(parents[parent].removeprefix("Kecamatan "), []).append(name.removeprefix("Kelurahan "))
    assert {k: sorted(v) for k, v in by_kecamatan.items()} == {k: sorted(v) for k, v in KELURAHAN.items()}


def test_a_closed_cycle_keeps_its_city_answer_until_it_is_reopened(seeded_engine):
    from data.services.review.cycle_admin import close_cycle, reopen_cycle
    chair = sign_in(seeded_engine, "ketua")
    close_cycle(seeded_engine, chair, 2025)
    before = city_answer(seeded_engine, "26.15")
    with unit_of_work(seeded_engine) as session:
        session.execute(update(ReportingUnit).where(ReportingUnit.short_name == "kel_oesapa").values(active=False))
        assert recompute(session, session.scalar(select(EvaluationCycle).where(EvaluationCycle.year == 2025))) == []
    assert city_answer(seeded_engine, "26.15").denominator == before.denominator == 51
    reopen_cycle(seeded_engine, chair, 2025, "Satu kelurahan digabung; hitung ulang.")
    assert city_answer(seeded_engine, "26.15").denominator == 50
