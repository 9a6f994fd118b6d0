"""manage.py export-template and import-entries against a copy of the seeded demo database."""
import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

import manage
from data.actor import COMMAND_LINE
from data.db import unit_of_work
from data.files.entry_workbook import COLUMN_INDEX, FIRST_DATA_ROW
from data.models import Answer, EvaluationCycle, Question, ReportingUnit


@pytest.fixture
def cli(seeded_url, monkeypatch, capsys):
    monkeypatch.setenv("KLA_DATABASE_URL", seeded_url)

    def run(*argv):
        code = manage.main([str(a) for a in argv])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def fill_first_open_yes_no(path, answer="Ya"):
    """Answer the first not-yet-answered yes/no question in the file; returns its code and row."""
    book = load_workbook(path)
    sheet = book["Jawaban"]
    for line in range(FIRST_DATA_ROW, sheet.max_row + 1):
        if sheet.cell(line, COLUMN_INDEX["type"] + 1).value == "Ya/Tidak" and \
                sheet.cell(line, COLUMN_INDEX["status"] + 1).value == "belum diisi":
            sheet.cell(line, COLUMN_INDEX["answer"] + 1).value = answer
            book.save(path)
            return sheet.cell(line, 1).value, line
    raise AssertionError("no open yes/no question")


def stored_answer(engine, code, unit="dp3a"):
    with unit_of_work(engine) as session:
        return session.scalar(
            select(Answer).join(Question, Answer.question_id == Question.id)
            .join(EvaluationCycle, Answer.cycle_id == EvaluationCycle.id)
            .join(ReportingUnit, Answer.reporting_unit_id == ReportingUnit.id)
            .where(Question.code == code, EvaluationCycle.year == 2025, ReportingUnit.short_name == unit))


def test_export_dry_run_and_import(cli, seeded_engine, tmp_path):
    path = tmp_path / "dp3a.xlsx"
    code, out, err = cli("export-template", "--opd", "dp3a", "--cycle", 2025, "--region", "53.71", path)
    assert code == 0 and err == "" and "dp3a" in out
    assert load_workbook(path, read_only=True).sheetnames[0] == "Jawaban"
    question, _ = fill_first_open_yes_no(path)

    code, out, err = cli("import-entries", path, "--user", "opd.dp3a", "--dry-run")
    assert code == 0 and err == "" and "1 jawaban akan diubah" in out
    assert stored_answer(seeded_engine, question) is None

    code, out, err = cli("import-entries", path, "--user", "opd.dp3a")
    assert code == 0 and "1 jawaban disimpan sebagai draf" in out
    saved = stored_answer(seeded_engine, question)
    assert saved.bool_value is True and saved.status == "draft"


def test_import_with_problems_prints_one_per_line_and_exits_non_zero(cli, seeded_engine, tmp_path):
    path = tmp_path / "dp3a.xlsx"
    assert cli("export-template", "--opd", "dp3a", "--cycle", 2025, path)[0] == 0
    question, line = fill_first_open_yes_no(path, answer="barangkali")
    book = load_workbook(path)
    book["Jawaban"].cell(line + 1, COLUMN_INDEX["note"] + 1).value = "=A1"
    book.save(path)

    code, out, err = cli("import-entries", path, "--user", "opd.dp3a")
    lines = err.strip().splitlines()
    assert code == 1 and out == ""
    assert lines[0].startswith(f"Baris {line}, kolom Jawaban") and "bukan Ya atau Tidak" in lines[0]
    assert lines[1].startswith(f"Baris {line + 1}, kolom Catatan") and "rumus" in lines[1]
    assert "tidak ada jawaban yang diubah" in lines[-1]
    assert stored_answer(seeded_engine, question) is None


def test_the_users_rights_apply(cli, tmp_path):
    path = tmp_path / "dinkes.xlsx"
    assert cli("export-template", "--opd", "dinkes", "--cycle", 2025, path)[0] == 0
    fill_first_open_yes_no(path)
    code, _, err = cli("import-entries", path, "--user", "opd.dp3a", "--dry-run")
    assert code == 1 and "milik unit 'dinkes'" in err
    code, _, err = cli("import-entries", path, "--user", "ketua")
    assert code == 1 and "Hanya operator OPD" in err
    code, _, err = cli("import-entries", path, "--user", "tidak.ada")
    assert code == 1 and "Pengguna 'tidak.ada' tidak ditemukan" in err


@pytest.mark.parametrize("argv,message", [
    (["--opd", "tidak_ada", "--cycle", 2025], "Unit 'tidak_ada' tidak terdaftar"),
    (["--opd", "dp3a", "--cycle", 2031], "Siklus evaluasi 2031"),
    (["--opd", "dp3a", "--cycle", 2025, "--region", "99.99"], "Wilayah dengan kode '99.99'"),
])
def test_export_errors_exit_non_zero(cli, tmp_path, argv, message):
    path = tmp_path / "x.xlsx"
    code, out, err = cli("export-template", *argv, path)
    assert code == 1 and message in err and not path.exists()


def test_import_of_a_file_that_is_not_excel(cli, tmp_path):
    path = tmp_path / "bukan.xlsx"
    path.write_bytes(b"%PDF-1.4 bukan excel")
    code, _, err = cli("import-entries", path, "--user", "opd.dp3a")
    assert code == 1 and "bukan file Excel" in err


def test_import_of_a_missing_file(cli, tmp_path):
    code, _, err = cli("import-entries", tmp_path / "hilang.xlsx", "--user", "opd.dp3a")
    assert code == 1 and "tidak ditemukan" in err


def test_template_content_matches_the_service(cli, seeded_engine, tmp_path):
    from data.services.entry.entry_workbook import export_template

    path = tmp_path / "dp3a.xlsx"
    cli("export-template", "--opd", "dp3a", "--cycle", 2025, path)
    from_cli = [row for row in load_workbook(path, read_only=True)["Jawaban"].iter_rows(min_row=3, values_only=True)]
    direct = export_template(seeded_engine, COMMAND_LINE, "dp3a", 2025)
    from_service = [row for row in load_workbook(io.BytesIO(direct), read_only=True)["Jawaban"].iter_rows(
        min_row=3, values_only=True)]
    assert from_cli == from_service


def test_a_zip_with_the_template_and_its_evidence_goes_through_the_command_line(cli, seeded_engine, tmp_path):
    import zipfile

    from test_entry_workbook import fill, pick, unit_rows

    import evidence_samples as samples
    from data.actor import COMMAND_LINE
    from data.services.entry.entry_workbook import export_template

    code = pick(unit_rows(seeded_engine), "yes_no", ("not_started",)).question.code
    book = fill(export_template(seeded_engine, COMMAND_LINE, "dp3a", 2025), {code: {"answer": "Ya"}})
    path = tmp_path / "isian.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("templat.xlsx", book)
        archive.writestr(f"{code} SK.pdf", samples.pdf("SK"))
    status, out, err = cli("import-entries", path, "--user", "opd.dp3a")
    assert status == 0 and "1 jawaban disimpan sebagai draf" in out and "1 berkas bukti dilampirkan" in out, err
