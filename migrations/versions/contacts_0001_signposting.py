"""Contacts: the signposting numbers shown to families, editable by staff.

Revision ID: contacts_0001
Revises: 0001
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "contacts_0001"
down_revision = "0001"
branch_labels = ("contacts",)
depends_on = None


def upgrade():
    op.create_table(
        "contact",
        sa.Column("key", sa.String(length=50), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("phone", sa.String(length=30), nullable=True),
        sa.Column("hours", sa.String(length=200), nullable=True),
        sa.Column("url", sa.String(length=500), nullable=True),
        sa.Column("last_checked", sa.Date(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("edited_by_staff", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_contact")),
    )


def downgrade():
    op.drop_table("contact")
