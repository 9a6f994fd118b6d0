"""Planted text stays inert: a payload set (a markdown image and a link pointing at a logging server
on the loopback, HTML, a spreadsheet formula, a NUL, a control character, bidirectional overrides,
10 000 characters) is typed through the services into every text field people set on the demo
(region, OPD, account name, answer note, Rakor title, action title, Forum Anak comment, return
reason, publication reason). Each value is kept or refused at entry with one Indonesian sentence
naming nothing internal. Then every page of the registry is opened by every role (the crawl) and
every export is read: no page shows an exception or renders the planted markup (an image, a link
or a tag outside a backslash escape), no CSV cell or workbook cell is a formula, the PDFs and the
open-data package are read whole, the kept text is readable as typed, and the logging server
received nothing (AppTest fetches no pictures: the browser's side of that is the shipped CSP,
tests/e2e/test_deploy_nginx.py). With plain() made a no-op, the page check reports 1 099
renderings; the counts are printed (-s)."""
from __future__ import annotations

import csv
import io
import json
import re
import threading
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select

from data.db import make_engine, unit_of_work
from data.errors import DomainError
from data.models import Answer, EvaluationCycle, Meeting, Question, ReportingUnit
from data.services.accounts.admin import update_account
from data.services.actions.meetings import meeting_pdf, prepare_meeting
from data.services.actions.plans import create_action
from data.services.entry.answers import save_draft
from data.services.entry.entry_workbook import export_template
from data.services.forum.views import record_views
from data.services.province.board import board_files
from data.services.public.export import public_files, public_package
from data.services.regions.regions import rename_region
from data.services.review.cycle_admin import publish_cycle, unpublish_cycle
from data.services.review.review import return_answer
from data.services.scoring.reports import build_report
from data.services.units.opds import update_opd
from indicators.answers import AnswerValue
from page_crawl import copied, crawl_templates, crawled_roles, visits  # noqa: F401  (fixture)
from review_fixtures import account


class Requests(BaseHTTPRequestHandler):
    seen: list[str] = []

    def do_GET(self):
        Requests.seen.append(self.path)
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def logging_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Requests)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def payloads(log: str) -> dict[str, str]:
    return {
        "image": f"![x]({log}/gambar.png)", "link": f"[klik]({log}/tautan)", "html": f"<img src={log}/html.png>",
        "formula": '=HYPERLINK("http://127.0.0.1/x","klik")', "nul": "Dinas\x00Kesehatan",
        "control": "Dinas\x1bKesehatan", "bidi": "Dinas \u202eKesehatan\u202c", "long": "x" * 10_000,
    }


def mixed(log: str) -> str:
    """The payload kept at the end in every field that takes it: all the markup at once."""
    return f'=1+1 ![x]({log}/gambar.png) [klik]({log}/tautan) <img src={log}/html.png> *tebal*'


def own_question(engine, username: str) -> tuple[str, int | None]:
    with unit_of_work(engine) as session:
        row = session.execute(
            select(Question.code, Answer.version).join(Answer, Answer.question_id == Question.id)
            .join(ReportingUnit, Answer.reporting_unit_id == ReportingUnit.id)
            .join(EvaluationCycle, Answer.cycle_id == EvaluationCycle.id)
            .where(ReportingUnit.short_name == username.split(".", 1)[1], EvaluationCycle.status == "open",
                   Answer.status.in_(("draft", "returned"))).order_by(Question.id)).first()
        return row.code, row.version


def a_submitted_answer(engine) -> tuple[int, int]:
    with unit_of_work(engine) as session:
        answer = session.scalars(select(Answer).join(EvaluationCycle).where(
            Answer.status == "submitted", EvaluationCycle.status == "open").order_by(Answer.id)).first()
        return answer.id, answer.version


def fields(engine):
    """Each text field people set, as a function typing one text into it through its service."""
    admin, sek, chair, forum = (account(engine, name) for name in ("admin", "sekretariat", "ketua", "forum.anak"))

    def note(text):
        code, version = own_question(engine, "opd.dp3a")
        save_draft(engine, account(engine, "opd.dp3a"), code, AnswerValue(bool_value=True), text, version)

    def return_reason(text):
        answer_id, version = a_submitted_answer(engine)
        return_answer(engine, chair, answer_id, version, text)

    def publication(text):
        unpublish_cycle(engine, chair, 2024, text, "53.71")
        publish_cycle(engine, chair, 2024, reason=text)

    return {
        "region name": lambda text: rename_region(engine, admin, "53.71", text),
        "OPD name": lambda text: update_opd(engine, sek, "dinkes", name=text),
        "account name": lambda text: update_account(engine, admin, "opd.dp3a", display_name=text),
        "answer note": note,
        "Rakor title": lambda text: prepare_meeting(engine, chair, "53.71", 2025, title=text,
                                                    held_on=date(2026, 12, 20), place=text),
        "action title": lambda text: create_action(engine, chair, "53.71", 2025, indicator_code="1", title=text,
                                                   lead_unit="dp3a", due_date=date(2027, 3, 31), output=text),
        "Forum Anak comment": lambda text: record_views(engine, forum, None, 2025, met_on=date(2026, 12, 1),
                                                        ratings={"KLASTER_I": (3, text)}),
        "return reason": return_reason,
        "publication reason": publication,
    }


