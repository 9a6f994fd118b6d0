"""A deadline day, on whichever engine the run is for (SQLite by default, PostgreSQL in the
second pass): many operators saving at once in threads and in processes, a process killed in
the middle of its saves, the cycle closed while saves are under way, and the same first file or
first answer sent by several people at once. Nobody sees a raw database error, nothing
acknowledged is lost, nothing is stored twice."""
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import func, select

import deadline_worker
import evidence_samples as samples
from data.db import unit_of_work
from data.errors import DomainError, InvalidInput, WriteConflict
from data.models import Answer, EvaluationCycle, EvidenceFile, Question, ReportingUnit
from data.services.accounts.auth import authenticate
from data.services.entry.answers import save_draft
from data.services.entry.evidence import upload_evidence
from data.services.entry.sheet import entry_sheet
from data.services.review.cycle_admin import close_cycle
from indicators.answers import AnswerValue
from seed.kupang import DEMO_PASSWORD

WORKER = Path(deadline_worker.__file__)
WAIT_SECONDS = 600
"""The deadline of every wait here: far beyond a loaded machine's slowest run, short of a hung CI."""
OPDS = ["opd.dp3a", "opd.dinkes", "opd.dinsos", "opd.disdukcapil", "opd.disdikbud", "opd.bappeda"]
# The refusals a person may meet on such a day, each one sentence in Indonesian.
SPOKEN = {"StaleAnswer", "WriteConflict", "DatabaseBusy", "InvalidInput", "PermissionDenied", "DomainError"}


def yes_no_questions(engine, username: str, count: int, answered: bool | None = None) -> list[str]:
    """Codes of editable yes/no questions of the user's unit (only unanswered ones with answered=False)."""
    user = authenticate(engine, username, DEMO_PASSWORD)
    sheet = entry_sheet(engine, user)
    codes = [row.question_code for row in sheet.rows[sheet.rows["editable"]].itertuples()
             if sheet.catalog.question(row.question_code).answer.type == "yes_no"
             and (answered is None or pd.notna(row.version) == answered)]
    assert len(codes) >= count, (username, len(codes))
    return codes[:count]


def stored_notes(engine, username: str) -> dict[str, str | None]:
    rows = entry_sheet(engine, authenticate(engine, username, DEMO_PASSWORD)).rows
    return dict(zip(rows["question_code"], rows["note"]))


def answer_rows(engine, unit: str, code: str) -> int:
    with unit_of_work(engine, read_only=True) as session:
        return session.scalar(
            select(func.count()).select_from(Answer).join(Question, Answer.question_id == Question.id)
            .join(ReportingUnit, Answer.reporting_unit_id == ReportingUnit.id)
            .join(EvaluationCycle, Answer.cycle_id == EvaluationCycle.id)
            .where(Question.code == code, ReportingUnit.short_name == unit, EvaluationCycle.year == 2025))


@pytest.fixture
def heard(monkeypatch) -> list[str]:
    """What the in-process workers say (deadline_worker.say), line by line."""
    lines: list[str] = []
    lock = threading.Lock()

    def say(line: str) -> None:
        with lock:
            lines.append(line)
    monkeypatch.setattr(deadline_worker, "say", say)
    return lines


def test_twenty_threads_saving_at_once_lose_nothing_and_show_no_raw_error(seeded_engine, heard):
    saves = 6
    work = [(username, code) for username in OPDS[:4] for code in yes_no_questions(seeded_engine, username, 5)]
    users = {username: authenticate(seeded_engine, username, DEMO_PASSWORD) for username in OPDS[:4]}
    threads = [threading.Thread(target=deadline_worker.save_over_and_over,
                                args=(seeded_engine, users[username], code, saves)) for username, code in work]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=WAIT_SECONDS)
    assert not any(thread.is_alive() for thread in threads), f"a worker did not finish in {WAIT_SECONDS} s"
    assert [line for line in heard if line.startswith("error")] == []
    assert len(heard) == 20 * saves
    for username, code in work:
        assert stored_notes(seeded_engine, username)[code] == f"{code} {saves}"
        assert answer_rows(seeded_engine, username.removeprefix("opd."), code) == 1


