"""Single changes to a region's kecamatan and kelurahan, each in its own audited transaction: add
one (with its focal-point account if asked), deactivate, reactivate, move a kelurahan to another
kecamatan, and give a unit its focal-point account. A change of the set of active units assigns
the Kelana Dekela questions again and recomputes the city's derived answers of the cycles that are
not closed (data.services.units.roster.refresh_region). Answers are never deleted: a deactivated
unit's answers stay stored but drop out of the city's answers."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from data import audit
from data.actor import SignedInUser
from data.db import bump_data_version, unit_of_work
from data.errors import DomainError, InvalidInput
from data.models import Answer, EvaluationCycle, Region, ReportingUnit, User
from data.services.accounts.auth import create_user
from data.services.units.roster import (
    FROZEN,
    kecamatan_and_kelurahan,
    managed_region,
    managed_unit,
    recompute_note,
    refresh_region,
    unit_state,
    years_text,
)
from data.text_guard import refuse_control_characters
from indicators.unit_names import KINDS, UnitName, focal_username, unit_key, unit_name

MAX_REASON = 1000


class NeedsConfirmation(InvalidInput):
    """A change that is allowed but has a consequence the person must accept first (a kelurahan
    moved with its answers); the message says what will happen."""


def _reason_text(reason: object) -> str:
    refuse_control_characters(reason, "Alasan", multiline=True)
    text = str(reason or "").strip()
    if not text:
        raise InvalidInput(["Alasan wajib diisi; tuliskan mengapa status unit ini diubah."])
    if len(text) > MAX_REASON:
        raise InvalidInput([f"Alasan terlalu panjang ({len(text)} karakter); paling banyak {MAX_REASON}."])
    return text


def _accounts(session: Session, unit: ReportingUnit) -> list[str]:
    return list(session.scalars(select(User.username).where(
        User.reporting_unit_id == unit.id, User.active.is_(True)).order_by(User.username)))


def _open_answers(session: Session, unit: ReportingUnit) -> dict[int, int]:
    """Answers of the unit per year of the cycles that are not closed."""
    return dict(session.execute(
        select(EvaluationCycle.year, func.count(Answer.id)).join(EvaluationCycle, Answer.cycle_id == EvaluationCycle.id)
        .where(Answer.reporting_unit_id == unit.id, EvaluationCycle.status != FROZEN)
        .group_by(EvaluationCycle.year).order_by(EvaluationCycle.year)).all())


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
        region = managed_region(session, actor, region_code)
        if kind not in KINDS:
            raise InvalidInput([f"Jenis unit '{kind}' tidak dikenal; pilih kecamatan atau kelurahan."])
        problems: list[str] = []
        named = None
        try:
            named = unit_name(kind, name)
        except ValueError as error:
            problems.append(sentence(str(error)))
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
            units = kecamatan_and_kelurahan(session, region)
            same = next((u for u in units if u.kind == kind and unit_key(u) == named.key), None)
            taken = next((u for u in units if u.short_name == named.short_name), None)
            if same is not None:
                problems.append(_duplicate_problem(region, named, same, same.parent))
            elif taken is not None:
                problems.append(f"Nama singkat {named.short_name} sudah dipakai oleh {taken.name}; "
                                "ubah namanya sedikit.")
        if problems or named is None:  # a name that could not be read has put its problem in the list
            raise InvalidInput(problems)
        unit = ReportingUnit(region_id=region.id, kind=kind, short_name=named.short_name, name=named.full,
                             parent_id=parent.id if parent else None, active=True)
        session.add(unit)
        try:
            session.flush()
        except IntegrityError as error:  # the same unit added by a concurrent request
            raise InvalidInput([f"{named.full} sudah terdaftar di {region.name}."]) from error
        audit.record(session, actor.id, "unit.add", "reporting_unit", unit.id, region.id,
                     {"new": unit_state(unit, parent), "source": "form"})
        recomputed = refresh_region(session, region, actor)
        bump_data_version(session, region.id)
        short_name, full, code = unit.short_name, unit.name, region.code
    where = f" di {parent.name}" if parent else ""
    message = (f"{full} ditambahkan{where} (nama singkat {short_name}); pertanyaan Kelana Dekela untuk "
               f"{kind} ditugaskan kepadanya. {recompute_note(recomputed)}")
    if not account_password:
        return UnitChange(short_name, message)
    try:
        account = create_focal_account(engine, actor, short_name, account_password, region_code=code)
    except DomainError as error:
        return UnitChange(short_name, message, account_problem=(
            f"Akun petugas belum dibuat: {error.message} Buat akunnya lewat formulir akun petugas."))
    return UnitChange(short_name, message + f" Akun petugas {account.username} dibuat.", account.username)


def sentence(text: str) -> str:
    """A message part as a sentence: capital first letter, one full stop."""
    text = text.strip()
    return (text[:1].upper() + text[1:]).rstrip(".") + "."


def deactivate_unit(engine: Engine, actor: SignedInUser, short_name: str, reason: str,
                    region_code: str | None = None) -> UnitChange:
    """Deactivate a kecamatan (without active kelurahan) or a kelurahan. Its answers stay stored
    but no longer count in the city's answers of cycles that are not closed; its accounts stay
    but can no longer enter answers."""
    with unit_of_work(engine) as session:
        region = managed_region(session, actor, region_code)
        text = _reason_text(reason)
        unit = managed_unit(session, region, short_name)
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
        recomputed = refresh_region(session, region, actor)
        bump_data_version(session, region.id)
        answers_note = (f"Jawabannya tetap tersimpan, tetapi tidak lagi dihitung dalam jawaban kota pada siklus "
                        f"{years_text(recomputed)} yang belum ditutup." if recomputed else
                        "Jawabannya tetap tersimpan; siklus yang sudah ditutup tidak berubah.")
        account_note = (f" Akunnya ({', '.join(accounts)}) tetap ada, tetapi tidak dapat mengisi jawaban lagi."
                        if accounts else "")
        return UnitChange(unit.short_name, f"{unit.name} dinonaktifkan. {answers_note}{account_note} "
                                           f"{recompute_note(recomputed)}")


def reactivate_unit(engine: Engine, actor: SignedInUser, short_name: str, reason: str,
                    region_code: str | None = None) -> UnitChange:
    """Make a deactivated unit active again: its stored answers count again in the city's answers
    of cycles that are not closed, and its questions are assigned to it again."""
    with unit_of_work(engine) as session:
        region = managed_region(session, actor, region_code)
        text = _reason_text(reason)
        unit = managed_unit(session, region, short_name)
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
        recomputed = refresh_region(session, region, actor)
        bump_data_version(session, region.id)
        answers_note = (f"Jawaban yang tersimpan dihitung lagi dalam jawaban kota pada siklus "
                        f"{years_text(recomputed)}. " if recomputed else "")
        return UnitChange(unit.short_name, f"{unit.name} aktif kembali. {answers_note}{recompute_note(recomputed)}")


def move_kelurahan(engine: Engine, actor: SignedInUser, short_name: str, new_kecamatan_short_name: str,
                   confirm: bool = False, region_code: str | None = None) -> UnitChange:
    """Put a kelurahan under another active kecamatan of the region. With answers in a cycle that
    is not closed, the move needs confirm=True: the answers move with it."""
    with unit_of_work(engine) as session:
        region = managed_region(session, actor, region_code)
        unit = managed_unit(session, region, short_name, "kelurahan")
        new = managed_unit(session, region, new_kecamatan_short_name, "kecamatan")
        old = unit.parent
        if old is not None and old.id == new.id:
            raise InvalidInput([f"{unit.name} sudah berada di {new.name}."])
        if not new.active:
            raise InvalidInput([f"{new.name} nonaktif; pilih kecamatan yang aktif."])
        answers = _open_answers(session, unit)
        old_name = old.name if old else "(tanpa kecamatan)"
        if answers and not confirm:
            raise NeedsConfirmation([
                f"{unit.name} sudah memiliki {sum(answers.values())} jawaban pada siklus {years_text(answers)} yang "
                f"belum ditutup. Jawaban itu ikut pindah: rincian per kecamatan siklus itu akan menampilkannya di "
                f"bawah {new.name}, bukan lagi {old_name}. Konfirmasikan pemindahan untuk melanjutkan."])
        unit.parent_id = new.id
        audit.record(session, actor.id, "unit.move", "reporting_unit", unit.id, region.id,
                     {"unit": unit.short_name, "old": {"kecamatan": old.short_name if old else None},
                      "new": {"kecamatan": new.short_name}, "open_answers": {str(y): n for y, n in answers.items()},
                      "confirmed": bool(confirm)})
        bump_data_version(session, region.id)
        moved = (f" {sum(answers.values())} jawabannya pada siklus {years_text(answers)} ikut pindah."
                 if answers else "")
        return UnitChange(unit.short_name, f"{unit.name} dipindahkan dari {old_name} ke {new.name}.{moved}")


def create_focal_account(engine: Engine, actor: SignedInUser, short_name: str, password: str,
                         region_code: str | None = None) -> SignedInUser:
    """The focal-point account kec.<slug>/kel.<slug> of an active unit
    (data.services.accounts.auth.create_user checks the password and the name)."""
    with unit_of_work(engine) as session:
        region = managed_region(session, actor, region_code)
        unit = managed_unit(session, region, short_name)
        if not unit.active:
            raise InvalidInput([f"{unit.name} nonaktif; aktifkan dulu unitnya sebelum membuat akun petugas."])
        username, display_name, kind, code = focal_username(unit), f"Petugas {unit.name}", unit.kind, region.code
        unit_short = unit.short_name
    return create_user(engine, actor, username, display_name, password, role=kind, region_code=code,
                       unit_short_name=unit_short)
