"""Fixtures for the unit tests of data/ (tests/unit/services): a database per test (SQLite, or PostgreSQL:
tests/conftest.py), migrated with Alembic (copied from a template migrated once per run), and users with real
(cheap) argon2 hashes. The seeded demo (seeded_url, seeded_engine) comes from tests/conftest.py. tests/unit/domain
tests indicators/ without a database; the helpers beside this file (catalog_samples, review_fixtures,
public_secrets, postgres_server) are importable from both (pytest.ini's pythonpath)."""

import pytest
from sqlalchemy import func, select

from data.actor import SignedInUser, signed_in_user
from data.db import make_engine, unit_of_work
from data.models import AuditLog, Region, ReportingUnit, User
from data.services.accounts.auth import hash_password

DEMO_PASSWORD = "rahasia-kla-2024"


@pytest.fixture
def demo_password():
    """The password make_user gives unless told otherwise."""
    return DEMO_PASSWORD


@pytest.fixture
def database_url(databases, migrated_template, tmp_path):
    """This test's own database, migrated: a copy of the run's migrated template (tests/conftest.py)."""
    url = databases.copy(migrated_template, tmp_path, "leer.sqlite3")
    yield url
    databases.drop(url)


@pytest.fixture
def engine(database_url):
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def kupang(engine) -> dict[str, int]:
    """Kota Kupang with two OPDs, one kecamatan and one kelurahan; returns ids by short name
    (and "region")."""
    with unit_of_work(engine) as session:
        region = Region(
            code="53.71",
            name="Kota Kupang",
            kind="kota",
            province_code="53",
            province_name="Nusa Tenggara Timur",
        )
        dp3a = ReportingUnit(region=region, kind="opd", short_name="dp3a", name="DP3A Kota Kupang",
                             data_sources=["dp3a"])
        disdukcapil = ReportingUnit(
            region=region, kind="opd", short_name="disdukcapil", name="Disdukcapil Kota Kupang"
        )
        oebobo = ReportingUnit(
            region=region, kind="kecamatan", short_name="oebobo", name="Kecamatan Oebobo"
        )
        fatululi = ReportingUnit(
            region=region,
            kind="kelurahan",
            short_name="fatululi",
            name="Kelurahan Fatululi",
            parent=oebobo,
        )
        session.add_all([region, dp3a, disdukcapil, oebobo, fatululi])
        session.flush()
        return {
            "region": region.id,
            **{unit.short_name: unit.id for unit in (dp3a, disdukcapil, oebobo, fatululi)},
        }


@pytest.fixture
def make_region(engine):
    def make(code: str, name: str, province_code: str, province_name: str) -> int:
        with unit_of_work(engine) as session:
            region = Region(
                code=code,
                name=name,
                kind="kota",
                province_code=province_code,
                province_name=province_name,
            )
            session.add(region)
            session.flush()
            return region.id

    return make


@pytest.fixture
def make_user(engine):
    """Insert a user directly (no service, no audit row) with a real argon2 hash."""

    def make(
        username: str,
        role: str,
        password: str = DEMO_PASSWORD,
        region_id: int | None = None,
        unit_id: int | None = None,
        active: bool = True,
        password_hash: str | None = None,
    ) -> SignedInUser:
        with unit_of_work(engine) as session:
            user = User(
                username=username,
                display_name=username.title(),
                password_hash=password_hash or hash_password(password),
                role=role,
                region_id=region_id,
                reporting_unit_id=unit_id,
                active=active,
            )
            session.add(user)
            session.flush()
            session.refresh(user)
            return signed_in_user(user)

    return make


@pytest.fixture
def audit_rows(engine):
    """The audit log rows, oldest first; only those of one action when given."""

    def rows(action: str | None = None) -> list[AuditLog]:
        with unit_of_work(engine) as session:
            query = select(AuditLog).order_by(AuditLog.id)
            if action is not None:
                query = query.where(AuditLog.action == action)
            return list(session.scalars(query))

    return rows


@pytest.fixture
def count_users(engine):
    def count() -> int:
        with unit_of_work(engine) as session:
            return session.scalar(select(func.count()).select_from(User))

    return count
