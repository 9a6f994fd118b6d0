"""The database engine the suite runs on: SQLite files by default, or with
KLA_TEST_ENGINE=postgresql the databases of a throwaway PostgreSQL server (postgres_server.py).
Either way a test gets its own database, empty or a copy of the seeded demo: a file copy on
SQLite, CREATE DATABASE ... TEMPLATE on PostgreSQL (dropped after the test)."""
import itertools
import os
import shutil
from pathlib import Path

from sqlalchemy import create_engine, text

ENGINE = os.environ.get("KLA_TEST_ENGINE", "sqlite")
if ENGINE not in ("sqlite", "postgresql"):
    raise RuntimeError(f"KLA_TEST_ENGINE={ENGINE!r}: use sqlite or postgresql")


class SqliteDatabases:
    def empty(self, folder: Path, name: str = "pantau_kla.sqlite3") -> str:
        return f"sqlite:///{folder / name}"

    def copy(self, template_url: str, folder: Path, name: str = "pantau_kla.sqlite3") -> str:
        shutil.copyfile(template_url.removeprefix("sqlite:///"), folder / name)
        return self.empty(folder, name)

    def drop(self, url: str) -> None:
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)


class PostgresDatabases:
    def __init__(self, server_url: str):
        self._base = server_url.rsplit("/", 1)[0]
        self._admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
        self._names = itertools.count(1)

    def _create(self, template: str | None = None) -> str:
        name = f"uji_{next(self._names)}"
        with self._admin.connect() as connection:
            # FILE_COPY copies the template's files (a third of WAL_LOG's time for the seeded demo).
            connection.execute(text(f"CREATE DATABASE {name}" + (f" TEMPLATE {template} STRATEGY FILE_COPY"
                                                                   if template else "")))
        return f"{self._base}/{name}"

    def empty(self, folder: Path | None = None, name: str | None = None) -> str:
        return self._create()

    def copy(self, template_url: str, folder: Path | None = None, name: str | None = None) -> str:
        return self._create(template_url.rsplit("/", 1)[1])

    def drop(self, url: str) -> None:
        with self._admin.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {url.rsplit('/', 1)[1]} WITH (FORCE)"))
