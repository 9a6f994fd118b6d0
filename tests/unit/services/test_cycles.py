"""Opening cycles, deadlines and question assignments (data/services/cycles)."""
from datetime import date

import pytest
from sqlalchemy import func, select

from data.actor import COMMAND_LINE
from data.db import unit_of_work
from data.errors import InvalidInput, NotFound, PermissionDenied
from data.models import Assignment, AuditLog, EvaluationCycle
from data.services.accounts.auth import command_line_user
from data.services.cycles.assignments import assign, assign_questions, assignment_table, set_question_units
from data.services.cycles.cycles import open_cycle, region_cycles, set_deadline
from data.services.regions.regions import add_region
from data.services.setup.checklist import setup_checklist
from data.services.units.opds import add_opd

TODAY = date(2026, 12, 3)


def state(engine) -> tuple:
    with unit_of_work(engine) as session:
        return tuple(session.scalar(select(func.count()).select_from(m))
                     for m in (EvaluationCycle, Assignment, AuditLog))


def audit_rows(engine) -> list[AuditLog]:
    with unit_of_work(engine) as session:
        return list(session.scalars(select(AuditLog).order_by(AuditLog.id)))


def payakumbuh_with_dp3ap2kb(engine) -> None:
    add_region(engine, COMMAND_LINE, "13.76")
    add_opd(engine, COMMAND_LINE, "DP3AP2KB", ["dp3a"], "dp3ap2kb", "13.76")


def test_a_new_region_opens_its_first_cycle_at_any_year_and_sees_what_nobody_answers(seeded_engine):
    payakumbuh_with_dp3ap2kb(seeded_engine)
    before = state(seeded_engine)
    preview = open_cycle(seeded_engine, COMMAND_LINE, "13.76", 2025, date(2026, 12, 31), apply=False, today=TODAY)
    assert state(seeded_engine) == before and not preview.applied
    opened = open_cycle(seeded_engine, COMMAND_LINE, "13.76", 2025, date(2026, 12, 31), today=TODAY)
    assert opened.catalog_version == preview.catalog_version and opened.unassigned == preview.unassigned
    table = {row["code"]: row for row in assignment_table(seeded_engine, COMMAND_LINE, "13.76", 2025)}
    assert len(table) == 274
    assigned = {code for code, row in table.items() if row["units"]}
    assert set(opened.unassigned) == set(table) - assigned and len(assigned) > 100
    assert all(row["units"] == ["dp3ap2kb"] for row in table.values() if row["units"])
    assert [c["year"] for c in region_cycles(seeded_engine, COMMAND_LINE, "13.76")] == [2025]


@pytest.mark.parametrize("year, deadline, version, message", [
    (2025, date(2026, 12, 31), None, "Siklus 2025 untuk Kota Kupang sudah ada"),
    (2026, date(2026, 12, 2), None, "sudah lewat"),
    (2026, None, None, "Isi batas waktu"),
    (2026, date(2026, 12, 31), "KLA-1999", "Versi instrumen 'KLA-1999' tidak ada"),
    ("dua ribu", date(2026, 12, 31), None, "bukan angka"),
    (1990, date(2026, 12, 31), None, "di luar rentang"),
])
def test_a_bad_cycle_is_refused_and_nothing_changes(seeded_engine, year, deadline, version, message):
    before = state(seeded_engine)
    with pytest.raises(InvalidInput, match=message):
        open_cycle(seeded_engine, COMMAND_LINE, "53.71", year, deadline, version, today=TODAY)
    assert state(seeded_engine) == before


def test_only_admin_and_the_region_s_secretariat_open_cycles(seeded_engine):
    add_region(seeded_engine, COMMAND_LINE, "13.76")
    before = state(seeded_engine)
    for username in ("ketua", "anggota", "opd.dp3a"):
        with pytest.raises(PermissionDenied):
            open_cycle(seeded_engine, command_line_user(seeded_engine, username), None, 2026, date(2026, 12, 31),
                       today=TODAY)
    secretariat = command_line_user(seeded_engine, "sekretariat")
    with pytest.raises(PermissionDenied):
        open_cycle(seeded_engine, secretariat, "13.76", 2026, date(2026, 12, 31), today=TODAY)
    assert state(seeded_engine) == before
    assert open_cycle(seeded_engine, secretariat, None, 2026, date(2027, 3, 31), today=TODAY).year == 2026


def test_the_deadline_moves_but_never_into_the_past_nor_on_a_closed_cycle(seeded_engine):
    set_deadline(seeded_engine, COMMAND_LINE, "53.71", 2025, date(2027, 1, 15), today=TODAY)
    assert region_cycles(seeded_engine, COMMAND_LINE, "53.71")[0]["deadline"] == date(2027, 1, 15)
    with pytest.raises(InvalidInput, match="mulai hari ini"):
        set_deadline(seeded_engine, COMMAND_LINE, "53.71", 2025, date(2026, 1, 1), today=TODAY)
    with pytest.raises(InvalidInput, match="sudah ditutup"):
        set_deadline(seeded_engine, COMMAND_LINE, "53.71", 2024, date(2027, 1, 1), today=TODAY)


