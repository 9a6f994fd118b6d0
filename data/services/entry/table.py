"""Many answers at once, typed in a table (Isian Saya, mode Tabel): each row is read as the Excel
template reads a row (data/files/entry_workbook: "Ya"/"Tidak" or an option's label, Indonesian
numbers, a note) and saved as the form saves it (entry/answers.save_answers: same checks, same
optimistic lock). Every valid row is saved in one transaction; a row with a problem is left out,
nothing of it stored, and comes back with its problems so the user can fix it where it is."""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Engine

from data.actor import SignedInUser
from data.db import unit_of_work
from data.errors import DomainError, InvalidInput
from data.files.entry_workbook import FileRow, answer_in_row
from data.services.entry.answers import AnswerChange, save_answers
from data.services.entry.scope import acting_unit, entry_cycle, in_catalog, require_open_cycle_of_region
from data.services.kelana.derived_answers import catalog_for_unit

CELLS = ("answer", "numerator", "denominator", "count", "note")


@dataclass(frozen=True)
class TableRow:
    question_code: str
    cells: dict                    # CELLS -> what was typed (text or number), blanks allowed
    expected_version: int | None   # the version the table was built from; None = no answer yet


@dataclass
class TableSave:
    saved: list[str] = field(default_factory=list)       # codes stored as a new draft version
    unchanged: list[str] = field(default_factory=list)   # typed exactly as stored: nothing written
    problems: dict[str, list[str]] = field(default_factory=dict)  # code -> why nothing of it was stored


def save_table(engine: Engine, actor: SignedInUser, rows: list[TableRow], year: int | None = None) -> TableSave:
    """Save every valid row as a draft, all in one transaction; see the module's text."""
    if not rows:
        raise InvalidInput(["Tidak ada baris yang diubah; ketik jawaban di tabel dulu."])
    result = TableSave()
    with unit_of_work(engine) as session:
        unit = acting_unit(session, actor)
        cycle = entry_cycle(session, actor, year)
        require_open_cycle_of_region(actor, cycle)
        catalog = catalog_for_unit(session, cycle, unit)
        for row in rows:
            code = row.question_code
            if not in_catalog(catalog, code):
                result.problems[code] = [f"Pertanyaan {code} tidak ada di instrumen siklus {cycle.year}."]
                continue
            problems: list[str] = []
            value, note = answer_in_row(FileRow(0, dict(row.cells), ()), catalog.question(code), problems)
            if problems or value is None:  # no value only with problems
                result.problems[code] = problems
                continue
            if row.expected_version is None and value.is_empty() and note is None:
                continue  # an untouched empty row never becomes an empty draft
            try:
                with session.begin_nested():
                    [answer] = save_answers(session, actor, cycle,
                                            [AnswerChange(code, value, note, row.expected_version)], source="table")
            except DomainError as refused:
                result.problems[code] = [_without_code(code, p) for p in refused.messages] if isinstance(
                    refused, InvalidInput) else [refused.message]
                continue
            (result.unchanged if answer.version == row.expected_version else result.saved).append(code)
    return result


def _without_code(code: str, problem: str) -> str:
    return problem.removeprefix(f"Pertanyaan {code}: ")

