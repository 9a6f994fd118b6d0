"""One answer to one question: is it valid, is it complete, what it earns, how it reads, and
whether it moved implausibly far from last cycle's answer.

Pure: no database, no Streamlit. The points come from indicators.scoring itself (a one-question
catalog scored by `answer_shares`), so the entry page and the score tables can never disagree.
Messages are Indonesian and say what to fix; they do not name the question (the caller does).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, fields
from functools import lru_cache

import numpy as np
import pandas as pd

from indicators import settings
from indicators.catalog import Catalog, Group, Indicator, LocalText, Question
from indicators.scoring import answer_shares
from indicators.text import excerpt

PLAUSIBLE_CHANGE_PP_SETTING = settings.PLAUSIBLE_CHANGE_PP
PLAUSIBLE_CHANGE_COUNT_SETTING = settings.PLAUSIBLE_CHANGE_COUNT
DEFAULT_PLAUSIBLE_CHANGE_PP = settings.default_number(PLAUSIBLE_CHANGE_PP_SETTING)
DEFAULT_PLAUSIBLE_CHANGE_COUNT = settings.default_number(PLAUSIBLE_CHANGE_COUNT_SETTING)
# A count that moves by no more than this is never questioned, whatever the relative change
# (1 -> 3 Puskesmas is a tripling but an ordinary year).
COUNT_CHANGE_ALWAYS_PLAUSIBLE = 2

FIELDS_BY_TYPE = {
    "yes_no": ("bool_value",),
    "choice": ("choice_code",),
    "graded": ("choice_code",),
    "percentage": ("numerator", "denominator"),
    "count": ("count_value",),
}
NUMBER_LABELS = {"numerator": "Pembilang", "denominator": "Penyebut", "count_value": "Jumlah"}


@dataclass(frozen=True)
class AnswerValue:
    bool_value: bool | None = None
    choice_code: str | None = None
    numerator: float | None = None
    denominator: float | None = None
    count_value: float | None = None

    def is_empty(self) -> bool:
        return all(_blank(getattr(self, f.name)) for f in fields(self))


NOTE_MAX_CHARS = 5000
"""The longest note an answer may carry; a longer text belongs in an evidence file."""

MAX_NUMBER = 100_000_000
"""Above any count a kab/kota can have (the largest has about six million people)."""

VALUE_FIELDS = ("bool_value", "choice_code", "numerator", "denominator", "count_value")
"""The fields of an answer's value, as AnswerValue and the Answer table name them."""


def answer_value(row, prefix: str = "") -> AnswerValue:
    """The value held by a stored answer, or by any object or mapping with the same field names
    (with `prefix`, e.g. "previous_" for last cycle's columns of a sheet row). NaN and NA read as None."""
    get = row.get if isinstance(row, dict) else (lambda name: getattr(row, name, None))
    return AnswerValue(**{name: _none_if_missing(get(prefix + name)) for name in VALUE_FIELDS})


def _none_if_missing(value):
    if value is None or isinstance(value, (str, bool)):
        return value
    return None if pd.isna(value) else value


def relevant_value(question: Question, value: AnswerValue) -> AnswerValue:
    """Only the parts of `value` the question's answer type uses (the rest is dropped), as
    stored: numbers as floats ("12,5" -> 12.5), a choice code stripped, blanks as None.
    Meant for a value without value_errors."""
    kind = question.answer.type
    if kind == "yes_no":
        return AnswerValue(bool_value=None if _blank(value.bool_value) else bool(value.bool_value))
    if question.answer.has_options:
        return AnswerValue(choice_code=None if _blank(value.choice_code) else str(value.choice_code).strip())
    if kind == "percentage":
        return AnswerValue(numerator=_float_or_none(value.numerator),
                           denominator=_float_or_none(value.denominator))
    if kind == "count":
        return AnswerValue(count_value=_float_or_none(value.count_value))
    return AnswerValue()


