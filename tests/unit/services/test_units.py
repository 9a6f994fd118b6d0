"""Kecamatan and kelurahan managed by the secretariat (data/services/units/) and manage.py
import-units, on a copy of the seeded Kota Kupang demo."""
from __future__ import annotations

import io
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select, update

import manage
from data.actor import signed_in_user
from data.db import current_data_version, make_engine, unit_of_work
from data.errors import InvalidInput, NotFound, PermissionDenied
from data.files import units_file
from data.models import Answer, Assignment, AuditLog, EvaluationCycle, Question, Region, ReportingUnit, User
from data.services.accounts.auth import authenticate, hash_password
from data.services.units import changes, roster, unit_import
from indicators import unit_names
from indicators.spreadsheet import OLE_SIGNATURE
from review_fixtures import account, second_region

PASSWORD = "rahasia-kelurahan"


@pytest.fixture
def sek(seeded_engine):
    return account(seeded_engine, "sekretariat")


def snapshot(engine) -> tuple:
    """Everything a refused change must leave as it was."""
    with unit_of_work(engine) as session:
        unit_rows = tuple(session.execute(select(ReportingUnit.id, ReportingUnit.kind, ReportingUnit.short_name,
                                                 ReportingUnit.name, ReportingUnit.parent_id, ReportingUnit.active)
                                          .order_by(ReportingUnit.id)).all())
        answers = tuple(session.execute(select(Answer.id, Answer.numerator, Answer.denominator, Answer.version)
                                        .order_by(Answer.id)).all())
        counts = tuple(session.scalar(select(func.count()).select_from(model))
                       for model in (AuditLog, Assignment, User))
    return unit_rows, answers, counts, current_data_version(engine, "53.71")


def unit(engine, short_name: str) -> ReportingUnit | None:
    with unit_of_work(engine) as session:
        return session.scalar(select(ReportingUnit).where(ReportingUnit.short_name == short_name))


def audits(engine, action: str) -> list[AuditLog]:
    with unit_of_work(engine) as session:
        return list(session.scalars(select(AuditLog).where(AuditLog.action == action).order_by(AuditLog.id)))


def cycle_2025(session) -> EvaluationCycle:
    return session.scalar(select(EvaluationCycle).where(EvaluationCycle.year == 2025,
                                                        EvaluationCycle.region_id == 1))


def city_answer(engine, code: str) -> tuple[float | None, float | None]:
    with unit_of_work(engine) as session:
        cycle = cycle_2025(session)
        return session.execute(
            select(Answer.numerator, Answer.denominator).join(Question, Answer.question_id == Question.id)
            .join(ReportingUnit, Answer.reporting_unit_id == ReportingUnit.id)
            .where(Answer.cycle_id == cycle.id, Question.code == code, ReportingUnit.kind == "opd")).one()


def workbook(rows, header=("Kecamatan", "Kelurahan"), formula_at: str | None = None) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    if formula_at:
        sheet[formula_at] = '=CONCATENATE("Oe","sapa")'
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --- reading and adding --------------------------------------------------------------------------

def open_answers(engine, short_name: str) -> int:
    with unit_of_work(engine) as session:
        return session.scalar(select(func.count(Answer.id)).join(EvaluationCycle, Answer.cycle_id == EvaluationCycle.id)
                              .join(ReportingUnit, Answer.reporting_unit_id == ReportingUnit.id)
                              .where(ReportingUnit.short_name == short_name, EvaluationCycle.status != "closed"))


def said_yes(engine, short_name: str, code: str) -> bool:
    with unit_of_work(engine) as session:
        cycle = cycle_2025(session)
        return bool(session.scalar(
            select(Answer.bool_value).join(Question, Answer.question_id == Question.id)
            .join(ReportingUnit, Answer.reporting_unit_id == ReportingUnit.id)
            .where(Answer.cycle_id == cycle.id, Question.code == code, ReportingUnit.short_name == short_name)))


def test_the_region_lists_its_kecamatan_each_with_its_kelurahan(seeded_engine, sek):
    frame = roster.region_units(seeded_engine, sek)
    assert list(frame.columns) == roster.UNIT_COLUMNS
    kecamatan = frame[frame["kind"] == "kecamatan"]
    assert kecamatan["short_name"].tolist() == ["kec_alak", "kec_kelapa_lima", "kec_kota_lama", "kec_kota_raja",
                                                "kec_maulafa", "kec_oebobo"]
    assert (frame["kind"] == "kelurahan").sum() == 51 and frame["active"].all()
    assert "dp3a" not in set(frame["short_name"])
    kelapa_lima = frame.index[frame["short_name"] == "kec_kelapa_lima"][0]
    assert frame.loc[kelapa_lima + 1:kelapa_lima + 5, "name"].tolist() == [
        "Kelurahan Kelapa Lima", "Kelurahan Lasiana", "Kelurahan Oesapa", "Kelurahan Oesapa Barat",
        "Kelurahan Oesapa Selatan"]
    by_name = frame.set_index("short_name")
    assert by_name.loc["kel_oesapa", "focal_points"] == "kel.oesapa"
    assert by_name.loc["kec_alak", "focal_points"] == "kec.alak"
    assert by_name.loc["kel_oesapa", "kecamatan_name"] == "Kecamatan Kelapa Lima"


