"""Who may do what, as one table: every role of the seeded Kota Kupang against the services that
read or change something, each expected to pass its permission check or be refused with
PermissionDenied. The table is written here by hand from the rules of the house (separation of
duties: only the admin grants task-force roles; the secretariat manages its region's units and
unit accounts but never verifies; the task force verifies; units answer only for themselves), so
any change of who may do what fails here until the table is changed with it.

"Allowed" means the permission check let the actor through: the operation may still refuse the
input itself (InvalidInput, NotFound), which is not what this table is about."""
from datetime import date

import pandas as pd
import pytest
from sqlalchemy import select

from data.db import unit_of_work
from data.errors import DomainError, PermissionDenied
from data.models import Answer, EvaluationCycle
from data.services.accounts import admin
from data.services.accounts.auth import authenticate
from data.services.actions.meetings import meeting_record, prepare_meeting
from data.services.cases.records import case_rows, save_year
from data.services.cycles.assignments import assignment_table
from data.services.cycles.cycles import open_cycle, set_deadline
from data.services.entry.answers import save_draft
from data.services.entry.sheet import entry_sheet
from data.services.forum.views import forum_views, record_views
from data.services.province.board import readiness_board
from data.services.province.returns import province_returns, send_back_to_province
from data.services.province.verification import province_queue, set_province_points
from data.services.regions.regions import add_region, create_areas_from_list
from data.services.review import cycle_admin
from data.services.review.completeness import completeness_report
from data.services.review.review import return_answer, review_queue, verify
from data.services.units.opds import add_opd, opd_list
from indicators.answers import AnswerValue
from seed.kupang import DEMO_PASSWORD

ACCOUNTS = {"admin": "admin", "secretariat": "sekretariat", "chair": "ketua", "member": "anggota",
            "opd": "opd.dp3a", "kecamatan": "kec.alak", "kelurahan": "kel.oesapa", "forum": "forum.anak",
            "province": "provinsi.ntt"}
ROLES = tuple(ACCOUNTS)


def a_submitted_answer(engine) -> tuple[int, int]:
    with unit_of_work(engine) as session:
        answer = session.scalars(select(Answer).join(EvaluationCycle).where(
            Answer.status == "submitted", EvaluationCycle.status == "open").order_by(Answer.id)).first()
        return answer.id, answer.version


def verified_2024(engine) -> int:
    """A verified city answer of the closed 2024 cycle."""
    with unit_of_work(engine) as session:
        return session.scalar(select(Answer.id).join(EvaluationCycle).where(
            Answer.status == "verified", EvaluationCycle.year == 2024, Answer.verified_points > 0)
            .order_by(Answer.id).limit(1))


def own_question(engine, actor) -> tuple[str, int | None]:
    """A question the actor's unit may answer now, and the version to save it at."""
    rows = entry_sheet(engine, actor).rows
    row = rows[rows["editable"]].iloc[0]
    return row.question_code, None if pd.isna(row.version) else int(row.version)


def save_own_answer(engine, actor):
    code, version = own_question(engine, actor)
    save_draft(engine, actor, code, AnswerValue(), "catatan uji", version)


