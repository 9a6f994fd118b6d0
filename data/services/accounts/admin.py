"""Managing accounts: the admin (every region) and the secretariat (its own region, unit accounts
only: see data.access.GRANTS) list, create, change, deactivate and reactivate accounts and reset
passwords. A reset or a new account gets a one-time password, shown once, that must be replaced at
the next sign-in. Every change is audited, never a password or its hash."""
from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from data import audit
from data.access import (
    UNIT_ROLES,
    acts_in_region,
    may_grant_role,
    require_current_account,
    require_user_manager,
    visible_regions,
)
from data.actor import SignedInUser
from data.db import bump_data_version, unit_of_work
from data.errors import InvalidInput, NotFound, PermissionDenied
from data.lookups import find_region, find_unit
from data.models import ROLES, Region, ReportingUnit, User
from data.services.accounts.auth import (
    MAX_DISPLAY_NAME,
    contact_details,
    create_user,
    grant_refusal,
    hash_password,
    normalize_username,
)
from data.text_guard import refuse_control_characters
from indicators.roles import ADMIN

ONE_TIME_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
MAX_REASON = 1000


@dataclass(frozen=True)
class NewAccount:
    username: str
    role: str
    one_time_password: str


def one_time_password() -> str:
    """12 characters without look-alikes (no 0/O, 1/l/I): about 70 bits."""
    return "".join(secrets.choice(ONE_TIME_ALPHABET) for _ in range(12))


def list_accounts(engine: Engine, actor: SignedInUser, region_code: str | None = None) -> list[dict]:
    """The accounts the actor manages or sees: one region's (the admin names one, or None for all
    regions and the admins), the secretariat's own region."""
    with unit_of_work(engine) as session:
        require_user_manager(actor)
        require_current_account(session, actor)
        query = (select(User, Region.code, Region.name, ReportingUnit.short_name, ReportingUnit.name)
                 .outerjoin(Region, User.region_id == Region.id)
                 .outerjoin(ReportingUnit, User.reporting_unit_id == ReportingUnit.id)
                 .order_by(Region.code, User.role, User.username))
        if actor.role != "admin":
            query = query.where(User.region_id == actor.region_id)
        elif region_code:
            query = query.where(Region.code == region_code)
        return [{"username": u.username, "display_name": u.display_name, "role": u.role, "region_code": code,
                 "region_name": region_name, "unit_short_name": unit_short, "unit_name": unit_name,
                 "active": u.active, "phone": u.phone, "email": u.email, "last_login_at": u.last_login_at,
                 "must_change_password": u.must_change_password, "manageable": _manageable(actor, u)}
                for u, code, region_name, unit_short, unit_name in session.execute(query)]


def create_account(engine: Engine, actor: SignedInUser, username: str, display_name: str, role: str,
                   region_code: str | None = None, unit_short_name: str | None = None,
                   phone: str | None = None, email: str | None = None) -> NewAccount:
    """A new account with a one-time password (returned once, never stored in clear)."""
    password = one_time_password()
    user = create_user(engine, actor, username, display_name, password, role, region_code or actor.region_code,
                       unit_short_name or None, phone, email, one_time=True)
    return NewAccount(user.username, user.role, password)


def update_account(engine: Engine, actor: SignedInUser, username: str, *, display_name: str | None = None,
                   role: str | None = None, unit_short_name: str | None = None, phone: str | None = None,
                   email: str | None = None) -> None:
    """Change an account's name, role and unit, phone and e-mail (None leaves a field; "" clears
    the phone, e-mail or unit)."""
    with unit_of_work(engine) as session:
        user = _managed_user(session, actor, username)
        old = _state(user)
        problems: list[str] = []
        if display_name is not None:
            name = " ".join(display_name.split())
            if not name or len(name) > MAX_DISPLAY_NAME or any(ord(c) < 32 for c in display_name.strip()):
                problems.append(f"Nama tampilan wajib diisi, paling banyak {MAX_DISPLAY_NAME} karakter.")
            user.display_name = name
        if phone is not None or email is not None:
            new_phone, new_email = contact_details(phone if phone is not None else user.phone,
                                                   email if email is not None else user.email, problems)
            user.phone, user.email = new_phone, new_email
        if role is not None or unit_short_name is not None:
            _change_role(session, actor, user, role or user.role, unit_short_name, problems)
        if problems:
            raise InvalidInput(problems)
        if _state(user) == old:
            return
        if old["role"] == ADMIN and user.role != ADMIN:
            _require_another_admin(session, user)
        audit.record(session, actor.id, "user.update", "app_user", user.id, user.region_id,
                     {"username": user.username, "old": old, "new": _state(user)})
        bump_data_version(session)


