"""Isian Saya (app_pages/entry.py) through AppTest, on a copy of the seeded demo database."""

from datetime import timedelta

from sqlalchemy import func, select

import evidence_samples as samples
from data.actor import signed_in_user
from data.db import unit_of_work
from data.models import Answer, EvidenceFile, Question, ReportingUnit, User
from data.services.accounts.auth import authenticate, hash_password
from data.services.entry.answers import save_draft
from data.services.entry.evidence import upload_evidence
from indicators.answers import AnswerValue
from indicators.text import long_date
from page_helpers import DEMO_PASSWORD, sign_in, texts
from ui.markup import plain
from ui.views.entry_history import action_name

ENTRY = "app_pages/entry.py"
PDF = samples.PDF


def open_page(app, username="opd.dp3a"):
    app.switch_page(ENTRY).run()
    sign_in(app, username)
    assert not app.exception, [e.message for e in app.exception]
    return app


def open_question(app, code):
    if not [w for w in app.text_input if w.key == "entry.search"]:
        open_page(app)
    app.session_state[f"entry.open.{code}"] = True
    app.text_input(key="entry.search").input(code).run()
    assert not app.exception, [e.message for e in app.exception]
    return app


def stored(engine, code, unit="dp3a") -> Answer | None:
    with unit_of_work(engine) as session:
        return session.scalar(
            select(Answer).join(Question, Answer.question_id == Question.id)
            .join(ReportingUnit, Answer.reporting_unit_id == ReportingUnit.id)
            .where(Question.code == code, ReportingUnit.short_name == unit).order_by(Answer.cycle_id.desc()))


def labels(app) -> list[str]:
    return [e.label for e in app.expander]


def test_plain_text_cannot_format_the_page():
    assert plain('<script>alert(1)</script>') == "\\<script>alert(1)\\</script>"
    assert plain("**tebal** :red[merah] [tautan](http://x)") == "\\*\\*tebal\\*\\* \\:red\\[merah\\] \\[tautan\\](http\\://x)"
    assert plain("# judul\n1. satu\n- dua") == "\\# judul  \n1\\. satu  \n\\- dua"
    assert plain("Pertanyaan 19.2a: Pembilang (50)") == "Pertanyaan 19.2a: Pembilang (50)"


def test_history_names_actions_and_their_source():
    assert action_name("answer.save", "page") == "Simpan"
    assert action_name("answer.save", "excel") == "Simpan (Excel)"
    assert action_name("answer.return", None) == "Dikembalikan"
    assert action_name("answer.merge", None) == "answer.merge"


def test_anonymous_gets_the_sign_in_form_and_other_roles_a_refusal(app):
    app.switch_page(ENTRY).run()
    assert [t.value for t in app.title] == ["Masuk"] and not app.expander
    sign_in(app, "ketua")
    assert "Halaman ini tidak tersedia untuk peran Anda" in texts(app)
    assert "Isian Saya" not in [t.value for t in app.title]


def test_progress_deadline_and_returned_answers_at_the_top(app, pinned_clock):
    open_page(app)
    page = texts(app)
    assert [t.value for t in app.title] == ["Isian Saya"]
    assert "9 dari 107 pertanyaan diajukan" in app.get("progress")[0].proto.text
    assert "3 terverifikasi · 8 draf · 2 dikembalikan · 88 belum diisi" in page
    deadline = long_date(pinned_clock + timedelta(days=11))  # the demo was loaded on the pinned day
    assert f"Batas waktu {deadline}:" in page and "11 hari lagi" in page
    assert "Dikembalikan oleh Gugus Tugas (2)" in page
    assert "Alasan: Bukti dukung belum dilampirkan; mohon unggah dokumen yang ditandatangani." in page
    assert len(app.expander) == 107 and "107 dari 107 pertanyaan ditampilkan" in page
    assert [s.value for s in app.subheader][0] == "Kelembagaan"
    # Closed expanders build no widgets: only the page's own inputs exist.
    assert not app.number_input and not app.radio and not app.text_area


