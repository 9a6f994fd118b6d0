"""Kecamatan and kelurahan as reporting units of a region, managed by the KLA secretariat.

Only an admin (any region) or the secretariat (its own region) adds, deactivates, reactivates or
moves them, imports the list from a spreadsheet, or gives one a focal-point account. Every change
is audited in its own transaction; a change of the set of active units also assigns the Kelana
Dekela questions of the region's cycles that are not closed to the active units and recomputes
the city's derived answers of those cycles (data.services.derived_answers). Answers are never
deleted: a deactivated unit's answers stay stored but drop out of the city's answers.

Names: a kecamatan "Kelapa Lima" is stored as "Kecamatan Kelapa Lima", short name
kec_kelapa_lima, focal point kec.kelapa_lima; a kelurahan "Oesapa Barat" as "Kelurahan Oesapa
Barat", kel_oesapa_barat, kel.oesapa_barat ("Desa ..." keeps its own word).
"""
from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field, replace

import pandas as pd
from sqlalchemy import Engine, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from data.db import bump_data_version, unit_of_work
from data.errors import DomainError, InvalidInput, NotFound
from data.models import Answer, CatalogVersion, EvaluationCycle, Region, ReportingUnit, User
from data import audit
from data.services.kelana import derived_answers
from data.actor import SignedInUser
from data.services.accounts.auth import create_user
from data.services.cases.cases import decode_csv_text
from data.services.catalog.catalog_admin import assign_by_data_source
from data.access import require_current_account, require_region, require_role
from data.lookups import find_region
from indicators.spreadsheet import (MAX_WORKBOOK_BYTES, OLE_SIGNATURE, SheetTooLong, WorkbookRefused, is_formula,
                                    open_workbook, slug)

MANAGER_ROLES = ("admin", "secretariat")
KINDS = ("kecamatan", "kelurahan")
SHORT_PREFIX = {"kecamatan": "kec", "kelurahan": "kel"}
NAME_WORD = {"kecamatan": "Kecamatan", "kelurahan": "Kelurahan"}
# Words a typed name may start with; they are taken off for the short name and put back once.
TYPED_PREFIXES = {"kecamatan": ("kecamatan", "kec."), "kelurahan": ("kelurahan", "kel.", "desa")}
# Control, format (zero-width, direction marks), surrogate, private-use, unassigned, line/paragraph breaks
REFUSED_CHARACTERS = ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")
MAX_NAME = 200          # ReportingUnit.name
MAX_SLUG = 60           # "kec_" + 60 fits ReportingUnit.short_name and the username (64)
MAX_REASON = 1000
MAX_IMPORT_ROWS = 5000
MAX_IMPORT_BYTES = MAX_WORKBOOK_BYTES
FROZEN = "closed"
KECAMATAN_HEADERS = ("kecamatan", "nama kecamatan")
KELURAHAN_HEADERS = ("kelurahan", "desa/kelurahan", "kelurahan/desa", "desa", "nama kelurahan", "nama desa")
TEMPLATE_HEADERS = ("Kecamatan", "Kelurahan")
NOT_ALLOWED = "Hanya admin atau sekretariat KLA yang dapat mengelola kecamatan dan kelurahan."


class NeedsConfirmation(InvalidInput):
    """A change that is allowed but has a consequence the person must accept first (a kelurahan
    moved with its answers); the message says what will happen."""


# --- names (pure) --------------------------------------------------------------------------------

@dataclass(frozen=True)
class UnitName:
    kind: str
    base: str   # as typed, without its leading "Kecamatan"/"Kelurahan": "Oesapa Barat"
    full: str   # as stored: "Kelurahan Oesapa Barat"
    key: str    # the slug two names share when they name the same unit: "oesapa_barat"

    @property
    def short_name(self) -> str:
        return f"{SHORT_PREFIX[self.kind]}_{self.key}"


def unit_name(kind: str, text: object) -> UnitName:
    """The unit name in `text`, or ValueError with an Indonesian message (without the row)."""
    raw = "" if text is None else str(text)
    if any(unicodedata.category(ch) in REFUSED_CHARACTERS for ch in raw):
        raise ValueError(f"nama {kind} berisi karakter kendali atau tak terlihat (mis. tab atau pindah baris); "
                         "ketik ulang namanya")
    base = " ".join(raw.split())
    word = NAME_WORD[kind]
    lowered = base.lower()
    for prefix in TYPED_PREFIXES[kind]:
        if lowered.startswith(prefix) and (prefix.endswith(".") or lowered[len(prefix):][:1] in (" ", "")):
            if prefix == "desa":
                word = "Desa"
            base = base[len(prefix):].strip()
            break
    if not base:
        raise ValueError(f"nama {kind} kosong")
    full = f"{word} {base}"
    if len(full) > MAX_NAME:
        raise ValueError(f"nama {kind} terlalu panjang ({len(full)} karakter termasuk kata '{word}'); "
                         f"paling banyak {MAX_NAME} karakter")
    # casefold before folding accents: "ß" and "SS" must give the same key, as any two cases do
    folded = unicodedata.normalize("NFKD", base.casefold()).encode("ascii", "ignore").decode("ascii")
    key = slug(folded)[:MAX_SLUG].strip("_")
    if not key:
        raise ValueError(f"nama {kind} '{base}' harus memuat huruf atau angka (a-z, 0-9)")
    return UnitName(kind, base, full, key)


