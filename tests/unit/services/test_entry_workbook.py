"""The Excel route of OPD data entry: template export, dry run, apply, and every bad file or value
refused with a row-and-column message while nothing changes. Real SQLite copies of the demo."""
import io
import math
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select, update

from data.actor import COMMAND_LINE
from data.db import current_data_version, unit_of_work
from data.errors import PermissionDenied
from data.files.entry_workbook import COLUMN_INDEX, FIRST_DATA_ROW, MAX_DATA_ROWS
from data.lookups import catalog_for_version, find_cycle, find_region
from data.models import Answer, AuditLog, EvaluationCycle, Question, ReportingUnit, User, utc_now
from data.services.accounts.auth import command_line_user
from data.services.entry.entry_workbook import export_template, import_entries, template_rows
from data.services.scoring.scores import score_cycles
from indicators.answers import MAX_NUMBER, NOTE_MAX_CHARS
from indicators.catalog import load_default_catalog
from indicators.derivation import is_derived
from indicators.spreadsheet import cell_number, workbook_file_problem

REGION = "53.71"
YEAR = 2025


# --- helpers -----------------------------------------------------------------------------------


def unit_rows(engine, unit="dp3a", year=YEAR):
    with unit_of_work(engine) as session:
        region = find_region(session, REGION)
        cycle = find_cycle(session, region, year)
        catalog = catalog_for_version(session, cycle.catalog_version.version)
        unit_row = session.scalar(select(ReportingUnit).where(ReportingUnit.short_name == unit))
        return template_rows(session, unit_row, cycle, catalog)


def pick(rows, kind, statuses, skip=0):
    found = [r for r in rows if r.question.answer.type == kind and r.status in statuses]
    assert len(found) > skip, f"the demo has no {kind} answer in {statuses}"
    return found[skip]


def fill(content: bytes, edits: dict | None = None, meta: dict | None = None, append=(), delete_codes=()) -> bytes:
    """The template with cells changed like a person in Excel would: edits maps a question code to
    {column key: value}."""
    book = load_workbook(io.BytesIO(content))
    sheet = book["Jawaban"]
    lines = {sheet.cell(line, 1).value: line for line in range(FIRST_DATA_ROW, sheet.max_row + 1)}
    for code, values in (edits or {}).items():
        for key, value in values.items():
            sheet.cell(lines[code], COLUMN_INDEX[key] + 1).value = value  # None empties the cell
    for code in delete_codes:
        sheet.delete_rows(lines[code])
        lines = {sheet.cell(line, 1).value: line for line in range(FIRST_DATA_ROW, sheet.max_row + 1)}
    for values in append:
        line = sheet.max_row + 1
        for key, value in values.items():
            sheet.cell(line, COLUMN_INDEX[key] + 1, value)
    for key, value in (meta or {}).items():
        for row in book["meta"].iter_rows():
            if row[0].value == key:
                row[1].value = value
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def line_of(content: bytes, code: str) -> int:
    sheet = load_workbook(io.BytesIO(content), read_only=True)["Jawaban"]
    for line, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        if row and row[0] == code:
            return line
    raise AssertionError(code)


def state(engine):
    """Everything an import could change: the answers, the audit log and the data version."""
    with unit_of_work(engine) as session:
        answers = [tuple(row) for row in session.execute(
            select(Answer.id, Answer.version, Answer.status, Answer.bool_value, Answer.choice_code,
                   Answer.numerator, Answer.denominator, Answer.count_value, Answer.note)
            .order_by(Answer.id))]
        audits = session.scalar(select(func.count()).select_from(AuditLog))
    return answers, audits, current_data_version(engine, "53.71")


def stored(engine, code, unit="dp3a", year=YEAR) -> Answer | None:
    with unit_of_work(engine) as session:
        return session.scalar(
            select(Answer).join(Question, Answer.question_id == Question.id)
            .join(EvaluationCycle, Answer.cycle_id == EvaluationCycle.id)
            .join(ReportingUnit, Answer.reporting_unit_id == ReportingUnit.id)
            .where(Question.code == code, EvaluationCycle.year == year, ReportingUnit.short_name == unit))


