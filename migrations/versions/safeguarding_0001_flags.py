"""Safeguarding: flags raised by answers and assistant messages that disclose risk.

Revision ID: safeguarding_0001
Revises: 0001
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "safeguarding_0001"
down_revision = "0001"
branch_labels = ("safeguarding",)
depends_on = None


def upgrade():
    op.create_table(
        "safeguarding_flag",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=30), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("form_slug", sa.String(length=100), nullable=True),
        sa.Column("response_reference", sa.String(length=20), nullable=True),
        sa.Column("conversation_id", sa.String(length=100), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("categories", sa.String(length=200), nullable=False),
        sa.Column("matched", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("seen_by", sa.String(length=200), nullable=True),
        sa.Column("seen_by_id", sa.Integer(), nullable=True),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_safeguarding_flag")),
    )
    with op.batch_alter_table("safeguarding_flag") as batch:
        batch.create_index(batch.f("ix_safeguarding_flag_response_reference"), ["response_reference"])
        batch.create_index(batch.f("ix_safeguarding_flag_conversation_id"), ["conversation_id"])
        batch.create_index(batch.f("ix_safeguarding_flag_status"), ["status"])
        batch.create_index(batch.f("ix_safeguarding_flag_created_at"), ["created_at"])


def downgrade():
    op.drop_table("safeguarding_flag")
