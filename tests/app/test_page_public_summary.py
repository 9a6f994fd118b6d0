"""Ringkasan Publik (app_pages/public_summary.py) through AppTest."""

import json

from sqlalchemy import update
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import UnknownElement

from data.models import EvaluationCycle
from page_helpers import APP, texts


def charts(at) -> list[UnknownElement]:
    return at.get("vega_lite_chart")


def chart_values(chart) -> list[dict]:
    """The rows of every dataset the chart carries (Streamlit sends them as Arrow)."""
    rows = []
    for dataset in chart.proto.datasets:
        rows += convert_arrow_bytes_to_pandas_df(dataset.data.data).to_dict("records")
    return rows


def test_public_summary_in_indonesian(app):
    page = texts(app)
    assert "Ringkasan Publik KLA" in page
    assert "Kota Kupang meraih predikat **Madya** pada evaluasi 2024 dengan nilai **624,49** dari 1.000" in page
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Predikat"] == "Madya"
    assert metrics["Nilai total"] == "624,49 / 1.000"
    assert metrics["Menuju Nindya"] == "75,51 poin lagi"
    assert "Diterbitkan 23 Juli 2024" in page
    assert metrics["Terverifikasi"] == "261 dari 274 pertanyaan"
    assert not app.warning  # 95% verified: above the minimum, no partial-result note

    every_chart = charts(app)
    assert len(every_chart) == 2 + 7  # groups, one per group's indicators, trend
    groups, trend = every_chart[0], every_chart[-1]
    assert json.loads(groups.proto.spec)["layer"][1]["mark"]["type"] == "bar"
    group_rows = chart_values(groups)
    assert [row["label"] for row in group_rows][:2] == ["Kelembagaan", "Klaster I"]
    assert len({row["label"] for row in group_rows}) == 7
    assert all(" / " in row["value_text"] for row in group_rows)
    assert {row["year_text"] for row in chart_values(trend) if "year_text" in row} == {"2022", "2023", "2024"}

    group_table = app.table[0].value
    assert list(group_table.columns) == ["Kelompok", "Nilai", "Maksimum", "Capaian"]
    assert len(group_table) == 7
    assert "Tentang data ini" in page


def test_public_summary_in_english(app):
    app.sidebar.segmented_control[0].set_value("en").run()
    assert not app.exception
    page = texts(app)
    assert "KLA Public Summary" in page
    assert ("Kota Kupang reached the **Madya** rating in the 2024 evaluation with a score of **624.49** "
            "out of 1,000") in page
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Total score"] == "624.49 / 1,000"
    groups = charts(app)[0]
    assert "Cluster I" in {row["label"] for row in chart_values(groups)}
    assert "About this data" in page
    assert app.session_state["lang"] == "en"


def test_no_published_cycle_shows_a_clear_message(database_url, engine):
    from streamlit.testing.v1 import AppTest

    from data.db import unit_of_work
    from page_helpers import APP

    with unit_of_work(engine) as session:
        session.execute(update(EvaluationCycle).values(published=False))
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception
    assert "Belum ada hasil evaluasi yang diterbitkan" in texts(at)
    assert not at.get("vega_lite_chart")


def test_unreachable_database_shows_one_sentence(monkeypatch):
    monkeypatch.setenv("KLA_DATABASE_URL", "sqlite:////nonexistent-folder/pantau_kla.sqlite3")
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception
    assert len(at.error) == 1
    assert "Basis data tidak dapat dihubungi" in at.error[0].value
    assert not at.metric


