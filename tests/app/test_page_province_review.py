"""Verifikasi Provinsi (app_pages/province_review.py) through AppTest: the province verifier lowers a
question with a reason (refused without one), and the city's chair sees it with the reason and the
three totals on Nilai dan Predikat."""
from data.services.province.verification import province_queue
from page_helpers import open_page_as, texts
from review_fixtures import account

PAGE = "app_pages/province_review.py"


def test_the_province_lowers_a_question_and_the_chair_sees_why(database_url, engine):
    at = open_page_as(PAGE, "provinsi.ntt")
    assert not at.exception and "Verifikasi Administrasi Provinsi" in texts(at)
    answer_id = at.selectbox(key="prov_pick").value
    at.number_input(key=f"prov_points_{answer_id}").set_value(0.0)
    at.button(key=f"FormSubmitter:prov_form_{answer_id}-Simpan poin provinsi").click().run()
    assert any("tuliskan alasannya agar kota tahu apa yang kurang" in e.value for e in at.error)
    queue = province_queue(engine, account(engine, "provinsi.ntt"), "53.71", 2024)
    assert set(queue["province_state"]) == {"open"}
    at.text_area(key=f"prov_reason_{answer_id}").input("Perda belum dilampirkan.")
    at.button(key=f"FormSubmitter:prov_form_{answer_id}-Simpan poin provinsi").click().run()
    assert not at.exception and "disimpan" in at.success[0].value
    code = queue.set_index("answer_id").loc[answer_id, "question_code"]

    chair = open_page_as("app_pages/scores.py", "ketua")
    chair.selectbox(key="scores_year_53.71").set_value(2024).run()
    assert not chair.exception and "Pembacaan provinsi" in texts(chair)
    frames = [f.value for f in chair.dataframe if "reason" in f.value.columns]
    assert frames[0][["code", "state", "reason"]].values.tolist() == [[code, "diturunkan", "Perda belum dilampirkan."]]


def test_the_chair_cannot_open_the_province_page(database_url):
    at = open_page_as(PAGE, "ketua")
    assert "Halaman ini tidak tersedia untuk peran Anda (Ketua Gugus Tugas KLA)." in texts(at)
