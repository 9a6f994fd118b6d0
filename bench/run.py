"""The whole performance benchmark in one run, written to bench/RESULTS.md:

    .venv/bin/python bench/run.py [--regions 514] [--users 20] [--repeat 7] [--work DIR]
                                  [--demo-url URL --national-url URL]   (PostgreSQL: empty databases)

1. a fresh demo database and a national one (bench/generate.py, --regions kab/kota) in --work;
2. every page's cold and warm server-side rerun as Kota Kupang's users at both sizes, with SQL
   statements per rerun and a title-only page as the machine's yardstick (bench/page_reruns.py);
3. scoring every region against only reading its answers (bench/score_all.py);
4. a fresh install's first start to the public summary, and a restart (bench/first_start.py);
5. --users people at once in Chromium on one server over a copy of the national database
   (bench/load_test.py).
Each figure is set beside its target (issue: performance at national scale). Needs Debian's
chromium. Takes about ten minutes on 2 cores."""
from __future__ import annotations

import argparse
import os
import platform
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = Path(__file__).resolve().parent
sys.path[:0] = [str(ROOT), str(BENCH)]

import first_start  # noqa: E402  (after the sys.path line above)
import load_test  # noqa: E402  (after the sys.path line above)
import page_reruns  # noqa: E402  (after the sys.path line above)
import score_all  # noqa: E402  (after the sys.path line above)
from generate import generate  # noqa: E402  (after the sys.path line above)

from indicators import clock  # noqa: E402  (after the sys.path line above)

COMMAND = ".venv/bin/python bench/run.py"
WARM_RATIO, WARM_MS, COLD_MS, OVERVIEW_MS = 1.2, 250, 1500, 500
SCORE_RATIO, FIRST_START_S, P95_S, MEMORY_GROWTH_MB = 1.5, 10, 2, 100
NOTES = "\n## Notes\n"
"""What follows this heading in RESULTS.md is written by people (causes, what remains) and kept."""


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory_gb = int(next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                         if line.startswith("MemTotal"))) / 1024 / 1024
    return f"{os.cpu_count()} cores ({cpu}), {memory_gb:.0f} GiB, Python {platform.python_version()}"


def commit() -> str:
    done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                           capture_output=True, text=True).stdout.strip()
    return done.stdout.strip() + (" (with uncommitted changes)" if dirty else "")


