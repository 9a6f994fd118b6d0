"""Who may do what. Services call these before they change anything; pages never decide."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from data.errors import PermissionDenied
from data.models import User

if TYPE_CHECKING:
    from data.services.auth import SignedInUser

USER_MANAGER_ROLES = ("admin", "secretariat")
CYCLE_MANAGERS = ("chair",)
"""Who closes, reopens, publishes and unpublishes a cycle (the issue: only the chair)."""
UNIT_ROLES = {"opd": "opd", "kecamatan": "kecamatan", "kelurahan": "kelurahan"}
"""Roles that act for one reporting unit, each with the kind of unit it needs."""


def require_role(actor: SignedInUser, roles: tuple[str, ...], message: str) -> None:
    if actor.role not in roles:
        raise PermissionDenied(message)


def acts_in_region(actor: SignedInUser, region_id: int | None) -> bool:
    """The deployment's admin acts in every region; everyone else only in their own."""
    if actor.role == "admin":
        return True
    return region_id is not None and actor.region_id == region_id


def require_region(actor: SignedInUser, region_id: int | None) -> None:
    if not acts_in_region(actor, region_id):
        raise PermissionDenied("Anda hanya dapat mengelola data wilayah Anda sendiri.")


def require_user_manager(actor: SignedInUser) -> None:
    require_role(
        actor,
        USER_MANAGER_ROLES,
        "Hanya admin atau sekretariat KLA yang dapat mengelola akun pengguna.",
    )


def may_grant_role(actor: SignedInUser, role: str) -> bool:
    """A secretariat creates accounts for its region, but never an admin account."""
    return actor.role == "admin" or role != "admin"


def require_current_account(session: Session, actor: SignedInUser) -> User:
    """The actor's account as it is now: a session signed in before the account was
    deactivated or its role changed must not keep acting on the old rights."""
    user = session.get(User, actor.id)
    if user is None or not user.active:
        raise PermissionDenied("Akun Anda sudah dinonaktifkan. Hubungi sekretariat KLA.")
    if (user.role, user.region_id, user.reporting_unit_id) != (
        actor.role,
        actor.region_id,
        actor.unit_id,
    ):
        raise PermissionDenied("Hak akses akun Anda telah berubah. Silakan masuk kembali.")
    return user
