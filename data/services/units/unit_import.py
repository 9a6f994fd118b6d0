"""A region's list of kecamatan and kelurahan imported from a file, checked first, then applied:
new units are added, kelurahan listed under another kecamatan are moved, units not in the file are
left as they are; any problem refuses the whole file. The file itself is read and the template
written by data.files.units_file."""
from __future__ import annotations

import secrets
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from data import audit
from data.actor import SignedInUser
from data.db import bump_data_version, unit_of_work
from data.errors import InvalidInput
from data.files.units_file import FileRow, OpdRow, read_unit_rows, units_workbook
from data.models import Answer, EvaluationCycle, Region, ReportingUnit
from data.services.units.opds import OpdPlan, apply_opd_plan, data_source_guide, opd_list, plan_opd_rows
from data.services.units.roster import (
    FROZEN,
    kecamatan_and_kelurahan,
    managed_region,
    recompute_note,
    refresh_region,
    region_units,
    unit_state,
)
from indicators import clock
from indicators.text import excerpt
from indicators.unit_names import UnitName, typed_name, unit_key, unit_name


def _open_answer_counts(session: Session, region: Region) -> dict[int, int]:
    """Answers per unit of the region in the cycles that are not closed (one query for a whole file)."""
    return dict(session.execute(
        select(Answer.reporting_unit_id, func.count(Answer.id))
        .join(EvaluationCycle, Answer.cycle_id == EvaluationCycle.id)
        .where(Answer.region_id == region.id, EvaluationCycle.status != FROZEN)
        .group_by(Answer.reporting_unit_id)).all())


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
    opds_added: list[str] = field(default_factory=list)
    opds_changed: list[str] = field(default_factory=list)
    opds_unchanged: int = 0
    opd_rows: int = 0
    batch: str | None = None   # the import's id on the units it added (to undo it)

    @property
    def report(self) -> list[str]:
        """The outcome in Indonesian, one line per fact (the command line prints it as is)."""
        lines = [(f"Impor {self.filename} selesai" if self.applied else
                  f"Pemeriksaan {self.filename} lolos; belum ada yang diubah")
                 + (f": {self.opd_rows} baris OPD dan {self.rows} baris kecamatan/kelurahan." if self.opd_rows
                    else f": {self.rows} baris kelurahan.")]
        will = "" if self.applied else " (akan ditambahkan)"
        if self.opds_added:
            lines.append(f"OPD baru{will} ({len(self.opds_added)}): {', '.join(self.opds_added)}.")
        if self.opds_changed:
            lines.append(f"OPD {'diperbarui' if self.applied else 'akan diperbarui'} (nama atau sumber data) "
                         f"({len(self.opds_changed)}): {', '.join(self.opds_changed)}.")
        if self.opd_rows:
            lines.append(f"OPD tidak berubah: {self.opds_unchanged}.")
        if not self.rows:
            return lines + self._undo_line()
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
            lines.append(recompute_note(self.recomputed))
        return lines + self._undo_line()

    def _undo_line(self) -> list[str]:
        if not self.batch:
            return []
        return [f"Kode impor: {self.batch}. Unit yang ditambahkan impor ini dapat dihapus sekaligus selama belum "
                f"dipakai: Batalkan impor di halaman Unit Pelapor, atau manage.py undo-import-units --batch "
                f"{self.batch}."]


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
    units = kecamatan_and_kelurahan(session, region)
    by_id = {u.id: u for u in units}
    existing = {(u.kind, unit_key(u)): u for u in units}
    short_names = {u.short_name: u for u in units}
    kecamatan_names: dict[str, UnitName] = {}
    kelurahan_seen: dict[str, tuple[UnitName, UnitName, int]] = {}
    for row in rows:
        if row.kelurahan is None:  # a kecamatan alone
            try:
                kec = unit_name("kecamatan", row.kecamatan)
                kecamatan_names.setdefault(kec.key, kec)
            except ValueError as error:
                problems.append(f"Baris {row.line}: {error}.")
            continue
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
                problems.append(f"Baris {row.line}: {first_kel.full} tercantum di bawah dua kecamatan "
                                f"({first_kec.full} di baris {first_line}, {kec.full} di sini); "
                                "satu kelurahan hanya berada di satu kecamatan.")
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
        region = managed_region(session, actor, region_code)
        read = read_unit_rows(bytes(data or b""), filename)
        all_rows, problems = read.rows, list(read.problems)
        if read.region_code is not None and read.region_code != region.code:
            raise InvalidInput([f"Berkas ini templat wilayah {excerpt(read.region_code, 20)}, bukan {region.name} "
                                f"({region.code}); unduh templat {region.name} di halaman Unit Pelapor lalu isi "
                                "templat itu. Tidak ada yang diubah."])
        rows = [r for r in all_rows if isinstance(r, FileRow)]
        opd_rows = [r for r in all_rows if isinstance(r, OpdRow)]
        plan = _plan(session, region, rows, problems) if rows else _Plan(rows=0)
        opd_plan = plan_opd_rows(session, region, opd_rows, problems) if opd_rows else OpdPlan()
        if not all_rows and not problems:
            problems.append("Berkas tidak berisi baris kelurahan atau OPD; "
                            "isi satu baris per unit di bawah judul kolom.")
        if problems:
            raise InvalidInput(problems)
        kecamatan_names = {unit_key(u): u.name for u in kecamatan_and_kelurahan(session, region)
                           if u.kind == "kecamatan"}
        kecamatan_names.update({key: named.full for key, named in plan.new_kecamatan.items()})
        result = UnitImport(
            applied=bool(apply), filename=filename, rows=plan.rows,
            kecamatan_added=[k.full for k in plan.new_kecamatan.values()],
            kelurahan_added=[(kel.full, kecamatan_names[key]) for kel, key in plan.new_kelurahan],
            moved=[move for _, _, move in plan.moves], unchanged=plan.unchanged,
            left_inactive=plan.left_inactive, not_in_file=plan.not_in_file,
            opds_added=[u.name for u in opd_plan.added], opds_changed=[name for _, name, _ in opd_plan.changed],
            opds_unchanged=len(opd_plan.unchanged), opd_rows=len(opd_rows))
        if not apply:
            return result
        batch = new_batch_id() if (opd_plan.added or plan.new_kecamatan or plan.new_kelurahan) else None
        opd_ids = apply_opd_plan(session, region, actor, opd_plan, filename, batch)
        return replace(result, batch=batch,
                       recomputed=_apply_plan(session, region, actor, plan, filename, opd_ids, batch))