def test_adding_a_kelurahan_with_its_account(seeded_engine, sek):
    version = current_data_version(seeded_engine, "53.71")
    yes, count = city_answer(seeded_engine, "26.2")
    change = changes.add_unit(seeded_engine, sek, "kelurahan", "  Oesapa   Tengah ", "kec_kelapa_lima",
                              account_password=PASSWORD)
    assert change.short_name == "kel_oesapa_tengah" and change.account_username == "kel.oesapa_tengah"
    assert "Kelurahan Oesapa Tengah ditambahkan di Kecamatan Kelapa Lima" in change.message
    assert "siklus 2025" in change.message and change.account_problem is None
    added = unit(seeded_engine, "kel_oesapa_tengah")
    assert (added.kind, added.name, added.active) == ("kelurahan", "Kelurahan Oesapa Tengah", True)
    assert added.parent_id == unit(seeded_engine, "kec_kelapa_lima").id
    with unit_of_work(seeded_engine) as session:
        assigned = set(session.scalars(select(Question.code).join(Assignment, Assignment.question_id == Question.id)
                                       .where(Assignment.reporting_unit_id == added.id)))
    assert assigned and all(code.startswith("26.") for code in assigned)  # its Kelana Dekela questions
    assert city_answer(seeded_engine, "26.2") == (yes, count + 1)  # one more kelurahan that has not said yes
    [row] = audits(seeded_engine, "unit.add")
    assert row.details["new"]["kecamatan"] == "kec_kelapa_lima" and row.actor_id == sek.id
    assert current_data_version(seeded_engine, "53.71") > version
    focal = authenticate(seeded_engine, "kel.oesapa_tengah", PASSWORD)
    assert (focal.role, focal.unit_short_name) == ("kelurahan", "kel_oesapa_tengah")
    frame = roster.region_units(seeded_engine, sek).set_index("short_name")
    assert frame.loc["kel_oesapa_tengah", "focal_points"] == "kel.oesapa_tengah"
    assert frame.loc["kel_oesapa_tengah", "kecamatan_short_name"] == "kec_kelapa_lima"


def test_a_kecamatan_and_its_typed_prefix(seeded_engine, sek):
    change = changes.add_unit(seeded_engine, sek, "kecamatan", "kecamatan Kupang Tengah")
    assert change.short_name == "kec_kupang_tengah"
    assert unit(seeded_engine, "kec_kupang_tengah").name == "Kecamatan Kupang Tengah"
    assert "Desa Oebufu Baru" == unit(seeded_engine, changes.add_unit(
        seeded_engine, sek, "kelurahan", "desa  Oebufu Baru", "kec_kupang_tengah").short_name).name


@pytest.mark.parametrize(("kind", "name", "kecamatan"), [
    ("kecamatan", "ALAK", None),
    ("kecamatan", "Kecamatan  kelapa lima", None),
    ("kelurahan", "kelurahan oesapa  BARAT", "kec_kelapa_lima"),
    ("kelurahan", "Oesapa Barat", "kec_oebobo"),   # the same name in another kecamatan
    ("kelurahan", "Kel. Lai Lai Bisi Kopan", "kec_kota_lama"),
])
def test_duplicates_are_refused_with_a_clear_message(seeded_engine, sek, kind, name, kecamatan):
    before = snapshot(seeded_engine)
    with pytest.raises(InvalidInput) as refused:
        changes.add_unit(seeded_engine, sek, kind, name, kecamatan)
    assert "sudah terdaftar" in refused.value.message and "dua kali" in refused.value.message
    assert snapshot(seeded_engine) == before


def test_a_deactivated_duplicate_says_to_reactivate_it(seeded_engine, sek):
    changes.deactivate_unit(seeded_engine, sek, "kel_oesapa_barat", "Salah ketik")
    with pytest.raises(InvalidInput, match="nonaktif; aktifkan kembali"):
        changes.add_unit(seeded_engine, sek, "kelurahan", "Oesapa Barat", "kec_kelapa_lima")


