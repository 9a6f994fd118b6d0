"""Report generation for the Kota Kupang demo: the data read, the group chart (vl-convert), the PDF
and the XLSX, for a closed cycle (2024) and the open one (2025).

    .venv/bin/python bench/bench_reports.py [--repeat 3] [--database sqlite:////tmp/x.sqlite3]

Without --database, the demo is seeded into a temporary SQLite file first (not timed). Prints the
median seconds of each step and the file sizes.
"""
import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from data.actor import COMMAND_LINE
from data.db import make_engine, migrate
from data.files.report_charts import readings_bars_png
from data.files.report_pdf import pdf_report
from data.files.report_xlsx import xlsx_report
from data.services.scoring.reports import report_data
from seed.demo import seed_demo


def timed(step, repeat: int):
    seconds, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = step()
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds), result


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--database", help="an existing database with the demo (default: seed a temporary one)")
    args = parser.parse_args()
    folder = tempfile.TemporaryDirectory()
    url = args.database
    if url is None:
        url = f"sqlite:///{Path(folder.name) / 'demo.sqlite3'}"
        migrate(url)
        seed_demo(make_engine(url), neighbours=False)
    engine = make_engine(url)
    print(f"{'cycle':>6} {'data s':>8} {'chart s':>8} {'pdf s':>8} {'xlsx s':>8} {'pdf KB':>8} {'xlsx KB':>8}")
    for year in (2024, 2025):
        data_s, data = timed(lambda: report_data(engine, COMMAND_LINE, "53.71", year), args.repeat)  # noqa: B023  (timed() calls it before the loop moves on)
        chart_s, chart = timed(lambda: readings_bars_png(data.group_frame()), args.repeat)  # noqa: B023  (timed() calls it before the loop moves on)
        pdf_s, pdf = timed(lambda: pdf_report(data, chart), args.repeat)  # noqa: B023  (timed() calls it before the loop moves on)
        xlsx_s, xlsx = timed(lambda: xlsx_report(data), args.repeat)  # noqa: B023  (timed() calls it before the loop moves on)
        print(f"{year:>6} {data_s:>8.2f} {chart_s:>8.2f} {pdf_s:>8.2f} {xlsx_s:>8.2f} "
              f"{len(pdf) / 1024:>8.0f} {len(xlsx) / 1024:>8.0f}")
    print(f"PDF total = data + chart + pdf; XLSX total = data + xlsx (median of {args.repeat}).")
    engine.dispose()
    folder.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
