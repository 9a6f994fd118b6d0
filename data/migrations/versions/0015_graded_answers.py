"""Graded answers: a question may be answered with one of its levels (lengkap, sebagian, belum ...),
each worth a share of its points, stored like a choice (the level's code in choice_code).

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07

"""
from typing import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0015'
down_revision: str | Sequence[str] | None = '0014'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TYPES_BEFORE = "answer_type IN ('yes_no', 'choice', 'percentage', 'count')"
TYPES_AFTER = "answer_type IN ('yes_no', 'graded', 'choice', 'percentage', 'count')"


def upgrade() -> None:
    with op.batch_alter_table('question') as batch:
        batch.drop_constraint(op.f('ck_question_answer_type'), type_='check')
        batch.create_check_constraint('answer_type', TYPES_AFTER)


def downgrade() -> None:
    graded = op.get_bind().scalar(sa.text("SELECT count(*) FROM question WHERE answer_type = 'graded'"))
    if graded:
        raise RuntimeError(f"{graded} pertanyaan berjawaban bertingkat (graded); versi sebelumnya tidak dapat "
                           "menyimpannya. Hapus dulu katalog yang memakainya.")
    with op.batch_alter_table('question') as batch:
        batch.drop_constraint(op.f('ck_question_answer_type'), type_='check')
        batch.create_check_constraint('answer_type', TYPES_BEFORE)
