"""The answers at risk at the province's verification (data/services/review/risk.py): verified
answers with points whose evidence is missing, whose change is implausible, or whose verified points
are above what the answer earns, largest stake first; evidence attached takes an answer off."""
import hashlib

import pytest
from sqlalchemy import select

from data.db import unit_of_work
from data.errors import PermissionDenied
from data.models import Answer, EvidenceFile, Question
from data.services.review import review
from data.services.review.risk import RISKS, answers_at_risk
from evidence_samples import PDF
from review_fixtures import account, answers_with


def test_the_chair_sees_what_the_province_may_take_away(seeded_engine):
    chair = account(seeded_engine, "ketua")
    risky = answers_at_risk(seeded_engine, chair, 2025)
    assert len(risky) > 10 and set(risky["risks"]) == {RISKS["evidence"]}  # the demo attached no evidence
    assert risky["points_at_risk"].is_monotonic_decreasing and (risky["points_at_risk"] > 0).all()

    top = risky.iloc[0]
    with unit_of_work(seeded_engine) as session:
        answer = session.scalar(select(Answer).join(Question, Answer.question_id == Question.id)
                                .where(Question.code == top["question_code"], Answer.status == "verified")
                                .order_by(Answer.id.desc()))
        session.add(EvidenceFile(answer_id=answer.id, filename="perda.pdf", content_type="application/pdf",
                                 size_bytes=len(PDF), sha256=hashlib.sha256(PDF).hexdigest(), content=PDF))
    after = answers_at_risk(seeded_engine, chair, 2025)
    assert top["question_code"] not in after["question_code"].tolist()
    assert after["points_at_risk"].sum() == pytest.approx(risky["points_at_risk"].sum() - top["points_at_risk"])

    raised = next(a for a in answers_with(seeded_engine, "submitted", limit=60, evidence_required=None)
                  if session_question(seeded_engine, a).answered_by == "city"
                  and 0 < a.self_points < session_question(seeded_engine, a).max_points)
    question = session_question(seeded_engine, raised)
    review.verify(seeded_engine, chair, raised.id, raised.version, points=question.max_points,
                  reason="Dinaikkan dalam rapat verifikasi.")
    flagged = answers_at_risk(seeded_engine, chair, 2025).set_index("question_code").loc[question.code]
    assert RISKS["raised"] in flagged["risks"] and flagged["reason"] == "Dinaikkan dalam rapat verifikasi."
    assert flagged["points_at_risk"] == pytest.approx(question.max_points)


def session_question(engine, answer) -> Question:
    with unit_of_work(engine) as session:
        return session.get(Question, answer.question_id)


def test_only_region_readers_see_the_risks(seeded_engine):
    with pytest.raises(PermissionDenied):
        answers_at_risk(seeded_engine, account(seeded_engine, "opd.dinkes"), 2025)
    with pytest.raises(PermissionDenied):
        answers_at_risk(seeded_engine, account(seeded_engine, "provinsi.ntt"), 2025)
