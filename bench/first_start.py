"""A fresh install's first start: from `streamlit run app.py` on an empty database until a visitor's
Chromium shows the public summary with its predikat (the schema migrated, the official list and
the demo loaded on the way), then a restart on the same database (warm).

    .venv/bin/python bench/first_start.py

Prints both in seconds. Needs Debian's chromium."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
TITLE = "Ringkasan Publik KLA"


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def time_to_first_page(database_url: str) -> float:
    from playwright.sync_api import sync_playwright

    port = _port()
    env = {key: value for key, value in os.environ.items() if key != "KLA_ARGON2_FAST"}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--headless"])
        page = browser.new_page()
        began = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true", "--server.port",
             str(port), "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"],
            cwd=ROOT, env={**env, "KLA_DATABASE_URL": database_url},
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            while True:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                        break
                except OSError:
                    if process.poll() is not None or time.perf_counter() - began > 600:
                        raise SystemExit("streamlit did not start")
                    time.sleep(0.05)
            page.goto(f"http://127.0.0.1:{port}/")
            page.get_by_role("heading", name=TITLE).wait_for(timeout=600_000)
            page.get_by_text("predikat", exact=False).first.wait_for(timeout=600_000)
            elapsed = time.perf_counter() - began
        finally:
            process.terminate()
            process.wait(timeout=30)
            browser.close()
    return elapsed


def measure() -> tuple[float, float]:
    """(first start on an empty database, restart on the same database), in seconds."""
    folder = tempfile.mkdtemp(prefix="kla-first-start-")
    url = f"sqlite:///{folder}/pantau_kla.sqlite3"
    return time_to_first_page(url), time_to_first_page(url)


if __name__ == "__main__":
    first, warm = measure()
    print(f"first start to the public summary: {first:.1f} s; restart: {warm:.1f} s")
