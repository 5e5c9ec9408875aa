"""Local Offer: services, their taxonomy terms, areas, locations, history, flags and search index.

Revision ID: localoffer_0001
Revises: 0001
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "localoffer_0001"
down_revision = "0001"
branch_labels = ("localoffer",)
depends_on = None


def _service_child(name: str, column: str, length: int) -> None:
    op.create_table(
        name,
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column(column, sa.String(length=length), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["service_id"],
            ["localoffer_service.id"],
            name=op.f(f"fk_{name}_service_id_localoffer_service"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("service_id", column, name=op.f(f"pk_{name}")),
    )
    op.create_index(op.f(f"ix_{name}_{column}"), name, [column])


def upgrade():
    op.create_table(
        "localoffer_service",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=120), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("organisation", sa.String(length=200), nullable=False),
        sa.Column("summary", sa.String(length=400), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("eligibility", sa.Text(), nullable=False),
        sa.Column("age_min", sa.Integer(), nullable=True),
        sa.Column("age_max", sa.Integer(), nullable=True),
        sa.Column("phone", sa.String(length=60), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.Column("website", sa.String(length=400), nullable=False),
        sa.Column("contact_note", sa.String(length=400), nullable=False),
        sa.Column("cost_type", sa.String(length=10), nullable=False),
        sa.Column("cost_description", sa.String(length=400), nullable=False),
        sa.Column("access", sa.Text(), nullable=False),
        sa.Column("opening_times", sa.String(length=400), nullable=False),
        sa.Column("last_reviewed", sa.Date(), nullable=True),
        sa.Column("source", sa.String(length=400), nullable=False),
        sa.Column("sample_data", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("origin", sa.String(length=12), nullable=False),
        sa.Column("shipped_hash", sa.String(length=64), nullable=True),
        sa.Column("edited_by_staff", sa.Boolean(), nullable=False),
        sa.Column("pending_changes", sa.JSON(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_localoffer_service")),
        sa.UniqueConstraint("slug", name=op.f("uq_localoffer_service_slug")),
    )
    op.create_index(op.f("ix_localoffer_service_status"), "localoffer_service", ["status"])
    _service_child("localoffer_service_category", "category", 60)
    _service_child("localoffer_service_need", "need", 60)
    _service_child("localoffer_service_area", "district", 40)
    op.create_table(
        "localoffer_service_location",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("address", sa.String(length=400), nullable=False),
        sa.Column("postcode", sa.String(length=12), nullable=False),
        sa.Column("district", sa.String(length=40), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["service_id"],
            ["localoffer_service.id"],
            name=op.f("fk_localoffer_service_location_service_id_localoffer_service"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_localoffer_service_location")),
    )
    op.create_index(
        op.f("ix_localoffer_service_location_service_id"), "localoffer_service_location", ["service_id"]
    )
    op.create_table(
        "localoffer_service_revision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=30), nullable=False),
        sa.Column("changed_by", sa.String(length=200), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.Column("summary", sa.String(length=400), nullable=False),
        sa.Column("record", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["service_id"],
            ["localoffer_service.id"],
            name=op.f("fk_localoffer_service_revision_service_id_localoffer_service"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_localoffer_service_revision")),
    )
    op.create_index(
        op.f("ix_localoffer_service_revision_service_id"), "localoffer_service_revision", ["service_id"]
    )
    op.create_table(
        "localoffer_service_flag",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("problem", sa.String(length=30), nullable=False),
        sa.Column("details", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.Column("resolved_by", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["service_id"],
            ["localoffer_service.id"],
            name=op.f("fk_localoffer_service_flag_service_id_localoffer_service"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_localoffer_service_flag")),
    )
    op.create_index(op.f("ix_localoffer_service_flag_service_id"), "localoffer_service_flag", ["service_id"])
    op.create_index(op.f("ix_localoffer_service_flag_status"), "localoffer_service_flag", ["status"])
    op.create_table(
        "localoffer_search_word",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("word", sa.String(length=80), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_localoffer_search_word")),
        sa.UniqueConstraint("word", name=op.f("uq_localoffer_search_word_word")),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.create_table(
            "localoffer_service_search",
            sa.Column("service_id", sa.Integer(), nullable=False),
            sa.Column("document", postgresql.TSVECTOR(), nullable=False),
            sa.ForeignKeyConstraint(
                ["service_id"],
                ["localoffer_service.id"],
                name=op.f("fk_localoffer_service_search_service_id_localoffer_service"),
                ondelete="CASCADE",
            ),
            sa.PrimaryKeyConstraint("service_id", name=op.f("pk_localoffer_service_search")),
        )
        op.create_index(
            "ix_localoffer_service_search_document",
            "localoffer_service_search",
            ["document"],
            postgresql_using="gin",
        )
    else:
        op.execute(
            "CREATE VIRTUAL TABLE localoffer_service_fts USING fts5("
            "name, keywords, summary, body, tokenize = 'unicode61 remove_diacritics 2')"
        )


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.drop_table("localoffer_service_search")
    else:
        op.execute("DROP TABLE IF EXISTS localoffer_service_fts")
    op.drop_table("localoffer_search_word")
    op.drop_table("localoffer_service_flag")
    op.drop_table("localoffer_service_revision")
    op.drop_table("localoffer_service_location")
    op.drop_table("localoffer_service_area")
    op.drop_table("localoffer_service_need")
    op.drop_table("localoffer_service_category")
    op.drop_table("localoffer_service")
