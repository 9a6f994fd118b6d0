"""The import a reporting unit was created by (a batch id also kept in the import's audit row), so
that an import's units that hold nothing yet can be removed in one step.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07

"""
from typing import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0013'
down_revision: str | Sequence[str] | None = '0012'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('reporting_unit', schema=None) as batch:
        batch.add_column(sa.Column('import_batch', sa.String(length=32), nullable=True))
        batch.create_index('ix_reporting_unit_import_batch', ['import_batch'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('reporting_unit', schema=None) as batch:
        batch.drop_index('ix_reporting_unit_import_batch')
        batch.drop_column('import_batch')
