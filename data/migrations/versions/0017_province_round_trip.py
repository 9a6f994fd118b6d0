"""The province's verification as a round trip: a return carries the date by which the city answers
(strict: refused after it, otherwise flagged late); the city's answer back, its note and the counts
of returns, fixes and re-checks per answer; the cycle's verification declared finished.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-07

"""
from typing import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0017'
down_revision: str | Sequence[str] | None = '0016'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COUNTS = ('province_returns', 'province_fixes', 'province_rechecks')


def upgrade() -> None:
    with op.batch_alter_table('evaluation_cycle') as batch:
        batch.add_column(sa.Column('province_done_at', sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column('province_done_by_id', sa.Integer(), nullable=True))
        batch.create_foreign_key(op.f('fk_evaluation_cycle_province_done_by_id_app_user'), 'app_user',
                                 ['province_done_by_id'], ['id'])
    with op.batch_alter_table('answer') as batch:
        batch.add_column(sa.Column('province_return_due', sa.Date(), nullable=True))
        batch.add_column(sa.Column('province_return_strict', sa.Boolean(), nullable=False,
                                   server_default=sa.false()))
        batch.add_column(sa.Column('province_fixed_at', sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column('province_fix_note', sa.Text(), nullable=True))
        batch.add_column(sa.Column('province_fix_late', sa.Boolean(), nullable=False, server_default=sa.false()))
        for name in COUNTS:
            batch.add_column(sa.Column(name, sa.Integer(), nullable=False, server_default='0'))
    # an answer the province returned before this revision counts one return
    op.execute("UPDATE answer SET province_returns = 1 WHERE province_return_reason IS NOT NULL")


def downgrade() -> None:
    with op.batch_alter_table('answer') as batch:
        for name in (*reversed(COUNTS), 'province_fix_late', 'province_fix_note', 'province_fixed_at',
                     'province_return_strict', 'province_return_due'):
            batch.drop_column(name)
    with op.batch_alter_table('evaluation_cycle') as batch:
        batch.drop_constraint(op.f('fk_evaluation_cycle_province_done_by_id_app_user'), type_='foreignkey')
        batch.drop_column('province_done_by_id')
        batch.drop_column('province_done_at')
