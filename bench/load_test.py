"""N people at once on one Streamlit server, each in their own Chromium: they arrive half a second
apart, open the sign-in page, sign in (an argon2 hash, by design), open a question on Isian Saya,
answer it Ya and save the draft, and keep their page open until the last one is done. Prints
p50/p95 per action as each browser saw it, the server's own script runs meanwhile (KLA_RUN_LOG:
the server's part of each action, apart from the browsers' rendering on the same machine),
errors, and the server's memory before, at its peak and after everyone has left (the server
forgets a closed session after --server.disconnectedSessionTTL, set to 15 s here; the default is
120 s). The browsers run at a lower CPU priority (BROWSER_NICE) than the server.

    .venv/bin/python bench/load_test.py DATABASE_URL [--users 20]

The database is used as it is (answers are saved): give it a copy. Needs Debian's chromium.
Each person is a Kota Kupang OPD account with an open yes/no question of the open cycle."""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "e2e")]

from playwright.sync_api import expect, sync_playwright  # noqa: E402  (after the sys.path line above)
from sqlalchemy import select  # noqa: E402  (after the sys.path line above)

from app_server import Server  # noqa: E402  (after the sys.path line above)
from browser_helpers import open_app, open_question, script_run, sign_in, wait_for_app  # noqa: E402  (after the sys.path line above)
from data.actor import signed_in_user  # noqa: E402  (after the sys.path line above)
from data.db import (  # noqa: E402  (after the sys.path line above, which makes the project importable)
    make_engine,
    unit_of_work,
)
from data.models import User  # noqa: E402  (after the sys.path line above)
from data.services.entry.sheet import entry_sheet  # noqa: E402  (after the sys.path line above)

CHROMIUM = "/usr/bin/chromium"
ACTIONS = ("buka halaman masuk", "masuk", "buka pertanyaan", "simpan draf")
SESSION_TTL_S = 15
ARRIVAL_S = 0.5
BROWSER_NICE = 19
"""The browsers' CPU priority (Linux nice): the server, at 0, gets the CPU first, as it would on a
machine of its own; the browsers still share what is left, and their rendering is in the times."""


def people(url: str, count: int) -> list[tuple[str, str]]:
    """(username, question code) for `count` people: Kota Kupang's OPD accounts in turn, each
    person with a different open yes/no question (two people may share an account, as colleagues do)."""
    engine = make_engine(url)
    open_codes = []
    with unit_of_work(engine, read_only=True) as session:
        users = session.scalars(select(User).where(User.username.like("opd.%"), User.active.is_(True),
                                                   User.username.not_like("opd.%.%")).order_by(User.username)).all()
        actors = [signed_in_user(user) for user in users]
    for actor in actors:
        rows = entry_sheet(engine, actor).rows
        open_questions = rows[rows["editable"] & rows["answer_type"].eq("yes_no") & rows["status"].eq("not_started")]
        if len(open_questions):
            open_codes.append((actor.username, list(open_questions["question_code"])))
    engine.dispose()
    chosen = [(username, codes[turn]) for turn in range(max(len(c) for _, c in open_codes))
              for username, codes in open_codes if turn < len(codes)]
    if len(chosen) < count:
        raise SystemExit(f"only {len(chosen)} open yes/no questions; ask for fewer people")
    return chosen[:count]