def _key_of(unit: ReportingUnit) -> str:
    try:
        return unit_name(unit.kind, unit.name).key
    except ValueError:
        return unit.short_name


def focal_username(unit: ReportingUnit) -> str:
    prefix = SHORT_PREFIX[unit.kind]
    rest = unit.short_name[len(prefix) + 1:] if unit.short_name.startswith(prefix + "_") else slug(unit.short_name)
    return f"{prefix}.{rest}"


def _reason_text(reason: object) -> str:
    text = str(reason or "").strip()
    if not text:
        raise InvalidInput(["Alasan wajib diisi; tuliskan mengapa status unit ini diubah."])
    if len(text) > MAX_REASON:
        raise InvalidInput([f"Alasan terlalu panjang ({len(text)} karakter); paling banyak {MAX_REASON}."])
    return text


# --- rights, region and refresh ------------------------------------------------------------------

def _manager_region(session: Session, actor: SignedInUser, region_code: str | None) -> Region:
    require_role(actor, MANAGER_ROLES, NOT_ALLOWED)
    require_current_account(session, actor)
    if region_code:
        region = find_region(session, region_code)
    elif actor.region_id is not None:
        region = session.get(Region, actor.region_id)
    else:
        regions = list(session.scalars(select(Region).order_by(Region.code).limit(2)))
        if len(regions) != 1:
            raise InvalidInput(["Sebutkan wilayahnya (kode Kemendagri, mis. 53.71)."])
        region = regions[0]
    require_region(actor, region.id)
    return region


def _units(session: Session, region: Region) -> list[ReportingUnit]:
    return list(session.scalars(select(ReportingUnit).where(
        ReportingUnit.region_id == region.id, ReportingUnit.kind.in_(KINDS)).order_by(ReportingUnit.name)))


def _find_unit(session: Session, region: Region, short_name: str, kind: str | None = None) -> ReportingUnit:
    unit = session.scalar(select(ReportingUnit).where(
        ReportingUnit.region_id == region.id, ReportingUnit.short_name == str(short_name or "").strip()))
    if unit is None:
        raise NotFound(f"Unit '{short_name}' tidak terdaftar di {region.name}.")
    if unit.kind not in KINDS:
        raise InvalidInput([f"{unit.name} adalah OPD; di sini hanya kecamatan dan kelurahan yang dikelola."])
    if kind is not None and unit.kind != kind:
        raise InvalidInput([f"{unit.name} adalah {unit.kind}, bukan {kind}."])
    return unit


def _open_cycles(session: Session, region: Region) -> list[EvaluationCycle]:
    return list(session.scalars(select(EvaluationCycle).where(
        EvaluationCycle.region_id == region.id, EvaluationCycle.status != FROZEN).order_by(EvaluationCycle.year)))


def _refresh(session: Session, region: Region, actor: SignedInUser) -> dict[int, list[str]]:
    """After the set of active units changed: assign the unit questions of every cycle that is not
    closed, and recompute that cycle's derived city answers; returns the changed codes per year."""
    session.flush()
    cycles = _open_cycles(session, region)
    for version_id in sorted({c.catalog_version_id for c in cycles}):
        assign_by_data_source(session, region, session.get(CatalogVersion, version_id))
    session.flush()
    return {c.year: derived_answers.recompute(session, c, actor.id) for c in cycles}


def _years(years) -> str:
    years = [str(y) for y in years]
    return ", ".join(years[:-1]) + " dan " + years[-1] if len(years) > 1 else "".join(years)


def _recompute_note(recomputed: dict[int, list[str]]) -> str:
    if not recomputed:
        return "Tidak ada siklus yang belum ditutup; jawaban siklus yang sudah ditutup tidak berubah."
    changed = sum(len(codes) for codes in recomputed.values())
    return (f"Jawaban turunan kota pada siklus {_years(recomputed)} dihitung ulang "
            f"({changed} jawaban berubah).")


def _accounts(session: Session, unit: ReportingUnit) -> list[str]:
    return list(session.scalars(select(User.username).where(
        User.reporting_unit_id == unit.id, User.active.is_(True)).order_by(User.username)))


def _open_answers(session: Session, unit: ReportingUnit) -> dict[int, int]:
    """Answers of the unit per year of the cycles that are not closed."""
    return dict(session.execute(
        select(EvaluationCycle.year, func.count(Answer.id)).join(EvaluationCycle, Answer.cycle_id == EvaluationCycle.id)
        .where(Answer.reporting_unit_id == unit.id, EvaluationCycle.status != FROZEN)
        .group_by(EvaluationCycle.year).order_by(EvaluationCycle.year)).all())


def _open_answer_counts(session: Session, region: Region) -> dict[int, int]:
    """Answers per unit of the region in the cycles that are not closed (one query for a whole file)."""
    return dict(session.execute(
        select(Answer.reporting_unit_id, func.count(Answer.id))
        .join(EvaluationCycle, Answer.cycle_id == EvaluationCycle.id)
        .where(Answer.region_id == region.id, EvaluationCycle.status != FROZEN)
        .group_by(Answer.reporting_unit_id)).all())


