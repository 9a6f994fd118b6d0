"""manage.py export-public: every file the public pages offer, for every published year, in CSV and
JSON, with the indicators' Satu Data metadata and a datapackage.json the frictionless library
validates (data/services/public/export.py, indicators/open_data.py)."""
from __future__ import annotations

import json

import frictionless
import pandas as pd
import pytest

import manage
from data.services.public.export import page_files
from data.services.public.summary import public_summary
from indicators.open_data import METADATA_FIELDS


@pytest.fixture
def exported(seeded_url, monkeypatch, tmp_path_factory):
    monkeypatch.setenv("KLA_DATABASE_URL", seeded_url)
    out = tmp_path_factory.mktemp("publik")
    assert manage.main(["export-public", "--region", "53.71", "--out", str(out)]) == 0
    return out


def test_the_export_is_what_the_pages_offer_file_by_file(seeded_engine, exported):
    offered = {}
    for year in (2022, 2023, 2024):
        for file in page_files(seeded_engine, public_summary(seeded_engine, "53.71", year)):
            offered.setdefault(file.name, file)
    names = {path.stem for path in (exported / "csv").iterdir()}
    assert names == set(offered) | {"metadata_indikator_53.71"}
    assert names == {path.stem for path in (exported / "json").iterdir()}
    for name, file in offered.items():
        assert (exported / "csv" / f"{name}.csv").read_text(encoding="utf-8") == file.csv(), name
        assert (exported / "json" / f"{name}.json").read_text(encoding="utf-8") == file.json(), name
    assert {"kla_53.71_2022", "kla_53.71_2024_tren", "kelana_dekela_53.71_2022", "kasus_53.71_2021-2023",
            "indikator_53.71_19_2023_pertanyaan"} <= names


def test_csv_and_json_hold_the_same_rows(exported):
    for name in ("kla_53.71_2024", "kasus_53.71_2021-2023", "kelana_dekela_53.71_2023"):
        from_csv = pd.read_csv(exported / "csv" / f"{name}.csv", dtype=str, keep_default_na=False)
        rows = json.loads((exported / "json" / f"{name}.json").read_text(encoding="utf-8"))
        assert list(rows[0]) == list(from_csv.columns)
        assert len(rows) == len(from_csv)
    cases = json.loads((exported / "json" / "kasus_53.71_2021-2023.json").read_text(encoding="utf-8"))
    hidden = [row for row in cases if row["tampil"] in ("<5", "x")]
    assert hidden and all(row["jumlah"] is None for row in hidden)


def test_the_data_package_is_valid_and_describes_every_file(exported):
    report = frictionless.validate(str(exported / "datapackage.json"))
    assert report.valid, report.flatten(["taskNumber", "rowNumber", "fieldName", "type", "note"])[:5]
    package = json.loads((exported / "datapackage.json").read_text(encoding="utf-8"))
    assert package["kode_wilayah"] == "53.71" and package["licenses"][0]["name"] == "CC-BY-4.0"
    assert package["temporal"] == {"start": "2022", "end": "2024"}
    paths = {r["path"] for r in package["resources"]}
    assert paths == {f"{kind}/{p.name}" for kind in ("csv", "json") for p in (exported / kind).iterdir()}
    for described in package["resources"]:
        assert described["kode_wilayah"] == "53.71" and described["licenses"] and described["sources"]
        assert described["temporal"]["start"] <= described["temporal"]["end"]
        assert all(f["title"] and f["type"] for f in described["schema"]["fields"])
    points = next(r for r in package["resources"] if r["path"] == "csv/kla_53.71_2024.csv")
    assert {f["name"]: f.get("unit") for f in points["schema"]["fields"]}["points"] == "poin"


def test_the_check_can_fail(exported):
    """A year that is not a number in one file makes the package invalid."""
    path = exported / "csv" / "kla_53.71_2024.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",2024,", ",dua ribu,", 1), encoding="utf-8")
    assert not frictionless.validate(str(exported / "datapackage.json")).valid


def test_every_indicator_carries_its_satu_data_metadata(exported):
    metadata = pd.read_csv(exported / "csv" / "metadata_indikator_53.71.csv", dtype=str, keep_default_na=False)
    assert list(metadata.columns) == [key for key, _, _ in METADATA_FIELDS]
    assert len(metadata) == 31 and (metadata != "").all().all()
    nineteen = metadata.set_index("kode_indikator").loc["19"]
    assert nineteen["satuan"] == "poin" and nineteen["frekuensi"] == "tahunan"
    assert nineteen["periode_data"] == "2022-2024" and nineteen["kode_wilayah"] == "53.71"
    assert nineteen["penanggung_jawab"] == "Gugus Tugas KLA Kota Kupang"


def test_an_earlier_published_cycle_exports_up_to_it(seeded_url, monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("KLA_DATABASE_URL", seeded_url)
    assert manage.main(["export-public", "--region", "53.71", "--cycle", "2023", "--out", str(tmp_path)]) == 0
    names = {p.stem for p in (tmp_path / "csv").iterdir()}
    assert f"{len(names)} tabel publik (CSV dan JSON) dan datapackage.json ditulis" in capsys.readouterr().out
    assert "kla_53.71_2023" in names and not any("2024" in name for name in names)
    cases = (tmp_path / "csv" / "kasus_53.71_2021-2022.csv").read_text()
    assert ",2022," in cases and ",2023," not in cases
    assert frictionless.validate(str(tmp_path / "datapackage.json")).valid


def test_points_are_rounded_for_people_in_the_csv_and_kept_whole_in_the_json(exported):
    trend_csv = pd.read_csv(exported / "csv" / "kla_53.71_2024_tren.csv")
    trend_json = json.loads((exported / "json" / "kla_53.71_2024_tren.json").read_text(encoding="utf-8"))
    full = [row["total"] for row in trend_json]
    assert any(round(total, 2) != total for total in full)  # the demo's totals have more than two decimals
    assert list(trend_csv["total"]) == [round(total, 2) for total in full]
    package = json.loads((exported / "datapackage.json").read_text(encoding="utf-8"))
    assert "dibulatkan ke 2 desimal" in package["description"] and "presisi penuh" in package["description"]
    described = {r["path"]: r for r in package["resources"]}
    assert "dibulatkan" in described["csv/kla_53.71_2024_tren.csv"]["description"]
    assert "description" not in described["json/kla_53.71_2024_tren.json"]
