"""Managing accounts (data/services/accounts/admin.py): who may grant what, one-time passwords,
deactivation, contacts, the last admin."""
import pytest
from sqlalchemy import func, select

from data.access import GRANTS, may_grant_role
from data.actor import COMMAND_LINE
from data.db import unit_of_work
from data.errors import AuthenticationFailed, InvalidInput, NotFound, PermissionDenied
from data.models import ROLES, AuditLog, User
from data.services.accounts import admin
from data.services.accounts.auth import authenticate, change_password, command_line_user
from data.services.entry.sheet import entry_sheet
from data.services.regions.regions import add_region
from seed.kupang import DEMO_PASSWORD


def users_and_audit(engine) -> tuple:
    with unit_of_work(engine) as session:
        return (tuple(session.execute(select(User.username, User.role, User.active, User.password_hash, User.phone)
                                      .order_by(User.id)).all()),
                session.scalar(select(func.count()).select_from(AuditLog)))


@pytest.mark.parametrize("actor_role, allowed", [
    ("admin", set(ROLES)), ("secretariat", {"opd", "kecamatan", "kelurahan", "forum"}),
    ("chair", set()), ("member", set()), ("opd", set()), ("kecamatan", set()), ("kelurahan", set()),
    ("forum", set()), ("province", set())])
def test_who_may_grant_which_role(seeded_engine, actor_role, allowed):
    actor = COMMAND_LINE.__class__(**{**COMMAND_LINE.__dict__, "role": actor_role, "command_line": False})
    assert {role for role in ROLES if may_grant_role(actor, role)} == allowed
    assert set(GRANTS["secretariat"]) == {"opd", "kecamatan", "kelurahan", "forum"}


def test_a_new_account_signs_in_once_with_its_one_time_password_and_must_replace_it(seeded_engine):
    secretariat = command_line_user(seeded_engine, "sekretariat")
    new = admin.create_account(seeded_engine, secretariat, "opd.dlh2", "Petugas DLH", "opd", None, "dlh",
                               phone="0812-3456-7890", email=" Petugas@KupangKota.go.id ")
    assert len(new.one_time_password) == 12
    user = authenticate(seeded_engine, "opd.dlh2", new.one_time_password)
    assert user.must_change_password
    with pytest.raises(PermissionDenied, match="Ganti dulu kata sandi sekali pakai"):
        entry_sheet(seeded_engine, user)
    change_password(seeded_engine, user, new.one_time_password, "Kata-Sandi-Baru-DLH")
    with pytest.raises(AuthenticationFailed):
        authenticate(seeded_engine, "opd.dlh2", new.one_time_password)
    fresh = authenticate(seeded_engine, "opd.dlh2", "Kata-Sandi-Baru-DLH")
    assert not fresh.must_change_password and len(entry_sheet(seeded_engine, fresh).rows) > 0
    row = next(a for a in admin.list_accounts(seeded_engine, secretariat) if a["username"] == "opd.dlh2")
    assert (row["phone"], row["email"], row["unit_short_name"]) == ("+6281234567890", "petugas@kupangkota.go.id", "dlh")
    with unit_of_work(seeded_engine) as session:
        details = [a.details for a in session.scalars(select(AuditLog).where(AuditLog.entity == "app_user"))]
    assert new.one_time_password not in repr(details) and "Kata-Sandi-Baru-DLH" not in repr(details)


def test_a_reset_password_replaces_the_old_one(seeded_engine):
    password = admin.reset_password(seeded_engine, command_line_user(seeded_engine, "sekretariat"), "opd.dinsos")
    with pytest.raises(AuthenticationFailed):
        authenticate(seeded_engine, "opd.dinsos", DEMO_PASSWORD)
    assert authenticate(seeded_engine, "opd.dinsos", password).must_change_password


def test_the_secretariat_manages_only_unit_accounts_of_its_region(seeded_engine):
    add_region(seeded_engine, COMMAND_LINE, "13.76")
    admin.create_account(seeded_engine, COMMAND_LINE, "sek.pyk", "Sekretariat Payakumbuh", "secretariat", "13.76")
    secretariat = command_line_user(seeded_engine, "sekretariat")
    before = users_and_audit(seeded_engine)
    for call in (lambda: admin.create_account(seeded_engine, secretariat, "ketua2", "Ketua Dua", "chair"),
                 lambda: admin.create_account(seeded_engine, secretariat, "anggota2", "Anggota", "member"),
                 lambda: admin.update_account(seeded_engine, secretariat, "opd.dinsos", role="chair"),
                 lambda: admin.reset_password(seeded_engine, secretariat, "ketua"),
                 lambda: admin.set_account_active(seeded_engine, secretariat, "anggota", False, "pindah"),
                 lambda: admin.reset_password(seeded_engine, secretariat, "sek.pyk"),
                 lambda: admin.list_accounts(seeded_engine, command_line_user(seeded_engine, "ketua"))):
        with pytest.raises(PermissionDenied):
            call()
    assert users_and_audit(seeded_engine) == before
    assert {a["region_code"] for a in admin.list_accounts(seeded_engine, secretariat)} == {"53.71"}