def _state(unit: ReportingUnit, parent: ReportingUnit | None) -> dict:
    return {"kind": unit.kind, "short_name": unit.short_name, "name": unit.name, "active": unit.active,
            "kecamatan": parent.short_name if parent else None}


# --- reading -------------------------------------------------------------------------------------

UNIT_COLUMNS = ["kind", "short_name", "name", "kecamatan_short_name", "kecamatan_name", "active", "focal_points"]


def unit_regions(engine: Engine, actor: SignedInUser) -> list[dict]:
    """The regions whose units the actor manages (code, name)."""
    with unit_of_work(engine) as session:
        require_role(actor, MANAGER_ROLES, NOT_ALLOWED)
        require_current_account(session, actor)
        query = select(Region.code, Region.name).order_by(Region.code)
        if actor.role != "admin":
            query = query.where(Region.id == actor.region_id)
        return [{"code": code, "name": name} for code, name in session.execute(query)]


def region_units(engine: Engine, actor: SignedInUser, region_code: str | None = None) -> pd.DataFrame:
    """The region's kecamatan, each followed by its kelurahan (kind, short_name, name, kecamatan,
    active, focal_points: the usernames of its active accounts)."""
    with unit_of_work(engine) as session:
        region = _manager_region(session, actor, region_code)
        units = _units(session, region)
        accounts: dict[int, list[str]] = {}
        for unit_id, username in session.execute(
                select(User.reporting_unit_id, User.username).where(
                    User.reporting_unit_id.in_([u.id for u in units]), User.active.is_(True))
                .order_by(User.username)):
            accounts.setdefault(unit_id, []).append(username)
        kecamatan = [u for u in units if u.kind == "kecamatan"]
        by_id = {u.id: u for u in kecamatan}
        children: dict[int | None, list[ReportingUnit]] = {}
        for unit in units:
            if unit.kind == "kelurahan":
                children.setdefault(unit.parent_id if unit.parent_id in by_id else None, []).append(unit)

        def row(unit: ReportingUnit, parent: ReportingUnit | None) -> dict:
            return {"kind": unit.kind, "short_name": unit.short_name, "name": unit.name,
                    "kecamatan_short_name": parent.short_name if parent else None,
                    "kecamatan_name": parent.name if parent else None, "active": unit.active,
                    "focal_points": ", ".join(accounts.get(unit.id, []))}

        rows = []
        for kec in kecamatan:
            rows.append(row(kec, kec))
            rows += [row(kel, kec) for kel in children.get(kec.id, [])]
        rows += [row(kel, None) for kel in children.get(None, [])]
        return pd.DataFrame(rows, columns=UNIT_COLUMNS)


# --- changes -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class UnitChange:
    short_name: str
    message: str
    account_username: str | None = None
    account_problem: str | None = None


def _duplicate_problem(region: Region, named: UnitName, same: ReportingUnit, parent: ReportingUnit | None) -> str:
    where = f"{parent.name}, {region.name}" if parent is not None and same.kind == "kelurahan" else region.name
    state = " (nonaktif; aktifkan kembali bila perlu)" if not same.active else ""
    text = f"{same.name} sudah terdaftar di {where}{state}; nama yang sama tidak dapat ditambahkan dua kali."
    if named.kind == "kelurahan":
        text += (f" Bila ini desa/kelurahan lain dengan nama yang sama, beri pembeda pada namanya, "
                 f"mis. '{named.base} (nama kecamatannya)'.")
    return text


