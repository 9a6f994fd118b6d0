"""Kelana Dekela (app_pages/kelana.py) through AppTest: headline, the chart per kecamatan in the
order the service gives (the one holding the city back most first), the four tabs, a closed cycle."""
from sqlalchemy import select
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df

from data.actor import signed_in_user
from data.db import unit_of_work
from data.models import User
from data.services.kelana import kelana
from page_helpers import sign_in, texts

KELANA = "app_pages/kelana.py"


def open_kelana(app, username="ketua"):
    app.switch_page(KELANA).run()
    sign_in(app, username)
    assert not app.exception, [e.message for e in app.exception]
    return app


def breakdown(engine, username="ketua", year=None):
    with unit_of_work(engine) as session:
        user = signed_in_user(session.scalar(select(User).where(User.username == username)))
    return kelana.kelana_breakdown(engine, user, year)


def chart_rows(app):
    chart = app.get("vega_lite_chart")[0]
    frames = [convert_arrow_bytes_to_pandas_df(d.data.data) for d in chart.proto.datasets]
    return next(f for f in frames if "held_back" in f.columns)


def test_anonymous_and_unit_accounts_get_nothing(app):
    app.switch_page(KELANA).run()
    assert [t.value for t in app.title] == ["Masuk"]
    sign_in(app, "kec.alak")
    assert "Halaman ini tidak tersedia untuk peran Anda" in texts(app) and not app.dataframe


def test_chair_sees_headline_chart_in_order_and_tables(app, engine):
    open_kelana(app)
    data = breakdown(engine)
    page = texts(app)
    assert [t.value for t in app.title] == ["Kelana Dekela: kecamatan dan kelurahan"]
    assert "Kota Kupang, siklus 2025 (terbuka)" in page
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Kelana Dekela (terverifikasi)"].endswith(" / 100")
    assert metrics["Kelana Dekela (penilaian mandiri)"] == (
        f"{data.group_self:.2f}".replace(".", ",") + " / 100")
    assert len(data.kecamatan) == 6
    rows = chart_rows(app)
    expected = [name.removeprefix("Kecamatan ") for name in data.kecamatan["kecamatan"]]
    assert rows["label"].tolist() == expected  # worst first, as the service sorts
    held = data.kecamatan["held_back_verified"].tolist()
    assert held == sorted(held, reverse=True)
    kecamatan_table, unit_table, question_table, chase_table = (d.value for d in app.dataframe)
    assert kecamatan_table["kecamatan"].tolist() == data.kecamatan["kecamatan"].tolist()
    assert len(unit_table) == len(data.units) and len(question_table) == len(data.questions)
    assert question_table["code"].iloc[0] == "25.2" and "dari" in " ".join(question_table["derivation"])
    assert "pembilang" in question_table["rule"].iloc[0]
    assert chase_table.columns.tolist() == ["Unit", "Kecamatan", "Petugas", "Belum selesai", "Yang kurang"]
    assert len(chase_table) == len(data.not_answered)
    assert [tab.label for tab in app.tabs] == ["Per kecamatan", "Per kelurahan", "Per pertanyaan", "Belum menjawab"]


def test_kelurahan_filter_shows_one_kecamatan(app, engine):
    open_kelana(app, "sekretariat")
    data = breakdown(engine, "sekretariat")
    first = data.kecamatan["kecamatan"].iloc[0]
    app.selectbox(key="kelana_kecamatan_filter").select(first).run()
    units = app.dataframe[1].value
    assert set(units["kecamatan"]) == {first}
    assert len(units) == int((data.units["kecamatan"] == first).sum())
    assert units["kind_name"].tolist()[0] == "Kecamatan"


def test_closed_cycle_says_the_stored_answer_is_shown_and_english_works(app, engine):
    open_kelana(app, "anggota")
    app.selectbox(key="kelana_year_53.71").select(2024).run()
    page = texts(app)
    assert "Kota Kupang, siklus 2024 (ditutup)" in page
    assert "jawaban kota yang ditampilkan adalah yang tersimpan saat ditutup (yang dinilai dan dipublikasikan)" in page
    stored = breakdown(engine, "anggota", 2024).questions
    shown = app.dataframe[2].value
    assert shown["value"].tolist() == stored["value_id"].replace("", "—").tolist()
    app.sidebar.segmented_control[0].set_value("en").run()
    assert not app.exception
    assert [t.label for t in app.tabs] == ["By kecamatan", "By kelurahan", "By question", "Not answered"]
    assert "This cycle is closed" in texts(app)
