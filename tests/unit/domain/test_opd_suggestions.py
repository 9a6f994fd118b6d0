"""'Sarankan dari nama' on the names regions really give their offices (data/opd_names.csv: the
name, the data-source keys of the 2024 instrument it answers for, the region it comes from)."""
import csv
from pathlib import Path

import pytest

from indicators.catalog import load_catalog
from indicators.opds import KNOWN_SOURCES, suggest_sources

ROOT = Path(__file__).resolve().parents[3]
NAMES = list(csv.DictReader((Path(__file__).parent / "data" / "opd_names.csv").open(encoding="utf-8"), delimiter=";"))
SOURCES = load_catalog(ROOT / "indicators" / "catalogs" / "kla_2024.yaml").data_sources


def test_the_list_is_real_and_wide():
    assert len(NAMES) >= 60
    assert len({row["wilayah"] for row in NAMES}) >= 8
    assert {key for row in NAMES for key in row["sumber_data"].split()} <= set(SOURCES)


@pytest.mark.parametrize("row", NAMES, ids=[row["nama"][:60] for row in NAMES])
def test_the_official_name_suggests_its_data_sources(row):
    assert sorted(suggest_sources(row["nama"], SOURCES)) == sorted(row["sumber_data"].split())


def test_a_uptd_is_never_offered_the_police_nor_the_police_a_uptd():
    assert suggest_sources("UPTD PPA", SOURCES) == ["uptd_ppa"]
    assert suggest_sources("Polresta Unit PPA", SOURCES) == ["polresta"]


def test_every_usual_name_belongs_to_a_source_of_the_instrument():
    assert set(KNOWN_SOURCES) <= set(SOURCES)


def test_a_catalog_of_its_own_is_still_matched_by_its_names_and_aliases():
    own = {"dppkb": {"name": "Dinas Pengendalian Penduduk dan Keluarga Berencana", "aliases": ["DPPKB"]}}
    assert suggest_sources("DPPKB Kota Payakumbuh", own) == ["dppkb"]
    assert suggest_sources("Dinas Pengendalian Penduduk dan Keluarga Berencana Kota Kupang", own) == ["dppkb"]
    assert suggest_sources("Dinas Kesehatan", own) == []