def value_errors(question: Question, value: AnswerValue) -> list[str]:
    """What is wrong with the parts that were given (a draft may be incomplete, never wrong)."""
    kind = question.answer.type
    problems: list[str] = []
    if kind == "yes_no":
        if not _blank(value.bool_value) and not isinstance(value.bool_value, (bool, np.bool_)):
            problems.append(f"Jawaban harus Ya atau Tidak, bukan '{excerpt(value.bool_value)}'.")
    elif question.answer.has_options:
        if not _blank(value.choice_code) and question.answer.option(str(value.choice_code).strip()) is None:
            allowed = ", ".join(f"{o.code} ({o.label.id})" for o in question.answer.options)
            what = "Tingkat" if kind == "graded" else "Pilihan"
            problems.append(
                f"{what} '{excerpt(value.choice_code)}' tidak ada di katalog; pilih salah satu: {allowed}."
            )
    elif kind in ("percentage", "count"):
        numbers = {}
        for name in FIELDS_BY_TYPE[kind]:
            raw = getattr(value, name)
            if _blank(raw):
                continue
            number, problem = _checked_number(NUMBER_LABELS[name], raw)
            if problem:
                problems.append(problem)
            else:
                numbers[name] = number
        if kind == "percentage":
            denominator = numbers.get("denominator")
            numerator = numbers.get("numerator")
            if denominator == 0:
                problems.append("Penyebut tidak boleh 0: persentase dari nol tidak dapat dihitung.")
            if numerator is not None and denominator and numerator > denominator:
                problems.append(
                    f"Pembilang ({_number(numerator)}) tidak boleh lebih besar dari penyebut "
                    f"({_number(denominator)})."
                )
    else:
        problems.append(f"Jenis jawaban '{kind}' tidak dikenal.")
    return problems


def missing_parts(question: Question, value: AnswerValue) -> list[str]:
    """What an answer still lacks before it can be submitted."""
    kind = question.answer.type
    if kind == "yes_no" and _blank(value.bool_value):
        return ["Pilih Ya atau Tidak."]
    if kind == "choice" and _blank(value.choice_code):
        return ["Pilih salah satu jawaban."]
    if kind == "graded" and _blank(value.choice_code):
        return ["Pilih tingkatnya."]
    if kind == "percentage":
        missing = [NUMBER_LABELS[n].lower() for n in ("numerator", "denominator") if _blank(getattr(value, n))]
        if missing:
            return [f"Isi {' dan '.join(missing)}."]
    if kind == "count" and _blank(value.count_value):
        return ["Isi jumlahnya."]
    return []


def value_problems(question: Question, value: AnswerValue) -> list[str]:
    """Everything that stands between `value` and a valid, complete answer; [] = ready."""
    return value_errors(question, value) + missing_parts(question, value)


def points_for(question: Question, value: AnswerValue) -> float:
    """The points the answer earns by the scoring rules; 0.0 while it is invalid or incomplete."""
    return points_for_many([(question, value)])[0]


def points_for_many(pairs: list[tuple[Question, AnswerValue]]) -> list[float]:
    """points_for of many answers in one pass of the vectorised scoring (an import of a whole
    sheet costs one call, not one per row)."""
    points = [0.0] * len(pairs)
    rows, positions, questions = [], [], {}
    for position, (question, value) in enumerate(pairs):
        if value_problems(question, value):
            continue
        value = relevant_value(question, value)
        questions[question.code] = question
        positions.append(position)
        rows.append({"catalog_version": _SCORING_VERSION, "question_code": question.code,
                     "bool_value": value.bool_value, "choice_code": value.choice_code,
                     "numerator": value.numerator, "denominator": value.denominator,
                     "count_value": value.count_value})
    if not rows:
        return points
    catalog = _scoring_catalog(tuple(questions.values()))
    shares = answer_shares(pd.DataFrame(rows), [catalog]).to_numpy()
    for position, share in zip(positions, shares):
        question = pairs[position][0]
        if not np.isnan(share):
            points[position] = float(min(max(share * question.max_points, 0.0), question.max_points))
    return points


