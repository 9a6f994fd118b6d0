import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from data.db import make_engine, migrate, unit_of_work
from data.errors import NotFound
from data.models import Answer, AuditLog, EvaluationCycle, ReportingUnit, User
from data.services.public.summary import list_public_regions, public_summary
from data.services.scoring.scores import score_report
from indicators.catalog import DEFAULT_CATALOG, load_catalog
from seed import kupang
from seed.answers import calibrated_offset
from seed.demo import seed_demo

ROOT = Path(__file__).resolve().parents[3]


def test_demo_tells_a_story_from_pratama_towards_madya(seeded_engine):
    reports = {year: score_report(seeded_engine, "53.71", year) for year in (2022, 2023, 2024)}
    totals = [reports[y]["total"] for y in (2022, 2023, 2024)]
    assert totals == sorted(totals) and totals[0] >= 500
    assert reports[2022]["predikat"] == "Pratama" and reports[2024]["predikat"] == "Madya"
    for report in reports.values():
        assert report["published"] and report["cycle_status"] == "closed"
        assert sum(g["points"] for g in report["groups"]) == pytest.approx(report["total"], abs=0.01)
        assert [g["max_points"] for g in report["groups"]] == [164, 115, 156, 150, 110, 205, 100]
        assert len(report["indicators"]) == 31
    self_2024 = score_report(seeded_engine, "53.71", 2024, basis="self")
    assert self_2024["total"] > reports[2024]["total"]  # the task force lowered some answers


def test_open_cycle_is_partly_answered_and_unpublished(seeded_engine):
    report = score_report(seeded_engine, "53.71", 2025, basis="self")
    assert report["cycle_status"] == "open" and not report["published"]
    assert 100 < report["answered_count"] < 200
    with unit_of_work(seeded_engine) as session:
        statuses = dict(session.execute(
            select(Answer.status, func.count()).join(EvaluationCycle, Answer.cycle_id == EvaluationCycle.id)
            .where(EvaluationCycle.year == 2025).group_by(Answer.status)).all())
    assert set(statuses) == {"draft", "submitted", "returned", "verified"}


def test_demo_has_the_kupang_units_and_accounts(seeded_engine):
    with unit_of_work(seeded_engine) as session:
        kecamatan = set(session.scalars(select(ReportingUnit.name).where(ReportingUnit.kind == "kecamatan")))
        usernames = set(session.scalars(select(User.username)))
    assert kecamatan == {f"Kecamatan {n}"
                         for n in ("Alak", "Kelapa Lima", "Kota Lama", "Kota Raja", "Maulafa", "Oebobo")}
    assert {"admin", "sekretariat", "ketua", "anggota", "opd.disdukcapil", "opd.dp3a", "opd.bappeda"} <= usernames


def test_demo_is_deterministic_and_loads_once(seeded_engine, new_database_url):
    url = new_database_url
    migrate(url)
    again = make_engine(url)
    assert seed_demo(again, neighbours=False) is True
    assert seed_demo(again) is False
    for year in (2022, 2025):
        assert score_report(again, "53.71", year, "self") == score_report(seeded_engine, "53.71", year, "self")
    with unit_of_work(again) as session:
        assert session.scalar(select(func.count(AuditLog.id)).where(AuditLog.action == "seed_demo")) == 1
    again.dispose()


def test_the_remembered_calibration_is_what_calibrating_finds():
    catalog = load_catalog(DEFAULT_CATALOG)
    assert {spec["year"]: calibrated_offset(catalog, spec["year"], spec["target_total"]) for spec in kupang.CYCLES} \
        == kupang.CALIBRATED_OFFSETS


def test_public_summary_shows_only_published_verified_cycles(seeded_engine):
    summary = public_summary(seeded_engine, "53.71")
    assert summary.year == 2024 and summary.predikat_name == "Madya"
    assert list(summary.trend["year"]) == [2022, 2023, 2024]
    assert summary.total == pytest.approx(score_report(seeded_engine, "53.71", 2024)["total"])
    assert summary.groups["points"].sum() == pytest.approx(summary.total)
    assert list_public_regions(seeded_engine) == [
        {"code": "53.71", "name": "Kota Kupang", "province_name": "Nusa Tenggara Timur", "home": True}]
    with unit_of_work(seeded_engine) as session:
        session.execute(EvaluationCycle.__table__.update().values(published=False))
    assert public_summary(seeded_engine, "53.71") is None
    assert list_public_regions(seeded_engine) == []


