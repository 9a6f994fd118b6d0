"""The instrument of a region's cycle, flattened for reading: one row per question. Every
signed-in user may read it (the page asks for the sign-in); it checks no role."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Engine

from data.db import unit_of_work
from data.errors import NotFound
from data.lookups import cycle_catalog, cycle_years, find_cycle, find_region, unit_names


@dataclass(frozen=True)
class CatalogView:
    version: str
    title_id: str
    title_en: str
    year: int
    resolutions: list[str]
    questions: pd.DataFrame


def catalog_for_region(engine: Engine, region_code: str, year: int | None = None) -> CatalogView:
    with unit_of_work(engine, read_only=True) as session:
        region = find_region(session, region_code)
        if year is None:
            years = cycle_years(session, region.id)
            if not years:
                raise NotFound(f"Belum ada siklus evaluasi untuk {region.name}. Hubungi sekretariat KLA.")
            year = years[0]  # the latest
        cycle = find_cycle(session, region, year)
        catalog = cycle_catalog(session, cycle)
        names = unit_names(session, region)
        rows = []
        for group in catalog.groups:
            for indicator in group.indicators:
                for q in indicator.questions:
                    rows.append({
                        "group_code": group.code, "group_name_id": group.name.id, "group_name_en": group.name.get("en"),
                        "indicator_code": indicator.code, "indicator_name_id": indicator.name.id,
                        "indicator_name_en": indicator.name.get("en"),
                        "question_code": q.code, "prompt_id": q.prompt.id, "prompt_en": q.prompt.get("en"),
                        "answer_type": q.answer.type, "max_points": q.max_points,
                        "data_sources": [names.get(s) or catalog.data_source_name(s) for s in q.data_sources],
                        "answered_by": q.answered_by,
                        "evidence_id": q.evidence.id if q.evidence else "",
                        "evidence_en": q.evidence.get("en") if q.evidence else "",
                        "evidence_required": q.evidence_required,
                        "help_id": q.help.id, "help_en": q.help.get("en"),
                    })
        return CatalogView(version=catalog.version, title_id=catalog.title.id, title_en=catalog.title.get("en"),
                           year=cycle.year, resolutions=list(catalog.resolutions), questions=pd.DataFrame(rows))