def evidence_needed(question: Question, value: AnswerValue) -> bool:
    """Evidence proves the points an answer claims: a question that asks for evidence needs it only
    when the answer earns points. A "Tidak", a zero level or any answer worth 0 points is submitted
    without it (the review still sees that none was given)."""
    return question.evidence_required and points_for(question, value) > 0


def percent_of(value: AnswerValue) -> float | None:
    """numerator / denominator x 100, or None when it cannot be computed."""
    numerator, denominator = _float_or_none(value.numerator), _float_or_none(value.denominator)
    if numerator is None or denominator is None or denominator <= 0 or numerator < 0:
        return None
    return numerator / denominator * 100


def display_value(question: Question, value: AnswerValue, lang: str = "id") -> str:
    """The answer as a person reads it: "Ya", "12 dari 40 (30,0%)", a choice's label, a count."""
    kind = question.answer.type
    if kind == "yes_no":
        if _blank(value.bool_value):
            return ""
        yes, no = ("Yes", "No") if lang == "en" else ("Ya", "Tidak")
        return yes if value.bool_value else no
    if question.answer.has_options:
        if _blank(value.choice_code):
            return ""
        option = question.answer.option(str(value.choice_code).strip())
        return option.label.get(lang) if option else str(value.choice_code)
    if kind == "percentage":
        numerator, denominator = _float_or_none(value.numerator), _float_or_none(value.denominator)
        if numerator is None and denominator is None:
            return ""
        of = "of" if lang == "en" else "dari"
        text = f"{_number(numerator, lang) if numerator is not None else '?'} {of} " \
               f"{_number(denominator, lang) if denominator is not None else '?'}"
        percent = percent_of(value)
        if percent is not None:
            text += f" ({_number(percent, lang, decimals=1)}%)"
        return text
    if kind == "count":
        count = _float_or_none(value.count_value)
        return "" if count is None else _number(count, lang)
    return ""


def _checked(number: float | None) -> float:
    """A figure value_problems() has already found present."""
    if number is None:
        raise ValueError("an answer without its figure reached the plausibility check")
    return float(number)


def plausibility_problem(question: Question, value: AnswerValue, previous: AnswerValue | None,
                         max_change: float | None = None) -> str | None:
    """A message when the answer moved further from last cycle's than is plausible; None otherwise.

    Percentages: more than `max_change` percentage points apart, or a denominator (the base: all
    children, all schools) that changed like an implausible count. Counts: the larger value more
    than (1 + `max_change`) times the smaller (a smaller value below 1 counts as 1), unless they
    differ by at most COUNT_CHANGE_ALWAYS_PLAUSIBLE. `max_change` defaults to the question's
    `plausible_change`, then to the settings KLA_PLAUSIBLE_CHANGE_PP (30) and
    KLA_PLAUSIBLE_CHANGE_COUNT (1.0, i.e. doubling or halving). Other types are never implausible.
    """
    if previous is None or value_problems(question, value) or value_problems(question, previous):
        return None
    kind = question.answer.type
    limit = max_change if max_change is not None else plausible_change_limit(question)
    if limit is None:
        return None
    if kind == "percentage":
        base_problem = _base_change_problem(_checked(value.denominator), _checked(previous.denominator))
        if base_problem:
            return base_problem
        now, before = percent_of(value), percent_of(previous)
        if now is None or before is None or abs(now - before) <= limit + 1e-9:
            return None
        return (
            f"Persentase berubah {_number(abs(now - before), decimals=1)} poin persen dari siklus lalu "
            f"({_number(before, decimals=1)}% menjadi {_number(now, decimals=1)}%), lebih dari batas "
            f"{_number(limit)} poin persen. Periksa angkanya, atau jelaskan perubahannya di catatan."
        )
    if kind == "count":
        now, before = _checked(value.count_value), _checked(previous.count_value)
        if abs(now - before) <= COUNT_CHANGE_ALWAYS_PLAUSIBLE:
            return None
        factor = max(now, before) / max(min(now, before), 1.0)
        if factor <= 1 + limit + 1e-9:
            return None
        return (
            f"Jumlah berubah dari {_number(before)} menjadi {_number(now)} (lebih dari "
            f"{_number(limit * 100)}% dibanding siklus lalu). Periksa angkanya, atau jelaskan "
            "perubahannya di catatan."
        )
    return None


