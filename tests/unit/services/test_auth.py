"""Sign-in, account creation and password change against a real SQLite file and real argon2."""

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from data.actor import COMMAND_LINE
from data.db import unit_of_work
from data.errors import AuthenticationFailed, InvalidInput, PermissionDenied
from data.models import User
from data.services.accounts import auth
from data.services.accounts.auth import authenticate, change_password, create_user

WRONG_CREDENTIALS = "Nama pengguna atau kata sandi salah."


def stored_user(engine, username) -> User:
    with unit_of_work(engine) as session:
        return session.scalar(select(User).where(User.username == username))


# --- sign-in ---------------------------------------------------------------------------------


def test_sign_in_returns_who_the_user_is_and_where(demo_password, engine, kupang, make_user):
    make_user("opd.disdukcapil", "opd", region_id=kupang["region"], unit_id=kupang["disdukcapil"])

    user = authenticate(engine, "opd.disdukcapil", demo_password)

    assert (user.username, user.role) == ("opd.disdukcapil", "opd")
    assert (user.region_code, user.region_name) == ("53.71", "Kota Kupang")
    assert (user.unit_short_name, user.unit_name) == ("disdukcapil", "Disdukcapil Kota Kupang")


def test_sign_in_records_the_time_and_an_audit_row(demo_password, engine, make_user, audit_rows):
    admin = make_user("admin", "admin")
    assert stored_user(engine, "admin").last_login_at is None

    authenticate(engine, "admin", demo_password)

    assert stored_user(engine, "admin").last_login_at is not None
    [row] = audit_rows("sign_in")
    assert (row.actor_id, row.entity, row.entity_id) == (admin.id, "app_user", str(admin.id))


def test_sign_in_ignores_case_and_spaces_around_the_username(demo_password, engine, make_user):
    make_user("ketua", "chair")

    assert authenticate(engine, "  Ketua ", demo_password).username == "ketua"


def test_a_wrong_password_is_refused_and_audited_without_the_password(
    demo_password, engine, make_user, audit_rows
):
    make_user("ketua", "chair")

    with pytest.raises(AuthenticationFailed) as raised:
        authenticate(engine, "ketua", demo_password + "x")

    assert raised.value.message == WRONG_CREDENTIALS
    assert stored_user(engine, "ketua").last_login_at is None
    [row] = audit_rows()
    assert (row.action, row.details) == ("sign_in_failed", {"username": "ketua", "failed_in_a_row": 1})
    assert demo_password not in repr(row.details)


def test_an_unknown_user_gets_the_same_message_as_a_wrong_password(demo_password, engine):
    with pytest.raises(AuthenticationFailed) as raised:
        authenticate(engine, "nobody", demo_password)

    assert raised.value.message == WRONG_CREDENTIALS


def test_an_inactive_user_is_told_the_account_is_disabled(
    demo_password, engine, make_user, audit_rows
):
    make_user("anggota", "member", active=False)

    with pytest.raises(AuthenticationFailed) as raised:
        authenticate(engine, "anggota", demo_password)

    assert raised.value.message == "Akun ini dinonaktifkan. Hubungi sekretariat KLA."
    assert audit_rows() == []


def test_an_inactive_account_is_not_revealed_to_a_wrong_password(engine, make_user):
    make_user("anggota", "member", active=False)

    with pytest.raises(AuthenticationFailed) as raised:
        authenticate(engine, "anggota", "not-the-password")

    assert raised.value.message == WRONG_CREDENTIALS


def test_a_hash_with_outdated_parameters_is_replaced_at_sign_in(demo_password, engine, make_user):
    old_hash = PasswordHasher(time_cost=2, memory_cost=128, parallelism=1).hash(demo_password)
    make_user("sekretariat", "secretariat", password_hash=old_hash)

    authenticate(engine, "sekretariat", demo_password)

    new_hash = stored_user(engine, "sekretariat").password_hash
    assert new_hash != old_hash
    assert not auth.password_hasher().check_needs_rehash(new_hash)
    assert authenticate(engine, "sekretariat", demo_password).username == "sekretariat"


def test_passwords_are_stored_as_argon2id_hashes(demo_password, engine, make_user):
    make_user("admin", "admin")

    stored = stored_user(engine, "admin").password_hash

    assert stored.startswith("$argon2id$")
    assert demo_password not in stored


# --- creating accounts -----------------------------------------------------------------------


