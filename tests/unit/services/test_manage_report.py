"""manage.py report: the files it writes, its exit codes and its messages for bad input."""
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

import manage
from data.services.scoring.scores import score_report

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def cli(seeded_url, monkeypatch, capsys):
    monkeypatch.setenv("KLA_DATABASE_URL", seeded_url)

    def run(*args: str) -> tuple[int, str, str]:
        code = manage.main(["report", *args])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


def test_pdf_report_as_a_real_process(seeded_url, seeded_engine, tmp_path):
    out = tmp_path / "laporan.pdf"
    result = subprocess.run(
        [sys.executable, "manage.py", "report", "--region", "53.71", "--cycle", "2024", "--format", "pdf",
         "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True, env={**os.environ, "KLA_DATABASE_URL": seeded_url})
    assert result.returncode == 0, result.stderr
    assert f"disimpan di {out}" in result.stdout
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    cover = " ".join(reader.pages[0].extract_text().split())
    total = score_report(seeded_engine, "53.71", 2024)["total"]
    assert f"Nilai total {total:.2f}".replace(".", ",") in cover


def test_xlsx_report_in_the_self_reading(cli, seeded_engine, tmp_path):
    out = tmp_path / "laporan.xlsx"
    code, stdout, _ = cli("--region", "53.71", "--cycle", "2025", "--format", "xlsx", "--out", str(out),
                          "--basis", "self")
    assert code == 0 and "(self)" in stdout
    summary = {row[0]: row[1] for row in load_workbook(out)["Ringkasan"].iter_rows(values_only=True)}
    assert summary["Nilai total"] == round(score_report(seeded_engine, "53.71", 2025, "self")["total"], 2)
    assert summary["Dasar penilaian"] == "Penilaian mandiri OPD"


@pytest.mark.parametrize("args, message", [
    (["--region", "99.99", "--cycle", "2024", "--format", "xlsx"], "Wilayah dengan kode '99.99' tidak ditemukan"),
    (["--region", "53.71", "--cycle", "2019", "--format", "xlsx"], "Siklus evaluasi 2019 untuk Kota Kupang"),
    (["--region", "53.71", "--cycle", "2024", "--format", "docx"], "Format laporan 'docx' tidak dikenal"),
    (["--region", "53.71", "--cycle", "2024", "--format", "pdf", "--basis", "final"],
     "Dasar penilaian 'final' tidak dikenal"),
])
def test_bad_input_exits_1_with_one_sentence_and_writes_nothing(cli, tmp_path, args, message):
    out = tmp_path / "laporan.out"
    code, stdout, stderr = cli(*args, "--out", str(out))
    assert code == 1
    assert message in stderr and stdout == ""
    assert not out.exists()


def test_missing_output_folder(cli, tmp_path):
    code, _, stderr = cli("--region", "53.71", "--cycle", "2024", "--format", "pdf",
                          "--out", str(tmp_path / "tidak_ada" / "laporan.pdf"))
    assert code == 1 and "tidak ada; laporan tidak dibuat" in stderr


def test_missing_arguments_are_argparse_errors(cli):
    with pytest.raises(SystemExit) as stopped:
        cli("--region", "53.71", "--cycle", "2024")
    assert stopped.value.code == 2
