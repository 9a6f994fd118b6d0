"""What the Kelana Dekela derivation costs a save: a kelurahan's save (which recomputes the city's
derived answers in the same transaction) against an OPD's save of a city question, on the Kupang
demo (6 kecamatan, 51 kelurahan) and on the same region grown to kabupaten scale (--desa extra
desa/kelurahan, every one answering its 13 questions).

    .venv/bin/python bench/bench_derivation.py [--repeat 5] [--desa 450]

Works on a fresh copy of the demo in a temporary folder; prints seconds (best of --repeat) and ratios.
"""
import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import select

from data.db import make_engine, migrate, unit_of_work
from data.models import Answer, EvaluationCycle, Question, Region, ReportingUnit
from data.services.accounts.auth import command_line_user
from data.services.catalog.catalog_admin import assign_by_data_source
from data.services.entry.answers import save_draft
from data.services.entry.sheet import entry_sheet
from data.services.kelana.derived_answers import recompute
from indicators.answers import AnswerValue
from seed.demo import seed_demo


def best(repeat: int, action) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return min(times)


def toggling_save(engine, user, code: str):
    """Each call flips the answer, so every save writes (an equal answer is skipped)."""
    state = {"value": True}

    def save():
        rows = entry_sheet(engine, user).rows
        version = rows.set_index("question_code").loc[code, "version"]
        save_draft(engine, user, code, AnswerValue(bool_value=state["value"]), None,
                   None if version is None or str(version) == "<NA>" else int(version))
        state["value"] = not state["value"]
    return save


def grow(engine, extra: int) -> None:
    """Add `extra` desa/kelurahan under the first kecamatan, each answering every 26.x question."""
    with unit_of_work(engine) as session:
        region = session.scalar(select(Region))
        parent = session.scalar(select(ReportingUnit).where(ReportingUnit.kind == "kecamatan"))
        cycle = session.scalar(select(EvaluationCycle).where(EvaluationCycle.year == 2025))
        units = [ReportingUnit(region_id=region.id, kind="kelurahan", short_name=f"kel_bench_{i}",
                               name=f"Desa Uji {i}", parent_id=parent.id) for i in range(extra)]
        session.add_all(units)
        session.flush()
        questions = list(session.scalars(select(Question.id).where(
            Question.catalog_version_id == cycle.catalog_version_id, Question.answered_by == "every_desa_kelurahan")))
        session.add_all(Answer(region_id=region.id, cycle_id=cycle.id, question_id=q, reporting_unit_id=u.id,
                               bool_value=(u.id + q) % 3 != 0, status="submitted", version=1)
                        for u in units for q in questions)
        assign_by_data_source(session, region, cycle.catalog_version)
        recompute(session, cycle)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--desa", type=int, default=450)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench_derivation_"))
    try:
        url = f"sqlite:///{folder / 'demo.sqlite3'}"
        migrate(url)
        engine = make_engine(url)
        seed_demo(engine, neighbours=False)
        opd, kelurahan = command_line_user(engine, "opd.dp3a"), command_line_user(engine, "kel.oesapa")
        opd_save = best(args.repeat, toggling_save(engine, opd, "2.3"))
        unit_save = best(args.repeat, toggling_save(engine, kelurahan, "26.14"))

        def recompute_only():
            with unit_of_work(engine) as session:
                recompute(session, session.scalar(select(EvaluationCycle).where(EvaluationCycle.year == 2025)))
        recompute_demo = best(args.repeat, recompute_only)
        print(f"demo (51 kelurahan): OPD save {opd_save:.3f} s, kelurahan save {unit_save:.3f} s "
              f"(x{unit_save / opd_save:.2f}), recompute alone {recompute_demo:.3f} s")

        grow(engine, args.desa)
        units = 51 + args.desa
        unit_save_big = best(args.repeat, toggling_save(engine, kelurahan, "26.14"))
        recompute_big = best(args.repeat, recompute_only)
        print(f"{units} desa/kelurahan: kelurahan save {unit_save_big:.3f} s (x{unit_save_big / opd_save:.2f} of an "
              f"OPD save), recompute alone {recompute_big:.3f} s (x{recompute_big / recompute_demo:.2f} of 51)")
        engine.dispose()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
