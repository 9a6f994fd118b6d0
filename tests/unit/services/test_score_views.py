"""Score views (data/services/scoring: overview, gaps, drilldown) against the seeded Kota Kupang demo: the two
readings, the trend, the gap list, the indicator drill-down and who may read them."""
import hashlib
import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select, update

from data.actor import signed_in_user
from data.audit import record
from data.db import unit_of_work
from data.errors import InvalidInput, NotFound, PermissionDenied
from data.models import Answer, EvaluationCycle, EvidenceFile, Question, Region, User
from data.services.entry.evidence import download_evidence
from data.services.scoring.drilldown import indicator_drilldown
from data.services.scoring.gaps import score_gaps
from data.services.scoring.overview import readable_regions, scores_overview
from data.services.scoring.scores import score_report
from indicators.catalog import load_default_catalog

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def actor(seeded_engine):
    def by_username(username: str):
        with unit_of_work(seeded_engine) as session:
            return signed_in_user(session.scalar(select(User).where(User.username == username)))

    return by_username


def test_both_readings_side_by_side_agree_with_score_report(seeded_engine, actor):
    overview = scores_overview(seeded_engine, actor("ketua"), "53.71", 2024)
    for basis in ("self", "verified"):
        report = score_report(seeded_engine, "53.71", 2024, basis)
        reading = overview.readings[basis]
        assert reading["total"] == pytest.approx(report["total"], abs=1e-4)
        assert reading["predikat_name"] == report["predikat"]
        assert reading["missing"] == report["missing_count"]
        column = f"{basis}_points"
        assert overview.groups[column].round(4).tolist() == [g["points"] for g in report["groups"]]
        assert overview.indicators[column].round(4).tolist() == [i["points"] for i in report["indicators"]]
    assert len(overview.groups) == 7 and len(overview.indicators) == 31
    assert overview.groups["max_points"].tolist() == [164, 115, 156, 150, 110, 205, 100]
    # the task force lowered some answers in 2024: self-assessed is higher, and the differences say where
    assert overview.readings["self"]["total"] > overview.readings["verified"]["total"]
    differences = overview.differences
    assert (differences["difference"].abs().diff().dropna() <= 1e-9).all()  # largest first
    assert set(differences["kind"]) <= {"lowered", "raised", "unverified"}
    lowered = differences[differences["kind"] == "lowered"]
    assert len(lowered) and lowered["verified_reason"].notna().all()
    assert differences["difference"].sum() == pytest.approx(
        overview.readings["self"]["total"] - overview.readings["verified"]["total"], abs=0.01)
    assert (differences["difference"].abs() >= 0.005).all()


def test_open_cycle_differs_where_answers_are_not_yet_verified(seeded_engine, actor):
    overview = scores_overview(seeded_engine, actor("anggota"), "53.71", 2025)
    assert overview.cycle_status == "open" and not overview.published
    unverified = overview.differences[overview.differences["kind"] == "unverified"]
    assert len(unverified) > 10
    assert set(unverified["status"]) <= {"draft", "submitted", "returned"}
    assert (unverified["verified_points"] == 0).all()


def test_trend_covers_every_cycle_with_both_readings(seeded_engine, actor):
    overview = scores_overview(seeded_engine, actor("sekretariat"), "53.71", 2024)
    trend = overview.trend
    assert trend["year"].tolist() == [2022, 2023, 2024, 2025]
    for row in trend.itertuples():
        assert row.verified_total == pytest.approx(score_report(seeded_engine, "53.71", row.year)["total"], abs=1e-4)
        assert row.self_total == pytest.approx(
            score_report(seeded_engine, "53.71", row.year, "self")["total"], abs=1e-4)
    assert trend.loc[trend["year"] == 2024, "verified_predikat_name"].item() == "Madya"
    by_year = overview.group_trend.groupby("year")["verified_points"].sum()
    assert by_year.to_numpy() == pytest.approx(trend["verified_total"].to_numpy())
    assert overview.thresholds["name"].tolist() == ["Pratama", "Madya", "Nindya", "Utama", "KLA"]


def test_manage_score_json_agrees_with_the_overview(seeded_engine, seeded_url, actor):
    overview = scores_overview(seeded_engine, actor("ketua"), "53.71", 2025)
    for basis in ("verified", "self"):
        result = subprocess.run(
            [sys.executable, "manage.py", "score", "--region", "53.71", "--cycle", "2025", "--basis", basis, "--json"],
            cwd=ROOT, capture_output=True, text=True, env={**os.environ, "KLA_DATABASE_URL": seeded_url}, check=True)
        report = json.loads(result.stdout)
        assert report["total"] == round(overview.readings[basis]["total"], 4)
        assert report["predikat"] == overview.readings[basis]["predikat_name"]
        assert [g["points"] for g in report["groups"]] == overview.groups[f"{basis}_points"].round(4).tolist()


