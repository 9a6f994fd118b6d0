"""Indexes for the audit log's lookups by region and action (the imports a region can undo) and
by actor (whether an account was ever used), found by the query-plan test.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-08

"""
from typing import Sequence

from alembic import op

revision: str = '0016'
down_revision: str | Sequence[str] | None = '0015'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = [
    ("ix_audit_log_region_id_action", "audit_log", ["region_id", "action"]),
    ("ix_audit_log_actor_id", "audit_log", ["actor_id"]),
]


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)


def downgrade() -> None:
    for name, table, _ in reversed(INDEXES):
        op.drop_index(name, table_name=table)
