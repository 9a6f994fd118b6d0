"""Small files that cost much to read, sent through every route that reads an uploaded
spreadsheet or CSV, each route in a process of its own on a fresh copy of the demo:

    .venv/bin/python bench/bench_file_bombs.py

Prints per file and route: the outcome, seconds, growth of the peak resident memory (MB) and the
length of the message a person would see. The files are made by tests/unit/spreadsheet_bombs.py;
the routes are run by tests/unit/file_route.py (which the tests use with a memory limit)."""
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "unit")]
os.environ.setdefault("KLA_ARGON2_FAST", "1")

import spreadsheet_bombs as bombs  # noqa: E402  (after the sys.path line above)
from bootstrap import ensure_database  # noqa: E402  (after the sys.path line above)

CASE_COLUMNS = "tahun,kelompok_korban,jenis_kekerasan,jenis_kelamin,kelompok_umur,penyebab,sumber,tempat,layanan,jumlah"


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="kla-bombs-"))
    demo = folder / "demo.sqlite3"
    ensure_database(f"sqlite:///{demo}").dispose()
    files = {}
    for name in ("huge_header_cell", "huge_shared_string", "wide_row", "entity_expansion"):
        files[name] = (folder / f"{name}.xlsx", ["units", "entries", "accounts", "catalog"])
        files[name][0].write_bytes(getattr(bombs, name)())
    long_field = folder / "long_field.csv"
    long_field.write_text(f"{CASE_COLUMNS}\n2024,anak,{'x' * 200_000},p,0-5,lain,simfoni,,,1\n")
    files["long_field"] = (long_field, ["cases"])
    print(f"{'file':20} {'KB':>5} {'route':9} {'outcome':10} {'seconds':>8} {'+MB':>7} {'msg chars':>9}")
    for name, (path, routes) in files.items():
        for route in routes:
            copy = folder / "copy.sqlite3"
            shutil.copyfile(demo, copy)
            done = subprocess.run([sys.executable, str(ROOT / "tests" / "unit" / "file_route.py"), route, str(path),
                                   f"sqlite:///{copy}"], capture_output=True, text=True, timeout=900)
            if done.returncode != 0 or not done.stdout.strip():
                print(f"{name:20} {route:9} crashed: {done.stderr.strip().splitlines()[-1:]}")
                continue
            r = json.loads(done.stdout.splitlines()[-1])
            print(f"{name:20} {path.stat().st_size // 1024:>5} {route:9} {r['outcome']:10} {r['seconds']:>8.2f} "
                  f"{r['rss_growth_mb']:>7.1f} {r['message_chars']:>9}")
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
