"""What a focal point typed on the entry page and has not saved yet, per account, cycle and question.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07

"""
from typing import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0014'
down_revision: str | Sequence[str] | None = '0013'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('typed_draft',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('cycle_id', sa.Integer(), nullable=False),
    sa.Column('question_code', sa.String(length=32), nullable=False),
    sa.Column('source', sa.String(length=8), nullable=False),
    sa.Column('typed', sa.JSON(), nullable=False),
    sa.Column('base_version', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("source IN ('form', 'table')", name=op.f('ck_typed_draft_source')),
    sa.ForeignKeyConstraint(['cycle_id'], ['evaluation_cycle.id'], name=op.f('fk_typed_draft_cycle_id_evaluation_cycle')),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_typed_draft_user_id_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_typed_draft')),
    sa.UniqueConstraint('user_id', 'cycle_id', 'question_code', 'source',
                        name=op.f('uq_typed_draft_user_id_cycle_id_question_code_source'))
    )


def downgrade() -> None:
    op.drop_table('typed_draft')
