"""Every public page of the pages registry (ui.pages.PUBLIC_PAGES), as AppTest renders it (text,
tables, chart data), in both languages, after distinctive values were planted in the open 2025
cycle, in an unverified 2024 answer, in notes and reasons, and in the private 2024 case counts:
none of them shows."""

import sys
from pathlib import Path

import pytest
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df
from streamlit.testing.v1 import AppTest

from page_helpers import APP, texts
from ui import pages

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))
from public_secrets import forbidden_strings, leaks, plant

PUBLIC_PAGES = [page.file for page in pages.PUBLIC_PAGES]
"""Read from the registry: a public page added there is walked here without being listed."""


def everything(at: AppTest) -> str:
    parts = [texts(at)]
    parts += [e.label for e in at.expander]
    for chart in at.get("vega_lite_chart"):
        parts.append(chart.proto.spec)
        for dataset in chart.proto.datasets:
            parts.append(convert_arrow_bytes_to_pandas_df(dataset.data.data).to_csv())
    parts += [str(s.options) for s in at.selectbox]
    return "\n".join(parts)


@pytest.fixture
def forbidden(engine):
    return forbidden_strings(plant(engine))


@pytest.mark.parametrize("page", PUBLIC_PAGES)
@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_public_page_shows_nothing_private(database_url, forbidden, page, lang):
    at = AppTest.from_file(APP, default_timeout=30).run()  # st.navigation registers the pages
    at.sidebar.segmented_control[0].set_value(lang).run()
    at.switch_page(page).run()
    assert not at.exception and not at.error, page
    assert at.title, page
    assert leaks(everything(at), forbidden) == [], (page, lang)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_public_summary_and_case_pages_show_nothing_private(database_url, forbidden, lang):
    at = AppTest.from_file(APP, default_timeout=30).run()
    at.sidebar.segmented_control[0].set_value(lang).run()
    assert len(at.expander) == 7 and at.get("vega_lite_chart")
    assert leaks(everything(at), forbidden) == []

    at.switch_page("app_pages/public_cases.py").run()
    assert not at.exception
    for year in at.segmented_control(key="cases_year").options:
        at.segmented_control(key="cases_year").set_value(int(year)).run()
        assert at.table
        assert leaks(everything(at), forbidden) == [], year
    assert "2024" not in at.segmented_control(key="cases_year").options


def test_every_public_indicator_page_shows_nothing_private(database_url, forbidden):
    at = AppTest.from_file(APP, default_timeout=30).run()
    at.switch_page("app_pages/public_indicator.py").run()
    codes = at.selectbox(key="pub_indicator").options
    assert len(codes) == 31
    for option in codes:
        code = option.split(".")[0]
        at.selectbox(key="pub_indicator").select(code).run()
        assert not at.exception
        assert f"Indikator {code}." in texts(at) and len(at.table) == 3  # trend, questions, Satu Data metadata
        assert leaks(everything(at), forbidden) == [], code


def test_kelana_dekela_page_shows_nothing_private(database_url, forbidden):
    at = AppTest.from_file(APP, default_timeout=30).run()
    at.switch_page("app_pages/public_kelana.py").run()
    years = at.selectbox(key="public_year").options
    assert years == ["2024", "2023", "2022"]
    for year in years:
        at.selectbox(key="public_year").select(year).run()
        assert not at.exception and at.table
        shown = everything(at)
        assert leaks(shown, forbidden) == [], year
        assert "Petugas" not in shown and "kec." not in shown, year  # no focal points' names or accounts


ADDRESSES = [{"tahun": "2025"}, {"wilayah": "53.71", "tahun": "2025", "kode": "19"}, {"wilayah": "99.99"},
             {"tahun": "<b>2024</b>", "wilayah": "53.71%00"}, {"tahun": "2024.0"}, {"kode": "99", "lang": "xx"},
             {"wilayah": "53.71", "tahun": "2023"}]


@pytest.mark.parametrize("page", PUBLIC_PAGES)
def test_no_address_opens_anything_unpublished_or_an_error(database_url, forbidden, page):
    """Whatever the address says, every public page shows published figures with, for a wrong
    parameter, one sentence: never an exception, never the open 2025 cycle."""
    plain = AppTest.from_file(APP, default_timeout=30).run()
    plain.switch_page(page).run()
    title = plain.title[0].value  # the page's own title: no address may show another page instead
    for params in ADDRESSES:
        at = AppTest.from_file(APP, default_timeout=30).run()  # st.navigation registers the pages
        at.switch_page(page)
        at.query_params.clear()
        at.query_params.update(params)
        at.run()
        assert at.title[0].value == title, (page, params)
        assert not at.exception and not at.error, (page, params)
        year = at.selectbox(key="public_year").value
        assert year == ("2023" if params.get("tahun") == "2023" else "2024"), (page, params)
        shown = everything(at)
        if params.get("kode") == "99" and page.endswith("indicator.py"):
            assert "Indikator '99' pada tautan tidak ada; yang ditampilkan indikator 1." in texts(at)
        elif params.get("tahun") not in (None, "2023") or params.get("wilayah") not in (None, "53.71"):
            [notice] = at.info
            assert "pada tautan" in notice.value or "belum diterbitkan" in notice.value, params
            shown = shown.replace(notice.value, "")  # it repeats what the address asked for, nothing more
            assert leaks(notice.value.replace("Evaluasi 2025", ""), forbidden) == [], params
        assert leaks(shown, forbidden) == [], (page, params)
        assert (at.query_params["tahun"], at.query_params["wilayah"]) == (year, "53.71")  # a link to what is shown
