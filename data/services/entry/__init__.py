"""Data entry by a reporting unit (an OPD, a kecamatan or a kelurahan).

    scope.py           who enters what: acting unit, entry cycle, assigned questions, submit checks
    sheet.py           the unit's sheet of questions with answers and what blocks submitting
    answers.py         save_answers, save_draft, submit_answers
    history.py         an answer's history and its co-answers
    evidence.py        evidence files: upload, list, replace, download (one permission check)
    entry_workbook.py  the Excel route: export a template, import it (check, then apply)
"""
