"""Forms engine: resume-code emails go through the shared outbox; drop the engine's own form_outbox.

Nothing ever sent from form_outbox (no email channel existed), and each code was shown on screen
when it was issued, so its rows are dropped rather than copied; new codes are queued in
outbox_message (channel "email", purpose "resume_code"). Downgrade recreates the empty table.

Revision ID: forms_0002
Revises: forms_0001
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "forms_0002"
down_revision = "forms_0001"
branch_labels = None
depends_on = None


def upgrade():
    op.drop_index(op.f("ix_form_outbox_status"), table_name="form_outbox")
    op.drop_table("form_outbox")


def downgrade():
    op.create_table(
        "form_outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("to_encrypted", sa.Text(), nullable=False),
        sa.Column("body_encrypted", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_form_outbox")),
    )
    op.create_index(op.f("ix_form_outbox_status"), "form_outbox", ["status"])
