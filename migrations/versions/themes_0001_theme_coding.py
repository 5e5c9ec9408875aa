"""Theme coding of free text, suggestions, and "you said, we did".

Revision ID: themes_0001
Revises: 0001
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "themes_0001"
down_revision = "0001"
branch_labels = ("themes",)
depends_on = "forms_0001"


def upgrade():
    op.create_table(
        "theme",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("form_id", sa.Integer(), sa.ForeignKey("form.id"), nullable=False, index=True),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("you_said", sa.Text(), nullable=False),
        sa.Column("we_did_html", sa.Text(), nullable=False),
        sa.UniqueConstraint("form_id", "name"),
    )
    op.create_table(
        "theme_coding",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "answer_id", sa.Integer(), sa.ForeignKey("form_answer.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("round", sa.String(10), nullable=False),
        sa.Column("coder_id", sa.Integer(), nullable=True),
        sa.Column("model", sa.String(120), nullable=True),
        sa.Column("coded_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("answer_id", "round"),
    )
    op.create_index("ix_theme_coding_answer_id", "theme_coding", ["answer_id"])
    op.create_table(
        "theme_tag",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "answer_id", sa.Integer(), sa.ForeignKey("form_answer.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("theme_id", sa.Integer(), sa.ForeignKey("theme.id", ondelete="CASCADE"), nullable=False),
        sa.Column("round", sa.String(10), nullable=False),
        sa.Column("set_by", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(12), nullable=False),
        sa.Column("model_name", sa.String(120), nullable=True),
        sa.Column("model_version", sa.String(40), nullable=True),
        sa.Column("quote", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("answer_id", "theme_id", "round"),
    )
    op.create_index("ix_theme_tag_answer_id", "theme_tag", ["answer_id"])
    op.create_index("ix_theme_tag_theme_id", "theme_tag", ["theme_id"])
    op.create_table(
        "theme_suggestion",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "answer_id", sa.Integer(), sa.ForeignKey("form_answer.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("theme_id", sa.Integer(), sa.ForeignKey("theme.id", ondelete="CASCADE"), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("model_name", sa.String(120), nullable=False),
        sa.Column("model_version", sa.String(40), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("decided_by", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("answer_id", "theme_id"),
    )
    op.create_index("ix_theme_suggestion_answer_id", "theme_suggestion", ["answer_id"])
    op.create_index("ix_theme_suggestion_theme_id", "theme_suggestion", ["theme_id"])
    op.create_index("ix_theme_suggestion_status", "theme_suggestion", ["status"])
    op.create_table(
        "theme_action",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("theme_id", sa.Integer(), sa.ForeignKey("theme.id", ondelete="CASCADE"), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_theme_action_theme_id", "theme_action", ["theme_id"])
    op.create_table(
        "theme_update",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("form_id", sa.Integer(), sa.ForeignKey("form.id"), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column(
            "action_id", sa.Integer(), sa.ForeignKey("theme_action.id", ondelete="SET NULL"), nullable=True
        ),
        sa.Column("status", sa.String(12), nullable=True),
        sa.Column("made_by", sa.Integer(), nullable=True),
        sa.Column("made_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("notified", sa.Integer(), nullable=False),
    )
    op.create_index("ix_theme_update_form_id", "theme_update", ["form_id"])
    op.create_table(
        "theme_publication",
        sa.Column("form_id", sa.Integer(), sa.ForeignKey("form.id"), primary_key=True),
        sa.Column("published_by", sa.Integer(), nullable=True),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade():
    for table in (
        "theme_publication",
        "theme_update",
        "theme_action",
        "theme_suggestion",
        "theme_tag",
        "theme_coding",
        "theme",
    ):
        op.drop_table(table)
