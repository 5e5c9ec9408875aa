"""Feedback: the service context (team, service, quarter) a response was given under.

Revision ID: feedback_0001
Revises: 0001
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "feedback_0001"
down_revision = "0001"
branch_labels = ("feedback",)
depends_on = ("forms_0001",)


def upgrade():
    op.create_table(
        "response_context",
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.Column("team", sa.String(length=80), nullable=True),
        sa.Column("service", sa.String(length=80), nullable=True),
        sa.Column("quarter", sa.String(length=10), nullable=True),
        sa.ForeignKeyConstraint(
            ["response_id"],
            ["form_response.id"],
            name=op.f("fk_response_context_response_id_form_response"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("response_id", name=op.f("pk_response_context")),
    )
    with op.batch_alter_table("response_context") as batch:
        batch.create_index(batch.f("ix_response_context_team"), ["team"])
        batch.create_index(batch.f("ix_response_context_service"), ["service"])
        batch.create_index(batch.f("ix_response_context_quarter"), ["quarter"])


def downgrade():
    op.drop_table("response_context")