@pytest.mark.parametrize(("kind", "name", "kecamatan", "message"), [
    ("kelurahan", "", "kec_alak", "Nama kelurahan kosong."),
    ("kelurahan", "Kelurahan", "kec_alak", "Nama kelurahan kosong."),
    ("kelurahan", "Namo\tsain Baru", "kec_alak", "karakter kendali"),
    ("kelurahan", "Namo\u200bsain Baru", "kec_alak", "karakter kendali"),
    ("kelurahan", "x" * 191, "kec_alak", "terlalu panjang (201 karakter"),
    ("kelurahan", "???", "kec_alak", "harus memuat huruf atau angka"),
    ("kelurahan", "Namosain Baru", None, "Pilih kecamatan"),
    ("kelurahan", "Namosain Baru", "kec_tidak_ada", "Kecamatan 'kec_tidak_ada' tidak terdaftar"),
    ("kelurahan", "Namosain Baru", "dp3a", "Kecamatan 'dp3a' tidak terdaftar"),
    ("kelurahan", "Namosain Baru", "kel_namosain", "Kecamatan 'kel_namosain' tidak terdaftar"),
    ("kecamatan", "Alak Baru", "kec_alak", "kosongkan pilihan kecamatan"),
    ("opd", "Dinas Baru", None, "Jenis unit 'opd' tidak dikenal"),
])
def test_bad_input_when_adding_changes_nothing(seeded_engine, sek, kind, name, kecamatan, message):
    before = snapshot(seeded_engine)
    with pytest.raises(InvalidInput) as refused:
        changes.add_unit(seeded_engine, sek, kind, name, kecamatan)
    assert message in refused.value.message
    assert snapshot(seeded_engine) == before


def inactive_kecamatan(engine, sek) -> str:
    """A new kecamatan without kelurahan, deactivated (the demo's kecamatan all have kelurahan)."""
    changes.add_unit(engine, sek, "kecamatan", "Kupang Tengah")
    changes.deactivate_unit(engine, sek, "kec_kupang_tengah", "Belum dimekarkan")
    return "kec_kupang_tengah"


def test_a_kelurahan_needs_an_active_kecamatan(seeded_engine, sek):
    inactive_kecamatan(seeded_engine, sek)
    with pytest.raises(InvalidInput, match="Kecamatan Kupang Tengah nonaktif; aktifkan dulu"):
        changes.add_unit(seeded_engine, sek, "kelurahan", "Oebufu Baru", "kec_kupang_tengah")


def test_a_bad_password_keeps_the_unit_and_says_the_account_is_missing(seeded_engine, sek):
    change = changes.add_unit(seeded_engine, sek, "kelurahan", "Namosain Baru", "kec_alak", account_password="pendek")
    assert unit(seeded_engine, "kel_namosain_baru") is not None and change.account_username is None
    assert "Akun petugas belum dibuat" in change.account_problem and "minimal 8 karakter" in change.account_problem
    focal = changes.create_focal_account(seeded_engine, sek, "kel_namosain_baru", PASSWORD)
    assert (focal.username, focal.role) == ("kel.namosain_baru", "kelurahan")
    with pytest.raises(InvalidInput, match="sudah dipakai"):
        changes.create_focal_account(seeded_engine, sek, "kel_namosain_baru", PASSWORD)


def test_focal_accounts_of_existing_units_and_not_of_inactive_ones(seeded_engine, sek):
    focal = changes.create_focal_account(seeded_engine, sek, "kel_lasiana", PASSWORD)
    assert (focal.username, focal.role, focal.unit_short_name) == ("kel.lasiana", "kelurahan", "kel_lasiana")
    with pytest.raises(InvalidInput, match="'kec.maulafa' sudah dipakai"):
        changes.create_focal_account(seeded_engine, sek, "kec_maulafa", PASSWORD)
    changes.deactivate_unit(seeded_engine, sek, "kel_naioni", "Uji")
    with pytest.raises(InvalidInput, match="nonaktif; aktifkan dulu unitnya"):
        changes.create_focal_account(seeded_engine, sek, "kel_naioni", PASSWORD)
    with pytest.raises(InvalidInput, match="adalah OPD"):
        changes.create_focal_account(seeded_engine, sek, "dinkes", PASSWORD)


@settings(max_examples=20, deadline=None)
@given(names=st.lists(st.text(alphabet=st.characters(codec="utf-8"), max_size=40), min_size=1, max_size=3))
def test_adding_typed_names_either_adds_that_unit_or_changes_nothing(databases, seeded_template, names):
    with tempfile.TemporaryDirectory() as folder:
        url = databases.copy(seeded_template, Path(folder))
        engine = make_engine(url)
        try:
            sek = account(engine, "sekretariat")
            for name in names:
                before = snapshot(engine)
                try:
                    change = changes.add_unit(engine, sek, "kelurahan", name, "kec_oebobo")
                except InvalidInput:
                    assert snapshot(engine) == before
                    continue
                added = unit(engine, change.short_name)
                assert added.name == unit_names.unit_name("kelurahan", name).full and added.active
        finally:
            engine.dispose()
            databases.drop(url)


