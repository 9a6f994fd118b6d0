"""One current evidence file of a name per answer (a partial unique index); files that already
share a name become older versions of the newest one first.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04

"""
from typing import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0005'
down_revision: str | Sequence[str] | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(
        "UPDATE evidence_file SET superseded = true WHERE NOT superseded AND EXISTS ("
        "SELECT 1 FROM evidence_file AS newer WHERE newer.answer_id = evidence_file.answer_id "
        "AND newer.filename = evidence_file.filename AND NOT newer.superseded AND newer.id > evidence_file.id)")
    op.create_index('uq_evidence_file_current_name', 'evidence_file', ['answer_id', 'filename'], unique=True,
                    sqlite_where=sa.text('NOT superseded'), postgresql_where=sa.text('NOT superseded'))


def downgrade() -> None:
    op.drop_index('uq_evidence_file_current_name', table_name='evidence_file')
