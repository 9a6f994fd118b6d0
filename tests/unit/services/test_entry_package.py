"""The Excel route with its evidence (data/services/entry/entry_package.py): a .zip with the filled
template and the files named by question code, checked whole, then applied."""
import io
import zipfile

import pytest
from sqlalchemy import func, select
from test_entry_workbook import fill, pick, state, stored, unit_rows

import evidence_samples as samples
from data.actor import COMMAND_LINE
from data.db import unit_of_work
from data.models import EvidenceFile
from data.services.accounts.auth import command_line_user
from data.services.entry.entry_package import MAX_PACKAGE_FILES, import_package
from data.services.entry.entry_workbook import export_template
from data.services.entry.evidence import list_evidence


@pytest.fixture
def dp3a(seeded_engine):
    return command_line_user(seeded_engine, "opd.dp3a")


def package(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def evidence_count(engine) -> int:
    with unit_of_work(engine, read_only=True) as session:
        return session.scalar(select(func.count()).select_from(EvidenceFile))


def filled_template(engine) -> tuple[bytes, str, str]:
    rows = unit_rows(engine)
    first, second = pick(rows, "yes_no", ("not_started",)), pick(rows, "yes_no", ("not_started",), skip=1)
    content = fill(export_template(engine, COMMAND_LINE, "dp3a", 2025),
                   {first.question.code: {"answer": "Ya"}, second.question.code: {"answer": "Tidak"}})
    return content, first.question.code, second.question.code


def test_the_workbook_and_its_evidence_are_checked_then_applied_together(seeded_engine, dp3a):
    book, first, second = filled_template(seeded_engine)
    zipped = package({"templat_dp3a.xlsx": book, f"bukti/{first} Perda KLA.pdf": samples.pdf("Perda"),
                      f"{second}_sk.pdf": samples.pdf("SK"), "__MACOSX/._x": b"x"})
    before = state(seeded_engine), evidence_count(seeded_engine)
    checked = import_package(seeded_engine, dp3a, zipped, "isian.zip", dry_run=True)
    assert checked.all_problems == [] and len(checked.entries.changes) == 2
    assert sorted(code for _, code in checked.files) == sorted([first, second])
    assert (state(seeded_engine), evidence_count(seeded_engine)) == before   # a check stores nothing

    applied = import_package(seeded_engine, dp3a, zipped, "isian.zip", dry_run=False)
    assert applied.all_problems == [] and applied.stored == 2
    assert stored(seeded_engine, first).bool_value is True and stored(seeded_engine, second).bool_value is False
    assert [f.filename for f in list_evidence(seeded_engine, dp3a, first)] == [f"{first} Perda KLA.pdf"]


def test_any_bad_file_refuses_the_whole_package_and_says_which(seeded_engine, dp3a):
    book, first, _ = filled_template(seeded_engine)
    submitted = next(r.question.code for r in unit_rows(seeded_engine) if r.status == "submitted")
    zipped = package({"templat.xlsx": book, f"{first} palsu.pdf": b"<html>bukan pdf</html>",
                      "laporan tahunan.pdf": samples.pdf("tanpa kode"), f"{submitted} sk.pdf": samples.pdf("terkunci")})
    before = state(seeded_engine), evidence_count(seeded_engine)
    result = import_package(seeded_engine, dp3a, zipped, "isian.zip", dry_run=False)
    text = " ".join(result.all_problems)
    assert "bukan PDF yang sah" in text and "laporan tahunan.pdf: namanya tidak diawali kode" in text
    assert f"pertanyaan {submitted.lower()} bukan pertanyaan unit Anda yang masih dapat diubah" in text
    assert (state(seeded_engine), evidence_count(seeded_engine)) == before


@pytest.mark.parametrize("files, expected", [
    ({}, "tepat satu templat"),
    ({"a.xlsx": b"PK", "b.xlsx": b"PK"}, "ditemukan 2"),
    ({f"f{i}.pdf": b"x" for i in range(MAX_PACKAGE_FILES + 1)}, f"paling banyak {MAX_PACKAGE_FILES}"),
])
def test_a_package_of_the_wrong_shape_is_refused_with_what_to_fix(seeded_engine, dp3a, files, expected):
    result = import_package(seeded_engine, dp3a, package(files), "isian.zip", dry_run=False)
    assert expected in " ".join(result.all_problems)
    assert import_package(seeded_engine, dp3a, b"PK\x03\x04 rusak", "isian.zip").all_problems[0].startswith(
        "Berkas ini bukan arsip ZIP yang utuh")


def test_a_plain_workbook_still_goes_the_old_way(seeded_engine, dp3a):
    book, first, _ = filled_template(seeded_engine)
    result = import_package(seeded_engine, dp3a, book, "templat.xlsx", dry_run=False)
    assert result.all_problems == [] and result.files == [] and stored(seeded_engine, first).bool_value is True
