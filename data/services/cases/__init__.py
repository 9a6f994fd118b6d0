"""Klaster V case statistics (aggregate counts of violence against women and children, never a
person): the staff's true counts, read, entered and imported (records), and the suppressed figures
the public sees (public). The categories and checks are in indicators.cases, the CSV in
data.files.cases_csv."""
