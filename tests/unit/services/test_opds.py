"""OPDs (data/services/units/opds.py): added, renamed, deactivated and reactivated; the data sources
each answers for, and the assignments and case access that follow them."""
from datetime import date

import pytest
from sqlalchemy import func, select

from data.access import may_enter_cases, may_read_cases
from data.actor import COMMAND_LINE
from data.db import current_data_version, unit_of_work
from data.errors import InvalidInput, NotFound, PermissionDenied
from data.models import Answer, Assignment, AuditLog, EvaluationCycle, Question, Region, ReportingUnit
from data.services.accounts.auth import authenticate, command_line_user, create_user
from data.services.regions.regions import add_region
from data.services.units.opds import add_opd, opd_list, set_opd_active, suggested_sources, update_opd
from data.services.units.unit_import import import_units

DP3AP2KB = "Dinas Pengendalian Penduduk, KB, Pemberdayaan Perempuan dan Perlindungan Anak (DP3AP2KB)"


def table_hash(engine) -> tuple:
    with unit_of_work(engine) as session:
        return tuple(session.scalar(select(func.count()).select_from(model))
                     for model in (ReportingUnit, Assignment, AuditLog))


def payakumbuh(engine) -> None:
    """Kota Payakumbuh with an open 2025 cycle on the demo's catalog and no OPD yet."""
    add_region(engine, COMMAND_LINE, "13.76")
    with unit_of_work(engine) as session:
        region = session.scalar(select(Region).where(Region.code == "13.76"))
        kupang_2025 = session.scalar(select(EvaluationCycle).where(EvaluationCycle.year == 2025))
        session.add(EvaluationCycle(region_id=region.id, year=2025, catalog_version_id=kupang_2025.catalog_version_id,
                                    status="open", deadline=date(2026, 12, 31)))


def assigned_codes(engine, short_name: str, region_code: str = "13.76") -> set[str]:
    with unit_of_work(engine) as session:
        return set(session.scalars(select(Question.code).join(Assignment, Assignment.question_id == Question.id)
                                   .join(ReportingUnit, Assignment.reporting_unit_id == ReportingUnit.id)
                                   .join(Region, ReportingUnit.region_id == Region.id)
                                   .where(ReportingUnit.short_name == short_name, Region.code == region_code)))


def test_dp3ap2kb_answers_for_dp3a_and_gets_its_questions(seeded_engine):
    payakumbuh(seeded_engine)
    assert suggested_sources(seeded_engine, COMMAND_LINE, DP3AP2KB, "13.76") == ["dp3a"]
    change = add_opd(seeded_engine, COMMAND_LINE, DP3AP2KB, ["dp3a"], region_code="13.76")
    assert change.short_name == "dp3ap2kb"
    dp3a_in_kupang = assigned_codes(seeded_engine, "dp3a", "53.71")
    assert assigned_codes(seeded_engine, "dp3ap2kb") == dp3a_in_kupang and len(dp3a_in_kupang) > 100
    listed = opd_list(seeded_engine, COMMAND_LINE, "13.76")
    assert listed["opds"] == [{"short_name": "dp3ap2kb", "name": DP3AP2KB, "data_sources": ["dp3a"],
                               "active": True, "focal_points": []}]
    assert "dp3a" in listed["sources"]


def test_one_office_answers_for_several_sources_and_can_drop_one(seeded_engine):
    payakumbuh(seeded_engine)
    add_opd(seeded_engine, COMMAND_LINE, "Dinas Kesehatan dan Sosial", "dinkes, dinsos", "dinkessos", "13.76")
    both = assigned_codes(seeded_engine, "dinkessos")
    only_dinkes = assigned_codes(seeded_engine, "dinkes", "53.71")
    assert only_dinkes < both
    change = update_opd(seeded_engine, COMMAND_LINE, "dinkessos", data_sources=["dinkes"], region_code="13.76")
    assert "menjawab untuk dinkes" in change.message
    assert assigned_codes(seeded_engine, "dinkessos") == only_dinkes


def test_an_answered_question_stays_with_the_office_when_its_source_goes(seeded_engine):
    payakumbuh(seeded_engine)
    add_opd(seeded_engine, COMMAND_LINE, "Dinas Kesehatan dan Sosial", "dinkes; dinsos", "dinkessos", "13.76")
    dinsos_only = assigned_codes(seeded_engine, "dinkessos") - assigned_codes(seeded_engine, "dinkes", "53.71")
    code = sorted(dinsos_only)[0]
    with unit_of_work(seeded_engine) as session:
        unit = session.scalar(select(ReportingUnit).where(ReportingUnit.short_name == "dinkessos"))
        cycle = session.scalar(select(EvaluationCycle).where(EvaluationCycle.region_id == unit.region_id))
        question = session.scalar(select(Question).where(Question.code == code,
                                                         Question.catalog_version_id == cycle.catalog_version_id))
        session.add(Answer(region_id=unit.region_id, cycle_id=cycle.id, question_id=question.id,
                           reporting_unit_id=unit.id, status="draft", version=1))
    change = update_opd(seeded_engine, COMMAND_LINE, "dinkessos", data_sources=["dinkes"], region_code="13.76")
    assert f"Pertanyaan {code} tetap padanya" in change.message
    assert code in assigned_codes(seeded_engine, "dinkessos")