def add_unit(engine: Engine, actor: SignedInUser, kind: str, name: str, kecamatan_short_name: str | None = None,
             account_password: str | None = None, region_code: str | None = None) -> UnitChange:
    """Add a kecamatan, or a kelurahan under an active kecamatan of the same region; with a
    password, also its focal-point account (kec.<slug>/kel.<slug>, made by auth.create_user)."""
    with unit_of_work(engine) as session:
        region = _manager_region(session, actor, region_code)
        if kind not in KINDS:
            raise InvalidInput([f"Jenis unit '{kind}' tidak dikenal; pilih kecamatan atau kelurahan."])
        problems: list[str] = []
        named = None
        try:
            named = unit_name(kind, name)
        except ValueError as error:
            problems.append(_sentence(str(error)))
        parent = None
        if kind == "kelurahan":
            if not kecamatan_short_name:
                problems.append("Pilih kecamatan tempat kelurahan ini berada.")
            else:
                parent = session.scalar(select(ReportingUnit).where(
                    ReportingUnit.region_id == region.id, ReportingUnit.kind == "kecamatan",
                    ReportingUnit.short_name == kecamatan_short_name.strip()))
                if parent is None:
                    problems.append(f"Kecamatan '{kecamatan_short_name}' tidak terdaftar di {region.name}.")
                elif not parent.active:
                    problems.append(f"{parent.name} nonaktif; aktifkan dulu kecamatannya sebelum menambah kelurahan.")
        elif kecamatan_short_name:
            problems.append("Kecamatan tidak berada di bawah kecamatan lain; kosongkan pilihan kecamatan.")
        if named is not None:
            units = _units(session, region)
            same = next((u for u in units if u.kind == kind and _key_of(u) == named.key), None)
            taken = next((u for u in units if u.short_name == named.short_name), None)
            if same is not None:
                problems.append(_duplicate_problem(region, named, same, same.parent))
            elif taken is not None:
                problems.append(f"Nama singkat {named.short_name} sudah dipakai oleh {taken.name}; ubah namanya sedikit.")
        if problems:
            raise InvalidInput(problems)
        unit = ReportingUnit(region_id=region.id, kind=kind, short_name=named.short_name, name=named.full,
                             parent_id=parent.id if parent else None, active=True)
        session.add(unit)
        try:
            session.flush()
        except IntegrityError as error:  # the same unit added by a concurrent request
            raise InvalidInput([f"{named.full} sudah terdaftar di {region.name}."]) from error
        audit.record(session, actor.id, "unit.add", "reporting_unit", unit.id, region.id,
                     {"new": _state(unit, parent), "source": "form"})
        recomputed = _refresh(session, region, actor)
        bump_data_version(session)
        short_name, full, code = unit.short_name, unit.name, region.code
    where = f" di {parent.name}" if parent else ""
    message = (f"{full} ditambahkan{where} (nama singkat {short_name}); pertanyaan Kelana Dekela untuk "
               f"{kind} ditugaskan kepadanya. {_recompute_note(recomputed)}")
    if not account_password:
        return UnitChange(short_name, message)
    try:
        account = create_focal_account(engine, actor, short_name, account_password, region_code=code)
    except DomainError as error:
        return UnitChange(short_name, message, account_problem=(
            f"Akun petugas belum dibuat: {error.message} Buat akunnya lewat formulir akun petugas."))
    return UnitChange(short_name, message + f" Akun petugas {account.username} dibuat.", account.username)


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def deactivate_unit(engine: Engine, actor: SignedInUser, short_name: str, reason: str,
                    region_code: str | None = None) -> UnitChange:
    """Deactivate a kecamatan (without active kelurahan) or a kelurahan. Its answers stay stored
    but no longer count in the city's answers of cycles that are not closed; its accounts stay
    but can no longer enter answers."""
    with unit_of_work(engine) as session:
        region = _manager_region(session, actor, region_code)
        text = _reason_text(reason)
        unit = _find_unit(session, region, short_name)
        if not unit.active:
            raise InvalidInput([f"{unit.name} sudah nonaktif."])
        if unit.kind == "kecamatan":
            active_children = list(session.scalars(select(ReportingUnit.name).where(
                ReportingUnit.parent_id == unit.id, ReportingUnit.kind == "kelurahan",
                ReportingUnit.active.is_(True)).order_by(ReportingUnit.name)))
            if active_children:
                raise InvalidInput([f"{unit.name} masih membawahi {len(active_children)} kelurahan aktif; "
                                    f"nonaktifkan atau pindahkan dulu kelurahannya: {', '.join(active_children)}."])
        unit.active = False
        accounts = _accounts(session, unit)
        audit.record(session, actor.id, "unit.deactivate", "reporting_unit", unit.id, region.id,
                     {"old": {"active": True}, "new": {"active": False}, "unit": unit.short_name,
                      "reason": text, "accounts": accounts})
        recomputed = _refresh(session, region, actor)
        bump_data_version(session)
        answers_note = (f"Jawabannya tetap tersimpan, tetapi tidak lagi dihitung dalam jawaban kota pada siklus "
                        f"{_years(recomputed)} yang belum ditutup." if recomputed else
                        "Jawabannya tetap tersimpan; siklus yang sudah ditutup tidak berubah.")
        account_note = (f" Akunnya ({', '.join(accounts)}) tetap ada, tetapi tidak dapat mengisi jawaban lagi."
                        if accounts else "")
        return UnitChange(unit.short_name, f"{unit.name} dinonaktifkan. {answers_note}{account_note} "
                                           f"{_recompute_note(recomputed)}")


def reactivate_unit(engine: Engine, actor: SignedInUser, short_name: str, reason: str,
                    region_code: str | None = None) -> UnitChange:
    """Make a deactivated unit active again: its stored answers count again in the city's answers
    of cycles that are not closed, and its questions are assigned to it again."""
    with unit_of_work(engine) as session:
        region = _manager_region(session, actor, region_code)
        text = _reason_text(reason)
        unit = _find_unit(session, region, short_name)
        if unit.active:
            raise InvalidInput([f"{unit.name} sudah aktif."])
        if unit.kind == "kelurahan":
            parent = unit.parent
            if parent is None or not parent.active:
                raise InvalidInput([f"{parent.name if parent else 'Kecamatannya'} nonaktif; aktifkan dulu "
                                    f"kecamatannya atau pindahkan {unit.name} ke kecamatan yang aktif."])
        unit.active = True
        audit.record(session, actor.id, "unit.reactivate", "reporting_unit", unit.id, region.id,
                     {"old": {"active": False}, "new": {"active": True}, "unit": unit.short_name, "reason": text})
        recomputed = _refresh(session, region, actor)
        bump_data_version(session)
        answers_note = (f"Jawaban yang tersimpan dihitung lagi dalam jawaban kota pada siklus {_years(recomputed)}. "
                        if recomputed else "")
        return UnitChange(unit.short_name, f"{unit.name} aktif kembali. {answers_note}{_recompute_note(recomputed)}")