@pytest.fixture
def dp3a(seeded_engine):
    return command_line_user(seeded_engine, "opd.dp3a")


@pytest.fixture
def template(seeded_engine):
    return export_template(seeded_engine, COMMAND_LINE, "dp3a", YEAR)


def refused(engine, user, content, *fragments):
    """Import in earnest (not a dry run): it must be refused, name every fragment and change nothing."""
    before = state(engine)
    result = import_entries(engine, user, content, dry_run=False)
    assert not result.applied and result.problems, result
    text = "\n".join(result.problems)
    for fragment in fragments:
        assert fragment in text, text
    assert state(engine) == before
    return result


# --- the template --------------------------------------------------------------------------------

# DP3A's questions in the demo's catalog: those naming it as a data source, less the ones every
# kecamatan or kelurahan answers (the city's answer to those is derived, not filled by an OPD)
DP3A_QUESTIONS = len([q for q in load_default_catalog().questions if "dp3a" in q.data_sources and not is_derived(q)])


def test_template_lists_the_units_questions_with_locked_headers_and_hidden_meta(seeded_engine, template):
    rows = unit_rows(seeded_engine)
    book = load_workbook(io.BytesIO(template))
    assert book.sheetnames[:2] == ["Jawaban", "Petunjuk"]
    assert book["meta"].sheet_state == "hidden" and book["daftar"].sheet_state == "hidden"
    meta = {row[0]: row[1] for row in book["meta"].iter_rows(values_only=True)}
    assert (meta["region_code"], meta["cycle_year"], meta["unit_short_name"], meta["catalog_version"]) == (
        REGION, YEAR, "dp3a", "KLA-2024")
    sheet = book["Jawaban"]
    assert sheet.protection.sheet
    assert sheet.column_dimensions["O"].hidden  # the version column
    assert sheet.cell(3, 1).value == "Kode" and sheet.cell(3, 1).protection.locked
    codes = [sheet.cell(line, 1).value for line in range(FIRST_DATA_ROW, sheet.max_row + 1)]
    assert codes == [r.question.code for r in rows] and len(codes) == DP3A_QUESTIONS
    by_code = {r.question.code: (FIRST_DATA_ROW + i, r) for i, r in enumerate(rows)}

    open_yes_no = pick(rows, "yes_no", ("not_started",))
    line, _ = by_code[open_yes_no.question.code]
    assert not sheet.cell(line, COLUMN_INDEX["answer"] + 1).protection.locked
    assert sheet.cell(line, COLUMN_INDEX["numerator"] + 1).protection.locked
    assert not sheet.cell(line, COLUMN_INDEX["note"] + 1).protection.locked

    draft_percentage = pick(rows, "percentage", ("draft",))
    line, row = by_code[draft_percentage.question.code]
    assert sheet.cell(line, COLUMN_INDEX["numerator"] + 1).value == row.value.numerator
    assert sheet.cell(line, COLUMN_INDEX["version"] + 1).value == row.version
    assert not sheet.cell(line, COLUMN_INDEX["denominator"] + 1).protection.locked

    submitted = pick(rows, "yes_no", ("submitted",))
    line, _ = by_code[submitted.question.code]
    assert sheet.cell(line, COLUMN_INDEX["answer"] + 1).protection.locked
    assert sheet.cell(line, COLUMN_INDEX["status"] + 1).value == "diajukan"

    returned = pick(rows, "choice", ("returned",))
    line, _ = by_code[returned.question.code]
    assert sheet.cell(line, COLUMN_INDEX["status"] + 1).value.startswith("dikembalikan: ")

    with_previous = next(r for r in rows if r.previous is not None)
    line, _ = by_code[with_previous.question.code]
    assert sheet.cell(line, COLUMN_INDEX["previous"] + 1).value

    lists = [dv for dv in sheet.data_validations.dataValidation if dv.type == "list"]
    assert any("daftar" in dv.formula1 for dv in lists)
    answer_letter = "I"
    covered = " ".join(str(dv.sqref) for dv in lists)
    assert f"{answer_letter}{by_code[open_yes_no.question.code][0]}" in covered
    choice = pick(rows, "choice", ("not_started",))
    labels = [o.label.id for o in choice.question.answer.options]
    list_rows = [list(r) for r in book["daftar"].iter_rows(values_only=True)]
    assert [v for v in list_rows[0] if v] == ["Ya", "Tidak"]
    assert any([v for v in r if v] == labels for r in list_rows)
    assert "Petunjuk" in book.sheetnames and "Pembilang" in "\n".join(
        str(r[0]) for r in book["Petunjuk"].iter_rows(values_only=True))