def set_account_active(engine: Engine, actor: SignedInUser, username: str, active: bool, reason: str) -> None:
    refuse_control_characters(reason, "Alasan", multiline=True)
    with unit_of_work(engine) as session:
        user = _managed_user(session, actor, username)
        text = " ".join(str(reason or "").split())
        if not text or len(text) > MAX_REASON:
            raise InvalidInput([f"Tuliskan alasannya (paling banyak {MAX_REASON} karakter), mis. pindah tugas."])
        if user.active == active:
            return
        if not active:
            if user.id == actor.id:
                raise InvalidInput(["Anda tidak dapat menonaktifkan akun Anda sendiri."])
            if user.role == ADMIN:
                _require_another_admin(session, user)
        user.active = active
        audit.record(session, actor.id, "user.reactivate" if active else "user.deactivate", "app_user", user.id,
                     user.region_id, {"username": user.username, "reason": text,
                                      "old": {"active": not active}, "new": {"active": active}})
        bump_data_version(session)


def reset_password(engine: Engine, actor: SignedInUser, username: str) -> str:
    """A new one-time password for the account (returned once); the old password stops working."""
    password = one_time_password()
    with unit_of_work(engine) as session:
        user = _managed_user(session, actor, username)
        user.password_hash = hash_password(password)
        user.must_change_password = True
        user.session_generation = (user.session_generation or 0) + 1
        user.failed_sign_ins, user.locked_until = 0, None
        audit.record(session, actor.id, "user.reset_password", "app_user", user.id, user.region_id,
                     {"username": user.username})
        bump_data_version(session)
    return password


def manageable_units(engine: Engine, actor: SignedInUser, region_code: str | None) -> list[dict]:
    """The active units of the region an account may be given (kind, short name, name)."""
    with unit_of_work(engine) as session:
        require_user_manager(actor)
        require_current_account(session, actor)
        code = region_code or actor.region_code
        if not code:
            return []
        region = find_region(session, code)
        if not acts_in_region(actor, region.id):
            raise PermissionDenied("Anda hanya dapat mengelola akun wilayah Anda sendiri.")
        return [{"kind": u.kind, "short_name": u.short_name, "name": u.name} for u in session.scalars(
            select(ReportingUnit).where(ReportingUnit.region_id == region.id, ReportingUnit.active.is_(True))
            .order_by(ReportingUnit.kind, ReportingUnit.name))]


def manageable_regions(engine: Engine, actor: SignedInUser) -> list[dict]:
    with unit_of_work(engine) as session:
        require_user_manager(actor)
        require_current_account(session, actor)
        return [{"code": r.code, "name": r.name} for r in session.scalars(visible_regions(actor).order_by(Region.code))]


def _manageable(actor: SignedInUser, user: User) -> bool:
    return actor.role == ADMIN or (acts_in_region(actor, user.region_id) and may_grant_role(actor, user.role))


def _managed_user(session: Session, actor: SignedInUser, username: str) -> User:
    require_user_manager(actor)
    require_current_account(session, actor)
    user = session.scalar(select(User).where(User.username == normalize_username(username or "")))
    if user is None:
        raise NotFound(f"Akun '{(username or '').strip()[:64]}' tidak ditemukan.")
    if not acts_in_region(actor, user.region_id):
        raise PermissionDenied("Anda hanya dapat mengelola akun wilayah Anda sendiri.")
    if not may_grant_role(actor, user.role):
        raise PermissionDenied(grant_refusal(user.role))
    return user


def _change_role(session: Session, actor: SignedInUser, user: User, role: str, unit_short_name: str | None,
                 problems: list[str]) -> None:
    if role not in ROLES:
        problems.append(f"Peran '{role}' tidak dikenal. Pilih salah satu: {', '.join(ROLES)}.")
        return
    if not may_grant_role(actor, role):
        raise PermissionDenied(grant_refusal(role))
    needed = UNIT_ROLES.get(role)
    short = unit_short_name if unit_short_name is not None else (user.reporting_unit.short_name
                                                                 if user.reporting_unit else "")
    unit = None
    if short:
        region = session.get(Region, user.region_id) if user.region_id else None
        if region is None:
            problems.append("Akun tanpa wilayah tidak dapat diberi unit pelapor.")
            return
        try:
            unit = find_unit(session, region, short)
        except NotFound as missing:
            problems.append(missing.message)
            return
    if needed and (unit is None or unit.kind != needed):
        problems.append(f"Peran '{role}' memerlukan unit pelapor jenis {needed}.")
        return
    if role == ADMIN and user.region_id is None:
        unit = None
    user.role, user.reporting_unit_id = role, unit.id if unit else None


def _require_another_admin(session: Session, user: User) -> None:
    others = session.scalar(select(func.count()).select_from(User).where(
        User.role == ADMIN, User.active.is_(True), User.id != user.id))
    if not others:
        raise InvalidInput(["Ini admin aktif terakhir; buat atau aktifkan admin lain dulu."])


def _state(user: User) -> dict:
    return {"display_name": user.display_name, "role": user.role, "unit_id": user.reporting_unit_id,
            "phone": user.phone, "email": user.email, "active": user.active}
