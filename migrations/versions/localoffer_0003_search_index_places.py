"""Local Offer: the search index knows the districts each service is in.

On SQLite the FTS5 table gets a fifth column, `places` (a token per district, never ranked); on
PostgreSQL the index table gets a `places` array. `portal setup` fills the index again (the index
layout version changed), so searches naming a town find the services there in the index itself.

Revision ID: localoffer_0003
Revises: localoffer_0002
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "localoffer_0003"
down_revision = "localoffer_0002"
branch_labels = None
depends_on = None

FTS = "CREATE VIRTUAL TABLE localoffer_service_fts USING fts5({}, tokenize = 'unicode61 remove_diacritics 2')"


def upgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.add_column(
            "localoffer_service_search",
            sa.Column("places", postgresql.ARRAY(sa.String(length=40)), server_default="{}", nullable=False),
        )
    else:
        op.execute("DROP TABLE IF EXISTS localoffer_service_fts")
        op.execute(FTS.format("name, keywords, summary, body, places"))


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.drop_column("localoffer_service_search", "places")
    else:
        op.execute("DROP TABLE IF EXISTS localoffer_service_fts")
        op.execute(FTS.format("name, keywords, summary, body"))
