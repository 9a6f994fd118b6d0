"""Indikator Publik (app_pages/public_indicator.py) through AppTest: open to everyone, both
languages, the URL names the indicator, and the CSV offers exactly what the tables show."""

import io

import pandas as pd
from streamlit.testing.v1 import AppTest

from page_helpers import APP, texts

PAGE = "app_pages/public_indicator.py"


def open_page(kode: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    if kode is not None:
        at.query_params["kode"] = kode
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_first_indicator_for_an_anonymous_visitor(database_url):
    at = open_page()
    page = texts(at)
    assert "Indikator KLA" in page
    assert at.selectbox(key="pub_indicator").value == "1"
    assert "Indikator 1. Peraturan/Kebijakan Daerah tentang Kabupaten/Kota Layak Anak" in page
    assert "Masuk" not in [t.value for t in at.title]


def test_an_indicator_in_indonesian(database_url):
    at = open_page()
    at.selectbox(key="pub_indicator").select("19").run()
    assert not at.exception
    page = texts(at)
    assert "Indikator 19. Sekolah (Satuan Pendidikan) Ramah Anak (SRA)" in page
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Nilai 2024"] == "22,31 / 51"
    assert metrics["Dibanding 2023"] == "+0,86 poin"
    trend, questions = at.table[0].value, at.table[1].value
    assert list(trend.columns) == ["Tahun", "Nilai", "Maksimum", "Capaian"]
    assert list(trend["Tahun"]) == ["2022", "2023", "2024"]
    assert list(questions.columns) == ["Kode", "Pertanyaan", "Jawaban terverifikasi", "Nilai"]
    by_code = questions.set_index("Kode")
    assert by_code.loc["19.1", "Jawaban terverifikasi"] == "Ya"
    assert by_code.loc["19.1", "Nilai"] == "4,00 / 4"
    assert by_code.loc["19.2a", "Jawaban terverifikasi"] == "103 dari 216 (47,7%)"
    assert "Cara penilaian" in page and "Nilai maksimum indikator ini 51 poin" in page
    assert "OPD penanggung jawab data" in page and "Dinas Pendidikan dan Kebudayaan Kota Kupang" in page
    assert "Instrumen KLA-2024." in page
    assert [chart.proto for chart in at.get("vega_lite_chart")]
    assert at.query_params["kode"] == ["19"] or at.query_params["kode"] == "19"
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Unduh nilai per tahun (CSV)", "Unduh pertanyaan dan jawaban (CSV)"]


def test_the_url_opens_an_indicator_in_english(database_url):
    at = open_page("21A")
    at.sidebar.segmented_control[0].set_value("en").run()
    assert not at.exception
    assert at.selectbox(key="pub_indicator").value == "21A"
    page = texts(at)
    assert "Indicator 21A." in page and "Score over time" in page and "How it is scored" in page
    questions = at.table[1].value
    assert list(questions.columns) == ["Code", "Question", "Verified answer", "Score"]
    assert {m.label for m in at.metric} == {"Score 2024", "Compared with 2023"}


def test_the_csv_is_what_the_tables_show(engine):
    from data.services.public.files import indicator_questions_file, indicator_trend_file
    from data.services.public.summary import public_indicator

    indicator = public_indicator(engine, "53.71", "19")
    at = open_page("19")
    trend = pd.read_csv(io.StringIO(indicator_trend_file(indicator).csv()))
    shown_trend = at.table[0].value
    assert list(trend["year"].astype(str)) == list(shown_trend["Tahun"])
    assert list(trend["points"]) == [round(float(v), 2) for v in shown_trend["Nilai"]]  # the CSV rounds to 0,01
    questions = pd.read_csv(io.StringIO(indicator_questions_file(indicator).csv()), dtype={"question_code": str},
                            keep_default_na=False)
    shown = at.table[1].value
    assert list(questions["question_code"]) == list(shown["Kode"])
    assert list(questions["answer_id"].replace("", "belum terverifikasi")) == list(shown["Jawaban terverifikasi"])


def test_the_satu_data_metadata_is_on_the_page_as_exported(engine):
    from data.services.public.files import indicator_metadata
    from data.services.public.summary import public_indicator

    at = open_page("19")
    table = next(t.value for t in at.table if "Unsur" in t.value.columns)
    shown = dict(zip(table["Unsur"], table["Isi"], strict=True))
    exported = indicator_metadata(public_indicator(engine, "53.71", "19"))
    assert shown["Konsep"] == exported["konsep"] and shown["Satuan"] == "poin"
    assert shown["Frekuensi"] == "tahunan" and shown["Kode wilayah"] == "53.71"
    assert shown["Periode data"] == "2022-2024" and shown["Penanggung jawab"] == "Gugus Tugas KLA Kota Kupang"
    assert len(shown) == 13 and all(shown.values())