# --- deactivate, reactivate, move ----------------------------------------------------------------

def test_deactivating_a_kelurahan_drops_it_from_the_city_answer(seeded_engine, sek):
    yes, count = city_answer(seeded_engine, "26.3")
    assert count == 51
    fewer_yes = yes - (1 if said_yes(seeded_engine, "kel_oesapa", "26.3") else 0)
    stored = open_answers(seeded_engine, "kel_oesapa")
    change = changes.deactivate_unit(seeded_engine, sek, "kel_oesapa", "Wilayah digabung ke kelurahan lain")
    assert "Kelurahan Oesapa dinonaktifkan" in change.message
    assert "tidak lagi dihitung dalam jawaban kota pada siklus 2025" in change.message
    assert "Akunnya (kel.oesapa) tetap ada, tetapi tidak dapat mengisi jawaban lagi" in change.message
    assert city_answer(seeded_engine, "26.3") == (fewer_yes, 50.0)
    assert open_answers(seeded_engine, "kel_oesapa") == stored > 0  # its answers stay stored
    [row] = audits(seeded_engine, "unit.deactivate")
    assert row.details["reason"] == "Wilayah digabung ke kelurahan lain" and row.details["new"] == {"active": False}
    assert not roster.region_units(seeded_engine, sek).set_index("short_name").loc["kel_oesapa", "active"]
    from data.services.entry.sheet import entry_sheet  # the entry service refuses an inactive unit
    with pytest.raises(PermissionDenied, match="sudah tidak aktif"):
        entry_sheet(seeded_engine, account(seeded_engine, "kel.oesapa"))

    change = changes.reactivate_unit(seeded_engine, sek, "kel_oesapa", "Penggabungan dibatalkan")
    assert "aktif kembali" in change.message
    assert city_answer(seeded_engine, "26.3") == (yes, 51.0)
    assert audits(seeded_engine, "unit.reactivate")[0].details["reason"] == "Penggabungan dibatalkan"


def test_a_closed_cycle_keeps_its_city_answers(seeded_engine, sek):
    with unit_of_work(seeded_engine) as session:
        session.execute(update(EvaluationCycle).where(EvaluationCycle.year == 2025).values(status="closed"))
    before = snapshot(seeded_engine)[1]
    change = changes.deactivate_unit(seeded_engine, sek, "kel_naioni", "Uji")
    assert "siklus yang sudah ditutup tidak berubah" in change.message
    assert snapshot(seeded_engine)[1] == before


@pytest.mark.parametrize("reason", ["", "   ", None, "x" * 1001])
def test_a_reason_is_required(seeded_engine, sek, reason):
    before = snapshot(seeded_engine)
    with pytest.raises(InvalidInput, match="Alasan"):
        changes.deactivate_unit(seeded_engine, sek, "kel_naioni", reason)
    assert snapshot(seeded_engine) == before


def test_a_kecamatan_with_active_kelurahan_is_refused_until_they_go(seeded_engine, sek):
    before = snapshot(seeded_engine)
    with pytest.raises(InvalidInput) as refused:
        changes.deactivate_unit(seeded_engine, sek, "kec_kelapa_lima", "Uji")
    assert ("Kecamatan Kelapa Lima masih membawahi 5 kelurahan aktif; nonaktifkan atau pindahkan dulu kelurahannya: "
            "Kelurahan Kelapa Lima, Kelurahan Lasiana, Kelurahan Oesapa, Kelurahan Oesapa Barat, "
            "Kelurahan Oesapa Selatan.") == refused.value.message
    assert snapshot(seeded_engine) == before
    changes.deactivate_unit(seeded_engine, sek, "kel_kelapa_lima", "Uji")
    changes.deactivate_unit(seeded_engine, sek, "kel_lasiana", "Uji")
    for short_name in ("kel_oesapa", "kel_oesapa_barat", "kel_oesapa_selatan"):
        changes.move_kelurahan(seeded_engine, sek, short_name, "kec_oebobo", confirm=True)
    yes, count = city_answer(seeded_engine, "25.2")
    fewer_yes = yes - (1 if said_yes(seeded_engine, "kec_kelapa_lima", "25.2") else 0)
    changes.deactivate_unit(seeded_engine, sek, "kec_kelapa_lima", "Digabung ke Oebobo")
    assert not unit(seeded_engine, "kec_kelapa_lima").active
    assert city_answer(seeded_engine, "25.2") == (fewer_yes, count - 1)
    with pytest.raises(InvalidInput, match="Kecamatan Kelapa Lima nonaktif; aktifkan dulu kecamatannya"):
        changes.reactivate_unit(seeded_engine, sek, "kel_lasiana", "Uji")


