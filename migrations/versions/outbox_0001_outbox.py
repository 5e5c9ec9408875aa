"""Outbox: every message the service sends (SMS now, email later), with its delivery state.

Revision ID: outbox_0001
Revises: 0001
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "outbox_0001"
down_revision = "0001"
branch_labels = ("outbox",)
depends_on = None


def upgrade():
    op.create_table(
        "outbox_message",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("recipient_encrypted", sa.Text(), nullable=False),
        sa.Column("recipient_key", sa.String(length=64), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("purpose", sa.String(length=40), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("outcome_uncertain", sa.Boolean(), nullable=False),
        sa.Column("first_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("after_id", sa.Integer(), nullable=True),
        sa.Column("segments", sa.Integer(), nullable=False),
        sa.Column("provider_id", sa.String(length=64), nullable=True),
        sa.Column("provider_status", sa.String(length=20), nullable=True),
        sa.Column("last_error", sa.String(length=500), nullable=True),
        sa.Column("dedupe_key", sa.String(length=200), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["after_id"],
            ["outbox_message.id"],
            name=op.f("fk_outbox_message_after_id_outbox_message"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox_message")),
        sa.UniqueConstraint("provider_id", name=op.f("uq_outbox_message_provider_id")),
        sa.UniqueConstraint("dedupe_key", name=op.f("uq_outbox_message_dedupe_key")),
    )
    op.create_index(op.f("ix_outbox_message_status"), "outbox_message", ["status"])
    op.create_index(op.f("ix_outbox_message_next_attempt_at"), "outbox_message", ["next_attempt_at"])
    op.create_index(op.f("ix_outbox_message_recipient_key"), "outbox_message", ["recipient_key"])


def downgrade():
    op.drop_table("outbox_message")
