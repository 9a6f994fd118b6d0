"""The table tab of Isian Saya: the unit's open questions of one indicator in a data editor, typed
as in the Excel template (Ya/Tidak or an option, numbers in Indonesian style, a note), saved with
one click: every valid row in one transaction (data/services/entry/table.py). A row that could not
be saved keeps what was typed and says why in its own Masalah column."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from data.actor import SignedInUser
from data.errors import DomainError
from data.services.entry.sheet import EntrySheet
from data.services.entry.table import CELLS, TableRow, save_table
from indicators import text as fmt
from indicators.answers import answer_value
from indicators.catalog import Catalog, Question
from indicators.workflow import status_name
from ui import flash, loaders
from ui.i18n import t, t_text
from ui.markup import plain

FLASH = "entry_table"
KEPT_KEY = "entry.table.kept"      # code -> {"cells": typed cells, "problems": [...]} of rows not saved
ROUND_KEY = "entry.table.round"    # a new editor after each save, built from what is stored then
COLUMNS = ["code", "prompt", "answer", "numerator", "denominator", "count", "note", "problems", "kind", "points",
           "status"]
# Pixel widths, so that the answer columns sit where a person looks after reading the question.
WIDTHS = {"code": 60, "prompt": 220, "answer": 130, "numerator": 100, "denominator": 100, "count": 100, "note": 260,
          "problems": 320, "kind": 220, "points": 70, "status": 110}
VALUE_COLUMNS = {"yes_no": ("answer",), "choice": ("answer",), "graded": ("answer",),
                 "percentage": ("numerator", "denominator"), "count": ("count",)}


def show(sheet: EntrySheet, user: SignedInUser, year: int | None, lang: str) -> None:
    if not sheet.open:
        st.info(t("entry.table_closed", lang))
        return
    open_rows = sheet.rows[sheet.rows["editable"]]
    if open_rows.empty:
        st.info(t("entry.table_nothing", lang))
        return
    st.caption(t("entry.table_lead", lang))
    counts = open_rows.groupby("indicator_code", sort=False).size()
    names = {i.code: i.name.get(lang) for i in sheet.catalog.indicators}
    indicator = st.selectbox(t("entry.table_indicator", lang), list(counts.index), key="entry.table.indicator",
                             format_func=lambda code: t_text("entry.table_indicator_option", lang, code=code,
                                                             name=names.get(code, ""), count=int(counts[code])))
    rows = open_rows[open_rows["indicator_code"] == indicator]
    base = table_frame(rows, sheet.catalog, st.session_state.get(KEPT_KEY, {}), lang)
    key = f"entry.table.{indicator}.{st.session_state.get(ROUND_KEY, 0)}"
    kinds = {sheet.catalog.question(code).answer.type for code in rows["question_code"]}
    wanted = {column for kind in kinds for column in VALUE_COLUMNS.get(kind, ())}
    shown = [c for c in COLUMNS if c not in ("answer", "numerator", "denominator", "count") or c in wanted]
    versions = {code: (None if pd.isna(v) else int(v)) for code, v in zip(rows["question_code"], rows["version"])}
    # In a form: typing does not run the page for every cell; the button sends every edit at once.
    with st.form(f"entry.table.form.{indicator}", border=False, enter_to_submit=False):
        st.data_editor(base, key=key, hide_index=True, num_rows="fixed", width="stretch", column_order=shown,
                       disabled=["code", "prompt", "kind", "points", "status", "problems"],
                       column_config=_column_config(lang))
        flash.show_pending(FLASH)
        st.form_submit_button(t("entry.table_save", lang), type="primary", icon=":material/save:",
                              on_click=_save, args=(user, year, key, base, versions))


def table_frame(rows: pd.DataFrame, catalog: Catalog, kept: dict, lang: str) -> pd.DataFrame:
    """One line per question as stored, with the cells and problems of rows not yet saved on top."""
    lines = []
    for row in rows.itertuples(index=False):
        question = catalog.question(row.question_code)
        line = {"code": row.question_code, "prompt": question.prompt.get(lang), "kind": _kind(question, lang),
                **stored_cells(row, question),
                "points": fmt.points(row.self_points, lang) if pd.notna(row.version) else "",
                "status": status_name(row.status, lang), "problems": ""}
        if row.question_code in kept:
            line.update(kept[row.question_code]["cells"])
            line["problems"] = " ".join(kept[row.question_code]["problems"])
        lines.append(line)
    return pd.DataFrame(lines, columns=COLUMNS).astype(object)


def stored_cells(row, question: Question) -> dict:
    """The stored answer as the table's text cells (numbers with a decimal comma, never rounded,
    so that a row saved again unchanged stays exactly as it was)."""
    value, kind = answer_value(row), question.answer.type
    cells = dict.fromkeys(CELLS, "")
    if kind == "yes_no" and value.bool_value is not None:
        cells["answer"] = "Ya" if value.bool_value else "Tidak"
    elif question.answer.has_options and value.choice_code:
        option = question.answer.option(value.choice_code)
        cells["answer"] = option.label.id if option else value.choice_code
    elif kind == "percentage":
        cells["numerator"], cells["denominator"] = _number(value.numerator), _number(value.denominator)
    elif kind == "count":
        cells["count"] = _number(value.count_value)
    cells["note"] = row.note or ""
    return cells


def _number(value) -> str:
    if value is None or pd.isna(value):
        return ""
    number = float(value)
    return str(int(number)) if number.is_integer() else repr(number).replace(".", ",")


def _kind(question: Question, lang: str) -> str:
    kind = question.answer.type
    if question.answer.has_options:
        return t_text("entry.table_kind_choice", lang,
                      options=" / ".join(o.label.get(lang) for o in question.answer.options))
    return t(f"entry.table_kind_{kind}", lang)


def _column_config(lang: str) -> dict:
    column = st.column_config
    config = {key: column.TextColumn(t(f"entry.table_{key}", lang), width=width) for key, width in WIDTHS.items()}
    config["code"] = column.TextColumn(t("entry.table_code", lang), width=WIDTHS["code"], pinned=True)
    config["answer"] = column.TextColumn(t("entry.table_answer", lang), width=WIDTHS["answer"],
                                         help=t("entry.table_answer_help", lang))
    return config


def _save(user: SignedInUser, year: int | None, key: str, base: pd.DataFrame, versions: dict) -> None:
    edited = (st.session_state.get(key) or {}).get("edited_rows", {})
    kept = dict(st.session_state.get(KEPT_KEY, {}))
    rows = []
    for position, changes in edited.items():
        line = base.iloc[int(position)]
        cells = {cell: line[cell] for cell in CELLS}
        cells.update({cell: value for cell, value in changes.items() if cell in CELLS})
        rows.append(TableRow(line["code"], {k: ("" if v is None else v) for k, v in cells.items()},
                             versions.get(line["code"])))
    rows += [TableRow(code, held["cells"], versions.get(code)) for code, held in kept.items()
             if code in versions and code not in {r.question_code for r in rows}]
    try:
        result = save_table(loaders.engine(), user, rows, year)
    except DomainError as error:
        flash.show_later("error", error.message, place=FLASH)
        return
    typed = {row.question_code: row.cells for row in rows}
    for code in result.saved + result.unchanged:
        kept.pop(code, None)
    for code, problems in result.problems.items():
        kept[code] = {"cells": typed[code], "problems": problems}
    st.session_state[KEPT_KEY] = kept
    st.session_state[ROUND_KEY] = st.session_state.get(ROUND_KEY, 0) + 1
    if result.saved:
        flash.show_later("success", t("entry.table_saved", count=len(result.saved)), place=FLASH)
    if result.problems:
        lines = [f"- **{code}**: {plain(' '.join(problems))}" for code, problems in result.problems.items()]
        flash.show_later("warning", "\n".join([t("entry.table_not_saved", count=len(result.problems)), *lines]),
                         place=FLASH)
    if not result.saved and not result.problems:
        flash.show_later("info", t("entry.table_unchanged"), place=FLASH)
