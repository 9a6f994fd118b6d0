"""The KLA instrument as data: group -> indicator -> question, versioned per evaluation cycle.

A catalog comes from a YAML file (indicators/catalogs/) or a spreadsheet with one row per question
(see indicators/spreadsheet.py). `catalog_from_dict` checks it and refuses it whole when anything is
wrong; the format is documented in indicators/catalogs/README.md.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import yaml

from indicators.checker import check_catalog
from indicators.errors import CatalogError, Problem
from indicators.text import excerpt

ANSWERED_BY = ("city", "every_kecamatan", "every_desa_kelurahan")
CHOICE_TYPES = ("choice", "graded")
"""Answer types whose value is one code of the question's options (a graded answer's levels)."""
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DEFAULT_CATALOG = Path(__file__).parent / "catalogs" / "kla_2024.yaml"


@dataclass(frozen=True)
class LocalText:
    """A text in Indonesian and English; English falls back to Indonesian."""

    id: str = ""
    en: str = ""

    def get(self, lang: str = "id") -> str:
        return (self.en or self.id) if lang == "en" else self.id

    @classmethod
    def of(cls, value) -> LocalText | None:
        if value is None:
            return None
        if isinstance(value, str):
            return cls(id=value)
        return cls(id=str(value.get("id") or ""), en=str(value.get("en") or ""))

    def to_dict(self) -> dict:
        return {"id": self.id, "en": self.en}


@dataclass(frozen=True)
class ChoiceOption:
    code: str
    label: LocalText
    share: float


@dataclass(frozen=True)
class Band:
    min: float
    share: float


@dataclass(frozen=True)
class AnswerRule:
    """How an answer turns into a share (0..1) of the question's maximum points."""

    type: str
    options: tuple[ChoiceOption, ...] = ()
    rule: str | None = None  # percentage: linear | inverse | bands
    target: float = 100.0
    best: float = 0.0
    worst: float = 100.0
    bands: tuple[Band, ...] = ()
    # Largest change from last cycle accepted without a note: percentage points for a
    # percentage, a relative change (1.0 = 100 %) for a count; None = the deployment's setting.
    plausible_change: float | None = None

    def option(self, code: str) -> ChoiceOption | None:
        return next((o for o in self.options if o.code == code), None)

    @property
    def has_options(self) -> bool:
        """A choice or a graded answer: one code of `options` (a graded answer's levels)."""
        return self.type in CHOICE_TYPES

    def to_dict(self) -> dict:
        doc: dict = {"type": self.type}
        if self.has_options:
            doc["levels" if self.type == "graded" else "options"] = [
                {"code": o.code, "label": o.label.to_dict(), "share": o.share} for o in self.options
            ]
        if self.type == "percentage":
            doc["rule"] = self.rule
            if self.rule == "linear":
                doc["target"] = self.target
            if self.rule == "inverse":
                doc["best"], doc["worst"] = self.best, self.worst
        if self.bands:
            doc["bands"] = [{"min": b.min, "share": b.share} for b in self.bands]
        if self.plausible_change is not None:
            doc["plausible_change"] = self.plausible_change
        return doc


@dataclass(frozen=True)
class Question:
    code: str
    indicator_code: str
    group_code: str
    prompt: LocalText
    help: LocalText
    max_points: float
    answer: AnswerRule
    data_sources: tuple[str, ...]
    answered_by: str = "city"
    evidence: LocalText | None = None
    evidence_required: bool = False
    unit_prompt: LocalText | None = None
    derivation: str | None = None
    assumption: str | None = None

    @property
    def lead_source(self) -> str | None:
        return self.data_sources[0] if self.data_sources else None

    def to_dict(self) -> dict:
        doc = {
            "code": self.code,
            "prompt": self.prompt.to_dict(),
            "help": self.help.to_dict(),
            "max_points": self.max_points,
            "answer": self.answer.to_dict(),
            "data_sources": list(self.data_sources),
            "answered_by": self.answered_by,
            "evidence_required": self.evidence_required,
        }
        if self.evidence:
            doc["evidence"] = self.evidence.to_dict()
        if self.unit_prompt:
            doc["unit_prompt"] = self.unit_prompt.to_dict()
        if self.derivation:
            doc["derivation"] = self.derivation
        if self.assumption:
            doc["assumption"] = self.assumption
        return doc


@dataclass(frozen=True)
class Indicator:
    code: str
    group_code: str
    name: LocalText
    definition: LocalText
    max_points: float
    questions: tuple[Question, ...]

    def to_dict(self) -> dict:
        return {
            "code": self.code,
            "name": self.name.to_dict(),
            "definition": self.definition.to_dict(),
            "max_points": self.max_points,
            "questions": [q.to_dict() for q in self.questions],
        }


