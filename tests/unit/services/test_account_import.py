"""Accounts imported from a spreadsheet (data/services/accounts/account_import.py) and the
manage.py commands import-users, reset-password and create-user --one-time."""
import csv
import io

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

import manage
from data.db import unit_of_work
from data.errors import InvalidInput, PermissionDenied
from data.models import AuditLog, User
from data.services.accounts.account_import import import_accounts
from data.services.accounts.auth import authenticate, command_line_user

GOOD = ("Nama_Pengguna;NAMA;peran;unit;telepon;email\n"
        "opd.dlh.baru;Petugas DLH;opd;dlh;0812 1111 2222;dlh@kupangkota.go.id\n"
        "kec.alak.dua;Petugas Kecamatan Alak;kecamatan;kec_alak;;\n")


def counts(engine):
    with unit_of_work(engine) as session:
        return (session.scalar(select(func.count()).select_from(User)),
                session.scalar(select(func.count()).select_from(AuditLog)))


def xlsx(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_accounts_are_checked_then_created_with_one_time_passwords(seeded_engine):
    secretariat = command_line_user(seeded_engine, "sekretariat")
    before = counts(seeded_engine)
    checked = import_accounts(seeded_engine, secretariat, GOOD.encode(), "akun.csv", apply=False)
    assert [a["username"] for a in checked.accounts] == ["opd.dlh.baru", "kec.alak.dua"]
    assert counts(seeded_engine) == before
    done = import_accounts(seeded_engine, secretariat, GOOD.encode(), "akun.csv", apply=True)
    first = done.accounts[0]
    user = authenticate(seeded_engine, "opd.dlh.baru", first["one_time_password"])
    assert user.must_change_password and user.unit_short_name == "dlh"
    with unit_of_work(seeded_engine) as session:
        assert session.scalar(select(User.phone).where(User.username == "opd.dlh.baru")) == "+6281211112222"
        logged = repr([a.details for a in session.scalars(select(AuditLog).where(AuditLog.action == "create_user"))])
    assert first["one_time_password"] not in logged


def test_an_xlsx_file_works_too(seeded_engine):
    data = xlsx([["nama_pengguna", "nama", "peran", "unit"],
                 ["kel.oebufu", "Petugas Oebufu", "kelurahan", "kel_oebufu"]])
    assert import_accounts(seeded_engine, command_line_user(seeded_engine, "sekretariat"), data, "a.xlsx",
                           apply=True).accounts[0]["username"] == "kel.oebufu"


@pytest.mark.parametrize("row, message", [
    ("ketua.dua;Ketua Dua;ketua;;;", "Hanya admin yang dapat memberi peran"),
    ("opd.x;X;opd;tidak_ada;;", "Unit 'tidak_ada' tidak terdaftar"),
    ("opd.x;X;opd;kec_alak;;", "peran opd memerlukan opd"),
    ("opd.dp3a;X;opd;dp3a;;", "Nama pengguna opd.dp3a sudah dipakai"),
    ("opd.dlh.baru;Lagi;opd;dlh;;", "sudah ada di baris 2"),
    ("opd.y;Y;raja;dlh;;", "Peran 'raja' tidak dikenal"),
    ("opd.z;Z;opd;dlh;123;", "Nomor telepon '123' tidak dikenali"),
    ("opd.z;Z;opd;dlh;;=cmd|' /C calc'!A0", "berisi rumus"),
])
def test_a_bad_row_refuses_the_whole_file(seeded_engine, row, message):
    before = counts(seeded_engine)
    data = (GOOD + row + "\n").encode()
    with pytest.raises(InvalidInput) as refused:
        import_accounts(seeded_engine, command_line_user(seeded_engine, "sekretariat"), data, "akun.csv", apply=True)
    assert any(message in m for m in refused.value.messages), refused.value.messages
    assert counts(seeded_engine) == before


def test_too_many_rows_and_other_regions_are_refused(seeded_engine):
    many = GOOD.splitlines()[0] + "\n" + "".join(f"opd.n{i};N;opd;dlh;;\n" for i in range(1001))
    with pytest.raises(InvalidInput, match="lebih dari 1000 baris"):
        import_accounts(seeded_engine, command_line_user(seeded_engine, "sekretariat"), many.encode(), "a.csv", False)
    from data.actor import COMMAND_LINE
    from data.services.regions.regions import add_region

    add_region(seeded_engine, COMMAND_LINE, "13.76")
    with pytest.raises(PermissionDenied):
        import_accounts(seeded_engine, command_line_user(seeded_engine, "sekretariat"), GOOD.encode(), "a.csv",
                        False, region_code="13.76")


def test_manage_import_users_writes_the_passwords_to_their_own_file(seeded_url, seeded_engine, monkeypatch,
                                                                     tmp_path, capsys):
    monkeypatch.setenv("KLA_DATABASE_URL", seeded_url)
    source = tmp_path / "akun.csv"
    source.write_text(GOOD)
    out = tmp_path / "sandi.csv"
    args = ["import-users", "--region", "53.71", "--file", str(source), "--user", "sekretariat"]
    assert manage.main(args + ["--apply"]) == 1
    assert "--passwords-out" in capsys.readouterr().err
    assert manage.main(args) == 0 and not out.exists()
    assert manage.main(args + ["--apply", "--passwords-out", str(out)]) == 0
    printed = capsys.readouterr().out
    rows = list(csv.DictReader(out.open()))
    assert [r["nama_pengguna"] for r in rows] == ["opd.dlh.baru", "kec.alak.dua"]
    assert rows[0]["kata_sandi_sekali_pakai"] not in printed
    assert authenticate(seeded_engine, "kec.alak.dua", rows[1]["kata_sandi_sekali_pakai"]).must_change_password
    assert manage.main(args + ["--apply", "--passwords-out", str(out)]) == 1  # never overwritten
    assert "sudah ada" in capsys.readouterr().err
    assert manage.main(["reset-password", "--username", "opd.dinsos"]) == 0
    password = capsys.readouterr().out.rsplit(": ", 1)[1].strip()
    assert authenticate(seeded_engine, "opd.dinsos", password).must_change_password
    assert manage.main(["create-user", "opd.bnn2", "--role", "opd", "--region", "53.71", "--unit", "bnn",
                        "--one-time", "--phone", "081299998888"]) == 0
    password = capsys.readouterr().out.rsplit(": ", 1)[1].strip()
    assert authenticate(seeded_engine, "opd.bnn2", password).unit_short_name == "bnn"
