"""Isian Saya for a kecamatan and a kelurahan focal point (the same page as an OPD's): their own
yes/no part of Kelana Dekela, and the city's answer following theirs."""

from sqlalchemy import select

from data.db import unit_of_work
from data.models import Answer, EvaluationCycle, Question, ReportingUnit
from page_helpers import sign_in, texts

ENTRY = "app_pages/entry.py"


def city_answer(engine, code) -> Answer:
    with unit_of_work(engine) as session:
        return session.scalar(
            select(Answer).join(Question, Answer.question_id == Question.id)
            .join(ReportingUnit, Answer.reporting_unit_id == ReportingUnit.id)
            .join(EvaluationCycle, Answer.cycle_id == EvaluationCycle.id)
            .where(Question.code == code, ReportingUnit.kind == "opd", EvaluationCycle.year == 2025))


def unit_answer(engine, code, unit) -> Answer | None:
    with unit_of_work(engine) as session:
        return session.scalar(
            select(Answer).join(Question, Answer.question_id == Question.id)
            .join(ReportingUnit, Answer.reporting_unit_id == ReportingUnit.id)
            .join(EvaluationCycle, Answer.cycle_id == EvaluationCycle.id)
            .where(Question.code == code, ReportingUnit.short_name == unit, EvaluationCycle.year == 2025))


def open_page(app, username):
    app.switch_page(ENTRY).run()
    sign_in(app, username)
    assert not app.exception, [e.message for e in app.exception]
    return app


def open_question(app, code):
    app.session_state[f"entry.open.{code}"] = True
    app.text_input(key="entry.search").input(code).run()
    assert not app.exception, [e.message for e in app.exception]


def test_a_kecamatan_sees_its_nine_questions_as_its_own_yes_no_questions(app):
    open_page(app, "kec.alak")
    page = texts(app)
    assert "Kecamatan Alak · Kota Kupang · siklus 2025 (terbuka)" in page
    assert "dari 9 pertanyaan diajukan" in app.get("progress")[0].proto.text
    labels = [e.label for e in app.expander]
    assert len(labels) == 9 and all("25." in label for label in labels)
    assert any("Apakah kecamatan ini memiliki Forum Anak Kecamatan?" in label for label in labels)
    assert not any("Berapa persen" in label for label in labels)


def test_a_kelurahan_answer_changes_the_citys_answer_shown_on_the_page(app, engine):
    open_page(app, "kel.oesapa")
    code = next(c for c in ("26.2", "26.14", "26.16", "26.18", "26.5")
                if (unit_answer(engine, c, "kel_oesapa") is None
                    or unit_answer(engine, c, "kel_oesapa").status in ("draft", "returned")))
    before = city_answer(engine, code)
    open_question(app, code)
    assert "Jawaban Ya menambah nilai kota" in texts(app)
    assert f"saat ini {int(before.numerator)} dari 51 desa/kelurahan menjawab Ya" in texts(app)
    stored = unit_answer(engine, code, "kel_oesapa")
    answer_yes = stored is None or not stored.bool_value
    radio = next(r for r in app.radio if r.key.startswith(f"entry.{code}.bool"))
    radio.set_value(answer_yes).run()
    app.button(key=f"entry.{code}.save").click().run()
    assert not app.error, [e.value for e in app.error]
    after = city_answer(engine, code)
    expected = before.numerator + (1 if answer_yes else -1 if stored is not None and stored.bool_value else 0)
    assert after.numerator == expected and after.denominator == 51
    assert f"saat ini {int(after.numerator)} dari 51 desa/kelurahan menjawab Ya" in texts(app)


def test_a_kelurahan_has_no_co_answers_of_the_other_fifty(app):
    open_page(app, "kel.oebobo")
    open_question(app, "26.15")
    assert not app.dataframe or all("Unit" not in d.value.columns for d in app.dataframe)
