"""bench/generate.py at a tiny size, on the test engine: the rows it promises, scores the app
computes like any region's, the same rows on a second run, and a refusal on a non-empty database."""
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from data.db import make_engine, unit_of_work
from data.models import Answer, EvaluationCycle, Region, ReportingUnit
from data.services.scoring import scores
from data.services.scoring.scores import score_all_regions, score_report

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "bench"))
from generate import generate


def fingerprint(engine) -> tuple:
    with unit_of_work(engine, read_only=True) as session:
        return (session.scalar(select(func.count(Answer.id))),
                round(session.scalar(select(func.sum(Answer.self_points))), 4),
                tuple(session.scalars(select(Region.code).order_by(Region.code))))


def test_a_tiny_country_is_generated_deterministically(databases, tmp_path, monkeypatch):
    for name in ("one", "two"):
        (tmp_path / name).mkdir()
    urls = [databases.empty(tmp_path / name) for name in ("one", "two")]
    engines = [make_engine(url) for url in urls]
    try:
        counts = generate(engines[0], regions=3, cycles=3)
        generate(engines[1], regions=3, cycles=3)
        assert fingerprint(engines[0]) == fingerprint(engines[1])
        assert counts["region"] == 3 and all(counts[t] > 0 for t in counts)
        with unit_of_work(engines[0], read_only=True) as session:
            generated = session.scalars(select(Region).where(Region.code != "53.71")).all()
            assert {r.province_code for r in generated} and all(r.province_name for r in generated)
            kinds = dict(session.execute(select(ReportingUnit.kind, func.count()).group_by(ReportingUnit.kind)).all())
            statuses = set(session.scalars(select(Answer.status).join(EvaluationCycle)
                                           .where(EvaluationCycle.status == "open").distinct()))
        assert kinds["kecamatan"] > 6 and kinds["kelurahan"] > 51
        assert statuses == {"draft", "submitted", "returned", "verified"}
        for region in generated:
            report = score_report(engines[0], region.code, 2023)
            assert 0 < report["total"] <= 1000 and report["published"]
        monkeypatch.setattr(scores, "REGIONS_PER_PASS", 2)  # three regions: two passes
        for basis in ("verified", "self"):
            every = score_all_regions(engines[0], basis)
            assert len(every) == 2 * 3 + 4  # two generated regions of three cycles, and Kupang's four
            for row in every.itertuples():
                assert row.total == pytest.approx(score_report(engines[0], row.region, row.cycle, basis)["total"],
                                                  abs=1e-4)
        assert len(score_all_regions(engines[0], year=2024)) == 3
        with pytest.raises(ValueError, match="sudah berisi wilayah"):
            generate(engines[0], regions=3, cycles=3)
        assert fingerprint(engines[0]) == fingerprint(engines[1])
    finally:
        for engine, url in zip(engines, urls):
            engine.dispose()
            databases.drop(url)
