"""The blocks of each feature's pages, one module per feature (entry and its parts entry_header, entry_editor,
entry_evidence, entry_history, entry_conflicts, entry_state, entry_table, entry_workbook; review,
completeness, scores, summary, kelana, units, cases, instrument): cached reads of that feature's
services and the functions that draw its sections. A page in app_pages/ strings them together."""
