"""Every CSV file the public pages offer for a region, in one dictionary (manage.py export-public
writes them): the summary's, each indicator's, the suppressed case table and Kelana Dekela per
kecamatan. Published cycles only, as each of those use cases guarantees."""
from __future__ import annotations

from sqlalchemy import Engine

from data.errors import NotFound
from data.services.cases.public import public_cases, public_cases_csv, public_cases_file_name
from data.services.kelana.public_kelana import public_kelana, public_kelana_csv, public_kelana_file_name
from data.services.public.summary import (groups_csv, groups_file_name, indicator_questions_csv,
                                          indicator_questions_file_name, indicator_trend_csv,
                                          indicator_trend_file_name, indicators_csv, indicators_file_name,
                                          public_indicators, public_summary, trend_csv, trend_file_name)


def public_csv_files(engine: Engine, region_code: str, up_to_year: int | None = None) -> dict[str, str]:
    """Every CSV file the public pages offer for a region, by file name: the summary's groups,
    trend and indicators, each indicator's points and questions, the suppressed case table and
    the Kelana Dekela breakdown per kecamatan."""
    summary = public_summary(engine, region_code, up_to_year)
    if summary is None:
        raise NotFound(f"Wilayah {region_code} belum menerbitkan hasil evaluasi; tidak ada yang diekspor.")
    files = {groups_file_name(summary): groups_csv(summary), trend_file_name(summary): trend_csv(summary),
             indicators_file_name(summary): indicators_csv(summary)}
    for indicator in public_indicators(engine, region_code, None, summary.year):
        files[indicator_trend_file_name(indicator)] = indicator_trend_csv(indicator)
        files[indicator_questions_file_name(indicator)] = indicator_questions_csv(indicator)
    cases = public_cases(engine, region_code, summary.year)
    if cases.years:
        files[public_cases_file_name(summary.region_code)] = public_cases_csv(cases)
    kelana = public_kelana(engine, region_code, summary.year)
    files[public_kelana_file_name(kelana)] = public_kelana_csv(kelana)
    return files