def test_status_filter_and_search(app):
    open_page(app)
    app.pills(key="entry.status").set_value(["returned"]).run()
    assert len(app.expander) == 2 and all("*Dikembalikan*" in label for label in labels(app))
    app.pills(key="entry.status").set_value([]).run()
    app.text_input(key="entry.search").input("ruang bermain").run()
    assert [label.split("**")[1] for label in labels(app)] == ["1.2j", "1.3n", "11.2"]
    assert all("ruang bermain" in label.lower() for label in labels(app))
    app.text_input(key="entry.search").input("6.5").run()
    assert len(app.expander) == 1 and labels(app)[0].startswith("**6.5**")
    app.text_input(key="entry.search").input("zzz-tidak-ada").run()
    assert "Tidak ada pertanyaan yang cocok" in texts(app)


def test_open_a_returned_answer_from_the_top(app, engine):
    open_page(app)
    app.button(key="entry.show.6.5").click().run()
    assert len(app.expander) == 1 and labels(app)[0].startswith("**6.5**")
    page = texts(app)
    assert "Dikembalikan oleh Gugus Tugas. Alasan: Bukti dukung belum dilampirkan" in page
    assert app.radio(key="entry.6.5.choice.0").value == stored(engine, "6.5").choice_code is not None  # graded


def test_answer_yes_no_shows_points_as_typed_and_saves_a_draft(app, engine):
    open_question(app, "1.1")
    assert "Poin jawaban ini: **0** dari 12" in texts(app)
    app.radio(key="entry.1.1.bool.0").set_value(True).run()
    assert "Poin jawaban ini: **12** dari 12" in texts(app)
    app.button(key="entry.1.1.save").click().run()
    assert not app.exception
    assert "Pertanyaan 1.1 disimpan sebagai draf." in [s.value for s in app.success]
    answer = stored(engine, "1.1")
    assert (answer.status, answer.bool_value, answer.self_points) == ("draft", True, 12.0)
    assert "*Draf* — Ya" in labels(app)[0]


def test_percentage_is_computed_and_bad_numbers_are_refused(app, engine):
    open_question(app, "19.2a")
    app.number_input(key="entry.19.2a.num.0").set_value(50).run()
    app.number_input(key="entry.19.2a.den.0").set_value(40).run()
    assert any("tidak boleh lebih besar dari penyebut" in w.value for w in app.warning)
    app.button(key="entry.19.2a.save").click().run()
    assert any("Pembilang (50) tidak boleh lebih besar dari penyebut (40)" in e.value for e in app.error)
    assert stored(engine, "19.2a") is None
    app.number_input(key="entry.19.2a.num.0").set_value(30).run()
    assert "Persentase (dihitung): **75%**" in texts(app)
    app.button(key="entry.19.2a.save").click().run()
    answer = stored(engine, "19.2a")
    assert (answer.numerator, answer.denominator, answer.status) == (30.0, 40.0, "draft")


def test_a_note_with_html_is_saved_and_shown_as_text(app, engine):
    note = '<script>alert("x")</script> **tebal** :red[merah]'
    open_question(app, "2.1")
    app.text_area(key="entry.2.1.note.0").input(note).run()
    app.button(key="entry.2.1.save").click().run()
    assert stored(engine, "2.1").note == note
    user = authenticate(engine, "opd.dp3a", DEMO_PASSWORD)
    upload_evidence(engine, user, "2.1", "sk.pdf", PDF)
    app.run()
    app.button(key="entry.2.1.submit").click().run()
    assert not app.exception
    assert stored(engine, "2.1").status == "submitted"
    assert note in [t.value for t in app.text]   # read-only now: the note as plain text
    for element in (*app.markdown, *app.caption):
        assert "<script>" not in element.value and ":red[merah]" not in element.value


def colleague_saves(engine, code: str, value: AnswerValue, note: str) -> None:
    """Another operator of DP3A saves the answer meanwhile."""
    with unit_of_work(engine) as session:
        dp3a = session.scalar(select(User).where(User.username == "opd.dp3a"))
        colleague = User(username="opd.dp3a.dua", display_name="Rekan DP3A", password_hash=hash_password("x" * 10),
                         role="opd", region_id=dp3a.region_id, reporting_unit_id=dp3a.reporting_unit_id)
        session.add(colleague)
        session.flush()
        other = signed_in_user(colleague)
    save_draft(engine, other, code, value, note, stored(engine, code).version)