INTERNAL = ("audit_log", "entity_id", "app_user", "sqlalchemy", "psycopg", "Traceback")


@pytest.fixture(scope="module")
def planted(crawl_templates, tmp_path_factory, logging_server):  # noqa: F811  (fixture)
    state = copied(crawl_templates["demo"], tmp_path_factory.mktemp("planted"))
    engine = make_engine(state.url)
    kept, refused = [], []
    for field, plant in fields(engine).items():
        for name, text in [*payloads(logging_server).items(), ("mixed", mixed(logging_server))]:
            try:
                plant(text)
            except DomainError as error:
                assert error.message and not any(word in error.message for word in INTERNAL), (field, error.message)
                refused.append((field, name, error.message))
            else:
                kept.append((field, name))
    engine.dispose()
    return state, kept, refused


UNESCAPED_MARKUP = re.compile(r"(?<!\\)\]\((?:http|/)|(?<!\\)<img|(?<!\\)<a |(?<!\\)\[klik(?<!\\)\]")


def markdown_texts(at) -> list[str]:
    """What Streamlit renders as markdown: messages, headings, captions, labels, st.table cells."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "error", "success", "warning",
                 "toast"):
        parts += [str(element.value) for element in at.get(kind)]
    parts += [m.label for m in at.metric] + [e.label for e in at.expander] + [tab.label for tab in at.tabs]
    for kind in ("button", "checkbox", "toggle", "text_input", "text_area", "number_input", "selectbox", "radio",
                 "download_button", "multiselect"):
        parts += [str(getattr(widget, "label", "") or "") for widget in at.get(kind)]
    for table in at.table:
        frame = table.value
        parts += [str(cell) for column in frame.columns for cell in frame[column]] + [str(c) for c in frame.columns]
    return parts


def test_every_field_keeps_or_refuses_every_payload(planted):
    _, kept, refused = planted
    for field, name, message in refused:
        print(f"refused {field} / {name}: {message[:150]}")
    assert {field for field, name in kept if name == "mixed"} == set(fields_of(kept, refused))
    assert all(name not in ("nul", "control") for _, name in kept)  # a NUL or a control never kept
    print(f"\nfields planted: {len(fields_of(kept, refused))}, values kept: {len(kept)}, refused: {len(refused)}")


def fields_of(kept, refused) -> set[str]:
    return {field for field, _ in kept} | {field for field, _, _ in refused}


def test_every_page_for_every_role_shows_the_planted_text_as_text(planted, monkeypatch, logging_server):
    state, _, _ = planted
    opened, findings, readable = 0, [], False
    for role in crawled_roles(state):
        for visit in visits(state, role, monkeypatch):
            opened += 1
            at = visit.at
            findings += [f"{role} {visit.page}: exception {e.message}" for e in at.exception]
            for text in markdown_texts(at):
                if logging_server.split("//")[1] in text and UNESCAPED_MARKUP.search(text):
                    findings.append(f"{role} {visit.page}: markup rendered: {text[:160]!r}")
                readable = readable or "\\!\\[x\\]" in text or "!\\[x\\](" in text
    print(f"\npages x roles opened: {opened}")
    assert findings == []
    assert readable, "the planted text shows nowhere"
    assert opened > 50
    assert Requests.seen == []


def test_every_export_keeps_the_planted_text_inert(planted, logging_server):
    state, _, _ = planted
    engine = make_engine(state.url)
    chair = account(engine, "ketua")
    read = 0
    csv_texts = [file.csv() for file in public_files(engine, "53.71")]
    package = public_package(engine, "53.71")
    csv_texts += [text for path, text in package.items() if path.endswith(".csv")]
    for text in csv_texts:
        for row in csv.reader(io.StringIO(text, newline="")):
            assert not any(cell.startswith(("=", "@")) for cell in row), row
        read += 1
    for path, text in package.items():
        if path.endswith(".json"):
            json.loads(text)
            read += 1
    _, board_csv, board_pdf = board_files(engine, account(engine, "provinsi.ntt"), 2025)
    for row in csv.reader(io.StringIO(board_csv.decode("utf-8"), newline="")):
        assert not any(cell.startswith(("=", "@")) for cell in row), row
    assert PdfReader(io.BytesIO(board_pdf)).pages
    read += 2
    for workbook_bytes in (build_report(engine, chair, "53.71", 2025, "xlsx"),
                           export_template(engine, chair, "dinkes", 2025, "53.71")):
        workbook = load_workbook(io.BytesIO(workbook_bytes))
        assert all(cell.data_type != "f" for sheet in workbook.worksheets for row in sheet.iter_rows()
                   for cell in row)
        read += 1
    for pdf in (build_report(engine, chair, "53.71", 2025, "pdf"),):
        assert "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
        read += 1
    with unit_of_work(engine) as session:
        meeting_ids = list(session.scalars(select(Meeting.id)))
    for meeting_id in meeting_ids:
        assert PdfReader(io.BytesIO(meeting_pdf(engine, chair, meeting_id, "agenda"))).pages
        read += 1
    engine.dispose()
    print(f"\nexports read: {read}")
    assert Requests.seen == []
