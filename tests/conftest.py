"""Fixtures for every level of the suite: the seeded Kota Kupang demo, built once per test run
into a template database, and a copy of it for each test that asks for one; on SQLite by default,
on PostgreSQL with KLA_TEST_ENGINE=postgresql (tests/unit/databases.py).

tests/unit/domain   indicators/ alone: no database
tests/unit/services data/ (and manage.py, seed/) on a real database per test
tests/app           each page through Streamlit's AppTest
tests/e2e           the browser (Debian's chromium) against `streamlit run`
"""

import os

# Before anything hashes a password: real argon2id hashes with cheap parameters
# (data/services/accounts/auth.py).
os.environ["KLA_ARGON2_FAST"] = "1"

import pytest

from data.db import make_engine, migrate
from databases import ENGINE, PostgresDatabases, SqliteDatabases
from indicators import clock
from postgres_server import postgres_url  # noqa: F401  (fixture)
from seed.demo import seed_demo

TEST_DAY = os.environ.get("KLA_TEST_DAY", "2026-12-07")
"""The day the product's clock shows in every test (indicators/clock.py), whatever the wall clock
says; KLA_TEST_DAY=2029-06-01 runs the suite on another day."""


@pytest.fixture(scope="session", autouse=True)
def pinned_clock():
    """The product's clock at TEST_DAY, 09:00 WIB, running on from there; the demo is loaded on it."""
    clock.set_clock(clock.parse_moment(TEST_DAY))
    yield clock.today()
    clock.set_clock(None)


def runs_on_postgresql(item) -> bool:
    """What the PostgreSQL run (KLA_TEST_ENGINE=postgresql) keeps: the tests that touch a database
    (they ask for the `databases` fixture, directly or through another), except the tests of SQLite
    itself and those that choose their engines themselves (the SQLite run ran them), and of the
    browser tests only the journeys marked postgres_journey: the others' database work is what the
    services' and pages' tests already run on PostgreSQL."""
    if item.get_closest_marker("sqlite_only") or item.get_closest_marker("own_engines"):
        return False
    if "databases" not in getattr(item, "fixturenames", ()):
        return False
    return item.path.parent.name != "e2e" or item.get_closest_marker("postgres_journey") is not None


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups (--dist loadgroup)
def pytest_collection_modifyitems(config, items):
    for item in items:
        # A worker runs a file's tests together (its module fixtures are built once), and one
        # worker runs all the browser tests one after another: two Streamlit servers and two
        # Chromiums at once on a 2-core machine starve each other's script runs.
        item.add_marker(pytest.mark.xdist_group("browser" if item.path.parent.name == "e2e" else str(item.path)))
    if ENGINE == "sqlite":
        return
    kept, left = [], []
    for item in items:
        (kept if runs_on_postgresql(item) else left).append(item)
    if left:
        config.hook.pytest_deselected(items=left)
        items[:] = kept


@pytest.fixture(scope="session")
def databases(request):
    """Makes and drops each test's database on the engine the run is for (tests/unit/databases.py)."""
    if ENGINE == "postgresql":
        return PostgresDatabases(request.getfixturevalue("postgres_url"))
    return SqliteDatabases()


@pytest.fixture
def new_database_url(databases, tmp_path):
    """An empty database of this test's own (not migrated)."""
    url = databases.empty(tmp_path, "leer.sqlite3")
    yield url
    databases.drop(url)


@pytest.fixture(scope="session")
def migrated_template(databases, tmp_path_factory) -> str:
    """The URL of an empty database with the schema migrated, copied for each test that wants one
    (migrating takes a quarter of a second; a copy takes far less)."""
    url = databases.empty(tmp_path_factory.mktemp("migrated"))
    migrate(url)
    make_engine(url).dispose()
    return url


@pytest.fixture(scope="session")
def seeded_template(databases, tmp_path_factory) -> str:
    """The URL of the migrated database with the demo loaded, as the app's first start leaves an
    empty one (bootstrap.ensure_database); seeding takes seconds, so it is done once per run."""
    url = databases.empty(tmp_path_factory.mktemp("seeded"))
    migrate(url)
    engine = make_engine(url)
    seed_demo(engine, neighbours=False)  # ntt_template adds them
    engine.dispose()  # closes the last connection (folds SQLite's WAL into the file; frees the template)
    return url


@pytest.fixture(scope="session")
def ntt_template(databases, tmp_path_factory) -> str:
    """The demo as a new deployment loads it: Kota Kupang with its illustrative NTT neighbours
    (seed.ntt), for the province's board, verification and peers."""
    url = databases.empty(tmp_path_factory.mktemp("ntt"))
    migrate(url)
    engine = make_engine(url)
    seed_demo(engine)
    engine.dispose()
    return url


@pytest.fixture
def ntt_engine(databases, ntt_template, tmp_path):
    """This test's own copy of the demo with the neighbours."""
    url = databases.copy(ntt_template, tmp_path)
    engine = make_engine(url)
    yield engine
    engine.dispose()
    databases.drop(url)


@pytest.fixture
def seeded_url(databases, seeded_template, tmp_path) -> str:
    """This test's own copy of the seeded demo."""
    url = databases.copy(seeded_template, tmp_path)
    yield url
    databases.drop(url)


@pytest.fixture
def seeded_engine(seeded_url):
    engine = make_engine(seeded_url)
    yield engine
    engine.dispose()
