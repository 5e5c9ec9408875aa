"""Alternative formats: families' requests for a consultation in another format.

Revision ID: formats_0001
Revises: 0001
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "formats_0001"
down_revision = "0001"
branch_labels = ("formats",)
depends_on = ("staff_0001",)


def upgrade():
    op.create_table(
        "alternative_format_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=16), nullable=False),
        sa.Column("form_slug", sa.String(length=120), nullable=False),
        sa.Column("formats", sa.String(length=200), nullable=False),
        sa.Column("other_language", sa.String(length=60), nullable=True),
        sa.Column("name_sealed", sa.Text(), nullable=True),
        sa.Column("contact_sealed", sa.Text(), nullable=True),
        sa.Column("page_language", sa.String(length=8), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("done_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["done_by_id"], ["staff_user.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("reference"),
    )
    op.create_index("ix_alternative_format_request_form_slug", "alternative_format_request", ["form_slug"])
    op.create_index("ix_alternative_format_request_created_at", "alternative_format_request", ["created_at"])


def downgrade():
    op.drop_table("alternative_format_request")