@dataclass(frozen=True)
class Group:
    code: str
    name: LocalText
    definition: LocalText
    max_points: float
    indicators: tuple[Indicator, ...]

    def to_dict(self) -> dict:
        return {
            "code": self.code,
            "name": self.name.to_dict(),
            "definition": self.definition.to_dict(),
            "max_points": self.max_points,
            "indicators": [i.to_dict() for i in self.indicators],
        }


@dataclass(frozen=True)
class PredikatBand:
    """A predikat and its lower bound: reached when total >= above (inclusive) or > above."""

    code: str
    name: str
    above: float
    inclusive: bool = False

    def reached_by(self, total: float) -> bool:
        return total >= self.above if self.inclusive else total > self.above


@dataclass(frozen=True)
class Catalog:
    version: str
    title: LocalText
    source: str
    total_points: float
    predikat: tuple[PredikatBand, ...]
    groups: tuple[Group, ...]
    resolutions: tuple[str, ...] = ()
    data_sources: dict = field(default_factory=dict)
    _frames: dict = field(default_factory=dict, compare=False, repr=False)

    def _frame(self, name: str, build) -> pd.DataFrame:
        # A catalog never changes, so each frame is built once; callers get a copy to change.
        if name not in self._frames:
            self._frames[name] = build()
        return self._frames[name].copy()

    @property
    def indicators(self) -> list[Indicator]:
        return [i for g in self.groups for i in g.indicators]

    @property
    def questions(self) -> list[Question]:
        return [q for i in self.indicators for q in i.questions]

    def question(self, code: str) -> Question:
        for q in self.questions:
            if q.code == code:
                return q
        raise KeyError(code)

    def data_source_name(self, short_name: str) -> str:
        return (self.data_sources.get(short_name) or {}).get("name", short_name)

    def questions_frame(self) -> pd.DataFrame:
        """One row per question with everything the vectorised scoring needs."""
        return self._frame("questions", self._questions_frame)

    def _questions_frame(self) -> pd.DataFrame:
        rows = []
        for position, q in enumerate(self.questions):
            rule = q.answer
            rows.append(
                {
                    "catalog_version": self.version,
                    "question_code": q.code,
                    "indicator_code": q.indicator_code,
                    "group_code": q.group_code,
                    "position": position,
                    "max_points": float(q.max_points),
                    "answer_type": rule.type,
                    "rule": rule.rule,
                    "target": rule.target,
                    "best": rule.best,
                    "worst": rule.worst,
                    "answered_by": q.answered_by,
                    "lead_source": q.lead_source,
                }
            )
        return pd.DataFrame(rows)

    def choice_shares_frame(self) -> pd.DataFrame:
        return self._frame("choices", self._choice_shares_frame)

    def _choice_shares_frame(self) -> pd.DataFrame:
        rows = [
            {"catalog_version": self.version, "question_code": q.code, "choice_code": o.code,
             "choice_share": o.share}
            for q in self.questions
            for o in q.answer.options
        ]
        return pd.DataFrame(rows, columns=["catalog_version", "question_code", "choice_code", "choice_share"])

    def bands_frame(self) -> pd.DataFrame:
        return self._frame("bands", self._bands_frame)

    def _bands_frame(self) -> pd.DataFrame:
        rows = [
            {"catalog_version": self.version, "question_code": q.code, "band_min": b.min,
             "band_share": b.share}
            for q in self.questions
            for b in q.answer.bands
        ]
        return pd.DataFrame(rows, columns=["catalog_version", "question_code", "band_min", "band_share"])

    def to_dict(self) -> dict:
        return {
            "version": self.version,
            "title": self.title.to_dict(),
            "source": self.source,
            "total_points": self.total_points,
            "predikat": [
                {"code": p.code, "name": p.name, "above": p.above, "inclusive": p.inclusive}
                for p in self.predikat
            ],
            "resolutions": list(self.resolutions),
            "data_sources": dict(self.data_sources),
            "groups": [g.to_dict() for g in self.groups],
        }


def catalog_from_dict(doc: dict, source: str = "katalog") -> Catalog:
    """Build a catalog from its YAML-shaped mapping; raises CatalogError naming every problem."""
    problems = check_catalog(doc, source)
    if problems:
        raise CatalogError(problems)
    groups = []
    for g in doc["groups"]:
        indicators = []
        for i in g["indicators"]:
            questions = tuple(
                _question(q, str(i["code"]), str(g["code"])) for q in i["questions"]
            )
            indicators.append(
                Indicator(
                    code=str(i["code"]),
                    group_code=str(g["code"]),
                    name=LocalText.of(i.get("name")) or LocalText(),
                    definition=LocalText.of(i.get("definition")) or LocalText(),
                    max_points=float(i["max_points"]),
                    questions=questions,
                )
            )
        groups.append(
            Group(
                code=str(g["code"]),
                name=LocalText.of(g.get("name")) or LocalText(),
                definition=LocalText.of(g.get("definition")) or LocalText(),
                max_points=float(g["max_points"]),
                indicators=tuple(indicators),
            )
        )
    return Catalog(
        version=str(doc["version"]),
        title=LocalText.of(doc.get("title")) or LocalText(id=str(doc["version"])),
        source=str(doc.get("source") or ""),
        total_points=float(doc["total_points"]),
        predikat=tuple(
            PredikatBand(str(p["code"]), str(p["name"]), float(p["above"]), bool(p.get("inclusive", False)))
            for p in doc["predikat"]
        ),
        groups=tuple(groups),
        resolutions=tuple(str(r) for r in doc.get("resolutions") or ()),
        data_sources=dict(doc.get("data_sources") or {}),
    )