def new_batch_id() -> str:
    """An import's id: the day it ran and six random hex digits (imp-20261207-3fa9c1)."""
    return f"imp-{clock.now():%Y%m%d}-{secrets.token_hex(3)}"


def _apply_plan(session: Session, region: Region, actor: SignedInUser, plan: _Plan, filename: str,
                opd_ids: AbstractSet[int] = frozenset(), batch: str | None = None) -> dict[int, list[str]]:
    kecamatan = {unit_key(u): u for u in kecamatan_and_kelurahan(session, region) if u.kind == "kecamatan"}
    kecamatan_by_id = {u.id: u for u in kecamatan.values()}
    added: list[tuple[ReportingUnit, ReportingUnit | None]] = []
    try:
        for key, named in plan.new_kecamatan.items():
            kecamatan[key] = ReportingUnit(region_id=region.id, kind="kecamatan", short_name=named.short_name,
                                           name=named.full, active=True, import_batch=batch)
            session.add(kecamatan[key])
            added.append((kecamatan[key], None))
        session.flush()
        for named, key in plan.new_kelurahan:
            unit = ReportingUnit(region_id=region.id, kind="kelurahan", short_name=named.short_name,
                                 name=named.full, parent_id=kecamatan[key].id, active=True, import_batch=batch)
            session.add(unit)
            added.append((unit, kecamatan[key]))
        session.flush()
    except IntegrityError as error:  # a unit added by a concurrent request
        raise InvalidInput(["Sebagian unit dalam berkas baru saja ditambahkan oleh pengguna lain; "
                            "periksa berkasnya lagi."]) from error
    for unit, parent in added:
        audit.record(session, actor.id, "unit.add", "reporting_unit", unit.id, region.id,
                     {"new": unit_state(unit, parent), "source": "import", "file": filename, "batch": batch})
    for unit, key, move in plan.moves:
        old = kecamatan_by_id.get(unit.parent_id) if unit.parent_id is not None else None
        unit.parent_id = kecamatan[key].id
        audit.record(session, actor.id, "unit.move", "reporting_unit", unit.id, region.id,
                     {"unit": unit.short_name, "old": {"kecamatan": old.short_name if old else None},
                      "new": {"kecamatan": kecamatan[key].short_name}, "open_answers": move.open_answers,
                      "confirmed": True, "source": "import", "file": filename})
    audit.record(session, actor.id, "units.import", "region", region.id, region.id,
                 {"file": filename, "batch": batch, "rows": plan.rows, "kecamatan_added": len(plan.new_kecamatan),
                  "kelurahan_added": len(plan.new_kelurahan), "moved": len(plan.moves),
                  "unchanged": len(plan.unchanged)})
    recomputed = refresh_region(session, region, actor, opd_ids)
    bump_data_version(session, region.id, public=True)  # OPD rows: the public indicator pages name them
    return recomputed


def units_template(engine: Engine, actor: SignedInUser, region_code: str | None = None) -> bytes:
    """The import template filled with the region's active OPDs and kelurahan (an import of it
    unchanged changes nothing)."""
    frame = region_units(engine, actor, region_code)
    kelurahan = frame[(frame["kind"] == "kelurahan") & frame["active"] & frame["kecamatan_name"].notna()]
    listing = opd_list(engine, actor, region_code)
    opds = [(o["name"], o["short_name"], ", ".join(o["data_sources"])) for o in listing["opds"] if o["active"]]
    return units_workbook([(typed_name("kecamatan", row.kecamatan_name), typed_name("kelurahan", row.name))
                           for row in kelurahan.itertuples()], opds,
                          region=(listing["region_code"], listing["region_name"]),
                          sources=data_source_guide(engine, actor, region_code))
