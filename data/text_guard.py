"""Text the way both engines keep it: before anything is written, every text column of every new
or changed row is checked for what PostgreSQL refuses and SQLite would silently keep (a NUL
character, a text longer than its column) and for control characters no person means to type
(they arrive with text copied from a PDF or a spreadsheet). A refusal is one sentence naming the
field, and nothing of the unit of work is written. The services check what people type first,
with messages of their own; this is the net under all of them."""
from __future__ import annotations

import re

from sqlalchemy import JSON, Engine, String, Text, event, inspect
from sqlalchemy.orm import Session

from data.errors import InvalidInput
from indicators import text

# Tab, line feed and carriage return are text in a note; in a one-line field (a name, a code)
# nothing below the space is.
MULTILINE_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
ONE_LINE_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
FIELD_NAMES = {
    "display_name": "Nama", "name": "Nama", "short_name": "Nama singkat", "username": "Nama pengguna",
    "note": "Catatan", "filename": "Nama berkas", "email": "Surel", "phone": "Nomor telepon",
    "return_reason": "Alasan pengembalian", "verified_reason": "Alasan verifikasi", "code": "Kode",
    "reason": "Alasan", "title": "Judul", "comment": "Komentar", "minutes": "Notulen",
}
TYPED_TEXT = "Teks yang diisikan"


def field_name(table: str, column: str) -> str:
    """The field as people know it; never a table or column name of the database."""
    return FIELD_NAMES.get(column, TYPED_TEXT)


def control_sentence(what: str, character: str) -> str:
    return (f"{what} memuat karakter kendali (kode {ord(character):#04x}) yang tidak dapat disimpan; karakter "
            "itu sering terbawa saat menyalin dari PDF atau Excel. Ketik ulang bagian itu, lalu simpan lagi.")


def refuse_control_characters(value: object, what: str = TYPED_TEXT, multiline: bool = False) -> None:
    """Raise InvalidInput (one sentence) when typed text holds a NUL or another control character;
    for services to call on what people type before any query is made with it."""
    if isinstance(value, str):
        found = (MULTILINE_CONTROL if multiline else ONE_LINE_CONTROL).search(value)
        if found:
            raise InvalidInput([control_sentence(what, found.group())])


def text_problem(value: str, column, table: str) -> str | None:
    """Why `value` cannot be kept in `column` of `table`, in Indonesian (None: it can)."""
    control = (MULTILINE_CONTROL if isinstance(column.type, Text) else ONE_LINE_CONTROL).search(value)
    if control:
        return control_sentence(field_name(table, column.key), control.group())
    limit = getattr(column.type, "length", None)
    if limit and len(value) > limit:
        return (f"{field_name(table, column.key)} terlalu panjang ({text.whole(len(value))} karakter); "
                f"paling banyak {text.whole(limit)} karakter.")
    return None


@event.listens_for(Session, "before_flush")
def _refuse_unkeepable_text(session: Session, flush_context, instances) -> None:
    problems: list[str] = []
    for row in (*session.new, *session.dirty):
        mapper = inspect(row).mapper
        for column in mapper.columns:
            value = getattr(row, mapper.get_property_by_column(column).key, None)
            if isinstance(column.type, String):
                _add(problems, value, column, mapper.local_table.name)
            elif isinstance(column.type, JSON):
                _add_nested(problems, value, TYPED_TEXT)
    if problems:
        raise InvalidInput(problems)


@event.listens_for(Session, "do_orm_execute")
def _refuse_unkeepable_text_in_statements(state) -> None:
    """The same check for an UPDATE or INSERT statement run through a session (the answer's
    version-guarded update is one), which no flush sees."""
    if not (state.is_update or state.is_insert):
        return
    table = state.statement.table
    # The values an update(...).values(...) carries (SQLAlchemy keeps them as bound parameters).
    given = [{getattr(key, "key", key): getattr(clause, "value", None)
              for key, clause in (getattr(state.statement, "_values", None) or {}).items()}]
    parameters = state.parameters
    given += parameters if isinstance(parameters, list) else [parameters or {}]
    problems: list[str] = []
    for values in given:
        for key, value in values.items():
            column = table.columns.get(key)
            if column is not None and isinstance(column.type, String):
                _add(problems, value, column, table.name)
    if problems:
        raise InvalidInput(problems)


def _add(problems: list[str], value, column, table: str) -> None:
    if isinstance(value, str):
        problem = text_problem(value, column, table)
        if problem and problem not in problems:
            problems.append(problem)


def _add_nested(problems: list[str], value, what: str) -> None:
    """Text inside a JSON value (an audit row's reason, a snapshot's names): no NUL or control
    character besides tab and line breaks (PostgreSQL refuses \\u0000 in JSON)."""
    if isinstance(value, str):
        control = MULTILINE_CONTROL.search(value)
        if control:
            problem = control_sentence(what, control.group())
            if problem not in problems:
                problems.append(problem)
    elif isinstance(value, dict):
        for key, item in value.items():
            _add_nested(problems, key, what)
            _add_nested(problems, item, FIELD_NAMES.get(str(key), what))
    elif isinstance(value, (list, tuple)):
        for item in value:
            _add_nested(problems, item, what)


@event.listens_for(Engine, "before_cursor_execute")
def _refuse_control_characters_in_queries(conn, cursor, statement, parameters, context, executemany) -> None:
    """The net under every query, reads included (a sign-in, a look-up by name): a NUL or another
    control character in a text parameter is refused with one sentence before the query is sent
    (PostgreSQL would fail with a driver error, SQLite would search for it)."""
    rows = parameters if executemany else [parameters]
    for row in rows or ():
        values = row.values() if isinstance(row, dict) else row if isinstance(row, (list, tuple)) else ()
        for value in values:
            if isinstance(value, str) and (control := MULTILINE_CONTROL.search(value)):
                raise InvalidInput([control_sentence(TYPED_TEXT, control.group())])
