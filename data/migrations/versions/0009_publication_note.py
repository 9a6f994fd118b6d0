"""The chair's reason for publishing a cycle with fewer verified questions than the minimum share;
the public page shows it beside the score.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04

"""
from typing import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0009'
down_revision: str | Sequence[str] | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('evaluation_cycle') as batch:
        batch.add_column(sa.Column('publication_note', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('evaluation_cycle') as batch:
        batch.drop_column('publication_note')
