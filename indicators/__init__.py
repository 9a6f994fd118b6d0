"""The KLA domain: the instrument as data, answer rules, scoring, predikat and gaps.

Pure Python and pandas; imports neither streamlit nor sqlalchemy.
"""
