"""A seeded demo database, built once per test session and copied for each test that uses it."""
import shutil

import pytest

from data.db import make_engine, migrate
from seed.demo import seed_demo


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("seeded") / "demo.sqlite3"
    url = f"sqlite:///{path}"
    migrate(url)
    engine = make_engine(url)
    seed_demo(engine)
    engine.dispose()
    return path


@pytest.fixture
def seeded_url(seeded_template, tmp_path):
    copy = tmp_path / "demo.sqlite3"
    shutil.copy(seeded_template, copy)
    return f"sqlite:///{copy}"


@pytest.fixture
def seeded_engine(seeded_url):
    engine = make_engine(seeded_url)
    yield engine
    engine.dispose()
