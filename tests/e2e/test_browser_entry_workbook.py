"""The Excel route in a real browser: an OPD focal point downloads the template from the entry
page, fills it, uploads it, sees the dry-run problems of a bad file, then checks and applies a
good one and sees the answer saved."""
import io

from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from browser_helpers import SCREENSHOTS, exceptions, open_app, script_run, sign_in

ANSWER_COLUMN, TYPE_COLUMN, STATUS_COLUMN, FIRST_ROW = 9, 5, 14, 4


def fill(content: bytes, answer: str) -> tuple[bytes, str, int]:
    """Answer the first open yes/no question; returns the file, the question code and its row."""
    book = load_workbook(io.BytesIO(content))
    sheet = book["Jawaban"]
    for line in range(FIRST_ROW, sheet.max_row + 1):
        if sheet.cell(line, TYPE_COLUMN).value == "Ya/Tidak" and sheet.cell(line, STATUS_COLUMN).value == "belum diisi":
            sheet.cell(line, ANSWER_COLUMN).value = answer
            buffer = io.BytesIO()
            book.save(buffer)
            return buffer.getvalue(), sheet.cell(line, 1).value, line
    raise AssertionError("no open yes/no question in the template")


def upload(page: Page, name: str, content: bytes) -> None:
    with script_run(page):
        page.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(
            {"name": name, "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
             "buffer": content})
    expect(page.get_by_text(name)).to_be_visible()


def test_download_fill_check_and_apply_in_the_browser(fresh_server, page):
    open_app(page, f"{fresh_server.url}/isian")
    sign_in(page, "opd.dp3a")
    with script_run(page):
        page.get_by_role("tab", name="Excel").click()
    expect(page.get_by_text("Isi lewat Excel")).to_be_visible()

    with page.expect_download() as download:
        page.get_by_role("button", name="Unduh templat Excel").click()
    assert download.value.suggested_filename == "templat_kla_dp3a_2025.xlsx"
    template = download.value.path().read_bytes()
    assert load_workbook(io.BytesIO(template), read_only=True).sheetnames[:2] == ["Jawaban", "Petunjuk"]

    bad, _, line = fill(template, "mungkin")
    upload(page, "isian_salah.xlsx", bad)
    with script_run(page):
        page.get_by_role("button", name="Periksa").click()
    expect(page.get_by_text("File ditolak: 1 masalah")).to_be_visible()
    problem = page.get_by_text(f"Baris {line}, kolom Jawaban (Ya/Tidak atau pilihan): 'mungkin' bukan Ya atau Tidak.")
    expect(problem).to_be_visible()
    problem.scroll_into_view_if_needed()
    expect(page.get_by_role("button", name="Terapkan")).to_have_count(0)
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "entry_workbook_problems.png", full_page=False)

    good, code, _ = fill(template, "Ya")
    upload(page, "isian.xlsx", good)
    with script_run(page):
        page.get_by_role("button", name="Periksa").click()
    expect(page.get_by_text("1 jawaban akan disimpan sebagai draf")).to_be_visible()
    page.get_by_role("button", name="Terapkan").scroll_into_view_if_needed()
    page.screenshot(path=SCREENSHOTS / "entry_workbook_ready.png", full_page=False)
    with script_run(page):
        page.get_by_role("button", name="Terapkan").click()
    expect(page.get_by_text("1 jawaban dari Excel disimpan sebagai draf")).to_be_visible()
    page.get_by_text("1 jawaban dari Excel disimpan sebagai draf").scroll_into_view_if_needed()
    page.screenshot(path=SCREENSHOTS / "entry_workbook_applied.png", full_page=False)
    assert exceptions(page) == []

    # A new template carries the saved draft.
    with page.expect_download() as again:
        page.get_by_role("button", name="Unduh templat Excel").click()
    sheet = load_workbook(io.BytesIO(again.value.path().read_bytes()), read_only=True)["Jawaban"]
    row = next(r for r in sheet.iter_rows(min_row=FIRST_ROW, values_only=True) if r[0] == code)
    assert row[ANSWER_COLUMN - 1] == "Ya" and row[STATUS_COLUMN - 1] == "draf"
    expect(page.get_by_test_id("stMain")).not_to_contain_text(f"Baris {line}")