def test_state_changes_that_are_already_so_or_unknown(seeded_engine, sek):
    with pytest.raises(InvalidInput, match="sudah aktif"):
        changes.reactivate_unit(seeded_engine, sek, "kec_alak", "Uji")
    changes.deactivate_unit(seeded_engine, sek, "kel_naioni", "Uji")
    with pytest.raises(InvalidInput, match="sudah nonaktif"):
        changes.deactivate_unit(seeded_engine, sek, "kel_naioni", "Uji")
    with pytest.raises(NotFound, match="'kec_tidak_ada' tidak terdaftar di Kota Kupang"):
        changes.deactivate_unit(seeded_engine, sek, "kec_tidak_ada", "Uji")
    with pytest.raises(InvalidInput, match="adalah OPD"):
        changes.deactivate_unit(seeded_engine, sek, "dp3a", "Uji")


def test_moving_a_kelurahan_with_answers_needs_confirmation(seeded_engine, sek):
    changes.add_unit(seeded_engine, sek, "kelurahan", "Oesapa Tengah", "kec_kelapa_lima")
    assert "dipindahkan dari Kecamatan Kelapa Lima ke Kecamatan Oebobo" in changes.move_kelurahan(
        seeded_engine, sek, "kel_oesapa_tengah", "kec_oebobo").message  # no answers: no question asked
    answers = open_answers(seeded_engine, "kel_oesapa")
    assert answers > 0
    city = city_answer(seeded_engine, "26.2")
    before = snapshot(seeded_engine)
    with pytest.raises(changes.NeedsConfirmation) as refused:
        changes.move_kelurahan(seeded_engine, sek, "kel_oesapa", "kec_oebobo")
    assert f"{answers} jawaban pada siklus 2025 yang belum ditutup" in refused.value.message
    assert "ikut pindah" in refused.value.message and "di bawah Kecamatan Oebobo" in refused.value.message
    assert snapshot(seeded_engine) == before
    change = changes.move_kelurahan(seeded_engine, sek, "kel_oesapa", "kec_oebobo", confirm=True)
    assert f"{answers} jawabannya pada siklus 2025 ikut pindah" in change.message
    assert unit(seeded_engine, "kel_oesapa").parent_id == unit(seeded_engine, "kec_oebobo").id
    row = audits(seeded_engine, "unit.move")[-1]
    assert row.details["old"] == {"kecamatan": "kec_kelapa_lima"} and row.details["new"] == {"kecamatan": "kec_oebobo"}
    assert row.details["confirmed"] is True and row.details["open_answers"] == {"2025": answers}
    assert city_answer(seeded_engine, "26.2") == city  # a move leaves the city's answer as it was


@pytest.mark.parametrize(("target", "error", "message"), [
    ("kec_kelapa_lima", InvalidInput, "sudah berada di Kecamatan Kelapa Lima"),
    ("kec_kupang_tengah", InvalidInput, "Kecamatan Kupang Tengah nonaktif"),
    ("kel_lasiana", InvalidInput, "adalah kelurahan, bukan kecamatan"),
    ("kec_tidak_ada", NotFound, "tidak terdaftar"),
])
def test_bad_moves_change_nothing(seeded_engine, sek, target, error, message):
    inactive_kecamatan(seeded_engine, sek)
    before = snapshot(seeded_engine)
    with pytest.raises(error, match=message):
        changes.move_kelurahan(seeded_engine, sek, "kel_oesapa", target, confirm=True)
    assert snapshot(seeded_engine) == before


# --- import --------------------------------------------------------------------------------------

KUPANG_ROWS = [("Kelapa Lima", "Oesapa"), ("Kelapa Lima", "Oesapa Tengah"), ("Alak", "Namosain"),
               ("Kupang Tengah", "Oebufu Baru")]


