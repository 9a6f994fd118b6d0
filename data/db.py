"""Engine, sessions, migrations and the shared data-version counter.

The database is named by KLA_DATABASE_URL; without it, a SQLite file under the gitignored
instance/ folder of the repository. The same code serves SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, cast

from alembic import command
from alembic.config import Config
from sqlalchemy import (
    Connection,
    Engine,
    create_engine,
    event,
    exc,
    func,
    select,
    update,
)
from sqlalchemy.engine import CursorResult, make_url
from sqlalchemy.orm import Session, sessionmaker

from data import text_guard  # noqa: F401  (registers the text check of every flush)
from data.errors import DatabaseBusy, DatabaseUnavailable, WriteConflict
from data.models import DataVersion, Region, RegionDataVersion
from indicators import settings

REPO_ROOT = Path(__file__).resolve().parent.parent
INSTANCE_DIR = REPO_ROOT / "instance"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
SQLITE_BUSY_TIMEOUT_MS = 30_000
BEGIN_ATTEMPTS = 3
"""On SQLite every unit of work takes the write lock when it begins (BEGIN IMMEDIATE), so writers
wait their turn for up to SQLITE_BUSY_TIMEOUT_MS, and a unit that could not begin is tried again
this many times before the person is told the database is busy. Nothing has run when BEGIN fails,
so trying again is safe."""
READ_ONLY = "kla_read_only"


def database_url() -> str:
    """KLA_DATABASE_URL, or the default SQLite file (its folder is created on the way)."""
    url = settings.text(settings.DATABASE_URL)
    if url:
        return url
    INSTANCE_DIR.mkdir(exist_ok=True)
    return f"sqlite:///{INSTANCE_DIR / 'pantau_kla.sqlite3'}"


def make_engine(url: str | None = None) -> Engine:
    url = url or database_url()
    try:
        parsed = make_url(url)
        if parsed.get_backend_name() == "sqlite":
            engine = create_engine(parsed)
            event.listen(engine, "connect", _configure_sqlite_connection)
            event.listen(engine, "begin", _begin_sqlite_transaction)
        else:
            engine = create_engine(parsed, pool_pre_ping=True)
    except (exc.ArgumentError, ImportError) as error:
        raise DatabaseUnavailable(f"alamat basis data tidak dikenali ({error})") from error
    return engine


def _configure_sqlite_connection(dbapi_connection, connection_record) -> None:
    # pysqlite would begin transactions itself, lazily and deferred; _begin_sqlite_transaction does.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.close()


def _begin_sqlite_transaction(connection: Connection) -> None:
    """A deferred transaction that has read may not write once another writer committed (SQLite
    answers "database is locked" at once); one that takes the write lock first never meets that.
    Read-only units (READ_ONLY) begin deferred and never block anyone."""
    if connection.get_execution_options().get(READ_ONLY):
        connection.exec_driver_sql("BEGIN")
        return
    for attempt in range(1, BEGIN_ATTEMPTS + 1):
        try:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
            return
        except exc.OperationalError as error:
            if "locked" not in str(error.orig) or attempt == BEGIN_ATTEMPTS:
                raise


def session_factory(engine: Engine) -> sessionmaker[Session]:
    # Objects stay readable after commit, so a service can return what it just wrote.
    return sessionmaker(bind=engine, expire_on_commit=False)


@contextmanager
def unit_of_work(engine: Engine, read_only: bool = False) -> Iterator[Session]:
    """A session for one use case: commits once at the end, rolls back on any error. A database
    that stays busy, or a row another request wrote first, becomes one sentence a person can act
    on (DatabaseBusy, WriteConflict); nothing of the unit is kept then. read_only units never
    write and never wait for writers."""
    session = session_factory(engine)()
    try:
        _connect_session(session, engine, read_only)
        yield session
        session.commit()
    except exc.OperationalError as error:
        session.rollback()
        if "locked" in str(error.orig) or "busy" in str(error.orig):
            raise DatabaseBusy() from error
        raise
    except exc.IntegrityError as error:
        session.rollback()
        raise WriteConflict() from error
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def _connect_session(session: Session, engine: Engine, read_only: bool = False) -> None:
    try:
        session.connection(execution_options={READ_ONLY: True} if read_only else None)
    except exc.OperationalError as error:
        if "locked" in str(error.orig):
            raise DatabaseBusy() from error
        raise DatabaseUnavailable(_unreachable_reason(engine, error)) from error
    except exc.DBAPIError as error:
        raise DatabaseUnavailable(_unreachable_reason(engine, error)) from error


def _connect(engine: Engine) -> Connection:
    try:
        return engine.connect()
    except exc.DBAPIError as error:
        raise DatabaseUnavailable(_unreachable_reason(engine, error)) from error


def _unreachable_reason(engine: Engine, error: exc.DBAPIError) -> str:
    driver_message = str(error.orig).strip().splitlines()
    first_line = driver_message[0] if driver_message else type(error.orig).__name__
    return f"{engine.url.render_as_string(hide_password=True)} ({first_line})"


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic's configuration, usable from any working directory. Given a connection,
    migrations run on it (see data/migrations/env.py); otherwise on database_url()."""
    config = Config(str(REPO_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def migrate(engine_or_url: Engine | str | None = None) -> None:
    """Bring the database schema to the latest revision (alembic upgrade head)."""
    owns_engine = not isinstance(engine_or_url, Engine)
    engine = engine_or_url if isinstance(engine_or_url, Engine) else make_engine(engine_or_url)
    try:
        with _connect(engine) as connection:
            command.upgrade(alembic_config(connection), "head")
            connection.commit()
    finally:
        if owns_engine:
            engine.dispose()


def bump_data_version(session: Session, region_id: int | None = None, public: bool = False) -> None:
    """Count one more write. Without a region it concerns the whole deployment (the instrument,
    the list of regions, accounts, a cycle opened, closed or published): every cache reloads. With
    one, only that region's pages reload, and its public pages too when `public`."""
    if region_id is None:
        # an UPDATE's result is a cursor result (with rowcount); Session.execute is typed for any statement
        bumped = cast("CursorResult[Any]", session.execute(update(DataVersion).where(DataVersion.id == 1)
                                                           .values(version=DataVersion.version + 1)))
        if bumped.rowcount == 0:
            session.add(DataVersion(id=1, version=1))
            session.flush()
        return
    changes = {"version": RegionDataVersion.version + 1}
    if public:
        changes["public_version"] = RegionDataVersion.public_version + 1
    bumped = cast("CursorResult[Any]", session.execute(
        update(RegionDataVersion).where(RegionDataVersion.region_id == region_id).values(**changes)))
    if bumped.rowcount == 0:
        session.add(RegionDataVersion(region_id=region_id, version=1, public_version=1 if public else 0))
        session.flush()


def current_data_version(engine: Engine, region_code: str | None = None, public: bool = False) -> int:
    """The write counter caches key on, in a short transaction of its own: the deployment's, plus
    the region's own (or its public pages') when a region is named. Both only grow, so the sum
    names one state and a later state always has a larger sum."""
    with unit_of_work(engine, read_only=True) as session:
        return read_data_version(session, region_code, public)


def read_data_version(session: Session, region_code: str | None = None, public: bool = False) -> int:
    deployment = select(DataVersion.version).where(DataVersion.id == 1).scalar_subquery()
    if region_code is None:
        return session.execute(select(func.coalesce(deployment, 0))).scalar_one()
    counter = RegionDataVersion.public_version if public else RegionDataVersion.version
    own = (select(counter).join(Region, Region.id == RegionDataVersion.region_id)
           .where(Region.code == region_code).scalar_subquery())
    return session.execute(select(func.coalesce(deployment, 0) + func.coalesce(own, 0))).scalar_one()