def move_kelurahan(engine: Engine, actor: SignedInUser, short_name: str, new_kecamatan_short_name: str,
                   confirm: bool = False, region_code: str | None = None) -> UnitChange:
    """Put a kelurahan under another active kecamatan of the region. With answers in a cycle that
    is not closed, the move needs confirm=True: the answers move with it."""
    with unit_of_work(engine) as session:
        region = _manager_region(session, actor, region_code)
        unit = _find_unit(session, region, short_name, "kelurahan")
        new = _find_unit(session, region, new_kecamatan_short_name, "kecamatan")
        old = unit.parent
        if old is not None and old.id == new.id:
            raise InvalidInput([f"{unit.name} sudah berada di {new.name}."])
        if not new.active:
            raise InvalidInput([f"{new.name} nonaktif; pilih kecamatan yang aktif."])
        answers = _open_answers(session, unit)
        old_name = old.name if old else "(tanpa kecamatan)"
        if answers and not confirm:
            raise NeedsConfirmation([
                f"{unit.name} sudah memiliki {sum(answers.values())} jawaban pada siklus {_years(answers)} yang "
                f"belum ditutup. Jawaban itu ikut pindah: rincian per kecamatan siklus itu akan menampilkannya di "
                f"bawah {new.name}, bukan lagi {old_name}. Konfirmasikan pemindahan untuk melanjutkan."])
        unit.parent_id = new.id
        audit.record(session, actor.id, "unit.move", "reporting_unit", unit.id, region.id,
                     {"unit": unit.short_name, "old": {"kecamatan": old.short_name if old else None},
                      "new": {"kecamatan": new.short_name}, "open_answers": {str(y): n for y, n in answers.items()},
                      "confirmed": bool(confirm)})
        bump_data_version(session)
        moved = (f" {sum(answers.values())} jawabannya pada siklus {_years(answers)} ikut pindah." if answers else "")
        return UnitChange(unit.short_name, f"{unit.name} dipindahkan dari {old_name} ke {new.name}.{moved}")


def create_focal_account(engine: Engine, actor: SignedInUser, short_name: str, password: str,
                         region_code: str | None = None) -> SignedInUser:
    """The focal-point account kec.<slug>/kel.<slug> of an active unit (data.services.auth.create_user
    checks the password and the name)."""
    with unit_of_work(engine) as session:
        region = _manager_region(session, actor, region_code)
        unit = _find_unit(session, region, short_name)
        if not unit.active:
            raise InvalidInput([f"{unit.name} nonaktif; aktifkan dulu unitnya sebelum membuat akun petugas."])
        username, display_name, kind, code = focal_username(unit), f"Petugas {unit.name}", unit.kind, region.code
        unit_short = unit.short_name
    return create_user(engine, actor, username, display_name, password, role=kind, region_code=code,
                       unit_short_name=unit_short)


# --- import --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class FileRow:
    line: int
    kecamatan: object
    kelurahan: object


@dataclass(frozen=True)
class UnitMove:
    kelurahan: str
    old_kecamatan: str
    new_kecamatan: str
    open_answers: int


@dataclass(frozen=True)
class UnitImport:
    applied: bool
    filename: str
    rows: int
    kecamatan_added: list[str] = field(default_factory=list)
    kelurahan_added: list[tuple[str, str]] = field(default_factory=list)   # (kelurahan, kecamatan)
    moved: list[UnitMove] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    left_inactive: list[str] = field(default_factory=list)
    not_in_file: list[str] = field(default_factory=list)
    recomputed: dict[int, list[str]] = field(default_factory=dict)

    @property
    def report(self) -> list[str]:
        """The outcome in Indonesian, one line per fact (the command line prints it as is)."""
        lines = [(f"Impor {self.filename} selesai" if self.applied else
                  f"Pemeriksaan {self.filename} lolos; belum ada yang diubah") + f": {self.rows} baris kelurahan."]
        will = "" if self.applied else " (akan ditambahkan)"
        if self.kecamatan_added:
            lines.append(f"Kecamatan baru{will} ({len(self.kecamatan_added)}): {', '.join(self.kecamatan_added)}.")
        if self.kelurahan_added:
            lines.append(f"Kelurahan baru{will} ({len(self.kelurahan_added)}): "
                         + ", ".join(f"{kel} ({kec})" for kel, kec in self.kelurahan_added) + ".")
        for move in self.moved:
            answers = (f"; {move.open_answers} jawabannya pada siklus yang belum ditutup ikut pindah"
                       if move.open_answers else "")
            lines.append(f"{'Dipindahkan' if self.applied else 'Akan dipindahkan'}: {move.kelurahan} dari "
                         f"{move.old_kecamatan} ke {move.new_kecamatan}{answers}.")
        if not (self.kecamatan_added or self.kelurahan_added or self.moved):
            lines.append("Tidak ada perubahan: semua kecamatan dan kelurahan dalam berkas sudah terdaftar.")
        lines.append(f"Tidak berubah: {len(self.unchanged)} kelurahan.")
        if self.left_inactive:
            lines.append(f"Tercantum tetapi nonaktif, tetap nonaktif: {', '.join(self.left_inactive)}.")
        lines.append("Impor tidak menonaktifkan unit yang tidak tercantum dalam berkas"
                     + (f" ({len(self.not_in_file)} unit aktif tidak tercantum: {', '.join(self.not_in_file[:10])}"
                        + (", ..." if len(self.not_in_file) > 10 else "") + ")" if self.not_in_file else "")
                     + "; nonaktifkan satu per satu di halaman Unit Wilayah bila perlu.")
        if self.applied and self.recomputed:
            lines.append(_recompute_note(self.recomputed))
        return lines


