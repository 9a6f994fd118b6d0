"""The unit import refuses what it does not understand (a misspelled column, an OPD without a data
source, another region's template), lists the data sources so nobody guesses their keys, and can be
undone while its units hold nothing; a unit never used can be deleted (data/services/units/)."""
import io
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

import manage
from data.actor import COMMAND_LINE
from data.db import unit_of_work
from data.errors import InvalidInput, NotFound
from data.models import Answer, Assignment, AuditLog, EvaluationCycle, Question, Region, ReportingUnit, User
from data.services.accounts.auth import create_user
from data.services.regions.regions import add_region
from data.services.units import removal
from data.services.units.opds import data_source_guide, opd_list
from data.services.units.unit_import import import_units, units_template

PAYAKUMBUH = "13.76"


def counts(engine) -> tuple:
    with unit_of_work(engine) as session:
        return tuple(session.scalar(select(func.count()).select_from(model))
                     for model in (ReportingUnit, Assignment, AuditLog, User))


def payakumbuh(engine) -> None:
    add_region(engine, COMMAND_LINE, PAYAKUMBUH)
    with unit_of_work(engine) as session:
        region = session.scalar(select(Region).where(Region.code == PAYAKUMBUH))
        kupang_2025 = session.scalar(select(EvaluationCycle).where(EvaluationCycle.year == 2025))
        session.add(EvaluationCycle(region_id=region.id, year=2025, catalog_version_id=kupang_2025.catalog_version_id,
                                    status="open", deadline=date(2026, 12, 31)))


def units_csv(*rows: str, header: str = "jenis;nama;nama_singkat;sumber_data;kecamatan") -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode()


def refused(engine, data: bytes, filename: str = "unit.csv", region: str = PAYAKUMBUH) -> list[str]:
    before = counts(engine)
    with pytest.raises(InvalidInput) as error:
        import_units(engine, COMMAND_LINE, data, filename, apply=True, region_code=region)
    assert counts(engine) == before
    return error.value.messages


NEW_CITY = units_csv('opd;"Dinas Pengendalian Penduduk, KB, Pemberdayaan Perempuan dan Perlindungan Anak (DP3AP2KB)";'
                     'dp3ap2kb;dp3a;', "opd;Sekretariat DPRD;setwan;-;", "kecamatan;Payakumbuh Barat;;;",
                     "kelurahan;Labuah Basilang;;;Payakumbuh Barat")


def test_a_misspelled_header_is_refused_naming_the_column_meant(seeded_engine):
    payakumbuh(seeded_engine)
    data = units_csv("opd;Dinas Pengendalian Penduduk dan Keluarga Berencana;dppkb;dp3a;",
                     header="jenis;nama;singkatan;sumber;kecamatan")
    messages = refused(seeded_engine, data)
    assert messages[0].startswith("Baris 1, kolom C: kolom 'singkatan' tidak dikenal; maksud Anda 'nama_singkat'? "
                                  "Kolom yang dikenal: jenis, nama, nama_singkat, sumber_data, kecamatan")
    assert messages[1].startswith("Baris 1, kolom D: kolom 'sumber' tidak dikenal; maksud Anda 'sumber_data'?")
    assert "kolom wajib nama tidak ada" in refused(seeded_engine, units_csv("opd;;;", header="jenis;nm;x"))[-1]


def test_an_opd_without_data_source_is_refused_unless_marked_as_answering_nothing(seeded_engine):
    payakumbuh(seeded_engine)
    messages = refused(seeded_engine, units_csv("opd;Bappeda Kota Payakumbuh;bappeda;;"))
    assert messages == ["Baris 2, kolom sumber_data: Bappeda Kota Payakumbuh tanpa sumber_data tidak akan menjawab "
                        "pertanyaan apa pun; isi kunci sumber data yang dijawabnya (mis. bappeda), atau '-' bila "
                        "memang tidak menjawab apa pun."]
    done = import_units(seeded_engine, COMMAND_LINE, NEW_CITY, "unit.csv", apply=True, region_code=PAYAKUMBUH)
    listed = {o["short_name"]: o["data_sources"] for o in opd_list(seeded_engine, COMMAND_LINE, PAYAKUMBUH)["opds"]}
    assert listed == {"dp3ap2kb": ["dp3a"], "setwan": []}
    assert done.batch and done.batch.startswith("imp-20261207-")


