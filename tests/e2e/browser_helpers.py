"""Helpers for the browser tests: waiting for Streamlit to finish a run, reading the page,
signing in, opening a question on Isian Saya."""

from pathlib import Path

from playwright.sync_api import Page, expect

SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
DEMO_PASSWORD = "KlaKupang2024!"
RUN_TIMEOUT_MS = 60_000  # the first run on an empty database migrates and seeds


def wait_for_app(page: Page) -> None:
    """Until the app is connected and its script has finished running (plus a moment for
    debounced widgets), as in Streamlit's e2e_playwright/conftest.py."""
    page.locator("[data-testid='stApp'][data-test-connection-state='CONNECTED']").wait_for(
        state="attached", timeout=RUN_TIMEOUT_MS
    )
    page.locator("[data-testid='stApp'][data-test-script-state='notRunning']").wait_for(
        state="attached", timeout=RUN_TIMEOUT_MS
    )
    page.wait_for_timeout(150)


def open_app(page: Page, url: str) -> None:
    page.goto(url)
    wait_for_app(page)


def exceptions(page: Page) -> list[str]:
    return [e.inner_text() for e in page.locator("[data-testid='stException']").all()]


def main_text(page: Page) -> str:
    return page.locator("[data-testid='stMain']").inner_text()


def sign_in(page: Page, username: str, password: str = DEMO_PASSWORD) -> None:
    page.get_by_role("textbox", name="Nama pengguna", exact=True).fill(username)
    page.get_by_role("textbox", name="Kata sandi", exact=True).fill(password)
    page.get_by_role("button", name="Masuk").click()
    wait_for_app(page)


def open_question(page: Page, code: str):
    """On Isian Saya: search for the code and open its expander; returns the expander."""
    search = page.get_by_role("searchbox", name="Cari").or_(page.get_by_role("textbox", name="Cari"))
    search.fill(code)
    search.press("Enter")
    wait_for_app(page)
    question = page.get_by_test_id("stExpander").filter(has=page.locator("summary", has_text=f"{code} ·"))
    expect(question).to_have_count(1)
    question.locator("summary").click()
    wait_for_app(page)
    return question
