"""Every file the public pages offer for a region, for every published year, as an open-data
package (manage.py export-public writes it): each file in CSV and in JSON, the Satu Data Indonesia
metadata of every indicator, and a Frictionless Data datapackage.json describing them all.
Published cycles only, as each public use case guarantees."""
from __future__ import annotations

import json

from sqlalchemy import Engine

from data.errors import NotFound
from data.services.cases.public import public_cases
from data.services.kelana.public_kelana import public_kelana
from data.services.public.files import (
    PublicFile,
    cases_file,
    indicator_files,
    kelana_file,
    metadata_file,
    summary_files,
)
from data.services.public.summary import PublicIndicator, PublicSummary, public_indicators, public_summary
from indicators import open_data


def page_files(engine: Engine, summary: PublicSummary) -> list[PublicFile]:
    """What the public pages offer for one region and published year: the summary's files, each
    indicator's, the case table (once a year of cases is public) and Kelana Dekela per kecamatan
    (when the units reported through Pantau KLA)."""
    offered = summary_files(summary)
    for indicator in _published_indicators(engine, summary.region_code, summary.year):
        offered += indicator_files(indicator)
    cases = cases_file(public_cases(engine, summary.region_code, summary.year))
    if cases is not None:
        offered.append(cases)
    try:
        kelana = public_kelana(engine, summary.region_code, summary.year)
    except NotFound:
        kelana = None
    if kelana is not None and kelana.has_unit_answers and not kelana.kecamatan.empty:
        offered.append(kelana_file(kelana))
    return offered


def _published_indicators(engine: Engine, region_code: str, year: int) -> list[PublicIndicator]:
    indicators = public_indicators(engine, region_code, None, year)
    if indicators is None:
        raise NotFound(f"Wilayah {region_code} belum menerbitkan hasil evaluasi; tidak ada yang diekspor.")
    return indicators


def public_files(engine: Engine, region_code: str, up_to_year: int | None = None) -> list[PublicFile]:
    """Every file the public pages offer for the region, for each published year (up to
    `up_to_year`), each once by name."""
    latest = public_summary(engine, region_code, up_to_year)
    if latest is None:
        raise NotFound(f"Wilayah {region_code} belum menerbitkan hasil evaluasi; tidak ada yang diekspor.")
    files: dict[str, PublicFile] = {}
    for year in [y for y in latest.published_years if y <= latest.year]:
        summary = latest if year == latest.year else public_summary(engine, region_code, year)
        if summary is None:
            raise NotFound(f"Wilayah {region_code} belum menerbitkan hasil evaluasi {year}; tidak ada yang diekspor.")
        for file in page_files(engine, summary):
            files.setdefault(file.name, file)
    return list(files.values())


def public_package(engine: Engine, region_code: str, up_to_year: int | None = None) -> dict[str, str]:
    """The open-data package by relative path: csv/NAME.csv and json/NAME.json for every public
    file and for the indicators' Satu Data metadata, and datapackage.json."""
    latest = public_summary(engine, region_code, up_to_year)
    if latest is None:
        raise NotFound(f"Wilayah {region_code} belum menerbitkan hasil evaluasi; tidak ada yang diekspor.")
    files = public_files(engine, region_code, latest.year)
    files.append(metadata_file(_published_indicators(engine, region_code, latest.year)))
    sources = [{"title": f"Gugus Tugas KLA {latest.region_name} (Pantau KLA)"},
               {"title": f"Instrumen evaluasi KLA {latest.catalog_version}"
                         + (f": {latest.catalog_source}" if latest.catalog_source else "")}]
    written: dict[str, str] = {}
    resources = []
    for file in files:
        for file_format, text in (("csv", file.csv()), ("json", file.json())):
            path = f"{file_format}/{file.name}.{file_format}"
            written[path] = text
            resources.append(open_data.resource(
                f"{file.name}.{file_format}".lower(), path, file_format, file.title_id, list(file.frame.columns),
                file.region_code, file.years, sources))
    years = [y for y in latest.published_years if y <= latest.year]
    described = open_data.package(latest.region_code, latest.region_name, latest.province_name,
                                  latest.published_at.isoformat() if latest.published_at else "", years, sources,
                                  resources)
    written["datapackage.json"] = json.dumps(described, ensure_ascii=False, indent=1) + "\n"
    return written
