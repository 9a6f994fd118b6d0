"""Scoring and reports: a region's scores in both readings (self-assessed and verified), what
lifts them and the meeting reports.

    scores         score_cycles (the one scoring path: database -> indicators.scoring), score_report
    cycle_answers  the answers of a region's cycles as the use cases below read them
    overview       scores_overview (both readings, differences, trend), readable_regions
    gaps           score_gaps (what lifts the score), what_if, whatif_catalog (the instrument it offers answers from)
    drilldown      indicator_drilldown (one indicator across cycles)
    reports        report_data, build_report (the files are written by data/files/report_*)
"""
