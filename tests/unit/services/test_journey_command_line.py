"""A second city from an empty database to its first verified answer through manage.py only:
Kota Payakumbuh (13.76) with DP3AP2KB answering for the catalog's dp3a."""
import csv
import io
import re
import sys

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

import evidence_samples as samples
import manage
from data.db import make_engine, unit_of_work
from data.files.entry_workbook import COLUMN_INDEX, FIRST_DATA_ROW
from data.models import Answer, Question, Region
from data.services.accounts.auth import authenticate
from data.services.public.summary import list_public_regions

PDF = samples.PDF
OPD_FILE = ("jenis,nama,nama_singkat,sumber_data\n"
            'opd,"Dinas Pengendalian Penduduk, KB, Pemberdayaan Perempuan dan Perlindungan Anak (DP3AP2KB)",'
            "dp3ap2kb,dp3a\n"
            "opd,Dinas Kesehatan Kota Payakumbuh,dinkes,dinkes\n"
            "opd,Badan Perencanaan Pembangunan Daerah (Bappeda),bappeda,\"bappeda, jdih\"\n")
USERS_FILE = ("nama_pengguna,nama,peran,unit,telepon,email\n"
              "opd.dinkes.pyk,Petugas Dinkes,opd,dinkes,0812-7000-1111,dinkes@payakumbuhkota.go.id\n"
              "opd.bappeda.pyk,Petugas Bappeda,opd,bappeda,,\n")


@pytest.fixture
def cli(new_database_url, monkeypatch, capsys):
    url = new_database_url
    monkeypatch.setenv("KLA_DATABASE_URL", url)

    def run(*argv, stdin: str | None = None):
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        code = manage.main([str(a) for a in argv])
        out, err = capsys.readouterr()
        assert code == 0, (argv, out, err)
        return out

    def failing(*argv, stdin: str | None = None):
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        code = manage.main([str(a) for a in argv])
        out, err = capsys.readouterr()
        return code, out, err

    run.url = url
    run.failing = failing
    return run


def answer_first_yes_no(path, code):
    book = load_workbook(path)
    sheet = book["Jawaban"]
    for line in range(FIRST_DATA_ROW, sheet.max_row + 1):
        if sheet.cell(line, 1).value == code:
            sheet.cell(line, COLUMN_INDEX["answer"] + 1).value = "Ya"
            book.save(path)
            return
    raise AssertionError(f"{code} not in the template")