def test_the_command_line_creates_a_user_who_can_sign_in(engine, kupang, audit_rows):
    created = create_user(
        engine, COMMAND_LINE, "opd.dp3a", "Fokal DP3A", "kata-sandi-dp3a", "opd", "53.71", "dp3a"
    )

    assert (created.role, created.region_code, created.unit_short_name) == ("opd", "53.71", "dp3a")
    assert authenticate(engine, "opd.dp3a", "kata-sandi-dp3a").id == created.id
    [row] = audit_rows("create_user")
    assert row.actor_id is None
    assert row.details["new"]["username"] == "opd.dp3a"
    assert "kata-sandi-dp3a" not in str(row.details)
    assert "argon2" not in str(row.details)


def test_the_secretariat_creates_users_of_its_region(engine, kupang, make_user, audit_rows):
    secretariat = make_user("sekretariat", "secretariat", region_id=kupang["region"])

    created = create_user(
        engine, secretariat, "camat.oebobo", "Fokal Oebobo", "rahasia-oebobo", "kecamatan",
        "53.71", "oebobo",
    )

    assert created.unit_name == "Kecamatan Oebobo"
    [row] = audit_rows("create_user")
    assert (row.actor_id, row.region_id) == (secretariat.id, kupang["region"])


def test_the_deployment_admin_creates_users_in_any_region(engine, kupang, make_user):
    admin = make_user("admin", "admin")

    created = create_user(
        engine, admin, "ketua", "Kepala Bappeda", "rahasia-ketua", "chair", "53.71"
    )

    assert created.region_name == "Kota Kupang"


@pytest.mark.parametrize("role", ["opd", "kecamatan", "kelurahan", "member", "chair"])
def test_only_admin_and_secretariat_create_users(
    engine, kupang, make_user, audit_rows, count_users, role
):
    unit = {"opd": "dp3a", "kecamatan": "oebobo", "kelurahan": "fatululi"}.get(role)
    actor = make_user("pelaku", role, region_id=kupang["region"], unit_id=kupang.get(unit))
    users_before = count_users()

    with pytest.raises(PermissionDenied) as raised:
        create_user(engine, actor, "baru", "Pengguna Baru", "rahasia-baru", "member", "53.71")

    assert "admin atau sekretariat" in raised.value.message
    assert count_users() == users_before
    assert audit_rows() == []


def test_the_secretariat_cannot_create_an_admin(engine, kupang, make_user):
    secretariat = make_user("sekretariat", "secretariat", region_id=kupang["region"])

    with pytest.raises(PermissionDenied):
        create_user(
            engine, secretariat, "admin2", "Admin Kedua", "rahasia-admin", "admin", "53.71"
        )


def test_the_secretariat_cannot_create_users_of_another_region(
    engine, kupang, make_user, make_region
):
    make_region("53.04", "Kabupaten Belu", "53", "Nusa Tenggara Timur")
    secretariat = make_user("sekretariat", "secretariat", region_id=kupang["region"])

    with pytest.raises(PermissionDenied) as raised:
        create_user(
            engine, secretariat, "opd.belu", "OPD Belu", "rahasia-belu", "opd", "53.04"
        )

    assert "wilayah Anda sendiri" in raised.value.message


def test_a_deactivated_secretariat_can_no_longer_create_users(engine, kupang, make_user):
    secretariat = make_user("sekretariat", "secretariat", region_id=kupang["region"], active=False)

    with pytest.raises(PermissionDenied):
        create_user(engine, secretariat, "anggota", "Anggota", "rahasia-anggota", "member", "53.71")


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            {"role": "superuser"},
            "Peran 'superuser' tidak dikenal. Pilih salah satu: admin, secretariat, chair, "
            "member, opd, kecamatan, kelurahan, forum, province.",
        ),
        ({"password": "pendek"}, "Kata sandi minimal 8 karakter."),
        ({"username": "a b"}, "Nama pengguna harus 3-64 karakter"),
        ({"username": "x"}, "Nama pengguna harus 3-64 karakter"),
        ({"display_name": "  "}, "Nama tampilan wajib diisi."),
        ({"region_code": "99.99"}, "Wilayah dengan kode '99.99' tidak ditemukan."),
        ({"region_code": None}, "Wilayah (kode Kemendagri) wajib diisi"),
        ({"unit_short_name": None}, "Peran 'opd' memerlukan unit pelapor (opd)."),
        ({"unit_short_name": "dinkes"}, "Unit 'dinkes' tidak terdaftar di Kota Kupang."),
        (
            {"unit_short_name": "oebobo"},
            "Unit 'oebobo' adalah kecamatan, sedangkan peran 'opd' memerlukan opd.",
        ),
    ],
)
def test_bad_account_details_are_refused_with_a_clear_message(
    engine, kupang, audit_rows, count_users, arguments, message
):
    valid = {
        "username": "opd.dp3a",
        "display_name": "Fokal DP3A",
        "password": "kata-sandi-dp3a",
        "role": "opd",
        "region_code": "53.71",
        "unit_short_name": "dp3a",
    }

    with pytest.raises(InvalidInput) as raised:
        create_user(engine, COMMAND_LINE, **{**valid, **arguments})

    assert any(problem.startswith(message) for problem in raised.value.messages)
    assert count_users() == 0
    assert audit_rows() == []


