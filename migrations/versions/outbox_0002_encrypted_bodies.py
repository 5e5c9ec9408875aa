"""Outbox: message bodies encrypted at rest, like their recipients.

A body can carry a resume code (which opens someone's saved answers) or when an adviser will
call. Existing bodies are encrypted with the contact store key in the same migration, so it
needs the app (``portal setup`` or ``flask db upgrade``), not offline SQL. Downgrade decrypts.

Revision ID: outbox_0002
Revises: outbox_0001
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import context, op

revision = "outbox_0002"
down_revision = "outbox_0001"
branch_labels = None
depends_on = None

OUTBOX = sa.table(
    "outbox_message",
    sa.column("id", sa.Integer),
    sa.column("body", sa.Text),
    sa.column("body_encrypted", sa.Text),
)


def _copy(source: str, target: str, change) -> None:
    if context.is_offline_mode():
        raise RuntimeError("outbox_0002 encrypts stored messages: run it against the database, not offline")
    bind = op.get_bind()
    for row_id, value in bind.execute(sa.select(OUTBOX.c.id, OUTBOX.c[source])).all():
        bind.execute(OUTBOX.update().where(OUTBOX.c.id == row_id).values({target: change(value)}))


def upgrade():
    from portal.forms_engine.crypto import encrypt

    with op.batch_alter_table("outbox_message") as batch:
        batch.add_column(sa.Column("body_encrypted", sa.Text(), nullable=True))
    _copy("body", "body_encrypted", encrypt)
    with op.batch_alter_table("outbox_message") as batch:
        batch.alter_column("body_encrypted", existing_type=sa.Text(), nullable=False)
        batch.drop_column("body")


def downgrade():
    from portal.forms_engine.crypto import decrypt

    with op.batch_alter_table("outbox_message") as batch:
        batch.add_column(sa.Column("body", sa.Text(), nullable=True))
    _copy("body_encrypted", "body", decrypt)
    with op.batch_alter_table("outbox_message") as batch:
        batch.alter_column("body", existing_type=sa.Text(), nullable=False)
        batch.drop_column("body_encrypted")
