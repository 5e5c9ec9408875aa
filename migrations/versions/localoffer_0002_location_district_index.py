"""Local Offer: index the district of each service's places (searches naming a town read it).

Revision ID: localoffer_0002
Revises: localoffer_0001
Create Date: 2026-11-24
"""

from alembic import op

revision = "localoffer_0002"
down_revision = "localoffer_0001"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index(
        op.f("ix_localoffer_service_location_district"), "localoffer_service_location", ["district"]
    )


def downgrade():
    op.drop_index(op.f("ix_localoffer_service_location_district"), table_name="localoffer_service_location")
