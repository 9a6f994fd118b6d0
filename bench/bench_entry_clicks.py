"""Clicks and script runs an OPD focal point needs to answer 10 yes/no questions with evidence
and submit them, measured in a real browser on a fresh copy of the demo, two ways in one run:

    .venv/bin/python bench/bench_entry_clicks.py

- question by question: open each question, choose Ya, attach its PDF, save the draft; then
  "Ajukan yang siap" and send the ticked ones;
- at once: the Tabel tab (ten answers typed, one save), "Unggah banyak bukti sekaligus" (ten PDFs
  chosen in one file dialog, one upload), then the same submit.
A click is a mouse click or a file dialog; keys typed are counted apart. Runs are the page script
runs the browser saw start (each is a server round trip). Needs Debian's chromium."""
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "unit"), str(ROOT / "tests" / "e2e")]
os.environ.setdefault("KLA_ARGON2_FAST", "1")

from playwright.sync_api import expect, sync_playwright  # noqa: E402  (after the sys.path line above)

import evidence_samples as samples  # noqa: E402  (after the sys.path line above)
from app_server import Server  # noqa: E402  (after the sys.path line above)
from bootstrap import ensure_database  # noqa: E402  (after the sys.path line above)
from browser_helpers import COUNT_STARTED_RUNS, open_app, script_run, sign_in  # noqa: E402  (after the sys.path line above)
from data.services.accounts.auth import authenticate  # noqa: E402  (after the sys.path line above)
from data.services.entry.sheet import entry_sheet  # noqa: E402  (after the sys.path line above)

CHROMIUM = "/usr/bin/chromium"
CODE_WIDTH, PROMPT_WIDTH, ANSWER_WIDTH, ROW_HEIGHT = 60, 220, 130, 35  # ui/views/entry_table.WIDTHS


class Tally:
    def __init__(self, page):
        self.page, self.clicks, self.keys = page, 0, 0
        self.runs_before = page.evaluate(COUNT_STARTED_RUNS)
        self.started = time.perf_counter()

    def result(self) -> tuple[int, int, int, float]:
        return (self.clicks, self.keys, self.page.evaluate(COUNT_STARTED_RUNS) - self.runs_before,
                time.perf_counter() - self.started)


def one_by_one(page, codes: list[str]) -> tuple:
    tally = Tally(page)
    for code in codes:
        question = page.get_by_test_id("stExpander").filter(has=page.locator("summary", has_text=f"{code} ·"))
        question.scroll_into_view_if_needed()
        with script_run(page):
            question.locator("summary").click()
        tally.clicks += 1
        with script_run(page):
            question.get_by_text("Ya", exact=True).click()
        tally.clicks += 1
        with script_run(page):
            question.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(
                {"name": f"bukti {code}.pdf", "mimeType": "application/pdf", "buffer": samples.pdf(f"bukti {code}")})
        tally.clicks += 1
        expect(question.get_by_text(f"Berkas bukti {code}.pdf diunggah.")).to_be_visible()
        with script_run(page):
            question.get_by_role("button", name="Simpan draf").click()
        tally.clicks += 1
        expect(question.get_by_text(f"Pertanyaan {code} disimpan sebagai draf.")).to_be_visible()
    submit(page, tally, len(codes))
    return tally.result()


def at_once(page, codes: list[str]) -> tuple:
    tally = Tally(page)
    with script_run(page):
        page.get_by_role("tab", name="Tabel").click()
    tally.clicks += 1
    grid = page.locator("[data-testid='stDataFrame']")
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    page.mouse.click(box["x"] + CODE_WIDTH + PROMPT_WIDTH + ANSWER_WIDTH / 2, box["y"] + ROW_HEIGHT * 1.5)
    tally.clicks += 1
    editor = page.locator("textarea")
    for number in range(len(codes)):
        page.keyboard.press("Enter")
        expect(editor).to_be_focused()
        editor.fill("Ya")
        tally.keys += 3  # Enter, Y, a
        if number < len(codes) - 1:
            editor.press("Enter")
            tally.keys += 1
            expect(editor).to_have_count(0)
    with script_run(page):
        page.get_by_role("button", name="Simpan semua baris yang benar").click()
    tally.clicks += 1
    expect(page.get_by_text(f"{len(codes)} jawaban disimpan sebagai draf.")).to_be_visible()
    with script_run(page):
        page.get_by_role("tab", name="Pertanyaan").click()
    tally.clicks += 1
    with script_run(page):
        page.get_by_text("Unggah banyak bukti sekaligus").click()
    tally.clicks += 1
    files = [{"name": f"{code} bukti.pdf", "mimeType": "application/pdf", "buffer": samples.pdf(f"bukti {code}")}
             for code in codes]
    with script_run(page):
        page.locator("[data-testid='stFileUploader'] input[type='file']").first.set_input_files(files)
    tally.clicks += 1
    with script_run(page):
        page.get_by_role("button", name=f"Unggah {len(codes)} berkas ke pertanyaannya").click()
    tally.clicks += 1
    expect(page.get_by_text(f"{len(codes)} berkas bukti diunggah ke pertanyaannya.")).to_be_visible()
    submit(page, tally, len(codes))
    return tally.result()


def submit(page, tally: Tally, count: int) -> None:
    with script_run(page):
        page.get_by_role("button", name=f"Ajukan yang siap ({count})…").click()
    tally.clicks += 1
    with script_run(page):
        page.get_by_role("button", name=f"Ajukan {count} jawaban yang dicentang").click()
    tally.clicks += 1
    expect(page.get_by_text(f"{count} jawaban diajukan", exact=False)).to_be_visible()


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="kla-clicks-"))
    url = f"sqlite:///{folder}/pantau_kla.sqlite3"
    engine = ensure_database(url)
    rows = entry_sheet(engine, authenticate(engine, "opd.dp3a", "KlaKupang2024!")).rows
    open_yes_no = [r.question_code for r in rows.itertuples() if r.editable and r.indicator_code == "1"
                   and r.answer_type == "yes_no" and r.status == "not_started"]
    table_codes = [r.question_code for r in rows.itertuples() if r.editable and r.indicator_code == "1"][:10]
    assert all(code in open_yes_no for code in table_codes), "the table's first ten rows must be open yes/no questions"
    single_codes = [code for code in open_yes_no if code not in table_codes][:10]
    engine.dispose()
    server = Server(url, folder / "streamlit.log")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--headless"])
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            open_app(page, f"{server.url}/isian")
            sign_in(page, "opd.dp3a")
            figures = {"question by question": one_by_one(page, single_codes), "at once": at_once(page, table_codes)}
            browser.close()
    finally:
        server.stop()
    print("10 yes/no questions answered with a PDF each and submitted (DP3A, demo, Chromium 1280x900)")
    print(f"{'route':22} {'clicks':>6} {'keys':>5} {'runs':>5} {'seconds':>8}")
    for name, (clicks, keys, runs, seconds) in figures.items():
        print(f"{name:22} {clicks:>6} {keys:>5} {runs:>5} {seconds:>8.1f}")


if __name__ == "__main__":
    main()
