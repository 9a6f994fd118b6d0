"""Indexes for the lookups the pages make that read whole tables at national size (found by the
query-plan test, tests/app/test_query_plans.py): accounts by region, unit and role; published
cycles; a cycle's targets; a kecamatan's desa/kelurahan; the official list by level.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04

"""
from typing import Sequence

from alembic import op

revision: str = '0008'
down_revision: str | Sequence[str] | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = [
    ("ix_app_user_region_id", "app_user", ["region_id"]),
    ("ix_app_user_reporting_unit_id", "app_user", ["reporting_unit_id"]),
    ("ix_app_user_role", "app_user", ["role"]),
    ("ix_evaluation_cycle_published_region_id", "evaluation_cycle", ["published", "region_id"]),
    ("ix_target_cycle_id", "target", ["cycle_id"]),
    ("ix_reporting_unit_parent_id", "reporting_unit", ["parent_id"]),
    ("ix_official_area_level", "official_area", ["level"]),
]


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)


def downgrade() -> None:
    for name, table, _ in reversed(INDEXES):
        op.drop_index(name, table_name=table)
