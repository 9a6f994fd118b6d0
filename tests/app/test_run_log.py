"""ui/run_log: one line per script run only when KLA_RUN_LOG names a file, also for a run that
stops early (st.stop raises)."""
import pytest

from ui import run_log


class Stopped(Exception):
    pass


def test_a_run_is_logged_only_when_asked(tmp_path, monkeypatch):
    log = tmp_path / "runs.tsv"
    monkeypatch.delenv(run_log.SETTING, raising=False)
    with run_log.timed_run():
        pass
    assert not log.exists()
    monkeypatch.setenv(run_log.SETTING, str(log))
    with run_log.timed_run():
        sum(range(10_000))
    with pytest.raises(Stopped):
        with run_log.timed_run():
            raise Stopped()
    lines = log.read_text().splitlines()
    assert len(lines) == 2
    for line in lines:
        end, wall, cpu = (float(field) for field in line.split("\t"))
        assert end > 1.7e9 and wall >= 0 and cpu >= 0
