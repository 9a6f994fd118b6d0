"""A fresh install's first start: from `streamlit run app.py` on an empty database until a visitor's
Chromium shows the public summary with its predikat (the schema migrated, the official list and
the demo loaded on the way), then a restart on the same database (warm).

    .venv/bin/python bench/first_start.py

Prints both in seconds. Passwords are hashed as in production (KLA_ARGON2_FAST is dropped).
Needs Debian's chromium."""
from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "e2e")]

from playwright.sync_api import sync_playwright  # noqa: E402  (after the sys.path line above)

from app_server import Server  # noqa: E402  (after the sys.path line above)

CHROMIUM = "/usr/bin/chromium"
TITLE = "Ringkasan Publik KLA"


def time_to_first_page(database_url: str, folder: Path) -> float:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--headless"])
        page = browser.new_page()
        began = time.perf_counter()
        server = Server(database_url, folder / "streamlit.log")
        try:
            page.goto(server.url)
            page.get_by_role("heading", name=TITLE).wait_for(timeout=600_000)
            page.get_by_text("predikat", exact=False).first.wait_for(timeout=600_000)
            elapsed = time.perf_counter() - began
        finally:
            server.stop()
            browser.close()
    return elapsed


def measure() -> tuple[float, float]:
    """(first start on an empty database, restart on the same database), in seconds."""
    os.environ.pop("KLA_ARGON2_FAST", None)
    folder = Path(tempfile.mkdtemp(prefix="kla-first-start-"))
    url = f"sqlite:///{folder}/pantau_kla.sqlite3"
    return time_to_first_page(url, folder), time_to_first_page(url, folder)


if __name__ == "__main__":
    first, warm = measure()
    print(f"first start to the public summary: {first:.1f} s; restart: {warm:.1f} s")
