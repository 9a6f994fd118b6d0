"""Accounts for every unit in one step: the admin or the secretariat creates, in one transaction,
the missing focal-point accounts of all active OPDs, kecamatan and kelurahan/desa of a region
(opd.<short name>, kec.<slug>, kel.<slug>, as the demo and the unit forms name them), each with a
one-time password that must be replaced at the first sign-in. The passwords are returned once,
for the login slips (data/files/login_slips.py), and never stored in clear nor audited."""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Engine, select

from data import audit
from data.access import acts_in_region, may_grant_role, require_current_account, require_user_manager
from data.actor import SignedInUser
from data.db import bump_data_version, unit_of_work
from data.errors import InvalidInput, PermissionDenied
from data.lookups import find_region
from data.models import ReportingUnit, User
from data.services.accounts.admin import one_time_password
from data.services.accounts.auth import grant_refusal, hash_password
from indicators import clock, settings
from indicators.unit_names import focal_username

KIND_ORDER = {"opd": 0, "kecamatan": 1, "kelurahan": 2}


@dataclass(frozen=True)
class UnitAccount:
    unit_name: str
    kind: str
    username: str
    one_time_password: str


@dataclass(frozen=True)
class UnitAccounts:
    region_code: str
    region_name: str
    app_url: str
    created: list[UnitAccount] = field(default_factory=list)
    already: int = 0
    """Active units that had an active account of their own before."""

    @property
    def message(self) -> str:
        if not self.created:
            return (f"Semua {self.already} unit aktif {self.region_name} sudah memiliki akun petugas; "
                    "tidak ada akun baru yang dibuat.")
        return (f"{len(self.created)} akun petugas dibuat untuk {self.region_name} ({self.already} unit sudah "
                "memiliki akun). Unduh slip masuknya sekarang: kata sandi sekali pakai hanya ada di slip itu.")


def conventional_username(unit: ReportingUnit) -> str:
    """opd.<short name> for an OPD, kec.<slug>/kel.<slug> for a kecamatan or kelurahan."""
    return f"opd.{unit.short_name}" if unit.kind == "opd" else focal_username(unit)


def create_unit_accounts(engine: Engine, actor: SignedInUser, region_code: str | None = None) -> UnitAccounts:
    """The missing accounts of every active unit of the region; a unit with an active account of
    its kind keeps it. Run twice, the second run creates nothing."""
    with unit_of_work(engine) as session:
        require_user_manager(actor)
        require_current_account(session, actor)
        region = find_region(session, region_code or actor.region_code or "")
        if not acts_in_region(actor, region.id):
            raise PermissionDenied("Anda hanya dapat mengelola akun wilayah Anda sendiri.")
        for kind in KIND_ORDER:
            if not may_grant_role(actor, kind):
                raise PermissionDenied(grant_refusal(kind))
        units = sorted(session.scalars(select(ReportingUnit).where(
            ReportingUnit.region_id == region.id, ReportingUnit.active.is_(True))),
            key=lambda u: (KIND_ORDER.get(u.kind, 9), u.name))
        if not units:
            raise InvalidInput([f"{region.name} belum memiliki OPD, kecamatan atau kelurahan aktif; tambahkan "
                                "unitnya dulu di halaman Unit Pelapor (atau impor daftar unit), lalu buat akunnya."])
        served = set(session.scalars(select(User.reporting_unit_id).where(
            User.region_id == region.id, User.active.is_(True), User.reporting_unit_id.is_not(None))))
        taken = set(session.scalars(select(User.username)))
        created = []
        for unit in units:
            if unit.id in served:
                continue
            username = _free_username(conventional_username(unit), region.code, taken)
            taken.add(username)
            password = one_time_password()
            word = "Operator" if unit.kind == "opd" else "Petugas"
            user = User(username=username, display_name=f"{word} {unit.name}"[:200],
                        password_hash=hash_password(password), role=unit.kind, region_id=region.id,
                        reporting_unit_id=unit.id, must_change_password=True)
            session.add(user)
            session.flush()
            audit.record(session, actor.id, "create_user", "app_user", user.id, region.id,
                         {"new": {"username": username, "display_name": user.display_name, "role": unit.kind,
                                  "unit": unit.short_name}, "source": "unit_accounts"})
            created.append(UnitAccount(unit.name, unit.kind, username, password))
        if created:
            bump_data_version(session)
        return UnitAccounts(region.code, region.name, settings.text(settings.APP_URL), created,
                            already=len(units) - len(created))


def _free_username(wanted: str, region_code: str, taken: set[str]) -> str:
    """The conventional name, or, when another region (or an old account) holds it, the name with
    the region's code: opd.dinkes.5371, then opd.dinkes.5371.2, ..."""
    if wanted not in taken:
        return wanted
    base = f"{wanted[:56]}.{region_code.replace('.', '')}"
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}.{number}", number + 1
    return candidate


def login_slips(accounts: UnitAccounts) -> bytes:
    """The login slips of the accounts just created (a PDF; the only place their passwords exist)."""
    from data.files.login_slips import login_slips_pdf

    return login_slips_pdf(accounts, clock.now())
