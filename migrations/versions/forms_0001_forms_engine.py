"""Forms engine: forms, versions, responses, answers, contact details, equality answers, drafts, outbox.

Revision ID: forms_0001
Revises: 0001
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "forms_0001"
down_revision = "0001"
branch_labels = ("forms",)
depends_on = None


def upgrade():
    op.create_table(
        "form",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_form")),
        sa.UniqueConstraint("slug", name=op.f("uq_form_slug")),
    )
    op.create_index(op.f("ix_form_kind"), "form", ["kind"])
    op.create_table(
        "form_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("form_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("checksum", sa.String(length=64), nullable=False),
        sa.Column("definition", sa.JSON(), nullable=False),
        sa.Column("loaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["form_id"], ["form.id"], name=op.f("fk_form_version_form_id_form")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_form_version")),
        sa.UniqueConstraint("form_id", "number", name=op.f("uq_form_version_form_id")),
    )
    op.create_index(op.f("ix_form_version_form_id"), "form_version", ["form_id"])
    op.create_table(
        "form_response",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("form_version_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reference", sa.String(length=20), nullable=False),
        sa.Column("submission_token", sa.String(length=64), nullable=False),
        sa.Column("safeguarding_flag", sa.Boolean(), nullable=False),
        sa.Column("entered_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["form_version_id"],
            ["form_version.id"],
            name=op.f("fk_form_response_form_version_id_form_version"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_form_response")),
        sa.UniqueConstraint("reference", name=op.f("uq_form_response_reference")),
        sa.UniqueConstraint("submission_token", name=op.f("uq_form_response_submission_token")),
    )
    op.create_index(op.f("ix_form_response_form_version_id"), "form_response", ["form_version_id"])
    op.create_table(
        "form_answer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.Column("question_key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("label", sa.Text(), nullable=True),
        sa.Column("write_in", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["response_id"],
            ["form_response.id"],
            name=op.f("fk_form_answer_response_id_form_response"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_form_answer")),
    )
    op.create_index(op.f("ix_form_answer_response_id"), "form_answer", ["response_id"])
    op.create_index(op.f("ix_form_answer_question_key"), "form_answer", ["question_key"])
    op.create_table(
        "contact_detail",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.Column("question_key", sa.String(length=64), nullable=False),
        sa.Column("value_encrypted", sa.Text(), nullable=False),
        sa.Column("erase_after", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["response_id"],
            ["form_response.id"],
            name=op.f("fk_contact_detail_response_id_form_response"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_detail")),
    )
    op.create_index(op.f("ix_contact_detail_response_id"), "contact_detail", ["response_id"])
    op.create_index(op.f("ix_contact_detail_erase_after"), "contact_detail", ["erase_after"])
    op.create_table(
        "equality_response",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("form_version_id", sa.Integer(), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["form_version_id"],
            ["form_version.id"],
            name=op.f("fk_equality_response_form_version_id_form_version"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_equality_response")),
    )
    op.create_index(op.f("ix_equality_response_form_version_id"), "equality_response", ["form_version_id"])
    op.create_table(
        "form_draft",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("form_version_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("answers_encrypted", sa.Text(), nullable=False),
        sa.Column("resume_code_hash", sa.String(length=64), nullable=True),
        sa.Column("entered_by", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("response_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["form_version_id"], ["form_version.id"], name=op.f("fk_form_draft_form_version_id_form_version")
        ),
        sa.ForeignKeyConstraint(
            ["response_id"],
            ["form_response.id"],
            name=op.f("fk_form_draft_response_id_form_response"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_form_draft")),
        sa.UniqueConstraint("token", name=op.f("uq_form_draft_token")),
        sa.UniqueConstraint("resume_code_hash", name=op.f("uq_form_draft_resume_code_hash")),
    )
    op.create_index(op.f("ix_form_draft_form_version_id"), "form_draft", ["form_version_id"])
    op.create_index(op.f("ix_form_draft_expires_at"), "form_draft", ["expires_at"])
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


def downgrade():
    for table in (
        "form_outbox", "form_draft", "equality_response", "contact_detail", "form_answer", "form_response",
        "form_version", "form",
    ):  # fmt: skip
        op.drop_table(table)
