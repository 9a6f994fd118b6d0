"""Many answers typed in a table (data/services/entry/table.py) on a copy of the seeded demo."""
import pandas as pd
import pytest
from sqlalchemy import func, select

from data.db import unit_of_work
from data.errors import InvalidInput, PermissionDenied
from data.models import Answer, AuditLog
from data.services.accounts.auth import authenticate
from data.services.entry.answers import save_draft
from data.services.entry.sheet import entry_sheet
from data.services.entry.table import TableRow, save_table
from indicators.answers import AnswerValue
from seed.kupang import DEMO_PASSWORD


@pytest.fixture
def dp3a(seeded_engine):
    return authenticate(seeded_engine, "opd.dp3a", DEMO_PASSWORD)


def sheet_rows(engine, user) -> pd.DataFrame:
    return entry_sheet(engine, user).rows.set_index("question_code")


def version(rows: pd.DataFrame, code: str) -> int | None:
    value = rows.loc[code, "version"]
    return None if pd.isna(value) else int(value)


def row(rows: pd.DataFrame, code: str, **cells) -> TableRow:
    return TableRow(code, cells, version(rows, code))


def answers_count(engine) -> int:
    with unit_of_work(engine, read_only=True) as session:
        return session.scalar(select(func.count()).select_from(Answer))


def test_twenty_yes_no_and_graded_answers_of_one_indicator_are_saved_in_one_go(seeded_engine, dp3a):
    rows = sheet_rows(seeded_engine, dp3a)
    codes = [c for c in rows.index if c.startswith("1.") and rows.loc[c, "editable"]
             and rows.loc[c, "answer_type"] in ("yes_no", "graded")][:20]
    assert len(codes) == 20 and {rows.loc[c, "answer_type"] for c in codes} == {"yes_no", "graded"}

    def typed(i, code):
        if rows.loc[code, "answer_type"] == "yes_no":
            return "Ya" if i % 2 else "tidak"
        return "Lengkap" if i % 2 else "belum ada"
    result = save_table(seeded_engine, dp3a, [row(rows, c, answer=typed(i, c), note=f"catatan {c}")
                                              for i, c in enumerate(codes)])
    assert result.problems == {} and sorted(result.saved + result.unchanged) == sorted(codes)
    after = sheet_rows(seeded_engine, dp3a)
    for i, code in enumerate(codes):
        stored = after.loc[code, "bool_value"] if rows.loc[code, "answer_type"] == "yes_no" else \
            after.loc[code, "choice_code"] == "lengkap"
        assert stored == bool(i % 2) and after.loc[code, "note"] == f"catatan {code}"
        assert after.loc[code, "status"] in ("draft", "returned")
    with unit_of_work(seeded_engine, read_only=True) as session:
        sources = {a.details.get("source") for a in session.scalars(
            select(AuditLog).where(AuditLog.action == "answer.save")
            .order_by(AuditLog.id.desc()).limit(len(result.saved)))}
    assert sources == {"table"}


def test_valid_rows_are_saved_and_each_bad_row_says_why_and_stores_nothing(seeded_engine, dp3a):
    rows = sheet_rows(seeded_engine, dp3a)
    count_code = next(c for c in rows.index if rows.loc[c, "answer_type"] == "count" and rows.loc[c, "editable"])
    percent_code = next(c for c in rows.index if rows.loc[c, "answer_type"] == "percentage" and rows.loc[c, "editable"])
    yes_codes = [c for c in rows.index if rows.loc[c, "answer_type"] == "yes_no" and rows.loc[c, "editable"]]
    before_count = rows.loc[count_code, "count_value"]
    result = save_table(seeded_engine, dp3a, [
        row(rows, yes_codes[0], answer="Ya"),
        row(rows, yes_codes[1], answer="Mungkin"),                     # not yes or no
        row(rows, count_code, count="-3"),                              # negative
        row(rows, percent_code, numerator="12", denominator="1.234,5"),  # Indonesian thousands and decimals
        row(rows, yes_codes[2], answer="Ya", numerator="4"),            # a column this type does not take
        row(rows, yes_codes[3], answer="Tidak", note="x" * 5001),        # note too long
    ])
    assert set(result.saved) == {yes_codes[0], percent_code}
    assert set(result.problems) == {yes_codes[1], count_code, yes_codes[2], yes_codes[3]}
    assert "'Mungkin' bukan Ya atau Tidak" in result.problems[yes_codes[1]][0]
    assert result.problems[yes_codes[1]][0].startswith("Kolom Jawaban")
    assert "negatif" in " ".join(result.problems[count_code]) or "0" in " ".join(result.problems[count_code])
    assert "kosongkan kolom ini" in result.problems[yes_codes[2]][0]
    assert "catatan terlalu panjang" in result.problems[yes_codes[3]][0]
    after = sheet_rows(seeded_engine, dp3a)
    assert after.loc[count_code, "count_value"] == before_count
    assert (after.loc[percent_code, "numerator"], after.loc[percent_code, "denominator"]) == (12.0, 1234.5)
    unchanged = after.loc[yes_codes[1], "version"] == rows.loc[yes_codes[1], "version"]
    assert pd.isna(after.loc[yes_codes[1], "bool_value"]) or unchanged


def test_a_row_changed_by_someone_else_or_already_submitted_is_a_row_problem(seeded_engine, dp3a):
    rows = sheet_rows(seeded_engine, dp3a)
    yes_codes = [c for c in rows.index if rows.loc[c, "answer_type"] == "yes_no" and rows.loc[c, "editable"]]
    stale, fine = yes_codes[0], yes_codes[1]
    locked = next(c for c in rows.index if rows.loc[c, "status"] in ("submitted", "verified")
                  and rows.loc[c, "answer_type"] == "yes_no")
    save_draft(seeded_engine, dp3a, stale, AnswerValue(bool_value=True), "diubah di tab lain", version(rows, stale))
    result = save_table(seeded_engine, dp3a, [row(rows, stale, answer="Tidak"), row(rows, fine, answer="Ya"),
                                              row(rows, locked, answer="Tidak", note="ubah setelah diajukan")])
    assert result.saved == [fine] and "sudah diubah" in result.problems[stale][0]
    assert "tidak dapat diubah" in result.problems[locked][0]
    assert sheet_rows(seeded_engine, dp3a).loc[stale, "note"] == "diubah di tab lain"


def test_untouched_empty_rows_never_become_empty_drafts(seeded_engine, dp3a):
    rows = sheet_rows(seeded_engine, dp3a)
    empty = [c for c in rows.index if pd.isna(rows.loc[c, "version"]) and rows.loc[c, "editable"]][:3]
    before = answers_count(seeded_engine)
    result = save_table(seeded_engine, dp3a, [row(rows, c, answer="", note="  ") for c in empty])
    assert result.saved == [] and result.problems == {}
    assert answers_count(seeded_engine) == before


def test_nothing_typed_and_other_roles_are_refused(seeded_engine, dp3a):
    with pytest.raises(InvalidInput, match="Tidak ada baris"):
        save_table(seeded_engine, dp3a, [])
    ketua = authenticate(seeded_engine, "ketua", DEMO_PASSWORD)
    with pytest.raises(PermissionDenied):
        save_table(seeded_engine, ketua, [TableRow("1.1", {"answer": "Ya"}, None)])