def test_a_unit_user_exports_only_their_own_template(seeded_engine, dp3a):
    assert export_template(seeded_engine, dp3a, "dp3a", YEAR)[:2] == b"PK"
    with pytest.raises(PermissionDenied):
        export_template(seeded_engine, dp3a, "dinkes", YEAR)
    secretariat = command_line_user(seeded_engine, "sekretariat")
    assert export_template(seeded_engine, secretariat, "dinkes", YEAR)[:2] == b"PK"


# --- the round trip ------------------------------------------------------------------------------


def test_round_trip_export_fill_dry_run_apply(seeded_engine, dp3a, template):
    rows = unit_rows(seeded_engine)
    yes_no = pick(rows, "yes_no", ("not_started",))
    percentage = pick(rows, "percentage", ("draft",))
    count = pick(rows, "count", ("not_started",))
    choice = pick(rows, "choice", ("not_started",))
    option = choice.question.answer.options[-1]
    content = fill(template, {
        yes_no.question.code: {"answer": "Ya", "note": "<script>alert(1)</script> SK Wali Kota 2025"},
        percentage.question.code: {"numerator": 30, "denominator": "40", "note": "Data Desember 2025"},
        count.question.code: {"count": "3", "note": "Tiga kegiatan"},
        choice.question.code: {"answer": option.label.id},
    })
    before = state(seeded_engine)

    checked = import_entries(seeded_engine, dp3a, content, dry_run=True)
    assert checked.problems == [] and not checked.applied
    assert sorted(c.question_code for c in checked.changes) == sorted(
        [yes_no.question.code, percentage.question.code, count.question.code, choice.question.code])
    expected_versions = {c.question_code: c.expected_version for c in checked.changes}
    assert expected_versions[percentage.question.code] == percentage.version
    assert state(seeded_engine) == before  # a dry run writes nothing

    applied = import_entries(seeded_engine, dp3a, content, dry_run=False)
    assert applied.problems == [] and applied.applied and len(applied.changes) == 4
    saved = stored(seeded_engine, yes_no.question.code)
    assert saved.bool_value is True and saved.status == "draft"
    assert saved.note == "<script>alert(1)</script> SK Wali Kota 2025"  # kept as text
    saved = stored(seeded_engine, percentage.question.code)
    assert (saved.numerator, saved.denominator, saved.version) == (30.0, 40.0, percentage.version + 1)
    assert stored(seeded_engine, count.question.code).count_value == 3.0
    assert stored(seeded_engine, choice.question.code).choice_code == option.code
    with unit_of_work(seeded_engine) as session:
        audit = session.scalars(select(AuditLog).where(AuditLog.entity == "answer")
                                .order_by(AuditLog.id.desc()).limit(4)).all()
    assert len(audit) == 4 and all(row.actor_id == dp3a.id and row.details["source"] == "excel" for row in audit)
    assert current_data_version(seeded_engine, "53.71") > before[2]

    # The same file again: every row now equals the database, so nothing is left to change.
    again = import_entries(seeded_engine, dp3a, content, dry_run=False)
    assert again.problems == [] and again.changes == [] and again.unchanged >= 4


