"""Sign-in, user accounts and passwords (argon2id)."""

from __future__ import annotations

import re
from datetime import timedelta
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from data import audit
from data.access import (
    PROVINCE_ROLE,
    UNIT_ROLES,
    acts_in_region,
    may_grant_role,
    require_current_account,
    require_user_manager,
)
from data.actor import SignedInUser, signed_in_user
from data.db import bump_data_version, unit_of_work
from data.errors import AuthenticationFailed, InvalidInput, NotFound, PermissionDenied
from data.lookups import find_region, find_unit
from data.models import (
    ROLES,
    OfficialArea,
    Region,
    ReportingUnit,
    SignInClient,
    User,
    utc_now,
)
from data.text_guard import refuse_control_characters
from indicators import settings
from indicators.roles import ADMIN

USERNAME_PATTERN = re.compile(r"[a-z0-9][a-z0-9._-]{2,63}")
MIN_PASSWORD_LENGTH = 8
MAX_DISPLAY_NAME = 200
EMAIL_PATTERN = re.compile(r"[^@\s]{1,64}@[A-Za-z0-9-]{1,63}(\.[A-Za-z0-9-]{1,63})+")

WRONG_CREDENTIALS = "Nama pengguna atau kata sandi salah."
ACCOUNT_INACTIVE = "Akun ini dinonaktifkan. Hubungi sekretariat KLA."

PRODUCTION_HASHER = PasswordHasher()
# Cheap parameters, still real argon2id hashes: only for the test suite (KLA_ARGON2_FAST=1).
FAST_TEST_HASHER = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)


def password_hasher() -> PasswordHasher:
    return FAST_TEST_HASHER if settings.switched_on(settings.ARGON2_FAST) else PRODUCTION_HASHER


def hash_password(password: str) -> str:
    return password_hasher().hash(password)


@cache
def _hash_for_unknown_users(hasher: PasswordHasher) -> str:
    return hasher.hash("no such user")


def _password_matches(password_hash: str | None, password: str) -> bool:
    hasher = password_hasher()
    if password_hash is None:
        # Spend the time a real account costs, so response times do not reveal which
        # usernames exist; the outcome is ignored.
        _verify(hasher, _hash_for_unknown_users(hasher), password)
        return False
    return _verify(hasher, password_hash, password)


def _verify(hasher: PasswordHasher, password_hash: str, password: str) -> bool:
    try:
        return hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def command_line_user(engine: Engine, username: str) -> SignedInUser:
    """The account a manage.py command acts as (--user), with that account's own rights."""
    with unit_of_work(engine) as session:
        user = session.scalar(select(User).where(User.username == normalize_username(username)))
        if user is None:
            raise NotFound(f"Pengguna '{username}' tidak ditemukan.")
        if not user.active:
            raise PermissionDenied(f"Akun '{user.username}' dinonaktifkan.")
        return signed_in_user(user)


def normalize_username(username: str) -> str:
    return username.strip().lower()


def authenticate(engine: Engine, username: str, password: str, client: str | None = None) -> SignedInUser:
    """The account whose password this is. Every failure is audited (never the password); after
    MAX_FAILED_SIGN_INS failures in a row the account is locked, for LOCK_MINUTES and twice as long
    after every further failure (at most a day), for every address that has failed lately (a
    known address without failures may still try: the lock cannot keep the owner out); a
    success resets the count. Failures are also
    counted per network address (`client`, when known), across usernames: after
    MAX_FAILED_FROM_CLIENT in a row the address waits CLIENT_LOCK_MINUTES, doubling."""
    refuse_control_characters(username, "Nama pengguna")
    name = normalize_username(username)
    address = client[:64] if isinstance(client, str) and client.strip() else None
    refusal = None
    with unit_of_work(engine) as session:
        user = session.scalar(select(User).where(User.username == name))
        now = utc_now()
        from_client = session.get(SignInClient, address) if address else None
        if from_client is not None and from_client.locked_until is not None and from_client.locked_until > now:
            refusal = client_locked_message(from_client.locked_until, now)
            audit.record(session, user.id if user else None, "sign_in_refused", "app_user",
                         user.id if user else name[:64] or "-", user.region_id if user else None,
                         {"username": name[:64], "reason": "client_locked", **_from(address)})
        elif (user is not None and user.locked_until is not None and user.locked_until > now
              and not _without_failures(from_client, address, now)):
            refusal = locked_message(user.locked_until, now)
            audit.record(session, user.id, "sign_in_refused", "app_user", user.id, user.region_id,
                         {"username": user.username, "reason": "locked", **_from(address)})
        # the hash is checked even without an account, so that both refusals take as long
        elif not _password_matches(user.password_hash if user else None, password) or user is None:
            refusal = WRONG_CREDENTIALS
            _count_failure(session, user, name, now, address)
            if address:
                _count_client_failure(session, from_client or SignInClient(address=address), now)
        # Checked only after the password, so a stranger cannot probe which accounts exist.
        elif not user.active:
            refusal = ACCOUNT_INACTIVE
        else:
            if password_hasher().check_needs_rehash(user.password_hash):
                user.password_hash = hash_password(password)
            user.last_login_at = now
            user.failed_sign_ins, user.locked_until = 0, None
            if from_client is not None:
                session.delete(from_client)
            audit.record(session, user.id, "sign_in", "app_user", user.id, user.region_id, _from(address) or None)
            return signed_in_user(user)
    raise AuthenticationFailed(refusal)  # after the failure and its audit row are committed


