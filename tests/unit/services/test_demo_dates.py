"""The demo reads the same on whichever day it is loaded (seed/, indicators/clock.py): Kota Kupang's
open 2025 cycle is 11 days from its deadline, Kabupaten Kupang 10 days past its own and late,
Belu's cycle closed, the province's reading three weeks old and the running actions still due:
loaded on a day in 2026, a leap day and the last day of 2030."""
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from data.db import make_engine, migrate, unit_of_work
from data.models import ActionPlan, Answer, EvaluationCycle, Region
from data.services.province.board import readiness_board
from data.services.review.completeness import completeness_report
from indicators import clock
from review_fixtures import account
from seed.demo import seed_demo


@pytest.fixture(params=[date(2026, 12, 19), date(2028, 2, 29), date(2030, 12, 31)], ids=str)
def demo_loaded_on(request, databases, tmp_path):
    """A database with the demo loaded on the day given, and the clock still on that day."""
    url = databases.empty(tmp_path, "hari.sqlite3")
    migrate(url)
    engine = make_engine(url)
    with clock.clock_at(request.param):
        seed_demo(engine)
        yield request.param, engine
    engine.dispose()
    databases.drop(url)


def test_the_demo_keeps_its_story_on_any_day(demo_loaded_on):
    day, engine = demo_loaded_on
    with unit_of_work(engine, read_only=True) as session:
        deadlines = dict(session.execute(
            select(Region.code, EvaluationCycle.deadline).join(Region).where(EvaluationCycle.year == 2025)).all())
        due = sorted(session.scalars(select(ActionPlan.due_date).where(ActionPlan.status != "done")))
        read_at = set(session.scalars(select(Answer.province_at).where(Answer.province_at.is_not(None))))
    assert deadlines == {"53.71": day + timedelta(days=11), "53.01": day - timedelta(days=10),
                         "53.04": day - timedelta(days=68)}
    assert max(due) == day + timedelta(days=24)  # the running actions are not all overdue
    assert {moment.date() for moment in read_at} == {day - timedelta(days=21)}

    report = completeness_report(engine, account(engine, "ketua"), 2025)
    assert report.days_left == 11
    board = readiness_board(engine, account(engine, "provinsi.ntt"), 2025).regions.set_index("region_code")
    assert board.loc["53.01", "late_units"] > 0  # after its deadline, with questions still open
    assert board.loc["53.71", "late_units"] == 0 and board.loc["53.04", "late_units"] == 0
