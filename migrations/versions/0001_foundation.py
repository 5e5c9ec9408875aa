"""Foundation: the set-up record.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "setup_record",
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("fingerprint", sa.String(length=128), nullable=False),
        sa.Column("applied_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_setup_record")),
    )


def downgrade():
    op.drop_table("setup_record")