def test_partial_points_round_trip_through_the_template_and_score_as_given(seeded_engine, dp3a, template):
    rows = unit_rows(seeded_engine)
    graded = [r for r in rows if r.question.answer.type == "graded" and r.question.data_sources == ("dp3a",)
              and r.status in ("not_started", "draft")][:3]
    assert len(graded) == 3, "the demo's DP3A has graded questions of its own left to answer"
    chosen = {r.question.code: sorted(r.question.answer.options, key=lambda o: o.share)[1] for r in graded}
    assert all(0 < level.share < 1 for level in chosen.values())
    content = fill(template, {code: {"answer": level.label.id} for code, level in chosen.items()})
    applied = import_entries(seeded_engine, dp3a, content, dry_run=False)
    assert applied.problems == [] and applied.applied
    again = load_workbook(io.BytesIO(export_template(seeded_engine, COMMAND_LINE, "dp3a", YEAR)))["Jawaban"]
    shown = {again.cell(line, 1).value: again.cell(line, COLUMN_INDEX["answer"] + 1).value
             for line in range(FIRST_DATA_ROW, again.max_row + 1)}
    with unit_of_work(seeded_engine) as session:
        cycle = find_cycle(session, find_region(session, REGION), YEAR)
        questions = score_cycles(session, [cycle], "self")[0].questions
    for row in graded:
        code, level = row.question.code, chosen[row.question.code]
        saved = stored(seeded_engine, code)
        assert (saved.choice_code, shown[code]) == (level.code, level.label.id)
        assert saved.self_points == pytest.approx(level.share * row.question.max_points)
        points = questions.loc[questions["question_code"] == code, "points"].iloc[0]
        assert points == pytest.approx(level.share * row.question.max_points)
    assert import_entries(seeded_engine, dp3a, content, dry_run=False).changes == []


def test_an_untouched_template_changes_nothing(seeded_engine, dp3a, template):
    before = state(seeded_engine)
    result = import_entries(seeded_engine, dp3a, template, dry_run=False)
    assert result.problems == [] and result.changes == [] and not result.applied
    assert result.rows_read == DP3A_QUESTIONS
    assert state(seeded_engine) == before


def test_empty_rows_and_deleted_rows_leave_answers_alone(seeded_engine, dp3a, template):
    rows = unit_rows(seeded_engine)
    draft = pick(rows, "yes_no", ("draft",))
    other = pick(rows, "yes_no", ("draft",), skip=1)
    content = fill(template, {draft.question.code: {"answer": None, "note": None}},
                   delete_codes=[other.question.code])
    before = state(seeded_engine)
    result = import_entries(seeded_engine, dp3a, content, dry_run=False)
    assert result.problems == [] and result.changes == []
    assert state(seeded_engine) == before


def test_the_file_path_works_as_well_as_bytes(seeded_engine, dp3a, template, tmp_path):
    rows = unit_rows(seeded_engine)
    target = pick(rows, "yes_no", ("not_started",))
    path = tmp_path / "isian.xlsx"
    path.write_bytes(fill(template, {target.question.code: {"answer": "tidak"}}))
    result = import_entries(seeded_engine, dp3a, path, dry_run=False)
    assert result.applied and stored(seeded_engine, target.question.code).bool_value is False


# --- bad values: each names its row and column and changes nothing ----------------------------------


