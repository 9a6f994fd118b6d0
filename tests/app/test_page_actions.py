"""Rencana Aksi (app_pages/actions.py) and the proposal from Nilai dan Predikat, through AppTest:
the chair turns a gap into an action and adds one; the lead OPD reports progress on its own action;
another OPD sees none of them; bad input is refused with a message."""
from datetime import date

from data.services.actions.plans import create_action, list_actions
from page_helpers import open_page_as, texts
from review_fixtures import account

PAGE = "app_pages/actions.py"


def test_the_chair_turns_the_largest_gap_into_an_action(database_url, engine):
    at = open_page_as("app_pages/scores.py", "ketua")
    code = at.selectbox(key="actions_gap").value
    at.button(key="actions_gap_propose").click().run()
    assert not at.exception
    actions = list_actions(engine, account(engine, "ketua"), None, 2025)
    row = actions[actions["id"] == actions["id"].max()].iloc[0]
    assert row["question_codes"] == [code] and row["status"] == "proposed" and row["points"] > 0
    assert "Rencana Aksi (RAD KLA)" in texts(at) and f"Pertanyaan {code} diusulkan" in texts(at)


def test_the_chair_adds_an_action_and_a_bad_one_is_refused(database_url, engine):
    at = open_page_as(PAGE, "ketua")
    before = len(at.dataframe[0].value)
    at.selectbox(key="actions_indicator").set_value("19").run()
    at.text_input(key="actions_title").input("SK SRA untuk semua SD")
    at.button(key="FormSubmitter:actions_form-Simpan aksi").click().run()
    errors = " ".join(e.value for e in at.error)
    assert "Pilih OPD penanggung jawab" in errors and "Isi tenggat aksi" in errors
    assert len(list_actions(engine, account(engine, "ketua"), None, 2025)) == before
    at.selectbox(key="actions_lead").set_value("disdikbud")
    at.date_input(key="actions_due").set_value(date(2025, 9, 30))
    at.text_input(key="actions_budget").input("15.000.000")
    at.button(key="FormSubmitter:actions_form-Simpan aksi").click().run()
    assert not at.exception and 'Aksi "SK SRA untuk semua SD" disimpan sebagai usulan.' in at.success[0].value
    table = at.dataframe[0].value
    added = table[table["title"] == "SK SRA untuk semua SD"]
    assert len(table) == before + 1 and added["budget"].tolist() == ["Rp 15.000.000"]


def test_the_lead_opd_reports_progress_and_another_opd_sees_nothing(database_url, engine):
    action_id = create_action(engine, account(engine, "ketua"), None, 2025, indicator_code="19",
                              title="SK SRA untuk semua SD", lead_unit="disdikbud", due_date=date(2025, 3, 31))
    at = open_page_as(PAGE, "opd.disdikbud")
    mine = at.dataframe[0].value
    assert mine.loc[mine["title"] == "SK SRA untuk semua SD", "due"].tolist() == ["⚠ 31 Maret 2025"]
    at.selectbox(key="actions_which").set_value(action_id).run()
    assert not [e for e in at.expander if e.label == "Tambah aksi"]  # only the chair or secretariat plans
    assert at.segmented_control(key=f"actions_status_{action_id}").options == ["diusulkan", "berjalan", "selesai"]
    at.slider(key=f"actions_percent_{action_id}").set_value(60)
    at.text_area(key=f"actions_note_{action_id}").input("Draf SK di Bagian Hukum")
    at.button(key=f"FormSubmitter:actions_progress_{action_id}-Kirim laporan kemajuan").click().run()
    assert not at.exception and "disimpan" in at.success[0].value
    actions = list_actions(engine, account(engine, "ketua"), None, 2025)
    row = actions[actions["id"] == action_id].iloc[0]
    assert (row["progress"], row["last_note"]) == (60.0, "Draf SK di Bagian Hukum")
    assert "Draf SK di Bagian Hukum" in texts(at)
    other = open_page_as(PAGE, "opd.dinkes")
    assert "SK SRA untuk semua SD" not in other.dataframe[0].value["title"].tolist()
    assert "Belum ada aksi siklus 2025 yang dipimpin atau didukung OPD Anda." in texts(open_page_as(PAGE, "opd.dinsos"))


def test_kecamatan_accounts_are_refused(database_url):
    assert "tidak tersedia untuk peran Anda" in texts(open_page_as(PAGE, "kec.alak"))


def test_the_opds_work_page_points_to_its_late_actions(database_url, engine):
    create_action(engine, account(engine, "ketua"), None, 2025, indicator_code="19", title="SK SRA",
                  lead_unit="disdikbud", due_date=date(2025, 3, 31))
    at = open_page_as("app_pages/entry.py", "opd.disdikbud")
    assert any("memimpin atau mendukung 2 aksi" in w.value and "2 terlambat" in w.value for w in at.warning)
    quiet = open_page_as("app_pages/entry.py", "opd.dinsos")
    assert not any("Rencana Aksi" in n.value for n in [*quiet.info, *quiet.warning])


def test_a_completed_action_shows_the_answers_it_changed(database_url):
    at = open_page_as(PAGE, "ketua")
    assert "Aksi selesai dan jawaban yang diubahnya" in texts(at)
    [expander] = [e for e in at.expander if e.label.startswith("19 · SK Wali Kota")]
    table = at.table[0].value
    assert list(table.columns) == ["Pertanyaan", "Poin 2024", "Poin 2025", "Maksimum"]
    assert table["Pertanyaan"].tolist() == ["19.2b", "19.2c"]


def test_a_progress_reports_evidence_can_be_downloaded(database_url, engine):
    from data.services.actions.plans import report_progress
    from evidence_samples import PDF

    action_id = create_action(engine, account(engine, "ketua"), None, 2025, indicator_code="19", title="SK SRA",
                              lead_unit="disdikbud", due_date=date(2026, 3, 31))
    report_progress(engine, account(engine, "opd.disdikbud"), action_id, status="in_progress", progress=20,
                    note="Draf", evidence=("draf_sk.pdf", PDF))
    at = open_page_as(PAGE, "opd.disdikbud")
    at.selectbox(key="actions_which").set_value(action_id).run()
    [button] = [b for b in at.get("download_button") if b.proto.label == "Unduh draf\\_sk.pdf"]
    from data.services.actions.plans import action_evidence

    update_id = int(button.proto.id.rsplit("actions_evidence_", 1)[1])
    evidence = action_evidence(engine, account(engine, "opd.disdikbud"), update_id)
    assert evidence == ("draf_sk.pdf", "application/pdf", PDF)