def test_gap_list_ranks_what_lifts_the_score(seeded_engine, actor):
    gaps = score_gaps(seeded_engine, actor("ketua"), "53.71", 2024)
    assert gaps.predikat_name == "Madya" and gaps.target_predikat_name == "Nindya"
    assert gaps.points_needed == pytest.approx(700 - gaps.total, abs=1e-4)
    questions = gaps.questions
    assert (questions["missing_points"] > 0).all()
    assert (questions["missing_points"].diff().dropna() <= 0).all()
    assert questions["missing_points"].sum() == pytest.approx(1000 - gaps.total, abs=1e-4)
    reaching = questions[questions["reaches"]]
    assert reaching["missing_points"].sum() >= gaps.points_needed
    assert reaching["missing_points"].sum() - reaching["missing_points"].iloc[-1] < gaps.points_needed
    assert questions["owner_name"].notna().all()
    assert "Dinas Kesehatan Kota Kupang" in set(questions["owner_name"])
    yes_no = questions[questions["answer_type"] == "yes_no"]
    assert set(yes_no["earning_answer_id"]) == {"Ya"} and set(yes_no["earning_answer_en"]) == {"Yes"}
    assert gaps.indicators["missing_points"].sum() == pytest.approx(questions["missing_points"].sum())
    assert gaps.owners["missing_points"].sum() == pytest.approx(questions["missing_points"].sum())
    assert (gaps.indicators["missing_points"].diff().dropna() <= 0).all()

    utama = score_gaps(seeded_engine, actor("ketua"), "53.71", 2024, target="utama")
    assert utama.target_predikat_name == "Utama" and utama.points_needed == pytest.approx(gaps.points_needed + 100)
    with pytest.raises(InvalidInput, match="Predikat 'Emas' tidak dikenal"):
        score_gaps(seeded_engine, actor("ketua"), "53.71", 2024, target="Emas")


def test_gap_list_of_the_open_cycle_points_at_answers_awaiting_verification(seeded_engine, actor):
    gaps = score_gaps(seeded_engine, actor("ketua"), "53.71", 2025)
    awaiting = gaps.questions[(gaps.questions["status"] == "submitted")
                              & (gaps.questions["self_points"] >= gaps.questions["max_points"])]
    assert len(awaiting) > 0  # already answered in full, only the verification is missing
    assert set(gaps.questions["status"]) <= {"not_started", "draft", "submitted", "returned", "verified"}
    self_gaps = score_gaps(seeded_engine, actor("ketua"), "53.71", 2025, basis="self")
    assert self_gaps.total > gaps.total


def test_indicator_drilldown_across_cycles(seeded_engine, actor):
    drill = indicator_drilldown(seeded_engine, actor("ketua"), "53.71", "1")
    assert drill.name_id.startswith("Peraturan") and drill.group_code == "KELEMBAGAAN"
    assert drill.per_cycle["year"].tolist() == [2022, 2023, 2024, 2025]
    for row in drill.per_cycle.itertuples():
        report = score_report(seeded_engine, "53.71", row.year)
        indicator = next(i for i in report["indicators"] if i["code"] == "1")
        assert row.verified_points == pytest.approx(indicator["points"], abs=1e-4)
    assert len(drill.indicators) == 31
    answers = drill.answers
    assert set(answers["year"]) == {2022, 2023, 2024, 2025}
    assert set(answers["question_code"]) == set(drill.question_points["question_code"])
    labels = {"Ya", "Tidak"} | {o.label.id for q in load_default_catalog().questions if q.indicator_code == "1"
                                for o in q.answer.options}  # indicator 1 has yes/no and graded questions
    shown = set(answers.loc[answers["status"] != "not_started", "value_id"]) - {""}
    assert shown <= labels and {"Ya", "Lengkap"} <= shown
    assert (answers["status"] == "not_started").any()
    history = drill.history
    assert {"verify", "return"} <= set(history["action"])
    assert history["at"].is_monotonic_decreasing  # newest first
    assert drill.evidence.empty


