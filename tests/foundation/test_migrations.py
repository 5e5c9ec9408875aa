"""Every migration goes up and comes back down cleanly, on SQLite and PostgreSQL."""

from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from portal.extensions import db
from tests.conftest import make_test_app


def _is_search_index(table: str) -> bool:
    """Full-text search tables that migrations maintain by hand, outside the models."""
    return "_fts" in table or table.endswith("_search")


def _tables():
    return {t for t in inspect(db.engine).get_table_names() if not _is_search_index(t)} - {"alembic_version"}


def test_migrations_upgrade_to_the_models_and_downgrade_to_nothing(database_uri, tmp_path):
    app = make_test_app(database_uri, tmp_path)
    with app.app_context():
        downgrade(revision="base")
        assert _tables() == set()
        upgrade(revision="heads")
        assert _tables() == set(db.metadata.tables)
        downgrade(revision="base")
        assert _tables() == set()
        upgrade(revision="heads")
        db.engine.dispose()