def _cell_text(value, line: int, column: str, problems: list[str]) -> str | None:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        problems.append(f"Baris {line}: kolom {column} berisi {type(value).__name__}, bukan nama; "
                        "format selnya sebagai Teks lalu ketik namanya.")
        return None
    return str(int(value)) if float(value).is_integer() else str(value)


def _header_key(value) -> str:
    return re.sub(r"\s*/\s*", "/", " ".join(str(value or "").split()).lower())


def _header_columns(header: list) -> tuple[dict[str, int], str | None]:
    columns: dict[str, int] = {}
    for index, value in enumerate(header):
        key = _header_key(value)
        if key in KECAMATAN_HEADERS:
            columns.setdefault("kecamatan", index)
        elif key in KELURAHAN_HEADERS:
            columns.setdefault("kelurahan", index)
    missing = [name.capitalize() for name in ("kecamatan", "kelurahan") if name not in columns]
    if missing:
        found = ", ".join(f"'{v}'" for v in header if str(v or "").strip()) or "tidak ada"
        return columns, (f"Baris 1: kolom {' dan '.join(missing)} tidak ditemukan (judul kolom yang ada: {found}). "
                         "Baris pertama harus berisi judul kolom Kecamatan dan Kelurahan (atau Desa/Kelurahan).")
    return columns, None


def _looks_like_workbook(data: bytes) -> bool:
    return data.startswith(b"PK") or data.startswith(OLE_SIGNATURE)


def read_unit_rows(data: bytes, filename: str) -> tuple[list[FileRow], list[str]]:
    """The rows of an uploaded .xlsx or .csv file (one kelurahan per row), or the problems that
    keep it from being read."""
    name = (filename or "").strip().lower()
    if _looks_like_workbook(data) or name.endswith((".xlsx", ".xlsm", ".xls")):
        return _read_workbook(data)
    if name.endswith((".csv", ".txt")):
        return _read_csv(data)
    return [], [f"Jenis berkas '{filename}' tidak dikenal. Unggah berkas Excel (.xlsx) atau CSV (.csv)."]


def _read_workbook(data: bytes) -> tuple[list[FileRow], list[str]]:
    try:
        book = open_workbook(data, max_bytes=MAX_IMPORT_BYTES, max_rows=MAX_IMPORT_ROWS + 1)
    except SheetTooLong as refused:
        return [], [f"Lembar '{refused.sheet}' berisi lebih dari {MAX_IMPORT_ROWS} baris; paling banyak "
                    f"{MAX_IMPORT_ROWS} kelurahan per berkas. Bagi daftarnya ke beberapa berkas."]
    except WorkbookRefused as refused:
        return [], [refused.message]
    try:
        sheet = book.worksheets[0]
        problems: list[str] = []
        rows: list[FileRow] = []
        columns = None
        for line, cells in enumerate(sheet.iter_rows(), start=1):
            if columns is None:
                columns, problem = _header_columns([c.value for c in cells])
                if problem:
                    return [], [problem]
                continue
            values = {}
            for column, index in columns.items():
                cell = cells[index] if index < len(cells) else None
                if cell is not None and is_formula(cell):
                    problems.append(f"Baris {line}: kolom {column.capitalize()} berisi rumus; isikan namanya saja.")
                    values[column] = None
                else:
                    values[column] = _cell_text(cell.value if cell is not None else None, line,
                                                column.capitalize(), problems)
            if None in values.values() or all(not v.strip() for v in values.values()):
                continue
            rows.append(FileRow(line, values["kecamatan"], values["kelurahan"]))
        if columns is None:
            return [], ["Lembar pertama kosong: baris pertama harus berisi judul kolom Kecamatan dan Kelurahan."]
        return rows, problems
    except Exception as exc:  # a damaged package can fail in the XML parser, zlib or openpyxl
        return [], [f"File Excel rusak sehingga tidak dapat dibaca ({type(exc).__name__}). "
                    "Simpan ulang file di Excel lalu unggah lagi."]
    finally:
        book.close()


def _read_csv(data: bytes) -> tuple[list[FileRow], list[str]]:
    if not data.strip():
        return [], ["Berkas kosong: baris pertama harus berisi judul kolom Kecamatan dan Kelurahan."]
    if len(data) > MAX_IMPORT_BYTES:
        return [], [f"Berkas terlalu besar ({len(data) / 1024 / 1024:.1f} MB); paling besar "
                    f"{MAX_IMPORT_BYTES // 1024 // 1024} MB.".replace(".", ",", 1)]
    text, encoding = decode_csv_text(data)
    if text is None:
        return [], [f"Berkas tidak dapat dibaca sebagai teks UTF-8 atau Windows-1252 (terbaca: {encoding}). "
                    "Di Excel pilih 'Simpan Sebagai' > 'CSV UTF-8 (dibatasi koma)'."]
    first_line = text.splitlines()[0] if text.splitlines() else ""
    separator = max([";", ",", "\t"], key=first_line.count)
    problems: list[str] = []
    rows: list[FileRow] = []
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
        header = next(reader, [])
        columns, problem = _header_columns(header)
        if problem:
            return [], [problem]
        for values in reader:
            line = reader.line_num
            if not any(v.strip() for v in values):
                continue
            if len(rows) >= MAX_IMPORT_ROWS:
                problems.append(f"Berkas berisi lebih dari {MAX_IMPORT_ROWS} baris kelurahan; bagi daftarnya ke "
                                "beberapa berkas.")
                break
            cells = {c: values[i] if i < len(values) else "" for c, i in columns.items()}
            rows.append(FileRow(line, cells["kecamatan"], cells["kelurahan"]))
    except csv.Error as error:
        return [], [f"Berkas CSV tidak dapat dibaca ({error}). Simpan ulang dari Excel sebagai CSV lalu unggah lagi."]
    return rows, problems


