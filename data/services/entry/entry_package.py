"""The Excel route with its evidence: a .zip holding the filled template and the evidence files,
each named by the question it supports ("2.1 SK Gugus Tugas.pdf"). Checked whole before anything
is stored (the workbook as import_entries checks it, every file as an upload is checked, the
archive's size and count from its directory before anything is unpacked); applied as the
workbook's drafts in one transaction, then each file as an upload. A plain .xlsx goes to
import_entries as before."""
from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass, field

from sqlalchemy import Engine

from data.access import require_active_actor
from data.actor import SignedInUser
from data.errors import DomainError
from data.services.entry.entry_workbook import ImportResult, import_entries
from data.services.entry.evidence import file_problems, max_bytes, upload_evidence
from data.services.entry.sheet import entry_sheet
from indicators import text
from indicators.spreadsheet import MAX_WORKBOOK_BYTES

MAX_PACKAGE_BYTES = 200 * 1024 * 1024
MAX_PACKAGE_FILES = 500
MAX_PACKAGE_UNPACKED = 600 * 1024 * 1024


@dataclass
class PackageResult:
    entries: ImportResult
    files: list[tuple[str, str]] = field(default_factory=list)   # (file name, question code) to store
    problems: list[str] = field(default_factory=list)            # the archive's and its files' problems
    stored: int = 0                                              # files stored when applied

    @property
    def all_problems(self) -> list[str]:
        return [*self.problems, *self.entries.problems]


def import_package(engine: Engine, actor: SignedInUser, data: bytes, filename: str,
                   dry_run: bool = True) -> PackageResult:
    """Check (dry_run) or apply a filled template, alone (.xlsx) or with its evidence (.zip)."""
    require_active_actor(engine, actor)
    if not filename.lower().endswith(".zip"):
        return PackageResult(import_entries(engine, actor, data, dry_run=dry_run))
    refused = _archive_problem(data)
    if refused:
        return PackageResult(ImportResult(), problems=[refused])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = _members(archive)
        workbooks = [m for m in members if _name(m).lower().endswith(".xlsx") and not text.leading_code(_name(m))]
        if len(workbooks) != 1:
            return PackageResult(ImportResult(), problems=[
                f"ZIP harus memuat tepat satu templat isian (.xlsx) yang namanya tidak diawali kode pertanyaan; "
                f"ditemukan {len(workbooks)}. Bukti dukung diberi nama berawalan kode, misalnya "
                "\"2.1 SK Gugus Tugas.pdf\"."])
        [workbook] = workbooks
        if workbook.file_size > MAX_WORKBOOK_BYTES:
            return PackageResult(ImportResult(), problems=[
                f"Templat {text.excerpt(_name(workbook))} terlalu besar ({text.file_size(workbook.file_size)})."])
        book = archive.read(workbook)
        result = PackageResult(import_entries(engine, actor, book, dry_run=True))
        year = result.entries.cycle_year
        editable = _editable_codes(engine, actor, year)
        for member in members:
            if member is workbook:
                continue
            name, code = _name(member), text.leading_code(_name(member))
            if code is None or code not in editable:
                result.problems.append(
                    f"{text.excerpt(name, 60)}: " + ("namanya tidak diawali kode pertanyaan; beri awalan kodenya, "
                                                     "misalnya \"2.1 SK Gugus Tugas.pdf\"." if code is None else
                                                     f"pertanyaan {code} bukan pertanyaan unit Anda yang masih dapat "
                                                     "diubah."))
                continue
            if member.file_size > max_bytes():
                result.problems.append(f"{text.excerpt(name, 60)}: terlalu besar ({text.file_size(member.file_size)}); "
                                       f"paling besar {text.file_size(max_bytes())}.")
                continue
            problems = file_problems(name, archive.read(member))
            if problems:
                result.problems.extend(problems)
                continue
            result.files.append((member.filename, editable[code]))
        if dry_run or result.all_problems:
            return result
        result.entries = import_entries(engine, actor, book, dry_run=False)
        if result.entries.problems:
            return result
        for stored_name, code in result.files:
            try:
                upload_evidence(engine, actor, code, posixpath.basename(stored_name), archive.read(stored_name),
                                year)
                result.stored += 1
            except DomainError as error:
                result.problems.append(f"{posixpath.basename(stored_name)}: {error.message}")
        return result


def _archive_problem(data: bytes) -> str | None:
    if len(data) > MAX_PACKAGE_BYTES:
        return (f"Berkas ZIP terlalu besar ({text.file_size(len(data))}); "
                f"paling besar {text.file_size(MAX_PACKAGE_BYTES)}.")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = _members(archive)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return "Berkas ini bukan arsip ZIP yang utuh. Buat ulang ZIP-nya (klik kanan > Kirim ke > Folder terkompresi)."
    if len(members) > MAX_PACKAGE_FILES:
        return f"ZIP memuat {len(members)} berkas; paling banyak {MAX_PACKAGE_FILES}."
    if sum(m.file_size for m in members) > MAX_PACKAGE_UNPACKED:  # from the directory: nothing unpacked yet
        return f"Isi ZIP terlalu besar; paling besar {text.file_size(MAX_PACKAGE_UNPACKED)} setelah dibuka."
    return None


def _members(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """The files of the archive, without folders and the extras some systems add."""
    return [m for m in archive.infolist() if not m.is_dir() and not m.filename.startswith("__MACOSX/")
            and not _name(m).startswith(".")]


def _name(member: zipfile.ZipInfo) -> str:
    return posixpath.basename(member.filename.replace("\\", "/"))


def _editable_codes(engine: Engine, actor: SignedInUser, year: int | None) -> dict[str, str]:
    try:
        rows = entry_sheet(engine, actor, year).rows
    except DomainError:   # no such cycle for this unit: the workbook's own check says so
        return {}
    return {code.lower(): code for code in rows.loc[rows["editable"], "question_code"]}
