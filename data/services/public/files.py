"""The files the public pages offer, one PublicFile each: a table (machine-readable: codes, dot
decimals, empty for a hidden count) with its name, title and what it covers. The pages' download
buttons and manage.py export-public (data.services.public.export) build them here and nowhere
else, so the export holds exactly what the pages offer. Also the Satu Data Indonesia metadata of
an indicator, shown on its public page and exported beside the files."""
from __future__ import annotations

import json
from dataclasses import dataclass

import pandas as pd

from data.errors import NotFound
from data.files.csv_text import csv_of
from data.services.cases.public import PublicCases
from data.services.kelana.public_kelana import PublicKelana
from data.services.public.summary import PublicIndicator, PublicSummary
from indicators import open_data


@dataclass(frozen=True)
class PublicFile:
    name: str            # file name without extension: kla_53.71_2024
    kind: str            # what the table is (indicators.open_data.FIELDS describes its columns)
    title_id: str
    title_en: str
    region_code: str
    years: tuple[int, ...]  # the years its rows cover
    frame: pd.DataFrame

    def csv(self) -> str:
        """For people: points rounded to open_data.POINTS_DECIMALS (the JSON keeps full precision)."""
        columns = open_data.points_columns(self.frame.columns)
        rounded = self.frame.astype({c: "float64" for c in columns}).round(
            {c: open_data.POINTS_DECIMALS for c in columns})
        return csv_of(rounded)

    def json(self) -> str:
        """The rows as a JSON array of objects (missing values null), as a data portal reads them."""
        records = json.loads(self.frame.to_json(orient="records", force_ascii=False))
        return json.dumps(records, ensure_ascii=False, indent=1) + "\n"


def _safe(code: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in code)


def _years(frame: pd.DataFrame, column: str = "year") -> tuple[int, ...]:
    return tuple(sorted({int(y) for y in frame[column].dropna()}))


# --- the summary page ---------------------------------------------------------------------------

def groups_file(summary: PublicSummary) -> PublicFile:
    frame = summary.groups.assign(region_code=summary.region_code, year=summary.year)[
        ["region_code", "year", "group_code", "name_id", "name_en", "points", "max_points"]]
    return PublicFile(f"kla_{summary.region_code}_{summary.year}", "groups",
                      f"Nilai KLA per kelompok, {summary.region_name} {summary.year}",
                      f"KLA points per group, {summary.region_name} {summary.year}",
                      summary.region_code, (summary.year,), frame)


def trend_file(summary: PublicSummary) -> PublicFile:
    frame = summary.trend.assign(region_code=summary.region_code)[["region_code", "year", "total", "predikat_name"]]
    return PublicFile(f"kla_{summary.region_code}_{summary.year}_tren", "trend",
                      f"Nilai total dan predikat KLA {summary.region_name} sampai {summary.year}",
                      f"KLA total and predikat of {summary.region_name} up to {summary.year}",
                      summary.region_code, _years(frame), frame)


def indicators_file(summary: PublicSummary) -> PublicFile:
    if summary.indicators is None:
        raise NotFound(f"Nilai per indikator {summary.region_name} {summary.year} belum dihitung.")
    frame = summary.indicators.assign(region_code=summary.region_code, year=summary.year,
                                      previous_year=summary.previous_year)[
        ["region_code", "year", "group_code", "indicator_code", "name_id", "name_en", "points", "max_points",
         "previous_year", "previous_points"]]
    return PublicFile(f"kla_{summary.region_code}_{summary.year}_indikator", "indicators",
                      f"Nilai 31 indikator KLA {summary.region_name} {summary.year}",
                      f"KLA indicator points of {summary.region_name} {summary.year}",
                      summary.region_code, (summary.year,), frame)


def summary_files(summary: PublicSummary) -> list[PublicFile]:
    """What the summary page offers for its region and year, in the order it offers them."""
    return [groups_file(summary), indicators_file(summary), trend_file(summary)]


# --- the indicator page -------------------------------------------------------------------------

def indicator_trend_file(indicator: PublicIndicator) -> PublicFile:
    frame = indicator.trend.assign(region_code=indicator.region_code, indicator_code=indicator.indicator_code)[
        ["region_code", "indicator_code", "year", "points", "max_points"]]
    return PublicFile(f"indikator_{indicator.region_code}_{_safe(indicator.indicator_code)}_{indicator.year}_tren",
                      "indicator_trend",
                      f"Nilai indikator {indicator.indicator_code} {indicator.region_name} sampai {indicator.year}",
                      f"Indicator {indicator.indicator_code} points of {indicator.region_name} up to {indicator.year}",
                      indicator.region_code, _years(frame), frame)


