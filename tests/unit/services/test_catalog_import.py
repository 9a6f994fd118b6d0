import pytest
import yaml
from openpyxl import Workbook
from sqlalchemy import func, select

from catalog_samples import small_catalog_dict
from data.actor import COMMAND_LINE
from data.db import unit_of_work
from data.errors import InvalidInput, PermissionDenied
from data.models import Assignment, AuditLog, CatalogVersion, EvaluationCycle
from data.services.accounts.auth import authenticate
from data.services.catalog.catalog_admin import import_catalog
from data.services.scoring.scores import score_report
from indicators.catalog import load_catalog
from indicators.errors import CatalogError

HEADER = ["kode_grup", "nama_grup", "maks_grup", "kode_indikator", "nama_indikator", "maks_indikator",
          "kode_pertanyaan", "pertanyaan", "tipe_jawaban", "maks_poin", "sumber_data", "kecamatan",
          "desa_kelurahan", "opsi", "aturan", "bukti", "pertanyaan_unit"]


def sample_rows():
    return [
        ["G1", "Grup satu", 60, "1", "Indikator satu", 40, "1.1", "Ada Perda?", "ya/tidak", 10,
         "DPPPAPPKB; JDIH", "tidak", "tidak", None, None, "Salinan Perda"],
        ["G1", "Grup satu", 60, "1", "Indikator satu", 40, "1.2", "Tingkat pelibatan?", "pilihan", 10,
         "DP3A", None, None, "belum=0; sebagian=0,5; penuh=1", None, None],
        ["G1", "Grup satu", 60, "1", "Indikator satu", 40, "1.3", "Persentase anak berakta?", "persentase", 20,
         "Disdukcapil", None, None, None, "linear:90", None],
        ["G1", "Grup satu", 60, "2", "Indikator dua", 20, "2.1", "Prevalensi stunting?", "persentase", 10,
         "Dinkes", None, None, None, "inverse:0-30", None],
        ["G1", "Grup satu", 60, "2", "Indikator dua", 20, "2.2", "Persen kecamatan dengan Forum Anak?", "persentase",
         10, "DP3A", "ya", None, None, "bands:0=0;50=0,5;80=1", None, "Apakah kecamatan ini memiliki Forum Anak?"],
        ["G2", "Grup dua", 40, "3", "Indikator tiga", 40, "3.1", "Jumlah Puskesmas ramah anak?", "jumlah", 40,
         "Dinkes", None, None, None, "1=0,5;3=1", None],
    ]


def write_xlsx(path, rows, settings=None):
    book = Workbook()
    sheet = book.active
    sheet.title = "pertanyaan"
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    if settings:
        extra = book.create_sheet("katalog")
        for key, value in settings.items():
            extra.append([key, value])
    book.save(path)
    return path


def test_spreadsheet_catalog_loads_with_aliases_and_settings(tmp_path):
    path = write_xlsx(tmp_path / "instrumen.xlsx", sample_rows(),
                      {"versi": "UJI-XLSX", "total_poin": 100, "pratama": 50, "madya": 61, "nindya": 70,
                       "utama": 80, "kla": 90})
    catalog = load_catalog(path)
    assert catalog.version == "UJI-XLSX" and len(catalog.questions) == 6 and catalog.total_points == 100
    assert catalog.question("1.1").data_sources == ("dp3a", "jdih")
    assert catalog.question("1.2").answer.option("sebagian").share == 0.5
    assert catalog.question("1.3").answer.target == 90
    assert catalog.question("2.1").answer.worst == 30
    assert catalog.question("2.2").answered_by == "every_kecamatan"
    assert catalog.question("2.2").derivation == "share_yes"
    assert catalog.question("2.2").unit_prompt.id == "Apakah kecamatan ini memiliki Forum Anak?"
    assert [b.min for b in catalog.question("3.1").answer.bands] == [1, 3]
    assert catalog.question("1.1").evidence_required and not catalog.question("1.2").evidence_required
    assert [p.above for p in catalog.predikat][:2] == [50, 61]


def test_spreadsheet_problems_name_the_row(tmp_path):
    rows = sample_rows()
    rows[1][8] = "esai"
    rows[5][9] = 45
    with pytest.raises(CatalogError) as refused:
        load_catalog(write_xlsx(tmp_path / "salah.xlsx", rows))
    text = str(refused.value)
    assert "salah.xlsx, baris 3 (pertanyaan 1.2)" in text and "'esai' tidak dikenal" in text
    assert "indikator 3" in text and "45" in text


def test_a_row_for_every_kecamatan_needs_the_question_the_kecamatan_answers(tmp_path):
    rows = sample_rows()
    rows[4][16] = None
    with pytest.raises(CatalogError) as refused:
        load_catalog(write_xlsx(tmp_path / "tanpa_unit.xlsx", rows))
    text = str(refused.value)
    assert "baris 6 (pertanyaan 2.2)" in text and "pertanyaan_unit" in text


