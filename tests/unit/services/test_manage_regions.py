"""manage.py add-region, create-areas and load-wilayah."""
import pytest
from sqlalchemy import func, select

import manage
from data.db import unit_of_work
from data.models import Region, ReportingUnit


@pytest.fixture
def database(seeded_url, monkeypatch):
    monkeypatch.setenv("KLA_DATABASE_URL", seeded_url)
    return seeded_url


def test_add_region_then_its_areas(database, seeded_engine, capsys):
    assert manage.main(["add-region", "--code", "13.76", "--name", "Kota Payakumbuh", "--province",
                        "Sumatera Barat"]) == 0
    assert "Wilayah 13.76 Kota Payakumbuh (Sumatera Barat) ditambahkan." in capsys.readouterr().out
    assert manage.main(["create-areas", "--region", "13.76"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Akan dibuat: 5 kecamatan, 47 kelurahan") and "--apply" in out
    assert manage.main(["create-areas", "--region", "13.76", "--apply"]) == 0
    assert capsys.readouterr().out.startswith("Dibuat: 5 kecamatan, 47 kelurahan")
    with unit_of_work(seeded_engine) as session:
        assert session.scalar(select(func.count()).select_from(ReportingUnit).join(Region)
                              .where(Region.code == "13.76", ReportingUnit.kind == "kecamatan")) == 5


@pytest.mark.parametrize("argv, message", [
    (["add-region", "--code", "13.99"], "tidak ada pada daftar wilayah resmi"),
    (["add-region", "--code", "13.76", "--province", "Riau"], "bukan 'Riau'"),
    (["add-region", "--code", "53.71", "--user", "sekretariat"], "Hanya admin"),
    (["create-areas", "--region", "53.71", "--user", "ketua", "--apply"], "Hanya admin atau sekretariat"),
    (["load-wilayah", "--regions", "/nonexistent.csv", "--areas", "/x.csv", "--name", "X"], "tidak dapat dibaca"),
])
def test_bad_commands_exit_non_zero_with_the_reason(database, seeded_engine, capsys, argv, message):
    with unit_of_work(seeded_engine) as session:
        before = session.scalar(select(func.count()).select_from(Region))
    assert manage.main(argv) == 1
    assert message in capsys.readouterr().err
    with unit_of_work(seeded_engine) as session:
        assert session.scalar(select(func.count()).select_from(Region)) == before