def verdict(met: bool) -> str:
    return "met" if met else "**missed**"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--regions", type=int, default=514)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--work", default=None, help="folder for the databases (default: a temporary one)")
    parser.add_argument("--out", default=str(BENCH / "RESULTS.md"))
    parser.add_argument("--demo-url", help="an EMPTY database for the demo (default: SQLite in --work)")
    parser.add_argument("--national-url", help="an EMPTY database for the national set (default: SQLite in --work)")
    args = parser.parse_args()
    work = Path(args.work or tempfile.mkdtemp(prefix="kla-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()

    from bootstrap import ensure_database
    from data.db import make_engine

    demo_url = args.demo_url or f"sqlite:///{work}/demo.sqlite3"
    national_url = args.national_url or f"sqlite:///{work}/national.sqlite3"
    for url in (demo_url, national_url):
        if url.startswith("sqlite:///"):
            Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
    ensure_database(demo_url).dispose()
    print("generating the national data set...", file=sys.stderr, flush=True)
    engine = make_engine(national_url)
    counts = generate(engine, args.regions)
    engine.dispose()
    ensure_database(national_url).dispose()  # the start-time work (freezing published figures) done

    print("page reruns...", file=sys.stderr, flush=True)
    yardstick, pages = page_reruns.measure(demo_url, national_url, args.repeat)
    print("scoring...", file=sys.stderr, flush=True)
    scoring = score_all.measure(national_url)
    print("first start...", file=sys.stderr, flush=True)
    first, restart = first_start.measure()
    print("load test...", file=sys.stderr, flush=True)
    if national_url.startswith("sqlite:///"):
        load_copy = work / "load.sqlite3"
        for stale in (load_copy, work / "load.sqlite3-wal", work / "load.sqlite3-shm"):
            stale.unlink(missing_ok=True)
        with sqlite3.connect(national_url.removeprefix("sqlite:///")) as source, sqlite3.connect(load_copy) as copy:
            source.backup(copy)  # with what the write-ahead log holds, which a file copy would miss
        load = load_test.run(f"sqlite:///{load_copy}", args.users)
    else:  # the people's drafts stay in the national database given
        load = load_test.run(national_url, args.users)

    out = Path(args.out)
    kept = out.read_text().partition(NOTES)[2] if out.exists() and NOTES in out.read_text() else ""
    out.write_text(report(args, counts, yardstick, pages, scoring, first, restart, load,
                          time.perf_counter() - started) + (NOTES + kept if kept else ""))
    print(f"written to {args.out}", file=sys.stderr)
    return 0


def report(args, counts, yardstick, pages, scoring, first, restart, load, seconds) -> str:
    lines = [
        "# Performance at national scale",
        "",
        f"    {COMMAND}" + (f" --regions {args.regions}" if args.regions != 514 else "")
        + (f" --users {args.users}" if args.users != 20 else ""),
        "",
        f"Run {clock.now():%Y-%m-%d %H:%M} UTC on {machine()}, commit {commit()}, "
        f"{'PostgreSQL' if (args.national_url or '').startswith('postgresql') else 'SQLite'}, "
        f"{seconds / 60:.0f} minutes. The machine is shared: read the ratios (measured in the same run) "
        "before the milliseconds.",
        "",
        "## The national data set (bench/generate.py)",
        "",
        "| table | rows |",
        "|---|---:|",
        *[f"| {table} | {count:,} |" for table, count in counts.items()],
        "",
        "Kota Kupang is the shipped demo in both databases; the other kab/kota are generated.",
        "",
        "## Pages, as Kota Kupang's users (server-side rerun, AppTest)",
        "",
        f"Yardstick: a page that only writes its title reruns in {yardstick:.0f} ms. Warm: median of "
        f"{args.repeat} reruns with the caches filled; cold: the first run after the data caches were emptied "
        "(engine kept). SQL: statements per warm / cold rerun, demo / national.",
        "",
        f"| page | user | warm demo ms | warm national ms | national/demo | cold national ms | SQL warm | SQL cold "
        f"| target (≤{WARM_RATIO}x, <{WARM_MS} ms warm, <{COLD_MS} ms cold, SQL constant) |",
        "|---|---|---:|---:|---:|---:|---|---|---|",
    ]
    for row in pages:
        demo, national = row["demo"], row["national"]
        constant = demo["warm_sql"] == national["warm_sql"] and demo["cold_sql"] == national["cold_sql"]
        overview = row["page"].startswith("Wilayah")
        met = (national["warm_ms"] < OVERVIEW_MS if overview else
               row["ratio"] <= WARM_RATIO and national["warm_ms"] < WARM_MS) and national["cold_ms"] < COLD_MS \
            and (constant or overview)
        lines.append(
            f"| {row['page']} | {row['user']} | {demo['warm_ms']:.0f} | {national['warm_ms']:.0f} | "
            f"{row['ratio']:.2f} | {national['cold_ms']:.0f} | {demo['warm_sql']}/{national['warm_sql']} | "
            f"{demo['cold_sql']}/{national['cold_sql']} | {verdict(met)} |")
    lines += [
        "",
        f"The national overview is the admin's Wilayah page (every hosted kab/kota with its units and cycles): "
        f"target warm under {OVERVIEW_MS} ms, its size grows with the country by design.",
        "",
        "## Scoring every region (bench/score_all.py)",
        "",
        "| | seconds | peak memory MB |",
        "|---|---:|---:|",
        f"| reading the answers ({scoring['read']['count']:,} rows) | {scoring['read']['seconds']:.1f} | "
        f"{scoring['read']['peak_mb']:.0f} |",
        f"| scoring them ({scoring['score']['count']:,} region-cycles, `manage.py score-all`) | "
        f"{scoring['score']['seconds']:.1f} | {scoring['score']['peak_mb']:.0f} |",
        "",
        f"Scoring takes {scoring['ratio']:.2f}x the reading (target ≤{SCORE_RATIO}x: "
        f"{verdict(scoring['ratio'] <= SCORE_RATIO)}), 32 regions per pass, so memory stays bounded.",
        "",
        "## A fresh install (bench/first_start.py)",
        "",
        f"From `streamlit run app.py` on an empty database until a visitor's Chromium shows the public summary "
        f"with its predikat: {first:.1f} s (target ≤{FIRST_START_S} s: {verdict(first <= FIRST_START_S)}); "
        f"a restart on the same database: {restart:.1f} s.",
        "",
        f"## {load['users']} people at once (bench/load_test.py)",
        "",
        "One Streamlit process over a copy of the national database; each person in their own Chromium on "
        f"the same machine (at nice {load_test.BROWSER_NICE}, the server at 0), arriving {load_test.ARRIVAL_S} s "
        "apart, signs in as a Kota Kupang OPD, opens a question, answers it and saves the draft; every page "
        "stays open until the last person is done.",
        "",
        "| action | p50 s | p95 s | done |",
        "|---|---:|---:|---:|",
        *[f"| {action} | {f['p50'] or 0:.2f} | {f['p95'] or 0:.2f} | {f['count']} |"
          for action, f in load["actions"].items()],
        "",
    ]
    worst_p95 = max((f["p95"] or 0) for f in load["actions"].values())
    growth = load["memory_after_mb"] - load["memory_before_mb"]
    runs = load["server_runs"]
    lines += [
        f"The server's own script runs meanwhile (KLA_RUN_LOG): {runs['count']}, "
        f"wall p50 {runs['p50_ms'] or 0:.0f} ms, "
        f"p95 {runs['p95_ms'] or 0:.0f} ms, max {runs['max_ms'] or 0:.0f} ms; CPU per run p50 "
        f"{runs['cpu_p50_ms'] or 0:.0f} ms, p95 {runs['cpu_p95_ms'] or 0:.0f} ms. The server process used "
        f"{runs['process_cpu_s']:.0f} of the {runs['machine_cpu_s']:.0f} CPU seconds the machine had during the "
        "load (its cores times the load's duration).",
        "",
        f"Errors: {len(load['errors'])} (target 0: {verdict(not load['errors'])}). Worst p95 {worst_p95:.2f} s "
        f"(target <{P95_S} s: {verdict(worst_p95 < P95_S)}). Server memory {load['memory_before_mb']:.0f} MB before, "
        f"{load['memory_peak_mb']:.0f} MB at peak, {load['memory_after_mb']:.0f} MB "
        f"{load_test.SESSION_TTL_S + 10} s after everyone left: growth {growth:.0f} MB "
        f"(target <{MEMORY_GROWTH_MB} MB: {verdict(growth < MEMORY_GROWTH_MB)}).",
        "",
        *[f"- error: {error}" for error in load["errors"]],
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
