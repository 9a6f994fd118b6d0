"""The natural order on Isian Saya, for every answer type, in a real browser: on a question not
answered yet, give the answer, type a note, attach the PDF, and press Ajukan without ever saving
a draft. Each answer arrives submitted with its value, note and file, and a reload shows it so."""
from playwright.sync_api import expect

import evidence_samples as samples
from browser_helpers import exceptions, open_app, open_question, script_run, sign_in, wait_for_app
from data.db import make_engine
from data.services.accounts.auth import authenticate
from data.services.entry.evidence import list_evidence
from data.services.entry.sheet import entry_sheet


def first_open(rows, kind: str) -> str:
    return next(r.question_code for r in rows.itertuples()
                if r.editable and r.status == "not_started" and r.answer_type == kind and r.evidence_required)


def test_answer_note_evidence_then_submit_for_every_answer_type(fresh_server, page):
    engine = make_engine(fresh_server.database_url)
    dp3a = authenticate(engine, "opd.dp3a", "KlaKupang2024!")
    sheet = entry_sheet(engine, dp3a)
    codes = {kind: first_open(sheet.rows, kind) for kind in ("yes_no", "choice", "percentage", "count")}
    choice = sheet.catalog.question(codes["choice"]).answer.options[-1]
    open_app(page, f"{fresh_server.url}/isian")
    sign_in(page, "opd.dp3a")

    for kind, code in codes.items():
        question = open_question(page, code)
        if kind == "yes_no":
            with script_run(page):
                question.get_by_text("Ya", exact=True).click()
        elif kind == "choice":
            with script_run(page):
                question.get_by_text(choice.label.id, exact=True).click()
        else:
            fields = {"percentage": [("Pembilang", "12"), ("Penyebut", "48")], "count": [("Jumlah", "7")]}[kind]
            for label, typed in fields:
                box = question.get_by_role("spinbutton", name=label)
                box.fill(typed)
                with script_run(page):
                    box.press("Tab")
        question.get_by_role("textbox", name="Catatan").fill(f"Catatan {code}: sumber data dinas.")
        with script_run(page):  # the person clicks the uploader's button, which leaves the note first
            with page.expect_file_chooser() as chooser:
                question.get_by_test_id("stFileUploaderDropzone").get_by_test_id("stBaseButton-secondary").click()
            chooser.value.set_files(
                {"name": f"bukti {code}.pdf", "mimeType": "application/pdf", "buffer": samples.pdf(f"bukti {code}")})
        expect(question.get_by_text(f"Berkas bukti {code}.pdf diunggah.")).to_be_visible()
        with script_run(page):
            question.get_by_role("button", name="Ajukan", exact=True).click()
        expect(question.locator("summary")).to_contain_text("Diajukan")

    rows = entry_sheet(engine, dp3a).rows.set_index("question_code")
    for kind, code in codes.items():
        row = rows.loc[code]
        assert row["status"] == "submitted" and row["note"] == f"Catatan {code}: sumber data dinas.", (kind, row)
        assert [f.filename for f in list_evidence(engine, dp3a, code)] == [f"bukti {code}.pdf"]
    assert rows.loc[codes["yes_no"], "bool_value"] is True or rows.loc[codes["yes_no"], "bool_value"] == True  # noqa: E712  (an element-wise pandas comparison, not a truth test)
    assert rows.loc[codes["choice"], "choice_code"] == choice.code
    assert (rows.loc[codes["percentage"], "numerator"], rows.loc[codes["percentage"], "denominator"]) == (12, 48)
    assert rows.loc[codes["count"], "count_value"] == 7

    page.reload()
    wait_for_app(page)
    question = open_question(page, codes["percentage"])
    expect(question.locator("summary")).to_contain_text("Diajukan — 12 dari 48 (25,0%)")
    assert exceptions(page) == []
    engine.dispose()