def test_every_problem_is_reported_at_once(engine, kupang):
    with pytest.raises(InvalidInput) as raised:
        create_user(engine, COMMAND_LINE, "?", "", "pendek", "superuser", "53.71")

    assert len(raised.value.messages) == 4


def test_a_taken_username_is_refused_whatever_its_case(engine, kupang, make_user, audit_rows):
    make_user("ketua", "chair", region_id=kupang["region"])

    with pytest.raises(InvalidInput) as raised:
        create_user(engine, COMMAND_LINE, "KETUA", "Ketua Lain", "rahasia-ketua", "chair", "53.71")

    assert raised.value.messages == ["Nama pengguna 'ketua' sudah dipakai."]
    assert audit_rows() == []


def test_user_and_audit_row_are_written_in_one_transaction(
    engine, kupang, monkeypatch, audit_rows, count_users
):
    # The data version is bumped after the user and its audit row are flushed; if that last
    # step fails, neither may remain.
    def failing_bump(session):
        raise RuntimeError("disk full")

    monkeypatch.setattr(auth, "bump_data_version", failing_bump)

    with pytest.raises(RuntimeError):
        create_user(engine, COMMAND_LINE, "ketua", "Kepala Bappeda", "rahasia-ketua", "chair", "53.71")

    assert count_users() == 0
    assert audit_rows() == []


def test_no_user_is_created_when_its_audit_row_cannot_be_written(
    engine, kupang, monkeypatch, count_users
):
    def failing_record(*args, **kwargs):
        raise RuntimeError("audit log unavailable")

    monkeypatch.setattr(auth.audit, "record", failing_record)

    with pytest.raises(RuntimeError):
        create_user(engine, COMMAND_LINE, "ketua", "Kepala Bappeda", "rahasia-ketua", "chair", "53.71")

    assert count_users() == 0


# --- changing passwords ----------------------------------------------------------------------


def test_a_changed_password_replaces_the_old_one(demo_password, engine, make_user, audit_rows):
    member = make_user("anggota", "member")

    change_password(engine, member, demo_password, "kata-sandi-baru")

    assert authenticate(engine, "anggota", "kata-sandi-baru").id == member.id
    with pytest.raises(AuthenticationFailed):
        authenticate(engine, "anggota", demo_password)
    [row] = audit_rows("change_password")
    assert row.actor_id == member.id
    assert row.details == {}


def test_changing_the_password_needs_the_old_one(demo_password, engine, make_user, audit_rows):
    member = make_user("anggota", "member")
    hash_before = stored_user(engine, "anggota").password_hash

    with pytest.raises(AuthenticationFailed) as raised:
        change_password(engine, member, "bukan-sandi-lama", "kata-sandi-baru")

    assert raised.value.message == "Kata sandi lama salah."
    assert stored_user(engine, "anggota").password_hash == hash_before
    assert audit_rows() == []


def test_a_short_new_password_is_refused(demo_password, engine, make_user):
    member = make_user("anggota", "member")

    with pytest.raises(InvalidInput) as raised:
        change_password(engine, member, demo_password, "pendek")

    assert raised.value.messages == ["Kata sandi baru minimal 8 karakter."]
    assert authenticate(engine, "anggota", demo_password).id == member.id


def test_the_new_password_must_differ_from_the_old(demo_password, engine, make_user):
    member = make_user("anggota", "member")

    with pytest.raises(InvalidInput) as raised:
        change_password(engine, member, demo_password, demo_password)

    assert raised.value.messages == ["Kata sandi baru harus berbeda dari kata sandi lama."]


def test_five_wrong_passwords_lock_the_account_for_a_while_even_against_the_right_one(
    demo_password, engine, make_user, audit_rows
):
    make_user("ketua", "chair")
    for _ in range(5):
        with pytest.raises(AuthenticationFailed, match="salah"):
            authenticate(engine, "ketua", "tebakan-salah")
    with pytest.raises(AuthenticationFailed, match="dikunci sementara .* dalam 15 menit"):
        authenticate(engine, "ketua", demo_password)
    assert [r.action for r in audit_rows()][-2:] == ["sign_in_failed", "sign_in_refused"]
    assert audit_rows()[-2].details["locked_minutes"] == 15