@pytest.mark.parametrize("kind,cells,fragments", [
    ("percentage", {"numerator": -5, "denominator": 40}, ["kolom Pembilang", "negatif"]),
    ("percentage", {"numerator": "dua belas", "denominator": 40}, ["kolom Pembilang", "bukan angka"]),
    ("percentage", {"numerator": 50, "denominator": 40}, ["kolom Pembilang", "tidak boleh lebih besar"]),
    ("percentage", {"numerator": 0, "denominator": 0}, ["Penyebut tidak boleh 0"]),
    ("percentage", {"numerator": "NaN", "denominator": 40}, ["kolom Pembilang", "bukan angka"]),
    ("percentage", {"numerator": float("inf"), "denominator": 40}, ["kolom Pembilang"]),
    ("percentage", {"numerator": 12}, ["kolom Pembilang", "Isi penyebut"]),
    ("percentage", {"numerator": True, "denominator": 40}, ["kolom Pembilang", "harus berupa angka"]),
    ("count", {"count": -1}, ["kolom Jumlah", "negatif"]),
    ("count", {"count": "banyak"}, ["kolom Jumlah", "bukan angka"]),
    ("yes_no", {"answer": "mungkin"}, ["kolom Jawaban (Ya/Tidak atau pilihan)", "bukan Ya atau Tidak"]),
    ("yes_no", {"answer": "Ya", "numerator": 3}, ["kolom Pembilang", "berjenis Ya/Tidak; kosongkan"]),
    ("choice", {"answer": "Sangat baik sekali"},
     ["kolom Jawaban (Ya/Tidak atau pilihan)", "tidak ada di daftar pilihan"]),
    ("yes_no", {"answer": "Ya", "note": "x" * 100_000}, ["kolom Catatan", "terlalu panjang", "paling banyak 5.000"]),
])
def test_bad_values_are_refused_by_row_and_column(seeded_engine, dp3a, template, kind, cells, fragments):
    target = pick(unit_rows(seeded_engine), kind, ("not_started",))
    content = fill(template, {target.question.code: cells})
    line = line_of(content, target.question.code)
    result = refused(seeded_engine, dp3a, content, f"Baris {line}", *fragments)
    assert all(p.startswith("Baris ") for p in result.problems)


def test_a_formula_in_a_cell_is_refused(seeded_engine, dp3a, template):
    target = pick(unit_rows(seeded_engine), "percentage", ("not_started",))
    content = fill(template, {target.question.code: {"numerator": "=10*2", "denominator": 40}})
    refused(seeded_engine, dp3a, content, f"Baris {line_of(content, target.question.code)}, kolom Pembilang",
            "rumus")


def test_one_bad_row_refuses_the_good_rows_too(seeded_engine, dp3a, template):
    rows = unit_rows(seeded_engine)
    good = pick(rows, "yes_no", ("not_started",))
    bad = pick(rows, "count", ("not_started",))
    content = fill(template, {good.question.code: {"answer": "Ya"}, bad.question.code: {"count": -3}})
    refused(seeded_engine, dp3a, content, "kolom Jumlah")
    assert stored(seeded_engine, good.question.code) is None


def test_implausible_change_needs_a_note(seeded_engine, template):
    user = command_line_user(seeded_engine, "opd.dinkes")
    content = export_template(seeded_engine, COMMAND_LINE, "dinkes", YEAR)
    rows = unit_rows(seeded_engine, "dinkes")
    target = next(r for r in rows if r.question.answer.type == "percentage" and r.status in ("draft", "not_started")
                  and r.previous is not None and r.previous.denominator)
    base = target.previous.denominator
    before_percent = target.previous.numerator / base * 100
    numerator = 0 if before_percent > 50 else base
    jump = fill(content, {target.question.code: {"numerator": numerator, "denominator": base, "note": None}})
    refused(seeded_engine, user, jump, "kolom Catatan", "poin persen")
    new_base = fill(content, {target.question.code: {"numerator": 1, "denominator": 100 if base > 300 else base * 10,
                                                     "note": None}})
    refused(seeded_engine, user, new_base, "kolom Catatan", "Penyebut (jumlah seluruh sasaran) berubah")
    explained = fill(content, {target.question.code: {"numerator": numerator, "denominator": base,
                                                      "note": "Metode pendataan baru tahun 2025."}})
    assert import_entries(seeded_engine, user, explained, dry_run=False).applied


# --- rows that may not change ----------------------------------------------------------------------


@pytest.mark.parametrize("status,reason", [("submitted", "sampai dikembalikan"), ("verified", "Ketua Gugus Tugas")])
def test_submitted_and_verified_answers_cannot_change(seeded_engine, dp3a, template, status, reason):
    target = pick(unit_rows(seeded_engine), "yes_no", (status,))
    flipped = "Tidak" if target.value.bool_value else "Ya"
    content = fill(template, {target.question.code: {"answer": flipped}})
    refused(seeded_engine, dp3a, content, f"Baris {line_of(content, target.question.code)}", reason)


