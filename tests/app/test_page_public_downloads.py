"""The public pages offer, for every published year, exactly the files manage.py export-public
writes (data.services.public.export.page_files): the download buttons on each public page of the
pages registry (ui.pages.PUBLIC_PAGES), read by their keys, name exported files only, whole kinds
at a time, and together every file of the year. A new public page is checked without being listed."""

import pytest
from streamlit.testing.v1 import AppTest

from data.services.public.export import page_files
from data.services.public.summary import public_summary
from page_helpers import APP
from ui import pages

INDICATOR = "19"
"""The indicator every page is opened on (the indicator page's files are per indicator)."""
PER_INDICATOR = {"indicator_trend", "indicator_questions"}


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
    exported = {f.name: f.kind for f in page_files(engine, public_summary(engine, "53.71", year))
                if f.kind not in PER_INDICATOR or f"_{INDICATOR}_{year}_" in f.name}
    assert exported, year
    seen: set[str] = set()
    for page in pages.PUBLIC_PAGES:
        files = offered(page.file, year, kode=INDICATOR)
        assert files, page.file  # every public page offers its figures as files
        assert set(files) <= set(exported), (page.file, sorted(set(files) - set(exported)))
        kinds = {exported[name] for name in files}
        assert files == sorted(name for name, kind in exported.items() if kind in kinds), page.file
        seen.update(files)
    assert seen == set(exported), sorted(set(exported) - seen)
