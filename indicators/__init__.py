"""The KLA domain, pure Python and pandas; imports neither streamlit nor sqlalchemy.

    catalog, checker, spreadsheet   the instrument as data, its checks, the official spreadsheet
    answers        answer types, an answer's value (VALUE_FIELDS, answer_value), validation, points
    scoring, gaps, whatif           scores and predikat, what lifts the score, what-if
    derivation     the city's answers that follow from its kecamatan and kelurahan (Kelana Dekela)
    workflow       answer and cycle statuses, their names (id, en), transitions, reasons
    verification   the verified-points rule
    suppression    small counts hidden on public pages
    cases          Klaster V case categories and checks
    unit_names     names and keys of kecamatan and kelurahan
    text           numbers and dates in Indonesian and English (the one formatter)
"""
