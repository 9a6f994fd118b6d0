"""The Forum Anak's own view (pure): the children's forum rates each group of the instrument (the
five clusters, Kelembagaan, Kelana Dekela) on a scale of 1 to 5 with a short comment and the day
they met. The comment is the forum's words about the city, never about a child: no names are asked
for, the text is short and is always shown as text."""
from __future__ import annotations

from datetime import date

from indicators.actions import text_problem
from indicators.text import long_date

RATINGS = {
    "id": {1: "sangat kurang", 2: "kurang", 3: "cukup", 4: "baik", 5: "sangat baik"},
    "en": {1: "very poor", 2: "poor", 3: "fair", 4: "good", 5: "very good"},
}
MAX_COMMENT = 500


def rating_name(rating: int, lang: str = "id") -> str:
    return RATINGS.get(lang, RATINGS["id"]).get(int(rating), str(rating))


def rating_stars(rating: int) -> str:
    return "★" * int(rating) + "☆" * (5 - int(rating))


def view_problems(group_name: str, rating, comment: str | None, met_on: date | None, cycle_year: int,
                  today: date) -> list[str]:
    """What is wrong with one group's view as typed: a rating outside 1-5, a comment over the limit,
    a meeting date missing, in the future or outside the cycle's time."""
    problems = []
    if isinstance(rating, bool) or not isinstance(rating, int) or rating not in RATINGS["id"]:
        problems.append(f"{group_name}: pilih penilaian 1 sampai 5.")
    problem = text_problem(comment, "komentar", MAX_COMMENT)
    if problem:
        problems.append(f"{group_name}: {problem}")
    if met_on is None:
        problems.append("Isi tanggal pertemuan Forum Anak.")
    elif met_on > today:
        problems.append(f"Tanggal pertemuan {long_date(met_on)} belum tiba.")
    elif not cycle_year - 1 <= met_on.year <= cycle_year + 1:
        problems.append(f"Tanggal pertemuan {long_date(met_on)} di luar masa siklus {cycle_year}.")
    return problems
