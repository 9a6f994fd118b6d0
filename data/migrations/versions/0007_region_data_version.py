"""A data version per region: a write in one region reloads that region's cached pages only, and
its public pages reload only when what the public sees changes (public_version).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04

"""
from typing import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0007'
down_revision: str | Sequence[str] | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('region_data_version',
    sa.Column('region_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('public_version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['region_id'], ['region.id'], name=op.f('fk_region_data_version_region_id_region')),
    sa.PrimaryKeyConstraint('region_id', name=op.f('pk_region_data_version'))
    )
    op.execute("INSERT INTO region_data_version (region_id, version, public_version) SELECT id, 1, 1 FROM region")


def downgrade() -> None:
    op.drop_table('region_data_version')
