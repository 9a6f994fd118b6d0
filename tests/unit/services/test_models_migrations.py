"""`alembic upgrade head` yields exactly the models' schema, and `downgrade base` undoes it."""

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from data.db import alembic_config, make_engine, migrate
from data.models import Base


@pytest.fixture
def database_url(new_database_url):
    """An empty database: these tests run the migrations themselves."""
    return new_database_url


def test_upgrade_head_yields_the_models_schema(database_url):
    migrate(database_url)
    engine = make_engine(database_url)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    engine.dispose()

    assert differences == []


def test_upgrade_head_creates_every_check_constraint_by_name(database_url):
    # autogenerate does not compare CHECK constraints, so compare their names here.
    migrate(database_url)
    engine = make_engine(database_url)
    inspector = inspect(engine)
    for table in Base.metadata.sorted_tables:
        expected = {
            constraint.name
            for constraint in table.constraints
            if constraint.__class__.__name__ == "CheckConstraint"
        }
        created = {check["name"] for check in inspector.get_check_constraints(table.name)}
        assert created == expected, table.name
    engine.dispose()


def test_upgrade_head_starts_the_data_version(database_url):
    migrate(database_url)
    engine = make_engine(database_url)
    with engine.connect() as connection:
        rows = connection.exec_driver_sql("SELECT id, version FROM data_version").all()
    engine.dispose()

    assert rows == [(1, 1)]


def test_migrate_twice_changes_nothing(database_url):
    migrate(database_url)
    migrate(database_url)

    engine = make_engine(database_url)
    assert set(inspect(engine).get_table_names()) == set(Base.metadata.tables) | {
        "alembic_version"
    }
    engine.dispose()


def test_downgrade_base_removes_every_table(database_url):
    migrate(database_url)
    engine = make_engine(database_url)
    with engine.connect() as connection:
        command.downgrade(alembic_config(connection), "base")
        connection.commit()
    remaining = set(inspect(engine).get_table_names())
    engine.dispose()

    assert remaining <= {"alembic_version"}


def test_upgrade_after_downgrade_works_again(database_url):
    migrate(database_url)
    engine = make_engine(database_url)
    with engine.connect() as connection:
        command.downgrade(alembic_config(connection), "base")
        connection.commit()
    migrate(engine)
    tables = set(inspect(engine).get_table_names())
    engine.dispose()

    assert set(Base.metadata.tables) <= tables
