"""Keep a domain catalog (indicators.catalog.Catalog) in the catalog tables and read it back.

The rows hold exactly the catalog's YAML-shaped document (Catalog.to_dict()), so a stored
version rebuilds into the same Catalog through the domain's own checker.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from data.db import bump_data_version
from data.errors import InvalidInput, NotFound
from data.models import CatalogGroup, CatalogVersion, Indicator, Question
from indicators.catalog import Catalog, catalog_from_dict


def store_catalog(session: Session, catalog: Catalog, loaded_from: str) -> CatalogVersion:
    """Write a catalog version into the caller's transaction. Storing the same content again
    changes nothing; different content under a stored version is refused, because cycles
    scored against that version must keep their scores."""
    document = catalog.to_dict()
    version = document["version"]
    existing = _find_version(session, version)
    if existing is not None:
        if _stored_catalog(existing).to_dict() == document:
            return existing
        raise InvalidInput(
            [
                f"Versi katalog '{version}' sudah tersimpan dengan isi yang berbeda. "
                "Beri nama versi baru agar skor siklus yang memakai versi lama tidak berubah."
            ]
        )

    title_id, title_en = _texts(document.get("title"))
    catalog_row = CatalogVersion(
        version=version,
        title_id=title_id,
        title_en=title_en,
        source=document.get("source"),
        total_points=document["total_points"],
        predikat=document.get("predikat", []),
        resolutions=document.get("resolutions", []),
        data_sources=document.get("data_sources", {}),
        loaded_from=loaded_from,
    )
    session.add(catalog_row)
    session.flush()
    for group_position, group_doc in enumerate(document["groups"]):
        group = _group_row(catalog_row.id, group_doc, group_position)
        session.add(group)
        for indicator_position, indicator_doc in enumerate(group_doc["indicators"]):
            indicator = _indicator_row(catalog_row.id, group, indicator_doc, indicator_position)
            session.add(indicator)
            for question_position, question_doc in enumerate(indicator_doc["questions"]):
                session.add(
                    _question_row(catalog_row.id, indicator, question_doc, question_position)
                )
    session.flush()
    bump_data_version(session)
    return catalog_row


def load_catalog_version(session: Session, version: str) -> Catalog:
    catalog_row = _find_version(session, version)
    if catalog_row is None:
        raise NotFound(f"Versi katalog '{version}' tidak ditemukan.")
    return _stored_catalog(catalog_row)


def _find_version(session: Session, version: str) -> CatalogVersion | None:
    return session.scalar(
        select(CatalogVersion)
        .where(CatalogVersion.version == version)
        .options(
            selectinload(CatalogVersion.groups)
            .selectinload(CatalogGroup.indicators)
            .selectinload(Indicator.questions)
        )
    )


def _stored_catalog(catalog_row: CatalogVersion) -> Catalog:
    return catalog_from_dict(_document(catalog_row), f"database:{catalog_row.version}")


def _group_row(catalog_version_id: int, doc: dict[str, Any], position: int) -> CatalogGroup:
    name_id, name_en = _texts(doc.get("name"))
    definition_id, definition_en = _texts(doc.get("definition"))
    return CatalogGroup(
        catalog_version_id=catalog_version_id,
        code=doc["code"],
        name_id=name_id,
        name_en=name_en,
        definition_id=definition_id,
        definition_en=definition_en,
        max_points=doc["max_points"],
        position=position,
    )


def _indicator_row(
    catalog_version_id: int, group: CatalogGroup, doc: dict[str, Any], position: int
) -> Indicator:
    name_id, name_en = _texts(doc.get("name"))
    definition_id, definition_en = _texts(doc.get("definition"))
    return Indicator(
        catalog_version_id=catalog_version_id,
        group=group,
        code=doc["code"],
        name_id=name_id,
        name_en=name_en,
        definition_id=definition_id,
        definition_en=definition_en,
        max_points=doc["max_points"],
        position=position,
    )


def _question_row(
    catalog_version_id: int, indicator: Indicator, doc: dict[str, Any], position: int
) -> Question:
    prompt_id, prompt_en = _texts(doc.get("prompt"))
    help_id, help_en = _texts(doc.get("help"))
    unit_prompt_id, unit_prompt_en = _texts(doc.get("unit_prompt"))
    evidence_id, evidence_en = _texts(doc.get("evidence"))
    return Question(
        catalog_version_id=catalog_version_id,
        indicator=indicator,
        code=doc["code"],
        prompt_id=prompt_id,
        prompt_en=prompt_en,
        help_id=help_id,
        help_en=help_en,
        answer_type=doc["answer"]["type"],
        answer_rule=doc["answer"],
        max_points=doc["max_points"],
        data_sources=list(doc.get("data_sources", [])),
        answered_by=doc.get("answered_by", "city"),
        unit_prompt_id=unit_prompt_id,
        unit_prompt_en=unit_prompt_en,
        derivation=doc.get("derivation"),
        evidence_id=evidence_id,
        evidence_en=evidence_en,
        evidence_required=bool(doc.get("evidence_required", False)),
        assumption=doc.get("assumption"),
        position=position,
    )


def _document(catalog_row: CatalogVersion) -> dict[str, Any]:
    """The YAML-shaped document of a stored version (see indicators/catalogs/README.md)."""
    return _without_none(
        {
            "version": catalog_row.version,
            "title": _bilingual(catalog_row.title_id, catalog_row.title_en),
            "source": catalog_row.source,
            "total_points": _number(catalog_row.total_points),
            "predikat": catalog_row.predikat,
            "resolutions": catalog_row.resolutions,
            "data_sources": catalog_row.data_sources,
            "groups": [_group_document(group) for group in catalog_row.groups],
        }
    )


def _group_document(group: CatalogGroup) -> dict[str, Any]:
    return _without_none(
        {
            "code": group.code,
            "name": _bilingual(group.name_id, group.name_en),
            "definition": _bilingual(group.definition_id, group.definition_en),
            "max_points": _number(group.max_points),
            "indicators": [_indicator_document(indicator) for indicator in group.indicators],
        }
    )


def _indicator_document(indicator: Indicator) -> dict[str, Any]:
    return _without_none(
        {
            "code": indicator.code,
            "name": _bilingual(indicator.name_id, indicator.name_en),
            "definition": _bilingual(indicator.definition_id, indicator.definition_en),
            "max_points": _number(indicator.max_points),
            "questions": [_question_document(question) for question in indicator.questions],
        }
    )


def _question_document(question: Question) -> dict[str, Any]:
    return _without_none(
        {
            "code": question.code,
            "prompt": _bilingual(question.prompt_id, question.prompt_en),
            "help": _bilingual(question.help_id, question.help_en),
            "max_points": _number(question.max_points),
            "answer": question.answer_rule,
            "data_sources": question.data_sources,
            "answered_by": question.answered_by,
            "unit_prompt": _bilingual(question.unit_prompt_id, question.unit_prompt_en),
            "derivation": question.derivation,
            "evidence": _bilingual(question.evidence_id, question.evidence_en),
            "evidence_required": question.evidence_required,
            "assumption": question.assumption,
        }
    )


def _texts(value: Any) -> tuple[str | None, str | None]:
    """(Indonesian, English) of a catalog text: {id: ..., en: ...} or a plain string."""
    if value is None:
        return None, None
    if isinstance(value, str):
        return value, None
    return value.get("id"), value.get("en")


def _bilingual(text_id: str | None, text_en: str | None) -> dict[str, str] | None:
    texts = {"id": text_id, "en": text_en}
    return _without_none(texts) or None


def _without_none(mapping: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in mapping.items() if value is not None}


def _number(value: float) -> int | float:
    """Points are stored as floats; whole numbers go back as the integers they were."""
    return int(value) if float(value).is_integer() else value