@pytest.mark.parametrize("name, sources, short, message", [
    ("Dinas Baru", ["dp3a", "dinas_rahasia"], None, "'dinas_rahasia' tidak dikenal"),
    ("DP3A Lagi", ["dp3a"], "dp3a", "sudah dipakai oleh Dinas Pemberdayaan"),
    ("  ", [], None, "wajib diisi"),
    ("Dinas\tTab", [], None, "karakter kendali"),
    ("X" * 201, [], None, "paling banyak 200"),
    ("Dinas Baru", [], "Bukan Singkat!", "Nama singkat .bukan singkat!. tidak sah"),
])
def test_a_bad_opd_is_refused_and_nothing_changes(seeded_engine, name, sources, short, message):
    before = table_hash(seeded_engine)
    with pytest.raises(InvalidInput, match=message):
        add_opd(seeded_engine, COMMAND_LINE, name, sources, short, "53.71")
    assert table_hash(seeded_engine) == before


def test_deactivating_keeps_the_answers_and_needs_a_reason(seeded_engine):
    with pytest.raises(InvalidInput, match="alasannya"):
        set_opd_active(seeded_engine, COMMAND_LINE, "dinsos", False, " ", "53.71")
    with unit_of_work(seeded_engine) as session:
        answers = session.scalar(select(func.count()).select_from(Answer).join(ReportingUnit)
                                 .where(ReportingUnit.short_name == "dinsos"))
    assert "jawabannya tetap tersimpan" in set_opd_active(seeded_engine, COMMAND_LINE, "dinsos", False,
                                                          "Digabung ke DP3AP2KB", "53.71").message
    with unit_of_work(seeded_engine) as session:
        assert session.scalar(select(func.count()).select_from(Answer).join(ReportingUnit)
                              .where(ReportingUnit.short_name == "dinsos")) == answers > 0
    listed = {o["short_name"]: o for o in opd_list(seeded_engine, COMMAND_LINE, "53.71")["opds"]}
    assert listed["dinsos"]["active"] is False
    set_opd_active(seeded_engine, COMMAND_LINE, "dinsos", True, "Dipisah lagi", "53.71")
    assert {o["short_name"]: o for o in opd_list(seeded_engine, COMMAND_LINE, "53.71")["opds"]}["dinsos"]["active"]
    with pytest.raises(InvalidInput, match="adalah kecamatan"):
        set_opd_active(seeded_engine, COMMAND_LINE, "kec_alak", False, "x", "53.71")


def test_only_the_region_s_secretariat_or_the_admin_manages_opds(seeded_engine):
    payakumbuh(seeded_engine)
    before = table_hash(seeded_engine)
    secretariat = command_line_user(seeded_engine, "sekretariat")
    with pytest.raises(PermissionDenied):
        add_opd(seeded_engine, secretariat, "Dinas Sosial", ["dinsos"], region_code="13.76")
    for username in ("ketua", "opd.dp3a"):
        with pytest.raises(PermissionDenied):
            update_opd(seeded_engine, command_line_user(seeded_engine, username), "dinsos", name="X")
    with pytest.raises(NotFound):
        update_opd(seeded_engine, secretariat, "tidak_ada", name="X")
    assert table_hash(seeded_engine) == before
    added = add_opd(seeded_engine, secretariat, "Dinas Sosial Baru", ["dinsos"], "dinsos_baru")
    assert added.short_name == "dinsos_baru"


def test_case_records_follow_the_office_s_data_sources_not_its_short_name(seeded_engine):
    payakumbuh(seeded_engine)
    add_opd(seeded_engine, COMMAND_LINE, DP3AP2KB, ["dp3a"], region_code="13.76")
    add_opd(seeded_engine, COMMAND_LINE, "Dinas Sosial", ["dinsos"], "dinsos", "13.76")
    for username, unit in (("opd.dp3ap2kb", "dp3ap2kb"), ("opd.dinsos.pyk", "dinsos")):
        create_user(seeded_engine, COMMAND_LINE, username, username, "Rahasia-Panjang-1", "opd", "13.76", unit)
    keeper = authenticate(seeded_engine, "opd.dp3ap2kb", "Rahasia-Panjang-1")
    other = authenticate(seeded_engine, "opd.dinsos.pyk", "Rahasia-Panjang-1")
    assert keeper.unit_data_sources == ("dp3a",)
    assert may_read_cases(keeper) and may_enter_cases(keeper)
    assert not may_read_cases(other) and not may_enter_cases(other)


def opd_csv(*rows: str, header: str = "JENIS;Nama;Nama_Singkat;Sumber_Data;Kecamatan") -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode()


