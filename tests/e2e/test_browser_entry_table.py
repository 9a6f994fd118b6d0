"""The table tab of Isian Saya in a real browser: an OPD focal point types twenty answers of one
indicator in the data editor and saves them with one click; a row typed wrong stays as typed and
says why, nothing of it stored."""
import re

import pandas as pd
from playwright.sync_api import expect

from browser_helpers import exceptions, open_app, script_run, sign_in
from data.db import make_engine
from data.services.accounts.auth import authenticate
from data.services.entry.sheet import entry_sheet

CODE_WIDTH, PROMPT_WIDTH, ANSWER_WIDTH, ROW_HEIGHT = 60, 220, 130, 35  # ui/views/entry_table.WIDTHS


def type_answers(page, grid, answers: list[str]) -> None:
    """Types each answer into the Jawaban column, from the first row down (Enter opens a cell's
    editor, Enter again keeps what was typed and moves one row down). The last cell's editor is
    left open: the click on the save button commits it and every edit before it at once (the
    editor otherwise sends its edits 150 ms after the last Enter, a wait a test cannot observe)."""
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    page.mouse.click(box["x"] + CODE_WIDTH + PROMPT_WIDTH + ANSWER_WIDTH / 2, box["y"] + ROW_HEIGHT * 1.5)
    editor = page.locator("textarea")
    for number, answer in enumerate(answers, start=1):
        page.keyboard.press("Enter")
        expect(editor).to_be_focused()
        editor.fill(answer)
        if number < len(answers):
            editor.press("Enter")
            expect(editor).to_have_count(0)


def test_twenty_answers_typed_in_the_table_are_saved_with_one_click(fresh_server, page):
    engine = make_engine(fresh_server.database_url)
    dp3a = authenticate(engine, "opd.dp3a", "KlaKupang2024!")
    before = entry_sheet(engine, dp3a).rows.set_index("question_code")
    open_app(page, f"{fresh_server.url}/isian")
    sign_in(page, "opd.dp3a")
    with script_run(page):
        page.get_by_role("tab", name="Tabel").click()
    expect(page.get_by_label("Indikator")).to_have_value(re.compile(r"^1\. Peraturan/Kebijakan Daerah"))
    grid = page.locator("[data-testid='stDataFrame']")
    expect(grid).to_be_visible()
    codes = [c for c in before.index if before.loc[c, "indicator_code"] == "1" and before.loc[c, "editable"]][:21]
    kinds = [before.loc[c, "answer_type"] for c in codes]  # indicator 1: yes/no and graded questions
    words = {"yes_no": ("Ya", "tidak"), "graded": ("Lengkap", "belum ada")}
    typed = [words[kinds[i]][0] if i % 3 else words[kinds[i]][1] for i in range(20)] + ["Mungkin"]
    wrong = "bukan Ya atau Tidak" if kinds[20] == "yes_no" else "tidak ada di daftar pilihan"
    type_answers(page, grid, typed)
    with script_run(page):
        page.get_by_role("button", name="Simpan semua baris yang benar").click()
    expect(page.get_by_text("20 jawaban disimpan sebagai draf.")).to_be_visible()
    expect(page.get_by_text("1 baris belum tersimpan")).to_be_visible()

    after = entry_sheet(engine, dp3a).rows.set_index("question_code")
    for i, code in enumerate(codes[:20]):
        saved = after.loc[code, "bool_value"] if kinds[i] == "yes_no" else after.loc[code, "choice_code"] == "lengkap"
        assert saved == bool(i % 3) and after.loc[code, "status"] == "draft", code
    unchanged = after.loc[codes[20], "version"] == before.loc[codes[20], "version"]
    assert pd.isna(after.loc[codes[20], "bool_value"]) and pd.isna(after.loc[codes[20], "choice_code"]) or unchanged
    # The row typed wrong is named with its problem, and still in the table as typed.
    expect(page.locator("[data-testid='stAlert']").filter(has_text=codes[20])).to_contain_text(
        f"'Mungkin' {wrong}")
    grid.hover()
    page.mouse.wheel(0, ROW_HEIGHT * 25)
    expect(grid.get_by_test_id("glide-cell-2-20")).to_have_text("Mungkin")
    expect(grid.get_by_test_id("glide-cell-4-20")).to_contain_text(wrong)
    assert exceptions(page) == []
    engine.dispose()
