"""What the public saw of a published cycle, kept apart from the live tables (published means
frozen). The application fills it for cycles published before this revision at its next start.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04

"""
from typing import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0006'
down_revision: str | Sequence[str] | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('published_figures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('cycle_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('content', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['cycle_id'], ['evaluation_cycle.id'],
                            name=op.f('fk_published_figures_cycle_id_evaluation_cycle')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_published_figures')),
    sa.UniqueConstraint('cycle_id', 'kind', name=op.f('uq_published_figures_cycle_id_kind'))
    )


def downgrade() -> None:
    op.drop_table('published_figures')
