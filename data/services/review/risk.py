"""What the province's administrative verification is likely to take away: the city's verified
answers whose points rest on less than they should (the evidence the question asks for is missing,
the answer moved implausibly from last cycle, the verified points are above what the answer itself
earns), each with the points at stake, largest first. Read by the chair before closing or sending
the cycle on; the flags come from the review queue's own reading of every answer."""
from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine

from data.actor import SignedInUser
from data.services.review.review import ReviewFilters, review_queue
from indicators.verification import POINTS_TOLERANCE
from indicators.workflow import VERIFIED

RISKS = {"evidence": "bukti dukung yang diminta tidak ada", "implausible": "perubahan dari siklus lalu tidak wajar",
         "raised": "poin terverifikasi di atas poin jawabannya"}
COLUMNS = ["question_code", "unit_short_name", "unit_name", "verified_points", "self_points", "risks", "reason",
           "points_at_risk"]


def answers_at_risk(engine: Engine, actor: SignedInUser, year: int, region_code: str | None = None) -> pd.DataFrame:
    """COLUMNS, one row per verified answer with at least one risk and points above 0, the most
    points at stake first; `risks` names each risk, `reason` is the reviewer's stated reason."""
    queue = review_queue(engine, actor, year, ReviewFilters(statuses=(VERIFIED,)), region_code)
    rows = []
    for answer in queue.rows.itertuples():
        points = float(answer.verified_points or 0)
        if points <= POINTS_TOLERANCE:
            continue
        risks = []
        if answer.evidence_required and answer.evidence_count == 0:
            risks.append(RISKS["evidence"])
        if answer.plausibility:
            risks.append(RISKS["implausible"])
        if points > float(answer.self_points or 0) + POINTS_TOLERANCE:
            risks.append(RISKS["raised"])
        if risks:
            rows.append({"question_code": answer.question_code, "unit_short_name": answer.unit_short_name,
                         "unit_name": answer.unit_name, "verified_points": points,
                         "self_points": float(answer.self_points or 0), "risks": "; ".join(risks),
                         "reason": answer.verified_reason if isinstance(answer.verified_reason, str) else "",
                         "points_at_risk": points})
    frame = pd.DataFrame(rows, columns=COLUMNS)
    return frame.sort_values(["points_at_risk", "question_code"], ascending=[False, True], ignore_index=True)
