"""A deadline day on the default SQLite database: many OPD operators saving drafts at once.

    .venv/bin/python bench/bench_deadline_writes.py [--threads 20] [--processes 1] [--seconds 20] [--url URL]

Every worker signs in as an OPD of the demo and saves its own questions over and over (reading the
version it saves against, as the page does) for the given time. Prints saves tried, saved, refused
as busy (what a person would see as "database is locked" before writers took turns), other errors,
and answers lost (the stored note differs from the worker's last saved one), with save latencies.
Without --url it builds a fresh copy of the demo in a temporary folder.
"""
import argparse
import collections
import multiprocessing
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import os

os.environ.setdefault("KLA_ARGON2_FAST", "1")

import pandas as pd

from bootstrap import ensure_database
from data.db import make_engine
from data.errors import DatabaseBusy, DomainError
from data.services.accounts.auth import authenticate
from data.services.entry.answers import save_draft
from data.services.entry.sheet import entry_sheet
from indicators.answers import AnswerValue
from seed.kupang import DEMO_PASSWORD

OPDS = ["opd.dp3a", "opd.dinkes", "opd.dinsos", "opd.disdukcapil", "opd.disdikbud", "opd.bappeda", "opd.uptd_ppa"]


def plan(url: str, workers: int) -> list[tuple[str, str]]:
    """(username, question code) per worker: each worker its own editable yes/no question."""
    engine = make_engine(url)
    pairs, used = [], set()
    for username in OPDS:
        try:
            user = authenticate(engine, username, DEMO_PASSWORD)
        except DomainError:
            continue
        sheet = entry_sheet(engine, user)
        rows = sheet.rows[sheet.rows["editable"]]
        for row in rows.itertuples():
            is_yes_no = sheet.catalog.question(row.question_code).answer.type == "yes_no"
            if is_yes_no and (username, row.question_code) not in used:
                used.add((username, row.question_code))
                pairs.append((username, row.question_code))
    engine.dispose()
    if len(pairs) < workers:
        raise SystemExit(f"only {len(pairs)} editable yes/no questions for {workers} workers")
    return pairs[:workers]


def work(url: str, username: str, code: str, seconds: float, out) -> None:
    engine = make_engine(url)
    user = authenticate(engine, username, DEMO_PASSWORD)
    tried = saved = busy = other = 0
    kinds = collections.Counter()
    last_note, latencies = None, []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        rows = entry_sheet(engine, user).rows
        version = rows.loc[rows["question_code"] == code, "version"].iloc[0]
        version = None if pd.isna(version) else int(version)
        note = f"{username} {code} {tried}"
        tried += 1
        started = time.perf_counter()
        try:
            save_draft(engine, user, code, AnswerValue(bool_value=tried % 2 == 0), note, version)
            saved += 1
            last_note = note
        except DatabaseBusy:
            busy += 1
        except Exception as error:  # noqa: BLE001 - counted, the figure is the point
            other += 1
            kinds[type(error).__name__] += 1
        latencies.append(time.perf_counter() - started)
    rows = entry_sheet(engine, user).rows
    stored = rows.loc[rows["question_code"] == code, "note"].iloc[0]
    out.put((tried, saved, busy, other, int(last_note is not None and stored != last_note), latencies, kinds))
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=20)
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--url")
    args = parser.parse_args()
    url = args.url
    if url is None:
        folder = tempfile.mkdtemp(prefix="kla-bench-")
        url = f"sqlite:///{folder}/pantau_kla.sqlite3"
        ensure_database(url).dispose()
    workers = args.threads * args.processes
    pairs = plan(url, workers)
    out = multiprocessing.Queue()
    started = time.perf_counter()
    if args.processes == 1:
        runners = [threading.Thread(target=work, args=(url, u, c, args.seconds, out)) for u, c in pairs]
    else:
        chunks = [pairs[i::args.processes] for i in range(args.processes)]
        runners = [multiprocessing.Process(target=_threads, args=(url, chunk, args.seconds, out)) for chunk in chunks]
    for runner in runners:
        runner.start()
    results = [out.get() for _ in range(workers)]
    for runner in runners:
        runner.join()
    wall = time.perf_counter() - started
    tried, saved, busy, other, lost = (sum(r[i] for r in results) for i in range(5))
    latencies = sorted(x for r in results for x in r[5])
    p95 = latencies[int(len(latencies) * 0.95)] if latencies else 0.0
    print(f"engine={url.split(':')[0]} workers={workers} ({args.processes} process(es)) seconds={wall:.1f}")
    print(f"tried={tried} saved={saved} busy={busy} other_errors={other} lost={lost} "
          f"saves_per_second={saved / wall:.1f}")
    kinds = sum((r[6] for r in results), collections.Counter())
    if kinds:
        print("other errors by kind: " + ", ".join(f"{k}={n}" for k, n in kinds.most_common()))
    print(f"save latency: median={statistics.median(latencies) * 1000:.0f} ms p95={p95 * 1000:.0f} ms "
          f"max={latencies[-1] * 1000:.0f} ms")


def _threads(url: str, chunk: list[tuple[str, str]], seconds: float, out) -> None:
    threads = [threading.Thread(target=work, args=(url, u, c, seconds, out)) for u, c in chunk]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


if __name__ == "__main__":
    main()
