"""manage.py backup and restore: a snapshot taken while the app holds unflushed writes restores
into an empty database with every table identical, on SQLite and on PostgreSQL; a non-empty target
and a wrong file are refused."""
import hashlib

import pytest
from sqlalchemy import create_engine, inspect, text

import manage
from data.actor import COMMAND_LINE
from data.db import make_engine
from data.services.regions.regions import add_region


def table_hashes(engine) -> dict[str, str]:
    hashes = {}
    with engine.connect().execution_options(kla_read_only=True) as connection:
        for table in sorted(inspect(connection).get_table_names()):
            if table == "alembic_version":
                continue
            columns = [c["name"] for c in inspect(connection).get_columns(table)]
            rows = connection.execute(text(f"select {', '.join(columns)} from {table} order by 1")).all()
            hashes[table] = hashlib.sha256(repr([tuple(str(v) for v in row) for row in rows]).encode()).hexdigest()
    return hashes


@pytest.mark.sqlite_only
def test_sqlite_backup_while_writes_sit_in_the_wal_restores_every_table(seeded_url, tmp_path, monkeypatch, capsys):
    live = make_engine(seeded_url)
    add_region(live, COMMAND_LINE, "13.76")  # the engine stays open: the write sits in the WAL
    monkeypatch.setenv("KLA_DATABASE_URL", seeded_url)
    assert manage.main(["backup", str(tmp_path / "cadangan.sqlite3")]) == 0
    assert manage.main(["backup", str(tmp_path / "cadangan.sqlite3")]) == 1  # never overwritten
    target_url = f"sqlite:///{tmp_path / 'pulih.sqlite3'}"
    monkeypatch.setenv("KLA_DATABASE_URL", target_url)
    assert manage.main(["restore", str(tmp_path / "cadangan.sqlite3")]) == 0
    restored = make_engine(target_url)
    assert table_hashes(restored) == table_hashes(live)
    with restored.connect() as connection:
        assert connection.execute(text("select name from region where code = '13.76'")).scalar() == "Kota Payakumbuh"
    assert manage.main(["restore", str(tmp_path / "cadangan.sqlite3")]) == 1
    assert "tidak kosong" in capsys.readouterr().err
    (tmp_path / "bukan.sqlite3").write_bytes(b"PK\x03\x04 bukan cadangan")
    monkeypatch.setenv("KLA_DATABASE_URL", f"sqlite:///{tmp_path / 'lain.sqlite3'}")
    assert manage.main(["restore", str(tmp_path / "bukan.sqlite3")]) == 1
    assert "bukan cadangan SQLite" in capsys.readouterr().err
    restored.dispose()
    live.dispose()


@pytest.mark.own_engines
def test_postgres_backup_restores_every_table(postgres_url, seeded_engine, tmp_path, monkeypatch):
    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        for name in ("cadangan_asal", "cadangan_pulih"):
            connection.execute(text(f"drop database if exists {name}"))
            connection.execute(text(f"create database {name}"))
    admin.dispose()
    source_url = postgres_url.rsplit("/", 1)[0] + "/cadangan_asal"
    target_url = postgres_url.rsplit("/", 1)[0] + "/cadangan_pulih"
    from bootstrap import ensure_database

    source = ensure_database(source_url)  # migrated, with the demo
    monkeypatch.setenv("KLA_DATABASE_URL", source_url)
    assert manage.main(["backup", str(tmp_path / "cadangan.dump")]) == 0
    monkeypatch.setenv("KLA_DATABASE_URL", target_url)
    assert manage.main(["restore", str(tmp_path / "cadangan.dump")]) == 0
    target = make_engine(target_url)
    assert table_hashes(target) == table_hashes(source)
    assert manage.main(["restore", str(tmp_path / "cadangan.dump")]) == 1
    source.dispose()
    target.dispose()
