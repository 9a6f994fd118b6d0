"""The unit's evidence library (data/services/entry/evidence_library.py): one file attached to
several questions, each on its own line, on a copy of the seeded demo."""
import pytest
from sqlalchemy import select

import evidence_samples as samples
from data.db import unit_of_work
from data.errors import InvalidInput, NotFound
from data.models import AuditLog
from data.services.accounts.auth import authenticate
from data.services.entry.evidence import list_evidence, upload_evidence
from data.services.entry.evidence_library import attach_to_questions, unit_library
from data.services.entry.sheet import entry_sheet
from seed.kupang import DEMO_PASSWORD


@pytest.fixture
def dp3a(seeded_engine):
    return authenticate(seeded_engine, "opd.dp3a", DEMO_PASSWORD)


def open_codes(engine, user, count: int) -> list[str]:
    rows = entry_sheet(engine, user).rows
    return list(rows.loc[rows["editable"], "question_code"])[:count]


def test_one_file_goes_to_several_questions_each_on_its_own_line(seeded_engine, dp3a):
    first, *others = open_codes(seeded_engine, dp3a, 4)
    perda = samples.pdf("Perda Kota Kupang tentang KLA")
    stored = upload_evidence(seeded_engine, dp3a, first, "perda_kla.pdf", perda)
    library = {f.evidence_id: f for f in unit_library(seeded_engine, dp3a)}
    assert library[stored.id].attached_to == [first] and library[stored.id].cycle_year == 2025

    results = attach_to_questions(seeded_engine, dp3a, stored.id, [first, *others])
    assert [(r.question_code, r.problem) for r in results][1:] == [(code, None) for code in others]
    assert "sudah memuat berkas ini" in results[0].problem
    for code in others:
        [copy] = list_evidence(seeded_engine, dp3a, code)
        assert copy.filename == "perda_kla.pdf" and copy.sha256 == stored.sha256
    [again] = [f for f in unit_library(seeded_engine, dp3a) if f.sha256 == stored.sha256]
    assert sorted(again.attached_to) == sorted([first, *others])
    with unit_of_work(seeded_engine, read_only=True) as session:
        reused = [a.details.get("reused_from") for a in session.scalars(
            select(AuditLog).where(AuditLog.action == "evidence.upload").order_by(AuditLog.id.desc()).limit(3))]
    assert reused == [stored.id] * 3


def test_a_locked_question_or_a_question_of_another_unit_is_its_own_refusal(seeded_engine, dp3a):
    [code] = open_codes(seeded_engine, dp3a, 1)
    rows = entry_sheet(seeded_engine, dp3a).rows
    locked = rows.loc[rows["status"] == "submitted", "question_code"].iloc[0]
    stored = upload_evidence(seeded_engine, dp3a, code, "sk.pdf", samples.pdf("SK"))
    results = {r.question_code: r.problem
               for r in attach_to_questions(seeded_engine, dp3a, stored.id, [locked, "99.9"])}
    assert "tidak dapat diubah" in results[locked] and "99.9" in results["99.9"]
    assert list_evidence(seeded_engine, dp3a, locked) == [] or all(f.filename != "sk.pdf" for f in list_evidence(
        seeded_engine, dp3a, locked))


def test_a_file_of_another_unit_or_no_question_is_refused(seeded_engine, dp3a):
    dinkes = authenticate(seeded_engine, "opd.dinkes", DEMO_PASSWORD)
    [theirs] = open_codes(seeded_engine, dinkes, 1)
    stored = upload_evidence(seeded_engine, dinkes, theirs, "rahasia.pdf", samples.pdf("milik dinkes"))
    with pytest.raises(NotFound, match="pustaka bukti unit Anda"):
        attach_to_questions(seeded_engine, dp3a, stored.id, open_codes(seeded_engine, dp3a, 1))
    with pytest.raises(InvalidInput, match="setidaknya satu pertanyaan"):
        attach_to_questions(seeded_engine, dinkes, stored.id, [])
    assert all(f.sha256 != stored.sha256 for f in unit_library(seeded_engine, dp3a))
