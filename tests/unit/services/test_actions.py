"""Action plans (data/services/actions/plans.py, indicators/actions.py): created by the chair or
the secretariat, one from a gap in one step; progress reported by the lead OPD only on its own
actions; every bad input refused with nothing changed; every change audited."""
from datetime import date

import pytest

from data.errors import InvalidInput, PermissionDenied
from data.services.actions.plans import (
    action_evidence,
    action_history,
    create_action,
    list_actions,
    propose_from_gap,
    report_progress,
)
from evidence_samples import PDF
from review_fixtures import account, audit_of, second_region, snapshot


def one(frame, action_id) -> dict:
    """The row of one action (the demo carries the 2024 Rakor's actions beside it)."""
    return frame[frame["id"] == action_id].iloc[0].to_dict()


def new_action(engine, actor, **changes):
    fields = {"indicator_code": "19", "question_codes": ["19.2b"], "title": "SK SRA untuk semua SD",
              "lead_unit": "disdikbud", "supporting_units": ["dp3a"], "due_date": date(2025, 9, 30),
              "budget_amount": "15.000.000", "budget_source": "APBD", "output": "SK Wali Kota tentang SRA"}
    fields.update(changes)
    return create_action(engine, actor, None, 2025, **fields)


def test_the_chair_plans_and_the_lead_opd_reports_progress(seeded_engine):
    chair, opd = account(seeded_engine, "ketua"), account(seeded_engine, "opd.disdikbud")
    action_id = new_action(seeded_engine, chair)
    row = one(list_actions(seeded_engine, chair, None, 2025, today=date(2025, 6, 1)), action_id)
    assert (row["lead_unit"], row["supporting_units"], row["budget_amount"], row["status"]) == (
        "disdikbud", ["dp3a"], 15_000_000.0, "proposed")
    assert not row["overdue"]
    assert one(list_actions(seeded_engine, chair, None, 2025, today=date(2025, 10, 1)), action_id)["overdue"]
    version = report_progress(seeded_engine, opd, action_id, status="in_progress", progress=40,
                              note="Draf SK sudah di Bagian Hukum", evidence=("draf_sk.pdf", PDF))
    assert version == 2
    supporting = account(seeded_engine, "opd.dp3a")
    assert action_id in list_actions(seeded_engine, supporting, None, 2025)["id"].tolist()
    dinkes = list_actions(seeded_engine, account(seeded_engine, "opd.dinkes"), None, 2025)
    assert action_id not in dinkes["id"].tolist() and set(dinkes["lead_unit"]) == {"dinkes"}
    history = action_history(seeded_engine, opd, action_id)
    assert history[["status", "progress", "note", "filename"]].values.tolist() == [
        ["in_progress", 40.0, "Draf SK sudah di Bagian Hukum", "draf_sk.pdf"]]
    name, kind, content = action_evidence(seeded_engine, chair, int(history["id"][0]))
    assert (name, kind, content) == ("draf_sk.pdf", "application/pdf", PDF)
    report_progress(seeded_engine, opd, action_id, status="done", progress=90, note="SK terbit")
    row = one(list_actions(seeded_engine, chair, None, 2025, today=date(2025, 10, 1)), action_id)
    assert (row["status"], row["progress"], row["overdue"], row["last_note"]) == ("done", 100.0, False, "SK terbit")
    with pytest.raises(InvalidInput, match="sudah selesai"):
        report_progress(seeded_engine, opd, action_id, status="in_progress", progress=50, note=None)
    assert [r.action for r in audit_of(seeded_engine, "action.create")] == ["action.create"]
    assert len(audit_of(seeded_engine, "action.progress")) == 2


def test_a_gap_becomes_a_proposed_action_in_one_step(seeded_engine):
    secretariat = account(seeded_engine, "sekretariat")
    action_id = propose_from_gap(seeded_engine, secretariat, None, 2025, "12.3", points=2.75)
    row = one(list_actions(seeded_engine, secretariat, None, 2025), action_id)
    assert row["indicator_code"] == "12" and row["question_codes"] == ["12.3"]
    assert row["lead_unit"] == "dinkes" and row["points"] == 2.75 and row["title"].startswith("Penuhi 12.3: ")
    assert row["due_date"] == date(2026, 12, 18)  # the cycle's deadline


@pytest.mark.parametrize("changes,message", [
    ({"lead_unit": None}, "Pilih OPD penanggung jawab"),
    ({"lead_unit": "kec_alak"}, "bukan OPD yang aktif"),
    ({"lead_unit": "tidak_ada"}, "tidak ada di Kota Kupang"),
    ({"due_date": None}, "Isi tenggat aksi"),
    ({"due_date": date(2024, 12, 31)}, "sebelum siklus 2025 dimulai"),
    ({"budget_amount": "-5"}, "Anggaran harus angka 0 atau lebih"),
    ({"budget_amount": "lima juta"}, "bukan angka"),
    ({"budget_source": "hibah"}, "Sumber anggaran 'hibah' tidak dikenal"),
    ({"title": "  "}, "Isi judul aksi"),
    ({"title": "x" * 201}, "terlalu panjang"),
    ({"indicator_code": "99"}, "Indikator '99' tidak ada"),
    ({"question_codes": ["12.1"]}, "bukan bagian indikator 19"),
])
def test_a_bad_action_is_refused_and_changes_nothing(seeded_engine, changes, message):
    before = snapshot(seeded_engine)
    with pytest.raises(InvalidInput, match=message):
        new_action(seeded_engine, account(seeded_engine, "ketua"), **changes)
    assert snapshot(seeded_engine) == before