def test_payakumbuh_reaches_its_first_verified_answer_through_the_command_line(cli, tmp_path):
    cli("init-db")
    cli("create-user", "admin.pyk", "--name", "Admin", "--role", "admin", stdin="Rahasia-Admin-1\n")
    assert "Kota Payakumbuh (Sumatera Barat) ditambahkan" in cli(
        "add-region", "--code", "13.76", "--name", "Kota Payakumbuh", "--province", "Sumatera Barat",
        "--user", "admin.pyk")
    cli("create-areas", "--region", "13.76", "--user", "admin.pyk", "--apply")
    cli("create-user", "sek.pyk", "--name", "Sekretariat KLA", "--role", "secretariat", "--region", "13.76",
        stdin="Rahasia-Sekretariat-1\n")
    cli("create-user", "ketua.pyk", "--name", "Ketua Gugus Tugas", "--role", "chair", "--region", "13.76",
        stdin="Rahasia-Ketua-1\n")
    (tmp_path / "opd.csv").write_text(OPD_FILE)
    assert "OPD baru (akan ditambahkan) (3)" in cli("import-units", "--region", "13.76", "--file",
                                                      tmp_path / "opd.csv", "--user", "sek.pyk")
    cli("import-units", "--region", "13.76", "--file", tmp_path / "opd.csv", "--user", "sek.pyk", "--apply")
    (tmp_path / "akun.csv").write_text(USERS_FILE)
    cli("import-users", "--file", tmp_path / "akun.csv", "--user", "sek.pyk", "--apply",
        "--passwords-out", tmp_path / "sandi.csv")
    passwords = {r["nama_pengguna"]: r["kata_sandi_sekali_pakai"]
                 for r in csv.DictReader((tmp_path / "sandi.csv").open())}
    cli("create-user", "opd.dp3ap2kb", "--name", "Petugas DP3AP2KB", "--role", "opd", "--region", "13.76",
        "--unit", "dp3ap2kb", stdin="Rahasia-Dp3ap2kb-1\n")
    opened = cli("open-cycle", "--year", "2025", "--deadline", "2999-12-31", "--user", "sek.pyk")
    assert "Siklus 2025 13.76 dibuka" in opened

    engine = make_engine(cli.url)
    try:
        assert authenticate(engine, "opd.dinkes.pyk", passwords["opd.dinkes.pyk"]).must_change_password
        with unit_of_work(engine) as session:
            region = session.scalar(select(Region).where(Region.code == "13.76"))
            assert list_public_regions(engine) == []  # nothing public before a cycle is published
        template = tmp_path / "dp3ap2kb.xlsx"
        cli("export-template", "--opd", "dp3ap2kb", "--cycle", 2025, "--region", "13.76", template)
        answer_first_yes_no(template, "1.1")
        cli("import-entries", template, "--user", "opd.dp3ap2kb")
        (tmp_path / "perda_kla.pdf").write_bytes(PDF)
        cli("attach-evidence", "--user", "opd.dp3ap2kb", "--question", "1.1", "--file", tmp_path / "perda_kla.pdf")
        cli("submit", "--user", "opd.dp3ap2kb", "--question", "1.1")
        assert "terverifikasi" in cli("verify", "--user", "ketua.pyk", "--question", "1.1", "--unit", "dp3ap2kb")
        with unit_of_work(engine) as session:
            answer = session.scalar(select(Answer).join(Question, Answer.question_id == Question.id)
                                    .where(Answer.region_id == region.id, Question.code == "1.1"))
            assert (answer.status, answer.bool_value, answer.verified_points > 0) == ("verified", True, True)
        assert list_public_regions(engine) == []  # verified, but the cycle is not published

        dinkes_template = tmp_path / "dinkes.xlsx"
        cli("export-template", "--opd", "dinkes", "--cycle", 2025, "--region", "13.76", dinkes_template)
        code, out, err = cli.failing("import-entries", dinkes_template, "--user", "opd.dinkes.pyk")
        assert (code, out) == (1, "")
        assert err == ("Akun 'opd.dinkes.pyk' masih memakai kata sandi sekali pakai; gantilah dulu dengan: "
                       "manage.py set-password opd.dinkes.pyk\n")
        code, _, err = cli.failing("set-password", "opd.dinkes.pyk",
                                   stdin=f"{passwords['opd.dinkes.pyk']}\nRahasia-Dinkes-1\nRahasia-Dinkes-2\n")
        assert (code, err) == (1, "Kata sandi baru tidak sama; kata sandi tidak diganti.\n")
        assert "diganti" in cli("set-password", "opd.dinkes.pyk",
                                stdin=f"{passwords['opd.dinkes.pyk']}\nRahasia-Dinkes-1\nRahasia-Dinkes-1\n")
        assert not authenticate(engine, "opd.dinkes.pyk", "Rahasia-Dinkes-1").must_change_password
        assert "disimpan sebagai draf" in cli("import-entries", dinkes_template, "--user", "opd.dinkes.pyk")

        listed = cli("units", "--region", "13.76", "--user", "sek.pyk")
        assert any(line.split()[:4] == ["dinkes", "opd", "opd.dinkes.pyk", "Dinas"] for line in listed.splitlines())
        kelurahan = next(line.split() for line in listed.splitlines() if " kelurahan " in line)
        assert kelurahan[2].startswith("kec_") and kelurahan[3] == "-"
        count = len(listed.splitlines()) - 2
        assert re.fullmatch(rf"{count} unit di 13\.76: 3 OPD, \d+ kecamatan, \d+ desa/kelurahan\.",
                            listed.splitlines()[-1])

        code, _, err = cli.failing("publish", "--user", "ketua.pyk", "--cycle", 2025)
        assert (code, err) == (1, "Tutup siklus 2025 dulu: hanya siklus yang sudah ditutup yang dapat "
                                  "dipublikasikan.\n")
        assert "ditutup" in cli("close-cycle", "--user", "ketua.pyk", "--cycle", 2025)
        code, _, err = cli.failing("publish", "--user", "ketua.pyk", "--cycle", 2025)
        assert code == 1 and err.startswith("Baru 1 dari 274 pertanyaan terverifikasi") and "Tuliskan alasan" in err
        assert "dipublikasikan" in cli("publish", "--user", "ketua.pyk", "--cycle", 2025,
                                       "--reason", "Uji coba baris perintah")
        assert [r["code"] for r in list_public_regions(engine)] == ["13.76"]
    finally:
        engine.dispose()
