"""The one clock (indicators/clock.py): set by tests and by KLA_CLOCK, running or frozen, with
Indonesian days in the region's time zone."""
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta

import pytest

from indicators import clock


def test_a_set_clock_reads_the_moment_and_runs_on():
    with clock.clock_at(datetime(2029, 6, 1, 9, tzinfo=UTC)):
        first = clock.now()
        assert datetime(2029, 6, 1, 9, tzinfo=UTC) <= first < datetime(2029, 6, 1, 9, 1, tzinfo=UTC)
        assert clock.now() >= first
        assert clock.today() == date(2029, 6, 1)


def test_a_frozen_clock_stands_still_and_is_given_back():
    before = clock.now()
    with clock.clock_at(date(2030, 1, 2), frozen=True):
        assert clock.now() == clock.now() == datetime(2030, 1, 2, 2, tzinfo=UTC)  # 09:00 WIB
    assert abs(clock.now() - before) < timedelta(minutes=5)


@pytest.mark.parametrize("code, zone", [("31.71", "WIB"), ("53.71", "WITA"), ("53", "WITA"), ("91.71", "WIT"),
                                        ("61.01", "WIB"), (None, "WIB")])
def test_each_region_has_its_time_zone(code, zone):
    assert clock.zone_of(code).tzname(None) == zone


def test_a_day_turns_at_midnight_of_the_region():
    with clock.clock_at(datetime(2026, 12, 18, 16, 30, tzinfo=UTC), frozen=True):
        assert clock.today("53.71") == date(2026, 12, 19)  # 00:30 WITA in Kupang
        assert clock.today("31.71") == date(2026, 12, 18)  # 23:30 WIB in Jakarta


@pytest.mark.parametrize("wrong", ["19-12-2026", "besok", "2026-13-01"])
def test_a_wrong_setting_names_what_to_write(wrong):
    with pytest.raises(ValueError, match="KLA_CLOCK harus berupa tanggal ISO"):
        clock.parse_moment(wrong)


def test_kla_clock_sets_a_whole_process():
    shown = subprocess.run([sys.executable, "-c", "from indicators import clock; print(clock.today('53.71'))"],
                           capture_output=True, text=True, check=True, env={"KLA_CLOCK": "2029-06-01", "PATH": ""},
                           cwd=__file__.rsplit("/tests/", 1)[0])
    assert shown.stdout.strip() == "2029-06-01"