def test_html_is_kept_as_typed(seeded_engine):
    chair = account(seeded_engine, "ketua")
    action_id = new_action(seeded_engine, chair, title="<script>alert(1)</script> SRA")
    assert one(list_actions(seeded_engine, chair, None, 2025), action_id)["title"] == "<script>alert(1)</script> SRA"


def test_who_may_do_what(seeded_engine):
    chair = account(seeded_engine, "ketua")
    action_id = new_action(seeded_engine, chair)
    for username in ("anggota", "opd.disdikbud", "kec.alak"):
        with pytest.raises(PermissionDenied):
            new_action(seeded_engine, account(seeded_engine, username))
    before = snapshot(seeded_engine)
    with pytest.raises(PermissionDenied, match="milik OPD lain"):
        report_progress(seeded_engine, account(seeded_engine, "opd.dinkes"), action_id, status="in_progress",
                        progress=10, note="bukan urusan saya")
    with pytest.raises(InvalidInput, match="membatalkan"):
        report_progress(seeded_engine, account(seeded_engine, "opd.disdikbud"), action_id, status="cancelled",
                        progress=0, note=None)
    with pytest.raises(InvalidInput, match="0 sampai 100"):
        report_progress(seeded_engine, account(seeded_engine, "opd.disdikbud"), action_id, status="in_progress",
                        progress=150, note=None)
    with pytest.raises(InvalidInput):
        report_progress(seeded_engine, account(seeded_engine, "opd.disdikbud"), action_id, status="in_progress",
                        progress=10, note=None, evidence=("virus.pdf", b"MZ not a pdf"))
    with pytest.raises(PermissionDenied):
        list_actions(seeded_engine, account(seeded_engine, "kec.alak"), None, 2025)
    assert snapshot(seeded_engine) == before
    second_region(seeded_engine)
    with pytest.raises(PermissionDenied, match="wilayah lain"):
        report_progress(seeded_engine, account(seeded_engine, "ketua.kab"), action_id, status="in_progress",
                        progress=10, note=None)
    report_progress(seeded_engine, chair, action_id, status="cancelled", progress=0, note="Digabung ke aksi lain")


def test_manage_actions_lists_them(seeded_url, seeded_engine, monkeypatch, capsys):
    import json

    import manage

    monkeypatch.setenv("KLA_DATABASE_URL", seeded_url)
    action_id = new_action(seeded_engine, account(seeded_engine, "ketua"), due_date=date(2025, 1, 31))
    assert manage.main(["actions", "--region", "53.71", "--cycle", "2025"]) == 0
    out = capsys.readouterr().out
    assert f"[{action_id}] Indikator 19: SK SRA untuk semua SD" in out
    assert "OPD: disdikbud + dp3a; tenggat 31-01-2025; diusulkan 0%  TERLAMBAT" in out and "6 aksi; 3 terlambat." in out
    assert manage.main(["actions", "--region", "53.71", "--cycle", "2025", "--json"]) == 0
    [listed] = [a for a in json.loads(capsys.readouterr().out)["actions"] if a["id"] == action_id]
    assert listed["lead_unit"] == "disdikbud" and listed["due_date"] == "2025-01-31" and listed["overdue"]
    assert manage.main(["actions", "--region", "53.71", "--cycle", "2031"]) == 1


def test_the_demo_carries_the_2024_rakor_decisions(seeded_engine):
    actions = list_actions(seeded_engine, account(seeded_engine, "ketua"), None, 2025, today=date(2026, 12, 4))
    assert len(actions) == 5 and set(actions["status"]) == {"proposed", "in_progress", "done"}
    assert actions["overdue"].sum() == 2 and actions["overdue"].iloc[:2].all()  # late ones first
    sra = actions[actions["indicator_code"] == "19"].iloc[0]
    assert sra["status"] == "done" and sra["last_note"] == "SK Wali Kota terbit Juni 2025"


def test_a_done_action_shows_the_answers_it_changed(seeded_engine):
    from data.services.actions.plans import action_effect
    from data.services.public.summary import public_indicator

    chair = account(seeded_engine, "ketua")
    actions = list_actions(seeded_engine, chair, None, 2025)
    sra = int(actions.loc[actions["indicator_code"] == "19", "id"].iloc[0])
    changed = action_effect(seeded_engine, chair, sra)
    assert changed["question_code"].tolist() == ["19.2b", "19.2c"]
    assert changed["before_year"].tolist() == [2024, 2024] and changed["year"].tolist() == [2025, 2025]
    published = public_indicator(seeded_engine, "53.71", "19", 2024).questions
    verified_2024 = dict(zip(published["question_code"], published["verified_points"].fillna(0.0), strict=True))
    assert changed["before"].tolist() == pytest.approx([verified_2024["19.2b"], verified_2024["19.2c"]], abs=1e-4)
    with pytest.raises(PermissionDenied):
        action_effect(seeded_engine, account(seeded_engine, "opd.dinkes"), sra)