@dataclass
class _Plan:
    rows: int
    new_kecamatan: dict[str, UnitName] = field(default_factory=dict)            # key -> name
    new_kelurahan: list[tuple[UnitName, str]] = field(default_factory=list)     # (name, kecamatan key)
    moves: list[tuple[ReportingUnit, str, UnitMove]] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    left_inactive: list[str] = field(default_factory=list)
    not_in_file: list[str] = field(default_factory=list)


def _plan(session: Session, region: Region, rows: list[FileRow], problems: list[str]) -> _Plan:
    units = _units(session, region)
    by_id = {u.id: u for u in units}
    existing = {(u.kind, _key_of(u)): u for u in units}
    short_names = {u.short_name: u for u in units}
    kecamatan_names: dict[str, UnitName] = {}
    kelurahan_seen: dict[str, tuple[UnitName, UnitName, int]] = {}
    for row in rows:
        parsed = {}
        for kind, raw in (("kecamatan", row.kecamatan), ("kelurahan", row.kelurahan)):
            try:
                parsed[kind] = unit_name(kind, raw)
            except ValueError as error:
                problems.append(f"Baris {row.line}: {error}.")
        if len(parsed) < 2:
            continue
        kec, kel = parsed["kecamatan"], parsed["kelurahan"]
        kecamatan_names.setdefault(kec.key, kec)
        if kel.key in kelurahan_seen:
            first_kel, first_kec, first_line = kelurahan_seen[kel.key]
            if first_kec.key == kec.key:
                problems.append(f"Baris {row.line}: {first_kel.full} sudah tercantum di baris {first_line}; "
                                "hapus salah satunya.")
            else:
                problems.append(f"Baris {row.line}: {first_kel.full} tercantum di bawah dua kecamatan ({first_kec.full} "
                                f"di baris {first_line}, {kec.full} di sini); satu kelurahan hanya berada di satu "
                                "kecamatan.")
            continue
        kelurahan_seen[kel.key] = (kel, kec, row.line)
    plan = _Plan(rows=len(rows))
    moving = []
    for key, kec in kecamatan_names.items():
        if ("kecamatan", key) not in existing:
            if kec.short_name in short_names:
                problems.append(f"Nama singkat {kec.short_name} untuk {kec.full} sudah dipakai oleh "
                                f"{short_names[kec.short_name].name}; ubah namanya sedikit.")
            plan.new_kecamatan[key] = kec
    for kel, kec, line in kelurahan_seen.values():
        target = existing.get(("kecamatan", kec.key))
        unit = existing.get(("kelurahan", kel.key))
        if unit is not None and target is not None and unit.parent_id == target.id:
            (plan.unchanged if unit.active else plan.left_inactive).append(unit.name)
            continue
        if target is not None and not target.active:
            problems.append(f"Baris {line}: {target.name} nonaktif; aktifkan dulu kecamatannya sebelum "
                            f"{'memindahkan' if unit else 'menambah'} {kel.full} ke sana.")
            continue
        if unit is None:
            if kel.short_name in short_names:
                problems.append(f"Baris {line}: nama singkat {kel.short_name} untuk {kel.full} sudah dipakai oleh "
                                f"{short_names[kel.short_name].name}; ubah namanya sedikit.")
                continue
            plan.new_kelurahan.append((kel, kec.key))
            continue
        old = by_id[unit.parent_id].name if unit.parent_id in by_id else "(tanpa kecamatan)"
        moving.append((unit, kec.key, old, target.name if target is not None else kec.full))
    if moving:
        answers = _open_answer_counts(session, region)
        plan.moves = [(unit, key, UnitMove(unit.name, old, new_name, answers.get(unit.id, 0)))
                      for unit, key, old, new_name in moving]
    listed = {("kelurahan", k) for k in kelurahan_seen} | {("kecamatan", k) for k in kecamatan_names}
    plan.not_in_file = [u.name for (kind, key), u in existing.items() if u.active and (kind, key) not in listed]
    return plan


