"""Verifikasi Jawaban (app_pages/review.py) through AppTest: the queue, verify, return, reopen,
verify several, filters and who sees what."""
from sqlalchemy import select, update

import evidence_samples as samples
from data.actor import signed_in_user
from data.db import unit_of_work
from data.models import Answer, EvaluationCycle, Question, ReportingUnit, User
from data.services.review.review import return_answer
from page_helpers import sign_in, texts
from ui.markup import plain

REVIEW = "app_pages/review.py"


def open_review(app, username="ketua"):
    app.switch_page(REVIEW).run()
    sign_in(app, username)
    assert not app.exception, [e.message for e in app.exception]
    return app


def shown_answer_ids(app) -> list[int]:
    """The answers whose cards are on screen, in order (their forms' keys carry id and version)."""
    return [int(widget.key.split("_")[2]) for widget in app.number_input if widget.key.startswith("review_form_")]


def answer(engine, answer_id: int) -> Answer:
    with unit_of_work(engine) as session:
        return session.get(Answer, answer_id)


def asks_evidence(engine, answer_id: int) -> bool:
    """The answer's question asks for evidence (none of the demo's answers has any attached)."""
    with unit_of_work(engine) as session:
        return session.get(Question, session.get(Answer, answer_id).question_id).evidence_required


def question_asks_evidence(engine, code: str) -> bool:
    with unit_of_work(engine) as session:
        return session.scalar(select(Question.evidence_required).where(Question.code == code))


def answer_of(engine, code: str, unit: str) -> int:
    """The 2025 answer of a unit (by short name) to a question (by code)."""
    with unit_of_work(engine) as session:
        return session.scalar(select(Answer.id).join(Question, Answer.question_id == Question.id)
                              .join(ReportingUnit, Answer.reporting_unit_id == ReportingUnit.id)
                              .join(EvaluationCycle, Answer.cycle_id == EvaluationCycle.id)
                              .where(Question.code == code, ReportingUnit.short_name == unit,
                                     EvaluationCycle.year == 2025))


def buttons(app, label: str):
    return [b for b in app.button if b.label == label]


def test_anonymous_and_unit_accounts_get_nothing_of_the_queue(app):
    app.switch_page(REVIEW).run()
    assert [t.value for t in app.title] == ["Masuk"] and "Poin mandiri" not in texts(app)
    sign_in(app, "opd.dinkes")
    assert "Halaman ini tidak tersedia untuk peran Anda" in texts(app)
    assert not app.number_input and not app.dataframe


def test_queue_shows_answers_and_verifies_at_the_self_points(app, engine):
    open_review(app)
    page = texts(app)
    assert [t.value for t in app.title] == ["Verifikasi Jawaban"]
    assert "Kota Kupang, siklus 2025 (terbuka)" in page and "226 dari 226 jawaban ditampilkan." in page
    assert "Poin mandiri" in page and "Catatan OPD" in page and "Siklus lalu" in page
    assert len(buttons(app, "Verifikasi")) == 10  # one page of cards
    shown = shown_answer_ids(app)
    assert asks_evidence(engine, shown[0])  # 1.2c asks for its policy; the demo attached none
    assert ("Bukti dukung: Belum ada bukti dukung, padahal pertanyaan ini mewajibkannya. Memverifikasi dengan "
            "poin di atas 0 memerlukan alasan.") in page
    buttons(app, "Verifikasi")[0].click().run()
    assert any("bukti dukung yang diminta pertanyaan ini belum dilampirkan" in e.value for e in app.error)
    assert answer(engine, shown[0]).status == "submitted"
    app.multiselect(key="review_groups_2025_submitted").select("KELANA_DEKELA").run()  # yes/no parts ask for none
    index = next(i for i, a in enumerate(shown_answer_ids(app)) if not asks_evidence(engine, a))
    first = shown_answer_ids(app)[index]
    before = answer(engine, first)
    buttons(app, "Verifikasi")[index].click().run()
    after = answer(engine, first)
    assert (after.status, after.verified_points, after.version) == ("verified", before.self_points, before.version + 1)
    assert "diverifikasi" in " ".join(s.value for s in app.success)
    assert "dari 225 jawaban ditampilkan." in texts(app) and first not in shown_answer_ids(app)