OPERATIONS = {
    # operation: (what it does, the roles it lets through)
    "read the review queue": (lambda e, a: review_queue(e, a, 2025),
                              {"admin", "secretariat", "chair", "member"}),
    "read completeness": (lambda e, a: completeness_report(e, a, 2025),
                          {"admin", "secretariat", "chair", "member"}),
    "verify an answer": (lambda e, a: verify(e, a, *a_submitted_answer(e)), {"admin", "chair", "member"}),
    "return an answer": (lambda e, a: return_answer(e, a, *a_submitted_answer(e), "Mohon lengkapi SK."),
                         {"admin", "chair", "member"}),
    "close the cycle": (lambda e, a: cycle_admin.close_cycle(e, a, 2025, "53.71"), {"chair"}),
    "publish a cycle": (lambda e, a: cycle_admin.publish_cycle(e, a, 2024, "53.71"), {"chair"}),
    "open a cycle (preview)": (lambda e, a: open_cycle(e, a, "53.71", 2026, date(2026, 9, 30), apply=False),
                               {"admin", "secretariat"}),
    "move the deadline": (lambda e, a: set_deadline(e, a, "53.71", 2025, date(2026, 12, 31)),
                          {"admin", "secretariat"}),
    "read who answers what": (lambda e, a: assignment_table(e, a, "53.71", 2025),
                              {"admin", "secretariat", "chair", "member"}),
    "host a new kab/kota": (lambda e, a: add_region(e, a, "13.76"), {"admin"}),
    "create kecamatan from the list (preview)": (lambda e, a: create_areas_from_list(e, a, "53.71"),
                                                 {"admin", "secretariat"}),
    "list OPDs": (lambda e, a: opd_list(e, a, "53.71"), {"admin", "secretariat"}),
    "add an OPD": (lambda e, a: add_opd(e, a, "Dinas Perhubungan Kota Kupang", ["dishub"], region_code="53.71"),
                   {"admin", "secretariat"}),
    "list accounts": (lambda e, a: admin.list_accounts(e, a, "53.71"), {"admin", "secretariat"}),
    "create an OPD account": (lambda e, a: admin.create_account(e, a, "opd.baru", "Operator Baru", "opd", "53.71",
                                                                "dinkes"), {"admin", "secretariat"}),
    "create a task-force member": (lambda e, a: admin.create_account(e, a, "anggota.baru", "Anggota Baru",
                                                                     "member", "53.71"), {"admin"}),
    "create a secretariat account": (lambda e, a: admin.create_account(e, a, "sekretariat.baru", "Sekretariat Baru",
                                                                       "secretariat", "53.71"), {"admin"}),
    "promote a unit account to chair": (lambda e, a: admin.update_account(e, a, "opd.dinkes", role="chair"),
                                        {"admin"}),
    "reset a unit account's password": (lambda e, a: admin.reset_password(e, a, "opd.dinkes"),
                                        {"admin", "secretariat"}),
    "reset the chair's password": (lambda e, a: admin.reset_password(e, a, "ketua"), {"admin"}),
    "read one's own entry sheet": (lambda e, a: entry_sheet(e, a), {"opd", "kecamatan", "kelurahan"}),
    "save one's own answer": (save_own_answer, {"opd", "kecamatan", "kelurahan"}),
    "read true case counts": (lambda e, a: case_rows(e, a, "53.71"),
                              {"admin", "secretariat", "chair", "member", "opd"}),
    "enter case counts": (lambda e, a: save_year(e, a, "53.71", 2023, []), {"admin", "secretariat", "opd"}),
    "prepare a Rakor": (lambda e, a: prepare_meeting(e, a, "53.71", 2025, title="Rakor", held_on=date(2026, 12, 10)),
                        {"admin", "secretariat", "chair"}),
    "read a Rakor": (lambda e, a: meeting_record(e, a, 1), {"admin", "secretariat", "chair", "member"}),
    "record the Forum Anak's view": (lambda e, a: record_views(e, a, "53.71", 2025, met_on=date(2026, 11, 1),
                                                               ratings={"KLASTER_I": (4, "")}, today=date(2026, 12, 4)),
                                     {"admin", "forum"}),
    "read the Forum Anak's view": (lambda e, a: forum_views(e, a, "53.71", 2025),
                                   {"admin", "secretariat", "chair", "member", "forum"}),
    "read the readiness board": (lambda e, a: readiness_board(e, a, 2025), {"admin", "province"}),
    "read the province's queue": (lambda e, a: province_queue(e, a, "53.71", 2024), {"admin", "province"}),
    "set province points": (lambda e, a: set_province_points(e, a, verified_2024(e), 0, "Bukti tidak ada."),
                            {"admin", "province"}),
    "read the city's province returns": (lambda e, a: province_returns(e, a, "53.71"),
                                         {"admin", "secretariat", "chair", "member", "opd"}),
    "answer a province return": (lambda e, a: send_back_to_province(e, a, 0, "Sudah dilengkapi."),  # no answer 0
                                 {"admin", "chair", "member", "opd"}),
}

CASES = [(operation, role) for operation in OPERATIONS for role in ROLES]


@pytest.mark.parametrize("operation, role", CASES, ids=[f"{o} / {r}" for o, r in CASES])
def test_the_permission_matrix(seeded_engine, operation, role):
    run, allowed = OPERATIONS[operation]
    actor = authenticate(seeded_engine, ACCOUNTS[role], DEMO_PASSWORD)
    try:
        run(seeded_engine, actor)
        outcome = "allowed"
    except PermissionDenied:
        outcome = "refused"
    except DomainError:
        outcome = "allowed"  # past the permission check, refused for its input
    assert outcome == ("allowed" if role in allowed else "refused")