def import_units(engine: Engine, actor: SignedInUser, data: bytes, filename: str, apply: bool,
                 region_code: str | None = None) -> UnitImport:
    """Check (apply=False) or apply a list of kecamatan and kelurahan: new ones are added,
    kelurahan listed under another kecamatan are moved, units not in the file are left as they are.
    Any problem refuses the whole file (InvalidInput listing every problem); nothing is changed."""
    with unit_of_work(engine) as session:
        region = _manager_region(session, actor, region_code)
        rows, problems = read_unit_rows(bytes(data or b""), filename)
        plan = _plan(session, region, rows, problems) if rows else _Plan(rows=0)
        if not rows and not problems:
            problems.append("Berkas tidak berisi baris kelurahan; isi satu baris per kelurahan di bawah judul kolom.")
        if problems:
            raise InvalidInput(problems)
        kecamatan_names = {_key_of(u): u.name for u in _units(session, region) if u.kind == "kecamatan"}
        kecamatan_names.update({key: named.full for key, named in plan.new_kecamatan.items()})
        result = UnitImport(
            applied=bool(apply), filename=filename, rows=plan.rows,
            kecamatan_added=[k.full for k in plan.new_kecamatan.values()],
            kelurahan_added=[(kel.full, kecamatan_names[key]) for kel, key in plan.new_kelurahan],
            moved=[move for _, _, move in plan.moves], unchanged=plan.unchanged,
            left_inactive=plan.left_inactive, not_in_file=plan.not_in_file)
        if not apply:
            return result
        return replace(result, recomputed=_apply_plan(session, region, actor, plan, filename))


def _apply_plan(session: Session, region: Region, actor: SignedInUser, plan: _Plan,
                filename: str) -> dict[int, list[str]]:
    kecamatan = {_key_of(u): u for u in _units(session, region) if u.kind == "kecamatan"}
    kecamatan_by_id = {u.id: u for u in kecamatan.values()}
    added: list[tuple[ReportingUnit, ReportingUnit | None]] = []
    try:
        for key, named in plan.new_kecamatan.items():
            kecamatan[key] = ReportingUnit(region_id=region.id, kind="kecamatan", short_name=named.short_name,
                                           name=named.full, active=True)
            session.add(kecamatan[key])
            added.append((kecamatan[key], None))
        session.flush()
        for named, key in plan.new_kelurahan:
            unit = ReportingUnit(region_id=region.id, kind="kelurahan", short_name=named.short_name,
                                 name=named.full, parent_id=kecamatan[key].id, active=True)
            session.add(unit)
            added.append((unit, kecamatan[key]))
        session.flush()
    except IntegrityError as error:  # a unit added by a concurrent request
        raise InvalidInput(["Sebagian unit dalam berkas baru saja ditambahkan oleh pengguna lain; "
                            "periksa berkasnya lagi."]) from error
    for unit, parent in added:
        audit.record(session, actor.id, "unit.add", "reporting_unit", unit.id, region.id,
                     {"new": _state(unit, parent), "source": "import", "file": filename})
    for unit, key, move in plan.moves:
        old = kecamatan_by_id.get(unit.parent_id)
        unit.parent_id = kecamatan[key].id
        audit.record(session, actor.id, "unit.move", "reporting_unit", unit.id, region.id,
                     {"unit": unit.short_name, "old": {"kecamatan": old.short_name if old else None},
                      "new": {"kecamatan": kecamatan[key].short_name}, "open_answers": move.open_answers,
                      "confirmed": True, "source": "import", "file": filename})
    audit.record(session, actor.id, "units.import", "region", region.id, region.id,
                 {"file": filename, "rows": plan.rows, "kecamatan_added": len(plan.new_kecamatan),
                  "kelurahan_added": len(plan.new_kelurahan), "moved": len(plan.moves),
                  "unchanged": len(plan.unchanged)})
    recomputed = _refresh(session, region, actor)
    bump_data_version(session)
    return recomputed


def units_template(engine: Engine, actor: SignedInUser, region_code: str | None = None) -> bytes:
    """An .xlsx with the columns Kecamatan and Kelurahan, filled with the region's active
    kelurahan (an import of it unchanged changes nothing), and a sheet of instructions."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    frame = region_units(engine, actor, region_code)
    book = Workbook()
    sheet = book.active
    sheet.title = "unit_wilayah"
    sheet.append(list(TEMPLATE_HEADERS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    kelurahan = frame[(frame["kind"] == "kelurahan") & frame["active"] & frame["kecamatan_name"].notna()]
    for row in kelurahan.itertuples():
        sheet.append([unit_name("kecamatan", row.kecamatan_name).base, row.name if row.name.startswith("Desa ")
                      else unit_name("kelurahan", row.name).base])
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 36
    sheet.freeze_panes = "A2"
    guide = book.create_sheet("petunjuk")
    for line in ("Satu baris per kelurahan (atau desa): kolom Kecamatan dan Kelurahan.",
                 "Judul kolom boleh juga 'Desa/Kelurahan' atau 'Desa'. Isi nama saja, tanpa rumus.",
                 "Kecamatan atau kelurahan yang belum terdaftar akan ditambahkan; kelurahan yang tercantum di "
                 "bawah kecamatan lain akan dipindahkan.",
                 "Unit yang tidak tercantum TIDAK dinonaktifkan; nonaktifkan di halaman Unit Wilayah.",
                 "Periksa dulu berkasnya (Periksa), lalu Terapkan bila pemeriksaan lolos."):
        guide.append([line])
    guide.column_dimensions["A"].width = 110
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


TEMPLATE_FILE_NAME = "templat_unit_wilayah.xlsx"