def test_a_conflict_keeps_what_was_typed_beside_the_saved_version_and_the_user_may_keep_theirs(app, engine):
    open_question(app, "2.3")
    app.radio(key="entry.2.3.bool.0").set_value(False).run()
    app.text_area(key="entry.2.3.note.0").input("isian saya").run()
    colleague_saves(engine, "2.3", AnswerValue(bool_value=True), "oleh rekan")

    app.button(key="entry.2.3.save").click().run()

    assert any("sudah diubah oleh Rekan DP3A" in e.value and "WITA" in e.value for e in app.error)
    assert stored(engine, "2.3").note == "oleh rekan"
    conflict = texts(app)
    assert "Dua versi jawaban 2.3" in conflict and "Isian Anda (belum disimpan)" in conflict
    assert app.radio(key="entry.2.3.bool.0").value is False  # what was typed is still there
    assert app.text_area(key="entry.2.3.note.0").value == "isian saya"
    assert {"oleh rekan", "isian saya"} <= {t.value for t in app.text}

    app.button(key="entry.2.3.keep_mine").click().run()

    answer = stored(engine, "2.3")
    assert (answer.bool_value, answer.note) == (False, "isian saya")
    assert "Dua versi jawaban" not in texts(app)


def test_a_conflict_can_take_the_saved_version_instead(app, engine):
    open_question(app, "2.3")
    app.radio(key="entry.2.3.bool.0").set_value(False).run()
    colleague_saves(engine, "2.3", AnswerValue(bool_value=True), "oleh rekan")
    app.button(key="entry.2.3.save").click().run()

    app.button(key="entry.2.3.reload").click().run()

    assert app.text_area(key="entry.2.3.note.1").value == "oleh rekan"
    assert stored(engine, "2.3").note == "oleh rekan"


def test_a_negative_count_is_refused_at_the_field_and_nothing_is_stored(app, engine):
    code = "8.2"   # a count DP3A has not answered yet
    open_question(app, code)
    before = stored(engine, code)
    count = [n for n in app.number_input if n.key.startswith(f"entry.{code}.count.")][0]
    count.set_value(-5).run()
    assert any("tidak boleh negatif" in w.value for w in app.warning)
    app.button(key=f"entry.{code}.save").click().run()
    assert any("tidak boleh negatif" in e.value for e in app.error)
    after = stored(engine, code)
    assert (after.version if after else None) == (before.version if before else None)


def test_an_over_long_note_is_refused_with_its_length_not_dropped(app, engine):
    open_question(app, "2.3")
    app.radio(key="entry.2.3.bool.0").set_value(True).run()
    app.text_area(key="entry.2.3.note.0").input("p" * 5600).run()
    assert any("5.600 karakter, melebihi batas 5.000" in e.value for e in app.error)
    app.button(key="entry.2.3.save").click().run()
    assert any("catatan terlalu panjang (5.600 karakter)" in e.value for e in app.error)
    assert stored(engine, "2.3") is None or not (stored(engine, "2.3").note or "").startswith("ppp")
    app.text_area(key="entry.2.3.note.0").input("ringkas").run()
    assert "7 dari 5.000 karakter" in texts(app)


def test_upload_evidence_then_submit_all_ready(app, engine):
    open_question(app, "2.1")
    app.file_uploader(key="entry.2.1.file.0").upload("perda.pdf", PDF, "application/pdf").run()   # stored at once
    assert not app.exception
    assert "Berkas perda.pdf diunggah." in [s.value for s in app.success]
    with unit_of_work(engine) as session:
        assert session.scalar(select(EvidenceFile.filename)) == "perda.pdf"
    assert [d.label for d in app.download_button] == ["Unduh"]
    ready = [b for b in app.button if b.key == "entry.submit_all"]
    assert ready and ready[0].label == "Ajukan yang siap (1)…"
    ready[0].click().run()
    assert stored(engine, "2.1").status == "draft"   # nothing is sent before the user sees the list
    tick = app.checkbox(key="entry.submit_tick.2.1")
    assert tick.value is True and tick.label.startswith("**2.1** · ")
    tick.uncheck().run()
    assert app.button(key="entry.submit_picked").disabled
    assert "Belum ada yang dicentang." in texts(app)
    app.checkbox(key="entry.submit_tick.2.1").check().run()
    assert app.button(key="entry.submit_picked").label == "Ajukan 1 jawaban yang dicentang"
    app.button(key="entry.submit_picked").click().run()
    assert stored(engine, "2.1").status == "submitted"
    assert "10 dari 107 pertanyaan diajukan" in app.get("progress")[0].proto.text


