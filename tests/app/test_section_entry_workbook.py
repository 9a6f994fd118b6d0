"""AppTest of the Excel section of the entry page (ui/views/entry_workbook.show): upload a filled
template, check it, apply it only after a clean check of the same file."""
import io

from openpyxl import load_workbook
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from data.actor import COMMAND_LINE
from data.db import unit_of_work
from data.files.entry_workbook import COLUMN_INDEX, FIRST_DATA_ROW
from data.models import Answer, EvaluationCycle, Question, ReportingUnit
from data.services.entry.entry_workbook import export_template
from page_helpers import texts

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def excel_section():
    from data.services.accounts.auth import command_line_user
    from data.services.entry.sheet import entry_sheet
    from ui import loaders
    from ui.views import entry_workbook as entry_workbook_view

    user = command_line_user(loaders.engine(), "opd.dp3a")
    entry_workbook_view.show(user, entry_sheet(loaders.engine(), user))


def filled(engine, answer="Ya") -> tuple[bytes, str]:
    book = load_workbook(io.BytesIO(export_template(engine, COMMAND_LINE, "dp3a", 2025)))
    sheet = book["Jawaban"]
    for line in range(FIRST_DATA_ROW, sheet.max_row + 1):
        if sheet.cell(line, COLUMN_INDEX["type"] + 1).value == "Ya/Tidak" and \
                sheet.cell(line, COLUMN_INDEX["status"] + 1).value == "belum diisi":
            sheet.cell(line, COLUMN_INDEX["answer"] + 1).value = answer
            buffer = io.BytesIO()
            book.save(buffer)
            return buffer.getvalue(), sheet.cell(line, 1).value
    raise AssertionError("no open yes/no question")


def stored(engine, code):
    with unit_of_work(engine) as session:
        return session.scalar(
            select(Answer).join(Question, Answer.question_id == Question.id)
            .join(EvaluationCycle, Answer.cycle_id == EvaluationCycle.id)
            .join(ReportingUnit, Answer.reporting_unit_id == ReportingUnit.id)
            .where(Question.code == code, EvaluationCycle.year == 2025, ReportingUnit.short_name == "dp3a"))


def labels(at: AppTest) -> list[str]:
    return [b.label for b in at.button]


def click(at: AppTest, label: str) -> AppTest:
    [button] = [b for b in at.button if b.label == label]
    button.click().run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def started(engine) -> AppTest:
    at = AppTest.from_function(excel_section, default_timeout=60)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_check_then_apply_saves_the_answers(engine):
    at = started(engine)
    assert "Isi lewat Excel" in texts(at) and len(at.file_uploader) == 1
    assert "Periksa" not in labels(at)
    content, code = filled(engine)

    at.file_uploader[0].set_value(("isian.xlsx", content, XLSX)).run()
    assert "Periksa" in labels(at) and "Terapkan" not in labels(at)
    assert "Tekan Periksa" in texts(at)

    click(at, "Periksa")
    assert "1 jawaban akan disimpan sebagai draf" in texts(at)
    assert at.dataframe[0].value.iloc[0]["Kode"] == code
    assert stored(engine, code) is None  # checking writes nothing

    click(at, "Terapkan")
    assert "1 jawaban dari Excel disimpan sebagai draf" in texts(at)
    assert stored(engine, code).bool_value is True
    assert "Terapkan" not in labels(at) and "Periksa" not in labels(at)  # the uploader was emptied


def test_a_file_with_problems_lists_them_and_offers_no_apply(engine):
    at = started(engine)
    content, code = filled(engine, answer="mungkin")
    at.file_uploader[0].set_value(("isian.xlsx", content, XLSX)).run()
    click(at, "Periksa")
    assert "File ditolak: 1 masalah" in texts(at)
    problems = at.table[0].value["Masalah"].tolist()
    assert len(problems) == 1 and problems[0].startswith("Baris ") and "bukan Ya atau Tidak" in problems[0]
    assert "Terapkan" not in labels(at)
    assert stored(engine, code) is None


def test_apply_needs_a_check_of_the_same_file(engine):
    at = started(engine)
    first, _ = filled(engine)
    at.file_uploader[0].set_value(("isian.xlsx", first, XLSX)).run()
    click(at, "Periksa")
    assert "Terapkan" in labels(at)
    second, code = filled(engine, answer="Tidak")
    at.file_uploader[0].set_value(("isian2.xlsx", second, XLSX)).run()
    assert "Terapkan" not in labels(at) and "Tekan Periksa" in texts(at)
    assert stored(engine, code) is None


def test_an_encrypted_or_foreign_file_gets_one_clear_message(engine):
    at = started(engine)
    at.file_uploader[0].set_value(("isian.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512
                                   + "EncryptedPackage".encode("utf-16-le"), XLSX)).run()
    click(at, "Periksa")
    assert "terkunci dengan kata sandi" in at.table[0].value["Masalah"].iloc[0]


def test_a_zip_carries_the_template_and_its_evidence(engine):
    import zipfile

    import evidence_samples as samples
    from data.models import EvidenceFile

    at = started(engine)
    content, code = filled(engine)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("isian.xlsx", content)
        archive.writestr(f"{code} Perda KLA.pdf", samples.pdf("Perda"))
    at.file_uploader[0].set_value(("isian.zip", buffer.getvalue(), "application/zip")).run()
    click(at, "Periksa")
    assert "1 berkas bukti akan dilampirkan ke pertanyaannya" in texts(at)
    click(at, "Terapkan")
    assert "1 berkas bukti dari ZIP dilampirkan ke pertanyaannya." in [s.value for s in at.success]
    answer = stored(engine, code)
    assert answer.bool_value is True
    with unit_of_work(engine, read_only=True) as session:
        assert session.scalar(select(EvidenceFile.filename).where(EvidenceFile.answer_id == answer.id)) \
            == f"{code} Perda KLA.pdf"
