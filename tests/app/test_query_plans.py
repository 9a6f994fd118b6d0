"""Every lookup the pages make has an index: each page runs as one of Kota Kupang's users, every
SELECT it sends is explained on the same database, and no plan reads a whole table that grows
with the country. SQLite runs the demo; PostgreSQL, whose planner weighs table sizes, a small
generated country (bench/generate.py), analysed. The index list lives in migration 0008."""
import re
import sys
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from data.db import make_engine
from page_helpers import APP, sign_in
from query_plans import captured_selects, full_scans
from ui import pages

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from generate import generate

COUNTRY_REGIONS = 16
# PostgreSQL weighs sizes: below this a table (audit history, units, accounts of 16 regions) may be read
# whole by choice though an index serves (SQLite shows those indexes are there); answers and
# assignments are far above it.
SMALL_TABLE_ROWS = 20_000

PUBLIC = [page.file for page in pages.PUBLIC_PAGES]
"""Every public page of the registry, opened by a visitor (a new one is planned without being listed)."""
OPENED_BY = {
    "app_pages/entry.py": "opd.dp3a", "app_pages/completeness.py": "ketua", "app_pages/review.py": "ketua",
    "app_pages/scores.py": "ketua", "app_pages/indicator_detail.py": "ketua", "app_pages/kelana.py": "ketua",
    "app_pages/instrument.py": "ketua", "app_pages/account.py": "ketua", "app_pages/cases.py": "sekretariat",
    "app_pages/units.py": "sekretariat", "app_pages/cycles.py": "sekretariat", "app_pages/setup.py": "sekretariat",
    "app_pages/users.py": "sekretariat", "app_pages/regions.py": "admin", "app_pages/actions.py": "ketua",
    "app_pages/meetings.py": "ketua", "app_pages/forum.py": "forum.anak", "app_pages/board.py": "admin",
    "app_pages/province_review.py": "provinsi.ntt", "app_pages/province_returns.py": "ketua",
}


def test_every_page_of_the_registry_is_opened_here():
    """A guarded page needs an account that may open it (named above); a public one is opened as it
    is listed in the registry."""
    assert {page.file for page in pages.GUARDED} == set(OPENED_BY)
    assert PUBLIC and all(page.public for page in map(pages.BY_FILE.get, PUBLIC))


def statements_of_every_page() -> list:
    with captured_selects() as seen:
        for page in PUBLIC:
            at = AppTest.from_file(APP, default_timeout=60).run()
            at.switch_page(page).run()
            assert not at.exception, (page, [e.message for e in at.exception])
        for page, username in OPENED_BY.items():
            st.cache_data.clear()
            at = AppTest.from_file(APP, default_timeout=60).run()
            at.switch_page(page).run()
            sign_in(at, username)
            at.switch_page(page).run()
            assert not at.exception, (page, [e.message for e in at.exception])
    return seen


# Whole reads by design, each with why.
WHOLE_BY_DESIGN = {
    "SELECT official_area.level, count(*)": "the Wilayah page counts the official Kemendagri list, a fixed "
                                            "reference (~91 000 rows) that does not grow with the regions hosted",
    "SELECT DISTINCT evaluation_cycle.year": "the readiness board offers every year some region has a cycle: "
                                             "one row per region and year (514 kab/kota x a few years), read "
                                             "through the year index",
    "SELECT evaluation_cycle.id AS cycle_id, reporting_unit.id AS unit_id, reporting_unit.short_name AS "
    "unit_short_name, coalesce(": "the readiness "
        "board counts the assignments of every region in scope by unit and status, REGIONS_PER_PASS regions a "
        "query: when a pass holds every region (the 16 here) it reads the table whole by right; of 514 a pass "
        "reads 32 through the region index (one region's assignment_statuses is another statement and stays "
        "checked)",
}


def by_design(statement: str) -> bool:
    return any(statement.startswith(start) for start in WHOLE_BY_DESIGN)


def reads_the_first_row_only(statement: str) -> bool:
    """SELECT ... FROM t LIMIT 1 (is there any row?) stops at the first row it meets."""
    return " WHERE " not in statement and re.search(r"\bLIMIT\b", statement) is not None


@pytest.fixture
def planned(engine, new_database_url, monkeypatch):
    """The engine the plans are read on, with KLA_DATABASE_URL naming its database."""
    if engine.dialect.name != "postgresql":
        yield engine
        return
    country = make_engine(new_database_url)
    generate(country, regions=COUNTRY_REGIONS, cycles=3)
    with country.connect() as connection:
        connection.exec_driver_sql("ANALYZE")
        connection.commit()
    monkeypatch.setenv("KLA_DATABASE_URL", new_database_url)
    yield country
    country.dispose()


def test_no_page_reads_a_growing_table_whole(planned):
    seen = statements_of_every_page()
    assert len(seen) > 100
    scans = {table: [s for s in statements if not (reads_the_first_row_only(s) or by_design(s))]
             for table, statements in full_scans(planned, seen, SMALL_TABLE_ROWS).items()}
    found = {table: statements for table, statements in scans.items() if statements}
    assert found == {}, "\n".join(f"{t}: {s}" for t, ss in found.items() for s in ss)


def test_the_check_sees_a_lookup_without_an_index(planned):
    no_parameters = {} if planned.dialect.name == "postgresql" else ()
    without_index = [("SELECT answer.id FROM answer WHERE answer.note = 'x'", no_parameters)]
    with_index = [("SELECT answer.id FROM answer WHERE answer.cycle_id = 1 AND answer.question_id = 2", no_parameters)]
    assert set(full_scans(planned, without_index, SMALL_TABLE_ROWS)) == {"answer"}
    assert full_scans(planned, with_index, SMALL_TABLE_ROWS) == {}
