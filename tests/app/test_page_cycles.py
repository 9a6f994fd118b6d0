"""Siklus & Penugasan (app_pages/cycles.py) through AppTest: the chair is refused; the secretariat
sees Kupang's cycles, checks and opens 2026, moves a question to another OPD; a past deadline is
refused."""
from datetime import timedelta

from streamlit.testing.v1 import AppTest

from indicators import clock
from page_helpers import open_page_as, texts

PAGE = "app_pages/cycles.py"


def open_as(username: str) -> AppTest:
    return open_page_as(PAGE, username)


def test_the_chair_is_refused(database_url):
    assert "tidak tersedia untuk peran Anda" in texts(open_as("ketua"))


def test_secretariat_opens_2026_after_checking_it(database_url):
    at = open_as("sekretariat")
    assert at.dataframe[0].value["Tahun"].tolist() == ["2025", "2024", "2023", "2022"]
    assert at.number_input(key="cycles_year").value == 2026
    at.button(key="cycles_check").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert "Siklus 2026 dapat dibuka" in at.success[0].value
    at.button(key="cycles_open").click().run()
    assert "Siklus 2026 dibuka" in at.success[0].value
    assert at.dataframe[0].value["Tahun"].tolist()[0] == "2026"


def test_a_past_deadline_is_refused_and_no_cycle_opens(database_url):
    at = open_as("sekretariat")
    at.date_input(key="cycles_deadline").set_value(clock.today() - timedelta(days=1))
    at.button(key="cycles_open").click().run()
    assert "sudah lewat" in at.error[0].value
    assert len(at.dataframe[0].value) == 4


def test_secretariat_moves_a_question_to_another_opd(database_url):
    at = open_as("sekretariat")
    at.text_input(key="cycles_search").input("1.1").run()
    at.selectbox(key="cycles_question").set_value("1.1").run()
    chosen = at.multiselect[-1]
    assert "jdih" in chosen.value
    chosen.set_value(["bagian_hukum"])
    at.checkbox[-1].check()
    next(b for b in at.button if b.label == "Simpan penugasan").click().run()
    assert not at.error, [e.value for e in at.error]
    assert "Pertanyaan 1.1: ditambahkan \\-; dihapus" in at.success[0].value


def test_secretariat_sets_and_removes_a_target(database_url, engine):
    from data.services.cycles.targets import cycle_targets
    from review_fixtures import account

    at = open_as("sekretariat")
    assert "Belum ada target untuk siklus ini." in texts(at)
    assert at.selectbox(key="targets_year").value == 2025
    at.selectbox(key="targets_what").set_value("i:19")
    at.text_input(key="targets_points").input("60")
    at.button(key="FormSubmitter:targets_form-Simpan target").click().run()
    assert "melebihi nilai maksimum 51" in at.error[0].value
    assert cycle_targets(engine, account(engine, "sekretariat"), None, 2025).empty
    at.text_input(key="targets_points").input("40,5")
    at.text_input(key="targets_note").input("Rakor Maret 2024")
    at.button(key="FormSubmitter:targets_form-Simpan target").click().run()
    assert not at.exception and "Target Indikator 19 siklus 2025 disimpan." in at.success[0].value
    shown = next(d.value for d in at.dataframe if "Untuk" in d.value.columns)
    assert shown.values.tolist() == [["Indikator 19", "40,5 / 51", "", "Rakor Maret 2024"]]
    at.button(key="FormSubmitter:targets_remove_form-Hapus").click().run()
    assert "dihapus" in at.success[0].value
    assert cycle_targets(engine, account(engine, "sekretariat"), None, 2025).empty


def test_secretariat_assigns_every_question_of_a_data_source_at_once(database_url):
    at = open_as("sekretariat")
    assert "Tidak ada pertanyaan untuk OPD yang cocok" in texts(at)  # Kupang: every question has an answerer
    at.toggle(key="cycles_many_only_nobody").set_value(False).run()
    at.segmented_control(key="cycles_many_by").set_value("source").run()
    at.selectbox(key="cycles_many_source").set_value("kejaksaan").run()
    [picked] = [c.value for c in at.caption if "pertanyaan terpilih" in c.value]
    count = int(picked.split()[0])
    assert count >= 2
    at.multiselect(key="cycles_many_opds").set_value(["bapenda"]).run()
    at.button(key="cycles_many_save").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert f"{count} pertanyaan kini dijawab juga oleh bapenda ({count} penugasan baru" in at.success[0].value
    assert at.toggle(key="cycles_many_only_nobody").value  # the form starts again from the questions nobody answers
    at.toggle(key="cycles_many_only_nobody").set_value(False).run()
    assert at.selectbox(key="cycles_many_indicator").value is None
    assert at.multiselect(key="cycles_many_opds").value == []
    table = at.dataframe[1].value
    with_kejaksaan = table[table["Sumber data katalog"].str.contains("kejaksaan")]
    assert len(with_kejaksaan) == count and with_kejaksaan["Dijawab oleh"].str.contains("bapenda").all()
