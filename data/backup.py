"""Backups that restore: a consistent snapshot of the whole database while the app runs (evidence
files included, they live in the database), and its restore into an empty database.

SQLite uses its online backup API, which copies a consistent state including what still sits in
the write-ahead log (a plain file copy misses it). PostgreSQL uses pg_dump's custom format and
pg_restore. A backup restores into the same engine it came from."""
from __future__ import annotations

import glob
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, inspect, text
from sqlalchemy.engine import make_url

from data.errors import InvalidInput

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    engine: str
    size_bytes: int


def backup(engine: Engine, target: str | Path) -> BackupInfo:
    """Write a snapshot of the database to `target` (a new file; never overwritten)."""
    path = Path(target)
    if path.exists():
        raise InvalidInput([f"{path} sudah ada; pilih nama berkas cadangan yang baru (mis. berisi tanggalnya)."])
    if not path.parent.exists():
        raise InvalidInput([f"Folder {path.parent} tidak ada."])
    url = engine.url
    if url.get_backend_name() == "sqlite":
        if url.database is None:
            raise InvalidInput(["Basis data SQLite ini tidak tersimpan dalam berkas; "
                                "tidak ada yang dapat dicadangkan."])
        source = sqlite3.connect(url.database)
        destination = sqlite3.connect(path)
        try:
            with destination:
                source.backup(destination)
        finally:
            destination.close()
            source.close()
    else:
        _run([_pg_tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(path), _libpq_url(url)],
             "pg_dump")
    return BackupInfo(path, url.get_backend_name(), path.stat().st_size)


def restore(engine: Engine, source: str | Path) -> None:
    """Restore a backup into this database, which must be empty (no table, or tables without any
    region, account or answer): a restore never mixes with or overwrites live data."""
    path = Path(source)
    try:
        head = path.open("rb").read(16)
    except OSError as error:
        raise InvalidInput([f"Berkas cadangan {path} tidak dapat dibaca ({error.strerror})."]) from error
    backend = engine.url.get_backend_name()
    expected = SQLITE_MAGIC if backend == "sqlite" else PG_DUMP_MAGIC
    if not head.startswith(expected):
        kind = "SQLite" if head.startswith(SQLITE_MAGIC) else "pg_dump" if head.startswith(PG_DUMP_MAGIC) else "lain"
        raise InvalidInput([f"{path} bukan cadangan {'SQLite' if backend == 'sqlite' else 'pg_dump'} (terbaca: "
                            f"{kind}); cadangan dipulihkan ke jenis basis data yang sama dengan asalnya."])
    _require_empty(engine)
    engine.dispose()
    if backend == "sqlite":
        source_db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        if engine.url.database is None:
            raise InvalidInput(["Basis data SQLite ini tidak tersimpan dalam berkas; "
                                "cadangan tidak dapat dipulihkan ke sana."])
        target_db = sqlite3.connect(engine.url.database)
        try:
            with target_db:
                source_db.backup(target_db)
        finally:
            target_db.close()
            source_db.close()
    else:
        _run([_pg_tool("pg_restore"), "--no-owner", "--exit-on-error", "--dbname", _libpq_url(engine.url), str(path)],
             "pg_restore")


def _require_empty(engine: Engine) -> None:
    with engine.connect().execution_options(kla_read_only=True) as connection:
        tables = set(inspect(connection).get_table_names())
        for table in ("region", "app_user", "answer"):
            if table in tables and connection.execute(text(f"select count(*) from {table}")).scalar():
                raise InvalidInput([f"Basis data tujuan tidak kosong (tabel {table} berisi data); pulihkan ke basis "
                                    "data baru yang kosong agar tidak ada data yang tertimpa."])
    if "alembic_version" in tables and engine.url.get_backend_name() != "sqlite":
        raise InvalidInput(["Basis data tujuan sudah berisi skema; pulihkan ke basis data PostgreSQL baru yang "
                            "kosong (createdb), tanpa menjalankan init-db lebih dulu."])


def _libpq_url(url) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _pg_tool(name: str) -> str:
    found = shutil.which(name) or next(iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)), None)
    if not found:
        raise InvalidInput([f"{name} tidak ditemukan; pasang paket postgresql-client."])
    return found


def _run(command: list[str], tool: str) -> None:
    done = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "PGCONNECT_TIMEOUT": "10"})
    if done.returncode != 0:
        first = (done.stderr or done.stdout).strip().splitlines()[:1]
        raise InvalidInput([f"{tool} gagal: {first[0] if first else done.returncode}"])