def _question(q: dict, indicator_code: str, group_code: str) -> Question:
    answer = q["answer"]
    rule = AnswerRule(
        type=answer["type"],
        options=tuple(
            ChoiceOption(str(o["code"]), LocalText.of(o.get("label")) or LocalText(id=str(o["code"])),
                         float(o["share"]))
            for o in _options_of(answer)
        ),
        rule=answer.get("rule") or ("linear" if answer["type"] == "percentage" else None),
        target=float(answer.get("target", 100)),
        best=float(answer.get("best", 0)),
        worst=float(answer.get("worst", 100)),
        bands=tuple(Band(float(b["min"]), float(b["share"])) for b in answer.get("bands") or ()),
        plausible_change=(float(answer["plausible_change"])
                          if answer.get("plausible_change") is not None else None),
    )
    return Question(
        code=str(q["code"]),
        indicator_code=indicator_code,
        group_code=group_code,
        prompt=LocalText.of(q.get("prompt")) or LocalText(),
        help=LocalText.of(q.get("help")) or LocalText(),
        max_points=float(q["max_points"]),
        answer=rule,
        data_sources=tuple(str(s) for s in q.get("data_sources") or ()),
        answered_by=q.get("answered_by") or "city",
        evidence=LocalText.of(q.get("evidence")),
        evidence_required=bool(q.get("evidence_required", False)),
        unit_prompt=LocalText.of(q.get("unit_prompt")),
        derivation=q.get("derivation"),
        assumption=q.get("assumption"),
    )


DEFAULT_LEVELS = (
    {"code": "lengkap", "label": {"id": "Lengkap", "en": "Complete"}, "share": 1},
    {"code": "sebagian", "label": {"id": "Sebagian", "en": "Partly"}, "share": 0.5},
    {"code": "belum", "label": {"id": "Belum ada", "en": "Not yet"}, "share": 0},
)
"""The levels of a graded answer whose catalog names none."""


def _options_of(answer: dict) -> list[dict]:
    if answer["type"] == "graded":
        return list(answer.get("levels") or DEFAULT_LEVELS)
    return list(answer.get("options") or ())


def load_catalog(path: str | Path) -> Catalog:
    """Load and check a catalog file: YAML (.yaml/.yml) or a spreadsheet (.xlsx)."""
    path = Path(path)
    if not path.exists():
        raise CatalogError([Problem(str(path), "file tidak ditemukan")])
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        try:
            text = path.read_text(encoding="utf-8")
            if any(isinstance(event, yaml.AliasEvent) for event in yaml.parse(text, Loader=SAFE_LOADER)):
                raise CatalogError([Problem(path.name, "memakai alias YAML (*nama); tulis setiap nilai apa adanya")])
            doc = yaml.load(text, Loader=SAFE_LOADER)
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            raise CatalogError([Problem(path.name, f"bukan YAML yang sah: {excerpt(exc, 300)}")]) from None
        if not isinstance(doc, dict):
            raise CatalogError([Problem(path.name, "isi file harus berupa pemetaan (mapping) YAML")])
        return catalog_from_dict(doc, path.name)
    if suffix == ".xlsx":
        from indicators.spreadsheet import catalog_dict_from_xlsx

        try:
            doc = catalog_dict_from_xlsx(path, known_source_aliases())
        except CatalogError:
            raise
        except (IndexError, KeyError, TypeError, ValueError, AttributeError) as exc:  # openpyxl on a damaged part
            raise CatalogError([Problem(path.name, "File Excel rusak sehingga tidak dapat dibaca "
                                        f"({type(exc).__name__}). "
                                        "Simpan ulang file di Excel lalu unggah lagi.")]) from None
        return catalog_from_dict(doc, path.name)
    raise CatalogError([Problem(path.name, "jenis file tidak dikenal; gunakan .yaml, .yml atau .xlsx")])


def known_source_aliases() -> dict[str, str]:
    """Names an official spreadsheet uses for its data sources, mapped to our short names."""
    doc = yaml.load(DEFAULT_CATALOG.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    aliases = {}
    for short_name, entry in (doc.get("data_sources") or {}).items():
        for name in [short_name, entry.get("name", ""), *(entry.get("aliases") or [])]:
            aliases[name] = short_name
    return aliases


def load_default_catalog() -> Catalog:
    return load_catalog(DEFAULT_CATALOG)
