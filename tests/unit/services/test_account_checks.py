"""A session of an account deactivated or re-passworded meanwhile is refused by every service,
the reads included; the audit log refuses updates and deletes in the database itself."""
import pytest
from sqlalchemy import delete, update
from sqlalchemy.exc import DatabaseError

from data.actor import COMMAND_LINE
from data.db import unit_of_work
from data.errors import PermissionDenied, WriteConflict
from data.models import AuditLog
from data.services.accounts import admin
from data.services.accounts.auth import authenticate
from data.services.catalog.catalog_admin import import_catalog
from data.services.review.completeness import completeness_report
from data.services.review.review import review_queue
from indicators.catalog import DEFAULT_CATALOG
from seed.kupang import DEMO_PASSWORD


@pytest.mark.parametrize("change", ["deactivate", "reset"])
def test_a_session_from_before_the_change_is_refused_by_reads_and_imports(seeded_engine, change):
    chair = authenticate(seeded_engine, "ketua", DEMO_PASSWORD)
    secretariat = authenticate(seeded_engine, "sekretariat", DEMO_PASSWORD)
    for username in ("ketua", "sekretariat"):
        if change == "deactivate":
            admin.set_account_active(seeded_engine, COMMAND_LINE, username, False, "uji")
        else:
            admin.reset_password(seeded_engine, COMMAND_LINE, username)
    with pytest.raises(PermissionDenied):
        review_queue(seeded_engine, chair, 2025)
    with pytest.raises(PermissionDenied):
        completeness_report(seeded_engine, chair, 2025)
    with pytest.raises(PermissionDenied):
        import_catalog(seeded_engine, secretariat, DEFAULT_CATALOG, 2026)


def test_the_database_refuses_to_change_or_delete_audit_rows(seeded_engine):
    for statement in (update(AuditLog).values(action="dihapus"), delete(AuditLog)):
        with pytest.raises((DatabaseError, WriteConflict)) as refused:
            with unit_of_work(seeded_engine) as session:
                session.execute(statement)
        assert "append-only" in str(refused.value.__cause__ or refused.value)
