"""Action plans (RAD KLA) and their progress reports.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04

"""
from typing import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0010'
down_revision: str | Sequence[str] | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('action_plan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=False),
    sa.Column('cycle_id', sa.Integer(), nullable=False),
    sa.Column('indicator_code', sa.String(length=32), nullable=False),
    sa.Column('question_codes', sa.JSON(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('output', sa.Text(), nullable=True),
    sa.Column('lead_unit_id', sa.Integer(), nullable=False),
    sa.Column('supporting_unit_ids', sa.JSON(), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=False),
    sa.Column('budget_amount', sa.Float(), nullable=True),
    sa.Column('budget_source', sa.String(length=32), nullable=True),
    sa.Column('points', sa.Float(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('progress', sa.Float(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("status IN ('proposed', 'in_progress', 'done', 'cancelled')", name=op.f('ck_action_plan_status')),
    sa.CheckConstraint('progress >= 0 AND progress <= 100', name=op.f('ck_action_plan_progress_percent')),
    sa.CheckConstraint('budget_amount >= 0', name=op.f('ck_action_plan_budget_not_negative')),
    sa.CheckConstraint('version >= 1', name=op.f('ck_action_plan_version_positive')),
    sa.ForeignKeyConstraint(['created_by_id'], ['app_user.id'], name=op.f('fk_action_plan_created_by_id_app_user')),
    sa.ForeignKeyConstraint(['cycle_id'], ['evaluation_cycle.id'], name=op.f('fk_action_plan_cycle_id_evaluation_cycle')),
    sa.ForeignKeyConstraint(['lead_unit_id'], ['reporting_unit.id'], name=op.f('fk_action_plan_lead_unit_id_reporting_unit')),
    sa.ForeignKeyConstraint(['region_id'], ['region.id'], name=op.f('fk_action_plan_region_id_region')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_action_plan'))
    )
    op.create_index('ix_action_plan_region_id_cycle_id', 'action_plan', ['region_id', 'cycle_id'], unique=False)
    op.create_index('ix_action_plan_lead_unit_id', 'action_plan', ['lead_unit_id'], unique=False)
    op.create_table('action_update',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('action_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('progress', sa.Float(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('filename', sa.String(length=255), nullable=True),
    sa.Column('content_type', sa.String(length=100), nullable=True),
    sa.Column('content', sa.LargeBinary(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['action_id'], ['action_plan.id'], name=op.f('fk_action_update_action_id_action_plan')),
    sa.ForeignKeyConstraint(['author_id'], ['app_user.id'], name=op.f('fk_action_update_author_id_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_action_update'))
    )
    op.create_index('ix_action_update_action_id', 'action_update', ['action_id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_action_update_action_id', table_name='action_update')
    op.drop_table('action_update')
    op.drop_index('ix_action_plan_lead_unit_id', table_name='action_plan')
    op.drop_index('ix_action_plan_region_id_cycle_id', table_name='action_plan')
    op.drop_table('action_plan')
