"""Nothing typed is lost (data/services/entry/drafts.py): a focal point's unsaved typing is kept per
account, cycle and question, given back, replaced, dropped once saved; it is no answer."""
import pytest
from sqlalchemy import func, select

from data.db import unit_of_work
from data.errors import InvalidInput, PermissionDenied
from data.models import Answer, AuditLog, TypedDraft
from data.services.entry.drafts import drop_typed, keep_typed, typed_drafts
from review_fixtures import account

HALF_TYPED = {"num": 30, "den": None, "note": "Data Dinkes per Juni"}


def counts(engine) -> tuple[int, int]:
    with unit_of_work(engine) as session:
        return (session.scalar(select(func.count()).select_from(Answer)),
                session.scalar(select(func.count()).select_from(AuditLog)))


def test_typing_is_kept_given_back_replaced_and_dropped_without_touching_answers(seeded_engine):
    dp3a, dinkes = account(seeded_engine, "opd.dp3a"), account(seeded_engine, "opd.dinkes")
    before = counts(seeded_engine)
    keep_typed(seeded_engine, dp3a, None, "19.2a", "form", HALF_TYPED, 3)
    keep_typed(seeded_engine, dp3a, None, "1.1", "table", {"answer": "Ya"}, None)
    [kept] = typed_drafts(seeded_engine, dp3a, None, "form").values()
    assert (kept["typed"], kept["base_version"]) == (HALF_TYPED, 3) and kept["updated_at"] is not None
    assert typed_drafts(seeded_engine, dinkes, None, "form") == {}, "one account's typing is its own"
    keep_typed(seeded_engine, dp3a, None, "19.2a", "form", {**HALF_TYPED, "den": 40}, 3)
    assert typed_drafts(seeded_engine, dp3a, None, "form")["19.2a"]["typed"]["den"] == 40
    assert counts(seeded_engine) == before, "no answer, no audit row: it is scratch until saved"
    drop_typed(seeded_engine, dp3a, None, ["19.2a"], "form")
    assert typed_drafts(seeded_engine, dp3a, None, "form") == {}
    assert list(typed_drafts(seeded_engine, dp3a, None, "table")) == ["1.1"]
    with unit_of_work(seeded_engine) as session:
        assert session.scalar(select(func.count()).select_from(TypedDraft)) == 1


def test_only_a_unit_account_keeps_typing_and_nothing_odd_is_kept(seeded_engine):
    with pytest.raises(PermissionDenied):
        keep_typed(seeded_engine, account(seeded_engine, "ketua"), None, "1.1", "form", {"bool": True}, None)
    dp3a = account(seeded_engine, "opd.dp3a")
    with pytest.raises(InvalidInput, match="simpan jawabannya dengan tombol Simpan"):
        keep_typed(seeded_engine, dp3a, None, "1.1", "form", {"note": "x" * 30_000}, None)
    with pytest.raises(InvalidInput):
        keep_typed(seeded_engine, dp3a, None, "1.1", "email", {"bool": True}, None)
    assert typed_drafts(seeded_engine, dp3a, None, "form") == {}