def test_a_row_changed_since_the_download_is_stale(seeded_engine, dp3a, template):
    target = pick(unit_rows(seeded_engine), "percentage", ("draft",))
    with unit_of_work(seeded_engine) as session:
        secretariat_id = session.scalar(select(User.id).where(User.username == "opd.dp3a"))
        session.execute(update(Answer).where(Answer.id == target.answer_id).values(
            numerator=1.0, version=Answer.version + 1, updated_by_id=secretariat_id,
            updated_at=utc_now() - timedelta(minutes=5)))
    content = fill(template, {target.question.code: {"numerator": 2, "note": "revisi"}})
    refused(seeded_engine, dp3a, content, f"Baris {line_of(content, target.question.code)}", "sudah diubah oleh",
            "Unduh templat baru")


def test_a_change_between_dry_run_and_apply_is_refused(seeded_engine, dp3a, template):
    target = pick(unit_rows(seeded_engine), "percentage", ("draft",))
    content = fill(template, {target.question.code: {"numerator": 1, "note": "revisi"}})
    assert import_entries(seeded_engine, dp3a, content, dry_run=True).problems == []
    with unit_of_work(seeded_engine) as session:
        session.execute(update(Answer).where(Answer.id == target.answer_id).values(version=Answer.version + 1))
    refused(seeded_engine, dp3a, content, "sudah diubah")


def test_unknown_duplicate_unassigned_and_blank_codes(seeded_engine, dp3a, template):
    rows = unit_rows(seeded_engine)
    assigned = {r.question.code for r in rows}
    with unit_of_work(seeded_engine) as session:
        catalog = catalog_for_version(session, "KLA-2024")
    unassigned = next(q.code for q in catalog.questions if q.code not in assigned and q.answer.type == "yes_no")
    first = pick(rows, "yes_no", ("not_started",))
    content = fill(template, append=[
        {"code": "99.9", "answer": "Ya"},
        {"code": unassigned, "answer": "Ya"},
        {"code": first.question.code, "answer": "Ya"},
        {"code": None, "answer": "Ya"},
    ])
    last = FIRST_DATA_ROW + len(rows)
    refused(seeded_engine, dp3a, content,
            f"Baris {last}, kolom Kode: kode '99.9' tidak ada di katalog KLA-2024",
            f"Baris {last + 1}, kolom Kode: pertanyaan {unassigned} tidak ditugaskan",
            f"Baris {last + 2}, kolom Kode: pertanyaan {first.question.code} sudah ada di baris",
            f"Baris {last + 3}, kolom Kode: kode pertanyaan kosong")


def test_a_tampered_version_cell_is_refused(seeded_engine, dp3a, template):
    target = pick(unit_rows(seeded_engine), "yes_no", ("draft",))
    content = fill(template, {target.question.code: {"answer": "Tidak" if target.value.bool_value else "Ya",
                                                     "version": "abc"}})
    refused(seeded_engine, dp3a, content, "kolom versi", "rusak")


# --- whose template --------------------------------------------------------------------------------


def test_another_opds_template_is_refused(seeded_engine, dp3a):
    dinkes = export_template(seeded_engine, COMMAND_LINE, "dinkes", YEAR)
    refused(seeded_engine, dp3a, dinkes, "milik unit 'dinkes'", "'dp3a'")


def test_another_cycles_template_is_refused(seeded_engine, dp3a):
    old = export_template(seeded_engine, COMMAND_LINE, "dp3a", 2024)
    refused(seeded_engine, dp3a, old, "Siklus 2024 sudah ditutup")
    missing = fill(export_template(seeded_engine, COMMAND_LINE, "dp3a", YEAR), meta={"cycle_year": 2031})
    refused(seeded_engine, dp3a, missing, "Siklus evaluasi 2031 tidak ada")


def test_another_regions_or_catalogs_template_is_refused(seeded_engine, dp3a, template):
    refused(seeded_engine, dp3a, fill(template, meta={"region_code": "53.72"}), "wilayah 53.72")
    refused(seeded_engine, dp3a, fill(template, meta={"catalog_version": "KLA-2019"}), "katalog KLA-2019",
            "Unduh templat baru")


