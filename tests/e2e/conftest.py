"""Browser tests: Debian's chromium (driven by Playwright) against `streamlit run app.py`.

A server is started on a free port with its own SQLite file, /_stcore/health is polled until it
answers, and the process is stopped afterwards. After every action, tests wait until the app
reports it has finished running the script for it (browser_helpers.script_run), and every check
waits for the state it asserts (Playwright's expect): a busy machine slows the tests, it does not
fail them."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect, sync_playwright

from browser_helpers import RUN_TIMEOUT_MS

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
START_TIMEOUT_S = 120
# expect() polls until its condition holds; Playwright's 5 s default is too short for a busy
# 2-core machine running several Streamlit servers, Chromium and the tests at once.
expect.set_options(timeout=RUN_TIMEOUT_MS)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    def __init__(self, database_url: str, log: Path, extra_env: dict[str, str] | None = None):
        self.database_url = database_url
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        # KLA_ARGON2_FAST from tests/conftest.py
        env = {**os.environ, "KLA_DATABASE_URL": database_url, **(extra_env or {})}
        command = [
            sys.executable, "-m", "streamlit", "run", "app.py",
            "--server.headless", "true",
            "--server.port", str(self.port),
            "--server.address", "127.0.0.1",
            "--browser.gatherUsageStats", "false",
            "--server.fileWatcherType", "none",
        ]
        self._log_file = open(log, "wb")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=self._log_file, stderr=subprocess.STDOUT
        )
        self._wait_until_healthy()

    def _wait_until_healthy(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.stop()
                raise RuntimeError(f"streamlit exited early:\n{self.log.read_text()}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as response:
                    if response.read().decode().strip() == "ok":
                        return
            except OSError:
                pass
            time.sleep(0.25)
        self.stop()
        raise RuntimeError(f"streamlit did not become healthy:\n{self.log.read_text()}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log_file.close()


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
