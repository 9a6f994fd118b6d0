"""The Excel route's speed: export of DP3A's template, dry run and apply of it fully filled, the same
for a unit answering the whole catalog (274 questions), a file at the row limit (2 000 rows) and
a sheet of 100 000 rows, which must be refused without being read.

    .venv/bin/python bench/bench_entry_workbook.py [--repeat 3]

Works on a fresh copy of the demo in a temporary folder; prints seconds (best of --repeat).
"""
import argparse
import io
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from openpyxl import Workbook, load_workbook
from sqlalchemy import select

from data.db import make_engine, migrate, unit_of_work
from data.files.entry_workbook import COLUMN_INDEX, FIRST_DATA_ROW
from data.models import Assignment, Question, Region, ReportingUnit
from data.services.accounts.auth import command_line_user
from data.services.entry.entry_workbook import MAX_DATA_ROWS, export_template, import_entries
from indicators.catalog import load_default_catalog
from seed.demo import seed_demo

YEAR = 2025


def best(repeat: int, action) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - started)
    return min(times), result


def filled(template: bytes) -> bytes:
    """Every open row answered, as a busy focal point would before the deadline."""
    book = load_workbook(io.BytesIO(template))
    sheet = book["Jawaban"]
    catalog = load_default_catalog()
    for line in range(FIRST_DATA_ROW, sheet.max_row + 1):
        status = str(sheet.cell(line, COLUMN_INDEX["status"] + 1).value)
        if not (status == "belum diisi" or status == "draf" or status.startswith("dikembalikan")):
            continue
        kind = sheet.cell(line, COLUMN_INDEX["type"] + 1).value
        cell = lambda key: sheet.cell(line, COLUMN_INDEX[key] + 1)  # noqa: E731, B023  (a short name for a cell of this row, used in this iteration only)
        if kind == "Ya/Tidak":
            cell("answer").value = "Tidak" if cell("answer").value == "Ya" else "Ya"
        elif kind == "Pilihan":
            labels = [o.label.id for o in catalog.question(sheet.cell(line, 1).value).answer.options]
            cell("answer").value = labels[-1] if cell("answer").value != labels[-1] else labels[0]
        elif kind == "Persentase":
            cell("numerator").value, cell("denominator").value = 37, 120
        elif kind == "Jumlah":
            cell("count").value = 4
        cell("note").value = "Diisi lewat Excel untuk uji kecepatan."
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def at_row_limit(template: bytes) -> bytes:
    book = load_workbook(io.BytesIO(template))
    sheet = book["Jawaban"]
    for number in range(MAX_DATA_ROWS - (sheet.max_row - FIRST_DATA_ROW + 1)):
        sheet.append([f"X{number}", None, None, None, None, None, None, None, "Ya"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def hundred_thousand_rows(template: bytes) -> bytes:
    source = load_workbook(io.BytesIO(template), read_only=True)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Jawaban")
    for row in source["Jawaban"].iter_rows(max_row=3, values_only=True):
        sheet.append(row)
    for number in range(100_000):
        sheet.append([f"X{number}", None, None, None, None, None, None, None, "Ya"])
    meta = book.create_sheet("meta")
    for row in source["meta"].iter_rows(values_only=True):
        meta.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def assign_whole_catalog(engine, unit_short_name: str) -> None:
    with unit_of_work(engine) as session:
        region = session.scalar(select(Region).where(Region.code == "53.71"))
        unit = session.scalar(select(ReportingUnit).where(ReportingUnit.short_name == unit_short_name))
        have = set(session.scalars(select(Assignment.question_id).where(Assignment.reporting_unit_id == unit.id)))
        for question_id in session.scalars(select(Question.id)):
            if question_id not in have:
                session.add(Assignment(region_id=region.id, question_id=question_id, reporting_unit_id=unit.id))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench_entry_workbook_"))
    try:
        url = f"sqlite:///{folder / 'demo.sqlite3'}"
        started = time.perf_counter()
        migrate(url)
        engine = make_engine(url)
        seed_demo(engine, neighbours=False)
        print(f"demo database ready in {time.perf_counter() - started:.1f} s")
        user = command_line_user(engine, "opd.dp3a")

        seconds, template = best(args.repeat, lambda: export_template(engine, user, "dp3a", YEAR))
        rows = load_workbook(io.BytesIO(template), read_only=True)["Jawaban"].max_row - FIRST_DATA_ROW + 1
        print(f"export DP3A template ({rows} questions, {len(template) / 1024:.0f} KB): {seconds:.3f} s")
        content = filled(template)
        seconds, result = best(args.repeat, lambda: import_entries(engine, user, content, dry_run=True))
        assert not result.problems, result.problems[:5]
        print(f"dry run DP3A, fully filled ({len(result.changes)} changes): {seconds:.3f} s")
        seconds, result = best(1, lambda: import_entries(engine, user, content, dry_run=False))
        assert result.applied, result.problems[:5]
        print(f"apply DP3A ({len(result.changes)} answers saved in one transaction): {seconds:.3f} s")

        assign_whole_catalog(engine, "dinsos")
        dinsos = command_line_user(engine, "opd.dinsos")
        seconds, whole = best(args.repeat, lambda: export_template(engine, dinsos, "dinsos", YEAR))
        print(f"export of a unit answering the whole catalog (274 questions): {seconds:.3f} s")
        whole_filled = filled(whole)
        seconds, result = best(args.repeat, lambda: import_entries(engine, dinsos, whole_filled, dry_run=True))
        assert not result.problems, result.problems[:5]
        print(f"dry run, whole catalog ({len(result.changes)} changes): {seconds:.3f} s")
        seconds, result = best(1, lambda: import_entries(engine, dinsos, whole_filled, dry_run=False))
        print(f"apply, whole catalog ({len(result.changes)} answers): {seconds:.3f} s")

        limit = at_row_limit(export_template(engine, user, "dp3a", YEAR))
        seconds, result = best(args.repeat, lambda: import_entries(engine, user, limit, dry_run=True))
        print(f"dry run of a {MAX_DATA_ROWS}-row file ({len(limit) / 1024:.0f} KB; {result.rows_read} rows read, "
              f"{len(result.problems)} problems listed): {seconds:.3f} s")

        huge = hundred_thousand_rows(template)
        seconds, result = best(args.repeat, lambda: import_entries(engine, user, huge, dry_run=True))
        print(f"refusal of a 100 000-row sheet ({len(huge) / 1024 / 1024:.1f} MB): {seconds:.3f} s "
              f"- {result.problems[0]}")
        engine.dispose()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
