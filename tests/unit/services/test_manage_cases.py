"""manage.py import-cases and export-public against a copy of the seeded demo."""
from __future__ import annotations

import pytest
from sqlalchemy import select

import manage
from data.db import unit_of_work
from data.models import AuditLog, CaseStatistic

GOOD = ("tahun;kelompok_korban;jenis_kekerasan;jenis_kelamin;kelompok_umur;penyebab;sumber;tempat;layanan;jumlah\n"
        "2025;anak;fisik;perempuan;6-12;pola_asuh;uptd_ppa;;;7\n"
        "2025;perempuan_dewasa;psikis;perempuan;18+;ekonomi;polres;;;12\n")


@pytest.fixture
def database(seeded_url, monkeypatch):
    monkeypatch.setenv("KLA_DATABASE_URL", seeded_url)
    return seeded_url


def rows_of(engine, year: int) -> list[int]:
    with unit_of_work(engine) as session:
        return list(session.scalars(select(CaseStatistic.case_count).where(CaseStatistic.year == year)
                                    .order_by(CaseStatistic.id)))


def test_import_cases_dry_run_then_for_real(database, seeded_engine, tmp_path, capsys):
    path = tmp_path / "kasus.csv"
    path.write_bytes(GOOD.encode("utf-8-sig"))
    assert manage.main(["import-cases", str(path), "--dry-run", "--region", "53.71"]) == 0
    out = capsys.readouterr().out
    assert "Pemeriksaan lolos, belum ada yang disimpan: 2 baris (utf-8, pemisah ';')" in out
    assert "2025: 0 -> 2 baris, 0 -> 19 kasus" in out
    assert rows_of(seeded_engine, 2025) == []

    assert manage.main(["import-cases", str(path), "--user", "opd.dp3a"]) == 0
    assert "Impor selesai" in capsys.readouterr().out
    assert rows_of(seeded_engine, 2025) == [7, 12]
    with unit_of_work(seeded_engine) as session:
        entry = session.scalar(select(AuditLog).where(AuditLog.action == "import_case_statistics"))
        assert entry.entity_id == "53.71/2025" and entry.actor_id is not None


def test_import_cases_bad_file_prints_every_problem_and_changes_nothing(database, seeded_engine, tmp_path, capsys):
    path = tmp_path / "kasus.csv"
    path.write_text(GOOD + "2025;anak;fisik;perempuan;6-12;pola_asuh;uptd_ppa;;;-3\n2025;anak;x;;;;;;;2\n")
    before = rows_of(seeded_engine, 2023)
    assert manage.main(["import-cases", str(path), "--region", "53.71"]) == 1
    err = capsys.readouterr().err
    assert "Baris 4:" in err and "negatif" in err and "Baris 5:" in err and "Tidak ada yang diimpor." in err
    assert rows_of(seeded_engine, 2025) == [] and rows_of(seeded_engine, 2023) == before


@pytest.mark.parametrize(("argv", "message"), [
    (["--user", "opd.dinkes"], "Hanya admin, sekretariat KLA"),
    (["--user", "tidak.ada"], "tidak ditemukan"),
    ([], "Sebutkan wilayahnya dengan --region"),
    (["--region", "99.99"], "Wilayah dengan kode '99.99' tidak ditemukan"),
])
def test_import_cases_refusals(database, seeded_engine, tmp_path, capsys, argv, message):
    path = tmp_path / "kasus.csv"
    path.write_text(GOOD)
    assert manage.main(["import-cases", str(path), *argv]) == 1
    assert message in capsys.readouterr().err
    assert rows_of(seeded_engine, 2025) == []


def test_import_cases_missing_file(database, capsys):
    assert manage.main(["import-cases", "/nonexistent/kasus.csv", "--region", "53.71"]) == 1
    assert "tidak dapat dibaca" in capsys.readouterr().err


def test_export_public_refuses_an_unpublished_cycle(database, tmp_path, capsys):
    out = tmp_path / "publik"
    assert manage.main(["export-public", "--region", "53.71", "--cycle", "2025", "--out", str(out)]) == 1
    assert "Siklus 2025 untuk Kota Kupang belum diterbitkan" in capsys.readouterr().err
    assert not out.exists()