def test_an_unknown_data_source_key_names_the_closest_and_where_the_list_is(seeded_engine):
    payakumbuh(seeded_engine)
    [message] = refused(seeded_engine, units_csv("opd;Polres Payakumbuh Unit PPA;ppa_polres;polres;"))
    assert message.startswith("Baris 2, kolom sumber_data: Sumber data 'polres' tidak dikenal katalog; maksud Anda "
                              "'polresta'? "
                              "Kunci yang dikenal (daftarnya di halaman Unit Pelapor dan lembar sumber_data templat): ")


def test_the_check_reports_opd_rows_exactly_as_the_command_line_prints_them(seeded_engine, seeded_url, monkeypatch,
                                                                            tmp_path, capsys):
    monkeypatch.setenv("KLA_DATABASE_URL", seeded_url)
    payakumbuh(seeded_engine)
    checked = import_units(seeded_engine, COMMAND_LINE, NEW_CITY, "unit.csv", apply=False, region_code=PAYAKUMBUH)
    assert checked.report[:2] == [
        "Pemeriksaan unit.csv lolos; belum ada yang diubah: 2 baris OPD dan 2 baris kecamatan/kelurahan.",
        "OPD baru (akan ditambahkan) (2): Dinas Pengendalian Penduduk, KB, Pemberdayaan Perempuan dan Perlindungan "
        "Anak (DP3AP2KB), Sekretariat DPRD."]
    path = tmp_path / "unit.csv"
    path.write_bytes(NEW_CITY)
    assert manage.main(["import-units", "--region", PAYAKUMBUH, "--file", str(path), "--user", "admin"]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed[:len(checked.report)] == checked.report


def test_another_regions_template_is_refused(seeded_engine):
    payakumbuh(seeded_engine)
    kupang = units_template(seeded_engine, COMMAND_LINE, "53.71")
    [message] = refused(seeded_engine, kupang, "templat_unit_wilayah.xlsx")
    assert message.startswith("Berkas ini templat wilayah 53.71, bukan Kota Payakumbuh (13.76); unduh templat Kota "
                              "Payakumbuh")
    assert import_units(seeded_engine, COMMAND_LINE, kupang, "t.xlsx", apply=False, region_code="53.71").opd_rows


def test_the_template_and_the_page_list_the_data_sources_with_their_questions(seeded_engine):
    payakumbuh(seeded_engine)
    guide = {row.key: row for row in data_source_guide(seeded_engine, COMMAND_LINE, PAYAKUMBUH)}
    with unit_of_work(seeded_engine) as session:
        version_id = session.scalar(select(EvaluationCycle.catalog_version_id).where(EvaluationCycle.year == 2025))
        dp3a_questions = sum("dp3a" in (q or []) for q in session.scalars(
            select(Question.data_sources).where(Question.catalog_version_id == version_id)))
    assert guide["dp3a"].questions == dp3a_questions > 50
    assert "DP3AP2KB" in guide["dp3a"].examples and "police" not in guide["polresta"].office
    assert guide["uptd_ppa"].office.startswith("UPTD") and guide["polresta"].office.startswith("Kepolisian")
    book = load_workbook(io.BytesIO(units_template(seeded_engine, COMMAND_LINE, PAYAKUMBUH)))
    assert book.sheetnames[:2] == ["unit_wilayah", "sumber_data"]
    rows = {r[0]: r for r in book["sumber_data"].iter_rows(min_row=2, values_only=True)}
    assert set(rows) == set(guide) and rows["dp3a"][2] == dp3a_questions
    assert book["wilayah"].sheet_state == "hidden"


def test_an_import_is_undone_in_one_step_and_audited(seeded_engine, seeded_url, monkeypatch, capsys):
    payakumbuh(seeded_engine)
    before = counts(seeded_engine)
    done = import_units(seeded_engine, COMMAND_LINE, NEW_CITY, "unit.csv", apply=True, region_code=PAYAKUMBUH)
    assert any(done.batch in line and "undo-import-units" in line for line in done.report)
    create_user(seeded_engine, COMMAND_LINE, "opd.dp3ap2kb", "Petugas", "Rahasia-Panjang-1", "opd", PAYAKUMBUH,
                "dp3ap2kb")
    [listed] = removal.unit_imports(seeded_engine, COMMAND_LINE, PAYAKUMBUH)
    assert listed["batch"] == done.batch and len(listed["units"]) == 4
    monkeypatch.setenv("KLA_DATABASE_URL", seeded_url)
    assert manage.main(["undo-import-units", "--region", PAYAKUMBUH, "--batch", done.batch, "--user", "admin"]) == 0
    assert "Dihapus (4)" in capsys.readouterr().out
    with unit_of_work(seeded_engine) as session:
        actions = list(session.scalars(select(AuditLog.action).where(AuditLog.action.in_(
            ["unit.remove", "user.remove", "units.import.undo"]))))
    assert sorted(actions) == ["unit.remove"] * 4 + ["units.import.undo", "user.remove"]
    assert counts(seeded_engine)[:2] == before[:2]
    assert removal.unit_imports(seeded_engine, COMMAND_LINE, PAYAKUMBUH) == []
    with pytest.raises(NotFound, match="Tidak ada unit dari impor"):
        removal.undo_unit_import(seeded_engine, COMMAND_LINE, done.batch, PAYAKUMBUH)


def test_undoing_after_a_unit_answered_is_refused_naming_it(seeded_engine, seeded_url, monkeypatch, capsys):
    payakumbuh(seeded_engine)
    done = import_units(seeded_engine, COMMAND_LINE, NEW_CITY, "unit.csv", apply=True, region_code=PAYAKUMBUH)
    with unit_of_work(seeded_engine) as session:
        unit = session.scalar(select(ReportingUnit).where(ReportingUnit.short_name == "dp3ap2kb",
                                                          ReportingUnit.import_batch == done.batch))
        assignment = session.scalar(select(Assignment).where(Assignment.reporting_unit_id == unit.id))
        cycle = session.scalar(select(EvaluationCycle).where(EvaluationCycle.region_id == unit.region_id))
        session.add(Answer(region_id=unit.region_id, cycle_id=cycle.id, question_id=assignment.question_id,
                           reporting_unit_id=unit.id, bool_value=True))
    before = counts(seeded_engine)
    with pytest.raises(InvalidInput) as error:
        removal.undo_unit_import(seeded_engine, COMMAND_LINE, done.batch, PAYAKUMBUH)
    assert error.value.messages[0] == ("Dinas Pengendalian Penduduk, KB, Pemberdayaan Perempuan dan Perlindungan Anak "
                                       "(DP3AP2KB) (dp3ap2kb) sudah menjawab 1 pertanyaan.")
    assert counts(seeded_engine) == before
    monkeypatch.setenv("KLA_DATABASE_URL", seeded_url)
    assert manage.main(["undo-import-units", "--region", PAYAKUMBUH, "--batch", done.batch, "--user", "admin"]) == 1
    assert "(dp3ap2kb) sudah menjawab 1 pertanyaan." in capsys.readouterr().err
    assert counts(seeded_engine) == before


def test_a_unit_never_used_is_deleted_and_a_used_one_is_refused(seeded_engine, seeded_url, monkeypatch, capsys):
    before = counts(seeded_engine)
    with pytest.raises(InvalidInput, match=r"Dinas Sosial Kota Kupang \(dinsos\) sudah menjawab \d+ pertanyaan"):
        removal.delete_unit(seeded_engine, COMMAND_LINE, "dinsos", "53.71")
    with pytest.raises(InvalidInput, match="Kecamatan Alak .* masih membawahi"):
        removal.delete_unit(seeded_engine, COMMAND_LINE, "kec_alak", "53.71")
    assert counts(seeded_engine) == before
    import_units(seeded_engine, COMMAND_LINE, units_csv("opd;Dinas Baru;dinas_baru;dinkes;"), "u.csv", apply=True,
                 region_code="53.71")
    monkeypatch.setenv("KLA_DATABASE_URL", seeded_url)
    assert manage.main(["delete-unit", "--region", "53.71", "--unit", "dinas_baru", "--user", "admin"]) == 0
    assert capsys.readouterr().out.strip() == "Dihapus (1): Dinas Baru."
    assert counts(seeded_engine)[:2] == before[:2]


def test_a_unit_already_sent_a_reminder_is_kept(seeded_engine):
    from data.models.outreach import ReminderDelivery

    payakumbuh(seeded_engine)
    done = import_units(seeded_engine, COMMAND_LINE, NEW_CITY, "unit.csv", apply=True, region_code=PAYAKUMBUH)
    with unit_of_work(seeded_engine) as session:
        unit = session.scalar(select(ReportingUnit).where(ReportingUnit.short_name == "setwan"))
        session.add(ReminderDelivery(region_id=unit.region_id, cycle_year=2025, reporting_unit_id=unit.id,
                                     recipient="setwan@example.org", subject="Pengingat", outcome="sent"))
    before = counts(seeded_engine)
    with pytest.raises(InvalidInput, match=r"Sekretariat DPRD \(setwan\) sudah dikirimi 1 pengingat"):
        removal.undo_unit_import(seeded_engine, COMMAND_LINE, done.batch, PAYAKUMBUH)
    assert counts(seeded_engine) == before