def test_the_ready_filter_and_cancelling_the_submit_list(app, engine):
    open_question(app, "2.1")
    app.file_uploader(key="entry.2.1.file.0").upload("perda.pdf", PDF, "application/pdf").run()
    app.toggle(key="entry.ready_only").set_value(True).run()
    assert all("**2.1**" in label for label in labels(app)) and labels(app)
    app.button(key="entry.submit_all").click().run()
    app.button(key="entry.submit_cancel").click().run()
    assert not [c for c in app.checkbox if c.key.startswith("entry.submit_tick.")]
    assert stored(engine, "2.1").status == "draft"


def test_several_files_at_once_each_stored_or_refused_on_its_own(app, engine):
    open_question(app, "2.1")
    uploader = app.file_uploader(key="entry.2.1.file.0")
    uploader.upload("sk.pdf", samples.pdf("SK"), "application/pdf")
    uploader.upload("palsu.pdf", b"bukan pdf", "application/pdf")
    uploader.upload("foto.png", samples.PNG, "image/png").run()
    assert {s.value for s in app.success} >= {"Berkas sk.pdf diunggah.", "Berkas foto.png diunggah."}
    assert any("palsu.pdf" in e.value and "bukan PDF yang sah" in e.value for e in app.error)
    with unit_of_work(engine) as session:
        assert sorted(session.scalars(select(EvidenceFile.filename))) == ["foto.png", "sk.pdf"]


def test_a_fake_pdf_is_refused_on_the_page(app, engine):
    open_question(app, "2.1")
    app.file_uploader(key="entry.2.1.file.0").upload("palsu.pdf", b"ini bukan pdf", "application/pdf").run()
    assert any("bukan PDF yang sah" in e.value for e in app.error)
    with unit_of_work(engine) as session:
        assert session.scalar(select(EvidenceFile.id)) is None


def test_an_earlier_cycle_is_read_only(app):
    open_page(app)
    app.selectbox(key="entry.year").select(2024).run()
    page = texts(app)
    assert "Siklus 2024 ditutup: jawaban hanya dapat dibaca." in page
    assert not [b for b in app.button if b.key == "entry.submit_all"]
    open_question(app, "26.11")
    assert not app.number_input and "Jawaban: **50 dari 51 (98,0%)**" in texts(app)


def test_history_and_co_answers_of_a_question(app, engine):
    dinsos = authenticate(engine, "opd.dinsos", DEMO_PASSWORD)
    save_draft(engine, dinsos, "1.2g", AnswerValue(choice_code="lengkap"), None, None)  # a graded question
    open_question(app, "1.2g")
    co = app.dataframe[0].value
    assert set(co["Unit"]) >= {"Dinas Sosial Kota Kupang"} and "Lengkap" in set(co["Jawaban"])
    app.radio(key="entry.1.2g.choice.0").set_value("belum").run()
    app.button(key="entry.1.2g.save").click().run()
    app.toggle(key="entry.1.2g.history").set_value(True).run()
    events = history_events(app)
    assert len(events) == 1 and events[0].endswith(" · Operator Dinas Pemberdayaan Perempuan dan Perlindungan "
                                                   "Anak (DP3A) Kota Kupang · Simpan")
    assert any(c.value.startswith("Belum ada · draf") for c in app.caption)


def history_events(app) -> list[str]:
    """The history's lines (newest first): "**<when>** · <who> · <action>"."""
    return [m.value for m in app.markdown if m.value.startswith("**") and m.value.count(" · ") >= 2
            and ("WITA" in m.value or "UTC" in m.value)]


def test_english_and_the_excel_section(app):
    open_page(app)
    app.sidebar.segmented_control[0].set_value("en").run()
    assert [t.value for t in app.title] == ["My answers"]
    assert "9 of 107 questions submitted" in app.get("progress")[0].proto.text
    app.session_state["entry.tab"] = "Excel"
    app.run()
    assert not app.exception
    assert [b.label for b in app.get("download_button")]