def test_drilldown_lists_evidence_and_audit_rows_without_doubling_review_events(seeded_engine, actor):
    with unit_of_work(seeded_engine) as session:
        answer = session.scalar(select(Answer).join(Question, Answer.question_id == Question.id)
                                .join(EvaluationCycle, Answer.cycle_id == EvaluationCycle.id)
                                .where(Question.code == "1.1", EvaluationCycle.year == 2024))
        content = b"%PDF-1.4 SK Walikota"
        session.add(EvidenceFile(answer_id=answer.id, filename="sk_gugus_tugas.pdf", content_type="application/pdf",
                                 size_bytes=len(content), sha256=hashlib.sha256(content).hexdigest(),
                                 content=content, uploaded_at=datetime(2024, 3, 5, tzinfo=UTC)))
        ketua = session.scalar(select(User).where(User.username == "ketua"))
        record(session, ketua.id, "answer.verify", "answer", answer.id, answer.region_id,
               {"question": "1.1", "unit": "jdih", "old": {"status": "submitted"},
                "new": {"status": "verified", "verified_points": 12.0}})
        answer_id = answer.id
    drill = indicator_drilldown(seeded_engine, actor("ketua"), "53.71", "1")
    evidence = drill.evidence
    assert evidence[["year", "question_code", "filename"]].values.tolist() == [[2024, "1.1", "sk_gugus_tugas.pdf"]]
    rows = drill.history[(drill.history["year"] == 2024) & (drill.history["question_code"] == "1.1")]
    assert rows["action"].tolist() == ["verify"]  # the audit row; the seeded review event is not listed twice
    assert rows.iloc[0]["points"] == 12.0 and rows.iloc[0]["to_status"] == "verified"

    name, kind, data = download_evidence(seeded_engine, actor("anggota"), int(evidence.iloc[0]["evidence_id"]))
    assert (name, kind, data) == ("sk_gugus_tugas.pdf", "application/pdf", content)
    with pytest.raises(PermissionDenied):
        download_evidence(seeded_engine, actor("opd.dinkes"), int(evidence.iloc[0]["evidence_id"]))
    assert answer_id


def test_unknown_indicator_region_or_cycle(seeded_engine, actor):
    with pytest.raises(NotFound, match="Indikator '99' tidak ada"):
        indicator_drilldown(seeded_engine, actor("ketua"), "53.71", "99")
    with pytest.raises(NotFound, match="Wilayah dengan kode '99.99'"):
        scores_overview(seeded_engine, actor("admin"), "99.99", 2024)
    with pytest.raises(NotFound, match="Siklus evaluasi 2019"):
        score_gaps(seeded_engine, actor("ketua"), "53.71", 2019)


@pytest.mark.parametrize("username", ["opd.dinkes", "opd.dp3a"])
def test_opd_accounts_are_refused(seeded_engine, actor, username):
    for read in (lambda a: scores_overview(seeded_engine, a, "53.71", 2024),
                 lambda a: score_gaps(seeded_engine, a, "53.71", 2024),
                 lambda a: indicator_drilldown(seeded_engine, a, "53.71", "1"),
                 lambda a: readable_regions(seeded_engine, a)):
        with pytest.raises(PermissionDenied, match="Gugus Tugas KLA"):
            read(actor(username))


def test_task_force_of_another_region_is_refused_and_admin_reads_all(seeded_engine, actor, make_region_in):
    other = make_region_in(seeded_engine)
    with unit_of_work(seeded_engine) as session:
        session.execute(update(User).where(User.username == "anggota").values(region_id=other))
    stranger = actor("anggota")
    with pytest.raises(PermissionDenied, match="wilayah Anda sendiri"):
        scores_overview(seeded_engine, stranger, "53.71", 2024)
    assert readable_regions(seeded_engine, stranger) == []
    assert readable_regions(seeded_engine, actor("admin"))[0]["years"] == [2025, 2024, 2023, 2022]
    readings = scores_overview(seeded_engine, actor("admin"), "53.71", 2024).readings
    assert readings["verified"]["predikat_name"] == "Madya"


def test_a_deactivated_account_reads_nothing(seeded_engine, actor):
    ketua = actor("ketua")
    with unit_of_work(seeded_engine) as session:
        session.execute(update(User).where(User.username == "ketua").values(active=False))
    with pytest.raises(PermissionDenied, match="dinonaktifkan"):
        scores_overview(seeded_engine, ketua, "53.71", 2024)


@pytest.fixture
def make_region_in():
    def make(engine) -> int:
        with unit_of_work(engine) as session:
            region = Region(code="53.01", name="Kabupaten Kupang", kind="kabupaten", province_code="53",
                            province_name="Nusa Tenggara Timur")
            session.add(region)
            session.flush()
            return region.id

    return make
