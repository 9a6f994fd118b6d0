"""A region's own mail server for reminders and every reminder sent, to whom, when and its outcome.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07

"""
from typing import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0012'
down_revision: str | Sequence[str] | None = '0011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('mail_server',
    sa.Column('region_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('host', sa.String(length=253), nullable=False),
    sa.Column('port', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=254), nullable=True),
    sa.Column('password', sa.String(length=500), nullable=True),
    sa.Column('sender', sa.String(length=254), nullable=False),
    sa.Column('security', sa.String(length=8), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("security IN ('starttls', 'ssl', 'none')", name=op.f('ck_mail_server_security')),
    sa.CheckConstraint('port > 0 AND port < 65536', name=op.f('ck_mail_server_port_range')),
    sa.ForeignKeyConstraint(['region_id'], ['region.id'], name=op.f('fk_mail_server_region_id_region')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['app_user.id'], name=op.f('fk_mail_server_updated_by_id_app_user')),
    sa.PrimaryKeyConstraint('region_id', name=op.f('pk_mail_server'))
    )
    op.create_table('reminder_delivery',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=False),
    sa.Column('cycle_year', sa.Integer(), nullable=False),
    sa.Column('reporting_unit_id', sa.Integer(), nullable=True),
    sa.Column('channel', sa.String(length=16), nullable=False),
    sa.Column('recipient', sa.String(length=254), nullable=False),
    sa.Column('subject', sa.String(length=300), nullable=False),
    sa.Column('outcome', sa.String(length=8), nullable=False),
    sa.Column('detail', sa.Text(), nullable=True),
    sa.Column('sent_by_id', sa.Integer(), nullable=True),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("outcome IN ('sent', 'failed')", name=op.f('ck_reminder_delivery_outcome')),
    sa.ForeignKeyConstraint(['region_id'], ['region.id'], name=op.f('fk_reminder_delivery_region_id_region')),
    sa.ForeignKeyConstraint(['reporting_unit_id'], ['reporting_unit.id'],
                            name=op.f('fk_reminder_delivery_reporting_unit_id_reporting_unit')),
    sa.ForeignKeyConstraint(['sent_by_id'], ['app_user.id'], name=op.f('fk_reminder_delivery_sent_by_id_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reminder_delivery'))
    )
    op.create_index('ix_reminder_delivery_region_id_sent_at', 'reminder_delivery', ['region_id', 'sent_at'],
                    unique=False)


def downgrade() -> None:
    op.drop_index('ix_reminder_delivery_region_id_sent_at', table_name='reminder_delivery')
    op.drop_table('reminder_delivery')
    op.drop_table('mail_server')
