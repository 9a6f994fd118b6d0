"""Browser tests: Debian's chromium (driven by Playwright) against `streamlit run app.py`.

A server is started on a free port with its own SQLite file, /_stcore/health is polled until it
answers, and the process is stopped afterwards. After every action, tests wait until the app
reports it has finished running the script for it (browser_helpers.script_run), and every check
waits for the state it asserts (Playwright's expect): a busy machine slows the tests, it does not
fail them."""

import shutil

import pytest
from playwright.sync_api import Page, expect, sync_playwright

from app_server import Server
from browser_helpers import RUN_TIMEOUT_MS

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
# expect() polls until its condition holds; Playwright's 5 s default is too short for a busy
# 2-core machine running several Streamlit servers, Chromium and the tests at once.
expect.set_options(timeout=RUN_TIMEOUT_MS)


@pytest.fixture(scope="module")
def server(databases, tmp_path_factory):
    """One server per test module, started on an EMPTY database: its first visitor sees the
    app migrate and load the demo, as on a newcomer's laptop."""
    folder = tmp_path_factory.mktemp("server")
    url = databases.empty(folder)
    running = Server(url, folder / "streamlit.log")
    yield running
    running.stop()
    databases.drop(url)


@pytest.fixture
def fresh_server(seeded_url, tmp_path):
    """A server started for this test alone (no session has run st.navigation yet), on this
    test's copy of the seeded demo (tests/conftest.py)."""
    running = Server(seeded_url, tmp_path / "streamlit.log")
    yield running
    running.stop()


@pytest.fixture
def empty_server(new_database_url, tmp_path):
    """A server of a real deployment's first day: KLA_DEMO=0 on an empty database."""
    running = Server(new_database_url, tmp_path / "streamlit.log", {"KLA_DEMO": "0"})
    yield running
    running.stop()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser) -> Page:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID",
                                  timezone_id="Asia/Makassar")
    page = context.new_page()
    page.set_default_timeout(RUN_TIMEOUT_MS)
    yield page
    context.close()
