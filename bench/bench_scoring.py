"""Scoring at national scale: every kabupaten/kota (514) x several cycles x 274 questions.

    .venv/bin/python bench/bench_scoring.py [--regions 514] [--cycles 5] [--repeat 3]

Prints rows scored, seconds per reading (self and verified) and answer rows per second, plus the
same for one region and cycle, so the cost per region-cycle can be compared as a ratio.
"""
import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from indicators.catalog import CHOICE_TYPES, load_default_catalog
from indicators.scoring import score


def national_answers(catalog, regions: int, cycles: int, seed: int = 7) -> tuple[pd.DataFrame, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    questions = catalog.questions_frame()
    region_codes = [f"{11 + r // 40}.{r % 40 + 1:02d}" for r in range(regions)]
    years = list(range(2026 - cycles, 2026))
    cycle_frame = pd.DataFrame([{"region": r, "cycle": y, "catalog_version": catalog.version}
                                for r in region_codes for y in years])
    answers = cycle_frame.merge(questions[["question_code", "answer_type", "max_points"]], how="cross")
    n = len(answers)
    choices = catalog.choice_shares_frame().groupby("question_code")["choice_code"].first()
    answers["bool_value"] = np.where(answers["answer_type"] == "yes_no", rng.random(n) < 0.6, None)
    answers["choice_code"] = answers["question_code"].map(choices).where(answers["answer_type"].isin(CHOICE_TYPES))
    is_number = answers["answer_type"].isin(["percentage"])
    answers["denominator"] = np.where(is_number, rng.integers(1, 5000, n), np.nan)
    answers["numerator"] = np.where(is_number, np.floor(answers["denominator"] * rng.random(n)), np.nan)
    answers["count_value"] = np.where(answers["answer_type"] == "count", rng.integers(0, 30, n), np.nan)
    answers["status"] = np.where(rng.random(n) < 0.8, "verified", "submitted")
    answers["verified_points"] = np.floor(answers["max_points"] * (0.45 + 0.55 * rng.random(n)) * 4) / 4
    answers = answers.sample(frac=0.9, random_state=seed)  # some questions unanswered
    return cycle_frame, answers.drop(columns=["answer_type", "max_points", "catalog_version"])


def timed(cycles, answers, catalog, basis, repeat):
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        tables = score(cycles, answers, [catalog], basis=basis)
        best = min(best, time.perf_counter() - started)
    return best, tables


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--regions", type=int, default=514)
    parser.add_argument("--cycles", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    catalog = load_default_catalog()
    cycles, answers = national_answers(catalog, args.regions, args.cycles)
    one_cycle, one_answers = national_answers(catalog, 1, 1)
    for basis in ("self", "verified"):
        small, _ = timed(one_cycle, one_answers, catalog, basis, args.repeat)
        large, tables = timed(cycles, answers, catalog, basis, args.repeat)
        print(f"{basis:>8}: {len(answers):>8,} answer rows, {len(cycles):>5} region-cycles: {large:6.2f} s "
              f"({len(answers) / large:,.0f} rows/s); one region-cycle {small * 1000:6.1f} ms; "
              f"cost per region-cycle at scale / alone = {large / len(cycles) / small:.3f}")
    print(f"predikat counts (verified): {tables.totals['predikat'].value_counts(dropna=False).to_dict()}")


if __name__ == "__main__":
    main()