def test_changed_points_need_a_reason_and_return_needs_one_too(app, engine):
    open_review(app)
    first = shown_answer_ids(app)[0]
    before = answer(engine, first)
    key = f"review_form_{first}_{before.version}"
    app.number_input(key=f"{key}_points").set_value(0.0)
    buttons(app, "Verifikasi")[0].click().run()
    assert any("tuliskan alasannya" in e.value for e in app.error)
    buttons(app, "Kembalikan ke OPD")[0].click().run()
    assert any("alasan pengembalian" in e.value for e in app.error)
    assert answer(engine, first).version == before.version  # nothing changed

    app.text_area(key=f"{key}_reason").input("SK yang dilampirkan sudah kedaluwarsa.")
    buttons(app, "Kembalikan ke OPD")[0].click().run()
    after = answer(engine, first)
    assert (after.status, after.return_reason) == ("returned", "SK yang dilampirkan sudah kedaluwarsa.")

    second = shown_answer_ids(app)[0]
    key = f"review_form_{second}_{answer(engine, second).version}"
    app.number_input(key=f"{key}_points").set_value(0.0)
    app.text_area(key=f"{key}_reason").input("Bukti tidak mendukung jawaban.")
    buttons(app, "Verifikasi")[0].click().run()
    after = answer(engine, second)
    assert (after.status, after.verified_points, after.verified_reason) == (
        "verified", 0.0, "Bukti tidak mendukung jawaban.")


def test_a_second_reviewer_sees_who_changed_the_answer(app, engine):
    open_review(app)
    first = shown_answer_ids(app)[0]
    with unit_of_work(engine) as session:  # another reviewer, in another process, was quicker
        member = signed_in_user(session.scalar(select(User).where(User.username == "anggota")))
    return_answer(engine, member, first, answer(engine, first).version, "Lampirkan bukti.")
    buttons(app, "Verifikasi")[0].click().run()
    assert any("sudah diubah oleh Anggota Gugus Tugas KLA" in e.value for e in app.error)
    assert answer(engine, first).status == "returned"


def test_verify_several_selected_rows(app, engine):
    open_review(app)
    table_key = app.dataframe[0].proto.id.split("-")[-1]
    assert buttons(app, "Pilih baris di tabel untuk verifikasi sekaligus.")[0].disabled
    app.multiselect(key="review_groups_2025_submitted").select("KELANA_DEKELA").run()  # yes/no parts ask for none
    table_key = app.dataframe[0].proto.id.split("-")[-1]
    table = app.dataframe[0].value
    rows = [i for i, code in enumerate(table["code"]) if not question_asks_evidence(engine, code)][:3]
    picked = [answer_of(engine, table["code"].iloc[i], table["unit"].iloc[i]) for i in rows]
    app.session_state[table_key] = {"selection": {"rows": rows, "columns": [], "cells": []}}
    app.run()
    buttons(app, "Verifikasi 3 jawaban terpilih")[0].click().run()
    assert not app.exception
    assert [answer(engine, a).status for a in picked] == ["verified"] * 3
    assert "3 jawaban diverifikasi." in " ".join(s.value for s in app.success)
    assert "dari 223 jawaban ditampilkan." in texts(app)


def test_select_all_verifies_every_row_the_filters_leave(app, engine):
    open_review(app)
    app.multiselect(key="review_groups_2025_submitted").select("KELANA_DEKELA").run()
    table = app.dataframe[0].value
    unit = next(u for u in table["unit"].unique()
                if not any(question_asks_evidence(engine, c) for c in table.loc[table["unit"] == u, "code"]))
    app.multiselect(key="review_units_2025_submitted").select(unit).run()
    shown = app.dataframe[0].value
    picked = [answer_of(engine, code, unit) for code in shown["code"]]
    [select_all] = [c for c in app.checkbox if c.label.startswith("Pilih semua")]
    assert select_all.label == f"Pilih semua {len(shown)} jawaban yang tampil" and not select_all.value
    select_all.check().run()
    buttons(app, f"Verifikasi {len(shown)} jawaban terpilih")[0].click().run()
    assert not app.exception
    assert [answer(engine, a).status for a in picked] == ["verified"] * len(picked)
    assert f"{len(shown)} jawaban diverifikasi." in " ".join(s.value for s in app.success)