def _without_failures(from_client: SignInClient | None, address: str | None, now) -> bool:
    """Whether the sign-in comes from a known address that has failed no sign-in lately: the
    account's lock does not hold it back (a stranger's wrong passwords elsewhere must not keep
    the account's owner out), though its own first failure will."""
    if address is None:
        return False
    return (from_client is None or not from_client.failed_sign_ins or from_client.last_failure_at is None
            or now - from_client.last_failure_at > CLIENT_FORGETS_AFTER)


def _count_failure(session: Session, user: User | None, name: str, now, address: str | None) -> None:
    if user is None:
        audit.record(session, None, "sign_in_failed", "app_user", name[:64] or "-", None,
                     {"username": name[:64], "known": False, **_from(address)})
        return
    user.failed_sign_ins = (user.failed_sign_ins or 0) + 1
    details = {"username": user.username, "failed_in_a_row": user.failed_sign_ins, **_from(address)}
    if user.failed_sign_ins >= MAX_FAILED_SIGN_INS:
        minutes = min(LOCK_MINUTES * 2 ** (user.failed_sign_ins - MAX_FAILED_SIGN_INS), MAX_LOCK_MINUTES)
        user.locked_until = now + timedelta(minutes=minutes)
        details["locked_minutes"] = minutes
    audit.record(session, user.id, "sign_in_failed", "app_user", user.id, user.region_id, details)


def _from(address: str | None) -> dict:
    """The audit detail naming the network address, when it is known."""
    return {"client": address} if address else {}


def _count_client_failure(session: Session, from_client: SignInClient, now) -> None:
    if from_client.last_failure_at is not None and now - from_client.last_failure_at > CLIENT_FORGETS_AFTER:
        from_client.failed_sign_ins = 0
    from_client.failed_sign_ins = (from_client.failed_sign_ins or 0) + 1
    from_client.last_failure_at = now
    beyond = from_client.failed_sign_ins - MAX_FAILED_FROM_CLIENT
    if beyond >= 0:
        minutes = min(CLIENT_LOCK_MINUTES * 2 ** beyond, MAX_CLIENT_LOCK_MINUTES)
        from_client.locked_until = now + timedelta(minutes=minutes)
    session.add(from_client)