def run_workers(url: str, plan: dict[str, list[str]], saves: int) -> list[subprocess.Popen]:
    return [subprocess.Popen([sys.executable, str(WORKER), url, username, str(saves), *codes],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=os.environ.copy())
            for username, codes in plan.items()]


def test_four_processes_of_five_threads_lose_nothing_and_show_no_raw_error(seeded_engine, seeded_url):
    saves = 5
    plan = {username: yes_no_questions(seeded_engine, username, 5) for username in OPDS[:4]}
    outputs = [process.communicate(timeout=600) for process in run_workers(seeded_url, plan, saves)]
    for out, err in outputs:
        lines = out.splitlines()
        assert [line for line in lines if line.startswith("error")] == [], err
        assert lines[-1] == "done" and len(lines) == 5 * saves + 1, err
    for username, codes in plan.items():
        notes = stored_notes(seeded_engine, username)
        assert {code: notes[code] for code in codes} == {code: f"{code} {saves}" for code in codes}


def test_a_process_killed_in_the_middle_of_its_saves_loses_none_it_acknowledged(seeded_engine, seeded_url):
    plan = {username: yes_no_questions(seeded_engine, username, 3) for username in OPDS[:2]}
    processes = run_workers(seeded_url, plan, 0)
    # A worker that hangs without a word would block readline below: it is killed at the deadline.
    watchdog = threading.Timer(WAIT_SECONDS, lambda: [process.kill() for process in processes])
    watchdog.start()
    # Keyed by account and code: two OPDs may answer the same question code, each its own answer.
    acknowledged: dict[tuple[str, str], int] = {}
    for process in processes:
        username, codes = process.args[3], process.args[5:]
        while min(acknowledged.get((username, code), 0) for code in codes) < 4:
            line = process.stdout.readline()
            assert line.startswith("saved"), (line, process.stderr.read() if not line else "")
            _, code, number = line.split()
            acknowledged[username, code] = int(number)
        process.send_signal(signal.SIGKILL)
    for process in processes:
        process.wait(timeout=WAIT_SECONDS)
    watchdog.cancel()
    for process in processes:
        # What it printed before dying is acknowledged too.
        for line in process.stdout.read().splitlines():
            if line.startswith("saved"):
                _, code, number = line.split()
                acknowledged[process.args[3], code] = int(number)
    for username, codes in plan.items():
        notes = stored_notes(seeded_engine, username)
        for code in codes:
            stored = int(notes[code].split()[1])
            assert stored >= acknowledged[username, code], (username, code, stored, acknowledged[username, code])
    # The database is whole: the next save goes through.
    dp3a = authenticate(seeded_engine, "opd.dp3a", DEMO_PASSWORD)
    code = plan["opd.dp3a"][0]
    save_draft(seeded_engine, dp3a, code, AnswerValue(bool_value=True), "setelah mati mendadak",
               deadline_worker.stored_version(seeded_engine, dp3a, code))
    assert stored_notes(seeded_engine, "opd.dp3a")[code] == "setelah mati mendadak"


def answers_of_2025(engine) -> list[tuple]:
    with unit_of_work(engine, read_only=True) as session:
        return list(session.execute(
            select(Answer.id, Answer.version, Answer.note, Answer.status).join(EvaluationCycle)
            .where(EvaluationCycle.year == 2025).order_by(Answer.id)).all())