def test_filters_by_unit_group_and_flag(app, engine):
    open_review(app)
    app.multiselect(key="review_units_2025_submitted").select("dinkes").run()
    assert set(app.dataframe[0].value["unit"]) == {"dinkes"}
    app.multiselect(key="review_units_2025_submitted").unselect("dinkes").run()
    app.multiselect(key="review_groups_2025_submitted").select("KLASTER_III").run()
    codes = list(app.dataframe[0].value["code"])
    assert codes and all(not c.startswith(("1.", "2.")) for c in codes)
    app.toggle(key="review_flagged").set_value(True).run()
    assert "Tidak ada jawaban yang menunggu verifikasi dengan saringan ini." in texts(app)


def test_chair_reopens_a_verified_answer_with_a_reason(app, engine):
    open_review(app)
    app.segmented_control(key="review_show").set_value("verified").run()
    assert not app.exception
    assert "verified" in app.dataframe[0].value.columns  # the verified points column
    assert "Diverifikasi" in texts(app) and "Alasan: nan" not in texts(app)
    reopen = buttons(app, "Buka kembali")
    assert reopen
    first = [int(w.key.split("_")[2]) for w in app.text_area if w.key.startswith("review_reopen_")][0]
    reopen[0].click().run()
    assert any("alasan membuka kembali" in e.value for e in app.error)
    key = [w.key for w in app.text_area if w.key.startswith(f"review_reopen_{first}_")][0]
    app.text_area(key=key).input("SK ternyata untuk tahun 2023.")
    buttons(app, "Buka kembali")[0].click().run()
    after = answer(engine, first)
    assert (after.status, after.verified_points) == ("submitted", None)


def test_member_reviews_but_does_not_reopen_and_secretariat_only_reads(app, engine):
    open_review(app, "anggota")
    assert buttons(app, "Verifikasi")
    app.segmented_control(key="review_show").set_value("verified").run()
    assert not buttons(app, "Buka kembali") and "Diverifikasi" in texts(app)

    app.switch_page(REVIEW).run()
    for button in buttons(app, "Keluar"):
        button.click().run()
    open_review(app, "sekretariat")
    assert "Anda dapat membaca antrean ini, tetapi tidak memverifikasi." in texts(app)
    assert not buttons(app, "Verifikasi") and not app.number_input
    assert "226 dari 226 jawaban ditampilkan." in texts(app)


def test_closed_cycle_is_read_only(app, engine):
    with unit_of_work(engine) as session:
        session.execute(update(EvaluationCycle).where(EvaluationCycle.year == 2025).values(status="closed"))
    open_review(app)
    assert "Siklus 2025 sudah ditutup: jawaban hanya dapat dibaca." in texts(app)
    assert not buttons(app, "Verifikasi") and not app.number_input


def test_english(app):
    open_review(app)
    app.sidebar.segmented_control[0].set_value("en").run()
    assert [t.value for t in app.title] == ["Review answers"]
    assert buttons(app, "Verify") and buttons(app, "Return to OPD")
    assert "226 of 226 answers shown." in texts(app)


def history_events(app) -> list[str]:
    return [m.value for m in app.markdown if m.value.startswith("**") and m.value.count(" · ") >= 2
            and ("WITA" in m.value or "UTC" in m.value)]


def test_a_card_shows_the_answers_history_from_the_audit_log(app, engine):
    from data.services.entry import evidence
    from data.services.entry.answers import submit_answers

    with unit_of_work(engine) as session:
        dp3a = signed_in_user(session.scalar(select(User).where(User.username == "opd.dp3a")))
    code = "2.1"  # a draft of the demo that only lacks its evidence
    evidence.upload_evidence(engine, dp3a, code, "perda_kla.pdf", samples.PDF)
    submit_answers(engine, dp3a, [code])

    open_review(app, "anggota")
    app.multiselect(key="review_units_2025_submitted").select("dp3a").run()
    app.toggle(key=f"entry.dp3a.{code}.history").set_value(True).run()
    assert not app.exception, [e.message for e in app.exception]
    events = history_events(app)
    assert events[0].endswith(f" · {dp3a.display_name} · Ajukan")
    assert any(e.endswith(f" · {dp3a.display_name} · Unggah bukti dukung") for e in events)
    assert any(c.value.startswith(plain("perda_kla.pdf") + " (") for c in app.caption)
