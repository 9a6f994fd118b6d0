"""Fixtures for AppTest page tests: the real app.py against a real SQLite file per test.

Seeding the Kota Kupang demo takes seconds, so it is done once per test session into a template
file; each test gets its own copy, named by KLA_DATABASE_URL, and the app's first start
(data.bootstrap.ensure_database) runs against it as it would on a server.
"""

import os

# Before anything hashes a password: real argon2id hashes with cheap parameters.
os.environ["KLA_ARGON2_FAST"] = "1"

import shutil  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
import streamlit as st  # noqa: E402
from sqlalchemy import update  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from bootstrap import ensure_database  # noqa: E402
from data.db import make_engine, unit_of_work  # noqa: E402

from page_helpers import APP  # noqa: E402


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "pantau_kla.sqlite3"
    engine = ensure_database(f"sqlite:///{path}")
    engine.dispose()  # closes the last connection, which folds the WAL into the file
    return path


@pytest.fixture
def database_url(seeded_template, tmp_path, monkeypatch) -> str:
    path = tmp_path / "pantau_kla.sqlite3"
    shutil.copyfile(seeded_template, path)
    url = f"sqlite:///{path}"
    monkeypatch.setenv("KLA_DATABASE_URL", url)
    return url


@pytest.fixture
def engine(database_url):
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture(autouse=True)
def fresh_caches():
    """Streamlit's caches outlive an AppTest within one pytest process: the engine of one
    test's database must never serve the next."""
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture
def app(database_url) -> AppTest:
    """app.py, run once, as an anonymous visitor on the public summary."""
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


@pytest.fixture
def run_sql(engine):
    """Change test data directly (e.g. deactivate an account) where no service exists yet."""

    def run(statement) -> None:
        with unit_of_work(engine) as session:
            session.execute(statement)

    return run


@pytest.fixture
def deactivate(run_sql):
    from data.models import User

    def deactivate_user(username: str) -> None:
        run_sql(update(User).where(User.username == username).values(active=False))

    return deactivate_user