def units_of(engine, code, year=2025, region="53.71"):
    return next(r["units"] for r in assignment_table(engine, COMMAND_LINE, region, year) if r["code"] == code)


def test_a_question_moves_to_another_opd_and_a_co_answering_opd_is_added_and_removed(seeded_engine):
    payakumbuh_with_dp3ap2kb(seeded_engine)
    add_opd(seeded_engine, COMMAND_LINE, "Bappeda Payakumbuh", ["bappeda"], "bappeda", "13.76")
    open_cycle(seeded_engine, COMMAND_LINE, "13.76", 2025, date(2026, 12, 31), today=TODAY)
    code = next(r["code"] for r in assignment_table(seeded_engine, COMMAND_LINE, "13.76", 2025)
                if r["units"] == ["dp3ap2kb"])
    assert set_question_units(seeded_engine, COMMAND_LINE, "13.76", 2025, code, ["bappeda"]) == (
        ["bappeda"], ["dp3ap2kb"])
    assert units_of(seeded_engine, code, region="13.76") == ["bappeda"]
    assign(seeded_engine, COMMAND_LINE, "13.76", 2025, code, "dp3ap2kb")
    assert units_of(seeded_engine, code, region="13.76") == ["bappeda", "dp3ap2kb"]
    assign(seeded_engine, COMMAND_LINE, "13.76", 2025, code, "bappeda", remove=True)
    assert units_of(seeded_engine, code, region="13.76") == ["dp3ap2kb"]
    add_opd(seeded_engine, COMMAND_LINE, "Dinas Sosial", ["dinsos"], "dinsos", "13.76")  # another unit changes
    assert units_of(seeded_engine, code, region="13.76") == ["dp3ap2kb"]  # the hand-made change stands


def test_removing_an_opd_that_already_answered_needs_a_confirmation(seeded_engine):
    answered = next(r for r in assignment_table(seeded_engine, COMMAND_LINE, "53.71", 2025)
                    if r["units"] == ["dp3a"] and r["answered_by"] == "city")
    before = state(seeded_engine)
    with pytest.raises(InvalidInput, match="sudah menjawab pertanyaan"):
        set_question_units(seeded_engine, COMMAND_LINE, "53.71", 2025, answered["code"], ["dinsos"])
    assert state(seeded_engine) == before
    set_question_units(seeded_engine, COMMAND_LINE, "53.71", 2025, answered["code"], ["dinsos"], confirm_answered=True)
    assert units_of(seeded_engine, answered["code"]) == ["dinsos"]


@pytest.mark.parametrize("code, unit, message, error", [
    ("99.9", "dinsos", "tidak ada pada instrumen siklus 2025", NotFound),
    ("1.1", "kec_alak", "adalah kecamatan", InvalidInput),
    ("1.1", "tidak_ada", "tidak terdaftar", NotFound),
])
def test_bad_assignments_are_refused(seeded_engine, code, unit, message, error):
    before = state(seeded_engine)
    with pytest.raises(error, match=message):
        assign(seeded_engine, COMMAND_LINE, "53.71", 2025, code, unit)
    assert state(seeded_engine) == before


def test_kelana_questions_closed_cycles_and_other_roles_are_refused(seeded_engine):
    kelana = next(r["code"] for r in assignment_table(seeded_engine, COMMAND_LINE, "53.71", 2025)
                  if r["answered_by"] != "city")
    with pytest.raises(InvalidInput, match="dijawab setiap kecamatan"):
        assign(seeded_engine, COMMAND_LINE, "53.71", 2025, kelana, "dinsos")
    with pytest.raises(InvalidInput, match="sudah ditutup"):
        assign(seeded_engine, COMMAND_LINE, "53.71", 2024, "1.1", "dinsos")
    with pytest.raises(PermissionDenied):
        assign(seeded_engine, command_line_user(seeded_engine, "ketua"), "53.71", 2025, "1.1", "dinsos")


def test_manage_open_cycle_assign_and_the_list(seeded_url, seeded_engine, monkeypatch, capsys):
    import manage

    monkeypatch.setenv("KLA_DATABASE_URL", seeded_url)
    payakumbuh_with_dp3ap2kb(seeded_engine)
    assert manage.main(["open-cycle", "--region", "13.76", "--year", "2025", "--deadline", "2999-12-31"]) == 0
    out = capsys.readouterr().out
    assert "Siklus 2025 13.76 dibuka" in out and "Peringatan:" in out
    assert manage.main(["assignments", "--region", "13.76", "--cycle", "2025", "--unassigned"]) == 0
    unassigned = capsys.readouterr().out.splitlines()
    code = unassigned[0].split("\t")[0]
    assert manage.main(["assign", "--region", "13.76", "--cycle", "2025", "--question", code,
                        "--unit", "dp3ap2kb"]) == 0
    assert f"Pertanyaan {code}: ditambahkan dp3ap2kb" in capsys.readouterr().out
    assert manage.main(["set-deadline", "--region", "13.76", "--year", "2025", "--deadline", "31-12-2026"]) == 1
    assert "TTTT-BB-HH" in capsys.readouterr().err
    assert manage.main(["open-cycle", "--region", "13.76", "--year", "2025", "--deadline", "2999-12-31"]) == 1
    assert "sudah ada" in capsys.readouterr().err