def memory_mb(server: Server) -> float:
    for line in Path(f"/proc/{server.process.pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def cpu_seconds(server: Server) -> float:
    fields = Path(f"/proc/{server.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def one_person(address: str, username: str, code: str, arrival: float, timings: dict, errors: list,
               start: threading.Barrier, done: threading.Barrier):
    def timed(action: str, step) -> None:
        began = time.perf_counter()
        step()
        timings[action].append(time.perf_counter() - began)

    try:
        os.setpriority(os.PRIO_PROCESS, 0, BROWSER_NICE)  # this thread, and the browser it starts
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--headless"])
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            start.wait()
            time.sleep(arrival)
            try:
                act(page, address, username, code, timed, errors)
            finally:
                done.wait()
            browser.close()
    except Exception as error:  # noqa: BLE001 - every failure of a person is counted, the others go on
        errors.append(f"{username}: {type(error).__name__}: {str(error).splitlines()[0][:200]}")


def act(page, address: str, username: str, code: str, timed, errors: list) -> None:
    """One person's four actions; a failure is counted as that person's error."""
    question = None

    def open_it():
        nonlocal question
        question = open_question(page, code)

    def save():
        with script_run(page):
            question.get_by_role("radiogroup").get_by_text("Ya", exact=True).click()
        with script_run(page):
            question.get_by_role("button", name="Simpan draf").click()
        expect(question.get_by_text(f"Pertanyaan {code} disimpan sebagai draf.")).to_be_visible()

    try:
        timed(ACTIONS[0], lambda: open_app(page, f"{address}/masuk"))
        timed(ACTIONS[1], lambda: (sign_in(page, username),
                                   expect(page.get_by_role("heading", name="Isian Saya")).to_be_visible()))
        timed(ACTIONS[2], open_it)
        timed(ACTIONS[3], save)
        wait_for_app(page)
        if page.locator("[data-testid='stException']").count():
            errors.append(f"{username}: {page.locator('[data-testid=stException]').first.inner_text()[:200]}")
    except Exception as error:  # noqa: BLE001 - every failure of a person is counted, the others go on
        errors.append(f"{username}: {type(error).__name__}: {str(error).splitlines()[0][:200]}")


def run(url: str, users: int) -> dict:
    chosen = people(url, users)
    folder = Path(tempfile.mkdtemp(prefix="kla-load-"))
    run_log = folder / "runs.tsv"
    server = Server(url, folder / "streamlit.log", {"KLA_RUN_LOG": str(run_log)},
                    ("--server.disconnectedSessionTTL", str(SESSION_TTL_S)))
    try:
        open_app_warm(server.url)
        time.sleep(2)
        before = memory_mb(server)
        peak = [before]
        stop = threading.Event()

        def sample():
            while not stop.is_set():
                peak[0] = max(peak[0], memory_mb(server))
                time.sleep(0.2)
        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        timings = {action: [] for action in ACTIONS}
        errors: list[str] = []
        start, done = threading.Barrier(users, timeout=600), threading.Barrier(users, timeout=1200)
        threads = [threading.Thread(target=one_person, args=(server.url, u, c, n * ARRIVAL_S, timings, errors,
                                                             start, done))
                   for n, (u, c) in enumerate(chosen)]
        run_log.write_text("")
        cpu_before = cpu_seconds(server)
        began_at = time.time()
        began = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - began
        logged = [[float(field) for field in line.split("\t")] for line in run_log.read_text().splitlines()]
        runs = [wall for end, wall, _ in logged if end >= began_at]
        cpu = [used for end, _, used in logged if end >= began_at]
        server_cpu_s = cpu_seconds(server) - cpu_before
        stop.set()
        sampler.join()
        time.sleep(SESSION_TTL_S + 10)
        after = memory_mb(server)
    finally:
        server.stop()
    return {"users": users, "seconds": elapsed, "errors": errors, "memory_before_mb": before,
            "server_runs": {"count": len(runs), "p50_ms": statistics.median(runs) if runs else None,
                            "p95_ms": _p95(runs), "max_ms": max(runs, default=None),
                            "cpu_p50_ms": statistics.median(cpu) if cpu else None, "cpu_p95_ms": _p95(cpu),
                            "process_cpu_s": server_cpu_s, "machine_cpu_s": elapsed * (os.cpu_count() or 1)},
            "memory_peak_mb": peak[0], "memory_after_mb": after,
            "actions": {action: {"p50": statistics.median(t) if t else None, "p95": _p95(t), "count": len(t)}
                        for action, t in timings.items()}}


def open_app_warm(address: str) -> None:
    """One visit first, so that the engine and the first-run work are not counted as load."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--headless"])
        page = browser.new_page()
        open_app(page, f"{address}/masuk")
        browser.close()


def _p95(values: list[float]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--users", type=int, default=20)
    args = parser.parse_args()
    result = run(args.url, args.users)
    print(f"{result['users']} people at once, {result['seconds']:.1f} s, {len(result['errors'])} errors")
    for action, figures in result["actions"].items():
        print(f"  {action:20} p50 {figures['p50'] or 0:6.2f} s  p95 {figures['p95'] or 0:6.2f} s  ({figures['count']})")
    runs = result["server_runs"]
    print(f"  server script runs: {runs['count']}, p50 {runs['p50_ms'] or 0:.0f} ms, p95 {runs['p95_ms'] or 0:.0f} ms, "
          f"max {runs['max_ms'] or 0:.0f} ms; CPU per run p50 {runs['cpu_p50_ms'] or 0:.0f} ms, "
          f"p95 {runs['cpu_p95_ms'] or 0:.0f} ms; the server used {runs['process_cpu_s']:.0f} of the machine's "
          f"{runs['machine_cpu_s']:.0f} CPU seconds")
    print(f"  server memory: {result['memory_before_mb']:.0f} MB before, {result['memory_peak_mb']:.0f} MB peak, "
          f"{result['memory_after_mb']:.0f} MB after")
    for error in result["errors"]:
        print(f"  error: {error}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
