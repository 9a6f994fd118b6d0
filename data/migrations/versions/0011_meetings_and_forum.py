"""The Gugus Tugas meetings (Rakor) with attendance, the decisions they turn into actions, the Forum
Anak's view per cluster and the role of its facilitator; the province verifier's role and province,
and its reading of each answer (the administrative verification);
cycles found by year (the readiness board).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04

"""
from typing import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0011'
down_revision: str | Sequence[str] | None = '0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ROLES_BEFORE = "role IN ('admin', 'secretariat', 'chair', 'member', 'opd', 'kecamatan', 'kelurahan')"
ROLES_AFTER = ("role IN ('admin', 'secretariat', 'chair', 'member', 'opd', 'kecamatan', 'kelurahan', 'forum', "
               "'province')")


def upgrade() -> None:
    op.create_table('meeting',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=False),
    sa.Column('cycle_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('place', sa.String(length=200), nullable=True),
    sa.Column('agenda', sa.JSON(), nullable=False),
    sa.Column('minutes', sa.Text(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('previous_meeting_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("status IN ('planned', 'held')", name=op.f('ck_meeting_status')),
    sa.CheckConstraint('version >= 1', name=op.f('ck_meeting_version_positive')),
    sa.ForeignKeyConstraint(['created_by_id'], ['app_user.id'], name=op.f('fk_meeting_created_by_id_app_user')),
    sa.ForeignKeyConstraint(['cycle_id'], ['evaluation_cycle.id'], name=op.f('fk_meeting_cycle_id_evaluation_cycle')),
    sa.ForeignKeyConstraint(['previous_meeting_id'], ['meeting.id'], name=op.f('fk_meeting_previous_meeting_id_meeting')),
    sa.ForeignKeyConstraint(['region_id'], ['region.id'], name=op.f('fk_meeting_region_id_region')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting'))
    )
    op.create_index('ix_meeting_region_id_cycle_id', 'meeting', ['region_id', 'cycle_id'], unique=False)
    op.create_table('meeting_attendance',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('reporting_unit_id', sa.Integer(), nullable=False),
    sa.Column('present', sa.Boolean(), nullable=False),
    sa.Column('representative', sa.String(length=200), nullable=True),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_meeting_attendance_meeting_id_meeting')),
    sa.ForeignKeyConstraint(['reporting_unit_id'], ['reporting_unit.id'], name=op.f('fk_meeting_attendance_reporting_unit_id_reporting_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_attendance')),
    sa.UniqueConstraint('meeting_id', 'reporting_unit_id', name=op.f('uq_meeting_attendance_meeting_id_reporting_unit_id'))
    )
    op.create_table('forum_view',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=False),
    sa.Column('cycle_id', sa.Integer(), nullable=False),
    sa.Column('group_code', sa.String(length=32), nullable=False),
    sa.Column('rating', sa.Integer(), nullable=False),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.Column('met_on', sa.Date(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('rating >= 1 AND rating <= 5', name=op.f('ck_forum_view_rating_scale')),
    sa.CheckConstraint('version >= 1', name=op.f('ck_forum_view_version_positive')),
    sa.ForeignKeyConstraint(['cycle_id'], ['evaluation_cycle.id'], name=op.f('fk_forum_view_cycle_id_evaluation_cycle')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['app_user.id'], name=op.f('fk_forum_view_recorded_by_id_app_user')),
    sa.ForeignKeyConstraint(['region_id'], ['region.id'], name=op.f('fk_forum_view_region_id_region')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_forum_view')),
    sa.UniqueConstraint('cycle_id', 'group_code', name=op.f('uq_forum_view_cycle_id_group_code'))
    )
    with op.batch_alter_table('action_plan') as batch:
        batch.add_column(sa.Column('meeting_id', sa.Integer(), nullable=True))
        batch.create_foreign_key(op.f('fk_action_plan_meeting_id_meeting'), 'meeting', ['meeting_id'], ['id'])
    with op.batch_alter_table('app_user') as batch:
        batch.add_column(sa.Column('province_code', sa.String(length=2), nullable=True))
        batch.drop_constraint(op.f('ck_app_user_role'), type_='check')
        batch.create_check_constraint('role', ROLES_AFTER)
    op.create_index('ix_evaluation_cycle_year', 'evaluation_cycle', ['year'], unique=False)
    with op.batch_alter_table('answer') as batch:
        batch.add_column(sa.Column('province_points', sa.Float(), nullable=True))
        batch.add_column(sa.Column('province_reason', sa.Text(), nullable=True))
        batch.add_column(sa.Column('province_return_reason', sa.Text(), nullable=True))
        batch.add_column(sa.Column('province_by_id', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('province_at', sa.DateTime(timezone=True), nullable=True))
        batch.create_foreign_key(op.f('fk_answer_province_by_id_app_user'), 'app_user', ['province_by_id'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('answer') as batch:
        batch.drop_constraint(op.f('fk_answer_province_by_id_app_user'), type_='foreignkey')
        for column in ('province_at', 'province_by_id', 'province_return_reason', 'province_reason',
                       'province_points'):
            batch.drop_column(column)
    op.drop_index('ix_evaluation_cycle_year', table_name='evaluation_cycle')
    op.execute("UPDATE app_user SET active = false, role = 'opd' WHERE role IN ('forum', 'province')")
    with op.batch_alter_table('app_user') as batch:
        batch.drop_constraint(op.f('ck_app_user_role'), type_='check')
        batch.create_check_constraint('role', ROLES_BEFORE)
        batch.drop_column('province_code')
    with op.batch_alter_table('action_plan') as batch:
        batch.drop_constraint(op.f('fk_action_plan_meeting_id_meeting'), type_='foreignkey')
        batch.drop_column('meeting_id')
    op.drop_table('forum_view')
    op.drop_table('meeting_attendance')
    op.drop_index('ix_meeting_region_id_cycle_id', table_name='meeting')
    op.drop_table('meeting')
