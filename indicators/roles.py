"""The roles of the house, in one table: each role's key (stored in app_user.role), its names in
Indonesian and English, its scope (what an account of it acts on), the page it lands on after
signing in, and which roles may give it to an account.

Every layer reads this table: the model's CHECK on app_user.role (data.models.ROLES), the access
rules (data.access: unit roles, grants), the sign-in guard and the frame (ui.auth, ui.frame) and
the role names the UI shows (ui.i18n.role_name). Adding a role is a row here (see docs/recipes.md).
"""
from __future__ import annotations

from dataclasses import dataclass

DEPLOYMENT = "deployment"
"""Acts in every hosted region (the deployment's administrator)."""
PROVINCE = "province"
"""Reads every hosted kab/kota of one province (app_user.province_code)."""
REGION = "region"
"""Acts in one kab/kota (app_user.region_id)."""
UNIT = "unit"
"""Acts for one reporting unit of a kab/kota (app_user.reporting_unit_id), of the role's unit kind."""
SCOPES = (DEPLOYMENT, PROVINCE, REGION, UNIT)


@dataclass(frozen=True)
class Role:
    key: str
    name_id: str
    name_en: str
    scope: str
    home: str
    """The url path of the page the role lands on after signing in (ui.pages)."""
    granted_by: tuple[str, ...]
    """The roles that may give this role to an account (the admin may give every role)."""
    unit_kind: str | None = None
    """For a unit role: the kind of reporting unit its account needs (reporting_unit.kind)."""

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" else self.name_id


ADMIN = "admin"

ROLE_TABLE: tuple[Role, ...] = (
    Role("admin", "Administrator", "Administrator", DEPLOYMENT, "persiapan", (ADMIN,)),
    Role("secretariat", "Sekretariat Gugus Tugas KLA", "KLA task-force secretariat", REGION, "persiapan",
         (ADMIN,)),
    Role("chair", "Ketua Gugus Tugas KLA", "KLA task-force chair", REGION, "verifikasi", (ADMIN,)),
    Role("member", "Anggota Gugus Tugas KLA", "KLA task-force member", REGION, "verifikasi", (ADMIN,)),
    Role("opd", "Petugas OPD", "OPD focal point", UNIT, "isian", (ADMIN, "secretariat"), unit_kind="opd"),
    Role("kecamatan", "Petugas kecamatan", "Kecamatan focal point", UNIT, "isian", (ADMIN, "secretariat"),
         unit_kind="kecamatan"),
    Role("kelurahan", "Petugas kelurahan", "Kelurahan focal point", UNIT, "isian", (ADMIN, "secretariat"),
         unit_kind="kelurahan"),
    Role("forum", "Fasilitator Forum Anak", "Children's forum facilitator", REGION, "forum-anak",
         (ADMIN, "secretariat")),
    Role("province", "Verifikator provinsi", "Province verifier", PROVINCE, "papan-kesiapan", (ADMIN,)),
)
"""In the order the UI lists them (and the CHECK names them)."""

ROLES: dict[str, Role] = {role.key: role for role in ROLE_TABLE}
KEYS: tuple[str, ...] = tuple(ROLES)


def of_scope(scope: str) -> tuple[str, ...]:
    """The keys of the roles of one scope, in table order."""
    return tuple(role.key for role in ROLE_TABLE if role.scope == scope)


def scope_of(key: str | None) -> str | None:
    role = ROLES.get(key or "")
    return role.scope if role else None


UNIT_KINDS: dict[str, str] = {role.key: role.unit_kind for role in ROLE_TABLE if role.unit_kind}
"""Unit role -> the kind of reporting unit it acts for."""

GRANTS: dict[str, tuple[str, ...]] = {
    grantor: tuple(role.key for role in ROLE_TABLE if grantor in role.granted_by)
    for grantor in dict.fromkeys(g for role in ROLE_TABLE for g in role.granted_by)
}
"""Grantor -> the roles it may give (separation of duties: the secretariat gives the unit roles of
its region and the Forum Anak's facilitator, never the task force that verifies, nor its own)."""


def may_grant(grantor: str | None, key: str) -> bool:
    """Whether an account of role `grantor` may give role `key` (the admin: every role)."""
    return grantor == ADMIN or (key in ROLES and grantor in ROLES[key].granted_by)


SCOPE_REACH = {UNIT: 0, REGION: 1, PROVINCE: 2, DEPLOYMENT: 3}
"""How far an account of each scope reaches, narrowest first."""


def least_powerful_first(keys) -> list[str]:
    """The roles ordered by the reach of their scope, narrowest first (table order within a scope):
    a form offers the least powerful role first."""
    return sorted(keys, key=lambda key: SCOPE_REACH.get(scope_of(key) or "", len(SCOPE_REACH)))


def name(key: str | None, lang: str) -> str:
    """The role's name in the language ("" for none; an unknown key shows itself)."""
    if key is None:
        return ""
    role = ROLES.get(key)
    return role.name(lang) if role else key