def test_an_opd_list_is_checked_then_applied_with_kelurahan_in_the_same_file(seeded_engine):
    payakumbuh(seeded_engine)
    data = opd_csv(f'opd;"{DP3AP2KB}";dp3ap2kb;dp3a;', "opd;Dinas Kesehatan;dinkes;dinkes;",
                   "opd;Badan Perencanaan (Bappeda);;bappeda, jdih;", "kecamatan;Payakumbuh Barat;;;",
                   "kelurahan;Labuah Basilang;;;Payakumbuh Barat", "desa;Koto Baru;;;Payakumbuh Barat")
    before = table_hash(seeded_engine)
    checked = import_units(seeded_engine, COMMAND_LINE, data, "opd.csv", apply=False, region_code="13.76")
    assert table_hash(seeded_engine) == before
    assert checked.opds_added == [DP3AP2KB, "Dinas Kesehatan", "Badan Perencanaan (Bappeda)"]
    assert checked.report[0] == ("Pemeriksaan opd.csv lolos; belum ada yang diubah: 3 baris OPD dan 3 baris "
                                 "kecamatan/kelurahan.")
    done = import_units(seeded_engine, COMMAND_LINE, data, "opd.csv", apply=True, region_code="13.76")
    assert done.kecamatan_added == ["Kecamatan Payakumbuh Barat"]
    assert [k for k, _ in done.kelurahan_added] == ["Kelurahan Labuah Basilang", "Desa Koto Baru"]
    listed = {o["short_name"]: o["data_sources"] for o in opd_list(seeded_engine, COMMAND_LINE, "13.76")["opds"]}
    assert listed == {"dp3ap2kb": ["dp3a"], "dinkes": ["dinkes"], "bappeda": ["bappeda", "jdih"]}
    assert len(assigned_codes(seeded_engine, "dp3ap2kb")) > 100
    renamed = opd_csv("opd;Dinas Kesehatan Kota Payakumbuh;dinkes;dinkes;")
    again = import_units(seeded_engine, COMMAND_LINE, renamed, "opd.csv", apply=True, region_code="13.76")
    assert again.opds_changed == ["Dinas Kesehatan Kota Payakumbuh"]
    assert {o["short_name"]: o["data_sources"] for o in opd_list(seeded_engine, COMMAND_LINE, "13.76")["opds"]}[
        "dinkes"] == ["dinkes"]


@pytest.mark.parametrize("rows, message", [
    (("opd;Dinas A;dinas_a;dp3a;", "opd;Dinas B;dinas_a;dinkes;"),
     "Baris 4, kolom nama_singkat: Nama singkat dinas_a sudah dipakai baris 3"),
    (("opd;Dinas A;;rahasia;",), "Baris 3, kolom sumber_data: Sumber data 'rahasia' tidak dikenal"),
    (("opd;Dinas A;kec_alak;dp3a;",), "Nama singkat kec_alak sudah dipakai oleh Kecamatan Alak"),
    (("dinas;Dinas A;;dp3a;",), "Baris 3: jenis 'dinas' tidak dikenal"),
    (("opd;=HYPERLINK(\"x\");;dp3a;",), "Baris 3, kolom B (nama): berisi rumus"),
    ((";Tanpa jenis;;;",), "jenis '' tidak dikenal"),
])
def test_a_bad_opd_row_refuses_the_whole_file(seeded_engine, rows, message):
    before = table_hash(seeded_engine)
    data = opd_csv("opd;Dinas Baik;dinas_baik;dp3a;", *rows)
    with pytest.raises(InvalidInput) as refused:
        import_units(seeded_engine, COMMAND_LINE, data, "opd.csv", apply=True, region_code="53.71")
    assert any(message in m for m in refused.value.messages), refused.value.messages
    assert table_hash(seeded_engine) == before


def test_ten_thousand_rows_are_refused(seeded_engine):
    data = opd_csv(*(f"opd;Dinas {i};dinas_{i};dp3a;" for i in range(10_000)))
    with pytest.raises(InvalidInput, match="lebih dari 5000 baris"):
        import_units(seeded_engine, COMMAND_LINE, data, "opd.csv", apply=False, region_code="53.71")


def test_manage_import_units_takes_opd_rows(seeded_engine, seeded_url, monkeypatch, tmp_path, capsys):
    import manage

    monkeypatch.setenv("KLA_DATABASE_URL", seeded_url)
    payakumbuh(seeded_engine)
    path = tmp_path / "opd.csv"
    path.write_bytes(opd_csv(f'opd;"{DP3AP2KB}";dp3ap2kb;dp3a;'))
    assert manage.main(["import-units", "--region", "13.76", "--file", str(path), "--user", "admin", "--apply"]) == 0
    assert f"OPD baru (1): {DP3AP2KB}." in capsys.readouterr().out
    path.write_bytes(opd_csv("opd;Dinas X;dinas_x;tidak_ada;"))
    assert manage.main(["import-units", "--region", "13.76", "--file", str(path), "--user", "admin"]) == 1
    assert "'tidak_ada' tidak dikenal" in capsys.readouterr().err


def test_renaming_an_opd_reloads_the_public_pages_that_name_it(seeded_engine):
    before = current_data_version(seeded_engine, "53.71", public=True)
    update_opd(seeded_engine, COMMAND_LINE, "dinsos", name="Dinas Sosial Kota Kupang (baru)", region_code="53.71")
    assert current_data_version(seeded_engine, "53.71", public=True) == before + 1
