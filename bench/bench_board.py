"""The readiness board of a national deployment: the admin's board of a year (every hosted kab/kota)
and one province verifier's, timed and with the SQL statements they send, beside reading one
region's completeness (the per-region work the board must not repeat region by region).

    .venv/bin/python bench/bench_board.py [--regions 514] [--repeat 5] [--url URL]

Without --url a national data set is generated (bench/generate.py) in a temporary folder first.
Prints, per reading, the median seconds and the statements sent."""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(Path(__file__).resolve().parent)]

from generate import generate  # noqa: E402  (after the sys.path line above)
from sqlalchemy import event, select  # noqa: E402  (after the sys.path line above)

from data.actor import (  # noqa: E402  (after the sys.path line above, which makes the project importable)
    COMMAND_LINE,
    signed_in_user,
)
from data.db import make_engine, unit_of_work  # noqa: E402  (after the sys.path line above)
from data.models import User  # noqa: E402  (after the sys.path line above)
from data.services.accounts.auth import create_user  # noqa: E402  (after the sys.path line above)
from data.services.province.board import readiness_board  # noqa: E402  (after the sys.path line above)
from data.services.review.completeness import completeness_report  # noqa: E402  (after the sys.path line above)


def account(engine, username: str):
    with unit_of_work(engine) as session:
        return signed_in_user(session.scalar(select(User).where(User.username == username)))


def measure(engine, repeat: int, read) -> tuple[float, int]:
    statements = []
    listener = lambda *args: statements.append(1)  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    try:
        read()
        sent = len(statements)
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        read()
        times.append(time.perf_counter() - began)
    return statistics.median(times), sent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--regions", type=int, default=514)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--url")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as work:
        url = args.url or f"sqlite:///{Path(work) / 'national.sqlite3'}"
        engine = make_engine(url)
        if not args.url:
            began = time.perf_counter()
            generate(engine, args.regions, 2)
            print(f"generated {args.regions} regions in {time.perf_counter() - began:.0f} s")
        admin = account(engine, "admin")
        if account_missing(engine, "provinsi.jatim"):
            create_user(engine, COMMAND_LINE, "provinsi.jatim", "Verifikator Jawa Timur", "rahasia-jatim-2025",
                        "province", "35")
        province = account(engine, "provinsi.jatim")
        year = readiness_board(engine, admin).year
        rows = [
            ("board, admin (every region)", lambda: readiness_board(engine, admin, year)),
            ("board, province 35 (Jawa Timur)", lambda: readiness_board(engine, province, year)),
            ("completeness of Kota Kupang", lambda: completeness_report(engine, admin, year, "53.71")),
        ]
        print(f"year {year}; median of {args.repeat} warm runs")
        for name, read in rows:
            seconds, sent = measure(engine, args.repeat, read)
            print(f"{name:34} {seconds:8.3f} s  {sent:6d} statements")
        engine.dispose()
    return 0


def account_missing(engine, username: str) -> bool:
    with unit_of_work(engine) as session:
        return session.scalar(select(User.id).where(User.username == username)) is None


if __name__ == "__main__":
    sys.exit(main())
