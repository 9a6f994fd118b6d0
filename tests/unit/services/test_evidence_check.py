"""The evidence check by structure (data/files/evidence_check.py), on a corpus made in code: each
bad file of the issue is refused with its reason, the good ones pass, a valid PDF followed by
padding passes, and a zip bomb is refused from its directory without being unpacked."""
import resource

import pytest

import evidence_samples as samples
from data.files.evidence_check import file_problems


@pytest.mark.parametrize("name, content", [
    ("perda.pdf", samples.PDF),
    ("perda_dipindai.pdf", samples.PDF + b"\x00" * 4096),
    ("perda_spasi.pdf", samples.PDF + b"\r\n" * 3000),
    ("foto.png", samples.PNG),
    ("foto.jpg", samples.JPG),
    ("data.xlsx", samples.xlsx()),
    ("sk.docx", samples.docx()),
], ids=["pdf", "pdf-with-zero-padding", "pdf-with-trailing-blanks", "png", "jpg", "xlsx", "docx"])
def test_good_files_pass(name, content):
    assert file_problems(name, content) == []


@pytest.mark.parametrize("name, content, reason", [
    ("perda.pdf", samples.HTML_AS_PDF, "bukan PDF yang sah"),
    ("perda.pdf", samples.PDF[:600], "bukan PDF yang sah"),
    ("perda.pdf", b"%PDF-1.4\n%%EOF\n", "bukan PDF yang sah"),
    ("perda.pdf", samples.encrypted_pdf(), "dilindungi kata sandi"),
    ("perda.pdf", samples.scripted_pdf(), "memuat JavaScript"),
    ("perda.pdf", samples.pdf_with_attachment(), "berkas lain yang tersemat"),
    ("data.xlsx", samples.macro_workbook(), "memuat makro (VBA)"),
    ("data.xlsx", samples.workbook_with_program(), "bagian yang bukan dokumen (xl/media/evil.exe)"),
    ("data.xlsx", samples.zip_bomb_workbook(), "bila dibuka menjadi lebih dari 100 MB"),
    ("data.xlsx", samples.workbook_declaring_entities(), "memuat deklarasi DOCTYPE XML"),
    ("foto.png", samples.PNG[: len(samples.PNG) // 2], "bukan PNG yang sah"),
    ("foto.jpg", samples.JPG[:40], "bukan JPG yang sah"),
], ids=["html-as-pdf", "truncated-pdf", "pdf-without-body", "encrypted-pdf", "pdf-openaction-javascript",
        "pdf-embedded-file", "macro-workbook", "workbook-carrying-exe", "zip-bomb", "workbook-declaring-entities",
        "truncated-png", "truncated-jpg"])
def test_each_bad_file_is_refused_with_its_reason(name, content, reason):
    problems = file_problems(name, content)
    assert len(problems) == 1 and reason in problems[0], problems
    assert name in problems[0]


def test_a_zip_bomb_is_refused_without_being_unpacked():
    bomb = samples.zip_bomb_workbook()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    problems = file_problems("data.xlsx", bomb)
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert problems and "lebih dari 100 MB" in problems[0]
    assert grown_kib < 50 * 1024   # the 200 MB it claims were never unpacked
