"""Analytics: the assistant's conversations, turns, ratings, the ingest ledger and watermark.

Revision ID: analytics_0001
Revises: 0001
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "analytics_0001"
down_revision = "0001"
branch_labels = ("analytics",)
depends_on = None


def upgrade():
    op.create_table(
        "conversation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_key", sa.String(length=100), nullable=False),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("language", sa.String(length=10), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_event_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("turn_count", sa.Integer(), nullable=False),
        sa.Column("last_answer", sa.String(length=100), nullable=True),
        sa.Column("pending_turn_id", sa.Integer(), nullable=True),
        sa.Column("pending_text", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conversation")),
        sa.UniqueConstraint("conversation_key", name=op.f("uq_conversation_conversation_key")),
    )
    op.create_index(op.f("ix_conversation_channel"), "conversation", ["channel"])
    op.create_table(
        "conversation_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("event_key", sa.String(length=64), nullable=False),
        sa.Column("rasa_event_id", sa.Integer(), nullable=True),
        sa.Column("conversation_id", sa.Integer(), nullable=False),
        sa.Column("event_type", sa.String(length=30), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversation.id"],
            name=op.f("fk_conversation_event_conversation_id_conversation"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conversation_event")),
        sa.UniqueConstraint("source", "event_key", name="uq_conversation_event_source_event_key"),
    )
    op.create_index(op.f("ix_conversation_event_conversation_id"), "conversation_event", ["conversation_id"])
    op.create_table(
        "conversation_turn",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("intent", sa.String(length=100), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=True),
        sa.Column("fallback", sa.Boolean(), nullable=False),
        sa.Column("unanswered_text", sa.Text(), nullable=True),
        sa.Column("language", sa.String(length=10), nullable=True),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversation.id"],
            name=op.f("fk_conversation_turn_conversation_id_conversation"),
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["conversation_event.id"],
            name=op.f("fk_conversation_turn_event_id_conversation_event"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conversation_turn")),
        sa.UniqueConstraint("event_id", name=op.f("uq_conversation_turn_event_id")),
    )
    for column in ("conversation_id", "channel", "intent", "fallback", "occurred_at"):
        op.create_index(op.f(f"ix_conversation_turn_{column}"), "conversation_turn", [column])
    op.create_table(
        "conversation_rating",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("helpful", sa.Boolean(), nullable=False),
        sa.Column("answer", sa.String(length=100), nullable=True),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversation.id"],
            name=op.f("fk_conversation_rating_conversation_id_conversation"),
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["conversation_event.id"],
            name=op.f("fk_conversation_rating_event_id_conversation_event"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conversation_rating")),
        sa.UniqueConstraint("event_id", name=op.f("uq_conversation_rating_event_id")),
    )
    op.create_index(
        op.f("ix_conversation_rating_conversation_id"), "conversation_rating", ["conversation_id"]
    )
    op.create_index(op.f("ix_conversation_rating_occurred_at"), "conversation_rating", ["occurred_at"])
    op.create_table(
        "conversation_ingest_watermark",
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("last_event_id", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("source", name=op.f("pk_conversation_ingest_watermark")),
    )


def downgrade():
    op.drop_table("conversation_ingest_watermark")
    op.drop_table("conversation_rating")
    op.drop_table("conversation_turn")
    op.drop_table("conversation_event")
    op.drop_table("conversation")
