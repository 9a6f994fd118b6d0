"""Scoring every region's cycles (data.services.scoring.scores.score_all_regions) against only
reading the answers it scores (the same rows, the same passes of regions, into DataFrames), each
in a process of its own so that its peak memory is its own.

    .venv/bin/python bench/score_all.py DATABASE_URL

Prints seconds and peak memory (MB) of both, and their ratio."""
from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def read_answers(url: str) -> int:
    import pandas as pd
    from sqlalchemy import select

    from data.db import make_engine, unit_of_work
    from data.models import CITY_UNIT_KIND, Answer, EvaluationCycle, Question, Region, ReportingUnit
    from data.services.scoring import scores

    engine = make_engine(url)
    rows = 0
    with unit_of_work(engine, read_only=True) as session:
        region_ids = list(session.scalars(select(Region.id).order_by(Region.code)))
        for start in range(0, len(region_ids), scores.REGIONS_PER_PASS):
            chosen = region_ids[start:start + scores.REGIONS_PER_PASS]
            frame = pd.DataFrame(session.execute(
                select(Region.code.label("region"), EvaluationCycle.year.label("cycle"),
                       Question.code.label("question_code"), Answer.bool_value, Answer.choice_code, Answer.numerator,
                       Answer.denominator, Answer.count_value, Answer.status, Answer.verified_points)
                .join(EvaluationCycle, Answer.cycle_id == EvaluationCycle.id)
                .join(Region, Answer.region_id == Region.id)
                .join(Question, Answer.question_id == Question.id)
                .join(ReportingUnit, Answer.reporting_unit_id == ReportingUnit.id)
                .where(EvaluationCycle.region_id.in_(chosen), ReportingUnit.kind == CITY_UNIT_KIND)
            ).mappings().all())
            rows += len(frame)
    return rows


def score_everything(url: str) -> int:
    from data.db import make_engine
    from data.services.scoring.scores import score_all_regions

    return len(score_all_regions(make_engine(url)))


def _child(kind: str, url: str) -> None:
    sys.path.insert(0, str(ROOT))
    began = time.perf_counter()
    count = read_answers(url) if kind == "read" else score_everything(url)
    print(json.dumps({"seconds": time.perf_counter() - began, "count": count,
                      "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


def run(kind: str, url: str) -> dict:
    done = subprocess.run([sys.executable, __file__, "--child", kind, url], capture_output=True, text=True,
                          cwd=ROOT, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure(url: str) -> dict:
    read, scored = run("read", url), run("score", url)
    return {"read": read, "score": scored, "ratio": scored["seconds"] / read["seconds"]}


if __name__ == "__main__":
    if sys.argv[1] == "--child":
        _child(sys.argv[2], sys.argv[3])
    else:
        result = measure(sys.argv[1])
        print(f"reading {result['read']['count']:,} answers: {result['read']['seconds']:.1f} s, "
              f"{result['read']['peak_mb']:.0f} MB peak")
        print(f"scoring {result['score']['count']:,} region-cycles: {result['score']['seconds']:.1f} s, "
              f"{result['score']['peak_mb']:.0f} MB peak (x{result['ratio']:.2f} the reading)")
