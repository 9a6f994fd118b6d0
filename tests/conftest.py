"""Fixtures for every level of the suite: the seeded Kota Kupang demo, built once per test run
into a template file, and a copy of it for each test that asks for one.

tests/unit/domain   indicators/ alone: no database
tests/unit/services data/ (and manage.py, seed/) on a real SQLite file per test
tests/app           each page through Streamlit's AppTest
tests/e2e           the browser (Debian's chromium) against `streamlit run`
"""

import os

# Before anything hashes a password: real argon2id hashes with cheap parameters
# (data/services/accounts/auth.py).
os.environ["KLA_ARGON2_FAST"] = "1"

import shutil  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from data.db import make_engine, migrate  # noqa: E402
from seed.demo import seed_demo  # noqa: E402


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory) -> Path:
    """The migrated database with the demo loaded, as the app's first start leaves an empty one
    (bootstrap.ensure_database); seeding takes seconds, so it is done once per run."""
    path = tmp_path_factory.mktemp("seeded") / "pantau_kla.sqlite3"
    url = f"sqlite:///{path}"
    migrate(url)
    engine = make_engine(url)
    seed_demo(engine)
    engine.dispose()  # closes the last connection, which folds the WAL into the file
    return path


@pytest.fixture
def seeded_database(seeded_template, tmp_path) -> Path:
    """This test's own copy of the seeded demo (tmp_path/pantau_kla.sqlite3)."""
    path = tmp_path / "pantau_kla.sqlite3"
    shutil.copyfile(seeded_template, path)
    return path


@pytest.fixture
def seeded_url(seeded_database) -> str:
    return f"sqlite:///{seeded_database}"


@pytest.fixture
def seeded_engine(seeded_url):
    engine = make_engine(seeded_url)
    yield engine
    engine.dispose()
