"""Fixtures for AppTest page tests: the real app.py against a real SQLite file per test.

Each test gets its own copy of the seeded demo (tests/conftest.py), named by KLA_DATABASE_URL;
the app's first start (bootstrap.ensure_database) runs against it as it would on a server.
"""

import pytest
import streamlit as st
from sqlalchemy import update
from streamlit.testing.v1 import AppTest

from data.db import make_engine, unit_of_work
from page_helpers import APP


@pytest.fixture
def database_url(seeded_url, monkeypatch) -> str:
    monkeypatch.setenv("KLA_DATABASE_URL", seeded_url)
    return seeded_url


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