def client_locked_message(until, now) -> str:
    minutes = max(1, int((until - now).total_seconds() // 60) + 1)
    return (f"Terlalu banyak percobaan masuk yang gagal dari jaringan ini. Coba lagi dalam {minutes} menit; "
            "bila lupa kata sandi, minta sekretariat KLA mengatur ulangnya.")


def locked_message(until, now) -> str:
    minutes = max(1, int((until - now).total_seconds() // 60) + 1)
    return (f"Akun ini dikunci sementara karena terlalu banyak percobaan masuk yang gagal. Coba lagi dalam "
            f"{minutes} menit, atau minta sekretariat KLA mengatur ulang kata sandinya.")


def create_user(
    engine: Engine,
    actor: SignedInUser,
    username: str,
    display_name: str,
    password: str,
    role: str,
    region_code: str | None = None,
    unit_short_name: str | None = None,
    phone: str | None = None,
    email: str | None = None,
    one_time: bool = False,
) -> SignedInUser:
    """Create an account: the command line, an admin (any region) or the secretariat (its own
    region, unit accounts only) may do it. A one-time password must be changed at the first
    sign-in."""
    username = normalize_username(username)
    display_name = " ".join((display_name or "").split())
    with unit_of_work(engine) as session:
        require_user_manager(actor)
        require_current_account(session, actor)
        if not may_grant_role(actor, role):
            raise PermissionDenied(grant_refusal(role))

        problems: list[str] = []
        if not USERNAME_PATTERN.fullmatch(username):
            problems.append(
                "Nama pengguna harus 3-64 karakter: huruf kecil, angka, titik, garis bawah "
                "atau tanda hubung, diawali huruf atau angka."
            )
        elif _username_taken(session, username):
            problems.append(f"Nama pengguna '{username}' sudah dipakai.")
        if not display_name:
            problems.append("Nama tampilan wajib diisi.")
        elif len(display_name) > MAX_DISPLAY_NAME or any(ord(ch) < 32 or ord(ch) == 127 for ch in display_name):
            problems.append(f"Nama tampilan paling banyak {MAX_DISPLAY_NAME} karakter, tanpa karakter kendali.")
        phone, email = contact_details(phone, email, problems)
        weak = password_problem(password, username, display_name)
        if weak:
            problems.append(weak)
        if role not in ROLES:
            problems.append(f"Peran '{role}' tidak dikenal. Pilih salah satu: {', '.join(ROLES)}.")

        province_code = None
        if role == PROVINCE_ROLE:
            region, province_code = None, _account_province(session, region_code, problems)
        else:
            region = _account_region(session, region_code, role, problems)
        if not acts_in_region(actor, region.id if region else None):
            raise PermissionDenied("Anda hanya dapat membuat akun untuk wilayah Anda sendiri.")
        unit = _account_unit(session, region, unit_short_name, role, problems)
        if problems:
            raise InvalidInput(problems)

        user = User(
            username=username,
            display_name=display_name,
            password_hash=hash_password(password),
            role=role,
            region=region,
            province_code=province_code,
            reporting_unit=unit,
            phone=phone,
            email=email,
            must_change_password=one_time,
        )
        session.add(user)
        try:
            session.flush()
        except IntegrityError as error:  # the same name taken by a concurrent request
            raise InvalidInput([f"Nama pengguna '{username}' sudah dipakai."]) from error
        audit.record(
            session,
            actor.id,
            "create_user",
            "app_user",
            user.id,
            user.region_id,
            {
                "new": {
                    "username": username,
                    "display_name": display_name,
                    "role": role,
                    "region_code": region.code if region else None,
                    "unit_short_name": unit.short_name if unit else None,
                    "phone": phone,
                    "email": email,
                    "one_time_password": one_time,
                }
            },
        )
        bump_data_version(session)
        return signed_in_user(user)


MIN_PASSWORD_SCORE = 2
"""zxcvbn's 0-4 guessability score a new password must reach: common passwords, runs and repeats
("password", "12345678", "aaaaaaaa") score 0."""
WEAK_PASSWORD = ("Kata sandi terlalu mudah ditebak (mis. kata sandi umum, urutan angka, huruf berulang atau nama "
                 "sendiri). Gabungkan beberapa kata dengan angka atau tanda baca, mis. Pantau-Anak-Kupang-7.")
MAX_FAILED_SIGN_INS = 5
LOCK_MINUTES = 15
MAX_LOCK_MINUTES = 24 * 60
# Generous, since a whole office may share one address.
MAX_FAILED_FROM_CLIENT = 20
CLIENT_LOCK_MINUTES = 5
MAX_CLIENT_LOCK_MINUTES = 60
CLIENT_FORGETS_AFTER = timedelta(hours=1)


def password_problem(password: str, *personal: str | None) -> str | None:
    """Why a new password will not do (None: it will): too short, or too easy to guess."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"Kata sandi minimal {MIN_PASSWORD_LENGTH} karakter."
    from zxcvbn import zxcvbn

    hints = [p for p in personal if p] + ["pantau", "kla", "kupang", "payakumbuh", "depok"]
    if zxcvbn(password[:100], user_inputs=hints)["score"] < MIN_PASSWORD_SCORE:
        return WEAK_PASSWORD
    return None


def grant_refusal(role: str) -> str:
    if role == ADMIN:
        return "Hanya admin yang dapat membuat akun admin."
    return ("Hanya admin yang dapat memberi peran sekretariat, ketua atau anggota Gugus Tugas; sekretariat "
            "mengelola akun OPD, kecamatan dan kelurahan.")


def normalize_phone(text: str | None) -> str | None:
    """An Indonesian phone/WhatsApp number as +62...: 0812-3456-7890, 62812..., +62 812 ... are read
    alike; None when empty; ValueError when it is no number."""
    raw = (text or "").strip()
    if not raw:
        return None
    digits = re.sub(r"[\s().-]", "", raw)
    if digits.startswith("+"):
        digits = digits[1:]
    elif digits.startswith("0"):
        digits = "62" + digits[1:]
    if not digits.isdigit() or not digits.startswith("62") or not 10 <= len(digits) <= 15:
        raise ValueError(f"Nomor telepon '{raw[:30]}' tidak dikenali; "
                         "tulis seperti 0812-3456-7890 atau +62 812 3456 7890.")
    return "+" + digits


def contact_details(phone: str | None, email: str | None, problems: list[str]) -> tuple[str | None, str | None]:
    """The phone and e-mail as stored, adding a problem for each that cannot be read."""
    try:
        phone = normalize_phone(phone)
    except ValueError as error:
        problems.append(str(error))
        phone = None
    email = (email or "").strip().lower() or None
    if email is not None and (len(email) > 254 or not EMAIL_PATTERN.fullmatch(email)):
        problems.append(f"Alamat e-mail '{email[:60]}' tidak sah; tulis seperti nama@kupangkota.go.id.")
        email = None
    return phone, email


def _username_taken(session: Session, username: str) -> bool:
    return session.scalar(select(User.id).where(User.username == username)) is not None


def _account_province(session: Session, code: str | None, problems: list[str]) -> str | None:
    """The province a province verifier serves: its two-digit Kemendagri code, or the code of one of
    its kab/kota (53.71 -> 53)."""
    code = (code or "").strip()
    province = code.split(".")[0] if code else ""
    known = session.scalar(select(OfficialArea.code).where(OfficialArea.code == province,
                                                           OfficialArea.level == "provinsi")) \
        or session.scalar(select(Region.province_code).where(Region.province_code == province).limit(1))
    if not (len(province) == 2 and province.isdigit() and known):
        problems.append(f"Provinsi dengan kode '{code[:20]}' tidak dikenal; tulis kode provinsi Kemendagri "
                        "(mis. 53 untuk Nusa Tenggara Timur) atau kode salah satu kabupaten/kotanya.")
        return None
    return province


def _account_region(
    session: Session, region_code: str | None, role: str, problems: list[str]
) -> Region | None:
    if not region_code:
        if role != "admin":
            problems.append("Wilayah (kode Kemendagri) wajib diisi untuk peran selain admin.")
        return None
    try:
        return find_region(session, region_code)
    except NotFound:
        # one line among the form's other problems; the codes that exist are not listed here
        problems.append(f"Wilayah dengan kode '{region_code}' tidak ditemukan.")
        return None


def _account_unit(
    session: Session,
    region: Region | None,
    unit_short_name: str | None,
    role: str,
    problems: list[str],
) -> ReportingUnit | None:
    needed_kind = UNIT_ROLES.get(role)
    if not unit_short_name:
        if needed_kind:
            problems.append(f"Peran '{role}' memerlukan unit pelapor ({needed_kind}).")
        return None
    if region is None:
        if role == ADMIN:
            problems.append("Unit pelapor hanya dapat diisi bersama wilayahnya.")
        return None
    try:
        unit = find_unit(session, region, unit_short_name)
    except NotFound as missing:
        problems.append(missing.message)
        return None
    if needed_kind and unit.kind != needed_kind:
        problems.append(
            f"Unit '{unit.short_name}' adalah {unit.kind}, sedangkan peran '{role}' "
            f"memerlukan {needed_kind}."
        )
    return unit


def change_password(
    engine: Engine, actor: SignedInUser, old_password: str, new_password: str
) -> SignedInUser:
    """Replace the password; every other session of the account ends. Returns this session's
    user as it continues."""
    with unit_of_work(engine) as session:
        user = require_current_account(session, actor, changing_password=True)
        if user is None:  # the command line acts without an account
            raise NotFound("Baris perintah tidak memakai akun; tidak ada kata sandi untuk diganti.")
        if not _password_matches(user.password_hash, old_password):
            raise AuthenticationFailed("Kata sandi lama salah.")
        problems: list[str] = []
        weak = password_problem(new_password, user.username, user.display_name)
        if weak:
            problems.append(weak.replace("Kata sandi", "Kata sandi baru", 1))
        if new_password == old_password:
            problems.append("Kata sandi baru harus berbeda dari kata sandi lama.")
        if problems:
            raise InvalidInput(problems)
        user.password_hash = hash_password(new_password)
        user.must_change_password = False
        user.session_generation = (user.session_generation or 0) + 1
        # Neither password nor hash goes into the log.
        audit.record(session, user.id, "change_password", "app_user", user.id, user.region_id)
        return signed_in_user(user)