def indicator_questions_file(indicator: PublicIndicator) -> PublicFile:
    frame = indicator.questions.assign(region_code=indicator.region_code, year=indicator.year,
                                       indicator_code=indicator.indicator_code)[
        ["region_code", "year", "indicator_code", "question_code", "prompt_id", "prompt_en", "answer_id", "answer_en",
         "verified_points", "max_points"]]
    return PublicFile(
        f"indikator_{indicator.region_code}_{_safe(indicator.indicator_code)}_{indicator.year}_pertanyaan",
        "indicator_questions",
        f"Jawaban terverifikasi indikator {indicator.indicator_code} {indicator.region_name} {indicator.year}",
        f"Verified answers of indicator {indicator.indicator_code}, {indicator.region_name} {indicator.year}",
        indicator.region_code, (indicator.year,), frame)


def indicator_files(indicator: PublicIndicator) -> list[PublicFile]:
    return [indicator_trend_file(indicator), indicator_questions_file(indicator)]


# --- case statistics and Kelana Dekela ----------------------------------------------------------

CASE_COLUMNS = {"region_code": "kode_wilayah", "year": "tahun", "breakdown": "rincian", "category": "kategori",
                "label_id": "label", "count": "jumlah", "shown": "tampil"}


def cases_file(cases: PublicCases) -> PublicFile | None:
    """The suppressed case table (a hidden count is empty; 'tampil' says how it shows); None when
    no year is public yet."""
    if not cases.years:
        return None
    frame = cases.table.assign(region_code=cases.region_code)[list(CASE_COLUMNS)].rename(columns=CASE_COLUMNS)
    first, last = cases.years[0], cases.years[-1]
    span = str(last) if first == last else f"{first}-{last}"
    return PublicFile(f"kasus_{cases.region_code}_{span}", "cases",
                      f"Kasus kekerasan terhadap perempuan dan anak, {cases.region_name} {span}",
                      f"Cases of violence against women and children, {cases.region_name} {span}",
                      cases.region_code, tuple(cases.years), frame)


def kelana_file(public: PublicKelana) -> PublicFile:
    frame = public.kecamatan.assign(region_code=public.region_code, year=public.year)
    frame = frame[["region_code", "year", *public.kecamatan.columns]]
    return PublicFile(f"kelana_dekela_{public.region_code}_{public.year}", "kelana",
                      f"Kelana Dekela per kecamatan, {public.region_name} {public.year}",
                      f"Kelana Dekela per kecamatan, {public.region_name} {public.year}",
                      public.region_code, (public.year,), frame)


# --- Satu Data Indonesia metadata ---------------------------------------------------------------

def indicator_metadata(indicator: PublicIndicator, lang: str = "id") -> dict[str, str]:
    """The indicator's Satu Data metadata (konsep, definisi, rumus, satuan, frekuensi, ...)."""
    english = lang == "en"
    return open_data.indicator_metadata(
        code=indicator.indicator_code, name=(indicator.name_en if english and indicator.name_en else indicator.name_id),
        group=(indicator.group_name_en if english and indicator.group_name_en else indicator.group_name_id),
        definition=(indicator.definition_en if english and indicator.definition_en else indicator.definition_id),
        max_points=indicator.max_points, answer_types=indicator.questions["answer_type"].tolist(),
        catalog_version=indicator.catalog_version, years=[int(y) for y in indicator.trend["year"]],
        region_code=indicator.region_code, region_name=indicator.region_name, sources=indicator.responsible, lang=lang)


def metadata_file(indicators: list[PublicIndicator]) -> PublicFile:
    """Every indicator's Satu Data metadata as one table (exported beside the files)."""
    first = indicators[0]
    rows = [indicator_metadata(i) for i in indicators]
    frame = pd.DataFrame(rows, columns=[key for key, _, _ in open_data.METADATA_FIELDS])
    return PublicFile(f"metadata_indikator_{first.region_code}", "metadata",
                      f"Metadata Satu Data Indonesia indikator KLA {first.region_name}",
                      f"Satu Data Indonesia metadata of the KLA indicators, {first.region_name}",
                      first.region_code, tuple(int(y) for y in first.trend["year"]), frame)
