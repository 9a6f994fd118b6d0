"""Every import route reads its header through indicators.columns: a misspelled column is refused
naming the one meant, a required one missing is refused, an empty file, a formula and 10 000 rows
are answered with a message (files only, no database: the routes' services are tested with theirs)."""
import io

import pytest
from openpyxl import Workbook

from data.files.cases_csv import parse_cases_csv, template_csv
from data.files.table_file import read_table
from data.files.units_file import read_unit_rows
from data.services.accounts.account_import import COLUMNS, MAX_ROWS, REQUIRED
from indicators.errors import CatalogError
from indicators.spreadsheet import catalog_dict_from_xlsx


def xlsx(header, rows=(), formula_at=None) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    if formula_at:
        sheet[formula_at] = '=HYPERLINK("http://x","klik")'
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def accounts(data: bytes, name: str = "akun.xlsx") -> list[str]:
    return read_table(data, name, COLUMNS, REQUIRED, MAX_ROWS)[1]


def test_accounts_refuse_a_misspelled_or_missing_column_an_empty_file_a_formula_and_10000_rows():
    [misspelled, missing] = accounts(xlsx(["nama_penguna", "nama", "peran"], [["a", "A", "opd"]]))
    assert misspelled.startswith("Baris 1, kolom A: kolom 'nama_penguna' tidak dikenal; maksud Anda 'nama_pengguna'?")
    assert missing.startswith("Baris 1: kolom wajib nama_pengguna tidak ada.")
    assert accounts(b"", "akun.csv") == ["Berkas kosong."]
    assert accounts(b"\n\n", "akun.csv")[0].startswith("Berkas kosong: baris pertama harus berisi judul kolom")
    assert accounts(xlsx(["nama_pengguna", "nama", "peran"], [["a", "A", "opd"]], formula_at="B2")) == [
        "Baris 2, kolom B (nama): berisi rumus; isikan nilainya saja."]
    assert accounts(b"nama_pengguna,nama,peran\n=1+1,A,opd\n", "akun.csv") == [
        "Baris 2, kolom A (nama_pengguna): berisi rumus (diawali '='); isikan nilainya saja."]
    many = "nama_pengguna,nama,peran\n" + "".join(f"opd.{i},X,opd\n" for i in range(10_000))
    assert accounts(many.encode(), "akun.csv") == ["Berkas berisi lebih dari 1000 baris; bagi ke beberapa berkas."]


def test_cases_refuse_a_misspelled_column_and_read_10000_rows_at_once():
    header, first, _ = template_csv().splitlines()
    misspelled = parse_cases_csv((header.replace("jenis_kekerasan", "jenis_kekerasn") + "\n" + first).encode())
    assert misspelled.problems[0].startswith(
        "Baris 1, kolom C: kolom 'jenis_kekerasn' tidak dikenal; maksud Anda 'jenis_kekerasan'?")
    assert "kolom wajib jenis_kekerasan tidak ada" in misspelled.problems[1]
    assert parse_cases_csv(b"").problems[0].startswith("Berkas kosong")
    years = range(2000, 2100)
    rows = [first.replace("2023", str(year), 1).replace(",12", f",{count}")
            for year in years for count in range(1, 101)]
    read = parse_cases_csv("\n".join([header, *rows]).encode())
    assert len(rows) == 10_000 and len(read.rows) == 100 and len(read.problems) == 9_900
    assert read.problems[0] == "Baris 3: rincian yang sama sudah ada di Baris 2; gabungkan jumlahnya dalam satu baris."


CATALOG = ["kode_grup", "nama_grup", "kode_indikator", "nama_indikator", "kode_pertanyaan", "pertanyaan",
           "tipe_jawaban", "maks_poin"]
ROW = ["G1", "Grup", "1", "Indikator", "1", "Ada Perda?", "ya/tidak", 10]


def catalog_problems(tmp_path, header, rows) -> list[str]:
    path = tmp_path / "instrumen.xlsx"
    path.write_bytes(xlsx(header, rows))
    with pytest.raises(CatalogError) as refused:
        catalog_dict_from_xlsx(path)
    return [str(problem) for problem in refused.value.problems]


def test_the_catalog_spreadsheet_refuses_a_misspelled_column_and_10000_questions(tmp_path):
    header = [title.replace("kode_pertanyaan", "kode_pertanyan") for title in CATALOG]
    [misspelled, missing] = catalog_problems(tmp_path, header, [ROW])
    assert misspelled.startswith("instrumen.xlsx: Baris 1, kolom E: kolom 'kode_pertanyan' tidak dikenal; maksud "
                                 "Anda 'kode_pertanyaan'?")
    assert "kolom wajib kode_pertanyaan tidak ada" in missing
    many = [[*ROW[:4], str(i), *ROW[5:]] for i in range(10_000)]
    assert catalog_problems(tmp_path, CATALOG, many) == [
        "instrumen.xlsx: terlalu banyak baris: paling banyak 5000 pertanyaan"]


def test_the_unit_file_names_row_and_column_of_a_formula():
    read = read_unit_rows(xlsx(["jenis", "nama", "nama_singkat", "sumber_data"], [["opd", "Dinas A", "a", "dp3a"]],
                               formula_at="D2"), "unit.xlsx")
    assert read.problems == ["Baris 2, kolom D (sumber_data): berisi rumus; isikan nilainya saja."]
