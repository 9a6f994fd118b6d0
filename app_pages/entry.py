"""Isian Saya: an OPD, kecamatan or kelurahan focal point answers the questions assigned to their
unit for the open cycle: progress and deadline, what came back for revision and why, search and
filters, each question with its input, evidence, co-answers and history; a table for a whole
indicator at once; and the Excel route."""

import streamlit as st

from data import access
from data.errors import DomainError
from ui import auth, flash, loaders
from ui.i18n import current_lang, t
from ui.markup import plain
from ui.views import actions as actions_view
from ui.views import entry as entry_view
from ui.views import entry_editor as entry_editor_view
from ui.views import entry_evidence as entry_evidence_view
from ui.views import entry_header as entry_header_view
from ui.views import entry_table as entry_table_view
from ui.views import entry_workbook as entry_workbook_view
from ui.views import evidence_library as evidence_library_view
from ui.views.entry_state import FLASH

user = auth.require_user(tuple(access.UNIT_ROLES))
lang = current_lang()

st.title(t("entry.title"))
year = entry_header_view.year_picker(user)
try:
    sheet = entry_view.load_sheet(user, year)
except DomainError as error:  # no unit, no cycle, or an account whose rights changed
    st.error(plain(error.message))
    st.stop()
entry_header_view.header(sheet, lang)
flash.show_pending(FLASH)
actions_view.my_actions_note(user, sheet.cycle_year, loaders.data_version(user.region_code))
if sheet.rows.empty:
    st.info(t("entry.none", unit=sheet.unit_name))
    st.stop()
entry_header_view.returned_list(sheet, lang)
entry_editor_view.restore_typed(user, year)
entry_header_view.submit_all(sheet, user, year, lang)

questions_tab, table_tab, excel_tab = st.tabs([t("entry.tab_questions"), t("entry.tab_table"), t("entry.tab_excel")],
                                              key="entry.tab", on_change="rerun")
if questions_tab.open is not False:
    with questions_tab:
        entry_evidence_view.bulk_evidence(sheet, user, year, lang)
        evidence_library_view.show(sheet, user, year, lang)
        shown = entry_view.filters(sheet, lang)
        entry_view.question_list(shown, sheet, user, year, lang)
if table_tab.open:
    with table_tab:
        entry_table_view.show(sheet, user, year, lang)
if excel_tab.open:
    with excel_tab:
        entry_workbook_view.show(user, sheet)
