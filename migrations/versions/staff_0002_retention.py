"""Staff area: retention periods per kind of record, legal holds and the deletion log.

Revision ID: staff_0002
Revises: staff_0001
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "staff_0002"
down_revision = "staff_0001"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "retention_policy",
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("kind", name=op.f("pk_retention_policy")),
    )
    op.create_table(
        "legal_hold",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.String(length=100), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("placed_by", sa.Integer(), nullable=True),
        sa.Column("placed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("released_by", sa.Integer(), nullable=True),
        sa.Column("released_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_legal_hold")),
    )
    op.create_index(op.f("ix_legal_hold_kind"), "legal_hold", ["kind"])
    op.create_index(op.f("ix_legal_hold_record_id"), "legal_hold", ["record_id"])
    op.create_table(
        "deletion_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.String(length=100), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("trigger", sa.String(length=20), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deletion_log")),
    )
    op.create_index(op.f("ix_deletion_log_occurred_at"), "deletion_log", ["occurred_at"])


def downgrade():
    op.drop_table("deletion_log")
    op.drop_table("legal_hold")
    op.drop_table("retention_policy")