def _base_change_problem(now: float, before: float) -> str | None:
    """The base of a percentage (all children, all schools, all households) hardly moves from one
    year to the next: beyond the count limit it is most likely a typing or copying slip."""
    if abs(now - before) <= COUNT_CHANGE_ALWAYS_PLAUSIBLE:
        return None
    limit = settings.positive_number(PLAUSIBLE_CHANGE_COUNT_SETTING)
    if max(now, before) / max(min(now, before), 1.0) <= 1 + limit + 1e-9:
        return None
    return (f"Penyebut (jumlah seluruh sasaran) berubah dari {_number(before)} menjadi {_number(now)} dibanding "
            f"siklus lalu (lebih dari {_number(limit * 100)}%). Periksa angkanya, atau jelaskan perubahannya di "
            "catatan.")


def plausible_change_limit(question: Question) -> float | None:
    """The allowed change for this question: its catalog rule, else the deployment's setting."""
    kind = question.answer.type
    if kind not in ("percentage", "count"):
        return None
    if question.answer.plausible_change is not None:
        return float(question.answer.plausible_change)
    if kind == "percentage":
        return settings.positive_number(PLAUSIBLE_CHANGE_PP_SETTING)
    return settings.positive_number(PLAUSIBLE_CHANGE_COUNT_SETTING)




_SCORING_VERSION = "__answers__"


@lru_cache(maxsize=1024)
def _scoring_catalog(questions: tuple[Question, ...]) -> Catalog:
    """The given questions as a catalog of their own, only for answer_shares (never checked)."""
    indicator = Indicator(code="*", group_code="*", name=LocalText(), definition=LocalText(),
                          max_points=sum(q.max_points for q in questions), questions=questions)
    group = Group(code="*", name=LocalText(), definition=LocalText(), max_points=indicator.max_points,
                  indicators=(indicator,))
    return Catalog(version=_SCORING_VERSION, title=LocalText(), source="", predikat=(),
                   total_points=indicator.max_points, groups=(group,))


def _blank(raw) -> bool:
    if raw is None:
        return True
    if isinstance(raw, str):
        return not raw.strip()
    if isinstance(raw, float) and math.isnan(raw):
        # A NaN is a number that went wrong, not an empty cell: it is checked, not skipped.
        return False
    return False


def _checked_number(label: str, raw) -> tuple[float | None, str | None]:
    if isinstance(raw, bool):
        return None, f"{label} harus berupa angka, bukan '{raw}'."
    try:
        number = float(str(raw).strip().replace(",", ".")) if isinstance(raw, str) else float(raw)
    except (TypeError, ValueError, OverflowError):
        return None, f"{label} harus berupa angka, bukan '{excerpt(raw)}'."
    if not math.isfinite(number):
        return None, f"{label} harus berupa angka yang wajar, bukan '{excerpt(raw)}'."
    if number < 0:
        return None, f"{label} tidak boleh negatif ({_number(number)})."
    if number > MAX_NUMBER:
        return None, (f"{label} {_number(number)} terlalu besar untuk satu kabupaten/kota (paling banyak "
                      f"{_number(MAX_NUMBER)}); periksa kembali angkanya.")
    return number, None


def _float_or_none(raw) -> float | None:
    if _blank(raw) or isinstance(raw, bool):
        return None
    try:
        number = float(str(raw).strip().replace(",", ".")) if isinstance(raw, str) else float(raw)
    except (TypeError, ValueError, OverflowError):
        return None
    return number if math.isfinite(number) else None


def _number(value: float, lang: str = "id", decimals: int | None = None) -> str:
    """1234.5 -> "1.234,5" (id) or "1,234.5" (en); whole numbers without decimals."""
    if decimals is None:
        decimals = 0 if float(value).is_integer() else 2
    text = f"{value:,.{decimals}f}"
    if decimals and decimals > 1 and "." in text:
        text = text.rstrip("0").rstrip(".")
    if lang == "en":
        return text
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")