def test_last_cycles_file_is_attached_again_with_one_click(app, engine):
    import hashlib

    from data.models import EvaluationCycle, utc_now

    sk = samples.pdf("SK Gugus Tugas KLA 2024")
    with unit_of_work(engine) as session:
        answer = session.scalar(select(Answer).join(Question, Answer.question_id == Question.id)
                                .join(EvaluationCycle, Answer.cycle_id == EvaluationCycle.id)
                                .join(ReportingUnit, Answer.reporting_unit_id == ReportingUnit.id)
                                .where(Question.code == "2.1", EvaluationCycle.year == 2024,
                                       ReportingUnit.short_name == "dp3a"))
        old = EvidenceFile(answer_id=answer.id, filename="sk_gt_2024.pdf", content_type="application/pdf",
                           size_bytes=len(sk), sha256=hashlib.sha256(sk).hexdigest(), content=sk, uploaded_at=utc_now())
        session.add(old)
        session.flush()
        old_id = old.id
    open_question(app, "2.1")
    assert "Berkas siklus 2024 untuk pertanyaan ini" in texts(app)
    app.button(key=f"entry.2.1.reuse.{old_id}").click().run()
    assert "Berkas sk\\_gt\\_2024.pdf dari siklus lalu dilampirkan lagi." in [s.value for s in app.success]
    assert not [b for b in app.button if b.key == f"entry.2.1.reuse.{old_id}"]
    with unit_of_work(engine) as session:
        same_content = select(func.count()).select_from(EvidenceFile).where(EvidenceFile.sha256 == old.sha256)
        assert session.scalar(same_content) == 2


def test_many_files_at_once_go_to_the_questions_their_names_start_with(app, engine):
    open_page(app)
    app.toggle(key="entry.bulk_open").set_value(True).run()
    bulk = [u for u in app.file_uploader if u.key.startswith("entry.bulk.")][0]
    bulk.upload("2.1 SK Gugus Tugas.pdf", samples.pdf("SK GT"), "application/pdf")
    bulk.upload("2.3_sk_forum.pdf", samples.pdf("SK Forum Anak"), "application/pdf")
    bulk.upload("laporan.pdf", samples.pdf("Laporan"), "application/pdf").run()
    page = texts(app)
    assert "pertanyaan **2.1**" in page and "pertanyaan **2.3**" in page
    assert "laporan.pdf: namanya tidak diawali kode pertanyaan" in page
    with unit_of_work(engine) as session:
        assert session.scalar(select(func.count()).select_from(EvidenceFile)) == 0   # nothing before the click
    app.button(key="entry.bulk_send").click().run()
    assert "2 berkas bukti diunggah ke pertanyaannya." in [s.value for s in app.success]
    with unit_of_work(engine) as session:
        stored = session.execute(select(Question.code, EvidenceFile.filename)
                                 .join(Answer, EvidenceFile.answer_id == Answer.id)
                                 .join(Question, Answer.question_id == Question.id)).all()
    assert sorted(stored) == [("2.1", "2.1 SK Gugus Tugas.pdf"), ("2.3", "2.3_sk_forum.pdf")]


def test_one_library_file_is_attached_to_several_questions(app, engine):
    dp3a = authenticate(engine, "opd.dp3a", "KlaKupang2024!")
    upload_evidence(engine, dp3a, "2.1", "perda_kla.pdf", samples.pdf("Perda KLA"))
    open_page(app)
    app.toggle(key="entry.library_open").set_value(True).run()
    assert "Sudah dilampirkan pada: 2.1" in texts(app)
    picker = [m for m in app.multiselect if m.key.startswith("entry.library.codes.")][0]
    picker.set_value(["2.3", "2.4"]).run()
    app.button(key="entry.library.send").click().run()
    assert "Berkas dilampirkan ke 2 pertanyaan: 2.3, 2.4." in [s.value for s in app.success]
    assert "Sudah dilampirkan pada: " in texts(app) and "2.3" in texts(app)
    with unit_of_work(engine) as session:
        stored = sorted(session.execute(select(Question.code).select_from(EvidenceFile)
                                        .join(Answer, EvidenceFile.answer_id == Answer.id)
                                        .join(Question, Answer.question_id == Question.id)
                                        .where(EvidenceFile.filename == "perda_kla.pdf")).scalars())
    assert stored == ["2.1", "2.3", "2.4"]