def test_a_save_under_way_when_the_cycle_closes_is_refused_not_stored(seeded_engine, heard):
    work = [(username, code) for username in OPDS[:3] for code in yes_no_questions(seeded_engine, username, 3)]
    users = {username: authenticate(seeded_engine, username, DEMO_PASSWORD) for username in OPDS[:3]}
    threads = [threading.Thread(target=deadline_worker.save_over_and_over,
                                args=(seeded_engine, users[username], code, 0)) for username, code in work]
    for thread in threads:
        thread.start()
    give_up_at = time.monotonic() + WAIT_SECONDS
    while sum(1 for line in list(heard) if line.startswith("saved")) < 2 * len(work):
        # Waits for the saves to be under way; a worker that died or hangs fails the test, not the run.
        assert any(thread.is_alive() for thread in threads), f"every worker stopped before saving: {list(heard)}"
        assert time.monotonic() < give_up_at, f"the saves did not get under way in {WAIT_SECONDS} s: {list(heard)}"
        time.sleep(0.05)  # not Event().wait(timeout): under libfaketime a timed wait never wakes
    close_cycle(seeded_engine, authenticate(seeded_engine, "ketua", DEMO_PASSWORD), 2025)
    when_closed = answers_of_2025(seeded_engine)
    for thread in threads:
        thread.join(timeout=WAIT_SECONDS)  # each worker stops at its first refusal: the cycle is closed
    assert not any(thread.is_alive() for thread in threads), "a worker still saves after the cycle closed"
    assert answers_of_2025(seeded_engine) == when_closed
    errors = [line for line in heard if line.startswith("error")]
    assert len(errors) == len(work)
    assert all(line.split()[2].rstrip(":") in SPOKEN for line in errors), errors


def at_once(count: int, action) -> list[BaseException | None]:
    """Runs action(i) in count threads released together; what each raised (None: went through)."""
    gate = threading.Barrier(count)
    outcomes: list[BaseException | None] = [None] * count

    def run(i: int) -> None:
        gate.wait(timeout=WAIT_SECONDS)
        try:
            action(i)
        except BaseException as error:  # noqa: BLE001 - the test looks at each
            outcomes[i] = error
    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=WAIT_SECONDS)
    assert not any(thread.is_alive() for thread in threads), f"an action did not finish in {WAIT_SECONDS} s"
    return outcomes


def test_the_same_first_file_sent_eight_times_at_once_is_stored_once(seeded_engine):
    dp3a = authenticate(seeded_engine, "opd.dp3a", DEMO_PASSWORD)
    for code in yes_no_questions(seeded_engine, "opd.dp3a", 5, answered=False):
        pdf = samples.pdf(f"SK untuk {code}")
        outcomes = at_once(8, lambda i: upload_evidence(seeded_engine, dp3a, code, "sk.pdf", pdf))  # noqa: B023  (at_once() joins every call before the loop moves on)
        assert outcomes.count(None) >= 1
        assert all(isinstance(o, (InvalidInput, WriteConflict)) for o in outcomes if o is not None), outcomes
        with unit_of_work(seeded_engine, read_only=True) as session:
            current = session.scalar(select(func.count()).select_from(EvidenceFile).join(Answer)
                                     .join(Question, Answer.question_id == Question.id)
                                     .join(ReportingUnit, Answer.reporting_unit_id == ReportingUnit.id)
                                     .join(EvaluationCycle, Answer.cycle_id == EvaluationCycle.id)
                                     .where(Question.code == code, ReportingUnit.short_name == "dp3a",
                                            EvaluationCycle.year == 2025, EvidenceFile.superseded.is_(False)))
        assert current == 1
        assert answer_rows(seeded_engine, "dp3a", code) == 1


def test_the_same_first_answer_sent_eight_times_at_once_is_stored_once(seeded_engine):
    dinkes = authenticate(seeded_engine, "opd.dinkes", DEMO_PASSWORD)
    for code in yes_no_questions(seeded_engine, "opd.dinkes", 3, answered=False):
        outcomes = at_once(8, lambda i: save_draft(seeded_engine, dinkes, code, AnswerValue(bool_value=True),  # noqa: B023  (at_once() joins every call before the loop moves on)
                                                   f"percobaan {i}", None))
        assert outcomes.count(None) == 1
        assert all(isinstance(o, DomainError) for o in outcomes if o is not None), outcomes
        assert answer_rows(seeded_engine, "dinkes", code) == 1