def test_spreadsheet_with_formula_or_corruption_is_refused(tmp_path):
    rows = sample_rows()
    rows[0][9] = "=5+5"
    with pytest.raises(CatalogError, match="rumus"):
        load_catalog(write_xlsx(tmp_path / "rumus.xlsx", rows))
    broken = tmp_path / "rusak.xlsx"
    broken.write_bytes(b"PK\x03\x04 ini bukan excel")
    with pytest.raises(CatalogError, match="File Excel rusak atau terpotong"):
        load_catalog(broken)


def sample_yaml(tmp_path, version="UJI-2026", change=None):
    doc = small_catalog_dict()
    doc["version"] = version
    if change:
        change(doc)
    path = tmp_path / f"{version}.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return path


def test_import_catalog_opens_a_new_cycle_and_keeps_older_scores(seeded_engine, tmp_path):
    before = score_report(seeded_engine, "53.71", 2024)
    result = import_catalog(seeded_engine, COMMAND_LINE, sample_yaml(tmp_path), 2026)
    assert result.cycles_created == ["53.71"] and result.questions == 6 and result.assignments_added > 0
    assert score_report(seeded_engine, "53.71", 2024) == before
    new = score_report(seeded_engine, "53.71", 2026, basis="self")
    assert new["catalog_version"] == "UJI-2026" and new["total"] == 0 and new["missing_count"] == 6
    with unit_of_work(seeded_engine) as session:
        imports = select(func.count()).select_from(AuditLog).where(AuditLog.action == "import_catalog")
        assert session.scalar(imports) == 1


def test_import_refuses_a_changed_version_and_an_answered_cycle(seeded_engine, tmp_path):
    import_catalog(seeded_engine, COMMAND_LINE, sample_yaml(tmp_path), 2026)
    changed = sample_yaml(tmp_path / "..", change=lambda d: d["groups"][0].update(name={"id": "Lain"}))
    with pytest.raises(InvalidInput, match="sudah tersimpan dengan isi yang berbeda"):
        import_catalog(seeded_engine, COMMAND_LINE, changed, 2026)
    with unit_of_work(seeded_engine) as session:
        counts = (session.scalar(select(func.count(CatalogVersion.id))),
                  session.scalar(select(func.count(Assignment.id))),
                  session.scalar(select(func.count(EvaluationCycle.id))))
    with pytest.raises(InvalidInput, match="sudah memiliki .* jawaban pada siklus 2025"):
        import_catalog(seeded_engine, COMMAND_LINE, sample_yaml(tmp_path, version="UJI-B"), 2025)
    with unit_of_work(seeded_engine) as session:
        after = (session.scalar(select(func.count(CatalogVersion.id))),
                 session.scalar(select(func.count(Assignment.id))),
                 session.scalar(select(func.count(EvaluationCycle.id))))
    assert after == counts  # nothing half-written


def test_only_admin_or_secretariat_may_import(seeded_engine, tmp_path):
    opd = authenticate(seeded_engine, "opd.dinkes", "KlaKupang2024!")
    with pytest.raises(PermissionDenied):
        import_catalog(seeded_engine, opd, sample_yaml(tmp_path), 2026)
    secretariat = authenticate(seeded_engine, "sekretariat", "KlaKupang2024!")
    assert import_catalog(seeded_engine, secretariat, sample_yaml(tmp_path), 2026).cycles_created == ["53.71"]


def test_the_official_form_numbers_questions_within_their_indicator(tmp_path):
    """The official spreadsheet says "1", "2a" under indicator 1 and "1" again under indicator 2:
    read as 1.1, 1.2a and 2.1, not refused as duplicates."""
    rows = sample_rows()
    local = ["1", "2a", "3", "1", "2", "1"]
    for row, code in zip(rows, local, strict=True):
        row[6] = code
    rows[1][6] = "2a"
    path = write_xlsx(tmp_path / "resmi.xlsx", rows, {"versi": "UJI-RESMI", "total_poin": 100, "pratama": 50,
                                                      "madya": 61, "nindya": 70, "utama": 80, "kla": 90})
    catalog = load_catalog(path)
    assert [q.code for q in catalog.questions] == ["1.1", "1.2a", "1.3", "2.1", "2.2", "3.1"]
    assert catalog.question("1.2a").answer.option("sebagian").share == 0.5
    as_numbers = sample_rows()
    for row, code in zip(as_numbers, [1, 2, 3, 1, 2, 1.0], strict=True):
        row[6] = code
    numbered = load_catalog(write_xlsx(tmp_path / "angka.xlsx", as_numbers, {"versi": "UJI-ANGKA", "total_poin": 100,
                                       "pratama": 50, "madya": 61, "nindya": 70, "utama": 80, "kla": 90}))
    assert [q.code for q in numbered.questions] == ["1.1", "1.2", "1.3", "2.1", "2.2", "3.1"]


def test_a_yaml_catalog_with_aliases_is_refused_before_it_is_built(tmp_path):
    laughs = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))
    path = tmp_path / "tawa.yaml"
    path.write_text("version: TAWA\n" + laughs, encoding="utf-8")
    with pytest.raises(CatalogError, match="alias YAML"):
        load_catalog(path)
