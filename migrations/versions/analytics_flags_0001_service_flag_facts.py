"""Analytics: a fact for each family's report that a Local Offer service's information is wrong.

Revision ID: analytics_flags_0001
Revises: 0001
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "analytics_flags_0001"
down_revision = "0001"
branch_labels = ("analytics_flags",)
depends_on = ("localoffer_0001",)


def upgrade():
    op.create_table(
        "analytics_service_flag_fact",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("flag_id", sa.Integer(), nullable=True),
        sa.Column("service_slug", sa.String(length=120), nullable=False),
        sa.Column("service_name", sa.String(length=200), nullable=False),
        sa.Column("problem", sa.String(length=30), nullable=False),
        sa.Column("flagged_on", sa.Date(), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("quarter", sa.String(length=10), nullable=False),
        sa.ForeignKeyConstraint(
            ["flag_id"],
            ["localoffer_service_flag.id"],
            name=op.f("fk_analytics_service_flag_fact_flag_id_localoffer_service_flag"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_analytics_service_flag_fact")),
        sa.UniqueConstraint("flag_id", name=op.f("uq_analytics_service_flag_fact_flag_id")),
    )
    with op.batch_alter_table("analytics_service_flag_fact") as batch:
        batch.create_index(batch.f("ix_analytics_service_flag_fact_service_slug"), ["service_slug"])
        batch.create_index(batch.f("ix_analytics_service_flag_fact_flagged_on"), ["flagged_on"])


def downgrade():
    op.drop_table("analytics_service_flag_fact")
