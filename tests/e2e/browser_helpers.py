"""Helpers for the browser tests: waiting for Streamlit to finish a run, reading the page,
signing in, opening a question on Isian Saya.

After an action that makes the app run its script (a button, a radio, a text committed with Enter
or Tab, a file chosen, a link), wrap it in `with script_run(page):`, which waits for THAT run to
start and finish. Waiting only for the app to be idle is not enough: right after a click the app
still reports the previous run as finished, until the server has received the click. Then check
with Playwright's expect(...), which waits until the state it asserts holds."""

from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
DEMO_PASSWORD = "KlaKupang2024!"
# The first run on an empty database migrates and seeds; a fresh server on a busy machine is slow.
RUN_TIMEOUT_MS = 120_000
APP = "[data-testid='stApp']"

# Counts the runs the page has seen start: each time the app's script state leaves notRunning.
# Installed once per document, before the action it is to observe.
COUNT_STARTED_RUNS = """() => {
    if (window.__startedRuns === undefined) {
        window.__startedRuns = 0;
        new MutationObserver(changes => {
            for (const change of changes) {
                if (change.oldValue === "notRunning") window.__startedRuns += 1;
            }
        }).observe(document, {subtree: true, attributes: true, attributeOldValue: true,
                              attributeFilter: ["data-test-script-state"]});
    }
    return window.__startedRuns;
}"""
# A link may load a new document (no counter yet): its first run is the one the action caused.
RUN_FINISHED = ("seen => (window.__startedRuns === undefined || window.__startedRuns > seen)"
                " && document.querySelector(\"" + APP + "\")?.getAttribute('data-test-script-state') === 'notRunning'")


def wait_for_app(page: Page) -> None:
    """Until the app is connected, its script has finished running and every element is drawn
    (no skeleton left), as in Streamlit's e2e_playwright/conftest.py."""
    page.locator(f"{APP}[data-test-connection-state='CONNECTED']").wait_for(state="attached", timeout=RUN_TIMEOUT_MS)
    page.locator(f"{APP}[data-test-script-state='notRunning']").wait_for(state="attached", timeout=RUN_TIMEOUT_MS)
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0, timeout=RUN_TIMEOUT_MS)


@contextmanager
def script_run(page: Page):
    """Wait, after the action inside the with-block, until the script run it causes has finished."""
    wait_for_app(page)
    seen = page.evaluate(COUNT_STARTED_RUNS)
    yield
    page.wait_for_function(RUN_FINISHED, arg=seen, timeout=RUN_TIMEOUT_MS)
    wait_for_app(page)


def open_app(page: Page, url: str) -> None:
    page.goto(url)
    wait_for_app(page)


def open_as_someone_else(page: Page, url: str) -> None:
    """Another person at this browser: the previous one's sign-in (its cookie) is gone first,
    as if they had signed out; then the page opens."""
    page.context.clear_cookies()
    open_app(page, url)


def settled(page: Page, script: str) -> list:
    """What the JavaScript function `script` returns (a list of problems), once it returns an empty
    one (a layout settling after a change) or RUN_TIMEOUT_MS has passed; the test asserts it empty."""
    try:
        page.wait_for_function(f"() => ({script})().length === 0", timeout=RUN_TIMEOUT_MS)
    except PlaywrightTimeout:
        pass  # the assertion on what follows shows what is still wrong
    return page.evaluate(script)


def exceptions(page: Page) -> list[str]:
    return [e.inner_text() for e in page.locator("[data-testid='stException']").all()]


def main_text(page: Page) -> str:
    return page.locator("[data-testid='stMain']").inner_text()


def sign_in(page: Page, username: str, password: str = DEMO_PASSWORD) -> None:
    wait_for_app(page)
    page.get_by_role("textbox", name="Nama pengguna", exact=True).fill(username)
    page.get_by_role("textbox", name="Kata sandi", exact=True).fill(password)
    with script_run(page):
        page.get_by_role("button", name="Masuk").click()


def open_question(page: Page, code: str):
    """On Isian Saya: search for the code and open its expander; returns the expander."""
    search = page.get_by_role("searchbox", name="Cari").or_(page.get_by_role("textbox", name="Cari"))
    wait_for_app(page)  # a run still drawing the page would overwrite what is typed now
    if search.input_value() != code:  # the same text again would not run the script
        search.fill(code)
        expect(search).to_have_value(code)
        with script_run(page):
            search.press("Enter")
    expect(search).to_have_value(code)
    question = page.get_by_test_id("stExpander").filter(has=page.locator("summary", has_text=f"{code} ·"))
    expect(question).to_have_count(1)
    body = question.locator("[data-testid='stExpanderDetails']:not([inert])")  # inert while closed
    if body.count() == 0:
        with script_run(page):  # an entry question draws its body in the run its opening causes
            question.locator("summary").click()
    expect(body).to_have_count(1)
    return question


def session_cookie(page: Page) -> dict | None:
    """The sign-in cookie the browser holds, once the page's hand-over image has set it."""
    return next((c for c in page.context.cookies() if c["name"] == "kla_sesi"), None)


def polled(condition, page: Page, every_ms: int = 200) -> bool:
    """Whether `condition` came to hold within RUN_TIMEOUT_MS, asked every `every_ms`."""
    for _ in range(RUN_TIMEOUT_MS // every_ms):
        if condition():
            return True
        page.wait_for_timeout(every_ms)
    return condition()
