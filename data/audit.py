"""The audit log: who did what to which record, with the old and new values."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from data.models import AuditLog


def record(
    session: Session,
    actor_id: int | None,
    action: str,
    entity: str,
    entity_id: object,
    region_id: int | None,
    details: dict[str, Any] | None = None,
) -> AuditLog:
    """Add an audit row to the caller's transaction, so it is kept exactly when the change is."""
    row = AuditLog(
        actor_id=actor_id,
        action=action,
        entity=entity,
        entity_id=str(entity_id),
        region_id=region_id,
        details=details or {},
    )
    session.add(row)
    return row