def test_a_success_resets_the_count(demo_password, engine, make_user):
    make_user("ketua", "chair")
    for _ in range(4):
        with pytest.raises(AuthenticationFailed):
            authenticate(engine, "ketua", "tebakan-salah")
    authenticate(engine, "ketua", demo_password)
    for _ in range(4):
        with pytest.raises(AuthenticationFailed, match="salah"):
            authenticate(engine, "ketua", "tebakan-salah")
    assert authenticate(engine, "ketua", demo_password).username == "ketua"


@pytest.mark.parametrize("password", ["password", "12345678", "aaaaaaaa", "Kupang2024", "ketua.kupang"])
def test_common_and_guessable_passwords_are_refused(engine, kupang, count_users, password):
    with pytest.raises(InvalidInput, match="terlalu mudah ditebak|minimal 8"):
        create_user(engine, COMMAND_LINE, "ketua.kupang", "Ketua", password, "chair", "53.71")
    assert count_users() == 0


def test_a_password_change_ends_the_other_sessions(demo_password, engine, make_user):
    make_user("ketua", "chair")
    laptop = authenticate(engine, "ketua", demo_password)
    phone = authenticate(engine, "ketua", demo_password)
    laptop = change_password(engine, laptop, demo_password, "Pantau-Anak-Kupang-7")
    with pytest.raises(PermissionDenied, match="telah diganti"):
        change_password(engine, phone, demo_password, "Lain-Lagi-Kupang-8")
    assert change_password(engine, laptop, "Pantau-Anak-Kupang-7", "Lain-Lagi-Kupang-8").username == "ketua"


def test_many_failures_from_one_address_across_usernames_make_that_address_wait(
    demo_password, engine, make_user, audit_rows
):
    make_user("ketua", "chair")
    for attempt in range(20):  # a different username each time: no account reaches its own lock
        with pytest.raises(AuthenticationFailed, match="salah"):
            authenticate(engine, f"tebak{attempt:02d}", "tebakan-salah", client="203.0.113.9")
    with pytest.raises(AuthenticationFailed, match="dari jaringan ini. Coba lagi dalam 5 menit"):
        authenticate(engine, "ketua", demo_password, client="203.0.113.9")
    refused = audit_rows("sign_in_refused")[-1].details
    assert refused["reason"] == "client_locked" and refused["client"] == "203.0.113.9"
    # another address, and the command line (no address), are not held up
    assert authenticate(engine, "ketua", demo_password, client="198.51.100.4").username == "ketua"
    assert authenticate(engine, "ketua", demo_password).username == "ketua"
    assert all("tebakan-salah" not in str(row.details) for row in audit_rows())


def test_a_success_from_an_address_clears_its_count(demo_password, engine, make_user):
    make_user("ketua", "chair")
    for round_ in range(2):
        for attempt in range(19):
            with pytest.raises(AuthenticationFailed, match="salah"):
                authenticate(engine, f"tebak{round_}{attempt:02d}", "tebakan-salah", client="203.0.113.9")
        assert authenticate(engine, "ketua", demo_password, client="203.0.113.9").username == "ketua"


def test_a_strangers_wrong_passwords_do_not_keep_the_owner_out(demo_password, engine, make_user):
    """OWASP ASVS 2.2.1: the lock slows the guesser (the address that failed, and any address
    without one: each gets its first guess at most) and never refuses the owner's right password
    from an address that has failed nothing."""
    make_user("ketua", "chair")
    for _ in range(6):
        with pytest.raises(AuthenticationFailed):
            authenticate(engine, "ketua", "tebakan-salah", client="203.0.113.9")
    with pytest.raises(AuthenticationFailed, match="dikunci sementara"):
        authenticate(engine, "ketua", demo_password, client="203.0.113.9")
    with pytest.raises(AuthenticationFailed, match="dikunci sementara"):
        authenticate(engine, "ketua", demo_password)  # an unknown address is held back as before
    with pytest.raises(AuthenticationFailed, match="salah"):
        authenticate(engine, "ketua", "tebakan-lain", client="198.51.100.7")  # a new address: one guess
    with pytest.raises(AuthenticationFailed, match="dikunci sementara"):
        authenticate(engine, "ketua", demo_password, client="198.51.100.7")
    assert authenticate(engine, "ketua", demo_password, client="192.0.2.44").username == "ketua"
