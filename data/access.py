"""Who may do what: every role set and every require_*/may_* check of the house, and the regions an
actor may see. Services call these before they read or change anything; pages never decide (they
may ask a may_* to hide what would be refused anyway)."""

from __future__ import annotations

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from data.actor import SignedInUser
from data.errors import NotFound, PermissionDenied
from data.lookups import find_region
from data.models import ROLES, Region, User
from indicators import roles

ALL_ROLES = ROLES
TASK_FORCE = ("chair", "member")
"""The Gugus Tugas KLA: its chair (Kepala Bappeda) and members."""
REGION_READERS = ("admin", "secretariat", *TASK_FORCE)
"""Who reads a region's whole picture: completeness, review queue, scores, reports, Kelana Dekela."""
REVIEWERS = ("admin", *TASK_FORCE)
"""Who verifies or returns an answer (the secretariat reads the queue, but never verifies)."""
REOPENERS = ("chair",)
"""Who reopens a verified answer."""
CYCLE_MANAGERS = ("chair",)
"""Who closes, reopens, publishes and unpublishes a cycle."""
ACTION_MANAGERS = ("admin", "secretariat", "chair")
"""Who creates and changes the region's action plans (RAD KLA)."""
ACTION_READERS = ("admin", "secretariat", *TASK_FORCE, "opd")
"""Who reads them (an OPD only the actions it leads or supports)."""
PROVINCE_ROLE, = roles.of_scope(roles.PROVINCE)
"""A province verifier: reads every hosted kab/kota of its province (data.actor province_code)."""
BOARD_READERS = ("admin", PROVINCE_ROLE)
"""Who reads the readiness board (the admin every region, a province verifier its province's)."""
PROVINCE_VERIFIERS = ("admin", PROVINCE_ROLE)
"""Who sets the province's points and returns questions to a kab/kota (the admin for any region)."""
PROVINCE_RETURN_READERS = (*REGION_READERS, "opd")
"""Who reads the answers the province returned to the city (an OPD only its own)."""
PROVINCE_RETURN_FIXERS = (*REVIEWERS, "opd")
"""Who answers them: the task force (and the admin) for the region, an OPD for its own answers."""
FORUM_RECORDERS = ("admin", "forum")
"""Who records the Forum Anak's view (its facilitator, for the children; the admin)."""
FORUM_READERS = (*REGION_READERS, "forum")
CYCLE_OPENERS = ("admin", "secretariat")
"""Who opens a cycle, moves its deadline and changes who answers which question."""
USER_MANAGERS = ("admin", "secretariat")
"""Who creates accounts and manages kecamatan and kelurahan."""
UNIT_MANAGERS = USER_MANAGERS
CATALOG_MANAGERS = ("admin", "secretariat")
"""Who imports a cycle's instrument (the secretariat for its own region only)."""
UNIT_ROLES = roles.UNIT_KINDS
"""Roles that act for one reporting unit, each with the kind of unit it needs (the roles registry's
unit scope)."""
CASE_UNITS = ("dp3a", "uptd_ppa")
"""OPD accounts of the units answering for these data sources keep the true case records."""
CASE_READERS = (*REGION_READERS, "opd")
CASE_EDITORS = ("admin", "secretariat", "opd")

NOT_A_REGION_READER = "Hanya Gugus Tugas, sekretariat atau admin yang dapat melihat data ini."


def require_role(actor: SignedInUser, roles: tuple[str, ...], message: str) -> None:
    if actor.role not in roles:
        raise PermissionDenied(message)


def acts_in_region(actor: SignedInUser, region_id: int | None) -> bool:
    """The deployment's admin (and the command line) acts in every region; everyone else only in
    their own."""
    if roles.scope_of(actor.role) == roles.DEPLOYMENT:
        return True
    return region_id is not None and actor.region_id == region_id


def require_region(actor: SignedInUser, region_id: int | None) -> None:
    if not acts_in_region(actor, region_id):
        raise PermissionDenied("Anda hanya dapat mengelola data wilayah Anda sendiri.")


def require_user_manager(actor: SignedInUser) -> None:
    require_role(actor, USER_MANAGERS, "Hanya admin atau sekretariat KLA yang dapat mengelola akun pengguna.")


