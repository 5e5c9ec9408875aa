"""Analytics: answer facts, one row per stored answer, for summaries, dashboards and reports.

Revision ID: analytics_answers_0001
Revises: 0001
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "analytics_answers_0001"
down_revision = "0001"
branch_labels = ("analytics_answers",)
depends_on = ("forms_0001", "feedback_0001")


def upgrade():
    op.create_table(
        "analytics_answer_fact",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.Column("form_slug", sa.String(length=100), nullable=False),
        sa.Column("form_kind", sa.String(length=20), nullable=False),
        sa.Column("form_version", sa.Integer(), nullable=False),
        sa.Column("question_key", sa.String(length=64), nullable=False),
        sa.Column("option_value", sa.String(length=200), nullable=True),
        sa.Column("option_label", sa.Text(), nullable=True),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("submitted_on", sa.Date(), nullable=False),
        sa.Column("quarter", sa.String(length=10), nullable=False),
        sa.Column("team", sa.String(length=80), nullable=True),
        sa.Column("service", sa.String(length=80), nullable=True),
        sa.ForeignKeyConstraint(
            ["response_id"],
            ["form_response.id"],
            name=op.f("fk_analytics_answer_fact_response_id_form_response"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_analytics_answer_fact")),
    )
    with op.batch_alter_table("analytics_answer_fact") as batch:
        batch.create_index(batch.f("ix_analytics_answer_fact_response_id"), ["response_id"])
        batch.create_index(
            "ix_analytics_answer_fact_form_question", ["form_slug", "question_key", "option_value"]
        )
        batch.create_index("ix_analytics_answer_fact_form_date", ["form_slug", "submitted_on"])


def downgrade():
    op.drop_table("analytics_answer_fact")
