"""Questions answered by every kecamatan or every desa/kelurahan (Kelana Dekela), and how the
city's answer follows from theirs.

A unit (kecamatan, kelurahan) answers the question's `unit_prompt` with yes or no. The city's
answer is derived by the question's `derivation` rule; `share_yes` makes it a percentage:
numerator = units that answered yes, denominator = the region's active units of that kind (a unit
that has not answered counts as "not yet yes"). Two readings, as for every answer:
- self: every yes counts, whatever its status;
- verified: only yes answers the task force verified with points above 0.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from indicators.answers import AnswerValue, points_for_many
from indicators.catalog import AnswerRule, Catalog, LocalText, Question
from indicators.workflow import DRAFT, SUBMITTED, VERIFIED

UNIT_KINDS = {"every_kecamatan": "kecamatan", "every_desa_kelurahan": "kelurahan"}
"""answered_by -> the kind of reporting unit that answers."""


def unit_kind(question: Question) -> str | None:
    """The kind of unit that answers the question, or None for a question the city answers."""
    return UNIT_KINDS.get(question.answered_by)


def is_derived(question: Question) -> bool:
    return unit_kind(question) is not None


def unit_question(question: Question, unit_count: int, worth: float | None = None) -> Question:
    """The question as one unit answers it: yes/no on the unit prompt, worth the points one
    unit's yes adds to the city when every other unit still says no."""
    if worth is None:
        worth = round(unit_points(question, 0, unit_count), 9) if unit_count > 0 else 0.0
    return replace(question, prompt=question.unit_prompt or question.prompt,
                   help=question.help, answer=AnswerRule(type="yes_no"), max_points=worth)


def unit_catalog(catalog: Catalog, kind: str, unit_count: int) -> Catalog:
    """The catalog as a unit of `kind` sees it: its questions become unit questions (see
    unit_question); every other question is left as it is."""
    asked = [q for q in catalog.questions if unit_kind(q) == kind]
    worths = dict(zip((q.code for q in asked), (round(p, 9) for p in city_points_many(
        [(q, 1, unit_count) for q in asked])))) if unit_count > 0 else {}

    def converted(q: Question) -> Question:
        return unit_question(q, unit_count, worths.get(q.code, 0.0)) if unit_kind(q) == kind else q

    groups = tuple(
        replace(g, indicators=tuple(
            replace(i, questions=tuple(converted(q) for q in i.questions)) for i in g.indicators))
        for g in catalog.groups)
    return replace(catalog, groups=groups, _frames={})


def city_points(question: Question, yes_count: int, unit_count: int) -> float:
    """The city's points when `yes_count` of `unit_count` units answer yes."""
    return city_points_many([(question, yes_count, unit_count)])[0]


def city_points_many(items: list[tuple[Question, int, int]]) -> list[float]:
    """city_points of many (question, yes_count, unit_count) in one pass of the scoring rules."""
    pairs = [(q, AnswerValue(numerator=float(yes), denominator=float(units))) for q, yes, units in items]
    points = points_for_many([p for p, (_, _, units) in zip(pairs, items) if units > 0])
    scored = iter(points)
    return [next(scored) if units > 0 else 0.0 for _, _, units in items]


def unit_points(question: Question, yes_count_of_others: int, unit_count: int) -> float:
    """What one unit's yes adds to the city, given how many other units say yes."""
    return city_points(question, yes_count_of_others + 1, unit_count) - city_points(
        question, yes_count_of_others, unit_count)


@dataclass(frozen=True)
class UnitAnswer:
    unit: str
    bool_value: bool | None
    status: str
    verified_points: float | None = None

    @property
    def answered(self) -> bool:
        return self.bool_value is not None

    @property
    def verified_yes(self) -> bool:
        return self.status == VERIFIED and self.bool_value is True and (self.verified_points or 0) > 0


@dataclass(frozen=True)
class DerivedAnswer:
    """The city's answer to a derived question, as the units' answers make it."""

    question_code: str
    unit_count: int
    answered: int
    yes: int
    verified_yes: int
    submitted: int
    verified: int
    not_answered: tuple[str, ...] = field(default=())

    @property
    def has_value(self) -> bool:
        return self.unit_count > 0 and self.answered > 0

    @property
    def value(self) -> AnswerValue:
        if not self.has_value:
            return AnswerValue()
        return AnswerValue(numerator=float(self.yes), denominator=float(self.unit_count))

    @property
    def status(self) -> str:
        """verified once the task force has verified any unit's answer (the verified reading then
        counts the verified yes answers); submitted once every answer given is submitted; else draft."""
        if self.verified:
            return VERIFIED
        if self.answered and self.submitted == self.answered:
            return SUBMITTED
        return DRAFT


def derive_share_yes(question: Question, answers: list[UnitAnswer], units: list[str]) -> DerivedAnswer:
    """The `share_yes` derivation: `units` are the region's active units of the question's kind;
    answers of any other unit (deactivated, another kind) are left out."""
    active = set(units)
    given = [a for a in answers if a.unit in active and a.answered]
    answered_units = {a.unit for a in given}
    return DerivedAnswer(
        question_code=question.code,
        unit_count=len(active),
        answered=len(given),
        yes=sum(1 for a in given if a.bool_value),
        verified_yes=sum(1 for a in given if a.verified_yes),
        submitted=sum(1 for a in given if a.status in (SUBMITTED, VERIFIED)),
        verified=sum(1 for a in given if a.status == VERIFIED),
        not_answered=tuple(u for u in units if u not in answered_units),
    )


def derived_points(question: Question, derived: DerivedAnswer) -> tuple[float, float]:
    """(self points, verified points) of the city's derived answer."""
    points = derivation_points([(question, derived)])[0]
    return points.self_points, points.verified_points


@dataclass(frozen=True)
class DerivedPoints:
    self_points: float
    verified_points: float
    yes_worth: float
    """What each unit's yes adds to the city as the answers stand (its points for the city)."""


def derivation_points(items: list[tuple[Question, DerivedAnswer]]) -> list[DerivedPoints]:
    """Points of many derived answers in one pass of the scoring rules."""
    wanted = []
    for question, derived in items:
        n = derived.unit_count if derived.has_value else 0
        wanted += [(question, derived.yes, n), (question, derived.verified_yes, n),
                   (question, max(derived.yes - 1, 0), n)]
    points = city_points_many(wanted)
    result = []
    for i in range(len(items)):
        yes, verified, one_less = points[3 * i: 3 * i + 3]
        # rounded like the unit question's maximum, so float noise never puts a unit above it
        result.append(DerivedPoints(yes, verified, round(yes - one_less, 9) if items[i][1].yes > 0 else 0.0))
    return result


def derivation_text(derived: DerivedAnswer, kind: str, lang: str = "id") -> str:
    """'4 dari 6 kecamatan menjawab Ya' (with how many have not answered)."""
    names = {"kecamatan": ("kecamatan", "kecamatan"), "kelurahan": ("desa/kelurahan", "villages/wards")}
    name_id, name_en = names.get(kind, (kind, kind))
    missing = derived.unit_count - derived.answered
    if lang == "en":
        text = f"{derived.yes} of {derived.unit_count} {name_en} answered yes"
        return text + (f"; {missing} not answered yet" if missing > 0 else "")
    text = f"{derived.yes} dari {derived.unit_count} {name_id} menjawab Ya"
    return text + (f"; {missing} belum menjawab" if missing > 0 else "")


def unit_prompt_text(question: Question) -> LocalText:
    return question.unit_prompt or question.prompt