def test_unknown_region_and_cycle_are_named(seeded_engine):
    with pytest.raises(NotFound, match="kode '99.99' tidak ditemukan"):
        score_report(seeded_engine, "99.99", 2024)
    with pytest.raises(NotFound, match="Siklus evaluasi 2019 .* Siklus yang ada: 2022, 2023, 2024, 2025"):
        score_report(seeded_engine, "53.71", 2019)


def manage(*args, url: str, stdin: str = "") -> subprocess.CompletedProcess:
    env = {**os.environ, "KLA_DATABASE_URL": url, "KLA_ARGON2_FAST": "1"}
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, input=stdin,
                          capture_output=True, text=True, timeout=120)


def test_manage_score_json_matches_the_service(seeded_url, seeded_engine):
    done = manage("score", "--region", "53.71", "--cycle", "2024", "--json", url=seeded_url)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report == score_report(seeded_engine, "53.71", 2024)
    assert {"region", "cycle", "basis", "total", "predikat", "groups", "indicators", "missing_count",
            "points_to_next_predikat"} <= set(report)
    self_done = manage("score", "--region", "53.71", "--cycle", "2024", "--basis", "self", "--json", url=seeded_url)
    assert json.loads(self_done.stdout)["basis"] == "self"


def test_manage_reports_errors_in_one_sentence_with_non_zero_exit(seeded_url, tmp_path):
    unknown = manage("score", "--region", "11.11", "--cycle", "2024", url=seeded_url)
    assert unknown.returncode == 1 and "tidak ditemukan" in unknown.stderr and "Traceback" not in unknown.stderr
    unreachable = manage("score", "--region", "53.71", "--cycle", "2024",
                         url="postgresql+psycopg://kla:x@127.0.0.1:9/kla")
    assert unreachable.returncode == 1 and "Basis data tidak dapat dihubungi" in unreachable.stderr
    assert "x@" not in unreachable.stderr  # the password is not printed
    bad = tmp_path / "rusak.yaml"
    bad.write_text("version: X\ntotal_points: 10\ngroups: []\n", encoding="utf-8")
    checked = manage("check-catalog", str(bad), url=seeded_url)
    assert checked.returncode == 1 and "rusak.yaml" in checked.stderr
    good = manage("check-catalog", str(ROOT / "indicators/catalogs/kla_2024.yaml"), url=seeded_url)
    assert good.returncode == 0 and "274 pertanyaan" in good.stdout


def test_manage_create_user_reads_the_password_without_echo(seeded_url, seeded_engine):
    done = manage("create-user", "opd.baru", "--name", "Operator Baru", "--role", "opd", "--region", "53.71",
                  "--unit", "dinsos", url=seeded_url, stdin="sandi-yang-panjang\n")
    assert done.returncode == 0, done.stderr
    assert "sandi-yang-panjang" not in done.stdout + done.stderr
    refused = manage("create-user", "opd.baru", "--role", "opd", "--region", "53.71", "--unit", "dinsos",
                     url=seeded_url, stdin="pendek\n")
    assert refused.returncode == 1 and "sudah dipakai" in refused.stderr and "minimal 8" in refused.stderr


def test_manage_score_all_writes_every_region_and_cycle(seeded_url, seeded_engine, tmp_path):
    done = manage("score-all", "--out", str(tmp_path / "semua.csv"), url=seeded_url)
    assert done.returncode == 0, done.stderr
    assert "4 baris" in done.stdout
    rows = (tmp_path / "semua.csv").read_text().splitlines()
    assert rows[0] == "region,cycle,total,max_points,predikat,predikat_name,answered,missing"
    by_year = {int(line.split(",")[1]): float(line.split(",")[2]) for line in rows[1:]}
    assert by_year == {year: round(score_report(seeded_engine, "53.71", year)["total"], 2)
                       for year in (2022, 2023, 2024, 2025)}
    refused = manage("score-all", "--basis", "nilai", url=seeded_url)
    assert refused.returncode != 0 and "invalid choice" in refused.stderr
