"""Web chat: server-side transcripts and messages kept for staff follow-up.

Revision ID: chat_0001
Revises: 0001
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "chat_0001"
down_revision = "0001"
branch_labels = ("chat",)
depends_on = None


def upgrade():
    op.create_table(
        "chat_message",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_key", sa.String(length=100), nullable=False),
        sa.Column("author", sa.String(length=10), nullable=False),
        sa.Column("text_encrypted", sa.Text(), nullable=False),
        sa.Column("buttons", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chat_message")),
    )
    op.create_index(op.f("ix_chat_message_conversation_key"), "chat_message", ["conversation_key"])
    op.create_index(op.f("ix_chat_message_created_at"), "chat_message", ["created_at"])
    op.create_table(
        "chat_follow_up",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_key", sa.String(length=100), nullable=False),
        sa.Column("text_encrypted", sa.Text(), nullable=False),
        sa.Column("reason", sa.String(length=20), nullable=False),
        sa.Column("language", sa.String(length=10), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("handled_by", sa.String(length=200), nullable=True),
        sa.Column("handled_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chat_follow_up")),
    )
    op.create_index(op.f("ix_chat_follow_up_conversation_key"), "chat_follow_up", ["conversation_key"])
    op.create_index(op.f("ix_chat_follow_up_status"), "chat_follow_up", ["status"])
    op.create_index(op.f("ix_chat_follow_up_created_at"), "chat_follow_up", ["created_at"])


def downgrade():
    op.drop_table("chat_follow_up")
    op.drop_table("chat_message")