def test_a_cycle_no_longer_open_refuses_the_import(seeded_engine, dp3a, template):
    target = pick(unit_rows(seeded_engine), "yes_no", ("not_started",))
    content = fill(template, {target.question.code: {"answer": "Ya"}})
    with unit_of_work(seeded_engine) as session:
        session.execute(update(EvaluationCycle).where(EvaluationCycle.year == YEAR).values(status="review"))
    refused(seeded_engine, dp3a, content, "Siklus 2025 sudah dalam peninjauan")


def test_task_force_and_deactivated_accounts_cannot_import(seeded_engine, dp3a, template):
    chair = command_line_user(seeded_engine, "ketua")
    refused(seeded_engine, chair, template, "Hanya operator OPD")
    with unit_of_work(seeded_engine) as session:
        session.execute(update(User).where(User.username == "opd.dp3a").values(active=False))
    before = state(seeded_engine)
    with pytest.raises(PermissionDenied, match="dinonaktifkan"):  # before the file is read
        import_entries(seeded_engine, dp3a, template, dry_run=False)
    assert state(seeded_engine) == before


# --- bad files -------------------------------------------------------------------------------------


def encrypted(content: bytes) -> bytes:
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(content)).encrypt("rahasia", out)
    return out.getvalue()


def plain_workbook() -> bytes:
    book = Workbook()
    book.active.append(["Kode", "Jawaban"])
    book.active.append(["1.1", "Ya"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def word_like_zip() -> bytes:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


@pytest.mark.parametrize("make,fragment", [
    (lambda t: encrypted(t), "terkunci dengan kata sandi"),
    (lambda t: t[: len(t) // 2], "rusak"),
    (lambda t: b"%PDF-1.7 bukan excel", "bukan file Excel"),
    (lambda t: b"", "File kosong"),
    (lambda t: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "Excel lama (.xls)"),
    (lambda t: word_like_zip(), "bukan buku kerja Excel"),
    (lambda t: plain_workbook(), "bukan templat isian Pantau KLA"),
    (lambda t: t + b"\0" * (11 * 1024 * 1024), "terlalu besar"),
])
def test_bad_files_are_refused_with_a_clear_message(seeded_engine, dp3a, template, make, fragment):
    result = refused(seeded_engine, dp3a, make(template), fragment)
    assert len(result.problems) == 1


def test_a_changed_header_is_refused(seeded_engine, dp3a, template):
    book = load_workbook(io.BytesIO(template))
    book["Jawaban"].cell(3, COLUMN_INDEX["numerator"] + 1, "Angka")
    buffer = io.BytesIO()
    book.save(buffer)
    refused(seeded_engine, dp3a, buffer.getvalue(), "Baris 3, kolom J: kolom 'Angka' tidak dikenal",
            "kolom wajib Pembilang tidak ada")


def test_a_sheet_with_100000_rows_is_refused_without_reading_it_all(seeded_engine, dp3a, template):
    source = load_workbook(io.BytesIO(template), read_only=True)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Jawaban")
    for row in source["Jawaban"].iter_rows(max_row=3, values_only=True):
        sheet.append(row)
    for number in range(100_000):
        sheet.append([f"X{number}", None, None, None, None, None, None, None, "Ya"])
    meta = book.create_sheet("meta")
    for row in source["meta"].iter_rows(values_only=True):
        meta.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    result = refused(seeded_engine, dp3a, buffer.getvalue(), f"paling banyak {MAX_DATA_ROWS} baris")
    assert result.rows_read == 0  # refused before any row was checked
    assert len(result.problems) == 1


def test_one_row_over_the_limit_is_refused(seeded_engine, dp3a, template):
    extra = MAX_DATA_ROWS - DP3A_QUESTIONS + 1
    content = fill(template, append=[{"code": f"X{n}", "answer": "Ya"} for n in range(extra)])
    result = refused(seeded_engine, dp3a, content, f"paling banyak {MAX_DATA_ROWS} baris jawaban")
    assert result.rows_read == 0 and len(result.problems) == 1
    at_limit = fill(template, append=[{"code": f"X{n}", "answer": "Ya"} for n in range(extra - 1)])
    result = import_entries(seeded_engine, dp3a, at_limit, dry_run=True)
    assert result.rows_read == MAX_DATA_ROWS and "tidak ada di katalog" in result.problems[0]


def test_many_problems_are_capped_with_a_count(seeded_engine, dp3a, template):
    rows = unit_rows(seeded_engine)
    edits = {r.question.code: {"note": "x" * (NOTE_MAX_CHARS + 1)} for r in rows}
    more = [{"code": f"Z{n}", "answer": "Ya"} for n in range(150)]
    result = refused(seeded_engine, dp3a, fill(template, edits, append=more))
    assert len(result.problems) == 201 and result.problems[-1].startswith("... dan ")


# --- value parsing (hypothesis) ---------------------------------------------------------------------


def indonesian(number: float, decimals: int) -> str:
    text = f"{number:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


@given(st.floats(min_value=0, max_value=1e12, allow_nan=False), st.integers(min_value=0, max_value=3))
def test_cell_number_reads_indonesian_numbers(number, decimals):
    text = indonesian(number, decimals)
    assert math.isclose(cell_number(text), float(text.replace(".", "").replace(",", ".")), rel_tol=1e-12)
    assert cell_number(number) == number


@given(st.one_of(st.text(max_size=30), st.booleans(), st.floats(), st.integers(), st.none()))
def test_cell_number_never_fails_other_than_with_a_message(raw):
    try:
        number = cell_number(raw)
    except ValueError as error:
        assert str(error)
    else:
        assert math.isfinite(number) and not isinstance(raw, bool)


def test_workbook_file_problem_accepts_the_template(template):
    assert workbook_file_problem(template) is None


numbers = st.one_of(st.floats(min_value=-1e6, max_value=1e9), st.sampled_from([math.nan, math.inf, -math.inf]),
                    st.integers(min_value=-1000, max_value=10**9),
                    st.sampled_from(["", "12,5", "1.234", "abc", "-1", "0", "1e3", " 7 "]))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(numerator=numbers, denominator=numbers)
def test_percentage_cells_pass_exactly_when_valid(seeded_engine, dp3a, template, numerator, denominator):
    target = pick(unit_rows(seeded_engine), "percentage", ("not_started",))
    content = fill(template, {target.question.code: {"numerator": numerator, "denominator": denominator,
                                                     "note": "catatan"}})
    result = import_entries(seeded_engine, dp3a, content, dry_run=True)

    def parsed(raw):
        if isinstance(raw, str) and not raw.strip():
            return None
        try:
            return cell_number(raw)
        except ValueError:
            return "bad"

    n, d = parsed(numerator), parsed(denominator)
    valid = (n not in (None, "bad") and d not in (None, "bad") and n >= 0 and d > 0 and n <= d
             and d <= MAX_NUMBER)
    # A row with a note but no numbers is incomplete, so it is refused as well.
    assert (result.problems == []) == valid, result.problems
    assert len(result.changes) == (1 if valid else 0)


def test_a_kelurahan_template_shows_its_maxima_as_people_read_them(seeded_engine):
    with unit_of_work(seeded_engine) as session:
        short_name = session.scalar(select(ReportingUnit.short_name).where(ReportingUnit.kind == "kelurahan")
                                    .order_by(ReportingUnit.short_name).limit(1))
    sheet = load_workbook(io.BytesIO(export_template(seeded_engine, COMMAND_LINE, short_name, YEAR)))["Jawaban"]
    maxima = [sheet.cell(line, COLUMN_INDEX["max_points"] + 1).value
              for line in range(FIRST_DATA_ROW, sheet.max_row + 1)]
    assert maxima and all(isinstance(m, (int, float)) and round(m, 2) == m for m in maxima)
    assert 10 / 51 not in maxima and round(10 / 51, 2) in maxima  # 26.15: one kelurahan's share of 10 points