def test_import_dry_run_then_apply_then_unchanged(seeded_engine, sek):
    data = workbook(KUPANG_ROWS)
    before = snapshot(seeded_engine)
    checked = unit_import.import_units(seeded_engine, sek, data, "unit.xlsx", apply=False)
    assert snapshot(seeded_engine) == before
    assert not checked.applied and checked.rows == 4
    assert checked.kecamatan_added == ["Kecamatan Kupang Tengah"]
    assert checked.kelurahan_added == [("Kelurahan Oesapa Tengah", "Kecamatan Kelapa Lima"),
                                       ("Kelurahan Oebufu Baru", "Kecamatan Kupang Tengah")]
    assert checked.unchanged == ["Kelurahan Oesapa", "Kelurahan Namosain"] and not checked.moved
    report = "\n".join(checked.report)
    assert "belum ada yang diubah" in report and "Impor tidak menonaktifkan unit yang tidak tercantum" in report

    applied = unit_import.import_units(seeded_engine, sek, data, "unit.xlsx", apply=True)
    assert applied.applied and "Impor unit.xlsx selesai: 4 baris kelurahan." in applied.report
    assert unit(seeded_engine, "kel_oebufu_baru").parent_id == unit(seeded_engine, "kec_kupang_tengah").id
    assert len(audits(seeded_engine, "unit.add")) == 3 and len(audits(seeded_engine, "units.import")) == 1
    assert city_answer(seeded_engine, "25.2")[1] == 7 and city_answer(seeded_engine, "26.2")[1] == 53

    again = unit_import.import_units(seeded_engine, sek, data, "unit.xlsx", apply=False)
    assert not again.kecamatan_added and not again.kelurahan_added and not again.moved
    assert len(again.unchanged) == 4


def test_import_moves_a_kelurahan_only_when_applied_and_says_so(seeded_engine, sek):
    answers = open_answers(seeded_engine, "kel_oesapa")
    data = b"Kecamatan,Kelurahan\nOebobo,Oesapa\n"
    checked = unit_import.import_units(seeded_engine, sek, data, "unit.csv", apply=False)
    assert [(m.kelurahan, m.old_kecamatan, m.new_kecamatan, m.open_answers) for m in checked.moved] == [
        ("Kelurahan Oesapa", "Kecamatan Kelapa Lima", "Kecamatan Oebobo", answers)]
    assert (f"Akan dipindahkan: Kelurahan Oesapa dari Kecamatan Kelapa Lima ke Kecamatan Oebobo; {answers} "
            "jawabannya pada siklus yang belum ditutup ikut pindah.") in checked.report
    assert unit(seeded_engine, "kel_oesapa").parent_id == unit(seeded_engine, "kec_kelapa_lima").id
    applied = unit_import.import_units(seeded_engine, sek, data, "unit.csv", apply=True)
    assert any(line.startswith("Dipindahkan: Kelurahan Oesapa") for line in applied.report)
    assert unit(seeded_engine, "kel_oesapa").parent_id == unit(seeded_engine, "kec_oebobo").id
    assert audits(seeded_engine, "unit.move")[-1].details["source"] == "import"


def test_import_never_deactivates_and_leaves_inactive_units_inactive(seeded_engine, sek):
    changes.deactivate_unit(seeded_engine, sek, "kel_lasiana", "Uji")
    result = unit_import.import_units(seeded_engine, sek, b"Kecamatan,Kelurahan\nKelapa Lima,Lasiana\n",
                                      "unit.csv", apply=True)
    assert result.left_inactive == ["Kelurahan Lasiana"] and "Kelurahan Oesapa" in result.not_in_file
    assert any("55 unit aktif tidak tercantum" in line for line in result.report)
    assert unit(seeded_engine, "kel_oesapa").active and not unit(seeded_engine, "kel_lasiana").active


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
@pytest.mark.parametrize("separator", [",", ";"])
def test_csv_encodings_and_separators(seeded_engine, sek, encoding, separator):
    text = f"KECAMATAN{separator} Desa / Kelurahan \r\nAlak{separator}Penkase Oeleta\r\nAlak{separator}Manulaí Baru\r\n"
    result = unit_import.import_units(seeded_engine, sek, text.encode(encoding), "unit.csv", apply=True)
    assert result.kelurahan_added == [("Kelurahan Manulaí Baru", "Kecamatan Alak")]
    assert result.unchanged == ["Kelurahan Penkase Oeleta"]
    assert unit(seeded_engine, "kel_manulai_baru").name == "Kelurahan Manulaí Baru"


