"""Initial schema of Pantau KLA.

Revision ID: 0001
Revises:
Create Date: 2026-11-22

"""
from typing import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0001'
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('catalog_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.String(length=32), nullable=False),
    sa.Column('title_id', sa.Text(), nullable=True),
    sa.Column('title_en', sa.Text(), nullable=True),
    sa.Column('source', sa.Text(), nullable=True),
    sa.Column('total_points', sa.Float(), nullable=False),
    sa.Column('predikat', sa.JSON(), nullable=False),
    sa.Column('resolutions', sa.JSON(), nullable=False),
    sa.Column('data_sources', sa.JSON(), nullable=False),
    sa.Column('loaded_from', sa.String(length=500), nullable=True),
    sa.Column('loaded_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_catalog_version')),
    sa.UniqueConstraint('version', name=op.f('uq_catalog_version_version'))
    )
    op.create_table('data_version',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('id = 1', name=op.f('ck_data_version_single_row')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_data_version'))
    )
    data_version = sa.table('data_version', sa.column('id', sa.Integer), sa.column('version', sa.Integer))
    op.bulk_insert(data_version, [{'id': 1, 'version': 1}])
    op.create_table('region',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=16), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('province_code', sa.String(length=8), nullable=False),
    sa.Column('province_name', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind IN ('kota', 'kabupaten', 'provinsi')", name=op.f('ck_region_kind')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_region')),
    sa.UniqueConstraint('code', name=op.f('uq_region_code'))
    )
    op.create_table('case_statistic',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('violence_type', sa.String(length=32), nullable=False),
    sa.Column('victim_group', sa.String(length=32), nullable=False),
    sa.Column('victim_sex', sa.String(length=16), nullable=False),
    sa.Column('age_group', sa.String(length=8), nullable=False),
    sa.Column('cause', sa.String(length=64), nullable=False),
    sa.Column('source', sa.String(length=64), nullable=False),
    sa.Column('place', sa.String(length=64), nullable=False),
    sa.Column('service', sa.String(length=64), nullable=False),
    sa.Column('case_count', sa.Integer(), nullable=False),
    sa.CheckConstraint("(victim_group = 'anak' AND age_group <> '18+') OR (victim_group = 'perempuan_dewasa' AND age_group = '18+' AND victim_sex = 'perempuan')", name=op.f('ck_case_statistic_victim_group_consistent')),
    sa.CheckConstraint("age_group IN ('0-5', '6-12', '13-17', '18+')", name=op.f('ck_case_statistic_age_group')),
    sa.CheckConstraint("victim_group IN ('perempuan_dewasa', 'anak')", name=op.f('ck_case_statistic_victim_group')),
    sa.CheckConstraint("victim_sex IN ('perempuan', 'laki_laki')", name=op.f('ck_case_statistic_victim_sex')),
    sa.CheckConstraint("violence_type IN ('fisik', 'psikis', 'seksual', 'eksploitasi', 'trafficking', 'penelantaran', 'lainnya')", name=op.f('ck_case_statistic_violence_type')),
    sa.CheckConstraint('case_count >= 0', name=op.f('ck_case_statistic_case_count_not_negative')),
    sa.ForeignKeyConstraint(['region_id'], ['region.id'], name=op.f('fk_case_statistic_region_id_region')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_statistic')),
    sa.UniqueConstraint('region_id', 'year', 'violence_type', 'victim_group', 'victim_sex', 'age_group', 'cause', 'source', 'place', 'service', name='uq_case_statistic_category')
    )
    op.create_table('catalog_group',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('catalog_version_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name_id', sa.Text(), nullable=False),
    sa.Column('name_en', sa.Text(), nullable=True),
    sa.Column('definition_id', sa.Text(), nullable=True),
    sa.Column('definition_en', sa.Text(), nullable=True),
    sa.Column('max_points', sa.Float(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.CheckConstraint('max_points >= 0', name=op.f('ck_catalog_group_max_points_not_negative')),
    sa.ForeignKeyConstraint(['catalog_version_id'], ['catalog_version.id'], name=op.f('fk_catalog_group_catalog_version_id_catalog_version')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_catalog_group')),
    sa.UniqueConstraint('catalog_version_id', 'code', name=op.f('uq_catalog_group_catalog_version_id_code'))
    )
    op.create_table('evaluation_cycle',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('catalog_version_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=True),
    sa.Column('published', sa.Boolean(), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("status IN ('open', 'review', 'closed')", name=op.f('ck_evaluation_cycle_status')),
    sa.ForeignKeyConstraint(['catalog_version_id'], ['catalog_version.id'], name=op.f('fk_evaluation_cycle_catalog_version_id_catalog_version')),
    sa.ForeignKeyConstraint(['region_id'], ['region.id'], name=op.f('fk_evaluation_cycle_region_id_region')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evaluation_cycle')),
    sa.UniqueConstraint('region_id', 'year', name=op.f('uq_evaluation_cycle_region_id_year'))
    )
    op.create_table('reporting_unit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('short_name', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind IN ('opd', 'kecamatan', 'kelurahan')", name=op.f('ck_reporting_unit_kind')),
    sa.ForeignKeyConstraint(['parent_id'], ['reporting_unit.id'], name=op.f('fk_reporting_unit_parent_id_reporting_unit')),
    sa.ForeignKeyConstraint(['region_id'], ['region.id'], name=op.f('fk_reporting_unit_region_id_region')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reporting_unit')),
    sa.UniqueConstraint('region_id', 'short_name', name=op.f('uq_reporting_unit_region_id_short_name'))
    )
    op.create_table('app_user',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('display_name', sa.String(length=200), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=True),
    sa.Column('reporting_unit_id', sa.Integer(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('last_login_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("role IN ('admin', 'secretariat', 'chair', 'member', 'opd', 'kecamatan', 'kelurahan')", name=op.f('ck_app_user_role')),
    sa.ForeignKeyConstraint(['region_id'], ['region.id'], name=op.f('fk_app_user_region_id_region')),
    sa.ForeignKeyConstraint(['reporting_unit_id'], ['reporting_unit.id'], name=op.f('fk_app_user_reporting_unit_id_reporting_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_app_user')),
    sa.UniqueConstraint('username', name=op.f('uq_app_user_username'))
    )
    op.create_table('indicator',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('catalog_version_id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name_id', sa.Text(), nullable=False),
    sa.Column('name_en', sa.Text(), nullable=True),
    sa.Column('definition_id', sa.Text(), nullable=True),
    sa.Column('definition_en', sa.Text(), nullable=True),
    sa.Column('max_points', sa.Float(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.CheckConstraint('max_points >= 0', name=op.f('ck_indicator_max_points_not_negative')),
    sa.ForeignKeyConstraint(['catalog_version_id'], ['catalog_version.id'], name=op.f('fk_indicator_catalog_version_id_catalog_version')),
    sa.ForeignKeyConstraint(['group_id'], ['catalog_group.id'], name=op.f('fk_indicator_group_id_catalog_group')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicator')),
    sa.UniqueConstraint('catalog_version_id', 'code', name=op.f('uq_indicator_catalog_version_id_code'))
    )
    op.create_table('audit_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=64), nullable=False),
    sa.Column('entity', sa.String(length=64), nullable=False),
    sa.Column('entity_id', sa.String(length=64), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=True),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['app_user.id'], name=op.f('fk_audit_log_actor_id_app_user')),
    sa.ForeignKeyConstraint(['region_id'], ['region.id'], name=op.f('fk_audit_log_region_id_region')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log'))
    )
    op.create_index(op.f('ix_audit_log_entity_entity_id'), 'audit_log', ['entity', 'entity_id'])

    op.create_table('question',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('catalog_version_id', sa.Integer(), nullable=False),
    sa.Column('indicator_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('prompt_id', sa.Text(), nullable=False),
    sa.Column('prompt_en', sa.Text(), nullable=True),
    sa.Column('help_id', sa.Text(), nullable=True),
    sa.Column('help_en', sa.Text(), nullable=True),
    sa.Column('answer_type', sa.String(length=16), nullable=False),
    sa.Column('answer_rule', sa.JSON(), nullable=False),
    sa.Column('max_points', sa.Float(), nullable=False),
    sa.Column('data_sources', sa.JSON(), nullable=False),
    sa.Column('answered_by', sa.String(length=32), nullable=False),
    sa.Column('unit_prompt_id', sa.Text(), nullable=True),
    sa.Column('unit_prompt_en', sa.Text(), nullable=True),
    sa.Column('derivation', sa.String(length=32), nullable=True),
    sa.Column('evidence_id', sa.Text(), nullable=True),
    sa.Column('evidence_en', sa.Text(), nullable=True),
    sa.Column('evidence_required', sa.Boolean(), nullable=False),
    sa.Column('assumption', sa.Text(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.CheckConstraint("answer_type IN ('yes_no', 'choice', 'percentage', 'count')", name=op.f('ck_question_answer_type')),
    sa.CheckConstraint("answered_by IN ('city', 'every_kecamatan', 'every_desa_kelurahan')", name=op.f('ck_question_answered_by')),
    sa.CheckConstraint('max_points >= 0', name=op.f('ck_question_max_points_not_negative')),
    sa.ForeignKeyConstraint(['catalog_version_id'], ['catalog_version.id'], name=op.f('fk_question_catalog_version_id_catalog_version')),
    sa.ForeignKeyConstraint(['indicator_id'], ['indicator.id'], name=op.f('fk_question_indicator_id_indicator')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_question')),
    sa.UniqueConstraint('catalog_version_id', 'code', name=op.f('uq_question_catalog_version_id_code'))
    )
    op.create_table('answer',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=False),
    sa.Column('cycle_id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('reporting_unit_id', sa.Integer(), nullable=False),
    sa.Column('bool_value', sa.Boolean(), nullable=True),
    sa.Column('choice_code', sa.String(length=64), nullable=True),
    sa.Column('numerator', sa.Float(), nullable=True),
    sa.Column('denominator', sa.Float(), nullable=True),
    sa.Column('count_value', sa.Float(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('self_points', sa.Float(), nullable=True),
    sa.Column('verified_points', sa.Float(), nullable=True),
    sa.Column('verified_reason', sa.Text(), nullable=True),
    sa.Column('return_reason', sa.Text(), nullable=True),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('verified_by_id', sa.Integer(), nullable=True),
    sa.Column('verified_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("status IN ('draft', 'submitted', 'returned', 'verified')", name=op.f('ck_answer_status')),
    sa.CheckConstraint('self_points >= 0', name=op.f('ck_answer_self_points_not_negative')),
    sa.CheckConstraint('verified_points >= 0', name=op.f('ck_answer_verified_points_not_negative')),
    sa.CheckConstraint('version >= 1', name=op.f('ck_answer_version_positive')),
    sa.ForeignKeyConstraint(['cycle_id'], ['evaluation_cycle.id'], name=op.f('fk_answer_cycle_id_evaluation_cycle')),
    sa.ForeignKeyConstraint(['question_id'], ['question.id'], name=op.f('fk_answer_question_id_question')),
    sa.ForeignKeyConstraint(['region_id'], ['region.id'], name=op.f('fk_answer_region_id_region')),
    sa.ForeignKeyConstraint(['reporting_unit_id'], ['reporting_unit.id'], name=op.f('fk_answer_reporting_unit_id_reporting_unit')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['app_user.id'], name=op.f('fk_answer_updated_by_id_app_user')),
    sa.ForeignKeyConstraint(['verified_by_id'], ['app_user.id'], name=op.f('fk_answer_verified_by_id_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_answer')),
    sa.UniqueConstraint('cycle_id', 'question_id', 'reporting_unit_id', name=op.f('uq_answer_cycle_id_question_id_reporting_unit_id'))
    )
    op.create_index(op.f('ix_answer_region_id_cycle_id'), 'answer', ['region_id', 'cycle_id'])

    op.create_table('assignment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('reporting_unit_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['question_id'], ['question.id'], name=op.f('fk_assignment_question_id_question')),
    sa.ForeignKeyConstraint(['region_id'], ['region.id'], name=op.f('fk_assignment_region_id_region')),
    sa.ForeignKeyConstraint(['reporting_unit_id'], ['reporting_unit.id'], name=op.f('fk_assignment_reporting_unit_id_reporting_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assignment')),
    sa.UniqueConstraint('region_id', 'question_id', 'reporting_unit_id', name=op.f('uq_assignment_region_id_question_id_reporting_unit_id'))
    )
    op.create_table('target',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=False),
    sa.Column('cycle_id', sa.Integer(), nullable=False),
    sa.Column('indicator_code', sa.String(length=32), nullable=True),
    sa.Column('question_id', sa.Integer(), nullable=True),
    sa.Column('target_points', sa.Float(), nullable=True),
    sa.Column('target_value', sa.Float(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.CheckConstraint('target_points >= 0', name=op.f('ck_target_target_points_not_negative')),
    sa.ForeignKeyConstraint(['cycle_id'], ['evaluation_cycle.id'], name=op.f('fk_target_cycle_id_evaluation_cycle')),
    sa.ForeignKeyConstraint(['question_id'], ['question.id'], name=op.f('fk_target_question_id_question')),
    sa.ForeignKeyConstraint(['region_id'], ['region.id'], name=op.f('fk_target_region_id_region')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_target'))
    )
    op.create_table('evidence_file',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('answer_id', sa.Integer(), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('content_type', sa.String(length=100), nullable=False),
    sa.Column('size_bytes', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('file_version', sa.Integer(), nullable=False),
    sa.Column('superseded', sa.Boolean(), nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=True),
    sa.Column('uploaded_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('file_version >= 1', name=op.f('ck_evidence_file_file_version_positive')),
    sa.CheckConstraint('length(sha256) = 64', name=op.f('ck_evidence_file_sha256_length')),
    sa.CheckConstraint('size_bytes >= 0', name=op.f('ck_evidence_file_size_bytes_not_negative')),
    sa.ForeignKeyConstraint(['answer_id'], ['answer.id'], name=op.f('fk_evidence_file_answer_id_answer')),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['app_user.id'], name=op.f('fk_evidence_file_uploaded_by_id_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evidence_file'))
    )
    op.create_index(op.f('ix_evidence_file_answer_id'), 'evidence_file', ['answer_id'])

    op.create_table('review_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('answer_id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=False),
    sa.Column('action', sa.String(length=16), nullable=False),
    sa.Column('from_status', sa.String(length=16), nullable=False),
    sa.Column('to_status', sa.String(length=16), nullable=False),
    sa.Column('points', sa.Float(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("action IN ('submit', 'verify', 'return', 'reopen')", name=op.f('ck_review_event_action')),
    sa.CheckConstraint('points >= 0', name=op.f('ck_review_event_points_not_negative')),
    sa.ForeignKeyConstraint(['actor_id'], ['app_user.id'], name=op.f('fk_review_event_actor_id_app_user')),
    sa.ForeignKeyConstraint(['answer_id'], ['answer.id'], name=op.f('fk_review_event_answer_id_answer')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review_event'))
    )
    op.create_index(op.f('ix_review_event_answer_id'), 'review_event', ['answer_id'])


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_index(op.f('ix_review_event_answer_id'), table_name='review_event')
    op.drop_table('review_event')
    op.drop_index(op.f('ix_evidence_file_answer_id'), table_name='evidence_file')
    op.drop_table('evidence_file')
    op.drop_table('target')
    op.drop_table('assignment')
    op.drop_index(op.f('ix_answer_region_id_cycle_id'), table_name='answer')
    op.drop_table('answer')
    op.drop_table('question')
    op.drop_index(op.f('ix_audit_log_entity_entity_id'), table_name='audit_log')
    op.drop_table('audit_log')
    op.drop_table('indicator')
    op.drop_table('app_user')
    op.drop_table('reporting_unit')
    op.drop_table('evaluation_cycle')
    op.drop_table('catalog_group')
    op.drop_table('case_statistic')
    op.drop_table('region')
    op.drop_table('data_version')
    op.drop_table('catalog_version')
