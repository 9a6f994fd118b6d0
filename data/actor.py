"""Who is acting: a signed-in account, or the command line (manage.py) run by whoever runs the
server. Services take one of these as `actor` and ask data.access what it may do; None is never
an actor."""
from __future__ import annotations

from dataclasses import dataclass

from data.models import User


@dataclass(frozen=True)
class SignedInUser:
    id: int | None
    username: str
    display_name: str
    role: str
    region_id: int | None
    region_code: str | None
    region_name: str | None
    unit_id: int | None
    unit_short_name: str | None
    unit_name: str | None
    unit_data_sources: tuple[str, ...] = ()
    """The catalog data sources the user's OPD answers for."""
    must_change_password: bool = False
    """Signed in with a one-time password: nothing but choosing a new one until then."""
    session_generation: int = 0
    """The account's password generation when this session signed in (a change ends the session)."""
    command_line: bool = False
    """manage.py acting for the deployment's administrator, with no account behind it."""
    province_code: str | None = None
    """The province a province verifier serves (its Kemendagri code)."""


def signed_in_user(user: User) -> SignedInUser:
    region, unit = user.region, user.reporting_unit
    return SignedInUser(
        id=user.id,
        username=user.username,
        display_name=user.display_name,
        role=user.role,
        region_id=user.region_id,
        region_code=region.code if region else None,
        region_name=region.name if region else None,
        unit_id=user.reporting_unit_id,
        unit_short_name=unit.short_name if unit else None,
        unit_name=unit.name if unit else None,
        unit_data_sources=tuple(unit.data_sources or ()) if unit else (),
        must_change_password=bool(user.must_change_password),
        session_generation=user.session_generation or 0,
        province_code=user.province_code,
    )


COMMAND_LINE = SignedInUser(
    id=None,
    username="manage.py",
    display_name="Baris perintah (manage.py)",
    role="admin",
    region_id=None,
    region_code=None,
    region_name=None,
    unit_id=None,
    unit_short_name=None,
    unit_name=None,
    command_line=True,
)
"""The trusted command line: an administrator's rights in every region; audit rows name no account."""