def test_public_page_agrees_with_manage_score_json(app, database_url):
    import os
    import subprocess
    import sys

    from page_helpers import APP

    done = subprocess.run(
        [sys.executable, "manage.py", "score", "--region", "53.71", "--cycle", "2024", "--json"],
        cwd=os.path.dirname(os.path.abspath(APP)), env={**os.environ, "KLA_DATABASE_URL": database_url},
        capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    shown_total = f"{report['total']:,.2f}".replace(",", "#").replace(".", ",").replace("#", ".")
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Predikat"] == report["predikat"]
    assert metrics["Nilai total"] == f"{shown_total} / 1.000"
    group_table = app.table[0].value
    shown_points = [round(float(v), 2) for v in group_table["Nilai"]]
    assert shown_points == [round(g["points"], 2) for g in report["groups"]]


def test_each_group_opens_to_its_indicators(app):
    labels = [e.label for e in app.expander]
    assert labels[0] == "Kelembagaan · 109,40 / 164"
    assert len(labels) == 7
    kelembagaan = app.expander[0]
    table = kelembagaan.table[0].value
    assert list(table.columns) == ["Kode", "Indikator", "Nilai 2024", "Nilai 2023"]
    assert list(table["Kode"]) == ["1", "2", "3"]
    assert table["Nilai 2024"].iloc[0] == "63,90 / 96" and table["Nilai 2023"].iloc[0] == "58,65"
    text = "\n".join(m.value for m in kelembagaan.markdown)
    assert "**1. Peraturan/Kebijakan Daerah tentang Kabupaten/Kota Layak Anak**" in text
    assert "Menilai ketersediaan Perda KLA" in text
    indicator_rows = chart_values(charts(app)[1])
    assert [row["label"] for row in indicator_rows] == ["1", "2", "3"]
    assert "Sumber instrumen:" in texts(app)
    buttons = [b.proto.label for b in app.get("download_button")]
    assert buttons == ["Unduh tabel (CSV)", "Unduh semua indikator (CSV)", "Unduh tren nilai total (CSV)"]


def test_indicators_in_english(app):
    app.sidebar.segmented_control[0].set_value("en").run()
    assert app.expander[1].label.startswith("Cluster I: ")
    table = app.expander[0].table[0].value
    assert list(table.columns) == ["Code", "Indicator", "Score 2024", "Score 2023"]
    assert "Local regulations and policies" in table["Indicator"].iloc[0]


def test_a_partial_publication_says_so_with_the_reason(database_url, engine):
    from streamlit.testing.v1 import AppTest

    from data.services.review.cycle_admin import close_cycle, publish_cycle
    from page_helpers import APP
    from review_fixtures import account

    chair = account(engine, "ketua")
    close_cycle(engine, chair, 2025)
    publish_cycle(engine, chair, 2025, reason="Diminta DPRD <b>sebelum</b> Rakor.")
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    verified = int(metrics["Terverifikasi"].split()[0])
    assert 0 < verified < 247 and metrics["Terverifikasi"].endswith("dari 274 pertanyaan")
    [warning] = at.warning
    assert "**Hasil sebagian.**" in warning.value and f"{verified} dari 274 pertanyaan terverifikasi" in warning.value
    assert "Diminta DPRD \\<b>sebelum\\</b> Rakor." in warning.value


def test_any_published_year_opens_from_its_address_in_either_language(database_url):
    from streamlit.testing.v1 import AppTest

    from page_helpers import APP

    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["tahun"] = "2022"
    at.run()
    assert not at.exception and not at.info
    assert "Kota Kupang meraih predikat **Pratama** pada evaluasi 2022" in texts(at)
    assert at.selectbox(key="public_year").options == ["2024", "2023", "2022"]
    at.sidebar.segmented_control[0].set_value("en").run()
    assert "in the 2022 evaluation" in texts(at)
    assert (at.query_params["tahun"], at.query_params["wilayah"], at.query_params["lang"]) == ("2022", "53.71", "en")
    at.selectbox(key="public_year").select("2023").run()
    assert "in the 2023 evaluation" in texts(at) and at.query_params["tahun"] == "2023"
    assert {row["year"] for row in chart_values(charts(at)[-1]) if "year" in row} <= {2022, 2023}
    at.sidebar.segmented_control[0].set_value("id").run()
    assert "lang" not in at.query_params and "pada evaluasi 2023" in texts(at)


def test_a_visitor_lands_on_kota_kupang_among_its_neighbours(ntt_engine, monkeypatch):
    """With the demo's NTT neighbours published, Kabupaten Belu comes first by name, yet a visitor
    who has not chosen sees the deployment's own region; the others are one choice away."""
    monkeypatch.setenv("KLA_DATABASE_URL", ntt_engine.url.render_as_string(hide_password=False))
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    region = at.selectbox(key="public_region")
    assert region.options[0].startswith("Kabupaten Belu") and region.value == "53.71"
    assert "Kota Kupang meraih predikat **Madya** pada evaluasi 2024 dengan nilai **624,49** dari 1.000" in texts(at)
    region.set_value("53.04").run()
    assert not at.exception, [e.message for e in at.exception]
    assert "Kabupaten Belu meraih predikat **Madya** pada evaluasi 2024 dengan nilai **645,41** dari 1.000" in texts(at)


def test_the_public_compares_with_published_neighbours_only(ntt_engine, monkeypatch):
    """2024: all three regions published; 2025 is nobody's yet, and Belu's closed 2025 never shows."""
    monkeypatch.setenv("KLA_DATABASE_URL", ntt_engine.url.render_as_string(hide_password=False))
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    metrics = {m.label: m.value for m in at.metric}
    assert (metrics["Wilayah dibandingkan"], metrics["Peringkat di Nusa Tenggara Timur"]) == ("3", "2 dari 3")
    peers = next(table for table in at.table if "Wilayah: penuh · sebagian · belum" in table.value.columns)
    rows = peers.value.set_index("Indikator")
    first = rows.loc["1\\. Peraturan/Kebijakan Daerah tentang Kabupaten/Kota Layak Anak"]  # as written, not a list
    assert first["Poin Kota Kupang"] == "63,90 / 96 (sebagian)"
    assert sum(int(n) for n in first["Wilayah: penuh · sebagian · belum"].split(" · ")) == 3
    assert "713,23" not in texts(at)  # Belu's unpublished 2025 total
