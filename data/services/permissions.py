"""Who may do what. Services call these before they change anything; pages never decide."""

from __future__ import annotations

from typing import TYPE_CHECKING

from data.errors import PermissionDenied

if TYPE_CHECKING:
    from data.services.auth import SignedInUser

USER_MANAGER_ROLES = ("admin", "secretariat")
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
