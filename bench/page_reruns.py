"""Every page's server-side rerun as Kota Kupang's users see it, at demo size and at national size,
measured interleaved in one process (AppTest runs the page script as the server would, without a
browser). For each page: the cold render (data caches emptied, the engine kept), the median of
warm reruns, and the SQL statements each sends; a page that only writes its title is the
machine's yardstick.

    .venv/bin/python bench/page_reruns.py DEMO_URL NATIONAL_URL [--repeat 7]

bench/run.py calls it as part of the whole benchmark."""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402  (after the sys.path line above)
from sqlalchemy import Engine, event  # noqa: E402  (after the sys.path line above)
from streamlit.testing.v1 import AppTest  # noqa: E402  (after the sys.path line above)

APP = str(ROOT / "pantau.py")
PASSWORD = "KlaKupang2024!"
KUPANG = "53.71"
# page file, who opens it (None: a visitor), label
PAGES = [
    ("app_pages/public_summary.py", None, "Ringkasan publik"),
    ("app_pages/public_indicator.py", None, "Indikator publik"),
    ("app_pages/public_kelana.py", None, "Kelana Dekela publik"),
    ("app_pages/public_cases.py", None, "Data kasus publik"),
    ("app_pages/entry.py", "opd.dp3a", "Isian Saya (OPD)"),
    ("app_pages/completeness.py", "ketua", "Kelengkapan"),
    ("app_pages/review.py", "ketua", "Verifikasi"),
    ("app_pages/scores.py", "ketua", "Nilai dan Predikat"),
    ("app_pages/indicator_detail.py", "ketua", "Rincian indikator"),
    ("app_pages/kelana.py", "ketua", "Kelana Dekela"),
    ("app_pages/cases.py", "sekretariat", "Data kasus"),
    ("app_pages/units.py", "sekretariat", "Unit pelapor"),
    ("app_pages/cycles.py", "sekretariat", "Siklus & penugasan"),
    ("app_pages/setup.py", "sekretariat", "Persiapan wilayah"),
    ("app_pages/users.py", "sekretariat", "Pengguna"),
    ("app_pages/instrument.py", "ketua", "Instrumen"),
    ("app_pages/regions.py", "admin", "Wilayah (admin, semua wilayah)"),
]
YARDSTICK = "import streamlit as st\nst.title('Pantau KLA')\n"


class StatementCounter:
    def __init__(self):
        self.count = 0
        event.listen(Engine, "before_cursor_execute", self._seen)

    def _seen(self, *args) -> None:
        self.count += 1


def _open(page: str, username: str | None, url: str) -> AppTest:
    os.environ["KLA_DATABASE_URL"] = url
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(APP, default_timeout=300)
    at.session_state["public_region"] = KUPANG  # a visitor of a deployment with several regions picks Kupang
    at.run()
    if page != "app_pages/public_summary.py":
        at.switch_page(page).run()
    if username:
        [field for field in at.text_input if field.label == "Nama pengguna"][0].input(username)
        [field for field in at.text_input if field.label == "Kata sandi"][0].input(PASSWORD)
        [button for button in at.button if button.label == "Masuk"][0].click().run()
        at.switch_page(page).run()
    if at.exception:
        raise RuntimeError(f"{page} as {username}: {[e.message for e in at.exception]}")
    return at


def _timed(at: AppTest, counter: StatementCounter) -> tuple[float, int]:
    before = counter.count
    started = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - started
    if at.exception:
        raise RuntimeError([e.message for e in at.exception])
    return elapsed * 1000, counter.count - before


def measure_page(page: str, username: str | None, url: str, repeat: int, counter: StatementCounter) -> dict:
    at = _open(page, username, url)
    st.cache_data.clear()
    cold_ms, cold_sql = _timed(at, counter)
    warm = [_timed(at, counter) for _ in range(repeat)]
    return {"cold_ms": cold_ms, "cold_sql": cold_sql, "warm_ms": statistics.median(w[0] for w in warm),
            "warm_sql": max(w[1] for w in warm)}


def yardstick(repeat: int) -> float:
    at = AppTest.from_string(YARDSTICK).run()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        at.run()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def measure(demo_url: str, national_url: str, repeat: int = 7, pages=PAGES) -> tuple[float, list[dict]]:
    """(yardstick ms, one row per page with both sizes), demo and national interleaved per page."""
    counter = StatementCounter()
    rows = []
    ruler = yardstick(repeat)
    for page, username, label in pages:
        demo = measure_page(page, username, demo_url, repeat, counter)
        national = measure_page(page, username, national_url, repeat, counter)
        rows.append({"page": label, "user": username or "(publik)", "demo": demo, "national": national,
                     "ratio": national["warm_ms"] / demo["warm_ms"]})
        print(f"  {label:24} warm {demo['warm_ms']:6.0f} -> {national['warm_ms']:6.0f} ms "
              f"(x{rows[-1]['ratio']:.2f}), cold {national['cold_ms']:6.0f} ms, "
              f"SQL {demo['warm_sql']}/{national['warm_sql']} warm, {demo['cold_sql']}/{national['cold_sql']} cold",
              file=sys.stderr, flush=True)
    return ruler, rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("demo_url")
    parser.add_argument("national_url")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--page", action="append", help="only these page files")
    args = parser.parse_args()
    pages = [p for p in PAGES if not args.page or p[0] in args.page]
    ruler, rows = measure(args.demo_url, args.national_url, args.repeat, pages)
    print(f"yardstick {ruler:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
