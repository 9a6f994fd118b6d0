"""Accounts for every unit in one step (data/services/accounts/unit_accounts.py) and their login
slips (data/files/login_slips.py, pdf_look.cut_slips), also through manage.py unit-accounts."""
import io
import re

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

import manage
from data.actor import COMMAND_LINE
from data.db import unit_of_work
from data.errors import InvalidInput, PermissionDenied
from data.models import AuditLog, ReportingUnit, User
from data.services.accounts.auth import authenticate, command_line_user
from data.services.accounts.unit_accounts import create_unit_accounts, login_slips
from data.services.regions.regions import add_region
from data.services.units.changes import add_unit


def text_of(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def counts(engine) -> tuple[int, int]:
    with unit_of_work(engine) as session:
        return (session.scalar(select(func.count()).select_from(User)),
                session.scalar(select(func.count()).select_from(AuditLog)))


def units_without_account(engine, region_code: str = "53.71") -> list[str]:
    with unit_of_work(engine) as session:
        served = select(User.reporting_unit_id).where(User.active.is_(True), User.reporting_unit_id.is_not(None))
        return list(session.scalars(select(ReportingUnit.short_name).where(
            ReportingUnit.active.is_(True), ReportingUnit.region.has(code=region_code),
            ReportingUnit.id.not_in(served))))


def test_every_unit_gets_its_account_once_and_the_slips_carry_the_passwords(seeded_engine, monkeypatch):
    monkeypatch.setenv("KLA_APP_URL", "https://kla.kupangkota.go.id")
    secretariat = command_line_user(seeded_engine, "sekretariat")
    missing = units_without_account(seeded_engine)
    assert missing, "the demo leaves most kelurahan without an account"
    result = create_unit_accounts(seeded_engine, secretariat)
    assert len(result.created) == len(missing) and units_without_account(seeded_engine) == []
    first = result.created[0]
    assert first.username.startswith("kel.") and first.kind == "kelurahan"
    signed_in = authenticate(seeded_engine, first.username, first.one_time_password)
    assert signed_in.must_change_password and signed_in.role == "kelurahan"
    with unit_of_work(seeded_engine) as session:
        details = repr([a.details for a in session.scalars(
            select(AuditLog).where(AuditLog.action == "create_user"))])
    assert details.count("unit_accounts") == len(missing)
    assert all(a.one_time_password not in details for a in result.created)

    slips = text_of(login_slips(result))
    for account in result.created:
        assert account.username in slips and account.one_time_password in slips and account.unit_name in slips
    assert "https://kla.kupangkota.go.id" in slips and "Ganti kata sandi sekali pakai" in slips
    assert len(PdfReader(io.BytesIO(login_slips(result))).pages) == -(-len(missing) // 8)

    before = counts(seeded_engine)
    again = create_unit_accounts(seeded_engine, secretariat)
    assert again.created == [] and counts(seeded_engine) == before
    assert "sudah memiliki akun petugas; tidak ada akun baru" in again.message


def test_only_the_admin_or_the_region_s_secretariat_may_create_them(seeded_engine):
    before = counts(seeded_engine)
    for name in ("ketua", "opd.dinkes"):
        with pytest.raises(PermissionDenied):
            create_unit_accounts(seeded_engine, command_line_user(seeded_engine, name), "53.71")
    add_region(seeded_engine, COMMAND_LINE, "13.76")
    with pytest.raises(PermissionDenied, match="wilayah Anda sendiri"):
        create_unit_accounts(seeded_engine, command_line_user(seeded_engine, "sekretariat"), "13.76")
    assert counts(seeded_engine)[0] == before[0]


def test_a_region_without_units_is_told_what_to_do_first_and_a_taken_name_gets_the_region_code(seeded_engine):
    add_region(seeded_engine, COMMAND_LINE, "13.76")
    before = counts(seeded_engine)
    with pytest.raises(InvalidInput, match="belum memiliki OPD, kecamatan atau kelurahan aktif; tambahkan"):
        create_unit_accounts(seeded_engine, COMMAND_LINE, "13.76")
    assert counts(seeded_engine) == before
    add_unit(seeded_engine, COMMAND_LINE, "kecamatan", "Kelapa Lima", region_code="13.76")
    created = create_unit_accounts(seeded_engine, COMMAND_LINE, "13.76").created
    assert [a.username for a in created] == ["kec.kelapa_lima.1376"]


def test_manage_unit_accounts_writes_the_slips_to_a_new_file_only(seeded_url, seeded_engine, monkeypatch, capsys,
                                                                  tmp_path):
    monkeypatch.setenv("KLA_DATABASE_URL", seeded_url)
    out = tmp_path / "slip.pdf"
    out.write_bytes(b"old")
    assert manage.main(["unit-accounts", "--region", "53.71", "--slips-out", str(out)]) == 1
    assert "sudah ada" in capsys.readouterr().err and units_without_account(seeded_engine)
    out.unlink()
    assert manage.main(["unit-accounts", "--region", "53.71", "--slips-out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "akun petugas dibuat" in printed and str(out) in printed
    assert units_without_account(seeded_engine) == [] and out.stat().st_mode & 0o077 == 0
    created = text_of(out.read_bytes())
    with unit_of_work(seeded_engine) as session:
        new = list(session.scalars(select(User.username).where(User.must_change_password.is_(True))))
    assert new and all(username in created for username in new)
    passwords = re.findall(r"Kata sandi\s*(\S{12})", created)
    assert len(passwords) == len(new) and not any(p in printed for p in passwords)