GRANTS = roles.GRANTS
"""Who may give which role, read from the roles registry (granted_by): separation of duties, the
admin any; the secretariat only the unit roles of its region and the Forum Anak's facilitator,
never the task force that verifies, nor its own role."""


def may_grant_role(actor: SignedInUser, role: str) -> bool:
    return roles.may_grant(actor.role, role)


def require_current_account(session: Session, actor: SignedInUser, changing_password: bool = False) -> User | None:
    """The actor's account as it is now: a session signed in before the account was
    deactivated or its role changed must not keep acting on the old rights, and a one-time
    password serves only to choose a new one. The command line has no account (None)."""
    if actor.command_line:
        return None
    user = session.get(User, actor.id)
    if user is None or not user.active:
        raise PermissionDenied("Akun Anda sudah dinonaktifkan. Hubungi sekretariat KLA.")
    if (user.session_generation or 0) != actor.session_generation:
        raise PermissionDenied("Kata sandi akun Anda telah diganti; silakan masuk kembali.")
    if user.must_change_password and not changing_password:
        raise PermissionDenied("Ganti dulu kata sandi sekali pakai Anda dengan kata sandi baru.")
    if (user.role, user.region_id, user.reporting_unit_id, user.province_code) != (
            actor.role, actor.region_id, actor.unit_id, actor.province_code):
        raise PermissionDenied("Hak akses akun Anda telah berubah. Silakan masuk kembali.")
    return user


def require_region_reader(session: Session, actor: SignedInUser, region: Region,
                          roles: tuple[str, ...] = REGION_READERS, message: str = NOT_A_REGION_READER) -> None:
    """The actor, with one of `roles`, may read this region, and their account still stands."""
    require_role(actor, roles, message)
    require_region(actor, region.id)
    require_current_account(session, actor)


def acting_region(session: Session, actor: SignedInUser, region_code: str | None) -> Region:
    """named_or_own_region, and for an admin who names none, the deployment's only region
    (the unit pages and the command line, where one hosted region is the common case)."""
    if not (region_code or actor.region_code):
        codes = list(session.scalars(select(Region.code).order_by(Region.code).limit(2)))
        if len(codes) != 1:
            raise NotFound("Pilih wilayah terlebih dahulu (kode Kemendagri, mis. 53.71).")
        region_code = codes[0]
    return named_or_own_region(session, actor, region_code)


def visible_regions(actor: SignedInUser) -> Select:
    """A query of the regions this actor may see (every region for the admin, else their own),
    for a service to narrow (e.g. to regions with a cycle) and order."""
    query = select(Region)
    if roles.scope_of(actor.role) != roles.DEPLOYMENT:
        query = query.where(Region.id == actor.region_id)
    return query


def may_read_cases(actor: SignedInUser | None) -> bool:
    """True case counts: the region readers, and the OPDs that keep the records. A visitor who
    is not signed in (None) never may."""
    if actor is None:
        return False
    if actor.role == "opd":
        return keeps_case_records(actor)
    return actor.role in CASE_READERS


def may_enter_cases(actor: SignedInUser | None) -> bool:
    if actor is None:
        return False
    if actor.role == "opd":
        return keeps_case_records(actor)
    return actor.role in CASE_EDITORS


def keeps_case_records(actor: SignedInUser) -> bool:
    """An OPD answering for DP3A's or UPTD PPA's data (whatever the region calls the office)."""
    return bool(set(actor.unit_data_sources) & set(CASE_UNITS))


def named_or_own_region(session: Session, actor: SignedInUser, region_code: str | None) -> Region:
    """The region a task-force page (completeness, review, Kelana Dekela, cycle management) acts
    on: the one named (an admin may name any, others only their own), else the actor's own; an
    admin who names none is asked to choose."""
    code = region_code or actor.region_code
    if code is None:
        raise NotFound("Pilih wilayah terlebih dahulu.")
    region = find_region(session, code)
    require_region(actor, region.id)
    return region


def require_active_actor(engine, actor: SignedInUser) -> None:
    """The actor's account checked on its own, before a use case reads what it was given (a file
    to parse, a name to look up): a deactivated account learns nothing from the answer."""
    from data.db import unit_of_work

    with unit_of_work(engine, read_only=True) as session:
        require_current_account(session, actor)