def test_many_questions_are_assigned_at_once_in_one_audited_step(seeded_engine):
    payakumbuh_with_dp3ap2kb(seeded_engine)
    add_opd(seeded_engine, COMMAND_LINE, "Bappeda Payakumbuh", ["bappeda"], "bappeda", "13.76")
    opened = open_cycle(seeded_engine, COMMAND_LINE, "13.76", 2025, date(2026, 12, 31), today=TODAY)
    table = assignment_table(seeded_engine, COMMAND_LINE, "13.76", 2025)
    nobody = [r["code"] for r in table if not r["units"] and r["answered_by"] == "city"]
    assert len(nobody) > 11
    already = next(r["code"] for r in table if r["units"] == ["dp3ap2kb"])
    checklist = {item.key: item for item in setup_checklist(seeded_engine, COMMAND_LINE, "13.76", today=TODAY).items}
    assert not checklist["assignments"].done and not checklist["data_sources"].done
    audits = state(seeded_engine)[2]

    done = assign_questions(seeded_engine, COMMAND_LINE, "13.76", 2025, [*nobody, already], ["dp3ap2kb", "bappeda"])
    assert done.questions == [*nobody, already] and done.unchanged == [] and done.added == 2 * len(nobody) + 1
    assert units_of(seeded_engine, nobody[0], region="13.76") == ["bappeda", "dp3ap2kb"]
    assert units_of(seeded_engine, already, region="13.76") == ["bappeda", "dp3ap2kb"]
    [row] = [a for a in audit_rows(seeded_engine) if a.action == "assignment.add_many"]
    assert row.details["questions"] == [*nobody, already] and row.details["added"] == done.added
    assert state(seeded_engine)[2] == audits + 1
    again = assign_questions(seeded_engine, COMMAND_LINE, "13.76", 2025, nobody[:3], ["bappeda"])
    assert (again.questions, again.unchanged, again.added) == ([], nobody[:3], 0)
    assert state(seeded_engine)[2] == audits + 1  # nothing changed, nothing written

    # every city question now has an answerer: the checklist's two counts agree
    checklist = {item.key: item for item in setup_checklist(seeded_engine, COMMAND_LINE, "13.76", today=TODAY).items}
    kelana = [c for c in opened.unassigned if c not in nobody]  # asked of kecamatan/kelurahan: none yet
    assert checklist["assignments"].missing == len(kelana)
    assert checklist["data_sources"].done and checklist["data_sources"].missing == 0


@pytest.mark.parametrize("codes, units, message", [
    ([], ["dinsos"], "Pilih sedikitnya satu pertanyaan"),
    (["1.1"], [], "Pilih sedikitnya satu OPD"),
    (["1.1", "99.9"], ["dinsos"], "Pertanyaan 99.9 tidak ada pada instrumen siklus 2025"),
    (["1.1"], ["kec_alak"], "adalah kecamatan"),
    (["1.1"], ["tidak_ada"], "OPD 'tidak_ada' tidak terdaftar di Kota Kupang"),
    (["1.1", "KD.1"], ["dinsos"], "dijawab setiap kecamatan atau kelurahan"),
    ([f"1.{n}" for n in range(1001)], ["dinsos"], "Paling banyak 1000 pertanyaan sekaligus"),
])
def test_bad_many_assignments_are_refused_and_nothing_changes(seeded_engine, codes, units, message):
    kelana = next(r["code"] for r in assignment_table(seeded_engine, COMMAND_LINE, "53.71", 2025)
                  if r["answered_by"] != "city")
    codes = [kelana if c == "KD.1" else c for c in codes]
    before = state(seeded_engine)
    with pytest.raises(InvalidInput, match=message):
        assign_questions(seeded_engine, COMMAND_LINE, "53.71", 2025, codes, units)
    assert state(seeded_engine) == before


def test_many_assignments_need_the_secretariat_and_an_open_cycle(seeded_engine):
    before = state(seeded_engine)
    with pytest.raises(PermissionDenied):
        assign_questions(seeded_engine, command_line_user(seeded_engine, "ketua"), "53.71", 2025, ["1.1"], ["dinsos"])
    with pytest.raises(InvalidInput, match="sudah ditutup"):
        assign_questions(seeded_engine, COMMAND_LINE, "53.71", 2024, ["1.1"], ["dinsos"])
    assert state(seeded_engine) == before
