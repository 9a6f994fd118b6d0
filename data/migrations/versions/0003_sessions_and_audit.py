"""Sessions that end when the password changes, sign-in throttling, and an audit log the database
itself keeps append-only.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03

"""
from typing import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0003'
down_revision: str | Sequence[str] | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQLITE_TRIGGERS = (
    "CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
    "CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
)
POSTGRES_TRIGGERS = (
    "CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$",
    "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log "
    "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()",
)


def upgrade() -> None:
    with op.batch_alter_table('app_user') as batch:
        batch.add_column(sa.Column('session_generation', sa.Integer(), nullable=False, server_default='0'))
        batch.add_column(sa.Column('failed_sign_ins', sa.Integer(), nullable=False, server_default='0'))
        batch.add_column(sa.Column('locked_until', sa.DateTime(timezone=True), nullable=True))
    for statement in (POSTGRES_TRIGGERS if op.get_bind().dialect.name == 'postgresql' else SQLITE_TRIGGERS):
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        op.execute("DROP TRIGGER audit_log_append_only ON audit_log")
        op.execute("DROP FUNCTION audit_log_append_only()")
    else:
        op.execute("DROP TRIGGER audit_log_append_only_update")
        op.execute("DROP TRIGGER audit_log_append_only_delete")
    with op.batch_alter_table('app_user') as batch:
        batch.drop_column('locked_until')
        batch.drop_column('failed_sign_ins')
        batch.drop_column('session_generation')
