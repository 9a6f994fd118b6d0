"""Sign-in sessions kept on the server behind an HttpOnly cookie (revocable, expiring after an idle
time and an absolute lifetime), and failed sign-ins counted per network address.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03

"""
from typing import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0004'
down_revision: str | Sequence[str] | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('sign_in_session',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=True),
    sa.Column('handover_hash', sa.String(length=64), nullable=True),
    sa.Column('handover_expires_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('session_generation', sa.Integer(), nullable=False),
    sa.Column('client', sa.String(length=64), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_seen_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ended_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('end_reason', sa.String(length=32), nullable=True),
    sa.CheckConstraint("end_reason IS NULL OR end_reason IN ('sign_out', 'sign_out_everywhere', 'idle', 'expired', 'password', 'account')", name=op.f('ck_sign_in_session_end_reason')),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_sign_in_session_user_id_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sign_in_session')),
    sa.UniqueConstraint('handover_hash', name=op.f('uq_sign_in_session_handover_hash')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_sign_in_session_token_hash'))
    )
    with op.batch_alter_table('sign_in_session', schema=None) as batch_op:
        batch_op.create_index('ix_sign_in_session_user_id', ['user_id'], unique=False)
    op.create_table('sign_in_client',
    sa.Column('address', sa.String(length=64), nullable=False),
    sa.Column('failed_sign_ins', sa.Integer(), nullable=False),
    sa.Column('locked_until', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_failure_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('address', name=op.f('pk_sign_in_client'))
    )



def downgrade() -> None:
    op.drop_table('sign_in_client')
    with op.batch_alter_table('sign_in_session', schema=None) as batch_op:
        batch_op.drop_index('ix_sign_in_session_user_id')

    op.drop_table('sign_in_session')
