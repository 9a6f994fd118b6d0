"""Onboarding a region without code: the official Kemendagri list, unit codes and data sources,
account contacts and one-time passwords.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03

"""
from typing import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0002'
down_revision: str | Sequence[str] | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('official_area',
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('level', sa.String(length=16), nullable=False),
    sa.Column('parent_code', sa.String(length=20), nullable=True),
    sa.Column('list_name', sa.String(length=100), nullable=False),
    sa.CheckConstraint("level IN ('provinsi', 'kabupaten', 'kota', 'kecamatan', 'kelurahan', 'desa')",
                       name=op.f('ck_official_area_level')),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_official_area'))
    )
    op.create_index(op.f('ix_official_area_parent_code'), 'official_area', ['parent_code'], unique=False)
    with op.batch_alter_table('reporting_unit') as batch:
        batch.add_column(sa.Column('code', sa.String(length=20), nullable=True))
        batch.add_column(sa.Column('data_sources', sa.JSON(), nullable=False, server_default='[]'))
    with op.batch_alter_table('app_user') as batch:
        batch.add_column(sa.Column('phone', sa.String(length=32), nullable=True))
        batch.add_column(sa.Column('email', sa.String(length=254), nullable=True))
        batch.add_column(sa.Column('must_change_password', sa.Boolean(), nullable=False,
                                   server_default=sa.false()))
    # Until now an OPD answered for the data source named by its short name.
    unit = sa.table('reporting_unit', sa.column('id', sa.Integer), sa.column('kind', sa.String),
                    sa.column('short_name', sa.String), sa.column('data_sources', sa.JSON))
    connection = op.get_bind()
    rows = connection.execute(sa.select(unit.c.id, unit.c.short_name).where(unit.c.kind == 'opd')).all()
    for unit_id, short_name in rows:
        connection.execute(unit.update().where(unit.c.id == unit_id).values(data_sources=[short_name]))


def downgrade() -> None:
    with op.batch_alter_table('app_user') as batch:
        batch.drop_column('must_change_password')
        batch.drop_column('email')
        batch.drop_column('phone')
    with op.batch_alter_table('reporting_unit') as batch:
        batch.drop_column('data_sources')
        batch.drop_column('code')
    op.drop_index(op.f('ix_official_area_parent_code'), table_name='official_area')
    op.drop_table('official_area')