@pytest.mark.parametrize("changes, message", [
    ({"phone": "12345"}, "Nomor telepon '12345' tidak dikenali"),
    ({"email": "bukan-email"}, "Alamat e-mail 'bukan-email' tidak sah"),
    ({"role": "kecamatan"}, "memerlukan unit pelapor jenis kecamatan"),
    ({"unit_short_name": "tidak_ada"}, "Unit 'tidak_ada' tidak terdaftar"),
    ({"display_name": " "}, "Nama tampilan wajib diisi"),
])
def test_bad_changes_are_refused_and_nothing_changes(seeded_engine, changes, message):
    before = users_and_audit(seeded_engine)
    with pytest.raises(InvalidInput, match=message):
        admin.update_account(seeded_engine, COMMAND_LINE, "opd.dinsos", **changes)
    assert users_and_audit(seeded_engine) == before


def test_role_and_unit_change_and_the_old_session_stops(seeded_engine):
    old_session = authenticate(seeded_engine, "opd.dinsos", DEMO_PASSWORD)
    admin.update_account(seeded_engine, COMMAND_LINE, "opd.dinsos", unit_short_name="dlh", phone="+62 812 1111 2222")
    with pytest.raises(PermissionDenied, match="Hak akses akun Anda telah berubah"):
        entry_sheet(seeded_engine, old_session)
    row = next(a for a in admin.list_accounts(seeded_engine, COMMAND_LINE) if a["username"] == "opd.dinsos")
    assert (row["unit_short_name"], row["phone"]) == ("dlh", "+6281211112222")


def test_deactivation_needs_a_reason_and_never_removes_the_last_admin(seeded_engine):
    with pytest.raises(InvalidInput, match="alasannya"):
        admin.set_account_active(seeded_engine, COMMAND_LINE, "opd.dinsos", False, "")
    admin.set_account_active(seeded_engine, COMMAND_LINE, "opd.dinsos", False, "Pindah tugas")
    with pytest.raises(AuthenticationFailed, match="dinonaktifkan"):
        authenticate(seeded_engine, "opd.dinsos", DEMO_PASSWORD)
    admin.set_account_active(seeded_engine, COMMAND_LINE, "opd.dinsos", True, "Kembali")
    assert authenticate(seeded_engine, "opd.dinsos", DEMO_PASSWORD).username == "opd.dinsos"
    with pytest.raises(InvalidInput, match="admin aktif terakhir"):
        admin.set_account_active(seeded_engine, COMMAND_LINE, "admin", False, "uji")
    with pytest.raises(InvalidInput, match="admin aktif terakhir"):
        admin.update_account(seeded_engine, COMMAND_LINE, "admin", role="member")
    own = command_line_user(seeded_engine, "admin")
    admin.create_account(seeded_engine, COMMAND_LINE, "admin2", "Admin Dua", "admin")
    with pytest.raises(InvalidInput, match="akun Anda sendiri"):
        admin.set_account_active(seeded_engine, own, "admin", False, "uji")
    admin.set_account_active(seeded_engine, COMMAND_LINE, "admin", False, "digantikan admin2")
    with pytest.raises(NotFound):
        admin.reset_password(seeded_engine, COMMAND_LINE, "tidak.ada")


def test_the_completeness_report_names_the_focal_point_s_phone_and_e_mail(seeded_engine):
    from data.services.review.completeness import completeness_report

    admin.update_account(seeded_engine, COMMAND_LINE, "opd.dinsos",
                         phone="0813-1111-2222", email="dinsos@kupangkota.go.id")
    report = completeness_report(seeded_engine, command_line_user(seeded_engine, "ketua"), 2025)
    units = report.units.set_index("unit_short_name")
    assert units.loc["dinsos", "focal_points"] == (
        "Operator Dinas Sosial Kota Kupang (+6281311112222, dinsos@kupangkota.go.id)")
