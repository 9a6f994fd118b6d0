"""Actions a province verifier needs per answer to finish the administrative verification of a
kab/kota whose evidence is in order, replayed through the services the Verifikasi Provinsi page
calls (one service call or one toggle is one action), on a fresh copy of the demo:

    .venv/bin/python bench/bench_province_actions.py

Kabupaten Belu's closed 2025 cycle is taken as the province found it, minus the demo's own reading,
with a file attached to every answer whose question requires evidence (its evidence is in order).
Two ways through it:
- at once: "Hanya yang belum diperiksa" (1), "Konfirmasi N jawaban yang bukti dukungnya lengkap" (1),
  one decision for each answer left unchecked, then opening "Nyatakan verifikasi selesai" and its
  button (2);
- one by one: the verifier reads every answer and decides it ("Sesuai", or lower it with a reason
  for every tenth); the next unchecked answer is chosen after each decision, so choosing costs
  nothing; then the same 2 to finish.
Prints the actions, the answers and actions per answer for each (target: at most 1.5)."""
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "unit")]
os.environ.setdefault("KLA_ARGON2_FAST", "1")

from sqlalchemy import delete, select, update  # noqa: E402  (after the sys.path line above)

from data.db import make_engine, migrate, unit_of_work  # noqa: E402  (after the sys.path line above)
from data.lookups import cycle_catalog  # noqa: E402  (after the sys.path line above)
from data.models import Answer, EvaluationCycle, EvidenceFile, Region  # noqa: E402  (after the sys.path line above)
from data.services.province import verification as service  # noqa: E402  (after the sys.path line above)
from indicators import clock  # noqa: E402  (after the sys.path line above)
from review_fixtures import account  # noqa: E402  (after the sys.path line above)
from seed.demo import seed_demo  # noqa: E402  (after the sys.path line above)
from seed.evidence import attach_evidence  # noqa: E402  (after the sys.path line above)

BELU, YEAR = "53.04", 2025
TARGET = 1.5


def region_in_order(url: str):
    """The demo with Belu's 2025 cycle unread by the province and its required evidence all attached."""
    migrate(url)
    engine = make_engine(url)
    seed_demo(engine)
    with unit_of_work(engine) as session:
        cycle = session.scalar(select(EvaluationCycle).join(Region).where(Region.code == BELU,
                                                                          EvaluationCycle.year == YEAR))
        session.execute(update(Answer).where(Answer.cycle_id == cycle.id).values(
            province_points=None, province_reason=None, province_return_reason=None, province_return_due=None,
            province_returns=0, province_by_id=None, province_at=None))
        session.execute(delete(EvidenceFile).where(EvidenceFile.answer_id.in_(
            select(Answer.id).where(Answer.cycle_id == cycle.id))))
        attach_evidence(session, cycle, cycle_catalog(session, cycle), uploader_id=1, at=clock.now(), without=set(),
                        missing_every=None)
    return engine


def at_once(engine) -> tuple[int, int]:
    verifier = account(engine, "provinsi.ntt")
    answers = len(service.province_queue(engine, verifier, BELU, YEAR))
    actions = 1  # "Hanya yang belum diperiksa"
    service.confirm_with_evidence(engine, verifier, BELU, YEAR)
    actions += 1
    queue = service.province_queue(engine, verifier, BELU, YEAR)
    left = service.next_unchecked(queue)
    while left is not None:
        row = queue[queue["answer_id"] == left].iloc[0]
        service.set_province_points(engine, verifier, left, float(row.verified_points or 0))
        actions += 1
        queue = service.province_queue(engine, verifier, BELU, YEAR)
        left = service.next_unchecked(queue, after=left)
    service.finish_verification(engine, verifier, BELU, YEAR)
    return actions + 2, answers


def one_by_one(engine) -> tuple[int, int]:
    verifier = account(engine, "provinsi.ntt")
    queue = service.province_queue(engine, verifier, BELU, YEAR)
    answers, actions, chosen, decided = len(queue), 0, service.next_unchecked(queue), 0
    verified = dict(zip(queue["answer_id"].astype(int), queue["verified_points"], strict=True))
    while chosen is not None:
        if decided % 10 == 9 and verified[chosen] > 0:
            service.set_province_points(engine, verifier, chosen, 0.0, "Dokumen tidak sesuai dengan pertanyaan.")
        else:
            service.set_province_points(engine, verifier, chosen, float(verified[chosen] or 0))
        actions, decided = actions + 1, decided + 1
        queue = service.province_queue(engine, verifier, BELU, YEAR)
        chosen = service.next_unchecked(queue, after=chosen)
    service.finish_verification(engine, verifier, BELU, YEAR)
    return actions + 2, answers


def main() -> None:
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        region_in_order(f"sqlite:///{folder}/base.sqlite3").dispose()
        for name, walk in (("at once", at_once), ("one by one", one_by_one)):
            shutil.copy(f"{folder}/base.sqlite3", f"{folder}/walk.sqlite3")
            engine = make_engine(f"sqlite:///{folder}/walk.sqlite3")
            actions, answers = walk(engine)
            engine.dispose()
            results[name] = (actions, answers)
            print(f"{name}: {actions} actions for {answers} answers = {actions / answers:.2f} per answer "
                  f"(target <= {TARGET})")
    worst = max(a / n for a, n in results.values())
    print(f"worst: {worst:.2f} actions per answer; {'met' if worst <= TARGET else 'NOT met'}")


if __name__ == "__main__":
    main()
