"""The public pages offer, for every published year, exactly the files manage.py export-public
writes (data.services.public.export.page_files): the download buttons on each page, read by
their keys, name the same files, year by year."""

import pytest
from page_helpers import APP
from streamlit.testing.v1 import AppTest

from data.services.public.export import page_files
from data.services.public.summary import public_summary

PAGE_KINDS = {
    "app_pages/public_summary.py": {"groups", "indicators", "trend"},
    "app_pages/public_indicator.py": {"indicator_trend", "indicator_questions"},
    "app_pages/public_cases.py": {"cases"},
    "app_pages/public_kelana.py": {"kelana"},
}


def offered(page: str, year: int, **more: str) -> list[str]:
    """The file names of the page's download buttons (each keyed download_NAME)."""
    at = AppTest.from_file(APP, default_timeout=30).run()  # st.navigation registers the pages
    at.switch_page(page)
    at.query_params.update({"wilayah": "53.71", "tahun": str(year), **more})
    at.run()
    assert not at.exception and not at.error
    return sorted(button.proto.id.split("-", 2)[-1].removeprefix("download_")
                  for button in at.get("download_button"))


@pytest.mark.parametrize("year", [2022, 2023, 2024])
def test_every_page_offers_the_exported_files_of_its_year(engine, database_url, year):
    exported = page_files(engine, public_summary(engine, "53.71", year))
    for page, kinds in PAGE_KINDS.items():
        wanted = sorted(f.name for f in exported if f.kind in kinds and (
            f.kind not in {"indicator_trend", "indicator_questions"} or f"_19_{year}_" in f.name))
        assert wanted, (page, year)
        assert offered(page, year, **({"kode": "19"} if page.endswith("indicator.py") else {})) == wanted, page