def test_the_template_lists_the_active_kelurahan_and_imports_unchanged(seeded_engine, sek):
    changes.deactivate_unit(seeded_engine, sek, "kel_naioni", "Uji")
    data = unit_import.units_template(seeded_engine, sek)
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    rows = [tuple(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0] == units_file.TEMPLATE_HEADERS == ("jenis", "nama", "nama_singkat", "sumber_data", "kecamatan")
    assert ("kelurahan", "Oesapa Barat", None, None, "Kelapa Lima") in rows
    assert ("opd", "Dinas Sosial Kota Kupang", "dinsos", "dinsos", None) in rows
    assert len(rows) == 1 + 29 + 50 and ("kelurahan", "Naioni", None, None, "Alak") not in rows
    result = unit_import.import_units(seeded_engine, sek, data, units_file.TEMPLATE_FILE_NAME, apply=False)
    assert len(result.unchanged) == 50 and not (result.kelurahan_added or result.kecamatan_added or result.moved)
    assert result.opds_unchanged == 29 and not (result.opds_added or result.opds_changed)


def _encrypted() -> bytes:
    return OLE_SIGNATURE + b"\x00" * 64 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 64


@pytest.mark.parametrize(("data", "filename", "messages"), [
    (b"", "unit.xlsx", ["File kosong"]),
    (b"", "unit.csv", ["Berkas kosong"]),
    (OLE_SIGNATURE + b"\x00" * 100, "unit.xls", ["Excel lama (.xls)"]),
    (_encrypted(), "unit.xlsx", ["terkunci dengan kata sandi"]),
    (b"bukan excel sama sekali", "unit.xlsx", ["bukan file Excel (.xlsx)"]),
    (b"Kecamatan,Kelurahan\nAlak,Namosain\n", "unit.pdf", ["Jenis berkas 'unit.pdf' tidak dikenal"]),
    ("Kecamatan,Kelurahan\nAlak,Namosain\n".encode("utf-16"), "unit.csv", ["UTF-8 atau Windows-1252"]),
    (workbook([("Alak", "Namosain")], header=("Kec", "Nama")), "unit.xlsx",
     ["Baris 1, kolom A: kolom 'Kec' tidak dikenal; maksud Anda 'kecamatan'?"]),
    (b"Kecamatan;Nama\nAlak;Namosain\n", "unit.csv", ["Baris 1: kolom wajib kelurahan tidak ada"]),
    (workbook([]), "unit.xlsx", ["Berkas tidak berisi baris kelurahan"]),
    (workbook([("Alak", "Namosain"), ("Alak", "Oesapa")], formula_at="B3"), "unit.xlsx",
     ["Baris 3, kolom B (kelurahan): berisi rumus"]),
    (workbook([("Alak", "Namosain"), ("Alak", None), ("Alak", "   "), (None, "Oesapa")]), "unit.xlsx",
     ["Baris 3: nama kelurahan kosong.", "Baris 4: nama kelurahan kosong.", "Baris 5: nama kecamatan kosong."]),
    (workbook([("Alak", "Namosain"), ("Alak", "namosain ")]), "unit.xlsx",
     ["Baris 3: Kelurahan Namosain sudah tercantum di baris 2"]),
    (workbook([("Alak", "Namosain"), ("Oebobo", "Namosain")]), "unit.xlsx",
     ["Baris 3: Kelurahan Namosain tercantum di bawah dua kecamatan"]),
    (workbook([("Alak", "N" * 201)]), "unit.xlsx", ["Baris 2: nama kelurahan terlalu panjang"]),
    (b'Kecamatan,Kelurahan\nAlak,"Namo\nsain"\n', "unit.csv", ["Baris 3: nama kelurahan berisi karakter kendali"]),
    (workbook([("Alak", "Namo\nsain")]), "unit.xlsx", ["Baris 2: nama kelurahan berisi karakter kendali"]),
    (workbook([("Alak", True)]), "unit.xlsx", ["Baris 2: kolom Kelurahan berisi bool"]),
    (workbook([("Alak", f"Desa {i}") for i in range(5001)]), "unit.xlsx", ["lebih dari 5000 baris"]),
])
def test_every_bad_file_is_refused_whole_and_changes_nothing(seeded_engine, sek, data, filename, messages):
    before = snapshot(seeded_engine)
    for apply in (False, True):
        with pytest.raises(InvalidInput) as refused:
            unit_import.import_units(seeded_engine, sek, data, filename, apply=apply)
        for message in messages:
            assert any(message in m for m in refused.value.messages), refused.value.messages
    assert snapshot(seeded_engine) == before


def test_a_new_kelurahan_under_an_inactive_kecamatan_refuses_the_whole_file(seeded_engine, sek):
    inactive_kecamatan(seeded_engine, sek)
    before = snapshot(seeded_engine)
    with pytest.raises(InvalidInput, match="Baris 3: Kecamatan Kupang Tengah nonaktif; aktifkan dulu kecamatannya"):
        unit_import.import_units(seeded_engine, sek, workbook([("Oebobo", "Oebufu Baru"), ("Kupang Tengah", "Oepoi")]),
                                 "unit.xlsx", apply=True)
    assert snapshot(seeded_engine) == before


# --- permissions ---------------------------------------------------------------------------------

def every_call(engine):
    data = workbook([("Alak", "Namosain")])
    return [
        lambda actor, code: roster.region_units(engine, actor, code),
        lambda actor, code: changes.add_unit(engine, actor, "kelurahan", "Namosain", "kec_alak", region_code=code),
        lambda actor, code: changes.deactivate_unit(engine, actor, "kec_alak", "Uji", region_code=code),
        lambda actor, code: changes.reactivate_unit(engine, actor, "kec_alak", "Uji", region_code=code),
        lambda actor, code: changes.move_kelurahan(engine, actor, "kel_x", "kec_alak", True, region_code=code),
        lambda actor, code: changes.create_focal_account(engine, actor, "kec_alak", PASSWORD, region_code=code),
        lambda actor, code: unit_import.import_units(engine, actor, data, "u.xlsx", True, region_code=code),
        lambda actor, code: unit_import.units_template(engine, actor, code),
    ]


def test_only_admin_and_secretariat_manage_units(seeded_engine):
    before = snapshot(seeded_engine)
    for username in ("ketua", "anggota", "opd.dp3a", "kec.alak"):
        actor = account(seeded_engine, username)
        for call in every_call(seeded_engine):
            with pytest.raises(PermissionDenied, match="Hanya admin atau sekretariat KLA"):
                call(actor, None)
    assert snapshot(seeded_engine) == before


def test_another_regions_secretariat_is_refused_and_admin_acts_anywhere(seeded_engine):
    second = second_region(seeded_engine)
    with unit_of_work(seeded_engine) as session:
        user = User(username="sekretariat.kab", display_name="Sekretariat Kab", role="secretariat",
                    password_hash=hash_password(PASSWORD), region_id=second["region_id"])
        session.add(user)
        session.flush()
        other = signed_in_user(user)
    before = snapshot(seeded_engine)
    for call in every_call(seeded_engine):
        with pytest.raises(PermissionDenied, match="wilayah Anda sendiri"):
            call(other, "53.71")
    assert snapshot(seeded_engine) == before
    with pytest.raises(NotFound):  # its own region has no such kecamatan
        changes.deactivate_unit(seeded_engine, other, "kec_alak", "Uji")
    assert roster.region_units(seeded_engine, other).empty

    admin = account(seeded_engine, "admin")
    with pytest.raises(InvalidInput, match="Sebutkan wilayahnya"):
        roster.region_units(seeded_engine, admin)
    changes.add_unit(seeded_engine, admin, "kecamatan", "Kupang Tengah", region_code="53.01")
    with unit_of_work(seeded_engine) as session:
        added = session.scalar(select(ReportingUnit).where(ReportingUnit.short_name == "kec_kupang_tengah"))
        assert session.get(Region, added.region_id).code == "53.01"
    assert [r["code"] for r in roster.unit_regions(seeded_engine, admin)] == ["53.01", "53.71"]
    assert [r["code"] for r in roster.unit_regions(seeded_engine, other)] == ["53.01"]


def test_a_secretariat_deactivated_meanwhile_is_refused(seeded_engine, sek):
    with unit_of_work(seeded_engine) as session:
        session.execute(update(User).where(User.username == "sekretariat").values(active=False))
    with pytest.raises(PermissionDenied, match="dinonaktifkan"):
        changes.add_unit(seeded_engine, sek, "kecamatan", "Kupang Tengah")


# --- manage.py import-units ----------------------------------------------------------------------

@pytest.fixture
def database(seeded_url, monkeypatch):
    monkeypatch.setenv("KLA_DATABASE_URL", seeded_url)
    return seeded_url


def test_manage_import_units_dry_run_then_apply(database, seeded_engine, tmp_path, capsys):
    path = tmp_path / "units.xlsx"
    path.write_bytes(workbook(KUPANG_ROWS))
    argv = ["import-units", "--region", "53.71", "--file", str(path), "--user", "sekretariat"]
    assert manage.main(argv) == 0
    out = capsys.readouterr().out
    assert "Pemeriksaan units.xlsx lolos" in out and "--apply" in out
    assert unit(seeded_engine, "kel_oesapa_tengah") is None
    assert manage.main([*argv, "--apply"]) == 0
    assert "Impor units.xlsx selesai: 4 baris kelurahan." in capsys.readouterr().out
    assert unit(seeded_engine, "kel_oesapa_tengah") is not None


def test_manage_import_units_prints_problems_one_per_line(database, seeded_engine, tmp_path, capsys):
    path = tmp_path / "units.csv"
    path.write_text("Kecamatan,Kelurahan\nAlak,\n,Oesapa Tengah\n")
    before = snapshot(seeded_engine)
    assert manage.main(["import-units", "--region", "53.71", "--file", str(path), "--user", "sekretariat",
                        "--apply"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == ["Baris 2: nama kelurahan kosong.", "Baris 3: nama kecamatan kosong.", "Tidak ada yang diubah."]
    assert snapshot(seeded_engine) == before
    assert manage.main(["import-units", "--file", str(path), "--user", "ketua"]) == 1
    assert "Hanya admin atau sekretariat KLA" in capsys.readouterr().err
