"""Accounts imported from a spreadsheet (nama_pengguna, nama, peran, unit, telepon, email; never a
password): checked first, then created all or nothing, each with a one-time password returned once
(shown on the page, or written by the command line to a separate file)."""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
from sqlalchemy import Engine, select

from data import audit
from data.access import UNIT_ROLES, may_grant_role, require_current_account, require_region, require_user_manager
from data.actor import SignedInUser
from data.db import bump_data_version, unit_of_work
from data.errors import InvalidInput
from data.files.csv_text import csv_of
from data.files.table_file import read_table
from data.lookups import find_region
from data.models import ROLES, ReportingUnit, User
from data.services.accounts.admin import one_time_password
from data.services.accounts.auth import (
    MAX_DISPLAY_NAME,
    USERNAME_PATTERN,
    contact_details,
    grant_refusal,
    hash_password,
    normalize_username,
)

COLUMNS = {"nama_pengguna": ("username", "nama pengguna", "akun"), "nama": ("nama lengkap", "nama tampilan"),
           "peran": ("role",), "unit": ("nama_singkat", "unit pelapor"), "telepon": ("hp", "whatsapp", "wa"),
           "email": ("e-mail", "surel")}
REQUIRED = ("nama_pengguna", "nama", "peran")
MAX_ROWS = 1000
ROLE_WORDS = {"sekretariat": "secretariat", "ketua": "chair", "anggota": "member", "opd": "opd",
              "kecamatan": "kecamatan", "kelurahan": "kelurahan", "desa": "kelurahan", "admin": "admin",
              **{r: r for r in ROLES}}


@dataclass(frozen=True)
class AccountImport:
    applied: bool
    accounts: list[dict] = field(default_factory=list)
    """username, display_name, role, unit; after applying also one_time_password."""

    @property
    def report(self) -> list[str]:
        head = "Impor akun selesai" if self.applied else "Pemeriksaan lolos; belum ada akun yang dibuat"
        return [f"{head}: {len(self.accounts)} akun."] + [
            f"  {a['username']} ({a['role']}{', ' + a['unit'] if a['unit'] else ''}) {a['display_name']}"
            for a in self.accounts]


def import_accounts(engine: Engine, actor: SignedInUser, data: bytes, filename: str, apply: bool,
                    region_code: str | None = None) -> AccountImport:
    rows, problems = read_table(bytes(data or b""), filename, COLUMNS, REQUIRED, MAX_ROWS)
    with unit_of_work(engine) as session:
        require_user_manager(actor)
        require_current_account(session, actor)
        region = find_region(session, region_code or actor.region_code or "")
        require_region(actor, region.id)
        units = {u.short_name: u for u in session.scalars(select(ReportingUnit).where(
            ReportingUnit.region_id == region.id))}
        taken = set(session.scalars(select(User.username)))
        planned = []
        seen: dict[str, int] = {}
        for line, cells in rows:
            row_problems: list[str] = []
            username = normalize_username(cells.get("nama_pengguna", ""))
            name = " ".join(cells.get("nama", "").split())
            role = ROLE_WORDS.get(cells.get("peran", "").strip().lower())
            unit_short = cells.get("unit", "").strip().lower()
            if not USERNAME_PATTERN.fullmatch(username):
                row_problems.append(f"nama pengguna '{username[:40]}' tidak sah (3-64 huruf kecil, angka, titik, "
                                    "garis bawah atau tanda hubung)")
            elif username in taken:
                row_problems.append(f"nama pengguna {username} sudah dipakai")
            elif username in seen:
                row_problems.append(f"nama pengguna {username} sudah ada di baris {seen[username]}")
            if not name or len(name) > MAX_DISPLAY_NAME:
                row_problems.append(f"nama wajib diisi (paling banyak {MAX_DISPLAY_NAME} karakter)")
            if role is None:
                row_problems.append(f"peran '{cells.get('peran', '')[:30]}' tidak dikenal; isi opd, kecamatan, "
                                    "kelurahan, sekretariat, ketua atau anggota")
            elif not may_grant_role(actor, role):
                row_problems.append(grant_refusal(role).rstrip("."))
            elif role in UNIT_ROLES:
                unit = units.get(unit_short)
                if unit is None:
                    row_problems.append(f"unit '{unit_short[:40]}' tidak terdaftar di {region.name}")
                elif unit.kind != UNIT_ROLES[role] or not unit.active:
                    row_problems.append(f"unit {unit_short} adalah {unit.kind}{'' if unit.active else ' nonaktif'}; "
                                        f"peran {role} memerlukan {UNIT_ROLES[role]} yang aktif")
            contact_problems: list[str] = []
            phone, email = contact_details(cells.get("telepon"), cells.get("email"), contact_problems)
            row_problems += [p.rstrip(".") for p in contact_problems]
            if row_problems:
                problems += [f"Baris {line}: {p[:1].upper() + p[1:]}." for p in row_problems]
                continue
            seen[username] = line
            planned.append({"username": username, "display_name": name, "role": role,
                            "unit": unit_short if role in UNIT_ROLES else None, "phone": phone, "email": email})
        if not rows and not problems:
            problems.append("Berkas tidak berisi baris akun; isi satu akun per baris di bawah judul kolom.")
        if problems:
            raise InvalidInput(problems)
        if not apply:
            return AccountImport(False, [{k: a[k] for k in ("username", "display_name", "role", "unit")}
                                         for a in planned])
        created = []
        for account in planned:
            password = one_time_password()
            unit = units.get(account["unit"]) if account["unit"] else None
            user = User(username=account["username"], display_name=account["display_name"],
                        password_hash=hash_password(password), role=account["role"], region_id=region.id,
                        reporting_unit_id=unit.id if unit else None, phone=account["phone"], email=account["email"],
                        must_change_password=True)
            session.add(user)
            session.flush()
            audit.record(session, actor.id, "create_user", "app_user", user.id, region.id,
                         {"new": {k: account[k] for k in ("username", "display_name", "role", "unit", "phone",
                                                          "email")}, "source": "import", "file": filename})
            created.append({**{k: account[k] for k in ("username", "display_name", "role", "unit")},
                            "one_time_password": password})
        bump_data_version(session)
        return AccountImport(True, created)


def passwords_csv(result: AccountImport) -> str:
    """The one-time passwords of an applied import, for the secretariat to hand out (never stored)."""
    columns = {"username": "nama_pengguna", "display_name": "nama", "role": "peran", "unit": "unit",
               "one_time_password": "kata_sandi_sekali_pakai"}
    return csv_of(pd.DataFrame([{header: account[key] or "" for key, header in columns.items()}
                                for account in result.accounts], columns=list(columns.values())))
