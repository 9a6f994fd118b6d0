"""Nilai dan Predikat (app_pages/scores.py) and Rincian Indikator (app_pages/indicator_detail.py)
through AppTest: the figures equal score_report (manage.py score --json), the readings switch, the
gap list, the what-if panel and who may open the pages."""
import pytest

from data.services.scoring.scores import score_report
from indicators import text as fmt
from indicators.catalog import load_default_catalog
from page_helpers import sign_in, texts

SCORES = "app_pages/scores.py"
DETAIL = "app_pages/indicator_detail.py"


def open_page(app, page=SCORES, username="ketua"):
    app.switch_page(page).run()
    sign_in(app, username)
    assert not app.exception, [e.message for e in app.exception]
    return app


def metrics(app) -> dict[str, str]:
    return {m.label: m.value for m in app.metric}


def test_total_and_predikat_equal_score_report_in_both_readings(app, database_url, engine):
    open_page(app)
    assert [t.value for t in app.title] == ["Nilai dan Predikat"]
    verified = score_report(engine, "53.71", 2025, "verified")
    self_assessed = score_report(engine, "53.71", 2025, "self")
    shown = metrics(app)
    assert shown["Nilai total (terverifikasi)"] == f"{fmt.points(verified['total'])} / 1.000"
    assert shown["Predikat"] == (verified["predikat"] or "Belum berpredikat")
    assert shown["Bacaan lain: penilaian mandiri"].startswith(fmt.points(self_assessed["total"]))
    page = texts(app)
    assert "Kota Kupang, siklus 2025 · pengisian berjalan, belum diterbitkan" in page
    assert "Untuk mencapai **Pratama** dibutuhkan" in page
    group_table = app.table[0].value
    assert list(group_table["Terverifikasi"]) == pytest.approx([g["points"] for g in verified["groups"]], abs=1e-4)
    assert list(group_table["Mandiri"]) == pytest.approx([g["points"] for g in self_assessed["groups"]], abs=1e-4)
    assert len(app.get("vega_lite_chart")) >= 4

    app.segmented_control(key="scores_basis").set_value("self").run()
    assert not app.exception
    assert metrics(app)["Nilai total (penilaian mandiri)"] == f"{fmt.points(self_assessed['total'])} / 1.000"


def test_a_closed_cycle_and_the_trend(app, engine):
    open_page(app)
    app.selectbox(key="scores_year_53.71").set_value(2024).run()
    assert not app.exception
    report = score_report(engine, "53.71", 2024)
    shown = metrics(app)
    assert shown["Nilai total (terverifikasi)"] == "624,49 / 1.000" == f"{fmt.points(report['total'])} / 1.000"
    assert shown["Predikat"] == "Madya" and shown["Menuju Nindya"] == "75,51 poin lagi"
    page = texts(app)
    assert "Untuk mencapai **Nindya** dibutuhkan **75,51 poin** lagi." in page
    trend = [table.value for table in app.table if "Siklus" in table.value.columns][0]
    assert list(trend["Siklus"]) == ["2022", "2023", "2024", "2025"]
    assert list(trend["Terverifikasi"])[2] == pytest.approx(report["total"], abs=1e-4)


def test_what_if_projects_the_total_and_predikat(app, engine):
    open_page(app)
    app.selectbox(key="scores_year_53.71").set_value(2024).run()
    fill = [b for b in app.button if b.label.startswith("Pilih pertanyaan minimum menuju Nindya")]
    assert fill
    fill[0].click().run()
    assert not app.exception, [e.message for e in app.exception]
    chosen = app.multiselect(key="scores_whatif_questions").value
    assert len(chosen) >= 2
    shown = metrics(app)
    assert shown["Predikat hasil simulasi"] == "Nindya"
    total = float(shown["Nilai total hasil simulasi"].split(" / ")[0].replace(".", "").replace(",", "."))
    assert total > 700

    first = chosen[0]  # answered "Tidak" (or its lowest level) instead, the projection drops again
    rule = load_default_catalog().question(first).answer
    if rule.type == "yes_no":
        app.segmented_control(key=f"scores_whatif_{first}").set_value(False).run()
    else:
        lowest = min(rule.options, key=lambda o: o.share).code
        app.selectbox(key=f"scores_whatif_{first}").set_value(lowest).run()
    lower = float(metrics(app)["Nilai total hasil simulasi"].split(" / ")[0].replace(".", "").replace(",", "."))
    assert lower < total

    [b for b in app.button if b.label == "Kosongkan"][0].click().run()
    assert app.multiselect(key="scores_whatif_questions").value == []
    assert "Belum ada pertanyaan yang dipilih." in texts(app)


def test_reports_are_offered(app):
    open_page(app)
    labels = [b.proto.label for b in app.get("download_button")]
    assert "Unduh laporan PDF" in labels and "Unduh lembar kerja Excel" in labels


def test_english(app):
    open_page(app)
    app.sidebar.segmented_control[0].set_value("en").run()
    assert not app.exception
    assert [t.value for t in app.title] == ["Scores and Rating"]
    assert "Total score (verified)" in metrics(app)


def test_unit_accounts_are_refused(app):
    app.switch_page(SCORES).run()
    sign_in(app, "opd.dinkes")
    assert "Halaman ini tidak tersedia untuk peran Anda" in texts(app)
    assert not app.metric and not app.get("vega_lite_chart")


def test_indicator_detail_across_cycles(app, engine):
    open_page(app, DETAIL, "anggota")
    assert [t.value for t in app.title] == ["Rincian Indikator"]
    page = texts(app)
    assert "Indikator 1. Peraturan/Kebijakan Daerah tentang Kabupaten/Kota Layak Anak" in page
    per_cycle = app.table[0].value
    assert list(per_cycle["Siklus"]) == ["2022", "2023", "2024", "2025"]
    indicator = next(i for i in score_report(engine, "53.71", 2024)["indicators"] if i["code"] == "1")
    assert per_cycle.loc[per_cycle["Siklus"] == "2024", "Terverifikasi"].item() == pytest.approx(indicator["points"])
    assert "Riwayat jawaban" in page and "Belum ada berkas bukti untuk indikator ini." in page
    app.selectbox(key="drill_indicator_53.71").set_value("21A").run()
    assert not app.exception
    assert "Indikator 21A." in texts(app)


def test_the_indicator_table_shows_the_cycles_targets(app, engine):
    from data.services.cycles.targets import set_target
    from review_fixtures import account

    set_target(engine, account(engine, "sekretariat"), None, 2025, indicator_code="19", target_points=40)
    open_page(app)
    table = next(d.value for d in app.dataframe if "target" in d.value.columns)  # labelled "Target"
    by_code = table.set_index("code")["target"]
    assert by_code["19"] == "40" and by_code["1"] == ""
