"""SMS gateway: inbound messages, senders (opt-outs, processing lease), alerts, long answers.

Revision ID: sms_0001
Revises: 0001
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "sms_0001"
down_revision = "0001"
branch_labels = ("sms",)
depends_on = None


def upgrade():
    op.create_table(
        "sms_inbound",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("message_sid", sa.String(length=64), nullable=False),
        sa.Column("sender_key", sa.String(length=64), nullable=False),
        sa.Column("phone_encrypted", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_error", sa.String(length=300), nullable=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("processed_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sms_inbound")),
        sa.UniqueConstraint("message_sid", name=op.f("uq_sms_inbound_message_sid")),
    )
    op.create_index(op.f("ix_sms_inbound_sender_key"), "sms_inbound", ["sender_key"])
    op.create_index(op.f("ix_sms_inbound_status"), "sms_inbound", ["status"])
    op.create_index(op.f("ix_sms_inbound_received_at"), "sms_inbound", ["received_at"])
    op.create_table(
        "sms_sender",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("opted_out", sa.Boolean(), nullable=False),
        sa.Column("opted_out_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("lease_token", sa.String(length=32), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_sms_sender")),
    )
    op.create_table(
        "sms_alert",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("detail", sa.String(length=300), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sms_alert")),
    )
    op.create_index(op.f("ix_sms_alert_kind"), "sms_alert", ["kind"])
    op.create_table(
        "sms_answer",
        sa.Column("token", sa.String(length=43), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("token", name=op.f("pk_sms_answer")),
    )
    op.create_index(op.f("ix_sms_answer_created_at"), "sms_answer", ["created_at"])


def downgrade():
    op.drop_table("sms_answer")
    op.drop_table("sms_alert")
    op.drop_table("sms_sender")
    op.drop_table("sms_inbound")
