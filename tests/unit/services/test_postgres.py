"""The same code on PostgreSQL: migrations give the models' schema, the demo loads, and the
scores equal those on SQLite."""
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError

from bootstrap import ensure_database
from data.models import Base
from data.services.accounts.auth import authenticate
from data.services.public.summary import public_summary
from data.services.scoring.scores import score_report


@pytest.mark.own_engines
def test_postgres_runs_the_whole_foundation(postgres_url, seeded_engine):
    engine = ensure_database(postgres_url)
    with engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
        assert connection.execute(text("select count(*) from question")).scalar() == 274
    for year in (2022, 2024, 2025):
        for basis in ("verified", "self"):
            assert score_report(engine, "53.71", year, basis) == score_report(seeded_engine, "53.71", year, basis)
    assert public_summary(engine, "53.71").total == public_summary(seeded_engine, "53.71").total
    assert authenticate(engine, "ketua", "KlaKupang2024!").role == "chair"
    ensure_database(postgres_url)  # a second start changes nothing
    with engine.connect() as connection:
        assert connection.execute(text("select count(*) from region")).scalar() == 3  # Kupang and its neighbours
        assert connection.execute(text("select count(*) from official_area")).scalar() == 91599
    for statement in ("update audit_log set action = 'dihapus'", "delete from audit_log"):
        with pytest.raises(DatabaseError, match="append-only"):
            with engine.begin() as connection:
                connection.execute(text(statement))
    engine.dispose()
