"""Care leavers: callback requests for the personal advisers' queue and their history.

Revision ID: careleavers_0001
Revises: 0001
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "careleavers_0001"
down_revision = "0001"
branch_labels = ("careleavers",)
depends_on = ("forms_0001",)


def upgrade():
    op.create_table(
        "callback_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=20), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("response_id", sa.Integer(), nullable=True),
        sa.Column("conversation_id", sa.String(length=100), nullable=True),
        sa.Column("reason", sa.String(length=300), nullable=False),
        sa.Column("best_time", sa.String(length=100), nullable=True),
        sa.Column("preferred_contact", sa.String(length=10), nullable=True),
        sa.Column("safeguarding", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("picked_up_by", sa.String(length=200), nullable=True),
        sa.Column("picked_up_by_id", sa.Integer(), nullable=True),
        sa.Column("picked_up_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("matched_case", sa.String(length=50), nullable=True),
        sa.ForeignKeyConstraint(
            ["response_id"],
            ["form_response.id"],
            name=op.f("fk_callback_request_response_id_form_response"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_callback_request")),
        sa.UniqueConstraint("reference", name=op.f("uq_callback_request_reference")),
    )
    with op.batch_alter_table("callback_request") as batch:
        batch.create_index(batch.f("ix_callback_request_response_id"), ["response_id"])
        batch.create_index(batch.f("ix_callback_request_conversation_id"), ["conversation_id"])
        batch.create_index(batch.f("ix_callback_request_status"), ["status"])
        batch.create_index(batch.f("ix_callback_request_created_at"), ["created_at"])
    op.create_table(
        "callback_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=30), nullable=False),
        sa.Column("from_status", sa.String(length=12), nullable=True),
        sa.Column("to_status", sa.String(length=12), nullable=True),
        sa.Column("by_name", sa.String(length=200), nullable=False),
        sa.Column("by_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["callback_request.id"],
            name=op.f("fk_callback_event_request_id_callback_request"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_callback_event")),
    )
    with op.batch_alter_table("callback_event") as batch:
        batch.create_index(batch.f("ix_callback_event_request_id"), ["request_id"])


def downgrade():
    op.drop_table("callback_event")
    op.drop_table("callback_request")
